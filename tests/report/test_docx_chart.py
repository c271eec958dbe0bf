"""各部分完成情况: its 合计 row, and the Word copy's bars (table cells shaded in proportion
to the rate)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as WordDocument
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm

from checklist_app.core import ItemStatus
from checklist_app.report.builder import build_report
from checklist_app.report.content import compute_facts
from checklist_app.report.docx import BAR_COLOR, BAR_TRACK, bar_widths
from checklist_app.report.wording import Wording
from tests.report.conftest import make_snapshot
from tests.report.docx_read import paragraph_format
from tests.report.test_pdf import needs_poppler, pdftotext


def fill(cell) -> str | None:  # type: ignore[no-untyped-def]
    shading = cell._tc.tcPr.find(qn("w:shd"))
    return None if shading is None else shading.get(qn("w:fill"))


def test_each_section_row_has_a_bar_as_long_as_its_rate(tmp_path: Path) -> None:
    snapshot = make_snapshot(items_per_section=5)
    for item in snapshot.checklist.checkable_nodes()[:5]:  # section 一 all done: a full bar
        snapshot.states[item.id].status = ItemStatus.DONE
    list(build_report(snapshot, tmp_path / "r.pdf", docx_path=tmp_path / "r.docx"))
    word = WordDocument(str(tmp_path / "r.docx"))
    table = next(t for t in word.tables if t.rows[0].cells[0].text == "部分")
    facts = compute_facts(snapshot)
    rates = [p.rate for p in facts.sections]
    assert 1.0 in rates and any(0 < r < 1 for r in rates)
    assert table.rows[-1].cells[0].text == "合计"  # the body's overall rate, with its bar
    assert [c.text for c in table.rows[-1].cells[1:3]] == [str(facts.applicable),
                                                          str(facts.complete)]
    for row, progress in zip(table.rows[1:], [*facts.sections, facts], strict=True):
        bars = row.cells[-1].tables
        assert len(bars) == 1
        cells = bars[0].rows[0].cells
        assert cells[-1].text == Wording("zh").percent(progress.rate)
        filled = sum(c.width for c in cells[:-1] if fill(c) == BAR_COLOR)
        track = sum(c.width for c in cells[:-1] if fill(c) == BAR_TRACK)
        label = cells[-1].width
        assert filled / (filled + track) == pytest.approx(progress.rate, abs=0.005)
        assert (filled + track) / (filled + track + label) == pytest.approx(0.68, abs=0.01)
        assert filled + track + label < row.cells[-1].width  # inside the cell's margins
        assert bars[0]._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"


@needs_poppler
def test_the_pdf_totals_the_sections_with_the_bodys_rate(tmp_path: Path) -> None:
    """The body says 完成率16.7%; the table under it summed to nothing of the kind."""
    snapshot = make_snapshot(items_per_section=5)
    for item in snapshot.checklist.checkable_nodes()[:4]:
        snapshot.states[item.id].status = ItemStatus.DONE
    list(build_report(snapshot, tmp_path / "r.pdf"))
    facts = compute_facts(snapshot)
    assert len(facts.sections) > 1
    rows = [line.split() for line in pdftotext(tmp_path / "r.pdf", "-layout").splitlines()]
    rate = Wording("zh").percent(facts.rate)
    assert ["合计", str(facts.applicable), str(facts.complete), rate] in rows
    assert "".join(pdftotext(tmp_path / "r.pdf").split()).count(rate) >= 2  # the body's too


def test_bars_are_as_tall_as_the_pdfs(tmp_path: Path) -> None:
    """The shaded cells held an empty paragraph in Normal's 29 pt line: each row of
    各部分完成情况 stood three times as tall as the PDF's (a bar of 9 pt × 1.4)."""
    list(build_report(make_snapshot(), tmp_path / "r.pdf", docx_path=tmp_path / "r.docx"))
    word = WordDocument(str(tmp_path / "r.docx"))
    table = next(t for t in word.tables if t.rows[0].cells[0].text == "部分")
    for row in table.rows[1:]:
        cells = row.cells[-1].tables[0].rows[0].cells
        shaded = [cell.paragraphs[0] for cell in cells if fill(cell) is not None]
        assert shaded and all(para.text == "" for para in shaded)
        lines = []
        for para in (*shaded, cells[-1].paragraphs[0]):
            assert paragraph_format(para, "line_spacing_rule") is WD_LINE_SPACING.EXACTLY
            assert paragraph_format(para, "space_before") == 0
            assert paragraph_format(para, "space_after") == 0
            lines.append(paragraph_format(para, "line_spacing").pt)
        assert max(lines) <= 9 * 1.4  # the PDF's bar (report/tables.py)
        assert max(lines[:-1]) <= lines[-1]  # the rate's line sets the row's height


def test_bar_widths_at_the_ends() -> None:
    width = Mm(30)
    assert bar_widths(0.0, width) == [(width, BAR_TRACK)]
    assert bar_widths(1.0, width) == [(width, BAR_COLOR)]
    assert bar_widths(1.7, width) == [(width, BAR_COLOR)]
    (done, done_fill), (rest, rest_fill) = bar_widths(0.25, width)
    assert (done_fill, rest_fill) == (BAR_COLOR, BAR_TRACK)
    assert done + rest == width and done == pytest.approx(width / 4, abs=1)


def test_compact_bars_fit_the_narrower_portrait_column(tmp_path: Path) -> None:
    list(build_report(make_snapshot(), tmp_path / "c.pdf", style="compact",
                      docx_path=tmp_path / "c.docx"))
    word = WordDocument(str(tmp_path / "c.docx"))
    table = next(t for t in word.tables if t.rows[0].cells[0].text == "部分")
    for row in table.rows[1:]:
        bar = row.cells[-1].tables[0]
        assert sum(c.width for c in bar.rows[0].cells) < row.cells[-1].width


@needs_poppler
def test_the_compact_copys_section_headers_stay_on_one_line(tmp_path: Path) -> None:
    """已完成（含长期坚持） broke before 持） in the working copy's narrower table."""
    list(build_report(make_snapshot(), tmp_path / "r.pdf", style="compact"))
    lines = [line.strip() for line in pdftotext(tmp_path / "r.pdf", "-layout").splitlines()]
    header = next(line for line in lines if line.startswith("部分"))
    assert header.split() == ["部分", "适用项", "已完成（含长期坚持）", "完成率"]
