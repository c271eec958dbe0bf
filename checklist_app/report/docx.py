"""The same report as an editable Word file (python-docx), for offices to edit before stamping.

Word picks its own fallback fonts, so the text is written as is (only characters XML cannot
hold are removed); the East Asian font names are those GB/T 9704 asks for. The completion bars
of 各部分完成情况 are table cells shaded in proportion (python-docx makes no charts, and no
image renderer is needed). Pages, the grid and the page numbers: report/docx_page.py.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Iterator
from datetime import UTC, datetime
from itertools import accumulate, pairwise
from pathlib import Path

from docx import Document as WordDocument
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Length, Mm, Pt, Twips
from docx.table import Table as WordTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from checklist_app.report.annex_blocks import Block, annex_blocks, leads_into_table
from checklist_app.report.annex_rows import AnnexRows
from checklist_app.report.content import ReportFacts
from checklist_app.report.docx_fonts import describe_fonts
from checklist_app.report.docx_page import (
    SONG,
    Grid,
    add_page_numbers,
    gbt9704_grid,
    plain_grid,
    set_fonts,
    set_normal,
    set_page,
)
from checklist_app.report.docx_page import indent as set_indent
from checklist_app.report.docx_properties import set_properties
from checklist_app.report.docx_styles import (
    ANNEX_LABEL,
    ANNEX_TITLE,
    CAPTION,
    CELL,
    HEADER_CELL,
    LEVEL1,
    LEVEL2,
    LEVEL3,
    RUN_IN,
    TABLE_NOTE,
    TITLE,
    StyleSpec,
    add_run_in_style,
    add_style,
    style_name,
)
from checklist_app.report.headings import run_in_heading
from checklist_app.report.kinsoku import CANNOT_END, CANNOT_START
from checklist_app.report.official import (
    COMPACT_TITLE_CAPACITY,
    SEAL_LINES,
    Kind,
    OfficialText,
    addressee_line,
    report_title,
    report_title_lines,
)
from checklist_app.report.parts import Contents
from checklist_app.report.styles import (
    COMPACT_PAGE,
    COMPACT_TITLE_SIZE,
    GBT9704_PAGE,
    LANDSCAPE_PAGE,
    TABLE_LEADING,
    TITLE_LEADING,
    TITLE_SIZE,
    ReportStyle,
    table_size,
)
from checklist_app.report.wording import Wording

# East Asian font names GB/T 9704 asks for; Word substitutes what the machine has.
FANGSONG, HEITI, TITLE_FONT = "仿宋_GB2312", "黑体", "方正小标宋简体"
LATIN = "Times New Roman"
# 3号. The PDF sets 156 mm / 28 (≈ 15.8 pt) to fit 28 to a line (report/styles.py); Word
# keeps the size and fits 28 to a line by its character grid (docGrid charSpace).
WORD_BODY_SIZE = 16.0
HEADER_FILL = "E6E6E6"  # the PDF's header row (report/tables.py)
NOTE_LEADING = 1.5  # of the table type, for the notes under and between tables
KAITI = "楷体_GB2312"  # 二级标题
# The completion bar of 各部分完成情况, as in the PDF: a track with a filled part and the rate.
BAR_COLOR, BAR_TRACK = "3A6EA5", "DDDDDD"  # the PDF's colours (report/tables.py)
BAR_SHARE = 0.68  # of the cell's width; the rest holds the rate, as in the PDF
BAR_LINE = 8.0  # pt, the shaded cells' empty line: the rate's line sets the row's height
CELL_MARGINS = Mm(4)  # Word's default left + right cell margins (2 × 0.19 cm), rounded up
# Word's least exact line spacing (固定值 0.7 磅), for the empty paragraph that ends a section:
# a page of 22 grid lines leaves 18 twips (0.9 pt) below them, too little for 1 pt.
SECTION_END_LINE = 0.7
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Direction marks, embeddings, overrides and isolates: in a file name they make
# "rtl\u202egnp.exe" read as "rtlexe.png", and they reorder the rest of the line. The PDF
# draws none of them; the Word copy leaves them out too.
_BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """``text`` as the PDF prints it: no characters XML refuses, no direction controls."""
    return _BIDI_CONTROLS.sub("", _XML_ILLEGAL.sub("", str(text)))


class _Writer:
    def __init__(self, facts: ReportFacts, w: Wording, style: ReportStyle,
                 column_widths: Callable[[Block], list[float]] | None = None) -> None:
        self.facts, self.w, self.style = facts, w, style
        self.column_widths = column_widths
        self.doc = WordDocument()
        chinese_line_breaking(self.doc)
        word_2013_layout(self.doc)
        describe_fonts(self.doc)
        compact = style is ReportStyle.COMPACT
        self.grid = (plain_grid(11, 16) if compact
                     else gbt9704_grid(GBT9704_PAGE, WORD_BODY_SIZE))
        self.size = self.grid.size
        cell = table_size(style)
        self.cell = plain_grid(cell, cell * TABLE_LEADING)
        set_normal(self.doc, self.grid, LATIN, FANGSONG)
        for spec in self._style_specs():
            add_style(self.doc, spec, LATIN, self.w.lang)
        for heading in RUN_IN:
            add_run_in_style(self.doc, heading, self.w.lang)
        self._page(self.doc.sections[0], landscape=False)

    def _style_specs(self) -> list[StyleSpec]:
        """The named styles, sized as the PDF sets each kind of text in this report style."""
        compact = self.style is ReportStyle.COMPACT
        grid, cell = self.grid, self.cell.size.pt
        label, label_line, title, title_line = ((12, 18, 14, 20) if compact else (
            WORD_BODY_SIZE, grid.line.pt, TITLE_SIZE, TITLE_LEADING * TITLE_SIZE))
        centre, left = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT
        return [
            StyleSpec(TITLE, TITLE_FONT, TITLE_SIZE, TITLE_LEADING * TITLE_SIZE, grid, centre,
                      after=grid.line.pt, snaps_to_grid=False,  # 标题下空一行
                      body_follows=True),
            StyleSpec(LEVEL1, HEITI, self.size.pt, outline=0, keep_with_next=True,
                      body_follows=True),
            # staff's （一） and 1. headings: the body's paragraph, 首行缩进 and all
            StyleSpec(LEVEL2, KAITI, self.size.pt, outline=1, keep_with_next=True,
                      body_follows=True),
            StyleSpec(LEVEL3, FANGSONG, self.size.pt, outline=2, keep_with_next=True,
                      bold=True, body_follows=True),
            StyleSpec(ANNEX_LABEL, HEITI, label, label_line, grid, outline=0,
                      keep_with_next=True, body_follows=True),
            StyleSpec(ANNEX_TITLE, TITLE_FONT, title, title_line, grid, centre,
                      keep_with_next=True, before=0 if compact else label_line, after=6,
                      snaps_to_grid=False, body_follows=True),
            StyleSpec(CAPTION, HEITI, cell + 1.5, (cell + 1.5) * 1.4, self.cell,
                      keep_with_next=True, before=6, after=3, body_follows=True),
            StyleSpec(HEADER_CELL, HEITI, cell, cell * TABLE_LEADING, self.cell, centre),
            StyleSpec(CELL, SONG, cell, cell * TABLE_LEADING, self.cell, left),
            StyleSpec(TABLE_NOTE, SONG, cell, cell * NOTE_LEADING, self.cell, left),
        ]

    def styled(self, text: str, style: str):
        """A paragraph in one of the named styles, its run without formatting of its own."""
        para = self.doc.add_paragraph(style=style_name(style, self.w.lang))
        para.add_run(clean(text))
        return para

    def annex_section(self) -> None:
        """The next annex's section, from a new page. The section before ends in an empty
        paragraph holding its properties (python-docx adds it); in the body's 29 pt line it
        went onto a page of its own after a full page, and Word printed a blank page with
        only a page number. It takes Word's thinnest line instead."""
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        _empty_line(self.doc.paragraphs[-1], SECTION_END_LINE)
        self._page(section, landscape=True)

    def _page(self, section, *, landscape: bool) -> None:
        """The PDF's pages: GB/T 9704 portrait on the grid, landscape annexes, compact."""
        if self.style is ReportStyle.COMPACT:
            set_page(section, COMPACT_PAGE, self.grid)
        elif landscape:
            set_page(section, LANDSCAPE_PAGE, None)
        else:
            set_page(section, GBT9704_PAGE, self.grid)

    def paragraph(self, text: str, *, font: str = FANGSONG, size: Length | None = None,
                  align=None, indent: bool = False, keep_with_next: bool = False,
                  line: Length | None = None, grid: Grid | None = None):
        """A paragraph of one run; ``keep_with_next`` for headings, as the PDF keeps them.

        Body paragraphs (``indent``) take the Normal style's spacing and 首行缩进; others
        undo the indent. ``line`` is the exact line spacing of type other than the body's.
        """
        para = self.doc.add_paragraph()
        if keep_with_next:  # Word and WPS move it to the next page with what follows
            para.paragraph_format.keep_with_next = True
        self.run(para, text, font, size or self.size)
        if align is not None:
            para.alignment = align
        if not indent:
            set_indent(para._p.get_or_add_pPr(), grid or self.grid)
        if line is not None:
            para.paragraph_format.line_spacing = line
        return para

    def run(self, para, text: str, font: str, size: Length) -> None:
        """A run; in the body's own type it carries no direct font, the Normal style's."""
        run = para.add_run(clean(text))
        if (font, size) != (FANGSONG, self.size):
            run.font.size = size
            set_fonts(run._r.get_or_add_rPr(), LATIN, font)

    def small(self, text: str, *, heading: bool = False, before: float = 0,
              indent: bool = False, keep_with_next: bool = False):
        """A paragraph in table type (表注): notes, the sign-off line, 备注全文; a
        ``heading`` (a long note's caption) in 黑体."""
        para = self.styled(text, TABLE_NOTE)
        if heading:
            set_fonts(para.runs[0]._r.get_or_add_rPr(), LATIN, HEITI)
        fmt = para.paragraph_format
        fmt.space_before = Pt(before)
        fmt.keep_with_next = keep_with_next or None
        if indent:
            set_indent(para._p.get_or_add_pPr(), self.cell, first=2)
        return para

    def table(self, header: list[str], rows: list[list[str]],
              centred: Collection[int] = ()) -> WordTable:
        """A ruled table in the PDF's table type; the header row repeats on every page;
        ``centred``: columns whose cells are centred, as in the PDF."""
        table = self.doc.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        _at_left_margin(table)
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            self.cell_text(cell, text, header=True)
            _shade(cell, HEADER_FILL)
        trpr = table.rows[0]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")  # header repeats on every page
        repeat.set(qn("w:val"), "true")
        trpr.append(repeat)
        for cell in table.rows[0].cells:  # the header row never ends a page alone
            for para in cell.paragraphs:
                para.paragraph_format.keep_with_next = True
        for row in rows:
            added = table.add_row()
            # a row moves whole to the next page (Word splits one only if taller than a
            # page): the PDF names a split row again with （续）, which Word cannot do
            added._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
            for column, (cell, text) in enumerate(zip(added.cells, row, strict=True)):
                self.cell_text(cell, text, centred=column in centred)
        return table

    def cell_text(self, cell: _Cell, text: str, *, header: bool = False,
                  scale: float = 1.0, centred: bool = False) -> None:
        """``text`` in a cell as the PDF sets it: 宋体, 黑体 centred in the header row
        (``centred``: a body cell too)."""
        para = cell.paragraphs[0]
        para.style = self.doc.styles[style_name(HEADER_CELL if header else CELL, self.w.lang)]
        run = para.add_run(clean(text))
        if scale != 1.0:
            run.font.size = Pt(self.cell.size.pt * scale)
            para.paragraph_format.line_spacing = Pt(run.font.size.pt * TABLE_LEADING)
        if centred:
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def subheading(self, key: str) -> None:
        """A table caption, as the PDF's: 黑体 a size above the table's, kept with it."""
        self.styled(self.w(key), CAPTION)


