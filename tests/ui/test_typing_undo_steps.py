"""Typing undoes in steps that follow the pauses: a pause, leaving the note or showing
another item starts a new step; the undo action names the item by its number in the tree."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget

from tests.ui.conftest import FIRST_ITEM
from tests.ui.test_item_detail import SECOND_ITEM, _type

pytestmark = pytest.mark.gui

CTRL = Qt.KeyboardModifier.ControlModifier
OTHER_ITEM = FIRST_ITEM


class Clock:
    """Seconds that pass only when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _focused(window, qtbot, field: str):  # type: ignore[no-untyped-def]
    """A field of the second item's pane, focused, with a clock the test moves on."""
    assert window.select_node(SECOND_ITEM)
    detail = window.item_pane.detail
    detail.clock = Clock()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    widget = getattr(detail, field)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    return widget


@pytest.fixture
def note(window, qtbot):  # type: ignore[no-untyped-def]
    """The second item's note, focused, with a clock the test moves on."""
    return _focused(window, qtbot, "note")


def _stored(window) -> str:  # type: ignore[no-untyped-def]
    return window.service.data.state(SECOND_ITEM).note


def _type_saved(window, note, text: str) -> None:  # type: ignore[no-untyped-def]
    _type(note, text)
    window.item_pane.detail.save_note()  # as the pause after typing does


def test_ctrl_z_after_a_pause_undoes_only_the_later_typing(window, qtbot, note) -> None:  # type: ignore[no-untyped-def]
    """One Ctrl+Z used to empty the note: all its typing was one step, however old."""
    _type(note, "第一句。")
    qtbot.waitUntil(lambda: _stored(window) == "第一句。")  # saved after the typing stops
    window.item_pane.detail.clock.now += 3
    _type(note, "第二句。")
    qtbot.keyClick(note, Qt.Key.Key_Z, CTRL)
    assert note.toPlainText() == "第一句。" and _stored(window) == "第一句。"
    qtbot.keyClick(note, Qt.Key.Key_Z, CTRL)
    assert note.toPlainText() == "" and _stored(window) == ""
    qtbot.keyClick(note, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert note.toPlainText() == "第一句。" and _stored(window) == "第一句。"


def test_typing_on_without_a_pause_stays_one_step(window, qtbot, note) -> None:  # type: ignore[no-untyped-def]
    _type_saved(window, note, "第一句。")
    window.item_pane.detail.clock.now += 1
    _type_saved(window, note, "第二句。")
    assert window.undo_stack.count() == 1
    qtbot.keyClick(note, Qt.Key.Key_Z, CTRL)
    assert note.toPlainText() == "" and _stored(window) == ""


def test_leaving_the_note_ends_the_step(window, qtbot, note) -> None:  # type: ignore[no-untyped-def]
    detail = window.item_pane.detail
    _type(note, "第一句。")
    detail.person.setFocus()
    qtbot.waitUntil(detail.person.hasFocus)
    assert _stored(window) == "第一句。"  # saved on leaving
    note.setFocus()
    qtbot.waitUntil(note.hasFocus)
    _type_saved(window, note, "第二句。")
    window.undo_action.trigger()
    assert note.toPlainText() == "第一句。" and _stored(window) == "第一句。"


def test_another_item_ends_the_step(window, qtbot, note) -> None:  # type: ignore[no-untyped-def]
    _type(note, "第一句。")
    assert window.select_node(OTHER_ITEM)
    assert window.select_node(SECOND_ITEM)
    _type_saved(window, note, "第二句。")
    window.undo_action.trigger()
    assert note.toPlainText() == "第一句。" and _stored(window) == "第一句。"


def test_the_undo_action_names_the_item_by_its_number(window, note) -> None:  # type: ignore[no-untyped-def]
    _type_saved(window, note, "已印发")
    assert window.undo_action.text() == "撤销 二、(一)2. 备注(&U)"


def test_each_confirmed_name_is_its_own_step(window, qtbot, note) -> None:  # type: ignore[no-untyped-def]
    """Department, person and actual values never merge: each Return is one step."""
    department = window.item_pane.detail.department
    department.setFocus()
    qtbot.waitUntil(department.hasFocus)
    for text in ("市场处", "一科"):
        department.selectAll()
        _type(department, text)
        qtbot.keyClick(department, Qt.Key.Key_Return)
    qtbot.keyClick(department, Qt.Key.Key_Z, CTRL)
    assert department.text() == "市场处"
    assert window.service.data.state(SECOND_ITEM).responsible_department == "市场处"


def test_an_undo_leaves_the_cursor_where_it_was(window, qtbot, note) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+Z in the note threw the cursor to the end of the text."""
    from PySide6.QtGui import QTextCursor

    _type_saved(window, note, "第一句。第三句。")
    window.item_pane.detail.clock.now += 3
    cursor = note.textCursor()
    cursor.setPosition(4)  # after 第一句。
    note.setTextCursor(cursor)
    _type(note, "第二句。")
    window.item_pane.detail.save_note()
    assert note.toPlainText() == "第一句。第二句。第三句。"
    qtbot.keyClick(note, Qt.Key.Key_Z, CTRL)
    assert note.toPlainText() == "第一句。第三句。"
    assert note.textCursor().position() in (4, 5)  # where 第二句。 was, not the end
    qtbot.keyClick(note, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert note.textCursor().position() in (8, 9)  # after 第二句。 again
    note.moveCursor(QTextCursor.MoveOperation.End)


def _menu_away(window, qtbot, note) -> None:  # type: ignore[no-untyped-def]
    """The note's context menu opened and closed (the note keeps the focus)."""
    menu = note.createStandardContextMenu()
    menu.popup(note.mapToGlobal(QPoint(5, 5)))
    qtbot.waitUntil(menu.isVisible)
    menu.close()
    qtbot.waitUntil(lambda: not menu.isVisible())


def _window_away(window, qtbot, note) -> None:  # type: ignore[no-untyped-def]
    """Another window activated, then this one again."""
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: not window.isActiveWindow())
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


