"""Which items the table shows: branch of the tree, search text, status, department, evidence.

The search compares ``importer.search_key(query)`` with each row's simplified search key, so
a query typed in either script (标准 or 標準) finds text written in either.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel

from checklist_app.core import ItemStatus
from checklist_app.importer import search_key
from checklist_app.ui.models.item_table_model import Role


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
    evidence: Presence = Presence.ANY
    mapped: Presence = Presence.ANY
    branch: frozenset[str] | None = None  # node ids under the selected tree node


class ItemFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filter = ItemFilter()
        self._needle = ""
        self.setSortRole(Role.SORT)
        self.setDynamicSortFilter(False)  # re-sorting on every status change moves rows away

    @property
    def item_filter(self) -> ItemFilter:
        return self._filter

    def set_filter(self, item_filter: ItemFilter) -> None:
        self.beginFilterChange()
        self._filter = item_filter
        self._needle = search_key(item_filter.text.strip())
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def update_filter(self, **changes: object) -> None:
        self.set_filter(replace(self._filter, **changes))  # type: ignore[arg-type]

    def filterAcceptsRow(self, source_row: int,
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        f = self._filter
        if f.branch is not None and model.data(index, Role.NODE_ID) not in f.branch:
            return False
        if self._needle and self._needle not in model.data(index, Role.SEARCH_KEY):
            return False
        if f.statuses and model.data(index, Role.STATUS) not in f.statuses:
            return False
        if f.department and not any(f.department in d
                                     for d in model.data(index, Role.DEPARTMENTS)):
            return False
        if not _present(f.evidence, bool(model.data(index, Role.EVIDENCE_COUNT))):
            return False
        return _present(f.mapped, bool(model.data(index, Role.MAPPED)))


def _present(wanted: Presence, has: bool) -> bool:
    return wanted is Presence.ANY or (wanted is Presence.WITH) == has
