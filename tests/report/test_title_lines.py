"""The report's title broken into lines with its words whole (GB/T 9704 7.3.1), in the PDF
and the Word copy alike."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from docx import Document as WordDocument

from checklist_app.report.content import compute_facts
from checklist_app.report.official import TITLE_CAPACITY, report_title
from checklist_app.report.title_lines import title_lines
from checklist_app.report.wording import Wording
from tests.report.conftest import make_snapshot
from tests.report.test_pdf import build, needs_poppler, pdftotext

CHONGQING = ("重庆市市场监督管理局关于贯彻落实《重庆市人民政府办公厅关于贯彻落实国家标准化"
             "发展纲要的实施意见》情况的自查报告")


@pytest.mark.parametrize(("title", "lines"), [
    (CHONGQING, ["重庆市市场监督管理局关于贯彻落实", "《重庆市人民政府办公厅关于贯彻落实",
                 "国家标准化发展纲要的实施意见》", "情况的自查报告"]),
    ("辽宁省市场监督管理局关于贯彻落实《中共辽宁省委 辽宁省人民政府关于贯彻〈国家标准化发展纲要〉"
     "的实施意见》情况的自查报告",
     ["辽宁省市场监督管理局关于贯彻落实", "《中共辽宁省委 辽宁省人民政府关于贯彻",
      "〈国家标准化发展纲要〉的实施意见》", "情况的自查报告"]),
    ("成都市市场监督管理局关于贯彻落实《成都市标准化工作要点》情况的自查报告",
     ["成都市市场监督管理局关于贯彻落实", "《成都市标准化工作要点》情况的自查报告"]),
    ("某局关于贯彻落实《纲要》情况的自查报告", ["某局关于贯彻落实《纲要》情况的自查报告"]),
])
def test_titles_break_between_words_never_inside_them(title: str, lines: list[str]) -> None:
    """Plain wrapping printed 《重庆市｜人民政府… and …发展｜纲要…."""
    assert title_lines(title, TITLE_CAPACITY) == lines


def test_no_line_is_wider_than_the_type_area_and_none_breaks_a_rule() -> None:
    for capacity in (8, 12, 16, 20):
        lines = title_lines(CHONGQING, capacity)
        assert "".join(lines) == CHONGQING
        assert all(len(line) <= capacity for line in lines)
        assert not any(line[0] in "》〉、，。）" or line[-1] in "《〈（" for line in lines)


def test_names_given_are_kept_whole() -> None:
    title = "某某市某某区某某某委员会关于贯彻落实《某某文件》情况的自查报告"
    office = "某某市某某区某某某委员会"
    assert any(office in line for line in title_lines(title, 14, names=[office]))


@needs_poppler
def test_the_pdf_and_the_word_copy_print_the_same_lines(tmp_path: Path) -> None:
    pdf, docx = tmp_path / "r.pdf", tmp_path / "r.docx"
    build(make_snapshot(), pdf, docx_path=docx)
    first_page = pdftotext(pdf, "-l", "1").split("\n")
    word_title = WordDocument(str(docx)).paragraphs[0].text.split("\n")
    assert len(word_title) > 1
    assert [line.strip() for line in first_page[:len(word_title)]] == word_title


def test_dashes_and_quotes_count_full_width() -> None:
    """— “” … are as wide as a character in the title's font: counted half, the 4th line
    was wider than the type area and the PDF broke it again (告 alone on a fifth)."""
    title = ("重庆市市场监督管理局关于贯彻落实《重庆市—成渝地区双城经济圈标准化——协同发展"
             "“十四五”规划》情况的自查报告")
    lines = title_lines(title, TITLE_CAPACITY)
    assert all(sum(1 for _ in line) <= TITLE_CAPACITY for line in lines)
    assert "".join(lines) == title


def test_a_year_stays_with_its_year_character() -> None:
    """The title broke 2024 / 年度 across two lines."""
    title = "温州市市场监督管理局关于贯彻落实《2024年温州市标准化工作要点》情况的自查报告"
    assert title_lines(title, TITLE_CAPACITY) == [  # it printed …《2024 ｜ 年温州市…
        "温州市市场监督管理局关于贯彻落实", "《2024年温州市标准化工作要点》", "情况的自查报告"]
    for capacity in range(12, 21):
        assert not any(line[-1:].isdigit() and following[:1] in "年度月日"
                       for line, following in zip(title_lines(title, capacity),
                                                  title_lines(title, capacity)[1:],
                                                  strict=False))


def test_a_plan_that_says_it_implements_is_not_implemented_twice_in_the_title() -> None:
    """关于贯彻落实《沈河区贯彻落实国家标准化发展纲要实施方案》情况的自查报告 said it twice."""
    from dataclasses import replace

    from checklist_app.report.content import compute_facts
    from checklist_app.report.official import report_title
    from checklist_app.report.wording import Wording
    from tests.report.conftest import make_snapshot

    snapshot = make_snapshot()
    office = snapshot.assessment.office
    plan = replace(snapshot.checklist, title="沈河区贯彻落实国家标准化发展纲要实施方案")
    title = report_title(compute_facts(replace(snapshot, checklist=plan)), Wording("zh"))
    assert title == f"{office}关于《沈河区贯彻落实国家标准化发展纲要实施方案》落实情况的自查报告"
    points = replace(snapshot.checklist, title="2024年温州市标准化工作要点")
    title = report_title(compute_facts(replace(snapshot, checklist=points)), Wording("zh"))
    assert title == f"{office}关于贯彻落实《2024年温州市标准化工作要点》情况的自查报告"


def test_an_english_title_breaks_at_spaces_and_keeps_the_chinese_names_whole() -> None:
    """The English report's title wrapped 重庆市市场监督｜管理局 and …的实｜施意见."""
    title = ("Self-assessment report of 重庆市市场监督管理局 on implementing "
             "“重庆市人民政府办公厅关于贯彻落实国家标准化发展纲要的实施意见”")
    lines = title_lines(title, TITLE_CAPACITY, names=["重庆市市场监督管理局"])
    assert "".join(lines).replace(" ", "") == title.replace(" ", "")
    assert all(line == line.strip() for line in lines)
    words = title.replace("“", " ").replace("”", " ").split()
    for word in words:  # each English word and the office's name on one line
        if word.isascii() or word == "重庆市市场监督管理局":
            assert any(word in line for line in lines), word
    assert not _splits(lines, "实施", "国家")


