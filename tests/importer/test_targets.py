"""Numeric targets (数值指标): which way each figure bounds its goal, and met / not met."""

from __future__ import annotations

from pathlib import Path

import pytest

from checklist_app.core import Comparator, Document, Target, format_number
from checklist_app.importer import SHIPPED_IDS, build_shipped, parse_file, parse_text
from checklist_app.importer.extract import find_targets, reread_bare_figure

RATIO = "共性关键技术和应用类科技计划项目形成标准研究成果的比率达到50%以上"
RATIO_TRADITIONAL = "共性關鍵技術和應用類科技計劃項目形成标準研究成果的比率達到50%以上"
# Every target of the five documents outside the Chongqing work plan (whose quotas are all
# floors), with the reading of its sentence: 以上 / bare figures are floors, 缩短至…以内 a ceiling.
SHIPPED_TARGETS = [
    ("chongqing-2022/一/(二)", RATIO, ">="),
    ("chongqing-2022/一/(二)", "地方标准平均制定周期缩短至18个月以内", "<="),
    ("chongqing-2022/一/(二)", "新增参与制定(修订)国际标准10项以上", ">="),
    ("chongqing-2022/一/(二)", "新增参与制定(修订)国家标准、行业标准500项以上", ">="),
    ("chongqing-2022/一/(二)", "新发布地方标准500项以上", ">="),
    ("chongqing-2022/一/(二)", "新自我声明公开企业产品和服务标准10000项以上", ">="),
    ("chongqing-2022/一/(二)", "新培育发展团体标准300项以上", ">="),
    ("chongqing-2022/一/(二)", "新建设标准化试点示范项目50个以上", ">="),
    ("chongqing-2022/一/(二)", "新成立市级专业标准化技术委员会10个以上", ">="),
    ("chongqing-2022/一/(二)", "争创全国标准创新贡献奖5项", ">="),
    ("guangdong-2018/一/(三)", "發布重點產業、行業標準體系規劃與路線圖10個", ">="),
    ("guangdong-2018/一/(三)", "推動600家企業開展兩化融合管理體系貫標建設", ">="),
    ("guangdong-2018/一/(三)", "建設國家及省級技術標準創新基地20個", ">="),
    ("guangdong-2018/一/(三)", "國家及省級標準驗證檢驗檢測點10個", ">="),
    ("guangdong-2018/一/(三)", "在重點行業培育30家大型骨干企業建立研發與標準“三同步”", ">="),
    ("guangdong-2018/一/(三)", "推動10個國際和國家專業標準化技術委員會或對口單位落戶廣東", ">="),
    ("guangdong-2018/一/(三)", "主導或參與研制60項各類國際標準", ">="),
    ("liaoning-2022/一/(二)", "主导或参与制修订国家标准320项以上", ">="),
    ("liaoning-2022/一/(二)", "制修订省级地方标准480项以上", ">="),
    ("liaoning-2022/一/(二)", RATIO, ">="),
    ("liaoning-2022/一/(二)", "地方标准平均制定周期缩短至18个月以内", "<="),
    ("liaoning-2022/一/(二)", "新建标准化试点示范项目50个以上", ">="),
    ("liaoning-2022/一/(二)",
     "驻辽国家标准化技术委员会所在专业领域国际标准转化率达到88%以上", ">="),
    ("liaoning-2022/一/(二)", "省级标准化技术委员会达到30个以上", ">="),
    ("liaoning-2022/一/(二)", "培育标准化专业服务机构14家以上", ">="),
    ("national-2021/一/(二)", RATIO_TRADITIONAL, ">="),
    ("national-2021/一/(二)", "國家标準平均制定周期縮短至18個月以內", "<="),
    ("national-2021/一/(二)", "國際标準轉化率達到85%以上", ">="),
    ("national-2021/一/(二)", "50個以上國家技術标準創新基地", ">="),
    ("wenzhou-2017/一/(三)", "培育企業技術標準創新基地5個以上", ">="),
    ("wenzhou-2017/一/(三)", "建成國家級、省級和市級標準化技術委員會20個以上", ">="),
    ("wenzhou-2017/一/(三)",
     "主導或參與制(修)訂國際標準、國家標準、行業標準、地方標準1000項以上", ">="),
    ("wenzhou-2017/一/(三)", "團體標準(聯盟標準)90項以上", ">="),
    ("wenzhou-2017/一/(三)", "“浙江製造”標準20項以上", ">="),
    ("wenzhou-2017/一/(三)", "全市規模以上企業主導產品采標率66%以上", ">="),
    ("wenzhou-2017/三/(三)", "培養100名標準化專家", ">="),
    ("wenzhou-2017/三/(三)", "1000名標準化骨幹", ">="),
]

