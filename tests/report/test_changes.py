"""附件4 describes audit entries in words, not JSON."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from checklist_app.core import AuditEntry, Comparator, Target
from checklist_app.report.changes import describe_action, describe_change
from checklist_app.report.wording import Wording
from tests.report.test_pdf import docx_cells


def entry(before: dict | None, after: dict | None, entity: str = "item_state") -> AuditEntry:
    dump = lambda value: None if value is None else json.dumps(value, ensure_ascii=False)  # noqa: E731
    return AuditEntry(1, "2026-01-02T03:04:05Z", "张三", "set", entity, "1/x/1",
                      dump(before), dump(after), "", "")


def test_only_changed_fields_in_words() -> None:
    change = describe_change(
        entry({"status": "not_started", "note": "", "ticked_actions": "[]", "actual_value": 0},
              {"status": "done", "note": "已完成验收。", "ticked_actions": "[0, 1]",
               "actual_value": 0, "updated_at": "x"}),
        Wording("zh"),
    )
    assert change == "状态：未启动 → 已完成；备注：已完成验收；已勾选子项：2项"
    assert "{" not in change and "updated_at" not in change


def test_fields_read_in_the_order_the_item_pane_shows_them() -> None:
    """Stored rows come in column order (note before status): row 1 of 变更记录 read
    主送机关, 检查文件, 部门 … as if shuffled."""
    change = describe_change(
        entry(None, {"note": "已印发", "responsible_department": "市市场监管局",
                     "status": "done", "due_date": "2025-06-30"}), Wording("zh"))
    assert change == "状态：已完成；完成时限：2025-06-30；责任单位：市市场监管局；备注：已印发"
    created = describe_change(
        entry(None, {"addressee": "市政府办公厅", "checklist_doc_id": "c", "office": "某局",
                     "period": "2025年度"}, entity="assessment"), Wording("zh"))
    assert created == "单位：某局；自查期间：2025年度；检查文件：c；主送机关：市政府办公厅"


def test_a_value_cleared_and_english() -> None:
    zh = describe_change(entry({"actual_value": 41}, {"actual_value": None}), Wording("zh"))
    assert zh == "实际值：41 → —"
    en = describe_change(entry({"status": "done"}, {"status": "ongoing"}), Wording("en"))
    assert en == "Status: Done → Ongoing"  # words, not the stored field name
    assert describe_action(entry(None, {}), Wording("zh")) == "修改检查项"
    assert describe_action(entry(None, {}), Wording("en")) == "Changed item"
    created = AuditEntry(1, "", "", "create", "assessment", "1", None, "{}", "", "")
    assert describe_action(created, Wording("en")) == "Created assessment"
    created = entry(None, {"checklist_doc_id": "a", "provincial_doc_id": "b"}, "assessment")
    linked = describe_change(created, Wording("en"), {"a": "某市实施意见", "b": "某省方案"})
    assert linked == "Checklist: “某市实施意见”; Provincial document: “某省方案”"


def _recorded_actions() -> list[str]:
    """Every audit action the storage layer writes for an assessment's entities."""
    import re
    from pathlib import Path

    import checklist_app.storage

    folder = Path(checklist_app.storage.__file__).parent
    found = {m for f in folder.glob("*.py") for m in re.findall(r'action="(\w+)"', f.read_text())}
    return sorted(found - {"import"})  # a document's import is not in an assessment's log


@pytest.mark.parametrize("action", _recorded_actions())
def test_every_action_the_storage_records_reads_in_chinese(action: str) -> None:
    from dataclasses import replace

    words = describe_action(replace(entry(None, {}), action=action), Wording("zh"))
    assert words and not any(c.isascii() and c.isalpha() for c in words)


def test_plain_text_entries() -> None:
    text = json.dumps("正文")
    narrative = AuditEntry(2, "t", "u", "edit", "narrative", "1/1", None, text, "", "")
    assert describe_change(narrative, Wording("zh")) == "正文"


