"""GB/T 9704-2012 10.2: a landscape table page keeps its page number where the portrait
pages have theirs on the sheet held upright (its head on the binding edge), so that a
bound copy reads — 5 — at the foot of every sheet."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from checklist_app.report.builder import build_report
from checklist_app.report.styles import (
    GBT9704_PAGE,
    LANDSCAPE_PAGE,
    PAGE_NUMBER_LINE_GAP,
    PAGE_NUMBER_SIZE,
)
from tests.report.conftest import make_snapshot
from tests.report.pdflines import PrintedLine, printed_lines
from tests.report.test_pdf import needs_poppler


def number_glyphs(lines: list[PrintedLine], page: int) -> list[PrintedLine]:
    """The page number's glyphs: set on their side, pdftotext reads them one by one."""
    return [line for line in lines if line.page == page and line.x < LANDSCAPE_PAGE.left]


@needs_poppler
def test_landscape_pages_number_at_the_upright_sheets_foot(tmp_path: Path) -> None:
    pdf = tmp_path / "r.pdf"
    list(build_report(make_snapshot(), pdf))
    pages = PdfReader(pdf).pages
    landscape = [n for n, page in enumerate(pages, start=1) if page.mediabox.width > 700]
    assert len(landscape) >= 2
    lines = printed_lines(pdf)
    for number in landscape:
        glyphs = number_glyphs(lines, number)
        assert "".join(g.text for g in glyphs) == f"—{number}—"  # read top to bottom
        top, bottom = min(g.y for g in glyphs), max(g.y + g.height for g in glyphs)
        # the upright sheet's left edge is the page's top: odd numbers end one character
        # before the portrait text block's right edge, even ones start one character in
        if number % 2:
            right = GBT9704_PAGE.left + GBT9704_PAGE.width - PAGE_NUMBER_SIZE
            assert bottom == pytest.approx(right, abs=2)
        else:
            assert top == pytest.approx(GBT9704_PAGE.left + PAGE_NUMBER_SIZE, abs=2)
        # across the upright sheet's foot, as on the portrait pages (the dashes 7 mm under
        # where its text block would end)
        under_the_block = GBT9704_PAGE.bottom - PAGE_NUMBER_LINE_GAP
        assert all(g.x + PAGE_NUMBER_SIZE == pytest.approx(under_the_block, abs=2)
                   for g in glyphs)
