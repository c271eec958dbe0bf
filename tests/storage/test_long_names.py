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
    assert made.name.startswith(OFFICE * 1)  # named after the workspace, cut short
    assert made.parent.name.startswith(OFFICE * 7)  # its folder, as before
    with sqlite3.connect(made) as copy:
        assert copy.execute("PRAGMA quick_check").fetchone() == ("ok",)
    assert backup_store.find_backup_folder(path, policy) == made.parent


def test_a_temporary_of_a_long_name_fits_beside_it(tmp_path: Path) -> None:
    """Saving 同名.pdf beside a long-named workspace failed: its temporary's name did not."""
    target = tmp_path / (OFFICE * 8 + ".pdf")
    temp = temp_path_for(target)
    assert temp.is_file() and name_bytes(temp.name + "-journal") <= NAME_MAX
    assert temp_path_for(target).parent == tmp_path


def test_names_whose_backups_worked_before_keep_their_backup_folder() -> None:
    """Names up to 210 bytes had working backups in folders named with the whole name:
    cutting them at 190 bytes left those backups unfound (70 hanzi are 210 bytes)."""
    assert backup_store.backup_stem(Path("某" * 70 + ".sqlite")) == "某" * 70
    assert backup_store.backup_stem(Path("某" * 80 + ".sqlite")) == "某" * 70


def test_the_refusal_counts_the_name_before_its_extension(tmp_path: Path) -> None:
    path = tmp_path / ("某" * 82 + ".sqlite")
    with pytest.raises(StorageError) as refused:
        Workspace.create(path)
    allowed = (NAME_MAX - len("-journal") - name_bytes(".sqlite")) // name_bytes("某")
    assert f" {allowed} " in str(refused.value)
    Workspace.create(tmp_path / ("某" * allowed + ".sqlite")).close()


def test_temporaries_left_under_the_whole_name_are_still_cleaned_up(tmp_path: Path) -> None:
    import os
    import time

    target = tmp_path / ("某" * 70 + ".pdf")  # 214 bytes: its temporaries were named whole
    left = tmp_path / f".{target.name}.0123abcd.part"
    left.write_bytes(b"x")
    old = time.time() - 2 * 3600
    os.utime(left, (old, old))
    temp_path_for(target)
    assert not left.exists()


def test_backups_named_whole_and_cut_short_rotate_by_time(tmp_path: Path) -> None:
    """A long name's older backups start with it whole, newer ones cut short: sorted by
    name, rotation would have deleted the newest."""
    folder = tmp_path / "backups"
    folder.mkdir()
    old = folder / f"{'某' * 30}-20250101-080000-000000.sqlite"
    new = folder / f"{'某' * 20}-20260101-080000-000000.sqlite"
    for path in (old, new):
        path.write_bytes(b"")
    assert backup_store.list_backups(folder) == [old, new]
    assert backup_store.rotate(folder, keep=1) == [old] and new.exists()


def test_two_long_names_alike_keep_apart_and_a_stamp_in_a_name_is_not_the_backups(
        tmp_path: Path) -> None:
    """…（初稿） and …（终稿）, copied from one file, shared their cut name and id: each
    rotated the other's copies. A name holding a stamp of its own dated every backup so."""
    first, final = (Path(f"{OFFICE * 3}{word}.sqlite") for word in ("（初稿）", "（终稿）"))
    assert backup_store.backup_file_stem(first) != backup_store.backup_file_stem(final)
    assert name_bytes(backup_store.backup_file_stem(first)) <= backup_store.FILE_STEM_BYTES
    assert backup_store.backup_file_stem(Path("自查.sqlite")) == "自查"  # short: as before
    folder = tmp_path / "b"
    folder.mkdir()
    made = folder / "自查-20990101-000000-000000-20261207-101500-123456-manual.sqlite"
    made.write_bytes(b"")
    [entry] = backup_store.describe_backups(folder)
    assert entry.taken_at.year == 2026 and entry.kind is backup_store.BackupKind.MANUAL
