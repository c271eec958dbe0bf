"""The checklist document's sections and groups as a tree, with done / checkable per branch.

The first row, "All items", stands for the whole document. Rows are the nodes that hold other
nodes (一、 sections, (一) groups); leaf items live in the table. Progress is "complete /
applicable" over the checkable nodes of a branch (the node itself included), by the same rule
as the report, so the sidebar's 9/22 and the report's figures agree.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from checklist_app.core import Document, Node, progress_of
from checklist_app.core.matching import contains
from checklist_app.i18n import _, ngettext
from checklist_app.ui.glyphs import document_words, on_screen
from checklist_app.ui.lazy import search_key
from checklist_app.ui.service import AssessmentData
from checklist_app.ui.widgets.labels import plain_tooltip

AnyIndex = QModelIndex | QPersistentModelIndex
ALL_ITEMS = ""  # node id of the synthetic "All items" row


# a label ending in one of these runs on into its title with no space: 一、 (一) 1.
LABEL_ENDS = ("、", "）", ")", ".", "．")


def tree_caption(label: str, title: str) -> str:
    """一、总体要求, as the document reads; 1. 2025年… keeps its space (1.2025 reads as a
    decimal), and so does a label ending otherwise (附件1 分工表)."""
    gap = "" if label.endswith(LABEL_ENDS) and not title[:1].isdigit() else " "
    return f"{label}{gap}{title}".strip()

class TreeRole(IntEnum):
    NODE_ID = Qt.ItemDataRole.UserRole + 1
    BRANCH = Qt.ItemDataRole.UserRole + 2  # frozenset of node ids in the branch
    DONE = Qt.ItemDataRole.UserRole + 3
    APPLICABLE = Qt.ItemDataRole.UserRole + 4  # checkable and not 不适用
    SEARCH_KEY = Qt.ItemDataRole.UserRole + 5  # simplified, lower-case caption


class _Entry:
    """One tree row; parents and children by position so that index() stays cheap."""

    __slots__ = ("branch", "children", "key", "node", "parent", "row")

    def __init__(self, node: Node | None, parent: _Entry | None, row: int) -> None:
        self.node = node
        self.parent = parent
        self.row = row
        self.children: list[_Entry] = []
        self.branch: frozenset[str] = frozenset()
        self.key: str | None = None


class DocumentTreeModel(QAbstractItemModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._root = _Entry(None, None, 0)
        self._data: AssessmentData | None = None
        self._checkable: frozenset[str] = frozenset()

    def set_data_source(self, data: AssessmentData | None) -> None:
        self.beginResetModel()
        self._data = data
        self._root = _Entry(None, None, 0)
        checklist = data.checklist if data else None
        if checklist is not None:
            self._build(checklist)
        self.endResetModel()

    def _build(self, document: Document) -> None:
        self._checkable = frozenset(n.id for n in document.checkable_nodes())
        children: dict[str | None, list[Node]] = {}
        for node in document.nodes:
            children.setdefault(node.parent_id, []).append(node)
        everything = _Entry(None, self._root, 0)
        everything.branch = frozenset(n.id for n in document.nodes)
        self._root.children.append(everything)
        for node in children.get(None, []):
            self._add(node, self._root, children)

    def _add(self, node: Node, parent: _Entry, children: dict[str | None, list[Node]]) -> None:
        below = children.get(node.id, [])
        if not below and node.parent_id is not None:
            return  # a leaf: shown in the table only
        entry = _Entry(node, parent, len(parent.children))
        parent.children.append(entry)
        ids = {node.id}
        for child in below:
            self._add(child, entry, children)
            ids.add(child.id)
        for child_entry in entry.children:
            ids |= child_entry.branch
        entry.branch = frozenset(ids)

    def progress_changed(self) -> None:
        """Statuses changed: every progress figure may have moved."""
        self._emit_changed(self._root)

    def _emit_changed(self, entry: _Entry) -> None:
        if entry.children:
            first = self.createIndex(0, 1, entry.children[0])
            last = self.createIndex(len(entry.children) - 1, 1, entry.children[-1])
            self.dataChanged.emit(first, last)
            for child in entry.children:
                self._emit_changed(child)

    def _entry(self, index: AnyIndex) -> _Entry:
        return index.internalPointer() if index.isValid() else self._root

    # -- Qt model interface -----------------------------------------------------------------

    def index(self, row: int, column: int,
              parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self._entry(parent).children[row])

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        parent = self._entry(index).parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.column() > 0:
            return 0
        return len(self._entry(parent).children)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 2

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation is not Qt.Orientation.Horizontal or section not in (0, 1):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (_("Section"), _("Done"))[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == 1:
            return _("Items done or ongoing, of the items that apply (those marked not "
                     "applicable are not counted), as in the report")
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        entry = self._entry(index)
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 1:
                if not entry.branch & self._checkable:
                    return "—"  # a part of principles or background: 0/0 read as undone
                done, total = self.progress(entry.branch)
                return f"{done}/{total}"
            return self._caption(entry)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1:
            return self._progress_words(entry.branch)
        if role == Qt.ItemDataRole.ToolTipRole and entry.node is not None:
            return plain_tooltip(f"{entry.node.label}{entry.node.title}")
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return self._custom(entry, role)

    def _custom(self, entry: _Entry, role: int) -> object:
        if role == TreeRole.NODE_ID:
            return entry.node.id if entry.node else ALL_ITEMS
        if role == TreeRole.BRANCH:
            return entry.branch
        if role == TreeRole.SEARCH_KEY:
            if entry.key is None:
                entry.key = search_key(self._caption(entry))
            return entry.key
        if role in (TreeRole.DONE, TreeRole.APPLICABLE):
            done, total = self.progress(entry.branch)
            return done if role == TreeRole.DONE else total
        return None

    @staticmethod
    def _caption(entry: _Entry) -> str:
        if entry.node is None:
            return _("All items")
        return on_screen(tree_caption(entry.node.label, document_words(entry.node.title)))

    def _progress_words(self, branch: frozenset[str]) -> str:
        """The figure in words: 10 of 56 items done; 1 not applicable, not counted (the
        table's count of 57 items includes it)."""
        if not branch & self._checkable:
            return _("No checkable items here: this part states principles or background.")
        done, applicable = self.progress(branch)
        left_out = len(branch & self._checkable) - applicable
        if not left_out:
            return ngettext("{done} of {n} item done or ongoing",
                            "{done} of {n} items done or ongoing", applicable).format(
                done=done, n=applicable)
        return ngettext("{done} of {n} item done or ongoing; {left} marked not applicable "
                        "not counted",
                        "{done} of {n} items done or ongoing; {left} marked not applicable "
                        "not counted", applicable).format(done=done, n=applicable,
                                                          left=left_out)

    def progress(self, branch: frozenset[str]) -> tuple[int, int]:
        """(complete, applicable) among the checkable nodes of a branch, by the report's
        rule (:func:`~checklist_app.core.progress_of`: 不适用 leaves the denominator)."""
        if self._data is None:
            return 0, 0
        data = self._data
        figures = progress_of(data.state(node_id).status for node_id in branch & self._checkable)
        return figures.complete, figures.applicable


def _titled(index: QModelIndex, needle: str) -> bool:
    """Whether a section's or group's caption holds ``needle`` (a normalized query)."""
    return contains(str(index.data(TreeRole.SEARCH_KEY)), needle)


def sections_titled(model: DocumentTreeModel, text: str) -> list[QModelIndex]:
    """The sections and groups whose captions hold ``text``, as the tree filter finds them
    (十四五 names a section of the plan, not any of its items), in the tree's order."""
    needle = search_key(text.strip()) if text.strip() else ""
    if not needle:
        return []
    found = []
    pending = [model.index(row, 0) for row in range(model.rowCount())]
    while pending:
        index = pending.pop(0)
        if index.data(TreeRole.NODE_ID) != ALL_ITEMS and _titled(index, needle):
            found.append(index)
        pending += [model.index(row, 0, index) for row in range(model.rowCount(index))]
    return found


class TreeFilterProxy(QSortFilterProxyModel):
    """Sections and groups whose caption holds the typed text (either script), with their
    parents kept so that the tree stays a tree, and the "All items" row."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self._needle = ""

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = search_key(text.strip()) if text.strip() else ""
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def matches_nothing(self) -> bool:
        """Text is typed and no section or group holds it ("All items" alone is left)."""
        return bool(self._needle) and self.rowCount() <= 1

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        index = self.sourceModel().index(source_row, 0, source_parent)
        if not self._needle or index.data(TreeRole.NODE_ID) == ALL_ITEMS:
            return True  # "All items" stays: the way back to every item
        return _titled(index, self._needle)
