"""The search's words are marked in the task column, in either script."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from checklist_app.ui.models.item_table_model import Column
from checklist_app.ui.widgets.search_highlight import MARK, match_spans
from tests.ui.conftest import screenshot

pytestmark = pytest.mark.gui


def test_spans_are_found_across_scripts_and_case() -> None:
    assert match_spans("加強標準化工作，標準先行", "标准") == [(2, 4), (8, 10)]
    assert match_spans("ISO标准", "iso") == [(0, 3)]
    assert match_spans("加强标准化", "") == []


def _marked_pixels(window, row: int) -> int:  # type: ignore[no-untyped-def]
    """Pixels of the highlighter's colour in the task cell of ``row``."""
    table = window.table
    rect = table.visualRect(window.proxy.index(row, Column.TITLE))
    image = table.viewport().grab(rect).toImage()
    mark = QColor(MARK)
    return sum(1 for x in range(image.width()) for y in range(image.height())
               if _yellowish(image.pixelColor(x, y), mark))


def _yellowish(color: QColor, mark: QColor) -> bool:
    return color.red() > 200 and color.green() > 180 and color.blue() < 170 \
        and abs(color.green() - color.red()) < 60 and mark.alpha() > 0


def test_a_search_marks_its_words_in_the_rows_found(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Searching 标准 found every item and nothing on screen said the search had worked."""
    window.resize(1366, 768)
    window.show()
    row = next(r for r in range(window.proxy.rowCount())
               if "标准" in window.proxy.index(r, Column.TITLE).data()
               and r != window.table.currentIndex().row())
    assert _marked_pixels(window, row) == 0  # no search, no marks
    window.filter_bar.search.setText("标准")
    window.filter_bar.apply_search()
    qtbot.wait(20)
    row = next(r for r in range(window.proxy.rowCount())
               if "标准" in window.proxy.index(r, Column.TITLE).data()
               and r != window.table.currentIndex().row())
    assert _marked_pixels(window, row) > 20
    screenshot(window, "search-marked")


def test_the_items_text_marks_the_words_searched(window) -> None:  # type: ignore[no-untyped-def]
    """An item found by its full text (search 10: 地方标准：10) showed nothing of why: the
    table marks the title only. The pane's text marks every place, and clears with the
    search."""
    detail = window.item_pane.detail
    window.filter_bar.search.setText("标准 推进")
    window.filter_bar.apply_search()
    assert window.proxy.rowCount()
    window.table.setCurrentIndex(window.proxy.index(0, 0))
    text = detail.text.toPlainText()
    marked = [s.cursor.selectedText() for s in detail.text.extraSelections()]
    assert sorted(marked) == sorted(["标准"] * text.count("标准") + ["推进"] * text.count("推进"))
    assert marked and {s.format.background().color().name() for s in
                       detail.text.extraSelections()} == {MARK.name()}
    screenshot(window, "search-marked-in-text")
    cursor = detail.text.textCursor()
    cursor.setPosition(len(text) - 1)
    detail.text.setTextCursor(cursor)  # the reader clicked near the end
    window.filter_bar.apply_search()  # the same search again (a filter applied anew)
    assert detail.text.textCursor().position() == len(text) - 1
    window.filter_bar.search.clear()
    window.filter_bar.apply_search()
    assert detail.text.extraSelections() == []
