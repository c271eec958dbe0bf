"""Each numeric target of an item has its own actual value, in the report as in the app."""

from __future__ import annotations

from pathlib import Path

import pytest

from checklist_app.demo import build_demo
from checklist_app.report.content import compute_facts
from checklist_app.storage.workspace import Workspace

GOALS = "chongqing-2022/一/(二)"


def test_each_target_is_judged_by_its_own_value(tmp_path: Path) -> None:
    path = build_demo(tmp_path, with_report=False)
    with Workspace.open(path) as workspace:
        assessment_id = workspace.only_open_assessment().id
        state = workspace.item_state(assessment_id, GOALS)
        workspace.set_item(assessment_id, GOALS, actual_values=state.with_actual(2, 12))
        snapshot = workspace.snapshot(assessment_id)
    goals = [row for row in compute_facts(snapshot).targets if row.item.id == GOALS]
    assert len(goals) == len(snapshot.checklist.node(GOALS).targets) == 10
    by_text = {row.target.text: (row.actual, row.met) for row in goals}
    ratio = "共性关键技术和应用类科技计划项目形成标准研究成果的比率达到50%以上"
    assert by_text[ratio] == (52, True)
    assert by_text["地方标准平均制定周期缩短至18个月以内"] == (20, False)  # at most 18
    assert by_text["新增参与制定(修订)国际标准10项以上"] == (12, True)  # set just now
    assert by_text["争创全国标准创新贡献奖5项"] == (None, None)  # no figure yet


def test_a_closed_assessment_is_dated_and_judged_on_its_closing_day(tmp_path: Path) -> None:
    path = build_demo(tmp_path, with_report=False)
    with Workspace.open(path) as workspace:
        assessment_id = workspace.only_open_assessment().id
        workspace.set_item(assessment_id, GOALS, due_date="2030-12-31")  # after closing
        closed = workspace.close_assessment(assessment_id)
        snapshot = workspace.snapshot(assessment_id)
    snapshot.taken_at = "2031-05-06T07:08:09+00:00"  # printed again years later
    facts = compute_facts(snapshot)
    assert facts.report_date.isoformat() == closed.closed_at[:10]
    assert GOALS not in [row.item.id for row in facts.overdue]  # not late when closed


def test_the_report_date_staff_set_dates_the_report_and_judges_it(tmp_path: Path) -> None:
    """The 成文日期 set for the day the report is to be signed: printed as the report's date
    in the PDF and the Word copy, on a reprint after closing too, and the day overdue items
    are counted on."""
    from docx import Document as WordDocument
    from pypdf import PdfReader

    from checklist_app.report.builder import build_report

    path = build_demo(tmp_path, with_report=False)
    with Workspace.open(path) as workspace:
        assessment_id = workspace.only_open_assessment().id
        workspace.set_item(assessment_id, GOALS, due_date="2030-06-30")
        workspace.update_assessment(assessment_id, report_date="2030-07-01")
        workspace.close_assessment(assessment_id)
        snapshot = workspace.snapshot(assessment_id)
    facts = compute_facts(snapshot)
    assert facts.report_date.isoformat() == "2030-07-01"
    assert GOALS in [row.item.id for row in facts.overdue]  # late on the day it is signed
    pdf, docx = tmp_path / "r.pdf", tmp_path / "r.docx"
    list(build_report(snapshot, pdf, docx_path=docx, parts=["body"]))
    printed = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "2030年7月1日" in printed.replace(" ", "")
    assert "2030年7月1日" in "".join(p.text for p in WordDocument(str(docx)).paragraphs)


def test_the_body_names_the_targets_not_met(tmp_path: Path) -> None:
    import subprocess

    from checklist_app.report.builder import build_report

    path = build_demo(tmp_path, with_report=False)
    with Workspace.open(path, read_only=True) as workspace:
        snapshot = workspace.snapshot(workspace.only_open_assessment().id)
    out = tmp_path / "r.pdf"
    list(build_report(snapshot, out, parts=["body"]))
    text = "".join(subprocess.run(["pdftotext", str(out), "-"], capture_output=True,
                                  text=True, check=True).stdout.split())
    facts = compute_facts(snapshot)
    reported = sum(1 for row in facts.targets if row.actual is not None)
    missed = sum(1 for row in facts.targets if row.met is False)
    assert f"已填报实际值{reported}项，其中已达到{facts.targets_met}项" in text
    assert f"尚未达到的数值指标{missed}项" in text
    assert "地方标准平均制定周期缩短至18个月以内（实际20个月）" in text


