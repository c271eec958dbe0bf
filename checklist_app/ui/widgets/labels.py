"""Labels for text that comes from files and documents."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def plain_label(*args: Any, **properties: Any) -> QLabel:
    """A QLabel that shows its text as it is.

    QLabel guesses rich text from the text itself, so a file named ``<b>通知</b>.pdf`` or a
    clause quoting ``<`` would be drawn as markup (or vanish) in a message. Takes QLabel's
    arguments.
    """
    return QLabel(*args, textFormat=Qt.TextFormat.PlainText, **properties)
