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


def test_a_reason_ends_where_its_bracket_closes() -> None:
    """Reasons printed （理由：…。） beside （理由：非本局职责）: the full stop typed at the end of
    a reason goes, in the 备注 column and in the body's list alike."""
    from checklist_app.report.wording import Wording

    for lang, reason, printed in (("zh", "本区无此产业。", "（理由：本区无此产业）"),
                                  ("zh", "非本局职责", "（理由：非本局职责）"),
                                  ("en", "Not ours. ", "(reason: Not ours)")):
        assert Wording(lang)("reason_note", reason=reason) == printed
        assert Wording(lang)("justification", item="1", reason=reason).endswith(printed[1:])
    # a label's full stop is not a sentence's
    assert Wording("zh")("stated_elsewhere", places="二、1.") == "（另见二、1.）"
    assert Wording("zh")("reason_note", reason="达到5.") == "（理由：达到5.）"
    # one sentence end goes, never an ellipsis, an abbreviation's point or the whole reason
    for reason, printed in (("待定...", "（理由：待定...）"), ("本区无。。", "（理由：本区无。）"),
                            ("。", "（理由：。）"), ("见第3号文.", "（理由：见第3号文）")):
        assert Wording("zh")("reason_note", reason=reason) == printed
    assert Wording("en")("reason_note", reason="the district's, etc.") == \
        "(reason: the district's, etc.)"


def test_a_note_that_gives_the_reason_is_not_followed_by_it_again() -> None:
    """The demo printed 本局不承担…具体任务。（理由：本局不承担…具体任务。）: staff often type
    the reason as the note too."""
    from dataclasses import replace

    from checklist_app.core import ItemStatus
    from checklist_app.report.annex_rows import AnnexRows
    from checklist_app.report.content import compute_facts
    from checklist_app.report.wording import Wording
    from tests.report.conftest import make_snapshot

    snapshot = make_snapshot()
    item = snapshot.checklist.checkable_nodes()[0].id
    reason = "本局不承担该项具体任务。"
    for note in (reason, f"经研究，{reason}已报备。"):
        snapshot.states[item] = replace(snapshot.states[item], status=ItemStatus.NOT_APPLICABLE,
                                        justification=f" {reason}", note=note)
        facts = compute_facts(snapshot)
        [row] = [r for r in facts.items if r.item.id == item]
        assert AnnexRows(facts, Wording("zh")).note_text(row) == note

def test_the_change_log_ends_with_its_table_not_a_stray_line_of_its_note(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The demo report's last page held only 改。, the end of the note under 变更记录: the
    note now comes before the table, in the PDF and the Word copy alike."""
    import re
    import subprocess

    from docx import Document as WordDocument

    from checklist_app.demo import build_demo
    from checklist_app.report.builder import build_report
    from checklist_app.storage.workspace import Workspace

    path = build_demo(tmp_path, with_report=False)
    with Workspace.open(path) as workspace:
        snapshot = workspace.snapshot(workspace.only_open_assessment().id)
    pdf, docx = tmp_path / "r.pdf", tmp_path / "r.docx"
    list(build_report(snapshot, pdf, docx_path=docx, parts=["changes"]))
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                             text=True, check=True).stdout)
    log = text[text.index("变更记录"):]
    assert log.index("注：同一操作人") < log.index("序号")  # before the table's header
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout)[1])
    last = subprocess.run(["pdftotext", "-f", str(pages), "-l", str(pages), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "审计记录保留" not in last or pages == 1
    body = list(WordDocument(str(docx)).element.body)  # paragraphs and tables in order
    note = next(i for i, e in enumerate(body) if "".join(e.itertext()).startswith("注：同一操作人"))
    log_table = max(i for i, e in enumerate(body) if e.tag.endswith("}tbl"))
    assert note < log_table


def test_the_items_of_one_carry_forward_are_listed_in_the_documents_order() -> None:
    """Workspaces carried forward before recorded the items by id: 附件4 listed 二（七）
    before 二（三）. Other changes keep their order in time."""
    from dataclasses import replace

    from checklist_app.core import AuditEntry
    from checklist_app.report.annex_rows import AnnexRows
    from checklist_app.report.content import compute_facts
    from checklist_app.report.wording import Wording
    from tests.report.conftest import make_snapshot

    snapshot = make_snapshot(items_per_section=3)
    items = [node.id for node in snapshot.checklist.checkable_nodes()]

    def entry(seq: int, at: str, action: str, node_id: str) -> AuditEntry:
        return AuditEntry(seq, at, "张三", action, "item_state", f"1/{node_id}", None,
                          '{"note": "已落实"}', "", "")

    moment = "2025-01-02T08:00:00+00:00"
    audit = [entry(1, "2025-01-01T08:00:00+00:00", "set", items[2]),
             *(entry(2 + i, moment, "carry", node_id)
               for i, node_id in enumerate(reversed(items))),
             entry(99, "2025-01-03T08:00:00+00:00", "set", items[0])]
    facts = compute_facts(replace(snapshot, audit=audit))
    listed = [change.entity_id.split("/", 1)[1] for change in
              AnnexRows(facts, Wording("zh")).changes()]
    assert listed == [items[2], *items, items[0]]


def test_the_places_a_target_is_also_stated_in_are_told_apart() -> None:
    """（另见二、1.、附件11.）: the 、 between places ran into the 、 of a section's number,
    and a bare 附件11. read as one number: each place now has its title's start."""
    import dataclasses

    from checklist_app.report.annex_rows import AnnexRows
    from checklist_app.report.content import compute_facts
    from checklist_app.report.wording import Wording
    from tests.core.test_repeats import _plan
    from tests.report.conftest import make_snapshot

    plan = _plan(("一、", "主要目标", ["培育标准化示范企业 10 个"]),
                 ("二、", "重点任务", ["开展创建，培育标准化示范企业 10 个"]),
                 ("附件1", "分工表", ["推动创建，培育标准化示范企业 10 个"]))
    snapshot = make_snapshot()
    snapshot = dataclasses.replace(
        snapshot, checklist=plan, states={}, evidence={}, mappings=[],
        assessment=dataclasses.replace(snapshot.assessment, checklist_doc_id=plan.id))
    rows = AnnexRows(compute_facts(snapshot), Wording("zh")).targets().rows
    assert rows[0][1] == ("培育标准化示范企业 10 个"
                          "（另见二、1.任务1；附件11.任务1）")