# Chongqing 一/(二), as printed.
CHONGQING_GOALS = (
    "到2025年,新增参与制定(修订)国际标准10项以上,新增参与制定(修订)国家标准、行业标准500项以上,"
    "新发布地方标准500项以上,新自我声明公开企业产品和服务标准10000项以上,新培育发展团体标准300项以上,"
    "新建设标准化试点示范项目50个以上,新成立市级专业标准化技术委员会10个以上,争创全国标准创新贡献奖5项。"
)


@pytest.fixture(scope="module")
def documents() -> dict[str, Document]:
    return {doc_id: build_shipped(doc_id) for doc_id in SHIPPED_IDS}


def test_every_target_outside_the_work_plan_is_listed(documents: dict[str, Document]) -> None:
    found = [(node.id, target.text) for doc in documents.values() for node in doc.nodes
             if "/plan" not in node.id for target in node.targets]
    assert sorted(found) == sorted((node_id, text) for node_id, text, _ in SHIPPED_TARGETS)


@pytest.mark.parametrize(("node_id", "text", "comparator"), SHIPPED_TARGETS)
def test_shipped_target_reads_as_its_sentence(
    documents: dict[str, Document], node_id: str, text: str, comparator: str
) -> None:
    node = documents[node_id.split("/")[0]].node(node_id)
    assert [t.comparator.value for t in node.targets if t.text == text] == [comparator]


def test_more_than_a_bare_figure_meets_it() -> None:
    """争创全国标准创新贡献奖5项: six awards meet the goal, four do not."""
    award = find_targets(CHONGQING_GOALS)[-1]
    assert (award.text, award.value, award.unit, award.year) == (
        "争创全国标准创新贡献奖5项", 5, "项", 2025)
    assert award.comparator is Comparator.AT_LEAST
    assert (award.is_met(6), award.is_met(5), award.is_met(4)) == (True, True, False)


def test_a_work_plan_row_counts_the_goals_its_cells_state_in_words(
        documents: dict[str, Document]) -> None:
    """附表1 gave 市发展改革委 its two bare quotas and lost 团体标准3项以上 and 至少开展1项
    …项目, which its cells state in words; they are the plan's, due by its end (2025)."""
    row = next(n for n in documents["chongqing-2022"].nodes if n.id == "chongqing-2022/plan/1")
    assert [(t.value, t.unit, t.year) for t in row.targets] == [
        (10, "项", 2025), (10, "项", 2025), (3, "项", 2025), (1, "项", 2025)]
    assert "团体标准3项以上" in row.targets[2].text
    # named by its column where the cell's words do not name it
    assert row.targets[3].text.startswith("支持开展标准化试点示范项目：至少开展1项")
    rows = [n for n in documents["chongqing-2022"].nodes if "/plan/" in n.id]
    assert all(len(n.targets) >= 3 for n in rows)  # every row asks for 团体标准 too
    for n in rows:  # no goal twice: 1项国家级或2项市级 is one choice, not two targets
        assert len({t.text for t in n.targets}) == len(n.targets), n.id
    choice = next(n for n in rows if n.id == "chongqing-2022/plan/30").targets[-1]
    assert "1项国家级或2项市级" in choice.text and choice.value == 1


def test_every_goal_of_the_chongqing_paragraph_is_a_floor() -> None:
    targets = find_targets(CHONGQING_GOALS)
    assert [t.value for t in targets] == [10, 500, 500, 10000, 300, 50, 10, 5]
    assert {t.comparator for t in targets} == {Comparator.AT_LEAST}


