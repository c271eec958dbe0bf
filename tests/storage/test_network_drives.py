"""A workspace on a network drive keeps the rollback journal: WAL's shared-memory index is
not shared between computers over NFS or SMB."""

from __future__ import annotations

from pathlib import Path

import pytest

from checklist_app.storage import filesystems
from checklist_app.storage.filesystems import is_network_path, is_unc
from checklist_app.storage.workspace import Workspace, workspace_with_documents
from tests.storage.conftest import chongqing

MOUNTS = """\
sysfs /sys sysfs rw,nosuid 0 0
/dev/sda1 / ext4 rw,relatime 0 0
//fileserver/科室 {share} cifs rw,vers=3.0 0 0
nas:/export {nfs} nfs4 rw 0 0
/dev/sdb1 {local} ext4 rw 0 0
"""


@pytest.fixture
def mounts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """A mount table with an SMB share, an NFS export (its name with a space) and a local
    disk mounted inside the share."""
    folders = {"share": tmp_path / "share", "nfs": tmp_path / "my nas", "local":
               tmp_path / "share" / "local"}
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    table = tmp_path / "mounts"
    escaped = {name: str(folder.resolve()).replace(" ", "\\040")
               for name, folder in folders.items()}
    table.write_text(MOUNTS.format(**escaped), encoding="utf-8")
    monkeypatch.setattr(filesystems, "MOUNTS", table)
    monkeypatch.setattr(filesystems.sys, "platform", "linux")
    return folders


def test_network_mounts_are_told_from_local_disks(mounts: dict[str, Path],
                                                  tmp_path: Path) -> None:
    assert is_network_path(mounts["share"] / "工作区.sqlite")
    assert is_network_path(mounts["nfs"] / "工作区.sqlite")
    assert not is_network_path(mounts["local"] / "工作区.sqlite")  # the longest mount wins
    assert not is_network_path(tmp_path / "工作区.sqlite")


def test_a_workspace_on_a_share_keeps_the_rollback_journal(mounts: dict[str, Path]) -> None:
    shared = mounts["share"] / "工作区.sqlite"
    workspace_with_documents(shared, [chongqing()]).close()
    with Workspace.open(shared) as workspace:
        assert workspace.db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert not shared.with_name(shared.name + "-wal").exists()
    local = mounts["local"] / "工作区.sqlite"
    with workspace_with_documents(local, [chongqing()]) as workspace:
        assert workspace.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.parametrize(("path", "unc"), [
    (r"\\server\share\工作区.sqlite", True), (r"\\?\UNC\server\share\工作区.sqlite", True),
    (r"C:\自查\工作区.sqlite", False), (r"\\?\C:\自查\工作区.sqlite", False),
    (r"\\.\pipe\x", False),
])
def test_unc_paths(path: str, unc: bool) -> None:
    assert is_unc(path) is unc


def test_a_workspace_read_elsewhere_still_opens_for_writing_on_a_share(
        mounts: dict[str, Path]) -> None:
    """A workspace made in WAL before it was on the share, opened while another window
    reads it: leaving WAL needs the file alone, and failing to was taken for a lock."""
    import sqlite3
    from contextlib import closing

    from checklist_app.storage import db as db_module

    shared = mounts["share"] / "工作区.sqlite"
    with pytest.MonkeyPatch.context() as local:
        local.setattr(db_module, "is_network_path", lambda _path: False)
        workspace_with_documents(shared, [chongqing()]).close()  # made in WAL
    with closing(sqlite3.connect(shared)) as reader:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM nodes").fetchone()  # holds a read
        with Workspace.open(shared) as workspace:
            assert not workspace.read_only
            assert workspace.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        reader.execute("COMMIT")
    with Workspace.open(shared) as workspace:  # alone now: the rollback journal
        assert workspace.db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
