"""The annexes' tables as plain text rows, shared by the PDF and the .docx."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from itertools import groupby

from checklist_app.core import (
    AuditEntry,
    Document,
    Evidence,
    ItemStatus,
    MappingSource,
    Node,
    format_number,
)
from checklist_app.core.names import one_line
from checklist_app.core.titles import PLACE_TITLE_CHARS, shortened
from checklist_app.importer.normalize import to_simplified
from checklist_app.report.change_runs import summarised
from checklist_app.report.changes import describe_action, describe_change
from checklist_app.report.content import (
    ItemRow,
    MappedClause,
    ReportFacts,
    SectionProgress,
    Tallied,
    TargetRow,
)
from checklist_app.report.wording import Wording
from checklist_app.storage.evidence_index import (
    IndexEntry,
    evidence_index,
    file_size,
    path_label,
    short_time,
    titled_items,
)
from checklist_app.storage.records import parse_mapping_entity_id

# Characters of a note the items table shows; a longer note is cut there and printed in
# full after the table (备注全文), so that one long note does not stretch the table over pages.
NOTE_LIMIT = 150
# Actions whose whole content is the fields they changed: with none changed, no change.
NO_CHANGE_WITHOUT_FIELDS = frozenset({"set", "edit"})


DEPARTMENT_COLUMN = 3  # of the items table (序号, 检查项, 状态, 责任单位, …)
DEPARTMENT_KEPT = 10  # characters: a department name up to this long is not broken there
DOCUMENT_DATE_MARK = "*"  # after a 完成时限 the document sets (the office set none)


@dataclass(slots=True)
class TableText:
    """Header, rows and relative column widths of one table."""

    header: list[str]
    rows: list[list[str]]
    weights: list[float]
    highlight: list[int] = field(default_factory=list)  # row indexes to shade (gaps)
    whole: tuple[int, ...] = ()  # columns widened so that no cell breaks (二、（一）1.)
    column_keep: dict[int, set[str]] = field(default_factory=dict)  # words kept whole there
    centred: tuple[int, ...] = ()  # columns of short figures (数量, 占比, 年份), centred
    balanced: bool = True  # widths moved to make it shortest (report/column_balance.py)


def annex_keys(facts: ReportFacts) -> list[str]:
    """Which annexes this report has: 三级对照表 only with a national document."""
    keys = ["annex1"]
    if facts.snapshot.national is not None:
        keys.append("annex2")
    return [*keys, "annex3", "annex4"]


def mapped_text(clauses: list[MappedClause], w: Wording, place: Callable[[Node], str],
                kind: Callable[[Node], str] = lambda _node: "") -> str:
    """Mapped clauses, one a line, each with its place in its document (``place``),
    marking inferred and suggested links (an inferred one with the clause it was inferred
    through, named by its ``kind``: 经省级条款一、（二）, not an 一、（二） of either
    document)."""
    lines = []
    for mapped in clauses:
        line = f"{place(mapped.node)}{mapped.node.title}"
        if mapped.source is MappingSource.SUGGESTED:
            line += f"〔{w('suggested')}〕"
        elif mapped.source is MappingSource.INFERRED:
            via = (w("via", label=f"{kind(mapped.via)}{place(mapped.via)}") if mapped.via
                   else "")
            line += f"〔{w('inferred')}{'，' if via else ''}{via}〕"
        lines.append(line)
    return "\n".join(lines)


# Where the width of columns with nothing in them goes (by header position in 检查项明细):
# the 序号 first (二、（一）1. on one line), then 责任单位 and 检查项.
_TAKERS = ((0, 0.15), (3, 0.5), (1, 0.35))


def give_empty_columns_away(header: list[str], rows: list[list[str]],
                            weights: list[float]) -> list[float]:
    """Weights with each column empty in every row narrowed to its header's width, the width
    freed given to the columns that wrap (责任单位 wrapped every four characters beside an
    empty 佐证材料 column, the widest of the table)."""
    fitted = list(weights)
    for column, title in enumerate(header):
        if rows and not any(row[column].strip() for row in rows):
            fitted[column] = min(weights[column], max(4.0, len(title) * 1.5 + 1.0))
    freed = sum(weights) - sum(fitted)
    for column, share in _TAKERS:
        fitted[column] += freed * share
    return fitted


class AnnexRows:
    """Text of annexes 1, 3 and 4 (annex 2: ``crosswalk_annex``)."""

    def __init__(self, facts: ReportFacts, w: Wording) -> None:
        self.facts, self.w = facts, w
        self._long_numbers = {row.item.id: n for n, (row, _text)
                              in enumerate(self.long_notes(), start=1)}

    def status(self) -> TableText:
        f, w = self.facts, self.w
        rows = [
            [w.status(s), str(n), w.percent(n / f.total if f.total else 0.0)]
            for s, n in f.status_counts.items()
        ]
        rows.append([w("total"), str(f.total), w.percent(1.0 if f.total else 0.0)])
        return TableText([w("status"), w("count"), w("share")], rows, [3, 2, 2],
                         centred=(1, 2), balanced=False)

    def shares_add_up(self) -> bool:
        """Whether the status table's shares, as printed, add up to its 100%."""
        f, w = self.facts, self.w
        if not f.total:
            return True
        printed = [w.percent(n / f.total) for n in f.status_counts.values() if n]
        return round(sum(float(p.rstrip("%")) for p in printed), 1) == 100

    def section_progress(self) -> list[Tallied]:
        """The rows of 各部分完成情况: each section, then 合计 (the body's overall rate)
        where there is more than one."""
        sections: list[Tallied] = list(self.facts.sections)
        return [*sections, self.facts] if len(sections) > 1 else sections

    def sections(self) -> TableText:
        w = self.w
        rows = []
        for progress in self.section_progress():
            if isinstance(progress, SectionProgress):
                section = progress.section
                name = f"{section.label}{section.title}" if section else w("no_section")
            else:
                name = w("total")
            rows.append([name, str(progress.applicable), str(progress.complete),
                         w.percent(progress.rate)])
        header = [w("section"), w("applicable"), w("completed"), w("rate")]
        return TableText(header, rows, [6, 2, 4, 5], centred=(1, 2), balanced=False)

    def targets(self) -> TableText:
        """数值指标: each target with its value, and beside it the value of the period this
        one was carried forward from, if any (a second year's report read as if the first
        had not been)."""
        table = self._targets()
        previous = self.facts.snapshot.previous
        if previous is None or not self.facts.snapshot.previous_actuals:
            return table
        before = [self.previous_value(row) for row in self.facts.targets]
        rows = [[*cells[:3], value, *cells[3:]] for cells, value in zip(table.rows, before,
                                                                        strict=True)]
        header = [*table.header[:3], self.w("actual_value_of", period=previous.period),
                  self.w("actual_value_now"), *table.header[4:]]
        return TableText(header, rows, [8, 11, 4, 4, 4, 3, 2], centred=(5, 6))

    def previous_value(self, row: TargetRow) -> str:
        """The value the period before recorded for ``row``'s target ("" when none)."""
        values = self.facts.snapshot.previous_actuals.get(row.item.id, ())
        index = next((i for i, t in enumerate(row.item.targets) if t is row.target), None)
        value = values[index] if index is not None and index < len(values) else None
        return "" if value is None else f"{format_number(value)}{row.target.unit}"

    def _targets(self) -> TableText:
        w = self.w
        rows = []
        for row in self.facts.targets:
            t = row.target
            counted = self.facts.as_counted(row) if row.applicable else row
            shown = row.actual if row.actual is not None or counted is None else counted.actual
            actual = "" if shown is None else f"{format_number(shown)}{t.unit}"
            result = (w.status(ItemStatus.NOT_APPLICABLE) if not row.applicable
                      else w("values_differ") if counted is None
                      else {True: w("met"), False: w("not_met"),
                            None: w("not_reported")}[counted.met])
            rows.append([f"{self.facts.place(row.item)}{row.item.title}",
                         t.text + self.stated_elsewhere(row), w.target_value(t), actual, result,
                         str(t.year or "")])
        header = [w("item_title"), w("target"), w("target_value"), w("actual_value"),
                  w("result"), w("year")]
        return TableText(header, rows, [8, 12, 4, 4, 3, 2], centred=(4, 5))

    def clause_kind(self, node: Node) -> str:
        """省级条款 (市级条款) or 国家任务 for a clause of the assessment's reference
        documents; "" for one of another document."""
        snapshot = self.facts.snapshot
        if snapshot.provincial is not None and node.id.startswith(f"{snapshot.provincial.id}/"):
            return self.w(self.facts.middle("provincial"))
        if snapshot.national is not None and node.id.startswith(f"{snapshot.national.id}/"):
            return self.w("national")
        return ""

    def stated_elsewhere(self, row: TargetRow) -> str:
        """（另见一、(一)发展目标）after a target stated in several items; "" else. Each place
        with the start of its item's title: a bare 附件11. read as one number."""
        if not row.same_target:
            return ""
        checklist = self.facts.snapshot.checklist
        nodes = (checklist.node(node_id) for node_id, _index in row.same_target
                 if node_id != row.item.id)
        places = dict.fromkeys(f"{self.facts.place(node)}{shortened(node.title, PLACE_TITLE_CHARS)}"
                               for node in nodes)
        # ； between places: a 、 ran into the one ending a section's number (一、1.、二、1.)
        return self.w("stated_elsewhere", places="；".join(places))

    def any_stated_elsewhere(self) -> bool:
        """Whether the targets table marks a target stated in several items (then a note
        says it is counted once)."""
        return any(row.same_target for row in self.facts.targets)

    def items(self) -> TableText:
        w, show_prov = self.w, self.facts.show_provincial
        header = [w("label"), w("item_title"), w("status"), w("department"), w("due_date"),
                  w("note"), w("evidence")]
        weights: list[float] = [8, 14, 5, 7, 8, 16, 17]  # 完成时限: 2025-06-30 on one line
        if show_prov:
            header.append(w(self.facts.middle("provincial_clause")))
            weights.append(13)
        header.append(w("national_clause"))
        weights.append(15)
        rows = [self.item_cells(row, show_prov) for row in self.facts.items]
        return TableText(header, rows, give_empty_columns_away(header, rows, weights),
                         whole=(0,), column_keep={DEPARTMENT_COLUMN: self.department_names()})

    @staticmethod
    def due_date(row: ItemRow) -> str:
        """完成时限 (2025-06-30, the document's when the office set none, marked
        2025-12-31*; its words when it sets no date: 长期坚持): short, and read the same in
        either language."""
        if row.standing_deadline:
            return row.standing_deadline
        return (row.due_date or "")[:10] + (DOCUMENT_DATE_MARK if row.due_from_document
                                            else "")

    def department_names(self) -> set[str]:
        """The departments the items table names, each kept on one line in its column
        (市市场监/管局 read badly); a name too long for it may still break."""
        names = set()
        for row in self.facts.items:
            typed = re.split(r"[、，,；;\s]+", row.state.responsible_department)
            names.update(name for name in [*typed, *row.item.departments]
                         if 1 < len(name) <= DEPARTMENT_KEPT)
        return names

    def any_document_dates(self) -> bool:
        """Whether the items table prints a date the document sets (then a note says what
        the mark means)."""
        return any(row.due_from_document for row in self.facts.items)

    def due_dates(self) -> set[str]:
        """The due dates the items table prints, which it never splits across lines."""
        return {date for row in self.facts.items if (date := self.due_date(row))}

    def note_text(self, row: ItemRow) -> str:
        """The 备注 of an item: the note, then the reason it does not apply (kept from an
        earlier 不适用 once the item is 已完成…, but no reason for that status). A note that
        already says the reason is printed alone, not followed by it again."""
        state = row.state
        if not state.justification or state.status is not ItemStatus.NOT_APPLICABLE:
            return state.note
        if state.justification.strip() in state.note:
            return state.note
        reason = self.w("reason_note", reason=state.justification)
        return f"{state.note}\n{reason}".strip()

    def long_notes(self) -> list[tuple[ItemRow, str]]:
        """Items whose 备注 is longer than the table shows, with the whole text (备注全文)."""
        return [(row, text) for row in self.facts.items
                if len(text := self.note_text(row)) > NOTE_LIMIT]

    def long_note_caption(self, number: int, row: ItemRow) -> str:
        """``第1条　二、（一）1.标题``: the number the cut note points to, then the item (a
        bare ``1.`` read as part of its label: 1. 二、（一）1.)."""
        return f"{self.w('long_note_number', n=number)}{row.path_label}{row.item.title}"

    def note_cell(self, row: ItemRow) -> str:
        """The 备注 as the table shows it: a long one cut, with where the rest is."""
        text = self.note_text(row)
        number = self._long_numbers.get(row.item.id)
        if number is None:
            return text
        return text[:NOTE_LIMIT] + self.w("note_cut", n=number)

    def item_cells(self, row: ItemRow, show_prov: bool) -> list[str]:
        w, state = self.w, row.state
        department = (state.responsible_department
                      or row.item.department_listing(w("lead_mark")))
        cells = [row.path_label, row.item.title, w.status(state.status), department,
                 self.due_date(row), self.note_cell(row),
                 self.evidence_text(row.evidence)]
        if show_prov:
            cells.append(mapped_text(row.provincial, w, self.facts.place))
        cells.append(mapped_text(row.national, w, self.facts.place, self.clause_kind))
        return cells

    def evidence_text(self, evidence: list[Evidence]) -> str:
        """An item's evidence, one a line, in the order of its numbers in 佐证材料目录."""
        numbers = self.facts.evidence_numbers
        left, right = ("（", "）") if self.w.lang == "zh" else (" (", ")")
        return "\n".join(f"{numbers[e.id]}. {e.shown_name}{left}{e.short_hash}{right}"
                         for e in sorted(evidence, key=lambda e: numbers[e.id]))

    def sign_off(self) -> list[str]:
        a, w = self.facts.snapshot.assessment, self.w
        space = "" if w.lang == "zh" else " "  # 日期：2026年… / Date: 3 December 2026
        return [f"{w('preparer')}{space}{a.preparer}", f"{w('reviewer')}{space}{a.reviewer}",
                f"{w('date')}{space}{w.date(self.facts.report_date)}"]

    def evidence(self) -> TableText:
        """佐证材料目录, numbered as the exported evidence folder's index."""
        w, checklist = self.w, self.facts.snapshot.checklist
        carried = self.facts.snapshot.previous_evidence
        rows = [self.evidence_cells(checklist, entry, w("bytes"),
                                    w("carried_evidence") if entry.evidence.id in carried else "")
                for entry in evidence_index(checklist, self.facts.snapshot.evidence)]
        header = [w("seq"), w("file_name"), w("sha256"), w("size"), w("added_by"),
                  w("added_at"), w("used_by")]
        return TableText(header, rows, [4, 20, 27, 7, 8, 11, 23],  # items by label and title
                         centred=(0,))

    @staticmethod
    def evidence_cells(checklist: Document, entry: IndexEntry, bytes_unit: str,
                       carried: str = "") -> list[str]:
        """A row of 佐证材料目录; ``carried``: the words marking a file the period before
        listed too (上期沿用), under its name: new and reused evidence looked alike."""
        e = entry.evidence
        name = "\n".join(filter(None, (e.shown_name, short_description(e), carried)))
        return [str(entry.number), name, e.sha256, file_size(e.size, bytes_unit),
                e.added_by, short_time(e.added_at), "\n".join(titled_items(checklist, entry))]

    def audit(self) -> TableText:
        w = self.w
        rows = [self.audit_cells(number, entry)
                for number, entry in enumerate(self.changes(), start=1)]
        header = [w("seq"), w("at"), w("user"), w("action"), w("entity"), w("change")]
        return TableText(header, rows, [4, 12, 8, 10, 16, 50], centred=(0,))

    @cached_property
    def _changes(self) -> list[AuditEntry]:
        return self._carried_in_document_order(
            [entry for entry in summarised(self.facts.snapshot.audit)
             if entry.action not in NO_CHANGE_WITHOUT_FIELDS or entry.entity == "mapping"
             or self._change(entry)])

    def _carried_in_document_order(self, entries: list[AuditEntry]) -> list[AuditEntry]:
        """The items one carry forward recorded at one moment, in the document's order (the
        workspace recorded them by id: 二（七） before 二（三）, 附表20 first)."""
        position = {node.id: index
                    for index, node in enumerate(self.facts.snapshot.checklist.nodes)}

        def place(entry: AuditEntry) -> int:
            node = self._item(entry)
            return position.get(node.id, len(position)) if node is not None else len(position)

        ordered: list[AuditEntry] = []
        for _moment, run in groupby(entries, key=lambda e: (e.at, e.action == "carry")):
            run_entries = list(run)
            carried = run_entries[0].action == "carry"
            ordered.extend(sorted(run_entries, key=place) if carried else run_entries)
        return ordered

    def changes(self) -> list[AuditEntry]:
        """The audit entries that changed something, a run of changes to one field merged
        into one (``change_runs``): an edit saved with the values it already had (a note
        typed and typed back, an undo) has nothing to show and is left out. Worked out once
        for these rows (the annex asks whether there are any, then for them)."""
        return self._changes

    @cached_property
    def _shipped(self) -> set[tuple[str, str]]:
        """(from, to) of the mappings shipped with the app, which staff can remove."""
        return {(m.from_node_id, m.to_node_id) for m in self.facts.snapshot.mappings
                if m.source is MappingSource.CURATED}

    def audit_cells(self, number: int, entry: AuditEntry) -> list[str]:
        return [str(number), short_time(entry.at), entry.user,
                describe_action(entry, self.w, self._shipped), self._changed_what(entry),
                self._change(entry)]

    def _change(self, entry: AuditEntry) -> str:
        if entry.entity == "mapping":
            return self._mapped_clause(entry)
        node = self._item(entry) if entry.entity == "item_state" else None
        municipal = self.facts.middle("provincial") != "provincial"
        return describe_change(entry, self.w, self._titles(), node.targets if node else (),
                               municipal_middle=municipal)

    def _titles(self) -> dict[str, str]:
        """The titles of the assessment's documents by id (in simplified script)."""
        snap = self.facts.snapshot
        documents = [d for d in (snap.checklist, snap.provincial, snap.national) if d]
        return {d.id: to_simplified(d.title) for d in documents}

    def _changed_what(self, entry: AuditEntry) -> str:
        """What an entry changed, as staff name it (never the stored ids, such as
        1/chongqing-2022/二/(一)/2/1): the item, the assessment, a part of the report text."""
        w = self.w
        if entry.entity == "assessment":
            return w("record_assessment")
        if entry.entity == "narrative":  # assessment/part
            return w("record_narrative", n=entry.entity_id.rsplit("/", 1)[-1])
        if entry.entity == "mapping":  # from -> to (source)
            return self._item_caption(parse_mapping_entity_id(entry.entity_id).from_node_id)
        if entry.entity == "evidence":  # assessment/node/evidence; the change names the file
            return self._item_caption(entry.entity_id.split("/", 1)[1].rsplit("/", 1)[0])
        if entry.entity == "item_state":  # assessment/node
            return self._item_caption(entry.entity_id.split("/", 1)[1])
        return entry.entity_id

    def _item(self, entry: AuditEntry) -> Node | None:
        try:
            return self.facts.snapshot.checklist.node(entry.entity_id.split("/", 1)[1])
        except (KeyError, IndexError):
            return None

    def _mapped_clause(self, entry: AuditEntry) -> str:
        """``对应国家条款：二、(三)加强关键技术领域标准研究`` for a mapping set or removed."""
        target = parse_mapping_entity_id(entry.entity_id).to_node_id
        snap, w = self.facts.snapshot, self.w
        for document, column in ((snap.provincial, self.facts.middle("provincial_clause")),
                                 (snap.national, "national_clause")):
            if document is None or not target.startswith(f"{document.id}/"):
                continue
            try:
                node = document.node(target)
            except KeyError:
                break
            return f"{w(column)}{'：' if w.lang == 'zh' else ': '}" \
                   f"{self.facts.place(node)}{node.title}"
        return target

    def _item_caption(self, node_id: str) -> str:
        try:
            node = self.facts.snapshot.checklist.node(node_id)
        except KeyError:
            return node_id
        return f"{path_label(self.facts.snapshot.checklist, node)}{node.title}"


DESCRIPTION_LIMIT = 60  # characters of a file's description the 佐证材料目录 prints


def short_description(evidence: Evidence) -> str:
    """A file's description on one line to print under its name, cut where it runs long
    (the exported index has it whole); none where it only repeats the name."""
    text = one_line(evidence.description)  # no bidi override reorders it
    if text in (evidence.file_name, os.path.splitext(evidence.file_name)[0]):
        return ""
    return shortened(text, DESCRIPTION_LIMIT)
