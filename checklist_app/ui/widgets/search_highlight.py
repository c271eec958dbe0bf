"""The search's words marked in the items table, in either script (标准 marks 標準)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextEdit,
)

from checklist_app.core.matching import match_starts, words
from checklist_app.ui.lazy import search_key

MARK = QColor(255, 213, 79, 170)  # a highlighter's yellow, the row's own colour showing through

Span = tuple[int, int]


def match_spans(text: str, needle: str) -> list[Span]:
    """Where the words of ``needle`` (a normalized query) stand in ``text``, compared as the search
    compares (simplified, lower case); none when normalizing changed the text's length, as
    the places would then not line up with what is shown."""
    if not needle or not text:
        return []
    key = search_key(text)
    if len(key) != len(text):
        return []
    found = sorted((start, start + len(word)) for word in words(needle)
                   for start in match_starts(key, word))
    return _merged(found)


def _merged(spans: list[Span]) -> list[Span]:
    """Sorted spans with those that overlap or touch made one (marked once, evenly)."""
    merged: list[Span] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def mark_matches(view: QTextEdit, needle: str, *, show_first: bool = True) -> int:
    """Mark the search's words in a text view (the item's full text: the table shows only
    the title, so an item found by its text showed nothing of why), and bring the first into
    sight unless ``show_first`` is False; the number of places marked."""
    spans = match_spans(view.toPlainText(), needle)
    marked = QTextCharFormat()
    marked.setBackground(MARK)
    selections = []
    for start, end in spans:
        selection = QTextEdit.ExtraSelection()
        selection.cursor = QTextCursor(view.document())
        selection.cursor.setPosition(start)
        selection.cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection.format = marked
        selections.append(selection)
    view.setExtraSelections(selections)
    if spans and show_first:
        first = QTextCursor(view.document())
        first.setPosition(spans[0][0])
        view.setTextCursor(first)
        view.ensureCursorVisible()
    return len(spans)


class SearchHighlightDelegate(QStyledItemDelegate):
    """Draws a cell as usual, with the search's matches marked: searching 标准 among items
    that all hold it, nothing on screen said the search had worked."""

    def __init__(self, needle: Callable[[], str], parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.needle = needle  # the current normalized query ("" when none)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        text = str(index.data() or "")
        spans = match_spans(text, self.needle())
        if not spans:
            super().paint(painter, option, index)
            return
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text = ""  # the background, selection and focus frame as usual; the text below
        style = item.widget.style() if item.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, item.widget)
        area = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, item, item.widget)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None,
                                   item.widget) + 1
        area = area.adjusted(margin, 0, -margin, 0)
        self._draw(painter, item, area, text, spans)

    @staticmethod
    def _draw(painter: QPainter, item: QStyleOptionViewItem, area: QRect, text: str,
              spans: list[Span]) -> None:
        metrics = item.fontMetrics
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, area.width())
        whole = len(shown) if shown == text else len(shown) - 1  # an elided end: "…"
        painter.save()
        for start, end in spans:
            end = min(end, whole)
            if start >= end:
                continue
            left = area.left() + metrics.horizontalAdvance(text[:start])
            mark = QRect(left, area.top() + 2, metrics.horizontalAdvance(text[start:end]),
                         area.height() - 4)
            painter.fillRect(mark, MARK)
        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(item.palette.color(colour_group(item), role))
        painter.setFont(item.font)
        painter.drawText(area, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         shown)
        painter.restore()


def colour_group(item: QStyleOptionViewItem) -> QPalette.ColorGroup:
    """The palette's group the style paints this cell from, as Qt's own styles choose it:
    a view without the focus paints its selection pale (``ui/palette.py``), and white text
    of the focused group on it could not be read."""
    if not item.state & QStyle.StateFlag.State_Enabled:
        return QPalette.ColorGroup.Disabled
    if not item.state & QStyle.StateFlag.State_Active:
        return QPalette.ColorGroup.Inactive
    return QPalette.ColorGroup.Normal
