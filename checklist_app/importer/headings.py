"""The heading grammar of a 公文: 一、 sections, (一) groups/clauses, 1. tasks, (1) sub-tasks;
and of 办法/方案/规定 written in 第一章 chapters and 第一条 articles.

Headings may start a line or sit inline after a space (the Liaoning text is one long line).
A marker only counts as a heading when its number continues the numbering of its level,
which keeps references such as ``第(一)项`` or stray numbers in the body out of the tree.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CHINESE_POWERS = {"十": 10, "百": 100, "千": 1000}

# 第一章 above 第一条 (articles number on across chapters), both above the 公文 levels that
# an article may hold: (一) items, 1. sub-items; ① below (1), the fifth level of a 公文.
CHAPTER, ARTICLE, SECTION, GROUP, TASK, SUBTASK, CIRCLED = range(7)
_LEVELS = 7

_MARKER = re.compile(
    r"第(?P<chap>[一二三四五六七八九十百零〇]{1,6})章"
    r"|第(?P<art>[一二三四五六七八九十百千零〇]{1,8})条"
    r"|(?P<sec>[一二三四五六七八九十]{1,3})、"
    r"|(?P<secdot>[一二三四五六七八九十]{1,3})\.(?![\d.])"  # 一. of copies from the web
    r"|\((?P<grp>[一二三四五六七八九十]{1,4})\)"
    r"|(?P<num>\d{1,4})(?:\.(?!\d)|、)"
    r"|\((?P<sub>\d{1,3})\)"
    r"|(?P<psub>[\u2474-\u2487])"  # ⑴ … ⒇: (1) … (20) as one character
    r"|(?P<hsub>\d{1,3})\)(?!\d)"  # 1) for (1)
    r"|(?P<circ>[\u2460-\u2473])"  # ① … ⑳
)
_LEVEL_OF_GROUP = {"chap": CHAPTER, "art": ARTICLE, "sec": SECTION, "secdot": SECTION,
                   "grp": GROUP, "num": TASK, "sub": SUBTASK, "psub": SUBTASK, "hsub": SUBTASK,
                   "circ": CIRCLED}
# Forms read only at the start of a line: inline, ⑴ ① 1) enumerate within a sentence.
_LINE_START_ONLY = {"psub", "hsub", "circ", "secdot"}

# A marker this close to the numbering it breaks is a misnumbered heading, not a figure.
MISNUMBERED_GAP = 5


def opens_with_marker(line: str) -> bool:
    """Whether ``line`` starts with a heading marker (一、 (一) 1. 第一条 …), full-width
    forms (（一）, １．) included."""
    return bool(_MARKER.match(unicodedata.normalize("NFKC", line.strip())))


def chinese_number(text: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 三十五 → 35, 一百零一 → 101, 一千二百 → 1200; None when
    not a numeral."""
    total, digit, last_power = 0, None, 10_000
    for char in text:
        if char in CHINESE_DIGITS:
            if digit is not None:
                return None  # 二三: two digits in a row
            digit = CHINESE_DIGITS[char]
        elif char in "零〇":
            if digit is not None or not total:
                return None
        elif char in _CHINESE_POWERS:
            power = _CHINESE_POWERS[char]
            if power >= last_power or (digit is None and total):
                return None  # 十百, or 一百十 (written 一百一十)
            total += (1 if digit is None else digit) * power
            digit, last_power = None, power
        else:
            return None
    if digit is not None:
        total += digit
    return total or None


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    number: int
    key: str  # label in node ids: 一, (一), 1, (1)
    label: str  # label as printed, normalized: 一、 (一) 1. (1)
    start: int  # offset of the marker in the text
    body_start: int  # offset just after the marker
    line_start_only: bool = False  # ⑴ ① 1): inline they enumerate within a sentence


def _heading_from_match(match: re.Match[str]) -> Heading | None:
    kind = match.lastgroup
    assert kind is not None
    raw = match.group(kind)
    level = _LEVEL_OF_GROUP[kind]
    number = _number(kind, raw)
    if not number:
        return None
    if kind == "psub":
        raw = str(number)
    key, label = {
        CHAPTER: (f"第{raw}章", f"第{raw}章"),
        ARTICLE: (f"第{raw}条", f"第{raw}条"),
        SECTION: (raw, f"{raw}、"),
        GROUP: (f"({raw})", f"({raw})"),
        TASK: (raw, f"{raw}."),
        SUBTASK: (f"({raw})", f"({raw})"),
        CIRCLED: (raw, raw),
    }[level]
    return Heading(level, number, key, label, match.start(), match.end(),
                   kind in _LINE_START_ONLY)


