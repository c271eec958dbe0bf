"""A short list of clauses with a caption and a detail line: current mappings, suggestions,
search hits in the mapping panel."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from checklist_app.ui.widgets.labels import plain_tooltip

AnyIndex = QModelIndex | QPersistentModelIndex


class ClauseRole(IntEnum):
    NODE_ID = Qt.ItemDataRole.UserRole + 1
    PAYLOAD = Qt.ItemDataRole.UserRole + 2  # the Mapping or Candidate behind the row


@dataclass(frozen=True, slots=True)
class ClauseRow:
    node_id: str
    caption: str
    detail: str = ""
    tooltip: str = ""
    payload: object = None
    strength: int | None = None  # a suggestion's: 0 strong, 1 fair, 2 weak (strength_rank)


class ClauseListModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ClauseRow] = []

    def set_rows(self, rows: list[ClauseRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[ClauseRow]:
        return list(self._rows)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.caption}\n{row.detail}" if row.detail else row.caption
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(row.tooltip) or None
        if role == ClauseRole.NODE_ID:
            return row.node_id
        if role == ClauseRole.PAYLOAD:
            return row.payload
        return None
