"""Part 1: the report itself as a 公文 (GB/T 9704-2012): title, 主送机关, four sections,
附件 list, 署名 and 成文日期 with room for the seal."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from enum import Enum

from reportlab.platypus import Flowable, KeepTogether, Spacer

from checklist_app.core import Document, ItemStatus, Node, format_number
from checklist_app.core.titles import inner_title, quoted
from checklist_app.importer.normalize import to_simplified
from checklist_app.report.content import ItemRow, ReportFacts, TargetRow
from checklist_app.report.fonts import FontRole, FontSet
from checklist_app.report.headings import run_in_heading
from checklist_app.report.layout import Bookmark
from checklist_app.report.paragraphs import CJKParagraph, bold_markup, text_paragraph
from checklist_app.report.parts import Contents
from checklist_app.report.styles import (
    COMPACT_PAGE,
    COMPACT_TITLE_SIZE,
    GBT9704_PAGE,
    TITLE_SIZE,
    Styles,
)
from checklist_app.report.title_lines import title_lines
from checklist_app.report.wording import Wording

_DIGITS = re.compile(r"\d+(?:\.\d+)?")
MAX_LISTED = 10  # items named in the running text; the annex lists them all
SEAL_LINES = 3  # blank lines above the signature for the 印章


def report_title(facts: ReportFacts, w: Wording, nested: tuple[str, str] = ("〈", "〉")) -> str:
    """``{office}关于贯彻落实《{document}》情况的自查报告``; ``…关于《{document}》落实情况的
    自查报告`` when the document's own title says 贯彻落实 (an implementation plan: it read
    关于贯彻落实《…贯彻落实…实施方案》).

    Book-title marks inside the document title become ``nested`` (〈〉, or 《》 again when the
    title font cannot draw 〈〉).
    """
    document = to_simplified(facts.snapshot.checklist.title.strip() or w("default_document"))
    key = "title_of_implementing" if _IMPLEMENTING in document else "title"
    return w(key, office=facts.snapshot.assessment.office,
             document=inner_title(document, nested))


_IMPLEMENTING = "贯彻落实"


TITLE_CAPACITY = int(GBT9704_PAGE.width / TITLE_SIZE)  # 2号 characters across the 版心
COMPACT_TITLE_CAPACITY = int(COMPACT_PAGE.width / COMPACT_TITLE_SIZE)


def report_title_lines(facts: ReportFacts, w: Wording,
                       nested: tuple[str, str] = ("〈", "〉"),
                       capacity: float = TITLE_CAPACITY) -> list[str]:
    """The title in the lines both copies print, broken with its words whole (Chinese
    words, names and English words alike: report/title_lines.py); ``capacity``: characters
    of the title's size across the text block."""
    snapshot = facts.snapshot
    return title_lines(report_title(facts, w, nested), capacity,
                       names=(snapshot.assessment.office, snapshot.checklist.issuer))


def join_titles(titles: list[str]) -> str:
    """Cited documents in a row: no 顿号 between adjacent book titles (《A》《B》, GB/T
    15834-2011), one before a title led by its issuer (《A》、某省人民政府《关于B》)."""
    out = ""
    for title in titles:
        out += ("、" if out and not title.startswith("《") else "") + title
    return out


_ENDS_IN_LATIN = re.compile("[0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]$")


class Kind(Enum):
    NARRATIVE = "narrative"  # staff's text: a run-in heading set as its level asks
    LEAD = "lead"  # the lead-in of the computed lines, kept with them
    FACT = "fact"  # a computed line


@dataclass(frozen=True, slots=True)
class SectionParagraph:
    text: str
    kind: Kind

    @property
    def keeps_with_next(self) -> bool:
        """A lead-in, or a computed line ending in a colon, keeps with the lines it leads."""
        return self.kind is Kind.LEAD or (self.kind is Kind.FACT and leads_on(self.text))


