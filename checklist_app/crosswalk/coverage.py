"""Coverage of a reference document by an assessment's items: the 三级对照表 and its gaps.

Which mappings count (:func:`best_mappings`), for one item and one reference document:

1. direct mappings someone stands behind, best first: user (set by staff), curated (shipped),
   confirmed suggestions; within each source by strength, then document order of the target;
2. then inferred mappings (through an intermediate clause, see :mod:`.inference`) to clauses
   no direct mapping already names;
3. unconfirmed suggestions only when 1 and 2 give nothing (so that a new document still shows
   a hint); :func:`compute_coverage` never counts those: a gap stays a gap until someone
   confirms a mapping.

For one (item, clause) pair the mapping of the most authoritative source wins (user over
curated over suggested); when that one is ``not_related`` (e.g. staff unmapped a curated
link) the pair is dropped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from checklist_app.core import (
    AssessmentSnapshot,
    Document,
    ItemStatus,
    Mapping,
    MappingSource,
    Node,
    NodeKind,
    Relation,
)
from checklist_app.crosswalk.inference import doc_id_of, infer_mappings

_AUTHORITY = {
    MappingSource.USER: 0,
    MappingSource.CURATED: 1,
    MappingSource.SUGGESTED: 2,
    MappingSource.INFERRED: 3,
}


@dataclass(frozen=True, slots=True)
class Implementation:
    """A local item that implements a reference clause, with its status in the assessment."""

    item: Node
    mapping: Mapping
    status: ItemStatus
    via: Node | None = None  # the provincial clause of an inferred mapping


@dataclass(slots=True)
class ClauseCoverage:
    clause: Node
    implementations: list[Implementation] = field(default_factory=list)

    @property
    def covered(self) -> bool:
        return bool(self.implementations)

    @property
    def completed(self) -> bool:
        """Every implementing item is done or ongoing (不适用 items aside), at least one."""
        relevant = [i for i in self.implementations if i.status is not ItemStatus.NOT_APPLICABLE]
        return bool(relevant) and all(i.status.counts_as_complete for i in relevant)


@dataclass(frozen=True, slots=True)
class SectionCoverage:
    """Rates of one top-level section (一、…) of the reference document."""

    section: Node
    clause_count: int
    covered_count: int
    completed_count: int

    @property
    def coverage_rate(self) -> float:
        return self.covered_count / self.clause_count if self.clause_count else 0.0

    @property
    def completion_rate(self) -> float:
        return self.completed_count / self.clause_count if self.clause_count else 0.0


@dataclass(slots=True)
class Coverage:
    reference: Document
    clauses: list[ClauseCoverage]
    gaps: list[Node]  # reference clauses no local item implements (上级任务未承接)
    local_only: list[Node]  # local items with no upper-level basis (自选/特色动作)
    sections: list[SectionCoverage]


@dataclass(frozen=True, slots=True)
class LocalOnlySplit:
    """Local-only items as the report's 附件2 tells them apart."""

    own: list[Node]  # the office's own actions: staff declined every upper clause offered
    undecided: list[Node]  # no mapping decision yet (尚未对照): counted, not listed as 自选
    not_applicable: list[Node]  # marked 不适用: no action of the office's at all


def split_local_only(snapshot: AssessmentSnapshot, local_only: list[Node]) -> LocalOnlySplit:
    """Tell apart the local-only items: 不适用, undecided (no one has declined an upper clause
    for them: no ``not_related`` mapping to another document), and the office's own."""
    declined = {m.from_node_id for m in snapshot.mappings
                if m.relation is Relation.NOT_RELATED and m.source is not MappingSource.INFERRED
                and doc_id_of(m.to_node_id) != doc_id_of(m.from_node_id)}
    not_applicable = [n for n in local_only
                      if snapshot.state(n.id).status is ItemStatus.NOT_APPLICABLE]
    applicable = [n for n in local_only if n not in not_applicable]
    return LocalOnlySplit(own=[n for n in applicable if n.id in declined],
                          undecided=[n for n in applicable if n.id not in declined],
                          not_applicable=not_applicable)


def best_mappings(
    snapshot: AssessmentSnapshot, item_id: str, reference_doc_id: str
) -> list[Mapping]:
    """The clauses of ``reference_doc_id`` an item implements, in the order of the module rule."""
    inferred = infer_mappings(snapshot.mappings, reference_doc_id, [item_id])
    return _best_for_item(snapshot.mappings, inferred, item_id, reference_doc_id)


def mapped_items(snapshot: AssessmentSnapshot, reference_doc_id: str,
                 item_ids: Iterable[str]) -> set[str]:
    """Those of ``item_ids`` that implement a clause of the reference document (declined
    clauses aside), as :func:`best_mappings` tells it for each, in one pass: one inference
    and each item's own mappings (not every mapping again per item)."""
    wanted = set(item_ids)
    own = _by_item(snapshot.mappings, wanted)
    inferred = _by_item(infer_mappings(snapshot.mappings, reference_doc_id, wanted), wanted)
    return {item for item in wanted if any(
        m.relation is not Relation.NOT_RELATED
        for m in _best_for_item(own[item], inferred[item], item, reference_doc_id))}


