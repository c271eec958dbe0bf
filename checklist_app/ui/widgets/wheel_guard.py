"""The mouse wheel over a field of a scrolling pane scrolls the pane.

A combo box takes the wheel wherever the pointer is: scrolling down the item pane, a clerk
turned the wheel over the status box and saved another status (不适用 asked why, each
notch). A guarded widget takes the wheel only once it has the focus (clicked or tabbed to);
otherwise the wheel goes on to the pane around it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QWidget


class _WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Wheel and isinstance(watched, QWidget)
                and not watched.hasFocus()):
            event.ignore()  # filtered but not accepted: Qt offers it to the parents
            return True
        return False


def guard_wheel(*widgets: QWidget) -> None:
    """Leave the wheel to the scrolling pane unless the widget has the focus."""
    for widget in widgets:
        guard = widget.findChild(_WheelGuard) or _WheelGuard(widget)
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel does not focus it
        widget.installEventFilter(guard)
