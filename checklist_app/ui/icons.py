"""Icons drawn in code (status dots) and the bundled application icon."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from checklist_app.core import ItemStatus
from checklist_app.resources import resource_path

OVERDUE_RED = "#c62828"  # a date past due, a target not met: the one red of the window
STATUS_COLORS = {
    ItemStatus.NOT_ASSESSED: "#b0b0b0",
    ItemStatus.NOT_STARTED: "#d9534f",
    ItemStatus.IN_PROGRESS: "#f0ad4e",
    ItemStatus.LARGELY_DONE: "#5bc0de",
    ItemStatus.DONE: "#3c9a3c",
    ItemStatus.ONGOING: "#2e7d6b",
    ItemStatus.NOT_APPLICABLE: "#7a7a9a",
}


@cache
def status_icon(status: ItemStatus) -> QIcon:
    """A filled dot in the status colour; a ring for 'not assessed'."""
    def draw(painter: QPainter, size: int) -> None:
        color = QColor(STATUS_COLORS[status])
        margin = size * 0.18
        rect = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
        if status is ItemStatus.NOT_ASSESSED:
            painter.setPen(color)
            painter.setBrush(Qt.BrushStyle.NoBrush)
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
        painter.drawEllipse(rect)

    return drawn_icon(draw)


def drawn_icon(draw: Callable[[QPainter, int], None]) -> QIcon:
    """An icon of 16 and 32 px pixmaps, each painted by ``draw(painter, size)``."""
    icon = QIcon()
    for size in (16, 32):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        draw(painter, size)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def app_icon() -> QIcon:
    return QIcon(str(resource_path("icons", "checklist-app.svg")))


@cache
def calendar_icon() -> QIcon:
    """A small calendar page: a frame, its top bar and a grid of days."""
    def draw(painter: QPainter, size: int) -> None:
        unit = size / 16
        painter.setPen(QColor("#5a6b7b"))
        painter.setBrush(QColor("#ffffff"))
        painter.drawRect(QRectF(2 * unit, 3 * unit, 12 * unit, 11 * unit))
        painter.fillRect(QRectF(2 * unit, 3 * unit, 12 * unit, 3 * unit), QColor("#c0504d"))
        for row in range(2):
            for column in range(3):
                painter.fillRect(QRectF((4 + 3.5 * column) * unit, (8 + 3 * row) * unit,
                                        2 * unit, 2 * unit), QColor("#5a6b7b"))

    return drawn_icon(draw)
