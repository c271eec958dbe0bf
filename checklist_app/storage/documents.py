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
import unicodedata
from collections.abc import Callable
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
from checklist_app.importer.stored import stored_target
from checklist_app.storage import audit
from checklist_app.storage.errors import NotFoundError
from checklist_app.storage.records import ITEM_STATE_ENTITY, state_entity_id, state_record

if TYPE_CHECKING:
    from sqlite_utils import Database


# How alike (difflib ratio, 0..1) a sub-item or target must read to count as reworded rather
# than replaced: "印发文件" → "印发实施文件" is 0.8, "建设示范项目5个以上" → "培育标准化企业5个以上"
# (another target with the same figure) 0.38.
REWORDED = 0.6


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
        "lead_departments": _json(node.lead_departments),
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
        targets=[stored_target(t) for t in json.loads(row["targets"])],
        phases=[Phase(p["year"], p["text"]) for p in json.loads(row["phases"])],
        fields=json.loads(row["fields"]), search_text=row["search_text"],
        lead_departments=json.loads(row["lead_departments"]),
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


def import_times(db: Database) -> dict[str, str]:
    """When each document was last imported (or revised): id → ISO time."""
    return {row[0]: row[1] for row in db.execute("SELECT id, imported_at FROM documents")}


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
        _realign_restructured(db, old, new_rows, now, user)
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
        before, after = Shape.of_row(old[node_id]), Shape.of_row(new_by_id[node_id])
        diff = review_diff(before.text, after.text)
        for state in _open_states(db, node_id):
            aid = state["assessment_id"]
            ticks, values = before.moved_to(after, state)
            db.execute(
                "UPDATE item_states SET needs_review = 1, review_diff = ?, ticked_actions = ?, "
                "actual_values = ?, updated_by = ?, updated_at = ? "
                "WHERE assessment_id = ? AND node_id = ?",
                [diff, ticks, values, user, now, aid, node_id])
            audit.append(db, at=now, user=user, action="flag_review", entity=ITEM_STATE_ENTITY,
                         entity_id=state_entity_id(aid, node_id), before=state,
                         after=state_record(db, aid, node_id))
            flagged += 1
    return flagged


def _realign_restructured(db: Database, old: dict[str, dict[str, Any]],
                          new_rows: list[dict[str, Any]], now: str, user: str) -> None:
    """Same text, other sub-items or targets (an overrides patch): ticks and values follow."""
    for row in new_rows:
        before = old.get(row["id"])
        if before is None or before["removed_in"] is not None or (
                before["text_hash"] != row["text_hash"]):
            continue
        if (before["actions"], before["targets"]) == (row["actions"], row["targets"]):
            continue
        old_shape, new_shape = Shape.of_row(before), Shape.of_row(row)
        for state in _open_states(db, row["id"]):
            ticks, values = old_shape.moved_to(new_shape, state)
            if (ticks, values) == (state["ticked_actions"], state["actual_values"]):
                continue
            aid = state["assessment_id"]
            db.execute("UPDATE item_states SET ticked_actions = ?, actual_values = ? "
                       "WHERE assessment_id = ? AND node_id = ?", [ticks, values, aid, row["id"]])
            audit.append(db, at=now, user=user, action="realign", entity=ITEM_STATE_ENTITY,
                         entity_id=state_entity_id(aid, row["id"]), before=state,
                         after=state_record(db, aid, row["id"]))


def review_diff(before: str, after: str) -> str:
    """The text diff shown to staff when an item they worked on was revised."""
    return "\n".join(difflib.unified_diff(before.splitlines(), after.splitlines(),
                                           _("before"), _("after"), lineterm=""))


