"""Transitive inference of mappings (municipal → provincial → national).

When a municipal item maps to a provincial clause and that clause maps to a national one, the
item implements the national clause too: it gets an *inferred* mapping whose ``via_node_id``
is the provincial clause. Rules:

- Only mappings someone stands behind are followed: curated, user, and suggestions that were
  confirmed (``confirmed_by`` set). ``not_related`` mappings are never followed.
- An inferred mapping is not produced when a direct mapping (curated, user or confirmed) of
  the same pair exists, whatever its relation: a ``not_related`` one set by staff vetoes it.
- Only sound chains: every link after the first must be ``equal`` or ``subset``. Overlap is
  not transitive: a city item that shares a topic with a broad provincial clause (intersect)
  says nothing about the national clauses that clause merely touches; but when the provincial
  clause lies inside a national one (subset), whatever the item shares with it, it shares with
  the national clause too.
- Chains are followed up to :data:`MAX_HOPS` links; ``via_node_id`` is the node just before
  the target (the provincial clause in the three-level case).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from checklist_app.core import Mapping, MappingSource, Relation

MAX_HOPS = 3
# Relations of a later link that keep a chain sound (the intermediate lies inside the target).
_CONTAINED = (Relation.EQUAL, Relation.SUBSET)


def doc_id_of(node_id: str) -> str:
    """``national-2021/二/(三)`` → ``national-2021``."""
    return node_id.split("/", 1)[0]


def is_trusted(mapping: Mapping) -> bool:
    """A mapping that may be relied on: not an unconfirmed suggestion, not ``not_related``."""
    if mapping.relation is Relation.NOT_RELATED:
        return False
    if mapping.source is MappingSource.SUGGESTED:
        return bool(mapping.confirmed_by)
    return mapping.source is not MappingSource.INFERRED


def _is_direct(mapping: Mapping) -> bool:
    """Set or confirmed by someone (a ``not_related`` one too: it says "no")."""
    if mapping.source is MappingSource.SUGGESTED:
        return bool(mapping.confirmed_by)
    return mapping.source is not MappingSource.INFERRED


def compose_relation(first: Relation, second: Relation) -> Relation:
    """Relation of A→C from A→B and B→C (equal is neutral, subset and superset chain)."""
    if first is Relation.EQUAL:
        return second
    if second is Relation.EQUAL or first is second:
        return first
    return Relation.INTERSECT


def infer_mappings(
    mappings: Iterable[Mapping], target_doc_id: str, starts: Iterable[str] | None = None
) -> list[Mapping]:
    """Inferred mappings into ``target_doc_id`` from chains of trusted mappings.

    ``starts`` limits the inference to mappings from these nodes (one item's, say).
    """
    mappings = list(mappings)
    outgoing: dict[str, list[Mapping]] = defaultdict(list)
    for mapping in mappings:
        if is_trusted(mapping):
            outgoing[mapping.from_node_id].append(mapping)
    direct = {(m.from_node_id, m.to_node_id) for m in mappings if _is_direct(m)}
    inferred: dict[tuple[str, str], Mapping] = {}
    for start in sorted(outgoing if starts is None else set(starts) & outgoing.keys()):
        for chain in _chains(start, outgoing, target_doc_id):
            pair = (start, chain[-1].to_node_id)
            if len(chain) > 1 and pair not in direct and pair not in inferred:
                inferred[pair] = _compose(chain)
    return list(inferred.values())


def _chains(
    start: str, outgoing: dict[str, list[Mapping]], target_doc_id: str
) -> Iterable[list[Mapping]]:
    """Every path of at most MAX_HOPS trusted links from ``start`` ending in the target doc."""
    stack: list[list[Mapping]] = [[m] for m in reversed(outgoing.get(start, []))]
    while stack:
        chain = stack.pop()
        end = chain[-1].to_node_id
        if doc_id_of(end) == target_doc_id:
            yield chain
            continue
        if len(chain) < MAX_HOPS:
            visited = {start, *(m.to_node_id for m in chain)}
            stack.extend(
                [*chain, m]
                for m in reversed(outgoing.get(end, []))
                if m.to_node_id not in visited and m.relation in _CONTAINED
            )


def _compose(chain: list[Mapping]) -> Mapping:
    relation = chain[0].relation
    for link in chain[1:]:
        relation = compose_relation(relation, link.relation)
    return Mapping(
        from_node_id=chain[0].from_node_id,
        to_node_id=chain[-1].to_node_id,
        relation=relation,
        strength=min(link.strength for link in chain),
        rationale=chain[0].rationale,
        source=MappingSource.INFERRED,
        note="",
        via_node_id=chain[-2].to_node_id,
    )
