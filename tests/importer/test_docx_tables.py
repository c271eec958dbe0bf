"""Word tables are read where they stand: a task table's rows become tasks of its heading."""

from __future__ import annotations

from pathlib import Path

import docx

from checklist_app.importer import parse_file, parse_text
from checklist_app.importer.parser import parse_source_file, parse_warnings


def write_docx(path: Path, blocks: list[str | list[list[str]]]) -> Path:
    """A .docx of paragraphs (str) and tables (rows of cells), in this order."""
    document = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        table = document.add_table(rows=len(block), cols=len(block[0]))
        for row, cells in zip(table.rows, block, strict=True):
            for cell, text in zip(row.cells, cells, strict=True):
                cell.text = text
    document.save(str(path))
    return path


TASK_TABLE = [["序号", "任务", "责任单位", "完成时限"],
              ["１", "开展标准化示范区创建", "标准化处", "２０２４年１２月底"],
              ["２", "组织标准宣贯培训", "各区县市场监管局、信息中心", "２０２４年全年"],
              ["３", "建设标准信息服务平台", "信息中心", "２０２４年９月"]]


def test_a_task_table_gives_tasks_under_its_heading(tmp_path: Path) -> None:
    """The walkthrough's 工作要点.docx: the table was glued onto the last clause, 三/(一)."""
    path = write_docx(tmp_path / "工作要点.docx", [
        "成都市市场监督管理局2024年标准化工作要点", "一、强化标准供给",
        "（一）推进地方标准制定。全年制定修订地方标准１５项。", "二、重点任务分工表",
        TASK_TABLE, "三、保障措施", "（一）加强组织领导。各处室要高度重视。"])
    document = parse_file(path)
    last = document.node("工作要点/三/(一)")
    assert (last.title, last.text) == ("加强组织领导", "各处室要高度重视。")
    tasks = [n for n in document.nodes if n.parent_id == "工作要点/二"]
    assert [(n.label, n.title, n.checkable) for n in tasks] == [
        ("1.", "开展标准化示范区创建", True), ("2.", "组织标准宣贯培训", True),
        ("3.", "建设标准信息服务平台", True)]
    first, second = tasks[0], tasks[1]
    assert first.departments == ["标准化处"]
    assert [(p.year, p.text) for p in first.phases] == [(2024, "完成时限:2024年12月底")]
    assert first.actions == []  # the columns are facts about the task, not actions
    assert second.departments == ["各区县市场监管局", "信息中心"]
    assert "序号" not in " ".join(n.text for n in document.nodes)


def test_another_table_stays_under_the_heading_it_follows(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "计划.docx", [
        "2024年标准化工作计划", "一、工作安排", "（一）推进标准制定。制定标准。",
        [["单位名称", "地方标准"], ["市科技局", "10"]],
        "二、保障措施", "（一）加强组织领导。各处室要高度重视。"])
    document = parse_file(path)
    assert document.node("计划/一/(一)").text.split("\n") == ["制定标准。", "单位名称",
                                                              "地方标准", "市科技局", "10"]
    assert document.node("计划/二/(一)").text == "各处室要高度重视。"


def test_labelled_department_and_deadline_lines_of_a_task() -> None:
    text = ("一、主要任务\n1.建设标准化服务平台。\n牵头单位：市市场监管局\n"
            "配合单位：市科技局、市财政局\n完成时限：2025年底前\n")
    task = parse_text(text, "lines").node("lines/一/1")
    assert task.departments == ["市市场监管局", "市科技局", "市财政局"]
    assert [phase.year for phase in task.phases] == [2025]
    assert task.actions == []


