"""Report cautions: what the 正文 still lacks (主送机关, narrative sections) and what the
crosswalk cannot say yet, each front end wording its own remedy."""

from __future__ import annotations

from dataclasses import replace

import pytest

from checklist_app.cli.report_cmd import cautioned
from checklist_app.report.cautions import Caution, CautionKind, report_cautions
from checklist_app.report.content import compute_facts
from checklist_app.report.parts import Contents
from tests.report.conftest import make_snapshot

BODY_AND_ANNEXES = Contents(True, ("annex1", "annex2"))


def cautions_for(contents: Contents = BODY_AND_ANNEXES, **changes: object) -> list[Caution]:
    snapshot = make_snapshot()
    snapshot = replace(snapshot, assessment=replace(snapshot.assessment, **changes))
    return report_cautions(compute_facts(snapshot), contents, "zh")


def test_the_body_cautions_come_first_in_printed_order() -> None:
    """make_snapshot writes section 1 only; the unconfirmed items come last."""
    assert cautions_for(addressee=" ") == [
        Caution(CautionKind.NO_ADDRESSEE),
        *(Caution(CautionKind.EMPTY_SECTION, section=n) for n in (2, 3, 4)),
        Caution(CautionKind.UNCONFIRMED, 2)]  # the item 不适用 is none of them


def test_a_written_report_text_has_no_body_caution() -> None:
    narrative = {n: "已完成。" for n in (1, 2, 3, 4)}
    assert cautions_for(narrative=narrative) == [Caution(CautionKind.UNCONFIRMED, 2)]


@pytest.mark.parametrize("contents", [Contents(False, ("annex1",)),  # a table only
                                      Contents(False, ("annex1", "annex2"))])  # or compact
def test_no_body_caution_when_the_body_is_not_printed(contents: Contents) -> None:
    assert not [c for c in cautions_for(contents, addressee="")
                if c.kind in (CautionKind.NO_ADDRESSEE, CautionKind.EMPTY_SECTION)]


def test_the_command_line_names_its_commands() -> None:
    assert cautioned(Caution(CautionKind.EMPTY_SECTION, section=3)) == (
        "报告正文第3部分尚未填写，报告在该处印出“（本部分尚未填写。）”"
        "（可用 checklist assess edit --section 3 填写）。")
    assert cautioned(Caution(CautionKind.NO_ADDRESSEE)) == (
        "尚未填写主送机关，报告正文将不印主送机关"
        "（可用 checklist assess set --addressee 名称 填写）。")


def test_a_caution_and_its_remedy_end_with_a_full_stop_in_english() -> None:
    """English read "…unfinished (choose Not assessed … set each item's status)" with no
    full stop, where the Chinese ends with 。."""
    from checklist_app.i18n import set_language

    set_language("en")
    try:
        said = cautioned(Caution(CautionKind.NOT_ASSESSED, 2))
    finally:
        set_language("zh_CN")
    assert said.startswith("2 checklist items") and said.endswith(").")


@pytest.mark.parametrize("kind", list(CautionKind))
def test_every_caution_has_a_command_line_remedy(kind: CautionKind) -> None:
    assert "checklist " in cautioned(Caution(kind, 2, section=2))


def test_items_not_assessed_are_cautioned_before_signing() -> None:
    """The report prints 尚有N项检查项未开展自评 and nothing said so before it was printed."""
    from checklist_app.core import ItemStatus
    from checklist_app.ui.dialogs.report_dialog import cautioned as in_the_app

    snapshot = make_snapshot()
    for node_id in list(snapshot.states)[:2]:
        snapshot.states[node_id] = replace(snapshot.states[node_id],
                                           status=ItemStatus.NOT_ASSESSED)
    found = report_cautions(compute_facts(snapshot), BODY_AND_ANNEXES, "zh")
    assert found[0] == Caution(CautionKind.NOT_ASSESSED, 2)  # first: it is about the whole
    assert "仍有 2 项检查项未评估" in cautioned(found[0])
    assert "checklist set" in cautioned(found[0]) and "未评估" in in_the_app(found[0])
    none = report_cautions(compute_facts(snapshot), Contents(False, ("annex4",)), "zh")
    assert CautionKind.NOT_ASSESSED not in [c.kind for c in none]  # the change log alone


