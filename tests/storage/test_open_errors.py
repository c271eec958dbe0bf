"""Every way opening a workspace can fail gives a clear error and leaves the file untouched."""

from __future__ import annotations

import os
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

import pytest

from checklist_app.storage.errors import (
    CorruptWorkspaceError,
    DiskFullError,
    NewerSchemaError,
    NotAWorkspaceError,
    ReadOnlyError,
    StorageError,
    WorkspaceLockedError,
)
from checklist_app.storage.lock import lock_path_for
from checklist_app.storage.workspace import Workspace, workspace_with_documents
from tests.storage.conftest import ITEM, NO_BACKUPS, chongqing


@pytest.fixture
def closed_workspace(db_path: Path) -> Path:
    workspace_with_documents(db_path, [chongqing()], backups=NO_BACKUPS).close()
    return db_path


def fingerprint(path: Path) -> tuple[bytes, int, list[str]]:
    siblings = sorted(p.name for p in path.parent.iterdir())
    return path.read_bytes(), path.stat().st_mtime_ns, siblings


def refused(path: Path, error: type[StorageError], match: str, **options: object) -> None:
    before = fingerprint(path)
    with pytest.raises(error, match=match) as info:
        Workspace.open(path, backups=NO_BACKUPS, **options)
    assert str(path) in str(info.value)
    assert fingerprint(path) == before