OFFSCREEN_POPUP = pytest.mark.qt_log_ignore(  # what the test platform cannot do for a menu
    "This plugin does not support (raise|grabbing|propagateSizeHints)")


@pytest.mark.parametrize("away", [pytest.param(_menu_away, id="menu", marks=OFFSCREEN_POPUP),
                                  pytest.param(_window_away, id="window")])
def test_a_menu_or_another_window_does_not_end_the_step(window, qtbot, note, away) -> None:  # type: ignore[no-untyped-def]
    _type(note, "第一句。")
    away(window, qtbot, note)
    qtbot.waitUntil(note.hasFocus)
    _type_saved(window, note, "第二句。")
    assert window.undo_stack.count() == 1
    window.undo_action.trigger()
    assert note.toPlainText() == "" and _stored(window) == ""


def _on_disk(window, field: str):  # type: ignore[no-untyped-def]
    """What the workspace file holds for the second item (another connection reads it)."""
    from checklist_app.storage.workspace import Workspace

    data = window.service.data
    with Workspace.open(data.path, read_only=True) as workspace:
        return getattr(workspace.item_state(data.assessment.id, SECOND_ITEM), field)


def test_a_name_typed_in_a_one_line_field_is_saved_while_the_cursor_is_still_there(  # type: ignore[no-untyped-def]
        window, qtbot) -> None:
    """责任人 was saved only on leaving the field: typed, then the computer crashed, lost."""
    _focused(window, qtbot, "person")
    detail = window.item_pane.detail
    qtbot.keyClicks(detail.person, "Zhang")
    qtbot.waitUntil(lambda: _on_disk(window, "responsible_person") == "Zhang")
    assert detail.person.hasFocus()  # saved with the cursor still in the field
    detail.clock.now += 1  # a short pause: the same run of typing
    qtbot.keyClicks(detail.person, " Wei")
    qtbot.waitUntil(lambda: _on_disk(window, "responsible_person") == "Zhang Wei")
    qtbot.keyClick(detail.person, Qt.Key.Key_Z, CTRL)  # the run undoes as one step
    assert detail.person.text() == "" and _on_disk(window, "responsible_person") == ""


