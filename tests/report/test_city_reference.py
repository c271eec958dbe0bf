"""A district of a 直辖市 maps to the 直辖市's own opinion: the report names that level 市级."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from checklist_app.cli import main
from tests.importer.test_district_plan import PLAN


def _pdf_text(path: Path) -> str:
    return "".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                                  text=True, check=True).stdout.split())


@pytest.mark.parametrize(("middle", "clause"), [("chongqing-2022", "二/(一)/1"),
                                               ("liaoning-2022", "二/(三)")])
def test_the_middle_column_is_named_by_its_documents_level(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], middle: str, clause: str) -> None:
    """重庆市's opinion above 渝中区's plan was headed 省级条款 in 附件1 and 附件2."""
    source = tmp_path / "渝中区实施方案.txt"
    source.write_text(PLAN, encoding="utf-8")
    db = str(tmp_path / "w.sqlite")
    assert main(["workspace", "init", db]) == 0
    assert main(["workspace", "import", db, str(source)]) == 0
    checklist = "渝中区实施方案"
    assert main(["assess", "new", db, "--checklist", checklist, "--provincial", middle,
                 "--national", "national-2021", "--office", "重庆市渝中区市场监督管理局"]) == 0
    assert main(["map", db, f"{checklist}/二/(一)/1", f"{middle}/{clause}"]) == 0
    pdf = tmp_path / "r.pdf"
    assert main(["report", db, "--out", str(pdf)]) == 0
    capsys.readouterr()
    text = _pdf_text(pdf)
    city = middle == "chongqing-2022"
    assert ("对应市级条款" in text) is city and ("对应省级条款" in text) is not city
    assert ("市级条款本地检查项" in text) is city  # 三级对照表's header row
    assert ("省级条款本地检查项" in text) is not city
    log = text[text.rindex("变更记录"):]  # 附件4: the assessment's creation names its documents
    assert ("市级对照文件：" in log) is city and ("省级对照文件：" in log) is not city


def test_an_item_mapped_to_a_middle_clause_that_only_overlaps_the_task_is_named(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """重庆 二、(七)16 only overlaps 纲要 七、(二十五) (intersect): the row listed 16 beside
    【上级任务未承接】 with no word of the item the clerk had mapped to it."""
    from docx import Document as WordDocument

    source = tmp_path / "渝中区实施方案.txt"
    source.write_text(PLAN, encoding="utf-8")
    db, pdf, docx = (str(tmp_path / name) for name in ("w.sqlite", "r.pdf", "r.docx"))
    assert main(["workspace", "init", db]) == 0
    assert main(["workspace", "import", db, str(source)]) == 0
    checklist = "渝中区实施方案"
    assert main(["assess", "new", db, "--checklist", checklist, "--provincial",
                 "chongqing-2022", "--national", "national-2021",
                 "--office", "渝中区市场监管局"]) == 0
    assert main(["map", db, f"{checklist}/二/(一)/1", "chongqing-2022/二/(七)/16"]) == 0
    assert main(["report", db, "--out", pdf, "--docx", docx]) == 0
    capsys.readouterr()
    text = _pdf_text(Path(pdf))
    # the clause named: the row may list several (it said 左列市级条款 of two or four)
    note = "以下检查项对应左列市级条款二、（七）16.，该条款与本任务仅部分对应，未计入承接："
    assert f"【上级任务未承接】{note}" in text and "二、（一）1.制定地方标准（未评估）" in text
    cells = [cell.text for table in WordDocument(docx).tables for row in table.rows
             for cell in row.cells]
    assert any(note in cell and "制定地方标准" in cell for cell in cells)


def test_an_inferred_clause_names_the_level_it_was_inferred_through() -> None:
    """〔推断，经一、（二）〕: both documents have an 一、（二）; which one was meant?"""
    from checklist_app.core import MappingSource, Node, NodeKind
    from checklist_app.report.annex_rows import mapped_text
    from checklist_app.report.content import MappedClause
    from checklist_app.report.wording import Wording

    national = Node("n/一/(二)", None, "一、(二)", NodeKind.CLAUSE, "发展目标", "")
    provincial = Node("p/一/(二)", None, "一、(二)", NodeKind.CLAUSE, "主要目标", "")
    mapped = [MappedClause(national, MappingSource.INFERRED, via=provincial)]
    kinds = {provincial.id: "省级条款"}
    text = mapped_text(mapped, Wording("zh"), lambda node: node.label,
                       lambda node: kinds.get(node.id, ""))
    assert text == "一、(二)发展目标〔推断，经省级条款一、(二)〕"


def test_the_items_table_names_the_level_of_the_clause_an_inference_went_through() -> None:
    from checklist_app.report.annex_rows import AnnexRows
    from checklist_app.report.content import compute_facts
    from checklist_app.report.wording import Wording
    from tests.report.conftest import make_snapshot

    rows = AnnexRows(compute_facts(make_snapshot()), Wording("zh")).items().rows
    assert any("〔推断，经省级条款二、（一）〕" in cell for row in rows for cell in row)
