"""Workspaces on Windows paths: network shares (UNC, mapped drives) and drive letters."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import PureWindowsPath

from checklist_app.storage.db import file_uri


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