def test_a_second_table_and_one_after_typed_tasks_go_on_numbering(tmp_path: Path) -> None:
    """Each table started again at 1.: its tasks were not taken as tasks but merged into
    the text before them."""
    more = [["任务", "责任单位"], ["推进团体标准培优", "标准化处"], ["开展对标达标", "质量处"]]
    path = write_docx(tmp_path / "要点.docx", [
        "某局工作要点", "一、重点任务", "1.制定地方标准。", TASK_TABLE, more,
        "二、保障措施", more])
    document = parse_file(path)
    first = [n.title for n in document.nodes if n.parent_id == "要点/一"]
    assert first == ["制定地方标准", "开展标准化示范区创建", "组织标准宣贯培训",
                     "建设标准信息服务平台", "推进团体标准培优", "开展对标达标"]
    assert [n.label for n in document.nodes if n.parent_id == "要点/二"] == ["1.", "2."]


def test_a_title_row_above_the_header_is_passed_over(tmp_path: Path) -> None:
    titled = [["2024年重点任务分工表", "2024年重点任务分工表", "2024年重点任务分工表"],
              ["任务", "责任单位", "完成时限"], ["组织标准宣贯培训", "信息中心", "2024年全年"]]
    path = write_docx(tmp_path / "分工.docx", ["某局工作要点", "一、重点任务", titled])
    document = parse_file(path)
    [task] = [n for n in document.nodes if n.parent_id == "分工/一"]
    assert (task.title, task.departments) == ("组织标准宣贯培训", ["信息中心"])


def test_an_annex_task_table_gives_its_columns_to_the_body_tasks(tmp_path: Path) -> None:
    """附件：任务分工表 restating the body's tasks became six more tasks under the last
    clause (counted twice in the report, its deadlines nowhere)."""
    annex = [["序号", "重点任务", "牵头单位", "完成时限"],
             ["1", "制定地方标准十项以上", "市市场监管局", "2025年底前"],
             ["2", "培育团体标准示范项目", "市工信局", "2026年底前"],
             ["3", "建设标准化人才库", "市人社局", "2025年"]]
    path = write_docx(tmp_path / "苏州意见.docx", [
        "苏州市关于贯彻落实标准化发展纲要的实施意见", "一、重点任务",
        "1.制定地方标准十项以上。加快地方标准制修订。", "2.培育团体标准示范项目。",
        "二、保障措施", "（一）加强组织领导。明确责任分工。",
        "附件：任务分工表", annex])
    parsed = parse_source_file(path)
    document = parsed.document
    tasks = [n for n in document.nodes if n.parent_id == "苏州意见/一"]
    assert [n.title for n in tasks] == ["制定地方标准十项以上", "培育团体标准示范项目"]
    assert [n.departments for n in tasks] == [["市市场监管局"], ["市工信局"]]
    assert [n.lead_departments for n in tasks] == [["市市场监管局"], ["市工信局"]]  # 牵头单位
    assert [[p.year for p in n.phases] for n in tasks] == [[2025], [2026]]
    last = document.node("苏州意见/二/(一)")
    assert (last.title, last.text) == ("加强组织领导", "明确责任分工。")
    assert len([n for n in document.nodes if n.checkable]) == 4
    # in no task of the text: an item of its own under the annex (it was dropped), said so
    annex = document.node("苏州意见/附件")
    assert annex.title == "任务分工表"
    row = document.node("苏州意见/附件/1")
    assert (row.title, row.departments, row.checkable) == ("建设标准化人才库", ["市人社局"], True)
    assert [p.year for p in row.phases] == [2025]
    assert parsed.unmatched_tasks == ["建设标准化人才库"]
    assert any("建设标准化人才库" in warning and "附件" in warning
               for warning in parse_warnings(parsed))


def test_a_file_that_opens_with_its_annex_label_keeps_its_tasks(tmp_path: Path) -> None:
    """A published attachment begins 附件1: all its table's tasks were dropped."""
    path = write_docx(tmp_path / "分工方案.docx", [
        "附件1", "某局标准化工作任务分工方案", "一、重点任务", TASK_TABLE])
    document = parse_source_file(path).document
    tasks = [n.title for n in document.nodes if n.parent_id == "分工方案/一"]
    assert tasks == ["开展标准化示范区创建", "组织标准宣贯培训", "建设标准信息服务平台"]