def test_a_reference_without_its_issuer_in_the_title_is_cited_with_it(tmp_path: Path) -> None:
    from checklist_app.report.official import OfficialText
    from checklist_app.report.parts import Contents
    from checklist_app.report.wording import Wording

    path = build_demo(tmp_path, with_report=False)
    with Workspace.open(path, read_only=True) as workspace:
        snapshot = workspace.snapshot(workspace.only_open_assessment().id)
    text = OfficialText(compute_facts(snapshot), Wording("zh"), Contents(True, ("annex1",)))
    [scope] = text.scope()
    assert "中共辽宁省委、辽宁省人民政府《关于贯彻〈国家标准化发展纲要〉的实施意见》" in scope
    # the 纲要's title needs no issuer; no 顿号 between adjacent book titles (GB/T 15834)
    assert "实施意见》《国家标准化发展纲要》" in scope


def test_the_scope_sentence_nests_the_checklist_title_marks(tmp_path: Path) -> None:
    from dataclasses import replace

    from checklist_app.report.official import OfficialText
    from checklist_app.report.parts import Contents
    from checklist_app.report.wording import Wording

    path = build_demo(tmp_path, with_report=False)
    with Workspace.open(path, read_only=True) as workspace:
        snapshot = workspace.snapshot(workspace.only_open_assessment().id)
    titled = replace(snapshot.checklist, title="关于贯彻落实《国家标准化发展纲要》的实施意见")
    snapshot = replace(snapshot, checklist=titled)
    text = OfficialText(compute_facts(snapshot), Wording("zh"), Contents(True, ("annex1",)))
    [scope] = text.scope()
    assert "本次自查依据《关于贯彻落实〈国家标准化发展纲要〉的实施意见》" in scope


AWARD = "争创全国标准创新贡献奖5项"


def _as_an_earlier_version_stored_it(path: Path) -> None:
    """Earlier versions imported 争创…5项 with the comparator "=" (exactly five)."""
    import json
    import sqlite3

    with sqlite3.connect(path) as db:
        [stored] = db.execute("SELECT targets FROM nodes WHERE id = ?", [GOALS]).fetchone()
        targets = json.loads(stored)
        [award] = [t for t in targets if t["text"] == AWARD]
        award["comparator"] = "="
        db.execute("UPDATE nodes SET targets = ? WHERE id = ?",
                   [json.dumps(targets, ensure_ascii=False), GOALS])
    db.close()


@pytest.mark.parametrize("stored_by_earlier_version", [False, True])
def test_six_awards_meet_the_goal_of_five_in_the_report(
        tmp_path: Path, stored_by_earlier_version: bool) -> None:
    import subprocess

    from checklist_app.report.annex_rows import AnnexRows
    from checklist_app.report.builder import build_report
    from checklist_app.report.wording import Wording

    path = build_demo(tmp_path, with_report=False)
    if stored_by_earlier_version:
        _as_an_earlier_version_stored_it(path)
    with Workspace.open(path) as workspace:
        assessment_id = workspace.only_open_assessment().id
        state = workspace.item_state(assessment_id, GOALS)
        award_index = [t.text for t in workspace.document("chongqing-2022").node(GOALS)
                       .targets].index(AWARD)
        workspace.set_item(assessment_id, GOALS,
                           actual_values=state.with_actual(award_index, 6))
        snapshot = workspace.snapshot(assessment_id)
    facts = compute_facts(snapshot)
    rows = AnnexRows(facts, Wording("zh")).targets().rows
    assert [row[1:] for row in rows if row[1] == AWARD] == [
        [AWARD, "不少于5项", "6项", "已达到", "2025"]]
    out = tmp_path / "r.pdf"
    list(build_report(snapshot, out, parts=["body"]))
    text = "".join(subprocess.run(["pdftotext", str(out), "-"], capture_output=True,
                                  text=True, check=True).stdout.split())
    missed = sum(1 for row in facts.targets if row.met is False)
    assert f"尚未达到的数值指标{missed}项" in text
    assert "地方标准平均制定周期缩短至18个月以内（实际20个月）" in text  # the sentence is there
    assert "争创全国标准创新贡献奖" not in text  # and does not name the awards