def test_items_done_without_their_target_value_are_cautioned() -> None:
    """附件1 printed 已完成 beside 未填报 and nothing said so before signing."""
    from checklist_app.core import ItemStatus
    from checklist_app.ui.dialogs.report_dialog import cautioned as in_the_app

    snapshot = make_snapshot()
    done = compute_facts(snapshot).targets
    item = done[0].item
    snapshot.states[item.id] = replace(snapshot.states[item.id], status=ItemStatus.DONE)
    assert CautionKind.DONE_WITHOUT_VALUE not in [  # its value is recorded
        c.kind for c in report_cautions(compute_facts(snapshot), BODY_AND_ANNEXES, "zh")]
    snapshot.states[item.id] = replace(snapshot.states[item.id], actual_values=())
    facts = compute_facts(snapshot)
    found = [c for c in report_cautions(facts, BODY_AND_ANNEXES, "zh")
             if c.kind is CautionKind.DONE_WITHOUT_VALUE]
    assert found == [Caution(CautionKind.DONE_WITHOUT_VALUE, 1, detail=(
        f"{facts.place(item)}（{done[0].target.text}）"))]
    assert done[0].target.text in cautioned(found[0]) and "--value" in cautioned(found[0])
    assert "实际值" in in_the_app(found[0])
    snapshot.states[item.id] = replace(snapshot.states[item.id],
                                       status=ItemStatus.IN_PROGRESS)
    assert CautionKind.DONE_WITHOUT_VALUE not in [  # 推进中 may wait for its value
        c.kind for c in report_cautions(compute_facts(snapshot), BODY_AND_ANNEXES, "zh")]


def test_items_done_short_of_their_target_are_cautioned() -> None:
    """An item marked 已完成 with 14 of its 20 standards was counted completed in 二、 while
    三、 listed its target as not reached, and nothing said so before signing."""
    from checklist_app.core import ItemStatus
    from checklist_app.ui.dialogs.report_dialog import cautioned as in_the_app

    snapshot = make_snapshot()
    row = compute_facts(snapshot).targets[0]
    item, target = row.item, row.target
    short = target.value / 2
    assert not target.is_met(short) and target.is_met(snapshot.states[item.id].actual_values[0])
    snapshot.states[item.id] = replace(snapshot.states[item.id], status=ItemStatus.DONE,
                                       actual_values=(short,))
    facts = compute_facts(snapshot)
    found = [c for c in report_cautions(facts, BODY_AND_ANNEXES, "zh")
             if c.kind is CautionKind.DONE_TARGET_MISSED]
    actual = f"{short:g}{target.unit}"
    assert found == [Caution(CautionKind.DONE_TARGET_MISSED, 1, lang="zh", detail=(
        f"{target.text}（{facts.place(item)}，实际{actual}）"))]
    assert "--status" in cautioned(found[0]) and target.text in in_the_app(found[0])
    english = [c for c in report_cautions(facts, BODY_AND_ANNEXES, "en")
               if c.kind is CautionKind.DONE_TARGET_MISSED]
    assert f"actual {actual}" in english[0].detail
    for status, value in ((ItemStatus.IN_PROGRESS, short), (ItemStatus.DONE, target.value)):
        snapshot.states[item.id] = replace(snapshot.states[item.id], status=status,
                                           actual_values=(value,))
        assert CautionKind.DONE_TARGET_MISSED not in [
            c.kind for c in report_cautions(compute_facts(snapshot), BODY_AND_ANNEXES, "zh")]


def test_the_command_names_the_annex_as_the_report_prints_it() -> None:
    """An English report's caution sent the reader to its 附件1, which it prints as Annex 1."""
    assert "附件1" in cautioned(Caution(CautionKind.NOT_ASSESSED, 2))
    english = cautioned(Caution(CautionKind.NOT_ASSESSED, 2, lang="en"))
    assert "Annex 1" in english and "附件1" not in english