@pytest.mark.parametrize(("text", "comparator"), [
    # Chongqing work-plan cells
    ("推进本部门管理的本行业所的社会组织自我声明公开团体标准3项以上", ">="),
    ("至少开展1项国家级或市级农业、工业、服务业以及社会事业等领域项目", ">="),
    # a level brought down to is a ceiling, with or without 以内
    ("地方标准平均制定周期缩短至18个月", "<="),
    ("标准平均制定周期缩短至18个月以内", "<="),
    ("平均检验周期降至10天", "<="),
    ("不合格率降低到5%", "<="),
    ("行政审批时限压缩至20天", "<="),
    ("抽查不合格率控制在3%左右", "<="),
    ("抽查不合格率控制在3%以下", "<="),
    ("新增地方标准不超过50项", "<="),
    ("不合格率不高于2%", "<="),
    # a reduction by an amount, and floor words
    ("单位产品能耗降低20%", ">="),
    ("国际标准转化率不低于90%", ">="),
    ("培育标准化服务机构10家及以上", ">="),
    ("规模以上企业采标率达到66%", ">="),  # 规模以上 names the firms, it bounds nothing
    ("国际标准转化率超过85%", ">"),
])
def test_bounding_words(text: str, comparator: str) -> None:
    [target] = find_targets(text)
    assert target.comparator.value == comparator


def test_a_target_stored_as_equal_is_read_again_from_its_words() -> None:
    """Earlier versions stored bare figures (and 降至) as EQUAL."""
    award = Target("争创全国标准创新贡献奖5项", 5, "项", Comparator.EQUAL, 2025)
    assert reread_bare_figure(award) == Target(
        "争创全国标准创新贡献奖5项", 5, "项", Comparator.AT_LEAST, 2025)
    assert reread_bare_figure(award).is_met(6) is True
    lowered = Target("平均检验周期降至10天", 10, "天", Comparator.EQUAL)
    assert reread_bare_figure(lowered).comparator is Comparator.AT_MOST
    second = Target("建設國家及省級技術標準創新基地20個、國家及省級標準驗證檢驗檢測點10個以下",
                    10, "個", Comparator.EQUAL)  # one text for both figures, as stored before
    assert reread_bare_figure(second).comparator is Comparator.AT_MOST  # its own 以下
    ceiling = Target("地方标准平均制定周期缩短至18个月以内", 18, "个月", Comparator.AT_MOST)
    assert reread_bare_figure(ceiling) is ceiling


def test_a_checklist_file_holding_an_equal_reads_it_as_its_words(
        documents: dict[str, Document]) -> None:
    """Closed assessments keep their documents in this format, written by earlier versions."""
    from checklist_app.importer.checklist_file import document_from_dict, document_to_dict

    data = document_to_dict(documents["chongqing-2022"])
    [goals] = [node for node in data["nodes"] if node["id"] == "chongqing-2022/一/(二)"]
    assert goals["targets"][-1]["text"] == "争创全国标准创新贡献奖5项"
    goals["targets"][-1]["comparator"] = "="
    award = document_from_dict(data).node("chongqing-2022/一/(二)").targets[-1]
    assert (award.comparator, award.is_met(6)) == (Comparator.AT_LEAST, True)


YUBEI = Path(__file__).parent / "documents" / "yubei-2023.txt"


@pytest.fixture(scope="module")
def yubei() -> Document:
    return parse_file(YUBEI)


def test_rewards_the_government_pays_are_not_targets(yubei: Document) -> None:
    """给予最高50万元、30万元奖励 caps a reward: it gave "不少于50万" and "30万元奖励"."""
    assert yubei.node("yubei-2023/三/(二)").targets == []
    for text in ("对新建成的国家级标准化试点项目给予10万元补助",
                 "对主导制定国家标准的企业每项资助20万元",
                 "对新成立的技术委员会秘书处给予最高100万元支持"):
        assert find_targets(text) == [], text


def test_money_that_is_a_goal_keeps_its_whole_unit() -> None:
    [funds] = find_targets("到2025年,全区标准化工作经费投入达到500万元以上")
    assert (funds.value, funds.unit, funds.comparator, funds.year) == (
        500, "万元", Comparator.AT_LEAST, 2025)


def test_working_days_are_the_unit_of_a_time_limit(yubei: Document) -> None:
    """压缩至5个工作日以内: a ceiling in 工作日, not 5 个."""
    limit = yubei.node("yubei-2023/二/(三)/5").targets[-1]
    assert (limit.text, limit.value, limit.unit, limit.comparator) == (
        "平均办理时限压缩至5个工作日以内", 5, "工作日", Comparator.AT_MOST)
    assert limit.is_met(3) and not limit.is_met(6)
    stored = Target(limit.text, 5, "工作日", Comparator.EQUAL)
    assert reread_bare_figure(stored).comparator is Comparator.AT_MOST
    [points] = find_targets("规上企业标准化覆盖率提高5个百分点以上")
    assert points.unit == "个百分点"