def chinese_line_breaking(doc: WordDocument) -> None:
    """Have Word and WPS break lines by the PDF's 禁则 rules.

    python-docx's template marks East Asian text as en-US, which leaves Word's Chinese
    line-breaking rules unused; the text is marked zh-CN, and the characters that may not
    start or end a line are given as the document's own (custom) rules for zh-CN.
    """
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    language = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    language.set(qn("w:eastAsia"), "zh-CN")
    settings = doc.settings.element
    anchor = settings.find(qn("w:characterSpacingControl"))
    for tag, chars in (("w:noLineBreaksAfter", CANNOT_END), ("w:noLineBreaksBefore", CANNOT_START)):
        rule = OxmlElement(tag)
        rule.set(qn("w:lang"), "zh-CN")
        rule.set(qn("w:val"), "".join(sorted(chars)))
        anchor.addnext(rule)
        anchor = rule  # schema order: characterSpacingControl, …After, …Before


def word_2013_layout(doc: WordDocument) -> None:
    """Have Word lay the copy out as Word 2013 and later do (compatibilityMode 15), not as
    Word 2010 (14, python-docx's template): Word showed [兼容模式] in its title bar, and put
    each table's border 108 twips (a cell's margin) left of the text block's edge."""
    settings = doc.settings.element
    found = settings.xpath("w:compat/w:compatSetting[@w:name='compatibilityMode']")
    if found:
        found[0].set(qn("w:val"), "15")
        return
    compat = settings.find(qn("w:compat"))  # a template without the setting: add it
    mode = OxmlElement("w:compatSetting")
    for name, value in (("w:name", "compatibilityMode"),
                        ("w:uri", "http://schemas.microsoft.com/office/word"), ("w:val", "15")):
        mode.set(qn(name), value)
    compat.append(mode)


