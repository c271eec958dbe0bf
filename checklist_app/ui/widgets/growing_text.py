"""A plain-text editor as tall as its text, between a few lines and a limit.

The item's note box stood 120 px tall for a one-line note (or none), and pushed the
sub-items below the fold at 1366×768; a long note still gets room, then scrolls.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QSize, Qt, Signal
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
        """A drop too long is ignored: accepted, the source (moving the text) lost it. One
        from elsewhere goes in beside the selection, not over it."""
        text = event.mimeData().text() if event.mimeData().hasText() else ""
        replacing = event.source() is self
        if text and self._too_long(text, replacing):
            self.refused.emit(self._length_with(text, replacing))
            event.ignore()
            return
        super().dropEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Typing stops at the limit, as in a line edit with a maximum length (Enter and
        the full-width space too; shortcuts pass)."""
        text = event.text()
        shortcut = event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                        | Qt.KeyboardModifier.MetaModifier)
        if text and (text.isprintable() or text in "\r\n\t\u3000") and not shortcut \
                and self._too_long(text):
            return
        super().keyPressEvent(event)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        """Chinese typed through an input method stops at the limit too, and says so."""
        committed = event.commitString()
        if committed and self._too_long(committed):
            self.refused.emit(self._length_with(committed))
            event.setCommitString("")
        super().inputMethodEvent(event)

    def _length_with(self, added: str, replacing: bool = True) -> int:
        """The text's length with ``added`` put in place of the selection (``replacing``),
        or beside it."""
        selected = len(self.textCursor().selectedText()) if replacing else 0
        return len(self.toPlainText()) - selected + len(added)

    def _too_long(self, added: str, replacing: bool = True) -> bool:
        return bool(self.max_chars) and self._length_with(added, replacing) > self.max_chars

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