def test_a_yearly_quota_has_no_deadline_year(yubei: Document) -> None:
    """每年组织标准化培训不少于4次 took 2024 from the 到2024年底前 sentence after it."""
    [training] = yubei.node("yubei-2023/二/(一)/1").targets
    assert (training.text, training.value, training.unit, training.year) == (
        "每年组织标准化培训不少于4次", 4, "次", None)
    [meeting] = yubei.node("yubei-2023/三/(一)").targets
    assert (meeting.text, meeting.year) == ("每年召开工作会议不少于1次", None)
    [first, second] = find_targets("到2025年,每年开展培训不少于4次、考核不少于2次")
    assert (first.year, second.year) == (None, None)


def test_the_other_targets_of_the_district_plan(yubei: Document) -> None:
    found = [(node.id.removeprefix("yubei-2023/"), t.comparator.value,
              format_number(t.value), t.unit, t.year)
             for node in yubei.nodes for t in node.targets]
    assert found == [
        ("一/(二)", ">=", "10", "项", 2025), ("一/(二)", ">=", "20", "项", 2025),
        ("一/(二)", ">=", "30", "项", 2025), ("一/(二)", ">=", "3", "个", 2025),
        ("一/(二)", ">=", "2000", "项", 2025),
        ("二/(一)/1", ">=", "4", "次", None), ("二/(一)/2", ">=", "50", "%", None),
        ("二/(二)/3", ">=", "10", "项", 2025), ("二/(二)/4", ">=", "5", "个", None),
        ("二/(三)/5", ">=", "98", "%", None), ("二/(三)/5", "<=", "5", "工作日", None),
        ("二/(三)/6", ">=", "2", "个", None), ("三/(一)", ">=", "1", "次", None),
    ]


def test_training_counted_in_person_times_and_sessions_are_targets() -> None:
    """每年培训500人次以上 was not read as a target (人次, 场 and 培训 were unknown)."""
    document = parse_text("某市意见\n一、重点任务\n（一）加强人才培养\n"
                          "1.每年培训500人次以上，举办标准化讲座10场以上。\n", "t")
    [item] = [n for n in document.nodes if n.targets]
    assert [(t.value, t.unit) for t in item.targets] == [(500.0, "人次"), (10.0, "场")]


@pytest.mark.parametrize(("text", "year"), [
    ("2024年底前完成全覆盖", 2024), ("2025年前建成平台", 2025), ("2024年12月底前完成", 2024),
    ("力争2026年年底前实现", 2026),
])
def test_a_year_end_before_which_a_task_is_done_is_its_deadline(text: str, year: int) -> None:
    """2024年底前完成全覆盖 gave no deadline (only 到2025年 did)."""
    from checklist_app.importer.extract import find_phases

    assert [phase.year for phase in find_phases("", text)] == [year]
    for not_a_deadline in ("2019年以前的标准", "2025年前后", "2020年前三季度", "较2018年前提高"):
        assert find_phases("", not_a_deadline) == [], not_a_deadline


def test_visits_counted_per_firm_keep_their_unit() -> None:
    """培训企业200家次 was read as 200 家."""
    [target] = find_targets("培训企业200家次以上。")
    assert (target.value, target.unit) == (200, "家次")


