"""Mappings (对照) of the selected item to the provincial and national documents.

Three lists: the clauses the item maps to now (with relation, source, and the intermediate
clause of an inferred link); ranked suggestions with their strength compared with the best
one (the score in the tooltip) and the phrases both texts share,
to accept or reject; and a search over every clause of the reference document to map by hand.
The best suggestion is selected as an item is shown, so Accept (the button, Enter, a
double-click or the list's context menu) takes it at once. An accepted or hand-made mapping is
recorded as ``subset`` (属于其中一部分); the box beside Remove changes the relation of the
mapped clause chosen.
Rejecting or removing a curated link records a ``not_related`` mapping by the user, which
outranks the curated one (see crosswalk.coverage). Every change goes on the window's undo
stack, so removing asks nothing: Undo brings the mapping back.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QVBoxLayout,
    QWidget,
)

from checklist_app.core import (
    Document,
    Mapping,
    MappingSource,
    Node,
    RationaleKind,
    Relation,
)
from checklist_app.core.matching import contains
from checklist_app.i18n import N_, _, join_sentences
from checklist_app.ui.glyphs import document_caption
from checklist_app.ui.lazy import search_key
from checklist_app.ui.models.clause_list_model import ClauseListModel, ClauseRole, ClauseRow
from checklist_app.ui.models.item_table_model import clause_caption, label_key, reference_text
from checklist_app.ui.service import AssessmentData, WorkspaceService
from checklist_app.ui.undo import AssessmentUndo, Caption
from checklist_app.ui.widgets.labels import plain_tooltip
from checklist_app.ui.widgets.wheel_guard import guard_wheel

if TYPE_CHECKING:
    from checklist_app.core import AssessmentSnapshot
    from checklist_app.crosswalk import Candidate, Suggester

SUGGESTIONS = 5
SEARCH_LIMIT = 50
SUGGESTION_ROWS = 3  # rows in sight at least; while searching by hand, HIT_ROWS of its hits
HIT_ROWS = 3
EXCERPT_CHARS = 24  # a clause's opening under a hit: one line in a narrow pane

SOURCE_LABELS = {
    MappingSource.CURATED: N_("curated"),
    MappingSource.SUGGESTED: N_("suggested"),
    MappingSource.USER: N_("set by staff"),
    MappingSource.INFERRED: N_("inferred"),
}
# The relations a clerk can choose for a mapped clause (not related is Remove or Reject).
CHOSEN_RELATIONS = (Relation.SUBSET, Relation.EQUAL, Relation.SUPERSET, Relation.INTERSECT)
RELATION_LABELS = {
    Relation.EQUAL: N_("same as"),
    Relation.SUBSET: N_("part of"),
    Relation.SUPERSET: N_("covers"),
    Relation.INTERSECT: N_("overlaps"),
    Relation.NOT_RELATED: N_("not related"),
}


# How a suggestion compares with the item's best one. On the shipped crosswalks the median
# right suggestion scores over four fifths of the best, the median wrong one half or less.
STRENGTHS = ((0.8, N_("strong match")), (0.5, N_("fair match")), (0.0, N_("weak match")))
# The best of weak candidates is no strong match: on the shipped crosswalks 95 % of the right
# suggestions score 10 or more (a shared 基础 alone scored 5.7). A strong match also scores
# 30 or more: below it, items of several topics (成渝, 长江经济带) had three or four clauses
# all labelled strong on stock words (区域, 地方标准), and "Accept all strong suggestions"
# took them all. Against the shipped crosswalks that lifts the strong label from 81 % right
# to 85 % (89 % outside Chongqing's 附表 quota rows) for 16 of 326 right ones made fair.
WEAK_SCORE, FAIR_SCORE = 10.0, 30.0
WEAK = len(STRENGTHS) - 1  # the rank of a weak match


def strength_rank(share: float, score: float | None = None) -> int:
    """0 (strong), 1 (fair) or 2 (weak) for a suggestion scoring ``share`` of the best one
    (and ``score`` in all)."""
    if score is not None and score < WEAK_SCORE:
        share = 0.0
    elif score is not None and score < FAIR_SCORE:
        share = min(share, STRENGTHS[1][0])
    return next(rank for rank, (floor, _label) in enumerate(STRENGTHS) if share >= floor)


def match_strength(share: float, score: float | None = None) -> str:
    """The label of a suggestion scoring ``share`` of the best one (and ``score`` in all),
    in the UI language."""
    return _(STRENGTHS[strength_rank(share, score)][1])


def ranked_suggestions(suggester: Suggester, node: Node, checklist: Document | None,
                       taken: set[str]) -> list[tuple[Candidate, float]]:
    """The suggestions for ``node`` not ``taken`` (mapped or rejected), best first, each with
    its share of the best score (taken ones included: a mapped clause stays the yardstick)."""
    candidates = suggester.suggest(node, top=SUGGESTIONS + len(taken), document=checklist)
    best = candidates[0].score if candidates else 0.0
    fresh = [c for c in candidates if c.node_id not in taken and c.score > 0]
    return [(c, c.score / best if best > 0 else 0.0) for c in fresh[:SUGGESTIONS]]


@dataclass(frozen=True, slots=True)
class StrongSuggestion:
    """A suggestion labelled 匹配度高 for an item not yet mapped to its reference document."""

    node_id: str
    reference_id: str
    candidate: Candidate


def still_unmapped(found: list[StrongSuggestion],
                   snapshot: AssessmentSnapshot) -> list[StrongSuggestion]:
    """The suggestions whose item is still not mapped to their document (the user may have
    mapped some while they were ranked)."""
    from checklist_app.crosswalk import mapped_items

    mapped = {reference: mapped_items(snapshot, reference,
                                      {s.node_id for s in found if s.reference_id == reference})
              for reference in {s.reference_id for s in found}}
    return [s for s in found if s.node_id not in mapped[s.reference_id]]


def strong_suggestions(snapshot: AssessmentSnapshot, items: list[Node],
                       references: list[Document], checklist: Document,
                       ) -> Iterator[tuple[float, str]]:
    """The strong suggestions the panel would show for ``items``, for each reference
    document an item is not mapped to yet (a mapping there is left as it is). A generator
    for a background job: yields progress, returns the list."""
    from checklist_app.crosswalk import Suggester, mapped_items

    found: list[StrongSuggestion] = []
    steps = max(1, len(items) * len(references))
    for done_refs, reference in enumerate(references):
        suggester = Suggester(reference)
        mapped = mapped_items(snapshot, reference.id, [node.id for node in items])
        for position, node in enumerate(items):
            if node.id not in mapped:
                rejected = {m.to_node_id for m in snapshot.mappings if m.from_node_id == node.id
                            and m.relation is Relation.NOT_RELATED}
                found += [StrongSuggestion(node.id, reference.id, candidate) for candidate, share
                          in ranked_suggestions(suggester, node, checklist, rejected)
                          if strength_rank(share, candidate.score) == 0]
            yield (done_refs * len(items) + position + 1) / steps, node.label
    return found


# Keys that step a closed combo box through its entries, each step "activated"
_STEPPING_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown,
                  Qt.Key.Key_Home, Qt.Key.Key_End)


class MappingDone(StrEnum):
    """What the panel did, for the status bar."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"
    MAPPED = "mapped"
    REMOVED = "removed"


