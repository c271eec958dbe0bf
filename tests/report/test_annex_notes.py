"""The 备注 column of 附件1: the note, and the reason an item does not apply."""

from __future__ import annotations


def test_a_reason_not_applicable_is_printed_only_while_the_item_is_not_applicable() -> None:
    """An item set 不适用 with a reason, then 已完成, printed 已完成 …（理由：…）."""
    from dataclasses import replace

    from checklist_app.core import ItemStatus
    from checklist_app.report.annex_rows import AnnexRows
    from checklist_app.report.content import compute_facts
    from checklist_app.report.wording import Wording
    from tests.report.conftest import make_snapshot

    snapshot = make_snapshot()
    item = snapshot.checklist.checkable_nodes()[0].id
    kept = replace(snapshot.states[item], justification="本区无相关产业", note="已印发方案")
    for status, printed in ((ItemStatus.NOT_APPLICABLE, "已印发方案\n（理由：本区无相关产业）"),
                            (ItemStatus.DONE, "已印发方案")):
        snapshot.states[item] = replace(kept, status=status)
        facts = compute_facts(snapshot)
        rows = AnnexRows(facts, Wording("zh"))
        [row] = [r for r in facts.items if r.item.id == item]
        assert rows.note_text(row) == printed
