"""Report problems a user walkthrough found: where the rest of a list is, unmapped
checklists, the change log, very long notes and characters outside the BMP."""

from __future__ import annotations

from pathlib import Path

from checklist_app.core import AssessmentSnapshot, NodeKind
from tests.report.conftest import make_snapshot, node
from tests.report.test_pdf import build, needs_poppler, pdftotext, squeeze

EXTRA_GAPS = 12


def with_many_gaps() -> AssessmentSnapshot:
    """The fixture's national document with 12 more clauses no local item implements."""
    snapshot = make_snapshot()
    national = snapshot.national
    assert national is not None
    national.nodes.append(node(national.id, "八", "八、", NodeKind.SECTION, "其他任务"))
    national.nodes += [node(national.id, f"八/({n})", f"（{n}）", NodeKind.CLAUSE,
                            f"国家任务第{n}项", checkable=True)
                       for n in range(1, EXTRA_GAPS + 1)]
    return snapshot


def gaps_sentence(pdf: Path) -> str:
    text = squeeze(pdftotext(pdf))
    start = text.index("国家层面有")
    return text[start:text.index("。", start) + 1]


@needs_poppler
def test_uncovered_national_clauses_point_at_the_crosswalk_annex(tmp_path: Path) -> None:
    """The rest of the national clauses no item implements are in 三级对照表, not 自查自评表."""
    snapshot = with_many_gaps()
    build(snapshot, tmp_path / "all.pdf")
    assert gaps_sentence(tmp_path / "all.pdf").endswith("详见附件2。")
    build(snapshot, tmp_path / "cw.pdf", parts=["body", "crosswalk"])
    assert gaps_sentence(tmp_path / "cw.pdf").endswith("详见附件。")  # the lone annex
    build(snapshot, tmp_path / "tb.pdf", parts=["body", "table"])
    sentence = gaps_sentence(tmp_path / "tb.pdf")
    assert "另有" in sentence and "附件" not in sentence  # the 三级对照表 is not printed