def _shade(cell: _Cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _at_left_margin(table: WordTable) -> None:
    """The table's border on the text block's left edge (``w:tblInd`` 0, its own, not
    the Table Grid style's, which an office's template may define otherwise)."""
    tbl_pr = table._tbl.tblPr
    indent = OxmlElement("w:tblInd")
    indent.set(qn("w:w"), "0")
    indent.set(qn("w:type"), "dxa")
    tbl_pr.insert_element_before(indent, "w:tblBorders", "w:shd", "w:tblLayout",
                                 "w:tblCellMar", "w:tblLook", "w:tblCaption",
                                 "w:tblDescription", "w:tblPrChange")


def _fixed_widths(table: WordTable, widths: list[Length]) -> None:
    """Fixed layout with exact column widths, so shaded cells keep their proportions.

    The columns' edges are rounded to whole twips, not each width, so that the table is as
    wide as the widths' sum (the text block's width) and not a twip or two off; the table's
    width is that sum."""
    table.autofit = False  # <w:tblLayout w:type="fixed"/>
    edges = [round(edge / Twips(1)) for edge in accumulate(widths, initial=0)]
    for column, (start, end) in zip(table.columns, pairwise(edges), strict=True):
        column.width = Twips(end - start)
        for cell in column.cells:
            cell.width = Twips(end - start)
    total = table._tbl.tblPr.find(qn("w:tblW"))
    total.set(qn("w:type"), "dxa")
    total.set(qn("w:w"), str(edges[-1]))


def bar_widths(fraction: float, bar: Length) -> list[tuple[Length, str]]:
    """(width, fill) of the bar's cells: done, not done; zero-width cells are left out."""
    fraction = min(max(fraction, 0.0), 1.0)
    done = Emu(round(bar * fraction))
    cells = [(done, BAR_COLOR), (Emu(bar - done), BAR_TRACK)]
    return [(width, fill) for width, fill in cells if width > 0]


def add_bar(cell: _Cell, fraction: float, label: str) -> _Cell:
    """Replace the cell's text by a one-row table: the shaded bar, then ``label``'s cell,
    which is returned for the caller to write the label in.

    python-docx cannot make native charts, so the bar is table cells shaded in proportion;
    Word, WPS and LibreOffice all draw cell shading, and the bar stays editable.
    """
    room = Emu((cell.width or Mm(50)) - CELL_MARGINS)  # the bar fits in the cell's width
    bar_width = Emu(round(room * BAR_SHARE))
    parts = bar_widths(fraction, bar_width)
    for paragraph in cell.paragraphs:
        paragraph._p.getparent().remove(paragraph._p)
    bar = cell.add_table(rows=1, cols=len(parts) + 1)
    _fixed_widths(bar, [width for width, _fill in parts] + [Emu(room - bar_width)])
    for bar_cell, (_width, fill) in zip(bar.rows[0].cells, parts, strict=False):
        _shade(bar_cell, fill)
        _empty_line(bar_cell.paragraphs[0], BAR_LINE)  # not Normal's 29 pt line
    _empty_line(cell.paragraphs[-1], 1)  # Word needs a paragraph after the table
    return bar.rows[0].cells[-1]


def _empty_line(paragraph: Paragraph, line: float) -> None:
    """An empty paragraph that Word needs but that should take no room: an exact ``line``
    (pt), nothing before or after."""
    fmt = paragraph.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(line)


def text_chars(text: str) -> float:
    """Width of ``text`` in characters of the grid: CJK full, Latin and digits half."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def title_for_word(title: str, lines: list[str]) -> str:
    """The title's ``lines`` joined by line breaks, a line that ended at a space keeping it:
    a clerk who removes the breaks (to fit the title to a template) got "report of重庆市"."""
    joined, at = [], 0
    for line in lines:
        at = title.find(line, at) + len(line)
        joined.append(line + " " if at < len(title) and title[at].isspace() else line)
    return "\n".join(joined)


def _official(writer: _Writer, contents: Contents) -> None:
    facts, w = writer.facts, writer.w
    text = OfficialText(facts, w, contents)
    writer.styled(title_for_word(report_title(facts, w), report_title_lines(facts, w)), TITLE)
    if addressee := addressee_line(facts.snapshot.assessment.addressee, w.lang):
        writer.paragraph(addressee)
    for number in range(1, 5):
        writer.styled(w(f"section{number}"), LEVEL1)
        for paragraph in text.section_paragraphs(number):
            if paragraph.kind is Kind.NARRATIVE:
                _narrative_paragraph(writer, paragraph.text)
            else:
                writer.paragraph(paragraph.text, indent=True,
                                 keep_with_next=paragraph.keeps_with_next)
    last = len(writer.doc.paragraphs) - 1
    _annex_list(writer, contents)
    _signature(writer)
    for para in writer.doc.paragraphs[last:-1]:  # never a 落款 alone on a page (7.3.5)
        para.paragraph_format.keep_with_next = True


def _annex_list(writer: _Writer, contents: Contents) -> None:
    """附件说明 as the PDF's: 空一行, 左空二字 ``附件：1.…``, later names under ``1.``."""
    entries = contents.listed(writer.w)
    if not entries:
        return
    writer.paragraph("")
    head = contents.list_head(writer.w)
    hang = text_chars(head)
    for n, entry in enumerate(entries, start=1):
        para = writer.paragraph(f"{head if n == 1 else ''}{entry}")
        set_indent(para._p.get_or_add_pPr(), writer.grid, left=2 + hang,
                   hanging=hang if n == 1 else 0)


def _signature(writer: _Writer) -> None:
    """署名 centred over 成文日期, 成文日期 右空四字, SEAL_LINES blank lines for the seal."""
    office = writer.facts.snapshot.assessment.office
    day = writer.w.date(writer.facts.report_date)
    for _blank in range(SEAL_LINES):
        writer.paragraph("")
    date_indent = 4.0
    office_indent = max(0.0, date_indent + (text_chars(day) - text_chars(office)) / 2)
    for line, right in ((office, office_indent), (day, date_indent)):
        para = writer.paragraph(line, align=WD_ALIGN_PARAGRAPH.RIGHT)
        set_indent(para._p.get_or_add_pPr(), writer.grid, right=right)


def _annex_heading(writer: _Writer, label: str, title: str) -> None:
    """附件N in 3号黑体 top left on the first line, the title centred on the third line in
    the title's 2号小标宋 (GB/T 9704 §8), as the PDF prints them; the compact copy keeps
    its smaller title right under the label."""
    writer.styled(label, ANNEX_LABEL)
    writer.styled(title, ANNEX_TITLE)


def _narrative_paragraph(writer: _Writer, text: str) -> None:
    """A paragraph of staff's text, as in the PDF, a heading at its start (``headings``) in
    二级标题 (（一）, 楷体) or 三级标题 (1., bold 仿宋): a heading alone takes the paragraph
    style, a heading run into body text the linked character style."""
    run_in = run_in_heading(text)
    if run_in is None:
        writer.paragraph(text, indent=True)
        return
    heading = LEVEL2 if run_in.level == 2 else LEVEL3
    if not run_in.rest:
        writer.styled(run_in.heading, heading)
        return
    para = writer.doc.add_paragraph()
    para.add_run(clean(run_in.heading), style_name(RUN_IN[heading], writer.w.lang))
    para.add_run(clean(run_in.rest))  # in Normal's 仿宋


def _write_annex(writer: _Writer, key: str) -> None:
    """An annex's blocks, as the PDF has them: captions, tables, the notes of empty ones."""
    facts, w = writer.facts, writer.w
    rows = AnnexRows(facts, w)
    table = None
    blocks = annex_blocks(rows, key)
    for position, block in enumerate(blocks):
        if block.caption:
            writer.subheading(block.caption)
        if block.table is None:  # a note; one that leads into a table stays with it
            writer.small(block.note_text(w), before=0 if block.caption else 4,
                         keep_with_next=leads_into_table(blocks, position))
            continue
        table = writer.table(block.table.header, block.table.rows, block.table.centred)
        if writer.column_widths is not None:
            _fixed_widths(table, [Pt(width) for width in writer.column_widths(block)])
        if block.caption == "by_section":
            for row, progress in zip(table.rows[1:], rows.section_progress(), strict=True):
                label = add_bar(row.cells[-1], progress.rate, w.percent(progress.rate))
                writer.cell_text(label, w.percent(progress.rate), scale=0.9)
    if key == "annex1" and table is not None:  # 备注全文, then the sign-off under all of it
        if not _write_long_notes(writer, rows):
            for cell in table.rows[-1].cells:  # kept with the table's end
                for para in cell.paragraphs:
                    para.paragraph_format.keep_with_next = True
        writer.small("    ".join(rows.sign_off()), before=20)


def _write_long_notes(writer: _Writer, rows: AnnexRows) -> bool:
    """备注全文 after the items table, as in the PDF, its last line kept with the sign-off
    line that follows; whether there were any."""
    notes = rows.long_notes()
    if notes:
        writer.subheading("long_notes")
    para = None
    for number, (row, note) in enumerate(notes, start=1):
        writer.small(rows.long_note_caption(number, row), heading=True, before=4,
                     keep_with_next=True)
        for line in (p for p in note.splitlines() if p.strip()):
            para = writer.small(line, indent=True)
    if para is not None:
        para.paragraph_format.keep_with_next = True
    return bool(notes)


def write_docx(
    facts: ReportFacts, w: Wording, path: str | Path, style: ReportStyle, contents: Contents,
    column_widths: Callable[[Block], list[float]] | None = None,
) -> Iterator[float]:
    """Write the .docx with the same parts as the PDF, yielding the fraction done.

    ``column_widths`` gives a table's column widths in points, as the PDF sets them; without
    it Word shares the text width out evenly."""
    writer = _Writer(facts, w, style, column_widths)
    keys = contents.annexes
    page_used = True
    if contents.body:
        _official(writer, contents)
    elif style is ReportStyle.COMPACT:
        lines = report_title_lines(facts, w, capacity=COMPACT_TITLE_CAPACITY)
        title = writer.paragraph(title_for_word(report_title(facts, w), lines), font=TITLE_FONT,
                                 size=Pt(COMPACT_TITLE_SIZE),
                                 align=WD_ALIGN_PARAGRAPH.CENTER, line=Pt(24))
        title.paragraph_format.space_after = writer.grid.line
    else:  # annexes only: they start on the first page, in landscape
        writer._page(writer.doc.sections[0], landscape=True)
        page_used = False
    yield 0.2
    for number, key in enumerate(keys, start=1):
        if (number > 1 or style is ReportStyle.GBT9704) and page_used:
            writer.annex_section()
        page_used = True
        _annex_heading(writer, contents.label(key, w), w(key))
        _write_annex(writer, key)
        yield 0.2 + 0.7 * number / len(keys)
    add_page_numbers(writer.doc)
    set_properties(writer.doc, title=clean(report_title(facts, w)),
                   author=clean(facts.snapshot.assessment.office), subject=w("subject"),
                   written=datetime.now(UTC).replace(microsecond=0))
    writer.doc.save(str(path))
    yield 1.0
