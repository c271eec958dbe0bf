"""Each of the five source documents parses into the expected clause tree."""

from __future__ import annotations

import re

import pytest

from checklist_app.core import Document, Node, NodeKind
from checklist_app.importer import (
    SHIPPED_IDS,
    build_shipped,
    dumps_checklist,
    parse_file,
    to_simplified,
)
from checklist_app.importer.cleaning import clean_text
from checklist_app.importer.shipped import checklist_path, source_path

SECTIONS = {
    "national-2021": "一 二 三 四 五 六 七 八 九",
    "liaoning-2022": "一 二 三 四 五 六 七 八 九 十 十一",
    "guangdong-2018": "一 二 三 四",
    "wenzhou-2017": "一 二 三",
    "chongqing-2022": "一 二 三",
}
DIGITS = "一二三四五六七八九"


def chinese(n: int) -> str:
    tens, units = divmod(n, 10)
    prefix = "" if tens == 0 else ("十" if tens == 1 else DIGITS[tens - 1] + "十")
    return prefix + (DIGITS[units - 1] if units else "")


CHINESE = [chinese(n) for n in range(1, 36)]


def paren(numbers: list[str]) -> list[str]:
    return [f"({n})" for n in numbers]


@pytest.fixture(scope="module")
def documents() -> dict[str, Document]:
    return {doc_id: build_shipped(doc_id) for doc_id in SHIPPED_IDS}


def labels(document: Document, kind: NodeKind | None = None, parent_label: str = "") -> list[str]:
    return [
        node.label
        for node in document.nodes
        if (kind is None or node.kind is kind) and "/plan" not in node.id
    ]


@pytest.mark.parametrize("doc_id", SHIPPED_IDS)
def test_sections(documents: dict[str, Document], doc_id: str) -> None:
    sections = [n.label for n in documents[doc_id].nodes if n.kind is NodeKind.SECTION]
    expected = [f"{n}、" for n in SECTIONS[doc_id].split()]
    if doc_id == "chongqing-2022":
        expected.append("附表")
    assert sections == expected


def test_national_clauses_run_one_to_thirty_five(documents: dict[str, Document]) -> None:
    doc = documents["national-2021"]
    clauses = [n.label for n in doc.nodes if n.kind is NodeKind.CLAUSE]
    assert clauses == paren(CHINESE[:35])
    assert doc.node("national-2021/二/(三)").title == "加強關鍵技術領域标準研究"
    assert doc.node("national-2021/五/(十八)").title == "推動行政管理和社會治理标準化建設"
    assert doc.node("national-2021/九/(三十五)").title == "完善配套政策"
    assert len(doc.checkable_nodes()) == 34  # all but 指导思想


def test_liaoning_one_line_page_gives_thirty_three_clauses(documents: dict[str, Document]) -> None:
    doc = documents["liaoning-2022"]
    clauses = [n.label for n in doc.nodes if n.kind is NodeKind.CLAUSE]
    assert clauses == paren(CHINESE[:33])
    assert doc.node("liaoning-2022/一/(二)").title == "发展目标"
    assert doc.node("liaoning-2022/十一/(三十一)").title == "加强组织领导"
    assert doc.node("liaoning-2022/十/(三十)").text.endswith("浓厚氛围。")


def test_guangdong_tasks_number_across_groups(documents: dict[str, Document]) -> None:
    doc = documents["guangdong-2018"]
    tasks = [n for n in doc.nodes if n.id.startswith("guangdong-2018/二/")]
    task_labels = [n.label for n in tasks if n.kind is NodeKind.ITEM]
    assert task_labels == [f"{i}." for i in range(1, 19)]
    groups = [n.label for n in tasks if n.kind is NodeKind.GROUP]
    assert groups == paren(CHINESE[:4])
    assert doc.node("guangdong-2018/二/(一)/5").title == "先進標準+社會治理"
    assert doc.node("guangdong-2018/二/(四)/18").title == "營造良好法治環境"
    phases = [n.phases[0].year for n in doc.nodes if n.id.startswith("guangdong-2018/三/(")]
    assert phases == [2018, 2019, 2020]


def test_principles_are_informational(documents: dict[str, Document]) -> None:
    for doc_id in ("guangdong-2018", "wenzhou-2017"):
        principles = documents[doc_id].children(f"{doc_id}/一/(二)")
        assert [n.label for n in principles] == ["1.", "2.", "3.", "4."]
        assert not any(n.checkable for n in principles)
        assert not documents[doc_id].node(f"{doc_id}/一/(一)").checkable  # 指导思想


