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
    done = ItemStatus.NOT_APPLICABLE
    assert before != done
    _set_status(desktop, done)
    assert window.undo_stack.canUndo()

    service.switch_assessment(second)  # its own history: nothing of the first's to undo
    assert not window.undo_stack.canUndo() and not window.undo_action.isEnabled()
    _set_status(desktop, ItemStatus.IN_PROGRESS)
    assert window.undo_action.isEnabled() and "推进中" in window.undo_action.text()

    service.switch_assessment(first)  # back: the first's change is still there to undo
    assert window.undo_action.isEnabled() and "不适用" in window.undo_action.text()
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
    window.open_workspace(workspace_path)
    service.switch_assessment(second)
    assert not window.undo_stack.canUndo()
    assert len(window.undo.stacks()) <= 2  # the earlier opening's histories are gone


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