def test_an_actual_value_typed_is_saved_before_return(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A value typed in a target's field was saved only on Return or leaving it."""
    goals = "chongqing-2022/一/(二)"
    assert window.select_node(goals)
    detail = window.item_pane.detail
    detail.clock = Clock()
    field = detail.targets.values[0]
    field.setFocus()
    qtbot.keyClicks(field, "1,525")
    qtbot.waitUntil(lambda: window.service.data.state(goals).actual_values[:1] == (1525,))
    assert field.text() == "1,525"  # as typed while typing: tidied once confirmed
    for _ in range(5):
        qtbot.keyClick(field, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field, "52.5")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.service.data.state(goals).actual_values[:1] == (52.5,)
    window.undo_action.trigger()  # typing, a pause's save, then Return: one step
    assert window.service.data.state(goals).actual_values[:1] in ((), (None,))


def test_a_name_then_a_value_typed_in_quick_succession_are_both_saved(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The one-line fields' pause-save took the target value's typing for a field of its
    own: KeyError 'actual_values' in the timer, and the name after it unsaved."""
    goals = "chongqing-2022/一/(二)"
    assert window.select_node(goals)
    detail = window.item_pane.detail
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    detail.person.setFocus()
    qtbot.keyClicks(detail.person, "Li")
    field = detail.targets.values[0]
    field.setFocus()  # within the pause: the name is sent on leaving, the value typed next
    qtbot.keyClicks(field, "7")
    qtbot.wait(800)  # both pause timers fire
    state = window.service.data.state(goals)
    assert state.responsible_person == "Li" and state.actual_values[:1] == (7,)


def test_a_justification_emptied_to_be_retyped_is_not_refused_meanwhile(  # type: ignore[no-untyped-def]
        window, qtbot) -> None:
    """Saved empty on the pause, a 不适用 item's reason was refused: a red banner that
    stayed after the new reason was typed."""
    from checklist_app.core import ItemStatus

    window.service.set_item(SECOND_ITEM, status=ItemStatus.NOT_APPLICABLE,
                            justification="本区无此产业")
    justification = _focused(window, qtbot, "justification")
    justification.selectAll()
    qtbot.keyClick(justification, Qt.Key.Key_Backspace)
    qtbot.wait(800)
    assert not window.banner.error.isVisibleTo(window)
    qtbot.keyClicks(justification, "Not ours")
    qtbot.waitUntil(lambda: window.service.data.state(SECOND_ITEM).justification == "Not ours")
    assert not window.banner.error.isVisibleTo(window)


def test_steady_typing_is_saved_every_few_seconds_as_one_step(window, qtbot, note) -> None:  # type: ignore[no-untyped-def]
    """A key every quarter second kept restarting the save's wait: a crash four seconds on
    lost all of it. Steady typing is saved once it has gone on three seconds (here the
    13th key), and stays one undo step."""
    from checklist_app.ui.widgets.item_detail import LONGEST_UNSAVED_TYPING_S

    detail = window.item_pane.detail
    typed = "今年完成地方标准制定十二项"
    assert (len(typed) - 1) * 0.25 >= LONGEST_UNSAVED_TYPING_S > (len(typed) - 2) * 0.25
    for character in typed:
        _type(note, character)
        detail.clock.now += 0.25
    assert _stored(window) == typed  # saved without waiting for a pause
    _type(note, "。")
    assert _stored(window) == typed and detail._note_timer.isActive()  # the rest: on a pause
    detail.save_note()
    assert _stored(window) == typed + "。" and window.undo_stack.count() == 1
    qtbot.keyClick(note, Qt.Key.Key_Z, CTRL)
    assert _stored(window) == ""


def test_statuses_chosen_with_the_arrow_keys_undo_as_one_step(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Each arrow key in the status box saved a status and was an undo step of its own:
    three presses took three Ctrl+Z to undo. Statuses chosen one after another within a
    pause are one step, named by the last."""
    box = _focused(window, qtbot, "status")
    detail = window.item_pane.detail
    first = window.service.data.state(SECOND_ITEM).status
    key = Qt.Key.Key_Up if box.currentIndex() >= 3 else Qt.Key.Key_Down  # three moves
    steps = window.undo_stack.count()
    qtbot.keyClick(box, key)
    detail.clock.now += 0.4
    qtbot.keyClick(box, key)
    last = window.service.data.state(SECOND_ITEM).status
    assert last != first and window.undo_stack.count() == steps + 1
    assert window.undo_action.toolTip().endswith(f"状态：{box.currentText()}")
    detail.clock.now += 3  # a pause: the next choice is a step of its own
    qtbot.keyClick(box, key)
    assert window.undo_stack.count() == steps + 2
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert window.service.data.state(SECOND_ITEM).status == first


def test_a_status_chosen_and_chosen_back_leaves_no_step(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """↓ then ↑ in the status box: the merged step changed nothing, and Ctrl+Z did nothing."""
    box = _focused(window, qtbot, "status")
    first = window.service.data.state(SECOND_ITEM).status
    steps = window.undo_stack.count()
    there, back = ((Qt.Key.Key_Up, Qt.Key.Key_Down) if box.currentIndex() >= 1
                   else (Qt.Key.Key_Down, Qt.Key.Key_Up))
    qtbot.keyClick(box, there)
    qtbot.keyClick(box, back)
    assert window.service.data.state(SECOND_ITEM).status == first
    assert window.undo_stack.count() == steps


def test_not_applicable_with_no_reason_says_why_the_status_went_back(window, qtbot,  # type: ignore[no-untyped-def]
                                                                    monkeypatch) -> None:
    """OK with an empty reason put the old status back without a word."""
    from PySide6.QtWidgets import QInputDialog, QToolTip

    from checklist_app.core import ItemStatus

    box = _focused(window, qtbot, "status")
    first = window.service.data.state(SECOND_ITEM).status
    monkeypatch.setattr(QInputDialog, "getText", lambda *_args: ("  ", True))
    qtbot.keyClick(box, Qt.Key.Key_End)  # the last status: 不适用
    assert box.findData(ItemStatus.NOT_APPLICABLE) == box.count() - 1
    assert window.service.data.state(SECOND_ITEM).status == first
    assert box.currentData() == first
    assert QToolTip.isVisible() and "须填写理由" in QToolTip.text()
