"""The items of the open assessment's checklist as a table (one row per checkable node).

Cells are computed from the service's cache when the view asks for them; per-row values that
are costly to derive (search key, mapped clauses) are kept in small lists and refreshed when
the service says what changed, with ``dataChanged`` naming the affected columns.

The mapped-clause columns need a coverage computation (20–50 ms for the demo, more for a
big checklist), so a newly loaded workspace shows them as "…" and they are worked out on a
background thread once the view has painted the rows: the first paint starts the job just
after it is done (a Python thread running alongside would slow the paint down, each cell
waiting for the interpreter lock), or a timer does when no view paints. Filtering or
sorting on them before that computes them at once, so a filter never sees the placeholder.
"""

from __future__ import annotations

import re
from datetime import date
from enum import IntEnum
from functools import cache

from PySide6.QtCore import (
    QAbstractTableModel,
    QCollator,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from shiboken6 import isValid

from checklist_app.core import (
    AssessmentSnapshot,
    Document,
    ItemState,
    ItemStatus,
    Level,
    Node,
)
from checklist_app.core.dates import DocumentDeadline, document_deadline, is_overdue
from checklist_app.core.matching import contains_word, has_number_edge, words
from checklist_app.i18n import _, join_sentences
from checklist_app.ui.glyphs import document_words, on_screen
from checklist_app.ui.icons import OVERDUE_RED, status_icon
from checklist_app.ui.lazy import search_key, to_simplified
from checklist_app.ui.service import AssessmentData
from checklist_app.ui.widgets.labels import plain_tooltip, tip_excerpt
from checklist_app.ui.workers import JobRunner

AnyIndex = QModelIndex | QPersistentModelIndex
OVERDUE_COLOUR = QColor(OVERDUE_RED)
TOOLTIP_CHARS = 400  # of a task's text in its cell's tooltip


class Column(IntEnum):
    LABEL = 0
    TITLE = 1
    STATUS = 2
    DEPARTMENT = 3
    DUE = 4
    EVIDENCE = 5
    PROVINCIAL = 6
    NATIONAL = 7


class Role(IntEnum):
    """Custom roles the filter proxy and the widgets read."""

    NODE_ID = Qt.ItemDataRole.UserRole + 1
    STATUS = Qt.ItemDataRole.UserRole + 2  # ItemStatus
    SEARCH_KEY = Qt.ItemDataRole.UserRole + 3  # simplified, lower-case label + text
    DEPARTMENTS = Qt.ItemDataRole.UserRole + 4  # list[str]: responsible departments
    EVIDENCE_COUNT = Qt.ItemDataRole.UserRole + 5
    MAPPED = Qt.ItemDataRole.UserRole + 6  # bool: has a mapping to a reference clause
    SORT = Qt.ItemDataRole.UserRole + 7


_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_SERVED = frozenset({_DISPLAY, _TOOLTIP, _DECORATION, _ALIGNMENT, _FOREGROUND,
                     *(int(r) for r in Role)})
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_UNRECORDED = ItemState(0, "")  # what an item without a stored state shows
_COLUMNS = list(Column)
_MAPPED_COLUMNS = (Column.PROVINCIAL, Column.NATIONAL)
PENDING = "…"  # a mapped-clause cell before the background computation has filled it
_UNMAPPED = ("", "")
FILL_FALLBACK_MS = 1000  # start the mapped-clause fill by then even if no view painted
_STATUS_ORDER = {status: position for position, status in enumerate(ItemStatus)}


def _headers(data: AssessmentData | None = None) -> list[tuple[str, str]]:
    """Each column's title, short enough for its column at 1366 pixels, and its full name
    (the tooltip); the middle level's clauses are 市级 when that document is a city's (a
    直辖市's opinion above its districts)."""
    middle = data.provincial if data is not None else None
    city = middle is not None and middle.level is Level.MUNICIPAL
    middle_header = ((_("Mun."), _("Municipal clause")) if city
                     else (_("Prov."), _("Provincial clause")))
    return [(_("No."), _("No.")), (_("Task"), _("Task")), (_("Status"), _("Status")),
            (_("Dept."), _("Responsible department")), (_("Due"), _("Due date")),
            (_("Files"), _("Evidence files")), middle_header,
            (_("Nat."), _("National clause"))]


# 市政府各部门, 市级有关部门, 各有关部门（单位）: a task of the government's departments,
# the office's among them (not 各区县政府各部门, 市委各部门 or a group's 各成员单位)
_EVERY_DEPARTMENT = re.compile(
    r"(?:市政府|市级|市直|市)?(?:各有关|各相关|各|有关|相关)(?:部门|部門|单位|單位)"
    r"(?:[（(](?:部门|部門|单位|單位)[)）])?")


def is_every_department(name: str) -> bool:
    """Whether a responsible department named is all of the government's (市政府各部门):
    the 本部门 view shows its tasks too."""
    return bool(_EVERY_DEPARTMENT.fullmatch(name.strip()))


def clause_caption(document: Document | None, node_id: str) -> str:
    """``二、(三) 提升标准制定效能`` for a clause id, or the id when the document lacks it.

    The number as the 序号 column writes the checklist's (short brackets: a narrow column
    still shows it whole), the title in simplified script whatever the document's (the
    national text here is a partly traditional copy) with Chinese punctuation; the item
    pane's script switch shows the original.
    """
    if document is None:
        return node_id
    try:
        node = document.node(node_id)
    except KeyError:
        return node_id
    labels = "".join(n.label for n in reversed([node, *document.ancestors(node.id)]))
    return on_screen(f"{labels} {reference_text(document, node.title)}".strip())


def reference_text(document: Document, text: str) -> str:
    """A reference document's words as the app quotes them: in simplified script (the
    national text is a partly traditional copy), with Chinese punctuation in Chinese
    sentences and the screen's stand-ins."""
    return document_words(text if document.script == "simplified" else to_simplified(text))


def split_departments(text: str) -> list[str]:
    """The departments typed into one field: 标准化处、人事处 (or with commas)."""
    return [d.strip() for d in text.replace("，", "、").replace(",", "、").split("、")
            if d.strip()]


def department_names(data: AssessmentData | None) -> list[str]:
    """Every department named: by the document for its items, and typed by staff for them."""
    if data is None:
        return []
    nodes = data.checklist.nodes if data.checklist else []
    named = {d for node in nodes for d in node.departments}
    named.update(d for state in data.states.values()
                 for d in split_departments(state.responsible_department))
    return sorted(named, key=_chinese_collator().sortKey)


@cache
def _chinese_collator() -> QCollator:
    """Chinese names in the order a Chinese list has them (by pinyin: 安监, 财政, 市场…),
    not by code point, which reads as no order at all."""
    return QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))


