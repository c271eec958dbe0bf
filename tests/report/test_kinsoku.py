"""Chinese line breaking rules (禁则), shared by body paragraphs and table cells."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from checklist_app.report.kinsoku import (
    CANNOT_END,
    CANNOT_START,
    break_lines,
    may_break,
)


def width(char: str) -> float:
    """Half an em for Latin letters and digits, a whole em for CJK and its marks."""
    return 0.5 if char < "\u2e80" and char not in "—…“”‘’" else 1.0


def lines(text: str, line_width: float, **options) -> list[str]:
    spans = break_lines(text, [width(c) for c in text], [line_width], **options)
    return [text[start:end] for start, end in spans]


def test_closing_marks_never_start_and_opening_marks_never_end_a_line() -> None:
    assert lines("甲乙丙丁，戊己", 4) == ["甲乙丙", "丁，戊己"]
    assert lines("甲乙丙《丁戊》", 4) == ["甲乙丙", "《丁戊》"]
    assert lines("甲乙丙”）。丁", 4) == ["甲乙", "丙”）。", "丁"]


def test_a_number_with_its_brackets_moves_down_whole() -> None:
    assert lines("共32项（0.0%）。完成", 6) == ["共32项", "（0.0%）。完", "成"]


def test_a_number_keeps_its_measure_word() -> None:
    """其余56 / 项中… read as two numbers broken apart."""
    assert lines("甲乙丙丁其余56项中", 7) == ["甲乙丙丁其余", "56项中"]
    assert lines("截至2024年底", 4) == ["截至", "2024年底"]
    assert lines("共56种类", 2) == ["共56", "种类"]  # 种 is not among the units kept


def test_a_number_in_chinese_numerals_stays_whole() -> None:
    """A clause column printed 十一、（三十 / 一）加强组织领导: two numbers, read apart."""
    assert lines("十一、（三十一）加强组织", 6) == ["十一、", "（三十一）加", "强组织"]
    assert lines("任务三十一", 4) == ["任务", "三十一"]
    assert lines("统一标准", 2) == ["统一", "标准"]  # 统一 is a word, not a number: either way


def test_a_full_stop_may_hang_onto_a_full_line() -> None:
    assert lines("甲乙丙丁。戊己", 4, hang=True) == ["甲乙丙丁。", "戊己"]
    assert lines("甲乙丙丁）戊己", 4, hang=True) == ["甲乙丙", "丁）戊己"]


def test_kept_words_stay_whole() -> None:
    assert lines("状态基本完成", 5) == ["状态基本完", "成"]
    assert lines("状态基本完成", 5, keep=("基本完成",)) == ["状态", "基本完成"]


def test_a_kept_word_that_fills_its_line_gives_way_to_the_rules() -> None:
    """区民政局（牵头）、各街道办事处、… printed a line starting with 、 in 责任单位: the
    department's name filled the line and nothing before it could break."""
    keep = ("区民政局", "各街道办事处", "区市场监管局")
    assert lines("头）、各街道办事处、区市场监管局", 6, keep=keep) == [
        "头）、", "各街道办事", "处、", "区市场监管局"]


def test_dashes_and_ellipses_stay_whole_and_may_start_a_line() -> None:
    assert lines("甲乙丙——丁", 4) == ["甲乙丙", "——丁"]
    assert lines("甲乙丙……", 4) == ["甲乙丙", "……"]


def test_latin_words_break_at_spaces_and_unbreakable_runs_are_cut() -> None:
    assert lines("see the file", 2) == ["see", "the", "file"]
    assert lines("0123456789", 2) == ["0123", "4567", "89"]


def test_a_cut_hash_keeps_its_closing_bracket() -> None:
    """An evidence cell's （5108deb71ee1） too wide for its column printed ） alone on the
    next line: the cut goes inside the hash instead."""
    assert lines("（5108deb71ee1）", 7) == ["（5108deb71ee", "1）"]
    assert lines("（5108）", 3) == ["（510", "8）"]


def test_first_line_width_differs() -> None:
    spans = break_lines("甲乙丙丁戊己七", [1.0] * 7, [2, 5])
    assert spans == [(0, 2), (2, 7)]


ALPHABET = "标准化工作完成十一三《》（）“”，。、；：%0.5 a"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60), st.integers(min_value=2, max_value=12))
def test_every_break_keeps_the_rules_unless_none_could(text: str, line_width: int) -> None:
    spans = break_lines(text, [width(c) for c in text], [line_width])
    for (start, end), (following, _) in pairwise(spans):
        assert sum(width(c) for c in text[start:end]) <= line_width
        assert text[end:following].strip() == ""
        rule_kept = may_break(text[following - 1], text[following])
        assert rule_kept or not any(may_break(text[i - 1], text[i])
                                    for i in range(start + 1, following))
    assert "".join(text[s:e] for s, e in spans).replace(" ", "") == text.replace(" ", "")


def test_the_rule_sets_know_the_chinese_marks() -> None:
    assert set("，。、；：？！）》”’") <= CANNOT_START
    assert set("（《“‘〔【") <= CANNOT_END
