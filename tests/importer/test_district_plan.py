"""A district's plan in the red-header form: the issuer on a line of its own above 关于印发…的
通知, each task closed by its departments and followed by a 完成时限 line."""

from __future__ import annotations

import pytest

from checklist_app.core import Level
from checklist_app.importer import parse_text

PLAN = """重庆市渝中区人民政府办公室
关于印发渝中区贯彻落实国家标准化发展纲要实施方案的通知
渝中府办发〔2023〕12号
各街道办事处，区政府各部门：
现将《渝中区贯彻落实国家标准化发展纲要实施方案》印发给你们，请认真贯彻执行。
重庆市渝中区人民政府办公室
2023年3月1日
渝中区贯彻落实国家标准化发展纲要实施方案
一、总体要求
（一）指导思想。坚持以习近平新时代中国特色社会主义思想为指导。
二、重点任务
（一）推进标准制定。
1．制定地方标准。全年制定地方标准5项。（牵头单位：区市场监管局；配合单位：区科技局）
完成时限：2023年12月底前
2．开展标准化培训。组织培训不少于4次。（区市场监管局牵头，区教委配合）
完成时限：长期坚持
"""
# One target stated in the goals and again in a task: the same target twice.
REPEATING_PLAN = ("某区方案\n一、主要目标\n（一）发展目标。到2025年，制定地方标准5项以上。\n"
                  "二、重点任务\n1.推进标准制定。制定地方标准5项以上。（区市场监管局负责）\n"
                  "2.开展标准化培训。组织培训不少于4次。\n")


def test_the_issuer_on_its_own_line_gives_region_and_level() -> None:
    """The 印发 pattern took 关于 for the issuer: region 渝中区 without its city."""
    document = parse_text(PLAN, "yuzhong")
    assert document.issuer == "重庆市渝中区人民政府办公室"
    assert (document.region, document.level) == ("重庆市渝中区", Level.COUNTY)
    assert document.title == "渝中区贯彻落实国家标准化发展纲要实施方案"


def test_departments_before_a_deadline_line_are_read() -> None:
    """A department list closing a task's line, with 完成时限 on the next, named none."""
    document = parse_text(PLAN, "yuzhong")
    first, second = document.node("yuzhong/二/(一)/1"), document.node("yuzhong/二/(一)/2")
    assert first.departments == ["区市场监管局", "区科技局"]
    assert second.departments == ["区市场监管局", "区教委"]
    assert first.actions == ["全年制定地方标准5项。"]
    assert second.actions == ["组织培训不少于4次。"]
    assert [phase.text for phase in first.phases] == ["完成时限:2023年12月底前"]
    assert second.phases == []  # 长期坚持: no deadline


def _task(line: str, after: str = "") -> object:
    text = f"一、主要任务\n1.推进标准制定。{line}\n{after}"
    return parse_text(text, "t").node("t/一/1")


LEAD = ["区市场监管局"]