def label_chains(document: Document, nodes: list[Node]) -> dict[str, tuple[tuple[str, str], ...]]:
    """Per node, the (id, label) of it and its ancestors, section first: the parts of its
    path label 二、(一)1. (One lookup table: ``Document.ancestors`` builds one per call.)"""
    by_id = {n.id: n for n in document.nodes}
    chains = {}
    for node in nodes:
        chain: list[tuple[str, str]] = []
        current: Node | None = node
        while current is not None:
            chain.append((current.id, current.label))
            current = by_id.get(current.parent_id) if current.parent_id else None
        chains[node.id] = tuple(reversed(chain))
    return chains


def _entered_text(data: AssessmentData | None, node_id: str) -> str:
    """The note, reason, departments and person typed for an item and the names and
    descriptions of its evidence, normalized for search ("" when there are none)."""
    if data is None:
        return ""
    state = data.states.get(node_id)
    parts = [state.note, state.justification, state.responsible_department,
             state.responsible_person] if state is not None else []
    parts += [part for found in data.evidence.get(node_id, ())
              for part in (found.file_name, found.description)]
    text = " ".join(part for part in parts if part)
    return search_key(text) if text else ""


def label_key(label: str) -> str:
    """An item's number as searched: as shown (二、(一)1.) and as often cited, without the
    顿号 (二(一)1)."""
    shown = label.lower()
    bare = shown.replace("、", "")
    return shown if bare == shown else f"{shown} {bare}"


def _search_text(node: Node) -> str:
    """The importer's simplified normalization (label + title + text), lower-cased."""
    if node.search_text:
        return node.search_text.lower()
    return search_key(f"{node.label} {node.title} {node.text}")


def _captions_by_item(snapshot: AssessmentSnapshot, document: Document | None) -> dict[str, str]:
    if document is None:
        return {}
    from checklist_app.crosswalk.coverage import compute_coverage

    clauses: dict[str, list[str]] = {}
    for clause in compute_coverage(snapshot, document).clauses:
        for implementation in clause.implementations:
            clauses.setdefault(implementation.item.id, []).append(clause.clause.id)
    return {item_id: "\n".join(clause_caption(document, i) for i in ids)
            for item_id, ids in clauses.items()}


