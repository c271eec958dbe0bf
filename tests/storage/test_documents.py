"""Documents round-trip; a revised document keeps the work done on unchanged items."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from checklist_app.core import Document, ItemStatus, Target
from checklist_app.storage.workspace import Workspace
from tests.storage.conftest import ITEM, TARGET_ITEM, chongqing

UNCHANGED = "chongqing-2022/二/(一)/3"
REMOVED = "chongqing-2022/二/(一)/4"


def test_document_round_trips(workspace: Workspace) -> None:
    original = chongqing()
    assert workspace.document("chongqing-2022") == original
    assert workspace.document_ids() == ["chongqing-2022", "national-2021"]


def test_revision_carries_flags_and_keeps_history(workspace: Workspace,
                                                  assessment_id: int) -> None:
    for node_id in (ITEM, UNCHANGED, REMOVED):
        workspace.set_item(assessment_id, node_id, status="done", note=node_id)
    report = workspace.import_document(chongqing(revised=True))
    assert report.changed == [ITEM] and report.removed == [REMOVED]
    assert report.revision == 2 and report.flagged_items == 1

    unchanged = workspace.item_state(assessment_id, UNCHANGED)
    assert unchanged.status is ItemStatus.DONE and not unchanged.needs_review
    changed = workspace.item_state(assessment_id, ITEM)
    assert changed.needs_review and changed.status is ItemStatus.DONE
    diff = workspace.review_diff(assessment_id, ITEM)
    assert "+完善标准化工作机制。建立联席会议制度。" in diff

    # removed items stay in the history, not in the current checklist
    assert REMOVED not in [n.id for n in workspace.document("chongqing-2022").nodes]
    history = workspace.document("chongqing-2022", include_removed=True)
    assert REMOVED in [n.id for n in history.nodes]
    assert workspace.item_state(assessment_id, REMOVED).note == REMOVED

    # setting a status again is the re-review
    workspace.set_item(assessment_id, ITEM, status="done")
    assert not workspace.item_state(assessment_id, ITEM).needs_review
    assert workspace.verify() == []


def test_renumbered_item_moves_its_state(workspace: Workspace, assessment_id: int) -> None:
    workspace.set_item(assessment_id, TARGET_ITEM, status="in_progress", actual_values=[80])
    revised = chongqing()
    moved = next(n for n in revised.nodes if n.id == TARGET_ITEM)
    revised.nodes.remove(moved)
    moved.id = "chongqing-2022/二/(一)/9"
    revised.nodes.append(moved)
    report = workspace.import_document(revised)
    assert report.moved == {TARGET_ITEM: moved.id}
    assert workspace.item_state(assessment_id, moved.id).actual_values == (80,)
    assert workspace.verify() == []


def test_reimporting_same_document_changes_nothing(workspace: Workspace,
                                                   assessment_id: int) -> None:
    workspace.set_item(assessment_id, ITEM, status="done")
    report = workspace.import_document(chongqing())
    assert (report.added, report.changed, report.removed) == ([], [], [])
    assert not workspace.item_state(assessment_id, ITEM).needs_review


def test_a_revision_that_drops_a_target_keeps_the_item_editable(
        workspace: Workspace, assessment_id: int) -> None:
    from dataclasses import replace

    from checklist_app.core import Comparator, Target
    from checklist_app.storage.errors import InvalidValueError

    two = chongqing()
    item = next(n for n in two.nodes if n.id == TARGET_ITEM)
    item.targets = [*item.targets, Target("标准化示范项目5个以上", 5, "个", Comparator.AT_LEAST)]
    workspace.import_document(two)
    workspace.set_item(assessment_id, TARGET_ITEM, status="in_progress", actual_values=[80, 6])
    one = replace(two, nodes=[replace(n, targets=n.targets[:1]) if n.id == TARGET_ITEM else n
                              for n in two.nodes])
    workspace.import_document(one)  # the second target is gone
    state = workspace.item_state(assessment_id, TARGET_ITEM)
    assert workspace.set_item(assessment_id, TARGET_ITEM,
                              actual_values=state.with_actual(0, 85)).actual_values == (85,)
    with pytest.raises(InvalidValueError):  # a new value for a target that is not there
        workspace.set_item(assessment_id, TARGET_ITEM, actual_values=[85, 7])
    assert workspace.verify() == []


def _revise(item_text: str, actions: list[str], targets: list[Target]) -> Document:
    """The small checklist with the target item's text, sub-items and targets replaced."""
    doc = chongqing()
    return replace(doc, nodes=[
        replace(n, text=item_text, search_text=item_text, actions=actions,
                targets=targets) if n.id == TARGET_ITEM else n for n in doc.nodes])


