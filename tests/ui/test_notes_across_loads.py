"""What is typed for one period or workspace is saved there, and never into the data loaded
next: switching periods with an item selected wrote the old period's note over the new
one's, and a restore wrote the newest note back over the restored file."""

from __future__ import annotations

from pathlib import Path

import pytest

from checklist_app.app import DesktopApp
from checklist_app.storage.workspace import Workspace
from tests.ui.conftest import FIRST_ITEM

pytestmark = pytest.mark.gui


def _two_periods(desktop: DesktopApp) -> tuple[int, int]:
    """The fixture's 2024 assessment closed and carried into a second one, now shown."""
    first = desktop.service.data.assessment.id
    desktop.window.carry_forward().accept()
    second = desktop.service.data.assessment.id
    assert second != first
    return first, second


def _type_note(window, text: str):  # type: ignore[no-untyped-def]
    """Replace the shown item's note, as an input method types it (not saved yet)."""
    note = window.item_pane.detail.note
    note.setFocus()
    note.selectAll()
    note.insertPlainText(text)
    return note


def _notes(path: Path, *assessments: int) -> list[str]:
    with Workspace.open(path, read_only=True) as workspace:
        return [workspace.item_state(a, FIRST_ITEM).note for a in assessments]


def test_switching_periods_never_copies_a_note(desktop: DesktopApp, qtbot,  # type: ignore[no-untyped-def]
                                               workspace_path: Path) -> None:
    window, service = desktop.window, desktop.service
    first, second = _two_periods(desktop)
    old_note = _notes(workspace_path, first)[0]
    assert window.select_node(FIRST_ITEM)
    note = _type_note(window, "2025年新写的备注")
    window.item_pane.detail.save_note()
    service.wait_idle()
    service.switch_assessment(first)
    assert window.select_node(FIRST_ITEM)
    assert note.toPlainText() == old_note
    service.switch_assessment(second)
    assert window.select_node(FIRST_ITEM)
    assert note.toPlainText() == "2025年新写的备注"
    service.wait_idle()
    assert _notes(workspace_path, first, second) == [old_note, "2025年新写的备注"]


def test_typing_not_yet_saved_goes_to_its_own_period(desktop: DesktopApp, qtbot,  # type: ignore[no-untyped-def]
                                                     workspace_path: Path) -> None:
    """A note typed and the period switched before the save timer fired."""
    window, service = desktop.window, desktop.service
    first, second = _two_periods(desktop)
    old_note = _notes(workspace_path, first)[0]
    assert window.select_node(FIRST_ITEM)
    note = _type_note(window, "刚输入")
    service.switch_assessment(first)  # the save timer has not fired yet
    service.wait_idle()
    assert window.select_node(FIRST_ITEM)
    assert note.toPlainText() == old_note
    assert _notes(workspace_path, first, second) == [old_note, "刚输入"]


def test_a_restore_keeps_the_note_of_the_backup(desktop: DesktopApp,  # type: ignore[no-untyped-def]
                                                workspace_path: Path, monkeypatch) -> None:
    """The note typed after the backup, shown in the pane, was saved again over the
    restored file (the change log had a set by the user at the moment of the restore)."""
    from tests.ui.test_restore import _answer, _backup

    window = desktop.window
    backup = _backup(desktop)
    assert window.select_node(FIRST_ITEM)
    note = _type_note(window, "备份之后写的")
    window.item_pane.detail.save_note()
    _answer(monkeypatch, [workspace_path, backup])
    window.choose_backup_to_restore()
    desktop.service.wait_idle()
    assert window.select_node(FIRST_ITEM)
    assert note.toPlainText() == "已完成"
    assert _notes(workspace_path, desktop.service.data.assessment.id) == ["已完成"]


class GatedPool:
    """A writer that runs jobs at once, or keeps them while ``hold`` (another workspace is
    still opening) and then runs them in order."""

    def __init__(self) -> None:
        self.hold = False
        self.queue: list = []

    def start(self, runnable) -> None:  # type: ignore[no-untyped-def]
        if self.hold:
            self.queue.append(runnable)
        else:
            runnable.run()

    def release(self) -> None:
        from PySide6.QtWidgets import QApplication

        self.hold = False
        while self.queue:
            self.queue.pop(0).run()
            QApplication.processEvents()

    def waitForDone(self, msecs: int = -1) -> bool:
        return True


def _gated_desktop(qtbot, workspace_path: Path) -> tuple[DesktopApp, GatedPool]:  # type: ignore[no-untyped-def]
    from checklist_app.app import build
    from checklist_app.settings import Settings
    from checklist_app.ui.workers import InlinePool

    pool = GatedPool()
    app = build(Settings(), writer=pool, background=InlinePool())
    qtbot.addWidget(app.window)
    app.window.show()
    app.window.open_workspace(workspace_path)
    return app, pool


def test_typing_while_another_workspace_opens_is_not_saved_into_it(  # type: ignore[no-untyped-def]
        qtbot, workspace_path: Path, tmp_path: Path) -> None:
    """A note typed for workspace A, saved while B was opening, went into B."""
    import shutil

    other = tmp_path / "另一个.sqlite"
    shutil.copyfile(workspace_path, other)
    app, pool = _gated_desktop(qtbot, workspace_path)
    window = app.window
    assert window.select_node(FIRST_ITEM)
    pool.hold = True
    window.open_workspace(other)  # still opening: the pane still shows A's item
    _type_note(window, "为A输入")
    window.item_pane.detail.save_note()
    pool.release()
    app.service.close()
    with Workspace.open(other, read_only=True) as workspace:
        assert workspace.item_state(workspace.assessments()[0].id, FIRST_ITEM).note == "已完成"


def test_a_save_for_the_period_shown_before_stays_out_of_the_new_one(  # type: ignore[no-untyped-def]
        qtbot, workspace_path: Path) -> None:
    """Landing after the switch, the old period's state went into the new period's cache."""
    app, pool = _gated_desktop(qtbot, workspace_path)
    window, service = app.window, app.service
    first = service.data.assessment.id
    service.new_assessment(office="某局", period="2025年度", checklist_doc_id="chongqing-2022")
    second = service.data.assessment.id
    assert window.select_node(FIRST_ITEM)
    pool.hold = True
    service.switch_assessment(first)
    _type_note(window, "写给2025年度")
    window.item_pane.detail.save_note()
    pool.release()
    assert service.data.assessment.id == first
    assert service.data.state(FIRST_ITEM).assessment_id == first
    assert service.data.state(FIRST_ITEM).note == "已完成"
    app.service.close()
    assert _notes(workspace_path, first, second) == ["已完成", "写给2025年度"]