def test_tasks_only_in_the_annex_are_imported_as_before(tmp_path: Path) -> None:
    """具体任务见附件: nothing in the body to give the columns to; the rows stay tasks."""
    path = write_docx(tmp_path / "工作方案.docx", [
        "某局工作方案", "一、工作目标", "全面提升标准化水平。", "二、重点任务",
        "（一）分解落实。具体任务见附件。", "附件：任务分工表", TASK_TABLE])
    parsed = parse_source_file(path)
    assert len([n for n in parsed.document.nodes if n.checkable]) >= 3
    assert not parsed.unmatched_tasks


def test_annex_rows_go_each_to_its_own_task(tmp_path: Path) -> None:
    """Rows sharing an opening all went to the first task; a two-line cell's columns were
    glued onto the last task; numbered cells and group-level tasks matched nothing."""
    annex = [["序号", "重点任务", "牵头单位", "完成时限"],
             ["1", "开展国家级标准化试点示范项目建设", "市发改委", "2025年"],
             ["2", "开展国家级标准化试点示范区创建", "市商务委", "2026年"],
             ["3", "（二）完善标准体系\n健全地方标准", "市市场监管局", "2027年"]]
    path = write_docx(tmp_path / "意见.docx", [
        "某市实施意见", "一、重点任务", "（一）推进试点示范",
        "1.开展国家级标准化试点示范区创建。", "2.开展国家级标准化试点示范项目建设。",
        "（二）完善标准体系。健全地方标准。", "二、保障措施", "（一）加强领导。明确责任。",
        "附件：任务分工表", annex])
    parsed = parse_source_file(path)
    document = parsed.document
    assert document.node("意见/一/(一)/1").departments == ["市商务委"]
    assert document.node("意见/一/(一)/2").departments == ["市发改委"]
    assert [p.year for p in document.node("意见/一/(二)").phases] == [2027]
    last = document.node("意见/二/(一)")
    assert (last.departments, last.phases) == ([], [])
    assert parsed.unmatched_tasks == []


def test_an_annex_row_without_the_body_tasks_opening_verb_still_finds_it(tmp_path: Path) -> None:
    annex = [["序号", "重点任务", "牵头单位"], ["1", "企业标准自我声明公开", "标准化处、各县局"]]
    path = write_docx(tmp_path / "办法.docx", [
        "某局实施办法", "一、重点任务", "（一）推进标准实施。", "（二）加强企业标准自我声明公开。",
        "附件：任务分工表", annex])
    parsed = parse_source_file(path)
    assert parsed.document.node("办法/一/(二)").departments == ["标准化处", "各县局"]
    assert parsed.unmatched_tasks == []


def test_labelled_departments_in_brackets_closing_a_task() -> None:
    """（牵头单位：…；配合单位：…） closing a task, as city work plans print it, named no
    department: only lists ending in 负责/牵头/配合 were read."""
    text = ("一、主要任务\n1.建设标准化服务平台。（牵头单位：市市场监管局；配合单位：市科技局，"
            "市财政局）\n2.开展标准化培训。（责任单位：市市场监管局）\n")
    document = parse_text(text, "brackets")
    first, second = document.node("brackets/一/1"), document.node("brackets/一/2")
    assert first.departments == ["市市场监管局", "市科技局", "市财政局"]
    assert first.title == "建设标准化服务平台" and first.actions == []  # no action in the list
    assert second.departments == ["市市场监管局"]


