"""A document's deadlines (完成时限:2024年12月底, 到2025年) read as the day work is due by."""

from __future__ import annotations

import pytest

from checklist_app.core import Phase
from checklist_app.core.dates import deadline_date, deadline_words, document_due_date


@pytest.mark.parametrize(("text", "due"), [
    ("完成时限:2024年12月底", "2024-12-31"), ("到2025年", "2025-12-31"),
    ("第一階段(2018年)", "2018-12-31"), ("到2017年底", "2017-12-31"),
    ("2024年9月", "2024-09-30"), ("2024年2月底前", "2024-02-29"),
    ("2024年6月30日前", "2024-06-30"), ("2024年上半年", "2024-06-30"),
    ("2024年下半年", "2024-12-31"), ("2024年第三季度", "2024-09-30"),
    ("2024年1季度", "2024-03-31"), ("２０２４年１２月底", "2024-12-31"),
    ("2024年全年", "2024-12-31"),
    ("完成时限：2023年至2025年", "2025-12-31"), ("2023年—2025年", "2025-12-31"),  # the end
    ("2022年度统计数据于2023年6月底前报送", "2023-06-30"),
    ("在2021年试点基础上到2025年全面推广", "2025-12-31"),
    ("2024年10月至12月", "2024-12-31"), ("2024年1-6月", "2024-06-30"),
    ("2024年6月至2025年6月", "2025-06-30"),
])
def test_the_last_day_of_the_period_named(text: str, due: str) -> None:
    assert deadline_date(text) == due


@pytest.mark.parametrize("text", ["长期坚持", "持续推进", "2024年2月30日", "2024年13月",
                                  "完成时限:2024年起", "2024年第一季度起",
                                  "截至2022年底，全区已制定地方标准12项"])
def test_no_deadline_without_a_year_or_a_real_day(text: str) -> None:
    """Nor from a start (2024年起) or where things stood (截至2022年底)."""
    assert deadline_date(text) is None


def test_the_earliest_stage_is_the_items_deadline() -> None:
    """发展目标 of 2025 and 2035: its figures are due in 2025."""
    assert document_due_date([Phase(2035, "到2035年"), Phase(2025, "到2025年")]) == "2025-12-31"
    assert document_due_date([Phase(2030, "长期坚持")]) is None
    assert document_due_date([]) is None


def test_the_words_of_the_stage_the_date_is_read_from() -> None:
    stages = [Phase(2025, "到2025年"), Phase(2035, "到2035年")]
    assert deadline_words(stages) == "到2025年" and deadline_words([]) == ""
