"""The Word copy's 各部分完成情况 bars: table cells shaded in proportion to the rate."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as WordDocument
from docx.oxml.ns import qn

from checklist_app.core import ItemStatus
from checklist_app.report.builder import build_report
from checklist_app.report.content import compute_facts
from checklist_app.report.docx import BAR_COLOR, BAR_TRACK, BAR_WIDTH, bar_widths
from tests.report.conftest import make_snapshot

TWIP = 635  # EMU


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
    sections = compute_facts(snapshot).sections
    rates = [p.rate for p in sections]
    assert 1.0 in rates and any(0 < r < 1 for r in rates)
    for row, progress in zip(table.rows[1:], sections, strict=True):
        bars = row.cells[-1].tables
        assert len(bars) == 1
        cells = bars[0].rows[0].cells
        assert cells[-1].text == f"{progress.rate * 100:.1f}%"
        filled = sum(c.width for c in cells[:-1] if fill(c) == BAR_COLOR)
        track = sum(c.width for c in cells[:-1] if fill(c) == BAR_TRACK)
        assert filled + track == pytest.approx(BAR_WIDTH, abs=2 * TWIP)  # Word stores twips
        assert filled / (filled + track) == pytest.approx(progress.rate, abs=0.005)
        assert bars[0]._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"


def test_bar_widths_at_the_ends() -> None:
    assert bar_widths(0.0) == [(BAR_WIDTH, BAR_TRACK)]
    assert bar_widths(1.0) == [(BAR_WIDTH, BAR_COLOR)]
    assert bar_widths(1.7) == [(BAR_WIDTH, BAR_COLOR)]
    (done, done_fill), (rest, rest_fill) = bar_widths(0.25)
    assert (done_fill, rest_fill) == (BAR_COLOR, BAR_TRACK)
    assert done + rest == BAR_WIDTH and done == pytest.approx(BAR_WIDTH / 4, abs=1)
