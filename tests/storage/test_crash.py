"""A process killed (SIGKILL) in the middle of a write leaves a whole, consistent workspace."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from checklist_app.storage.workspace import Workspace
from tests.storage.conftest import ITEM, NO_BACKUPS, chongqing

REPO = Path(__file__).resolve().parent.parent.parent
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def kill_when_ready(*args: str) -> None:
    child = subprocess.Popen([sys.executable, "-m", "tests.storage.crash_worker", *args],
                             cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    try:
        line = child.stdout.readline() if child.stdout else ""
        assert line.strip() == "ready", child.stderr.read() if child.stderr else ""
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        for stream in (child.stdout, child.stderr):
            if stream:
                stream.close()


@pytest.fixture
def prepared(tmp_path: Path) -> tuple[Path, int]:
    path = tmp_path / "w.sqlite"
    with Workspace.create(path, backups=NO_BACKUPS) as workspace:
        workspace.import_document(chongqing())
        aid = workspace.new_assessment(checklist_doc_id="chongqing-2022", office="局").id
        workspace.set_item(aid, ITEM, status="not_started", note="before the crash")
    return path, aid


def check_consistent(path: Path) -> Workspace:
    workspace = Workspace.open(path, backups=NO_BACKUPS)
    assert workspace.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert workspace.verify() == []
    return workspace


def large_file(tmp_path: Path) -> Path:
    """32 MiB, above the size written with a rollback journal instead of the WAL."""
    big = tmp_path / "scan.pdf"
    with big.open("wb") as file:
        for _ in range(32):
            file.write(os.urandom(1 << 20))
    return big


def journal_of(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


@pytest.mark.slow
def test_killed_while_attaching_a_large_file(prepared: tuple[Path, int],
                                             tmp_path: Path) -> None:
    path, aid = prepared
    big = large_file(tmp_path)
    kill_when_ready("attach", str(path), str(big))
    with check_consistent(path) as workspace:
        for table in ("contents", "chunks", "evidence", "item_evidence"):
            assert workspace.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
        workspace.attach(aid, ITEM, big)  # and the same file attaches fine afterwards
        assert workspace.verify() == []


@pytest.mark.slow
def test_killed_in_a_batch_of_status_changes(prepared: tuple[Path, int]) -> None:
    path, aid = prepared
    kill_when_ready("batch", str(path))
    with check_consistent(path) as workspace:
        states = workspace.item_states(aid)
        assert list(states) == [ITEM]
        assert states[ITEM].note == "before the crash"


@pytest.mark.slow
def test_a_read_after_a_killed_large_attach_repairs_the_file_first(
        prepared: tuple[Path, int], tmp_path: Path) -> None:
    """Report, verify and backup open read-only, which cannot roll back the journal the
    crash left: each said the workspace was read-only, and a copy made on that advice,
    without its journal, was damaged."""
    path, aid = prepared
    kill_when_ready("attach", str(path), str(large_file(tmp_path)))
    assert journal_of(path).stat().st_size > 0  # the crash left a write half done
    with Workspace.open(path, read_only=True, backups=NO_BACKUPS) as workspace:
        assert workspace.item_state(aid, ITEM).note == "before the crash"
        assert workspace.db.execute("SELECT count(*) FROM evidence").fetchone()[0] == 0
        assert workspace.verify() == []
    assert not journal_of(path).exists()


@pytest.mark.slow
def test_a_half_written_file_that_cannot_be_repaired_says_so(
        prepared: tuple[Path, int], tmp_path: Path) -> None:
    """Where the file cannot be written the repair waits, and the message says to copy the
    journal along: copied alone, the file is damaged."""
    import sqlite3

    from checklist_app.storage.db import sqlite_uri
    from checklist_app.storage.errors import ReadOnlyError, translate

    path, _aid = prepared
    kill_when_ready("attach", str(path), str(large_file(tmp_path)))
    with pytest.raises(sqlite3.Error) as raised, \
            closing(sqlite3.connect(sqlite_uri(path, "mode=ro"), uri=True)) as reader:
        reader.execute("SELECT count(*) FROM sqlite_master").fetchone()
    error = translate(raised.value, path)
    assert isinstance(error, ReadOnlyError)
    assert "w.sqlite-journal" in str(error) and "half-written" in str(error)


@pytest.mark.slow
def test_a_restore_after_a_killed_large_attach_keeps_a_whole_copy(
        prepared: tuple[Path, int], tmp_path: Path) -> None:
    """The stale journal was left beside the restored file and played into it at the next
    write, and the copy kept of the replaced workspace was taken without it (damaged)."""
    from checklist_app.storage.backup import restore

    path, aid = prepared
    with Workspace.open(path, backups=NO_BACKUPS) as workspace:
        saved = workspace.backup()
        workspace.set_item(aid, ITEM, note="after the backup")
    kill_when_ready("attach", str(path), str(large_file(tmp_path)))
    kept = restore(saved, path, tmp_path / "safety")
    assert kept is not None and not journal_of(path).exists()
    with check_consistent(kept) as before:
        assert before.item_state(aid, ITEM).note == "after the backup"
    with check_consistent(path) as restored:
        assert restored.item_state(aid, ITEM).note == "before the crash"
        restored.set_item(aid, "chongqing-2022/二/(一)/2", note="x")
        assert restored.verify() == []
    with check_consistent(path) as reopened:
        assert reopened.item_state(aid, ITEM).note == "before the crash"


HALF_WRITE = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA journal_mode = DELETE")
conn.execute("PRAGMA cache_size = 10")  # pages spill into the file before the commit
conn.execute("BEGIN")
conn.execute("CREATE TABLE half_written (x)")
conn.executemany("INSERT INTO half_written VALUES (?)", [("x" * 500,)] * 2000)
os._exit(1)  # killed before the commit
"""


