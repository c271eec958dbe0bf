"""The window names a task's leading department (牵头) where it lists departments."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from checklist_app.ui.models.item_table_model import Column
from tests.report.test_lead_departments import CHECKLIST, _workspace
from tests.ui.conftest import screenshot


def test_the_table_and_the_pane_name_the_lead(window, qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                              capsys: pytest.CaptureFixture[str]) -> None:
    window.open_workspace(Path(_workspace(tmp_path)))
    capsys.readouterr()
    model, task = window.item_model, f"{CHECKLIST}/二/(一)/1"
    cell = model.index(model.row_of(task), Column.DEPARTMENT)
    assert cell.data() == "区市场监管局（牵头）、区科技局"
    assert window.select_node(task)
    assert window.item_pane.detail.departments.text().endswith(
        "区市场监管局（牵头）、区科技局")
    bar = window.filter_bar  # the filter still finds the plain name
    bar.department.setEditText("区科技局")
    assert window.proxy.rowCount() == 1
    bar.department.setEditText("")
    window.service.set_item(task, responsible_department="标准化科")  # the office's own
    qtbot.waitUntil(lambda: cell.data() == "标准化科")
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == (  # the document's out of sight else
        "文件规定：区市场监管局（牵头）、区科技局\n本单位填写：标准化科")
    screenshot(window, "lead-departments")
