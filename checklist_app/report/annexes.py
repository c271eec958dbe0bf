"""Part 2 of the PDF: the annexes (附件) — 自查自评表, 三级对照表, 佐证材料目录, 变更记录."""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak, Spacer, Table, TableStyle
from reportlab.platypus.doctemplate import NextPageTemplate

from checklist_app.report.annex_rows import AnnexRows, TableText
from checklist_app.report.content import ReportFacts
from checklist_app.report.crosswalk_annex import crosswalk_table, local_only_table
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
        self.kit = TableKit(fonts, styles, width, height, keep=w.whole_words())
        self.rows = AnnexRows(facts, w)

    def para(self, text: str, style, role: FontRole = FontRole.BODY) -> CJKParagraph:
        return text_paragraph(self.fonts, text, style, role)

    def flowables(self) -> list[Flowable]:
        """The printed annexes, each from a new page; nothing when none is printed."""
        if not self.contents.annexes:
            return []
        builders = {"annex1": self.annex1, "annex2": self.annex2, "annex3": self.annex3,
                    "annex4": self.annex4}
        out: list[Flowable] = [NextPageTemplate(self.template)]
        if self.first_on_new_page:
            out.append(PageBreak())
        out.append(Bookmark(self.w("part2"), "part2", 0))
        for number, key in enumerate(self.contents.annexes, start=1):
            if number > 1:
                out.append(PageBreak())
            out += self.heading(key)
            out += builders[key]()
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
                              width=width)

    def note(self, key: str) -> CJKParagraph:
        return self.para(self.w(key), self.s.small, FontRole.SONG)

    def annex1(self) -> list[Flowable]:
        """自查自评表: summary (status, sections with bars, targets), items and the sign-off
        line kept with the table's end, then the notes the table cut (备注全文)."""
        out: list[Flowable] = [self.subheading("by_status"),
                               self.table(self.rows.status(), self.kit.width * 0.5)]
        out += [self.subheading("by_section"), self.section_table()]
        if self.facts.targets:
            out += [self.subheading("targets"), self.table(self.rows.targets())]
        items = TableEnd(self.table(self.rows.items()), [Spacer(0, 12), self.sign_off()])
        return [*out, self.subheading("items"), items, *self.long_notes()]

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

    def section_table(self) -> Table:
        text = self.rows.sections()
        bar_width = self.kit.widths(text.weights)[-1] - 6
        rows: list[list] = [
            [*cells[:-1], self.kit.bar(progress.rate, bar_width, cells[-1])]
            for cells, progress in zip(text.rows, self.facts.sections, strict=True)
        ]
        return self.kit.table(text.header, rows, text.weights)

    def sign_off(self) -> Table:
        cells = [[self.kit.cell(text) for text in self.rows.sign_off()]]
        table = Table(cells, colWidths=self.kit.widths([1, 1, 1]), hAlign="LEFT")
        table.setStyle(TableStyle([self.kit.font_command(), ("TOPPADDING", (0, 0), (-1, -1), 8)]))
        return table

    def annex2(self) -> list[Flowable]:
        out: list[Flowable] = [self.table(crosswalk_table(self.facts, self.w)), Spacer(0, 10),
                               self.subheading("local_only")]
        local = local_only_table(self.facts, self.w)
        if local.rows:
            out.append(self.table(local))
        else:
            out.append(self.note("unmapped_local" if self.facts.unmapped else "none"))
        return out

    def annex3(self) -> list[Flowable]:
        if not self.facts.evidence:
            return [self.note("no_evidence")]
        return [self.table(self.rows.evidence())]

    def annex4(self) -> list[Flowable]:
        if not self.rows.changes():
            return [self.note("no_changes")]
        return [self.table(self.rows.audit())]
