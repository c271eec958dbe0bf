"""Stand-ins for marks a font lacks: the first drawable choice, nothing when none is."""

from __future__ import annotations

from checklist_app.core.glyphs import stand_ins


def test_missing_marks_get_their_first_drawable_stand_in() -> None:
    table = stand_ins(lambda char: char not in "〈〉⑪")
    assert "《关于贯彻〈纲要〉的意见》⑪".translate(table) == "《关于贯彻《纲要》的意见》(11)"
    full_width = stand_ins(lambda char: char not in "〈〉《》")
    assert "〈纲要〉".translate(full_width) == "＜纲要＞"
    narrow = stand_ins(lambda char: char not in "〈〉《》＜＞")
    assert "〈纲要〉".translate(narrow) == "‹纲要›"


def test_drawable_marks_and_hopeless_ones_are_left_alone() -> None:
    assert stand_ins(lambda char: True) == {}
    assert stand_ins(lambda char: char not in "〈《＜‹") == {}  # 〉 drawable; 〈 has no stand-in


def test_an_arrow_no_font_draws_becomes_ascii() -> None:
    table = stand_ins(lambda char: char != "→")
    assert "状态：未启动 → 已完成".translate(table) == "状态：未启动 -> 已完成"
    assert stand_ins(lambda char: char not in "→>") == {}  # half a stand-in is none


def test_stand_ins_to_be_edited_can_be_turned_back() -> None:
    """On screen 〈 became 《 like in print, and an edited title turned every 《 into 〈."""
    table = stand_ins(lambda char: char not in "〈〉", reversible=True)
    assert "《关于〈纲要〉》".translate(table) == "《关于＜纲要＞》"
