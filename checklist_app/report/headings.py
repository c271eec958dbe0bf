"""Run-in headings at the start of the clerk's paragraphs (GB/T 9704-2012, 7.3.3).

Staff write the report's sections with their own numbered points: “（一）标准供给结构持续
优化。全年新发布…”. The heading part, up to its first 。, is set as the standard asks for
its level: （一） in 楷体, 1. in bold 仿宋. 一、 is the level of the report's own section
headings, so a paragraph of staff's starting 一、 (or 一是) stays body text. The PDF and the
Word copy both ask ``run_in_heading``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LEVELS = (
    (2, re.compile(r"[（(][一二三四五六七八九十]{1,3}[）)]")),
    (3, re.compile(r"\d{1,2}[.．](?![\d.．])")),  # 1. and 1．, never 1.5 or 2.0%
)


@dataclass(frozen=True, slots=True)
class RunInHeading:
    level: int  # 2: （一） 楷体; 3: 1. bold 仿宋
    heading: str  # up to and with the first 。, or the whole paragraph
    rest: str  # the body text after it


def run_in_heading(paragraph: str) -> RunInHeading | None:
    """The heading a paragraph starts with, or None when it starts with none."""
    for level, marker in _LEVELS:
        found = marker.match(paragraph)
        if found is None:
            continue
        stop = paragraph.find("。", found.end())
        end = len(paragraph) if stop < 0 else stop + 1
        if paragraph[found.end():end].strip("。 "):  # a marker alone is not a heading
            return RunInHeading(level, paragraph[:end], paragraph[end:])
    return None
