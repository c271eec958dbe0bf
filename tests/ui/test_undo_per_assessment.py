"""Each assessment keeps its own undo history: going to another office's or period's
assessment and back cleared the changes made before, and Undo must never write into an
assessment other than the one shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from checklist_app.app import DesktopApp
from checklist_app.core import ItemStatus
from checklist_app.storage.workspace import Workspace
from tests.ui.conftest import FIRST_ITEM

pytestmark = pytest.mark.gui


def _second_assessment(desktop: DesktopApp) -> tuple[int, int]:
    """Another open assessment of the same checklist (another office), beside the first."""
    service = desktop.service
    first = service.data.assessment
    service.new_assessment(checklist_doc_id=first.checklist_doc_id, office="另一单位",
                           period=first.period)
    service.wait_idle()
    second = service.data.assessment.id
    assert second != first.id
    return first.id, second


def _status(path: Path, assessment: int) -> ItemStatus:
    with Workspace.open(path, read_only=True) as workspace:
        return workspace.item_state(assessment, FIRST_ITEM).status


def _set_status(desktop: DesktopApp, status: ItemStatus) -> None:
    assert desktop.window.select_node(FIRST_ITEM)
    desktop.window.set_status(status)
    desktop.service.wait_idle()


def test_switching_assessments_keeps_each_ones_changes_undoable(
        desktop: DesktopApp, workspace_path: Path) -> None:
    window, service = desktop.window, desktop.service
    first, second = _second_assessment(desktop)
    service.switch_assessment(first)
    before = _status(workspace_path, first)
    done = ItemStatus.LARGELY_DONE
    assert before != done
    _set_status(desktop, done)
    assert window.undo_stack.canUndo()

    service.switch_assessment(second)  # its own history: nothing of the first's to undo
    assert not window.undo_stack.canUndo() and not window.undo_action.isEnabled()
    _set_status(desktop, ItemStatus.IN_PROGRESS)
    assert window.undo_action.isEnabled() and "推进中" in window.undo_action.text()

    service.switch_assessment(first)  # back: the first's change is still there to undo
    assert window.undo_action.isEnabled() and "基本完成" in window.undo_action.text()
    window.table.setFocus()
    QTest.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    QTest.keyRelease(window.table, Qt.Key.Key_Control)  # QTest keeps Ctrl "held" else
    service.wait_idle()
    assert _status(workspace_path, first) == before
    assert _status(workspace_path, second) == ItemStatus.IN_PROGRESS  # never touched
    assert window.redo_action.isEnabled()


def test_another_opening_of_the_workspace_starts_afresh(desktop: DesktopApp,
                                                        workspace_path: Path) -> None:
    """A restore or a reopen may have replaced what the changes were made over."""
    window, service = desktop.window, desktop.service
    first, second = _second_assessment(desktop)
    _set_status(desktop, ItemStatus.DONE)
    service.switch_assessment(first)
    earlier = set(window.undo.stacks())
    window.open_workspace(workspace_path)
    service.switch_assessment(second)
    assert not window.undo_stack.canUndo()
    assert not earlier & set(window.undo.stacks())  # the earlier opening's histories: gone
    assert window.undo.stacks() == [window.undo_stack]  # only what was shown since


def test_a_deleted_assessments_history_goes_with_it(desktop: DesktopApp) -> None:
    window, service = desktop.window, desktop.service
    first, second = _second_assessment(desktop)
    kept = window.undo_stack
    service.switch_assessment(first)
    service.switch_assessment(second)
    assert window.undo_stack is kept  # the same history, not a new one
    service.delete_assessment()
    service.wait_idle()
    assert service.data.assessment.id == first
    assert kept not in window.undo.stacks()


def test_a_change_refused_after_a_switch_is_dropped_from_its_own_history(
        qtbot, workspace_path: Path, quick_lock_timeout: None) -> None:  # type: ignore[no-untyped-def]
    """A status set while the switch to another assessment was loading is written after
    the load; its refusal came when the other history was shown, and neither dropped it:
    back on the first assessment, Undo offered a change that was never saved."""
    from tests.ui.conftest import writing_elsewhere
    from tests.ui.test_item_detail import _held_desktop

    app, writer = _held_desktop(qtbot, workspace_path, FIRST_ITEM)
    service, window = app.service, app.window
    first = service.data.assessment
    service.new_assessment(checklist_doc_id=first.checklist_doc_id, office="另一单位",
                           period=first.period)
    writer.run_all()
    second = service.data.assessment.id
    service.switch_assessment(first.id)
    writer.run_all()
    assert window.select_node(FIRST_ITEM)
    service.switch_assessment(second)  # loading…
    window.set_status(ItemStatus.LARGELY_DONE)  # …meanwhile, in the first: queued after it
    assert window.undo_stack.canUndo()
    other = writing_elsewhere(workspace_path)
    writer.run_all()  # the load is done, then the write is refused
    other.rollback()
    other.close()
    assert service.data.assessment.id == second
    service.switch_assessment(first.id)
    writer.run_all()
    assert not window.undo_stack.canUndo()  # nothing to take back: it was never saved
    service.close()
    writer.run_all()


def test_mapping_steps_are_not_undone_after_another_assessment_was_shown(
        desktop: DesktopApp) -> None:
    """Mappings are the workspace's: undoing in the first assessment a mapping set there
    wrote over what was decided for it in the second."""
    window, service = desktop.window, desktop.service
    first, second = _second_assessment(desktop)
    service.switch_assessment(first)
    assert window.select_node(FIRST_ITEM)
    _set_status(desktop, ItemStatus.LARGELY_DONE)
    panel = window.item_pane.mappings
    window.item_pane.tabs.setCurrentIndex(1)
    panel.suggestions.setCurrentIndex(panel.suggestion_model.index(0))
    panel.accept_button.click()
    service.wait_idle()
    mappings = list(service.data.mappings)
    assert "对照" in window.undo_action.text()
    service.switch_assessment(second)
    service.switch_assessment(first)
    assert "基本完成" in window.undo_action.text()  # the status step: the mapping one is off
    window.undo_action.trigger()
    service.wait_idle()
    assert service.data.mappings == mappings  # the mapping stays as it is


def test_switching_back_shows_the_item_left_there(desktop: DesktopApp) -> None:
    """Worked on 二、(四) of one assessment, switched to another and back: the table was at
    its first row again."""
    window, service = desktop.window, desktop.service
    first, second = _second_assessment(desktop)
    service.switch_assessment(first)
    service.wait_idle()
    row = min(5, window.proxy.rowCount() - 1)
    from checklist_app.ui.models.item_table_model import Role

    left = window.proxy.index(row, 0).data(Role.NODE_ID)
    assert window.select_node(left) and row > 0
    service.switch_assessment(second)
    service.wait_idle()
    assert window.current_node_id() != left  # the other one starts where it starts
    service.switch_assessment(first)
    service.wait_idle()
    assert window.current_node_id() == left
    assert window.item_pane.detail.node.id == left
