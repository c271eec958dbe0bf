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

    def state(self, node_id: str) -> ItemState:
        found = self.states.get(node_id)
        return found if found is not None else ItemState(self.assessment.id, node_id)
