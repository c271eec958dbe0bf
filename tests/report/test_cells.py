"""The table cell line breaker."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checklist_app.report.cells import layout
from checklist_app.report.fonts import FontRole, FontSet, find_fonts
from checklist_app.report.kinsoku import CANNOT_START

SIZE, WIDTH = 9.0, 80.0


@pytest.fixture(scope="module")
def fonts() -> FontSet:
    return find_fonts()


def texts(lines) -> list[str]:
    return ["".join(run[1] for run in line) for line in lines]


def test_lines_fit_and_keep_every_character_but_the_spaces_they_break_at(
    fonts: FontSet,
) -> None:
    text = "推动标准化与科技创新互动发展，" * 3 + "A" * 120 + " word wrap here。）"
    lines = layout(fonts, text, FontRole.SONG, SIZE, WIDTH)
    assert "".join(texts(lines)).replace(" ", "") == text.replace(" ", "")
    words = [word for line in texts(lines) for word in line.split()]
    assert words[-3:] == ["word", "wrap", "here。）"]  # none cut, whatever the A's widths
    for line in lines:
        assert sum(run[2] for run in line) <= WIDTH + 1e-6
    assert all(t[0] not in CANNOT_START for t in texts(lines)[1:])


def test_latin_words_break_at_spaces(fonts: FontSet) -> None:
    lines = texts(layout(fonts, "alpha beta gamma delta epsilon zeta", FontRole.SONG, SIZE, 60))
    assert all(not line.startswith(("lpha", "eta", "amma")) for line in lines)
    assert len(lines) > 1


def test_newlines_start_new_lines(fonts: FontSet) -> None:
    lines = layout(fonts, "一\n二\n\n三", FontRole.SONG, SIZE, WIDTH)
    assert texts(lines) == ["一", "二", "", "三"]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_any_text_lays_out(text: str) -> None:
    fonts = find_fonts()
    lines = layout(fonts, text, FontRole.SONG, SIZE, WIDTH)
    assert len(lines) >= text.count("\n") + 1
