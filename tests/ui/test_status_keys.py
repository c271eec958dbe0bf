"""Status of several items at once: Space follows the current item, Ctrl+1 … Ctrl+7 set a
status (不适用 with one reason for all), and so does the item pane's status box; each is one
undo step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication

from checklist_app.core import STATUS_CYCLE, ItemStatus
from checklist_app.i18n import _
from checklist_app.ui.main_window import next_status
from checklist_app.ui.models.item_table_model import Column, Role
from tests.ui.conftest import FIRST_ITEM, screenshot

pytestmark = pytest.mark.gui

SECOND = "chongqing-2022/二/(一)/2"  # 推进中 in the test workspace; FIRST_ITEM is 已完成


def _ctrl_click(qtbot, widget, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+key, then Ctrl let go: QTest leaves the application's modifiers as its last
    event had them, and a Ctrl still "held" turns the next test's clicks into Ctrl-clicks."""
    qtbot.keyClick(widget, key, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyRelease(widget, Qt.Key.Key_Control)


def _select(window, node_ids: list[str], current: str) -> None:  # type: ignore[no-untyped-def]
    """Select the rows of ``node_ids`` (ctrl-click style), ``current`` the current one."""
    model, proxy, selection = window.item_model, window.proxy, window.table.selectionModel()
    window.table.setFocus()

    def index(node_id: str):  # type: ignore[no-untyped-def]
        return proxy.mapFromSource(model.index(model.row_of(node_id), Column.TITLE))

    flag = QItemSelectionModel.SelectionFlag
    selection.setCurrentIndex(index(current), flag.NoUpdate)
    selection.clearSelection()
    for node_id in node_ids:
        selection.select(index(node_id), flag.Select | flag.Rows)
    assert window.current_node_id() == current
    assert len(selection.selectedRows()) == len(node_ids)


def _statuses(window, node_ids: list[str]) -> list[ItemStatus]:  # type: ignore[no-untyped-def]
    return [window.service.data.state(node_id).status for node_id in node_ids]


def _third(window) -> str:  # type: ignore[no-untyped-def]
    """An item still 未评估."""
    shown = [window.proxy.index(r, 0).data(Role.NODE_ID) for r in range(window.proxy.rowCount())]
    return next(node_id for node_id in shown
                if window.service.data.state(node_id).status is ItemStatus.NOT_ASSESSED)


def test_space_moves_a_mixed_selection_to_the_status_after_the_current_items(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    third = _third(window)
    items = [FIRST_ITEM, SECOND, third]
    before = _statuses(window, items)
    assert len(set(before)) == 3  # 已完成, 推进中, 未评估
    _select(window, items, current=SECOND)
    qtbot.keyClick(window.table, Qt.Key.Key_Space)
    expected = next_status(ItemStatus.IN_PROGRESS, False)
    assert _statuses(window, items) == [expected] * 3
    assert window.undo_action.text() == f"撤销 3 个检查项的状态：{_(expected.label)}(&U)"
    window.undo_action.trigger()  # one step back for all three
    assert _statuses(window, items) == before
    assert _selected(window) == set(items)  # still all three, to change again at once
    window.redo_action.trigger()
    assert _selected(window) == set(items) and _statuses(window, items) == [expected] * 3


def test_space_never_goes_back_to_not_assessed() -> None:
    """One press too many on 长期坚持 reset an assessed item to 未评估."""
    assert next_status(ItemStatus.ONGOING, False) is ItemStatus.NOT_STARTED
    assert next_status(ItemStatus.ONGOING, True) is ItemStatus.NOT_APPLICABLE
    assert next_status(ItemStatus.NOT_APPLICABLE, True) is ItemStatus.NOT_STARTED
    assert next_status(ItemStatus.NOT_ASSESSED, False) is ItemStatus.NOT_STARTED
    seen, status = [], ItemStatus.NOT_STARTED
    for _press in range(len(STATUS_CYCLE)):
        seen.append(status := next_status(status, True))
    assert ItemStatus.NOT_ASSESSED not in seen and len(set(seen)) == len(STATUS_CYCLE) - 1


def _selected(window) -> set[str]:  # type: ignore[no-untyped-def]
    return {index.data(Role.NODE_ID) for index in window.table.selectionModel().selectedRows()}


@pytest.mark.parametrize("number", range(1, 7))  # 不适用 (7) asks: see below
def test_ctrl_and_a_number_sets_that_status_on_every_selected_item(window, qtbot,  # type: ignore[no-untyped-def]
                                                                   number: int) -> None:
    status = STATUS_CYCLE[number - 1]
    third = _third(window)
    items = [FIRST_ITEM, SECOND, third]
    before = _statuses(window, items)
    _select(window, items, current=FIRST_ITEM)
    _ctrl_click(qtbot, window.table, getattr(Qt.Key, f"Key_{number}"))
    assert _statuses(window, items) == [status] * 3
    window.undo_action.trigger()
    assert _statuses(window, items) == before
    assert not window.undo_stack.canUndo()  # it was one step


def test_the_edit_menu_names_the_statuses_with_their_keys(window) -> None:  # type: ignore[no-untyped-def]
    texts = [(a.text(), a.shortcut().toString()) for a in window.status_actions]
    assert texts == [("未评估(&1)", "Ctrl+1"), ("未启动(&2)", "Ctrl+2"), ("推进中(&3)", "Ctrl+3"),
                     ("基本完成(&4)", "Ctrl+4"), ("已完成(&5)", "Ctrl+5"),
                     ("长期坚持(&6)", "Ctrl+6"), ("不适用(&7)…", "Ctrl+7")]
    edit = next(a.menu() for a in window.menuBar().actions() if a.text() == "编辑(&E)")
    submenu = next(a.menu() for a in edit.actions() if a.menu() is not None)
    assert window.status_actions[0] in submenu.actions()
    assert window.cycle_action in submenu.actions()


def test_a_number_key_from_the_item_pane_sets_the_current_items_status(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.select_node(SECOND)
    note = window.item_pane.detail.note
    note.setFocus()
    _ctrl_click(qtbot, note, Qt.Key.Key_5)
    assert _statuses(window, [SECOND]) == [ItemStatus.DONE]
    assert window.item_pane.detail.status.currentData() == ItemStatus.DONE


def test_the_status_box_sets_every_selected_item(window) -> None:  # type: ignore[no-untyped-def]
    """With 已选择 3 个检查项 in the status bar, the box changed only the item shown, unsaid."""
    third = _third(window)
    items = [FIRST_ITEM, SECOND, third]
    before = _statuses(window, items)
    _select(window, items, current=third)
    combo = window.item_pane.detail.status
    hint = window.item_pane.detail.selection_hint
    assert hint.isVisibleTo(window)  # the pane says so, above the status
    assert hint.text() == "已选择 3 个检查项：在此选择的状态将应用于全部所选检查项。"
    screenshot(window, "status_for_a_selection")
    position = combo.findData(ItemStatus.ONGOING)
    combo.setCurrentIndex(position)
    combo.activated.emit(position)  # as a choice in the list
    assert _statuses(window, items) == [ItemStatus.ONGOING] * 3
    assert "3 个检查项" in window.statusBar().currentMessage()
    assert combo.currentData() == ItemStatus.ONGOING
    window.undo_action.trigger()  # one step
    assert _statuses(window, items) == before
    window.select_node(SECOND)  # one item alone: the box is its own
    assert not hint.isVisibleTo(window)
    combo.setCurrentIndex(combo.findData(ItemStatus.DONE))
    combo.activated.emit(combo.findData(ItemStatus.DONE))
    assert _statuses(window, items) == [before[0], ItemStatus.DONE, before[2]]


def test_the_status_box_of_an_item_shown_but_not_selected_is_its_own(window) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+click took the shown row out of the selection: the box then set the other
    selected items, not the one it shows."""
    third = _third(window)
    before = _statuses(window, [FIRST_ITEM, SECOND, third])
    _select(window, [FIRST_ITEM, SECOND], current=FIRST_ITEM)
    flag = QItemSelectionModel.SelectionFlag
    index = window.table.currentIndex()
    window.table.selectionModel().setCurrentIndex(  # as Ctrl+click on another row does
        window.proxy.index(window.proxy.mapFromSource(window.item_model.index(
            window.item_model.row_of(third), 0)).row(), index.column()), flag.NoUpdate)
    assert window.current_node_id() == third and third not in window.selected_node_ids()
    combo = window.item_pane.detail.status
    combo.setCurrentIndex(combo.findData(ItemStatus.ONGOING))
    combo.activated.emit(combo.findData(ItemStatus.ONGOING))
    assert _statuses(window, [FIRST_ITEM, SECOND, third]) == [*before[:2], ItemStatus.ONGOING]


def test_not_applicable_for_a_selection_asks_one_reason(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """不适用 was only in the item pane, one item and one reason dialog at a time: 31 rows
    of other bureaus' tasks meant 31 dialogs."""
    from PySide6.QtWidgets import QInputDialog

    from checklist_app.storage.workspace import Workspace

    third = _third(window)
    items = [SECOND, third]
    before = _statuses(window, items)
    _select(window, items, current=SECOND)
    asked: list[str] = []
    answers = iter([("", False), ("  ", True), ("非本局职责", True)])

    offered: list[str] = []

    def get_text(_parent, _title, label, _echo="", text="", **_kwargs):  # type: ignore[no-untyped-def]
        asked.append(label)
        offered.append(text)
        return next(answers)

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    _ctrl_click(qtbot, window.table, Qt.Key.Key_7)  # cancelled: nothing changes
    assert _statuses(window, items) == before and "所选的 2 个检查项" in asked[0]
    assert offered[0] == ""
    for node_id in items:  # a reason they share already is offered to keep
        window.service.set_item(node_id, justification="不属本局职责")
    _ctrl_click(qtbot, window.table, Qt.Key.Key_7)  # no reason: refused, said
    assert _statuses(window, items) == before
    assert "理由" in window.statusBar().currentMessage()
    _ctrl_click(qtbot, window.table, Qt.Key.Key_7)
    assert offered[-1] == "不属本局职责"
    assert _statuses(window, items) == [ItemStatus.NOT_APPLICABLE] * 2
    window.service.wait_idle()
    with Workspace.open(window.service.data.path, read_only=True) as workspace:
        assessment = window.service.data.assessment.id
        assert {workspace.item_state(assessment, n).justification for n in items} == {"非本局职责"}
    window.undo_action.trigger()
    assert _statuses(window, items) == before
    assert not window.undo_stack.canUndo()


def test_a_closed_assessment_refuses_status_keys(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.service.close_assessment()
    assert not any(action.isEnabled() for action in window.status_actions)
    _select(window, [FIRST_ITEM, SECOND], current=FIRST_ITEM)
    before = _statuses(window, [FIRST_ITEM, SECOND])
    _ctrl_click(qtbot, window.table, Qt.Key.Key_2)
    window.set_status(ItemStatus.NOT_STARTED)  # as if the menu entry were reached anyway
    qtbot.keyClick(window.table, Qt.Key.Key_Space)
    assert _statuses(window, [FIRST_ITEM, SECOND]) == before


def test_closing_the_assessment_leaves_nothing_to_undo(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+Z after closing tried to take back a change the closed assessment refuses, and
    the banner showed a refusal for a key the clerk could not know was dead."""
    _select(window, [SECOND], current=SECOND)
    qtbot.keyClick(window.table, Qt.Key.Key_Space)
    changed = _statuses(window, [SECOND])
    assert window.undo_stack.canUndo()
    window.service.close_assessment()
    window.service.wait_idle()
    assert not window.undo_stack.canUndo() and not window.undo_stack.canRedo()
    window.undo_stack.undo_step()
    window.service.wait_idle()
    assert _statuses(window, [SECOND]) == changed
    assert not window.banner.error.isVisibleTo(window)


def test_one_items_status_change_names_the_item_in_the_undo_menu(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """撤销 状态：未评估 did not say which item it would change back (a note's step did)."""
    _select(window, [SECOND], SECOND)
    _ctrl_click(qtbot, window.table, Qt.Key.Key_5)
    # the access key last, as in 撤销(&U): not between the command and the step
    assert window.undo_action.text() == "撤销 二、(一)2. 状态：已完成(&U)"
    window.item_pane.detail.status.setCurrentIndex(
        window.item_pane.detail.status.findData(ItemStatus.IN_PROGRESS.value))
    window.item_pane.detail.status.activated.emit(
        window.item_pane.detail.status.currentIndex())
    assert window.undo_action.text() == "撤销 二、(一)2. 状态：推进中(&U)"


def test_status_keys_on_a_closed_assessment_say_why_nothing_changes(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Space and Ctrl+1…6 did nothing and said nothing once the assessment was closed."""
    assert window.select_node(FIRST_ITEM)
    before = window.service.data.state(FIRST_ITEM).status
    window.service.close_assessment()
    window.service.wait_idle()
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Space)
    assert "已关闭" in window.statusBar().currentMessage()
    window.statusBar().clearMessage()
    _ctrl_click(qtbot, window.table, Qt.Key.Key_3)
    assert "已关闭" in window.statusBar().currentMessage()
    assert window.service.data.state(FIRST_ITEM).status is before
    window.statusBar().clearMessage()
    qtbot.keyClick(window.table, Qt.Key.Key_Down)  # other keys still move about
    assert window.statusBar().currentMessage() == ""


def test_the_window_starts_in_the_items_table_so_space_works_at_once(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The focus began in the section filter, eight Tabs from the table: Space typed a
    space there."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert QApplication.focusWidget() is window.table
    current = window.current_node_id()
    before = window.service.data.state(current).status
    qtbot.keyClick(window.table, Qt.Key.Key_Space)
    assert window.service.data.state(current).status is not before
    assert window.tree_filter.text() == ""
