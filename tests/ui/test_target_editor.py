"""Each numeric target of an item takes its own actual value, judged met / not met, undoable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea

from checklist_app.ui.widgets.target_editor import parse_number
from tests.ui.conftest import open_plan, screenshot

pytestmark = pytest.mark.gui

GOALS = "chongqing-2022/一/(二)"  # ten targets: 50%, 18个月, 10项 …


def _enter(qtbot, field, text: str) -> None:  # type: ignore[no-untyped-def]
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_one_value_per_target_saved_judged_and_undone(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.select_node(GOALS)
    editor = window.item_pane.detail.targets
    assert len(editor.values) == 10 and editor.isVisibleTo(window)
    _enter(qtbot, editor.values[0], "52")
    _enter(qtbot, editor.values[1], "20")  # 周期缩短至18个月以内: 20 is not met
    assert window.service.data.state(GOALS).actual_values == (52, 20)
    assert [editor.results[i].text() for i in range(3)] == ["已达到", "未达到", "未填报"]
    assert "1" in editor.title() and "10" in editor.title()
    screenshot(window.item_pane.detail, "item-targets")
    window.undo_action.trigger()
    assert window.service.data.state(GOALS).actual_values == (52,)
    assert editor.values[1].text() == ""
    window.redo_action.trigger()
    assert editor.values[1].text() == "20"


def test_full_width_digits_from_an_input_method_are_taken(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.select_node(GOALS)
    field = window.item_pane.detail.targets.values[0]
    field.setFocus()
    field.insert("５２．５％")  # what an input method commits (QTest types ASCII keys only)
    field.insert("元")  # the validator turns away what is not a number
    assert field.text() == "５２．５％"
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.service.data.state(GOALS).actual_values == (52.5,)
    assert field.text() == "52.5"  # the number as kept, not ５２．５％ beside its unit


def test_a_value_with_separators_or_a_percent_sign_shows_as_the_number_kept(
        window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """1,000% typed for a count of 项 was saved as 1000 and still read 1,000% beside 项."""
    assert window.select_node(GOALS)
    editor = window.item_pane.detail.targets
    counted = next(i for i, t in enumerate(window.item_pane.detail.node.targets)
                   if t.unit == "项")
    _enter(qtbot, editor.values[counted], "1,000%")
    assert window.service.data.state(GOALS).actual(counted) == 1000
    assert editor.values[counted].text() == "1000"
    _enter(qtbot, editor.values[counted], "52.0")  # a plain number is left as typed
    assert editor.values[counted].text() == "52.0"


def test_wan_is_read_and_what_is_no_number_is_refused_not_changed(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """1.2万 for 10000项以上 was kept as 1.2 (万 dropped by the field) and judged not met;
    3，5 was kept as 35."""
    assert window.select_node(GOALS)
    editor = window.item_pane.detail.targets
    ten_thousand = next(i for i, t in enumerate(window.item_pane.detail.node.targets)
                        if t.value == 10000)
    field = editor.values[ten_thousand]
    field.setFocus()
    field.selectAll()
    field.insert("1.2万")  # an input method commits 万 (QTest types ASCII keys only)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.service.data.state(GOALS).actual(ten_thousand) == 12000
    assert field.text() == "12000" and editor.results[ten_thousand].text() == "已达到"
    field.selectAll()
    field.insert("3，5")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.service.data.state(GOALS).actual(ten_thousand) == 12000  # unchanged
    assert "“3，5”不是数字" in window.statusBar().currentMessage()  # not turned into 35
    assert field.text() == "12000" and not field.isModified()  # the value kept, shown again
    window.undo_action.trigger()  # it stayed, unsaved, over the value undone
    assert window.service.data.state(GOALS).actual(ten_thousand) is None
    assert field.text() == ""
    field.setFocus()
    field.insert("30项")  # a unit typed after the figure: taken by the field, read as 30
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.service.data.state(GOALS).actual(ten_thousand) == 30


def test_a_value_typed_without_return_is_kept_when_another_item_is_shown(
        window, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.select_node(GOALS)
    field = window.item_pane.detail.targets.values[1]
    field.setFocus()
    qtbot.keyClicks(field, "15")  # no Return, focus still in the field
    assert window.select_node("chongqing-2022/二/(一)/1")
    window.service.wait_idle()
    qtbot.waitUntil(lambda: window.service.data.state(GOALS).actual_values == (None, 15))


def test_undo_while_typing_undoes_the_typing(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    other = "chongqing-2022/二/(一)/1"
    assert window.select_node(other)
    window.cycle_status()  # the last undo entry is another item's
    assert window.select_node(GOALS)
    editor = window.item_pane.detail.targets
    editor.values[1].setFocus()
    qtbot.keyClicks(editor.values[1], "15")
    window.undo_action.trigger()  # the toolbar button: the field keeps the focus
    window.service.wait_idle()
    qtbot.waitUntil(lambda: window.current_node_id() == GOALS)
    assert window.service.data.state(GOALS).actual_values == ()
    assert editor.values[1].text() == ""
    window.redo_action.trigger()
    window.service.wait_idle()
    qtbot.waitUntil(lambda: window.service.data.state(GOALS).actual_values == (None, 15))
    assert editor.values[1].text() == "15"


def test_letters_cannot_be_typed_into_a_value(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.select_node(GOALS)
    field = window.item_pane.detail.targets.values[2]
    _enter(qtbot, field, "abc")
    assert field.text() == ""
    assert window.service.data.state(GOALS).actual_values == ()


def test_a_minus_sign_only_for_a_rate(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """-3 was taken for 10项 (the report then printed 实际-3项); a rate may fall below 0."""
    assert window.select_node(GOALS)
    editor = window.item_pane.detail.targets
    _enter(qtbot, editor.values[2], "-3")  # 10项
    assert editor.values[2].text() == "3"
    _enter(qtbot, editor.values[0], "-2")  # 50%
    assert window.service.data.state(GOALS).actual_values == (-2, None, 3)


def test_items_without_targets_hide_the_editor(window) -> None:  # type: ignore[no-untyped-def]
    assert window.select_node("chongqing-2022/二/(一)/1")
    assert not window.item_pane.detail.targets.isVisibleTo(window)


@pytest.mark.parametrize(("text", "number"), [
    ("1,234.5", 1234.5), ("52%", 52), ("５２％", 52), ("3。5", 3.5), ("", None), ("-", None),
    ("１２．５", 12.5), ("－３", -3), ("1.2万", 12000), ("3，5", None),
])
def test_parse_number(text: str, number: float | None) -> None:
    assert parse_number(text) == number


def test_the_item_gets_most_of_the_pane_at_1280x720(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.resize(1280, 720)
    assert window.select_node(GOALS)
    qtbot.waitUntil(lambda: sum(window.item_pane.splitter.sizes()) > 0)
    item, tabs = window.item_pane.splitter.sizes()
    assert item >= 2 * tabs
    detail = window.item_pane.detail
    assert detail.status.y() == detail.due.y()  # status and due date share a row


def test_the_goal_is_in_words_in_the_tooltip(window) -> None:  # type: ignore[no-untyped-def]
    assert window.select_node(GOALS)
    editor = window.item_pane.detail.targets
    assert editor.values[0].toolTip() == "目标：不低于50%"
    assert editor.values[1].toolTip() == "目标：不超过18个月"


def test_return_then_leaving_the_field_is_one_undo_step(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.select_node(GOALS)
    editor = window.item_pane.detail.targets
    seen: list[tuple[int, object]] = []
    editor.valueEdited.connect(lambda i, v: seen.append((i, v)))
    _enter(qtbot, editor.values[3], "230")
    editor.values[3].editingFinished.emit()  # focus leaves after Return
    assert seen == [(3, 230.0)]
    window.undo_action.trigger()
    assert window.service.data.state(GOALS).actual_values == ()


def test_a_target_stated_in_several_items_takes_one_value(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A plan's goal 制定地方标准5项以上, restated in its task, was two targets with two
    values: the report counted it twice, and could call it met and not met."""
    from checklist_app.report.content import compute_facts
    from tests.importer.test_district_plan import REPEATING_PLAN

    open_plan(window, qtbot, tmp_path, REPEATING_PLAN, "plan")
    goal, task = "plan/一/(一)", "plan/二/1"
    assert window.select_node(task)
    editor = window.item_pane.detail.targets
    qtbot.waitUntil(lambda: len(_shown_hints(editor)) == 1)  # shown once the loop runs
    [hint] = _shown_hints(editor)
    assert hint.text() == "另见一、(一)发展目标（同一指标，在此填写的实际值一并填入）。"
    _enter(qtbot, editor.values[0], "6")
    qtbot.waitUntil(lambda: window.service.data.state(goal).actual_values == (6,))
    assert window.service.data.state(task).actual_values == (6,)
    facts = compute_facts(window.service.data.snapshot())
    assert len(facts.targets) == 3 and len(facts.counted_targets) == 2  # 5项 once, 4次
    assert facts.targets_met == 1 and not facts.target_conflicts
    window.undo_action.trigger()  # one step for both
    qtbot.waitUntil(lambda: window.service.data.state(goal).actual_values == ())
    assert window.service.data.state(task).actual_values == ()
    window.redo_action.trigger()  # and back, the item edited still in sight (not the goal)
    qtbot.waitUntil(lambda: window.service.data.state(goal).actual_values == (6,))
    assert window.item_pane.detail.node.id == task
    assert window.select_node("plan/二/2")  # stated once: no hint
    qtbot.wait(10)
    assert _shown_hints(window.item_pane.detail.targets) == []
    assert window.select_node(goal)
    screenshot(window.item_pane.detail, "item-target-stated-elsewhere")


