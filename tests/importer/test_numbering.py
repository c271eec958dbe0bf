"""Task numbers of any size become items; lines the numbering cannot place are reported."""

from __future__ import annotations

import lzma
from pathlib import Path

from checklist_app.core import NodeKind
from checklist_app.importer import SHIPPED_IDS, parse_file, parse_text
from checklist_app.importer.parser import parse_source, parse_warnings
from checklist_app.importer.shipped import source_path

DOCUMENTS = Path(__file__).parent / "documents"


def task_labels(document) -> list[str]:  # type: ignore[no-untyped-def]
    return [n.label for n in document.nodes if n.kind is NodeKind.ITEM]


def test_tasks_past_ninety_nine_are_items_of_their_own() -> None:
    """h105.txt: 1.–105. under one (一); 100.–105. were folded into 99."""
    document = parse_file(DOCUMENTS / "h105.txt")
    assert task_labels(document) == [f"{i}." for i in range(1, 106)]
    task_99, task_100 = document.node("h105/一/(一)/99"), document.node("h105/一/(一)/100")
    assert "100." not in task_99.text and task_99.departments == ["区市场监管局"]
    assert (task_100.title, task_100.checkable) == ("任务100", True)


def test_three_thousand_tasks_give_three_thousand_items() -> None:
    """big3000.txt: 10 sections × 20 groups × 15 tasks numbered 1.–3000. across groups."""
    text = lzma.decompress((DOCUMENTS / "big3000.txt.xz").read_bytes()).decode("utf-8")
    parsed = parse_source(text, "big3000")
    items = parsed.document.checkable_nodes()
    assert [n.label for n in items] == [f"{i}." for i in range(1, 3001)]
    assert items[-1].id == "big3000/十/(二十)/3000"
    assert items[-1].title == "任务3000" and items[-1].departments == ["区市场监管局", "区科技局"]
    assert parsed.unplaced == []


def test_lines_that_do_not_continue_the_numbering_are_reported() -> None:
    """hundred.txt starts at 98.: the four tasks cannot be placed and are merged into (一)."""
    parsed = parse_source((DOCUMENTS / "hundred.txt").read_text(encoding="utf-8"), "hundred")
    assert [line[:4] for line in parsed.unplaced] == ["98.任", "99.任", "100.", "101."]
    assert parsed.document.node("hundred/一/(一)").checkable  # the merged text is kept


def test_a_gap_in_the_numbering_is_reported() -> None:
    text = "一、主要任务\n(一)第一组。\n1.任务一。做事。\n2.任务二。做事。\n4.任务四。做事。\n"
    parsed = parse_source(text, "gap")
    assert task_labels(parsed.document) == ["1.", "2."]
    assert parsed.unplaced == ["4.任务四。做事。"]


def test_years_and_figures_in_the_body_are_not_tasks() -> None:
    text = "一、主要任务\n(一)第一组。\n1.任务一。到2025年,建成100个基地。\n2025年底前完成。\n"
    document = parse_text(text, "t")
    assert task_labels(document) == ["1."]


def test_shipped_documents_have_no_unplaced_lines() -> None:
    for doc_id in SHIPPED_IDS:
        text = source_path(doc_id).read_text(encoding="utf-8")
        assert parse_source(text, doc_id).unplaced == [], doc_id


def test_a_sentence_opening_with_years_is_not_reported() -> None:
    """With markers of up to four digits, "2023、2024年…" starting a line looked like a
    misnumbered task and the preview asked the user to check correct numbering."""
    text = ("一、主要任务\n(一)第一组。\n1.加强标准研制。\n2023、2024年连续两年获评先进。\n"
            "2.推进实施。\n2025.06前完成验收。\n")
    parsed = parse_source(text, "years")
    assert task_labels(parsed.document) == ["1.", "2."]
    assert parsed.unplaced == []


def labels(document) -> list[str]:  # type: ignore[no-untyped-def]
    return [n.label for n in document.nodes]


def test_numbered_lines_before_the_first_heading_are_reported() -> None:
    """1.1.1 … and (a) … before 第一章 disappeared without a word."""
    text = ("标准化实施意见（2023年）\n1.1.1 第一项任务推进标准化。\n(a) 第二项\n"
            "为推进标准化工作，制定本意见。\n第一章 总则\n第一条 加强标准化。\n")
    parsed = parse_source(text, "t")
    assert parsed.before_first == ["1.1.1 第一项任务推进标准化。", "(a) 第二项"]
    assert parsed.document.title == "标准化实施意见(2023年)"
    warning = parse_warnings(parsed)[0]
    assert "2 行" in warning and "未导入" in warning and "“(a) 第二项”" in warning