def test_word_auto_numbered_tasks_are_tasks(tmp_path: Path) -> None:
    """List Number paragraphs hold no "1." in their text: the two tasks ran together into
    （一）'s text, with one deadline and no department."""
    document = docx.Document()
    for text in ("某区工作方案", "一、主要任务", "（一）开展企业标准自我声明公开"):
        document.add_paragraph(text)
    for text in ("摸排企业底数，建立台账。（局标准化科负责）",
                 "组织企业公开执行标准，公开率达到85%。（各市场监管所负责）"):
        document.add_paragraph(text, style="List Number")
    document.add_paragraph("（二）加强监督检查")
    document.add_paragraph("开展“双随机”检查。（局标准化科负责）", style="List Number")
    path = tmp_path / "方案.docx"
    document.save(str(path))
    parsed = parse_file(path)
    tasks = [n for n in parsed.nodes if n.parent_id == "方案/一/(一)"]
    assert [(n.label, n.title, n.departments) for n in tasks] == [
        ("1.", "摸排企业底数,建立台账", ["局标准化科"]),
        ("2.", "组织企业公开执行标准,公开率达到85%", ["各市场监管所"])]
    assert parsed.node("方案/一/(一)").text == ""
    [third] = [n for n in parsed.nodes if n.parent_id == "方案/一/(二)"]
    assert third.label == "3."  # one list all through, as Word counts it


def test_chinese_numbers_of_auto_numbered_headings() -> None:
    from checklist_app.importer.docx_numbering import chinese_number

    assert [chinese_number(n) for n in (1, 9, 10, 12, 20, 23)] == [
        "一", "九", "十", "十二", "二十", "二十三"]


def test_a_number_typed_into_a_numbered_paragraph_is_not_doubled(tmp_path: Path) -> None:
    document = docx.Document()
    for text in ("某区工作方案", "一、主要任务"):
        document.add_paragraph(text)
    document.add_paragraph("1.摸排企业底数。", style="List Number")
    path = tmp_path / "typed.docx"
    document.save(str(path))
    [task] = [n for n in parse_file(path).nodes if n.parent_id == "typed/一"]
    assert (task.label, task.title) == ("1.", "摸排企业底数")


def test_category_rows_across_a_task_table_stay_out_of_the_tasks(tmp_path: Path) -> None:
    """一 | 企业标准公开 merged across the table ended up in the text of the task above."""
    document = docx.Document()
    for text in ("某区工作方案", "一、重点任务"):
        document.add_paragraph(text)
    rows = [("序号", "工作任务", "责任单位", "时间节点"), ("一", "企业标准公开", None, None),
            ("1", "开展企业标准公开宣传培训", "局标准化科", "2024年6月"),
            ("二", "监督检查", None, None), ("2", "开展“双随机”检查", "各市场监管所", "每季度")]
    table = document.add_table(rows=len(rows), cols=4)
    for i, row in enumerate(rows):
        if row[2] is None:
            table.cell(i, 0).text = row[0]
            table.cell(i, 1).merge(table.cell(i, 3)).text = row[1]
        else:
            for j, text in enumerate(row):
                table.cell(i, j).text = text
    path = tmp_path / "分类.docx"
    document.save(str(path))
    parsed = parse_file(path)
    tasks = [n for n in parsed.nodes if n.parent_id == "分类/一"]
    assert [n.title for n in tasks] == ["开展企业标准公开宣传培训", "开展“双随机”检查"]
    assert not any("监督检查" in n.text or "企业标准公开" in n.text for n in parsed.nodes)


def plan_with_own_annex(path: Path) -> Path:
    """A district plan whose 附件1 重点工作任务清单 has tasks of its own (two rows)."""
    own = [["序号", "工作任务", "责任单位", "时间节点"],
           ["1", "开展企业标准公开宣传培训", "局标准化科", "2024年6月"],
           ["2", "推动重点企业参与制修订国家标准", "局标准化科、各市场监管所", "2025年12月前"]]
    return write_docx(path, [
        "某区工作方案", "一、主要任务", "（一）开展企业标准自我声明公开。摸排企业底数。",
        "二、工作要求", "各科室要高度重视。", "附件1", "重点工作任务清单", own])