def _with_two_targets(workspace: Workspace) -> tuple[Target, Target]:
    """Give the target item two sub-items and two targets (a rate, then a count)."""
    from checklist_app.core import Comparator

    rate = Target("国际标准转化率达到85%以上", 85, "%", Comparator.AT_LEAST)
    projects = Target("建设示范项目5个以上", 5, "个", Comparator.AT_LEAST)
    workspace.import_document(_revise("转化率达到85%以上。建设示范项目5个以上。",
                                      ["提高转化率", "建设示范项目"], [rate, projects]))
    return rate, projects


def test_values_and_ticks_follow_their_target_and_sub_item_in_a_revision(
        workspace: Workspace, assessment_id: int) -> None:
    from checklist_app.core import Comparator

    rate, _projects = _with_two_targets(workspace)
    workspace.set_item(assessment_id, TARGET_ITEM, actual_values=[88, 6], ticked_actions=[1])
    # the revision puts a new sub-item and target first and rewords the projects target
    count = Target("制定地方标准20项以上", 20, "项", Comparator.AT_LEAST)
    reworded = Target("示范项目建设5个以上", 5, "个", Comparator.AT_LEAST)
    report = workspace.import_document(_revise(
        "制定地方标准20项以上。转化率达到85%以上。示范项目建设5个以上。",
        ["制定地方标准", "提高转化率", "建设示范项目"], [count, rate, reworded]))
    assert report.changed == [TARGET_ITEM]
    state = workspace.item_state(assessment_id, TARGET_ITEM)
    assert state.actual_values == (None, 88, 6)
    assert state.ticked_actions == frozenset({2})
    assert state.needs_review


def test_a_value_whose_target_is_gone_stays_in_the_audit_trail(
        workspace: Workspace, assessment_id: int) -> None:
    import json

    from checklist_app.core import Comparator

    rate = Target("国际标准转化率达到85%以上", 85, "%", Comparator.AT_LEAST)
    projects = Target("建设示范项目5个以上", 5, "个", Comparator.AT_LEAST)
    workspace.import_document(_revise("转化率。示范项目。", [], [rate, projects]))
    workspace.set_item(assessment_id, TARGET_ITEM, actual_values=[88, 6])
    workspace.import_document(_revise("只剩示范项目。", [], [projects]))
    assert workspace.item_state(assessment_id, TARGET_ITEM).actual_values == (6,)
    flagged = [e for e in workspace.item_history(assessment_id, TARGET_ITEM)
               if e.action == "flag_review"][-1]
    assert json.loads(json.loads(flagged.before)["actual_values"]) == [88, 6]
    assert json.loads(json.loads(flagged.after)["actual_values"]) == [6]
    assert workspace.verify() == []


def test_realign_pairs_moved_and_reworded_entries_and_drops_what_is_gone() -> None:
    from checklist_app.storage.documents import moved_values, realign

    moves = realign(["甲", "乙", "甲", "丙"], ["丁", "甲", " 甲 ", "乙"])
    assert sorted(moves.items()) in ([(0, 1), (1, 3), (2, 2)], [(0, 2), (1, 3), (2, 1)])
    # reworded in place (as many before as after) keeps its position; punctuation width too
    assert realign(["建立机制", "印发文件"], ["建立机制", "印发实施文件"]) == {0: 0, 1: 1}
    assert realign(["建立机制,印发文件"], ["新增一项", "建立机制，印发文件"]) == {0: 1}
    assert realign(["甲", "乙"], ["甲"]) == {0: 0}
    assert moved_values([None, 7.5], {0: 0, 1: 3}) == [None, None, None, 7.5]
    assert moved_values([3.0], {}) == []


def _target(text: str, value: float, unit: str) -> dict[str, object]:
    return {"text": text, "comparator": ">=", "value": value, "unit": unit}


def test_realign_targets_keeps_a_changed_figure_and_never_confuses_equal_figures() -> None:
    from checklist_app.storage.documents import realign_targets

    assert realign_targets([_target("转化率达到85%以上", 85, "%")],
                           [_target("转化率达到90%以上", 90, "%")]) == {0: 0}
    projects, firms = _target("建设示范项目5个以上", 5, "个"), _target("培育企业5个以上", 5, "个")
    # one replaced by another with the same figure: not the same target
    assert realign_targets([projects], [firms]) == {}
    # the first removed, the second reworded: the value stays with the enterprises
    assert realign_targets([projects, firms], [_target("培育标准化企业5个以上", 5, "个")]) == {1: 0}
    # reworded after a new target; the projects target gave way to another
    rate = _target("国际标准转化率达到85%以上", 85, "%")
    assert realign_targets([rate, projects], [_target("新增20项", 20, "项"), firms,
                                              _target("转化率提高到85%", 85, "%")]) == {0: 2}
    # a unit that changed makes another target, however alike the sentence
    assert realign_targets([_target("建成示范区5个", 5, "个")],
                           [_target("建成示范区5%", 5, "%")]) == {}


