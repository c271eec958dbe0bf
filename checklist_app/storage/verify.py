"""Verify: everything that can be checked about a workspace, reported in plain words."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING

from checklist_app.i18n import _
from checklist_app.storage import audit, evidence
from checklist_app.storage.records import ITEM_STATE_ENTITY, state_entity_id

if TYPE_CHECKING:
    from sqlite_utils import Database


def verify_workspace(db: Database) -> list[str]:
    """Problems found (empty list: all is well). Reads only; safe on a read-only workspace."""
    problems = _integrity(db)
    if problems:
        return problems  # hashes and chains of a damaged file would only add noise
    problems += _foreign_keys(db)
    problems += evidence.verify_contents(db)
    problems += record_problems(db)
    return problems


def record_problems(db: Database) -> list[str]:
    """The audit trail broken, or items that differ from it (changed outside the app)."""
    return audit.verify_chain(db) + _states_match_audit(db) + _evidence_matches_audit(db)


MAX_INTEGRITY_LINES = 10


def _integrity(db: Database) -> list[str]:
    results = [row[0] for row in db.execute("PRAGMA integrity_check")]
    if results == ["ok"]:
        return []
    lines = [line for result in results for line in result.splitlines()]
    problems = [_("SQLite integrity check: {detail}").format(detail=line)
                for line in lines[:MAX_INTEGRITY_LINES]]
    if len(lines) > MAX_INTEGRITY_LINES:
        problems.append(_("… and {n} more integrity problems.").format(
            n=len(lines) - MAX_INTEGRITY_LINES))
    problems.append(_("The workspace file is damaged: restore it from a backup "
                      "(checklist restore)."))
    return problems


def tables_intact(db: Database, tables: Iterable[str]) -> bool:
    """Whether SQLite's integrity check passes on these tables and their indexes: an
    index that lost pages reads as fewer rows, with no error, so a deletion that picks
    rows by what other tables still use must check first."""
    return all(db.execute(f"PRAGMA integrity_check({table})").fetchall() == [("ok",)]
               for table in tables)


def _foreign_keys(db: Database) -> list[str]:
    return [
        _("Table {table} row {row} points to a missing {parent} row.").format(
            table=table, row=rowid, parent=parent)
        for table, rowid, parent, _fk in db.execute("PRAGMA foreign_key_check")
    ]


def _states_match_audit(db: Database) -> list[str]:
    """Each item state must equal the last value the audit trail recorded for it."""
    problems = []
    for row in db.query("SELECT * FROM item_states ORDER BY assessment_id, node_id"):
        entity_id = state_entity_id(row["assessment_id"], row["node_id"])
        if audit.last_after(db, ITEM_STATE_ENTITY, entity_id) != audit.canonical(row):
            problems.append(_("Item {item} of assessment {id} was changed outside the app "
                              "(it differs from its audit trail).").format(
                item=row["node_id"], id=row["assessment_id"]))
    return problems


def _evidence_matches_audit(db: Database) -> list[str]:
    """Each evidence file of an item must bear the name (and content) its audit trail last
    recorded for it: a name edited in the file itself was reported as sound. Links made
    without an entry of their own (carried forward with the evidence) are not judged."""
    problems = []
    rows = db.execute(
        "SELECT l.assessment_id, l.node_id, e.id, e.file_name, c.sha256 FROM item_evidence l "
        "JOIN evidence e ON e.id = l.evidence_id JOIN contents c ON c.id = e.content_id "
        "ORDER BY l.assessment_id, l.node_id, l.position")
    for assessment_id, node_id, evidence_id, file_name, sha256 in rows:
        last = audit.last_after(db, "evidence", f"{assessment_id}/{node_id}/{evidence_id}")
        recorded = json.loads(last) if last else None
        if not isinstance(recorded, dict):
            continue
        if recorded.get("file_name", file_name) != file_name or \
                recorded.get("sha256", sha256) != sha256:
            problems.append(_("Evidence {file} of item {item} in assessment {id} was changed "
                              "outside the app (it differs from its audit trail).").format(
                file=file_name, item=node_id, id=assessment_id))
    return problems
