"""对照 → Upper clauses not taken up: the clauses of the assessment's reference documents
(provincial or a district's city's, and national) no item implements yet (the report's
上级任务未承接), each with the items that may take it up, ranked as suggestions are; one is
mapped to it in a click.

The mappings tab goes from an item to the clauses; this goes the other way, from a gap to
the items, so that a gap is closed where it is seen rather than hunted for item by item.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListView,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from checklist_app.core import Document, Mapping, Node, Relation
from checklist_app.crosswalk import Suggester, compute_coverage
from checklist_app.i18n import _, ngettext
from checklist_app.ui.models.clause_list_model import ClauseListModel, ClauseRole, ClauseRow
from checklist_app.ui.models.item_table_model import clause_caption, reference_text
from checklist_app.ui.screen_fit import resize_within_screen
from checklist_app.ui.service import WorkspaceService
from checklist_app.ui.undo import AssessmentUndo
from checklist_app.ui.widgets.labels import plain_label
from checklist_app.ui.widgets.mapping_panel import (
    match_strength,
    offer_references,
    stored_mapping,
    strength_rank,
    user_mapping,
)

CANDIDATES = 5  # items offered for a clause


class GapsDialog(QDialog):
    """The gaps of one reference document of the assessment shown, and what may close them."""

    def __init__(self, service: WorkspaceService, undo: AssessmentUndo,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="gapsDialog")
        self.service, self.undo = service, undo
        self.setWindowTitle(_("Upper clauses not taken up"))
        self.reference = QComboBox(self, objectName="gapsReference")
        self.summary = plain_label("", self)
        self.summary.setWordWrap(True)
        self.gaps_model, self.items_model = ClauseListModel(self), ClauseListModel(self)
        self.gaps = self._list(self.gaps_model, "gapClauses")
        self.clause_text = QTextBrowser(self, objectName="gapClauseText")
        self.items = self._list(self.items_model, "gapCandidates")
        self.map_button = QPushButton(_("Map the selected item to this clause"), self)
        self.said = plain_label("", self)  # what the last click did
        self._made: Mapping | None = None  # the mapping it made, while it stands
        self._suggester: Suggester | None = None  # over the checklist, for the clause shown
        self.said.setWordWrap(True)
        self._layout()
        self._connect()
        self._fill_references()

    def _list(self, model: ClauseListModel, name: str) -> QListView:
        view = QListView(self, objectName=name)
        view.setModel(model)
        view.setWordWrap(True)
        view.setAlternatingRowColors(True)
        return view

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(plain_label(_("Reference document"), self))
        top.addWidget(self.reference, 1)
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.clause_text, 2)
        column.addWidget(plain_label(_("Items that may take it up (best first)"), self))
        column.addWidget(self.items, 3)
        column.addWidget(self.map_button, 0, Qt.AlignmentFlag.AlignRight)
        splitter = QSplitter(self)
        splitter.addWidget(self.gaps)
        splitter.addWidget(right)
        splitter.setSizes([320, 480])
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.said)
        layout.addWidget(close)
        resize_within_screen(self, 860, 560)  # or 92 % of a smaller screen

    def _connect(self) -> None:
        self.reference.currentIndexChanged.connect(lambda _index: self._reference_chosen())
        self.gaps.selectionModel().currentChanged.connect(lambda *_: self._show_clause())
        self.items.selectionModel().selectionChanged.connect(lambda *_: self._follow_choice())
        self.items.doubleClicked.connect(lambda _index: self.map_selected())
        self.map_button.clicked.connect(self.map_selected)
        for changed in (self.service.opened, self.service.closed,  # another assessment or
                        self.service.assessmentChanged):  # none; closed, references changed
            changed.connect(self._fill_references)
        self.service.mappingsChanged.connect(self.refresh)

    def _reference_chosen(self) -> None:
        """Another document's gaps: what was said of a mapping to the last one's clause
        would read as about this one's."""
        self._made = None
        self.said.clear()
        self.refresh()

    def _fill_references(self) -> None:
        shown = self.reference.currentData()
        offer_references(self.reference, self.service.data)  # quietly: no index signal
        if self.reference.currentData() != shown:
            self._reference_chosen()
        else:
            self.refresh()

    def current_reference(self) -> Document | None:
        """The reference chosen, as the assessment reads it (a closed one's as it was)."""
        data, wanted = self.service.data, self.reference.currentData()
        documents = (data.provincial, data.national) if data else ()
        return next((d for d in documents if d is not None and d.id == wanted), None)

    def refresh(self) -> None:
        """The gaps again (a mapping made here or elsewhere closes one), the same one
        chosen when it is still open, else the one in its place."""
        data, reference = self.service.data, self.current_reference()
        if data is None or not data.editable:
            self.said.clear()  # 可用撤销取消: nothing is undoable in a closed one
        made = self._made
        if made is not None and (data is None or not any(
                m.key == made.key and m.relation is made.relation for m in data.mappings)):
            self._made = None  # undone (or another workspace): what it said is past
            self.said.clear()
        chosen = self.gaps.currentIndex()
        was, row = chosen.data(ClauseRole.NODE_ID), max(chosen.row(), 0)
        gaps: list[Node] = []
        if data is not None and reference is not None and data.checklist is not None:
            coverage = compute_coverage(data.snapshot(), reference)
            gaps = coverage.gaps
            self.summary.setText(ngettext(
                "{n} of the {total} clauses of this document has no item taking it up.",
                "{n} of the {total} clauses of this document have no item taking them up.",
                len(gaps)).format(n=len(gaps), total=len(coverage.clauses)) if gaps else
                _("Every clause of this document is taken up by an item."))
        else:
            self.summary.setText(_("The assessment shown has no reference document."))
        self.gaps_model.set_rows([ClauseRow(n.id, clause_caption(reference, n.id), payload=n)
                                  for n in gaps] if reference else [])
        ids = [n.id for n in gaps]
        with QSignalBlocker(self.gaps.selectionModel()):  # shown once, below
            if gaps:
                at = ids.index(was) if was in ids else min(row, len(gaps) - 1)
                self.gaps.selectionModel().setCurrentIndex(
                    self.gaps_model.index(at), QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.gaps.viewport().update()
        self._show_clause()

    def _show_clause(self) -> None:
        """The clause chosen in full, and the items ranked for it."""
        data, reference = self.service.data, self.current_reference()
        clause = self.gaps.currentIndex().data(ClauseRole.PAYLOAD)
        if data is None or reference is None or data.checklist is None \
                or not isinstance(clause, Node):
            self.clause_text.clear()
            self.items_model.set_rows([])
            self._follow_choice()
            return
        self.clause_text.setPlainText(
            f"{clause_caption(reference, clause.id)}\n\n{reference_text(reference, clause.text)}")
        self.items_model.set_rows(self._candidates(data.checklist, reference, clause))
        self._follow_choice()

    def _candidates(self, checklist: Document, reference: Document,
                    clause: Node) -> list[ClauseRow]:
        if self._suggester is None or self._suggester.target is not checklist:
            self._suggester = Suggester(checklist)  # an index of the checklist: built once
        found = [c for c in self._suggester.suggest(clause, CANDIDATES, reference)
                 if c.score > 0]
        best = found[0].score if found else 0.0
        return [ClauseRow(
            c.node_id,
            f"{match_strength(c.score / best, c.score)} · {clause_caption(checklist, c.node_id)}",
            _("shared: {phrases}").format(phrases=reference_text(checklist, c.why) or "—"),
            payload=c, strength=strength_rank(c.score / best, c.score)) for c in found]

    def _follow_choice(self) -> None:
        data = self.service.data
        chosen = self.items.selectionModel().selectedIndexes()
        self.map_button.setEnabled(bool(chosen and data and data.editable))

    def map_selected(self) -> str:
        """Map the item chosen to the clause shown (one undo step); its id, or "" when
        nothing was mapped."""
        data = self.service.data
        chosen = self.items.selectionModel().selectedIndexes()
        clause = self.gaps.currentIndex().data(ClauseRole.PAYLOAD)
        if not (chosen and data and data.editable and isinstance(clause, Node)):
            return ""
        candidate = chosen[0].data(ClauseRole.PAYLOAD)
        mapping = user_mapping(candidate.node_id, clause.id, Relation.SUBSET,
                               self.service.user, candidate.why)
        self.undo.stack.push_mapping(self.service, stored_mapping(data, mapping), mapping,
                                     lambda: _("Map by hand"))
        self._made = mapping
        self.said.setText(_("{item} mapped to {clause}. Edit ▸ Undo takes it back.").format(
            item=clause_caption(data.checklist, candidate.node_id),
            clause=clause_caption(self.current_reference(), clause.id)))
        return str(candidate.node_id)
