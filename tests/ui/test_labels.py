"""Tooltips of text from files and staff: shown as written, wrapped when a line is long."""

from __future__ import annotations

from checklist_app.ui.widgets.labels import (
    TIP_MAX_CHARS,
    UNWRAPPED_TIP_COLUMNS,
    plain_tooltip,
    tip_excerpt,
)

WRAPPED = "<p style='white-space:pre-wrap'>"


def test_a_short_plain_tooltip_is_kept_as_it_is() -> None:
    evidence = "评奖办法.pdf\nSHA-256 " + "ab" * 32  # lines short enough, however many
    assert plain_tooltip(evidence) == evidence
    assert plain_tooltip("") == "" and plain_tooltip(None) is None


def test_a_line_wider_than_the_limit_is_wrapped_a_hanzi_counting_two() -> None:
    hanzi = "标" * (UNWRAPPED_TIP_COLUMNS // 2)
    assert plain_tooltip(hanzi) == hanzi  # just fits
    assert plain_tooltip(hanzi + "准").startswith(WRAPPED)
    latin = "a" * UNWRAPPED_TIP_COLUMNS
    assert plain_tooltip(latin) == latin and plain_tooltip(latin + "b").startswith(WRAPPED)
    mixed = "标" * (UNWRAPPED_TIP_COLUMNS // 2 - 1) + "ab"
    assert plain_tooltip(mixed) == mixed and plain_tooltip(mixed + "c").startswith(WRAPPED)


def test_markup_is_escaped_short_or_long() -> None:
    assert plain_tooltip("<b>图纸</b>.dwg") == f"{WRAPPED}&lt;b&gt;图纸&lt;/b&gt;.dwg</p>"


def test_an_excerpt_says_it_was_cut() -> None:
    assert tip_excerpt("理由" * 10) == "理由" * 10
    cut = tip_excerpt("理" * (TIP_MAX_CHARS + 5))
    assert len(cut) == TIP_MAX_CHARS + 1 and cut.endswith("…")
