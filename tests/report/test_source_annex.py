"""A plan's own 附件1 (its task table, imported as tasks) is printed apart from the report's
own 附件1 检查项明细."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from checklist_app.cli import main
from tests.importer.test_docx_tables import plan_with_own_annex


def test_the_plans_annex_is_printed_as_the_source_annex(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Its tasks read 附件1（1）, 附件1（2） beside the report's 附件1, the items table."""
    from docx import Document as WordDocument

    source = plan_with_own_annex(tmp_path / "方案.docx")
    db, pdf, docx = (str(tmp_path / name) for name in ("w.sqlite", "r.pdf", "r.docx"))
    assert main(["workspace", "init", db]) == 0
    assert main(["workspace", "import", db, str(source), "--year", "2024"]) == 0
    assert main(["assess", "new", db, "--checklist", "方案", "--national", "national-2021",
                 "--office", "某区市场监管局"]) == 0
    assert main(["report", db, "--out", pdf, "--docx", docx]) == 0
    capsys.readouterr()
    cells = [cell.text for table in WordDocument(docx).tables for row in table.rows
             for cell in row.cells]
    assert "原文附件1（1）" in cells and "原文附件1（2）" in cells
    assert "附件1（1）" not in cells
    assert "一、（一）" in cells  # the body's own tasks as they were
    body = subprocess.run(["pdftotext", "-l", "3", pdf, "-"], capture_output=True,
                          text=True, check=True).stdout.replace("\n", "")
    assert "“原文附件1 重点工作任务清单”部分" in body  # a space after the number


def test_national_tasks_not_taken_up_are_named_by_their_place(tmp_path: Path) -> None:
    """The body listed （十）助推…；（十五）… without their sections (三、, 四、): ambiguous."""
    body = "".join(_demo_body(tmp_path).split())
    listed = body[body.index("尚无本地检查项承接："):].split("。", 1)[0]
    assert "：三、（十）助推新型基础设施提质增效；" in listed
    assert "；（" not in listed and "：（" not in listed


def test_a_label_ending_in_a_chinese_character_runs_into_its_title(tmp_path: Path) -> None:
    """The body read “附表 ‘十四五’期间…”部分: the space is for labels like 原文附件1."""
    body = _demo_body(tmp_path).replace("\n", "")
    assert "“附表‘十四五’期间标准化工作计划”部分" in body


def _demo_body(folder: Path) -> str:
    """The demo report's 正文 as pdftotext reads it."""
    from checklist_app.demo import build_demo
    from checklist_app.report.builder import build_report
    from checklist_app.storage.workspace import Workspace

    path = build_demo(folder, with_report=False)
    with Workspace.open(path) as workspace:
        snapshot = workspace.snapshot(workspace.only_open_assessment().id)
    pdf = folder / "r.pdf"
    list(build_report(snapshot, pdf, parts=["body"]))
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
