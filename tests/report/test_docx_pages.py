"""The Word copy numbers its pages like the PDF."""

from __future__ import annotations

from pathlib import Path

from checklist_app.demo import build_demo


def test_word_copy_has_page_numbers(tmp_path: Path) -> None:
    from docx import Document as WordDocument

    from checklist_app.cli import main

    path = build_demo(tmp_path / "demo", with_report=False)
    out = tmp_path / "r.docx"
    assert main(["report", str(path), "--out", str(tmp_path / "r.pdf"), "--docx", str(out)]) == 0
    word = WordDocument(str(out))
    assert word.settings.odd_and_even_pages_header_footer
    for footer in (word.sections[0].footer, word.sections[0].even_page_footer):
        xml = footer.paragraphs[0]._p.xml
        assert 'w:instr="PAGE"' in xml and "— " in footer.paragraphs[0].text
