"""Chinese punctuation as printed documents use it: 。，；：（）, not . , ; : ( ).

Web copies of policy documents (all five shipped ones) and many imported files use ASCII
punctuation inside Chinese sentences. The workspace keeps the text as imported (ids, search
and the parser work on it); a report prints the marks a Chinese document prints. A mark is
made full-width where it stands in Chinese text: next to a Chinese character or mark, or
for brackets and double quotes, holding or touching one ("渝悦" → “渝悦”; a single-quoted pair
only when it holds one, so that English apostrophes stay). A full stop becomes 。 where it
ends a Chinese sentence: right after a Chinese character or mark, before a line's end, a
space or more Chinese. Figures, file names and abbreviations keep theirs: 1,250, 10:30, (a),
第1.2条, 方案.pdf, 等...
"""

from __future__ import annotations

import re

_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_MARKS = frozenset(_FULL) | {'"', "'", "."}
# CJK ideographs and the CJK marks around them (。，、“” 《》 …).
_CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2014\u2026\u201c\u201d]")


def _chinese(char: str) -> bool:
    return bool(char) and bool(_CHINESE.match(char))


def full_width_punctuation(text: str) -> str:
    """``text`` with the ASCII marks of its Chinese sentences made full-width."""
    if not any(mark in text for mark in _MARKS):
        return text
    chars = list(text)
    for start, end in _bracket_pairs(text):
        if _holds_or_touches_chinese(text, start, end):
            chars[start], chars[end] = "（", "）"
    for start, end in _quote_pairs(text, '"'):
        if _holds_or_touches_chinese(text, start, end):
            chars[start], chars[end] = "“", "”"
    for start, end in _quote_pairs(text, "'"):
        if any(_chinese(c) for c in text[start + 1:end]):
            chars[start], chars[end] = "‘", "’"
    for position, char in enumerate(text):
        if char in ",;:?!" and (_chinese(_before(text, position))
                                or _chinese(_after(text, position))):
            chars[position] = _FULL[char]
        elif char == "." and position and not _numbers_a_heading(text, position) and \
                _ends_chinese_sentence(chars[position - 1], text[position + 1:position + 2]) \
                and not _FILE_NAME_REST.match(text, position + 1):
            chars[position] = "。"  # after the quotes were made: “渝悦”. ends a sentence
    return "".join(chars)


_NUMERALS = frozenset("〇零一二三四五六七八九十百")
# where a heading's number may stand: a line's start, after a space or a mark (任务:一.建立)
_HEADING_BEFORE = re.compile(r"(?:^|[\s:：;；,，。、])([〇零一二三四五六七八九十百]+)$")
# the rest of a file name after a dot in it (会议纪要.定稿.docx), within one phrase
_FILE_NAME_REST = re.compile(r"[^\s。，；：、;,:!?()（）.]*\.[A-Za-z0-9]{1,5}(?![A-Za-z0-9])")


def _numbers_a_heading(text: str, position: int) -> bool:
    """Whether the full stop follows a heading's number (二.主要任务: a web copy's 二、) or
    stands between numerals (五.一劳动节): no sentence's end."""
    if _HEADING_BEFORE.search(text, 0, position):
        return True
    return text[position - 1:position] in _NUMERALS \
        and text[position + 1:position + 2] in _NUMERALS


def _ends_chinese_sentence(before: str, after: str) -> bool:
    """Whether a full stop between ``before`` and ``after`` ends a Chinese sentence
    (二是制定方案.), not a number's (1.5, １.５ in full-width figures), a file name's
    (方案.pdf) or an ellipsis (等...)."""
    return _chinese(before) and not _full_width_figure(before) and (
        not after or after.isspace() or (_chinese(after) and not _full_width_figure(after)))


def _full_width_figure(char: str) -> bool:
    """A full-width digit or Latin letter (１, Ｖ): part of a number or a name, no Chinese."""
    return "\uff10" <= char <= "\uff19" or "\uff21" <= char <= "\uff3a" \
        or "\uff41" <= char <= "\uff5a"


def _holds_or_touches_chinese(text: str, start: int, end: int) -> bool:
    return (any(_chinese(c) for c in text[start + 1:end]) or _chinese(_before(text, start))
            or _chinese(_after(text, end)))


def _quote_pairs(text: str, quote: str) -> list[tuple[int, int]]:
    """The positions of ASCII quotes taken in pairs, line by line (an odd last one is left
    alone). Marks that are no quotes are skipped: an inch mark after a figure where no
    quote is open (显示器27"), an apostrophe between letters (don't, Tom's)."""
    pairs: list[tuple[int, int]] = []
    open_at: int | None = None
    for position, char in enumerate(text):
        if char == "\n":
            open_at = None  # a quote left open does not pair across lines
        if char != quote:
            continue
        before, after = text[position - 1:position], text[position + 1:position + 2]
        if quote == "'" and before.isascii() and before.isalpha() and after.isascii() \
                and after.isalpha():
            continue
        if open_at is None:
            if not before.isdigit():
                open_at = position
        else:
            pairs.append((open_at, position))
            open_at = None
    return pairs


def _before(text: str, position: int) -> str:
    """The nearest character before ``position`` that is not a space ("" at the start)."""
    stripped = text[:position].rstrip(" ")
    return stripped[-1] if stripped else ""


def _after(text: str, position: int) -> str:
    stripped = text[position + 1:].lstrip(" ")
    return stripped[0] if stripped else ""


def _bracket_pairs(text: str) -> list[tuple[int, int]]:
    """The positions of matching ASCII brackets (unmatched ones are left alone)."""
    pairs, open_at = [], []
    for position, char in enumerate(text):
        if char == "(":
            open_at.append(position)
        elif char == ")" and open_at:
            pairs.append((open_at.pop(), position))
    return pairs
