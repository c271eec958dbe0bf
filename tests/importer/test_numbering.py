"""Task numbers of any size become items; lines the numbering cannot place are reported."""

from __future__ import annotations

import lzma
from pathlib import Path

from checklist_app.core import NodeKind
from checklist_app.importer import SHIPPED_IDS, parse_file, parse_text
from checklist_app.importer.parser import parse_source
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
