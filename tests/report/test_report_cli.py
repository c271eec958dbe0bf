"""``checklist report`` on the demo workspace."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from docx import Document as WordDocument
from pypdf import PdfReader

from checklist_app.cli import main
from checklist_app.demo import build_demo
from checklist_app.report.fonts import FontRole


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
    captured = capsys.readouterr()
    assert str(pdf) in captured.out
    notes = captured.err.splitlines()
    assert len(notes) == len(set(notes)) and len(notes) <= 3  # each said once, no font list
    assert not any(role.value in captured.err for role in FontRole)
    assert all(note.startswith("checklist：警告：") for note in notes)  # fonts' too


def test_compact_english(demo_db: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "c.pdf"
    code = main(["report", str(demo_db), "--out", str(pdf), "--style", "compact", "--lang", "en"])
    assert code == 0 and "Self-assessment table" in "".join(
        p.extract_text() for p in PdfReader(pdf).pages[:2])


def test_an_english_report_is_named_in_quotes_by_the_chinese_warning(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    """The Chinese warning about items not assessed read 报告Annex 1列出了这些检查项."""
    assert main(["report", str(demo_db), "--out", str(tmp_path / "e.pdf"), "--lang", "en"]) == 0
    err = capsys.readouterr().err
    assert "报告的“Annex 1”列出了这些检查项" in err and "报告Annex" not in err
    assert main(["report", str(demo_db), "--out", str(tmp_path / "z.pdf")]) == 0
    assert "报告的“附件1”列出了这些检查项" in capsys.readouterr().err


def test_errors_are_one_line(demo_db: Path, tmp_path: Path, capsys) -> None:
    assert main(["report", str(tmp_path / "none.sqlite"), "--out", str(tmp_path / "r.pdf")]) == 2
    assert main(["report", str(demo_db), "--out", str(tmp_path / "no" / "r.pdf")]) == 2
    assert main(["report", str(demo_db), "--assessment", "999", "--out",
                 str(tmp_path / "r.pdf")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("checklist：") == 3
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
    assert main(["report", str(db), "--out", str(tmp_path / "t.pdf"), "--parts", "table"]) == 0
    err = capsys.readouterr().err  # the 正文 is not printed: nothing in it to finish
    assert "assess edit --section" not in err and "主送机关" not in err


def test_parts_choose_what_is_printed(demo_db: Path, tmp_path: Path, capsys) -> None:
    pdf, docx = tmp_path / "p.pdf", tmp_path / "p.docx"
    assert main(["report", str(demo_db), "--out", str(pdf), "--docx", str(docx),
                 "--parts", "evidence, changes"]) == 0
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "佐证材料目录" in text and "附件2" in text and "自查报告" not in text.split("附件1")[0]
    assert "自查自评表" not in text and "一、自查工作开展情况" not in text
    capsys.readouterr()
    for parts in ("body,annex1", ""):
        assert main(["report", str(demo_db), "--out", str(tmp_path / "x.pdf"),
                     "--parts", parts]) == 2
    assert main(["report", str(demo_db), "--out", str(tmp_path / "x.pdf"), "--style",
                 "compact", "--parts", "body"]) == 2
    err = capsys.readouterr().err
    assert err.count("checklist：") == 3 and "annex1" in err and "Traceback" not in err
    assert not (tmp_path / "x.pdf").exists()


def test_parts_in_chinese(demo_db: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "正文.pdf"
    assert main(["report", str(demo_db), "--out", str(pdf), "--parts", "正文"]) == 0
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "一、自查工作开展情况" in text.replace(" ", "") and "附件" not in text


def test_help_lists_the_chinese_part_names(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    shown = "".join(capsys.readouterr().out.split())
    assert all(f"{english}/{chinese}" in shown for english, chinese in [
        ("body", "正文"), ("table", "自查自评表"), ("crosswalk", "三级对照表"),
        ("evidence", "佐证材料目录"), ("changes", "变更记录")])


def test_a_pdf_open_in_a_viewer_on_windows_is_said_to_be(demo_db: Path, tmp_path: Path,
                                                         monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    """Windows refuses to replace a file a viewer holds open (ERROR_SHARING_VIOLATION)."""
    def replace(source: object, target: object) -> None:
        error = PermissionError(13, "另一个程序正在使用此文件，进程无法访问。", str(target))
        error.winerror = 32  # type: ignore[attr-defined]
        raise error

    monkeypatch.setattr(os, "replace", replace)
    pdf = tmp_path / "自查报告.pdf"
    assert main(["report", str(demo_db), "--out", str(pdf)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"checklist：无法写入“{pdf}”：该文件正被其他程序打开（PDF 阅读器、Word 或本软件的另一个"
        "窗口？）。请在那里关闭后重试。")
    assert list(tmp_path.iterdir()) == []