def first_mapped(captions: str) -> str:
    """A mapped-clause cell: the first clause, and how many more (the tooltip lists all)."""
    first, *more = captions.split("\n")
    return f"{first} (+{len(more)})" if more else first


def mapped_captions(snapshot: AssessmentSnapshot | None) -> dict[str, tuple[str, str]]:
    """Per item id, the captions of the provincial and national clauses it counts for
    (one a line).

    One coverage computation per reference document (not one per item): the same rule the
    report and ``checklist coverage`` use. Pure: safe to run on a worker thread.
    """
    if snapshot is None:
        return {}
    provincial, national = (_captions_by_item(snapshot, document)
                            for document in (snapshot.provincial, snapshot.national))
    return {item_id: (provincial.get(item_id, ""), national.get(item_id, ""))
            for item_id in provincial.keys() | national.keys()}


class ItemTableModel(QAbstractTableModel):
    mappedFilled = Signal()  # the mapped-clause columns hold their values (no placeholder)

    def __init__(self, parent: QObject | None = None, runner: JobRunner | None = None) -> None:
        super().__init__(parent)
        self._data: AssessmentData | None = None
        self._runner = runner  # where the mapped-clause columns are computed; None: UI thread
        self._nodes: list[Node] = []
        self._rows: dict[str, int] = {}
        self._document_order: dict[str, int] = {}
        self._mapped_pending = False
        self._fill_generation = 0  # bumped when a running fill's result would be stale
        self._fill_requested = -1  # the generation whose fill has been asked for
        self._keys: list[str] = []
        self._department_keys: dict[str, str] = {}
        # (version, department sought) → whether some item names it: see _named_anywhere
        self._named_cache: tuple[tuple[int, str], bool] = ((-1, ""), False)
        self._sought_department = ""  # the department filtered by, in search form
        # node id → what staff wrote for the item (note, departments, person, evidence names)
        # in search form; made when a search first looks, dropped when the item changes
        self._entered: dict[str, str] = {}
        self._mapped: list[tuple[str, str]] = []
        self._chains: dict[str, tuple[tuple[str, str], ...]] = {}
        self._label_root = ""  # 序号 is the path below this node ("": the whole path)
        self._headers = _headers()
        self._document_dates: dict[str, DocumentDeadline] = {}  # node id → the document's
        self.version = 0  # bumped whenever rows are replaced or reordered (see ItemFilterProxy)

    # -- loading ----------------------------------------------------------------------------

    def set_data_source(self, data: AssessmentData | None) -> None:
        self.beginResetModel()
        self.version += 1
        self._data = data
        self._headers = _headers(data)
        self._document_dates = {}
        checklist = data.checklist if data else None
        self._nodes = checklist.checkable_nodes() if checklist else []
        self._rows = {node.id: row for row, node in enumerate(self._nodes)}
        self._document_order = dict(self._rows)
        self._chains = label_chains(checklist, self._nodes) if checklist else {}
        # the number as the 序号 column shows it (二、(一)2.) finds the item too
        self._keys = [f"{label_key(self.full_label(n))} {_search_text(n)}" for n in self._nodes]
        self._entered = {}
        self._label_root = ""
        self._mapped = [_UNMAPPED] * len(self._nodes)
        self._mapped_pending = bool(self._nodes)
        self._fill_generation += 1
        self.endResetModel()
        generation = self._fill_generation
        QTimer.singleShot(FILL_FALLBACK_MS, self, lambda: self._request_fill(generation))

    @property
    def mapped_ready(self) -> bool:
        """Whether the mapped-clause columns are filled (else they show the placeholder)."""
        return not self._mapped_pending

    def _request_fill(self, generation: int) -> None:
        """Start the fill for this data source once the current event (a paint) is done."""
        if generation == self._fill_generation and self._fill_requested != generation:
            self._fill_requested = generation
            QTimer.singleShot(0, self, self._start_fill)

    def _start_fill(self) -> None:
        if not self._mapped_pending:
            return
        generation = self._fill_generation
        snapshot = self._mapped_snapshot()
        if self._runner is None:
            self._mapped_arrived(generation, mapped_captions(snapshot))
            return
        self._runner.run(lambda _token: mapped_captions(snapshot),
                         done=lambda found: self._mapped_arrived(generation, found),
                         failed=lambda _error: self._mapped_arrived(generation, None))

    def _mapped_snapshot(self) -> AssessmentSnapshot | None:
        """What the coverage needs (a copy: the UI thread may change the cache meanwhile)."""
        data = self._data
        if data is None or data.checklist is None or not data.mappings:
            return None
        return data.snapshot()

    def _mapped_arrived(self, generation: int,
                        found: dict[str, tuple[str, str]] | None) -> None:
        """The background result (None: the job failed, so compute here and let it raise)."""
        if not isValid(self):  # the window was closed (or rebuilt) while the job ran
            return
        if generation == self._fill_generation and self._mapped_pending:
            if found is None:
                self._ensure_mapped()
                return
            self._set_mapped(found)
            self._announce_mapped()

    def _ensure_mapped(self) -> None:
        """Fill the mapped-clause columns now (a filter or sort needs them before the fill)."""
        if self._mapped_pending:
            self._set_mapped(mapped_captions(self._mapped_snapshot()))
            # Called while the proxy filters or sorts: tell the views once that is done.
            QTimer.singleShot(0, self, self._announce_mapped)

    def _set_mapped(self, found: dict[str, tuple[str, str]]) -> None:
        self._fill_generation += 1  # a fill still running has nothing left to do
        self._mapped_pending = False
        self._mapped = [found.get(node.id, _UNMAPPED) for node in self._nodes]

    def _announce_mapped(self) -> None:
        for column in _MAPPED_COLUMNS:
            self._column_changed(column)
        self.mappedFilled.emit()

    # -- change notifications from the service -----------------------------------------------

    def item_changed(self, node_id: str) -> None:
        self._entered.pop(node_id, None)
        self._named_cache = ((-1, ""), False)  # a department typed may be named now
        row = self._rows.get(node_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    def evidence_changed(self) -> None:
        self._entered.clear()  # a file's name is searched too
        self._column_changed(Column.EVIDENCE)

    def mappings_changed(self) -> None:
        """A mapping was added or removed by the user, or the reference documents changed:
        recompute the columns (and their titles) at once."""
        headers = _headers(self._data)
        if headers != self._headers:
            self._headers = headers
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, Column.PROVINCIAL,
                                        Column.PROVINCIAL)
        self._set_mapped(mapped_captions(self._mapped_snapshot()))
        self._announce_mapped()

    def set_label_root(self, node_id: str) -> None:
        """The rows shown are ``node_id``'s branch ("": all items): the 序号 column gives
        each item's path below it, so rows of different sections are told apart (二、(一)
        and 三、(一) when all items are listed, (一)1 and (二)1 within 二、)."""
        if node_id != self._label_root:
            self._label_root = node_id
            self._column_changed(Column.LABEL)

    def label(self, node: Node) -> str:
        """The item's 序号 as the table shows it (see :meth:`set_label_root`)."""
        chain = self._chains.get(node.id, ((node.id, node.label),))
        ids = [node_id for node_id, _label in chain]
        below = ids.index(self._label_root) + 1 if self._label_root in ids else 0
        return "".join(label for _id, label in chain[below:]) or node.label

    def full_label(self, node: Node) -> str:
        return "".join(label for _id, label in self._chains.get(node.id, ((node.id, node.label),)))

    def day_changed(self) -> None:
        """Overdue is judged on the day: the due-date cells are drawn again."""
        self._column_changed(Column.DUE)

    def _column_changed(self, column: Column) -> None:
        if self._nodes:
            self.dataChanged.emit(self.index(0, column), self.index(len(self._nodes) - 1, column))

    # -- Qt model interface -----------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._nodes)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation is not Qt.Orientation.Horizontal or not 0 <= section < len(self._headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section][0]
        if role == Qt.ItemDataRole.ToolTipRole:  # the full name, where the title is short
            return self._headers[section][1]
        return None

    def node_at(self, row: int) -> Node:
        return self._nodes[row]

    def row_of(self, node_id: str) -> int:
        return self._rows.get(node_id, -1)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        # Views ask for ~10 roles per cell on every paint: leave fast on the ones not served.
        if role not in _SERVED or self._data is None or not index.isValid():
            return None
        row = index.row()
        if not 0 <= row < len(self._nodes):
            return None
        node = self._nodes[row]
        column = _COLUMNS[index.column()]
        if role == _DISPLAY:
            if self._mapped_pending and self._fill_requested != self._fill_generation:
                self._request_fill(self._fill_generation)  # a view paints the rows now
            return self._display(node, column, row)
        if role == _TOOLTIP:
            return plain_tooltip(self._tooltip(node, column, row))
        if role == _DECORATION:
            return status_icon(self._status(node.id)) if column is Column.STATUS else None
        if role == _ALIGNMENT:
            return _CENTER if column is Column.EVIDENCE else None
        if role == _FOREGROUND:
            return self._due_colour(node) if column is Column.DUE else None
        return self._custom(node, role, row, column)

    def _status(self, node_id: str) -> ItemStatus:
        assert self._data is not None
        state = self._data.states.get(node_id)
        return state.status if state is not None else ItemStatus.NOT_ASSESSED

    def _custom(self, node: Node, role: int, row: int, column: Column) -> object:
        assert self._data is not None
        if role == Role.NODE_ID:
            return node.id
        if role == Role.STATUS:
            return self._status(node.id)
        if role == Role.SEARCH_KEY:
            return self._keys[row]
        if role == Role.DEPARTMENTS:
            return self.named_departments(node)
        if role == Role.EVIDENCE_COUNT:
            return len(self._data.evidence.get(node.id, ()))
        if role == Role.MAPPED:
            self._ensure_mapped()
            return any(self._mapped[row])
        if role == Role.SORT:
            return self._sort_value(node, row, column)
        return None

    def typed_departments(self, node: Node) -> list[str]:
        """The departments staff wrote for the item (none: the document's stand)."""
        assert self._data is not None
        return split_departments(
            self._data.states.get(node.id, _UNRECORDED).responsible_department)

    def named_departments(self, node: Node) -> list[str]:
        """Every department named for the item, by staff and by the document: what the
        department filter matches (a unit the document names still finds its items after
        staff wrote the division that does the work)."""
        return list(dict.fromkeys([*self.typed_departments(node), *node.departments]))

    def _display(self, node: Node, column: Column, row: int) -> str | int:
        assert self._data is not None
        state = self._data.states.get(node.id, _UNRECORDED)
        match column:
            case Column.LABEL:
                return self.label(node)
            case Column.TITLE:
                return document_words(node.title or node.text[:60])
            case Column.STATUS:
                return _(state.status.label)
            case Column.DEPARTMENT:
                return self._department_cell(node)
            case Column.DUE:
                return state.due_date or self._document_date(node) or self._standing(node)
            case Column.EVIDENCE:
                return len(self._data.evidence.get(node.id, ()))
            case Column.PROVINCIAL | Column.NATIONAL if self._mapped_pending:
                return PENDING
            case Column.PROVINCIAL:
                return first_mapped(self._mapped[row][0])
            case Column.NATIONAL:
                return first_mapped(self._mapped[row][1])

    def _due_from_document(self, node: Node) -> bool:
        """The due date shown is the document's: the office set none."""
        assert self._data is not None
        state = self._data.states.get(node.id, _UNRECORDED)
        return not state.due_date and self._document_date(node) is not None

    def _standing(self, node: Node) -> str:
        """The document's words for a deadline with no date (长期坚持), shown while the
        office set no date of its own; "" else."""
        assert self._data is not None
        if self._data.states.get(node.id, _UNRECORDED).due_date:
            return ""
        deadline = self._document_deadline(node)
        return deadline.words if deadline.standing else ""

    def _document_date(self, node: Node) -> str | None:
        """The due date the item's document sets."""
        return self._document_deadline(node).date

    def _document_deadline(self, node: Node) -> DocumentDeadline:
        """The deadline the item's document sets, read once per item (painting, the
        colour, the tooltip and sorting all ask)."""
        if node.id not in self._document_dates:
            self._document_dates[node.id] = document_deadline(node)
        return self._document_dates[node.id]

    def overdue(self, node: Node, day: date | None = None) -> bool:
        """Past its due date (the office's, else the document's) on ``day`` (default: the
        assessment's judging day) and not done: the report counts it as overdue."""
        assert self._data is not None
        state = self._data.states.get(node.id, _UNRECORDED)
        return is_overdue(state.status, state.due_date or self._document_date(node),
                          day or self._data.judging_day())

    def _due_colour(self, node: Node) -> QColor | None:
        """Red when overdue; grey for a date the document sets; the text colour else."""
        if self.overdue(node):
            return OVERDUE_COLOUR
        if self._due_from_document(node) or self._standing(node):
            return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        return None

    def _tooltip(self, node: Node, column: Column, row: int) -> str | None:
        if column is Column.TITLE:
            return document_words(node.text[:TOOLTIP_CHARS])  # as the item pane shows it
        if column is Column.LABEL:
            return on_screen(f"{self.full_label(node)} {document_words(node.title)}".strip())
        if column is Column.DUE:
            return self._due_tooltip(node)
        if column is Column.STATUS:  # the word, where the column shows the dot alone
            return self._status_tooltip(node.id)
        if column is Column.DEPARTMENT:
            return self._department_tooltip(node)
        if column in (Column.PROVINCIAL, Column.NATIONAL):
            if self._mapped_pending:
                return None
            return self._mapped[row][column is Column.NATIONAL] or None  # every clause
        return None

    def _status_tooltip(self, node_id: str) -> str:
        """The status word; for 不适用 with the reason the report prints, which the item
        pane's one-line field showed only in part."""
        assert self._data is not None
        status = self._status(node_id)
        state = self._data.states.get(node_id)
        reason = state.justification.strip() if state is not None else ""
        if status is not ItemStatus.NOT_APPLICABLE or not reason:
            return _(status.label)
        return _("{status}: {reason}").format(status=_(status.label),
                                              reason=on_screen(tip_excerpt(reason)))

    def _department_cell(self, node: Node) -> str:
        """What staff wrote, else the document's listing. A row the department filter found
        through the document alone (staff wrote 市市场监管局, the document names 市科技局)
        names the department sought too, first (the column is narrow): it read as a filter
        gone wrong."""
        typed = self.typed_departments(node)
        if not typed:
            return node.department_listing(_(" (lead)"))
        shown = "、".join(typed)
        sought = self._sought_department
        if not sought or any(sought in self._department_key(d) for d in typed):
            return shown
        named = [d for d in node.departments if sought in self._department_key(d)]
        if not named:
            return shown
        return _("{department} (by the document); {office}").format(
            department="、".join(named), office=shown)

    def show_department_sought(self, department: str) -> None:
        """The department the table is filtered by ("" for none), for :meth:`_department_cell`."""
        wanted = search_key(department) if department.strip() else ""
        if wanted == self._sought_department:
            return
        self._sought_department = wanted
        if self._nodes:
            self.dataChanged.emit(self.index(0, Column.DEPARTMENT),
                                  self.index(len(self._nodes) - 1, Column.DEPARTMENT),
                                  [Qt.ItemDataRole.DisplayRole])

    def _department_tooltip(self, node: Node) -> str | None:
        """Both when staff wrote a department: the cell shows theirs, the document's
        (who leads, who assists) would be out of sight."""
        typed = "、".join(self.typed_departments(node))
        listing = node.department_listing(_(" (lead)"))
        if typed and listing:
            return _("Set by the document: {document}\nWritten by the office: {office}").format(
                document=listing, office=typed)
        return typed or listing or None

    def _due_tooltip(self, node: Node) -> str | None:
        parts = []
        if self.overdue(node):
            parts.append(_("Overdue: the due date has passed and the item is not done."))
        if self._due_from_document(node):
            parts.append(_("Due date set by the document ({deadline}); the office can set "
                           "its own in the item's pane.").format(
                deadline=self._document_deadline(node).words))
        elif standing := self._standing(node):
            parts.append(_("The document sets no date ({deadline}): the item is not overdue "
                           "on any day; the office can set a due date of its own in the item's "
                           "pane.").format(deadline=standing))
        return join_sentences(*parts) or None

    # -- bulk operations for the filter proxy (10,000 rows: no per-row Qt calls) -------------

    def rows_matching(self, needle: str, statuses: frozenset[ItemStatus], department: str,
                      every_department: bool, evidence: bool | None, mapped: bool | None,
                      overdue: bool = False) -> list[bool]:
        """For each row, whether it passes these tests (None: either way; ``overdue``: only
        the overdue items; ``every_department``: a task of 市政府各部门 is ``department``'s
        too, when some item names that department: it is one of them)."""
        data = self._data
        if data is None:
            return [False] * len(self._nodes)
        if mapped is not None:
            self._ensure_mapped()
        states, found = data.states, data.evidence
        day = data.judging_day() if overdue else None  # once, not per row
        wanted = search_key(department) if department else ""
        everyone = every_department and bool(wanted) and self._named_anywhere(wanted)
        typed = self.typed_departments
        tests = [(word, contains_word if has_number_edge(word) else str.__contains__)
                 for word in words(needle)]  # every word, in the text or what staff wrote
        keys, entered = self._keys, self._entered_key
        result = []
        for row, node in enumerate(self._nodes):
            ok = True
            for word, holds in tests:  # a plain loop: this runs per row at each keystroke
                if not (holds(keys[row], word) or holds(entered(node), word)):
                    ok = False
                    break
            ok = ok and (not statuses or (states[node.id].status if node.id in states
                                          else ItemStatus.NOT_ASSESSED) in statuses)
            if ok and department:
                ok = any(wanted in self._department_key(d) for d in self.named_departments(node)) \
                    or (everyone and not typed(node)  # staff named who does it: theirs
                        and any(map(is_every_department, node.departments)))
            if ok and evidence is not None:
                ok = bool(found.get(node.id)) == evidence
            if ok and mapped is not None:
                ok = any(self._mapped[row]) == mapped
            if ok and overdue:
                ok = self.overdue(node, day)
            result.append(ok)
        return result

    def _named_anywhere(self, wanted: str) -> bool:
        """Whether some item names a department holding ``wanted`` (search form); kept
        per data version (a scan of 10,000 items took 50 ms a keystroke)."""
        key = (self.version, wanted)
        if self._named_cache[0] != key:
            self._named_cache = (key, any(
                wanted in self._department_key(d)
                for node in self._nodes for d in self.named_departments(node)))
        return self._named_cache[1]

    def _department_key(self, name: str) -> str:
        """A department's name in search form (区市場監管局 finds 区市场监管局), remembered:
        a workspace names a few dozen departments over its thousands of items."""
        key = self._department_keys.get(name)
        if key is None:
            key = self._department_keys[name] = search_key(name)
        return key

    def _entered_key(self, node: Node) -> str:
        """What staff wrote for the item and its due date as the table shows it, in search
        form ("" when nothing)."""
        key = self._entered.get(node.id)
        if key is None:
            due = self._due_key(node)
            key = self._entered[node.id] = f"{_entered_text(self._data, node.id)} {due}".strip()
        return key

    def _due_key(self, node: Node) -> str:
        """The due date shown (the office's, else the document's) as found by a search: as
        shown (2025-06-30) and as written (2025年6月30日)."""
        assert self._data is not None
        state = self._data.states.get(node.id, _UNRECORDED)
        shown = state.due_date or self._document_date(node)
        if not shown:
            return ""
        try:
            day = date.fromisoformat(shown[:10])
        except ValueError:
            return shown
        return f"{shown} {day.year}年{day.month}月{day.day}日"

    def node_ids(self) -> list[str]:
        return [node.id for node in self._nodes]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in Python on precomputed keys: Qt's own sort would call data() ~10⁵ times."""
        if not self._nodes:
            return
        if column in _MAPPED_COLUMNS:
            self._ensure_mapped()
        if column < 0:
            keys: list[object] = [self._document_order.get(n.id, 0) for n in self._nodes]
        else:
            keys = [self._sort_value(n, row, Column(column)) for row, n in enumerate(self._nodes)]
        order_rows = sorted(range(len(self._nodes)), key=lambda r: (keys[r], r),
                            reverse=order is Qt.SortOrder.DescendingOrder)
        self.layoutAboutToBeChanged.emit()
        new_row_of = {old: new for new, old in enumerate(order_rows)}
        self._nodes = [self._nodes[r] for r in order_rows]
        self._keys = [self._keys[r] for r in order_rows]
        self._mapped = [self._mapped[r] for r in order_rows]
        self._rows = {node.id: row for row, node in enumerate(self._nodes)}
        self.version += 1
        old = self.persistentIndexList()
        self.changePersistentIndexList(
            old, [self.index(new_row_of[i.row()], i.column()) for i in old])
        self.layoutChanged.emit()

    def _sort_value(self, node: Node, row: int, column: Column) -> object:
        if column in (Column.LABEL, Column.TITLE):
            return self._document_order.get(node.id, row)
        if column is Column.STATUS:
            assert self._data is not None
            return _STATUS_ORDER[self._status(node.id)]
        value = self._display(node, column, row)
        return value if isinstance(value, int) else str(value)