class OfficialText:
    """The sentences of part 1 computed from the facts, shared by the PDF and the .docx.

    ``contents`` says which annexes are printed, so that "see Annex n" points at the printed
    number of the annex that lists the rest (items: 自查自评表; national clauses not
    implemented: 三级对照表), or is left out when that annex is not printed.
    """

    def __init__(self, facts: ReportFacts, w: Wording, contents: Contents) -> None:
        self.facts, self.w = facts, w
        self.annexes = {key: contents.label(key, w) for key in contents.annexes}
        self.table_annex = self.annexes.get("annex1", "")

    def narrative(self, number: int) -> list[str]:
        """Staff text of section ``number`` as paragraphs, or the plain 'not written' line."""
        text = self.facts.snapshot.assessment.narrative.get(number, "") or ""
        return [p.strip() for p in text.splitlines() if p.strip()] or [self.w("empty_narrative")]

    def section_paragraphs(self, number: int) -> list[SectionParagraph]:
        """Section ``number``'s paragraphs in order: staff's text with the computed facts
        (a lead-in, then the lines) after it, or before its first numbered point when it
        has some (（一）…, 1.…): after the last, the facts read as part of that point. The
        last section ends with 特此报告。, the close of a 报告, unless staff wrote it."""
        narrative = [SectionParagraph(p, Kind.NARRATIVE) for p in self.narrative(number)]
        facts = self.computed(number)
        lead = self.facts_heading(number)
        computed = [SectionParagraph(lead, Kind.LEAD)] if facts and lead else []
        computed += [SectionParagraph(line, Kind.FACT) for line in facts]
        points = [n for n, p in enumerate(narrative) if run_in_heading(p.text) is not None]
        at = points[0] if points else len(narrative)
        closing = [SectionParagraph(self.w("closing"), Kind.FACT)] \
            if number == 4 and not self._closes(narrative) else []
        return [*narrative[:at], *computed, *narrative[at:], *closing]

    def _closes(self, narrative: list[SectionParagraph]) -> bool:
        """Whether staff's last paragraph is the closing formula already (特此报告。)."""
        closing = self.w("closing").rstrip("。.")
        return bool(narrative) and narrative[-1].text.rstrip("。. ").endswith(closing)

    def facts_heading(self, number: int) -> str:
        """The lead-in before the computed lines; the scope sentence of 一 needs none, and
        三 words it apart from 二's, which comes a few lines before. With the 自查自评表 not
        annexed, neither names it."""
        table = "" if self.table_annex else "_untabled"
        return {1: "", 3: self.w(f"facts_heading_problems{table}")}.get(
            number, self.w(f"facts_heading{table}"))

    def computed(self, number: int) -> list[str]:
        """Computed facts of section ``number`` (none for 下一步工作打算)."""
        return {1: self.scope, 2: self.results, 3: self.problems}.get(number, list)()

    def plain(self, text: str) -> str:
        """Text quoted in the running prose, in simplified script.

        Some source documents were collected in traditional script; a mainland report, in
        Chinese or in English, quotes them in simplified characters.
        """
        return to_simplified(text)

    def cited(self, document: Document) -> str:
        """《title》, with the issuer first when the title does not name it (关于…的意见)."""
        title = inner_title(self.plain(document.title))
        issuer = self.plain(document.issuer).strip()
        if issuer and title.startswith("关于"):
            return f"{issuer}《{title}》"
        return f"《{title}》"

    def cited_in_english(self, document: Document) -> str:
        """“title”, with the issuer after it when the title does not name it (关于…)."""
        title = inner_title(self.plain(document.title))
        issuer = self.plain(document.issuer).strip()
        if issuer and title.startswith("关于"):
            return f"{quoted(title)} ({issuer})"
        return quoted(title)

    def item_ref(self, row: ItemRow) -> str:
        return self.plain(f"{row.path_label}{row.item.title}")

    def node_ref(self, node: Node) -> str:
        """A clause by its place in its document (七、（二十五）优化…: its own label （二十五）
        alone is ambiguous) and title; a label ending in a Latin letter or a digit
        (原文附件1) is set apart from the title by a space, one ending in a Chinese character
        (附表) is not."""
        place = self.facts.place(node)
        gap = " " if _ENDS_IN_LATIN.search(place) and node.title else ""
        return self.plain(f"{place}{gap}{node.title}")

    def listing(self, refs: list[str], annex: str = "annex1") -> str:
        """The first refs; past MAX_LISTED, how many more and which printed annex lists them."""
        sep = self.w("list_sep")
        shown = sep.join(refs[:MAX_LISTED])
        more = len(refs) - MAX_LISTED
        label = self.annexes.get(annex, "")
        if more > 0 and label:
            shown = self.w("and_more", items=shown, more=more, annex=label)
        elif more > 0:
            shown = self.w("and_more_plain", items=shown, more=more)
        return shown

    def scope(self) -> list[str]:
        snap, w = self.facts.snapshot, self.w
        upper = [d for d in (snap.provincial, snap.national) if d is not None]
        if upper:
            documents = (join_titles([self.cited(d) for d in upper]) if w.lang == "zh"
                         else ", ".join(self.cited_in_english(d) for d in upper))
            upper_text = w("scope_upper", documents=documents)
        else:
            upper_text = ""
        number = snap.checklist.doc_number
        return [
            w(
                "scope",
                checklist=inner_title(self.plain(snap.checklist.title)),
                doc_number=f"（{number}）" if number and w.lang == "zh" else "",
                upper=upper_text,
                total=self.facts.total,
                period=snap.assessment.period or w("period_unknown"),
            )
        ]

    def results(self) -> list[str]:
        f, w = self.facts, self.w
        lines = [
            w(
                "completion" if f.applicable == f.total else "completion_not_applicable",
                date=w.date(f.report_date),
                total=f.total,
                not_applicable=f.total - f.applicable,
                applicable=f.applicable,
                complete=f.complete,
                rate=w.percent(f.rate),
            ),
            w(
                "status_breakdown",
                parts=("、" if w.lang == "zh" else ", ").join(
                    w("status_part", status=w.status(s), count=n)
                    for s, n in f.status_counts.items()
                    if n
                ),
            ),
        ]
        for progress in f.sections:
            name = (
                self.node_ref(progress.section) if progress.section else w("no_section")
            )
            lines.append(
                w(
                    "section_line",
                    section=name,
                    complete=progress.complete,
                    applicable=progress.applicable,
                    rate=w.percent(progress.rate),
                )
            )
        if f.national_covered is not None:
            lines.append(w("coverage_line", **coverage_figures(f, w)))
        if f.targets:
            lines.append(self.targets_line())
        return lines

    def targets_line(self) -> str:
        """How many targets have a value and how many are met; those of items marked
        不适用 are counted apart."""
        f, w = self.facts, self.w
        judged, counted = f.applicable_targets, f.counted_targets
        reported = sum(1 for row in judged if row.actual is not None)
        if len(judged) == len(counted):
            return w("targets_line", count=len(judged), reported=reported, met=f.targets_met)
        return w("targets_line_not_applicable", count=len(counted),
                 not_applicable=len(counted) - len(judged), applicable=len(judged),
                 reported=reported, met=f.targets_met)

    def missed_targets(self, missed: list[TargetRow]) -> list[str]:
        """Each missed target with its actual value; one worded as other items' are, but
        for its figures (each department's 制定（修订）地方标准10项, 30项 …), names its item
        too: alone it does not say whose it is."""
        wordings = Counter(_DIGITS.sub("#", row.target.text) for row in self.facts.targets)
        refs = []
        for row in missed:
            target = self.plain(row.target.text)
            actual = f"{format_number(row.actual)}{row.target.unit}"
            if wordings[_DIGITS.sub("#", row.target.text)] > 1:
                item = self.node_ref(row.item)
                refs.append(self.w("target_missed_of", target=target, item=item, actual=actual))
            else:
                refs.append(self.w("target_missed", target=target, actual=actual))
        return refs

    def problems(self) -> list[str]:
        f, w = self.facts, self.w
        lines = []
        not_assessed = f.status_counts.get(ItemStatus.NOT_ASSESSED, 0)
        if not_assessed:
            lines.append(w("not_assessed_line", count=not_assessed))
        if f.not_started:
            refs = [self.item_ref(r) for r in f.not_started]
            lines.append(w("not_started_line", count=len(refs), items=self.listing(refs)))
        if f.overdue:
            refs = [self.item_ref(r) for r in f.overdue]
            lines.append(w("overdue_line", count=len(refs), items=self.listing(refs)))
        missed = [row for row in f.counted_targets if row.met is False]
        if missed:
            refs = self.missed_targets(missed)
            lines.append(w("targets_missed_line", count=len(refs), items=self.listing(refs)))
        if f.not_applicable:
            lines.append(w("not_applicable_line", count=len(f.not_applicable)))
            for row in f.not_applicable[:MAX_LISTED]:
                reason = row.state.justification.strip() or w("no_reason")
                lines.append(w("justification", item=self.item_ref(row), reason=reason))
            more = len(f.not_applicable) - MAX_LISTED
            if more > 0 and self.table_annex:
                lines.append(w("more_in_annex", more=more, annex=self.table_annex))
            elif more > 0:
                lines.append(w("more_plain", more=more))
        if not lines:
            lines.append(w("no_problems"))
        if f.unmapped and f.national_rows:  # every clause a "gap" only for want of a mapping
            lines.append(w("unmapped_line", count=len(f.national_rows)))
        elif f.gaps:
            refs = [self.node_ref(n) for n in f.gaps]
            lines.append(w("gaps_line", count=len(refs),
                           clauses=self.listing(refs, annex="annex2")))
        return lines



