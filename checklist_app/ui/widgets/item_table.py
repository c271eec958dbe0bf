"""The items table view: files dropped on a row become evidence of that row's item."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from checklist_app.ui.models.item_table_model import Role
from checklist_app.ui.widgets.evidence_list import accept_if_files, dropped_files


class ItemTableView(QTableView):
    """The items table; files dropped on a row become evidence of that row's item."""

    filesDroppedOnItem = Signal(str, list)  # node id, list[Path]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        accept_if_files(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        accept_if_files(event, also=self.indexAt(event.position().toPoint()).isValid())

    def dropEvent(self, event: QDropEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        files = dropped_files(event.mimeData())
        node_id = index.data(Role.NODE_ID) if index.isValid() else None
        if files and node_id:
            event.acceptProposedAction()
            self.filesDroppedOnItem.emit(str(node_id), files)
        else:
            event.ignore()
