"""附件4 变更记录 summarises the audit trail; the trail itself keeps every change.

Pressing Space steps an item's status one at a time and the note is saved at each pause in
typing, so the trail holds many entries for one decision. The annex merges a run of changes
by one user to the same field of the same record (an item, a part of the report text, a
mapping), each within ``RUN_GAP`` of the one before, into one row: the value before the first
→ the value after the last. A run that ends where it began (typed and undone) is left out.
Anything else recorded of the same record (a document revision flagging an item, the item
carried forward) ends its runs, so that no row spans it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from checklist_app.core import AuditEntry
from checklist_app.report.changes import stored_value, value_after

RUN_GAP = timedelta(minutes=10)
# Records whose every change is a set of field values (or one text), so that changes merge.
_MERGED = {("item_state", "set"), ("item_state", "edit"), ("narrative", "edit"),
           ("narrative", "set"), ("assessment", "edit"), ("assessment", "set"),
           ("mapping", "set"), ("mapping", "delete"), ("evidence", "set")}
_WHOLE = ""  # the "field" of a record stored as one value (a text, a mapping)
# Bookkeeping that says nothing of what changed (as in the report's own hidden fields).
_IGNORED = {"assessment_id", "node_id", "updated_at", "updated_by", "review_diff", "id",
            "confirmed_at"}


@dataclass(slots=True)
class _Run:
    field: str
    user: str
    before: Any
    after: Any
    last: AuditEntry


def summarised(entries: list[AuditEntry]) -> list[AuditEntry]:
    """The entries as the annex lists them: merged runs as one entry each (the last entry
    of the run with the first one's values before), in the order their runs ended."""
    open_runs: dict[tuple[str, str, str], _Run] = {}
    ended: list[_Run] = []
    kept: list[AuditEntry] = []
    for entry in entries:
        if (entry.entity, entry.action) not in _MERGED:
            ended += _end_runs(open_runs, entry.entity, entry.entity_id)
            kept.append(entry)
            continue
        for field, (before, after) in _changes(entry).items():
            key = (entry.entity, entry.entity_id, field)
            run = open_runs.get(key)
            if run and run.user == entry.user and _gap(run.last, entry) <= RUN_GAP:
                run.after, run.last = after, entry
                continue
            if run:
                ended.append(run)
            open_runs[key] = _Run(field, entry.user, before, after, entry)
    ended += open_runs.values()
    return sorted([*kept, *_merged(ended)], key=lambda e: e.seq)


def _end_runs(open_runs: dict[tuple[str, str, str], _Run], entity: str,
              entity_id: str) -> list[_Run]:
    keys = [key for key in open_runs if key[:2] == (entity, entity_id)]
    return [open_runs.pop(key) for key in keys]


def _merged(runs: list[_Run]) -> list[AuditEntry]:
    """One entry per last entry of the runs that changed something, with their fields."""
    by_last: dict[int, list[_Run]] = {}
    for run in runs:
        if not _same(run.before, run.after):
            by_last.setdefault(run.last.seq, []).append(run)
    return [_entry(ending) for ending in by_last.values()]


def _entry(runs: list[_Run]) -> AuditEntry:
    """The last entry of ``runs``, with the values before their first entries."""
    last = runs[0].last
    if runs[0].field == _WHOLE:
        [run] = runs
        action = last.action
        if last.entity == "mapping":  # a mapping made and removed again, or the reverse
            action = "delete" if run.after is None else "set"
        return replace(last, action=action, before=_dump(run.before), after=_dump(run.after))
    named = _file_named(last)  # a file's description: the change names the file
    return replace(last, before=_dump({**named, **{r.field: r.before for r in runs}}),
                   after=_dump({**named, **{r.field: r.after for r in runs}}))


def _file_named(entry: AuditEntry) -> dict[str, Any]:
    recorded = stored_value(entry.after)
    if entry.entity == "evidence" and isinstance(recorded, dict) and "file_name" in recorded:
        return {"file_name": recorded["file_name"]}
    return {}


def _dump(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _gap(earlier: AuditEntry, later: AuditEntry) -> timedelta:
    try:
        return abs(datetime.fromisoformat(later.at) - datetime.fromisoformat(earlier.at))
    except ValueError:
        return RUN_GAP * 2


def _changes(entry: AuditEntry) -> dict[str, tuple[Any, Any]]:
    """(before, after) of each field the entry changed; of the whole record when it is not
    stored as fields."""
    before, after = stored_value(entry.before), value_after(entry)
    if entry.entity == "mapping" or not (isinstance(before, dict) or isinstance(after, dict)):
        return {} if _same(before, after) else {_WHOLE: (before, after)}
    before = before if isinstance(before, dict) else {}
    after = after if isinstance(after, dict) else {}
    return {field: (before.get(field), after.get(field))
            for field in [*after, *(k for k in before if k not in after)]
            if field not in _IGNORED and not _same(before.get(field), after.get(field))}


def _same(before: Any, after: Any) -> bool:
    """Equal but for bookkeeping: blank text, empty lists, a final 。 and the time a mapping
    was confirmed count as nothing."""
    return _plain(before) == _plain(after)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k not in _IGNORED}
    if value in ("", "[]", [], None):
        return None
    return value.rstrip("。") if isinstance(value, str) else value
