"""How the section tree joins a clause's number and title."""

from __future__ import annotations

from checklist_app.ui.models.document_tree_model import tree_caption


def test_a_number_runs_on_into_its_title_as_the_document_prints_it() -> None:
    assert tree_caption("一、", "总体要求") == "一、总体要求"
    assert tree_caption("(一)", "发展目标") == "(一)发展目标"
    assert tree_caption("附件1", "分工表") == "附件1 分工表"
    assert tree_caption("1.", "2025年底前完成试点") == "1. 2025年底前完成试点"  # not 1.2025
    assert tree_caption("", "前言") == "前言"