def test_wenzhou_structure_and_citations(documents: dict[str, Document]) -> None:
    doc = documents["wenzhou-2017"]
    tasks = [n.label for n in doc.children("wenzhou-2017/二")]
    assert tasks == paren(CHINESE[:9])
    safeguards = [n.title for n in doc.children("wenzhou-2017/三")]
    assert safeguards == ["加強組織領導", "加強政策支持", "加強隊伍建設", "加強輿論宣傳"]
    assert "浙政發〔2014〕35號" in doc.cited_doc_numbers


def chongqing_tasks(doc: Document) -> list[Node]:
    prefix = "chongqing-2022/二/"
    return [n for n in doc.nodes if n.id.startswith(prefix) and n.kind is NodeKind.ITEM]


def test_chongqing_tasks(documents: dict[str, Document]) -> None:
    doc = documents["chongqing-2022"]
    tasks = [
        n for n in doc.nodes if n.id.startswith("chongqing-2022/二/") and n.kind is NodeKind.ITEM
    ]
    assert [n.label for n in tasks] == [f"{i}." for i in range(1, 23)]
    assert [n.label for n in doc.children("chongqing-2022/三")] == ["(一)", "(二)"]


CHONGQING_DEPARTMENTS = {
    1: "市科技局 市经济信息委 市市场监管局",
    2: "市国防科工办 市科技局 市市场监管局 市知识产权局",
    3: "市科技局 市经济信息委 市市场监管局",
    4: "市科技局 市经济信息委 市城市管理局 市交通局 市农业农村委 市卫生健康委 市市场监管局 "
    "市大数据发展局",
    5: "市发展改革委 市经济信息委 市生态环境局 市住房城乡建委 市交通局 市市场监管局 市机关事务局",
    6: "市发展改革委 市规划自然资源局 市生态环境局 市水利局 市市场监管局 市能源局 市林业局 "
    "市气象局",
    7: "市经济信息委 市住房城乡建委 市农业农村委 市文化旅游委 市市场监管局 人行重庆营管部",
    8: "市农业农村委 市商务委 市文化旅游委 市市场监管局 市知识产权局",
    9: "市政府办公厅 市发展改革委 市公安局 市市场监管局 市机关事务局 市公共资源交易监管局",
    10: "市发展改革委 市教委 市民政局 市人力社保局 市住房城乡建委 市城市管理局 市商务委 "
    "市文化旅游委 市卫生健康委 市退役军人事务局 市应急局 市市场监管局 市体育局 市药监局 市残联 "
    "人行重庆营管部",
    11: "市生态环境局 市交通局 市农业农村委 市市场监管局",
    12: "市规划自然资源局 市生态环境局 市卫生健康委 市市场监管局",
    13: "市市场监管局 各区县政府",
    14: "市科技局 市经济信息委 市市场监管局",
    15: "市商务委 市市场监管局 市中新项目管理局 市政府口岸物流办 市工商联 重庆海关",
    16: "市经济信息委 市民政局 市市场监管局",
    17: "市经济信息委 市司法局 市财政局 市市场监管局",
    18: "市政府各部门 各区县政府",
    19: "市市场监管局",
    20: "市市场监管局",
    21: "市教委 市人力社保局 市市场监管局",
    22: "市司法局 市市场监管局 各区县政府",
}


def test_chongqing_departments_of_every_task(documents: dict[str, Document]) -> None:
    doc = documents["chongqing-2022"]
    tasks = [
        n for n in doc.nodes if n.id.startswith("chongqing-2022/二/") and n.kind is NodeKind.ITEM
    ]
    found = {int(n.label.rstrip(".")): n.departments for n in tasks}
    assert found == {k: v.split() for k, v in CHONGQING_DEPARTMENTS.items()}
    for task in tasks:  # the department list is not an action sentence
        assert not any("按职责分工负责" in action for action in task.actions)


WORK_PLAN = [
    ("市发展改革委", "10", "10"),
    ("市教委", "2", "10"),
    ("市科技局", "5", "10"),
    ("市经济信息委", "300", "30"),
    ("市公安局", "5", "10"),
    ("市民政局", "5", "10"),
    ("市人力社保局", "4", None),
    ("市规划自然资源局", "5", "3"),
    ("市生态环境局", "1", "3"),
    ("市住房城乡建委", "10", "100"),
    ("市城市管理局", "5", "10"),
    ("市交通局", "5", "10"),
    ("市水利局", "3", "10"),
    ("市农业农村委", "10", "200"),
    ("市商务委", "10", "20"),
    ("市文化旅游委", "1", "10"),
    ("市卫生健康委", "5", "3"),
    ("市退役军人事务局", "1", "5"),
    ("市应急局", "1", "30"),
    ("市市场监管局", "20", "10"),
    ("市体育局", "3", "5"),
    ("市机关事务局", "3", "5"),
    ("市大数据发展局", "20", "5"),
    ("市政府口岸物流办", "1", "6"),
    ("市林业局", "3", "10"),
    ("市知识产权局", "2", "3"),
    ("市工商联", "3", "10"),
    ("市残联", "5", None),
    ("市气象局", "2", "10"),
]
NATIONAL_COLUMN, LOCAL_COLUMN = "支持制定(修订)国家和行业标准", "制定(修订)地方标准"