class ElidingComboBox(QComboBox):
    """A combo box that shortens its text in the middle when narrower than the text (Qt's
    cuts it off at the edge): long document titles keep their ends, （辽宁省） included.
    The whole text is the tooltip."""

    def __init__(self, parent: QWidget | None = None, **kwargs: Any) -> None:
        super().__init__(parent, **kwargs)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.currentTextChanged.connect(lambda text: self.setToolTip(plain_tooltip(text)))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        field = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                            QStyle.SubControl.SC_ComboBoxEditField, self)
        option.currentText = self.fontMetrics().elidedText(
            option.currentText, Qt.TextElideMode.ElideMiddle, field.width() - 2)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)


def _hit_caption(caption: str, mapped: bool) -> str:
    """A search hit's caption, marked when the item is mapped to that clause already."""
    return _("{clause} · mapped already").format(clause=caption) if mapped else caption


def user_mapping(from_node_id: str, to_node_id: str, relation: Relation, user: str | None,
                 note: str = "") -> Mapping:
    """A mapping confirmed (or rejected) by the user now."""
    return Mapping(from_node_id=from_node_id, to_node_id=to_node_id, relation=relation,
                   strength=8 if relation is not Relation.NOT_RELATED else 0,
                   rationale=RationaleKind.SEMANTIC, source=MappingSource.USER, note=note,
                   confirmed_by=user or "",
                   confirmed_at=datetime.now(UTC).isoformat(timespec="seconds"))


