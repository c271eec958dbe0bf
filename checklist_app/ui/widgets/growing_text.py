"""A plain-text editor as tall as its text, between a few lines and a limit.

The item's note box stood 120 px tall for a one-line note (or none), and pushed the
sub-items below the fold at 1366×768; a long note still gets room, then scrolls.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QSize, Signal
from PySide6.QtGui import QDropEvent, QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QSizePolicy, QWidget


class GrowingTextEdit(QPlainTextEdit):
    """Grows with the lines its text takes (wrapped lines count), from ``fewest`` to
    ``most`` lines; beyond that it scrolls. A paste that would take the text past
    ``max_chars`` is refused (``refused`` says how long it was): laying out a megabyte
    without a line break froze the window for minutes."""

    refused = Signal(int)  # the characters the text would have had

    def __init__(self, parent: QWidget | None = None, *, fewest: int = 3, most: int = 6,
                 objectName: str = "", max_chars: int = 0) -> None:
        super().__init__(parent, objectName=objectName)
        self.fewest, self.most, self.max_chars = fewest, most, max_chars
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout = self.document().documentLayout()
        layout.documentSizeChanged.connect(lambda _size: self.updateGeometry())

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasText() and self._too_long(source.text()):
            self.refused.emit(self._length_with(source.text()))
            return
        super().insertFromMimeData(source)

    def dropEvent(self, event: QDropEvent) -> None:
        """A drop too long is ignored: accepted, the source (moving the text) lost it."""
        if event.mimeData().hasText() and self._too_long(event.mimeData().text()):
            self.refused.emit(self._length_with(event.mimeData().text()))
            event.ignore()
            return
        super().dropEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Typing stops at the limit, as in a line edit with a maximum length."""
        if event.text().isprintable() and event.text() and self._too_long(event.text()):
            return
        super().keyPressEvent(event)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        """Chinese typed through an input method stops at the limit too."""
        if event.commitString() and self._too_long(event.commitString()):
            event.setCommitString("")
        super().inputMethodEvent(event)

    def _length_with(self, added: str) -> int:
        """The text's length with ``added`` put in place of the selection."""
        return len(self.toPlainText()) - len(self.textCursor().selectedText()) + len(added)

    def _too_long(self, added: str) -> bool:
        return bool(self.max_chars) and self._length_with(added) > self.max_chars

    def lines_shown(self) -> int:
        """The lines the box is tall enough for now: its text's, within the limits."""
        lines = int(self.document().size().height())  # a plain-text layout counts lines
        return min(max(lines, self.fewest), self.most)

    def sizeHint(self) -> QSize:
        margins = self.contentsMargins()
        chrome = (2 * self.frameWidth() + round(2 * self.document().documentMargin())
                  + margins.top() + margins.bottom())
        height = self.lines_shown() * self.fontMetrics().lineSpacing() + chrome
        return QSize(super().sizeHint().width(), height)

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self.sizeHint().height())
