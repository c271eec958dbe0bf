"""The facts a report states, computed once from an AssessmentSnapshot (never the database).

Layout modules (official, annexes, docx) only format what is here, so the PDF and the Word
copy cannot disagree.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from checklist_app.core import (
    STATUS_CYCLE,
    AssessmentSnapshot,
    Document,
    Evidence,
    ItemState,
    ItemStatus,
    Level,
    Mapping,
    MappingSource,
    Node,
    Relation,
    Target,
    dates,
    local_date,
    tally,
)
from checklist_app.core.dates import document_deadline, is_overdue
from checklist_app.core.repeats import TargetPlace, target_repeats
from checklist_app.crosswalk.coverage import Coverage, compute_coverage
from checklist_app.storage.evidence_index import evidence_index, path_label


@dataclass(frozen=True, slots=True)
class MappedClause:
    """A higher-level clause an item maps to (对应条款), and how that link was made."""

    node: Node
    source: MappingSource
    via: Node | None = None  # the provincial clause of an inferred mapping

    @property
    def is_tentative(self) -> bool:
        """Inferred or only suggested: the report marks these."""
        return self.source in (MappingSource.INFERRED, MappingSource.SUGGESTED)


@dataclass(slots=True)
class ItemRow:
    item: Node
    path_label: str  # labels from the section down, e.g. 二（一）1.
    section: Node | None
    state: ItemState
    evidence: list[Evidence]
    provincial: list[MappedClause] = field(default_factory=list)
    national: list[MappedClause] = field(default_factory=list)

    @property
    def due_date(self) -> str | None:
        """完成时限: the office's date, else the one the item's document sets."""
        return self.state.due_date or document_deadline(self.item).date

    @property
    def due_from_document(self) -> bool:
        """The 完成时限 is the document's: the office set none of its own."""
        return not self.state.due_date and self.due_date is not None

    @property
    def standing_deadline(self) -> str:
        """The document's words for a deadline with no date (长期坚持) while neither the
        office nor the document gives a date; "" else."""
        deadline = document_deadline(self.item)
        return deadline.words if deadline.standing and not self.state.due_date else ""


class Tallied:
    """complete / applicable / rate from a count per status (不适用 left out), for the
    report's sections and its overall figures alike."""

    __slots__ = ()

    def status_tally(self) -> dict[ItemStatus, int]:
        raise NotImplementedError

    @property
    def complete(self) -> int:
        return tally(self.status_tally()).complete

    @property
    def applicable(self) -> int:
        return tally(self.status_tally()).applicable

    @property
    def rate(self) -> float:
        return tally(self.status_tally()).rate


