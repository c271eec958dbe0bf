"""Mapping suggestions, transitive inference, coverage and gaps.

Pure Python over core objects: no Qt, no database. The workspace stores the mappings; this
package ranks candidates (:mod:`.suggest`), derives inferred ones (:mod:`.inference`),
computes the 三级对照表 (:mod:`.coverage`). The shipped crosswalk files are read and written
by :mod:`.files`, imported on its own because jsonschema is slow to load at start-up.
"""

from checklist_app.crosswalk.coverage import (
    ClauseCoverage,
    Coverage,
    Implementation,
    LocalOnlySplit,
    SectionCoverage,
    best_mappings,
    compute_coverage,
    mapped_items,
    split_local_only,
)
from checklist_app.crosswalk.inference import infer_mappings
from checklist_app.crosswalk.suggest import Candidate, SuggestConfig, Suggester

__all__ = [
    "Candidate",
    "ClauseCoverage",
    "Coverage",
    "Implementation",
    "LocalOnlySplit",
    "SectionCoverage",
    "SuggestConfig",
    "Suggester",
    "best_mappings",
    "compute_coverage",
    "infer_mappings",
    "mapped_items",
    "split_local_only",
]
