"""Damaged workspaces and backups on the command line: a message in the user's language,
never a traceback, and no good backup lost to a damaged copy."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from checklist_app.cli import main
from checklist_app.storage.backup import find_backup_folder, list_backups
from tests.cli.conftest import ITEM
from tests.storage.damage import damage_btree

RESTORE_HINT = "从备份恢复的命令：checklist restore BACKUP DB"
HOUR_AGO = 3600


def _backups_due(db: str) -> list[Path]:
    """The backups of ``db``, aged so that the next open backs it up again."""
    folder = find_backup_folder(Path(db))
    assert folder is not None
    backups = list_backups(folder)
    assert backups
    for backup in backups:
        past = backup.stat().st_mtime - HOUR_AGO
        os.utime(backup, (past, past))
    return backups


def _no_backup_made(db: str) -> str:
    """What a damaged workspace says: the latest backup named, with the command that
    restores it (it said BACKUP, with nothing about where backups are kept)."""
    folder = find_backup_folder(Path(db))
    assert folder is not None
    latest = list_backups(folder)[-1]
    return f"checklist：工作区“{db}”已损坏，因此未对其备份；此前的备份均已保留。" \
           f"请从其中最近的一份恢复。最近的备份为“{latest}”，" \
           f"恢复命令：checklist restore {latest} {db}"


def test_a_damaged_workspace_gets_no_backup_and_keeps_its_good_ones(
        db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Every open made a backup of the damaged file, and ten opens rotated out the last good
    one; the user heard only that the workspace was damaged."""
    good = _backups_due(db)
    damage_btree(Path(db), "item_states")
    capsys.readouterr()
    for _ in range(3):
        assert main(["set", db, ITEM, "--note", "x"]) == 2
        assert capsys.readouterr().err.splitlines() == [_no_backup_made(db)]
    assert main(["backup", db]) == 2
    assert capsys.readouterr().err.splitlines() == [_no_backup_made(db)]
    assert list_backups(good[0].parent) == good


def test_work_that_succeeds_on_a_damaged_workspace_warns_of_it(
        db: str, capsys: pytest.CaptureFixture[str]) -> None:
    good = _backups_due(db)
    damage_btree(Path(db), "node_revisions")  # damage where setting a note never reads
    capsys.readouterr()
    assert main(["set", db, ITEM, "--note", "照常记录"]) == 0
    err = capsys.readouterr().err
    assert err.strip() == _no_backup_made(db).replace("checklist：", "checklist：警告：", 1)
    assert list_backups(good[0].parent) == good


