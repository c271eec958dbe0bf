"""``checklist report`` on the demo workspace."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as WordDocument
from pypdf import PdfReader

from checklist_app.cli import main
from checklist_app.demo import build_demo


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("demo"), with_report=False)


def test_report_writes_pdf_and_docx(demo_db: Path, tmp_path: Path, capsys) -> None:
    pdf, docx = tmp_path / "r.pdf", tmp_path / "r.docx"
    assert main(["report", str(demo_db), "--out", str(pdf), "--docx", str(docx)]) == 0
    reader = PdfReader(pdf)
    assert len(reader.pages) > 5
    assert "自查报告" in reader.metadata.title
    assert WordDocument(str(docx)).tables
    assert str(pdf) in capsys.readouterr().out


def test_compact_english(demo_db: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "c.pdf"
    code = main(["report", str(demo_db), "--out", str(pdf), "--style", "compact", "--lang", "en"])
    assert code == 0 and "Self-assessment table" in "".join(
        p.extract_text() for p in PdfReader(pdf).pages[:2])


def test_errors_are_one_line(demo_db: Path, tmp_path: Path, capsys) -> None:
    assert main(["report", str(tmp_path / "none.sqlite"), "--out", str(tmp_path / "r.pdf")]) == 2
    assert main(["report", str(demo_db), "--out", str(tmp_path / "no" / "r.pdf")]) == 2
    assert main(["report", str(demo_db), "--assessment", "999", "--out",
                 str(tmp_path / "r.pdf")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("checklist:") == 3
    assert not (tmp_path / "r.pdf").exists()


def test_output_names_must_match_their_format(demo_db: Path, tmp_path: Path, capsys) -> None:
    assert main(["report", str(demo_db), "--out", str(tmp_path / "y.docx")]) == 2
    assert main(["report", str(demo_db), "--out", str(tmp_path / "r.pdf"),
                 "--docx", str(tmp_path / "r.pdf2")]) == 2
    err = capsys.readouterr().err
    assert ".pdf" in err and ".docx" in err
    assert list(tmp_path.iterdir()) == []


def test_warns_about_unwritten_sections(tmp_path: Path, capsys) -> None:
    db = tmp_path / "w.sqlite"
    assert main(["workspace", "init", str(db)]) == 0
    assert main(["assess", "new", str(db), "--checklist", "wenzhou-2017",
                 "--office", "温州市市场监督管理局"]) == 0
    capsys.readouterr()
    assert main(["report", str(db), "--out", str(tmp_path / "r.pdf")]) == 0
    err = capsys.readouterr().err
    assert err.count("assess edit --section") == 4
    assert "主送机关" in err
