"""The same report as an editable Word file (python-docx), for offices to edit before stamping.

Word picks its own fallback fonts, so the text is written as is (only characters XML cannot
hold are removed); the East Asian font names are those GB/T 9704 asks for. The completion bars
of 各部分完成情况 are table cells shaded in proportion (python-docx makes no charts, and no
image renderer is needed).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from pathlib import Path

from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Length, Mm, Pt
from docx.table import Table as WordTable
from docx.table import _Cell

from checklist_app.report.annex_blocks import annex_blocks
from checklist_app.report.annex_rows import AnnexRows
from checklist_app.report.content import ReportFacts
from checklist_app.report.headings import run_in_heading
from checklist_app.report.kinsoku import CANNOT_END, CANNOT_START
from checklist_app.report.official import OfficialText, report_title
from checklist_app.report.parts import Contents
from checklist_app.report.styles import BODY_SIZE, ReportStyle
from checklist_app.report.wording import Wording

# East Asian font names GB/T 9704 asks for; Word substitutes what the machine has.
FANGSONG, HEITI, TITLE_FONT = "仿宋_GB2312", "黑体", "方正小标宋简体"
KAITI = "楷体_GB2312"  # level-2 headings
# The completion bar of 各部分完成情况, as in the PDF: a track with a filled part and the rate.
BAR_COLOR, BAR_TRACK = "3A6EA5", "DDDDDD"  # the PDF's colours (report/tables.py)
BAR_SHARE = 0.68  # of the cell's width; the rest holds the rate, as in the PDF
CELL_MARGINS = Mm(4)  # Word's default left + right cell margins (2 × 0.19 cm), rounded up
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    return _XML_ILLEGAL.sub("", str(text))


class _Writer:
    def __init__(self, facts: ReportFacts, w: Wording, style: ReportStyle) -> None:
        self.facts, self.w, self.style = facts, w, style
        self.doc = WordDocument()
        chinese_line_breaking(self.doc)
        self.size = Pt(11 if style is ReportStyle.COMPACT else BODY_SIZE)
        self._page(self.doc.sections[0], landscape=False)

    def _page(self, section, *, landscape: bool) -> None:
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (
            Mm(210), Mm(297))
        if landscape or self.style is ReportStyle.COMPACT:
            section.top_margin = section.bottom_margin = Mm(20)
            section.left_margin = section.right_margin = Mm(20)
        else:  # GB/T 9704: 版心 156 × 225 mm, 37 mm from the top, 28 mm from the left
            section.top_margin, section.bottom_margin = Mm(37), Mm(35)
            section.left_margin, section.right_margin = Mm(28), Mm(26)

    def paragraph(self, text: str, *, font: str = FANGSONG, size=None, align=None,
                  indent: bool = False, bold: bool = False, keep_with_next: bool = False):
        """A paragraph of one run; ``keep_with_next`` for headings, as the PDF keeps them."""
        para = self.doc.add_paragraph()
        if keep_with_next:  # Word and WPS move it to the next page with what follows
            para.paragraph_format.keep_with_next = True
        run = para.add_run(clean(text))
        run.font.size = size or self.size
        run.font.bold = bold
        run.font.name = "Times New Roman"
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
        if align is not None:
            para.alignment = align
        if indent:
            para.paragraph_format.first_line_indent = Pt(2 * (size or self.size).pt)
        return para

    def table(self, header: list[str], rows: list[list[str]]) -> WordTable:
        table = self.doc.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = clean(text)
        trpr = table.rows[0]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")  # header repeats on every page
        repeat.set(qn("w:val"), "true")
        trpr.append(repeat)
        for cell in table.rows[0].cells:  # the header row never ends a page alone
            for para in cell.paragraphs:
                para.paragraph_format.keep_with_next = True
        for row in rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = clean(text)
        return table

    def subheading(self, key: str) -> None:
        """A table caption: kept with the table below it."""
        self.paragraph(self.w(key), font=HEITI, size=Pt(self.size.pt - 2), bold=True,
                       keep_with_next=True)


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


def _shade(cell: _Cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _fixed_widths(table: WordTable, widths: list[Length]) -> None:
    """Fixed layout with exact column widths, so shaded cells keep their proportions."""
    table.autofit = False  # <w:tblLayout w:type="fixed"/>
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def bar_widths(fraction: float, bar: Length) -> list[tuple[Length, str]]:
    """(width, fill) of the bar's cells: done, not done; zero-width cells are left out."""
    fraction = min(max(fraction, 0.0), 1.0)
    done = Emu(round(bar * fraction))
    cells = [(done, BAR_COLOR), (Emu(bar - done), BAR_TRACK)]
    return [(width, fill) for width, fill in cells if width > 0]


