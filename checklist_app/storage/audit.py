"""The audit trail: an append-only log where each entry hashes the one before it.

Every change is appended in the same transaction as the change itself. Editing or deleting
an entry behind the app's back breaks the chain, which :func:`verify_chain` reports.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from checklist_app.core import Assessment, AuditEntry
from checklist_app.i18n import _
from checklist_app.storage.records import parse_mapping_entity_id

if TYPE_CHECKING:
    from sqlite_utils import Database

GENESIS = "0" * 64


def canonical(value: Any) -> str | None:
    """The JSON text stored in before/after: stable key order, Chinese kept readable."""
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def entry_hash(seq: int, at: str, user: str, action: str, entity: str, entity_id: str,
               before: str | None, after: str | None, prev_hash: str) -> str:
    payload = [seq, at, user, action, entity, entity_id, before, after, prev_hash]
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


UPGRADE_ACTION = "upgrade"  # rows a schema migration reshaped; not a change anyone made


def append(db: Database, *, at: str, user: str, action: str, entity: str, entity_id: str,
           before: Any = None, after: Any = None) -> AuditEntry:
    """Append one entry; call inside the transaction that makes the change."""
    last = db.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS)
    before_text, after_text = canonical(before), canonical(after)
    digest = entry_hash(seq, at, user, action, entity, entity_id, before_text, after_text,
                        prev_hash)
    db.execute(
        "INSERT INTO audit_log (seq, at, user, action, entity, entity_id, before, after, "
        "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [seq, at, user, action, entity, entity_id, before_text, after_text, prev_hash, digest],
    )
    return AuditEntry(seq, at, user, action, entity, entity_id, before_text, after_text,
                      prev_hash, digest)


def entries(db: Database, *, entity: str | None = None, entity_id: str | None = None,
            entity_prefix: str | None = None) -> Iterator[AuditEntry]:
    """Entries in order, optionally for one entity kind, one id, or ids with a prefix."""
    sql, params = "SELECT * FROM audit_log", []
    where = []
    if entity is not None:
        where.append("entity = ?")
        params.append(entity)
    if entity_id is not None:
        where.append("entity_id = ?")
        params.append(entity_id)
    if entity_prefix is not None:
        where.append("substr(entity_id, 1, ?) = ?")
        params += [len(entity_prefix), entity_prefix]
    if where:
        sql += " WHERE " + " AND ".join(where)
    for row in db.query(sql + " ORDER BY seq", params):
        yield AuditEntry(**row)


def last_after(db: Database, entity: str, entity_id: str) -> str | None:
    row = db.execute(
        "SELECT after FROM audit_log WHERE entity = ? AND entity_id = ? "
        "ORDER BY seq DESC LIMIT 1",
        [entity, entity_id],
    ).fetchone()
    return row[0] if row else None


def verify_chain(db: Database) -> list[str]:
    """Problems found in the chain: gaps, edited entries, broken links."""
    problems: list[str] = []
    prev_hash, expected_seq = GENESIS, 1
    for entry in entries(db):
        if entry.seq != expected_seq:
            problems.append(_("Audit log: entries {first}–{last} are missing.").format(
                first=expected_seq, last=entry.seq - 1))
        if entry.prev_hash != prev_hash:
            problems.append(_("Audit log: entry {seq} does not follow the entry before it "
                              "(an entry was removed or replaced).").format(seq=entry.seq))
        recomputed = entry_hash(entry.seq, entry.at, entry.user, entry.action, entry.entity,
                                entry.entity_id, entry.before, entry.after, entry.prev_hash)
        if recomputed != entry.hash:
            problems.append(_("Audit log: entry {seq} was changed outside the app.").format(
                seq=entry.seq))
        prev_hash, expected_seq = entry.hash, entry.seq + 1
    return problems


def for_assessment(db: Database, assessment_id: int) -> list[AuditEntry]:
    """Changes made to one assessment: the assessment, its items, narrative and evidence.

    Rows a schema upgrade reshaped are left out: nobody changed anything in them.
    """
    prefix = f"{assessment_id}/"
    rows = db.query(
        "SELECT * FROM audit_log WHERE ((entity = 'assessment' AND entity_id = ?) "
        "OR (entity IN ('item_state', 'narrative', 'evidence') AND substr(entity_id, 1, ?) = ?)) "
        "AND action <> ? ORDER BY seq", [str(assessment_id), len(prefix), prefix, UPGRADE_ACTION])
    return [AuditEntry(**row) for row in rows]


def mapping_changes(db: Database, assessment: Assessment) -> list[AuditEntry]:
    """Mappings staff set or removed (not shipped ones) from the assessment's checklist to its
    provincial or national document, after the assessment was created and before it closed."""
    prefix = f"{assessment.checklist_doc_id}/"
    upper = tuple(f"{doc}/" for doc in (assessment.provincial_doc_id,
                                         assessment.national_doc_id) if doc)
    if not upper:
        return []
    rows = db.query(
        "SELECT * FROM audit_log WHERE entity = 'mapping' AND substr(entity_id, 1, :n) = :p "
        "AND seq > (SELECT coalesce(max(seq), 0) FROM audit_log WHERE entity = 'assessment' "
        "AND entity_id = :a AND action = 'create') "
        "AND seq < (SELECT coalesce(min(seq), 9e18) FROM audit_log WHERE entity = 'assessment' "
        "AND entity_id = :a AND action = 'close') ORDER BY seq",
        {"n": len(prefix), "p": prefix, "a": str(assessment.id)})
    found = []
    for row in rows:
        record = parse_mapping_entity_id(row["entity_id"])
        if record.source in ("user", "suggested") and record.to_node_id.startswith(upper):
            found.append(AuditEntry(**row))
    return found