def stored_mapping(data: AssessmentData | None, mapping: Mapping) -> Mapping | None:
    """The stored mapping of the same key (from, to, via, source) as ``mapping``: the one
    saving it replaces, which undo puts back."""
    return next((m for m in data.mappings if m.key == mapping.key), None) if data else None


def offer_references(combo: QComboBox, data: AssessmentData | None) -> None:
    """The assessment's reference documents (provincial, national) in ``combo``, the one
    chosen before still chosen when it is among them; no signal while it is filled."""
    wanted = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for document in (data.provincial, data.national) if data else ():
        if document is not None:
            combo.addItem(document_caption(document), document.id)
    combo.setCurrentIndex(max(combo.findData(wanted), 0))
    combo.blockSignals(False)


def _list(parent: QWidget, name: str, model: ClauseListModel, rows: int) -> QListView:
    view = QListView(parent, objectName=name)
    view.setModel(model)
    view.setWordWrap(True)
    view.setAlternatingRowColors(True)
    _show_rows(view, rows)
    return view


def _show_rows(view: QListView, rows: int) -> None:
    """At least ``rows`` two-line rows of ``view`` in sight."""
    view.setMinimumHeight(view.fontMetrics().height() * 2 * rows + 8)


def _row(title: QLabel, stretched: QWidget | None, *buttons: QWidget) -> QHBoxLayout:
    """A heading, then a widget that takes the spare width (or a gap), then buttons."""
    row = QHBoxLayout()
    row.addWidget(title)
    if stretched is None:
        row.addStretch(1)
    else:
        title.setBuddy(stretched)
        row.addWidget(stretched, 1)
    for button in buttons:
        row.addWidget(button)
    return row


def _is_candidate(value: object) -> bool:
    """A crosswalk.Candidate (checked by shape: crosswalk is imported on first use)."""
    return hasattr(value, "score") and hasattr(value, "why") and hasattr(value, "node_id")


def _path(document: Document, node: Node) -> str:
    """A clause's labels from its section down (二、(七)16.), as its caption shows them."""
    return "".join(n.label for n in reversed([node, *document.ancestors(node.id)]))


def _opening(text: str) -> str:
    """The start of a clause's text, to tell hits apart on one line."""
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS] + "…"


