"""Storage errors give advice in terms of the app's menus, and Workspace → Restore from
backup… puts a backup back (confirmed first, the replaced file kept) on the writer thread."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from checklist_app import paths
from checklist_app.app import DesktopApp
from checklist_app.storage import backup as backup_store
from checklist_app.storage.backup import (
    before_restore_folder,
    find_backup_folder,
    list_backups,
)
from checklist_app.storage.lock import WorkspaceLock
from checklist_app.storage.workspace import Workspace
from checklist_app.ui import message_box
from checklist_app.ui.dialogs.restore_dialog import RestoreDialog
from tests.storage.damage import damage_btree
from tests.ui.conftest import FIRST_ITEM

pytestmark = pytest.mark.gui


def _truncated_copy(workspace: Path, folder: Path) -> Path:
    broken = folder / "断开的副本.sqlite"
    data = workspace.read_bytes()
    broken.write_bytes(data[:len(data) // 2])
    return broken


def _backup(desktop: DesktopApp) -> Path:
    written: list[Path] = []
    desktop.service.backup(written.append)
    desktop.service.wait_idle()
    return written[0]


def _answer(monkeypatch: pytest.MonkeyPatch, files: list[Path],
            confirm: QMessageBox.StandardButton = QMessageBox.StandardButton.Yes,
            started: list[Path | None] | None = None) -> list[str]:
    """The restore dialog picks ``files`` (the workspace, then its backup; ``started``: the
    workspace it opened with); the question gets ``confirm``. The dialog's own widgets are
    driven in test_restore_dialog.py."""
    asked: list[str] = []
    workspace, backup = files

    def choose(_parent: object, start: Path | None) -> tuple[Path, Path]:
        if started is not None:
            started.append(start)
        return backup, workspace

    monkeypatch.setattr(RestoreDialog, "choose", choose)
    monkeypatch.setattr(message_box, "question",
                        lambda _parent, _title, text, *args: asked.append(text) or confirm)
    return asked


def test_a_truncated_workspace_points_to_the_restore_menu(desktop: DesktopApp,
                                                          workspace_path: Path,
                                                          tmp_path: Path) -> None:
    desktop.window.open_workspace(_truncated_copy(workspace_path, tmp_path))
    message = desktop.window.banner.error.label.text()
    assert "不完整" in message or "截断" in message
    assert message.endswith("可通过“工作区 → 从备份恢复…”进行。")
    assert "checklist" not in message
    offer = desktop.window.banner.error.offer  # and a button there that opens it
    assert offer.isVisibleTo(desktop.window) and offer.text() == "从备份恢复…"


def test_the_restore_offer_opens_the_restore_dialog_on_the_damaged_file(
        desktop: DesktopApp, workspace_path: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from checklist_app.ui.dialogs.restore_dialog import RestoreDialog

    broken = _truncated_copy(workspace_path, tmp_path)
    desktop.window.open_workspace(broken)
    asked: list[Path | None] = []
    monkeypatch.setattr(RestoreDialog, "choose",
                        lambda _parent, start: asked.append(start))  # chosen nothing
    desktop.window.banner.error.offer.click()
    assert asked == [broken]


def test_a_policy_document_opened_as_a_workspace_offers_to_import_it(
        desktop: DesktopApp, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The policy text chosen in 打开工作区: the banner says where it goes, no word of
    SQLite, and its button opens the import preview on that file."""
    from checklist_app.ui.dialogs.import_preview import ImportPreview

    document = tmp_path / "某区实施方案.txt"
    document.write_bytes("某区标准化实施方案\n一、主要任务\n1.制定地方标准。\n".encode("gbk"))
    shown = desktop.service.data.path
    desktop.window.open_workspace(document)
    message = desktop.window.banner.error.label.text()
    assert "导入政策文件" in message and "SQLite" not in message
    assert desktop.service.data.path == shown  # the workspace open before stays open
    offer = desktop.window.banner.error.offer
    assert offer.isVisibleTo(desktop.window) and offer.text() == "导入此文件…"
    offer.click()
    preview = desktop.window.import_dialog
    assert isinstance(preview, ImportPreview) and preview.isVisible()
    qtbot.waitUntil(lambda: preview.document is not None, timeout=10_000)
    assert [n.title for n in preview.document.nodes if n.checkable] == ["制定地方标准"]
    preview.reject()
    scanned = tmp_path / "纲要.pdf"  # a document the importer cannot read: no import offered
    scanned.write_bytes(b"%PDF-1.4\n" + bytes(200))
    desktop.window.open_workspace(scanned)
    assert "是文档，不是工作区文件" in desktop.window.banner.error.label.text()
    assert not desktop.window.banner.error.offer.isVisibleTo(desktop.window)


