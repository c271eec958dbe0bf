"""Mapping suggestions, transitive inference, coverage and gaps.

Pure Python over core objects: no Qt, no database. The workspace stores the mappings; this
package ranks candidates (:mod:`.suggest`), derives inferred ones (:mod:`.inference`),
computes the 三级对照表 (:mod:`.coverage`) and reads/writes the shipped crosswalk files
(:mod:`.files`).
"""

from checklist_app.crosswalk.coverage import (
    ClauseCoverage,
    Coverage,
    Implementation,
    SectionCoverage,
    best_mappings,
    compute_coverage,
)
from checklist_app.crosswalk.files import (
    Crosswalk,
    CrosswalkError,
    Problem,
    load_crosswalk,
    load_shipped_crosswalks,
    write_crosswalk,
)
from checklist_app.crosswalk.inference import infer_mappings
from checklist_app.crosswalk.suggest import Candidate, SuggestConfig, Suggester

__all__ = [
    "Candidate",
    "ClauseCoverage",
    "Coverage",
    "Crosswalk",
    "CrosswalkError",
    "Implementation",
    "Problem",
    "SectionCoverage",
    "SuggestConfig",
    "Suggester",
    "best_mappings",
    "compute_coverage",
    "infer_mappings",
    "load_crosswalk",
    "load_shipped_crosswalks",
    "write_crosswalk",
]