class MappingPanel(QWidget):
    # what was done, said in the status bar (the lists alone changed quietly): the kind of
    # change (MappingDone), the clause as the lists name it, and the national clauses
    # inferred along with it
    done = Signal(str, str, str)
    related = Signal(str, str)  # a mapped clause's relation changed: the clause, the relation
    said = Signal(str)  # a word for the status bar (why a key did nothing)
    roomWanted = Signal()  # a search by hand began: its hits need more of the pane

    def __init__(self, service: WorkspaceService, undo: AssessmentUndo,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mappingPanel")
        self.service = service
        self.undo = undo
        self.node: Node | None = None
        self._suggesters: dict[str, Suggester] = {}
        self._stale = True
        self._mapped_here: set[str] = set()  # the clauses the item is mapped to, shown above
        self._mapped_documents: set[str] = set()  # the documents those clauses are of
        self._filled_for = ""  # the item the lists were last filled for
        self.current_model = ClauseListModel(self)
        self.suggestion_model = ClauseListModel(self)
        self.search_model = ClauseListModel(self)
        self._build()
        service.mappingsChanged.connect(self.refresh)
        service.opened.connect(self._suggesters.clear)

    def _build(self) -> None:
        self.target = ElidingComboBox(self, objectName="referenceDocument")
        guard_wheel(self.target)  # the mappings tab scrolls under the wheel
        self.target.setMinimumContentsLength(12)  # document titles are long: they elide
        self.target.currentIndexChanged.connect(self.refresh)
        self.current = _list(self, "currentMappings", self.current_model, 2)
        self.remove_button = QPushButton(_("Remove mapping"), self)
        self.remove_button.clicked.connect(self.remove_selected)
        self.relation = self._relation_box()
        self.suggestions = _list(self, "suggestions", self.suggestion_model, SUGGESTION_ROWS)
        self.accept_button = QPushButton(_("Accept"), self, objectName="acceptSuggestion")
        self.reject_button = QPushButton(_("Reject"), self, objectName="rejectSuggestion")
        self.accept_button.clicked.connect(self.accept_selected)
        self.reject_button.clicked.connect(self.reject_selected)
        self._suggestion_actions()
        self.search = QLineEdit(self, objectName="clauseSearch", clearButtonEnabled=True)
        self.search.setPlaceholderText(_("Search any clause…"))
        self.search.setToolTip(_("Search any clause of the reference document"))
        self.search.textChanged.connect(self._search)
        self.hits = _list(self, "clauseHits", self.search_model, 1)
        self.map_button = QPushButton(_("Map to this clause"), self)
        self.map_button.clicked.connect(self.map_selected_hit)
        self._search_keys()
        self._layout()
        for view in (self.current, self.suggestions, self.hits):
            view.selectionModel().selectionChanged.connect(self._follow_choice)
            view.selectionModel().currentChanged.connect(self._follow_choice)
            view.model().modelReset.connect(self._follow_choice)

    def _relation_box(self) -> QComboBox:
        """How the item relates to the mapped clause chosen above it: a suggestion is
        accepted as 属于其中一部分 (the usual case: a city's task is part of the province's),
        and this changes it (one undo step)."""
        box = QComboBox(self, objectName="mappingRelation")
        box.setPlaceholderText(_("Relation"))  # shown while no mapped clause is chosen
        for relation in CHOSEN_RELATIONS:
            box.addItem(_(RELATION_LABELS[relation]), relation.value)  # Qt keeps a str
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        guard_wheel(box)
        box.installEventFilter(self)  # ↑/↓ on the closed box: see eventFilter
        box.activated.connect(self._relation_chosen)
        return box

    def _follow_choice(self) -> None:
        """A button acts on the row chosen in its list: greyed out until one is (clicked
        with none, Accept did nothing and said nothing)."""
        editable = self._editable()
        self.accept_button.setEnabled(editable and _is_candidate(self._selected(self.suggestions)))
        self.reject_button.setEnabled(self.accept_button.isEnabled())
        mapping = self._selected(self.current)
        self.remove_button.setEnabled(editable and isinstance(mapping, Mapping))
        self.map_button.setEnabled(editable and isinstance(self._selected(self.hits), Node))
        self._show_relation(mapping if isinstance(mapping, Mapping) else None, editable)

    def _show_relation(self, mapping: Mapping | None, editable: bool) -> None:
        """The relation box shows the chosen mapped clause's relation (its placeholder with
        none); an inferred one follows its provincial mapping and is not changed here (set
        directly, it outlived that mapping)."""
        at = self.relation.findData(mapping.relation.value) if mapping is not None else -1
        self.relation.setCurrentIndex(at)
        inferred = mapping is not None and mapping.source is MappingSource.INFERRED
        self.relation.setEnabled(editable and at >= 0 and not inferred)
        self.relation.setToolTip(
            _("Inferred through another mapping of this item: change that one instead.")
            if inferred else _("How the item relates to the mapped clause chosen above"))

    def _suggestion_actions(self) -> None:
        """Enter or a double-click accepts the suggestion; its context menu accepts or
        rejects it."""
        self.accept_action = QAction(_("Accept"), self.suggestions)
        self.accept_action.setShortcuts([QKeySequence(Qt.Key.Key_Return),
                                         QKeySequence(Qt.Key.Key_Enter)])
        self.accept_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.accept_action.triggered.connect(self._accept_by_key)
        self.reject_action = QAction(_("Reject"), self.suggestions)
        self.reject_action.triggered.connect(self.reject_selected)
        self.suggestions.addActions([self.accept_action, self.reject_action])
        self.suggestions.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.suggestions.doubleClicked.connect(self._suggestion_double_clicked)
        self.accept_button.setToolTip(_("Accept the selected suggestion (Enter); Ctrl+Enter "
                                        "also goes on to the next item"))

    def _accept_by_key(self) -> None:
        """Enter in the suggestions: a weak first one is not chosen for the clerk, so Enter
        on its faint row did nothing without a word."""
        if not self.accept_selected() and self.suggestion_model.rowCount():
            self.said.emit(_("Choose a suggestion with ↑ and ↓ first, then press Enter to "
                             "accept it."))

    def _search_keys(self) -> None:
        """Enter or ↓ in the search box goes to the clauses found (as the main search box
        goes to the items); Enter or a double-click on one maps the item to it."""
        self.search.installEventFilter(self)
        to_clause = QAction(_("Map to this clause"), self.hits)
        to_clause.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        to_clause.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        to_clause.triggered.connect(self.map_selected_hit)
        self.hits.addAction(to_clause)
        self.hits.doubleClicked.connect(lambda index: index.isValid() and self.map_selected_hit())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.relation and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() in _STEPPING_KEYS
                and not event.modifiers() & Qt.KeyboardModifier.AltModifier):
            self.relation.showPopup()  # each ↑/↓ on the closed box was a saved change
            return True
        if (watched is self.search and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and self.search_model.rowCount()
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down)):
            self.hits.setFocus()
            self.hits.selectionModel().setCurrentIndex(  # chosen: Enter maps it
                self.search_model.index(0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
            return True
        return super().eventFilter(watched, event)

    def _suggestion_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.accept_selected()

    def _layout(self) -> None:
        """Each list under a heading row that holds its buttons: however short the pane,
        the buttons stay in sight and the lists share the height that is left."""
        suggestions = QLabel(_("Suggestions"), self)
        suggestions.setToolTip(_("Best first; strong, fair or weak compared with the best "
                                 "match, with the phrases both texts share"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(_row(QLabel(_("Reference document"), self), self.target))
        # the relation box has no label of its own: a pane at its narrowest had no room
        # for one in English; its entries are relations and its tooltip says what of
        layout.addLayout(_row(QLabel(_("Mapped clauses"), self), None, self.relation,
                              self.remove_button))
        layout.addWidget(self.current, 2)
        layout.addLayout(_row(suggestions, None, self.accept_button, self.reject_button))
        layout.addWidget(self.suggestions, 3)
        layout.addLayout(_row(QLabel(_("Map by hand"), self), self.search, self.map_button))
        layout.addWidget(self.hits, 1)
        self.hits.hide()  # until a search is typed (_give_room_to_hits)

    # -- showing ----------------------------------------------------------------------------

    def show_item(self, node: Node | None) -> None:
        if node is None or self.node is None or node.id != self.node.id:
            self.search.clear()  # the last item's search: its hits are no answer for this one
        self.node = node
        self._fill_targets()
        self.refresh()

    def references_changed(self) -> None:
        """The assessment's reference documents changed: offer those (the lists follow at
        the next :meth:`refresh`)."""
        self._fill_targets()

    def _fill_targets(self) -> None:
        offer_references(self.target, self.service.data)
        self.target.setToolTip(plain_tooltip(self.target.currentText()))  # the whole title

    def reference(self) -> Document | None:
        data = self.service.data
        doc_id = self.target.currentData()
        return data.documents.get(doc_id) if data and doc_id else None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Recompute the lists, but only while visible: suggestions cost a ranking each."""
        self._stale = not self.isVisible()
        if not self._stale:
            self._fill()

    def _fill(self) -> None:
        data, node, reference = self.service.data, self.node, self.reference()
        if data is None or node is None or data.assessment is None:
            for model in (self.current_model, self.suggestion_model, self.search_model):
                model.set_rows([])
            self._mapped_here, self._mapped_documents = set(), set()
            return
        current = self._current_rows(data, node)
        kept = self._selected(self.current) if node.id == self._filled_for else None
        self._filled_for = node.id
        self.current_model.set_rows(current)
        if isinstance(kept, Mapping):  # still chosen after its relation changed
            self._choose_mapped(kept.to_node_id)
        self._mapped_here = {row.node_id for row in current}
        taken = {row.node_id for row in current} | self._rejected(data, node)
        self.suggestion_model.set_rows(self._suggestion_rows(data, node, reference, taken))
        if self.best_is_likely():  # ready for Accept; a weak one waits to be chosen
            self.suggestions.setCurrentIndex(self.suggestion_model.index(0))
        self._search(self.search.text())
        editable = data.editable
        for control in (self.accept_action, self.reject_action):  # Enter says what to do
            control.setEnabled(editable)
        self._follow_choice()

    def _current_rows(self, data: AssessmentData, node: Node) -> list[ClauseRow]:
        from checklist_app.crosswalk import best_mappings

        snapshot = data.snapshot()
        rows = []
        self._mapped_documents = set()
        for document in (data.provincial, data.national):
            if document is None:
                continue
            for mapping in best_mappings(snapshot, node.id, document.id):
                if mapping.relation is Relation.NOT_RELATED:
                    continue
                via = (_("via {clause}").format(clause=clause_caption(data.provincial,
                                                                       mapping.via_node_id))
                       if mapping.via_node_id else "")
                detail = " · ".join(filter(None, [
                    document.region, _(RELATION_LABELS[mapping.relation]),
                    _(SOURCE_LABELS[mapping.source]), via]))
                self._mapped_documents.add(document.id)
                rows.append(ClauseRow(mapping.to_node_id,
                                      clause_caption(document, mapping.to_node_id), detail,
                                      mapping.note, mapping))
        return rows

    @staticmethod
    def _rejected(data: AssessmentData, node: Node) -> set[str]:
        return {m.to_node_id for m in data.mappings if m.from_node_id == node.id
                and m.relation is Relation.NOT_RELATED}

    def _suggestion_rows(self, data: AssessmentData, node: Node, reference: Document | None,
                         taken: set[str]) -> list[ClauseRow]:
        if reference is None:
            return []
        from checklist_app.crosswalk import Suggester

        suggester = self._suggesters.get(reference.id)
        if suggester is None:
            suggester = self._suggesters[reference.id] = Suggester(reference)
        return [self._suggestion_row(reference, candidate, share) for candidate, share
                in ranked_suggestions(suggester, node, data.checklist, taken)]

    @staticmethod
    def _suggestion_row(reference: Document, candidate: Candidate, share: float) -> ClauseRow:
        """高/中/低 against the item's best match (raw scores mean nothing to a clerk);
        the score itself in the tooltip, with the whole shared phrases."""
        phrases = reference_text(reference, candidate.why) or "—"
        tooltip = _("Score {score:.1f}, {percent:.0%} of the best match. Shared: {phrases}")
        rank = strength_rank(share, candidate.score)
        return ClauseRow(
            candidate.node_id,
            f"{match_strength(share, candidate.score)} · "
            f"{clause_caption(reference, candidate.node_id)}",
            _("shared: {phrases}").format(phrases=phrases),
            tooltip.format(score=candidate.score, percent=share, phrases=phrases), candidate,
            strength=rank)

    def _search(self, text: str) -> None:
        reference = self.reference()
        needle = search_key(text.strip())
        self._give_room_to_hits(bool(needle))
        if reference is None or not needle:
            self.search_model.set_rows([])
            return
        mapped = self._mapped_here
        hits = [n for n in reference.nodes if n.checkable and contains(
                f"{label_key(_path(reference, n))} {n.search_text.lower() or search_key(n.text)}",
                needle)]
        self.search_model.set_rows([
            ClauseRow(n.id, _hit_caption(clause_caption(reference, n.id), n.id in mapped),
                      reference_text(reference, _opening(n.text)),
                      join_sentences(_("Already mapped to this item.") if n.id in mapped
                                     else "", reference_text(reference, n.text[:400])), n)
            for n in hits[:SEARCH_LIMIT]])

    def _give_room_to_hits(self, searching: bool) -> None:
        """While a search is typed its hits get three rows and the suggestions give way
        (at 1280×720 the hits had a row and a half); with no search the empty list is
        hidden, its height the mapped clauses' and suggestions'."""
        began = searching and self.hits.isHidden()
        self.hits.setVisible(searching)
        _show_rows(self.suggestions, 1 if searching else SUGGESTION_ROWS)
        _show_rows(self.hits, HIT_ROWS if searching else 1)
        layout = self.layout()
        layout.setStretchFactor(self.suggestions, 1 if searching else 3)
        layout.setStretchFactor(self.hits, 3 if searching else 1)
        if began:
            self.roomWanted.emit()

    # -- actions ----------------------------------------------------------------------------

    def _selected(self, view: QListView) -> object:
        """The row chosen in ``view``: selected, not merely current (tabbing into a list
        makes its first row current, drawn faintly: Enter then took a weak suggestion
        nobody had chosen)."""
        index = view.currentIndex()
        chosen = index.isValid() and view.selectionModel().isSelected(index)
        return index.data(ClauseRole.PAYLOAD) if chosen else None

    def _mapping(self, to_node_id: str, relation: Relation, note: str = "") -> Mapping:
        assert self.node is not None
        return user_mapping(self.node.id, to_node_id, relation, self.service.user, note)

    def accept_strong(self, found: list[StrongSuggestion], text: Caption) -> None:
        """Accept these suggestions (of any items) as one undo step."""
        if not found or not self._editable():
            return
        data = self.service.data
        assert data is not None
        stored = {m.key: m for m in data.mappings}
        changes = []
        for suggestion in found:
            after = user_mapping(suggestion.node_id, suggestion.candidate.node_id,
                                 Relation.SUBSET, self.service.user, suggestion.candidate.why)
            changes.append((stored.get(after.key), after))
        self.undo.stack.push_mappings(self.service, changes, text)

    def best_is_likely(self) -> bool:
        """Whether the best suggestion is a strong or fair match (a weak one is not
        preselected, so neither 采纳 nor Ctrl+Enter takes it unchosen)."""
        rows = self.suggestion_model.rows()
        return bool(rows) and rows[0].strength is not None and rows[0].strength < WEAK

    def has_suggestions(self) -> bool:
        return self.suggestion_model.rowCount() > 0

    def mapped_in_reference(self) -> bool:
        """Whether the item is mapped to a clause of the reference document in view."""
        reference = self.reference()
        return reference is not None and reference.id in self._mapped_documents

    def accept_selected(self) -> str:
        """Accept the selected suggestion: the clause accepted, as the list names it (""
        when there is none to accept)."""
        candidate: Any = self._selected(self.suggestions)
        if not (_is_candidate(candidate) and self.node is not None and self._editable()):
            return ""
        mapping = self._mapping(candidate.node_id, Relation.SUBSET, candidate.why)
        also = self._inferred_along(mapping)
        self._set(mapping, lambda: _("Accept mapping"))
        caption = clause_caption(self.reference(), candidate.node_id)
        self.done.emit(MappingDone.ACCEPTED, caption, also)
        return caption

    def reject_selected(self) -> None:
        candidate: Any = self._selected(self.suggestions)
        if _is_candidate(candidate) and self.node is not None and self._editable():
            self._set(self._mapping(candidate.node_id, Relation.NOT_RELATED),
                      lambda: _("Reject suggestion"))
            self.done.emit(MappingDone.REJECTED,
                           clause_caption(self.reference(), candidate.node_id), "")

    def map_selected_hit(self) -> None:
        node = self._selected(self.hits)
        if isinstance(node, Node) and self.node is not None and self._editable():
            mapping = self._mapping(node.id, Relation.SUBSET)
            also = self._inferred_along(mapping)
            self._set(mapping, lambda: _("Map by hand"))
            self.done.emit(MappingDone.MAPPED, clause_caption(self.reference(), node.id), also)

    def _inferred_along(self, mapping: Mapping) -> str:
        """The national clauses a provincial ``mapping`` newly maps the item to through the
        crosswalk (推断), named: they count in the report as mapped too, and were added
        without a word."""
        data, node = self.service.data, self.node
        provincial = data.provincial if data is not None else None
        if data is None or data.national is None or provincial is None or node is None \
                or not mapping.to_node_id.startswith(f"{provincial.id}/"):
            return ""
        national, snapshot = data.national, data.snapshot()

        def inferred(mappings: list[Mapping]) -> list[str]:
            from checklist_app.crosswalk import best_mappings

            return [m.to_node_id for m in best_mappings(
                replace(snapshot, mappings=mappings), node.id, national.id)
                if m.source is MappingSource.INFERRED and m.relation is not Relation.NOT_RELATED]

        before = set(inferred(snapshot.mappings))
        new = [n for n in inferred([*snapshot.mappings, mapping]) if n not in before]
        return "、".join(clause_caption(national, node_id) for node_id in dict.fromkeys(new))

    def remove_selected(self) -> None:
        """No question asked: Undo brings the mapping back. One set by staff is deleted;
        a curated, suggested or inferred one (through a provincial clause) is declined
        with a not_related one, which the inference and coverage respect."""
        mapping = self._selected(self.current)
        if not isinstance(mapping, Mapping) or self.node is None or not self._editable():
            return
        if mapping.source is MappingSource.USER:
            self.undo.stack.push_mapping(self.service, self._stored(mapping), None,
                                         lambda: _("Remove mapping"))
        else:
            self._set(self._mapping(mapping.to_node_id, Relation.NOT_RELATED),
                      lambda: _("Remove mapping"))
        self.done.emit(MappingDone.REMOVED, self._clause_of(mapping.to_node_id), "")

    def _relation_chosen(self, index: int) -> None:
        """Record the chosen relation for the mapped clause chosen: by the user, so it
        outranks a curated or inferred one (Undo brings the old relation back)."""
        mapping, value = self._selected(self.current), self.relation.itemData(index)
        if not isinstance(mapping, Mapping) or self.node is None or not self._editable() \
                or value not in set(Relation) or value == mapping.relation:
            return
        relation = Relation(value)
        self._set(self._mapping(mapping.to_node_id, relation, mapping.note),
                  lambda: _("Change relation"))
        self.related.emit(self._clause_of(mapping.to_node_id), _(RELATION_LABELS[relation]))

    def _choose_mapped(self, node_id: str) -> None:
        """Select the mapped clause ``node_id`` in the list above, if it is there."""
        rows = self.current_model.rows()
        at = next((row for row, r in enumerate(rows) if r.node_id == node_id), None)
        if at is not None:
            self.current.selectionModel().setCurrentIndex(
                self.current_model.index(at), QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _clause_of(self, node_id: str) -> str:
        """A clause of either reference document, as the lists name it."""
        data = self.service.data
        documents = [d for d in (data.provincial, data.national) if d] if data else []
        document = next((d for d in documents if node_id.startswith(f"{d.id}/")), None)
        return clause_caption(document, node_id)

    def _editable(self) -> bool:
        """Changes are refused in a read-only workspace or a closed assessment."""
        return bool(self.service.data and self.service.data.editable)

    def _set(self, mapping: Mapping, text: Caption) -> None:
        """Save ``mapping`` as an undoable change (undo restores the one it replaces)."""
        if not self._editable():
            return
        self.undo.stack.push_mapping(self.service, self._stored(mapping), mapping, text)

    def _stored(self, mapping: Mapping) -> Mapping | None:
        return stored_mapping(self.service.data, mapping)
