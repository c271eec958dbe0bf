"""The numbers Word draws in front of auto-numbered paragraphs (List Number, 编号).

Their text holds no "1." or "（一）": the number comes from the paragraph's (or its style's)
numbering and the document's numbering definitions. Without it, auto-numbered tasks ran
together into the clause above them. :class:`AutoNumbers` gives each paragraph the label
Word shows, counting as Word does: per list and level, a level restarting under a new
number of the level above.
"""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn

_CHINESE_DIGITS = "〇一二三四五六七八九"


def chinese_number(value: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 23 → 二十三 (to 99, as documents count clauses)."""
    tens, ones = divmod(value, 10)
    if value < 10:
        return _CHINESE_DIGITS[value]
    if value >= 100:
        return str(value)
    return (_CHINESE_DIGITS[tens] if tens > 1 else "") + "十" + (
        _CHINESE_DIGITS[ones] if ones else "")


_FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
_FORMATS = {
    "decimal": str,
    "decimalFullWidth": lambda n: str(n).translate(_FULL_WIDTH_DIGITS),
    "chineseCounting": chinese_number,
    "chineseCountingThousand": chinese_number,
    "ideographTraditional": lambda n: "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10],
    "lowerLetter": lambda n: chr(ord("a") + (n - 1) % 26),
    "upperLetter": lambda n: chr(ord("A") + (n - 1) % 26),
}


class AutoNumbers:
    """The labels of a document's auto-numbered paragraphs, in reading order."""

    def __init__(self, document: Any) -> None:
        self._levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self._counts: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return  # no numbering part: nothing is auto-numbered
        abstract = {a.get(qn("w:abstractNumId")): a for a in root.findall(qn("w:abstractNum"))}
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            definition = abstract.get(ref.get(qn("w:val"))) if ref is not None else None
            if definition is not None:
                self._read_levels(num.get(qn("w:numId")), definition)

    def _read_levels(self, num_id: str, definition: Any) -> None:
        for level in definition.findall(qn("w:lvl")):
            fmt, text, start = (level.find(qn(tag)) for tag in ("w:numFmt", "w:lvlText",
                                                                 "w:start"))
            self._levels[(num_id, int(level.get(qn("w:ilvl"), "0")))] = (
                fmt.get(qn("w:val")) if fmt is not None else "decimal",
                text.get(qn("w:val")) if text is not None else "",
                int(start.get(qn("w:val"))) if start is not None else 1)

    def label(self, paragraph: Any) -> str:
        """The number Word draws before ``paragraph`` ("" when it has none)."""
        num_id, level = _numbering_of(paragraph)
        if num_id is None or (num_id, level) not in self._levels:
            return ""
        counts = self._counts.setdefault(num_id, [0] * 9)
        counts[level] += 1
        counts[level + 1:] = [0] * (len(counts) - level - 1)  # deeper levels start again
        fmt, pattern, start = self._levels[(num_id, level)]
        label = pattern
        for depth in range(level + 1):
            shown_fmt, _text, shown_start = self._levels.get((num_id, depth), (fmt, "", start))
            value = shown_start + max(counts[depth], 1) - 1
            number = _FORMATS.get(shown_fmt, str)(value)
            label = label.replace(f"%{depth + 1}", number)
        return label if fmt in _FORMATS else ""


def _numbering_of(paragraph: Any) -> tuple[str | None, int]:
    """The list id and level of a paragraph: its own numbering, else its style's."""
    for holder in (paragraph._p.pPr, _style_ppr(paragraph)):
        num_pr = holder.numPr if holder is not None else None
        if num_pr is not None and num_pr.numId is not None:
            level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
            num_id = str(num_pr.numId.val)
            return (None, 0) if num_id == "0" else (num_id, int(level))
    return None, 0


def _style_ppr(paragraph: Any) -> Any:
    try:
        return paragraph.style.element.pPr
    except (AttributeError, KeyError):
        return None
