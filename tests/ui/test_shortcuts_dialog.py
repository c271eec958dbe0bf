"""Help → Keyboard shortcuts lists the keys the window's actions answer to."""

from __future__ import annotations

import pytest

from tests.ui.conftest import screenshot

pytestmark = pytest.mark.gui


def test_the_list_is_read_from_the_actions_and_follows_a_changed_key(window) -> None:  # type: ignore[no-untyped-def]
    assert window.menuBar().actions()[-1].menu().actions()[0].text() == "快捷键(&K)…"
    dialog = window.show_shortcuts()
    rows = {dialog.table.item(r, 1).text(): dialog.table.item(r, 0).text()
            for r in range(dialog.table.rowCount())}
    assert rows["更改状态：切换到下一状态"] == "空格"  # as Qt's own catalog names the key
    assert rows["采纳建议并转到下一检查项"] == "Ctrl+回车"  # Enter and Return: one key to read
    assert rows["撤销"] == "Ctrl+Z" and rows["查找…"] == "Ctrl+F"
    assert rows["更改状态：已完成"] == "Ctrl+5"  # the status keys, named with their menu
    assert list(rows.values()).count("空格") == 1
    assert rows["把文件拖到检查项或其佐证材料列表上：添加为佐证材料"] == "拖放"
    screenshot(dialog, "shortcuts")
    last = dialog.table.visualItemRect(dialog.table.item(dialog.table.rowCount() - 1, 0))
    assert dialog.table.viewport().rect().contains(last)  # every row in sight, the last too
    dialog.close()
    window.find_action.setShortcut("Ctrl+K")  # the list is the actions', not a copy
    again = window.show_shortcuts()
    found = {again.table.item(r, 1).text(): again.table.item(r, 0).text()
             for r in range(again.table.rowCount())}
    assert found["查找…"] == "Ctrl+K"


def test_undo_is_listed_by_its_name_once_a_change_was_made(window) -> None:  # type: ignore[no-untyped-def]
    """After a status change the list read "撤销 一、(二) 状态：未启动" for Ctrl+Z: the
    menu's text names the step to undo, the help names the command."""
    from checklist_app.core import ItemStatus

    assert window.select_node(window.item_model.node_at(0).id)
    window.set_status(ItemStatus.DONE)
    window.undo_action.trigger()  # something to redo too
    assert window.undo_action.text() != "撤销(&U)" or window.redo_action.text() != "恢复(&R)"
    dialog = window.show_shortcuts()
    rows = {dialog.table.item(r, 0).text(): dialog.table.item(r, 1).text()
            for r in range(dialog.table.rowCount())}
    assert rows["Ctrl+Z"] == "撤销"
    assert rows["Ctrl+Shift+Z / Ctrl+Y"] == "恢复"
    dialog.close()
