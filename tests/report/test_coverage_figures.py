"""The share of national clauses the local items implement: said in 二、主要工作成效 and
above 附件2's table (only the gaps were listed, never how much was covered)."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from checklist_app.core import AssessmentSnapshot
from checklist_app.crosswalk.coverage import compute_coverage
from checklist_app.demo import build_demo
from checklist_app.report.builder import build_report
from checklist_app.report.content import compute_facts
from checklist_app.storage.workspace import Workspace


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> AssessmentSnapshot:
    path = build_demo(tmp_path_factory.mktemp("demo"), with_report=False)
    with Workspace.open(path, read_only=True) as workspace:
        return workspace.snapshot(workspace.only_open_assessment().id)


def _text(snapshot: AssessmentSnapshot, folder: Path, parts: list[str]) -> str:
    pdf = folder / "r.pdf"
    list(build_report(snapshot, pdf, parts=parts))
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return "".join(out.split())


def test_body_and_annex_give_the_coverage_the_crosswalk_computes(
        demo: AssessmentSnapshot, tmp_path: Path) -> None:
    coverage = compute_coverage(demo, demo.national)
    total, gaps = len(coverage.clauses), len(coverage.gaps)
    assert 0 < gaps < total  # the demo has both
    rate = f"{(total - gaps) / total * 100:.1f}%"
    body = _text(demo, tmp_path, ["body", "crosswalk"])
    assert f"对照国家层面{total}项任务，本地检查项已承接{total - gaps}项，承接率{rate}。" in body
    assert (f"国家层面任务共{total}项，本地检查项已承接{total - gaps}项（{rate}），"
            f"尚未承接{gaps}项。") in body


def test_no_coverage_is_claimed_before_any_mapping(demo: AssessmentSnapshot) -> None:
    facts = compute_facts(replace(demo, mappings=[]))
    assert facts.unmapped and facts.national_covered is None


def test_no_coverage_without_a_national_document(demo: AssessmentSnapshot) -> None:
    assert compute_facts(replace(demo, national=None)).national_covered is None
