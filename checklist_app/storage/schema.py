"""The workspace schema and its forward migrations (``PRAGMA user_version``).

Each migration is frozen SQL: never edit a released one, add the next instead, store a
workspace of the released version under ``tests/data/`` and test upgrading from it.
All pending migrations run in one transaction: an upgrade is complete or not done at all.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from checklist_app.storage import audit
from checklist_app.storage.db import APPLICATION_ID, SCHEMA_VERSION, user_version
from checklist_app.storage.records import ITEM_STATE_ENTITY, state_entity_id, state_record

if TYPE_CHECKING:
    from sqlite_utils import Database

    from checklist_app.storage.db import Reader

STATUSES = ("not_assessed", "not_started", "in_progress", "largely_done", "done",
            "ongoing", "not_applicable")


def _frozen(table: str, key: str) -> list[str]:
    """Triggers that refuse changes to rows of a closed assessment."""
    guard = "(SELECT closed_at FROM assessments WHERE id = {row}.assessment_id) IS NOT NULL"
    return [
        f"CREATE TRIGGER {table}_frozen_{op.lower()} BEFORE {op} ON {table} "
        f"WHEN {guard.format(row=row)} "
        f"BEGIN SELECT RAISE(ABORT, 'assessment is closed: {key}'); END"
        for op, row in (("INSERT", "NEW"), ("UPDATE", "OLD"), ("DELETE", "OLD"))
    ]


V1 = [
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE documents (
        id TEXT PRIMARY KEY, title TEXT NOT NULL, issuer TEXT NOT NULL DEFAULT '',
        level TEXT NOT NULL, region TEXT NOT NULL DEFAULT '', year INTEGER,
        doc_number TEXT, cited_doc_numbers TEXT NOT NULL DEFAULT '[]',
        source TEXT NOT NULL DEFAULT '', script TEXT NOT NULL DEFAULT 'simplified',
        revision INTEGER NOT NULL DEFAULT 1, imported_at TEXT NOT NULL)""",
    """CREATE TABLE nodes (
        id TEXT PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        position INTEGER NOT NULL, parent_id TEXT, label TEXT NOT NULL, kind TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '', text TEXT NOT NULL DEFAULT '',
        checkable INTEGER NOT NULL DEFAULT 0, actions TEXT NOT NULL DEFAULT '[]',
        departments TEXT NOT NULL DEFAULT '[]', targets TEXT NOT NULL DEFAULT '[]',
        phases TEXT NOT NULL DEFAULT '[]', fields TEXT NOT NULL DEFAULT '{}',
        search_text TEXT NOT NULL DEFAULT '', text_hash TEXT NOT NULL,
        removed_in INTEGER)""",
    "CREATE INDEX nodes_document ON nodes(document_id, position)",
    """CREATE TABLE node_revisions (
        node_id TEXT NOT NULL REFERENCES nodes(id), revision INTEGER NOT NULL,
        text TEXT NOT NULL, search_text TEXT NOT NULL, text_hash TEXT NOT NULL,
        replaced_at TEXT NOT NULL, PRIMARY KEY (node_id, revision))""",
    """CREATE TABLE assessments (
        id INTEGER PRIMARY KEY, office TEXT NOT NULL, department TEXT NOT NULL DEFAULT '',
        period TEXT NOT NULL DEFAULT '',
        checklist_doc_id TEXT NOT NULL REFERENCES documents(id),
        provincial_doc_id TEXT REFERENCES documents(id),
        national_doc_id TEXT REFERENCES documents(id),
        preparer TEXT NOT NULL DEFAULT '', reviewer TEXT NOT NULL DEFAULT '',
        addressee TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, closed_at TEXT,
        carried_from INTEGER REFERENCES assessments(id))""",
    """CREATE TABLE narrative_sections (
        assessment_id INTEGER NOT NULL REFERENCES assessments(id),
        section INTEGER NOT NULL CHECK (section BETWEEN 1 AND 4), text TEXT NOT NULL,
        PRIMARY KEY (assessment_id, section))""",
    f"""CREATE TABLE item_states (
        assessment_id INTEGER NOT NULL REFERENCES assessments(id),
        node_id TEXT NOT NULL REFERENCES nodes(id),
        status TEXT NOT NULL CHECK (status IN {STATUSES!r}),
        justification TEXT NOT NULL DEFAULT '', ticked_actions TEXT NOT NULL DEFAULT '[]',
        note TEXT NOT NULL DEFAULT '', responsible_department TEXT NOT NULL DEFAULT '',
        responsible_person TEXT NOT NULL DEFAULT '', due_date TEXT, actual_value REAL,
        needs_review INTEGER NOT NULL DEFAULT 0, review_diff TEXT NOT NULL DEFAULT '',
        updated_by TEXT NOT NULL DEFAULT '', updated_at TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (assessment_id, node_id),
        CHECK (status <> 'not_applicable' OR justification <> ''))""",
    """CREATE TABLE contents (
        id INTEGER PRIMARY KEY, sha256 TEXT UNIQUE, size INTEGER NOT NULL,
        mime_type TEXT NOT NULL, chunk_size INTEGER NOT NULL, created_at TEXT NOT NULL)""",
    """CREATE TABLE chunks (
        content_id INTEGER NOT NULL REFERENCES contents(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (content_id, seq))""",
    """CREATE TABLE evidence (
        id INTEGER PRIMARY KEY, content_id INTEGER NOT NULL REFERENCES contents(id),
        file_name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',
        added_by TEXT NOT NULL DEFAULT '', added_at TEXT NOT NULL)""",
    "CREATE INDEX evidence_content ON evidence(content_id)",
    """CREATE TABLE item_evidence (
        assessment_id INTEGER NOT NULL REFERENCES assessments(id),
        node_id TEXT NOT NULL REFERENCES nodes(id),
        evidence_id INTEGER NOT NULL REFERENCES evidence(id),
        position INTEGER NOT NULL, linked_by TEXT NOT NULL DEFAULT '',
        linked_at TEXT NOT NULL, PRIMARY KEY (assessment_id, node_id, evidence_id))""",
    "CREATE INDEX item_evidence_evidence ON item_evidence(evidence_id)",
    """CREATE TABLE mappings (
        id INTEGER PRIMARY KEY, from_node_id TEXT NOT NULL, to_node_id TEXT NOT NULL,
        relation TEXT NOT NULL, strength INTEGER NOT NULL, rationale TEXT NOT NULL,
        source TEXT NOT NULL, note TEXT NOT NULL DEFAULT '',
        confirmed_by TEXT NOT NULL DEFAULT '', confirmed_at TEXT NOT NULL DEFAULT '',
        via_node_id TEXT NOT NULL DEFAULT '',
        UNIQUE (from_node_id, to_node_id, via_node_id))""",
    "CREATE INDEX mappings_to ON mappings(to_node_id)",
    """CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY, at TEXT NOT NULL, user TEXT NOT NULL, action TEXT NOT NULL,
        entity TEXT NOT NULL, entity_id TEXT NOT NULL, before TEXT, after TEXT,
        prev_hash TEXT NOT NULL, hash TEXT NOT NULL)""",
    "CREATE INDEX audit_entity ON audit_log(entity, entity_id)",
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
    "CREATE TRIGGER assessments_frozen BEFORE UPDATE ON assessments "
    "WHEN OLD.closed_at IS NOT NULL "
    "BEGIN SELECT RAISE(ABORT, 'assessment is closed'); END",
    *_frozen("item_states", "item_states"),
    *_frozen("item_evidence", "item_evidence"),
    *_frozen("narrative_sections", "narrative_sections"),
]


