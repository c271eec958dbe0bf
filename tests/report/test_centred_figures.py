"""Short figures in the annex tables (数量, 占比, 适用项, 结果, 年份, 序号) are centred under
their headers, as tables of official documents set them; words stay at the cell's left."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH

from checklist_app.report.builder import build_report
from tests.report.conftest import make_snapshot
from tests.report.docx_read import paragraph_format
from tests.report.pdflines import PrintedLine, printed_lines
from tests.report.test_pdf import needs_poppler


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("centred")
    pdf, docx = folder / "r.pdf", folder / "r.docx"
    list(build_report(make_snapshot(), pdf, docx_path=docx))
    return pdf, docx


def _centre(line: PrintedLine) -> float:
    return (line.x + line.right) / 2


def _column(lines: list[PrintedLine], header: PrintedLine) -> list[PrintedLine]:
    """The lines printed below ``header`` that overlap its column, down to the first that
    starts left of the column (the note under the table) or after a gap (another table)."""
    below = sorted((line for line in lines if line.page == header.page and line.y > header.y
                    and line.x < header.right and line.right > header.x),
                   key=lambda line: line.y)
    column: list[PrintedLine] = []
    for line in below:
        last = column[-1] if column else header
        if line.x < header.x - 4 * header.height or line.y - last.y > 3 * line.height:
            break
        column.append(line)
    return column


@needs_poppler
def test_counts_and_shares_are_centred_under_their_headers(report: tuple[Path, Path]) -> None:
    lines = printed_lines(report[0])
    for title in ("数量", "占比"):
        header = next(line for line in lines if line.text == title)
        figures = _column(lines, header)
        assert len(figures) >= 3 and all(any(c.isdigit() for c in f.text) for f in figures)
        for figure in figures:
            assert _centre(figure) == pytest.approx(_centre(header), abs=1.5), figure.text
    status = next(line for line in lines if line.text == "状态")
    words = [line for line in lines if line.page == status.page
             and line.text in ("未评估", "基本完成", "合计")]
    # 合计 of the status table and of 各部分完成情况 under it, left-aligned as the rest
    assert len(words) == 4 and len({round(word.x) for word in words}) == 1
    assert words[0].x < status.x - 5


def test_the_word_copy_centres_the_same_cells(report: tuple[Path, Path]) -> None:
    word = WordDocument(str(report[1]))
    table = next(t for t in word.tables if t.rows[0].cells[0].text == "状态")
    body = table.rows[1:]
    assert body
    for row in body:
        aligns = [paragraph_format(cell.paragraphs[0], "alignment") for cell in row.cells]
        assert aligns == [WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER,
                          WD_ALIGN_PARAGRAPH.CENTER]
