"""Windows behaviour, simulated on Linux: network share paths (UNC, mapped drives), and
file locks that are mandatory (a locked byte cannot be read by others) and files that cannot
be deleted while they are open."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path, PureWindowsPath

import pytest

from checklist_app.storage import lock as lock_module
from checklist_app.storage.db import file_uri
from checklist_app.storage.errors import WorkspaceLockedError
from checklist_app.storage.lock import WorkspaceLock


def test_a_network_share_path_gives_a_uri_sqlite_accepts() -> None:
    """A mapped drive (Z:) resolves to \\\\server\\share; SQLite refuses "file://server/"."""
    uri = file_uri(PureWindowsPath(r"\\server\share\自查\工作区.sqlite"), "mode=memory")
    assert uri.startswith("file:////server/share/")
    with closing(sqlite3.connect(uri, uri=True)) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)


def test_a_drive_letter_path_keeps_its_uri() -> None:
    uri = file_uri(PureWindowsPath(r"C:\自查 #1\工作区?.sqlite"), "mode=ro")
    assert uri == ("file:///C:/%E8%87%AA%E6%9F%A5%20%231/"
                   "%E5%B7%A5%E4%BD%9C%E5%8C%BA%3F.sqlite?mode=ro")


def open_in_this_process(path: Path) -> bool:
    folder = Path("/proc/self/fd")
    return any(os.path.realpath(folder / fd) == str(path.resolve()) for fd in os.listdir(folder))


def test_the_holder_is_read_past_the_locked_byte(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """On Windows a byte another process locked cannot be read: the holder is after it."""
    first = WorkspaceLock(tmp_path / "工作区.sqlite", user="甲")
    first.acquire()
    plain_read = os.read

    def read(fd: int, size: int) -> bytes:
        if os.lseek(fd, 0, os.SEEK_CUR) == 0 and open_in_this_process(first.path):
            raise PermissionError(13, "The process cannot access the file (lock violation)")
        return plain_read(fd, size)

    monkeypatch.setattr(os, "read", read)
    with pytest.raises(WorkspaceLockedError) as info:
        WorkspaceLock(first.db_path).acquire()
    monkeypatch.undo()
    first.release()
    assert info.value.holder.startswith("甲 on computer ")


def test_the_lock_file_goes_where_open_files_cannot_be_deleted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain_unlink = Path.unlink

    def unlink(path: Path, missing_ok: bool = False) -> None:
        if open_in_this_process(path):
            raise PermissionError(13, "The file is being used by another process")
        plain_unlink(path, missing_ok)

    monkeypatch.setattr(lock_module, "DELETE_WHILE_OPEN", False)
    monkeypatch.setattr(Path, "unlink", unlink)
    lock = WorkspaceLock(tmp_path / "工作区.sqlite")
    lock.acquire()
    assert lock.path.exists()
    lock.release()
    assert not lock.path.exists()
    lock.acquire()  # and it can be taken again
    lock.release()


@pytest.mark.parametrize(("name", "winerror", "viewer", "read_only"), [
    ("自查报告.pdf", 5, True, True), ("自查报告.docx", 32, True, False),
    ("工作区.sqlite", 5, False, True), ("通知.txt", 32, False, False),
])
def test_a_file_windows_refuses_is_named_for_what_holds_it(
        tmp_path: Path, name: str, winerror: int, viewer: bool, read_only: bool) -> None:
    """Access denied on a workspace spoke of a PDF viewer or Word, and was no longer a
    read-only error; only reports and office files name those programs."""
    from checklist_app.storage.errors import ReadOnlyError, known_errors

    target = tmp_path / name
    error = PermissionError(13, "拒绝访问。", str(target))
    error.winerror = winerror  # type: ignore[attr-defined]
    with pytest.raises(Exception) as caught, known_errors(target):
        raise error
    message = str(caught.value)
    assert ("PDF" in message) is viewer and str(target) in message
    assert isinstance(caught.value, ReadOnlyError) is read_only
