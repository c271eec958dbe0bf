"""``TextCell``: table cell text wrapped by a simple greedy line breaker, drawn run by run.

Paragraphs with reportlab's CJK line breaking cost about a millisecond each time a table is
measured, and long tables are measured several times per page: a report of 1,000 items has
tens of thousands of cells. Cells need no justification or markup: they are broken once, by
the same rules as the body text (``kinsoku``), with nothing hanging past the cell's edge.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus import Flowable

from checklist_app.report.fonts import FontRole, FontSet
from checklist_app.report.kinsoku import break_lines

Run = tuple[str, str, float]  # font name, text, width
Line = list[Run]


@lru_cache(maxsize=65536)
def char_width(font: str, char: str) -> float:
    """Width of ``char`` at 1 pt."""
    return getFont(font).stringWidth(char, 1.0)


def _merge(chars: list[Run]) -> Line:
    """Consecutive characters of one font as one run."""
    line: Line = []
    for font, char, width in chars:
        if line and line[-1][0] == font:
            line[-1] = (font, line[-1][1] + char, line[-1][2] + width)
        else:
            line.append((font, char, width))
    return line


def layout(
    fonts: FontSet, text: str, role: FontRole, size: float, width: float,
    keep: Collection[str] = (),
) -> list[Line]:
    """Lines of (font, text, width) runs that fit ``width``; ``keep`` words stay whole."""
    lines: list[Line] = []
    for paragraph in text.split("\n"):
        runs = [(face.name, chunk) for face, chunk in fonts.runs(paragraph, role)]
        widths = [sum(char_width(f, c) for c in chunk) * size for f, chunk in runs]
        if sum(widths) <= width:
            lines.append([(f, t, w) for (f, t), w in zip(runs, widths, strict=True)])
            continue
        chars = [(f, c, char_width(f, c) * size) for f, chunk in runs for c in chunk]
        spans = break_lines("".join(c[1] for c in chars), [c[2] for c in chars], [width],
                            keep=keep)
        lines += [_merge(chars[start:end]) for start, end in spans]
    return lines


class TextCell(Flowable):
    """Pre-broken lines of text in a table cell."""

    def __init__(self, lines: list[Line], size: float, leading: float) -> None:
        super().__init__()
        self.lines, self.size, self.leading = lines, size, leading
        self.width = max((sum(r[2] for r in line) for line in lines), default=0.0)
        self.height = leading * len(lines)
        self.page: int | None = None  # where it was drawn (a ContinuedCell asks)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        """One text object for the whole cell: far cheaper than a drawString per run."""
        self.page = self.canv.getPageNumber()
        y = self.height - self.size  # the first baseline, where a Paragraph puts it
        text = self.canv.beginText(0, y)
        font = None
        for line in self.lines:
            text.setTextOrigin(0, y)
            for name, chunk, _width in line:
                if name != font:
                    text.setFont(name, self.size)
                    font = name
                text.textOut(chunk)
            y -= self.leading
        self.canv.drawText(text)


class ContinuedCell(TextCell):
    """The first cell of a later part of a split row (二、（八）22.（续）): printed only when
    the part starts another page than the part before it; on the same page the parts read
    as one row (no rule between them), and the name would only repeat it."""

    def __init__(self, lines: list[Line], size: float, leading: float,
                 before: TextCell) -> None:
        super().__init__(lines, size, leading)
        self.before = before

    def draw(self) -> None:
        if self.before.page == self.canv.getPageNumber():
            self.page = self.before.page
            return
        super().draw()
