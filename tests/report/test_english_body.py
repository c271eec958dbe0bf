"""The English report's body: words keep their letters together, the documents it is checked
against name their issuer where the title does not, and the 主送机关 takes its script's colon."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from docx import Document as WordDocument

from checklist_app.report.builder import build_report
from checklist_app.report.fonts import find_fonts
from checklist_app.report.official import addressee_line
from checklist_app.report.paragraphs import CHAR_SPACE, text_paragraph
from checklist_app.report.styles import ReportStyle, build_styles
from tests.report.conftest import make_snapshot
from tests.report.test_pdf import needs_poppler, pdftotext


def _english(tmp_path: Path, snapshot=None) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    pdf, docx = tmp_path / "en.pdf", tmp_path / "en.docx"
    list(build_report(snapshot or make_snapshot(), pdf, docx_path=docx, lang="en",
                      parts=["body"]))
    word = "\n".join(p.text for p in WordDocument(str(docx)).paragraphs)
    return pdftotext(pdf), word


def _spacings(paragraph, width: float) -> list[float]:  # type: ignore[no-untyped-def]
    """The character spacing each wrapped line is drawn with (0: none set)."""
    paragraph.wrap(width, 10_000)
    found = []
    for line in paragraph.blPara.lines:
        marks = [getattr(word, "cbDefn", None) for word in getattr(line, "words", [])]
        spacing = [float(m.label) for m in marks if m is not None
                   and getattr(m, "name", "") == CHAR_SPACE]
        found.append(spacing[0] if spacing else 0.0)
    return found


def test_english_lines_are_not_spread_letter_by_letter() -> None:
    """Justified by character spacing as Chinese is, lines read "B y  s t a t u s"; Chinese
    lines are still spread to the margin."""
    fonts = find_fonts()
    body = build_styles(fonts, ReportStyle.GBT9704).body
    english = text_paragraph(fonts, "By status: Not assessed 33, Not started 3, In progress "
                             "8, Largely done 3, Done 6, Ongoing 3, Not applicable 1. " * 3, body)
    assert not any(_spacings(english, 440))
    mixed = text_paragraph(fonts, "Part “附表‘十四五’期间标准化工作计划” of the checklist: "
                           "carried out 0 of 32 (0%). " * 3, body)
    assert not any(_spacings(mixed, 440))
    chinese = text_paragraph(fonts, "一是标准供给结构持续优化，全年发布地方标准41项；二是"
                             "标准化试点示范扎实推进，新建市级试点示范项目12个、累计达31个；"
                             "三是成渝地区双城经济圈标准化协同取得实效。" * 2, body)
    assert any(_spacings(chinese, 440))
    spaced = text_paragraph(fonts, "截至 2024 年 12 月 31 日，全市 PM2.5 年均浓度下降 8.5%，"
                            "地方标准覆盖率达到 95% 以上，新建试点示范项目 12 个。" * 3, body)
    spacings = _spacings(spaced, 440)  # Chinese with figures set apart: still justified
    assert sum(1 for s in spacings[:-1] if s) >= len(spacings) - 2, spacings


@needs_poppler
def test_a_reference_titled_guanyu_names_its_issuer_in_english(tmp_path: Path) -> None:
    """“关于贯彻…的实施意见” alone did not say whose opinion it was (the Chinese report
    names 中共辽宁省委、辽宁省人民政府 before the title)."""
    snapshot = make_snapshot()
    provincial = replace(snapshot.provincial, title="关于贯彻落实《国家标准化发展纲要》的实施意见",
                         issuer="某省人民政府")
    text, word = _english(tmp_path, replace(snapshot, provincial=provincial))
    flat = re.sub(r"\s+", "", text)
    assert "的实施意见”(某省人民政府)" in flat
    assert "的实施意见” (某省人民政府)" in word


@needs_poppler
def test_the_addressee_colon_is_the_same_in_the_pdf_and_the_word_copy(tmp_path: Path) -> None:
    text, word = _english(tmp_path)
    assert "重庆市市场监督管理局：" in text and "重庆市市场监督管理局：" in word
    assert addressee_line(" Municipal Government ", "en") == "Municipal Government:"
    assert addressee_line("  ", "zh") == ""
    assert addressee_line("市政府办公厅(研究室)", "zh") == "市政府办公厅(研究室)："
    assert addressee_line("各区县人民政府：", "zh") == "各区县人民政府："  # typed: not twice
    assert addressee_line("各区县人民政府:", "en") == "各区县人民政府："


def _spacing_after(paragraph, width: float) -> list[list[tuple[str, float]]]:  # type: ignore[no-untyped-def]
    """Per wrapped line, each character with the spacing drawn after it."""
    paragraph.wrap(width, 10_000)
    lines = []
    for line in paragraph.blPara.lines:
        current, found = 0.0, []
        for word in getattr(line, "words", []):
            mark = getattr(word, "cbDefn", None)
            if mark is not None and getattr(mark, "name", "") == CHAR_SPACE:
                current = float(mark.label)
            found += [(char, current) for char in getattr(word, "text", "")]
        lines.append(found)
    return lines


def test_a_word_or_number_in_a_spread_chinese_line_keeps_its_letters_together() -> None:
    """One English word in a justified Chinese line read "c h e c k e d", figures "2 0 2 4":
    the line is spread between its Chinese characters and around the word only."""
    fonts = find_fonts()
    body = build_styles(fonts, ReportStyle.GBT9704).body
    text = ("The self-assessment covered “重庆市人民政府办公厅关于贯彻落实国家标准化发展纲要的"
            "实施意见”, checked against “关于贯彻〈国家标准化发展纲要〉的实施意见” (中共辽宁省委"
            "、辽宁省人民政府), “国家标准化发展纲要”, 57 items in all, for the period 2024年度.")
    lines = _spacing_after(text_paragraph(fonts, text, body), 440)
    spread = [line for line in lines if any(space for _char, space in line)]
    assert spread, lines  # some line is spread to the margin
    for line in spread:
        text_of_line = "".join(char for char, _space in line)
        for word in re.finditer(r"[A-Za-z0-9]{2,}", text_of_line):
            inside = line[word.start():word.end() - 1]  # after each letter but the last
            assert not any(space for _char, space in inside), (word.group(), line)
        assert any(space for char, space in line if "\u4e00" <= char <= "\u9fff")


def test_lines_with_figures_still_reach_the_margin() -> None:
    """Spread only between characters and words, a line of standard numbers needed more
    than the 0.2 em a gap may take and was left ragged: it is then spread through the
    figures too."""
    fonts = find_fonts()
    body = build_styles(fonts, ReportStyle.GBT9704).body
    text = ("本年度发布地方标准9项，编号为DB50/T 1313-2025、DB50/T 367-2024、DB50/T 1975-2025、"
            "DB50/T 1070-2025、DB50/T 1289-2023、DB50/T 1340-2023、DB50/T 1961-2024、"
            "DB50/T 631-2025、DB50/T 579-2023，均已按期实施。")
    paragraph = text_paragraph(fonts, text, body)
    paragraph.wrap(442, 10_000)
    lines = paragraph.blPara.lines
    ragged = [number for number, line in enumerate(lines[:-1]) if line.extraSpace > 0.5]
    assert ragged == [], [lines[n].words for n in ragged]
