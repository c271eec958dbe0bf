"""Assessments, item states, narrative, close and carry forward, on real SQLite files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checklist_app.core import ItemStatus
from checklist_app.storage.errors import (
    AmbiguousAssessmentError,
    ClosedAssessmentError,
    InvalidValueError,
    NotFoundError,
)
from checklist_app.storage.workspace import Workspace
from tests.storage.conftest import ITEM, TARGET_ITEM


def test_new_assessment_is_stored(workspace: Workspace, assessment_id: int) -> None:
    assessment = workspace.assessment(assessment_id)
    assert assessment.office == "重庆市市场监管局"
    assert assessment.national_doc_id == "national-2021"
    assert not assessment.is_closed
    assert workspace.only_open_assessment().id == assessment_id


def test_assessment_needs_known_documents(workspace: Workspace) -> None:
    with pytest.raises(NotFoundError, match="liaoning-2022"):
        workspace.new_assessment(checklist_doc_id="chongqing-2022", office="局",
                                 provincial_doc_id="liaoning-2022")


def test_set_item_round_trips_every_field(workspace: Workspace, assessment_id: int) -> None:
    workspace.set_item(assessment_id, TARGET_ITEM, status=ItemStatus.LARGELY_DONE,
                       note="进展顺利", actual_values=[87.5], responsible_department="标准化处",
                       responsible_person="张三", due_date="2024-06-30")
    state = workspace.item_state(assessment_id, TARGET_ITEM)
    assert state.status is ItemStatus.LARGELY_DONE
    assert (state.note, state.actual_values, state.due_date) == ("进展顺利", (87.5,), "2024-06-30")
    assert state.updated_by == "tester"


@pytest.mark.parametrize("due", ["2025-02-30", "2025年6月", "20250630", "明天", "2025-W26-1"])
def test_a_due_date_is_a_day_written_yyyy_mm_dd(
        workspace: Workspace, assessment_id: int, due: str) -> None:
    """Storage took any text as a due date through the API, which the report printed as it
    was; the ways staff write dates are read by the window and the command line."""
    workspace.set_item(assessment_id, ITEM, due_date="2025-06-30")
    with pytest.raises(InvalidValueError, match=rf"{due}.*2025-12-31"):
        workspace.set_item(assessment_id, ITEM, due_date=due)
    assert workspace.item_state(assessment_id, ITEM).due_date == "2025-06-30"
    workspace.set_item(assessment_id, ITEM, due_date=None)
    assert workspace.item_state(assessment_id, ITEM).due_date is None


def test_a_date_saved_before_the_years_were_limited_comes_back_on_undo(
        workspace: Workspace, assessment_id: int) -> None:
    """The years staff may type (2000 to 2099) are the input's rule: an undo that brings
    back a date saved before it, 0001-01-01, was refused and left the undo stuck."""
    workspace.set_item(assessment_id, ITEM, due_date="0001-01-01")
    assert workspace.item_state(assessment_id, ITEM).due_date == "0001-01-01"
    assert workspace.update_assessment(assessment_id, report_date="0001-01-01").report_date \
        == "0001-01-01"


def test_ticks_are_checked_against_actions(workspace: Workspace, assessment_id: int) -> None:
    workspace.set_item(assessment_id, ITEM, ticked_actions=[1, 0])
    assert workspace.item_state(assessment_id, ITEM).ticked_actions == {0, 1}
    with pytest.raises(InvalidValueError):
        workspace.set_item(assessment_id, ITEM, ticked_actions=[2])


def test_not_applicable_needs_justification(workspace: Workspace, assessment_id: int) -> None:
    with pytest.raises(InvalidValueError, match="不适用"):
        workspace.set_item(assessment_id, ITEM, status="not_applicable")
    workspace.set_item(assessment_id, ITEM, status="not_applicable", justification="无此职能")
    assert workspace.item_state(assessment_id, ITEM).status is ItemStatus.NOT_APPLICABLE


def test_unknown_or_non_checkable_item_is_refused(workspace: Workspace,
                                                  assessment_id: int) -> None:
    for node_id in ("chongqing-2022/九", "chongqing-2022/二", "national-2021/二/(三)"):
        with pytest.raises(NotFoundError):
            workspace.set_item(assessment_id, node_id, status="done")


def test_batch_is_all_or_nothing(workspace: Workspace, assessment_id: int) -> None:
    changes = [(ITEM, {"status": "done"}), ("chongqing-2022/九", {"status": "done"})]
    with pytest.raises(NotFoundError):
        workspace.set_items(assessment_id, changes)
    assert workspace.item_states(assessment_id) == {}


def test_narrative_sections(workspace: Workspace, assessment_id: int) -> None:
    workspace.set_narrative(assessment_id, 1, "开展情况……")
    workspace.set_narrative(assessment_id, 4, "下一步打算……")
    assert workspace.assessment(assessment_id).narrative == {1: "开展情况……", 4: "下一步打算……"}
    with pytest.raises(InvalidValueError):
        workspace.set_narrative(assessment_id, 5, "x")


def test_closed_assessment_is_frozen(workspace: Workspace, assessment_id: int) -> None:
    workspace.set_item(assessment_id, ITEM, status="done")
    closed = workspace.close_assessment(assessment_id)
    assert closed.is_closed
    with pytest.raises(ClosedAssessmentError):
        workspace.set_item(assessment_id, ITEM, status="in_progress")
    with pytest.raises(ClosedAssessmentError):
        workspace.set_narrative(assessment_id, 1, "x")
    with pytest.raises(ClosedAssessmentError):
        workspace.close_assessment(assessment_id)
    assert workspace.snapshot(assessment_id).state(ITEM).status is ItemStatus.DONE


def test_frozen_even_behind_the_apps_back(workspace: Workspace, assessment_id: int) -> None:
    workspace.set_item(assessment_id, ITEM, status="done")
    workspace.close_assessment(assessment_id)
    with pytest.raises(Exception, match="closed"):
        workspace.db.execute("UPDATE item_states SET note = 'x'")


def test_carry_forward_copies_states(workspace: Workspace, assessment_id: int) -> None:
    workspace.set_item(assessment_id, ITEM, status="done", note="已建立", ticked_actions=[1])
    workspace.close_assessment(assessment_id)
    new = workspace.carry_forward(assessment_id, period="2024年度")
    assert new.id != assessment_id and new.period == "2024年度" and not new.is_closed
    state = workspace.item_state(new.id, ITEM)
    assert (state.status, state.note, state.ticked_actions) == (
        ItemStatus.DONE, "已建立", frozenset({1}))
    workspace.set_item(new.id, ITEM, status="ongoing")
    assert workspace.item_state(assessment_id, ITEM).status is ItemStatus.DONE
    assert workspace.verify() == []


def test_carry_forward_keeps_responsibilities_not_actual_values(
        workspace: Workspace, assessment_id: int) -> None:
    """Last period's figures measured last period: a yearly target starts the new period
    with no actual value, so it cannot show as met before any new work."""
    workspace.set_item(assessment_id, TARGET_ITEM, status="largely_done", note="已达到87.5%",
                       actual_values=[87.5], responsible_department="标准化处",
                       responsible_person="张三", due_date="2025-06-30")
    workspace.close_assessment(assessment_id)
    new = workspace.carry_forward(assessment_id, period="2025年度")
    carried = workspace.item_state(new.id, TARGET_ITEM)
    assert carried.actual_values == () and carried.actual(0) is None
    assert (carried.status, carried.note, carried.responsible_department,
            carried.responsible_person, carried.due_date) == (
        ItemStatus.LARGELY_DONE, "已达到87.5%", "标准化处", "张三", "2025-06-30")
    assert workspace.item_state(assessment_id, TARGET_ITEM).actual_values == (87.5,)
    assert workspace.verify() == []


def test_an_open_assessment_is_not_carried_forward(workspace: Workspace,
                                                   assessment_id: int) -> None:
    """Carrying an open one would leave two periods open side by side."""
    workspace.set_item(assessment_id, ITEM, status="done")
    with pytest.raises(InvalidValueError, match=f"{assessment_id} .*still open.*Close it first"):
        workspace.carry_forward(assessment_id, period="2025年度")
    assert len(workspace.assessments()) == 1 and not workspace.assessment(assessment_id).is_closed
    new = workspace.carry_forward(assessment_id, period="2025年度", close_first=True)
    assert workspace.assessment(assessment_id).is_closed and not new.is_closed
    assert workspace.item_state(new.id, ITEM).status is ItemStatus.DONE
    assert [a.id for a in workspace.assessments() if not a.is_closed] == [new.id]
    assert workspace.verify() == []


def test_only_the_latest_period_is_carried_forward(workspace: Workspace,
                                                  assessment_id: int) -> None:
    """Carrying 2024 again after it became 2025 opened a second period (two open), or
    started 2026 from 2024's statuses, skipping 2025's work."""
    workspace.set_item(assessment_id, ITEM, status="done")
    next_year = workspace.carry_forward(assessment_id, period="2025年度", close_first=True)
    with pytest.raises(InvalidValueError, match=f"{next_year.id} .*follows"):
        workspace.carry_forward(assessment_id, period="2026年度")
    workspace.close_assessment(next_year.id)
    with pytest.raises(InvalidValueError, match="follows"):  # closed or not
        workspace.carry_forward(assessment_id, period="2026年度")
    third = workspace.carry_forward(next_year.id, period="2026年度")
    assert [a.period for a in workspace.assessments() if not a.is_closed] == ["2026年度"]
    assert third.id > next_year.id


def test_another_open_period_blocks_carrying(workspace: Workspace, assessment_id: int) -> None:
    workspace.close_assessment(assessment_id)
    other = workspace.new_assessment(checklist_doc_id="chongqing-2022",
                                     office=workspace.assessment(assessment_id).office,
                                     period="2022年度")  # an earlier period filled in late
    with pytest.raises(InvalidValueError, match=f"{other.id} .*still open"):
        workspace.carry_forward(assessment_id, period="2025年度")


def test_closing_first_is_undone_when_the_carry_is_refused(workspace: Workspace,
                                                         assessment_id: int) -> None:
    period = workspace.update_assessment(assessment_id, period="2024年度").period
    with pytest.raises(InvalidValueError, match=f"number {assessment_id}"):
        workspace.carry_forward(assessment_id, period=period, close_first=True)
    assert not workspace.assessment(assessment_id).is_closed  # one transaction


def test_default_assessment(workspace: Workspace, assessment_id: int) -> None:
    """The only open one; with none open the most recent; several open: ask."""
    assert workspace.default_assessment().id == assessment_id
    workspace.close_assessment(assessment_id)
    assert workspace.default_assessment().id == assessment_id
    second = workspace.carry_forward(assessment_id, period="2025年度")
    workspace.close_assessment(second.id)
    assert workspace.default_assessment().id == second.id  # none open: the most recent
    third = workspace.carry_forward(second.id, period="2026年度")
    other = workspace.new_assessment(checklist_doc_id="chongqing-2022", office="另一局")
    with pytest.raises(AmbiguousAssessmentError, match="2 open") as raised:
        workspace.default_assessment()
    assert [a.id for a in raised.value.candidates] == [assessment_id, second.id, third.id,
                                                       other.id]


def test_no_assessment_to_default_to(workspace: Workspace) -> None:
    with pytest.raises(NotFoundError, match="no assessment"):
        workspace.default_assessment()


def test_only_open_assessment_needs_exactly_one(workspace: Workspace) -> None:
    with pytest.raises(NotFoundError, match="0"):
        workspace.only_open_assessment()


def test_snapshot_holds_everything(workspace: Workspace, assessment_id: int) -> None:
    workspace.set_item(assessment_id, ITEM, status="done")
    snapshot = workspace.snapshot(assessment_id)
    assert snapshot.checklist.id == "chongqing-2022"
    assert snapshot.national is not None and snapshot.provincial is None
    assert snapshot.state(ITEM).status is ItemStatus.DONE
    assert snapshot.state(TARGET_ITEM).status is ItemStatus.NOT_ASSESSED
    assert [e.action for e in snapshot.audit] == ["create", "set"]
    assert snapshot.checklist.node(TARGET_ITEM).targets[0].value == 85


def test_update_assessment(workspace: Workspace, assessment_id: int) -> None:
    updated = workspace.update_assessment(assessment_id, reviewer="王五", addressee="市政府")
    assert (updated.reviewer, updated.addressee) == ("王五", "市政府")
    with pytest.raises(InvalidValueError):
        workspace.update_assessment(assessment_id, office=" ")
    with pytest.raises(TypeError):
        workspace.update_assessment(assessment_id, checklist_doc_id="national-2021")
    workspace.close_assessment(assessment_id)
    with pytest.raises(ClosedAssessmentError):
        workspace.update_assessment(assessment_id, reviewer="赵六")
    edit = workspace.audit_log(entity="assessment")[1]
    assert edit.after == '{"addressee":"市政府","reviewer":"王五"}'



def test_the_report_date_is_a_day_kept_until_cleared_and_not_carried(
        workspace: Workspace, assessment_id: int) -> None:
    """The 成文日期 staff set: a day (yyyy-mm-dd), "" for the default; the next period's
    report gets its own."""
    assert workspace.assessment(assessment_id).report_date == ""
    assert workspace.update_assessment(assessment_id, report_date="2025-01-15").report_date \
        == "2025-01-15"
    for wrong in ("2025-02-30", "20250115", "2025年1月15日", "明天", "2025-W03-3"):
        with pytest.raises(InvalidValueError, match="2025-12-31"):
            workspace.update_assessment(assessment_id, report_date=wrong)
    assert workspace.assessment(assessment_id).report_date == "2025-01-15"
    workspace.close_assessment(assessment_id)
    new = workspace.carry_forward(assessment_id, period="2025年度")
    assert new.report_date == "" and workspace.assessment(assessment_id).report_date \
        == "2025-01-15"
    assert workspace.update_assessment(new.id, report_date="").report_date == ""
    assert workspace.update_assessment(new.id, report_date=None).report_date == ""
    assert workspace.verify() == []


def test_details_longer_than_the_report_has_room_for_are_refused(
        workspace: Workspace, assessment_id: int) -> None:
    """1,000 characters of 填报人 could not be laid out on a page (a LayoutError naming a
    flowable); an office of 2,000 took the report minutes."""
    from checklist_app.storage.assessments import DETAIL_MAX_CHARS

    for name, limit in DETAIL_MAX_CHARS.items():
        with pytest.raises(InvalidValueError, match=str(limit)):
            workspace.update_assessment(assessment_id, **{name: "字" * (limit + 1)})
        workspace.update_assessment(assessment_id, **{name: "字" * limit})
    with pytest.raises(InvalidValueError, match=r"preparer|填报人"):
        workspace.new_assessment(checklist_doc_id="chongqing-2022", office="局",
                                 period="2026年度", preparer="张" * 51)
    assert workspace.verify() == []


def test_update_refuses_a_second_assessment_of_the_same_period(
        workspace: Workspace, assessment_id: int) -> None:
    """Renamed into another assessment's office and period, it would be counted twice."""
    workspace.close_assessment(assessment_id)  # one period open at a time
    other = workspace.new_assessment(checklist_doc_id="chongqing-2022", office="重庆市市场监管局",
                                     period="2024年度")
    with pytest.raises(InvalidValueError, match="2023年度"):
        workspace.update_assessment(other.id, period=" 2023年度 ")
    assert workspace.assessment(other.id).period == "2024年度"
    assert workspace.update_assessment(other.id, period="2024年度", reviewer="王五").reviewer \
        == "王五"  # its own period is no duplicate of itself

