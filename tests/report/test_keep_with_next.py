"""No page ends with a heading: headings, annex titles and table captions stay with what
follows them (at least two lines, or a table's header and first rows)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.platypus import Spacer

from checklist_app.demo import build_demo
from checklist_app.report.fonts import find_fonts
from checklist_app.report.keep import keep_with_next
from checklist_app.report.layout import LANDSCAPE, ReportDocTemplate
from checklist_app.report.paragraphs import text_paragraph
from checklist_app.report.parts import ReportPart
from checklist_app.report.styles import LANDSCAPE_PAGE, ReportStyle, build_styles
from checklist_app.report.tables import TableKit
from checklist_app.report.wording import Wording
from tests.report.conftest import make_snapshot
from tests.report.test_pdf import SECTION_HEADINGS, build, needs_poppler, pdftotext, squeeze

LONG = "各项任务按计划推进，" * 8  # three lines
PAGE_NUMBER = re.compile(r"—\d+—")
ANNEX_LABEL = re.compile(r"附件\d*")
ZH = Wording("zh")
HEADINGS = {squeeze(ZH(key)) for key in (
    "section1", "section2", "section3", "section4", "facts_heading", "annex1", "annex2",
    "annex3", "annex4", "by_status", "by_section", "targets", "items", "local_only")}


def pages(path: Path) -> list[list[str]]:
    """Each page's printed lines, squeezed, without the page number."""
    count = len(PdfReader(path).pages)
    out = []
    for number in range(1, count + 1):
        text = pdftotext(path, "-layout", "-f", str(number), "-l", str(number))
        lines = [squeeze(line) for line in text.splitlines()]
        out.append([line for line in lines if line and not PAGE_NUMBER.fullmatch(line)])
    return out


def is_heading(line: str) -> bool:
    return line in HEADINGS or bool(ANNEX_LABEL.fullmatch(line))


def stranded(path: Path) -> list[tuple[int, str]]:
    """(page, heading) for each page whose last line is a heading."""
    return [(number, lines[-1]) for number, lines in enumerate(pages(path), start=1)
            if lines and is_heading(lines[-1])]


def outline_pages(path: Path) -> dict[str, int]:
    reader = PdfReader(path)
    found: dict[str, int] = {}

    def walk(items) -> None:  # type: ignore[no-untyped-def]
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found[item.title] = reader.get_destination_page_number(item) + 1

    walk(reader.outline)
    return found


@needs_poppler
def test_the_demo_report_ends_no_page_with_a_heading(tmp_path: Path) -> None:
    build_demo(tmp_path)
    report = tmp_path / "report.pdf"
    assert stranded(report) == []
    printed = pages(report)
    items = next(n for n, lines in enumerate(printed, start=1) if squeeze(ZH("items")) in lines)
    assert printed[items - 1].index(squeeze(ZH("items"))) < len(printed[items - 1]) - 3
    where = outline_pages(report)  # outline entries still point at their headings' pages
    for heading in SECTION_HEADINGS:
        assert heading in printed[where[heading] - 1], heading


@needs_poppler
def test_headings_near_the_page_foot_move_to_the_next_page(tmp_path: Path) -> None:
    """One-line paragraphs push the sections down a line at a time through a whole page."""
    moved = set()
    for lines in range(0, 22, 1):
        snapshot = make_snapshot()
        snapshot.assessment.narrative = {1: "\n".join(["我局逐条对照开展自查。"] * lines),
                                         **dict.fromkeys((2, 3, 4), LONG)}
        out = tmp_path / f"r{lines}.pdf"
        build(snapshot, out, parts=[ReportPart.BODY])
        assert stranded(out) == [], lines
        printed = pages(out)
        moved |= {page[0] for page in printed[1:] if page[0] in SECTION_HEADINGS}
        for number, page in enumerate(printed, start=1):  # two lines at least follow each
            for index, line in enumerate(page):
                if line in SECTION_HEADINGS and number < len(printed):
                    assert len(page) - index > 2, (lines, line)
    assert len(moved) >= 2  # the sweep did bring headings to the foot of a page


@needs_poppler
@pytest.mark.parametrize("above", range(0, 440, 12))
def test_a_caption_keeps_the_header_and_first_rows_of_its_table(tmp_path: Path,
                                                                above: float) -> None:
    """The caption goes on with the table's header and first two rows, and no further."""
    fonts = find_fonts()
    styles = build_styles(fonts, ReportStyle.GBT9704)
    kit = TableKit(fonts, styles, LANDSCAPE_PAGE.width, LANDSCAPE_PAGE.height)
    caption = text_paragraph(fonts, "检查项明细", styles.h1)
    rows = [[f"第{n}行", "\n".join(["甲乙丙丁"] * (6 if n == 1 else 1))] for n in range(1, 30)]
    table = kit.table(["序号", "内容"], rows, [1, 1])
    out = tmp_path / "caption.pdf"
    doc = ReportDocTemplate(str(out), fonts, first=LANDSCAPE)
    for _fraction in doc.build_steps(keep_with_next([Spacer(0, above), caption, table])):
        pass
    printed = pages(out)
    number, page = next((n, lines) for n, lines in enumerate(printed) if "检查项明细" in lines)
    after = page[page.index("检查项明细") + 1:]
    assert after[:1] == ["序号内容"]
    assert any(line.startswith("第1行") for line in after)
    assert any(line.startswith("第2行") for line in after)
    if above < LANDSCAPE_PAGE.height / 2:  # room enough: nothing moves to the next page
        assert number == 0
