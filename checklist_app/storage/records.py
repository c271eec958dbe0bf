"""Row records shared by the repositories and the audit trail.

The audit log stores the whole item-state row after each change, so that verify can tell a
state edited behind the app's back (row differs from its last audited value).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database


ITEM_STATE_ENTITY = "item_state"


def state_entity_id(assessment_id: int, node_id: str) -> str:
    return f"{assessment_id}/{node_id}"


def state_record(db: Database, assessment_id: int, node_id: str) -> dict[str, Any] | None:
    rows = list(db.query(
        "SELECT * FROM item_states WHERE assessment_id = ? AND node_id = ?",
        [assessment_id, node_id]))
    return rows[0] if rows else None