@pytest.mark.parametrize(("period", "refused"), [
    (" 2023 年度", "number"), ("二〇二三年", "number"), ("2023", "number"),
    ("２０２３", "number"), ("2022年度", "begins before"),
    ("2023年下半年", None), ("2024年度", None)])
def test_a_carried_period_is_after_the_last_and_no_other_spelling_of_it(
        workspace: Workspace, assessment_id: int, period: str, refused: str | None) -> None:
    """2023 年度, 二〇二三年 or a bare 2023 repeated 2023年度 and 2022年度 (a typo) went
    backwards: they were carried into, and printed as the period of a report."""
    source = workspace.update_assessment(assessment_id, period="2023年度")
    workspace.close_assessment(source.id)
    if refused is None:
        assert workspace.carry_forward(source.id, period=period).period == period
        return
    with pytest.raises(InvalidValueError, match=refused):
        workspace.carry_forward(source.id, period=period)
    assert len(workspace.assessments()) == 1


@pytest.mark.parametrize("include_evidence", [False, True])
def test_carry_forward_with_evidence(workspace: Workspace, assessment_id: int,
                                     tmp_path: Path, include_evidence: bool) -> None:
    (tmp_path / "纪要.txt").write_text("x")
    found = workspace.attach(assessment_id, ITEM, tmp_path / "纪要.txt")
    workspace.close_assessment(assessment_id)
    new = workspace.carry_forward(assessment_id, period="A", include_evidence=include_evidence)
    assert workspace.evidence(new.id) == ({ITEM: [found]} if include_evidence else {})
    assert workspace.verify() == []


