"""The domain in plain dataclasses and enums. No third-party imports, no Qt."""

from checklist_app.core.assessment import (
    STATUS_CYCLE,
    Assessment,
    AuditEntry,
    Evidence,
    ItemState,
    ItemStatus,
    Mapping,
    MappingSource,
    Progress,
    RationaleKind,
    Relation,
    progress_of,
    tally,
    trim_actual_values,
)
from checklist_app.core.model import Comparator, Document, Level, Node, NodeKind, Phase, Target
from checklist_app.core.snapshot import AssessmentSnapshot

__all__ = [
    "STATUS_CYCLE",
    "Assessment",
    "AssessmentSnapshot",
    "AuditEntry",
    "Comparator",
    "Document",
    "Evidence",
    "ItemState",
    "ItemStatus",
    "Level",
    "Mapping",
    "MappingSource",
    "Node",
    "NodeKind",
    "Phase",
    "Progress",
    "RationaleKind",
    "Relation",
    "Target",
    "progress_of",
    "tally",
    "trim_actual_values",
]
