"""Printed lines of a PDF as pdftotext sees them, one per paragraph line or table cell line.

``pdftotext -bbox`` gives every word with its box. Words on one baseline join into a line
while the gap between them is no wider than a space; the wider gap between two table cells
(their padding) starts another line, so each cell's lines stay apart.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from html import unescape
from pathlib import Path

WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                  r"(.*?)</word>")
PAGE = re.compile(r"<page [^>]*>(.*?)</page>", re.S)
SPACE_GAP = 0.55  # of the text height: wider than a space (half an em in a CJK font),
# narrower than two cells' padding


@dataclass
class PrintedLine:
    page: int
    x: float
    y: float
    right: float
    height: float
    text: str


def printed_lines(path: Path) -> list[PrintedLine]:
    """Every printed line of ``path``, page by page, top to bottom, left to right."""
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    lines: list[PrintedLine] = []
    for number, page in enumerate(PAGE.findall(html), start=1):
        words = sorted(
            (float(y0), float(x0), float(x1), float(y1) - float(y0), unescape(text))
            for x0, y0, x1, y1, text in WORD.findall(page)
        )
        for baseline in _baselines(words):
            current: PrintedLine | None = None
            for y, x, right, height, text in sorted(baseline, key=lambda word: word[1]):
                if current and x - current.right <= SPACE_GAP * height:
                    current.text += " " + text
                    current.right = right
                    continue
                current = PrintedLine(number, x, y, right, height, text)
                lines.append(current)
    return lines


def _baselines(words: list[tuple]) -> list[list[tuple]]:
    """Words sorted top to bottom, grouped where their tops are within a point."""
    groups: list[list[tuple]] = []
    for word in words:
        if groups and word[0] - groups[-1][0][0] < 1:
            groups[-1].append(word)
        else:
            groups.append([word])
    return groups


def line_below(lines: list[PrintedLine], line: PrintedLine) -> PrintedLine | None:
    """The next line of the same paragraph or cell: same left edge, one leading lower."""
    below = [other for other in lines
             if other.page == line.page and abs(other.x - line.x) < 1
             and 0 < other.y - line.y < 2 * line.height]
    return min(below, key=lambda other: other.y, default=None)