@pytest.mark.parametrize("values", [[1, 2], ["many"], [float("inf")], [float("nan")]])
def test_actual_values_must_fit_the_items_targets(workspace: Workspace, assessment_id: int,
                                                  values: list) -> None:
    with pytest.raises(InvalidValueError):
        workspace.set_item(assessment_id, TARGET_ITEM, actual_values=values)
    assert workspace.item_state(assessment_id, TARGET_ITEM).actual_values == ()


def test_blank_actual_values_at_the_end_are_dropped(workspace: Workspace,
                                                    assessment_id: int) -> None:
    state = workspace.set_item(assessment_id, TARGET_ITEM, actual_values=["85", None])
    assert state.actual_values == (85,) and state.actual(0) == 85 and state.actual(1) is None
    assert state.with_actual(0, None) == ()


def test_the_same_office_checklist_and_period_twice_is_refused(
        workspace: Workspace, assessment_id: int) -> None:
    first = workspace.assessment(assessment_id)
    first_period = workspace.update_assessment(assessment_id, period="2024年度").period
    with pytest.raises(InvalidValueError, match=f"number {assessment_id}"):
        workspace.new_assessment(checklist_doc_id=first.checklist_doc_id,
                                 office=f" {first.office} ", period=first_period)
    workspace.close_assessment(assessment_id)
    with pytest.raises(InvalidValueError):
        workspace.carry_forward(assessment_id, period="2024年度 ")
    assert len(workspace.assessments()) == 1
    # another period, another office or no period at all are other campaigns
    carried = workspace.carry_forward(assessment_id, period="2025年度")
    assert carried.period == "2025年度"
    workspace.new_assessment(checklist_doc_id=first.checklist_doc_id, office="另一局",
                             period="2024年度")
    workspace.close_assessment(carried.id)
    workspace.new_assessment(checklist_doc_id=first.checklist_doc_id, office=first.office)
    assert workspace.verify() == []