def test_backup_of_a_workspace_whose_id_is_damaged(db: str,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """checklist backup printed a traceback: database disk image is malformed."""
    good = _backups_due(db)
    damage_btree(Path(db), "meta")
    capsys.readouterr()
    assert main(["backup", db]) == 2
    assert capsys.readouterr().err.splitlines() == [_no_backup_made(db)]
    assert list_backups(good[0].parent) == good


def test_our_id_without_our_tables_is_damaged(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """assess list and verify printed tracebacks: no such table: assessments / contents."""
    shell = tmp_path / "空壳.sqlite"
    with closing(sqlite3.connect(shell)) as conn:
        conn.execute("PRAGMA application_id = 0x43484B4C")
        conn.execute("PRAGMA user_version = 3")
    for command in (["assess", "list"], ["verify"], ["backup"], ["set", "--note", "x"]):
        args = [*command, str(shell)] if command[0] != "set" else \
            ["set", str(shell), ITEM, "--note", "x"]
        assert main(args) == 2
        assert capsys.readouterr().err.strip() == (
            f"checklist：工作区“{shell}”已损坏或不完整。请从备份恢复。{RESTORE_HINT}")


def _backup(db: str, capsys: pytest.CaptureFixture[str]) -> Path:
    assert main(["backup", db]) == 0
    return Path(capsys.readouterr().out.strip().split("：", 1)[1])  # 已备份到：PATH


def test_restore_refuses_a_target_that_is_not_a_workspace(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """restore BACKUP notes.txt replaced the text file by the workspace."""
    saved = _backup(db, capsys)
    notes = tmp_path / "会议纪要.txt"
    notes.write_text("下周一开会。")
    assert main(["restore", str(saved), str(notes)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"checklist：“{notes}”不是本软件的工作区，不能用备份将其替换；未作任何改动。"
        "请选择该备份所属的工作区，或输入一个新的文件名。")
    assert notes.read_text() == "下周一开会。"
    new = tmp_path / "新的.sqlite"
    assert main(["restore", str(saved), str(new)]) == 0
    assert main(["verify", str(new)]) == 0


def test_a_workspace_whose_header_is_damaged_is_restored_in_place(
        db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """With its first bytes overwritten it no longer read as a workspace, and its own
    backup was refused as if the file were a document."""
    saved = _backup(db, capsys)
    with Path(db).open("r+b") as file:
        file.write(b"\xff" * 100)
    assert main(["assess", "list", db]) == 2  # named damaged, with the way back
    err = capsys.readouterr().err
    assert "已损坏" in err and f"checklist restore {saved} {db}" in err
    assert main(["restore", str(saved), db]) == 0
    assert main(["verify", db]) == 0
    with Path(db).open("r+b") as file:  # a copy of it elsewhere has no backups of its own
        file.write(b"\xff" * 100)
    stranger = Path(db).with_name("另一个.sqlite")
    stranger.write_bytes(Path(db).read_bytes())
    capsys.readouterr()
    assert main(["restore", str(saved), str(stranger)]) == 2
    assert "不是本软件的工作区" in capsys.readouterr().err


def test_restore_refuses_a_workspace_over_itself(db: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """restore ws.sqlite ws.sqlite reported that the workspace was restored."""
    before = Path(db).read_bytes()
    assert main(["restore", db, db]) == 2
    assert capsys.readouterr().err.strip() == (
        f"checklist：“{db}”就是该工作区本身，不是它的备份：文件不能用自身来恢复。"
        "未作任何改动；请选择该工作区的一份备份。")
    assert Path(db).read_bytes() == before


def test_a_damaged_backup_is_named_as_the_backup(db: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """It said 工作区…已损坏或不完整。请从备份恢复。 of the backup being restored."""
    saved = _backup(db, capsys)
    damage_btree(saved, "nodes")
    assert main(["restore", str(saved), db]) == 2
    assert capsys.readouterr().err.strip() == f"checklist：备份“{saved}”已损坏，请选择更早的备份。"


@pytest.mark.parametrize("kind", ["docx", "text", "folder", "other database"])
def test_a_file_that_only_shares_a_workspaces_name_is_not_taken_for_it(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str) -> None:
    """Matched by name to the workspace's backups, 自查.docx was called a damaged workspace,
    and a restore replaced it by the workspace."""
    import sqlite3
    from contextlib import closing

    saved = _backup(db, capsys)
    other = tmp_path / "别处"
    other.mkdir()
    target = {"docx": other / "w.docx", "text": other / "w.txt", "folder": other / "w",
              "other database": other / "w.sqlite"}[kind]
    if kind == "docx":
        target.write_bytes(b"PK\x03\x04 a Word document")
    elif kind == "text":
        target.write_text("会议纪要")
    elif kind == "folder":
        target.mkdir()
    else:
        with closing(sqlite3.connect(target)) as conn:
            conn.execute("CREATE TABLE notes (text TEXT)")
    before = target.read_bytes() if target.is_file() else None
    assert main(["assess", "list", str(target)]) == 2
    assert "已损坏" not in capsys.readouterr().err
    assert main(["restore", str(saved), str(target)]) == 2
    assert "已损坏" not in capsys.readouterr().err
    assert (target.read_bytes() if target.is_file() else None) == before


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs RLIMIT_FSIZE (POSIX)")
def test_a_write_the_disk_fails_is_no_damage(db: str, tmp_path: Path) -> None:
    """A file-size limit (FAT32's 4 GB, here ulimit -f) made SQLite's write fail with an
    I/O error, reported as a damaged workspace to restore from a backup: following that
    advice loses the work since the last backup. Nothing was changed and it says so."""
    import resource
    import subprocess
    import sys

    big = tmp_path / "扫描件.bin"
    big.write_bytes(os.urandom(4 << 20))
    limit = os.path.getsize(db) + (1 << 20)

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    code = "import sys; from checklist_app.cli import main; sys.exit(main())"
    done = subprocess.run([sys.executable, "-c", code, "attach", db, ITEM, str(big)],
                          capture_output=True, text=True, check=False, preexec_fn=limited,
                          env={**os.environ, "LANGUAGE": "zh_CN"})
    assert done.returncode != 0 and "Traceback" not in done.stderr, done.stderr
    assert "未做任何更改" in done.stderr and "恢复" not in done.stderr, done.stderr
    assert main(["verify", db]) == 0
    assert main(["evidence", "list", db]) == 0


def test_a_change_refused_while_another_window_has_the_workspace_says_what_to_do(
        db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """It advised opening the workspace read-only, which a change cannot be: it says
    nothing was changed, to close it there, and that reading it works meanwhile."""
    from checklist_app.storage.lock import WorkspaceLock

    capsys.readouterr()
    holder = WorkspaceLock(Path(db), user="李科员")
    holder.acquire()
    try:
        assert main(["set", db, ITEM, "--status", "done"]) != 0
        message = capsys.readouterr().err
        assert "李科员" in message and "未做任何更改" in message and "只读" not in message
        assert main(["verify", db]) == 0  # reading works meanwhile, as it says
    finally:
        holder.release()
