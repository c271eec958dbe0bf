"""``CJKParagraph``: a reportlab Paragraph whose lines break by the 禁则 of ``kinsoku``.

reportlab 5.1's ``wordWrap="CJK"`` lets ，；：？！》” start a line, lets 《（“ end one and cuts
numbers ("0.0%）" on a new line). This class keeps reportlab's markup, drawing and page
splitting and replaces only the line breaking. Lines keep a straight right edge by character
spacing (PDF ``Tc``): a line with a hanging 点号 is squeezed to the text width, and in
justified text a line that ended early (an opening mark or a number pushed down) is spread
to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from reportlab.lib.abag import ABag
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.platypus.paragraph import (
    FragLine,
    Paragraph,
    ParaLines,
    cjkU,
    makeCJKParaLine,
)

from checklist_app.report.fonts import FontRole, FontSet
from checklist_app.report.kinsoku import FUZZ, break_lines

CHAR_SPACE = "kinsoku-char-space"  # the canvas callback that sets the character spacing
FAKE_BOLD = "fake-bold"  # the canvas callback that starts or ends bold text ("on" / "off")
BOLD_STROKE = 0.03  # ems of outline added to each glyph of bold text
MAX_SQUEEZE = 0.08  # ems at most taken between two characters to fit a line
# Ems at most added between two characters of a justified line: a line the breaking rules
# left short by up to five characters of 28 (a label or a number moved down whole) still
# ends at the margin (两端对齐); at 0.08 it was left ragged, 13 mm short.
MAX_SPREAD = 0.2
OBJECT = "\ufffc"  # what the breaker sees for a zero-width frag (a <br/>)


def _wordy(units: list[cjkU]) -> bool:
    """Whether a line holds English words set apart by spaces (two at least): spread by
    character spacing as Chinese is, their letters stood apart ("B y  s t a t u s"), so
    the line is left ragged. A Chinese line with figures set apart (截至 2024 年) is not."""
    text = "".join(units)
    return len(_SPACED_WORD.findall(text)) >= 2


_SPACED_WORD = re.compile(r"(?:(?<= )[A-Za-z]{2,}|[A-Za-z]{2,}(?= ))")
_WORD_CHARACTER = re.compile(r"[A-Za-z0-9'’.\-]")


def _spaced_after(visible: list[cjkU]) -> set[int]:
    """The units a spread or squeezed line spaces after: all but the last, and none inside
    a word or a number (one English word in a Chinese line read "c h e c k e d", 2024 read
    "2 0 2 4")."""
    def in_word(unit: cjkU) -> bool:
        return len(unit) == 1 and _WORD_CHARACTER.match(unit) is not None

    return {index for index, (unit, following) in enumerate(pairwise(visible))
            if not (in_word(unit) and in_word(following))}


def text_paragraph(fonts: FontSet, text: str, style, role: FontRole = FontRole.BODY
                   ) -> CJKParagraph:
    """User text as a paragraph, each run in a font that has its characters."""
    return CJKParagraph(fonts.markup(text, role), style)


def _set_char_space(canvas, _kind: str, label: str) -> None:
    canvas._curr_tx_info["tx"].setCharSpace(float(label))


def bold_markup(markup: str) -> str:
    """Paragraph markup drawn bold in any font.

    仿宋 has no bold face (Word and WPS embolden it themselves), so the glyphs are filled and
    stroked with a thin outline (PDF text render mode 2), as they do.
    """
    return (f'<onDraw name="{FAKE_BOLD}" label="on"/>{markup}'
            f'<onDraw name="{FAKE_BOLD}" label="off"/>')


def _set_fake_bold(canvas, _kind: str, label: str) -> None:
    info = canvas._curr_tx_info
    tx, size = info["tx"], info["xs"].style.fontSize
    if label == "on":
        tx._code.append(f"{size * BOLD_STROKE:.2f} w")  # the outline's width, in the text object
    tx.setTextRenderMode(2 if label == "on" else 0)


def _segments(frags: list) -> Iterator[list[cjkU]]:
    """Characters of the paragraph, one list per forced line (``<br/>`` ends a list)."""
    units: list[cjkU] = []
    for frag in frags:
        if getattr(frag, "kinsoku", False):
            continue  # spacing marks of lines laid out before a page split
        if frag.text:
            units += [cjkU(char, frag, "utf8") for char in frag.text]
        else:
            units.append(cjkU("", frag, "utf8"))
        if hasattr(frag, "lineBreak"):
            yield units
            units = []
    if units:
        yield units


def _split_frags(lines: ParaLines, start: int, stop: int) -> list:
    """The frags of lines ``start:stop``, for the part of a paragraph on the next page.

    reportlab's own adds a space after each line, which shows between Chinese characters.
    """
    return [word for line in lines.lines[start:stop] for word in line.words
            if not getattr(word, "kinsoku", False)]


class CJKParagraph(Paragraph):
    """A Paragraph with ``wordWrap="CJK"`` broken by ``kinsoku.break_lines``."""

    def breakLinesCJK(self, maxWidths):
        if not self.frags:
            return super().breakLinesCJK(maxWidths)
        if hasattr(self, "blPara") and getattr(self, "_splitpara", 0):
            return self.blPara
        widths = list(maxWidths) if isinstance(maxWidths, (list, tuple)) else [maxWidths]
        self.height = 0
        carried = getattr(self, "_carried_lines", None)
        if carried is not None and all(abs(w - carried[0]) < FUZZ for w in widths):
            self._broken = carried
            return ParaLines(kind=1, lines=list(carried[1]))
        auto = getattr(self, "autoLeading", getattr(self.style, "autoLeading", ""))
        bounds = auto not in ("", "off")
        segments = list(_segments(self.frags))
        # A hanging mark is squeezed in, an em over the line: only lines of many characters.
        hang = min(widths) * MAX_SQUEEZE > self.style.fontSize
        lines: list[FragLine] = []
        for number, units in enumerate(segments):
            text = "".join(u or OBJECT for u in units)
            spans = break_lines(text, [u.width for u in units], widths[len(lines):] or widths[-1:],
                                hang=hang)
            for index, (start, end) in enumerate(spans):
                width = widths[min(len(lines), len(widths) - 1)]
                last_of_segment = index == len(spans) - 1
                forced = last_of_segment and hasattr(units[-1].frag, "lineBreak")
                last = last_of_segment and number == len(segments) - 1
                lines.append(self._line(units[start:end], width, forced, last, bounds))
        self._broken = (widths[-1], lines)
        return ParaLines(kind=1, lines=lines)

    def split(self, availWidth, availHeight):
        """reportlab's split; the part for the next page keeps the lines already broken
        (at the same width it would break them again, each page the whole rest: a long
        paragraph took time growing with the square of its pages)."""
        parts = super().split(availWidth, availHeight)
        broken = getattr(self, "_broken", None)
        if len(parts) == 2 and isinstance(parts[1], CJKParagraph) and broken is not None:
            first = len(parts[0].blPara.lines)
            parts[1]._carried_lines = (broken[0], broken[1][first:])
        return parts

    def _line(self, units: list[cjkU], width: float, forced: bool, last: bool,
              bounds: bool) -> FragLine:
        """One line, spaced to ``width`` when it is too wide or, justified, a little short."""
        used = sum(u.width for u in units)
        extra = width - used
        visible = [u for u in units if u]
        justify = self.style.alignment == TA_JUSTIFY and not (forced or last or _wordy(visible))
        squeeze = extra < -FUZZ
        limit = MAX_SQUEEZE if squeeze else MAX_SPREAD
        spaced = _spaced_after(visible)
        if not spaced or abs(extra / len(spaced)) > limit * self.style.fontSize:
            spaced = set(range(len(visible) - 1))  # too much for the gaps between words:
            # spread through them too rather than leave the line ragged
        space = extra / len(spaced) if spaced else 0.0
        if not spaced or not (squeeze or (justify and space > FUZZ)) or (
                abs(space) > limit * self.style.fontSize):
            return makeCJKParaLine(units, width, used, extra, forced, bounds)
        return makeCJKParaLine(self._spaced(units, spaced, space), width, width, 0.0, forced,
                               bounds)

    def _spaced(self, units: list[cjkU], spaced: set[int], space: float) -> list[cjkU]:
        """``units`` with marks that set ``space`` after each visible unit of ``spaced``
        (by index among the visible ones) and none after the others."""
        marked: list[cjkU] = []
        current, index = 0.0, 0
        for unit in units:
            if unit:
                wanted = space if index in spaced else 0.0
                if wanted != current:
                    marked.append(self._spacing(unit.frag, wanted))
                    current = wanted
                index += 1
            marked.append(unit)
        if current:
            marked.append(self._spacing(marked[-1].frag, 0.0))
        return marked

    @staticmethod
    def _spacing(frag, space: float) -> cjkU:
        """A zero-width mark that sets the character spacing when the line is drawn."""
        mark = ABag(kind="onDraw", name=CHAR_SPACE, label=repr(space))
        return cjkU("", frag.clone(text="", cbDefn=mark, kinsoku=True), "utf8")

    def _get_split_blParaFunc(self):
        return _split_frags if self.blPara.kind == 1 else super()._get_split_blParaFunc()

    def draw(self) -> None:
        self.canv.setNamedCB(CHAR_SPACE, _set_char_space)
        self.canv.setNamedCB(FAKE_BOLD, _set_fake_bold)
        super().draw()