def test_a_second_period_beside_an_open_one_is_refused(
        workspace: Workspace, assessment_id: int) -> None:
    """A new period started beside the open one began blank, and the open one could then no
    longer be carried forward: its statuses and notes were left behind."""
    first = workspace.assessment(assessment_id)
    with pytest.raises(InvalidValueError, match=f"number {assessment_id}.*[Cc]arry it forward"):
        workspace.new_assessment(checklist_doc_id=first.checklist_doc_id,
                                 office=f"{first.office} ", period="2099年度")
    assert len(workspace.assessments()) == 1
    other = workspace.new_assessment(checklist_doc_id=first.checklist_doc_id, office="另一局",
                                     period="2099年度")  # another office: its own periods
    workspace.close_assessment(assessment_id)  # closed: a fresh start is the office's choice
    workspace.new_assessment(checklist_doc_id=first.checklist_doc_id, office=first.office,
                             period="2099年度")
    assert len(workspace.assessments()) == 3 and not workspace.assessment(other.id).is_closed


@pytest.mark.parametrize(("period", "after"), [
    ("2024年度", "2025年度"), ("2023—2024年", "2024—2025年"),
    # a half, quarter or months of a year: the next one (it proposed 2025年上半年, skipping
    # 下半年, and closing the current period on OK)
    ("2024年上半年", "2024年下半年"), ("2024年下半年", "2025年上半年"),
    ("2024年第一季度", "2024年第二季度"), ("2024年第四季度", "2025年第一季度"),
    ("2024年3季度", "2024年4季度"), ("2024年1-6月", "2024年7-12月"),
    ("2024年7—12月", "2025年1—6月"), ("2024年10至12月", "2025年1至3月"),
    ("2024年3月", "2024年4月"), ("2024年12月", "2025年1月"),
    ("2025年1月—2025年12月", "2026年1月—2026年12月"),
    ("2024年7月至2025年6月", "2025年7月至2026年6月"),
    ("2024年1月—2024年6月", "2024年7月—2024年12月"),
    ("2024年7月-12月", "2025年1月-6月"), ("2024年1月至6月", "2024年7月至12月"),
    ("2024年第三、四季度", ""), ("2024年1-8月", ""),  # the clerk types the next one
    ("十四五", ""), ("", ""), ("第12345期", ""),
])
def test_next_period(period: str, after: str) -> None:
    from checklist_app.core import next_period

    assert next_period(period) == after


