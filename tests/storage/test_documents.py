"""Documents round-trip; a revised document keeps the work done on unchanged items."""

from __future__ import annotations

import pytest

from checklist_app.core import ItemStatus
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