def test_carrying_a_closed_assessment_onto_a_revised_document_realigns_and_flags(
        workspace: Workspace, assessment_id: int) -> None:
    from checklist_app.core import Comparator

    rate, projects = _with_two_targets(workspace)
    workspace.set_item(assessment_id, TARGET_ITEM, status=ItemStatus.DONE,
                       actual_values=[88, 6], ticked_actions=[1])
    workspace.set_item(assessment_id, ITEM, status=ItemStatus.DONE, ticked_actions=[0])
    workspace.close_assessment(assessment_id)
    count = Target("制定地方标准20项以上", 20, "项", Comparator.AT_LEAST)
    workspace.import_document(_revise(
        "制定地方标准20项以上。转化率达到85%以上。建设示范项目5个以上。",
        ["制定地方标准", "提高转化率", "建设示范项目"], [count, rate, projects]))
    new = workspace.carry_forward(assessment_id, period="下一年度")
    carried = workspace.item_state(new.id, TARGET_ITEM)
    assert (carried.actual_values, carried.ticked_actions) == ((), frozenset({2}))
    assert carried.needs_review
    assert "制定地方标准" in workspace.review_diff(new.id, TARGET_ITEM)
    untouched = workspace.item_state(new.id, ITEM)  # not revised: carried as it was
    assert untouched.ticked_actions == frozenset({0}) and not untouched.needs_review
    closed = workspace.item_state(assessment_id, TARGET_ITEM)  # the closed one stays as judged
    assert (closed.actual_values, closed.ticked_actions) == ((88, 6), frozenset({1}))
    assert workspace.verify() == []


AWARD = "争创全国标准创新贡献奖5项"


def _award_document(comparator: str) -> Document:
    """chongqing() whose target item holds the award goal, its comparator as stored."""
    from checklist_app.core import Comparator

    doc = chongqing()
    award = Target(AWARD, 5, "项", Comparator(comparator), 2025)
    nodes = [replace(n, text=f"{AWARD}。", targets=[award]) if n.id == TARGET_ITEM else n
             for n in doc.nodes]
    return replace(doc, nodes=nodes)


@pytest.mark.parametrize("read_only", [False, True])
def test_a_bare_figure_an_earlier_version_stored_as_equal_is_a_floor(
        db_path: Path, read_only: bool) -> None:
    """Workspaces hold the targets as imported: earlier versions wrote "=" for 5项."""
    import sqlite3

    from checklist_app.core import Comparator

    with Workspace.create(db_path, user="tester") as workspace:
        workspace.import_document(_award_document("="))
        assessment = workspace.new_assessment(checklist_doc_id="chongqing-2022", office="重庆")
        workspace.set_item(assessment.id, TARGET_ITEM, actual_values=[6])
    with sqlite3.connect(db_path) as db:
        [stored] = db.execute("SELECT targets FROM nodes WHERE id = ?", [TARGET_ITEM]).fetchone()
    assert '"comparator": "="' in stored
    with Workspace.open(db_path, read_only=read_only) as workspace:
        [award] = workspace.document("chongqing-2022").node(TARGET_ITEM).targets
        state = workspace.item_state(assessment.id, TARGET_ITEM)
    assert award.comparator is Comparator.AT_LEAST
    assert award.is_met(state.actual(0)) is True


def test_reimporting_the_document_keeps_the_value_of_a_target_stored_as_equal(
        db_path: Path) -> None:
    """The revision path: the shipped checklist now says >=; the value stays with its target."""
    with Workspace.create(db_path, user="tester") as workspace:
        workspace.import_document(_award_document("="))
        assessment = workspace.new_assessment(checklist_doc_id="chongqing-2022", office="重庆")
        workspace.set_item(assessment.id, TARGET_ITEM, actual_values=[6])
        report = workspace.import_document(_award_document(">="))
        assert (report.revision, report.changed) == (2, [])
        assert workspace.item_state(assessment.id, TARGET_ITEM).actual_values == (6,)
        assert workspace.verify() == []


def test_realign_targets_reads_an_equal_of_earlier_versions_as_its_words() -> None:
    """A reworded target pairs with its rewrite although the stored comparator was "="."""
    from checklist_app.storage.documents import realign_targets

    stored = {**_target(AWARD, 5, "项"), "comparator": "="}
    assert realign_targets([stored], [_target("争创国家标准创新贡献奖6项", 6, "项")]) == {0: 0}
    ceiling = {**_target("平均检验周期降至10天", 10, "天"), "comparator": "="}
    assert realign_targets([ceiling], [_target("平均检验周期降至8天", 8, "天")]) == {}