@dataclass(frozen=True, slots=True)
class Shape:
    """What an item's positional state refers to: its text, sub-items and numeric targets."""

    text: str
    actions: list[str]
    targets: list[dict[str, Any]]

    @classmethod
    def of_row(cls, row: dict[str, Any]) -> Shape:
        return cls(row["text"], json.loads(row["actions"]), json.loads(row["targets"]))

    @classmethod
    def of_node(cls, node: Node) -> Shape:
        return cls(node.text, list(node.actions), [_target_dict(t) for t in node.targets])

    def moved_to(self, other: Shape, state: dict[str, Any]) -> tuple[str, str]:
        """A state's ``ticked_actions`` and ``actual_values`` (JSON) at ``other``'s positions."""
        actions = realign(self.actions, other.actions)
        ticks = sorted(actions[i] for i in json.loads(state["ticked_actions"]) if i in actions)
        values = moved_values(json.loads(state["actual_values"]),
                              realign_targets(self.targets, other.targets))
        return json.dumps(ticks), json.dumps(values)


def realign(old: list[str], new: list[str], *,
            same_kind: Callable[[int, int], bool] | None = None) -> dict[int, int]:
    """Old position → new position of each entry still there.

    Entries with the same words (width and spacing aside) pair up, also when they moved;
    then, inside a run the revision replaced, an entry pairs in order with one that reads
    mostly the same (a sub-item or target reworded in place keeps its tick or value).
    ``same_kind(i, j)`` may forbid a pair (a target whose unit changed is another target).
    Inserted, deleted and rewritten entries have no pair.
    """
    a, b = [_words(text) for text in old], [_words(text) for text in new]
    blocks = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    moves = {i1 + k: j1 + k for tag, i1, i2, j1, _j2 in blocks if tag == "equal"
             for k in range(i2 - i1)}
    _pair_equal_words(a, b, moves)
    for tag, i1, i2, j1, j2 in blocks:
        if tag == "replace":
            _pair_reworded(a, b, range(i1, i2), range(j1, j2), moves, same_kind)
    return moves


def realign_targets(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> dict[int, int]:
    """Old position → new position of each numeric target, by its sentence as in
    :func:`realign`; a reworded one must keep its comparator and unit (its figure may change:
    "85%以上" revised to "90%以上" keeps the value measured)."""
    def kind(target: dict[str, Any]) -> tuple[Comparator, str]:
        return stored_target(target).comparator, target["unit"]  # "=" of earlier versions read

    def same_kind(i: int, j: int) -> bool:
        return kind(old[i]) == kind(new[j])

    return realign([t["text"] for t in old], [t["text"] for t in new], same_kind=same_kind)


def moved_values(values: list[float | None], moves: dict[int, int]) -> list[float | None]:
    """Actual values at the positions their targets moved to; blank ones dropped at the end."""
    result: list[float | None] = [None] * (max(moves.values(), default=-1) + 1)
    for position, value in enumerate(values):
        if value is not None and position in moves:
            result[moves[position]] = value
    return list(trim_actual_values(result))


def _pair_equal_words(a: list[str], b: list[str], moves: dict[int, int]) -> None:
    """Entries not yet paired whose words are equal (an entry that moved)."""
    free: dict[str, list[int]] = {}
    taken = set(moves.values())
    for j, key in enumerate(b):
        if j not in taken:
            free.setdefault(key, []).append(j)
    for i, key in enumerate(a):
        if i not in moves and free.get(key):
            moves[i] = free[key].pop(0)


def _pair_reworded(a: list[str], b: list[str], old: range, new: range, moves: dict[int, int],
                   same_kind: Callable[[int, int], bool] | None) -> None:
    """In a replaced run, pair unpaired entries in order with the next one reading mostly
    the same (SequenceMatcher ratio of at least REWORDED)."""
    taken = set(moves.values())
    candidates = [j for j in new if j not in taken]
    for i in (i for i in old if i not in moves):
        for position, j in enumerate(candidates):
            similar = difflib.SequenceMatcher(None, a[i], b[j], autojunk=False).ratio()
            if similar >= REWORDED and (same_kind is None or same_kind(i, j)):
                moves[i] = j
                del candidates[:position + 1]  # in order: later entries pair further on
                break


def _words(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


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