def test_chongqing_work_plan_has_all_32_rows(documents: dict[str, Document]) -> None:
    rows = documents["chongqing-2022"].children("chongqing-2022/plan")
    assert [row.label for row in rows] == [f"{i}." for i in range(1, 33)]
    for row, (name, national, local) in zip(rows, WORK_PLAN, strict=False):
        assert (row.title, row.fields.get(NATIONAL_COLUMN), row.fields.get(LOCAL_COLUMN)) == (
            f"{name}标准化工作任务",
            national,
            local,
        )
        assert row.departments == [name] and row.checkable
    districts = rows[29:]
    assert [row.departments[0] for row in districts] == [
        "主城都市区各区",
        "渝东北三峡库区城镇群各区县",
        "渝东南武陵山区城镇群各区县",
    ]
    assert [(row.fields["团体标准"], row.fields["企业标准"]) for row in districts] == [
        ("30", "200"),
        ("10", "50"),
        ("10", "50"),
    ]
    quota = rows[3].targets[0]
    assert (quota.value, quota.unit, quota.comparator.value, quota.year) == (300, "项", ">=", 2025)


def test_numeric_targets(documents: dict[str, Document]) -> None:
    national = documents["national-2021"].node("national-2021/一/(二)")
    found = {(t.comparator.value, t.value, t.unit, t.year) for t in national.targets}
    assert (">=", 85.0, "%", 2025) in found  # 国际标准转化率达到85%以上
    assert ("<=", 18.0, "個月", 2025) in found  # 平均制定周期缩短至18个月以内
    liaoning = documents["liaoning-2022"].node("liaoning-2022/一/(二)")
    assert (">=", 320.0, "项", 2025) in {
        (t.comparator.value, t.value, t.unit, t.year) for t in liaoning.targets
    }


GLOSS = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")


@pytest.mark.parametrize("doc_id", SHIPPED_IDS)
def test_no_pinyin_gloss_survives_and_real_parentheticals_stay(
    documents: dict[str, Document], doc_id: str
) -> None:
    text = "\n".join(f"{n.title}\n{n.text}" for n in documents[doc_id].nodes)
    assert not GLOSS.search(text)
    assert "(xíng)" not in text and "(jiā)" not in text


def test_known_parentheticals_survive(documents: dict[str, Document]) -> None:
    all_text = {
        doc_id: "\n".join(f"{n.title}\n{n.text}" for n in doc.nodes)
        for doc_id, doc in documents.items()
    }
    assert "(元器件)" in all_text["chongqing-2022"]
    assert "(元器件)" in all_text["national-2021"]  # was (元器(qì)件)
    assert "(CIM)" in all_text["liaoning-2022"]
    assert "(ISO 37000系列)" in all_text["guangdong-2018"]
    wenzhou_clean = clean_text(source_path("wenzhou-2017").read_text(encoding="utf-8"))
    assert "(浙政發〔2014〕35號)" in wenzhou_clean


@pytest.mark.parametrize("doc_id", SHIPPED_IDS)
def test_shipped_file_matches_regenerated_source(doc_id: str) -> None:
    """Shipped checklists are generated output: regenerating gives the committed file."""
    assert checklist_path(doc_id).read_text(encoding="utf-8") == dumps_checklist(
        build_shipped(doc_id)
    )


@pytest.mark.parametrize("doc_id", SHIPPED_IDS)
def test_node_ids_unique_and_parents_exist(documents: dict[str, Document], doc_id: str) -> None:
    doc = documents[doc_id]
    ids = [n.id for n in doc.nodes]
    assert len(ids) == len(set(ids))
    assert all(n.parent_id is None or n.parent_id in ids for n in doc.nodes)
    assert all(n.search_text for n in doc.nodes)


def test_search_text_is_simplified() -> None:
    doc = parse_file(source_path("wenzhou-2017"))
    node = doc.node("wenzhou-2017/二/(一)")
    assert "標準" in node.title + node.text
    assert "标准" in node.search_text and "標準" not in node.search_text


def test_bullet_headings_are_not_actions(documents: dict[str, Document]) -> None:
    goals = documents["national-2021"].node("national-2021/一/(二)")
    actions = [to_simplified(action) for action in goals.actions]
    assert not any(action.startswith("全域标准化深度发展") for action in actions)
    assert any("农业标准化生产普及率稳步提升" in action for action in actions)