def coverage_figures(facts: ReportFacts, w: Wording) -> dict[str, object]:
    """National clauses in all, implemented, not implemented and the rate, for the body's
    line and 附件2's note."""
    covered, total = facts.national_covered or 0, len(facts.national_rows)
    return {"total": total, "covered": covered, "gaps": total - covered,
            "rate": w.percent(covered / total)}


def leads_on(line: str) -> bool:
    """A line ending in a colon (标记为不适用的检查项1项：) leads into the lines after it: it
    never ends a page without them."""
    return line.rstrip().endswith(("：", ":"))


class OfficialPart:
    """Lays out part 1 as flowables."""

    def __init__(self, facts: ReportFacts, w: Wording, fonts: FontSet, styles: Styles,
                 contents: Contents) -> None:
        self.facts, self.w, self.fonts, self.s = facts, w, fonts, styles
        self.contents = contents
        self.text = OfficialText(facts, w, contents)

    def para(self, text: str, style, role: FontRole = FontRole.BODY) -> CJKParagraph:
        return text_paragraph(self.fonts, text, style, role)

    def flowables(self) -> list[Flowable]:
        w, s = self.w, self.s
        out: list[Flowable] = [
            Bookmark(w("part1"), "part1", 0),
            self.title_paragraph(),
        ]
        addressee = addressee_line(self.facts.snapshot.assessment.addressee, w.lang)
        if addressee:
            out.append(self.para(addressee, s.addressee))
        for number in range(1, 5):
            out += self.section(number)
        # The signature never stands alone on a page: the last paragraph and 附件 go with it.
        last = out.pop()
        out.append(KeepTogether([last, *self.annex_list(), *self.signature()]))
        return out

    def title(self) -> str:
        return report_title(self.facts, self.w, self.nested())

    def nested(self) -> tuple[str, str]:
        """The marks for a title inside the title: 〈〉, or 《》 when the font lacks them."""
        title_face = self.fonts.face(FontRole.TITLE)
        return ("〈", "〉") if title_face.has("〈") and title_face.has("〉") else ("《", "》")

    def title_paragraph(self, capacity: float = TITLE_CAPACITY) -> CJKParagraph:
        """The title, in the lines :func:`report_title_lines` breaks it into."""
        lines = report_title_lines(self.facts, self.w, self.nested(), capacity)
        markup = "<br/>".join(self.fonts.markup(line, FontRole.TITLE) for line in lines)
        return CJKParagraph(markup, self.s.title)

    def section(self, number: int) -> list[Flowable]:
        heading = self.w(f"section{number}")
        out: list[Flowable] = [
            Bookmark(heading, f"part1-section{number}", 1),
            self.para(heading, self.s.h1, FontRole.HEADING),
        ]
        keeping = self.s.body.clone("leading-on", keepWithNext=1)
        for paragraph in self.text.section_paragraphs(number):
            if paragraph.kind is Kind.NARRATIVE:
                out.append(self.narrative_para(paragraph.text))
            else:
                style = keeping if paragraph.keeps_with_next else self.s.body
                out.append(self.para(paragraph.text, style))
        return out

    def narrative_para(self, text: str) -> CJKParagraph:
        """A paragraph of staff's text, a run-in heading at its start set as its level asks:
        （一） in 楷体, 1. in bold 仿宋 (``headings``); a heading alone in its paragraph
        keeps with the next, as the Word copy's 二级标题 and 三级标题 do."""
        run_in = run_in_heading(text)
        if run_in is None:
            return self.para(text, self.s.body)
        if run_in.level == 2:
            heading = self.fonts.markup(run_in.heading, FontRole.KAI)
            heading = f'<font face="{self.fonts.name(FontRole.KAI)}">{heading}</font>'
        else:
            heading = bold_markup(self.fonts.markup(run_in.heading))
        style = self.s.body
        if not run_in.rest:
            style = style.clone("heading-alone", keepWithNext=1)
        return CJKParagraph(heading + self.fonts.markup(run_in.rest), style)

    def annex_list(self) -> list[Flowable]:
        """附件说明: 空一行, 左空二字 "附件：", later names aligned under the first."""
        head = self.contents.list_head(self.w)
        size = self.s.body.fontSize
        head_width = self.fonts.string_width(head, size)
        out: list[Flowable] = [Spacer(0, self.s.body.leading)]
        entries = self.contents.listed(self.w)
        if not entries:  # no annex printed: no 附件说明 either
            return []
        for n, entry in enumerate(entries, start=1):
            style = self.s.addressee.clone(
                f"annex-list-{n}", leftIndent=2 * size + head_width, firstLineIndent=-head_width
            )
            text = f"{head if n == 1 else ''}{entry}"
            if n > 1:
                style.firstLineIndent = 0
            out.append(self.para(text, style))
        return out

    def signature(self) -> list[Flowable]:
        """署名 centred over 成文日期; 成文日期 右空四字; room above for the seal."""
        size = self.s.body.fontSize
        office = self.facts.snapshot.assessment.office
        day = self.w.date(self.facts.report_date)
        date_width = self.fonts.string_width(day, size)
        office_width = self.fonts.string_width(office, size)
        date_indent = 4 * size
        office_indent = max(0.0, date_indent + (date_width - office_width) / 2)
        return [
            Spacer(0, SEAL_LINES * self.s.body.leading),
            self.para(office, self.s.signature.clone("office", rightIndent=office_indent)),
            self.para(day, self.s.signature.clone("date", rightIndent=date_indent)),
        ]


def addressee_line(addressee: str, lang: str) -> str:
    """The 主送机关 line: the name and a colon, ： in a Chinese report and after a Chinese
    name in an English one (as the Word copy printed it), a colon typed with it not doubled;
    "" when none is set."""
    name = addressee.strip().rstrip(":：").rstrip()
    if not name:
        return ""
    chinese = lang == "zh" or ord(name[-1]) >= 0x2E80 or name[-1] in "）】」"
    return f"{name}{'：' if chinese else ':'}"