def test_an_assessment_started_by_mistake_can_be_deleted(workspace: Workspace,
                                                         assessment_id: int) -> None:
    mistake = workspace.new_assessment(checklist_doc_id="chongqing-2022", office="局",
                                       period="2099年度")
    workspace.set_narrative(mistake.id, 1, "  ")  # an emptied section is nothing recorded
    workspace.delete_assessment(mistake.id)
    assert [a.id for a in workspace.assessments()] == [assessment_id]
    deleted = workspace.audit_log(entity="assessment", entity_id=str(mistake.id))
    assert [entry.action for entry in deleted] == ["create", "delete"]
    assert json.loads(deleted[-1].before)["period"] == "2099年度"
    assert workspace.verify() == []  # the audit chain still holds
    with pytest.raises(NotFoundError):
        workspace.delete_assessment(mistake.id)


@pytest.mark.parametrize(("record", "said"), [
    (lambda ws, a: ws.set_item(a, ITEM, status="done"), "1 item recorded"),
    (lambda ws, a: ws.set_narrative(a, 2, "成效明显"), "1 report section written"),
])
def test_an_assessment_with_work_in_it_is_kept(workspace: Workspace, assessment_id: int,
                                               record, said: str) -> None:  # type: ignore[no-untyped-def]
    record(workspace, assessment_id)
    with pytest.raises(InvalidValueError, match=f"already holds {said}.*close this one"):
        workspace.delete_assessment(assessment_id)
    assert workspace.assessment(assessment_id).office == "重庆市市场监管局"


