"""A process killed (SIGKILL) in the middle of a write leaves a whole, consistent workspace."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
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


@pytest.mark.slow
def test_killed_while_attaching_a_large_file(prepared: tuple[Path, int],
                                             tmp_path: Path) -> None:
    path, aid = prepared
    big = tmp_path / "scan.pdf"
    with big.open("wb") as file:
        for _ in range(32):
            file.write(os.urandom(1 << 20))
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
