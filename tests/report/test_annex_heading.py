"""GB/T 9704 §8 in the PDF: 附件N in 3号黑体 top left on the text block's first line, the
annex title in the title's 2号 centred on its third line."""

from __future__ import annotations

from pathlib import Path

import pytest

from checklist_app.report.builder import build_report
from checklist_app.report.styles import BODY_LEADING, LANDSCAPE_PAGE, TITLE_SIZE
from tests.report.conftest import make_snapshot
from tests.report.pdflines import printed_lines
from tests.report.test_pdf import needs_poppler


@needs_poppler
@pytest.mark.parametrize("parts", [None, ["table", "changes"]])
def test_annex_title_is_centred_on_the_third_line(tmp_path: Path,
                                                 parts: list[str] | None) -> None:
    """With the 正文 and without it (the annexes then start on page 1)."""
    pdf = tmp_path / "r.pdf"
    list(build_report(make_snapshot(), pdf, parts=parts))
    lines = printed_lines(pdf)
    labels = [line for line in lines if line.text in ("附件1", "附件2")]
    assert len(labels) == 2
    page = LANDSCAPE_PAGE
    for label in labels:
        title = next(line for line in lines if line.page == label.page and line.y > label.y
                     and line.x >= page.left - 1)  # not the page number, on its side
        assert label.x == pytest.approx(page.left, abs=0.5)  # 顶格
        assert label.y - page.top < BODY_LEADING / 2  # the first line
        assert title.height == pytest.approx(TITLE_SIZE, abs=0.5)
        third = page.top + 2.5 * BODY_LEADING  # the middle of the third line
        assert title.y + title.height / 2 == pytest.approx(third, abs=3)
        middle = page.left + page.width / 2
        assert (title.x + title.right) / 2 == pytest.approx(middle, abs=1)
