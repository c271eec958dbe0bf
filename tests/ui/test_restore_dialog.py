"""The restore dialog: the backups of the workspace open, newest first, in one dialog (it
asked for the workspace, then the backup, in two file dialogs)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from checklist_app.app import DesktopApp
from checklist_app.storage.backup import BackupPolicy, find_backup_folder
from checklist_app.storage.workspace import workspace_with_documents
from checklist_app.ui import message_box
from checklist_app.ui.dialogs.restore_dialog import RestoreDialog
from tests.storage.conftest import chongqing
from tests.ui.conftest import FIRST_ITEM, screenshot

pytestmark = pytest.mark.gui


def _backups(desktop: DesktopApp) -> list[Path]:
    """An automatic backup, then one made by hand (Back up now)."""
    made = [desktop.service._ws().backup()]
    desktop.service.backup(made.append)
    desktop.service.wait_idle()
    return made


def _rows(dialog: RestoreDialog) -> list[list[str]]:
    return [[dialog.backups.topLevelItem(row).text(column) for column in range(3)]
            for row in range(dialog.backups.topLevelItemCount())]


def test_the_backups_of_the_open_workspace_are_listed_newest_first(  # type: ignore[no-untyped-def]
        desktop: DesktopApp, workspace_path: Path, qtbot) -> None:
    automatic, manual = _backups(desktop)
    dialog = RestoreDialog(workspace_path, desktop.window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert str(workspace_path) in dialog.workspace_label.text()
    rows = _rows(dialog)
    # with the automatic backup of opening it, older still
    assert [kind for _taken, kind, _size in rows] == ["手动", "自动", "自动"]
    assert rows[0][0] >= rows[1][0] >= rows[2][0] and rows[0][0][:2] == "20"  # 2026-12-06 23:45
    assert rows[0][2].endswith(("KB", "MB"))
    assert dialog.restore_button.isEnabled()  # the newest is chosen
    assert dialog.chosen() == (manual, workspace_path)
    dialog.backups.setCurrentItem(dialog.backups.topLevelItem(1))
    assert dialog.chosen() == (automatic, workspace_path)
    assert not dialog.hint.isVisibleTo(dialog)
    screenshot(dialog, "restore-dialog")


def test_a_workspace_without_backups_says_where_else_to_look(  # type: ignore[no-untyped-def]
        desktop: DesktopApp, tmp_path: Path, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    never = BackupPolicy(on_open=False, on_close=False)
    workspace_path = tmp_path / "新的.sqlite"
    workspace_with_documents(workspace_path, [chongqing()], backups=never).close()
    assert find_backup_folder(workspace_path) is None
    dialog = RestoreDialog(workspace_path, desktop.window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert _rows(dialog) == [] and not dialog.restore_button.isEnabled()
    assert "其他位置的备份文件" in dialog.hint.text() and dialog.hint.isVisibleTo(dialog)
    on_stick = tmp_path / "U盘" / "备份.sqlite"
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *_args: (str(on_stick), ""))
    qtbot.mouseClick(dialog.other_file, Qt.MouseButton.LeftButton)
    assert dialog.result() == RestoreDialog.DialogCode.Accepted
    assert dialog.chosen() == (on_stick, workspace_path)


def test_another_workspace_lists_its_own_backups(  # type: ignore[no-untyped-def]
        desktop: DesktopApp, workspace_path: Path, tmp_path: Path, qtbot,
        monkeypatch: pytest.MonkeyPatch) -> None:
    _backups(desktop)
    dialog = RestoreDialog(None, desktop.window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "尚未选择工作区" in dialog.workspace_label.text()
    assert "其他工作区" in dialog.hint.text()
    assert not dialog.restore_button.isEnabled() and not dialog.other_file.isEnabled()
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *_args: (str(workspace_path), ""))
    qtbot.mouseClick(dialog.other_workspace, Qt.MouseButton.LeftButton)
    assert len(_rows(dialog)) == 3 and dialog.restore_button.isEnabled()
    assert dialog.chosen() is not None and dialog.chosen()[1] == workspace_path


def test_the_menu_restores_the_backup_picked_in_the_dialog(  # type: ignore[no-untyped-def]
        desktop: DesktopApp, workspace_path: Path, qtbot,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Through the real dialog: Enter on the older backup, then Yes to the question."""
    automatic, _manual = _backups(desktop)  # both hold the note 已完成
    desktop.service.set_item(FIRST_ITEM, note="备份之后写的")
    asked: list[str] = []
    monkeypatch.setattr(message_box, "question", lambda _parent, _title, text, *args:
                        asked.append(text) or QMessageBox.StandardButton.Yes)

    def pick_the_older() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, RestoreDialog)
        qtbot.keyClick(dialog.backups, Qt.Key.Key_Down)
        qtbot.keyClick(dialog.backups, Qt.Key.Key_Return)

    QTimer.singleShot(0, pick_the_older)
    desktop.window.restore_action.trigger()
    desktop.service.wait_idle()
    assert len(asked) == 1 and automatic.name in asked[0]
    assert desktop.service.data.state(FIRST_ITEM).note == "已完成"