def test_an_annex_with_tasks_of_its_own_is_a_section_of_its_own(tmp_path: Path) -> None:
    """附件1's 任务清单 rows became tasks of 三、工作要求 (the last heading), with 附件1 and the
    table's title in 三's text: the report printed them as 三、1., 三、2. …"""
    document = parse_file(plan_with_own_annex(tmp_path / "方案.docx"))
    assert document.node("方案/二").text == "各科室要高度重视。"
    section = document.node("方案/附件1")
    assert (section.label, section.title, section.parent_id) == ("附件1", "重点工作任务清单", None)
    tasks = [n for n in document.nodes if n.parent_id == "方案/附件1"]
    assert [(n.label, n.title, n.departments) for n in tasks] == [
        ("(1)", "开展企业标准公开宣传培训", ["局标准化科"]),
        ("(2)", "推动重点企业参与制修订国家标准", ["局标准化科", "各市场监管所"])]
    assert [phase.year for phase in tasks[1].phases] == [2025]


def test_the_measures_column_is_the_task_when_a_group_column_comes_first(
        tmp_path: Path) -> None:
    """重点任务 | 具体措施 | …: the first named the group, the same words row after row, and
    was read as the task: five of six rows matched nothing and were dropped."""
    annex = [["序号", "重点任务", "具体措施", "牵头单位", "完成时限"],
             ["1", "强化标准引领", "主导或参与制定国际标准2项以上", "市市场监管局", "2025年底前"],
             ["2", "强化标准引领", "制修订国家标准20项以上", "市市场监管局", "2025年底前"],
             ["3", "人才培养", "每年组织标准化培训不少于4次", "市人社局", "持续推进"]]
    path = write_docx(tmp_path / "锦州方案.docx", [
        "锦州市贯彻落实标准化发展纲要实施方案", "一、重点任务",
        "1.建立标准化专家库，入库专家不少于100名。2024年底前完成。（市市场监管局负责）",
        "二、保障措施", "（一）加强组织领导。明确责任分工。",
        "附件：锦州市标准化重点任务分工表", "锦州市标准化重点任务分工表", annex])
    parsed = parse_source_file(path)
    document = parsed.document
    rows = [n for n in document.nodes if n.parent_id == "锦州方案/附件"]
    assert [n.title for n in rows] == ["主导或参与制定国际标准2项以上", "制修订国家标准20项以上",
                                       "每年组织标准化培训不少于4次"]
    assert "重点任务:强化标准引领" in rows[0].text
    assert [t.value for t in rows[0].targets] == [2.0]
    assert document.node("锦州方案/附件").title == "锦州市标准化重点任务分工表"  # once
    task = document.node("锦州方案/一/1")
    assert task.actions == []  # 2024年底前完成。 is its deadline, no sub-item
    assert [p.year for p in task.phases] == [2024]


def test_a_task_table_after_the_signature_is_an_annex_without_its_mark(tmp_path: Path) -> None:
    """No 附件 line before a table under the 成文日期: its rows became tasks of 三、保障措施
    (the last heading), the signature kept as that clause's text."""
    path = write_docx(tmp_path / "方案.docx", [
        "某市标准化工作实施方案", "一、主要任务", "1.加快地方标准制定。（市市场监管局负责）",
        "二、保障措施", "加强组织领导。各部门要高度重视。", "某市人民政府办公室", "2023年5月10日",
        TASK_TABLE])
    document = parse_file(path)
    assert document.node("方案/二").text == "加强组织领导。各部门要高度重视。"
    assert not [n for n in document.nodes if n.parent_id == "方案/二"]
    section = document.node("方案/附件")
    assert (section.label, section.parent_id) == ("附件", None)
    rows = [n for n in document.nodes if n.parent_id == "方案/附件"]
    assert [(n.label, n.title, n.departments) for n in rows] == [
        ("(1)", "开展标准化示范区创建", ["标准化处"]),
        ("(2)", "组织标准宣贯培训", ["各区县市场监管局", "信息中心"]),
        ("(3)", "建设标准信息服务平台", ["信息中心"])]


