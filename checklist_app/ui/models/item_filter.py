"""Which items the table shows: branch of the tree, search text, status, department, evidence.

The search compares ``importer.search_key(query)`` with each row's simplified search key, so
a query typed in either script (标准 or 標準) finds text written in either.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)

from checklist_app.core import ItemStatus
from checklist_app.ui.lazy import search_key
from checklist_app.ui.models.item_table_model import ItemTableModel


class Presence(StrEnum):
    ANY = "any"
    WITH = "with"
    WITHOUT = "without"


@dataclass(slots=True)
class ItemFilter:
    """Everything that narrows the table; the empty filter shows every item."""

    text: str = ""
    statuses: frozenset[ItemStatus] = frozenset()  # empty: any status
    department: str = ""  # substring of a responsible department
    # 本部门: tasks of every department (市政府各部门) too, when the checklist names it
    every_department: bool = False
    evidence: Presence = Presence.ANY
    mapped: Presence = Presence.ANY
    overdue: bool = False  # only items past their due date and not done
    branch: frozenset[str] | None = None  # node ids under the selected tree node


def _needle(text: str) -> str:
    """The normalized query; no query needs no OpenCC (nor its import at start-up)."""
    text = text.strip()
    return search_key(text) if text else ""


class ItemFilterProxy(QSortFilterProxyModel):
    """Filters an :class:`ItemTableModel` in bulk and lets it sort itself.

    With 10,000 rows, asking ``data()`` for several roles per row from ``filterAcceptsRow``
    (or letting Qt sort through ``lessThan``) costs a Python call per row and comparison: a
    visible stall per keystroke. So the whole filter is evaluated in one pass over the source
    model's own lists (:meth:`ItemTableModel.rows_matching`) and ``filterAcceptsRow`` only
    reads the answer; sorting is delegated to the source model, which reorders its rows.
    Rows are not re-filtered when an item changes (dynamicSortFilter is off), so an item does
    not vanish under the cursor when its status moves out of the filter (Space steps on from
    it). A mapping that is made or removed does re-filter under a 对照 filter (see
    ``MainWindow._mappings_changed``): 未对照 is a work list that shrinks as items are mapped.
    """

    filterApplied = Signal()  # the rows shown changed: a new filter or new data

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.modelReset.connect(self.filterApplied)
        self._filter = ItemFilter()
        self._accepted: list[bool] = []
        self._outside = 0  # items the filters pass outside the branch shown
        self._in_branch = 0  # items of the branch shown, whatever the filters
        self._version = -1
        self._needle_of = ("", "")  # the search text and its normalized form, kept
        self.setDynamicSortFilter(False)

    @property
    def item_filter(self) -> ItemFilter:
        return self._filter

    def set_filter(self, item_filter: ItemFilter) -> None:
        if self.sourceModel() is not None:
            self._source().show_department_sought(item_filter.department)
        self.beginFilterChange()
        self._filter = item_filter
        self._version = -1
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        self.filterApplied.emit()

    def needle(self) -> str:
        """The search text as the filter compares it (what the table marks in its rows)."""
        text = self._filter.text
        if self._needle_of[0] != text:
            self._needle_of = (text, _needle(text))
        return self._needle_of[1]

    def update_filter(self, **changes: object) -> None:
        self.set_filter(replace(self._filter, **changes))  # type: ignore[arg-type]

    def refilter(self) -> None:
        """Apply the same filter again to changed data (after a status change, say)."""
        self.set_filter(self._filter)

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        if not isinstance(model, ItemTableModel):
            raise TypeError("ItemFilterProxy filters an ItemTableModel")
        self._model = model
        super().setSourceModel(model)

    def _source(self) -> ItemTableModel:
        return self._model

    def _compute(self) -> None:
        model, f = self._source(), self._filter
        accepted = model.rows_matching(
            self.needle(), f.statuses, f.department, f.every_department,
            None if f.evidence is Presence.ANY else f.evidence is Presence.WITH,
            None if f.mapped is Presence.ANY else f.mapped is Presence.WITH, f.overdue)
        self._outside, self._in_branch = 0, len(accepted)
        if f.branch is not None:
            branch = f.branch
            members = [node_id in branch for node_id in model.node_ids()]
            inside = [ok and member for ok, member in zip(accepted, members, strict=True)]
            self._outside = sum(accepted) - sum(inside)
            self._in_branch = sum(members)
            accepted = inside
        self._accepted = accepted
        self._version = model.version

    def items_in_branch(self) -> int:
        """How many items the branch shown holds, whether the filters pass them or not: what
        the count beside the search box counts against."""
        if self._version != self._model.version:
            self._compute()
        return self._in_branch

    def found_outside_branch(self) -> int:
        """How many items pass the search and filters in other branches than the one shown
        (an empty table under a section: the item searched for is in another)."""
        return self._outside

    def filterAcceptsRow(self, source_row: int,
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if self._version != self._model.version or source_row >= len(self._accepted):
            self._compute()
        return self._accepted[source_row]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._source().sort(column, order)
