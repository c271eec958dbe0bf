"""Text copied from a web page: spaced as English, half-width stops, the page's buttons;
and a task's deadline written after its departments' bracket, on the same line."""

from __future__ import annotations

import pytest

from checklist_app.core import Document, Node
from checklist_app.core.dates import document_deadline
from checklist_app.importer import parse_text
from checklist_app.importer.cleaning import join_web_spacing

HEAD = "某市贯彻落实国家标准化发展纲要工作方案\n一、重点任务\n"

WEB_PAGE = """首页 > 政务公开 > 政策文件
发布时间: 2023-05-10 10:30   来源: 某市人民政府办公室   【字体:大 中 小】
某市贯彻落实国家标准化发展纲要工作方案
一、 工作目标
  到2025年, 全市标准化工作取得显著成效。主导制定国际标准 2 项以上, \
发布地方标准 40 项以上; 标准化技术组织数量达到 12 个。
二、 重点任务
( 一 ) 强化标准引领科技创新
1. 推动科技成果标准化. 开展关键技术标准研究. 推动 100 项以上科技成果转化为标准. \
(牵头单位: 市科技局; 责任单位: 市市场监管局)
2. 开展 "标准化+" 行动. 推进标准化在智能制造等领域的应用. (市工业和信息化局负责) 2024年底前完成。
( 二 ) 推进公共服务标准化
3. 完善基本公共服务标准. 基本公共服务标准化覆盖率达到 90% 以上. (市民政局、市教育局, 2024年6月底前)
三、 保障措施
( 一 ) 加强组织实施. 各部门要细化工作措施.
打印本页   关闭窗口
"""


def _items(text: str) -> dict[str, Node]:
    document: Document = parse_text(text, "web")
    return {node.label: node for node in document.nodes if node.checkable}


def _nodes(text: str) -> dict[str, Node]:
    return {node.id.removeprefix("web/"): node for node in parse_text(text, "web").nodes}


def test_a_web_page_gives_the_tree_the_document_has() -> None:
    nodes = _nodes(WEB_PAGE)
    assert nodes["二/(一)"].title == "强化标准引领科技创新"  # ( 一 ) was lost in the text
    assert nodes["二/(二)"].title == "推进公共服务标准化"
    assert [node.label for node in nodes.values() if node.parent_id == "web/二/(一)"] == \
        ["1.", "2."]
    assert nodes["二/(一)/2"].title == '开展"标准化+"行动'  # not 开展, cut at the space


def test_spaced_figures_are_targets() -> None:
    nodes = _nodes(WEB_PAGE)
    assert [(t.value, t.unit) for t in nodes["一"].targets] == \
        [(2.0, "项"), (40.0, "项"), (12.0, "个")]
    assert [(t.value, t.unit) for t in nodes["二/(二)/3"].targets] == [(90.0, "%")]


def test_half_width_stops_end_sentences() -> None:
    task = _nodes(WEB_PAGE)["二/(一)/1"]
    assert task.title == "推动科技成果标准化"
    assert task.actions == ["开展关键技术标准研究。", "推动100项以上科技成果转化为标准。"]
    assert task.departments == ["市科技局", "市市场监管局"]
    assert task.lead_departments == ["市科技局"]


def test_the_pages_buttons_are_no_sub_item() -> None:
    last = _nodes(WEB_PAGE)["三/(一)"]
    assert last.actions == ["各部门要细化工作措施。"]
    assert "打印" not in last.text


@pytest.mark.parametrize(("line", "cleaned"), [
    ("( 一 ) 强化科技创新", "(一) 强化科技创新"),
    ("( 12 ) 推进", "(12) 推进"),
    ("制定地方标准 10 项以上, 培育团体标准 5 个", "制定地方标准10项以上,培育团体标准5个"),
    ("覆盖率达到 90% 以上. 2. 推进服务", "覆盖率达到90%以上。 2. 推进服务"),  # inline heading
    ("开展研究; (二) 推进", "开展研究; (二) 推进"),  # a heading after the space stays one
    ("一. 工作目标", "一. 工作目标"),  # 一. of a copied page is a heading, not a stop
    ("发展目标 2025年,全市", "发展目标 2025年,全市"),  # a one-line page's title space
    ("版本 1.2 说明", "版本 1.2 说明"),
    ("开展 \"标准化+\" 行动", "开展\"标准化+\"行动"),
])
def test_join_web_spacing(line: str, cleaned: str) -> None:
    assert join_web_spacing(line) == cleaned


@pytest.mark.parametrize(("task", "departments", "deadline"), [
    ("1.制定地方标准10项以上。(责任单位:市农业农村局)完成时限:2024年12月31日前",
     ["市农业农村局"], "2024-12-31"),
    ("1.制定地方标准10项以上。(牵头单位:市发展改革委;配合单位:市生态环境局)2025年底前完成。",
     ["市发展改革委", "市生态环境局"], "2025-12-31"),
    ("1.制定地方标准10项以上。(市市场监管局负责)2024年底前完成。", ["市市场监管局"],
     "2024-12-31"),
    ("1.覆盖率达到90%以上。(市民政局、市教育局,2024年6月底前)", ["市民政局", "市教育局"],
     "2024-06-30"),
    ("1.制定地方标准10项以上,2024年第三季度完成。(市市场监管局负责)", ["市市场监管局"],
     "2024-09-30"),
    ("1.制定地方标准10项以上,2025年上半年完成。(市市场监管局负责)", ["市市场监管局"],
     "2025-06-30"),
    ("1.制定地方标准10项以上。(市市场监管局负责,2023年启动,2025年完成)", ["市市场监管局"],
     "2025-12-31"),
])
def test_a_deadline_after_the_departments(task: str, departments: list[str],
                                          deadline: str) -> None:
    item = _items(HEAD + task)["1."]
    assert item.departments == departments
    assert item.actions == []  # the bracket and the deadline are no sub-items
    assert document_deadline(item).date == deadline


@pytest.mark.parametrize("task", [
    "1.压缩办理时限。(责任单位: 市营商局) 时限: 持续推进",
    "1.建立协同机制。持续推进。(市营商局负责)",
])
def test_a_standing_deadline_after_the_task(task: str) -> None:
    item = _items(HEAD + task)["1."]
    assert item.departments == ["市营商局"]
    assert item.actions == []
    assert document_deadline(item) == (None, "持续推进")


def test_a_bracket_followed_by_other_words_keeps_them() -> None:
    item = _items(HEAD + "1.开展试点。(市商务局负责)另行通知具体安排。")["1."]
    assert "另行通知具体安排" in " ".join(item.actions)


def test_a_target_takes_no_year_from_the_next_sentence() -> None:
    item = _items(HEAD + "1.转化比率达到50%以上。2024年底前出台实施细则。(市科技局负责)")["1."]
    assert [(t.value, t.year) for t in item.targets] == [(50.0, None)]
    assert document_deadline(item).date == "2024-12-31"
