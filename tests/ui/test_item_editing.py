"""Editing an item while saves are on their way: typing is never overwritten, a failed save
leaves no undo step behind, Ctrl+Z in a field and the keyboard path to the fields."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from checklist_app.core import ItemStatus
from checklist_app.ui import message_box
from tests.ui.conftest import FIRST_ITEM, screenshot, writing_elsewhere
from tests.ui.test_item_detail import SECOND_ITEM, _held_desktop, _type

pytestmark = pytest.mark.gui

CTRL = Qt.KeyboardModifier.ControlModifier


def _shown(app, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Show and activate the window: focus and window shortcuts need an active window."""
    window = app.window
    window.resize(1440, 860)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def _close(app, writer) -> None:  # type: ignore[no-untyped-def]
    app.service.close()
    writer.run_all()  # the close itself


def test_the_first_characters_of_a_note_survive_a_status_save(qtbot, workspace_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Space, then typing into the note at once: the status save lands while the note is
    being typed and must not put the saved (empty) note back over the typing."""
    app, writer = _held_desktop(qtbot, workspace_path, SECOND_ITEM)
    detail = app.window.item_pane.detail
    app.window.cycle_status()  # Space on the table
    _type(detail.note, "已")
    writer.run_all()  # the status is saved; the note is not sent yet
    _type(detail.note, "印发实施方案")
    assert detail.note.toPlainText() == "已印发实施方案"
    detail.save_note()
    writer.run_all()
    state = app.service.data.state(SECOND_ITEM)
    assert state.note == "已印发实施方案" and state.status is not ItemStatus.IN_PROGRESS
    _close(app, writer)


def test_a_note_typed_after_a_tick_is_kept(qtbot, workspace_path: Path) -> None:  # type: ignore[no-untyped-def]
    app, writer = _held_desktop(qtbot, workspace_path, SECOND_ITEM)
    detail = app.window.item_pane.detail
    detail.action_checks[0].click()
    _type(detail.note, "已印发")
    writer.run_all()  # the tick lands
    assert detail.note.toPlainText() == "已印发"
    detail.save_note()
    writer.run_all()
    state = app.service.data.state(SECOND_ITEM)
    assert state.note == "已印发" and state.ticked_actions == frozenset({0})
    _close(app, writer)


def _retype(field, text: str) -> None:  # type: ignore[no-untyped-def]
    field.selectAll()  # the date shown is typed over
    _type(field, text)


FIELDS: dict[str, tuple[str, Callable[..., None], Callable[..., object], object]] = {
    # field name → (widget attribute, how to type, what the widget holds, value stored)
    "responsible_department": ("department", _type, lambda w: w.text(), "市场处"),
    "responsible_person": ("person", _type, lambda w: w.text(), "王明"),
    "justification": ("justification", _type, lambda w: w.text(), "本单位无此职能"),
    "due_date": ("due", _retype, lambda w: w.text(), "2025-09-30"),
}


@pytest.mark.parametrize("name", list(FIELDS))
def test_a_save_landing_keeps_any_field_being_typed(qtbot, workspace_path: Path,  # type: ignore[no-untyped-def]
                                                    name: str) -> None:
    app, writer = _held_desktop(qtbot, workspace_path, SECOND_ITEM)
    detail = app.window.item_pane.detail
    attribute, type_into, held, stored = FIELDS[name]
    field = getattr(detail, attribute)
    app.window.cycle_status()
    type_into(field, str(stored))
    writer.run_all()  # the status save lands while the field is being edited
    assert held(field) == stored
    detail.flush_edits()  # as before an undo or another item
    writer.run_all()
    assert getattr(app.service.data.state(SECOND_ITEM), name) == stored
    _close(app, writer)


def test_a_save_of_an_earlier_note_does_not_show_it_again(qtbot, workspace_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Two parts of the note sent before either is saved: the first landing shows the note
    as last sent, not the shorter one saved first."""
    app, writer = _held_desktop(qtbot, workspace_path, SECOND_ITEM)
    detail = app.window.item_pane.detail
    _type(detail.note, "已印发")
    detail.save_note()
    _type(detail.note, "方案")
    detail.save_note()
    writer.jobs.pop(0).run()  # "已印发" lands, "已印发方案" still queued
    assert detail.note.toPlainText() == "已印发方案"
    writer.run_all()
    assert app.service.data.state(SECOND_ITEM).note == "已印发方案"
    _close(app, writer)


def test_a_failed_save_leaves_no_undo_step(qtbot, workspace_path: Path,  # type: ignore[no-untyped-def]
                                          quick_lock_timeout: None, monkeypatch) -> None:
    monkeypatch.setattr("checklist_app.ui.widgets.item_detail.RETRY_MS", 50)
    app, writer = _held_desktop(qtbot, workspace_path, SECOND_ITEM)
    window, detail = app.window, app.window.item_pane.detail
    stored = app.service.data.state(SECOND_ITEM)
    errors: list[str] = []
    app.service.failed.connect(lambda message, _details: errors.append(message))
    other = writing_elsewhere(workspace_path)
    window.cycle_status()
    _type(detail.note, "已报送")
    detail.save_note()
    writer.run_all()  # both saves fail
    other.rollback()
    other.close()
    assert len(errors) == 2 and not window.banner.error.isHidden()
    assert app.service.data.state(SECOND_ITEM) == stored
    assert not window.undo_stack.canUndo()
    assert detail.status.currentData() == stored.status  # the pane shows what is stored…
    assert detail.note.toPlainText() == "已报送"  # …but keeps what was typed, to save again
    assert not detail.unsaved_hint.isHidden()
    screenshot(window.item_pane, "item-text-not-saved")

    def saved() -> bool:  # the retry timer sends it again, now that the lock is gone
        writer.run_all()
        return app.service.data.state(SECOND_ITEM).note == "已报送"

    qtbot.waitUntil(saved)
    assert detail.unsaved_hint.isHidden() and detail.note.toPlainText() == "已报送"
    window.undo_action.trigger()  # the note, once saved, is the one step to undo
    writer.run_all()
    assert app.service.data.state(SECOND_ITEM).note == stored.note
    assert not window.undo_stack.canUndo()  # the refused status change left none
    _close(app, writer)


def test_a_failed_save_keeps_the_earlier_steps_undoable(qtbot, workspace_path: Path,  # type: ignore[no-untyped-def]
                                                       quick_lock_timeout: None) -> None:
    app, writer = _held_desktop(qtbot, workspace_path, SECOND_ITEM)
    window, detail = app.window, app.window.item_pane.detail
    detail.action_checks[0].click()
    writer.run_all()  # saved
    other = writing_elsewhere(workspace_path)
    detail.department.setText("市场处")
    detail.department.editingFinished.emit()
    writer.run_all()  # refused
    other.rollback()
    other.close()
    assert detail.department.text() == "市场处"  # kept to be saved again
    assert app.service.data.state(SECOND_ITEM).responsible_department == ""
    assert window.undo_stack.count() == 1
    window.undo_action.trigger()  # the kept text is sent, then undone: typing comes first
    writer.run_all()
    state = app.service.data.state(SECOND_ITEM)
    assert state.responsible_department == "" and detail.department.text() == ""
    assert state.ticked_actions != frozenset()
    window.undo_action.trigger()
    writer.run_all()
    assert app.service.data.state(SECOND_ITEM).ticked_actions == frozenset()
    _close(app, writer)


THIRD_ITEM = "chongqing-2022/二/(二)/3"


def test_text_refused_for_an_item_left_is_kept_and_saved_later(qtbot, workspace_path: Path,  # type: ignore[no-untyped-def]
                                                              quick_lock_timeout: None) -> None:
    """The note is refused while another program holds the workspace; the user goes on to
    another item (the note is sent again and refused again) and comes back: the text is
    there, marked unsaved, and the retry saves it once the lock is gone."""
    app, writer = _held_desktop(qtbot, workspace_path, SECOND_ITEM)
    window, detail = app.window, app.window.item_pane.detail
    other = writing_elsewhere(workspace_path)
    _type(detail.note, "已报送")
    detail.save_note()
    writer.run_all()  # refused
    assert window.select_node(THIRD_ITEM)  # sent again on leaving: refused again
    writer.run_all()
    assert detail.note.toPlainText() == "" and detail.unsaved_hint.isHidden()
    assert detail.has_unsaved()
    assert window.select_node(SECOND_ITEM)
    writer.run_all()
    assert detail.note.toPlainText() == "已报送" and not detail.unsaved_hint.isHidden()
    assert window.select_node(THIRD_ITEM)
    writer.run_all()
    other.rollback()
    other.close()
    detail.retry_unsaved()  # from another item: sent as typed
    writer.run_all()
    assert app.service.data.state(SECOND_ITEM).note == "已报送" and not detail.has_unsaved()
    window.undo_action.trigger()
    writer.run_all()
    assert app.service.data.state(SECOND_ITEM).note == ""
    _close(app, writer)


def test_quitting_with_refused_text_asks_first(qtbot, workspace_path: Path,  # type: ignore[no-untyped-def]
                                               quick_lock_timeout: None, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    app, writer = _held_desktop(qtbot, workspace_path, SECOND_ITEM)
    window, detail = app.window, app.window.item_pane.detail
    window.show()
    other = writing_elsewhere(workspace_path)
    _type(detail.note, "已报送")
    detail.save_note()
    writer.run_all()  # refused
    asked: list[str] = []

    def answer(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(message_box, "warning", answer)
    assert not window.close() and window.isVisible() and len(asked) == 1
    other.rollback()
    other.close()
    detail.retry_unsaved()
    writer.run_all()
    assert window.close() and len(asked) == 1  # saved: nothing to ask
    _close(app, writer)


def test_a_save_refused_at_once_leaves_no_undo_step(window, qtbot, workspace_path: Path,  # type: ignore[no-untyped-def]
                                                    quick_lock_timeout: None) -> None:
    """A writer that runs jobs at once refuses the save inside the push itself."""
    assert window.select_node(SECOND_ITEM)
    window.service.close()  # reopened with the short lock timeout
    window.open_workspace(workspace_path)
    assert window.select_node(SECOND_ITEM)
    other = writing_elsewhere(workspace_path)
    errors: list[str] = []
    window.service.failed.connect(lambda message, _details: errors.append(message))
    window.cycle_status()  # Space on the table
    assert errors and window.undo_stack.canUndo()  # refused inside the push
    other.rollback()
    other.close()
    qtbot.waitUntil(lambda: not window.undo_stack.canUndo())
    assert window.service.data.state(SECOND_ITEM).status is ItemStatus.IN_PROGRESS
    assert window.item_pane.detail.status.currentData() == ItemStatus.IN_PROGRESS


GOALS = "chongqing-2022/一/(二)"
LINE_EDITS = {  # case → (item, the field, text typed, the stored value it sets)
    "department": (SECOND_ITEM, lambda d: d.department, "市场处",
                   lambda s: s.responsible_department),
    "person": (SECOND_ITEM, lambda d: d.person, "王明", lambda s: s.responsible_person),
    "justification": (SECOND_ITEM, lambda d: d.justification, "无此职能",
                      lambda s: s.justification),
    "target value": (GOALS, lambda d: d.targets.values[0], "52",
                     lambda s: s.actual(0)),
}


@pytest.mark.parametrize("case", list(LINE_EDITS))
def test_ctrl_z_in_a_field_undoes_its_change(qtbot, workspace_path: Path,  # type: ignore[no-untyped-def]
                                             case: str) -> None:
    """The refresh after the save used to clear the field's own undo history, and the
    field took Ctrl+Z all the same: nothing happened. It undoes the item's last change."""
    node_id, field_of, typed, stored_of = LINE_EDITS[case]
    app, writer = _held_desktop(qtbot, workspace_path, node_id)
    app.service.set_item(node_id, status=ItemStatus.NOT_APPLICABLE, justification="无")
    writer.run_all()  # the justification row shows
    _shown(app, qtbot)
    field = field_of(app.window.item_pane.detail)
    before, shown_before = stored_of(app.service.data.state(node_id)), field.text()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    field.selectAll()
    _type(field, typed)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    writer.run_all()  # the save lands and refreshes the field
    assert str(stored_of(app.service.data.state(node_id))).removesuffix(".0") == typed
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
    writer.run_all()
    assert field.text() == shown_before
    assert stored_of(app.service.data.state(node_id)) == before
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    writer.run_all()
    assert field.text() == typed
    assert str(stored_of(app.service.data.state(node_id))).removesuffix(".0") == typed
    _close(app, writer)


def test_ctrl_z_while_typing_in_a_field_undoes_the_typing(qtbot, workspace_path: Path) -> None:  # type: ignore[no-untyped-def]
    app, writer = _held_desktop(qtbot, workspace_path, SECOND_ITEM)
    _shown(app, qtbot)
    window, detail = app.window, app.window.item_pane.detail
    window.cycle_status()
    writer.run_all()
    detail.person.setFocus()
    qtbot.waitUntil(detail.person.hasFocus)
    _type(detail.person, "王明")  # no Return
    qtbot.keyClick(detail.person, Qt.Key.Key_Z, CTRL)
    writer.run_all()
    state = app.service.data.state(SECOND_ITEM)
    assert detail.person.text() == "" and state.responsible_person == ""
    assert state.status is not ItemStatus.IN_PROGRESS  # the typing was undone, not the status
    _close(app, writer)


def test_tab_leaves_the_table_for_the_item(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.select_node(SECOND_ITEM)
    window.table.setFocus()
    qtbot.waitUntil(window.table.hasFocus)
    reached = []
    for _ in range(30):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
        assert window.current_node_id() == SECOND_ITEM
        if reached[-1] is window.item_pane.detail.note:
            break
    detail = window.item_pane.detail
    assert reached[0] is not window.table
    fields = (detail.status, detail.due, detail.department, detail.person, detail.note)
    assert [w for w in reached if w in fields] == [
        detail.status, detail.due, detail.department, detail.person, detail.note]
    qtbot.keyClick(detail.note, Qt.Key.Key_Tab)  # and on out of the note, typing no tab
    assert QApplication.focusWidget() is not detail.note
    assert detail.note.toPlainText() == ""


def test_ticking_a_sub_item_with_space_keeps_the_focus_on_it(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.select_node(SECOND_ITEM)
    detail = window.item_pane.detail
    check = detail.action_checks[1]
    check.setFocus()
    qtbot.waitUntil(check.hasFocus)
    qtbot.keyClick(check, Qt.Key.Key_Space)  # saved at once (inline writer) and refreshed
    assert window.service.data.state(SECOND_ITEM).ticked_actions == frozenset({1})
    assert QApplication.focusWidget() is detail.action_checks[1]
    assert detail.action_checks[1].isChecked()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert window.service.data.state(SECOND_ITEM).ticked_actions == frozenset()


def test_refused_text_survives_a_language_switch(qtbot, workspace_path: Path,  # type: ignore[no-untyped-def]
                                                 quick_lock_timeout: None) -> None:
    """The rebuilt window's item pane starts empty-handed: text the workspace refused was
    lost when the language changed."""
    import gc

    from checklist_app.i18n import set_language

    app, writer = _held_desktop(qtbot, workspace_path, SECOND_ITEM)
    other = writing_elsewhere(workspace_path)
    _type(app.window.item_pane.detail.note, "已报送")
    app.window.item_pane.detail.save_note()
    writer.run_all()  # refused
    try:
        assert app.switch_language("en")
        writer.run_all()
        qtbot.addWidget(app.window)
        detail = app.window.item_pane.detail
        assert detail.has_unsaved() and app.window.current_node_id() == SECOND_ITEM
        assert detail.note.toPlainText() == "已报送" and not detail.unsaved_hint.isHidden()
        other.rollback()
        other.close()
        detail.retry_unsaved()
        writer.run_all()
        assert app.service.data.state(SECOND_ITEM).note == "已报送" and not detail.has_unsaved()
        _close(app, writer)
    finally:
        set_language("zh_CN")
        gc.collect()


def test_undo_says_what_it_undid_over_the_message_about_the_change(window) -> None:  # type: ignore[no-untyped-def]
    """After accepting a mapping and undoing it, the status bar still said it was mapped."""
    from checklist_app.core import ItemStatus

    assert window.select_node(FIRST_ITEM)
    before = window.service.data.state(FIRST_ITEM).status
    window.set_status(ItemStatus.DONE if before is not ItemStatus.DONE else ItemStatus.ONGOING)
    window.show_message("已对照到 十一、(三十一)")
    step = window.undo_action.text().removeprefix("撤销").removesuffix("(&U)").strip()
    assert "状态" in step
    window.undo_action.trigger()
    assert window.statusBar().currentMessage() == f"已撤销：{step}"
    window.redo_action.trigger()
    assert window.statusBar().currentMessage() == f"已恢复：{step}"


def _wheel(widget, notches: int) -> None:  # type: ignore[no-untyped-def]
    """Turn the mouse wheel over the middle of ``widget`` (down for positive notches), as
    the system sends it (only then does Qt offer an ignored wheel to the widgets around)."""
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtTest import QTest

    centre = QPoint(widget.width() // 2, widget.height() // 2)
    QTest.wheelEvent(widget.window().windowHandle(),
                     QPointF(widget.mapTo(widget.window(), centre)), QPoint(0, -120 * notches))
    QApplication.processEvents()


def _settled(qtbot, widget, window) -> bool:  # type: ignore[no-untyped-def]
    """Whether ``widget`` stays where it is in ``window`` over a few event loop turns, and
    is the widget found at its centre."""
    from PySide6.QtCore import QPoint

    centre = QPoint(widget.width() // 2, widget.height() // 2)
    place = widget.mapTo(window, centre)
    qtbot.wait(30)
    found = window.childAt(place)
    return widget.mapTo(window, centre) == place and found is not None and (
        found is widget or widget.isAncestorOf(found))


def test_the_wheel_over_the_status_box_scrolls_the_pane(desktop, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Scrolling the item pane, the wheel over 状态 saved 长期坚持, then 不适用 (asking why
    at each notch). The pane is shown as a window of its own: the offscreen screen is
    800 px wide, and the wheel finds its widget by where it is on the screen."""
    window = desktop.window
    assert window.select_node(FIRST_ITEM)
    detail, scroll = window.item_pane.detail, window.item_pane.scroll
    scroll.setParent(None)
    qtbot.addWidget(scroll)
    scroll.resize(500, 420)
    scroll.show()
    scroll.activateWindow()
    qtbot.waitExposed(scroll)
    bar = scroll.verticalScrollBar()
    # the fields laid out for the pane's width (the wheel goes by position): a loaded
    # machine took longer than a fixed 100 ms, and the wheel met another field
    qtbot.waitUntil(lambda: _settled(qtbot, detail.status, scroll) and bar.maximum() > 0)
    before = desktop.service.data.state(FIRST_ITEM).status
    detail.note.setFocus()  # the window's first Tab stop (状态) took the focus on showing
    qtbot.waitUntil(detail.note.hasFocus)
    assert not detail.status.hasFocus()
    _wheel(detail.status, 1)
    assert desktop.service.data.state(FIRST_ITEM).status is before
    assert detail.status.currentData() == before
    assert bar.value() > 0  # the wheel went to the pane
    detail.status.setFocus()  # clicked or tabbed to: the wheel is the box's
    _wheel(detail.status, 1)
    assert desktop.service.data.state(FIRST_ITEM).status is not before