def add_bar(cell: _Cell, fraction: float, label: str) -> WordTable:
    """Replace the cell's text by a one-row table: the shaded bar, then ``label``.

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
    bar.rows[0].cells[-1].text = clean(label)
    ending = cell.paragraphs[-1].paragraph_format  # Word needs a paragraph after the table
    ending.space_before = ending.space_after = Pt(0)
    ending.line_spacing = Pt(1)
    return bar


def _official(writer: _Writer, contents: Contents) -> None:
    facts, w = writer.facts, writer.w
    text = OfficialText(facts, w, contents)
    writer.paragraph(report_title(facts, w), font=TITLE_FONT, size=Pt(22),
                     align=WD_ALIGN_PARAGRAPH.CENTER)
    if facts.snapshot.assessment.addressee:
        writer.paragraph(f"{facts.snapshot.assessment.addressee}：")
    for number in range(1, 5):
        writer.paragraph(w(f"section{number}"), font=HEITI, indent=True, keep_with_next=True)
        for line in text.narrative(number):
            _narrative_paragraph(writer, line)
        computed = text.computed(number)
        lead = text.facts_heading(number)
        if computed and lead:  # a lead-in ending in a colon keeps with the lines it leads
            writer.paragraph(lead, indent=True, keep_with_next=True)
        for line in computed:
            writer.paragraph(line, indent=True)
    for n, entry in enumerate(contents.listed(w), start=1):
        writer.paragraph(f"{contents.list_head(w) if n == 1 else ''}{entry}", indent=True)
    for line in ("", "", facts.snapshot.assessment.office, w.date(facts.report_date)):
        writer.paragraph(line, align=WD_ALIGN_PARAGRAPH.RIGHT)


def _narrative_paragraph(writer: _Writer, text: str) -> None:
    """A paragraph of staff's text, as in the PDF: a run-in heading at its start in a run
    of its own, （一） in 楷体, 1. in bold 仿宋 (``headings``); the rest as body text."""
    run_in = run_in_heading(text)
    if run_in is None:
        writer.paragraph(text, indent=True)
        return
    level2 = run_in.level == 2
    para = writer.paragraph(run_in.heading, font=KAITI if level2 else FANGSONG,
                            bold=not level2, indent=True)
    if run_in.rest:  # the body run: the heading run's formatting, in plain 仿宋
        heading = para.runs[0]
        body = para.add_run(clean(run_in.rest))
        body._element.insert(0, copy.deepcopy(heading._element.get_or_add_rPr()))
        body.font.bold = False
        body._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FANGSONG)


def _write_annex(writer: _Writer, key: str) -> None:
    """An annex's blocks, as the PDF has them: captions, tables, the notes of empty ones."""
    facts, w = writer.facts, writer.w
    rows = AnnexRows(facts, w)
    table = None
    for block in annex_blocks(rows, key):
        if block.caption:
            writer.subheading(block.caption)
        if block.table is None:
            writer.paragraph(w(block.note), size=Pt(writer.size.pt - 2))
            continue
        table = writer.table(block.table.header, block.table.rows)
        if block.caption == "by_section":
            for row, progress in zip(table.rows[1:], facts.sections, strict=True):
                add_bar(row.cells[-1], progress.rate, w.percent(progress.rate))
    if key == "annex1" and table is not None:  # the sign-off line, kept with the table's end
        for cell in table.rows[-1].cells:
            for para in cell.paragraphs:
                para.paragraph_format.keep_with_next = True
        writer.paragraph("    ".join(rows.sign_off()))
        _write_long_notes(writer, rows)


def _write_long_notes(writer: _Writer, rows: AnnexRows) -> None:
    """备注全文 after the items table, as in the PDF."""
    notes = rows.long_notes()
    if notes:
        writer.subheading("long_notes")
    for number, (row, note) in enumerate(notes, start=1):
        writer.paragraph(rows.long_note_caption(number, row), font=HEITI, keep_with_next=True)
        for line in (p for p in note.splitlines() if p.strip()):
            writer.paragraph(line, indent=True)


def add_page_numbers(doc) -> None:
    """``— 3 —`` in 4号 Song: right on odd pages, left on even pages (GB/T 9704 7.5)."""
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]  # later sections are linked to it
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                          (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        paragraph = footer.paragraphs[0]
        paragraph.alignment = align
        paragraph.add_run("— ").font.size = Pt(14)
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "1"
        run.append(text)
        field.append(run)
        paragraph._p.append(field)
        paragraph.add_run(" —").font.size = Pt(14)


def write_docx(
    facts: ReportFacts, w: Wording, path: str | Path, style: ReportStyle, contents: Contents
) -> Iterator[float]:
    """Write the .docx with the same parts as the PDF, yielding the fraction done."""
    writer = _Writer(facts, w, style)
    keys = contents.annexes
    page_used = True
    if contents.body:
        _official(writer, contents)
    elif style is ReportStyle.COMPACT:
        writer.paragraph(report_title(facts, w), font=TITLE_FONT, size=Pt(16),
                         align=WD_ALIGN_PARAGRAPH.CENTER)
    else:  # annexes only: they start on the first page, in landscape
        writer._page(writer.doc.sections[0], landscape=True)
        page_used = False
    yield 0.2
    for number, key in enumerate(keys, start=1):
        if (number > 1 or style is ReportStyle.GBT9704) and page_used:
            writer._page(writer.doc.add_section(WD_SECTION.NEW_PAGE), landscape=True)
        page_used = True
        writer.paragraph(contents.label(key, w), font=HEITI, keep_with_next=True)
        writer.paragraph(w(key), font=TITLE_FONT, size=Pt(18), align=WD_ALIGN_PARAGRAPH.CENTER,
                         keep_with_next=True)
        _write_annex(writer, key)
        yield 0.2 + 0.7 * number / len(keys)
    add_page_numbers(writer.doc)
    properties = writer.doc.core_properties
    properties.title = clean(report_title(facts, w))
    properties.author = clean(facts.snapshot.assessment.office)
    properties.subject = w("subject")
    writer.doc.save(str(path))
    yield 1.0
