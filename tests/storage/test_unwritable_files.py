"""A workspace file its user could not write, read, then made writable again.

SQLite gives the -wal and -shm it creates the workspace file's permissions: a read of a file
of mode 444 left them read-only, and after ``chmod 644`` every write was refused as if the
file still were read-only.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import checklist_app
from checklist_app.storage.workspace import Workspace, workspace_with_documents
from tests.storage.conftest import NO_BACKUPS, chongqing

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
NOBODY = 65534


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _sidecars(path: Path) -> list[Path]:
    return [p for p in (path.with_name(path.name + s) for s in ("-wal", "-shm")) if p.exists()]


def test_sidecars_a_read_left_read_only_are_writable_for_the_writer(db_path: Path) -> None:
    """Root may write read-only files, so look at the modes the writer leaves them in."""
    workspace_with_documents(db_path, [chongqing()], backups=NO_BACKUPS).close()
    db_path.chmod(0o444)
    with Workspace.open(db_path, read_only=True) as reader:
        assert reader.document_ids() == ["chongqing-2022"]
    left = _sidecars(db_path)
    if not left:
        pytest.skip("this SQLite leaves no -wal/-shm after a read-only read")
    assert all(_mode(side) == 0o444 for side in left)
    db_path.chmod(0o664)
    with Workspace.open(db_path, backups=NO_BACKUPS) as writer:
        assert all(_mode(side) == 0o664 for side in left if side.exists())
        assessment = writer.new_assessment(checklist_doc_id="chongqing-2022", office="局")
    assert _sidecars(db_path) == []  # the writer closed last: SQLite removed them
    with Workspace.open(db_path, read_only=True) as reader:
        assert reader.assessment(assessment.id).office == "局"


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder another user may write (pytest's own folders are its owner's only)."""
    folder = Path(tempfile.mkdtemp(prefix="checklist-unwritable-"))
    folder.chmod(0o777)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _as_a_user(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``checklist ARGS`` as a user who is not root (nobody, when the tests run as root)."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("needs setpriv to run as a user other than root")
        prefix = [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    source = Path(checklist_app.__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(source), "HOME": str(folder),
           "CHECKLIST_APP_DATA_DIR": str(folder / "data"), "CHECKLIST_APP_LANG": "en"}
    code = "import sys; from checklist_app.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run([*prefix, sys.executable, "-c", code, *args], env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def test_a_workspace_made_writable_again_can_be_written(shared_folder: Path) -> None:
    """As the user saw it: chmod 444; checklist assess list; chmod 644; checklist assess
    set said the file or its folder was read-only."""
    db = shared_folder / "ro.sqlite"
    with workspace_with_documents(db, [chongqing()], backups=NO_BACKUPS) as workspace:
        workspace.new_assessment(checklist_doc_id="chongqing-2022", office="甲局")
    if os.geteuid() == 0:
        os.chown(db, NOBODY, NOBODY)
    db.chmod(0o444)
    usage = _as_a_user(shared_folder, "--version")  # the interpreter and source reachable?
    if usage.returncode != 0:
        pytest.skip(f"user {NOBODY} cannot run the source here: {usage.stderr[-200:]}")
    listed = _as_a_user(shared_folder, "assess", "list", str(db))
    assert listed.returncode == 0, listed.stderr
    assert "甲局" in listed.stdout
    db.chmod(0o644)
    written = _as_a_user(shared_folder, "assess", "set", str(db), "--office", "乙局")
    assert written.returncode == 0, written.stderr
    with Workspace.open(db, read_only=True) as workspace:
        assert workspace.only_open_assessment().office == "乙局"