def test_text_file_is_not_a_workspace(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("这不是数据库" * 100)
    refused(path, NotAWorkspaceError, "not a workspace file of this app")


@pytest.mark.parametrize("name", ["实施方案.txt", "意见.DOCX", "纲要.pdf"])
def test_a_policy_document_opened_as_a_workspace_is_sent_to_import(
        tmp_path: Path, name: str) -> None:
    """A clerk opening the policy text itself read of SQLite databases, and not where the
    document goes instead."""
    path = tmp_path / name
    path.write_bytes("一、总体要求\n".encode("gbk") * 20)
    refused(path, NotAWorkspaceError, "imported into a workspace")


def test_another_programs_database(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
    refused(path, NotAWorkspaceError, "another program")


@pytest.mark.parametrize("garbage_from", [16, 60, 100])
def test_sqlite_magic_over_garbage_is_damage_not_another_program(
        closed_workspace: Path, garbage_from: int) -> None:
    """A header whose fixed fields or reserved bytes are garbage (a disk or copy gone wrong
    past the first 16 bytes) is a damaged workspace, to restore from a backup."""
    data = bytearray(closed_workspace.read_bytes())
    data[garbage_from:] = bytes((index * 151 + 7) % 251 for index in range(
        len(data) - garbage_from))
    closed_workspace.write_bytes(bytes(data))
    refused(closed_workspace, CorruptWorkspaceError, "damaged")


def test_another_programs_database_with_largest_pages(tmp_path: Path) -> None:
    """Page size 65536 is written as 1 in the header: still a database, just not ours."""
    path = tmp_path / "other.db"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA page_size = 65536")
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
    assert path.read_bytes()[16:18] == b"\x00\x01"
    refused(path, NotAWorkspaceError, "another program")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    path.touch()
    refused(path, NotAWorkspaceError, "empty")


def test_newer_schema_is_refused(closed_workspace: Path) -> None:
    with closing(sqlite3.connect(closed_workspace)) as conn:
        conn.execute("PRAGMA user_version = 99")
    refused(closed_workspace, NewerSchemaError, "newer version", read_only=True)
    refused(closed_workspace, NewerSchemaError, "newer version")


def test_truncated_file(closed_workspace: Path) -> None:
    size = closed_workspace.stat().st_size
    with closed_workspace.open("r+b") as file:
        file.truncate(size // 2)
    refused(closed_workspace, CorruptWorkspaceError, "truncated")


def test_corrupt_schema_page(closed_workspace: Path) -> None:
    with closed_workspace.open("r+b") as file:
        file.seek(100)
        file.write(b"\xff" * 3000)
    refused(closed_workspace, CorruptWorkspaceError, "damaged", read_only=True)


def test_folder_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(NotAWorkspaceError, match="folder"):
        Workspace.open(tmp_path)
    with pytest.raises(StorageError, match="does not exist"):
        Workspace.open(tmp_path / "nope.sqlite")
    assert not (tmp_path / "nope.sqlite").exists()


def test_create_refuses_to_overwrite(closed_workspace: Path) -> None:
    before = fingerprint(closed_workspace)
    with pytest.raises(StorageError, match="already exists"):
        Workspace.create(closed_workspace)
    assert fingerprint(closed_workspace) == before


def test_second_writer_is_refused_and_may_read(closed_workspace: Path) -> None:
    with Workspace.open(closed_workspace, backups=NO_BACKUPS, user="甲") as first:
        aid = first.new_assessment(checklist_doc_id="chongqing-2022", office="局").id
        with pytest.raises(WorkspaceLockedError, match="another window") as info:
            Workspace.open(closed_workspace, backups=NO_BACKUPS)
        assert info.value.can_open_read_only
        # the name staff know, the computer and the local time, no process id or UTC stamp
        holder = info.value.holder
        assert holder.startswith("甲 on computer ") and "pid" not in holder
        assert "+00:00" not in holder and holder[-5:-2].endswith(":")
        with Workspace.open(closed_workspace, read_only=True) as reader:
            assert reader.assessment(aid).office == "局"
            with pytest.raises(ReadOnlyError):
                reader.set_item(aid, ITEM, status="done")
            first.set_item(aid, ITEM, status="done")  # the writer goes on writing
            assert reader.item_state(aid, ITEM).status == "done"
    assert not lock_path_for(closed_workspace).exists()


def test_stale_lock_file_of_a_dead_process(closed_workspace: Path) -> None:
    lock_path_for(closed_workspace).write_text('{"user": "ghost", "pid": 1}')
    with Workspace.open(closed_workspace, backups=NO_BACKUPS) as workspace:
        assert workspace.document_ids() == ["chongqing-2022"]


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="needs file modes")
def test_read_only_folder(closed_workspace: Path) -> None:
    folder = closed_workspace.parent
    folder.chmod(0o555)
    try:
        refused(closed_workspace, ReadOnlyError, "read-only")
        with Workspace.open(closed_workspace, read_only=True) as reader:
            assert reader.document_ids() == ["chongqing-2022"]
    finally:
        folder.chmod(0o755)


def test_disk_full_is_a_clear_error(workspace: Workspace, assessment_id: int,
                                    tmp_path: Path) -> None:
    pages = workspace.db.execute("PRAGMA page_count").fetchone()[0]
    workspace.db.execute(f"PRAGMA max_page_count = {pages + 1}")  # a disk that is nearly full
    (tmp_path / "big.bin").write_bytes(os.urandom(200_000))
    with pytest.raises(DiskFullError, match="full"):
        workspace.attach(assessment_id, ITEM, tmp_path / "big.bin")
    assert workspace.evidence(assessment_id) == {}
    assert workspace.verify() == []




def test_read_only_folder_simulated(closed_workspace: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Root ignores folder modes, so make the lock file impossible to create instead."""
    import checklist_app.storage.lock as lock_module

    def refuse(*args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(lock_module.os, "open", refuse)
    refused(closed_workspace, ReadOnlyError, "read-only")


def test_a_workspace_that_cannot_be_read_is_not_called_unwritable(
        closed_workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No permission to read said "Cannot write …: read-only disk"."""
    real = Path.open

    def refuse(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self == closed_workspace:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(StorageError, match="no permission to read") as caught:
        Workspace.open(closed_workspace, backups=NO_BACKUPS)
    assert not isinstance(caught.value, ReadOnlyError) and "write" not in str(caught.value)


def test_newer_schema_still_in_the_wal_is_refused(closed_workspace: Path) -> None:
    """The file header can be stale while pages wait in the WAL: ask SQLite, not the header."""
    with closing(sqlite3.connect(closed_workspace, isolation_level=None)) as keeper:
        keeper.execute("PRAGMA journal_mode = WAL")
        keeper.execute("PRAGMA wal_autocheckpoint = 0")
        keeper.execute("PRAGMA user_version = 99")
        assert closed_workspace.read_bytes()[60:64] != (99).to_bytes(4, "big")
        with pytest.raises(NewerSchemaError):
            Workspace.open(closed_workspace, read_only=True)
        with pytest.raises(NewerSchemaError):
            Workspace.open(closed_workspace, backups=NO_BACKUPS)


def test_read_only_media_opens_immutable(closed_workspace: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import checklist_app.storage.db as db_module

    monkeypatch.setattr(db_module.os, "access", lambda path, mode: False)
    before = fingerprint(closed_workspace)
    with Workspace.open(closed_workspace, read_only=True) as reader:
        assert reader.document_ids() == ["chongqing-2022"]
        assert reader.verify() == []
    assert fingerprint(closed_workspace) == before


def test_damage_deep_inside_is_found_by_verify(db_path: Path, tmp_path: Path) -> None:
    with workspace_with_documents(db_path, [chongqing()], backups=NO_BACKUPS) as workspace:
        aid = workspace.new_assessment(checklist_doc_id="chongqing-2022", office="局").id
        (tmp_path / "scan.bin").write_bytes(os.urandom(3 << 20))
        workspace.attach(aid, ITEM, tmp_path / "scan.bin")
    with db_path.open("r+b") as file:  # scribble over the middle of the evidence pages
        file.seek(db_path.stat().st_size // 2)
        file.write(b"\0" * 50_000)
    with Workspace.open(db_path, read_only=True) as workspace:
        try:
            problems = workspace.verify()
        except CorruptWorkspaceError:
            return
        assert problems


def _with_our_id_and_no_tables(path: Path) -> Path:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA application_id = 0x43484B4C")
        conn.execute("PRAGMA user_version = 3")
    return path


def test_our_id_without_our_tables_is_a_damaged_workspace(tmp_path: Path) -> None:
    """assess list and verify ended in a traceback: no such table: assessments / contents."""
    path = _with_our_id_and_no_tables(tmp_path / "空壳.sqlite")
    refused(path, CorruptWorkspaceError, "damaged", read_only=True)
    refused(path, CorruptWorkspaceError, "damaged")


def test_a_workspace_missing_one_table_is_damaged(closed_workspace: Path) -> None:
    with closing(sqlite3.connect(closed_workspace)) as conn:
        conn.execute("DROP TABLE frozen_references")
    refused(closed_workspace, CorruptWorkspaceError, "damaged", read_only=True)


def test_creating_a_workspace_in_a_folder_that_cannot_be_written_says_to_choose_another(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """It said to open the (not yet existing) workspace read-only."""
    real_open = os.open

    def refused(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(path).startswith(str(tmp_path)):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("checklist_app.storage.lock.os.open", refused)  # root writes anywhere
    with pytest.raises(ReadOnlyError) as refused_error:
        Workspace.create(tmp_path / "new.sqlite", backups=NO_BACKUPS)
    message = str(refused_error.value)
    assert "Cannot create workspace" in message and "read-only" not in message
    assert "Choose a folder you can write to" in message


def test_a_write_refused_while_another_program_writes_loses_no_later_write(
        closed_workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """sqlite-utils probed ON CONFLICT support on the first upsert by creating a table; a
    probe refused as "database is locked" was cached as "unsupported", and its fallback
    (INSERT OR IGNORE, then UPDATE) skipped every new row with a NOT NULL column: a report
    section or item state saved later, after the other program let go, was silently lost."""
    with Workspace.open(closed_workspace, backups=NO_BACKUPS) as setup:
        aid = setup.new_assessment(checklist_doc_id="chongqing-2022", office="局").id
    monkeypatch.setattr("checklist_app.storage.db.BUSY_TIMEOUT_MS", 50)
    with Workspace.open(closed_workspace, backups=NO_BACKUPS) as workspace:
        with closing(sqlite3.connect(closed_workspace, isolation_level=None)) as other:
            other.execute("BEGIN IMMEDIATE")  # another program in the middle of a write
            with pytest.raises(WorkspaceLockedError):
                workspace.set_narrative(aid, 2, "先写的")
            other.execute("ROLLBACK")
        workspace.set_narrative(aid, 2, "后写的")
        workspace.set_item(aid, ITEM, status="done")
        assert workspace.assessment(aid).narrative == {2: "后写的"}
        assert workspace.item_state(aid, ITEM).status == "done"
    with Workspace.open(closed_workspace, read_only=True) as reader:  # in the file
        assert reader.assessment(aid).narrative == {2: "后写的"}
