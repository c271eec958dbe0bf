"""Long file names (a legal 80 hanzi): a workspace whose name leaves no room for SQLite's
files beside it is refused in words; backups and temporaries of long names fit."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from checklist_app.storage import backup as backup_store
from checklist_app.storage.errors import StorageError
from checklist_app.storage.temp_files import NAME_MAX, name_bytes, temp_path_for
from checklist_app.storage.workspace import Workspace

OFFICE = "重庆市市场监督管理局"


def test_a_name_too_long_for_the_files_beside_it_is_refused_in_words(tmp_path: Path) -> None:
    """82 hanzi: the name fits, its -wal does not; opening ended in a traceback (Errno 36)."""
    path = tmp_path / (OFFICE * 8 + "自查.sqlite")
    assert name_bytes(path.name) <= NAME_MAX < name_bytes(path.name + "-wal")
    with pytest.raises(StorageError, match=r"文件名过长|too long"):
        Workspace.create(path)
    assert not path.exists()
    path.write_bytes(b"")
    with pytest.raises(StorageError, match=r"文件名过长|too long"):
        Workspace.open(path)


def test_a_long_named_workspace_is_backed_up(tmp_path: Path) -> None:
    """74 hanzi: every automatic and manual backup failed (the backup's name was too long),
    said as a folder or permission problem."""
    path = tmp_path / (OFFICE * 7 + "二〇二五年度自查.sqlite")
    policy = backup_store.BackupPolicy(folder=tmp_path / "backups", min_interval_s=0)
    with Workspace.create(path, backups=policy) as workspace:
        made = workspace.backup(label=backup_store.MANUAL)
    assert made.is_file() and name_bytes(made.name) <= NAME_MAX
    assert made.name.startswith(OFFICE * 5)  # named after the workspace, cut short
    with sqlite3.connect(made) as copy:
        assert copy.execute("PRAGMA quick_check").fetchone() == ("ok",)
    assert backup_store.find_backup_folder(path, policy) == made.parent


def test_a_temporary_of_a_long_name_fits_beside_it(tmp_path: Path) -> None:
    """Saving 同名.pdf beside a long-named workspace failed: its temporary's name did not."""
    target = tmp_path / (OFFICE * 8 + ".pdf")
    temp = temp_path_for(target)
    assert temp.is_file() and name_bytes(temp.name + "-journal") <= NAME_MAX
    assert temp_path_for(target).parent == tmp_path
