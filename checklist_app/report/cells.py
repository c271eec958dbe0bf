"""``TextCell``: table cell text wrapped by a simple greedy line breaker, drawn run by run.

Paragraphs with reportlab's CJK line breaking cost about a millisecond each time a table is
measured, and long tables are measured several times per page: a report of 1,000 items has
tens of thousands of cells. Cells need no justification or markup, so this breaker keeps
only what tables need: break anywhere between CJK characters, at spaces in Latin text when
possible, anywhere inside very long unbroken strings, never start a line with a closing mark.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib.textsplit import ALL_CANNOT_START
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus import Flowable

from checklist_app.report.fonts import FontRole, FontSet

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


def _break(chars: list[Run], width: float) -> list[Line]:
    """Greedy breaking of one paragraph of (font, char, width) into lines."""
    lines: list[Line] = []
    current: list[Run] = []
    used = 0.0
    space = -1  # index in current after which a Latin break is possible
    for run in chars:
        if used + run[2] > width and current:
            carry: list[Run] = []
            if run[1] != " " and run[1].isascii() and 0 <= space < len(current) - 1:
                carry, current = current[space + 1:], current[:space + 1]
            elif run[1] in ALL_CANNOT_START:  # take the last character (and its marks) along
                k = len(current) - 1
                while k > 0 and current[k][1] in ALL_CANNOT_START:
                    k -= 1
                if k > 0:
                    carry, current = current[k:], current[:k]
            lines.append(_merge(current))
            current, used, space = carry, sum(c[2] for c in carry), -1
        current.append(run)
        used += run[2]
        if run[1] == " " or not run[1].isascii():
            space = len(current) - 1
    lines.append(_merge(current))
    return lines


def layout(fonts: FontSet, text: str, role: FontRole, size: float, width: float) -> list[Line]:
    """Lines of (font, text, width) runs that fit ``width``."""
    lines: list[Line] = []
    for paragraph in text.split("\n"):
        runs = [(face.name, chunk) for face, chunk in fonts.runs(paragraph, role)]
        widths = [sum(char_width(f, c) for c in chunk) * size for f, chunk in runs]
        if sum(widths) <= width:
            lines.append([(f, t, w) for (f, t), w in zip(runs, widths, strict=True)])
            continue
        chars = [(f, c, char_width(f, c) * size) for f, chunk in runs for c in chunk]
        lines += _break(chars, width)
    return lines


class TextCell(Flowable):
    """Pre-broken lines of text in a table cell."""

    def __init__(self, lines: list[Line], size: float, leading: float) -> None:
        super().__init__()
        self.lines, self.size, self.leading = lines, size, leading
        self.width = max((sum(r[2] for r in line) for line in lines), default=0.0)
        self.height = leading * len(lines)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        """One text object for the whole cell: far cheaper than a drawString per run."""
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