@pytest.mark.parametrize(("line", "after", "departments", "leads"), [
    ("（区市场监管局牵头，区科技局配合）", "责任单位：区财政局\n完成时限：2023年12月底前",
     ["区市场监管局", "区科技局", "区财政局"], LEAD),
    ("（牵头单位：区市场监管局；配合单位：区科技局、区财政局等）", "",
     ["区市场监管局", "区科技局", "区财政局"], LEAD),
    ("（牵头单位：区市场监管局；完成时限：2024年6月底前）", "", ["区市场监管局"], LEAD),
    ("（牵头单位：区市场监管局，完成时限：2024年6月底前）", "", ["区市场监管局"], LEAD),
    ("（责任单位：区市场监管局，完成时限：2024年6月底前）", "", ["区市场监管局"], []),
    ("（牵头单位：区市场监管局，配合单位：区科技局，完成时限：2024年底）", "",
     ["区市场监管局", "区科技局"], LEAD),
    ("（责任单位：区市场监管局、区科技局，工作要求：按季度报送进展）", "",
     ["区市场监管局", "区科技局"], []),
    ("（区级牵头单位：区市场监管局；区级配合单位：区科技局）", "",
     ["区市场监管局", "区科技局"], LEAD),
    ("", "区级责任单位：区市场监管局\n完成时限：2024年底", ["区市场监管局"], []),
    ("（牵头单位：区市场监管局（区知识产权局）；配合单位：区科技局）", "",
     ["区市场监管局(区知识产权局)", "区科技局"], ["区市场监管局(区知识产权局)"]),
    ("（牵头单位：区市场监管局）。", "", ["区市场监管局"], LEAD),
    ("（主要责任单位：区市场监管局）", "", ["区市场监管局"], []),
    ("（区市场监管局牵头，区科技局配合）", "工作要求：按季度报送进展\n完成时限：2024年底",
     ["区市场监管局", "区科技局"], LEAD),
    ("", "责任单位：局标准化科、各市场监管所。完成时间：2024年3月底前。",
     ["局标准化科", "各市场监管所"], []),
    ("", "牵头单位：区市场监管局\n配合单位：区科技局、区财政局",
     ["区市场监管局", "区科技局", "区财政局"], LEAD),
    ("（区科技局、区市场监管局按职责分工负责）", "", ["区科技局", "区市场监管局"], []),
    ("（區市場監管局牽頭，區科技局配合）", "", ["區市場監管局", "區科技局"], ["區市場監管局"]),
    ("", "责任单位：区市场监管局（牵头）、区科技局", ["区市场监管局", "区科技局"], LEAD),
    ("（区市场监管局（牵头）、区科技局按职责分工负责）", "", ["区市场监管局", "区科技局"], LEAD),
    ("", "牵头单位：区市场监管局\n牵头单位：区市场监管局", ["区市场监管局"], LEAD),  # once
    # 各区、县（市）政府 is one joint name, not 各区 and 县(市)政府
    ("（区市场监管局牵头，各区、县（市）政府配合）", "",
     ["区市场监管局", "各区、县(市)政府"], LEAD),
    ("（牵头单位：区市场监管局、各区、县（市）政府）", "",
     ["区市场监管局", "各区、县(市)政府"], ["区市场监管局", "各区、县(市)政府"]),
    ("", "责任单位：区市场监管局、各区、县（市）政府", ["区市场监管局", "各区、县(市)政府"], []),
    ("（牵头单位：区住建局、各区、县、市政府）", "", ["区住建局", "各区、县、市政府"],
     ["区住建局", "各区、县、市政府"]),
    ("（各乡、镇、街道负责）", "", ["各乡、镇、街道"], []),
    ("（市牵头，各区县落实）", "", ["市", "各区县"], ["市"]),  # 市 alone, split at 牵头
    ("（两江新区、高新区、区科技局负责）", "", ["两江新区", "高新区", "区科技局"], []),
])
def test_department_lists_as_work_plans_write_them(line: str, after: str,
                                                   departments: list[str],
                                                   leads: list[str]) -> None:
    """Who leads (牵头) is kept apart from who assists (配合): the report names the lead."""
    task = _task(line, after)
    assert task.departments == departments
    assert task.lead_departments == leads
    assert not any("单位" in action or "时限" in action for action in task.actions)


BODY = "\n渝中区标准化工作实施方案\n一、主要任务\n1.制定地方标准5项以上。（区市场监管局负责）\n"