@pytest.mark.parametrize(("text", "figure"), [
    ("开展市级标准化试点示范项目8个。", (8.0, "个")), ("組織召開聯席會議2次。", (2.0, "次")),
    ("完成2项国家标准制定。", (2.0, "项")), ("实施对标达标企业30家。", (30.0, "家")),
    # a trial: 修订/起草/立项 quotas were no targets; 1万亩 read as unit 万, 10场次 as 场
    ("修订黄酒地方标准2项。", (2.0, "项")), ("起草景区服务规范5项。", (5.0, "项")),
    ("立项地方标准10项。", (10.0, "项")), ("複審地方標準30項。", (30.0, "項")),
    ("推广标准化种植1万亩。", (1.0, "万亩")), ("开展宣贯培训10场次。", (10.0, "场次")),
    ("新建标准化示范基地3个。", (3.0, "个")), ("认定标准化试点企业2家。", (2.0, "家")),
])
def test_a_figure_after_the_verbs_of_carrying_out_is_a_target(
        text: str, figure: tuple[float, str]) -> None:
    """开展…示范项目8个 was read as no target: 开展, 组织, 完成 and 实施 were not goal verbs."""
    [target] = find_targets(text)
    assert (target.value, target.unit) == figure
    for not_a_target in ("组织开展第3批标准化试点。", "实施《标准化法》第10条规定。",
                         "实施标准化战略3年行动计划。", "开展为期3个月的专项行动。",
                         "组织5个部门联合开展检查。", "按照2019年修订的3项标准执行。",
                         "核定编制人员5名。", "申报材料在5个工作日内审核。"):
        assert find_targets(not_a_target) == [], not_a_target


@pytest.mark.parametrize(("text", "figure"), [
    ("力争“十四五”末累计不少于五项。", (5.0, "项")), ("培育两个以上标准化示范区。", (2.0, "个")),
    ("每年举办培训不少于十二期。", (12.0, "期")),
    ("到2025年，培育二十个标准化示范项目。", (20.0, "个")),
    ("新增一百二十家企业标准“领跑者”。", (120.0, "家")), ("累计建成十五个基地。", (15.0, "个")),
    ("建设标准化试点基地五个。", (5.0, "个")), ("建成国家级示范区两个以上。", (2.0, "个")),
    ("新增地方标准十五项（市场监管局负责）。", (15.0, "项")),
])
def test_a_goals_figure_in_words_is_read(text: str, figure: tuple[float, str]) -> None:
    """累计不少于五项 restated the goal's 5项 in words: no target, nowhere to enter a value."""
    [target] = find_targets(text)
    assert (target.value, target.unit) == figure
    for not_a_target in ("推动每一项工作落实。", "组织开展一次专项检查。", "制定十项标准的计划。",
                         "打造两个平台。", "实施三项工程。", "开展第五次检查。", "落实每一项。",
                         "推进三项改革。", "建设示范点一百零五个。", "培育一万五千名。",
                         "完成上述三项。", "推动其中两个。"):  # not read from their middle
        assert find_targets(not_a_target) == [], not_a_target


@pytest.mark.parametrize("text", [
    "(3)新增地方标准20项。", "（3）新增地方标准20项。", "3.新增地方标准20项。",
    "①新增地方标准20项。", "具体措施：新增地方标准20项。", "（三）新增地方标准20项。",
    "(3)1.新增地方标准20项。", "1.1新增地方标准20项。", "2.3.新增地方标准20项。",
    "一是新增地方标准20项。", "（二）二是新增地方标准20项。", "十一是新增地方标准20项。",
    "二是，新增地方标准20项。",
])
def test_a_goals_words_start_after_its_list_number_or_lead_in(text: str) -> None:
    """(3)新增地方标准20项 and 具体措施：新增… were shown and printed with the list number or
    the lead-in words as part of the goal."""
    [target] = find_targets(text)
    assert (target.text, target.value) == ("新增地方标准20项", 20.0)
    for figure in ("3.5%以上的企业达到标准。", "1.5万元以上的项目10个。"):  # not list numbers
        [goal] = find_targets(figure)
        assert goal.text.startswith(figure[:3]) and goal.value == float(figure[:3]), goal
    for words in ("1.2亿吨粮食产能区建成示范区3个。", "2.5公里绿道沿线建成驿站10个。",
                  "6.30前建成示范点3个。"):  # figures of another kind before the goal's
        [goal] = find_targets(words)
        assert goal.text.startswith(words[:3]), goal


def test_a_colon_ends_only_a_lead_in_that_is_no_part_of_the_goal() -> None:
    """A colon taken for a clause's end let payments through (给予资助：每项不超过50万元) and
    gave a yearly quota a deadline year."""
    assert find_targets("给予资助：每项不超过50万元。") == []
    [yearly] = find_targets("到2025年，每年组织培训：不少于4次。")
    assert yearly.year is None and yearly.text == "每年组织培训：不少于4次"
    [named] = find_targets("新增地方标准：20项。")
    assert named.text == "新增地方标准：20项"