def _number(kind: str, raw: str) -> int | None:
    if kind == "psub":
        return ord(raw) - 0x2474 + 1
    if kind == "circ":
        return ord(raw) - 0x2460 + 1
    if kind in ("num", "sub", "hsub"):
        return int(raw)
    return chinese_number(raw)


def _at_boundary(text: str, heading: Heading) -> bool:
    """Headings start a line, follow a space, or (for 一、 and (一)) follow a full stop;
    a chapter or an article starts a line (``依照第三条`` in a sentence is a reference), as
    ⑴ ① 1) do."""
    position, level = heading.start, heading.level
    if position == 0:
        return True
    before = text[position - 1]
    if level in (CHAPTER, ARTICLE) or heading.line_start_only:
        return before == "\n"
    if before in "\n ":
        return True
    return level in (SECTION, GROUP) and before == "。"


class _Numbering:
    """Tracks the last number per level to accept only headings that continue it."""

    def __init__(self) -> None:
        self.last = [0] * _LEVELS
        self.restarted = [True] * _LEVELS
        self.first: int | None = None  # the level of the first heading: the document's kind

    def accepts(self, heading: Heading) -> bool:
        level, number = heading.level, heading.number
        if level <= ARTICLE and self.first is not None and self.first > ARTICLE:
            return False  # a 公文 (一、…) quoting a regulation's 第一条 keeps it as text
        if number == self.last[level] + 1:
            return True
        return number == 1 and self.restarted[level] and self._has_parent(level)

    def _has_parent(self, level: int) -> bool:
        """Top levels stand alone: a 公文 starts at 一、, a 办法 at 第一章 or 第一条."""
        return level <= SECTION or any(self.last[parent] for parent in range(level))

    def advance(self, heading: Heading) -> None:
        if self.first is None:
            self.first = heading.level
        self.last[heading.level] = heading.number
        self.restarted[heading.level] = False
        for deeper in range(heading.level + 1, _LEVELS):
            self.restarted[deeper] = True


def find_headings(text: str) -> list[Heading]:
    """Headings of the text in order, validated by numbering."""
    return scan_headings(text)[0]


def scan_headings(text: str) -> tuple[list[Heading], list[Heading]]:
    """The headings, and the markers that start a line but do not continue the numbering
    (``101.`` after ``99.``): their lines stay in the body of the heading before them."""
    numbering = _Numbering()
    headings: list[Heading] = []
    candidates: list[tuple[Heading, int]] = []  # with the last number of its level then
    for match in _MARKER.finditer(text):
        heading = _heading_from_match(match)
        if heading is None or not _at_boundary(text, heading):
            continue
        if numbering.accepts(heading) and not _a_list_of_numbers(text, heading):
            numbering.advance(heading)
            headings.append(heading)
        elif heading.start == 0 or text[heading.start - 1] == "\n":
            candidates.append((heading, numbering.last[heading.level]))
    return headings, _misnumbered(candidates)


def _a_list_of_numbers(text: str, heading: Heading) -> bool:
    """``一、二、三、`` or ``(一)(一)``: a marker followed by another of its level is no
    heading (the first would be titled with the others)."""
    following = _MARKER.match(text, heading.body_start)
    return following is not None and _LEVEL_OF_GROUP[following.lastgroup or ""] == heading.level


def _misnumbered(candidates: list[tuple[Heading, int]]) -> list[Heading]:
    """The line-start markers that look like headings out of sequence: written in Chinese
    numerals (``(十一)`` where there is no (十), never a figure), near the numbering they
    break (``101.`` after ``99.``, a number skipped) or in a run of their own (a list
    starting at ``98.``). A year opening a sentence (2023、2024年…) is none of these."""
    numbers = {(heading.level, heading.number) for heading, _last in candidates}

    def looks_misnumbered(heading: Heading, last: int) -> bool:
        if heading.level in (SECTION, GROUP):
            return True
        near = abs(heading.number - last) <= MISNUMBERED_GAP
        in_run = {(heading.level, heading.number - 1),
                  (heading.level, heading.number + 1)} & numbers
        return near or bool(in_run)

    return [heading for heading, last in candidates if looks_misnumbered(heading, last)]
