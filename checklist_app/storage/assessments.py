"""Assessments (自查自评), their narrative sections and the item states recorded in them."""

from __future__ import annotations

import json
import math
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from checklist_app.core import (
    NARRATIVE_SECTIONS,
    Assessment,
    ItemState,
    ItemStatus,
    carry_blocker,
    format_number,
    local_date,
    open_period,
    repeated_by,
    starts_before,
    trim_actual_values,
    unit_takes_negative,
)
from checklist_app.core.names import without_hidden
from checklist_app.i18n import N_, _, date_words, ngettext
from checklist_app.storage import audit, documents, freeze
from checklist_app.storage.errors import ClosedAssessmentError, InvalidValueError, NotFoundError
from checklist_app.storage.records import ITEM_STATE_ENTITY, state_entity_id, state_record

if TYPE_CHECKING:
    from sqlite_utils import Database

ASSESSMENT_FIELDS = ("office", "department", "period", "checklist_doc_id", "provincial_doc_id",
                     "national_doc_id", "preparer", "reviewer", "addressee", "report_date")
# The assessment's own details as messages name them (the report's words).
DETAIL_NAMES = {
    "office": N_("office"), "department": N_("department"), "period": N_("period"),
    "preparer": N_("preparer"), "reviewer": N_("reviewer"), "addressee": N_("addressee"),
    "report_date": N_("report date"),
}
# The longest each typed detail may be: printed in the report's title, its signature and
# its tables, 1,000 characters of 填报人 could not be laid out on a page, and an office of
# 2,000 took the report minutes.
DETAIL_MAX_CHARS = {"office": 100, "department": 100, "period": 50, "preparer": 50,
                    "reviewer": 50, "addressee": 200}
# Of an item's note or 不适用 justification: a pasted megabyte without a line break froze
# the item pane for minutes; a longer text belongs in an attached file.
TEXT_MAX_CHARS = 20_000
STATE_FIELDS = ("status", "justification", "ticked_actions", "note", "responsible_department",
                "responsible_person", "due_date", "actual_values", "needs_review")
# What carrying forward copies into the next period: the judgement (status, its 不适用
# justification, the sub-items ticked), the notes, who is responsible and by when, and a
# pending review flag. Not the actual values of numeric targets: they measured last period
# (a yearly target would show as met before any new work).
CARRIED_FIELDS = ("status", "justification", "ticked_actions", "note", "responsible_department",
                  "responsible_person", "due_date", "needs_review", "review_diff")


def _refuse_own_reference(checklist_doc_id: str, fields: dict[str, Any]) -> None:
    """The checklist is no reference of itself (its items would map onto themselves)."""
    if checklist_doc_id in (fields.get("provincial_doc_id"), fields.get("national_doc_id")):
        raise InvalidValueError(_(
            "Document {id} is the assessment's checklist; it cannot also be its provincial "
            "or national reference.").format(id=checklist_doc_id))


ONE_LINE_STATE_FIELDS = ("justification", "responsible_department", "responsible_person")


def _tidied(fields: dict[str, Any], one_line: Iterable[str]) -> dict[str, Any]:
    """``fields`` with the hidden characters taken out of its one-line texts (a bell or an
    escape typed on the command line was stored, and shown as a box) and the control
    characters out of a note (its line breaks and tabs stay)."""
    names = set(one_line)
    return {name: without_hidden(value) if name in names and isinstance(value, str)
            else _without_controls(value) if name == "note" and isinstance(value, str)
            else value for name, value in fields.items()}


def _without_controls(text: str) -> str:
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc")


def _check_lengths(fields: dict[str, Any]) -> None:
    for name, limit in DETAIL_MAX_CHARS.items():
        if len(str(fields.get(name) or "")) > limit:
            raise InvalidValueError(_("The {field} is {n} characters long; at most {limit} "
                                      "fit the report. Shorten it.").format(
                field=_(DETAIL_NAMES[name]), n=len(str(fields[name])), limit=limit))


def _checked_report_date(fields: dict[str, Any]) -> dict[str, Any]:
    """``fields`` with their 成文日期 checked: a day written yyyy-mm-dd, or "" (None too)
    for the default one."""
    if "report_date" not in fields:
        return fields
    day = fields["report_date"] or ""
    return {**fields, "report_date": _checked_day(day, N_("report date")) if day else ""}


