"""The Word copy asks Word and WPS for the PDF's Chinese line-breaking rules."""

from __future__ import annotations

from pathlib import Path

from docx import Document as WordDocument
from docx.oxml.ns import qn

from checklist_app.cli import main
from checklist_app.demo import build_demo
from checklist_app.report.kinsoku import CANNOT_END, CANNOT_START


def test_word_copy_breaks_lines_by_the_chinese_rules(tmp_path: Path) -> None:
    path = build_demo(tmp_path / "demo", with_report=False)
    out = tmp_path / "r.docx"
    assert main(["report", str(path), "--out", str(tmp_path / "r.pdf"), "--docx", str(out)]) == 0
    word = WordDocument(str(out))
    defaults = word.styles.element.find(qn("w:docDefaults"))
    language = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert language.get(qn("w:eastAsia")) == "zh-CN"  # python-docx's template says en-US
    tags = [child.tag for child in word.settings.element]
    after, before = tags.index(qn("w:noLineBreaksAfter")), tags.index(qn("w:noLineBreaksBefore"))
    assert tags.index(qn("w:characterSpacingControl")) < after < before  # the schema's order
    rules = {tag: word.settings.element[tags.index(tag)] for tag in (tags[after], tags[before])}
    assert set(rules[qn("w:noLineBreaksAfter")].get(qn("w:val"))) == CANNOT_END
    assert set(rules[qn("w:noLineBreaksBefore")].get(qn("w:val"))) == CANNOT_START
    assert {rule.get(qn("w:lang")) for rule in rules.values()} == {"zh-CN"}