def compute_coverage(snapshot: AssessmentSnapshot, reference: Document) -> Coverage:
    """Per checkable reference clause, the assessment's items that implement it."""
    items = snapshot.checklist.checkable_nodes()
    wanted = {item.id for item in items}
    own = _by_item(snapshot.mappings, wanted)  # each item's, not every mapping per item
    inferred = _by_item(infer_mappings(snapshot.mappings, reference.id), wanted)
    order = {node.id: index for index, node in enumerate(reference.nodes)}
    by_clause: dict[str, list[Implementation]] = {n.id: [] for n in reference.checkable_nodes()}
    lookup = _node_lookup(snapshot, reference)
    local_only: list[Node] = []
    for item in items:
        chosen = _best_for_item(own[item.id], inferred[item.id], item.id, reference.id)
        counted = [m for m in chosen if _counts(m) and m.to_node_id in by_clause]
        for mapping in counted:
            via = lookup.get(mapping.via_node_id) if mapping.via_node_id else None
            status = snapshot.state(item.id).status
            by_clause[mapping.to_node_id].append(Implementation(item, mapping, status, via))
        if not counted and not _has_upper_basis(snapshot, item.id):
            local_only.append(item)
    clauses = [ClauseCoverage(reference.node(key), found) for key, found in by_clause.items()]
    clauses.sort(key=lambda c: order[c.clause.id])
    gaps = [c.clause for c in clauses if not c.covered]
    return Coverage(reference, clauses, gaps, local_only, _sections(reference, clauses))


def _by_item(mappings: Iterable[Mapping], items: set[str]) -> dict[str, list[Mapping]]:
    """The mappings from each of ``items`` (an empty list for one with none)."""
    grouped: dict[str, list[Mapping]] = defaultdict(list)
    for mapping in mappings:
        if mapping.from_node_id in items:
            grouped[mapping.from_node_id].append(mapping)
    return grouped


def _best_for_item(
    mappings: list[Mapping], inferred: list[Mapping], item_id: str, reference_doc_id: str
) -> list[Mapping]:
    winners = _winning_direct(mappings, item_id, reference_doc_id)
    direct = [m for m in winners if _counts(m)]
    named = {m.to_node_id for m in winners}
    extra = [m for m in inferred if m.from_node_id == item_id and m.to_node_id not in named]
    extra.sort(key=lambda m: (-m.strength, m.to_node_id))
    if direct or extra:
        return direct + extra
    return [m for m in winners if m.source is MappingSource.SUGGESTED]


def _winning_direct(
    mappings: list[Mapping], item_id: str, reference_doc_id: str | None
) -> list[Mapping]:
    """One mapping per target clause, the most authoritative; ``not_related`` ones dropped.

    ``reference_doc_id`` None means every document but the item's own.
    """
    own = doc_id_of(item_id)
    best: dict[str, Mapping] = {}
    for mapping in mappings:
        target_doc = doc_id_of(mapping.to_node_id)
        wanted = target_doc != own if reference_doc_id is None else target_doc == reference_doc_id
        if mapping.from_node_id != item_id or not wanted:
            continue
        if mapping.source is MappingSource.INFERRED:
            continue
        current = best.get(mapping.to_node_id)
        if current is None or _rank(mapping) < _rank(current):
            best[mapping.to_node_id] = mapping
    kept = [m for m in best.values() if m.relation is not Relation.NOT_RELATED]
    return sorted(kept, key=lambda m: (_rank(m), -m.strength, m.to_node_id))


def _rank(mapping: Mapping) -> tuple[int, int]:
    """Authority of a mapping: confirmed suggestions rank just after curated ones."""
    authority = _AUTHORITY[mapping.source]
    confirmed = mapping.source is MappingSource.SUGGESTED and bool(mapping.confirmed_by)
    return (1, 1) if confirmed else (authority, 0)


def _counts(mapping: Mapping) -> bool:
    """Whether a mapping may count as coverage (not an unconfirmed suggestion)."""
    return mapping.source is not MappingSource.SUGGESTED or bool(mapping.confirmed_by)


def _has_upper_basis(snapshot: AssessmentSnapshot, item_id: str) -> bool:
    """Any counted mapping from the item to another document (provincial, national, …)."""
    return any(_counts(m) for m in _winning_direct(snapshot.mappings, item_id, None))


def _node_lookup(snapshot: AssessmentSnapshot, reference: Document) -> dict[str, Node]:
    documents = [snapshot.checklist, snapshot.provincial, snapshot.national, reference]
    return {node.id: node for doc in documents if doc is not None for node in doc.nodes}


def _sections(reference: Document, clauses: list[ClauseCoverage]) -> list[SectionCoverage]:
    grouped: dict[str, list[ClauseCoverage]] = {}
    for clause in clauses:
        section = reference.section_of(clause.clause.id)
        if section is not None:
            grouped.setdefault(section.id, []).append(clause)
    sections = [n for n in reference.nodes if n.kind is NodeKind.SECTION and n.id in grouped]
    return [
        SectionCoverage(
            section=section,
            clause_count=len(grouped[section.id]),
            covered_count=sum(c.covered for c in grouped[section.id]),
            completed_count=sum(c.completed for c in grouped[section.id]),
        )
        for section in sections
    ]
