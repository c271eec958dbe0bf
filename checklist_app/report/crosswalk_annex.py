"""附件2 三级对照表: each national clause with the provincial clauses and local items below it.

National clauses no local item implements (上级任务未承接) are shaded and marked; local items
with no higher-level basis (自选动作) are listed after the table.
"""

from __future__ import annotations

from checklist_app.report.annex_rows import TableText
from checklist_app.report.content import ReportFacts
from checklist_app.report.wording import Wording


def crosswalk_table(facts: ReportFacts, w: Wording) -> TableText:
    header, weights = [w("national")], [10.0]
    if facts.show_provincial:
        header.append(w("provincial"))
        weights.append(8)
    header.append(w("local_items"))
    weights.append(12)
    table = TableText(header, [], weights)
    for row in facts.national_rows:
        cells = [f"{facts.place(row.clause)}{row.clause.title}"]
        if facts.show_provincial:
            cells.append("\n".join(f"{facts.place(p)}{p.title}" for p in row.provincial))
        if facts.unmapped:  # not known to be a gap: nobody has mapped the items yet
            cells.append(f"【{w('not_mapped')}】")
        elif row.covered:
            cells.append("\n".join(
                f"{r.path_label}{r.item.title}（{w.status(r.state.status)}）" for r in row.items
            ))
        else:
            table.highlight.append(len(table.rows))
            cells.append(f"【{w('gap')}】")
        table.rows.append(cells)
    return table


def local_only_table(facts: ReportFacts, w: Wording) -> TableText:
    """自选动作: local items that map to no provincial or national clause; those nobody has
    mapped or declined yet are marked 【尚未对照】: they may yet have a basis."""
    unconfirmed = {row.item.id for row in facts.unconfirmed}
    rows = [[r.path_label,
             r.item.title + (f"【{w('not_mapped')}】" if r.item.id in unconfirmed else ""),
             w.status(r.state.status)] for r in facts.local_only]
    return TableText([w("label"), w("item_title"), w("status")], rows, [3, 20, 4])
