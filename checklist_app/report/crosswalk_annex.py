"""附件2 三级对照表: each national clause with the provincial clauses and local items below it.

National clauses no local item implements (上级任务未承接) are shaded and marked; local items
with no higher-level basis (自选动作) are listed after the table.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from checklist_app.core import Document, ItemStatus, Node
from checklist_app.report.annex_rows import TableText
from checklist_app.report.content import ItemRow, NationalRow, ReportFacts
from checklist_app.report.wording import Wording

# This many sibling clauses or items in a row (附表1 … 附表32, the departments' task tables)
# print as their first and last with the count: listed in full under each national task
# they map to, they filled pages with the same 32 lines. 附件1 lists each one.
RUN_LENGTH = 4


def crosswalk_table(facts: ReportFacts, w: Wording) -> TableText:
    header, weights = [w("national")], [10.0]
    if facts.show_provincial:
        header.append(w(facts.middle("provincial")))
        weights.append(8)
    header.append(w("local_items"))
    weights.append(12)
    table = TableText(header, [], weights)
    for row in facts.national_rows:
        cells = [f"{facts.place(row.clause)}{row.clause.title}"]
        if facts.show_provincial:
            cells.append(provincial_text(facts, w, row.provincial))
        if facts.unmapped:  # not known to be a gap: nobody has mapped the items yet
            cells.append(f"【{w('not_mapped')}】")
        elif row.covered:
            cells.append("\n".join(local_lines(facts, w, row.items)))
        else:
            table.highlight.append(len(table.rows))
            cells.append("\n".join([f"【{w('gap')}】", *_partly_lines(facts, w, row)]))
        table.rows.append(cells)
    return table


def _partly_lines(facts: ReportFacts, w: Wording, row: NationalRow) -> list[str]:
    """Under 【上级任务未承接】, the items mapped to the middle clause listed beside it."""
    kind, lines = w(facts.middle("provincial")), []
    for middle in row.provincial:  # named: the row lists several (十、(二十八) or 九、(二十三)?)
        mapped = [r for r in row.partly if any(
            m.node.id == middle.id and not m.is_tentative for m in r.provincial)]
        if mapped:
            lines.append(w("partly", clause=f"{kind}{facts.place(middle)}"))
            lines += local_lines(facts, w, mapped)
    return lines


def local_only_table(facts: ReportFacts, w: Wording) -> TableText:
    """自选动作: local items that map to no provincial or national clause, as far as the
    office has looked (those with suggestions nobody has accepted or declined yet are left
    to :func:`pending_local`, 不适用 items are no action of the office's)."""
    pending = {row.item.id for row in pending_local(facts)}
    rows = [[r.path_label, r.item.title, w.status(r.state.status)] for r in facts.local_only
            if r.item.id not in pending and r.state.status is not ItemStatus.NOT_APPLICABLE]
    return TableText([w("label"), w("item_title"), w("status")], rows, [3, 20, 4])


def pending_local(facts: ReportFacts) -> list[ItemRow]:
    """Items with no upper basis only for want of a mapping decision: counted under the
    自选动作 table, not listed in it (the table said 无上级对应 of every row marked 尚未对照)."""
    unconfirmed = {row.item.id for row in facts.unconfirmed}  # none of them 不适用
    return [r for r in facts.local_only if r.item.id in unconfirmed]


def provincial_text(facts: ReportFacts, w: Wording, clauses: list[Node]) -> str:
    """The provincial clauses of a national task, one a line; a run of siblings as a range."""
    lines = []
    for run in sibling_runs(clauses, facts.snapshot.provincial):
        named = [f"{facts.place(p)}{p.title}" for p in run]
        if len(run) >= RUN_LENGTH:
            lines.append(w("clause_run", first=named[0], last=named[-1], count=len(run)))
        else:
            lines += named
    return "\n".join(lines)


def local_lines(facts: ReportFacts, w: Wording, rows: list[ItemRow]) -> list[str]:
    """Local items with their status, one a line; a run of siblings as a range with how
    many of it are at each status."""
    by_id = {row.item.id: row for row in rows}
    lines = []
    for run in sibling_runs([row.item for row in rows], facts.snapshot.checklist):
        named = [by_id[node.id] for node in run]
        if len(run) < RUN_LENGTH:
            lines += [f"{r.path_label}{r.item.title}（{w.status(r.state.status)}）"
                      for r in named]
            continue
        counts = Counter(r.state.status for r in named)
        statuses = w("count_sep").join(w("status_count", status=w.status(status), count=n)
                                       for status in ItemStatus if (n := counts[status]))
        first, last = (f"{r.path_label}{r.item.title}" for r in (named[0], named[-1]))
        lines.append(w("item_run", first=first, last=last, count=len(run), statuses=statuses))
    return lines


def sibling_runs(clauses: list[Node], document: Document | None) -> Iterator[list[Node]]:
    """``clauses`` in order, cut where the next is not the next sibling of the one before."""
    position = {}
    if document is not None:
        seen: dict[str | None, int] = {}
        for node in document.nodes:
            position[node.id] = (node.parent_id, seen.get(node.parent_id, 0))
            seen[node.parent_id] = seen.get(node.parent_id, 0) + 1
    run: list[Node] = []
    for clause in clauses:
        if run and not _follows(position.get(run[-1].id), position.get(clause.id)):
            yield run
            run = []
        run.append(clause)
    if run:
        yield run


def _follows(before: tuple[str | None, int] | None, after: tuple[str | None, int] | None) -> bool:
    return (before is not None and after is not None and before[0] == after[0]
            and after[1] == before[1] + 1)