def _v1(db: Database) -> None:
    for statement in V1:
        db.execute(statement)


def _v2(db: Database) -> None:
    """Mappings of different sources for the same pair live side by side.

    In v1 a staff mapping (or a staff veto, ``not_related``) replaced the curated row of the
    same pair, so undoing it lost the shipped mapping for good.
    """
    db.execute("ALTER TABLE mappings RENAME TO mappings_v1")
    db.execute("DROP INDEX mappings_to")
    db.execute("""CREATE TABLE mappings (
        id INTEGER PRIMARY KEY, from_node_id TEXT NOT NULL, to_node_id TEXT NOT NULL,
        relation TEXT NOT NULL, strength INTEGER NOT NULL, rationale TEXT NOT NULL,
        source TEXT NOT NULL, note TEXT NOT NULL DEFAULT '',
        confirmed_by TEXT NOT NULL DEFAULT '', confirmed_at TEXT NOT NULL DEFAULT '',
        via_node_id TEXT NOT NULL DEFAULT '',
        UNIQUE (from_node_id, to_node_id, via_node_id, source))""")
    db.execute("INSERT INTO mappings SELECT * FROM mappings_v1")
    db.execute("DROP TABLE mappings_v1")
    db.execute("CREATE INDEX mappings_to ON mappings(to_node_id)")


