"""Keys pressed faster than the writer saves: each press starts from the one before it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from checklist_app.ui.main_window import next_status
from tests.ui.conftest import FIRST_ITEM
from tests.ui.test_startup import HeldPool

pytestmark = pytest.mark.gui


def test_space_pressed_three_times_before_a_save_lands_moves_three_steps(desktop, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Three quick presses on a just-opened item ended one step on: each read the status
    still stored while the save before was on its way (变更记录 had one entry)."""
    window, service = desktop.window, desktop.service
    assert window.select_node(FIRST_ITEM)
    start = service.data.state(FIRST_ITEM).status
    held = HeldPool()
    service._writer.pool = held  # the writer is busy: saves wait their turn
    window.table.setFocus()
    for _press in range(3):
        qtbot.keyClick(window.table, Qt.Key.Key_Space)
    expected = start
    for _step in range(3):
        expected = next_status(expected, bool(service.data.state(FIRST_ITEM).justification))
    assert len(held.jobs) == 3
    held.run_all()
    assert service.data.state(FIRST_ITEM).status == expected
    window.undo_action.trigger()  # one press back
    held.run_all()
    assert service.data.state(FIRST_ITEM).status != expected
