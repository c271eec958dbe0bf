"""The evidence (佐证材料) of one item: name, size, short hash and a thumbnail for images."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import (
    QAbstractListModel,
    QFileInfo,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import QApplication, QFileIconProvider, QStyle

from checklist_app.core import Evidence, local_date
from checklist_app.core.names import one_line, printable
from checklist_app.i18n import _
from checklist_app.storage.evidence_index import file_size
from checklist_app.ui.widgets.labels import plain_tooltip

AnyIndex = QModelIndex | QPersistentModelIndex
THUMBNAIL = QSize(48, 48)


class EvidenceRole(IntEnum):
    EVIDENCE = Qt.ItemDataRole.UserRole + 1
    EVIDENCE_ID = Qt.ItemDataRole.UserRole + 2


def is_image(evidence: Evidence) -> bool:
    return evidence.mime_type.startswith("image/")


class EvidenceListModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[Evidence] = []
        self._thumbnails: dict[int, QIcon] = {}  # evidence id → icon, kept across items
        self._icons = QFileIconProvider()

    def set_evidence(self, items: list[Evidence]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def evidence(self) -> list[Evidence]:
        return list(self._items)

    def wants_thumbnail(self) -> list[Evidence]:
        """Images whose thumbnail has not been made yet."""
        return [e for e in self._items if is_image(e) and e.id not in self._thumbnails]

    def set_thumbnail(self, evidence_id: int, data: bytes) -> None:
        image = QImage.fromData(data)
        if image.isNull():
            return
        scaled = image.scaled(THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio,
                              Qt.TransformationMode.SmoothTransformation)
        self._thumbnails[evidence_id] = QIcon(QPixmap.fromImage(scaled))
        for row, item in enumerate(self._items):
            if item.id == evidence_id:
                index = self.index(row)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def _file_icon(self, file_name: str) -> QIcon:
        """The desktop's icon for the type; a generic file icon where there is no theme."""
        icon = self._icons.icon(QFileInfo(file_name))
        if icon.isNull():
            icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        return icon

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            lines = [printable(item.file_name), f"{file_size(item.size)} · {item.short_hash}"]
            if item.description:  # what the file shows, on a line of its own: its start in sight
                lines.append(one_line(item.description))
            return "\n".join(lines)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._thumbnails.get(item.id) or self._file_icon(item.file_name)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = _("{name}\n{description}\nAdded by {user} on {date}\nSHA-256 {sha}").format(
                name=printable(item.file_name),
                description=one_line(item.description),
                user=item.added_by or "?",
                date=local_date(item.added_at) or item.added_at[:10], sha=item.sha256)
            return plain_tooltip(  # no empty description line
                "\n".join(line for line in tip.split("\n") if line.strip()))
        if role == EvidenceRole.EVIDENCE:
            return item
        if role == EvidenceRole.EVIDENCE_ID:
            return item.id
        return None