def test_the_documents_deadline_counts_where_the_office_set_none(tmp_path: Path) -> None:
    """到2025年 of 发展目标 was parsed and then ignored: the report's overdue items and 附件1's
    完成时限 knew only dates typed by the office."""
    from checklist_app.report.annex_rows import AnnexRows

    path = build_demo(tmp_path, with_report=False)
    with Workspace.open(path) as workspace:
        assessment_id = workspace.only_open_assessment().id
        assert workspace.item_state(assessment_id, GOALS).due_date is None
        before = workspace.snapshot(assessment_id)
        workspace.set_item(assessment_id, GOALS, due_date="2027-06-30")  # the office's own
        after = workspace.snapshot(assessment_id)
    facts = compute_facts(before)
    assert facts.report_date.year > 2025
    [row] = [row for row in facts.items if row.item.id == GOALS]
    assert row in facts.overdue and AnnexRows.due_date(row) == "2025-12-31*"
    assert GOALS not in [row.item.id for row in compute_facts(after).overdue]
    [row] = [row for row in compute_facts(after).items if row.item.id == GOALS]
    assert AnnexRows.due_date(row) == "2027-06-30"  # the office's own: no mark


def test_the_items_table_says_which_due_dates_the_document_sets(tmp_path: Path) -> None:
    """A document's 2025-12-31 and the office's own date read alike in 附件1."""
    import subprocess

    from docx import Document as WordDocument

    from checklist_app.report.builder import build_report

    path = build_demo(tmp_path, with_report=False)
    with Workspace.open(path) as workspace:
        snapshot = workspace.snapshot(workspace.only_open_assessment().id)
    pdf, docx = tmp_path / "r.pdf", tmp_path / "r.docx"
    list(build_report(snapshot, pdf, docx_path=docx, parts=["table"]))
    text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                  text=True, check=True).stdout.split())
    note = "注：完成时限后标“*”的，为文件规定的时限（本单位未另定）。"
    assert f"检查项明细{note}" in text and "2025-12-31*" in text
    paragraphs = [p.text for p in WordDocument(str(docx)).paragraphs]
    assert note in paragraphs
    cells = {cell.text for table in WordDocument(str(docx)).tables for row in table.rows
             for cell in row.cells}
    assert "2025-12-31*" in cells


def test_a_missed_target_worded_as_other_items_names_its_item(tmp_path: Path) -> None:
    """Each department's row of the plan sets 制定（修订）地方标准N项: “制定（修订）地方标准30项
    （实际0项）” did not say whose it was. A target worded once stays as it was."""
    from checklist_app.report.official import OfficialText
    from checklist_app.report.parts import choose_contents
    from checklist_app.report.styles import ReportStyle
    from checklist_app.report.wording import Wording

    path = build_demo(tmp_path, with_report=False)
    plan = "chongqing-2022/plan/4"  # 市经济信息委: 300 and 30 项
    with Workspace.open(path) as workspace:
        assessment_id = workspace.only_open_assessment().id
        state = workspace.item_state(assessment_id, plan)
        workspace.set_item(assessment_id, plan, actual_values=state.with_actual(1, 0))
        snapshot = workspace.snapshot(assessment_id)
    facts, w = compute_facts(snapshot), Wording("zh")
    text = OfficialText(facts, w, choose_contents(facts, ReportStyle.GBT9704, None))
    missed = [row for row in facts.targets if row.met is False]
    refs = text.missed_targets(missed)
    assert "制定(修订)地方标准30项（附表4.市经济信息委标准化工作任务，实际0项）" in refs
    assert "地方标准平均制定周期缩短至18个月以内（实际20个月）" in refs