def test_numbering_the_headings_do_not_read_is_reported_where_it_is_merged() -> None:
    """Ⅳ., 一. and (b) were merged into the clause before them without a word."""
    text = ("一、主要任务\n(一)第一组。做事。\nⅣ. 罗马数字任务。\n一.半角点\n(b)字母编号\n"
            "3.5万家企业参与。\n(二)第二组。做事。\n")
    parsed = parse_source(text, "t")
    assert labels(parsed.document) == ["一、", "(一)", "(二)"]
    assert parsed.unplaced == ["Ⅳ. 罗马数字任务。", "一.半角点", "(b)字母编号"]
    assert "罗马数字任务" in parsed.document.node("t/一/(一)").text  # kept, where it was
    assert "3 行" in parse_warnings(parsed)[0]


def test_out_of_sequence_chinese_numbers_are_reported() -> None:
    """(十一) with no (十) before it was merged silently (it was too far from (一) to count
    as misnumbered, a rule meant for figures); 一、二、三、 became 一、 titled 二、三、."""
    text = "一、主要任务\n(一)第一组。做事。\n(十一)任务十一。\n一、二、三、\n(一)(一)\n"
    parsed = parse_source(text, "t")
    assert labels(parsed.document) == ["一、", "(一)"]
    assert parsed.unplaced == ["(十一)任务十一。", "一、二、三、", "(一)(一)"]


def test_parenthesised_and_circled_numbers_are_headings() -> None:
    text = ("一、主要任务\n(一)第一组。\n1.任务一。\n⑴做好工作。\n⑵做另一件。\n2.任务二。\n"
            "1) 甲任务。\n2) 乙任务。\n①丙任务。\n②丁任务。\n")
    parsed = parse_source(text, "t")
    document = parsed.document
    assert labels(document) == ["一、", "(一)", "1.", "(1)", "(2)", "2.", "(1)", "(2)", "①",
                                "②"]
    assert document.node("t/一/(一)/1/(2)").title == "做另一件"
    assert document.node("t/一/(一)/2/(2)/②").title == "丁任务"
    assert parsed.unplaced == [] and parsed.before_first == []


def test_numbers_within_a_sentence_stay_in_it() -> None:
    text = "一、主要任务\n(一)第一组。\n1.任务一。重点开展 ①标准制定 ②标准实施 1) 宣传。\n"
    parsed = parse_source(text, "t")
    assert labels(parsed.document) == ["一、", "(一)", "1."]
    assert "①标准制定 ②标准实施 1) 宣传" in parsed.document.node("t/一/(一)/1").text


def test_a_long_paragraph_is_titled_by_its_opening_words() -> None:
    """A clause of one 4.8 MB line without 。 showed as "(一) " with no title."""
    clause = "推进标准化工作，" * 2000
    text = f"长行文件（2023年）\n一、总体要求\n（一）{clause}\n（二）{'甲' * 200}\n"
    document = parse_text(text, "t")
    first, second = document.node("t/一/(一)"), document.node("t/一/(二)")
    assert first.title == "推进标准化工作" and first.text == clause.replace("，", ",")
    assert second.title == "甲" * 30 + "…" and second.text == "甲" * 200


def test_a_word_file_holding_only_a_table_is_titled_by_its_name(tmp_path: Path) -> None:
    import docx

    word = docx.Document()
    table = word.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text = "一、任务"
    table.rows[1].cells[0].text = "（一）加强标准化。"
    word.save(str(tmp_path / "区级任务表.docx"))
    document = parse_file(tmp_path / "区级任务表.docx")
    assert document.title == "区级任务表"
    assert [node.title for node in document.nodes] == ["任务", "加强标准化"]


def test_sections_numbered_with_a_dot_as_copies_from_the_web_are_sections() -> None:
    """一.总体要求 was dropped and 二.重点任务 merged into the goals: the tasks of section 二
    were saved under (二) 主要目标, with warnings only."""
    text = ("某市实施方案\n一.总体要求\n(一)指导思想。坚持。\n(二)主要目标。到2025年完成。\n"
            "二．重点任务\n(一)加强标准制定。市局负责。\n1.推动企业标准化。\n2.开展试点。\n")
    parsed = parse_source(text, "t")
    assert labels(parsed.document) == ["一、", "(一)", "(二)", "二、", "(一)", "1.", "2."]
    assert parsed.document.node("t/二").title == "重点任务"
    assert parsed.document.node("t/二/(一)/2").title == "开展试点"
    assert parsed.unplaced == [] and parsed.before_first == []
    inline = parse_source("一、主要任务\n(一)第一组。\n1.任务一。分两步：一.调研。二.试点。\n", "t")
    assert labels(inline.document) == ["一、", "(一)", "1."]  # a dot inside a sentence: text
