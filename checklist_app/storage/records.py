"""Row records shared by the repositories and the audit trail.

The audit log stores the whole item-state row after each change, so that verify can tell a
state edited behind the app's back (row differs from its last audited value).
"""

from __future__ import annotations

from dataclasses import dataclass
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


def mapping_entity_id(row: dict[str, Any]) -> str:
    """What a mapping's audit entries name it by: ``from -> to [via v] (source)``."""
    via = f" via {row['via_node_id']}" if row["via_node_id"] else ""
    return f"{row['from_node_id']} -> {row['to_node_id']}{via} ({row['source']})"


@dataclass(frozen=True, slots=True)
class MappingRecord:
    """A mapping's audit entity id, read back into its parts."""

    from_node_id: str
    to_node_id: str
    via_node_id: str
    source: str


def parse_mapping_entity_id(entity_id: str) -> MappingRecord:
    """The parts of an id :func:`mapping_entity_id` wrote."""
    from_node, _arrow, rest = entity_id.partition(" -> ")
    rest, _paren, source = rest.rpartition(" (")
    to_node, _via, via = rest.partition(" via ")
    return MappingRecord(from_node, to_node, via, source.rstrip(")"))
