"""Views that say why they show nothing (a filter that matches no row) instead of leaving a
blank pane: the tree's sections and the items table."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QAbstractItemView, QTreeView

HINT_MARGIN = 8


class Hinted:
    """For a view class (first among its bases): ``hint`` drawn in grey below its rows
    while one is set."""

    _hint = ""

    @property
    def hint(self) -> str:
        return self._hint

    def set_hint(self, text: str) -> None:
        if text != self._hint:
            self._hint = text
            self.viewport().update()  # type: ignore[attr-defined]

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)  # type: ignore[misc]
        paint_hint(self, self._hint)  # type: ignore[arg-type]


class HintedTreeView(Hinted, QTreeView):
    """A QTreeView with a :class:`Hinted` hint."""


def paint_hint(view: QAbstractItemView, hint: str) -> None:
    """Draw ``hint`` in grey in ``view``'s viewport, below its last row (from a paintEvent)."""
    if not hint:
        return
    model, top = view.model(), HINT_MARGIN
    if model is not None and model.rowCount() > 0:
        top += view.visualRect(model.index(model.rowCount() - 1, 0)).bottom()
    area = view.viewport().rect().adjusted(HINT_MARGIN, top, -HINT_MARGIN, -HINT_MARGIN)
    painter = QPainter(view.viewport())
    painter.setPen(view.palette().color(QPalette.ColorRole.PlaceholderText))
    painter.drawText(area, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
                     | Qt.TextFlag.TextWordWrap, hint)
    painter.end()
