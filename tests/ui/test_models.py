"""qtmodeltester on every model, filled from a real workspace."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from checklist_app.ui.models.document_tree_model import DocumentTreeModel
from checklist_app.ui.models.item_filter import ItemFilterProxy
from checklist_app.ui.models.item_table_model import ItemTableModel

pytestmark = pytest.mark.gui


def test_tree_model(qtmodeltester, desktop) -> None:  # type: ignore[no-untyped-def]
    model = DocumentTreeModel()
    model.set_data_source(desktop.service.data)
    assert model.rowCount() > 3
    qtmodeltester.check(model)


def test_item_table_model(qtmodeltester, desktop) -> None:  # type: ignore[no-untyped-def]
    model = ItemTableModel()
    model.set_data_source(desktop.service.data)
    assert model.rowCount() >= 50
    qtmodeltester.check(model)


def test_filter_proxy(qtmodeltester, desktop) -> None:  # type: ignore[no-untyped-def]
    model = ItemTableModel()
    model.set_data_source(desktop.service.data)
    proxy = ItemFilterProxy()
    proxy.setSourceModel(model)
    proxy.update_filter(text="标准")
    qtmodeltester.check(proxy)


def test_empty_models(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    for model in (DocumentTreeModel(), ItemTableModel()):
        qtmodeltester.check(model)


def test_tree_filter_proxy(qtmodeltester, desktop) -> None:  # type: ignore[no-untyped-def]
    from checklist_app.ui.models.document_tree_model import TreeFilterProxy

    model = DocumentTreeModel()
    model.set_data_source(desktop.service.data)
    proxy = TreeFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_text("标准化")
    qtmodeltester.check(proxy)


def test_evidence_and_clause_list_models(qtmodeltester, desktop) -> None:  # type: ignore[no-untyped-def]
    from checklist_app.core import Evidence
    from checklist_app.ui.models.clause_list_model import ClauseListModel, ClauseRow
    from checklist_app.ui.models.evidence_list_model import EvidenceListModel

    evidence = EvidenceListModel()
    evidence.set_evidence([
        Evidence(1, "ab" * 32, "照片.png", "image/png", 2048, "现场照片", "张三", "2024-05-01"),
        Evidence(2, "cd" * 32, "纪要.txt", "text/plain", 120)])
    qtmodeltester.check(evidence)
    clauses = ClauseListModel()
    clauses.set_rows([ClauseRow("national-2021/二/(三)", "二（三）", "detail", "tip")])
    qtmodeltester.check(clauses)


def test_tree_progress_agrees_with_the_report(desktop) -> None:  # type: ignore[no-untyped-def]
    """The sidebar's 9/22 is the report's section line: 不适用 is not counted in either."""
    from PySide6.QtCore import Qt

    from checklist_app.core import ItemStatus
    from checklist_app.report.content import compute_facts
    from checklist_app.ui.models.document_tree_model import TreeRole
    from tests.ui.conftest import FIRST_ITEM

    service = desktop.service
    service.set_item("chongqing-2022/二/(二)/3", status=ItemStatus.NOT_APPLICABLE,
                     justification="本市无此类企业")
    service.set_item("chongqing-2022/二/(二)/4", status=ItemStatus.ONGOING)
    model = DocumentTreeModel()
    model.set_data_source(service.data)
    sections = {model.index(row, 0).data(TreeRole.NODE_ID): model.index(row, 1)
                for row in range(model.rowCount())}
    facts = compute_facts(service.data.snapshot())
    second = next(p for p in facts.sections if p.section and p.section.id == "chongqing-2022/二")
    shown = sections["chongqing-2022/二"]
    assert shown.data() == f"{second.complete}/{second.applicable}"
    assert shown.data(TreeRole.APPLICABLE) == second.applicable
    assert "不适用" in model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    checkable = [n for n in service.data.checklist.checkable_nodes()
                 if n.id.startswith("chongqing-2022/二/")]
    assert second.applicable == len(checkable) - 1  # the 不适用 item is left out
    assert second.complete == 2  # FIRST_ITEM (done) and the ongoing one
    assert FIRST_ITEM.startswith("chongqing-2022/二/")
    whole = sections[""]  # 全部检查项 and the report's overall completion line
    assert whole.data() == f"{facts.complete}/{facts.applicable}"
    for progress in facts.sections:  # every section of the report, not just the one changed
        if progress.section is not None and progress.section.id in sections:
            assert sections[progress.section.id].data() == (
                f"{progress.complete}/{progress.applicable}")


def test_clause_captions_are_in_simplified_whatever_the_source_script() -> None:
    from checklist_app.importer import shipped_documents
    from checklist_app.ui.models.item_table_model import clause_caption

    national = next(d for d in shipped_documents() if d.id == "national-2021")
    assert national.script == "mixed"
    node = next(n for n in national.nodes if "發展" in n.title)
    caption = clause_caption(national, node.id)
    assert "发展" in caption and "發" not in caption


def test_a_part_without_checkable_items_says_so(window) -> None:  # type: ignore[no-untyped-def]
    """温州's 基本原则 read 0/0 in the tree and opened a blank table, as if unfinished."""
    from checklist_app.ui.models.document_tree_model import TreeRole

    window.service.new_assessment(office="温州市市场监督管理局", period="2025年度",
                                  checklist_doc_id="wenzhou-2017")
    window.service.wait_idle()
    assert window.service.data.checklist.id == "wenzhou-2017"
    principles = "wenzhou-2017/一/(二)"
    assert window._select_branch(principles)
    row = window.tree.currentIndex()
    assert row.data(TreeRole.NODE_ID) == principles
    figure = row.siblingAtColumn(1)
    assert figure.data() == "—" and "原则" in figure.data(Qt.ItemDataRole.ToolTipRole)
    assert window.proxy.rowCount() == 0
    assert "没有检查项" in window.table.hint
    assert window._select_branch("wenzhou-2017/一")  # with 工作目标: a figure, no hint
    assert window.tree.currentIndex().siblingAtColumn(1).data() != "—"
    assert window.proxy.rowCount() and not window.table.hint


def test_a_mapped_clause_cell_names_the_first_and_its_tooltip_every_clause(  # type: ignore[no-untyped-def]
        window, qtbot) -> None:
    """二、(四) … (+1): the tooltip repeated the cell, the other clause out of sight."""
    from checklist_app.ui.models.item_table_model import Column

    qtbot.waitUntil(lambda: window.item_model.mapped_ready, timeout=10_000)
    rows = [r for r in range(window.proxy.rowCount())
            if "(+" in str(window.proxy.index(r, Column.NATIONAL).data())]
    assert rows, "an item of the test workspace maps to several national clauses"
    index = window.proxy.index(rows[0], Column.NATIONAL)
    more = int(str(index.data()).rsplit("(+", 1)[1].rstrip(")"))
    listed = index.data(Qt.ItemDataRole.ToolTipRole).split("\n")
    assert len(listed) == more + 1
    assert str(index.data()).startswith(listed[0])