@dataclass(frozen=True, slots=True)
class SectionProgress(Tallied):
    section: Node | None  # None: items outside any 一、 section
    counts: dict[ItemStatus, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def status_tally(self) -> dict[ItemStatus, int]:
        return self.counts


@dataclass(frozen=True, slots=True)
class TargetRow:
    """A numeric target of an item and the actual value recorded for that target.

    The target of an item marked 不适用 is not judged: neither met, nor missed, nor waiting
    for its value.
    """

    item: Node
    target: Target
    actual: float | None
    applicable: bool = True
    # the places of a target stated in several items (this one among them), () when once
    same_target: tuple[TargetPlace, ...] = ()

    @property
    def met(self) -> bool | None:
        return self.target.is_met(self.actual) if self.applicable else None


@dataclass(frozen=True, slots=True)
class NationalRow:
    """One national clause with what implements it below (三级对照表)."""

    clause: Node
    provincial: list[Node]
    items: list[ItemRow]
    # not covered, yet local items map to a middle clause listed here: that clause only
    # overlaps the national task (intersect), so they do not count as implementing it
    partly: list[ItemRow] = field(default_factory=list)

    @property
    def covered(self) -> bool:
        return bool(self.items)


@dataclass(slots=True)
class ReportFacts(Tallied):
    snapshot: AssessmentSnapshot
    report_date: date
    items: list[ItemRow]
    status_counts: dict[ItemStatus, int]
    sections: list[SectionProgress]
    targets: list[TargetRow]  # every item's, as 附件1 lists them
    # each target once (one stated in several items: see _counted_targets), as counted
    counted_targets: list[TargetRow]
    # targets stated in several items, given different actual values: counted as not reported
    target_conflicts: list[list[TargetRow]]
    not_started: list[ItemRow]
    overdue: list[ItemRow]
    not_applicable: list[ItemRow]
    evidence: list[Evidence]  # numbered from 1 in this order (佐证材料目录)
    national_rows: list[NationalRow]
    local_only: list[ItemRow]  # 自选/特色动作: no upper-level basis
    show_provincial: bool
    evidence_numbers: dict[int, int] = field(default_factory=dict)  # evidence id → number
    unmapped: bool = False  # upper documents linked, but no item mapped to them yet
    unconfirmed: list[ItemRow] = field(default_factory=list)  # no counted mapping, no decision

    @property
    def total(self) -> int:
        return len(self.items)

    def middle(self, key: str) -> str:
        """The wording key naming the middle level's clauses (``provincial…``), as
        ``municipal…`` when that document is a city's: a 直辖市's own opinion above its
        districts is no 省级 document."""
        reference = self.snapshot.provincial
        if reference is not None and reference.level is Level.MUNICIPAL:
            return key.replace("provincial", "municipal", 1)
        return key

    def status_tally(self) -> dict[ItemStatus, int]:
        return self.status_counts

    @property
    def gaps(self) -> list[Node]:
        """National clauses no local item implements (上级任务未承接)."""
        return [row.clause for row in self.national_rows if not row.covered]

    @property
    def national_covered(self) -> int | None:
        """How many national clauses local items implement; None when that is not known
        (no national document, or no mapping made yet)."""
        if not self.national_rows or self.unmapped:
            return None
        return sum(1 for row in self.national_rows if row.covered)

    @property
    def applicable_targets(self) -> list[TargetRow]:
        """The targets judged (a target stated in several items once): those of items not
        marked 不适用."""
        return [row for row in self.counted_targets if row.applicable]

    @property
    def targets_met(self) -> int:
        return sum(1 for row in self.counted_targets if row.met)

    def as_counted(self, row: TargetRow) -> TargetRow | None:
        """The row a target is counted as (its group's, for one stated in several items);
        None when its group's values differ (counted as not reported)."""
        if not row.same_target:
            return row
        if any(conflict[0].same_target == row.same_target for conflict in self.target_conflicts):
            return None
        return next(counted for counted in self.counted_targets
                    if counted.same_target == row.same_target)

    def place(self, node: Node) -> str:
        """A node's labels from its section down (二、(一)1.), in whichever of the
        assessment's documents holds it; its own label when none does."""
        snap = self.snapshot
        for document in (snap.checklist, snap.provincial, snap.national):
            if document is not None and node.id.startswith(f"{document.id}/"):
                try:
                    return path_label(document, node)
                except KeyError:
                    break
        return node.label



def _clauses_by_item(coverage: Coverage | None) -> dict[str, list[MappedClause]]:
    """Invert a coverage: the clauses each item counts towards, direct links first."""
    by_item: dict[str, list[MappedClause]] = {}
    if coverage is None:
        return by_item
    for clause in coverage.clauses:
        for found in clause.implementations:
            mapped = MappedClause(clause.clause, found.mapping.source, found.via)
            by_item.setdefault(found.item.id, []).append(mapped)
    for clauses in by_item.values():
        clauses.sort(key=lambda m: m.source is MappingSource.INFERRED)
    return by_item


def _suggested(
    snapshot: AssessmentSnapshot, item_id: str, doc: Document | None
) -> list[MappedClause]:
    """Unconfirmed suggestions to ``doc``, shown (marked) when nothing else maps the item."""
    if doc is None:
        return []
    return [
        MappedClause(node, MappingSource.SUGGESTED)
        for mapping in snapshot.mappings
        if mapping.from_node_id == item_id and mapping.source is MappingSource.SUGGESTED
        and mapping.relation is not Relation.NOT_RELATED
        for node in doc.nodes
        if node.id == mapping.to_node_id
    ]


def _item_rows(
    snapshot: AssessmentSnapshot, provincial: Coverage | None, national: Coverage | None
) -> list[ItemRow]:
    checklist = snapshot.checklist
    to_provincial, to_national = _clauses_by_item(provincial), _clauses_by_item(national)
    rows = []
    for item in checklist.checkable_nodes():
        prov = to_provincial.get(item.id) or _suggested(
            snapshot, item.id, provincial.reference if provincial else None)
        nat = to_national.get(item.id) or _suggested(snapshot, item.id, snapshot.national)
        rows.append(
            ItemRow(
                item=item,
                path_label=path_label(checklist, item),
                section=checklist.section_of(item.id),
                state=snapshot.state(item.id),
                evidence=list(snapshot.evidence.get(item.id, [])),
                provincial=prov,
                national=nat,
            )
        )
    return rows


def _counted_targets(
    targets: list[TargetRow],
) -> tuple[list[TargetRow], list[list[TargetRow]]]:
    """Each target once: one stated in several items (the goals, a task, its annex table)
    counts at its first place, with the value recorded for it (the window writes one value
    into all its places), judged unless every item stating it is 不适用. Those recorded with
    different values (before values were shared, or set one by one) count as not reported
    and are returned apart, to be pointed out."""
    groups: dict[tuple[TargetPlace, ...], list[TargetRow]] = {}
    for row in targets:
        if row.same_target:
            groups.setdefault(row.same_target, []).append(row)
    counted: list[TargetRow] = []
    conflicts: list[list[TargetRow]] = []
    for row in targets:
        members = groups.get(row.same_target) if row.same_target else None
        if members is None:
            counted.append(row)
        elif members[0] is row:
            judged = [member for member in members if member.applicable]
            values = list(dict.fromkeys(m.actual for m in judged if m.actual is not None))
            if len(values) > 1:
                conflicts.append(judged)
            counted.append(replace((judged or members)[0],  # named by an item it applies to
                                   actual=values[0] if len(values) == 1 else None,
                                   applicable=bool(judged)))
    return counted, conflicts


def _sections(rows: list[ItemRow]) -> list[SectionProgress]:
    order: dict[str | None, tuple[Node | None, Counter[ItemStatus]]] = {}
    for row in rows:
        key = row.section.id if row.section else None
        order.setdefault(key, (row.section, Counter()))[1][row.state.status] += 1
    return [SectionProgress(section, dict(counts)) for section, counts in order.values()]


def _national_rows(
    snapshot: AssessmentSnapshot, coverage: Coverage | None, rows: list[ItemRow]
) -> list[NationalRow]:
    if coverage is None:
        return []
    by_id = {row.item.id: row for row in rows}
    provincial_links: dict[str, dict[str, Node]] = {}  # national id → provincial clauses
    if snapshot.provincial is not None and snapshot.checklist.level is not Level.PROVINCIAL:
        for mapping in best_upper_links(snapshot, snapshot.provincial, coverage.reference):
            node = snapshot.provincial.node(mapping.from_node_id)
            provincial_links.setdefault(mapping.to_node_id, {})[node.id] = node
    prefix = f"{snapshot.provincial.id}/" if snapshot.provincial else None
    linked = {node_id for links in provincial_links.values() for node_id in links}
    result = []
    for clause in coverage.clauses:
        provincial = dict(provincial_links.get(clause.clause.id, {}))
        for found in clause.implementations:
            if found.via is not None and prefix and found.via.id.startswith(prefix):
                provincial.setdefault(found.via.id, found.via)
        items = list({f.item.id: by_id[f.item.id] for f in clause.implementations}.values())
        for row in items:  # the provincial clauses the implementing items map to, unless
            for mapped in row.provincial:  # the clause itself is linked to other tasks
                if not mapped.is_tentative and mapped.node.id not in linked:
                    provincial.setdefault(mapped.node.id, mapped.node)
        result.append(NationalRow(clause.clause, list(provincial.values()), items))
    return _with_partly(result, rows)


def _with_partly(national_rows: list[NationalRow], rows: list[ItemRow]) -> list[NationalRow]:
    """For each national task no item implements, the items mapped to a middle clause its
    row lists (the clerk mapped them there; the chain to the task does not count)."""
    by_middle: dict[str, list[ItemRow]] = {}
    for row in rows:
        for mapped in row.provincial:
            if not mapped.is_tentative:
                by_middle.setdefault(mapped.node.id, []).append(row)
    return [national if national.covered else replace(national, partly=list({
        r.item.id: r for p in national.provincial for r in by_middle.get(p.id, [])}.values()))
        for national in national_rows]


def best_upper_links(
    snapshot: AssessmentSnapshot, middle: Document, reference: Document
) -> list[Mapping]:
    """Counted mappings from the clauses of ``middle`` to ``reference`` (省级 → 国家)."""
    ids = {node.id for node in middle.nodes}
    targets = {node.id for node in reference.nodes}
    return [
        m for m in snapshot.mappings
        if m.from_node_id in ids and m.to_node_id in targets
        and m.relation is not Relation.NOT_RELATED
        and (m.source is not MappingSource.SUGGESTED or m.confirmed_by)
    ]


def is_unmapped(snapshot: AssessmentSnapshot) -> bool:
    """True when the assessment has a provincial or national document but no item of the
    checklist maps to either by a mapping that counts (set by staff, shipped, or a confirmed
    suggestion): which upper-level tasks are implemented cannot be told yet."""
    upper = [d for d in (snapshot.provincial, snapshot.national) if d is not None]
    if not upper:
        return False
    items = {node.id for node in snapshot.checklist.nodes}
    clauses = {node.id for doc in upper for node in doc.nodes}
    return not any(
        m.from_node_id in items and m.to_node_id in clauses
        and m.relation is not Relation.NOT_RELATED
        and (m.source is not MappingSource.SUGGESTED or m.confirmed_by)
        for m in snapshot.mappings
    )


def counts(mapping: Mapping) -> bool:
    """A mapping someone stands behind: not ``not_related``, not an unconfirmed suggestion."""
    return mapping.relation is not Relation.NOT_RELATED and (
        mapping.source is not MappingSource.SUGGESTED or bool(mapping.confirmed_by))


def unconfirmed_items(snapshot: AssessmentSnapshot, rows: list[ItemRow]) -> list[ItemRow]:
    """Items with no counted mapping to the provincial or national document and no staff
    decision that they have none (a ``not_related`` mapping): not yet looked at, as far as
    the workspace can tell. Items marked 不适用 are left out: the office carries them out in
    no way, so no clause counts them (the caution and 附件2 counted them differently)."""
    upper = [d for d in (snapshot.provincial, snapshot.national) if d is not None]
    if snapshot.checklist.level is Level.PROVINCIAL:
        upper = [d for d in upper if d is not snapshot.provincial]
    prefixes = tuple(f"{d.id}/" for d in upper)
    if not prefixes:
        return []
    settled = {m.from_node_id for m in snapshot.mappings
               if m.to_node_id.startswith(prefixes) and m.source is not MappingSource.INFERRED
               and (counts(m) or m.relation is Relation.NOT_RELATED)}
    return [row for row in rows
            if row.item.id not in settled and row.state.status is not ItemStatus.NOT_APPLICABLE
            and not any(not m.is_tentative for m in (*row.provincial, *row.national))]


def report_date(snapshot: AssessmentSnapshot) -> date:
    """成文日期 (and the day overdue items are counted on).

    The day staff set (the day the report is to be signed); else the day a closed
    assessment was closed, so that a reprint matches the stamped copy; else the day the
    snapshot was taken, else today.
    """
    assessment = snapshot.assessment
    if (day := dates.dated_day(assessment.report_date, assessment.closed_at)) is not None:
        return day
    taken = local_date(snapshot.taken_at)  # stored in UTC; the stamped copy bears the local day
    return taken if taken is not None else dates.today()


def compute_facts(snapshot: AssessmentSnapshot, today: date | None = None) -> ReportFacts:
    today = today or report_date(snapshot)
    provincial_doc = None if snapshot.checklist.level is Level.PROVINCIAL else snapshot.provincial
    provincial = compute_coverage(snapshot, provincial_doc) if provincial_doc else None
    national = compute_coverage(snapshot, snapshot.national) if snapshot.national else None
    rows = _item_rows(snapshot, provincial, national)
    unmapped = is_unmapped(snapshot)
    local_ids = {node.id for node in national.local_only} if national else None
    counts = Counter(row.state.status for row in rows)
    index = evidence_index(snapshot.checklist, snapshot.evidence)  # 附件3 numbering
    evidence = [entry.evidence for entry in index]
    repeats = target_repeats(snapshot.checklist)
    targets = [
        TargetRow(row.item, target, row.state.actual(index),
                  applicable=row.state.status is not ItemStatus.NOT_APPLICABLE,
                  same_target=repeats.get((row.item.id, index), ()))
        for row in rows
        for index, target in enumerate(row.item.targets)
    ]
    counted_targets, target_conflicts = _counted_targets(targets)
    return ReportFacts(
        snapshot=snapshot,
        report_date=today,
        items=rows,
        status_counts={status: counts.get(status, 0) for status in STATUS_CYCLE},
        sections=_sections(rows),
        targets=targets,
        counted_targets=counted_targets,
        target_conflicts=target_conflicts,
        not_started=[r for r in rows if r.state.status is ItemStatus.NOT_STARTED],
        overdue=[r for r in rows if is_overdue(r.state.status, r.due_date, today)],
        not_applicable=[r for r in rows if r.state.status is ItemStatus.NOT_APPLICABLE],
        evidence=evidence,
        national_rows=_national_rows(snapshot, national, rows),
        local_only=[] if unmapped else [  # unmapped: nothing is known to be 自选
            r for r in rows
            if (r.item.id in local_ids if local_ids is not None else not r.provincial)
        ],
        show_provincial=snapshot.checklist.level is not Level.PROVINCIAL
        and snapshot.provincial is not None,
        evidence_numbers={entry.evidence.id: entry.number for entry in index},
        unmapped=unmapped,
        unconfirmed=[] if unmapped else unconfirmed_items(snapshot, rows),
    )