def test_a_long_text_changed_late_shows_where_it_changed() -> None:
    """A sentence added to 正文第1部分 read 按照市政府办公厅…的… → 按照市政府办公厅…的…:
    both cut to the same opening, so a reader could not see what changed."""
    opening = "按照市政府办公厅关于贯彻落实国家标准化发展纲要的部署，" * 4
    before, after = opening + "形成本报告。", opening + "形成本报告。另组织专项督查两次。"
    narrative = AuditEntry(2, "t", "u", "edit", "narrative", "1/1", json.dumps(before),
                           json.dumps(after), "", "")
    old, new = describe_change(narrative, Wording("zh")).split(" → ")
    assert old != new and "另组织专项督查两次" in new and "另组织" not in old
    assert old.startswith("…") and new.startswith("…")  # the opening left out of both
    assert old.removeprefix("…") == before[len(before) - len(old) + 1:]
    short = AuditEntry(3, "t", "u", "edit", "narrative", "1/1", json.dumps("甲" * 100),
                       json.dumps("乙" + "甲" * 99), "", "")
    old, new = describe_change(short, Wording("zh")).split(" → ")
    assert old == "甲" * 80 + "…" and new == "乙" + "甲" * 79 + "…"  # changed early: as before


def test_problems_section_counts_unassessed_items(tmp_path) -> None:
    """An assessment with unassessed items never reads as 'no problems found'."""
    import subprocess

    from checklist_app.demo import build_demo

    folder = tmp_path / "demo"
    build_demo(folder)
    text = subprocess.run(["pdftotext", str(folder / "report.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout.replace("\n", "")
    assert "未开展自评" in text
    assert "未发现未启动" not in text


def test_actual_values_per_target_in_words() -> None:
    """Each value changed is named by its target (shortened), not listed as 52、—、230."""
    targets = [Target("到2025年主导制定国际标准5项以上", 5, "项", Comparator.AT_LEAST, 2025),
               Target("每年制定地方标准10项以上", 10, "项", Comparator.AT_LEAST),
               Target("标准化试点30个", 30, "个", Comparator.AT_LEAST)]
    before, after = {"actual_values": "[52.0, 7.0]"}, {"actual_values": "[52.0, null, 230.0]"}
    change = describe_change(entry(before, after), Wording("zh"), targets=targets)
    assert change == "实际值（每年制定地方标准10项以上）：7项 → —；实际值（标准化试点30个）：230个"
    unnamed = describe_change(entry({}, {"actual_values": "[2.0]"}), Wording("en"))
    assert unnamed == "Actual value (target 1): 2"
    long = describe_change(entry({}, {"actual_values": "[2.0]"}), Wording("zh"), targets=targets)
    assert long == "实际值（到2025年主导制定国际标准5项…）：2项"


@pytest.mark.parametrize(("comparator", "value", "unit", "zh", "en"), [
    (Comparator.AT_LEAST, 50, "%", "不低于50%", "at least 50%"),
    (Comparator.AT_LEAST, 10, "项", "不少于10项", "at least 10项"),
    (Comparator.AT_MOST, 18, "个月", "不超过18个月", "at most 18个月"),
    (Comparator.MORE_THAN, 85, "%", "高于85%", "more than 85%"),
    (Comparator.LESS_THAN, 3, "个", "少于3个", "less than 3个"),
    (Comparator.EQUAL, 5, "项", "5项", "5项"),
])
def test_target_values_in_words(comparator: Comparator, value: float, unit: str, zh: str,
                                en: str) -> None:
    target = Target("…", value, unit, comparator)
    assert (Wording("zh").target_value(target), Wording("en").target_value(target)) == (zh, en)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_printed_change_log_names_uploads_by_item_and_file(tmp_path) -> None:
    """附件4 says which item got or lost which file, never the stored ids."""
    import subprocess

    from checklist_app.importer import shipped_documents
    from checklist_app.report.builder import build_report
    from checklist_app.storage.workspace import workspace_with_documents

    item = "chongqing-2022/二/(一)/2"
    plan = tmp_path / "实施方案.txt"
    plan.write_text("方案正文", encoding="utf-8")
    with workspace_with_documents(tmp_path / "w.sqlite", shipped_documents(),
                                  user="李四") as workspace:
        assessment = workspace.new_assessment(
            checklist_doc_id="chongqing-2022", provincial_doc_id="liaoning-2022",
            national_doc_id="national-2021", office="重庆市市场监督管理局", period="2024年度")
        attached = workspace.attach(assessment.id, item, plan)
        workspace.detach(assessment.id, item, attached.id)
        snapshot = workspace.snapshot(assessment.id)
        title = workspace.document("chongqing-2022").node(item).title
    list(build_report(snapshot, tmp_path / "report.pdf", docx_path=tmp_path / "report.docx"))
    rows = ["".join(row[-3:]) for row in docx_cells(tmp_path / "report.docx")]
    assert f"添加佐证材料二、（一）2.{title}实施方案.txt（12 字节）" in rows
    assert f"移除佐证材料二、（一）2.{title}实施方案.txt（12 字节）" in rows
    text = subprocess.run(["pdftotext", str(tmp_path / "report.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    log = re.sub(r"\s+", "", text[text.rindex("变更记录"):])  # the PDF prints the same
    assert "添加佐证材料二、（一）2." in log and "移除佐证材料二、（一）2." in log
    assert f"{assessment.id}/chongqing-2022" not in log and "/(一)/" not in log


def test_documents_are_named_by_title_not_by_id() -> None:
    """The 新建自查自评 row read 检查文件：chongqing-2022."""
    titles = {"chongqing-2022": "关于贯彻落实《国家标准化发展纲要》的实施意见"}
    change = describe_change(
        entry(None, {"office": "重庆市市场监管局", "checklist_doc_id": "chongqing-2022",
                     "national_doc_id": "gone-2020"}, entity="assessment"),
        Wording("zh"), titles)
    assert "检查文件：《关于贯彻落实〈国家标准化发展纲要〉的实施意见》" in change
    assert "国家对照文件：gone-2020" in change  # a document no longer there keeps its id


def test_a_target_named_in_the_change_log_is_never_cut_inside_its_figure() -> None:
    """实际值（企业标准自我声明公开数量达到30…）：3200项 read as a target of 30."""
    from checklist_app.report.changes import TARGET_CHARS, shortened_target

    assert shortened_target("企业标准自我声明公开数量达到3000项以上") == (
        "企业标准自我声明公开数量达到…")
    assert shortened_target("国际标准转化率达到95.5%以上的目标任务要完成") == (
        "国际标准转化率达到95.5%以上…")
    # nor inside the measure words after it: 18个… read as 18 of something, not 18个月
    for target in ("地方标准平均制定周期缩短至18个月以内",
                   "地方标准平均制定周期缩短至18个月内完成"):
        assert shortened_target(target) == "地方标准平均制定周期缩短至…"
    short = "制定地方标准5项"
    assert len(short) <= TARGET_CHARS and shortened_target(short) == short


def test_typed_text_reads_with_the_punctuation_the_items_table_prints() -> None:
    """备注 read 已报送市政府,待批复 in 变更记录 and 已报送市政府，待批复 in 附件1: the
    same note with two sets of commas. File names keep theirs."""
    change = describe_change(
        entry(None, {"note": "已报送市政府,待批复(第2批)", "justification": "本区无此产业;不适用",
                     "status": "done"}), Wording("zh"))
    assert change == ("状态：已完成；不适用理由：本区无此产业；不适用；"
                      "备注：已报送市政府，待批复（第2批）")
    narrative = AuditEntry(2, "t", "u", "edit", "narrative", "1/1", None,
                           json.dumps("一是完善机制,二是强化考核"), "", "")
    assert describe_change(narrative, Wording("zh")) == "一是完善机制，二是强化考核"
    attached = describe_change(entry(None, {"file_name": "总结(定稿),v2.pdf", "size": 12},
                                     entity="evidence"), Wording("zh"))
    assert "总结(定稿),v2.pdf" in attached


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_field_staff_change_has_a_name_in_the_change_record(lang: str) -> None:
    """A field added to assessments or item states printed as report_date：2025-01-15."""
    from checklist_app.report.changes import field_name
    from checklist_app.storage.assessments import ASSESSMENT_FIELDS, STATE_FIELDS

    w = Wording(lang)
    unnamed = [field for field in (*ASSESSMENT_FIELDS, *STATE_FIELDS)
               if field_name(field, w) == field]
    assert unnamed == []
    change = describe_change(entry({"report_date": ""}, {"report_date": "2025-01-15"},
                                   entity="assessment"), w)
    assert "report_date" not in change and "2025-01-15" in change