def test_evidence_and_a_closed_assessment_are_kept(workspace: Workspace, assessment_id: int,
                                                   tmp_path: Path) -> None:
    proof = tmp_path / "会议纪要.txt"
    proof.write_text("纪要", encoding="utf-8")
    workspace.attach(assessment_id, ITEM, proof)
    with pytest.raises(InvalidValueError, match="1 evidence file"):
        workspace.delete_assessment(assessment_id)
    workspace.close_assessment(assessment_id)
    with pytest.raises(ClosedAssessmentError):
        workspace.delete_assessment(assessment_id)


def test_a_deleted_assessments_number_and_trail_never_pass_to_a_new_one(
        workspace: Workspace, assessment_id: int) -> None:
    """The next assessment got number 2 again, and its 变更记录 listed the deleted one's."""
    mistake = workspace.new_assessment(checklist_doc_id="chongqing-2022", office="局",
                                       period="2099年度")
    workspace.set_narrative(mistake.id, 1, "")
    workspace.delete_assessment(mistake.id)
    fresh = workspace.new_assessment(checklist_doc_id="chongqing-2022", office="局",
                                     period="2098年度")
    assert fresh.id == mistake.id + 1
    trail = workspace.snapshot(fresh.id).audit
    assert [(entry.entity, entry.action) for entry in trail] == [("assessment", "create")]


def test_a_status_stepped_and_undone_is_nothing_recorded(workspace: Workspace) -> None:
    """One Space and Ctrl+Z leave a 未评估 row: deleting was refused with '1 item recorded'."""
    mistake = workspace.new_assessment(checklist_doc_id="chongqing-2022", office="局",
                                       period="2099年度")
    workspace.set_item(mistake.id, ITEM, status="in_progress")
    workspace.set_item(mistake.id, ITEM, status="not_assessed")
    workspace.delete_assessment(mistake.id)
    assert mistake.id not in [a.id for a in workspace.assessments()]


def test_the_checklist_is_no_reference_of_itself(workspace: Workspace,
                                                 assessment_id: int) -> None:
    with pytest.raises(InvalidValueError, match="cannot also be its provincial or national"):
        workspace.update_assessment(assessment_id, provincial_doc_id="chongqing-2022")
    with pytest.raises(InvalidValueError, match="cannot also be its provincial or national"):
        workspace.new_assessment(checklist_doc_id="chongqing-2022", office="局",
                                 national_doc_id="chongqing-2022")
    assert workspace.assessment(assessment_id).provincial_doc_id != "chongqing-2022"


