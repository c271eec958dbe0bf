"""Every stored workspace of an earlier schema version upgrades with its data intact."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlite_utils import Database

from checklist_app.core import ItemStatus
from checklist_app.storage import schema
from checklist_app.storage.db import SCHEMA_VERSION, user_version
from checklist_app.storage.workspace import Workspace
from tests.storage.conftest import ITEM, NO_BACKUPS, TARGET_ITEM

DATA = Path(__file__).resolve().parent.parent / "data"
STORED = sorted(DATA.glob("workspace-v*.sqlite"))


def stored_version(path: Path) -> int:
    match = re.fullmatch(r"workspace-v(\d+)\.sqlite", path.name)
    assert match
    return int(match.group(1))


def test_one_stored_workspace_per_schema_version() -> None:
    assert sorted(stored_version(p) for p in STORED) == list(range(1, SCHEMA_VERSION + 1))


@pytest.mark.parametrize("stored", STORED, ids=lambda p: p.name)
def test_stored_workspace_upgrades_and_keeps_its_data(stored: Path, tmp_path: Path) -> None:
    copy = tmp_path / "w.sqlite"
    shutil.copyfile(stored, copy)
    with Workspace.open(copy, backups=NO_BACKUPS) as workspace:
        assert user_version(workspace.db) == SCHEMA_VERSION
        assert workspace.verify() == []
        first, second = workspace.assessments()
        assert first.is_closed and first.narrative[1] == "开展情况"
        assert first.report_date == second.report_date == ""  # dated as before: closing day
        assert second.period == "2023年度"
        assert workspace.item_state(first.id, ITEM).ticked_actions == {0, 1}
        assert workspace.item_state(second.id, TARGET_ITEM).actual_values == (86,)
        assert workspace.item_state(second.id, ITEM).needs_review
        state = workspace.item_state(first.id, "chongqing-2022/二/(一)/3")
        assert state.status is ItemStatus.NOT_APPLICABLE
        [found] = workspace.evidence(first.id)[ITEM]
        assert b"".join(workspace.read_evidence(found.id)).decode() == "会议纪要"
        assert len(workspace.mappings()) == 1
        workspace.set_item(second.id, ITEM, status="ongoing")  # still writable after upgrade
        assert workspace.verify() == []


def test_failed_migration_changes_nothing(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "w.sqlite"
    shutil.copyfile(STORED[-1], copy)

    def broken(db: Database) -> None:
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("migration bug")

    monkeypatch.setitem(schema.MIGRATIONS, SCHEMA_VERSION + 1, broken)
    with closing(sqlite3.connect(copy, isolation_level=None)) as conn:
        db = Database(conn, execute_plugins=False)
        with pytest.raises(RuntimeError, match="migration bug"):
            schema.migrate(db, target=SCHEMA_VERSION + 1)
        assert user_version(db) == SCHEMA_VERSION
        assert "half_done" not in db.table_names()


def test_new_workspace_uses_large_pages(workspace: Workspace) -> None:
    from checklist_app.storage.db import PAGE_SIZE

    assert workspace.db.execute("PRAGMA page_size").fetchone()[0] == PAGE_SIZE
    assert workspace.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_v3_keeps_the_single_actual_value_as_the_first_targets(tmp_path: Path) -> None:
    copy = tmp_path / "w.sqlite"
    shutil.copyfile(DATA / "workspace-v2.sqlite", copy)
    with Workspace.open(copy, backups=NO_BACKUPS) as workspace:
        closed, carried = workspace.assessments()
        assert workspace.item_state(closed.id, TARGET_ITEM).actual_values == (80.5,)
        assert workspace.item_state(carried.id, TARGET_ITEM).actual_values == (86,)
        reshaped = [e for e in workspace.audit_log() if e.action == "upgrade"]
        assert len(reshaped) == 6  # three item states in each assessment
        # nobody changed anything: the report's change record leaves the upgrade out
        assert all(e.action != "upgrade" for e in workspace.snapshot(closed.id).audit)
        with pytest.raises(sqlite3.IntegrityError, match="closed"):
            workspace.db.execute("UPDATE item_states SET note = 'x' WHERE assessment_id = ?",
                                 [closed.id])


def test_v3_freezes_what_assessments_closed_earlier_were_judged_against(
        tmp_path: Path) -> None:
    copy = tmp_path / "w.sqlite"
    shutil.copyfile(DATA / "workspace-v2.sqlite", copy)
    with Workspace.open(copy, backups=NO_BACKUPS) as workspace:
        closed, carried = workspace.assessments()
        frozen = workspace.references(closed.id)
        assert frozen.frozen_at and set(frozen.documents) == {"chongqing-2022", "national-2021"}
        assert len(frozen.mappings) == 1
        assert workspace.references(carried.id).frozen_at == ""  # still open: live documents


def test_v3_keeps_exact_values_and_drops_non_finite_ones(tmp_path: Path) -> None:
    copy = tmp_path / "w.sqlite"
    shutil.copyfile(DATA / "workspace-v2.sqlite", copy)
    with closing(sqlite3.connect(copy)) as conn:
        # v2 took any float, "inf" included; the carried-forward assessment is open
        conn.execute("UPDATE item_states SET actual_value = ? WHERE assessment_id = 2 "
                     "AND node_id = ?", [float("inf"), TARGET_ITEM])
        conn.execute("UPDATE item_states SET actual_value = ? WHERE assessment_id = 2 "
                     "AND node_id = ?", [1 / 3, ITEM])
        conn.commit()
    with Workspace.open(copy, backups=NO_BACKUPS) as workspace:
        assert workspace.item_state(2, TARGET_ITEM).actual_values == ()
        assert workspace.item_state(2, ITEM).actual_values == (1 / 3,)
        assert workspace.item_states(2)  # every row still reads


def test_v4_gives_every_node_an_empty_list_of_leading_departments(tmp_path: Path) -> None:
    """Documents imported before schema 4 were read without knowing who leads."""
    copy = tmp_path / "w.sqlite"
    shutil.copyfile(DATA / "workspace-v3.sqlite", copy)
    with Workspace.open(copy, backups=NO_BACKUPS) as workspace:
        document = workspace.document("chongqing-2022")
        assert document.nodes and all(n.lead_departments == [] for n in document.nodes)


def test_an_older_format_read_only_is_refused_until_upgraded(tmp_path: Path) -> None:
    """`checklist report` (which only reads) refused a workspace of schema 3 with no way
    forward; Workspace.upgrade does what opening it for editing does."""
    from checklist_app.storage.errors import OutdatedWorkspaceError

    copy = tmp_path / "w.sqlite"
    shutil.copyfile(DATA / "workspace-v3.sqlite", copy)
    before = copy.read_bytes()
    with pytest.raises(OutdatedWorkspaceError, match=r"备份|backup"):
        Workspace.open(copy, read_only=True)
    assert copy.read_bytes() == before  # refused without a change
    backup = Workspace.upgrade(copy)
    assert backup is not None
    with closing(sqlite3.connect(backup)) as old:  # the file as it was
        assert old.execute("PRAGMA user_version").fetchone()[0] == 3
    with Workspace.open(copy, read_only=True) as workspace:
        assert user_version(workspace.db) == SCHEMA_VERSION
    assert Workspace.upgrade(copy) is None  # up to date: nothing to do


def test_v4_reads_the_leads_of_clauses_imported_before(tmp_path: Path) -> None:
    """A plan imported under schema 3 showed its 牵头单位 only after being imported again."""
    from checklist_app.importer import parse_text
    from tests.importer.test_district_plan import PLAN

    copy = tmp_path / "w.sqlite"
    shutil.copyfile(DATA / "workspace-v3.sqlite", copy)
    document = parse_text(PLAN, "yuzhong")
    with closing(sqlite3.connect(copy)) as db, db:  # as schema 3 stored it
        db.execute("INSERT INTO documents (id, title, level, imported_at) "
                   "VALUES ('yuzhong', '渝中区方案', 'county', '2024-01-01')")
        for position, node in enumerate(document.nodes):
            db.execute("INSERT INTO nodes (id, document_id, position, parent_id, label, kind, "
                       "title, text, departments, text_hash) VALUES (?,?,?,?,?,?,?,?,?,?)",
                       [node.id, "yuzhong", position, node.parent_id, node.label,
                        str(node.kind), node.title, node.text,
                        json.dumps(node.departments, ensure_ascii=False), "x"])
    with Workspace.open(copy, backups=NO_BACKUPS) as workspace:
        upgraded = workspace.document("yuzhong")
    assert upgraded.node("yuzhong/二/(一)/1").lead_departments == ["区市场监管局"]
    assert upgraded.node("yuzhong/二/(一)/2").lead_departments == ["区市场监管局"]
    assert upgraded.node("yuzhong/一/(一)").lead_departments == []