def _v3(db: Database) -> None:
    """One actual value per numeric target; a closed assessment's references kept frozen.

    An item such as 一/(二) names several targets; v2 kept a single value (``actual_value``),
    the first target's. Each reshaped row gets an audit entry (action ``upgrade``) so that
    verify still finds every item state equal to its last audited value.

    ``frozen_references`` keeps the documents and mappings a closed assessment was judged
    against (filled when closing; the workspace fills it for assessments closed earlier).
    """
    db.execute("""CREATE TABLE frozen_references (
        assessment_id INTEGER PRIMARY KEY REFERENCES assessments(id),
        frozen_at TEXT NOT NULL, documents TEXT NOT NULL, mappings TEXT NOT NULL)""")
    for op in ("UPDATE", "DELETE"):
        db.execute(f"CREATE TRIGGER frozen_references_no_{op.lower()} BEFORE {op} "
                   "ON frozen_references "
                   "BEGIN SELECT RAISE(ABORT, 'frozen references never change'); END")
    old = {(r["assessment_id"], r["node_id"]): r for r in db.query("SELECT * FROM item_states")}
    db.execute("DROP TRIGGER item_states_frozen_update")  # closed assessments are reshaped too
    db.execute("ALTER TABLE item_states ADD COLUMN actual_values TEXT NOT NULL DEFAULT '[]'")
    for (assessment_id, node_id), row in old.items():  # in Python: SQLite writes inf as Inf
        value = row["actual_value"]
        if value is not None and math.isfinite(value):  # v2 took "inf" as a value
            db.execute("UPDATE item_states SET actual_values = ? "
                       "WHERE assessment_id = ? AND node_id = ?",
                       [json.dumps([value]), assessment_id, node_id])
    db.execute("ALTER TABLE item_states DROP COLUMN actual_value")
    db.execute(_frozen("item_states", "item_states")[1])
    now = datetime.now(UTC).isoformat(timespec="seconds")
    for (assessment_id, node_id), before in old.items():
        audit.append(db, at=now, user="", action=audit.UPGRADE_ACTION, entity=ITEM_STATE_ENTITY,
                     entity_id=state_entity_id(assessment_id, node_id), before=before,
                     after=state_record(db, assessment_id, node_id))


def _v4(db: Database) -> None:
    """The departments a clause names as leading (牵头单位), among its departments: read
    again from the text of the clauses imported before (their department list is in it)."""
    from checklist_app.importer.extract import find_departments

    db.execute("ALTER TABLE nodes ADD COLUMN lead_departments TEXT NOT NULL DEFAULT '[]'")
    rows = db.execute("SELECT id, text, departments FROM nodes WHERE departments != '[]'")
    for node_id, text, departments in rows.fetchall():
        named = set(json.loads(departments))
        leads = [name for name in find_departments(text).leads if name in named]
        if leads:
            db.execute("UPDATE nodes SET lead_departments = ? WHERE id = ?",
                       [json.dumps(leads, ensure_ascii=False), node_id])


def _v5(db: Database) -> None:
    """The 成文日期 staff set for an assessment's report ("": the closing day, or the day
    the report is made)."""
    db.execute("ALTER TABLE assessments ADD COLUMN report_date TEXT NOT NULL DEFAULT ''")


MIGRATIONS: dict[int, Callable[[Database], None]] = {1: _v1, 2: _v2, 3: _v3, 4: _v4, 5: _v5}
V1_TABLES = frozenset(re.findall(r"CREATE TABLE (\w+)", "\n".join(V1)))
ADDED_TABLES = {3: frozenset({"frozen_references"})}  # by the migration to that version


def expected_tables(version: int) -> frozenset[str]:
    """The tables every workspace of schema ``version`` holds."""
    tables = V1_TABLES if version >= 1 else frozenset()
    for since, added in ADDED_TABLES.items():
        if version >= since:
            tables |= added
    return tables


def missing_tables(db: Reader | sqlite3.Connection, version: int) -> list[str]:
    """Tables of schema ``version`` that the file lacks: with our application id and
    version but without them, it is a damaged workspace, not one to read."""
    present = {row[0] for row in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    return sorted(expected_tables(version) - present)


def migrate(db: Database, target: int = SCHEMA_VERSION) -> list[int]:
    """Bring the schema to ``target`` in one transaction; return the versions applied."""
    current = user_version(db)
    pending = list(range(current + 1, target + 1))
    if not pending:
        return []
    with db.atomic():
        for version in pending:
            MIGRATIONS[version](db)
            db.execute(f"PRAGMA user_version = {version}")
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    return pending
