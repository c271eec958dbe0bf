"""A read-only picture of one assessment, taken from the workspace for reports and coverage.

The report never reads the database or widgets: storage builds this snapshot, the crosswalk
computes coverage from it, and the report lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checklist_app.core.assessment import Assessment, AuditEntry, Evidence, ItemState, Mapping
from checklist_app.core.model import Document


@dataclass(slots=True)
class AssessmentSnapshot:
    assessment: Assessment
    checklist: Document
    provincial: Document | None = None
    national: Document | None = None
    # keyed by node id of the checklist document; items without a row are not assessed
    states: dict[str, ItemState] = field(default_factory=dict)
    # evidence attached to each checklist node, in attachment order
    evidence: dict[str, list[Evidence]] = field(default_factory=dict)
    # every mapping whose from-node is in the checklist or provincial document
    mappings: list[Mapping] = field(default_factory=list)
    audit: list[AuditEntry] = field(default_factory=list)
    taken_at: str = ""
    # the period this one was carried forward from, and its actual values by node id, each
    # under the target of the same wording now (values_by_target)
    previous: Assessment | None = None
    previous_actuals: dict[str, tuple[float | None, ...]] = field(default_factory=dict)
    # the evidence records that period listed too (carried forward with it)
    previous_evidence: frozenset[int] = frozenset()

    def state(self, node_id: str) -> ItemState:
        found = self.states.get(node_id)
        return found if found is not None else ItemState(self.assessment.id, node_id)


def values_by_target(then: Document, now: Document, node_id: str,
                     values: tuple[float | None, ...]) -> tuple[float | None, ...]:
    """``values`` (by the targets of ``node_id`` in ``then``) by its targets in ``now``
    (a revised checklist may have moved, added or dropped targets since); () when none is
    left."""
    try:
        before, after = then.node(node_id).targets, now.node(node_id).targets
    except KeyError:
        return ()
    moved: list[float | None] = [None] * len(after)
    taken: set[int] = set()  # two targets of one wording (15项, of which 3项) keep their order
    for index, target in enumerate(before):
        value = values[index] if index < len(values) else None
        places = [i for i, later in enumerate(after)
                  if (later.text, later.unit) == (target.text, target.unit) and i not in taken]
        if places:
            taken.add(places[0])
            moved[places[0]] = value
    return tuple(moved) if any(value is not None for value in moved) else ()
