"""Chinese punctuation as printed documents use it: 。，；：（）, not , ; : ( ).

Web copies of policy documents (all five shipped ones) and many imported files use ASCII
punctuation inside Chinese sentences. The workspace keeps the text as imported (ids, search
and the parser work on it); a report prints the marks a Chinese document prints. A mark is
made full-width where it stands in Chinese text: next to a Chinese character or mark, or
for brackets, holding or touching one. Figures keep theirs: 1,250, 10:30, (a).
"""

from __future__ import annotations

import re

_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
# CJK ideographs and the CJK marks around them (。，、“” 《》 …).
_CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2014\u2026\u201c\u201d]")


def _chinese(char: str) -> bool:
    return bool(char) and bool(_CHINESE.match(char))


def full_width_punctuation(text: str) -> str:
    """``text`` with the ASCII marks of its Chinese sentences made full-width."""
    if not any(mark in text for mark in _FULL):
        return text
    chars = list(text)
    for start, end in _bracket_pairs(text):
        inside = text[start + 1:end]
        if (any(_chinese(c) for c in inside) or _chinese(_before(text, start))
                or _chinese(_after(text, end))):
            chars[start], chars[end] = "（", "）"
    for position, char in enumerate(text):
        if char in ",;:?!" and (_chinese(_before(text, position))
                                or _chinese(_after(text, position))):
            chars[position] = _FULL[char]
    return "".join(chars)


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
