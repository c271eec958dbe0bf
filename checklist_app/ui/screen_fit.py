"""Window and dialog sizes that fit the screen: 1366×768 laptops are common in offices, and a
dialog taller than the screen hides its buttons under the taskbar."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget

SCREEN_SHARE = 0.92  # of the available area, leaving the window's frame and the taskbar room


def fitted_size(wanted: QSize, available: QSize) -> QSize:
    """``wanted``, or 92 % of a screen too small for it, in either direction."""
    return QSize(min(wanted.width(), int(available.width() * SCREEN_SHARE)),
                 min(wanted.height(), int(available.height() * SCREEN_SHARE)))


def resize_within_screen(widget: QWidget, width: int, height: int) -> None:
    """Give ``widget`` this size, or less on a smaller screen: its parent's (a dialog not yet
    shown reports the primary screen as its own), else its own."""
    screen = (widget.parentWidget() or widget).screen()
    widget.resize(fitted_size(QSize(width, height), screen.availableGeometry().size()))


def grow_to_fit(widget: QWidget) -> None:
    """Make ``widget`` (a shown dialog) large enough for what it now holds, within the
    screen, never smaller: a message that appeared in it was cut off at its kept size."""
    if not widget.isVisible():
        return
    width = max(widget.width(), widget.sizeHint().width())
    layout = widget.layout()
    height = widget.sizeHint().height()
    if layout is not None and layout.hasHeightForWidth():
        height = max(height, layout.totalHeightForWidth(width))
    if width > widget.width() or height > widget.height():
        resize_within_screen(widget, width, max(height, widget.height()))
        keep_on_screen(widget)


def keep_on_screen(widget: QWidget) -> None:
    """Move a window that grew past the screen's edge back onto it (a dialog grows
    downward from where it stands: its buttons went below the screen)."""
    area = widget.screen().availableGeometry()
    frame = widget.frameGeometry()
    x = min(max(frame.left(), area.left()), max(area.right() - frame.width() + 1, area.left()))
    y = min(max(frame.top(), area.top()), max(area.bottom() - frame.height() + 1, area.top()))
    if (x, y) != (frame.left(), frame.top()):
        widget.move(x, y)
