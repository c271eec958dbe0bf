"""Read-only text fields that look it: greyed like the disabled fields beside them."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit


def set_read_only(field: QLineEdit | QPlainTextEdit, read_only: bool) -> None:
    """Read-only, with the window's background (a white box invited typing that did
    nothing); the text stays selectable, unlike a disabled field, to copy a long note."""
    field.setReadOnly(read_only)
    palette = QPalette()  # the inherited colours again
    if read_only:
        palette = field.palette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, QPalette.ColorRole.Base,
                             palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Base))
    field.setPalette(palette)
