"""Report problems a fourth walkthrough found: quotation marks inside quotation marks, …"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document as WordDocument

from checklist_app.core import AssessmentSnapshot
from checklist_app.core.titles import nested_quotes, quoted
from tests.report.conftest import make_snapshot
from tests.report.test_pdf import build, needs_poppler, pdftotext, squeeze

PLAN_SECTION = "附表“十四五”期间标准化工作计划"


def docx_text(path: Path) -> str:
    return squeeze("".join(p.text for p in WordDocument(str(path)).paragraphs))


def with_section_title(snapshot: AssessmentSnapshot, title: str) -> AssessmentSnapshot:
    """The checklist's second section (二、) retitled."""
    nodes = snapshot.checklist.nodes
    index = next(i for i, n in enumerate(nodes) if n.id.endswith("/二"))
    nodes[index] = replace(nodes[index], label="", title=title)
    return snapshot


def test_quotation_marks_alternate_inside_quotation_marks() -> None:
    assert quoted(PLAN_SECTION) == "“附表‘十四五’期间标准化工作计划”"
    assert nested_quotes("“甲‘乙’”") == "‘甲“乙”’"


@needs_poppler
@pytest.mark.parametrize(("lang", "expected"), [
    ("zh", "“附表‘十四五’期间标准化工作计划”部分：完成"),
    ("en", "Part“附表‘十四五’期间标准化工作计划”of"),
])
def test_a_quoted_section_title_nests_its_own_quotation_marks(
        tmp_path: Path, lang: str, expected: str) -> None:
    snapshot = with_section_title(make_snapshot(), PLAN_SECTION)
    pdf, docx = tmp_path / "r.pdf", tmp_path / "r.docx"
    build(snapshot, pdf, parts=["body"], docx_path=docx, lang=lang)
    for text in (squeeze(pdftotext(pdf)), docx_text(docx)):
        assert expected in text
        assert "“附表“十四五”" not in text
