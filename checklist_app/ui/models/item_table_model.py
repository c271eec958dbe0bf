"""The items of the open assessment's checklist as a table (one row per checkable node).

Cells are computed from the service's cache when the view asks for them; per-row values that
are costly to derive (search key, mapped clauses) are kept in small lists and refreshed when
the service says what changed, with ``dataChanged`` naming the affected columns.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from checklist_app.core import Document, ItemStatus, Mapping, Node, Relation
from checklist_app.crosswalk import best_mappings
from checklist_app.i18n import _
from checklist_app.importer import search_key
from checklist_app.ui.icons import status_icon
from checklist_app.ui.service import AssessmentData

AnyIndex = QModelIndex | QPersistentModelIndex


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


def _headers() -> list[str]:
    return [_("No."), _("Task"), _("Status"), _("Responsible"), _("Due"), _("Evidence"),
            _("Provincial clause"), _("National clause")]


def clause_caption(document: Document | None, node_id: str) -> str:
    """``二(三) 提升标准制定效能`` for a clause id, or the id when the document lacks it."""
    if document is None:
        return node_id
    try:
        node = document.node(node_id)
    except KeyError:
        return node_id
    labels = "".join(n.label for n in reversed([node, *document.ancestors(node.id)]))
    return f"{labels} {node.title}".strip()


def _search_text(node: Node) -> str:
    """The importer's simplified normalization (label + title + text), lower-cased."""
    if node.search_text:
        return node.search_text.lower()
    return search_key(f"{node.label} {node.title} {node.text}")


class ItemTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._data: AssessmentData | None = None
        self._nodes: list[Node] = []
        self._rows: dict[str, int] = {}
        self._keys: list[str] = []
        self._mapped: list[tuple[str, str]] = []
        self._headers = _headers()

    # -- loading ----------------------------------------------------------------------------

    def set_data_source(self, data: AssessmentData | None) -> None:
        self.beginResetModel()
        self._data = data
        checklist = data.checklist if data else None
        self._nodes = checklist.checkable_nodes() if checklist else []
        self._rows = {node.id: row for row, node in enumerate(self._nodes)}
        self._keys = [_search_text(n) for n in self._nodes]
        self._mapped = self._compute_mapped()
        self.endResetModel()

    def _compute_mapped(self) -> list[tuple[str, str]]:
        data = self._data
        if data is None or data.assessment is None or not data.mappings:
            return [("", "")] * len(self._nodes)
        snapshot = data.snapshot()
        return [(self._mapped_caption(snapshot, node.id, data.provincial),
                 self._mapped_caption(snapshot, node.id, data.national))
                for node in self._nodes]

    @staticmethod
    def _mapped_caption(snapshot: object, node_id: str, document: Document | None) -> str:
        if document is None:
            return ""
        found: list[Mapping] = best_mappings(snapshot, node_id, document.id)  # type: ignore[arg-type]
        found = [m for m in found if m.relation is not Relation.NOT_RELATED]
        if not found:
            return ""
        first = clause_caption(document, found[0].to_node_id)
        return first if len(found) == 1 else f"{first} (+{len(found) - 1})"

    # -- change notifications from the service -----------------------------------------------

    def item_changed(self, node_id: str) -> None:
        row = self._rows.get(node_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    def evidence_changed(self) -> None:
        self._column_changed(Column.EVIDENCE)

    def mappings_changed(self) -> None:
        self._mapped = self._compute_mapped()
        self._column_changed(Column.PROVINCIAL)
        self._column_changed(Column.NATIONAL)

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
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None

    def node_at(self, row: int) -> Node:
        return self._nodes[row]

    def row_of(self, node_id: str) -> int:
        return self._rows.get(node_id, -1)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self._data is None or not 0 <= index.row() < len(self._nodes):
            return None
        node = self._nodes[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(node, column, index.row())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(node, column, index.row())
        if role == Qt.ItemDataRole.DecorationRole and column is Column.STATUS:
            return status_icon(self._data.state(node.id).status)
        if role == Qt.ItemDataRole.TextAlignmentRole and column is Column.EVIDENCE:
            return int(Qt.AlignmentFlag.AlignCenter)
        return self._custom(node, role, index.row(), column)

    def _custom(self, node: Node, role: int, row: int, column: Column) -> object:
        assert self._data is not None
        if role == Role.NODE_ID:
            return node.id
        if role == Role.STATUS:
            return self._data.state(node.id).status
        if role == Role.SEARCH_KEY:
            return self._keys[row]
        if role == Role.DEPARTMENTS:
            return self.departments(node)
        if role == Role.EVIDENCE_COUNT:
            return len(self._data.evidence.get(node.id, ()))
        if role == Role.MAPPED:
            return any(self._mapped[row])
        if role == Role.SORT:
            return self._sort_value(node, row, column)
        return None

    def departments(self, node: Node) -> list[str]:
        """The item's responsible departments: the recorded one, else the document's list."""
        assert self._data is not None
        recorded = self._data.state(node.id).responsible_department.strip()
        if recorded:
            return [d.strip() for d in recorded.replace("，", "、").replace(",", "、").split("、")
                    if d.strip()]
        return list(node.departments)

    def _display(self, node: Node, column: Column, row: int) -> str | int:
        assert self._data is not None
        state = self._data.state(node.id)
        match column:
            case Column.LABEL:
                return node.label
            case Column.TITLE:
                return node.title or node.text[:60]
            case Column.STATUS:
                return _(state.status.label)
            case Column.DEPARTMENT:
                return "、".join(self.departments(node))
            case Column.DUE:
                return state.due_date or ""
            case Column.EVIDENCE:
                return len(self._data.evidence.get(node.id, ()))
            case Column.PROVINCIAL:
                return self._mapped[row][0]
            case Column.NATIONAL:
                return self._mapped[row][1]

    def _tooltip(self, node: Node, column: Column, row: int) -> str | None:
        if column is Column.TITLE:
            return node.text[:400]
        if column in (Column.DEPARTMENT, Column.PROVINCIAL, Column.NATIONAL):
            text = self._display(node, column, row)
            return str(text) if text else None
        return None

    def _sort_value(self, node: Node, row: int, column: Column) -> object:
        if column in (Column.LABEL, Column.TITLE):
            return row  # document order
        if column is Column.STATUS:
            assert self._data is not None
            return list(ItemStatus).index(self._data.state(node.id).status)
        value = self._display(node, column, row)
        return value if isinstance(value, int) else str(value)
