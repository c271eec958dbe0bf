"""What each annex holds, in order, for the PDF and the Word copy alike: captioned tables,
and the note printed where a table would be empty (无。, 未添加佐证材料。…), so that the two
copies say the same."""

from __future__ import annotations

from dataclasses import dataclass

from checklist_app.core import ItemStatus
from checklist_app.report.annex_rows import AnnexRows, TableText
from checklist_app.report.crosswalk_annex import (
    crosswalk_table,
    local_only_table,
    pending_local,
)
from checklist_app.report.official import coverage_figures
from checklist_app.report.wording import Wording


@dataclass(frozen=True, slots=True)
class Block:
    """A caption (a wording key, or "" for none), then a table or else a note (a wording
    key)."""

    caption: str
    table: TableText | None = None
    note: str = ""
    count: int = 0  # the {n} the note says, where it says one
    values: tuple[tuple[str, object], ...] = ()  # other figures the note says

    def note_text(self, w: Wording) -> str:
        values = dict(self.values)
        if self.count:
            values["n"] = self.count
        return w(self.note, **values)


def annex_blocks(rows: AnnexRows, key: str) -> list[Block]:
    """The blocks of annex ``key`` (annex1 … annex4)."""
    facts, w = rows.facts, rows.w
    if key == "annex1":
        targets = (_noted("targets", rows.targets(), "same_target", rows.any_stated_elsewhere())
                   if facts.targets else [])
        items = _noted("items", rows.items(), "due_from_document", rows.any_document_dates())
        # the shares count every item, the completion rates of the body and 各部分 leave
        # 不适用 out: said where both show (55.6% in the body, 40% + 10% here)
        shares = [Block("", note=note)] if (note := _shares_note(rows)) else []
        return [Block("by_status", rows.status()), *shares,
                Block("by_section", rows.sections()), *targets, *items]
    if key == "annex2":
        local = local_only_table(facts, w)
        empty = "unmapped_local" if facts.unmapped else "none"
        pending = len(pending_local(facts))
        coverage = ([Block("", note="coverage_note",
                           values=tuple(coverage_figures(facts, w).items()))]
                    if facts.national_covered is not None else [])
        return [*coverage, Block("", crosswalk_table(facts, w)),
                Block("local_only", local) if local.rows else Block("local_only", note=empty),
                *([Block("", note="local_pending", count=pending)] if pending else [])]
    if key == "annex3":
        return [Block("", rows.evidence()) if facts.evidence else Block("", note="no_evidence")]
    if not rows.changes():
        return [Block("", note="no_changes")]
    # the note first: under the table its last line could end the report on a page of its own
    return [Block("", note="changes_summarised"), Block("", rows.audit())]


def _shares_note(rows: AnnexRows) -> str:
    """The note under the status table: what the shares count (when some items are 不适用)
    and that they are rounded (when they add up to 100.1% above 合计 100%)."""
    of_all = bool(rows.facts.status_counts.get(ItemStatus.NOT_APPLICABLE))
    rounded = not rows.shares_add_up()
    if of_all:
        return "shares_of_all_rounded" if rounded else "shares_of_all"
    return "shares_rounded" if rounded else ""


def _noted(caption: str, table: TableText, note: str, noted: bool) -> list[Block]:
    """A captioned table, with a note between caption and table when ``noted``."""
    if noted:
        return [Block(caption, note=note), Block("", table)]
    return [Block(caption, table)]


def leads_into_table(blocks: list[Block], position: int) -> bool:
    """Whether the block at ``position`` is a note a table follows (it is kept with it)."""
    return (blocks[position].table is None and position + 1 < len(blocks)
            and blocks[position + 1].table is not None
            and not blocks[position + 1].caption)  # else a note under the table before
