"""A document's deadlines (完成时限:2024年12月底, 到2025年) read as the day work is due by."""

from __future__ import annotations

from datetime import date

import pytest

from checklist_app.core import ItemStatus, Node, NodeKind, Phase
from checklist_app.core.dates import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    DateOutOfRange,
    deadline_date,
    document_deadline,
    is_overdue,
    judging_day,
    parse_day,
    parse_due_date,
    standing_deadline,
)


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


def _stages(*phases: Phase) -> Node:
    return Node("d/1", None, "1.", NodeKind.ITEM, "发展目标", "", phases=list(phases))


def test_the_earliest_stage_is_the_items_deadline() -> None:
    """发展目标 of 2025 and 2035: its figures are due in 2025, read from 到2025年."""
    assert document_deadline(_stages(Phase(2035, "到2035年"), Phase(2025, "到2025年"))) == (
        "2025-12-31", "到2025年")
    assert document_deadline(_stages(Phase(2030, "长期坚持"))) == (None, "")
    assert document_deadline(_stages()) == (None, "")


@pytest.mark.parametrize(("status", "due", "overdue"), [
    (ItemStatus.IN_PROGRESS, "2025-12-31", True),
    (ItemStatus.NOT_ASSESSED, "2025-12-31", True),
    (ItemStatus.DONE, "2025-12-31", False),
    (ItemStatus.ONGOING, "2025-12-31", False),  # 长期坚持 counts as done
    (ItemStatus.NOT_APPLICABLE, "2025-12-31", False),
    (ItemStatus.IN_PROGRESS, "2026-01-15", False),  # due today: not yet
    (ItemStatus.IN_PROGRESS, None, False),
    (ItemStatus.IN_PROGRESS, "明年", False),  # text that is no date
])
def test_overdue_is_past_the_due_date_and_not_done(status: ItemStatus, due: str | None,
                                                   overdue: bool) -> None:
    assert is_overdue(status, due, date(2026, 1, 15)) is overdue


def test_a_closed_assessment_is_judged_on_its_closing_day(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Its report is dated that day; the window should not call it overdue a year on."""
    monkeypatch.setattr("checklist_app.core.dates.today", lambda: date(2027, 3, 1))
    assert judging_day(None) == date(2027, 3, 1)
    assert judging_day("2025-06-30T10:00:00") == date(2025, 6, 30)
    # closed with a 成文日期 set: judged as its report is, on that day; open: today
    assert judging_day("2025-06-30T10:00:00", "2025-07-15") == date(2025, 7, 15)
    assert judging_day(None, "2025-07-15") == date(2027, 3, 1)


@pytest.mark.parametrize(("text", "day"), [
    ("2025-01-15", "2025-01-15"), ("20250115", "2025-01-15"), ("2025/1/15", "2025-01-15"),
    ("２０２５年１月１５日", "2025-01-15"), (" ", None)])
def test_a_day_is_read_in_the_usual_ways(text: str, day: str | None) -> None:
    assert parse_day(text) == day


@pytest.mark.parametrize("text", ["0001-01-01", "00010101", "0000-01-01", "1999-12-31",
                                  "2100-01-01", "2205年6月30日", "９９９９－１２－３１"])
def test_a_day_outside_the_years_staff_may_type_is_refused_as_such(text: str) -> None:
    """0001-01-01 was taken as a due date (a slip of the keyboard in the year)."""
    with pytest.raises(DateOutOfRange):
        parse_day(text)
    with pytest.raises(DateOutOfRange):
        parse_due_date(text)


def test_the_years_staff_may_type_end_on_both_sides() -> None:
    assert parse_day(f"{EARLIEST_YEAR}-01-01") == f"{EARLIEST_YEAR}-01-01"
    assert parse_due_date(f"{LATEST_YEAR}/12/31") == f"{LATEST_YEAR}-12-31"
    assert parse_due_date(f"{LATEST_YEAR}年底") == f"{LATEST_YEAR}-12-31"


@pytest.mark.parametrize("text", ["2025年", "2025年6月", "2025年第三季度", "无", "2025-02-30",
                                  "2025-W03-3"])
def test_a_month_or_a_year_is_no_day(text: str) -> None:
    """A due date may be a period's last day; a report is signed on a day."""
    with pytest.raises(ValueError):
        parse_day(text)


@pytest.mark.parametrize(("text", "words"), [
    ("组织培训不少于4次。\n完成时限:长期坚持", "长期坚持"), ("完成时限：持续推进。", "持续推进"),
    ("时间节点：长期坚持，每年报送进展", "长期坚持"), ("完成时间:每年12月底前", "每年12月底前"),
    ("完成时限:2023年12月底前", ""), ("完成时限：2025年底前；长期坚持", ""),
    ("长期坚持标准化改革。", ""),  # no deadline line: words of the task, not a deadline
    ("完成时限：根据国家部署要求分阶段持续推进实施到位", ""),  # too long to be a deadline's words
])
def test_a_deadline_line_without_a_year_is_kept_in_its_words(text: str, words: str) -> None:
    assert standing_deadline(text) == words


def test_the_items_own_deadline_line_decides_over_years_in_its_words() -> None:
    """到2025年团体标准达到15项 with 完成时限:长期坚持 was due 2025-12-31 and overdue; a 完成时限
    in the task's bracket, or in words (二〇二四年底), was not read as one."""
    from checklist_app.core import Node, NodeKind
    from checklist_app.core.dates import document_deadline

    def item(text: str, *years: int) -> Node:
        return Node("d/1", None, "1.", NodeKind.ITEM, "任务", text,
                    phases=[Phase(year, f"到{year}年") for year in years])

    assert document_deadline(item("到2025年达到15项。\n完成时限:长期坚持。", 2025)) == (
        None, "长期坚持")
    assert document_deadline(item("到2025年完成。\n完成时限:2026年6月底前。", 2025, 2026)) == (
        "2026-06-30", "完成时限:2026年6月底前")
    assert document_deadline(item("开展培训(牵头单位:甲;完成时限:长期坚持)")).standing
    assert document_deadline(item("到2025年完成。", 2025)) == ("2025-12-31", "到2025年")
    assert not document_deadline(item("完成时限：二〇二四年底")).standing  # a year in words


def test_the_tasks_own_deadline_line_is_the_one_that_gives_a_deadline() -> None:
    """完成时间:由5个工作日压缩至3个工作日 in a sentence hid the item's own line; a line ran on
    past its 。 into 到2026年; 二〇二四年底前 fell back to the text's 到2025年."""
    from checklist_app.core import Node, NodeKind
    from checklist_app.core.dates import document_deadline

    def item(text: str) -> Node:
        return Node("d/1", None, "1.", NodeKind.ITEM, "任务", text,
                    phases=[Phase(2025, "到2025年"), Phase(2026, "到2026年")])

    assert document_deadline(item("压缩办理时限,完成时间:由5个工作日压缩至3个工作日。\n"
                                  "完成时限:2024年底")).date == "2024-12-31"
    assert document_deadline(item("完成时限:2024年底前。到2026年全面推广")).date == "2024-12-31"
    assert document_deadline(item("到2025年完成。\n完成时限:二〇二四年底前")) == (
        "2024-12-31", "完成时限:二〇二四年底前")