def test_an_empty_file_points_to_the_new_workspace_menu(desktop: DesktopApp,
                                                        tmp_path: Path) -> None:
    empty = tmp_path / "空.sqlite"
    empty.touch()
    desktop.window.open_workspace(empty)
    message = desktop.window.banner.error.label.text()
    assert message.endswith("新建工作区请用“工作区 → 新建工作区…”。")
    assert "checklist" not in message


def test_restore_replaces_a_truncated_workspace_and_opens_it(
        desktop: DesktopApp, workspace_path: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    backup = _backup(desktop)
    broken = _truncated_copy(workspace_path, tmp_path)
    window = desktop.window
    window.open_workspace(broken)
    assert window.banner.error.isVisibleTo(window)
    asked = _answer(monkeypatch, [broken, backup])
    window.choose_backup_to_restore()
    assert asked and str(broken) in asked[0]
    data = desktop.service.data
    assert data.path == broken and data.editable
    assert data.state(FIRST_ITEM).note == "已完成"
    assert not window.banner.error.isVisibleTo(window)
    kept = next(before_restore_folder().glob("断开的副本-*-before-restore.sqlite"))
    assert kept.stat().st_size == len(workspace_path.read_bytes()) // 2  # as it was
    assert str(kept) in window.banner.notice.label.text()
    assert "恢复。 " not in window.banner.notice.label.text()  # no space after a Chinese 。


def test_restoring_the_open_workspace_keeps_what_it_replaced(
        desktop: DesktopApp, workspace_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    backup = _backup(desktop)
    desktop.service.set_item(FIRST_ITEM, note="备份之后写的")
    _answer(monkeypatch, [workspace_path, backup])
    desktop.window.choose_backup_to_restore()
    assert desktop.service.data.state(FIRST_ITEM).note == "已完成"
    desktop.service.set_item(FIRST_ITEM, note="恢复之后写的")  # open for writing again
    assert desktop.service.data.state(FIRST_ITEM).note == "恢复之后写的"
    kept = next(before_restore_folder().glob("workspace-*-before-restore.sqlite"))
    with Workspace.open(kept, read_only=True) as workspace:
        assessment = workspace.only_open_assessment()
        assert workspace.item_state(assessment.id, FIRST_ITEM).note == "备份之后写的"


def test_nothing_is_restored_without_confirming(desktop: DesktopApp, workspace_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    backup = _backup(desktop)
    desktop.service.set_item(FIRST_ITEM, note="留着")
    _answer(monkeypatch, [workspace_path, backup], QMessageBox.StandardButton.Cancel)
    desktop.window.choose_backup_to_restore()
    assert desktop.service.data.state(FIRST_ITEM).note == "留着"
    assert not list(before_restore_folder().glob("*.sqlite"))


def test_restoring_the_only_backup_kept_is_not_rotated_away_first(
        desktop: DesktopApp, workspace_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    desktop.service.apply_settings(user="", backup_keep=1)
    backup = desktop.service._ws().backup()  # automatic: the one the rotation counts
    desktop.service.set_item(FIRST_ITEM, note="备份之后写的")  # closing would back it up
    monkeypatch.setattr(backup_store, "is_recent", lambda _folder, _interval: False)
    _answer(monkeypatch, [workspace_path, backup])
    desktop.window.choose_backup_to_restore()
    assert not desktop.window.banner.error.isVisibleTo(desktop.window)
    assert desktop.service.data.state(FIRST_ITEM).note == "已完成"
    assert list_backups(backup.parent) == [backup]


def _refused_after(monkeypatch: pytest.MonkeyPatch,
                   before: Callable[[Path], None]) -> None:
    """The restore does ``before(workspace)`` first (what another program might do)."""
    real = backup_store.restore

    def restore(backup: Path, db_path: Path, safety: Path, **options: int) -> Path | None:
        before(db_path)
        return real(backup, db_path, safety, **options)

    monkeypatch.setattr(backup_store, "restore", restore)


def test_a_refused_restore_shows_the_workspace_as_it_was_opened_again(
        desktop: DesktopApp, workspace_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    backup = _backup(desktop)
    other = WorkspaceLock(workspace_path, "王五")
    _refused_after(monkeypatch, lambda _path: other.acquire())
    _answer(monkeypatch, [workspace_path, backup])
    try:
        desktop.window.choose_backup_to_restore()
    finally:
        other.release()
    window = desktop.window
    assert "先在那里关闭" in window.banner.error.label.text()  # why the restore was refused
    assert desktop.service.data.read_only and "王五" in desktop.service.data.locked_by
    assert "王五" in window.banner.state.label.text()
    assert not window.cycle_action.isEnabled()


def test_a_workspace_that_cannot_be_opened_again_after_a_refused_restore_is_shown_closed(
        desktop: DesktopApp, workspace_path: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    gone = _backup(desktop)  # passes the check before the question, then goes away

    def emptied_and_backup_gone(path: Path) -> None:
        path.write_bytes(b"")
        gone.unlink()

    _refused_after(monkeypatch, emptied_and_backup_gone)
    _answer(monkeypatch, [workspace_path, gone])
    window = desktop.window
    window.choose_backup_to_restore()
    assert str(gone) in window.banner.error.label.text()  # the restore's error, not the reopen's
    assert desktop.service.data is None
    assert window.pages.currentWidget() is window.welcome
    assert not window.cycle_action.isEnabled() and not window.backup_action.isEnabled()


def test_the_restore_dialog_starts_at_the_workspace_open_not_one_that_failed_before(
        desktop: DesktopApp, workspace_path: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window = desktop.window
    window.open_workspace(_truncated_copy(workspace_path, tmp_path))
    new = tmp_path / "新建.sqlite"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: (str(new), ""))
    window.choose_new_workspace()
    assert desktop.service.data.path == new
    backup = _backup(desktop)
    started: list[Path | None] = []
    _answer(monkeypatch, [new, backup], QMessageBox.StandardButton.Cancel, started)
    window.choose_backup_to_restore()
    assert started == [new]


def test_another_workspaces_backup_is_refused_before_the_question(
        desktop: DesktopApp, workspace_path: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The clerk confirmed 用备份…替换…吗？ and only then heard the backup was another
    workspace's."""
    from checklist_app.storage.workspace import workspace_with_documents
    from tests.storage.conftest import chongqing

    other = workspace_with_documents(tmp_path / "另一个.sqlite", [chongqing()])
    foreign = other.backup()
    other.close()
    asked = _answer(monkeypatch, [workspace_path, foreign])
    desktop.window.choose_backup_to_restore()
    desktop.service.wait_idle()
    assert asked == []  # never asked
    error = desktop.window.banner.error
    assert error.isVisibleTo(desktop.window) and "另一个工作区" in error.label.text()
    assert not list(before_restore_folder().glob("*.sqlite"))


def test_a_backup_chosen_as_the_workspace_to_replace_is_refused(
        desktop: DesktopApp, workspace_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Picked the wrong way round, both files have the same workspace id: the live file
    would have been copied over the backup, and the app gone on working in the backups."""
    backup = _backup(desktop)
    before = backup.read_bytes()
    asked = _answer(monkeypatch, [backup, workspace_path])
    desktop.window.choose_backup_to_restore()
    desktop.service.wait_idle()
    assert asked == [] and backup.read_bytes() == before
    text = desktop.window.banner.error.label.text()
    assert "备份文件夹" in text and "先选择" in text


def test_a_damaged_workspace_is_not_backed_up_and_the_banner_says_so(
        desktop: DesktopApp, template_workspace: Path, tmp_path: Path) -> None:
    """The automatic backup copied the damaged file (and rotated good backups out); a
    failed backup said the clerk's work was not affected."""
    damaged = tmp_path / "受损.sqlite"
    shutil.copyfile(template_workspace, damaged)
    damage_btree(damaged, "node_revisions")  # the window opens it; a backup would copy it
    desktop.window.open_workspace(damaged)
    desktop.service.wait_idle()
    assert desktop.service.data is not None and desktop.service.data.path == damaged
    notice = desktop.window.banner.notice.label.text()
    assert notice == (f"工作区“{damaged}”已损坏，因此未对其备份；此前的备份均已保留。"
                      "请从其中最近的一份恢复。可通过“工作区 → 从备份恢复…”进行。")
    folder = find_backup_folder(damaged)
    assert folder is None or list(folder.iterdir()) == []  # no copy of it, no .part
    assert not any(f.name.startswith("受损") for f in paths.backups_dir().rglob("*"))


@pytest.mark.parametrize("target", ["text", "itself"])
def test_the_menu_refuses_to_restore_over_what_is_no_workspace_or_over_itself(
        desktop: DesktopApp, workspace_path: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, target: str) -> None:
    notes = tmp_path / "会议纪要.txt"
    notes.write_text("下周一开会。")
    files = [notes, _backup(desktop)] if target == "text" else [workspace_path, workspace_path]
    before = files[0].read_bytes()
    asked = _answer(monkeypatch, files)
    desktop.window.choose_backup_to_restore()
    desktop.service.wait_idle()
    assert asked == [] and files[0].read_bytes() == before
    text = desktop.window.banner.error.label.text()
    assert ("不是本软件的工作区" if target == "text" else "不能用自身来恢复") in text
    assert not list(before_restore_folder().glob("*.sqlite"))


def test_a_backup_changed_outside_the_app_is_named_so_before_it_is_restored(
        desktop: DesktopApp, workspace_path: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """It was restored with the plain question, as if it checked out."""
    import sqlite3
    from contextlib import closing

    backup = _backup(desktop)
    tampered = tmp_path / backup.name
    tampered.write_bytes(backup.read_bytes())
    with closing(sqlite3.connect(tampered)) as conn, conn:
        conn.execute("UPDATE item_states SET note = '事后改写' WHERE node_id = ?", [FIRST_ITEM])
    warned: list[str] = []
    _answer(monkeypatch, [workspace_path, tampered], QMessageBox.StandardButton.Cancel)
    monkeypatch.setattr(message_box, "warning", lambda _parent, _title, text, *args:
                        warned.append(text) or QMessageBox.StandardButton.Cancel)
    desktop.window.choose_backup_to_restore()
    assert len(warned) == 1 and warned[0].startswith("此备份未通过校验：")
    assert "在本程序之外" in warned[0] and "用备份“" in warned[0]
    assert desktop.service.data.state(FIRST_ITEM).note == "已完成"  # nothing restored


def test_a_workspace_whose_data_cannot_be_read_is_not_kept_open(
        desktop: DesktopApp, template_workspace: Path, tmp_path: Path) -> None:
    """The load failed but the file stayed open and locked (the command line called it in
    use), and the automatic backup's word on it then replaced the error."""
    from checklist_app.core import ItemStatus
    from checklist_app.storage.lock import lock_path_for

    damaged = tmp_path / "受损.sqlite"
    shutil.copyfile(template_workspace, damaged)
    damage_btree(damaged, "item_states")
    desktop.window.open_workspace(damaged)
    desktop.service.wait_idle()
    error = desktop.window.banner.error
    assert error.isVisibleTo(desktop.window) and "已损坏" in error.label.text()
    assert not desktop.window.banner.notice.isVisibleTo(desktop.window)  # no backup notice
    assert not lock_path_for(damaged).exists()
    data = desktop.service.data  # the workspace shown before is still open, and editable
    assert data is not None and data.path != damaged and data.editable
    assert desktop.window.select_node(FIRST_ITEM)
    desktop.window.set_status(ItemStatus.DONE)  # refused as 已打开了另一个工作区 before
    desktop.service.wait_idle()
    assert desktop.service.data.state(FIRST_ITEM).status is ItemStatus.DONE