def test_a_period_carried_forward_by_mistake_can_be_deleted(workspace: Workspace,
                                                            assessment_id: int,
                                                            tmp_path: Path) -> None:
    """Its carried states counted as work recorded: it could only be closed, for good."""
    proof = tmp_path / "纪要.txt"
    proof.write_text("纪要", encoding="utf-8")
    workspace.set_item(assessment_id, ITEM, status="done", note="已落实")
    workspace.attach(assessment_id, ITEM, proof)
    workspace.close_assessment(assessment_id)
    mistake = workspace.carry_forward(assessment_id, period="2099年度", include_evidence=True)
    workspace.delete_assessment(mistake.id)
    assert [a.id for a in workspace.assessments()] == [assessment_id]
    assert workspace.verify() == []
    again = workspace.carry_forward(assessment_id, period="2025年度")
    workspace.set_item(again.id, ITEM, note="本期新进展")  # work of this period: kept
    with pytest.raises(InvalidValueError, match="already holds 1 item recorded"):
        workspace.delete_assessment(again.id)


def test_carry_forward_records_its_items_in_the_documents_order(tmp_path: Path) -> None:
    """The audit trail (附件4 of the report) listed 附表20, 一（二）, 二（一）, 二（七）, 二（三)…:
    the order of the ids, not of the document."""
    from checklist_app.importer import shipped_documents
    from checklist_app.storage.workspace import workspace_with_documents

    chongqing = next(d for d in shipped_documents() if d.id == "chongqing-2022")
    items = [node.id for node in chongqing.checkable_nodes()]
    with workspace_with_documents(tmp_path / "w.sqlite", [chongqing]) as workspace:
        first = workspace.new_assessment(checklist_doc_id=chongqing.id, office="局",
                                         period="2023年度")
        for node_id in items:
            workspace.set_item(first.id, node_id, note="已落实")
        workspace.close_assessment(first.id)
        new = workspace.carry_forward(first.id, period="2024年度")
        carried = [entry.entity_id for entry in workspace.audit_log()
                   if entry.action == "carry"]
    assert [entity.split("/", 1)[1] for entity in carried] == items != sorted(items)
    assert all(entity.startswith(f"{new.id}/") for entity in carried)


def test_a_note_or_justification_longer_than_kept_is_refused(
        workspace: Workspace, assessment_id: int) -> None:
    from checklist_app.storage.assessments import TEXT_MAX_CHARS

    with pytest.raises(InvalidValueError, match=str(TEXT_MAX_CHARS)):
        workspace.set_item(assessment_id, ITEM, note="字" * (TEXT_MAX_CHARS + 1))
    with pytest.raises(InvalidValueError, match=str(TEXT_MAX_CHARS)):
        workspace.set_item(assessment_id, ITEM, status="not_applicable",
                           justification="字" * (TEXT_MAX_CHARS + 1))
    workspace.set_item(assessment_id, ITEM, note="字" * TEXT_MAX_CHARS)
    assert len(workspace.item_state(assessment_id, ITEM).note) == TEXT_MAX_CHARS


def test_a_closed_assessment_with_details_longer_than_now_allowed_is_carried_forward(
        workspace: Workspace, assessment_id: int) -> None:
    """Saved before the limits, its office could not be copied: the closed one cannot be
    changed, so it could never be carried forward. The new one takes it as it is."""
    workspace.db.execute("UPDATE assessments SET office = ? WHERE id = ?",
                         ["局" * 150, assessment_id])
    workspace.close_assessment(assessment_id)
    new = workspace.carry_forward(assessment_id, period="2025年度")
    assert new.office == "局" * 150
    with pytest.raises(InvalidValueError):
        workspace.carry_forward(assessment_id, period="年" * 51)


def test_hidden_characters_are_taken_out_of_typed_texts(
        workspace: Workspace, assessment_id: int) -> None:
    """A bell or an escape given on the command line was stored, and shown as a box; a
    note keeps its line breaks."""
    updated = workspace.update_assessment(assessment_id, reviewer="王\x07五\u202e")
    assert updated.reviewer == "王五"
    workspace.set_item(assessment_id, ITEM, note="已完成\x1b[31m\n第二行\t备注",
                       responsible_person="张\x00三")
    state = workspace.item_state(assessment_id, ITEM)
    assert (state.note, state.responsible_person) == ("已完成[31m\n第二行\t备注", "张三")
    assert workspace.verify() == []
