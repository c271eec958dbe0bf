"""Part 2 of the PDF: the annexes (附件) — 自查自评表, 三级对照表, 佐证材料目录, 变更记录."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table, TableStyle
from reportlab.platypus.doctemplate import NextPageTemplate

from checklist_app.report.annex_blocks import Block, annex_blocks, leads_into_table
from checklist_app.report.annex_rows import AnnexRows, TableText
from checklist_app.report.content import ReportFacts
from checklist_app.report.fonts import FontRole, FontSet
from checklist_app.report.keep import TableEnd
from checklist_app.report.layout import Bookmark
from checklist_app.report.paragraphs import CJKParagraph, text_paragraph
from checklist_app.report.parts import Contents
from checklist_app.report.styles import Styles
from checklist_app.report.tables import TableKit
from checklist_app.report.wording import Wording


class Annexes:
    """Builds the annex flowables on the landscape (or compact) page template."""

    def __init__(
        self, facts: ReportFacts, w: Wording, fonts: FontSet, styles: Styles, *,
        contents: Contents, template: str, width: float, height: float,
        first_on_new_page: bool,
    ) -> None:
        self.facts, self.w, self.fonts, self.s = facts, w, fonts, styles
        self.contents = contents
        self.template, self.first_on_new_page = template, first_on_new_page
        self.rows = AnnexRows(facts, w)
        self.kit = TableKit(fonts, styles, width, height,
                            keep=[*w.whole_words(), *self.rows.due_dates()])

    def para(self, text: str, style, role: FontRole = FontRole.BODY) -> CJKParagraph:
        return text_paragraph(self.fonts, text, style, role)

    def flowables(self) -> list[Flowable]:
        """The printed annexes, each from a new page; nothing when none is printed."""
        if not self.contents.annexes:
            return []
        out: list[Flowable] = [NextPageTemplate(self.template)]
        if self.first_on_new_page:
            out.append(PageBreak())
        out.append(Bookmark(self.w("part2"), "part2", 0))
        for number, key in enumerate(self.contents.annexes, start=1):
            if number > 1:
                out.append(PageBreak())
            out += self.heading(key)
            out += self.annex(key)
        return out

    def heading(self, key: str) -> list[Flowable]:
        label = self.contents.label(key, self.w)
        return [
            Bookmark(f"{label} {self.w(key)}", key, 1),
            self.para(label, self.s.annex_label, FontRole.HEADING),
            self.para(self.w(key), self.s.annex_title, FontRole.TITLE),
        ]

    def subheading(self, key: str) -> CJKParagraph:
        size = self.s.table_size + 1.5
        style = self.s.header.clone("sub", alignment=0, spaceBefore=6, spaceAfter=3,
                                    fontSize=size, leading=size * 1.4, keepWithNext=1)
        return self.para(self.w(key), style, FontRole.HEADING)

    def table(self, text: TableText, width: float | None = None) -> Table:
        return self.kit.table(text.header, text.rows, text.weights, highlight=text.highlight,
                              whole=text.whole, column_keep=text.column_keep,
                              width=width, continued=self.w("continued"),
                              centred=text.centred, balance=text.balanced)

    def column_widths(self, block: Block) -> list[float]:
        """The widths, in points, the PDF gives the columns of ``block``'s table."""
        text = block.table
        assert text is not None
        return self.kit.column_widths(text.header, text.rows, text.weights,
                                      width=self.table_width(block), whole=text.whole,
                                      column_keep=text.column_keep, balance=text.balanced)

    def table_width(self, block: Block) -> float | None:
        """状态统计 half as wide as the text block; the other tables as wide (None)."""
        return self.kit.width * 0.5 if block.caption == "by_status" else None

    def note(self, text: str) -> CJKParagraph:
        return self.para(text, self.s.small, FontRole.SONG)

    def annex(self, key: str) -> list[Flowable]:
        """An annex's blocks, as the Word copy has them; 附件1 ends with the notes the table
        cut (备注全文) and the sign-off line (:meth:`signed`)."""
        out: list[Flowable] = []
        blocks = annex_blocks(self.rows, key)
        for position, block in enumerate(blocks):
            if block.caption == "local_only":
                out.append(Spacer(0, 10))
            if block.caption:
                out.append(self.subheading(block.caption))
            elif block.table is None and out:  # a note under a table
                out.append(Spacer(0, 4))
            out.append(self.block_body(block, leads_into_table(blocks, position)))
        if key == "annex1":
            out += self.signed(out.pop())
        return out

    def signed(self, table: Flowable) -> list[Flowable]:
        """The items table, 备注全文 when a note was cut, then the sign-off line under all
        of it (what is signed is above it), kept with what it follows."""
        tail = [Spacer(0, 12), self.sign_off()]
        notes = self.long_notes()
        if not notes:
            return [TableEnd(table, tail)]
        return [table, *notes[:-1], KeepTogether([notes[-1], *tail])]

    def block_body(self, block: Block, kept_with_next: bool = False) -> Flowable:
        """A block's table (状态统计 half as wide, 各部分 with bars), or its note (kept with
        the table it leads into: never alone at the foot of a page)."""
        if block.table is None:
            note = self.note(block.note_text(self.w))
            if kept_with_next:
                note.keepWithNext = 1
            return note
        if block.caption == "by_section":
            return self.section_table(block.table)
        return self.table(block.table, self.table_width(block))

    def long_notes(self) -> list[Flowable]:
        """备注全文: the notes the items table cut, each under its item."""
        notes = self.rows.long_notes()
        if not notes:
            return []
        caption = self.s.small.clone("note-caption", spaceBefore=4, keepWithNext=1)
        text = self.s.small.clone("note-text", firstLineIndent=2 * self.s.small.fontSize)
        out: list[Flowable] = [self.subheading("long_notes")]
        for number, (row, note) in enumerate(notes, start=1):
            out.append(self.para(self.rows.long_note_caption(number, row), caption,
                                 FontRole.HEADING))
            out += [self.para(p, text, FontRole.SONG) for p in note.splitlines() if p.strip()]
        return out

    def section_table(self, text: TableText) -> Table:
        bar_width = self.kit.widths(text.weights)[-1] - 6
        rows: list[list] = [
            [*cells[:-1], self.kit.bar(progress.rate, bar_width, cells[-1])]
            for cells, progress in zip(text.rows, self.rows.section_progress(), strict=True)
        ]
        return self.kit.table(text.header, rows, text.weights, centred=text.centred)

    def sign_off(self) -> Table:
        cells = [[self.kit.cell(text) for text in self.rows.sign_off()]]
        table = Table(cells, colWidths=self.kit.widths([1, 1, 1]), hAlign="LEFT")
        table.setStyle(TableStyle([self.kit.font_command(), ("TOPPADDING", (0, 0), (-1, -1), 8)]))
        return table
