"""The app shows the report's stand-ins for marks the screen's font cannot draw."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QFont, QFontDatabase

from checklist_app.report.fonts import vera_path
from checklist_app.ui import glyphs

pytestmark = pytest.mark.gui


@pytest.fixture
def latin_only_font(qapp, monkeypatch: pytest.MonkeyPatch) -> Iterator[QFont]:  # type: ignore[no-untyped-def]
    """Bitstream Vera alone, no fallback fonts: it has - > ‹ › but no → nor 〈〉."""
    monkeypatch.setattr(glyphs, "_stand_ins", {})  # the app's own table comes back afterwards
    font_id = QFontDatabase.addApplicationFont(str(vera_path()))
    assert font_id >= 0
    font = QFont(QFontDatabase.applicationFontFamilies(font_id)[0])
    font.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)
    yield font
    QFontDatabase.removeApplicationFont(font_id)


def test_on_screen_shows_stand_ins_for_arrow_and_nested_marks(latin_only_font: QFont) -> None:
    glyphs.note_fonts(latin_only_font)
    assert glyphs.on_screen("状态：未启动 → 已完成") == "状态：未启动 -> 已完成"
    assert glyphs.on_screen("《关于贯彻〈纲要〉》") == "《关于贯彻‹纲要›》"
