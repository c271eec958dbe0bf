"""A work plan's 牵头单位 survive the workspace and are named as leading in the report."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from checklist_app.cli import main
from checklist_app.storage.workspace import Workspace
from tests.importer.test_district_plan import PLAN

CHECKLIST = "渝中区实施方案"


def _workspace(tmp_path: Path) -> str:
    source = tmp_path / f"{CHECKLIST}.txt"
    source.write_text(PLAN, encoding="utf-8")
    db = str(tmp_path / "w.sqlite")
    assert main(["workspace", "init", db]) == 0
    assert main(["workspace", "import", db, str(source)]) == 0
    assert main(["assess", "new", db, "--checklist", CHECKLIST, "--provincial",
                 "chongqing-2022", "--national", "national-2021",
                 "--office", "重庆市渝中区市场监督管理局"]) == 0
    return db


def test_leads_are_stored_and_read_back(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    db = _workspace(tmp_path)
    capsys.readouterr()
    with Workspace.open(Path(db)) as workspace:
        first = workspace.document(CHECKLIST).node(f"{CHECKLIST}/二/(一)/1")
    assert first.departments == ["区市场监管局", "区科技局"]
    assert first.lead_departments == ["区市场监管局"]
    assert first.department_listing("（牵头）") == "区市场监管局（牵头）、区科技局"
    assert main(["parse", str(tmp_path / f"{CHECKLIST}.txt"), "--json"]) == 0
    nodes = {n["id"]: n for n in json.loads(capsys.readouterr().out)["nodes"]}
    assert nodes[f"{CHECKLIST}/二/(一)/1"]["lead_departments"] == ["区市场监管局"]
    assert "lead_departments" not in nodes[f"{CHECKLIST}/二/(一)"]  # none named: no key


def test_the_items_table_names_the_lead(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    """附件1's 责任单位 read 区市场监管局、区科技局: who leads was lost."""
    from docx import Document as WordDocument

    db = _workspace(tmp_path)
    pdf, docx = tmp_path / "r.pdf", tmp_path / "r.docx"
    assert main(["report", db, "--out", str(pdf), "--docx", str(docx)]) == 0
    capsys.readouterr()
    cells = {cell.text for table in WordDocument(str(docx)).tables for row in table.rows
             for cell in row.cells}
    assert "区市场监管局（牵头）、区科技局" in cells
    assert "区市场监管局（牵头）、区教委" in cells
    text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                  text=True, check=True).stdout.split())
    assert "区市场监管局（牵头）" in text
