"""The right-hand pane: the item's details above, its evidence and mappings below."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from checklist_app.core import Node
from checklist_app.i18n import _, ngettext
from checklist_app.ui.service import WorkspaceService
from checklist_app.ui.undo import AssessmentUndo
from checklist_app.ui.widgets.evidence_list import EvidenceList
from checklist_app.ui.widgets.item_detail import ItemDetail
from checklist_app.ui.widgets.labels import plain_label
from checklist_app.ui.widgets.mapping_panel import MappingPanel

ITEM_KEPT = 150  # px of the item that the mappings tab leaves: heading and a few lines
TAB_FRAME = 6  # the tab widget's frame around its page
SEARCH_SHARE = 0.6  # of the pane the tabs take while a clause is searched by hand


class WeightedSplitter(QSplitter):
    """A splitter that shares its first real size by weights, unless a saved state was restored.

    Sizes set before a widget is laid out are not kept: a hidden page's splitter would share
    its height by the children's size hints (the evidence list asks for as much as the item).
    """

    def __init__(self, orientation: Qt.Orientation, weights: tuple[int, ...],
                 parent: QWidget | None = None) -> None:
        super().__init__(orientation, parent)
        self._weights = weights
        self._sized = False
        for index, weight in enumerate(weights):
            self.setStretchFactor(index, weight)

    def restoreState(self, state: QByteArray | bytes) -> bool:
        restored = super().restoreState(state)
        self._sized = self._sized or restored
        return restored

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized and sum(self.sizes()) > 0:
            self.share_by_weights()

    def share_by_weights(self) -> None:
        """Share the room by the weights, as on a first start: now, or when first shown
        (hidden, its sizes are placeholders)."""
        if not self.isVisible():
            self._sized = False
            return
        total, weight_sum = sum(self.sizes()), sum(self._weights)
        self.setSizes([total * w // weight_sum for w in self._weights])
        self._sized = True


class ItemPane(QStackedWidget):
    attachRequested = Signal(str, list)  # node id, list[Path]
    clearFiltersRequested = Signal()
    sectionsRequested = Signal()  # show the sections whose titles hold the search
    allItemsRequested = Signal()  # search all items, not only the selected section's

    def __init__(self, service: WorkspaceService, undo: AssessmentUndo,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.empty = self._empty_page()
        self.detail = ItemDetail(service, undo, self)
        scroll = QScrollArea(self, objectName="itemScroll")
        # no tab stop of its own (it showed none): tabbing through the fields scrolls it
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)  # never cut off
        scroll.setWidget(self.detail)
        scroll.viewport().installEventFilter(self)  # the detail fits its fields to its width
        self.scroll = scroll
        self.tabs = QTabWidget(self, objectName="itemTabs")  # first: Tab reaches its tab bar
        self.evidence = EvidenceList(service, undo, self)  # before the evidence in it
        self.mappings = MappingPanel(service, undo, self)
        self.tabs.addTab(self.evidence, _("Evidence"))
        self.mapping_scroll = QScrollArea(self)
        # no tab stop of its own (Tab stopped on it, showing nothing): as the item's scroll
        self.mapping_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.mapping_scroll.setWidgetResizable(True)
        self.mapping_scroll.setWidget(self.mappings)
        self.tabs.addTab(self.mapping_scroll, _("Mappings"))
        # the item itself gets the larger share, the evidence and mapping tabs the rest
        self.splitter = WeightedSplitter(Qt.Orientation.Vertical, (7, 3), self)
        self.splitter.setObjectName("itemSplitter")
        self.splitter.setChildrenCollapsible(False)  # the tabs dragged away stayed gone
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(self.tabs)
        self.addWidget(self.empty)
        self.addWidget(self.splitter)
        self._grown_from: tuple[list[int], list[int]] | None = None  # sizes: before, grown
        self.tabs.currentChanged.connect(self._make_room_for_tab)
        self.mappings.roomWanted.connect(self._make_room_for_search)
        self.detail.filesDropped.connect(self._attach)
        self.evidence.attachRequested.connect(self._attach)
        service.evidenceChanged.connect(self._update_tab_titles)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.scroll.viewport() and event.type() == QEvent.Type.Resize:
            self.detail.fit_width(self.scroll.viewport().width())
        return super().eventFilter(watched, event)

    def add_tab(self, widget: QWidget, title: str) -> None:
        self.tabs.addTab(widget, title)

    def show_item(self, node: Node | None) -> None:
        """Show ``node`` from its heading (another item starts at the top of the pane)."""
        if node is None or self.detail.node is None or node.id != self.detail.node.id:
            self.scroll.verticalScrollBar().setValue(0)
            self.scroll.horizontalScrollBar().setValue(0)
        self.detail.show_item(node)
        self.evidence.show_item(node.id if node else "")
        self.mappings.show_item(node)
        self.setCurrentWidget(self.splitter if node is not None else self.empty)
        self._update_tab_titles()

    def _empty_page(self) -> QWidget:
        page = QWidget(self)
        self.empty_text = plain_label(_("Select an item to see it in full."), page,
                                      wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter,
                                      objectName="noItem")  # it may name a department
        self.clear_filters = QPushButton(_("Clear search and filters"), page)
        self.clear_filters.clicked.connect(self.clearFiltersRequested)
        self.clear_filters.hide()
        self.show_sections = QPushButton(page, objectName="showSections")
        self.show_sections.clicked.connect(self.sectionsRequested)
        self.show_sections.hide()
        self.show_all_items = QPushButton(page, objectName="showAllItems")
        self.show_all_items.clicked.connect(self.allItemsRequested)
        self.show_all_items.hide()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.empty_text)
        layout.addWidget(self.clear_filters, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.show_all_items, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.show_sections, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        return page

    def _make_room_for_tab(self, index: int) -> None:
        """The mappings tab (three lists and their buttons) needs room: opening it grows the
        tabs to half the pane, or more when its lists would not show their least rows, as
        long as the item keeps its heading and the start of its text. Leaving it gives the
        item its room back (its note and sub-items were left below the fold at 1366×768),
        unless the split was changed meanwhile: then it is the user's."""
        if index != self.tabs.indexOf(self.mapping_scroll):
            self._give_room_back()
            return
        self._grow_tabs(share=0.5)

    def _make_room_for_search(self) -> None:
        """A search by hand in the mappings tab: its hits came at the cost of the mapped
        clauses and suggestions (one row left), so the tabs grow to three fifths of the
        pane, the item keeping its heading and the start of its text."""
        if self.tabs.currentWidget() is self.mapping_scroll:
            self._grow_tabs(share=SEARCH_SHARE)

    def _grow_tabs(self, share: float) -> None:
        item, tabs = self.splitter.sizes()
        total = item + tabs
        needed = (self.mappings.minimumSizeHint().height() + self.tabs.tabBar().sizeHint().height()
                  + 2 * self.mapping_scroll.frameWidth() + TAB_FRAME)
        wanted = min(max(int(total * share), needed), total - ITEM_KEPT)
        if tabs < wanted:
            grown = self._grown_from
            # the split before the tab grew, unless the user moved it since: then theirs
            before = grown[0] if grown is not None and grown[1] == [item, tabs] else [item, tabs]
            self.splitter.setSizes([total - wanted, wanted])
            self._grown_from = (before, self.splitter.sizes())

    def _give_room_back(self) -> None:
        if self._grown_from is not None:
            before, grown = self._grown_from
            self._grown_from = None
            if self.splitter.sizes() == grown:
                self.splitter.setSizes(before)

    def reset_split(self) -> None:
        """The item and its tabs shared as on a first start."""
        self._grown_from = None
        self.splitter.share_by_weights()

    def split_state(self) -> QByteArray:
        """The item/tabs split to remember: with the room the mappings tab took for itself
        given back, which the next start (on the evidence tab) would otherwise keep, the
        item's fields below the fold."""
        if self._grown_from is None or self.splitter.sizes() != self._grown_from[1]:
            return self.splitter.saveState()
        shown = self.splitter.sizes()
        self.splitter.setSizes(self._grown_from[0])
        state = self.splitter.saveState()
        self.splitter.setSizes(shown)
        return state

    def set_nothing_matches(self, nothing: bool, in_sections: str = "",
                            elsewhere: int = 0, mine_nowhere: str = "") -> None:
        """What the empty pane says: no item matches (with a way out, a way to the
        ``elsewhere`` items found in other sections, and one to the sections whose titles
        hold ``in_sections``, the search), or none is selected. ``mine_nowhere``: the "My
        department" filter's department, which no item names."""
        self.empty_text.setText(_("No item matches the search and filters.") if nothing
                                else _("Select an item to see it in full."))
        if nothing and elsewhere:
            self.empty_text.setText(_("No item of this section matches the search and "
                                      "filters."))
        if nothing and mine_nowhere:
            self.empty_text.setText(_(
                "No item names “{department}” among its responsible departments: “My "
                "department” filters by the department set in Settings. Write it there as "
                "the items name your office (as in the Department column), or leave it empty "
                "to use the assessment's.").format(department=mine_nowhere))
        self.clear_filters.setVisible(nothing)
        self.show_all_items.setText(ngettext(
            "Show the {n} item found in other sections", "Show the {n} items found in other "
            "sections", elsewhere).format(n=elsewhere))
        self.show_all_items.setVisible(nothing and elsewhere > 0)
        self.show_sections.setText(_("Show the sections titled with “{text}”").format(
            text=in_sections))
        self.show_sections.setVisible(nothing and bool(in_sections))

    def _update_tab_titles(self, _node_id: str = "") -> None:
        count = self.evidence.model.rowCount()
        self.tabs.setTabText(0, _("Evidence ({n})").format(n=count) if count else _("Evidence"))

    def _attach(self, files: list) -> None:
        if self.detail.node is not None:
            self.attachRequested.emit(self.detail.node.id, files)