def test_the_note_under_the_date_is_no_title_of_the_annex(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "方案.docx", [
        "某市标准化工作实施方案", "一、主要任务", "1.加快地方标准制定。（市市场监管局负责）",
        "二、保障措施", "加强组织领导。", "某市人民政府办公室", "2023年5月10日", "（此件公开发布）",
        TASK_TABLE])
    document = parse_file(path)
    assert "此件" not in document.node("方案/附件").title
    assert len([n for n in document.nodes if n.parent_id == "方案/附件"]) == 3
    assert "此件" not in document.node("方案/二").text


def test_a_titled_table_after_the_signature_restating_the_body_gives_its_columns(
        tmp_path: Path) -> None:
    """The table's title between the date and the table names the annex; rows that restate
    the body's tasks give them their columns, as under a 附件 line."""
    restating = [["序号", "重点任务", "责任单位", "完成时限"],
                 ["1", "加快地方标准制定", "市市场监管局", "2024年底"],
                 ["2", "推进团体标准发展", "市民政局", "2025年6月"]]
    path = write_docx(tmp_path / "意见.docx", [
        "某市实施意见", "一、主要任务", "1.加快地方标准制定。推动重点领域地方标准研制。",
        "2.推进团体标准发展。", "二、保障措施", "加强组织领导。", "某市人民政府",
        "2023年5月10日", "重点任务分工表", restating])
    document = parse_file(path)
    tasks = [n for n in document.nodes if n.parent_id == "意见/一"]
    assert [(n.title, n.departments) for n in tasks] == [
        ("加快地方标准制定", ["市市场监管局"]), ("推进团体标准发展", ["市民政局"])]
    assert [[p.year for p in n.phases] for n in tasks] == [[2024], [2025]]
    assert document.node("意见/二").text == "加强组织领导。"
    assert not [n for n in document.nodes if n.label.startswith("附件")]  # none left over


def test_a_date_in_a_table_or_under_a_heading_is_no_signature(tmp_path: Path) -> None:
    """A schedule table ending in a date, then a heading and the task table: the task table
    became an annex titled 二、重点任务分工 and 三、保障措施 was lost."""
    schedule = [["阶段", "时间节点"], ["动员部署", "2024年3月1日"], ["总结验收", "2024年12月31日"]]
    path = write_docx(tmp_path / "方案.docx", [
        "某市标准化工作方案", "一、工作安排", schedule, "二、重点任务分工", TASK_TABLE,
        "三、保障措施", "（一）加强组织领导。各处室要高度重视。"])
    document = parse_file(path)
    assert not [n for n in document.nodes if n.label.startswith("附件")]
    assert [n.title for n in document.nodes if n.parent_id == "方案/二"] == [
        "开展标准化示范区创建", "组织标准宣贯培训", "建设标准信息服务平台"]
    assert document.node("方案/三/(一)").title == "加强组织领导"
    text = parse_text("某市标准化工作方案\n一、主要任务\n1.制定地方标准。\n二、进度安排\n"
                      "2024年3月1日\n三、重点任务分工\n序号 重点任务 责任单位 完成时限\n"
                      "1 开展标准化示范区创建 市市场监管局 2024年底\n四、保障措施\n"
                      "加强组织领导。\n", "txt")
    assert not [n for n in text.nodes if n.label.startswith("附件")]
    assert text.node("txt/四").text == "加强组织领导。"


def test_a_text_task_table_after_the_signature_is_an_annex_too() -> None:
    text = ("某市标准化工作实施方案\n一、主要任务\n1.加快地方标准制定。\n二、保障措施\n"
            "加强组织领导。\n某市人民政府办公室\n2023年5月10日\n"
            "序号 重点任务 责任单位 完成时限\n1 开展标准化示范区创建 市市场监管局 2024年底\n"
            "2 组织标准宣贯培训 市教育局 2024年全年\n")
    document = parse_text(text, "txt")
    assert document.node("txt/二").text == "加强组织领导。"
    rows = [n for n in document.nodes if n.parent_id == "txt/附件"]
    assert [(n.title, n.departments) for n in rows] == [
        ("开展标准化示范区创建", ["市市场监管局"]), ("组织标准宣贯培训", ["市教育局"])]
