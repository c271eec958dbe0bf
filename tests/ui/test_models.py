"""qtmodeltester on every model, filled from a real workspace."""

from __future__ import annotations

import pytest

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
