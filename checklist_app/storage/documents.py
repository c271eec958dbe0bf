"""Documents and their nodes; importing a revised version of a document.

A revision keeps the work already done: item states carry over where a node's normalized
text is unchanged (compared by hash), changed items are flagged for re-review with a text
diff, and removed nodes stay in the table (``removed_in``) so their history remains. Ticked
sub-items and actual values are stored by position; in a changed item they follow their
sub-item or target to its new position (see :func:`realign`).
"""

from __future__ import annotations

import difflib
import hashlib
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from checklist_app.core import (
    Comparator,
    Document,
    Level,
    Node,
    NodeKind,
    Phase,
    Target,
    trim_actual_values,
)
from checklist_app.i18n import _
from checklist_app.storage import audit
from checklist_app.storage.errors import NotFoundError
from checklist_app.storage.records import ITEM_STATE_ENTITY, state_entity_id, state_record

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(slots=True)
class RevisionReport:
    """What importing a document changed."""

    document_id: str
    revision: int
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    moved: dict[str, str] = field(default_factory=dict)  # old node id → new node id
    flagged_items: int = 0  # item states marked needs_review


def text_hash(node: Node) -> str:
    """Hash of the normalized text: search_text (simplified script), else the text."""
    text = " ".join((node.search_text or node.text).split())
    return hashlib.sha256(text.encode()).hexdigest()


def _node_row(document_id: str, position: int, node: Node) -> dict[str, Any]:
    return {
        "id": node.id, "document_id": document_id, "position": position,
        "parent_id": node.parent_id, "label": node.label, "kind": str(node.kind),
        "title": node.title, "text": node.text, "checkable": int(node.checkable),
        "actions": _json(node.actions), "departments": _json(node.departments),
        "targets": _json([_target_dict(t) for t in node.targets]),
        "phases": _json([{"year": p.year, "text": p.text} for p in node.phases]),
        "fields": _json(node.fields), "search_text": node.search_text,
        "text_hash": text_hash(node), "removed_in": None,
    }


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _target_dict(target: Target) -> dict[str, Any]:
    return {"text": target.text, "value": target.value, "unit": target.unit,
            "comparator": str(target.comparator), "year": target.year}


def node_from_row(row: dict[str, Any]) -> Node:
    return Node(
        id=row["id"], parent_id=row["parent_id"], label=row["label"],
        kind=NodeKind(row["kind"]), title=row["title"], text=row["text"],
        checkable=bool(row["checkable"]), actions=json.loads(row["actions"]),
        departments=json.loads(row["departments"]),
        targets=[Target(t["text"], t["value"], t["unit"], Comparator(t["comparator"]), t["year"])
                 for t in json.loads(row["targets"])],
        phases=[Phase(p["year"], p["text"]) for p in json.loads(row["phases"])],
        fields=json.loads(row["fields"]), search_text=row["search_text"],
    )


def _document_row(doc: Document, revision: int, now: str) -> dict[str, Any]:
    return {
        "id": doc.id, "title": doc.title, "issuer": doc.issuer, "level": str(doc.level),
        "region": doc.region, "year": doc.year, "doc_number": doc.doc_number,
        "cited_doc_numbers": _json(doc.cited_doc_numbers), "source": doc.source,
        "script": doc.script, "revision": revision, "imported_at": now,
    }


def document_ids(db: Database) -> list[str]:
    return [row[0] for row in db.execute("SELECT id FROM documents ORDER BY id")]


def load_document(db: Database, document_id: str, *, include_removed: bool = False) -> Document:
    rows = list(db.query("SELECT * FROM documents WHERE id = ?", [document_id]))
    if not rows:
        raise NotFoundError(
            _("Document {id} is not in this workspace. Import it first.").format(id=document_id)
        )
    row = rows[0]
    where = "" if include_removed else " AND removed_in IS NULL"
    nodes = [
        node_from_row(n)
        for n in db.query(
            f"SELECT * FROM nodes WHERE document_id = ?{where} ORDER BY position", [document_id]
        )
    ]
    return Document(
        id=row["id"], title=row["title"], issuer=row["issuer"], level=Level(row["level"]),
        region=row["region"], year=row["year"], nodes=nodes, doc_number=row["doc_number"],
        cited_doc_numbers=json.loads(row["cited_doc_numbers"]), source=row["source"],
        script=row["script"],
    )


def save_document(db: Database, doc: Document, *, now: str, user: str) -> RevisionReport:
    """Insert a new document or apply a revised version; call inside a transaction."""
    existing = db.execute("SELECT revision FROM documents WHERE id = ?", [doc.id]).fetchone()
    revision = existing[0] + 1 if existing else 1
    db["documents"].upsert(_document_row(doc, revision, now), pk="id")
    report = RevisionReport(doc.id, revision)
    old = {r["id"]: r for r in db.query("SELECT * FROM nodes WHERE document_id = ?", [doc.id])}
    new_rows = [_node_row(doc.id, i, node) for i, node in enumerate(doc.nodes)]
    new_ids = {r["id"] for r in new_rows}
    for row in new_rows:
        before = old.get(row["id"])
        if before is None or before["removed_in"] is not None:
            report.added.append(row["id"])
        elif before["text_hash"] != row["text_hash"]:
            report.changed.append(row["id"])
            _keep_old_text(db, before, revision, now)
    db["nodes"].upsert_all(new_rows, pk="id")
    removed = [i for i, r in old.items() if i not in new_ids and r["removed_in"] is None]
    for node_id in removed:
        db.execute("UPDATE nodes SET removed_in = ? WHERE id = ?", [revision, node_id])
    report.removed = removed
    if existing:
        _carry_moved(db, report, old, new_rows, now, user)
        report.flagged_items = _flag_changed(db, report.changed, old, new_rows, now, user)
    audit.append(db, at=now, user=user, action="import" if revision == 1 else "revise",
                 entity="document", entity_id=doc.id,
                 after={"revision": revision, "added": len(report.added),
                        "changed": len(report.changed), "removed": len(report.removed)})
    return report


