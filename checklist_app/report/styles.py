"""Page geometry and paragraph styles: GB/T 9704-2012 for the 公文 part, tables for annexes.

GB/T 9704 puts the text block (版心) 156 × 225 mm on A4, 37 mm from the top edge and 28 mm
from the binding (left) edge, with 22 lines of 28 characters of 3号 (16 pt) 仿宋. 28 characters
of exactly 16 pt would be 158 mm, wider than the block, so the body size is 156 mm / 28 (≈ 15.8
pt) and the line pitch 225 mm / 22 (in whole twips): the standard's character grid, as Word's
文档网格 does.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from checklist_app.report.fonts import FontRole, FontSet


class ReportStyle(StrEnum):
    GBT9704 = "gbt9704"  # the official layout: 公文 part + annexes
    COMPACT = "compact"  # internal working copy: portrait, smaller type, annexes only


@dataclass(frozen=True, slots=True)
class PageGeometry:
    """A page size and its text block, in points."""

    size: tuple[float, float]
    left: float
    top: float
    width: float
    height: float

    @property
    def bottom(self) -> float:
        return self.size[1] - self.top - self.height


GBT9704_PAGE = PageGeometry(A4, 28 * mm, 37 * mm, 156 * mm, 225 * mm)
# Annex tables: landscape A4, the table's head on the binding edge (at least 20 mm). Its
# left edge is the sheet's foot when held upright: as wide as the portrait pages' foot,
# where the page number stands as on them (GB/T 9704-2012 10.2).
LANDSCAPE_PAGE = PageGeometry(landscape(A4), 35 * mm, 20 * mm, 242 * mm, 162 * mm)
COMPACT_PAGE = PageGeometry(A4, 20 * mm, 18 * mm, 170 * mm, 257 * mm)

GBT9704_CHARS_PER_LINE = 28
GBT9704_LINES_PER_PAGE = 22
BODY_SIZE = GBT9704_PAGE.width / GBT9704_CHARS_PER_LINE  # 3号, fitted to the grid
# Rounded down to whole twips, as the Word copy's grid is: 225 mm / 22 exactly made the
# summed heights of a page's paragraphs a hair taller than the block, so a page held 21.
BODY_LEADING = math.floor(GBT9704_PAGE.height * 20 / GBT9704_LINES_PER_PAGE) / 20
TITLE_SIZE = 22.0  # 2号
COMPACT_TITLE_SIZE = 16.0  # the working copy is no 公文: a smaller title
TITLE_LEADING = 1.5  # of the title's size
TABLE_LEADING = 1.35  # of the table text's size
PAGE_NUMBER_SIZE = 14.0  # 4号
PAGE_NUMBER_GAP = 7 * mm  # 页码: its 一字线 this far below the text block (GB/T 9704 7.5)
# The number's line starts this far below the block: its baseline is 0.8 em into the line
# and a CJK font's 一字线 some 0.3 em above the baseline (the line's top was at 7 mm, the
# dashes 9.4 mm down).
PAGE_NUMBER_LINE_GAP = PAGE_NUMBER_GAP - 0.5 * PAGE_NUMBER_SIZE


def table_size(style: ReportStyle) -> float:
    """Size of table text (宋体 cells, 黑体 headers), in the PDF and the Word copy."""
    return 8.0 if style is ReportStyle.COMPACT else 9.0


@dataclass(frozen=True, slots=True)
class Styles:
    """All paragraph styles of one report."""

    title: ParagraphStyle
    addressee: ParagraphStyle
    body: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    signature: ParagraphStyle
    annex_label: ParagraphStyle
    annex_title: ParagraphStyle
    cell: ParagraphStyle
    header: ParagraphStyle
    small: ParagraphStyle
    table_size: float


def _style(
    name: str, fonts: FontSet, role: FontRole, size: float, leading: float, **kw: object
) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=fonts.name(role),
        fontSize=size,
        leading=leading,
        wordWrap="CJK",  # lines broken by 禁则: paragraphs.CJKParagraph
        allowWidows=1,
        allowOrphans=1,
        **kw,
    )


def build_styles(fonts: FontSet, style: ReportStyle) -> Styles:
    compact = style is ReportStyle.COMPACT
    size = 11.0 if compact else BODY_SIZE
    leading = 16.0 if compact else BODY_LEADING
    cell_size = table_size(style)
    indent = 2 * size  # 首行缩进二字
    f, role = fonts, FontRole
    return Styles(
        title=_style("title", f, role.TITLE, COMPACT_TITLE_SIZE if compact else TITLE_SIZE,
                     24 if compact else TITLE_LEADING * TITLE_SIZE, alignment=TA_CENTER,
                     spaceAfter=leading),
        addressee=_style("addressee", f, role.BODY, size, leading, alignment=TA_LEFT),
        body=_style("body", f, role.BODY, size, leading, alignment=TA_JUSTIFY,
                    firstLineIndent=indent),
        h1=_style("h1", f, role.HEADING, size, leading, firstLineIndent=indent,
                  keepWithNext=1),
        h2=_style("h2", f, role.KAI, size, leading, firstLineIndent=indent, keepWithNext=1),
        h3=_style("h3", f, role.BODY, size, leading, firstLineIndent=indent, keepWithNext=1),
        signature=_style("signature", f, role.BODY, size, leading, alignment=TA_RIGHT),
        annex_label=_style("annex_label", f, role.HEADING, 12 if compact else BODY_SIZE,
                           18 if compact else BODY_LEADING, alignment=TA_LEFT,
                           keepWithNext=1),
        annex_title=_annex_title(f, compact),
        cell=_style("cell", f, role.SONG, cell_size, cell_size * TABLE_LEADING),
        header=_style("header", f, role.HEADING, cell_size, cell_size * TABLE_LEADING,
                      alignment=TA_CENTER),
        small=_style("small", f, role.SONG, cell_size, cell_size * 1.5),
        table_size=cell_size,
    )


def _annex_title(fonts: FontSet, compact: bool) -> ParagraphStyle:
    """GB/T 9704 §8: the annex title in the title's 2号小标宋, centred on the third line of
    the text block, under 附件N on the first; the line between is left blank. The landscape
    annex pages keep the size: a short title fits, and 附件N stays a 3号 line above it.
    The compact working copy is no 公文 and keeps its smaller title, right under the label."""
    if compact:
        return _style("annex_title", fonts, FontRole.TITLE, 14, 20, alignment=TA_CENTER,
                      spaceAfter=6, keepWithNext=1)
    return _style("annex_title", fonts, FontRole.TITLE, TITLE_SIZE, TITLE_LEADING * TITLE_SIZE,
                  alignment=TA_CENTER, spaceBefore=BODY_LEADING, spaceAfter=6, keepWithNext=1)
