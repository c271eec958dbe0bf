"""办法/方案/规定 numbered in 第一章 chapters and 第一条 articles: each article an item."""

from __future__ import annotations

from pathlib import Path

import pytest

from checklist_app.core import NodeKind
from checklist_app.importer import parse_file
from checklist_app.importer.headings import chinese_number
from checklist_app.importer.parser import parse_source

# As the user's file came: GBK, CRLF, a full-width space after each article number.
PLAN = ("成都市高新区标准化工作三年行动方案（２０２４—２０２６年）\r\n\r\n"
        "第一条　为推动标准化工作，制定本方案。\r\n\r\n"
        "第二条　到２０２５年，主导或参与制定国家标准１０项以上。（区市场监管局负责）\r\n\r\n"
        "第三条　加强标准化人才队伍建设。（区人社局、区市场监管局按职责分工负责）\r\n\r\n"
        "第四条　本方案自印发之日起施行。\r\n")


@pytest.mark.parametrize(("numeral", "number"), [
    ("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("三十五", 35), ("一百", 100),
    ("一百零一", 101), ("一百一十", 110), ("二百三十四", 234), ("一千零五", 1005),
])
def test_chinese_numerals_up_to_the_thousands(numeral: str, number: int) -> None:
    assert chinese_number(numeral) == number


@pytest.mark.parametrize("text", ["", "二三", "十十", "零", "百十", "一百十", "甲"])
def test_what_is_no_numeral(text: str) -> None:
    assert chinese_number(text) is None


def test_a_gbk_plan_in_articles_gives_one_item_per_article(tmp_path: Path) -> None:
    """It was refused: 未找到带编号的标题."""
    path = tmp_path / "高新区行动方案.txt"
    path.write_bytes(PLAN.encode("gbk"))
    document = parse_file(path)
    articles = [n for n in document.nodes if n.checkable]
    assert [n.label for n in articles] == ["第一条", "第二条", "第三条", "第四条"]
    assert [n.id for n in document.nodes] == [f"高新区行动方案/{n.label}" for n in articles]
    assert {n.kind for n in articles} == {NodeKind.CLAUSE}
    second, third = articles[1], articles[2]
    assert second.title.startswith("到2025年,主导或参与制定国家标准10项以上")
    assert second.departments == ["区市场监管局"] and second.targets[0].value == 10
    assert third.departments == ["区人社局", "区市场监管局"]
    assert document.title == "成都市高新区标准化工作三年行动方案(2024—2026年)"


def test_chapters_hold_articles_numbered_on_across_them() -> None:
    articles = "".join(f"第{numeral}条 任务{numeral}。做事。\n" for numeral in (
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一"))
    text = ("标准化工作规定\n第一章　总则\n" + articles[:articles.index("第三条")]
            + "第二章 主要任务\n" + articles[articles.index("第三条"):articles.index("第十一条")]
            + "第三章　附则\n第十一条 本规定自印发之日起施行。\n")
    document = parse_source(text, "rule").document
    chapters = [n for n in document.nodes if n.parent_id is None]
    assert [(n.label, n.title, n.kind) for n in chapters] == [
        ("第一章", "总则", NodeKind.SECTION), ("第二章", "主要任务", NodeKind.SECTION),
        ("第三章", "附则", NodeKind.SECTION)]
    tasks = document.node("rule/第二章/第十条")
    assert tasks.checkable and tasks.title == "任务十" and tasks.parent_id == "rule/第二章"
    assert len(document.checkable_nodes()) == 11


def test_article_numbers_past_one_hundred_continue() -> None:
    numerals = ["一百", "一百零一", "一百零二"]
    text = "".join(f"第{n}条 任务。\n" for n in numerals)
    body = "".join(f"第{n}条 任务。\n" for n in _numerals_to(99))
    document = parse_source("办法\n" + body + text, "big").document
    assert [n.label for n in document.checkable_nodes()][-3:] == [f"第{n}条" for n in numerals]
    assert len(document.checkable_nodes()) == 102


def test_an_article_holds_its_enumerated_items() -> None:
    text = ("办法\n第一条 目的。\n第二条 主要任务:\n(一)制定标准。\n(二)开展培训。\n"
            "第三条 施行。\n")
    document = parse_source(text, "enum").document
    assert document.node("enum/第二条").kind is NodeKind.GROUP
    assert [n.id for n in document.checkable_nodes()] == [
        "enum/第一条", "enum/第二条/(一)", "enum/第二条/(二)", "enum/第三条"]


def test_an_article_cited_in_a_sentence_is_no_heading() -> None:
    text = "一、主要任务\n(一)依照办法 第一条 规定,制定标准。\n(二)开展培训。\n"
    document = parse_source(text, "cite").document
    assert [n.id for n in document.checkable_nodes()] == ["cite/一/(一)", "cite/一/(二)"]


def _numerals_to(last: int) -> list[str]:
    digits = "一二三四五六七八九"
    numerals = []
    for number in range(1, last + 1):
        tens, units = divmod(number, 10)
        numeral = ("" if tens < 2 else digits[tens - 1]) + ("十" if tens else "")
        numerals.append(numeral + (digits[units - 1] if units else ""))
    return numerals


def test_a_regulations_article_quoted_in_a_gongwen_stays_text() -> None:
    """A 第一条 line inside an 一、/(一) document nested every later section under it (ids
    changed, so a revised import reshuffled item states and mappings)."""
    text = ("某市关于加强标准化工作的意见\n一、总体要求\n加强标准化工作。\n二、主要任务\n"
            "（一）落实条例\n依据《某某条例》规定：\n第一条 各单位应当执行强制性标准。\n"
            "（二）完善体系\n健全地方标准体系。\n三、保障措施\n（一）加强领导\n明确责任。\n")
    document = parse_source(text, "x").document
    ids = [n.id for n in document.nodes]
    assert "x/二/(二)" in ids and "x/三/(一)" in ids
    assert not any("第一条" in node_id for node_id in ids)
    quoted = document.node("x/二/(一)")
    assert "第一条 各单位应当执行强制性标准。" in quoted.text
