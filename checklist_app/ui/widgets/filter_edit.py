"""A filter box that hands the keyboard on to what it filters, as the search box does."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit

GO_TO_RESULTS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down)


class FilterEdit(QLineEdit):
    """Enter and Down ask to go to the results (``resultsRequested``); Esc clears the text.

    The sections' filter kept the focus on Down and Enter and kept its text on Esc, unlike
    the search box beside it.
    """

    resultsRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in GO_TO_RESULTS and event.modifiers() in (
                Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):
            self.resultsRequested.emit()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            event.accept()
            return
        super().keyPressEvent(event)
