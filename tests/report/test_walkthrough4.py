"""Report problems a fourth walkthrough found: quotation marks inside quotation marks,
targets of items marked 不适用 shown and counted as not reported, the change log repeating
an item's 未评估 status on the first edit of its note, …"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document as WordDocument

from checklist_app.core import AssessmentSnapshot, Comparator, ItemStatus, Target
from checklist_app.core.titles import nested_quotes, quoted
from checklist_app.workspaces import create_workspace
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


def not_applicable_targets() -> AssessmentSnapshot:
    """The item with targets marked 不适用, one target with a value short of it, one with
    none; another item's target met."""
    snapshot = make_snapshot()
    items = snapshot.checklist.checkable_nodes()
    nodes = snapshot.checklist.nodes
    short, empty = (Target("新发布地方标准50项以上", 50, "项", Comparator.AT_LEAST, 2025),
                    Target("新建技术委员会3个以上", 3, "个", Comparator.AT_LEAST, 2025))
    nodes[nodes.index(items[2])] = replace(items[2], targets=[short, empty])
    snapshot.states[items[2].id] = replace(snapshot.states[items[2].id],
                                           status=ItemStatus.NOT_APPLICABLE, actual_values=(40,))
    met = Target("培育试点10个以上", 10, "个", Comparator.AT_LEAST, 2025)
    nodes[nodes.index(items[0])] = replace(items[0], targets=[met])
    snapshot.states[items[0].id] = replace(snapshot.states[items[0].id], actual_values=(12,))
    return snapshot


def docx_cells(path: Path) -> list[list[str]]:
    return [[cell.text for cell in row.cells]
            for table in WordDocument(str(path)).tables for row in table.rows]


@needs_poppler
def test_targets_of_an_item_not_applicable_are_shown_and_counted_as_such(
        tmp_path: Path) -> None:
    pdf, docx = tmp_path / "r.pdf", tmp_path / "r.docx"
    build(not_applicable_targets(), pdf, docx_path=docx)
    pdf_text, word_text = squeeze(pdftotext(pdf)), docx_text(docx)
    for text in (pdf_text, word_text):
        assert "设定数值指标3项，其中2项所属检查项不适用；其余1项中已填报实际值1项，已达到1项。" \
            in text
        assert "尚未达到的数值指标" not in text
    rows = {row[1]: row[4] for row in docx_cells(docx) if len(row) == 6}
    assert rows["新发布地方标准50项以上"] == rows["新建技术委员会3个以上"] == "不适用"
    assert rows["培育试点10个以上"] == "已达到"
    for target in ("新发布地方标准50项以上", "新建技术委员会3个以上"):  # in the PDF's table
        assert re.search(f"{target}不少于\\d+[项个](40项)?不适用2025", pdf_text), target
    assert "未填报" not in pdf_text and "未达到" not in pdf_text.replace("已达到", "")


@needs_poppler
def test_the_first_note_on_an_item_is_logged_without_its_untouched_status(
        tmp_path: Path) -> None:
    item = "chongqing-2022/二/(一)/1"
    with create_workspace(tmp_path / "w.sqlite", user="张三") as workspace:
        assessment = workspace.new_assessment(checklist_doc_id="chongqing-2022", office="某局")
        workspace.set_item(assessment.id, item, note="已印发实施方案")
        workspace.set_item(assessment.id, "chongqing-2022/二/(一)/2", status="done")
        snapshot = workspace.snapshot(assessment.id)
    pdf, docx = tmp_path / "r.pdf", tmp_path / "r.docx"
    build(snapshot, pdf, parts=["changes"], docx_path=docx)
    changes = [row[-1] for row in docx_cells(docx)]
    assert "备注：已印发实施方案" in changes
    assert "状态：已完成" in changes  # a status set is a change
    text = squeeze(pdftotext(pdf))
    assert "备注：已印发实施方案" in text and "状态：已完成" in text
    assert "未评估" not in text
