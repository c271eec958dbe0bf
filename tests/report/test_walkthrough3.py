"""Report problems a third walkthrough found: units of targets in traditional script, the
Word copy leaving out what the PDF says in 附件2, evidence out of order in 附件1, the
cautions quoting the placeholder in the interface's language, due dates missing from 附件1
and a change log that logged every keystroke."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import pytest
from docx import Document as WordDocument
from docx.oxml.ns import qn

from checklist_app.core import (
    AssessmentSnapshot,
    AuditEntry,
    Comparator,
    Mapping,
    MappingSource,
    Target,
)
from checklist_app.i18n import set_language
from checklist_app.report.annex_rows import AnnexRows
from checklist_app.report.builder import build_report
from checklist_app.report.cautions import CautionKind, caution_text
from checklist_app.report.content import compute_facts
from checklist_app.report.wording import Wording
from tests.report.conftest import evidence, make_snapshot
from tests.report.pdflines import printed_lines
from tests.report.test_pdf import needs_poppler, pdftotext, squeeze


def built(snapshot: AssessmentSnapshot, folder: Path, lang: str = "zh") -> tuple[str, str]:
    """The PDF's and the Word copy's text, without whitespace."""
    pdf, docx = folder / f"r-{lang}.pdf", folder / f"r-{lang}.docx"
    list(build_report(snapshot, pdf, docx_path=docx, lang=lang))
    return squeeze(pdftotext(pdf)), squeeze(word_text(docx))


def word_text(path: Path) -> str:
    """Every piece of text of the Word copy's body, in order (tables' cells included)."""
    body = WordDocument(str(path)).element.body
    return "".join(node.text or "" for node in body.iter(qn("w:t")))


def item_state_entry(seq: int, node_id: str, before: dict | None, after: dict, *,
                     at: str = "2026-10-01T10:00:00", user: str = "张三") -> AuditEntry:
    return AuditEntry(seq=seq, at=at, user=user, action="set", entity="item_state",
                      entity_id=f"1/{node_id}", before=json.dumps(before) if before else None,
                      after=json.dumps(after), prev_hash="0" * 64, hash=f"{seq:064x}")


def with_traditional_unit() -> AssessmentSnapshot:
    """The first target counted in 個 (as the 温州 document writes it), its actual value
    logged."""
    snapshot = make_snapshot()
    item = next(n for n in snapshot.checklist.checkable_nodes() if n.targets)
    target = Target("培育企业技术标准创新基地5个以上", 5, "個", Comparator.AT_LEAST, 2025)
    nodes = [replace(n, targets=[target]) if n.id == item.id else n
             for n in snapshot.checklist.nodes]
    snapshot.checklist = replace(snapshot.checklist, nodes=nodes, script="traditional")
    snapshot.states[item.id] = replace(snapshot.states[item.id], actual_values=(6.0,))
    snapshot.audit = [item_state_entry(1, item.id, {"actual_values": "[]"},
                                       {"actual_values": "[6]"})]
    return snapshot


@needs_poppler
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_units_are_printed_in_simplified_script(tmp_path: Path, lang: str) -> None:
    for text in built(with_traditional_unit(), tmp_path, lang):
        assert "個" not in text
        assert ("不少于5个" if lang == "zh" else "atleast5个") in text
        assert "6个" in text


@needs_poppler
@pytest.mark.parametrize(("interface", "lang", "placeholder"),
                         [("en", "zh", "“（本部分尚未填写。）”"),
                          ("zh_CN", "en", "“(This part has not been written yet.)”")])
def test_a_caution_quotes_the_placeholder_the_report_prints(
    tmp_path: Path, interface: str, lang: str, placeholder: str
) -> None:
    set_language(interface)
    pdf = tmp_path / "r.pdf"
    last = list(build_report(make_snapshot(), pdf, lang=lang))[-1]
    empty = [c for c in last.cautions if c.kind is CautionKind.EMPTY_SECTION]
    assert [c.section for c in empty] == [2, 3, 4]
    assert placeholder in caution_text(empty[0])
    assert squeeze(placeholder.strip("“”")) in squeeze(pdftotext(pdf))


def evidence_shared_out_of_order() -> AssessmentSnapshot:
    """The first item has file 2, so 附件3 numbers it 1; the second has files 1, 2 and 3 in
    the order they were attached: 2., 1., 3. by number."""
    snapshot = make_snapshot()
    first, second = [n.id for n in snapshot.checklist.checkable_nodes()[:2]]
    snapshot.evidence = {first: [evidence(2)], second: [evidence(1), evidence(2), evidence(3)]}
    return snapshot


@needs_poppler
def test_an_items_evidence_is_listed_by_its_number(tmp_path: Path) -> None:
    pdf, docx = tmp_path / "r.pdf", tmp_path / "r.docx"
    list(build_report(evidence_shared_out_of_order(), pdf, docx_path=docx))
    numbered = re.compile(r"^(\d)\. 佐证材料(\d)\.pdf")
    printed = [numbered.match(line.text) for line in printed_lines(pdf)]
    assert [(m[1], m[2]) for m in printed if m] == [("1", "2"), ("1", "2"), ("2", "1"),
                                                   ("3", "3")]
    items = WordDocument(str(docx)).tables[3]  # 附件1: by status, by section, targets, items
    [cell] = [c.text for c in items.rows[2].cells if "佐证材料" in c.text]
    listed = [re.fullmatch(r"(\d)\. (.+)（([0-9a-f]{12})）", line) for line in cell.splitlines()]
    assert [m.group(1, 2) for m in listed if m] == [  # the short hash in full-width brackets
        ("1", "佐证材料2.pdf"), ("2", "佐证材料1.pdf"), ("3", "佐证材料3.pdf")]


def every_item_mapped_nothing_else() -> AssessmentSnapshot:
    """Every item maps to a national clause (no 自选动作); no evidence, no change recorded."""
    snapshot = make_snapshot()
    snapshot.mappings = [Mapping(n.id, "national-2021/二/(一)", source=MappingSource.USER)
                         for n in snapshot.checklist.checkable_nodes()]
    snapshot.evidence, snapshot.audit = {}, []
    return snapshot


@needs_poppler
def test_the_word_copy_says_what_the_pdf_says_of_an_empty_part(tmp_path: Path) -> None:
    for text in built(every_item_mapped_nothing_else(), tmp_path):
        assert "附件2三级对照表" in text
        assert "自选动作（无上级对应）无。" in text
        assert "附件3佐证材料目录未添加佐证材料。" in text
        assert "附件4变更记录无变更记录。" in text


@needs_poppler
def test_the_items_table_prints_each_items_due_date_on_one_line(tmp_path: Path) -> None:
    """The body counts overdue items: 附件1 shows the 完成时限 a reviewer checks them by."""
    snapshot = make_snapshot()
    pdf, docx = tmp_path / "r.pdf", tmp_path / "r.docx"
    list(build_report(snapshot, pdf, docx_path=docx))
    lines = [line.text for line in printed_lines(pdf)]
    assert "完成时限" in lines
    assert lines.count("2025-06-30") == len(snapshot.states)  # whole, one per item
    items = WordDocument(str(docx)).tables[3]
    column = [cell.text for cell in items.columns[4].cells]
    assert column == ["完成时限", *["2025-06-30"] * len(snapshot.states)]


def status(value: str) -> dict:
    return {"status": value, "note": ""}


def typed_and_stepped() -> AssessmentSnapshot:
    """Space pressed three times on item A (the first press creates its state), once on B in
    between, a note typed in pauses with a word typed and removed, a note on B typed and
    undone; then 李四 changes A twice, 20 minutes apart."""
    snapshot = make_snapshot()
    a, b = [n.id for n in snapshot.checklist.checkable_nodes()[:2]]
    steps = [(a, None, status("not_started")), (a, status("not_started"), status("in_progress")),
             (b, status("not_started"), status("done")),
             (a, status("in_progress"), status("done"))]
    notes = ["", "已制定", "已制定计划。", "已制定计划。OK", "已制定计划。"]
    steps += [(a, {"note": was}, {"note": now}) for was, now in pairwise(notes)]
    steps += [(b, {"note": ""}, {"note": "临时"}), (b, {"note": "临时"}, {"note": ""})]
    entries = [item_state_entry(n, node, before, after, at=f"2026-10-01T10:0{n}:00")
               for n, (node, before, after) in enumerate(steps)]
    entries += [item_state_entry(11, a, status("done"), status("ongoing"), user="李四",
                                 at="2026-10-01T10:11:00"),
                item_state_entry(12, a, status("ongoing"), status("done"), user="李四",
                                 at="2026-10-01T10:31:00")]
    snapshot.audit = entries
    return snapshot


@needs_poppler
def test_the_change_log_merges_a_run_of_changes_to_one_field(tmp_path: Path) -> None:
    pdf, docx = tmp_path / "r.pdf", tmp_path / "r.docx"
    snapshot = typed_and_stepped()
    list(build_report(snapshot, pdf, docx_path=docx, parts=["changes"]))
    rows = [[cell.text for cell in row.cells] for row in WordDocument(str(docx)).tables[0].rows]
    assert [(row[2], row[-1]) for row in rows[1:]] == [
        ("张三", "状态：未启动 → 已完成"),  # B: its one step
        ("张三", "状态：已完成"),  # A: from no state at all
        ("张三", "备注：已制定计划"),  # typed in pauses; the word typed and removed is gone
        ("李四", "状态：已完成 → 长期坚持"),  # another user: a run of its own
        ("李四", "状态：长期坚持 → 已完成")]  # 20 minutes later: another run
    assert len(snapshot.audit) == 12  # the trail itself is as it was
    note = "注：同一操作人对同一对象同一内容的连续修改"
    for text in (squeeze(pdftotext(pdf)), squeeze(word_text(docx))):
        assert "临时" not in text and "OK" not in text and note in text
        assert text.count("状态：") == 4


NOT_RELATED_TO = "national-2021/七/(一)"


def not_related_entry(seq: int, item: str, minute: int, *, undo: bool = False) -> AuditEntry:
    """Staff's "not related" mapping of ``item`` to 提升标准化对外开放水平, or its undo."""
    row = json.dumps({"from_node_id": item, "to_node_id": NOT_RELATED_TO, "source": "user",
                      "relation": "not_related", "strength": 0})
    return AuditEntry(seq=seq, at=f"2026-10-01T10:{minute:02}:00", user="张三",
                      action="delete" if undo else "set", entity="mapping",
                      entity_id=f"{item} -> {NOT_RELATED_TO} (user)",
                      before=row if undo else None, after=None if undo else row,
                      prev_hash="0" * 64, hash=f"{seq:064x}")


def mapping_log(*, shipped: bool, undo_after: int) -> list[tuple[str, str]]:
    """(action, change) of the change log after a "not related" and its undo
    ``undo_after`` minutes later; ``shipped``: the app ships a mapping of the two."""
    snapshot = make_snapshot()
    item = snapshot.checklist.checkable_nodes()[2].id
    if shipped:
        snapshot.mappings.append(Mapping(item, NOT_RELATED_TO, source=MappingSource.CURATED))
    snapshot.audit = [not_related_entry(1, item, 0),
                      not_related_entry(2, item, undo_after, undo=True)]
    return [(row[3], row[5]) for row in AnnexRows(compute_facts(snapshot), Wording("zh"))
            .audit().rows]


def test_a_declined_suggestion_is_not_logged_as_a_mapping_cancelled() -> None:
    clause = "对应国家条款：七、（一）提升标准化对外开放水平"
    assert mapping_log(shipped=False, undo_after=30) == [("不采纳建议对照", clause),
                                                          ("撤销不采纳建议对照", clause)]
    assert mapping_log(shipped=True, undo_after=30) == [("取消对照关系", clause),
                                                         ("恢复对照关系", clause)]
    assert mapping_log(shipped=False, undo_after=1) == []  # undone at once: nothing changed
