"""Reads run on sqlite3 alone; sqlite-utils comes in with the first write, and the importer
(jsonschema, OpenCC) not at all: opening a workspace is on the app's start-up path."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from checklist_app.core import ItemStatus
from checklist_app.storage.db import PlainDatabase
from checklist_app.storage.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]

OPEN_AND_READ = """
import sys
from checklist_app.storage.workspace import Workspace
with Workspace.open(sys.argv[1]) as workspace:
    assessment = workspace.assessments()[0]
    states = workspace.item_states(assessment.id)
    docs = [workspace.document(d) for d in workspace.document_ids()]
    workspace.evidence(assessment.id)
    workspace.mappings()
    workspace.references(assessment.id)
    print("read", len(states), len(docs), "sqlite_utils" in sys.modules,
          any(heavy in sys.modules for heavy in ("jsonschema", "opencc", "docx")))
    workspace.set_item(assessment.id, sys.argv[2], note="after the read")
    print("wrote", "sqlite_utils" in sys.modules)
"""


def test_opening_and_reading_leaves_sqlite_utils_unimported(
        workspace: Workspace, assessment_id: int, db_path: Path) -> None:
    node_id = "chongqing-2022/二/(一)/1"
    workspace.set_item(assessment_id, node_id, status=ItemStatus.DONE)
    workspace.close()
    done = subprocess.run([sys.executable, "-c", OPEN_AND_READ, str(db_path), node_id],
                          capture_output=True, text=True, cwd=ROOT, check=True)
    read, wrote = done.stdout.splitlines()
    assert read == "read 1 2 False False"  # one state, two documents
    assert wrote == "wrote True"
    with Workspace.open(db_path) as reopened:
        assert reopened.item_state(assessment_id, node_id).note == "after the read"


def test_plain_query_gives_what_sqlite_utils_gives(workspace: Workspace,
                                                   assessment_id: int) -> None:
    sql = "SELECT id, office, closed_at FROM assessments WHERE id = ?"
    plain = list(PlainDatabase(workspace.conn).query(sql, [assessment_id]))
    assert plain == list(workspace.db.query(sql, [assessment_id]))
    assert plain[0]["id"] == assessment_id and plain[0]["closed_at"] is None


def test_a_plain_read_is_one_transaction_and_nests_in_a_write(workspace: Workspace) -> None:
    plain = PlainDatabase(workspace.conn)
    with plain.atomic():
        assert workspace.conn.in_transaction
        with plain.atomic():  # inside: no second BEGIN
            plain.execute("SELECT count(*) FROM assessments").fetchone()
    assert not workspace.conn.in_transaction
    with workspace.db.atomic(), plain.atomic():
        assert workspace.conn.in_transaction  # the write's transaction, left open for it
    assert not workspace.conn.in_transaction


def test_a_failed_plain_read_ends_its_transaction(workspace: Workspace) -> None:
    plain = PlainDatabase(workspace.conn)
    with pytest.raises(Exception, match="no such table"), plain.atomic():
        plain.execute("SELECT * FROM no_such_table")
    assert not workspace.conn.in_transaction


def test_an_error_inside_a_plain_transaction_undoes_what_it_wrote(workspace: Workspace) -> None:
    plain = PlainDatabase(workspace.conn)
    with pytest.raises(RuntimeError), plain.atomic():
        plain.execute("UPDATE assessments SET office = 'changed'")
        raise RuntimeError("stop")
    offices = {row["office"] for row in plain.query("SELECT office FROM assessments")}
    assert "changed" not in offices
