"""Storage messages reach users in Chinese and always name the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from checklist_app.i18n import reset_language, translations_dir
from checklist_app.storage.errors import NotAWorkspaceError
from checklist_app.storage.workspace import Workspace

CATALOG = translations_dir() / "zh_CN" / "LC_MESSAGES" / "checklist_app.mo"


@pytest.mark.skipif(not CATALOG.exists(), reason="no zh_CN catalog built")
def test_not_a_workspace_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKLIST_APP_LANG", "zh_CN")
    reset_language()
    path = tmp_path / "笔记.txt"
    path.write_text("x" * 200)
    with pytest.raises(NotAWorkspaceError) as info:
        Workspace.open(path)
    message = str(info.value)
    assert str(path) in message
    assert any("\u4e00" <= c <= "\u9fff" for c in message.replace(str(path), ""))


@pytest.mark.parametrize("error", [
    PermissionError(13, "Permission denied", "/srv/导出/.export-x1y2z3.part"),
    PermissionError(13, "Permission denied", "/srv/导出/.方案.txt.1a2b3c4d.part"),
])
def test_a_refused_temporary_file_is_named_as_the_file_asked_for(error: OSError) -> None:
    """Writes go to a hidden .part file first; the message named it (.export-x1y2z3.part)."""
    from checklist_app.storage.errors import translate

    message = str(translate(error, Path("/srv/导出/方案.txt")))
    assert "/srv/导出/方案.txt" in message and ".part" not in message


def test_name_targets_renames_both_files_of_an_error() -> None:
    from checklist_app.storage.errors import name_targets

    temp, target = Path("/d/.r.pdf.1234.part"), Path("/d/r.pdf")
    error = name_targets(OSError(18, "Invalid cross-device link", str(temp), None, str(temp)),
                         {temp: target})
    assert (error.filename, error.filename2) == (str(target), str(target))
    assert str(target) in str(error)


def test_a_full_copy_names_the_disk_it_was_written_to() -> None:
    """shutil's copy names its source first: a full backup disk was reported as the
    workspace's disk, which had room."""
    import errno

    from checklist_app.storage.errors import DiskError, DiskFullError, translate

    source, target = "/home/科员/工作区.sqlite", "/media/备份盘/工作区-before-restore.sqlite"
    full = translate(OSError(errno.ENOSPC, "No space left on device", source, None, target),
                     Path(source))
    assert isinstance(full, DiskFullError) and target in str(full) and source not in str(full)
    too_big = translate(OSError(errno.EFBIG, "File too large", target), Path(source))
    assert isinstance(too_big, DiskError) and "4 GB" in str(too_big)
    failed = translate(OSError(errno.EIO, "Input/output error", source, None, target),
                       Path(source))  # the disk read may be the one that failed
    assert isinstance(failed, DiskError) and source in str(failed)


def test_an_sqlite_io_error_is_no_damaged_workspace() -> None:
    import sqlite3

    from checklist_app.storage.errors import CorruptWorkspaceError, DiskError, translate

    error = sqlite3.OperationalError("disk I/O error")
    found = translate(error, Path("/media/u盘/工作区.sqlite"))
    assert isinstance(found, DiskError) and not isinstance(found, CorruptWorkspaceError)
    assert isinstance(translate(sqlite3.DatabaseError("database disk image is malformed"),
                                Path("/w.sqlite")), CorruptWorkspaceError)
