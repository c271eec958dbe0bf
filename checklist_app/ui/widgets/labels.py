"""Labels for text that comes from files and documents."""

from __future__ import annotations

from html import escape
from typing import Any
from unicodedata import east_asian_width

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel

# a tooltip with a line wider than this (a hanzi takes two) is wrapped: Qt runs plain text on
UNWRAPPED_TIP_COLUMNS = 160  # 80 hanzi: about 1,000 px
TIP_MAX_CHARS = 1000  # of a long text typed by staff (a 不适用 reason) in a tooltip


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
    ``<script>`` nothing at all). One with a long line is wrapped (wrapped_tooltip)."""
    if not text or (max(map(_columns, text.splitlines())) <= UNWRAPPED_TIP_COLUMNS
                    and not GuiQt.mightBeRichText(text)):
        return text
    return wrapped_tooltip(text)


def _columns(line: str) -> int:
    """The width of ``line`` in columns: two for a wide character (a hanzi), else one."""
    return sum(2 if east_asian_width(char) in "WF" else 1 for char in line)


def wrapped_tooltip(text: str) -> str:
    """``text`` for a tooltip, as it is and wrapped: Qt wraps only rich text, so a long
    plain line (a 不适用 reason of a few hundred characters) ran off the screen."""
    return f"<p style='white-space:pre-wrap'>{escape(text)}</p>" if text else ""


def tip_excerpt(text: str, limit: int = TIP_MAX_CHARS) -> str:
    """``text`` for a tooltip, its first ``limit`` characters and "…" when longer."""
    return text if len(text) <= limit else text[:limit] + "…"
