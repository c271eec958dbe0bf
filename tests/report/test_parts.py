"""Choosing the parts to print: PDF (outline, text, pages), .docx and numbering agree."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document as WordDocument
from pypdf import PdfReader

from checklist_app.report.builder import build_report
from checklist_app.report.content import compute_facts
from checklist_app.report.official import OfficialText
from checklist_app.report.parts import ReportOptionError, choose_contents, parse_parts
from checklist_app.report.styles import ReportStyle
from checklist_app.report.wording import Wording
from tests.report.conftest import make_snapshot
from tests.report.test_pdf import MM, SECTION_HEADINGS, needs_poppler, pdftotext, squeeze


def outline_titles(path: Path) -> list[str]:
    def titles(items) -> list[str]:
        found = []
        for item in items:
            found += titles(item) if isinstance(item, list) else [item.title]
        return found

    return titles(PdfReader(path).outline)


def word_text(path: Path) -> str:
    word = WordDocument(str(path))
    return "\n".join(p.text for p in word.paragraphs) + "\n".join(
        c.text for t in word.tables for r in t.rows for c in r.cells)


def write(tmp_path: Path, name: str, **options) -> tuple[Path, Path]:
    pdf, docx = tmp_path / f"{name}.pdf", tmp_path / f"{name}.docx"
    list(build_report(make_snapshot(), pdf, docx_path=docx, **options))
    return pdf, docx


@needs_poppler
def test_left_out_annex_is_not_printed_listed_or_numbered(tmp_path: Path) -> None:
    pdf, docx = write(tmp_path, "r", parts=["body", "evidence", "changes"])
    names = outline_titles(pdf)
    assert names[0] == "自查报告" and all(h in names for h in SECTION_HEADINGS)
    assert "附件1 佐证材料目录" in names and "附件2 变更记录" in names
    assert not any("自查自评表" in n or "三级对照表" in n for n in names)
    text = squeeze(pdftotext(pdf))
    assert "附件：1.佐证材料目录2.变更记录" in text
    assert "附件1佐证材料目录" in text and "附件2变更记录" in text
    assert "三级对照表" not in text and "附件3" not in text
    word = squeeze(word_text(docx))
    assert "附件：1.佐证材料目录" in word and "2.变更记录" in word
    assert "附件1佐证材料目录" in word and "附件2变更记录" in word
    assert "三级对照表" not in word and "检查项明细" not in word
    for printed in (text, word):  # the body does not cite the table it leaves out
        assert "自查自评表" not in printed
        assert "根据自查情况统计：" in printed and "自查还反映出：" in printed


@needs_poppler
def test_annexes_only_start_on_a_landscape_first_page(tmp_path: Path) -> None:
    pdf, docx = write(tmp_path, "a", parts=["table", "crosswalk"])
    first = PdfReader(pdf).pages[0]
    assert round(float(first.mediabox.width) / MM) == 297
    names = outline_titles(pdf)
    assert "自查报告" not in names and names[1:] == ["附件1 自查自评表", "附件2 三级对照表"]
    text = squeeze(pdftotext(pdf))
    assert not any(h in text for h in SECTION_HEADINGS) and "附件：" not in text
    word = WordDocument(str(docx))
    assert word.sections[0].page_width > word.sections[0].page_height
    assert word.paragraphs[0].text == "附件1"
    assert not any(h in squeeze(word_text(docx)) for h in SECTION_HEADINGS)


@needs_poppler
def test_body_alone_has_no_annexes(tmp_path: Path) -> None:
    pdf, docx = write(tmp_path, "b", parts=["body"])
    reader = PdfReader(pdf)
    assert all(round(float(p.mediabox.width) / MM) == 210 for p in reader.pages)
    assert outline_titles(pdf) == ["自查报告", *SECTION_HEADINGS]
    text = squeeze(pdftotext(pdf))
    assert "附件" not in text and all(h in text for h in SECTION_HEADINGS)
    assert len(WordDocument(str(docx)).sections) == 1 and "附件" not in word_text(docx)


@needs_poppler
def test_a_lone_annex_is_just_fujian(tmp_path: Path) -> None:
    """GB/T 9704-2012 7.3.5.5 numbers annexes only when there are several."""
    pdf, docx = write(tmp_path, "one", parts=["body", "changes"])
    assert "附件 变更记录" in outline_titles(pdf)
    text = squeeze(pdftotext(pdf))
    assert "附件：变更记录" in text and "附件1" not in text
    assert "附件：变更记录" in squeeze(word_text(docx))
    pdf, _docx = write(tmp_path, "en", lang="en", parts=["body", "changes"])
    text = pdftotext(pdf)
    assert "Annex: Change log" in text and "Annexes" not in text


def evidence_rows(docx: Path) -> list[list[str]]:
    word = WordDocument(str(docx))
    table = next(t for t in word.tables if t.rows[0].cells[2].text == "SHA-256校验值")
    return [[c.text for c in row.cells] for row in table.rows]


def test_small_sizes_are_in_the_reports_language(tmp_path: Path) -> None:
    snapshot = make_snapshot()
    node_id, files = next(iter(snapshot.evidence.items()))
    snapshot.evidence[node_id] = [replace(files[0], size=554), *files[1:]]
    for lang, unit, header in (("zh", "字节", "SHA-256校验值"), ("en", "B", "SHA-256")):
        docx = tmp_path / f"{lang}.docx"
        list(build_report(snapshot, tmp_path / f"{lang}.pdf", docx_path=docx, lang=lang,
                          parts=["evidence"]))
        table = next(t for t in WordDocument(str(docx)).tables
                     if t.rows[0].cells[2].text == header)
        sizes = [row.cells[3].text for row in table.rows[1:]]
        assert f"554 {unit}" in sizes
        assert all(re.fullmatch(rf"\d+ {unit}|\d+\.\d [KMG]B", size) for size in sizes)


def test_evidence_numbers_do_not_depend_on_the_parts(tmp_path: Path) -> None:
    _pdf, full = write(tmp_path, "full")
    _pdf, alone = write(tmp_path, "alone", parts=["evidence"])
    rows = evidence_rows(alone)
    assert rows == evidence_rows(full)
    snapshot = make_snapshot()
    assert [r[1] for r in rows[1:]] == [e.file_name for e in compute_facts(snapshot).evidence]
    assert [r[0] for r in rows[1:]] == [str(n) for n in range(1, len(rows))]


def test_compact_is_annexes_only(tmp_path: Path) -> None:
    facts = compute_facts(make_snapshot())
    everything = choose_contents(facts, ReportStyle.COMPACT)
    assert not everything.body and everything.annexes == ("annex1", "annex2", "annex3", "annex4")
    with pytest.raises(ReportOptionError, match="正文"):
        list(build_report(make_snapshot(), tmp_path / "c.pdf", style="compact", parts=["body"]))
    pdf, docx = write(tmp_path, "c", style="compact", parts=["changes", "table"])
    assert outline_titles(pdf)[1:] == ["附件1 自查自评表", "附件2 变更记录"]
    assert "佐证材料目录" not in word_text(docx)


def test_impossible_choices_are_refused(tmp_path: Path) -> None:
    snapshot = make_snapshot()
    for parts, message in (([], "没有可打印的内容"), (["annex9"], "annex9")):
        with pytest.raises(ReportOptionError, match=message):
            list(build_report(snapshot, tmp_path / "r.pdf", parts=parts))
    snapshot.national = None
    with pytest.raises(ReportOptionError, match="国家级"):
        list(build_report(snapshot, tmp_path / "r.pdf", parts=["crosswalk"]))
    assert list(tmp_path.iterdir()) == []


def test_long_lists_print_the_count_left_out_and_where_to_find_it() -> None:
    facts = compute_facts(make_snapshot(items_per_section=30))
    refs = [f"第{n}项" for n in range(25)]
    with_table = OfficialText(facts, Wording("zh"), choose_contents(facts, ReportStyle.GBT9704))
    assert with_table.listing(refs).endswith("第9项；另有15项，详见附件1")
    no_table = OfficialText(facts, Wording("zh"),
                            choose_contents(facts, ReportStyle.GBT9704, ["body", "changes"]))
    assert no_table.listing(refs).endswith("第9项；另有15项")
    english = OfficialText(facts, Wording("en"),
                           choose_contents(facts, ReportStyle.GBT9704, ["body", "changes",
                                                                        "table"]))
    assert english.listing(refs).endswith("第9项 and 15 more (see Annex 1)")
    problems = "".join(with_table.problems())
    assert f"另有{len(facts.not_started) - 10}项，详见附件1" in problems


def test_english_counts_read_right_for_one() -> None:
    """One item not applicable, one not started…: no "1 items" or "1 do not apply"."""
    facts = compute_facts(make_snapshot())
    assert len(facts.not_applicable) == 1 and len(facts.not_started) == 1
    text = OfficialText(facts, Wording("en"), choose_contents(facts, ReportStyle.GBT9704))
    prose = " ".join([*text.scope(), *text.results(), *text.problems()])
    assert "1 items" not in prose and " 1 do not apply" not in prose
    assert "Items not started (1):" in prose and "Items marked not applicable (1):" in prose


@pytest.mark.parametrize(("names", "parts"), [
    ("正文", ("body",)),
    ("自查自评表，三级对照表、佐证材料目录,变更记录",
     ("table", "crosswalk", "evidence", "changes")),
    (" Body , 变更记录 ", ("body", "changes")),
])
def test_parts_are_named_in_english_or_chinese(names: str, parts: tuple[str, ...]) -> None:
    assert parse_parts(names) == parts


def test_an_unknown_part_is_refused_with_both_names() -> None:
    with pytest.raises(ReportOptionError, match=r"附件1.*body.*正文.*变更记录"):
        parse_parts("附件1")


def test_the_pdf_and_the_word_copy_need_two_names(tmp_path: Path) -> None:
    same = tmp_path / "自查报告"
    with pytest.raises(ReportOptionError, match="同一个文件名"):
        list(build_report(make_snapshot(), same, docx_path=tmp_path / "." / "自查报告"))
    assert not same.exists()