def half_write(path: Path) -> None:
    """Leave ``path`` as a program killed in the middle of a large write leaves it."""
    subprocess.run([sys.executable, "-c", HALF_WRITE, str(path)], check=False)
    assert journal_of(path).stat().st_size > 0


def test_a_file_refused_is_not_rolled_back_either(tmp_path: Path) -> None:
    """Rolling the journal back came before the checks: another program's database was
    changed, then refused as "not a workspace", with nothing said of the change."""
    import sqlite3

    from checklist_app.storage.db import check_file
    from checklist_app.storage.errors import NotAWorkspaceError

    foreign = tmp_path / "other.sqlite"
    with closing(sqlite3.connect(foreign)) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
    half_write(foreign)
    before = foreign.read_bytes()
    with pytest.raises(NotAWorkspaceError):
        check_file(foreign)
    assert foreign.read_bytes() == before and journal_of(foreign).exists()


def test_no_roll_back_while_another_program_holds_the_workspace(
        prepared: tuple[Path, int]) -> None:
    """Its journal may be live (a network drive's journal of every save): only the holder
    rolls it back. A read meanwhile says the file is half-written."""
    from checklist_app.storage.errors import ReadOnlyError
    from checklist_app.storage.lock import WorkspaceLock

    path, _aid = prepared
    half_write(path)
    holder = WorkspaceLock(path, "王五")
    holder.acquire()
    try:
        with pytest.raises(ReadOnlyError, match="half-written"):
            Workspace.open(path, read_only=True, backups=NO_BACKUPS)
        assert journal_of(path).stat().st_size > 0
    finally:
        holder.release()
    with Workspace.open(path, read_only=True, backups=NO_BACKUPS) as workspace:
        assert workspace.verify() == []  # alone again: rolled back first
    assert not journal_of(path).exists()


def test_a_half_written_file_on_a_read_only_medium_is_not_read_as_whole(
        prepared: tuple[Path, int], monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder that cannot be written opened the file as immutable, which reads past a hot
    journal: the half-written rows were read as if committed."""
    from checklist_app.storage import db as db_module
    from checklist_app.storage.errors import ReadOnlyError

    path, _aid = prepared
    half_write(path)
    monkeypatch.setattr(db_module, "recover_interrupted_write", lambda *_a, **_k: False)
    monkeypatch.setattr(db_module.os, "access", lambda *_a: False)  # a CD, a locked share
    with pytest.raises(ReadOnlyError, match="half-written"):
        Workspace.open(path, read_only=True, backups=NO_BACKUPS)


def test_a_copy_of_the_file_alone_has_the_work_done_while_it_is_open(
        workspace: Workspace, assessment_id: int, tmp_path: Path) -> None:
    """The changes stayed in the -wal file until the workspace was closed: a clerk who
    copied 工作区.sqlite to a USB stick while the app was open took none of the day's
    work. Each change is copied into the file itself once it is committed."""
    import shutil

    workspace.set_item(assessment_id, ITEM, status="done", note="已报送市政府")
    copy = tmp_path / "U盘" / "工作区.sqlite"
    copy.parent.mkdir()
    shutil.copyfile(workspace.path, copy)  # the file alone, as a file manager copies it
    with Workspace.open(copy, read_only=True) as copied:
        state = copied.item_state(assessment_id, ITEM)
        assert (state.status, state.note) == ("done", "已报送市政府")
