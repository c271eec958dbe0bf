"""The main window: document tree (left), items table (centre), the selected item (right)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QDateTime,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTime,
    QTimer,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

import checklist_app
from checklist_app.core import (
    STATUS_CYCLE,
    Assessment,
    Document,
    Evidence,
    ItemStatus,
    Mapping,
)
from checklist_app.core.titles import shortened, standalone_title
from checklist_app.i18n import _, join_sentences, ngettext
from checklist_app.paths import WORKSPACE_PATTERNS, is_demo_workspace
from checklist_app.settings import Settings
from checklist_app.storage.assessments import TEXT_MAX_CHARS
from checklist_app.storage.errors import AttachRefusedError
from checklist_app.ui import message_box
from checklist_app.ui.glyphs import assessment_name, on_screen
from checklist_app.ui.icons import status_icon
from checklist_app.ui.lazy import search_key, warm_up
from checklist_app.ui.menus import (
    ASSESSMENT_MENU,
    COMMAND_NAME,
    DETAILS_ACTION,
    IMPORT_ACTION,
    NARRATIVE_ACTION,
    menu_words,
    plain,
    with_access_key,
)
from checklist_app.ui.models.document_tree_model import (
    ALL_ITEMS,
    DocumentTreeModel,
    TreeFilterProxy,
    TreeRole,
    sections_titled,
)
from checklist_app.ui.models.item_filter import ItemFilterProxy, Presence
from checklist_app.ui.models.item_table_model import (
    Column,
    ItemTableModel,
    Role,
    department_names,
)
from checklist_app.ui.screen_fit import resize_within_screen
from checklist_app.ui.service import (
    AssessmentData,
    Attached,
    EvidenceExport,
    WorkspaceService,
    unfinished_words,
)
from checklist_app.ui.undo import AssessmentUndo, ItemUndoStack, status_of, statuses_of
from checklist_app.ui.widgets.banner import Banner
from checklist_app.ui.widgets.document_choice import CHECKLIST_LEVELS, ranked_documents
from checklist_app.ui.widgets.empty_hint import HintedTreeView
from checklist_app.ui.widgets.evidence_list import ViewerCopies
from checklist_app.ui.widgets.filter_bar import FilterBar, FilterChoices
from checklist_app.ui.widgets.filter_edit import FilterEdit
from checklist_app.ui.widgets.item_pane import ItemPane
from checklist_app.ui.widgets.item_table import ItemTableView
from checklist_app.ui.widgets.job_progress import JobProgress
from checklist_app.ui.widgets.labels import plain_tooltip
from checklist_app.ui.widgets.mapping_panel import (
    STRENGTHS,
    MappingDone,
    StrongSuggestion,
    still_unmapped,
    strong_suggestions,
)
from checklist_app.ui.widgets.search_highlight import SearchHighlightDelegate
from checklist_app.ui.widgets.welcome import WelcomePage
from checklist_app.ui.workers import JobRunner

SWITCH_TITLE_CHARS = 24  # of a checklist's title, where the switch menu needs it
ATTACHING = "attach"  # the banner's name for a refused attach (cleared by the next one)
MANY_FOLDER_FILES = 20  # a folder dropped with more files than this is asked about first
MAIN_SPLIT = (230, 760, 450)  # tree, items table, item pane: first start, and a reset layout
TABLE_LEAST_WIDTH = 220  # the items table's pane: its filters, the number and the task's start


@dataclass(frozen=True, slots=True)
class ViewState:
    """What the user was looking at, carried into a window rebuilt in another language."""

    node_id: str = ""
    branch_id: str | None = None  # the tree row whose items the table shows ("": all)
    tree_filter: str = ""
    search: str = ""
    item_tab: int = 0
    filters: FilterChoices = field(default_factory=FilterChoices)
    refused_date: str = ""  # a due date typed for the item that is no date, shown again
    selected: tuple[str, ...] = ()  # the items selected with the current one (several)
    sort_column: int = -1  # the table's sort (-1: document order)
    sort_descending: bool = False
    script: str = ""  # the item text's script switch (原文字形, 简体, 繁体)

    def kept(self) -> dict[str, str | int | None]:
        """What is brought back at the next start: the item, branch and tab (not the
        filters: a search left in the box would hide items for no reason seen)."""
        return {"node_id": self.node_id, "branch_id": self.branch_id,
                "item_tab": self.item_tab}

    @classmethod
    def from_kept(cls, kept: dict[str, object]) -> ViewState:
        node_id, branch_id, tab = (kept.get(k) for k in ("node_id", "branch_id", "item_tab"))
        return cls(node_id=node_id if isinstance(node_id, str) else "",
                   branch_id=branch_id if isinstance(branch_id, str) else None,
                   item_tab=tab if isinstance(tab, int) else 0)



_TRAILING_ACCESS_KEY = re.compile(r"(.*?)\s*(\(&\w\))")


STEP_SHOWN_CHARS = 36  # of a step named in the Edit menu; the tooltip names it whole


def with_step(command: str, step: str) -> str:
    """``撤销 二、(一)2. 状态：已完成(&U)``: the step after the command, and a Chinese
    access key, written after the entry as in ``撤销(&U)``, kept at the end of it. A long
    step is shortened in the middle: a 70-character file name made the menu wider than the
    screen, its Ctrl+Z cut off."""
    if not step:
        return command
    if len(step) > STEP_SHOWN_CHARS:
        head = STEP_SHOWN_CHARS * 2 // 3
        step = f"{step[:head]}…{step[head - STEP_SHOWN_CHARS + 1:]}"
    step = menu_words(step)  # R&D.pdf: an & of the step's is no access key
    bracketed = _TRAILING_ACCESS_KEY.fullmatch(command)
    if bracketed:
        return f"{bracketed[1]} {step}{bracketed[2]}"
    return f"{command} {step}"

class MainWindow(QMainWindow):
    """Wires the panes to the service; every change of data goes through the service.

    Dialogs are imported when first opened: the report pulls in reportlab, the importer
    python-docx, and start-up time is what staff notice every morning.
    """

    currentItemChanged = Signal(str)  # node id, "" when none
    workspaceShown = Signal()  # a workspace's data is in the panes
    languageChangeRequested = Signal(str)  # the language setting changed ("" = system)

    def __init__(self, service: WorkspaceService, settings: Settings, background: JobRunner,
                 parent: QWidget | None = None, *,
                 viewer_copies: ViewerCopies | None = None,
                 undo: AssessmentUndo | None = None) -> None:
        """``undo``: the undo histories of the window this one replaces (the changes made
        there stay undoable); new ones else."""
        super().__init__(parent)
        self.service = service
        self.settings = settings
        self._tried_workspace: Path | None = None  # the last workspace asked to open
        # the workspace asked to open again to edit, and the view to come back to
        self._reopening: tuple[Path, ViewState] | None = None
        self._refreshed_view: ViewState | None = None  # read-only, shown afresh: where it was
        self._shown_path: Path | None = None  # the workspace in the panes
        self._shown_assessment: tuple[Path, int | None] | None = None  # and its assessment
        # the item each assessment showed when another was shown instead: back to it
        self._left_items: dict[tuple[Path, int | None], str] = {}
        self.background = background
        self.undo = undo if undo is not None else AssessmentUndo()
        self.undo.setParent(self)
        self.undo.reveal = self.select_node
        self.undo.reveal_many = self.select_nodes
        self._undo_links: list[tuple[SignalInstance, Callable[..., None]]] = []
        self._selection_message = ""  # the status bar's count of selected items, if shown
        if undo is None:  # handed-over histories watch the service already
            self.undo.watch(service)
        self.dialog: QDialog | None = None
        self.import_dialog: QDialog | None = None
        self.setWindowTitle(_("Standardization policy self-assessment"))
        self.setObjectName("mainWindow")
        self._build_models()
        self._build_panes()
        self.item_pane.evidence.copies = viewer_copies  # deleted at exit by the app
        self._build_actions()
        self._update_actions()  # nothing open yet: what needs an assessment is greyed out
        self._midnight = QTimer(self, singleShot=True)
        self._midnight.timeout.connect(self.day_changed)
        self._wait_for_midnight()
        self._connect_service()
        self._restore_geometry()

    # -- construction -----------------------------------------------------------------------

    def _build_models(self) -> None:
        self.tree_model = DocumentTreeModel(self)
        self.tree_proxy = TreeFilterProxy(self)
        self._shown_branch_id = ALL_ITEMS  # the tree row whose items the table shows
        self._shown_references: tuple[str | None, str | None] = (None, None)
        self._filtering_tree = False
        self.tree_proxy.setSourceModel(self.tree_model)
        self.item_model = ItemTableModel(self, runner=self.background)
        self.proxy = ItemFilterProxy(self)
        self.proxy.setSourceModel(self.item_model)

    def _build_panes(self) -> None:
        self.banner = Banner(self)
        self.banner.newWorkspaceRequested.connect(lambda: self.choose_new_workspace())
        self.banner.reopenRequested.connect(self.reopen_to_edit)
        self.banner.assessmentRequested.connect(self.service.switch_assessment)
        self.welcome = WelcomePage(self)
        self.tree_filter = self._make_tree_filter()
        self.tree = self._make_tree()
        self.filter_bar = FilterBar(self.proxy, self)
        self.table = self._make_table()
        self.item_pane = ItemPane(self.service, self.undo, self)
        QWidget.setTabOrder(self.table, self.item_pane.detail.status)  # Tab: to 状态 at once
        self.item_pane.attachRequested.connect(self.attach_files)
        self.item_pane.evidence.reported.connect(self.show_message)
        self.item_pane.evidence.filesRemoved.connect(self._files_removed)
        self._date_refusal = ""  # the status bar's word on a refused due date, while it holds
        self._items_focused = False  # the items table was given the focus at the start
        self._dropped_date = ""  # a refused due date left behind by a load, to be said
        self.item_pane.detail.due.refused.connect(self._due_date_refused)
        self.item_pane.detail.targets.refused.connect(self.show_message)
        self.item_pane.detail.note.refused.connect(lambda n: self.show_message(_(
            "The text was not inserted: the note would be {n} characters long, and at most "
            "{limit} are kept. Attach a long text as evidence instead.").format(
            n=n, limit=TEXT_MAX_CHARS)))
        self.item_pane.detail.due.editingFinished.connect(self._due_date_settled)
        self.item_pane.clearFiltersRequested.connect(self.filter_bar.clear)
        self.item_pane.mappings.done.connect(self._mapping_done)
        self.item_pane.mappings.related.connect(self._relation_done)
        self.item_pane.mappings.said.connect(self.show_message)
        self.item_pane.sectionsRequested.connect(self.show_sections_searched)
        self.item_pane.allItemsRequested.connect(lambda: self._select_branch(ALL_ITEMS))
        self.filter_bar.resultsRequested.connect(self._go_to_results)
        self.proxy.filterApplied.connect(self._filter_applied)
        self.item_pane.detail.search_needle = self.proxy.needle
        self.item_pane.detail.selected_items = self.selected_node_ids
        self.item_pane.detail.statusChosenForSelection.connect(self._status_for_selection)
        self.proxy.filterApplied.connect(self.item_pane.detail.mark_search)
        self.job_progress = JobProgress(self)
        centre = QWidget(self)
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.addWidget(self.filter_bar)
        centre_layout.addWidget(self.table)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self, objectName="mainSplitter")
        for pane in (self._tree_pane(), centre, self.item_pane):
            self.splitter.addWidget(pane)
        # a wide screen gives the tree some of its room too (its section names elided at
        # 1920 while the table had space to spare)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes(list(MAIN_SPLIT))
        # on a small screen the table gives way first (its text columns elide): the tree
        # keeps its section names and the item pane room for every field, stacked if need be
        self.splitter.widget(0).setMinimumWidth(170)
        centre.setMinimumWidth(TABLE_LEAST_WIDTH)
        self.item_pane.setMinimumWidth(360)
        # a pane dragged to nothing (the items table, at 1366) stayed gone, restarts too
        self.splitter.setChildrenCollapsible(False)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self.splitter)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages)
        self.setCentralWidget(body)
        self.statusBar().addPermanentWidget(self.job_progress)

    def _make_tree_filter(self) -> QLineEdit:
        """Made before the tree and the table: the focus chain follows creation, and the
        box at the top left came last after the item pane's fields."""
        tree_filter = FilterEdit(self, objectName="treeFilter", clearButtonEnabled=True)
        tree_filter.setPlaceholderText(_("Filter sections…"))
        tree_filter.textChanged.connect(self._filter_tree)
        tree_filter.resultsRequested.connect(self._go_to_sections)
        return tree_filter

    def _go_to_sections(self) -> None:
        """From the sections' filter to the tree, on the branch shown (else the first
        section the filter left)."""
        if not self.tree_proxy.rowCount():
            return
        if not self.tree.currentIndex().isValid():
            self.tree.setCurrentIndex(self.tree_proxy.index(0, 0))
        self.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _tree_pane(self) -> QWidget:
        pane = QWidget(self)
        layout = QVBoxLayout(pane)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree_filter)
        layout.addWidget(self.tree)
        return pane

    def _filter_tree(self, text: str) -> None:
        """Narrow the tree; the table keeps showing the branch it showed.

        Filtering out the current row moved Qt's current index to a neighbour, which
        silently changed the table's branch (and clearing the filter did not bring it
        back). The branch stays until the user picks another one; its row is current
        again whenever the filter shows it.
        """
        shown = self._shown_branch_id
        self._filtering_tree = True
        try:
            self.tree_proxy.set_text(text)
            self.tree.set_hint(_("No section matches “{text}”.").format(text=text.strip())
                               if self.tree_proxy.matches_nothing() else "")
            self.tree.expandAll()
            if not self._select_branch(shown):
                self.tree.selectionModel().clear()
        finally:
            self._filtering_tree = False

    def _make_tree(self) -> HintedTreeView:
        tree = HintedTreeView(self)
        tree.setObjectName("documentTree")
        tree.setModel(self.tree_proxy)
        tree.setUniformRowHeights(True)
        tree.header().setStretchLastSection(False)
        tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        tree.selectionModel().currentChanged.connect(self._branch_selected)
        return tree

    def _make_table(self) -> ItemTableView:
        table = ItemTableView(self)
        table.setObjectName("itemTable")
        table.filesDroppedOnItem.connect(self._files_dropped_on_row)
        table.status_refusal = self._status_refusal
        table.statusKeyRefused.connect(self.show_message)
        table.setModel(self.proxy)
        table.setItemDelegateForColumn(
            Column.TITLE, SearchHighlightDelegate(self.proxy.needle, table))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSortingEnabled(True)
        table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        table.setWordWrap(False)
        table.setAlternatingRowColors(True)
        table.setTabKeyNavigation(False)  # Tab goes on to the item pane, not to the next cell
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.selectionModel().currentRowChanged.connect(self._row_changed)
        table.selectionModel().selectionChanged.connect(self._selection_changed)
        return table

    def _build_actions(self) -> None:
        file_menu = self.menuBar().addMenu(_("&Workspace"))
        self.open_action = self._action(_("&Open workspace…"), QKeySequence.StandardKey.Open,
                                        self.choose_workspace, file_menu)
        self._action(_("&New workspace…"), None, self.choose_new_workspace, file_menu)
        self.recent_menu = file_menu.addMenu(_("&Recent workspaces"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        # backing up beside restoring (it sat in the Assessment menu, a workspace's backup)
        self.backup_action = self._action(_("Back &up workspace now"), None, self.backup_now,
                                          file_menu)
        self.restore_action = self._action(_("Restore from &backup…"), None,
                                           self.choose_backup_to_restore, file_menu)
        file_menu.addSeparator()
        self._action(_("&Quit"), QKeySequence.StandardKey.Quit, self.close, file_menu)
        edit_menu = self.menuBar().addMenu(_("&Edit"))
        self.undo_action = self._undo_action(_("&Undo"), redo=False)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self._undo_action(_("&Redo"), redo=True)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        self.find_action = self._action(_("&Find…"), QKeySequence.StandardKey.Find,
                                        self.filter_bar.focus_search, edit_menu)
        self.cycle_action = QAction(_("Next status"), self.table)
        self.cycle_action.setShortcut(QKeySequence(Qt.Key.Key_Space))
        self.cycle_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.cycle_action.triggered.connect(self.cycle_status)
        self.table.addAction(self.cycle_action)
        self._build_status_actions(edit_menu.addMenu(_("&Change status")))
        edit_menu.addSeparator()
        self._action(_("&Settings…"), QKeySequence.StandardKey.Preferences, self.open_settings,
                     edit_menu)
        self._action(_("Reset window &layout"), None, self.reset_layout, edit_menu)
        self._build_mapping_menu()
        self._build_assessment_menu()
        help_menu = self.menuBar().addMenu(_("&Help"))
        self._action(_("&Keyboard shortcuts…"), None, self.show_shortcuts, help_menu)
        self._action(_("&About"), None, self.show_about, help_menu)
        toolbar = self.addToolBar(_("Main"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addActions([self.open_action, self.new_assessment_action, self.undo_action,
                            self.redo_action, self.narrative_action, self.report_action])
        for action in toolbar.actions():  # no (O) or … on buttons, the menus keep them
            name = action.property(COMMAND_NAME) or action.text()  # Undo: not the step
            action.setIconText(plain(name).removesuffix("…"))
        self.toolbar = toolbar

    def _build_mapping_menu(self) -> None:
        menu = self.menuBar().addMenu(_("&Mappings"))
        self.accept_next_action = QAction(_("&Accept suggestion and go to the next item"), self)
        # Enter as the key is labelled (the menu shows the first); the main key sends Return
        self.accept_next_action.setShortcuts([QKeySequence("Ctrl+Enter"),
                                              QKeySequence("Ctrl+Return")])
        self.accept_next_action.setToolTip(_(
            "Accept the suggestion selected in the Mappings tab (the best one unless another "
            "is chosen) and go to the next item (Ctrl+Enter)"))
        self.accept_next_action.triggered.connect(self.accept_and_next)
        menu.addAction(self.accept_next_action)
        menu.addSeparator()
        self.accept_strong_action = self._action(
            _("Accept all &strong suggestions…"), None, self.find_strong_suggestions, menu)
        self.accept_strong_action.setToolTip(_(
            "Accept every suggestion marked “{strong}”, at both levels, for the items selected "
            "(or all items shown) that are not mapped to that document yet; asks first, one "
            "Undo takes them all back").format(strong=_(STRENGTHS[0][1])))
        self.gaps_action = self._action(_("Upper clauses &not taken up…"), None,
                                        self.open_gaps, menu)
        self.gaps_action.setToolTip(_("The clauses of the reference documents no item takes "
                                      "up yet, each with the items that may, to map in a "
                                      "click"))
        menu.setToolTipsVisible(True)

    def _build_status_actions(self, menu: QMenu) -> None:
        """Next status (Space in the table), then Ctrl+1 … Ctrl+7 for the statuses of the
        cycle in order; 不适用 (Ctrl+7) asks for its reason, one for all the items selected."""
        menu.addAction(self.cycle_action)
        menu.addSeparator()
        self.status_actions: list[QAction] = []
        for number, status in enumerate(STATUS_CYCLE, start=1):
            words = (_("{status} (&{number})…") if status.needs_justification
                     else _("{status} (&{number})"))
            action = QAction(status_icon(status), words.format(
                status=_(status.label), number=number), self)  # Ctrl+number, and the number
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _checked=False, s=status: self._status_for_selection(s))
            menu.addAction(action)
            self.status_actions.append(action)

    def _undo_action(self, prefix: str, *, redo: bool) -> QAction:
        """Undo or redo that first saves what is being typed, so it is what gets undone
        (QUndoStack's own actions would undo the change before it and drop the typing)."""
        group = self.undo  # follows the history of the assessment shown
        action = QAction(prefix, self)
        action.setProperty(COMMAND_NAME, prefix)  # its text names the step: not in the help
        can, text_changed = ((group.canRedo, group.redoTextChanged) if redo
                             else (group.canUndo, group.undoTextChanged))
        action.setEnabled(can())
        (group.canRedoChanged if redo else group.canUndoChanged).connect(action.setEnabled)

        def describe(text: str) -> None:
            """The menu names the change; the toolbar button keeps its one word (a button
            growing with each change pushed the ones after it along) and names it in its
            tooltip."""
            action.setText(with_step(prefix, text))
            action.setIconText(plain(prefix))
            action.setToolTip(plain_tooltip(f"{plain(prefix)} {text}".strip()))

        describe(group.redoText() if redo else group.undoText())  # a history carried over
        text_changed.connect(describe)
        self._undo_links.append((text_changed, describe))  # cut when the window retires

        def run() -> None:
            self.item_pane.detail.flush_edits()
            stack = self.undo_stack
            before = stack.index()
            if redo:
                stack.redo_step()
            else:
                stack.undo_step()
            if stack.index() != before:  # say what was done, over a word on the change undone
                step = stack.command(stack.index() - 1 if redo else stack.index()).text()
                self.statusBar().showMessage(
                    (_("Redone: {step}") if redo else _("Undone: {step}")).format(step=step),
                    5000)

        action.triggered.connect(run)
        return action

    def _build_assessment_menu(self) -> None:
        menu = self.menuBar().addMenu(_(ASSESSMENT_MENU))
        self.new_assessment_action = self._action(_("&New assessment…"), None,
                                                  self.new_assessment, menu)
        self.switch_menu = menu.addMenu(_("&Switch assessment"))
        self._action(_(IMPORT_ACTION), None, self.import_document, menu)
        menu.addSeparator()
        self.details_action = self._action(_(DETAILS_ACTION), None, self.edit_details, menu)
        self.narrative_action = self._action(_(NARRATIVE_ACTION), None, self.edit_narrative,
                                             menu)
        self.report_action = self._action(_("&Report and print…"), QKeySequence.StandardKey.Print,
                                          self.open_report, menu)
        menu.addSeparator()
        self.close_assessment_action = self._action(_("&Close assessment…"), None,
                                                    self.close_assessment, menu)
        self.carry_action = self._action(_("Carry &forward into a new period…"), None,
                                         self.carry_forward, menu)
        self.delete_assessment_action = self._action(_("Delete &this assessment…"), None,
                                                     self.delete_assessment, menu)
        self.export_evidence_action = self._action(
            _("&Export evidence…"), None, self.choose_evidence_folder, menu)

    def _action(self, text: str, shortcut: QKeySequence.StandardKey | None,
                slot: Callable[[], object], menu: object) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcuts(standard_keys(shortcut))
        action.triggered.connect(lambda _checked=False: slot())  # not into optional arguments
        menu.addAction(action)  # type: ignore[attr-defined]
        return action

    def _connect_service(self) -> None:
        for signal, slot in self._service_links():
            signal.connect(slot)
        self.welcome.open_requested.connect(self.choose_workspace)
        self.welcome.new_assessment_requested.connect(self.new_assessment)
        self.welcome.import_requested.connect(lambda: self.import_document())

    def _service_links(self) -> list[tuple[SignalInstance, Callable[..., object]]]:
        """The service's signals this window follows, and its slots for them."""
        service = self.service
        return [(service.aboutToLoad, self._save_typing),
                (service.opened, self._workspace_opened),
                (service.changedElsewhere, self._changed_elsewhere),
                (service.closed, self._workspace_closed),
                (service.itemChanged, self._item_changed),
                (service.evidenceChanged, self._evidence_changed),
                (service.mappingsChanged, self._mappings_changed),
                (service.failed, self._failed),
                (service.failed, self._show_welcome_without_workspace),
                (service.restoreSuggested, self._offer_restore),
                (service.importSuggested, self._offer_import),
                (service.noticed, self.banner.show_notice),
                (service.assessmentChanged, self._assessment_changed)]

    def _disconnect_service(self) -> None:
        """Stop following the service (a rebuilt window takes over)."""
        for signal, slot in self._service_links():
            signal.disconnect(slot)

    def _failed(self, message: str, details: str) -> None:
        """The banner says what was refused; the status bar's last success (已将 4 个文件添加到
        …) would read as this action's, beside it."""
        self.statusBar().clearMessage()
        self.banner.show_error(message, details)

    def _offer_restore(self) -> None:
        """A damaged workspace: the error names the menu, and a button opens it there."""
        self.banner.offer_on_error(_("Restore from backup…"), self.choose_backup_to_restore)

    def _offer_import(self, path: Path) -> None:
        """A policy document chosen as a workspace: a button imports it."""
        self.banner.offer_on_error(_("Import this document…"),
                                   lambda: self.import_document(path))

    def _save_typing(self) -> None:
        """Before other data replaces this (another period, workspace, a restore): what is
        being typed goes into the data it was typed for, and where the clerk was is kept."""
        self.item_pane.detail.flush_edits()
        self.remember_view()
        if self._shown_assessment is not None:  # none current: no older item to go back to
            self._left_items[self._shown_assessment] = self.current_node_id()
        self._dropped_date = self._date_dropped_words()  # said once the new data is shown

    def _evidence_changed(self, _node_id: str) -> None:
        self.item_model.evidence_changed()

    def _mappings_changed(self) -> None:
        """The mapped-clause columns follow; under a 对照 filter so do the rows and count."""
        self.item_model.mappings_changed()
        if self.proxy.item_filter.mapped is not Presence.ANY:
            self._refilter_keeping_place()

    def _refilter_keeping_place(self) -> None:
        """Apply the filter again; an item that leaves it gives way to the one after it in
        the table (the one before when it was the last), as in a work list."""
        node_id = self.current_node_id()
        self.proxy.refilter()
        if not node_id or self.select_node(node_id) or not self.proxy.rowCount():
            return
        source_row = self.item_model.row_of(node_id)
        for row in range(self.proxy.rowCount()):
            if self.proxy.mapToSource(self.proxy.index(row, 0)).row() > source_row:
                break
        self.table.setCurrentIndex(self.proxy.index(row, Column.TITLE))

    # -- loading ----------------------------------------------------------------------------

    def expect_workspace(self) -> None:
        """A workspace is opening: show its panes (empty until the data arrives).

        At start-up the window is shown before the writer thread has loaded the workspace;
        without this the welcome page would flash up for that moment.
        """
        if self.service.data is None:
            self.pages.setCurrentWidget(self.splitter)

    def _show_welcome_without_workspace(self) -> None:
        if self.service.data is None:  # e.g. the workspace to open at start-up is gone
            self.pages.setCurrentWidget(self.welcome)

    def _workspace_opened(self) -> None:
        """The service loaded data: shown; another workspace than the one shown (at start,
        from the menu) comes back where the clerk left it."""
        data = self.service.data
        arriving = data.path if data is not None else None
        newly = arriving is not None and arriving != self._shown_path
        reopened, self._reopening = self._reopening, None
        refreshed, self._refreshed_view = self._refreshed_view, None
        self._workspace_loaded()
        kept = self.settings.views.get(str(arriving)) if newly else None
        if kept:
            self._apply_view(ViewState.from_kept(kept))
        elif refreshed is not None and data is not None and not newly:
            self._apply_view(refreshed)
            self.statusBar().showMessage(_(
                "Shown afresh: the program holding the workspace ({holder}) changed it.")
                .format(holder=data.locked_by) if data.locked_by else _(
                "Shown afresh: the program holding the workspace changed it."), 8000)
        elif reopened is not None and data is not None and reopened[0] == arriving:
            self._apply_view(reopened[1])
            self._say_reopened(data)
        elif not newly and self._left_items.get(self._shown_assessment):  # switched back
            self.select_node(self._left_items[self._shown_assessment])

    def _changed_elsewhere(self) -> None:
        """Read-only: the program holding the workspace wrote to it; shown afresh where the
        clerk was (branch, filters, item), so that what is read agrees with what prints."""
        data = self.service.data
        if data is None or not data.read_only or self.busy or self._reopening is not None \
                or self._in_the_way_of_refresh():
            return  # the next look (a few seconds on) tries again
        self._refreshed_view = self.view_state()
        self.service.reload()

    def _in_the_way_of_refresh(self) -> bool:
        """A dialog is open (a reload would close the report text or details shown) or the
        clerk is typing a search or filter (the view kept would be the one before)."""
        if any(dialog.isVisible() for dialog in self.findChildren(QDialog)):
            return True
        focus = QApplication.focusWidget()
        return isinstance(focus, QLineEdit) and (
            self.filter_bar.isAncestorOf(focus) or focus is self.tree_filter)

    def reopen_to_edit(self) -> None:
        """Open the read-only workspace again (the program holding it may have let go),
        coming back to the same branch, filters and item."""
        data = self.service.data
        if data is None:
            return
        self._reopening = (data.path, self.view_state())
        self.open_workspace(data.path)

    def _say_reopened(self, data: AssessmentData) -> None:
        if data.read_only:
            message = _("Still open in another program ({holder}): read-only.").format(
                holder=data.locked_by or "?")
        else:
            message = _("Opened again: you can edit now.")
        self.statusBar().showMessage(message, 8000)

    def remember_view(self) -> None:
        """Keep where the clerk is in the workspace shown, for the next time it is opened."""
        data = self.service.data
        if data is not None and data.path == self._shown_path:
            self.settings.remember_view(data.path, self.view_state().kept())

    def _workspace_loaded(self, *, keep_undo: bool = False) -> None:
        data = self.service.data
        shown = (data.path, data.assessment.id if data.assessment else None) if data else None
        if shown != self._shown_assessment:  # what the status bar said was about the other
            self.statusBar().clearMessage()  # (已结转到2025年度 stayed on over 2024's items)
        self._shown_assessment = shown
        self._shown_path = data.path if data is not None else None
        self.banner.clear_messages()  # said about the workspace or assessment shown before
        if self._dropped_date:  # but a due date typed there and dropped with the field
            self.banner.show_notice(self._dropped_date)
            self._dropped_date = ""
        self._show_data(keep_undo=keep_undo)
        if data is not None:
            self._tried_workspace = None  # opened: no failed workspace to offer for restore
            self.settings.remember_workspace(data.path)
            self.filter_bar.set_departments(department_names(data))
            self._follow_department()
        self._update_actions()
        self._fill_switch_menu()
        if self.proxy.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.proxy.index(0, Column.TITLE))
        self._focus_the_items()
        self.workspaceShown.emit()
        QTimer.singleShot(300, self, warm_up)

    def _focus_the_items(self) -> None:
        """The first workspace shown starts in the items table: the focus began in the
        section filter, eight Tabs away, and Space there typed a space."""
        focus = self.focusWidget()
        idle = focus is None or (focus is self.tree_filter and not self.tree_filter.text())
        if not self._items_focused and idle and self.proxy.rowCount():
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            self._items_focused = True

    def _workspace_closed(self) -> None:
        """No workspace open any more (a refused restore could not open it again): the
        welcome page, nothing left to edit; the banner keeps saying why."""
        self._shown_path = None
        self._show_data()
        self._update_actions()
        self._fill_switch_menu()

    def _references(self) -> tuple[str | None, str | None]:
        """The reference documents of the assessment shown (provincial, national)."""
        data = self.service.data
        assessment = data.assessment if data is not None else None
        if assessment is None:
            return None, None
        return assessment.provincial_doc_id, assessment.national_doc_id

    def _show_data(self, *, keep_undo: bool = False) -> None:
        """The panes, title and banner state over the service's data (None: the welcome);
        ``keep_undo``: the same data shown again (in a rebuilt window), its changes still
        undoable."""
        data = self.service.data
        self._shown_references = self._references()
        self.item_pane.show_item(None)
        if not keep_undo:
            self._show_history(data)
        self.tree_model.set_data_source(data)
        self.item_model.set_data_source(data)
        self.proxy.update_filter(branch=None)  # the old tree's branch means nothing now
        self._shown_branch_id = ALL_ITEMS
        self._select_branch(ALL_ITEMS)
        self.tree.expandToDepth(0)
        has_items = data is not None and data.checklist is not None
        self.pages.setCurrentWidget(self.splitter if has_items else self.welcome)
        self.banner.show_workspace_state(data)
        self._update_title()

    @property
    def undo_stack(self) -> ItemUndoStack:
        """The undo history of the assessment shown."""
        return self.undo.stack

    def _show_history(self, data: AssessmentData | None) -> None:
        """Undo follows the assessment shown, from where its changes were left (the same
        one shown again too, as after an import); nothing to undo in a closed one, nor
        after its checklist was revised."""
        if data is None:
            self.undo.show((-1, None), set())
            return
        assessment = data.assessment
        checklist = assessment.checklist_doc_id if assessment else ""
        self.undo.show((data.generation, assessment.id if assessment else None),
                       {(data.generation, a.id) for a in data.assessments},
                       f"{checklist}@{data.imported.get(checklist, '')}")
        if not data.editable:
            self.undo_stack.clear()

    def _update_actions(self) -> None:
        data = self.service.data
        has_assessment = bool(data and data.assessment)
        writable = bool(data and not data.read_only)
        for action in (self.cycle_action, *self.status_actions, self.accept_next_action,
                       self.accept_strong_action):
            action.setEnabled(bool(data and data.editable))
        self.new_assessment_action.setEnabled(data is None or writable)  # None: a workspace first
        self.details_action.setEnabled(has_assessment)
        self.gaps_action.setEnabled(has_assessment)
        self.narrative_action.setEnabled(has_assessment)
        self.report_action.setEnabled(has_assessment)
        self.close_assessment_action.setEnabled(bool(data and data.editable))
        self.delete_assessment_action.setEnabled(bool(data and data.editable))
        carried = bool(data and data.assessment and any(  # the banner names where work goes on
            a.carried_from == data.assessment.id for a in data.assessments))
        self.carry_action.setEnabled(has_assessment and writable and not carried)
        self.backup_action.setEnabled(data is not None)
        self.export_evidence_action.setEnabled(has_assessment)

    def _fill_recent_menu(self) -> None:
        """The workspaces opened lately that are still there, the last one first."""
        self.recent_menu.clear()
        current = self.service.data.path if self.service.data else None
        for text in self.settings.recent_workspaces:
            path = Path(text)
            if not path.is_file():
                continue
            number = len(self.recent_menu.actions()) + 1
            action = self.recent_menu.addAction(
                with_access_key(number, f"{path.name}  ({path.parent})"))
            action.setToolTip(text)
            action.setEnabled(path != current)
            action.triggered.connect(lambda _checked=False, p=path: self.open_workspace(p))
        if not self.recent_menu.actions():
            self.recent_menu.addAction(_("No other workspace yet")).setEnabled(False)

    def _fill_switch_menu(self) -> None:
        self.switch_menu.clear()
        data = self.service.data
        assessments = data.assessments if data else []
        captions = switch_captions(assessments, data.documents if data else {})
        for assessment, caption in zip(assessments, captions, strict=True):
            # 1. 重庆市…: its number is its access key
            action = self.switch_menu.addAction(
                "&" + menu_words(caption) if assessment.id < 10 else menu_words(caption))
            action.setCheckable(True)
            action.setChecked(bool(data and data.assessment
                                   and data.assessment.id == assessment.id))
            action.triggered.connect(
                lambda _checked=False, aid=assessment.id: self.service.switch_assessment(aid))
        self.switch_menu.setEnabled(bool(self.switch_menu.actions()))

    def _assessment_changed(self) -> None:
        """Its details, narrative or state changed: the title, banner and menus follow (and
        the mapped-clause columns and mappings, when its reference documents changed)."""
        data = self.service.data
        self.banner.show_workspace_state(data)
        if data is None or not data.editable:
            self.undo_stack.clear()  # closed: its changes can no longer be taken back
        if self._references() != self._shown_references:
            self._shown_references = self._references()
            self.item_model.mappings_changed()
            self.item_pane.mappings.references_changed()
            self.show_message(_("The reference documents changed: the mapped-clause columns "
                                "and the Mappings tab follow the new ones. Mappings to the "
                                "earlier ones are kept."))
        self._update_title()
        self._follow_department()
        self._update_actions()
        self._fill_switch_menu()
        self.item_pane.detail.refresh()
        self.item_pane.evidence.refresh()
        self.item_pane.mappings.refresh()  # closed: nothing more to accept

    def _update_title(self) -> None:
        data = self.service.data
        title = _("Standardization policy self-assessment")
        if data is not None and data.assessment is not None:
            title = f"{assessment_name(data.assessment)} — {title}"
        if data is not None and is_demo_workspace(data.path):
            title = f"{title} [{_('demonstration workspace: {name}').format(name=data.path.name)}]"
        elif data is not None:
            title = f"{title} [{data.path.name}]"
        self.setWindowTitle(title)

    def _item_changed(self, node_id: str) -> None:
        self.item_model.item_changed(node_id)
        self.tree_model.progress_changed()
        self.filter_bar.set_departments(department_names(self.service.data))

    # -- selection --------------------------------------------------------------------------

    def _branch_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._filtering_tree or not current.isValid():
            return  # the tree's filter changed, not the user's choice
        self._show_items_of(str(current.data(TreeRole.NODE_ID)), current.data(TreeRole.BRANCH))

    def _show_items_of(self, node_id: str, branch: frozenset[str] | None) -> None:
        """The table shows the items of the tree row ``node_id`` (``branch``: their ids)."""
        self._shown_branch_id = node_id
        self.proxy.update_filter(branch=branch)
        self.item_model.set_label_root(node_id)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        node_id = self.current_node_id()
        row = self.item_model.row_of(node_id)
        if self.item_pane.detail.node is None or self.item_pane.detail.node.id != node_id:
            self._say_date_dropped()
        self._forget_date_refusal()
        self.item_pane.show_item(self.item_model.node_at(row) if row >= 0 else None)
        self.currentItemChanged.emit(node_id)

    def _filter_applied(self) -> None:
        """Count what the filters leave; keep an item in view when one is left."""
        shown, total = self.proxy.rowCount(), self.proxy.items_in_branch()
        self.filter_bar.show_count(shown, total)
        searched = self.filter_bar.search.text().strip()
        in_sections = searched if shown == 0 and searched and not self._search_finds_items() \
            and sections_titled(self.tree_model, searched) else ""
        nothing = shown == 0 and total > 0
        self.item_pane.set_nothing_matches(nothing, in_sections, self.proxy.found_outside_branch(),
                                           self._mine_named_nowhere() if nothing else "")
        self.table.set_hint(self._table_hint(nothing, total))
        if shown and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.proxy.index(0, Column.TITLE))
        elif shown and not self.table.selectionModel().hasSelection():
            # the selected item left the filter and Qt moved the current row on without
            # selecting it: the pane showed an item the table did not highlight
            self.select_node(self.current_node_id())

    def _table_hint(self, nothing_matches: bool, total: int) -> str:
        """Why the table is empty: the filters match nothing, or the part of the document
        shown has no checkable items; "" when it is not."""
        if nothing_matches:
            return _("No item matches the search and filters. The pane on the right offers "
                     "to clear them.")
        if total == 0 and self._shown_branch_id != ALL_ITEMS and self.service.data is not None:
            return _("This part of the document holds no checkable items (it states principles "
                     "or background). Choose another part on the left.")
        return ""

    def _search_finds_items(self) -> bool:
        """Whether the search alone (no other filter, any branch) finds an item: then the
        other filters left the table empty, and no section is offered for it."""
        return any(self.item_model.rows_matching(self.proxy.needle(), frozenset(), "", False,
                                                 None, None))

    def show_sections_searched(self) -> None:
        """Turn a search that found no item into a filter of the tree, on its first section:
        the table then shows that section's items."""
        text = self.filter_bar.search.text().strip()
        sections = sections_titled(self.tree_model, text)
        if not sections:
            return
        self.filter_bar.search.clear()
        self.filter_bar.apply_search()
        self.tree_filter.setText(text)
        self.tree.setCurrentIndex(self.tree_proxy.mapFromSource(sections[0]))

    def _go_to_results(self) -> None:
        """From the search box to the table, on the item shown (the first one left); with
        nothing left, to the empty pane's way out (the items found in other sections, the
        sections so titled, clearing the filters), which was seven Tabs away."""
        if not self.proxy.rowCount():
            pane = self.item_pane
            ways_out = (pane.show_all_items, pane.show_sections, pane.clear_filters)
            shown = [button for button in ways_out if not button.isHidden()]
            if pane.currentWidget() is pane.empty and shown:
                shown[0].setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        if not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.proxy.index(0, Column.TITLE))
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.table.scrollTo(self.table.currentIndex())

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        """Say how many items are selected while more than one is; back to one, the count
        goes (已选择 3 个检查项 stayed after the selection was a single item again)."""
        count = len(self.table.selectionModel().selectedRows())
        self.item_pane.detail.show_selected_count(count)
        status = self.statusBar()
        if count > 1:
            self._selection_message = ngettext(
                "{n} item selected", "{n} items selected", count).format(n=count)
            status.showMessage(self._selection_message, 3000)
        elif self._selection_message and status.currentMessage() == self._selection_message:
            status.clearMessage()
            self._selection_message = ""

    def current_node_id(self) -> str:
        index = self.table.currentIndex()
        return str(index.data(Role.NODE_ID)) if index.isValid() else ""

    def select_node(self, node_id: str) -> bool:
        """Make an item current in the table, and the only one selected (False when the
        filters hide it).

        Not ``setCurrentIndex`` on the view: with Ctrl held (Ctrl+Enter) Qt makes that a
        toggle, and each item gone to stayed selected for the next status key.
        """
        index = self._shown_index(node_id)
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    def _shown_index(self, node_id: str) -> QModelIndex:
        """An item's task cell in the table; invalid when it has none or the filters hide it."""
        row = self.item_model.row_of(node_id)
        if row < 0:
            return QModelIndex()
        return self.proxy.mapFromSource(self.item_model.index(row, Column.TITLE))

    def select_nodes(self, node_ids: list[str]) -> None:
        """Select these items (those the filters show), the first in the table current."""
        rows = sorted(index.row() for index in map(self._shown_index, node_ids)
                      if index.isValid())
        if not rows:
            return
        selection = QItemSelection()
        for row in rows:
            selection.select(self.proxy.index(row, 0),
                             self.proxy.index(row, self.proxy.columnCount() - 1))
        model = self.table.selectionModel()
        first = self.proxy.index(rows[0], Column.TITLE)
        model.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
        model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.table.scrollTo(first)

    def _reselect(self, node_ids: tuple[str, ...], current: str) -> None:
        """Select ``node_ids`` again with ``current`` still the current one."""
        self.select_nodes(list(node_ids))
        index = self._shown_index(current)
        if index.isValid():
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.NoUpdate)

    def selected_node_ids(self) -> list[str]:
        rows = self.table.selectionModel().selectedRows()
        ids = [str(index.data(Role.NODE_ID)) for index in rows]
        return ids or ([self.current_node_id()] if self.current_node_id() else [])

    # -- editing ----------------------------------------------------------------------------

    def cycle_status(self) -> None:
        """Space: the selected items all take the status after the current item's, so a
        selection of mixed statuses ends on one (each stepping along alone diverged)."""
        data, current = self.service.data, self.current_node_id()
        if data is None or not data.editable or not current:
            return
        node_ids = self.selected_node_ids()
        states = [self.service.state(node_id) for node_id in node_ids]  # saves on their way
        justified = all(state.justification.strip() for state in states)
        self.set_status(next_status(self.service.state(current).status, justified))

    def _status_refusal(self) -> str:
        """Why statuses cannot be changed now ("" when they can), for a key that would."""
        data = self.service.data
        if data is None or data.editable or not self.current_node_id():
            return ""
        if data.read_only:
            return _("This workspace is open read-only: statuses cannot be changed here.")
        return _("This assessment is closed: its statuses can no longer be changed. Carry it "
                 "forward into a new period to continue.")

    def set_status(self, status: ItemStatus) -> None:
        """Give every selected item ``status``: one undo step, items already there left."""
        data = self.service.data
        if data is None or not data.editable:
            return
        node_ids = [node_id for node_id in self.selected_node_ids()
                    if self.service.state(node_id).status is not status]
        self._push_statuses(status, node_ids, {})

    def _push_statuses(self, status: ItemStatus, node_ids: list[str],
                       also: dict[str, object]) -> None:
        """``status`` (and the fields ``also`` sets) for ``node_ids``: one undo step, and a
        word in the status bar when there are several."""
        if len(node_ids) > 1:
            self.undo_stack.begin_step(statuses_of(status, len(node_ids)))
        for node_id in node_ids:
            state = self.service.state(node_id)
            self.undo_stack.push_change(
                self.service, node_id, {"status": state.status,
                                        **{name: getattr(state, name) for name in also}},
                {"status": status, **also}, status_of(status, on_screen(
                    self._item_number(node_id))))
        if len(node_ids) > 1:
            self.undo_stack.end_step()
            self.show_message(ngettext("{n} selected item set to {status}.",
                                       "{n} selected items set to {status}.",
                                       len(node_ids)).format(n=len(node_ids),
                                                             status=_(status.label)))

    def _status_for_selection(self, status: ItemStatus) -> None:
        if status.needs_justification:
            self.set_not_applicable()
        else:
            self.set_status(status)

    def set_not_applicable(self, reason: str | None = None) -> None:
        """不适用 for every selected item, with one reason (asked when not given) as each
        one's justification: one undo step. Nothing changes without a reason."""
        data = self.service.data
        if data is None or not data.editable:
            return
        node_ids = [node_id for node_id in self.selected_node_ids()
                    if self.service.state(node_id).status is not ItemStatus.NOT_APPLICABLE]
        if not node_ids:
            return
        if reason is None:
            question = _("Why does this item not apply to your office?") if len(node_ids) == 1 \
                else ngettext("Why does the {n} selected item not apply to your office?",
                              "Why do the {n} selected items not apply to your office?",
                              len(node_ids)).format(n=len(node_ids))
            given = {self.service.state(node_id).justification for node_id in node_ids}
            reason, ok = QInputDialog.getText(  # the reason they all have already, if one
                self, _("Not applicable"), question, QLineEdit.EchoMode.Normal,
                given.pop() if len(given) == 1 else "")
            if not ok:
                return
        if not reason.strip():
            self.show_message(_("Not applicable needs a reason: the status was not changed."))
            return
        self._push_statuses(ItemStatus.NOT_APPLICABLE, node_ids,
                            {"justification": reason.strip()})

    def _item_number(self, node_id: str) -> str:
        """The item's number as the table shows it (二、(一)2.), for undo steps."""
        row = self.item_model.row_of(node_id)
        return self.item_model.full_label(self.item_model.node_at(row)) if row >= 0 else ""

    def accept_and_next(self) -> None:
        """Ctrl+Enter: accept the item's selected suggestion and go on to the next item.
        With the Mappings tab hidden it is shown first, so nothing is accepted unseen."""
        data, pane = self.service.data, self.item_pane
        if data is None or not data.editable or not self.current_node_id():
            return
        if not pane.mappings.isVisible():
            pane.tabs.setCurrentWidget(pane.mapping_scroll)
            self.show_message(_("The suggestions are in view: press Ctrl+Enter again to accept "
                                "the selected one and go to the next item."))
            return
        row = self.table.currentIndex().row()
        following = (str(self.proxy.index(row + 1, 0).data(Role.NODE_ID))
                     if row + 1 < self.proxy.rowCount() else "")
        if not pane.mappings.accept_selected():  # accepted: said through its accepted signal
            if not pane.mappings.mapped_in_reference():
                self.show_message(
                    _("The suggestions for this item are weak matches: choose one to accept "
                      "it, or search for the clause.") if pane.mappings.has_suggestions()
                    else _("This item has no suggestion left to accept."))
                return
            # mapped already (an Enter or 采纳 just now): nothing to accept, on to the next
            said = (_("{item} is already mapped in this document: on to the next item.")
                    if following else _("{item} is already mapped in this document."))
            self.show_message(said.format(item=self._item_words(self.current_node_id())))
        if following:
            self.select_node(following)

    def _mapping_done(self, done: str, clause: str, inferred: str = "") -> None:
        """Say in the status bar what the mappings tab did (its lists alone changed quietly,
        and the last message, 已撤销…, stood over a mapping just made), and the national
        clauses ``inferred`` through the provincial one mapped."""
        words = {
            MappingDone.ACCEPTED: _("{item} mapped to {clause}."),
            MappingDone.MAPPED: _("{item} mapped to {clause}."),
            MappingDone.REJECTED: _("Suggestion {clause} rejected for {item}."),
            MappingDone.REMOVED: _("Mapping of {item} to {clause} removed."),
        }[MappingDone(done)]
        item = self._item_words(self.current_node_id())
        self.show_message(join_sentences(
            words.format(item=item, clause=clause),
            _("Through it, the national clause {clauses} is mapped too (inferred).").format(
                clauses=inferred) if inferred else "",
            _("Edit ▸ Undo takes it back.") if done != MappingDone.ACCEPTED else ""))

    def _relation_done(self, clause: str, relation: str) -> None:
        """Say in the status bar the relation a mapped clause was given."""
        said = _("Relation of {item} to {clause} set to {relation}.").format(
            item=self._item_words(self.current_node_id()), clause=clause, relation=relation)
        self.show_message(join_sentences(said, _("Edit ▸ Undo takes it back.")))

    def find_strong_suggestions(self) -> None:
        """对照 → Accept all strong suggestions: rank the items' suggestions off the UI thread
        (with progress and Cancel), then ask before accepting them."""
        data = self.service.data
        if data is None or not data.editable or data.checklist is None:
            return
        selected = self.table.selectionModel().selectedRows()
        rows = selected if len(selected) > 1 else [
            self.proxy.index(row, 0) for row in range(self.proxy.rowCount())]
        items = [self.item_model.node_at(self.proxy.mapToSource(index).row()) for index in rows]
        references = [d for d in (data.provincial, data.national) if d is not None]
        snapshot, checklist, wanted = data.snapshot(), data.checklist, self._references()
        self.job_progress.begin(_("Looking for strong suggestions"))
        job = self.background.run(
            lambda _token: strong_suggestions(snapshot, items, references, checklist),
            done=lambda found: self._confirm_strong(data, wanted, len(items), found),
            failed=self.job_progress.finish, progress=self.job_progress.on_progress)
        self.job_progress.set_job(job)

    def _confirm_strong(self, data: object, references: tuple[str | None, str | None],
                        item_count: int, found: list[StrongSuggestion]) -> None:
        self.job_progress.finish()
        if self.service.data is not data or not self.service.data.editable:
            return  # another workspace or period by now, or closed meanwhile
        title = _("Accept strong suggestions")
        if self._references() != references:
            message_box.information(self, title, _(
                "The reference documents changed while the suggestions were ranked: look for "
                "strong suggestions again."))
            return
        found = still_unmapped(found, self.service.data.snapshot())  # mapped meanwhile
        if not found:
            message_box.information(self, title, _(
                "No strong suggestion to accept: these items are mapped at both levels "
                "already, or their suggestions are only fair or weak."))
            return
        from checklist_app.ui.dialogs.strong_review import StrongReviewDialog

        references = [ref for ref in references if ref]
        found.sort(key=lambda s: (self.item_model.row_of(s.node_id),  # each item's together
                                  references.index(s.reference_id)
                                  if s.reference_id in references else len(references)))
        dialog = StrongReviewDialog(found, item_count, self._item_words,
                                    self.service.data.documents, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        shown = self._shown_key()
        dialog.accepted.connect(lambda: self._accept_strong(shown, dialog.chosen()))
        self._show_dialog(dialog)

    def _shown_key(self) -> tuple[int, int | None, tuple[str | None, str | None]]:
        """What a review was made for: the opening of the workspace, the assessment and its
        reference documents (the data object itself is replaced by every reload)."""
        data = self.service.data
        assessment = data.assessment.id if data and data.assessment else None
        return (data.generation if data else -1, assessment, self._references())

    def _accept_strong(self, shown: tuple[int, int | None, tuple[str | None, str | None]],
                       chosen: list[StrongSuggestion]) -> None:
        """Accept the suggestions ticked in the review, as one undo step; nothing when
        another workspace, assessment or reference is shown by now, or it was closed."""
        if self._shown_key() != shown or not (self.service.data and self.service.data.editable):
            return
        chosen = still_unmapped(chosen, self.service.data.snapshot())
        if not chosen:
            return
        count, items = len(chosen), len({s.node_id for s in chosen})
        self.item_pane.mappings.accept_strong(chosen, lambda: ngettext(
            "Accept {n} strong suggestion", "Accept {n} strong suggestions",
            count).format(n=count))
        self.show_message(ngettext(
            "Accepted {n} strong suggestion for {items} items; Undo takes it back.",
            "Accepted {n} strong suggestions for {items} items; Undo takes them all back.",
            count).format(n=count, items=items))

    def _files_dropped_on_row(self, node_id: str, files: list[Path]) -> None:
        """Files dropped on a row go to its item, which is shown: dropped on a row other
        than the one selected, they were attached where the pane did not show them."""
        if self.service.data is not None and self.service.data.editable:
            self.select_node(node_id)
        self.attach_files(node_id, files)

    def attach_files(self, node_id: str, files: list[Path]) -> None:
        """Attach files to an item off the UI thread, with progress and Cancel.

        Drops on the item, on its evidence list and the Add button all come here. A folder
        is looked into (and perhaps asked about) once the drop has returned: the file
        manager that started the drag waits for it, and a network folder may take a while.
        """
        data = self.service.data
        if data is None or not data.editable or not files:
            return
        if any(path.is_dir() for path in files):
            QTimer.singleShot(0, self, lambda: self._attach_folders(node_id, files))
            return
        self._start_attaching(node_id, files)

    def _attach_folders(self, node_id: str, paths: list[Path]) -> None:
        data = self.service.data
        if data is None or not data.editable:
            return
        files = self._files_of_folders(paths)
        if files:
            self._start_attaching(node_id, files)

    def _start_attaching(self, node_id: str, files: list[Path], left_out: str = "") -> None:
        """``left_out``: the files of the drop refused before, said again once the rest
        is attached."""
        self.job_progress.begin(ngettext("Attaching {n} file", "Attaching {n} files",
                                         len(files)).format(n=len(files)))
        job = self.service.attach(
            node_id, files, progress=self.job_progress.on_progress,
            done=lambda attached: self._attached(attached, node_id, left_out),
            failed=lambda error: self._attach_failed(error, node_id, files))
        self.job_progress.set_job(job)

    def _files_of_folders(self, paths: list[Path]) -> list[Path]:
        """The files to attach for what was given: a folder stands for its files (asked
        first when they are many); [] when nothing is left to attach (said why)."""
        from checklist_app.storage.errors import EvidenceFileError
        from checklist_app.storage.folders import files_to_attach

        try:
            found = files_to_attach(paths)
        except EvidenceFileError as error:
            self.banner.show_error(str(error))
            self.banner.mark_error_about(ATTACHING)
            return []
        if found.empty_folders:
            self.banner.show_notice(ngettext(
                "The folder {names} holds no file to attach.",
                "The folders {names} hold no file to attach.", len(found.empty_folders)).format(
                names=_folder_names(found.empty_folders)))
        if found.folders and len(found.files) > MANY_FOLDER_FILES and message_box.question(
                self, _("Attach a folder"), ngettext(
                    "Attach {n} file, with those in {folders} and its subfolders?",
                    "Attach {n} files, with those in {folders} and their subfolders?",
                    len(found.files)).format(n=len(found.files),
                                             folders=_folder_names(found.folders)),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Yes) != QMessageBox.StandardButton.Yes:
            return []
        return found.files

    def _push_attach(self, node_id: str, new: list[Evidence]) -> None:
        """Attaching is a step Undo takes back (it undid the change before it instead)."""
        count, first = len(new), new[0].shown_name
        self.undo_stack.push_attach(
            self.service, node_id, [e.id for e in new],
            lambda: _("Attach {name}").format(name=first) if count == 1 else ngettext(
                "Attach {n} file", "Attach {n} files", count).format(n=count))

    def _files_removed(self, node_id: str, count: int) -> None:
        """Say what went (the list alone changed); a notice on files attached earlier (the
        same content as another…) may name files gone now: it goes too."""
        self.banner.forget(f"{ATTACHING}:{node_id}")
        self.show_message(join_sentences(ngettext(
            "{n} file removed from {item}.", "{n} files removed from {item}.", count).format(
            n=count, item=self._item_words(node_id)), _("Edit ▸ Undo takes it back.")))

    def _attach_failed(self, error: BaseException, node_id: str, files: list[Path]) -> None:
        self.job_progress.finish()
        self.banner.mark_error_about(ATTACHING)  # the service has shown why
        if isinstance(error, AttachRefusedError):
            self._offer_the_rest(error, node_id, files)

    def _offer_the_rest(self, refused: AttachRefusedError, node_id: str,
                        files: list[Path]) -> None:
        """One locked or empty file of thirty dropped refused the whole drop: the refusal
        offers to attach the others, the ones left out said again once they are in."""
        left_out = {error.path for error in refused.refused}
        rest = [path for path in files if path not in left_out]
        if None in left_out or not rest:
            return
        said = "\n".join([_("These files were left out:"), *refused.lines])
        self.banner.offer_on_error(
            ngettext("Attach the other {n} file", "Attach the other {n} files",
                     len(rest)).format(n=len(rest)),
            lambda: self._start_attaching(node_id, rest, said))

    def _attached(self, attached: Attached, node_id: str, left_out: str = "") -> None:
        """Say where the files went (the status bar), and when a file was attached already,
        when its content contradicts its name (a text file named .pdf…), when it is
        large enough to weigh on the workspace, or which files of the drop were left out
        (the banner)."""
        self.job_progress.finish()
        self.banner.action_succeeded(ATTACHING)
        if attached.new:
            self._push_attach(node_id, attached.new)
            self.show_message(ngettext(
                "{n} file attached to {item}.", "{n} files attached to {item}.",
                len(attached.new)).format(n=len(attached.new), item=self._item_words(node_id)))
        from checklist_app.storage.evidence import size_warning
        from checklist_app.storage.sniff import mismatch_warning

        warnings = [warning for e in attached.new
                    for warning in (mismatch_warning(e.file_name, e.mime_type), size_warning(e))]
        found = [w for w in warnings if w]
        found[:0] = [_("{name} has the same content as {other}, which this item already "
                       "has.").format(name=new.shown_name, other=earlier.shown_name)
                     for new, earlier in attached.copies]
        if attached.already:
            found.insert(0, ngettext(
                "{names} is already attached to this item.",
                "{names} are already attached to this item.", len(attached.already)).format(
                names=_(", ").join(e.shown_name for e in attached.already)))
        if not attached.new:
            self.statusBar().clearMessage()  # 已将 1 个文件添加到… stood beside 已是…佐证材料
        if left_out:
            found.append(left_out)
        if found:  # about this item's files: removing some of them takes it away
            self.banner.show_notice("\n".join(found), about=f"{ATTACHING}:{node_id}")

    # -- dialogs ----------------------------------------------------------------------------

    def _already_open(self, kind: type[QDialog]) -> QDialog | None:
        """The dialog of this kind already open, brought to the front: a second Ctrl+P
        opened a second report dialog (two narrative editors would save over each other)."""
        dialog = next((d for d in self.findChildren(kind) if d.isVisible()), None)
        if dialog is not None:
            dialog.raise_()
            dialog.activateWindow()
            self.dialog = dialog
        return dialog

    def _show_dialog(self, dialog: QDialog) -> QDialog:
        """Non-modal, deleted on close; kept on the window so tests can reach it."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.show()
        return dialog

    def open_gaps(self) -> QDialog | None:
        """对照 → Upper clauses not taken up (see dialogs/gaps_dialog.py)."""
        data = self.service.data
        if data is None or data.assessment is None:
            return None
        from checklist_app.ui.dialogs.gaps_dialog import GapsDialog

        return self._already_open(GapsDialog) or self._show_dialog(
            GapsDialog(self.service, self.undo, self))

    def open_report(self) -> QDialog | None:
        if self.service.data is None or self.service.data.assessment is None:
            return None
        self.item_pane.detail.flush_edits()
        from checklist_app.ui.dialogs.report_dialog import ReportDialog  # reportlab: on demand

        return self._already_open(ReportDialog) or self._show_dialog(ReportDialog(
            self.service, self.background, font=self.settings.report_font,
            settings=self.settings, parent=self))

    def edit_narrative(self) -> QDialog | None:
        if self.service.data is None or self.service.data.assessment is None:
            return None
        from checklist_app.ui.dialogs.narrative_editor import NarrativeEditor

        return self._already_open(NarrativeEditor) or self._show_dialog(
            NarrativeEditor(self.service, self))

    def edit_details(self) -> QDialog | None:
        """The office, period, preparer, reviewer, addressee and report date of this
        assessment."""
        if self.service.data is None or self.service.data.assessment is None:
            return None
        from checklist_app.ui.dialogs.assessment_details import AssessmentDetailsDialog

        return self._already_open(AssessmentDetailsDialog) or self._show_dialog(
            AssessmentDetailsDialog(self.service, self))

    def new_assessment(self) -> QDialog | None:
        """The new-assessment wizard; with no workspace open, a new workspace first (the
        wizard's documents come from it)."""
        if self.service.data is None:
            self.choose_new_workspace(then=self.new_assessment)
            return None
        if self.service.data.read_only:  # said first: not after the wizard was filled in
            self.banner.show_notice(join_sentences(
                _("This workspace is open read-only, so no assessment can be started in it."),
                self._read_only_remedy()))
            return None
        from checklist_app.ui.dialogs.new_assessment_wizard import NewAssessmentWizard

        if (open_wizard := self._already_open(NewAssessmentWizard)) is not None:
            return open_wizard
        wizard = NewAssessmentWizard(self.service, self.settings, self)
        wizard.import_button.clicked.connect(lambda _checked=False: self.import_document())
        wizard.accepted.connect(lambda: self.show_message(
            _("New self-assessment started: {office}, {period}.").format(
                office=wizard.sent["office"], period=wizard.sent["period"])))
        return self._show_dialog(wizard)

    def _read_only_remedy(self) -> str:
        """What to do about a read-only workspace: it is write-protected, or held elsewhere."""
        if self.service.data is not None and self.service.data.write_protected:
            return _("Copy it to a folder you can write to and open the copy.")
        return _("Close it in the other program and open it again.")

    def import_document(self, path: Path | None = None) -> QDialog | None:
        """Preview a policy document (``path``, else one chosen) and save it into the
        workspace (a new one when none is open; none when this one is read-only, which is
        said first)."""
        data = self.service.data
        if data is None:
            self.choose_new_workspace(then=lambda: self.import_document(path))
            return None
        if data.read_only:
            self.banner.show_notice(join_sentences(
                _("This workspace is open read-only, so no document can be imported into it."),
                self._read_only_remedy()))
            return None
        from checklist_app.ui.dialogs.import_preview import ImportPreview

        dialog = ImportPreview(self.service, self.background, self, announce=self._imported)
        if path is not None:
            dialog.load(path)
        elif not dialog.choose_file():
            dialog.deleteLater()
            return None
        self.import_dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _imported(self, words: str) -> None:
        """Say what was imported; on the welcome page (no assessment yet) also what comes
        next: the page stayed as it was, with no word of the new assessment to start."""
        from checklist_app.ui.dialogs.new_assessment_wizard import NewAssessmentWizard

        newest = ranked_documents(self.service.data)[:1]
        checklist = bool(newest) and newest[0].level in CHECKLIST_LEVELS
        wizard = any(w.isVisible() for w in self.findChildren(NewAssessmentWizard))
        if self.pages.currentWidget() is self.welcome and checklist and not wizard:
            words = join_sentences(words, _("Start a new assessment on it with “New "
                                            "assessment…”."))
            self.welcome.new_button.setFocus()
        self.show_message(words)

    def open_settings(self) -> QDialog:
        from checklist_app.ui.dialogs.settings_dialog import SettingsDialog

        if (open_settings := self._already_open(SettingsDialog)) is not None:
            return open_settings
        dialog = SettingsDialog(self.settings, ranked_documents(self.service.data), self)
        language = self.settings.language
        dialog.accepted.connect(lambda: self._settings_changed(language))
        return self._show_dialog(dialog)

    def _settings_changed(self, language_before: str | None = None) -> None:
        self._follow_department()
        self.service.apply_settings(user=self.settings.user_name,
                                    backup_keep=self.settings.backup_count)
        if language_before is not None and self.settings.language != language_before:
            self.languageChangeRequested.emit(self.settings.language)

    def _mine_named_nowhere(self) -> str:
        """The "My department" filter's department when it is on and no item names it
        (Settings → Department holding 标准化处 where the items say 市市场监管局); "" else."""
        mine = self.filter_bar.my_department if self.filter_bar.mine.isChecked() else ""
        if not mine:
            return ""
        wanted = search_key(mine)
        named = department_names(self.service.data)
        return "" if any(wanted in search_key(name) for name in named) else mine

    def _follow_department(self) -> None:
        """"Mine" filters by the department in Settings, else the assessment's."""
        data = self.service.data
        mine = self.settings.department or (data.assessment.department
                                            if data and data.assessment else "")
        self.filter_bar.set_my_department(mine)

    def _edits_settled(self, action: str) -> bool:
        """Before the assessment is closed (``action``: the command's name): the dialogs
        holding typed text (the assessment details, the report text) saved, discarded or
        told to stay (False), a due date that is no date dropped only when the clerk says so,
        the item's typing saved. The details' typing was lost: the dialog stayed open over
        the closed assessment and refused its Save."""
        if self.dialog_kept_open() is not None:
            return False
        if (typed := self.refused_date()) and message_box.warning(
                self, action, _("The due date “{text}” is not a date and was not saved. "
                                "Go on without it?").format(text=typed),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
            self.item_pane.detail.due.setFocus()
            return False
        self.item_pane.detail.flush_edits()  # a closed assessment refuses late saves
        return True

    def close_assessment(self) -> None:
        """Close for good, after asking; No is the default (Enter closed it at once, and a
        closed assessment cannot be reopened: only a backup brings it back)."""
        if not self._edits_settled(_("Close assessment")):
            return
        answer = message_box.question(
            self, _("Close assessment"), join_sentences(
                _("Close this assessment? It can then be viewed and printed but no longer "
                  "changed, and it cannot be reopened. To continue, carry it forward into a "
                  "new period."), *unfinished_words(self.service.data),
                _("Print the report to be signed and stamped after closing: its change record "
                  "then ends with the closing, as every later reprint does.")),
            default=QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            self.service.close_assessment()

    def delete_assessment(self) -> None:
        """Delete an assessment started by mistake, after asking; one with anything recorded
        in it is refused before the question (it was asked, then refused)."""
        data = self.service.data
        if data is None or data.assessment is None:
            return
        self.item_pane.detail.flush_edits()
        self.service.deletion_refusal(self._delete_unless_refused)

    def _delete_unless_refused(self, refusal: str) -> None:
        data = self.service.data
        if data is None or data.assessment is None:
            return
        if refusal:
            message_box.information(self, _("Delete assessment"), refusal)
            return
        answer = message_box.question(
            self, _("Delete assessment"),
            _("Delete assessment “{assessment}”? Only an assessment with nothing recorded in it "
              "(no item, evidence or report text) can be deleted; this cannot be undone.")
            .format(assessment=assessment_name(data.assessment)),  # no 2. read as a list
            default=QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            caption = assessment_name(data.assessment)
            self.service.delete_assessment(done=lambda _data: self.show_message(
                _("Deleted assessment “{assessment}”.").format(assessment=caption)))

    def carry_forward(self) -> QDialog | None:
        """The carry-forward dialog, once the typing is settled (it may close this
        assessment); None when the clerk chose to stay."""
        from checklist_app.ui.dialogs.carry_forward_dialog import CarryForwardDialog

        if (shown := self._already_open(CarryForwardDialog)) is not None:
            return shown
        if not self._edits_settled(_("Carry forward")):
            return None
        dialog = CarryForwardDialog(self.service, self, self.show_message)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)  # no switch under it
        return self._show_dialog(dialog)

    def backup_now(self) -> None:
        """Back up on the writer thread with progress; Cancel leaves no backup file."""
        if self.service.data is None:
            return
        self.job_progress.begin(_("Backing up the workspace"))
        self.service.backup(self._backup_written, progress=self.job_progress.on_progress,
                            failed=self.job_progress.finish, created=self.job_progress.set_job)

    def _backup_written(self, path: Path) -> None:
        self.job_progress.finish()
        self.statusBar().showMessage(_("Backup written: {path}").format(path=path), 8000)

    def choose_evidence_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, _("Export the assessment's evidence to folder"))
        if folder:
            self.export_evidence(Path(folder))

    def export_evidence(self, folder: Path) -> None:
        """Every evidence file of the assessment into ``folder``, numbered as in the report's
        附件3, with the 佐证材料目录; on the writer thread with progress and Cancel."""
        if self.service.data is None or self.service.data.assessment is None:
            return
        self.job_progress.begin(_("Exporting evidence"))
        self.service.export_evidence(
            folder, lambda written: self._evidence_exported(folder, written),
            progress=self.job_progress.on_progress, failed=self.job_progress.finish,
            created=self.job_progress.set_job)

    def _evidence_exported(self, folder: Path, written: EvidenceExport) -> None:
        from checklist_app.storage.export import already_there_note, damaged_note

        self.job_progress.finish()
        text = ngettext(
            "Exported {n} evidence file to {folder}, listed in {index}.",
            "Exported {n} evidence files to {folder}, listed in {index}.",
            len(written.files)).format(n=len(written.files), folder=folder,
                                       index=_(", ").join(p.name for p in written.index))
        self.show_message(join_sentences(text, already_there_note(written.files)))
        if written.damaged:  # not a passing status-bar word: files are missing
            message_box.warning(self, _("Evidence damaged"), damaged_note(written.damaged))

    def _wait_for_midnight(self) -> None:
        """Judge overdue items again when the day changes while the app stays open."""
        now = QDateTime.currentDateTime()
        midnight = QDateTime(now.date().addDays(1), QTime(0, 0, 1))
        self._midnight.start(max(1000, int(now.msecsTo(midnight))))

    def day_changed(self) -> None:
        """A new day: the red due dates, the 已逾期 filter and the item pane follow it."""
        self.item_model.day_changed()
        if self.proxy.item_filter.overdue:
            self.proxy.refilter()
        if self.item_pane.detail.node is not None:  # what is being typed stays
            self.item_pane.detail.show_item(self.item_pane.detail.node)
        self._wait_for_midnight()

    def _due_date_refused(self, text: str) -> None:
        self._date_refusal = text
        self.show_message(text)

    def _due_date_settled(self) -> None:
        """A date typed right (or another item shown) ends the word on a refused one."""
        if self.item_pane.detail.due.is_valid():
            self._forget_date_refusal()

    def refused_date(self) -> str:
        """The due date typed for the item shown that is no date ("" when none is): it is
        dropped when another item is shown or the app is closed."""
        due = self.item_pane.detail.due
        return due.text().strip() if self.item_pane.detail.node and not due.is_valid() else ""

    def _say_date_dropped(self) -> None:
        """Another item is shown: a refused due date typed for this one goes with the field,
        and the status bar's word on it with the item: the banner says so, until dismissed."""
        if words := self._date_dropped_words():
            self.banner.show_notice(words)

    def _date_dropped_words(self) -> str:
        typed, node = self.refused_date(), self.item_pane.detail.node
        if not typed or node is None:
            return ""
        return _("The due date “{text}” typed for {item} is not a date and was not saved. "
                 "Type it as 2025-12-31, or pick it from the calendar.").format(
            text=typed, item=self._item_words(node.id))

    def _forget_date_refusal(self) -> None:
        if self._date_refusal and self.statusBar().currentMessage() == self._date_refusal:
            self.statusBar().clearMessage()
        self._date_refusal = ""

    def _item_words(self, node_id: str) -> str:
        """An item as the table's tooltip names it: 二、（一）2. 推动科技成果转化为标准."""
        row = self.item_model.row_of(node_id)
        if row < 0:
            return node_id
        return str(self.item_model.index(row, Column.LABEL).data(
            Qt.ItemDataRole.ToolTipRole) or node_id)

    def show_message(self, text: str) -> None:
        """A result worth reading (what an export wrote): status bar, long enough to read."""
        self.statusBar().showMessage(text, 15000)

    def show_shortcuts(self) -> QDialog:
        from checklist_app.ui.dialogs.shortcuts_dialog import ShortcutsDialog

        return self._already_open(ShortcutsDialog) or self._show_dialog(
            ShortcutsDialog(self.menu_actions(), self))

    def menu_actions(self) -> list[tuple[QAction, str]]:
        """Every action of the menu bar in menu order, each with the submenu it is in (""
        for a menu's own): 更改状态 → 已完成 reads as what Ctrl+5 does."""
        found: list[tuple[QAction, str]] = []
        for top in self.menuBar().actions():
            for action in top.menu().actions() if top.menu() else []:
                submenu = action.menu()
                if submenu is None:
                    found.append((action, ""))
                else:
                    found += [(inner, action.text()) for inner in submenu.actions()]
        return found

    def show_about(self) -> None:
        QMessageBox.about(self, _("About"), _(
            "Standardization policy self-assessment {version}\n\nWorks offline: nothing is "
            "sent over the network.").format(version=checklist_app.__version__))

    # -- workspace files --------------------------------------------------------------------

    def choose_workspace(self) -> None:
        start = self.settings.last_workspace or str(Path.home())
        name, _selected = QFileDialog.getOpenFileName(
            self, _("Open workspace"), start, _("Workspaces ({patterns})").format(
                patterns=WORKSPACE_PATTERNS))
        if name:
            self.open_workspace(Path(name))

    def choose_new_workspace(self, then: Callable[[], object] | None = None) -> None:
        """Ask where to keep a new workspace, create it with the shipped documents, and
        call ``then`` once it is open."""
        name, _selected = QFileDialog.getSaveFileName(
            self, _("New workspace"), str(Path.home() / _("self-assessment workspace.sqlite")),
            _("Workspaces ({patterns})").format(patterns=WORKSPACE_PATTERNS))
        if name:
            self.service.create(workspace_file(name), *shipped_content(),
                                done=lambda data: self._created(data, then))

    def _created(self, data: AssessmentData, then: Callable[[], object] | None) -> None:
        """Say the workspace is there and what comes next (only the title changed: nothing
        told a new user it had worked), then go on to ``then``."""
        created = ngettext("Workspace {name} created with {n} policy document.",
                           "Workspace {name} created with {n} policy documents.",
                           len(data.documents)).format(name=data.path.name,
                                                       n=len(data.documents))
        self.show_message(created if then is not None else join_sentences(
            created, _("Next: Assessment → New assessment….")))  # unless it opens now
        if then is not None:
            then()

    def open_workspace(self, path: Path) -> None:
        self.item_pane.detail.flush_edits()
        self._tried_workspace = path  # the one to restore, should it fail to open
        self.service.open(path)

    def choose_backup_to_restore(self) -> None:
        """Workspace → Restore from backup…: a backup of the workspace open (or of the one
        that failed to open), chosen in one dialog."""
        from checklist_app.ui.dialogs.restore_dialog import RestoreDialog

        current = self.service.data.path if self.service.data else None
        last = Path(self.settings.last_workspace) if self.settings.last_workspace else None
        chosen = RestoreDialog.choose(self, self._tried_workspace or current or last)
        if chosen is not None:
            self.restore_backup(*chosen)

    def restore_backup(self, backup: Path, target: Path) -> None:
        """Replace ``target`` by ``backup`` once the user confirms (the replaced file is kept);
        a backup that cannot be restored is refused before the question."""
        self.service.check_restore(
            backup, target, done=lambda problems: self._confirm_restore(backup, target, problems))

    def _confirm_restore(self, backup: Path, target: Path, problems: list[str]) -> None:
        """Ask before replacing; a backup whose records fail verification says so first
        (its audit trail broken, items changed outside the app), and so does the icon."""
        from checklist_app.storage.backup import before_restore_folder

        question = _("Replace workspace {path} by the backup {backup}?\n\nWhat was changed "
                     "since that backup is lost. The file replaced is kept as a copy in "
                     "{folder}.").format(path=target, backup=backup.name,
                                         folder=before_restore_folder())
        if problems:
            shown = problems[:5] + ([_("… and {n} more.").format(n=len(problems) - 5)]
                                    if len(problems) > 5 else [])
            question = "\n".join([_("This backup does not check out:"), *shown, "", question])
        ask = message_box.warning if problems else message_box.question
        answer = ask(self, _("Restore from backup"), question,
                     QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                     QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.item_pane.detail.flush_edits()  # saved first: the copy kept holds them
        self.service.restore(backup, target, done=lambda kept: self._restored(target, kept))

    def _restored(self, target: Path, kept: Path | None) -> None:
        message = _("Workspace {path} was restored from the backup.").format(path=target)
        if kept is not None:
            message = join_sentences(message, _("The file it replaced was kept as {path}.").format(
                path=kept))
        self.banner.show_notice(message)

    # -- geometry and closing ---------------------------------------------------------------

    def _restore_geometry(self) -> None:
        settings = self.settings
        if not (settings.window_geometry and self.restoreGeometry(
                QByteArray.fromBase64(settings.window_geometry.encode()))):
            resize_within_screen(self, 1440, 860)  # or 92 % of a smaller screen
        if settings.window_state:
            self.restoreState(QByteArray.fromBase64(settings.window_state.encode()))
        for splitter in self.findChildren(QSplitter):
            saved = settings.splitters.get(splitter.objectName())
            if saved:
                collapsible = splitter.childrenCollapsible()  # a saved state sets it too
                splitter.restoreState(QByteArray.fromBase64(saved.encode()))
                splitter.setChildrenCollapsible(collapsible)
        if settings.table_columns:
            self.table.restore_columns(QByteArray.fromBase64(settings.table_columns.encode()))
        self.table.hide_columns(settings.hidden_columns)

    def reset_layout(self) -> None:
        """Panes, item tabs and table columns as on a first start (every column shown): a
        way back from a pane dragged too thin or columns sized badly."""
        total = sum(self.splitter.sizes()) if self.splitter.isVisible() else sum(MAIN_SPLIT)
        self.splitter.setSizes([total * part // sum(MAIN_SPLIT) for part in MAIN_SPLIT])
        self.item_pane.reset_split()
        self.table.sized_by_user = False
        self.table.hide_columns([])
        self.show_message(_("The window's panes and columns are back as on a first start."))

    def save_geometry(self) -> None:
        """Keep the window's geometry, splitters, columns and where the clerk is."""
        self.remember_view()
        settings = self.settings
        settings.window_geometry = bytes(self.saveGeometry().toBase64().data()).decode()
        settings.window_state = bytes(self.saveState().toBase64().data()).decode()
        settings.splitters = {
            s.objectName(): bytes(self._split_state(s).toBase64().data()).decode()
            for s in self.findChildren(QSplitter) if s.objectName()
        }
        if self.table.sized_by_user:
            state = self.table.horizontalHeader().saveState()
            settings.table_columns = bytes(state.toBase64().data()).decode()
        else:  # never sized, or the layout was reset: fitted to the window again next time
            settings.table_columns = ""
        settings.hidden_columns = self.table.hidden_columns()

    def _split_state(self, splitter: QSplitter) -> QByteArray:
        if splitter is self.item_pane.splitter:
            return self.item_pane.split_state()
        return splitter.saveState()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Quit, unless a dialog with typed text is told to stay (Cancel)."""
        if self.dialog_kept_open() is not None:
            event.ignore()
            return
        detail = self.item_pane.detail
        if detail.has_unsaved() and not self._may_lose_unsaved():
            event.ignore()
            return
        if self.refused_date() and not self._may_drop_date():
            event.ignore()
            return
        detail.flush_edits()  # saved before the app closes the workspace
        self.save_geometry()
        event.accept()

    def dialog_kept_open(self) -> QDialog | None:
        """Close the dialogs holding typed text (the report text, the assessment details),
        each asking Save, Discard or Cancel as its Cancel does; the one told to stay, if
        any. Before quitting, and before a new language rebuilds the window. (The
        dialogs that hold typed text have ``confirm_close``: UnsavedChangesDialog's, the
        new-assessment wizard's.)"""
        for dialog in self.findChildren(QDialog):
            confirm = getattr(dialog, "confirm_close", None)
            if dialog.isVisible() and confirm is not None \
                    and not self._closed_once_saved(dialog, confirm):
                return dialog
        return None

    def _closed_once_saved(self, dialog: QDialog, confirm: Callable[[], bool]) -> bool:
        """Ask the dialog to close; while a save of its is on its way (Save chosen just now,
        or Ctrl+S before), wait for it (a second or so; up to the lock timeout when the
        workspace is busy) and ask again. False: it stays open (Cancel, or the save was
        refused and it says why)."""
        for _attempt in range(3):
            if confirm():
                return True
            if not getattr(dialog, "saving", False):
                return False
            self.service.wait_idle()
            QCoreApplication.sendPostedEvents()  # the result, queued by the writer thread
            if getattr(dialog, "closed", False) or not dialog.isVisible():
                return True
            if getattr(dialog, "save_refused", False):
                return False
        return False

    def _may_drop_date(self) -> bool:
        """Ask before quitting with a due date typed that is no date (No: correct it)."""
        buttons = QMessageBox.StandardButton
        answer = message_box.warning(
            self, _("Quit"),
            _("The due date “{text}” is not a date and was not saved. Quit without it?").format(
                text=self.refused_date()), buttons.Yes | buttons.No, buttons.No)
        if answer != buttons.Yes:
            self.item_pane.detail.due.setFocus()
        return answer == buttons.Yes

    def _may_lose_unsaved(self) -> bool:
        """Ask before quitting with typed text the workspace refused to save."""
        buttons = QMessageBox.StandardButton
        answer = message_box.warning(
            self, _("Quit"),
            _("Some of what you typed could not be saved: the workspace cannot be written to "
              "now (another program may be using it). Quitting now loses it.\n\n"
              "Quit anyway?"), buttons.Yes | buttons.No, buttons.No)
        return answer == buttons.Yes

    # -- handing over to a window rebuilt in another language -----------------------------------

    @property
    def busy(self) -> bool:
        """A job whose progress or result this window shows is still running."""
        return self.job_progress.running or self.background.busy

    def view_state(self) -> ViewState:
        return ViewState(
            node_id=self.current_node_id(), branch_id=self._shown_branch_id,
            tree_filter=self.tree_filter.text(), search=self.filter_bar.search.text(),
            item_tab=self.item_pane.tabs.currentIndex(), filters=self.filter_bar.choices(),
            refused_date=self.refused_date(), selected=tuple(self.selected_node_ids()),
            sort_column=self.table.horizontalHeader().sortIndicatorSection(),
            sort_descending=self.table.horizontalHeader().sortIndicatorOrder()
            == Qt.SortOrder.DescendingOrder,
            script=self.item_pane.detail.script.currentData() or "")

    def restore_view(self, state: ViewState) -> None:
        """Show the service's workspace as ``state`` had it: branch, search, filters, current
        item, and (with the undo stack handed over) the changes still undoable."""
        if self.service.data is None:
            return
        self._workspace_loaded(keep_undo=True)
        self._apply_view(state)

    def _apply_view(self, state: ViewState) -> None:
        self.filter_bar.choose(state.filters)
        self.tree_filter.setText(state.tree_filter)
        if state.branch_id is not None:
            self._show_branch(state.branch_id)
        if state.search:
            self.filter_bar.search.setText(state.search)
            self.filter_bar.apply_search()
        if state.sort_column >= 0:
            self.table.sortByColumn(state.sort_column, Qt.SortOrder.DescendingOrder
                                    if state.sort_descending else Qt.SortOrder.AscendingOrder)
        if state.script:
            detail = self.item_pane.detail
            detail.script.setCurrentIndex(max(0, detail.script.findData(state.script)))
        if state.node_id:
            self.select_node(state.node_id)
        if len(state.selected) > 1:
            self._reselect(state.selected, state.node_id)
        if state.refused_date and self.current_node_id() == state.node_id:
            self.item_pane.detail.due.show_refused(state.refused_date)  # still to correct
        self.item_pane.tabs.setCurrentIndex(state.item_tab)

    def _show_branch(self, node_id: str) -> None:
        """The table shows the items of ``node_id``'s branch, even while the tree's filter
        hides its row (current in the tree when shown)."""
        found = self.tree_model.match(self.tree_model.index(0, 0), TreeRole.NODE_ID, node_id,
                                      1, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
        if found:
            self._show_items_of(node_id, found[0].data(TreeRole.BRANCH))
            self._select_branch(node_id)

    def _select_branch(self, node_id: str) -> bool:
        """Make the tree row of ``node_id`` current, when the tree's filter shows it."""
        found = self.tree_proxy.match(self.tree_proxy.index(0, 0), TreeRole.NODE_ID, node_id, 1,
                                      Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
        if found:
            self.tree.setCurrentIndex(found[0])
            self.tree.scrollTo(found[0])
        return bool(found)

    def retire(self) -> None:
        """Give way to a rebuilt window: keep the note being typed and the geometry, stop
        following the service, and go (deleted once pending results have arrived)."""
        self.item_pane.detail.flush_edits()
        self.save_geometry()
        self._disconnect_service()
        for signal, slot in self._undo_links:  # the stack lives on in the new window
            signal.disconnect(slot)
        self.service.wait_idle()  # results of earlier writes are queued before the delete
        self.hide()
        self.deleteLater()


def workspace_file(name: str) -> Path:
    """The file a typed name means: ``本局`` → ``本局.sqlite`` (the Open dialog lists only
    workspace suffixes, so a file without one could not be found again)."""
    path = Path(name)
    return path if path.suffix.lower() in (".sqlite", ".db") else path.with_name(
        f"{path.name}.sqlite")


def shipped_content() -> tuple[list[Document], list[Mapping]]:
    """The five shipped documents and their curated crosswalks, for a new workspace."""
    from checklist_app.crosswalk.files import load_shipped_crosswalks
    from checklist_app.importer import shipped_documents

    documents = {document.id: document for document in shipped_documents()}
    mappings = [m for crosswalk in load_shipped_crosswalks(documents) for m in crosswalk.mappings]
    return list(documents.values()), mappings


def assessment_caption(assessment: Assessment) -> str:
    """The switch menu's entry: a closed assessment says so in one translated phrase."""
    if assessment.is_closed:
        return _("{id}. {office} {period} (closed)").format(
            id=assessment.id, office=assessment.office, period=assessment.period)
    return f"{assessment.id}. {assessment.office} {assessment.period}"


# What Windows and most Linux desktops use where the platform names no key (Quit and
# Preferences have none on GNOME, UOS and Kylin, nor on Windows for Preferences).
FALLBACK_KEYS = {QKeySequence.StandardKey.Quit: "Ctrl+Q",
                 QKeySequence.StandardKey.Preferences: "Ctrl+,"}


def standard_keys(key: QKeySequence.StandardKey) -> list[QKeySequence]:
    """The platform's first key for a standard action (as ``QKeySequence(key)``; the
    others, such as a keyboard's own Find key, would crowd the help), else the usual one
    (FALLBACK_KEYS)."""
    keys = QKeySequence.keyBindings(key)[:1]
    if not keys and key in FALLBACK_KEYS:
        keys = [QKeySequence(FALLBACK_KEYS[key])]
    return keys


def switch_captions(assessments: list[Assessment], documents: dict[str, Document]) -> list[str]:
    """The switch menu's entries; assessments of one office and period (on different
    checklists) also name their checklist, or only their numbers would tell them apart."""
    campaigns = Counter((a.office, a.period) for a in assessments)
    captions = []
    for assessment in assessments:
        caption = assessment_caption(assessment)
        checklist = documents.get(assessment.checklist_doc_id)
        if campaigns[(assessment.office, assessment.period)] > 1 and checklist is not None:
            title = on_screen(standalone_title(checklist.title))
            caption = f"{caption} · {shortened(title, SWITCH_TITLE_CHARS)}"
        captions.append(caption)
    return captions


def _folder_names(folders: Sequence[Path]) -> str:
    """“会议材料”, “签到”: folders named in a message."""
    return _(", ").join(f"“{folder.name}”" for folder in folders)


def next_status(status: ItemStatus, has_justification: bool) -> ItemStatus:
    """The status after ``status`` in STATUS_CYCLE; 不适用 only when a justification exists.
    Space never takes an item back to 未评估 (one press too many wiped an assessed item's
    status): after the last status it starts again at 未启动; Ctrl+1 sets 未评估."""
    position = STATUS_CYCLE.index(status)
    for step in range(1, len(STATUS_CYCLE)):
        following = STATUS_CYCLE[(position + step) % len(STATUS_CYCLE)]
        if following is ItemStatus.NOT_ASSESSED:
            continue
        if following.needs_justification and not has_justification:
            continue
        return following
    return status