@pytest.mark.parametrize(("head", "issuer", "region"), [
    ("重庆市渝中区人民政府办公室文件\n关于印发渝中区标准化工作实施方案的通知",
     "重庆市渝中区人民政府办公室", "重庆市渝中区"),
    ("重慶市渝中區人民政府辦公室\n關於印發渝中區標準化工作實施方案的通知",
     "重慶市渝中區人民政府辦公室", "重慶市渝中區"),
    ("各街道办事处：\n现将渝中区标准化工作实施方案印发给你们，请认真执行。\n"
     "重庆市渝中区人民政府办公室\n2024年3月1日", "重庆市渝中区人民政府办公室", "重庆市渝中区"),
])
def test_the_issuer_in_the_forms_a_red_header_takes(head: str, issuer: str, region: str) -> None:
    """…文件 after the name, traditional script, 现将X印发给你们 (taken for the issuer)."""
    document = parse_text(head + BODY, "x")
    assert (document.issuer, document.region, document.level) == (issuer, region, Level.COUNTY)


IMPRINTED = """渝中区标准化工作实施方案
一、主要任务
1.制定地方标准5项以上。（区市场监管局负责）
2.加强培训。组织培训4次。
重庆市渝中区人民政府办公室
2024年3月1日
（此件公开发布）
抄送：区委办公室，区人大常委会办公室，
区政协办公室。
重庆市渝中区人民政府办公室                2024年3月15日印发
"""


@pytest.mark.parametrize("signed", [True, False])
def test_the_imprint_under_the_document_is_no_part_of_its_last_clause(signed: bool) -> None:
    """抄送… and …印发 became the last task's text and two of its sub-items."""
    text = IMPRINTED if signed else IMPRINTED.replace(
        "重庆市渝中区人民政府办公室\n2024年3月1日\n（此件公开发布）\n", "")
    document = parse_text(text, "x")
    last = document.node("x/一/2")
    assert (last.text, last.actions) == ("组织培训4次。", ["组织培训4次。"])
    assert document.year == 2024 if signed else document.year is None


@pytest.mark.parametrize(("line", "title", "departments"), [
    ("开展“双随机”检查,每年抽查企业不少于50家（局标准化科负责，2024年起每年开展）",
     "开展“双随机”检查,每年抽查企业不少于50家", ["局标准化科"]),
    ("督促企业限期整改（各市场监管所负责，长期坚持）", "督促企业限期整改", ["各市场监管所"]),
    ("推进标准化试点（区市场监管局牵头，区科技局、区财政局配合）", "推进标准化试点",
     ["区市场监管局", "区科技局", "区财政局"]),
])
def test_a_one_line_task_closed_by_its_departments(line: str, title: str,
                                                   departments: list[str]) -> None:
    """Words after 负责 (，长期坚持) hid the list, and a task with no 。 kept it in its title."""
    task = parse_text(f"一、主要任务\n1.{line}\n", "t").node("t/一/1")
    assert (task.title, task.departments) == (title, departments)
    assert task.lead_departments == (["区市场监管局"] if "牵头" in line else [])


def test_a_bracket_of_names_alone_gives_the_departments() -> None:
    """（区市场监管局、区经济信息委） closing a task gave no 责任单位: only a bracket ending
    in 负责, 牵头 or 配合 was read, so 本部门 and the report's columns missed the task."""
    document = parse_text("一、主要任务\n1.培育企业标准“领跑者”。加强宣传。（区市场监管局、"
                          "区经济信息委）\n2.制定管理办法（试行）。开展评估。\n"
                          "3.开展活动。加强宣传。（以下简称市场监管局）\n", "t")
    assert document.node("t/一/1").departments == ["区市场监管局", "区经济信息委"]
    assert document.node("t/一/2").departments == []  # (试行) names no unit
    assert document.node("t/一/3").departments == []  # nor does (以下简称…局)


@pytest.mark.parametrize(("bracket", "deadline"), [
    ("区市场监管局牵头，各相关部门配合，长期坚持", ("", "长期坚持")),
    ("区市场监管局负责，2025年底前", ("2025-12-31", "完成时限:2025年底前")),
    ("区市场监管局负责，做好记录", ("", "")),  # other words after the list: no deadline
])
def test_a_deadline_after_the_departments_in_their_bracket_is_read(
        bracket: str, deadline: tuple[str, str]) -> None:
    """（区市场监管局牵头，各相关部门配合，长期坚持） gave the departments but no deadline."""
    from checklist_app.core.dates import document_deadline

    task = parse_text(f"一、主要任务\n1.推进工作。加强协作。（{bracket}）\n", "t").node("t/一/1")
    found = document_deadline(task)
    assert (found.date or "", found.words) == deadline
    assert task.departments[0] == "区市场监管局"