def _checked_day(day: str, what: str) -> str:
    """``day`` when it is written yyyy-mm-dd and a day of the calendar; refused in words
    naming ``what`` (untranslated) otherwise. The years staff may type are the input's
    concern (core.dates): a date stored before that limit must still come back on undo."""
    if not _is_iso_day(day):
        raise InvalidValueError(_("The {what} {value} is not a date: write it as "
                                  "2025-12-31.").format(what=_(what), value=day))
    return day


def _is_iso_day(text: str) -> bool:
    """yyyy-mm-dd and a day of the calendar (Python also reads 2025-W03-3 and 20250115)."""
    try:
        return date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


def _require_document(db: Database, doc_id: str | None) -> None:
    if doc_id is None:
        return
    if db.execute("SELECT 1 FROM documents WHERE id = ?", [doc_id]).fetchone() is None:
        raise NotFoundError(
            _("Document {id} is not in this workspace. Import it first.").format(id=doc_id))


def create_assessment(db: Database, *, now: str, user: str, carried: bool = False,
                      **fields: Any) -> int:
    """Insert an assessment from ASSESSMENT_FIELDS keywords; returns its id. ``carried``:
    the details are a closed assessment's, taken as they are (one saved longer than the
    limits now allow is shortened in the new one, which can be changed)."""
    unknown = set(fields) - set(ASSESSMENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown assessment fields: {sorted(unknown)}")
    if not str(fields.get("office", "")).strip():
        raise InvalidValueError(_("An assessment needs the name of the office."))
    for key in ("checklist_doc_id", "provincial_doc_id", "national_doc_id"):
        _require_document(db, fields.get(key))
    _refuse_own_reference(str(fields.get("checklist_doc_id", "")), fields)
    fields = _tidied(fields, DETAIL_MAX_CHARS)
    if not carried:
        _check_lengths(fields)
    fields = _checked_report_date(fields)
    _refuse_duplicate(db, Assessment(0, **fields))
    _refuse_second_open_period(db, Assessment(0, **fields))
    row = {k: v for k, v in fields.items() if v is not None}
    assessment_id = db["assessments"].insert(
        {"id": _unused_id(db), **row, "created_at": now}).last_pk
    audit.append(db, at=now, user=user, action="create", entity="assessment",
                 entity_id=str(assessment_id), after=row)
    return int(assessment_id)


def _unused_id(db: Database) -> int:
    """A number no assessment has had: a deleted one's trail in the audit log (found by its
    number) must never become the history of a new one."""
    stored = db.execute("SELECT coalesce(max(id), 0) FROM assessments").fetchone()[0]
    audited = db.execute("SELECT coalesce(max(CAST(entity_id AS INTEGER)), 0) FROM audit_log "
                         "WHERE entity = 'assessment' AND action = 'create'").fetchone()[0]
    return max(int(stored), int(audited)) + 1


def _refuse_duplicate(db: Database, new: Assessment) -> None:
    """Two assessments of one office, checklist and period would be counted twice."""
    existing = repeated_by(new, list_assessments(db))
    if existing is not None and existing.is_closed:  # "continue that one" cannot be done
        raise InvalidValueError(
            _("There is already an assessment of {office} for {period} on this checklist "
              "(number {id}), closed on {date}. Choose another period.").format(
                office=existing.office, period=existing.period, id=existing.id,
                date=date_words(local_date(existing.closed_at or ""))))
    if existing is not None:
        raise InvalidValueError(
            _("There is already an assessment of {office} for {period} on this checklist "
              "(number {id}). Choose another period, or continue that one.").format(
                office=existing.office, period=existing.period, id=existing.id))


def _refuse_second_open_period(db: Database, new: Assessment) -> None:
    """An office has one period open per checklist: a new one beside it starts blank, and
    the open one could then no longer be carried forward (its work would be left behind)."""
    running = open_period(new, list_assessments(db))
    if running is not None:
        raise InvalidValueError(
            _("{office} still has {period} open on this checklist (number {id}). Close it "
              "and carry it forward into the new period: its statuses, notes and "
              "departments come along.").format(
                office=running.office, period=running.period, id=running.id))


def _from_row(db: Database, row: dict[str, Any]) -> Assessment:
    narrative = {
        r["section"]: r["text"]
        for r in db.query("SELECT section, text FROM narrative_sections WHERE assessment_id = ?",
                          [row["id"]])
    }
    fields = {k: row[k] for k in (*ASSESSMENT_FIELDS, "created_at", "closed_at", "carried_from")}
    return Assessment(id=row["id"], narrative=narrative, **fields)


def get_assessment(db: Database, assessment_id: int) -> Assessment:
    rows = list(db.query("SELECT * FROM assessments WHERE id = ?", [assessment_id]))
    if not rows:
        raise NotFoundError(
            _("There is no assessment {id} in this workspace.").format(id=assessment_id))
    return _from_row(db, rows[0])


def list_assessments(db: Database) -> list[Assessment]:
    return [_from_row(db, r) for r in db.query("SELECT * FROM assessments ORDER BY id")]


def require_open(db: Database, assessment_id: int) -> Assessment:
    assessment = get_assessment(db, assessment_id)
    if not assessment.is_closed:
        return assessment
    closed = date_words(local_date(assessment.closed_at or ""))
    successor = next((a for a in list_assessments(db) if a.carried_from == assessment_id), None)
    if successor is not None:  # carried forward already: where the work goes on
        raise ClosedAssessmentError(
            _("Assessment {assessment} was closed on {date} and can no longer be changed; "
              "it was carried forward into {period} (number {next}): continue there.").format(
                assessment=describe(assessment), date=closed, period=successor.period or "?",
                next=successor.id))
    raise ClosedAssessmentError(
        _("Assessment {assessment} was closed on {date} and can no longer be changed. "
          "Carry it forward into a new assessment to continue.").format(
            assessment=describe(assessment), date=closed))


def describe(assessment: Assessment) -> str:
    """An assessment named in a message: ``2 (重庆市市场监管局, 2024年度)``."""
    if not assessment.period.strip():
        return _("{id} ({office})").format(id=assessment.id, office=assessment.office)
    return _("{id} ({office}, {period})").format(id=assessment.id, office=assessment.office,
                                                 period=assessment.period)


def set_narrative(db: Database, assessment_id: int, section: int, text: str, *,
                  now: str, user: str) -> None:
    require_open(db, assessment_id)
    if section not in NARRATIVE_SECTIONS:
        raise InvalidValueError(
            _("Narrative section must be 1, 2, 3 or 4, not {n}.").format(n=section))
    before = db.execute(
        "SELECT text FROM narrative_sections WHERE assessment_id = ? AND section = ?",
        [assessment_id, section]).fetchone()
    db["narrative_sections"].upsert(
        {"assessment_id": assessment_id, "section": section, "text": text},
        pk=("assessment_id", "section"))
    audit.append(db, at=now, user=user, action="edit", entity="narrative",
                 entity_id=f"{assessment_id}/{section}",
                 before=before[0] if before else None, after=text)


def update_assessment(db: Database, assessment_id: int, changes: dict[str, Any], *,
                      now: str, user: str) -> None:
    """Change the office, period, preparer, reviewer… of an open assessment."""
    unknown = set(changes) - (set(ASSESSMENT_FIELDS) - {"checklist_doc_id"})
    if unknown:
        raise TypeError(f"cannot change assessment fields: {sorted(unknown)}")
    before = require_open(db, assessment_id)
    for key in ("provincial_doc_id", "national_doc_id"):
        _require_document(db, changes.get(key))
    _refuse_own_reference(before.checklist_doc_id, changes)
    changes = _tidied(changes, DETAIL_MAX_CHARS)
    _check_lengths(changes)
    changes = _checked_report_date(changes)
    if "office" in changes and not str(changes["office"]).strip():
        raise InvalidValueError(_("An assessment needs the name of the office."))
    if not changes:
        return
    if {"office", "period"} & changes.keys():  # what makes it another office's or period's
        _refuse_duplicate(db, replace(before, **changes))
    db["assessments"].update(assessment_id, changes)
    audit.append(db, at=now, user=user, action="edit", entity="assessment",
                 entity_id=str(assessment_id),
                 before={k: getattr(before, k) for k in changes}, after=changes)


def carry_refusal(source: Assessment, blocker: Assessment) -> str:
    """Why ``source`` cannot be carried forward (``blocker`` from core.carry_blocker)."""
    if blocker.carried_from == source.id:
        return _("Assessment {source} was already carried forward: {later} follows it. Carry "
                 "forward the latest period instead.").format(
            source=describe(source), later=describe(blocker))
    return _("Assessment {other} of the same office and checklist is still open. Close it "
             "before starting another period.").format(other=describe(blocker))


def backward_period_problem(source: Assessment, period: str) -> str:
    """Why ``period`` cannot follow ``source`` ("" when it can): it begins in an earlier
    year (a typo such as 2024年度 for 2025年度 printed a report dated before the last)."""
    if not starts_before(period, source.period):
        return ""
    return _("{period} begins before {source}, the period carried forward from: the next "
             "period comes after it.").format(period=period.strip(), source=source.period)


def close_assessment(db: Database, assessment_id: int, *, now: str, user: str) -> None:
    """Close for good: states are frozen and the documents and mappings are kept as now."""
    assessment = require_open(db, assessment_id)
    freeze.freeze(db, assessment, now=now)
    db.execute("UPDATE assessments SET closed_at = ? WHERE id = ?", [now, assessment_id])
    audit.append(db, at=now, user=user, action="close", entity="assessment",
                 entity_id=str(assessment_id), after={"closed_at": now})


def delete_assessment(db: Database, assessment_id: int, *, now: str, user: str) -> None:
    """Remove an assessment started by mistake: open (so none was carried forward from it)
    and with nothing recorded in it (anything else is kept: close it instead). The audit
    trail keeps its creation and records the deletion; its number is never given again."""
    require_open(db, assessment_id)
    refusal = deletion_refusal(db, assessment_id)
    if refusal:
        raise InvalidValueError(refusal)
    row = db.execute("SELECT * FROM assessments WHERE id = ?", [assessment_id])
    before = dict(zip([c[0] for c in row.description], row.fetchone(), strict=True))
    # empty sections, untouched or carried items, carried evidence links
    for table in ("narrative_sections", "item_states", "item_evidence"):
        db.execute(f"DELETE FROM {table} WHERE assessment_id = ?", [assessment_id])
    db.execute("DELETE FROM assessments WHERE id = ?", [assessment_id])
    audit.append(db, at=now, user=user, action="delete", entity="assessment",
                 entity_id=str(assessment_id), before=before)


def deletion_refusal(db: Database, assessment_id: int) -> str:
    """Why the assessment cannot be deleted (what it holds), or "" when it can: asked
    before the question whether to delete it, which was otherwise answered with a refusal."""
    recorded = _recorded_work(db, assessment_id)
    if not recorded:
        return ""
    return _("Assessment {assessment} cannot be deleted: it already holds {work}. Only an "
             "assessment with nothing recorded can be deleted; close this one instead (it "
             "stays as a record and can still be printed).").format(
        assessment=describe(get_assessment(db, assessment_id)), work=_(", ").join(recorded))


def _untouched(state: ItemState) -> bool:
    """Whether a stored state holds nothing (a status stepped and undone leaves such a row)."""
    values = tuple(value for value in state.actual_values if value is not None)
    kept = replace(state, actual_values=values, needs_review=False, updated_by="", updated_at="")
    return kept == ItemState(state.assessment_id, state.node_id)


def _recorded_work(db: Database, assessment_id: int) -> list[str]:
    """What an assessment holds, in words (empty when nothing is recorded in it). What a
    carry-forward brought along and nobody changed since is no work of this period: a
    period carried forward by mistake can be deleted."""
    def count(sql: str) -> int:
        return int(db.execute(sql, [assessment_id]).fetchone()[0])

    assessment = get_assessment(db, assessment_id)
    carried = assessment.carried_from is not None
    changed = _changed_since_carried(db, assessment_id) if carried else set()
    items = sum(1 for row in db.query("SELECT * FROM item_states WHERE assessment_id = ?",
                                      [assessment_id])
                if not _untouched(_state_from_row(row))
                and (not carried or row["node_id"] in changed))
    files = int(db.execute(
        "SELECT COUNT(*) FROM item_evidence WHERE assessment_id = ? AND linked_at != ?",
        [assessment_id, assessment.created_at if carried else ""]).fetchone()[0])
    sections = count("SELECT COUNT(*) FROM narrative_sections WHERE assessment_id = ? "
                     "AND trim(text) != ''")
    worded = (
        (items, ngettext("{n} item recorded", "{n} items recorded", items)),
        (files, ngettext("{n} evidence file", "{n} evidence files", files)),
        (sections, ngettext("{n} report section written", "{n} report sections written",
                            sections)),
    )
    return [text.format(n=number) for number, text in worded if number]


def _changed_since_carried(db: Database, assessment_id: int) -> set[str]:
    """The items of a carried-forward assessment someone changed after it was carried."""
    prefix = state_entity_id(assessment_id, "")
    rows = db.execute(
        "SELECT DISTINCT entity_id FROM audit_log WHERE entity = ? AND action != 'carry' "
        "AND substr(entity_id, 1, ?) = ?", [ITEM_STATE_ENTITY, len(prefix), prefix])
    return {entity_id[len(prefix):] for (entity_id,) in rows}


def carry_forward(db: Database, assessment_id: int, *, period: str, now: str, user: str,
                  include_evidence: bool = False, close_first: bool = False) -> int:
    """A new assessment for the next period, starting from a closed one's CARRIED_FIELDS
    (and its evidence links with ``include_evidence``).

    An open assessment is refused, so that the office never has two periods open side by
    side, unless ``close_first`` closes it in the same transaction.
    """
    source = get_assessment(db, assessment_id)
    blocker = carry_blocker(source, list_assessments(db))
    if blocker is not None:
        raise InvalidValueError(carry_refusal(source, blocker))
    if problem := backward_period_problem(source, period):
        raise InvalidValueError(problem)
    if not source.is_closed:
        if not close_first:
            raise InvalidValueError(
                _("Assessment {assessment} is still open, so it cannot be carried forward. "
                  "Close it first (it can still be viewed and printed), then carry it "
                  "forward into the next period.").format(assessment=describe(source)))
        close_assessment(db, assessment_id, now=now, user=user)
        source = get_assessment(db, assessment_id)
    fields = {k: getattr(source, k) for k in ASSESSMENT_FIELDS}
    _check_lengths({"period": period})  # the one detail typed anew
    new_id = create_assessment(db, now=now, user=user, carried=True,  # its report: its own day
                               **{**fields, "period": period, "report_date": ""})
    db.execute("UPDATE assessments SET carried_from = ? WHERE id = ?", [assessment_id, new_id])
    current = "SELECT id FROM nodes WHERE removed_in IS NULL"
    copied = ", ".join(CARRIED_FIELDS)
    db.execute(
        f"INSERT INTO item_states (assessment_id, node_id, {copied}, updated_by, updated_at) "
        f"SELECT ?, node_id, {copied}, ?, ? FROM item_states WHERE assessment_id = ? "
        f"AND node_id IN ({current})", [new_id, user, now, assessment_id])
    if include_evidence:
        db.execute(
            "INSERT INTO item_evidence SELECT ?, node_id, evidence_id, position, ?, ? "
            f"FROM item_evidence WHERE assessment_id = ? AND node_id IN ({current})",
            [new_id, user, now, assessment_id])
    _follow_revisions(db, source, new_id)
    in_document_order = db.execute(
        "SELECT s.node_id FROM item_states s JOIN nodes n ON n.id = s.node_id "
        "WHERE s.assessment_id = ? ORDER BY n.document_id, n.position", [new_id]).fetchall()
    for (node_id,) in in_document_order:  # the audit trail reads as the document does
        audit.append(db, at=now, user=user, action="carry", entity=ITEM_STATE_ENTITY,
                     entity_id=state_entity_id(new_id, node_id),
                     after=state_record(db, new_id, node_id))
    return new_id


def _follow_revisions(db: Database, source: Assessment, new_id: int) -> None:
    """States carried from a closed assessment onto items revised since it was closed: ticks
    and values move with their sub-items and targets, and the item is flagged for review
    (the closed one was judged against the document frozen at closing)."""
    frozen = freeze.frozen_references(db, source.id)
    then = frozen.documents.get(source.checklist_doc_id) if frozen else None
    if then is None:
        return
    was = {node.id: node for node in then.nodes}
    now_nodes = {node.id: node for node in documents.load_document(
        db, source.checklist_doc_id).nodes}
    for row in list(db.query("SELECT * FROM item_states WHERE assessment_id = ?", [new_id])):
        before, after = was.get(row["node_id"]), now_nodes.get(row["node_id"])
        if before is None or after is None or before == after:
            continue
        old_shape, new_shape = documents.Shape.of_node(before), documents.Shape.of_node(after)
        ticks, values = old_shape.moved_to(new_shape, row)
        revised = documents.text_hash(before) != documents.text_hash(after)
        diff = documents.review_diff(before.text, after.text) if revised else row["review_diff"]
        db.execute(
            "UPDATE item_states SET ticked_actions = ?, actual_values = ?, needs_review = ?, "
            "review_diff = ? WHERE assessment_id = ? AND node_id = ?",
            [ticks, values, int(revised or row["needs_review"]), diff, new_id, row["node_id"]])


def _state_from_row(row: dict[str, Any]) -> ItemState:
    return ItemState(
        assessment_id=row["assessment_id"], node_id=row["node_id"],
        status=ItemStatus(row["status"]), justification=row["justification"],
        ticked_actions=frozenset(json.loads(row["ticked_actions"])), note=row["note"],
        responsible_department=row["responsible_department"],
        responsible_person=row["responsible_person"], due_date=row["due_date"],
        actual_values=tuple(json.loads(row["actual_values"])),
        needs_review=bool(row["needs_review"]),
        updated_by=row["updated_by"], updated_at=row["updated_at"],
    )


def item_states(db: Database, assessment_id: int) -> dict[str, ItemState]:
    return {
        row["node_id"]: _state_from_row(row)
        for row in db.query("SELECT * FROM item_states WHERE assessment_id = ?", [assessment_id])
    }


def review_diff(db: Database, assessment_id: int, node_id: str) -> str:
    record = state_record(db, assessment_id, node_id)
    return record["review_diff"] if record else ""


def get_item_state(db: Database, assessment_id: int, node_id: str) -> ItemState:
    record = state_record(db, assessment_id, node_id)
    return _state_from_row(record) if record else ItemState(assessment_id, node_id)


@dataclass(frozen=True, slots=True)
class ItemShape:
    """What an item state's fields are checked against: the item's actions and targets."""

    actions: int
    targets: int
    units: tuple[str, ...] = ()  # of each target, in order


def require_item(db: Database, assessment: Assessment, node_id: str) -> ItemShape:
    """Check the node is a current item of the assessment's checklist."""
    row = db.execute(
        "SELECT checkable, json_array_length(actions), targets FROM nodes "
        "WHERE id = ? AND document_id = ? AND removed_in IS NULL",
        [node_id, assessment.checklist_doc_id]).fetchone()
    if row is None or not row[0]:
        raise NotFoundError(
            _("{item} is not an item of checklist {doc}. Check the item id.").format(
                item=node_id, doc=assessment.checklist_doc_id))
    units = tuple(str(target.get("unit", "")) for target in json.loads(row[2] or "[]"))
    return ItemShape(actions=row[1], targets=len(units), units=units)


def _actual_values(values: Any, shape: ItemShape, stored: tuple[float | None, ...]) -> str:
    """The JSON list stored for ``actual_values``; one finite number or None per target.

    Values beyond the item's targets are refused, except those already stored: a revised
    document may have dropped a target, and they are dropped with it. A count or an amount
    (项, 万元) is never negative; a rate (%) may be.
    """
    targets = shape.targets
    result = []
    for position, value in enumerate(values):
        if value is not None:
            value = _finite_number(value)
            # a value for no target is refused below, for that and not for its sign
            unit = shape.units[position] if position < len(shape.units) else None
            if unit is not None and value < 0 and not unit_takes_negative(unit):
                raise InvalidValueError(
                    _("An actual value in {unit} cannot be negative: {value}.").format(
                        unit=unit or _("this unit"), value=format_number(value)))
        result.append(value)
    trimmed = trim_actual_values(result)
    if trimmed[targets:] == stored[targets:len(trimmed)]:
        trimmed = trim_actual_values(trimmed[:targets])
    if len(trimmed) > targets:
        raise InvalidValueError(no_such_target(len(trimmed), targets))
    return json.dumps(list(trimmed))


def _finite_number(value: Any) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InvalidValueError(
            _("An actual value must be a number, not {value}.").format(value=value)) from None
    if not math.isfinite(number):
        raise InvalidValueError(
            _("An actual value must be a finite number, not {value}.").format(value=value))
    return number


def no_such_target(number: int, targets: int) -> str:
    """Why an actual value for target ``number`` (from 1) of an item is refused."""
    if targets == 0:
        return _("This item has no numeric targets, so it takes no actual values.")
    return ngettext("Target {number} does not exist: this item has {n} numeric target.",
                    "Target {number} does not exist: this item has {n} numeric targets.",
                    targets).format(number=number, n=targets)


def _normalize(changes: dict[str, Any], shape: ItemShape, before: ItemState) -> dict[str, Any]:
    unknown = set(changes) - set(STATE_FIELDS)
    if unknown:
        raise TypeError(f"unknown item state fields: {sorted(unknown)}")
    row = _tidied(changes, ONE_LINE_STATE_FIELDS)
    _check_text_lengths(row, before)
    if "status" in row:
        row["status"] = str(ItemStatus(row["status"]))
        row.setdefault("needs_review", False)  # setting a status is the re-review
    if "ticked_actions" in row:
        ticks = sorted({int(i) for i in row["ticked_actions"]})
        if any(i < 0 or i >= shape.actions for i in ticks):
            raise InvalidValueError(
                _("This item has {n} actions; ticks must be between 0 and {last}.").format(
                    n=shape.actions, last=shape.actions - 1))
        row["ticked_actions"] = json.dumps(ticks)
    if "actual_values" in row:
        row["actual_values"] = _actual_values(row["actual_values"], shape,
                                              before.actual_values)
    if row.get("due_date"):
        row["due_date"] = _checked_day(str(row["due_date"]), N_("due date"))
    if "needs_review" in row:
        row["needs_review"] = int(bool(row["needs_review"]))
        if not row["needs_review"]:
            row["review_diff"] = ""
    status = ItemStatus(row.get("status", before.status))
    justification = row.get("justification", before.justification)
    if status.needs_justification and not str(justification).strip():
        raise InvalidValueError(
            _("不适用 (not applicable) needs a written justification: give one with the "
              "status."))
    return row


def _check_text_lengths(row: dict[str, Any], before: ItemState) -> None:
    """A note or justification within TEXT_MAX_CHARS, or no longer than it was (one saved
    before the limit can still be edited down)."""
    for name, words in (("note", N_("The note")), ("justification", N_("The justification"))):
        length = len(str(row.get(name) or ""))
        if length > TEXT_MAX_CHARS and length > len(getattr(before, name)):
            raise InvalidValueError(_("{what} is {n} characters long; at most {limit} are "
                                      "kept. Shorten it, or attach the text as evidence.").format(
                what=_(words), n=len(str(row[name])), limit=TEXT_MAX_CHARS))


def _upsert_state(db: Database, row: dict[str, Any]) -> None:
    """Plain SQL: sqlite-utils' upsert introspects the table on every call (half the time of
    a 10,000-change batch)."""
    columns = list(row)
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns[2:])
    db.execute(
        f"INSERT INTO item_states ({', '.join(columns)}) "
        f"VALUES ({', '.join('?' for _ in columns)}) "
        f"ON CONFLICT (assessment_id, node_id) DO UPDATE SET {updates}", list(row.values()))


def update_item(db: Database, assessment_id: int, node_id: str, changes: dict[str, Any], *,
                now: str, user: str) -> ItemState:
    """Apply changes to one item state and audit them; call inside a transaction."""
    assessment = require_open(db, assessment_id)
    shape = require_item(db, assessment, node_id)
    before = state_record(db, assessment_id, node_id)
    if not changes:
        return get_item_state(db, assessment_id, node_id)
    row = _normalize(changes, shape, get_item_state(db, assessment_id, node_id))
    current = before or {"assessment_id": assessment_id, "node_id": node_id,
                         "status": str(ItemStatus.NOT_ASSESSED)}
    # The whole row: SQLite checks CHECK constraints on the inserted row before ON CONFLICT.
    _upsert_state(db, {**current, **row, "updated_by": user, "updated_at": now})
    after = state_record(db, assessment_id, node_id)
    audit.append(db, at=now, user=user, action="set", entity=ITEM_STATE_ENTITY,
                 entity_id=state_entity_id(assessment_id, node_id), before=before, after=after)
    assert after is not None
    return _state_from_row(after)
