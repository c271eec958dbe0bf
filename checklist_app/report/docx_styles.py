"""The Word copy's named paragraph styles: each kind of text GB/T 9704 sets its own way
(标题, 一级标题, 附件标识, the tables' type) carries its font, size and spacing in a style
of its own, not in its runs. An office that edits the copy picks 一级标题 for a heading it
adds and gets 3号黑体; changing the style changes every heading; the navigation pane lists
the headings by their style's outline level.

Staff's own headings (二级标题 （一）, 三级标题 1.) stand alone as paragraphs or run into
one (“（一）标准供给持续优化。全年…”); a run-in heading takes a character style linked to
the paragraph style, as Word links 标题 1 and 标题 1 字符, so restyling one restyles both.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.styles.style import BaseStyle

from checklist_app.report.docx_page import Grid, indent, off_grid, outline_level, set_fonts

# The styles' names, as Word's and WPS's style lists show them.
TITLE, LEVEL1, ANNEX_LABEL, ANNEX_TITLE = "公文标题", "一级标题", "附件标识", "附件标题"
CAPTION, HEADER_CELL, CELL, TABLE_NOTE = "表题", "表头", "表格文字", "表注"
LEVEL2, LEVEL3 = "二级标题", "三级标题"  # staff's （一） and 1. headings
# The character styles of the same headings run into a paragraph, named as Word names
# those of its own linked heading styles (标题 1 字符).
RUN_IN = {LEVEL2: "二级标题字符", LEVEL3: "三级标题字符"}
# Their names in an English report.
ENGLISH_NAMES = {TITLE: "Report Title", LEVEL1: "Section Heading", ANNEX_LABEL: "Annex Label",
                 ANNEX_TITLE: "Annex Title", CAPTION: "Table Caption",
                 HEADER_CELL: "Table Header", CELL: "Table Text", TABLE_NOTE: "Table Note",
                 LEVEL2: "Subsection Heading", LEVEL3: "Point Heading",
                 RUN_IN[LEVEL2]: "Subsection Heading Char", RUN_IN[LEVEL3]: "Point Heading Char"}
# What follows w:link in w:style (ECMA-376 17.7.4.17).
_AFTER_LINK = ("w:autoRedefine", "w:hidden", "w:uiPriority", "w:semiHidden", "w:unhideWhenUsed",
               "w:qFormat", "w:locked", "w:personal", "w:personalCompose", "w:personalReply",
               "w:rsid", "w:pPr", "w:rPr", "w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr")


def style_name(key: str, lang: str) -> str:
    """The name style ``key`` (TITLE, CELL, …) goes by in a report in ``lang``."""
    return key if lang == "zh" else ENGLISH_NAMES[key]


@dataclass(frozen=True, slots=True)
class StyleSpec:
    """One paragraph style, based on Normal (the body): what it sets differently."""

    name: str
    east_asian: str
    size: float  # pt
    line: float | None = None  # exact line spacing in pt; None: Normal's grid line
    grid: Grid | None = None  # the grid its indents are counted on; None: keeps 首行缩进
    alignment: WD_ALIGN_PARAGRAPH | None = None  # None: Normal's, justified
    outline: int | None = None  # listed in the navigation pane at this level
    keep_with_next: bool = False
    before: float = 0.0
    after: float = 0.0
    snaps_to_grid: bool = True
    bold: bool = False
    body_follows: bool = False  # a heading: Enter after it starts a body (Normal) paragraph


def add_style(doc: Document, spec: StyleSpec, latin: str, lang: str = "zh") -> None:
    """Add ``spec`` to the document's styles (a paragraph style shown in the style list),
    named in the report's language."""
    style = doc.styles.add_style(style_name(spec.name, lang), WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True  # in the Home tab's style gallery
    if spec.body_follows:  # else Word's next paragraph would be one more heading
        style.next_paragraph_style = doc.styles["Normal"]
    style.font.size = Pt(spec.size)
    style.font.bold = spec.bold or None
    set_fonts(style.element.get_or_add_rPr(), latin, spec.east_asian)
    fmt = style.paragraph_format
    if spec.line is not None:
        fmt.line_spacing = Pt(spec.line)
    fmt.space_before, fmt.space_after = Pt(spec.before), Pt(spec.after)
    fmt.keep_with_next = spec.keep_with_next or None
    if spec.alignment is not None:
        fmt.alignment = spec.alignment
    ppr = style.element.get_or_add_pPr()
    if spec.grid is not None:
        indent(ppr, spec.grid)  # no 首行缩进
    if spec.outline is not None:
        outline_level(ppr, spec.outline)
    if not spec.snaps_to_grid:
        off_grid(ppr)


def add_run_in_style(doc: Document, heading: str, lang: str = "zh") -> None:
    """The character style ``RUN_IN[heading]``: the paragraph style ``heading``'s type,
    linked both ways with it, so that Word changes the one with the other."""
    paragraph_style = doc.styles[style_name(heading, lang)]
    style = doc.styles.add_style(style_name(RUN_IN[heading], lang), WD_STYLE_TYPE.CHARACTER)
    style.base_style = doc.styles["Default Paragraph Font"]
    style.element._insert_rPr(deepcopy(paragraph_style.element.rPr))
    _link(paragraph_style, style)
    _link(style, paragraph_style)


def _link(style: BaseStyle, other: BaseStyle) -> None:
    link = OxmlElement("w:link")
    link.set(qn("w:val"), other.style_id)
    style.element.insert_element_before(link, *_AFTER_LINK)
