"""Labels for text that comes from files and documents."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel


def plain_label(*args: Any, **properties: Any) -> QLabel:
    """A QLabel that shows its text as it is.

    QLabel guesses rich text from the text itself, so a file named ``<b>通知</b>.pdf`` or a
    clause quoting ``<`` would be drawn as markup (or vanish) in a message. Takes QLabel's
    arguments.
    """
    return QLabel(*args, textFormat=Qt.TextFormat.PlainText, **properties)


def plain_tooltip(text: str | None) -> str | None:
    """``text`` for a tooltip, shown as it is: Qt guesses rich text in tooltips too (an
    evidence file named ``<b>图纸</b>.dwg`` showed bold, ``<img src=x>`` a broken image,
    ``<script>`` nothing at all)."""
    if not text or not GuiQt.mightBeRichText(text):
        return text
    return f"<p style='white-space:pre-wrap'>{escape(text)}</p>"