def _shown_hints(editor) -> list[QLabel]:  # type: ignore[no-untyped-def]
    """The editor's notes of where else a target is stated (those of the item shown before
    wait hidden for deletion)."""
    return [label for label in editor.findChildren(QLabel)
            if label.objectName().startswith("targetElsewhere") and not label.isHidden()]


def test_a_targets_words_read_as_the_items_text_shows_them(window) -> None:  # type: ignore[no-untyped-def]
    """The target read 制定(修订) under a text reading 制定（修订）: the pane's text has
    Chinese punctuation, the target's words now too."""
    from checklist_app.core.punctuation import full_width_punctuation

    assert window.select_node(GOALS)
    node = window.service.data.checklist.node(GOALS)
    typed = [t.text for t in node.targets if "(" in t.text]
    assert typed  # the demo plan's 制定(修订)
    shown = [label.text() for label in window.item_pane.detail.targets.findChildren(QLabel)]
    for text in typed:
        assert text not in shown and full_width_punctuation(text) in shown


def test_tab_goes_through_the_note_then_the_values_then_the_sub_items(window) -> None:  # type: ignore[no-untyped-def]
    """Tab goes as the fields are laid out: the note, the target values, the sub-items (the
    values and sub-items, made anew for each item, came only after the evidence tab and
    the tree's filter: they were last in the window's chain)."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    assert window.select_node(GOALS)
    window.activateWindow()
    detail = window.item_pane.detail
    expected = [detail.note, *detail.targets.values, *detail.action_checks]
    assert len(detail.targets.values) == 10
    detail.person.setFocus()
    reached = []
    for _ in expected:
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert reached[0] is detail.note and reached[1:11] == detail.targets.values
    assert detail.action_checks and reached[11:] == detail.action_checks


def test_after_the_item_tab_goes_to_the_tabs_then_into_the_evidence(window) -> None:  # type: ignore[no-untyped-def]
    """After the sub-items Tab stopped on the pane's scroll area (no sign of focus), then the
    evidence list and its buttons, and only then the tab bar above them. (The script switch
    is the item's last stop: 状态 comes first from the table.)"""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QTabBar

    assert window.select_node(GOALS)
    window.activateWindow()
    pane = window.item_pane
    pane.detail.action_checks[-1].setFocus()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is pane.detail.script  # the item's last Tab stops:
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is pane.detail.text  # the clause, to read by keyboard
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert isinstance(QApplication.focusWidget(), QTabBar)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert pane.evidence.isAncestorOf(QApplication.focusWidget())


def test_the_note_is_in_sight_above_a_goals_ten_targets(window) -> None:  # type: ignore[no-untyped-def]
    """At 1280×720 the note stood below a goal's ten targets, out of sight until scrolled."""
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    window.resize(1280, 720)
    assert window.select_node(GOALS)
    QTest.qWait(50)
    detail = window.item_pane.detail
    assert len(detail.targets.values) == 10
    note_top = detail.note.mapTo(detail, QPoint(0, 0)).y()
    assert note_top < detail.targets.mapTo(detail, QPoint(0, 0)).y()
    scroll = window.item_pane.findChild(QScrollArea)
    assert scroll is not None and note_top + 20 < scroll.viewport().height()


def test_a_key_the_value_field_does_not_take_is_said_in_the_status_bar(window) -> None:  # type: ignore[no-untyped-def]
    """Typing 十二 or letters into a value was dropped without a word."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    assert window.select_node(GOALS)
    field = window.item_pane.detail.targets.values[0]
    field.setFocus()
    for typed in "十二":  # as an input method sends them (QTest types ASCII only)
        QApplication.sendEvent(field, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown,
                                                Qt.KeyboardModifier.NoModifier, typed))
    assert field.text() == ""
    assert window.statusBar().currentMessage().startswith(
        "实际值请填写数字，如 12、3.5、1.2万 或 80%")
    QTest.keyClicks(field, "12")
    assert field.text() == "12"
