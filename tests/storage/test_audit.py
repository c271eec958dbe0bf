"""The audit trail records every change and detects edits made behind the app's back."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from checklist_app.core import Mapping, MappingSource, Relation
from checklist_app.storage.workspace import Workspace
from tests.storage.conftest import ITEM


def test_every_change_is_audited(workspace: Workspace, assessment_id: int,
                                 tmp_path: Path) -> None:
    workspace.set_item(assessment_id, ITEM, status="in_progress")
    workspace.set_item(assessment_id, ITEM, status="done", note="完成")
    (tmp_path / "a.txt").write_text("x")
    found = workspace.attach(assessment_id, ITEM, tmp_path / "a.txt")
    workspace.detach(assessment_id, ITEM, found.id)
    workspace.set_narrative(assessment_id, 2, "成效")
    workspace.close_assessment(assessment_id)
    log = workspace.audit_log()
    actions = [(e.action, e.entity) for e in log]
    assert actions[-7:] == [("create", "assessment"), ("set", "item_state"),
                            ("set", "item_state"), ("attach", "evidence"),
                            ("detach", "evidence"), ("edit", "narrative"),
                            ("close", "assessment")]
    status_change = log[-5]
    assert '"in_progress"' in (status_change.before or "")
    assert '"done"' in (status_change.after or "") and status_change.user == "tester"
    assert workspace.verify() == []


def test_mappings_are_stored_and_audited(workspace: Workspace) -> None:
    mapping = Mapping("chongqing-2022/二/(一)/1", "national-2021/二/(三)",
                      relation=Relation.SUBSET, source=MappingSource.SUGGESTED)
    inferred = Mapping("chongqing-2022/二/(一)/2", "national-2021/二/(三)",
                       source=MappingSource.INFERRED, via_node_id="liaoning-2022/二/(一)")
    assert workspace.save_mappings([mapping, inferred]) == 2
    assert workspace.save_mappings([mapping]) == 0  # unchanged: no new audit entry
    confirmed = Mapping(mapping.from_node_id, mapping.to_node_id, source=MappingSource.USER,
                        confirmed_by="李四", confirmed_at="2024-01-02")
    assert workspace.save_mappings([confirmed]) == 1
    # the staff's mapping sits beside the suggestion of the same pair (schema v2)
    assert workspace.mappings(["chongqing-2022"]) == [mapping, inferred, confirmed]
    assert workspace.mappings(["national-2021"]) == []
    assert workspace.delete_mapping(inferred)
    assert [e.action for e in workspace.audit_log(entity="mapping")] == ["set", "set", "set",
                                                                         "delete"]
    assert workspace.verify() == []


def test_log_cannot_be_edited_through_sqlite(workspace: Workspace, assessment_id: int) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        workspace.db.execute("UPDATE audit_log SET user = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        workspace.db.execute("DELETE FROM audit_log")


def test_verify_detects_edits_behind_the_apps_back(workspace: Workspace,
                                                   assessment_id: int) -> None:
    workspace.set_item(assessment_id, ITEM, status="not_started")
    workspace.db.execute("UPDATE item_states SET status = 'done'")
    assert any("changed outside the app" in p for p in workspace.verify())


def test_verify_detects_an_evidence_file_renamed_behind_the_apps_back(
        workspace: Workspace, assessment_id: int, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Its name edited in the file was reported as sound; a description set in the app is
    no change behind its back."""
    minutes = tmp_path / "会议纪要.txt"
    minutes.write_text("会议纪要", encoding="utf-8")
    found = workspace.attach(assessment_id, ITEM, minutes)
    workspace.describe_evidence(assessment_id, ITEM, found.id, "第三季度推进会")
    assert workspace.verify() == []
    workspace.db.execute("UPDATE evidence SET file_name = '批复.pdf'")
    problems = workspace.verify()
    assert len(problems) == 1 and "批复.pdf" in problems[0] and "outside the app" in problems[0]


def test_verify_detects_a_rewritten_log(workspace: Workspace, assessment_id: int) -> None:
    workspace.set_item(assessment_id, ITEM, status="not_started")
    workspace.db.execute("DROP TRIGGER audit_log_no_update")
    workspace.db.execute("UPDATE audit_log SET user = 'someone else' WHERE seq = 2")
    problems = workspace.verify()
    assert any("entry 2 was changed" in p for p in problems)


def test_item_history_is_exact(workspace: Workspace, assessment_id: int) -> None:
    workspace.set_item(assessment_id, ITEM, status="in_progress")
    workspace.set_item(assessment_id, "chongqing-2022/二/(一)/3", status="done")
    workspace.set_item(assessment_id, ITEM, status="done")
    history = workspace.item_history(assessment_id, ITEM)
    assert [json.loads(e.after or "{}")["status"] for e in history] == ["in_progress", "done"]


def test_staff_veto_keeps_the_curated_mapping(workspace: Workspace) -> None:
    curated = Mapping("chongqing-2022/二/(一)/1", "national-2021/二/(三)",
                      source=MappingSource.CURATED)
    veto = Mapping(curated.from_node_id, curated.to_node_id, relation=Relation.NOT_RELATED,
                   strength=0, source=MappingSource.USER, confirmed_by="李四")
    workspace.save_mappings([curated])
    workspace.save_mappings([veto])
    assert workspace.mappings(["chongqing-2022"]) == [curated, veto]
    assert workspace.delete_mapping(veto)
    assert workspace.mappings(["chongqing-2022"]) == [curated]


@pytest.mark.parametrize("row", [
    {"from_node_id": "wenzhou-2017/二/(六)", "to_node_id": "national-2021/五/(十八)",
     "via_node_id": "", "source": "user"},
    {"from_node_id": "chongqing-2022/二/(一)/1", "to_node_id": "national-2021/二/(四)",
     "via_node_id": "liaoning-2022/二/(三)", "source": "inferred"},
])
def test_a_mapping_audit_id_reads_back_into_its_parts(row: dict[str, str]) -> None:
    from checklist_app.storage.records import mapping_entity_id, parse_mapping_entity_id

    record = parse_mapping_entity_id(mapping_entity_id(row))
    assert (record.from_node_id, record.to_node_id, record.via_node_id, record.source) == (
        row["from_node_id"], row["to_node_id"], row["via_node_id"], row["source"])
