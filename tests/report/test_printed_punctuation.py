"""A document stored with ASCII marks (as web copies are) prints Chinese ones in the report."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from docx import Document as WordDocument

from checklist_app.cli import main

PLAN = """渝北区标准化工作实施方案(2024—2025年)
一、主要任务
1.制定(修订)地方标准。到2025年,制定地方标准5项以上;修订标准3项。(区市场监管局负责)
"""


def report_of(tmp_path: Path, capsys: pytest.CaptureFixture[str],
              *commands: list[str]) -> tuple[str, str, Path]:
    """The plan imported and assessed, ``commands`` run on the workspace (``DB`` stands for
    it), the report written: the PDF's text and the Word paragraphs' text (both without
    whitespace), and the Word copy."""
    source = tmp_path / "渝北区方案.txt"
    source.write_text(PLAN, encoding="utf-8")
    db, pdf, docx = (str(tmp_path / name) for name in ("w.sqlite", "r.pdf", "r.docx"))
    assert main(["workspace", "init", db, "--empty"]) == 0
    assert main(["workspace", "import", db, str(source), "--year", "2024"]) == 0
    assert main(["assess", "new", db, "--checklist", "渝北区方案",
                 "--office", "重庆市渝北区市场监督管理局"]) == 0
    for command in commands:
        assert main([db if word == "DB" else word for word in command]) == 0
    assert main(["report", db, "--out", pdf, "--docx", docx]) == 0
    capsys.readouterr()
    printed = "".join(subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True,
                                     check=True).stdout.split())
    word = "".join("\n".join(p.text for p in WordDocument(docx).paragraphs).split())
    return printed, word, Path(docx)


def test_the_title_and_clauses_print_with_chinese_marks(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """实施方案(2024—2025年)》情况的自查报告 and 5项以上,… mixed the two on one page with
    the clerk's own full-width text."""
    printed, word, _docx = report_of(tmp_path, capsys)
    for text in (printed, word):
        assert "实施方案（2024—2025年）" in text and "(2024" not in text
    assert "制定（修订）地方标准" in printed and "(修订)" not in printed


def test_what_staff_typed_prints_with_chinese_marks_and_file_names_as_they_are(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The demo's notes printed 已支持制定(修订)… and 比率为52%;地方标准… beside the
    documents' own （修订）; a file's name is its name, brackets and all."""
    evidence = tmp_path / "评奖办法(修订).pdf"
    evidence.write_bytes(b"%PDF-1.4 evidence")
    item = "渝北区方案/一/1"
    printed, word, docx = report_of(
        tmp_path, capsys,
        ["set", "DB", item, "--status", "推进中", "--department", "区科技局,区经信委",
         "--note", "已制定(修订)地方标准4项;比率为52%;其余推进中"],
        ["attach", "DB", item, str(evidence)],
        ["assess", "edit", "DB", "--section", "1",
         "--text", "我局印发《工作方案(试行)》,逐项开展自查。"])
    cells = "".join("".join(c.text for c in row.cells) for table in WordDocument(str(docx)).tables
                    for row in table.rows)
    assert "《工作方案（试行）》，逐项开展自查。" in printed and "《工作方案（试行）》，" in word
    cells = "".join(cells.split())
    assert "已制定（修订）地方标准4项；比率为52%；其余推进中" in cells
    assert "区科技局，区经信委" in cells and "评奖办法(修订).pdf" in cells
    for piece in ("已制定（修订）", "比率为52%；", "区科技局，", "评奖办法(修订).pdf"):
        assert piece in printed  # the PDF's cells wrap: their lines interleave in pdftotext
