"""A tree view that says why it shows nothing (a filter that matches no row) instead of
leaving a blank pane."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QTreeView, QWidget

HINT_MARGIN = 8


class HintedTreeView(QTreeView):
    """A QTreeView that draws ``hint`` in grey below its rows while one is set."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hint = ""

    @property
    def hint(self) -> str:
        return self._hint

    def set_hint(self, text: str) -> None:
        if text != self._hint:
            self._hint = text
            self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._hint:
            return
        model, top = self.model(), HINT_MARGIN
        if model is not None and model.rowCount() > 0:
            top += self.visualRect(model.index(model.rowCount() - 1, 0)).bottom()
        area = self.viewport().rect().adjusted(HINT_MARGIN, top, -HINT_MARGIN, -HINT_MARGIN)
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(area, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
                         | Qt.TextFlag.TextWordWrap, self._hint)
        painter.end()