@needs_poppler
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_compact_copys_title_keeps_its_words_whole(tmp_path: Path, lang: str) -> None:
    """The working copy's smaller title wrapped where the line ran out (…落实国｜家标准化…)."""
    pdf, docx = tmp_path / "r.pdf", tmp_path / "r.docx"
    snapshot = make_snapshot()
    build(snapshot, pdf, docx_path=docx, style="compact", lang=lang)
    # a line ending at a space keeps it in Word (removing the break leaves the words apart)
    word_lines = WordDocument(str(docx)).paragraphs[0].text.split("\n")
    word_title = [line.rstrip() for line in word_lines]
    assert len(word_title) > 1
    first_page = [line.strip() for line in pdftotext(pdf, "-l", "1").split("\n")]
    assert first_page[:len(word_title)] == word_title
    english = re.findall(r"[A-Za-z-]+", report_title(compute_facts(snapshot), Wording(lang)))
    printed = [word for line in word_title for word in re.findall(r"[A-Za-z-]+", line)]
    assert printed == english  # no English word cut in two
    assert not _splits(word_title, "实施", "国家")
    if lang == "en":  # not Self-assessment alone on a line, the earliest of equal breaks
        assert " " in word_title[0]


def _splits(lines: list[str], *words: str) -> list[str]:
    """The ``words`` a break between ``lines`` falls inside."""
    return [word for line, following in itertools.pairwise(lines) for word in words
            if any(line.endswith(word[:cut]) and following.startswith(word[cut:])
                   for cut in range(1, len(word)))]
