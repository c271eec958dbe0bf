"""Mappings (对照): links from local nodes to the higher-level clauses they implement.

One row per (from, to, via, source): a staff mapping or veto of a pair sits beside the
curated one instead of replacing it. Saving a mapping that exists replaces it, and every
change is audited with its before and after.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from checklist_app.core import Mapping, MappingSource, RationaleKind, Relation
from checklist_app.storage import audit
from checklist_app.storage.records import mapping_entity_id

if TYPE_CHECKING:
    from sqlite_utils import Database

ENTITY = "mapping"
KEY = ("from_node_id", "to_node_id", "via_node_id", "source")  # the columns of Mapping.key


def mapping_row(mapping: Mapping) -> dict[str, Any]:
    row = {k: str(v) if hasattr(v, "value") else v for k, v in asdict(mapping).items()}
    row["via_node_id"] = mapping.via_node_id or ""
    return row


def mapping_from_row(row: dict[str, Any]) -> Mapping:
    return Mapping(
        from_node_id=row["from_node_id"], to_node_id=row["to_node_id"],
        relation=Relation(row["relation"]), strength=row["strength"],
        rationale=RationaleKind(row["rationale"]), source=MappingSource(row["source"]),
        note=row["note"], confirmed_by=row["confirmed_by"], confirmed_at=row["confirmed_at"],
        via_node_id=row["via_node_id"] or None,
    )


def _current(db: Database, row: dict[str, Any]) -> dict[str, Any] | None:
    found = list(db.query(
        "SELECT * FROM mappings WHERE from_node_id = ? AND to_node_id = ? AND via_node_id = ? "
        "AND source = ?",
        [row[k] for k in KEY]))
    if not found:
        return None
    found[0].pop("id")
    return found[0]


def save_mappings(db: Database, mappings: Iterable[Mapping], *, now: str, user: str) -> int:
    """Insert or replace mappings; returns how many changed. Call inside a transaction."""
    changed = 0
    for mapping in mappings:
        row = mapping_row(mapping)
        before = _current(db, row)
        if before == row:
            continue
        db["mappings"].upsert(row, pk=KEY)
        audit.append(db, at=now, user=user, action="set", entity=ENTITY,
                     entity_id=mapping_entity_id(row), before=before, after=row)
        changed += 1
    return changed


def delete_mapping(db: Database, mapping: Mapping, *, now: str, user: str) -> bool:
    row = mapping_row(mapping)
    before = _current(db, row)
    if before is None:
        return False
    db.execute("DELETE FROM mappings WHERE from_node_id = ? AND to_node_id = ? "
               "AND via_node_id = ? AND source = ?", [row[k] for k in KEY])
    audit.append(db, at=now, user=user, action="delete", entity=ENTITY,
                 entity_id=mapping_entity_id(row), before=before)
    return True


def list_mappings(db: Database, from_document_ids: Iterable[str] | None = None) -> list[Mapping]:
    """All mappings, or those whose from-node belongs to one of the given documents."""
    sql = "SELECT * FROM mappings"
    params: list[Any] = []
    if from_document_ids is not None:
        prefixes = [f"{doc_id}/" for doc_id in from_document_ids]
        if not prefixes:
            return []
        sql += " WHERE " + " OR ".join("substr(from_node_id, 1, ?) = ?" for _ in prefixes)
        for prefix in prefixes:
            params += [len(prefix), prefix]
    return [mapping_from_row(row) for row in db.query(sql + " ORDER BY id", params)]
