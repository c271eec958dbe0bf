"""The same report as an editable Word file (python-docx), for offices to edit before stamping.

Word picks its own fallback fonts, so the text is written as is (only characters XML cannot
hold are removed); the East Asian font names are those GB/T 9704 asks for.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table as WordTable

from checklist_app.report.annex_rows import AnnexRows, TableText
from checklist_app.report.content import ReportFacts
from checklist_app.report.crosswalk_annex import crosswalk_table, local_only_table
from checklist_app.report.official import OfficialText, report_title
from checklist_app.report.parts import Contents
from checklist_app.report.styles import BODY_SIZE, ReportStyle
from checklist_app.report.wording import Wording

# East Asian font names GB/T 9704 asks for; Word substitutes what the machine has.
FANGSONG, HEITI, TITLE_FONT = "仿宋_GB2312", "黑体", "方正小标宋简体"
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    return _XML_ILLEGAL.sub("", str(text))


class _Writer:
    def __init__(self, facts: ReportFacts, w: Wording, style: ReportStyle) -> None:
        self.facts, self.w, self.style = facts, w, style
        self.doc = WordDocument()
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
                  indent: bool = False, bold: bool = False):
        para = self.doc.add_paragraph()
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
        for row in rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = clean(text)
        return table


def _official(writer: _Writer, contents: Contents) -> None:
    facts, w = writer.facts, writer.w
    text = OfficialText(facts, w, contents)
    writer.paragraph(report_title(facts, w), font=TITLE_FONT, size=Pt(22),
                     align=WD_ALIGN_PARAGRAPH.CENTER)
    if facts.snapshot.assessment.addressee:
        writer.paragraph(f"{facts.snapshot.assessment.addressee}：")
    for number in range(1, 5):
        writer.paragraph(w(f"section{number}"), font=HEITI, indent=True)
        lines = text.narrative(number)
        computed = text.computed(number)
        if computed:
            lines += [w("facts_heading"), *computed]
        for line in lines:
            writer.paragraph(line, indent=True)
    for n, entry in enumerate(contents.listed(w), start=1):
        writer.paragraph(f"{w('annex_list_head') if n == 1 else ''}{entry}", indent=True)
    for line in ("", "", facts.snapshot.assessment.office, w.date(facts.report_date)):
        writer.paragraph(line, align=WD_ALIGN_PARAGRAPH.RIGHT)


def _annex_tables(facts: ReportFacts, w: Wording, key: str) -> list[TableText]:
    rows = AnnexRows(facts, w)
    if key == "annex1":
        tables = [rows.status(), rows.sections()]
        return [*tables, rows.targets(), rows.items()] if facts.targets else [*tables, rows.items()]
    if key == "annex2":
        local = local_only_table(facts, w)
        return [crosswalk_table(facts, w)] + ([local] if local.rows else [])
    if key == "annex3":
        return [rows.evidence()] if facts.evidence else []
    return [rows.audit()] if facts.snapshot.audit else []


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
        writer.paragraph(contents.label(key, w), font=HEITI)
        writer.paragraph(w(key), font=TITLE_FONT, size=Pt(18), align=WD_ALIGN_PARAGRAPH.CENTER)
        for table in _annex_tables(facts, w, key):
            writer.table(table.header, table.rows)
        if key == "annex1":
            writer.paragraph("    ".join(AnnexRows(facts, w).sign_off()))
        yield 0.2 + 0.7 * number / len(keys)
    add_page_numbers(writer.doc)
    properties = writer.doc.core_properties
    properties.title = clean(report_title(facts, w))
    properties.author = clean(facts.snapshot.assessment.office)
    properties.subject = w("subject")
    writer.doc.save(str(path))
    yield 1.0