def test_a_carried_periods_report_sets_last_years_values_beside_this_years(
        tmp_path: Path) -> None:
    """The second year's 数值指标 read as if there had been no first: 20个月 last year and
    17个月 now stood nowhere side by side, nor in the Word copy."""
    import subprocess

    from docx import Document as WordDocument

    from checklist_app.report.builder import build_report

    path = build_demo(tmp_path, with_report=False)
    with Workspace.open(path) as workspace:
        first = workspace.only_open_assessment()
        last_year = workspace.item_state(first.id, GOALS).actual_values
        workspace.close_assessment(first.id)
        second = workspace.carry_forward(first.id, period="2025年度")
        workspace.set_item(second.id, GOALS,
                           actual_values=workspace.item_state(second.id, GOALS).with_actual(1, 17))
        snapshot = workspace.snapshot(second.id)
        closed = workspace.snapshot(first.id)
    assert snapshot.previous is not None and snapshot.previous.id == first.id
    assert snapshot.previous_actuals[GOALS][:len(last_year)] == last_year
    assert last_year[1] == 20
    assert closed.previous is None
    out, docx = tmp_path / "r.pdf", tmp_path / "r.docx"
    list(build_report(snapshot, out, docx_path=docx, parts=["table"]))
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                          text=True, check=True).stdout
    compact = "".join(text.split())
    assert f"{first.period}实际值" in compact and "本期实际值" in compact
    line = next(line for line in text.splitlines() if "17个月" in line)  # the row, as printed
    assert line.index("20个月") < line.index("17个月")
    word = WordDocument(str(docx))
    table = next(t for t in word.tables
                 if any(f"{first.period}实际值" in c.text for c in t.rows[0].cells))
    cells = [c.text for c in table.rows[0].cells]
    assert cells[3:5] == [f"{first.period}实际值", "本期实际值"]
    row = next(r for r in table.rows if "缩短至18个月以内" in r.cells[1].text)
    assert [c.text for c in row.cells][3:5] == ["20个月", "17个月"]
    out_first = tmp_path / "first.pdf"
    list(build_report(closed, out_first, parts=["table"]))
    first_text = "".join(subprocess.run(["pdftotext", str(out_first), "-"], capture_output=True,
                                        text=True, check=True).stdout.split())
    assert "本期实际值" not in first_text and "实际值" in first_text  # the first year as before


def test_evidence_carried_from_the_last_period_is_marked_in_its_index(tmp_path: Path) -> None:
    """The second year's 佐证材料目录 listed last year's files as if attached this year."""
    from docx import Document as WordDocument

    from checklist_app.report.builder import build_report

    item = "chongqing-2022/二/(一)/1"
    old, new = tmp_path / "2024年总结.txt", tmp_path / "2025年签到表.txt"
    old.write_text("去年", encoding="utf-8")
    new.write_text("今年", encoding="utf-8")
    path = build_demo(tmp_path, with_report=False)
    with Workspace.open(path) as workspace:
        first = workspace.only_open_assessment()
        workspace.attach(first.id, item, old)
        workspace.close_assessment(first.id)
        second = workspace.carry_forward(first.id, period="2025年度", include_evidence=True)
        workspace.attach(second.id, item, new)
        snapshots = workspace.snapshot(second.id), workspace.snapshot(first.id)
    marks = []
    for number, snapshot in enumerate(snapshots):
        docx = tmp_path / f"r{number}.docx"
        list(build_report(snapshot, tmp_path / f"r{number}.pdf", docx_path=docx,
                          parts=["evidence"]))
        cells = [cell.text for table in WordDocument(str(docx)).tables
                 for row in table.rows for cell in row.cells]
        marks.append({name: any(name in c and "（上期沿用）" in c for c in cells)
                      for name in (old.name, new.name) if any(name in c for c in cells)})
    assert marks == [{old.name: True, new.name: False}, {old.name: False}]