def _keep_old_text(db: Database, before: dict[str, Any], revision: int, now: str) -> None:
    db["node_revisions"].upsert(
        {"node_id": before["id"], "revision": revision - 1, "text": before["text"],
         "search_text": before["search_text"], "text_hash": before["text_hash"],
         "replaced_at": now},
        pk=("node_id", "revision"),
    )


def _open_states(db: Database, node_id: str) -> list[dict[str, Any]]:
    return list(db.query(
        "SELECT s.* FROM item_states s JOIN assessments a ON a.id = s.assessment_id "
        "WHERE s.node_id = ? AND a.closed_at IS NULL", [node_id]))


def _flag_changed(db: Database, changed: list[str], old: dict[str, dict[str, Any]],
                  new_rows: list[dict[str, Any]], now: str, user: str) -> int:
    """Mark states of items whose text changed as needs_review, storing a text diff; ticks
    and actual values move with their sub-item or target (the audit entry keeps the old)."""
    new_by_id = {r["id"]: r for r in new_rows}
    flagged = 0
    for node_id in changed:
        before, after = old[node_id], new_by_id[node_id]
        diff = "\n".join(difflib.unified_diff(
            before["text"].splitlines(), after["text"].splitlines(),
            _("before"), _("after"), lineterm=""))
        actions = realign(json.loads(before["actions"]), json.loads(after["actions"]))
        targets = realign_targets(json.loads(before["targets"]), json.loads(after["targets"]))
        for state in _open_states(db, node_id):
            aid = state["assessment_id"]
            ticks = sorted(actions[i] for i in json.loads(state["ticked_actions"])
                           if i in actions)
            values = moved_values(json.loads(state["actual_values"]), targets)
            db.execute(
                "UPDATE item_states SET needs_review = 1, review_diff = ?, ticked_actions = ?, "
                "actual_values = ?, updated_by = ?, updated_at = ? "
                "WHERE assessment_id = ? AND node_id = ?",
                [diff, json.dumps(ticks), json.dumps(values), user, now, aid, node_id])
            audit.append(db, at=now, user=user, action="flag_review", entity=ITEM_STATE_ENTITY,
                         entity_id=state_entity_id(aid, node_id), before=state,
                         after=state_record(db, aid, node_id))
            flagged += 1
    return flagged


def realign(old: list[str], new: list[str]) -> dict[int, int]:
    """Old position → new position of each entry still there (same words, spacing aside).

    Repeated entries pair up in order; an entry no longer there has no new position.
    """
    free: dict[str, list[int]] = {}
    for position, text in enumerate(new):
        free.setdefault(_words(text), []).append(position)
    return {position: free[key].pop(0) for position, text in enumerate(old)
            if free.get(key := _words(text))}


def realign_targets(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> dict[int, int]:
    """Old position → new position of each numeric target: the same sentence, else the same
    comparator, figure and unit (a reworded sentence keeps its value)."""
    moved = realign([t["text"] for t in old], [t["text"] for t in new])
    taken = set(moved.values())

    def figure(target: dict[str, Any]) -> str:
        return f"{target['comparator']} {target['value']} {target['unit']}"

    rest_old = [i for i in range(len(old)) if i not in moved]
    rest_new = [j for j in range(len(new)) if j not in taken]
    by_figure = realign([figure(old[i]) for i in rest_old], [figure(new[j]) for j in rest_new])
    moved.update({rest_old[a]: rest_new[b] for a, b in by_figure.items()})
    return moved


def moved_values(values: list[float | None], moves: dict[int, int]) -> list[float | None]:
    """Actual values at the positions their targets moved to; blank ones dropped at the end."""
    result: list[float | None] = [None] * (max(moves.values(), default=-1) + 1)
    for position, value in enumerate(values):
        if value is not None and position in moves:
            result[moves[position]] = value
    return list(trim_actual_values(result))


def _words(text: str) -> str:
    return " ".join(text.split())


def _carry_moved(db: Database, report: RevisionReport, old: dict[str, dict[str, Any]],
                 new_rows: list[dict[str, Any]], now: str, user: str) -> None:
    """A removed node whose exact text reappears under a new id (renumbered) moves its states."""
    removed_by_hash = {old[i]["text_hash"]: i for i in report.removed}
    for row in new_rows:
        source = removed_by_hash.pop(row["text_hash"], None) if row["id"] in report.added else None
        if source is None:
            continue
        report.moved[source] = row["id"]
        for state in _open_states(db, source):
            exists = db.execute(
                "SELECT 1 FROM item_states WHERE assessment_id = ? AND node_id = ?",
                [state["assessment_id"], row["id"]]).fetchone()
            if exists:
                continue
            aid = state["assessment_id"]
            db["item_states"].insert({**state, "node_id": row["id"], "updated_by": user,
                                      "updated_at": now})
            audit.append(db, at=now, user=user, action="carry", entity=ITEM_STATE_ENTITY,
                         entity_id=state_entity_id(aid, row["id"]),
                         after=state_record(db, aid, row["id"]))