@pytest.mark.parametrize(("line", "deadline"), [
    ("督促企业限期整改（责任单位：各市场监管所，完成时限：2025年底）",
     ("2025-12-31", "完成时限:2025年底")),
    ("督促企业限期整改（各市场监管所负责，长期坚持）", ("", "长期坚持")),
])
def test_a_one_line_task_keeps_the_deadline_of_its_bracket(
        line: str, deadline: tuple[str, str]) -> None:
    """A task on one line kept only its title: the bracket, its deadline with it, was gone,
    so the item was never due."""
    from checklist_app.core.dates import document_deadline

    task = parse_text(f"一、主要任务\n1.{line}\n", "t").node("t/一/1")
    assert task.title == "督促企业限期整改" and task.departments == ["各市场监管所"]
    found = document_deadline(task)
    assert (found.date or "", found.words) == deadline


def test_a_target_stated_in_several_items_is_warned_of_on_the_command_line_too(
        tmp_path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    from checklist_app.cli import main

    source = tmp_path / "某区方案.txt"
    source.write_text(REPEATING_PLAN, encoding="utf-8")
    assert main(["parse", str(source)]) == 0
    assert "制定地方标准5项以上（一、(一)；二、1.）" in capsys.readouterr().err


def test_rows_of_one_table_setting_alike_targets_are_no_repeat() -> None:
    """Chongqing's 附表 gives each field (农业, 工业, …) its own 制定(修订)地方标准10项: rows
    of one section were warned of as one target stated twelve times over."""
    from checklist_app.importer import shipped_documents
    from checklist_app.importer.parser import repeated_targets

    chongqing = next(d for d in shipped_documents() if d.id == "chongqing-2022")
    alike = [t.text for n in chongqing.checkable_nodes() for t in n.targets]
    assert alike.count("制定(修订)地方标准10项") > 1
    assert repeated_targets(chongqing) == []
    plan = parse_text("某区方案\n一、重点任务\n1.农业标准。制定地方标准5项。\n"
                      "2.工业标准。制定地方标准5项。\n", "t")
    assert repeated_targets(plan) == []
    by_sector = parse_text("某区方案\n一、农业标准化\n1.农业标准。制定地方标准5项。\n"
                           "二、工业标准化\n1.工业标准。制定地方标准5项。\n", "t")
    assert repeated_targets(by_sector) == []  # each sector's own: no goals restated
    goal_and_sectors = parse_text(
        "某区方案\n一、主要目标\n（一）发展目标。到2025年，制定地方标准5项以上。\n"
        "二、农业标准化目标任务\n1.农业标准。制定地方标准5项以上。\n"
        "三、工业标准化目标任务\n1.工业标准。制定地方标准5项以上。\n", "t")
    assert repeated_targets(goal_and_sectors) == []  # two tasks of the goal's figure: whose?


# A district plan as offices write it in Word: each task's 责任单位 and 完成时限 go on in its
# paragraph, and 附件1 restates the tasks in a 分工表.
INLINE_PLAN = [
    "沈河区贯彻落实国家标准化发展纲要实施方案", "一、总体要求", "(一)主要目标",
    "到2025年，主导或参与制定地方标准5项以上；培育标准化示范企业10家。", "二、重点任务",
    "(一)强化标准供给",
    "1.推动地方标准制修订。组织主导或参与制定地方标准5项以上。责任单位：区市场监管局牵头，"
    "区商务局、区文旅局配合。完成时限：2025年12月底前。",
    "2.培育发展团体标准。到2025年团体标准达到15项以上。责任单位：区民政局、区市场监管局按职责"
    "分工负责。完成时限：长期坚持。",
    "三、保障措施", "(一)加强经费保障。区财政局给予资金奖励。", "附件：1.重点任务分工表",
    "附件1", "重点任务分工表",
    [["序号", "重点任务", "责任单位", "完成时限"],
     ["1", "推动地方标准制修订", "区市场监管局牵头，区商务局、区文旅局配合", "2025年12月底前"],
     ["2", "培育发展团体标准", "区民政局、区市场监管局", "长期坚持"]],
]


def test_departments_and_deadline_going_on_in_a_tasks_paragraph_are_facts(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """责任单位:… 完成时限:… were sub-items to tick, 区市场监管局牵头 and 区文旅局配合 were
    departments of their own in the filter, the annex printed them a second time, and its
    附件1 / 重点任务分工表 lines were sub-items of the last clause."""
    from checklist_app.core.dates import document_deadline
    from checklist_app.importer import parse_file
    from tests.importer.test_docx_tables import write_docx

    plan = parse_file(write_docx(tmp_path / "沈河区方案.docx", INLINE_PLAN), "p")
    first, second = plan.node("p/二/(一)/1"), plan.node("p/二/(一)/2")
    assert first.actions == ["组织主导或参与制定地方标准5项以上。"]
    assert first.departments == ["区市场监管局", "区商务局", "区文旅局"]
    assert first.lead_departments == ["区市场监管局"]
    assert first.text.count("责任单位") == 1 and first.text.count("完成时限") == 1
    assert second.departments == ["区民政局", "区市场监管局"]
    assert document_deadline(first).date == "2025-12-31"
    # 到2025年 in its words, 长期坚持 its deadline: never due (it was overdue in the report)
    assert (document_deadline(second).date, document_deadline(second).words) == (None, "长期坚持")
    funds = plan.node("p/三/(一)")
    assert funds.actions == ["区财政局给予资金奖励。"] and "附件" not in funds.text


def test_a_goal_restated_in_other_words_is_one_target(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """主导或参与制定地方标准5项以上 in the goals and 组织主导或参与制定地方标准5项以上 in the
    task were two targets (only words alike to the letter were one)."""
    from checklist_app.core.repeats import target_repeats
    from checklist_app.importer import parse_file
    from tests.importer.test_docx_tables import write_docx

    plan = parse_file(write_docx(tmp_path / "沈河区方案.docx", INLINE_PLAN), "p")
    groups = set(target_repeats(plan).values())
    assert groups == {(("p/一/(一)", 0), ("p/二/(一)/1", 0))}
    again = parse_text("某区方案\n一、总体要求\n（一）主要目标。到2025年，团体标准15项以上。\n"
                       "二、重点任务\n1.培育团体标准。到2025年团体标准达到15项以上。\n"
                       "2.培育企业标准。企业标准达到15项以上。\n", "q")
    assert set(target_repeats(again).values()) == {(("q/一/(一)", 0), ("q/二/1", 0))}


@pytest.mark.parametrize(("line", "departments", "leads"), [
    ("责任单位:区市场监管局牵头、区发改委配合", ["区市场监管局", "区发改委"], ["区市场监管局"]),
    ("责任单位:A局、B局牵头,C局配合", ["A局", "B局", "C局"], ["A局", "B局"]),
    ("责任单位:区市场监管局、各街道配合落实", ["区市场监管局", "各街道"], []),
])
def test_role_words_in_a_department_line(line: str, departments: list[str],
                                         leads: list[str]) -> None:
    """The line's list was split at every 牵头/配合 (各街道配合落实 gave 落实), and a 、
    before the next unit hid who leads."""
    from checklist_app.importer.extract import find_departments

    found = find_departments(f"开展工作。\n{line}")
    assert (found.departments, found.leads) == (departments, leads)


WEB_COPY = """鞍山市人民政府关于贯彻落实《国家标准化发展纲要》的实施意见
一、重点任务
1.加强关键技术领域标准研究。开展关键技术标准研究。（市科技局牵头，市市场监管局配合）
2.推进政务服务标准化。政务服务事项标准化率达到100%。（市营商局负责）
附件
鞍山市重点任务分工表
序号　任务　责任单位　完成时限
1　加强关键技术领域标准研究　市科技局　2024年12月底
2　推进政务服务标准化　市营商局　2023年底

【打印本页】　【关闭窗口】
扫一扫在手机打开当前页
版权所有：鞍山市人民政府办公室　　辽ICP备05000000号
"""


def test_a_task_table_copied_from_a_web_page_as_text_is_read_as_a_table() -> None:
    """Its rows, the 附件 heading and the page's footer (【打印本页】, 扫一扫…, 版权所有…ICP
    备…) were sentences of the last clause, their figures its targets."""
    from checklist_app.core.dates import document_deadline

    plan = parse_text(WEB_COPY, "w")
    last = plan.node("w/一/2")
    assert last.actions == ["政务服务事项标准化率达到100%。"]
    assert [t.value for t in last.targets] == [100.0]
    assert document_deadline(last).date == "2023-12-31"  # from the table's row
    assert document_deadline(plan.node("w/一/1")).date == "2024-12-31"
    assert not any("ICP" in n.text or "打印" in n.text or "附件" in n.text for n in plan.nodes)


def test_places_listed_before_a_unit_share_its_name() -> None:
    """海城市、大石桥市人民政府 gave 海城市 as a department: a town, broken over lines."""
    from checklist_app.importer.extract import find_departments

    found = find_departments("开展工作。(海城市、大石桥市人民政府,市市场监管局按职责分工负责)")
    assert found.departments == ["海城市人民政府", "大石桥市人民政府", "市市场监管局"]
    found = find_departments("开展工作。(渝中区、江北区、南岸区政府负责)")
    assert found.departments == ["渝中区政府", "江北区政府", "南岸区政府"]
    assert find_departments("开展工作。(市科技局、市市场监管局负责)").departments == [
        "市科技局", "市市场监管局"]


def test_the_parse_can_be_stopped_between_clauses() -> None:
    """A 20 MB file took over a minute and Cancel waited for the end: ``check`` is called
    for each clause, and what it raises ends the parse."""
    from checklist_app.importer.parser import parse_source

    class Stop(Exception):
        pass

    calls: list[int] = []

    def check() -> None:
        calls.append(1)
        if len(calls) == 4:
            raise Stop

    with pytest.raises(Stop):
        parse_source(PLAN, "yuzhong", check=check)
    clauses = len(parse_text(PLAN, "yuzhong").nodes)
    counted: list[int] = []
    parse_source(PLAN, "yuzhong", check=lambda: counted.append(1))
    assert len(counted) >= clauses  # once per clause at least, and between the stages



def test_a_long_clause_can_be_stopped_while_its_targets_are_read() -> None:
    """One clause of a large file held seconds of target reading with no check in between:
    ``check`` is also called every few hundred of its paragraphs."""
    from checklist_app.importer.extract import PARAGRAPHS_PER_CHECK, find_targets
    from checklist_app.importer.parser import parse_source

    paragraph = "到2025年，国际标准转化率达到85%以上。"
    calls: list[int] = []
    found = find_targets("\n".join([paragraph] * PARAGRAPHS_PER_CHECK * 3),
                         check=lambda: calls.append(1))
    assert len(found) == PARAGRAPHS_PER_CHECK * 3 and len(calls) == 3

    def checks(paragraphs: int) -> int:
        counted: list[int] = []
        text = "实施意见\n一、总体要求\n（一）工作目标\n" + "\n".join([paragraph] * paragraphs)
        parse_source(text, "long", check=lambda: counted.append(1))
        return len(counted)

    assert checks(PARAGRAPHS_PER_CHECK * 4) - checks(10) >= 4


def test_cleaning_a_long_text_can_be_stopped() -> None:
    """Cleaning an 18 MB text was one step of two seconds before the first check."""
    from checklist_app.importer.cleaning import LINES_PER_CHECK, clean_text

    calls: list[int] = []
    clean_text("推动标准化发展。\n" * (LINES_PER_CHECK * 2), check=lambda: calls.append(1))
    assert len(calls) >= 3  # after folding, then every LINES_PER_CHECK lines


def test_a_deadline_to_the_day_in_a_tasks_words_is_read() -> None:
    """2024年12月31日前完成验收 and 2025年6月30日前完成… were not read (…月底前 was): those
    items had no 完成时限 and were never overdue."""
    from checklist_app.core.dates import document_deadline
    from checklist_app.importer import parse_text

    document = parse_text(
        "某县标准化方案\n一、重点任务\n（一）建设基地。建设草莓标准化生产基地2个，"
        "2024年12月31日前完成验收。\n（二）制定标准。2025年6月30日前完成地方标准3项。\n"
        "（三）推进试点。2025年9月底前建成试点2个。\n", "t")
    assert [document_deadline(n).date for n in document.checkable_nodes()] == [
        "2024-12-31", "2025-06-30", "2025-09-30"]


def test_who_does_a_task_in_its_last_sentence_or_two_labels_on_a_line_is_read() -> None:
    """区经济信息委牵头，区市场监管局配合。 (no bracket) gave the item no department, and
    牵头单位:A;配合单位:B on one line kept only A."""
    from checklist_app.importer.extract import find_departments

    said = find_departments("推进标准化建设。区经济信息委牵头，区市场监管局配合。")
    assert (said.text, said.departments, said.leads) == (
        "推进标准化建设。", ["区经济信息委", "区市场监管局"], ["区经济信息委"])
    both = find_departments("推进标准化建设。\n牵头单位：区市场监管局；"
                            "配合单位：区住建局、区交通运输局")
    assert both.departments == ["区市场监管局", "区住建局", "区交通运输局"]
    assert both.leads == ["区市场监管局"]
    joined = find_departments("推进建设。区科技局牵头，区市场监管局、区商务委配合。")
    assert joined.departments == ["区科技局", "区市场监管局", "区商务委"]
    dated = find_departments("推进建设。区市场监管局负责，区科技局配合。\n完成时限:2025年底前")
    assert dated.departments == ["区市场监管局", "区科技局"]  # the deadline line after it
    for work in ("区市场监管局牵头制定地方标准3项。", "由区市场监管局负责。",  # sentences of
                 "推进建设。市市场监管局会同市发展改革委负责。",  # work, or names run
                 "推进建设。市发展改革委等部门负责。"):  # together: no list of who does it
        assert find_departments(work).departments == [], work


def test_names_holding_a_role_word_and_a_cut_off_date_stay_as_they_were() -> None:
    """协同/参与 inside a unit's name (省协同办, 市产业协同创新中心) split it; 对2018年12月31日前
    发布的标准 (a cut-off, not a deadline) made the item due in 2018."""
    from checklist_app.core.dates import document_deadline
    from checklist_app.importer import parse_text

    document = parse_text(
        "某省方案\n一、任务\n（一）推进建设。加强协同（省协同办、省发展改革委按职责分工负责）\n"
        "（二）推进创新。加快建设（市产业协同创新中心、市科技局负责）\n"
        "（三）复审。对2018年12月31日前发布的推荐性地方标准开展全面复审。\n", "t")
    first, second, third = document.checkable_nodes()
    assert first.departments == ["省协同办", "省发展改革委"]
    assert second.departments == ["市产业协同创新中心", "市科技局"]
    assert document_deadline(third).date is None
