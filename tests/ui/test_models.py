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
