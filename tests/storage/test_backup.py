"""Automatic and manual backups, rotation, and restore."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from checklist_app.storage.backup import (
    BackupKind,
    BackupPolicy,
    describe_backups,
    find_backup_folder,
    list_backups,
    restore,
)
from checklist_app.storage.errors import (
    CorruptWorkspaceError,
    NotAWorkspaceError,
    Remedy,
    StorageError,
    WorkspaceLockedError,
)
from checklist_app.storage.workspace import Workspace, workspace_with_documents
from tests.storage.conftest import ITEM, chongqing
from tests.storage.damage import damage_btree, passes_quick_check


def test_backups_on_open_and_close_rotate(tmp_path: Path) -> None:
    policy = BackupPolicy(keep=3, min_interval_s=0, folder=tmp_path / "b")
    path = tmp_path / "w.sqlite"
    # changed: backup on close
    workspace_with_documents(path, [chongqing()], backups=policy).close()
    for _ in range(3):
        Workspace.open(path, backups=policy).close()  # unchanged: backup on open only
    folders = list((tmp_path / "b").iterdir())
    assert len(folders) == 1 and folders[0].name.startswith("w-")
    assert len(list_backups(folders[0])) == 3


def test_a_restore_closes_without_the_backup_whose_rotation_would_delete_the_chosen_one(
        tmp_path: Path) -> None:
    policy = BackupPolicy(keep=1, min_interval_s=0, folder=tmp_path / "b")
    workspace = workspace_with_documents(tmp_path / "w.sqlite", [chongqing()], backups=policy)
    chosen = workspace.backup()
    assessment = workspace.new_assessment(checklist_doc_id="chongqing-2022", office="某局")
    workspace.set_item(assessment.id, ITEM, status="done")
    workspace.close(backup=False)
    assert list_backups(chosen.parent) == [chosen]


def _backed_up(path: Path) -> Path:
    path.parent.mkdir(exist_ok=True)
    with workspace_with_documents(path, [chongqing()]) as workspace:
        return workspace.backup().parent


@pytest.mark.parametrize("name", ["自查", "[自查]", "自查-abc"])
def test_the_backup_folder_of_a_workspace_is_its_own(tmp_path: Path, name: str) -> None:
    ours = _backed_up(tmp_path / f"{name}.sqlite")
    _backed_up(tmp_path / f"{name}-2024-01-01.sqlite")  # named alike: not ours
    _backed_up(tmp_path / "other" / f"{name}.sqlite")  # the same name elsewhere: not ours
    assert find_backup_folder(tmp_path / f"{name}.sqlite") == ours


def test_a_damaged_workspace_finds_the_one_folder_named_after_it(tmp_path: Path) -> None:
    path = tmp_path / "[自查].sqlite"
    ours = _backed_up(path)
    _backed_up(tmp_path / "[自查]-2024.sqlite")
    path.write_bytes(b"")
    assert find_backup_folder(path) == ours
    _backed_up(tmp_path / "other" / "[自查].sqlite")
    assert find_backup_folder(path) is None  # two workspaces of that name: which one?


def test_min_interval_skips_frequent_backups(tmp_path: Path) -> None:
    policy = BackupPolicy(folder=tmp_path / "b")
    path = tmp_path / "w.sqlite"
    workspace_with_documents(path, [chongqing()], backups=policy).close()
    Workspace.open(path, backups=policy).close()
    assert len(list(tmp_path.joinpath("b").rglob("*.sqlite"))) == 1


def test_restore_brings_back_the_backup(workspace: Workspace, assessment_id: int,
                                        db_path: Path, tmp_path: Path) -> None:
    workspace.set_item(assessment_id, ITEM, status="done")
    saved = workspace.backup()
    workspace.set_item(assessment_id, ITEM, status="not_started")
    with pytest.raises(WorkspaceLockedError):
        restore(saved, db_path, tmp_path / "safety")
    workspace.close()
    kept = restore(saved, db_path, tmp_path / "safety")
    assert kept is not None and kept.exists()
    with Workspace.open(db_path, read_only=True) as restored:
        assert restored.item_state(assessment_id, ITEM).status == "done"
        assert restored.verify() == []
    with Workspace.open(kept, read_only=True) as before:
        assert before.item_state(assessment_id, ITEM).status == "not_started"


def test_restores_keep_only_the_newest_copies_of_the_workspace_they_replaced(
        workspace: Workspace, db_path: Path, tmp_path: Path) -> None:
    """Every restore left one more copy as large as the workspace, for ever. Another
    workspace of the same file name keeps its copies, and so does a file that is none."""
    saved = workspace.backup()
    workspace.close()
    safety = tmp_path / "safety"
    namesake = tmp_path / "elsewhere" / db_path.name  # another office's workspace.sqlite
    namesake.parent.mkdir()
    workspace_with_documents(namesake, [chongqing()]).close()
    namesakes_backup = tmp_path / "elsewhere" / "backup.sqlite"
    shutil.copyfile(namesake, namesakes_backup)
    theirs = [restore(namesakes_backup, namesake, safety, keep=2) for _ in range(2)]
    junk = safety / f"{db_path.stem}-20200101-000000-000000-before-restore.sqlite"
    junk.write_bytes(b"not a workspace")
    kept = [restore(saved, db_path, safety, keep=2) for _ in range(4)]
    assert all(path is not None for path in [*kept, *theirs])
    left = {path.name for path in safety.iterdir()}
    assert {name for name in left if name.endswith(".sqlite")} == {
        path.name for path in [*kept[-2:], *theirs, junk] if path is not None}
    gone = {path.name for path in kept[:2] if path is not None}
    assert not any(name.startswith(tuple(gone)) for name in left)  # nor their WAL
    with Workspace.open(kept[-1], read_only=True) as newest:
        assert newest.verify() == []


def test_restore_refuses_a_bad_backup(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(os.urandom(4096))
    target = tmp_path / "w.sqlite"
    with pytest.raises(NotAWorkspaceError):
        restore(bad, target, tmp_path / "safety")
    assert not target.exists()


@pytest.mark.parametrize("content", [None, b"", b"plain text, not a database"])
def test_a_missing_or_foreign_backup_is_named_as_the_backup(tmp_path: Path,
                                                            content: bytes | None) -> None:
    """restore nothere.sqlite w.sqlite said the *workspace* did not exist, and to create
    one with workspace init."""
    backup = tmp_path / "nothere.sqlite"
    if content is not None:
        backup.write_bytes(content)
    with pytest.raises(StorageError) as refused:
        restore(backup, tmp_path / "w.sqlite", tmp_path / "safety")
    message = str(refused.value)  # storage tests read English messages
    assert "backup" in message.lower() and "nothere.sqlite" in message
    assert "workspace init" not in message and "Workspace " not in message


def test_a_truncated_backup_is_damaged_not_to_be_restored_from_a_backup(
        workspace: Workspace, db_path: Path, tmp_path: Path) -> None:
    """It said the file was truncated and to restore it from a backup, with the remedy
    line pointing at restore again: a circle."""
    saved = workspace.backup()
    workspace.close()
    cut = tmp_path / "cut.sqlite"
    cut.write_bytes(saved.read_bytes()[:saved.stat().st_size // 2])
    with pytest.raises(StorageError) as refused:
        restore(cut, db_path, tmp_path / "safety")
    assert "choose an older backup" in str(refused.value) and refused.value.remedy is None


def test_failed_automatic_backup_does_not_stop_work(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the backup folder should be")
    path = tmp_path / "w.sqlite"
    policy = BackupPolicy(folder=blocked, min_interval_s=0)
    workspace_with_documents(path, [chongqing()], backups=policy).close()
    with Workspace.open(path, backups=policy) as workspace:
        assert "backup folder" in workspace.backup_warning
        assert workspace.document_ids() == ["chongqing-2022"]


def test_restore_refuses_another_workspaces_backup(tmp_path: Path) -> None:
    policy = BackupPolicy(folder=tmp_path / "b", min_interval_s=0)
    ours, theirs = tmp_path / "ours.sqlite", tmp_path / "theirs.sqlite"
    workspace_with_documents(ours, [chongqing()], backups=policy).close()
    with workspace_with_documents(theirs, [chongqing()], backups=policy) as other:
        foreign = other.backup()
    before = ours.read_bytes()
    with pytest.raises(StorageError) as refused:
        restore(foreign, ours, tmp_path / "safety")
    assert refused.value.remedy is Remedy.RESTORE_OTHER_WORKSPACE
    assert ours.read_bytes() == before
    assert restore(foreign, ours, tmp_path / "safety", other_workspace=True) is not None


class _Stop(Exception):
    pass


def _grow(workspace: Workspace, assessment_id: int, tmp_path: Path) -> None:
    """A few MiB of evidence, so the copy takes several steps."""
    scan = tmp_path / "扫描件.bin"
    scan.write_bytes(os.urandom(3 * 1024 * 1024))
    workspace.attach(assessment_id, ITEM, scan)


def test_backup_reports_progress_to_the_end(workspace: Workspace, assessment_id: int,
                                            tmp_path: Path) -> None:
    _grow(workspace, assessment_id, tmp_path)
    steps: list[tuple[int, int]] = []
    saved = workspace.backup(label="manual", progress=lambda done, total: steps.append(
        (done, total)))
    assert len(steps) >= 3
    assert [done for done, _ in steps] == sorted(done for done, _ in steps)
    assert steps[-1][0] == steps[-1][1] > 0
    with Workspace.open(saved, read_only=True) as copy:
        assert copy.verify() == []
        assert copy.evidence(assessment_id)[ITEM][0].size == 3 * 1024 * 1024


def test_cancelled_backup_leaves_no_file_and_the_workspace_as_it_was(
        workspace: Workspace, assessment_id: int, tmp_path: Path) -> None:
    _grow(workspace, assessment_id, tmp_path)
    folder = workspace.backup_folder()
    before = sorted(folder.iterdir()) if folder.exists() else []
    audit_before = workspace.audit_log()

    steps: list[int] = []

    def cancel_at_second_step(done: int, total: int) -> None:
        steps.append(done)
        if len(steps) == 2:
            assert done < total  # the copy is not finished yet
            raise _Stop

    with pytest.raises(_Stop):
        workspace.backup(label="manual", progress=cancel_at_second_step)
    assert len(steps) == 2
    assert (sorted(folder.iterdir()) if folder.exists() else []) == before  # no .part left
    assert workspace.audit_log() == audit_before and workspace.verify() == []
    workspace.set_item(assessment_id, ITEM, status="done")  # still usable for writing
    assert workspace.item_state(assessment_id, ITEM).status == "done"


@pytest.mark.skipif(os.name == "nt", reason="needs file modes")
def test_a_restored_workspace_keeps_the_files_permissions(workspace: Workspace,
                                                           db_path: Path, tmp_path: Path) -> None:
    """It came back readable by its owner only (0600): colleagues sharing it lost access."""
    saved = workspace.backup()
    workspace.close()
    db_path.chmod(0o664)
    restore(saved, db_path, tmp_path / "safety")
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o664


def _good_backups(path: Path, policy: BackupPolicy, count: int) -> list[Path]:
    """A workspace with an assessment, backed up ``count`` times."""
    with workspace_with_documents(path, [chongqing()], backups=policy) as workspace:
        assessment = workspace.new_assessment(checklist_doc_id="chongqing-2022", office="某局")
        workspace.set_item(assessment.id, ITEM, status="done")
    for _ in range(count - 1):
        Workspace.open(path, backups=policy).close()
    folder = find_backup_folder(path, policy)
    assert folder is not None
    return list_backups(folder)


def test_a_damaged_workspace_is_not_backed_up_and_its_good_backups_are_kept(
        tmp_path: Path) -> None:
    """Each open made a backup of the damaged file: after ten, only damaged copies were left."""
    policy = BackupPolicy(keep=3, min_interval_s=0, folder=tmp_path / "b")
    path = tmp_path / "w.sqlite"
    good = _good_backups(path, policy, 3)
    damage_btree(path, "item_states")
    opened = []
    for _ in range(4):
        with Workspace.open(path, backups=policy) as workspace:
            opened.append(workspace)
            assert workspace.document_ids() == ["chongqing-2022"]  # work goes on where it can
    assert list_backups(good[0].parent) == good
    assert all(passes_quick_check(kept) for kept in good)
    assert not list(good[0].parent.glob("*.part"))
    for workspace in opened:
        error = workspace.backup_error
        assert isinstance(error, CorruptWorkspaceError)
        assert error.remedy is Remedy.RESTORE_BACKUP
        assert "damaged" in str(error) and "were all kept" in str(error)
    with Workspace.open(path, read_only=True, backups=policy) as workspace, \
            pytest.raises(CorruptWorkspaceError, match="no backup was made"):
        workspace.backup(label="manual")
    assert list_backups(good[0].parent) == good


def test_a_refused_backup_leaves_no_empty_folder(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite"
    _good_backups(path, BackupPolicy(min_interval_s=0, folder=tmp_path / "first"), 1)
    damage_btree(path, "item_states")
    elsewhere = tmp_path / "b"
    with Workspace.open(path, backups=BackupPolicy(min_interval_s=0, folder=elsewhere)) as ws:
        assert isinstance(ws.backup_error, CorruptWorkspaceError)
    assert not elsewhere.exists() or not any(elsewhere.rglob("*"))


def test_a_workspace_whose_id_cannot_be_read_is_not_backed_up(tmp_path: Path) -> None:
    policy = BackupPolicy(min_interval_s=0, folder=tmp_path / "b")
    path = tmp_path / "w.sqlite"
    good = _good_backups(path, policy, 1)
    damage_btree(path, "meta")
    with Workspace.open(path, read_only=True, backups=policy) as workspace, \
            pytest.raises(CorruptWorkspaceError, match="no backup was made"):
        workspace.backup()
    with Workspace.open(path, backups=policy) as workspace:
        assert isinstance(workspace.backup_error, CorruptWorkspaceError)
    assert list_backups(good[0].parent) == good


def test_a_damaged_backup_is_named_as_the_backup(workspace: Workspace, db_path: Path,
                                                 tmp_path: Path) -> None:
    """It said the *workspace* was damaged and to restore it from a backup."""
    saved = workspace.backup()
    workspace.close()
    damage_btree(saved, "nodes")
    before = db_path.read_bytes()
    with pytest.raises(CorruptWorkspaceError) as refused:
        restore(saved, db_path, tmp_path / "safety")
    assert str(refused.value) == f"Backup {saved} is damaged; choose an older backup."
    assert refused.value.remedy is None
    assert db_path.read_bytes() == before


def test_a_backup_without_the_tables_of_a_workspace_is_damaged(tmp_path: Path) -> None:
    empty = tmp_path / "空壳.sqlite"
    with closing(sqlite3.connect(empty)) as conn:
        conn.execute("PRAGMA application_id = 0x43484B4C")
        conn.execute("PRAGMA user_version = 3")
    with pytest.raises(CorruptWorkspaceError, match="choose an older backup"):
        restore(empty, tmp_path / "w.sqlite", tmp_path / "safety")
    assert not (tmp_path / "w.sqlite").exists()


def test_a_workspace_is_not_restored_over_itself(workspace: Workspace, db_path: Path,
                                                 tmp_path: Path) -> None:
    """restore ws.sqlite ws.sqlite said it had restored the workspace."""
    workspace.close()
    before = db_path.read_bytes()
    with pytest.raises(StorageError, match="cannot be restored over itself"):
        restore(db_path, db_path, tmp_path / "safety")
    link = tmp_path / "link.sqlite"
    link.symlink_to(db_path)
    with pytest.raises(StorageError, match="cannot be restored over itself"):
        restore(link, db_path, tmp_path / "safety")
    assert db_path.read_bytes() == before and not (tmp_path / "safety").exists()


def _other_programs_database(path: Path) -> Path:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE t (x)")
    return path


@pytest.mark.parametrize("make", [
    lambda path: path.write_text("会议纪要：下周一开会。") and path,
    _other_programs_database,
])
def test_a_backup_is_not_restored_over_a_file_that_is_not_a_workspace(
        workspace: Workspace, tmp_path: Path, make: Callable[[Path], Path]) -> None:
    """A text file given as the target was replaced: its workspace id could not be compared."""
    saved = workspace.backup()
    target = tmp_path / "notes.txt"
    make(target)
    before = target.read_bytes()
    with pytest.raises(StorageError, match="not a workspace of this app") as refused:
        restore(saved, target, tmp_path / "safety")
    assert "nothing was changed" in str(refused.value)
    assert target.read_bytes() == before and not (tmp_path / "safety").exists()


@pytest.mark.parametrize("damage", ["empty", "truncated", "damaged", "missing"])
def test_a_damaged_workspace_or_a_new_file_can_be_restored(
        workspace: Workspace, db_path: Path, tmp_path: Path, damage: str) -> None:
    saved = workspace.backup()
    workspace.close()
    if damage == "empty":
        db_path.write_bytes(b"")
    elif damage == "truncated":
        db_path.write_bytes(db_path.read_bytes()[:20000])
    elif damage == "damaged":
        damage_btree(db_path, "nodes")
    else:
        db_path.unlink()
    restore(saved, db_path, tmp_path / "safety")
    with Workspace.open(db_path, read_only=True) as restored:
        assert restored.verify() == []


def test_a_backup_whose_evidence_no_longer_matches_its_hash_is_refused(
        workspace: Workspace, assessment_id: int, db_path: Path, tmp_path: Path) -> None:
    """It passed SQLite's integrity check and replaced a good workspace; verify then found
    the evidence damaged."""
    scan = tmp_path / "扫描件.pdf"
    scan.write_bytes(b"%PDF-1.4 scan of the signed plan")
    workspace.attach(assessment_id, ITEM, scan)
    saved = workspace.backup()
    workspace.close()
    with closing(sqlite3.connect(saved)) as conn:
        conn.execute("UPDATE chunks SET data = x'00' WHERE rowid = (SELECT min(rowid) FROM chunks)")
        conn.commit()
    before = db_path.read_bytes()
    with pytest.raises(CorruptWorkspaceError) as refused:
        restore(saved, db_path, tmp_path / "safety")
    assert "1 evidence file" in str(refused.value) and "choose an older backup" in str(
        refused.value)
    assert db_path.read_bytes() == before and not (tmp_path / "safety").exists()


def test_damaged_content_no_evidence_uses_does_not_refuse_the_backup(
        workspace: Workspace, assessment_id: int, db_path: Path, tmp_path: Path) -> None:
    """Content left for garbage collection was counted as a damaged evidence file."""
    scan = tmp_path / "旧扫描件.pdf"
    scan.write_bytes(b"%PDF-1.4 an old scan")
    evidence = workspace.attach(assessment_id, ITEM, scan)
    workspace.detach(assessment_id, ITEM, evidence.id)
    workspace.db.execute("DELETE FROM evidence WHERE id = ?", [evidence.id])  # gc half done
    saved = workspace.backup()
    workspace.close()
    with closing(sqlite3.connect(saved)) as conn:
        conn.execute("UPDATE chunks SET data = x'00'")
        conn.commit()
    assert restore(saved, db_path, tmp_path / "safety") is not None


def test_rotation_counts_the_backups_made_on_purpose_apart(tmp_path: Path) -> None:
    """A Back up now was deleted along with the automatic backups once ten were made; a
    nightly checklist backup must not pile up copies for ever either."""
    policy = BackupPolicy(keep=2, min_interval_s=0, folder=tmp_path / "b")
    with workspace_with_documents(tmp_path / "w.sqlite", [chongqing()],
                                  backups=policy) as workspace:
        manual = [workspace.backup(label="manual") for _ in range(3)]
        automatic = [workspace.backup() for _ in range(4)]
        upgrade = workspace.backup(label="before-v9")
    kept = list_backups(manual[0].parent)  # closing made one more automatic backup
    assert manual[1:] == [p for p in kept if p.stem.endswith("-manual")]
    assert upgrade in kept and len(kept) == 5
    assert not any(p in kept for p in [manual[0], *automatic[:3]])


def test_backups_are_described_newest_first_with_how_each_was_taken(tmp_path: Path) -> None:
    policy = BackupPolicy(keep=5, min_interval_s=0, on_close=False, folder=tmp_path / "b")
    with workspace_with_documents(tmp_path / "自查.sqlite", [chongqing()],
                                  backups=policy) as workspace:
        automatic = workspace.backup()
        upgrade = workspace.backup(label="before-v9")
        manual = workspace.backup(label="manual")
    folder = manual.parent
    copied = folder / "从U盘拷来的.sqlite"  # no stamp in its name: its file time counts
    copied.write_bytes(automatic.read_bytes())
    os.utime(copied, (1_000_000_000, 1_000_000_000))  # 2001
    (folder / "说明.txt").write_text("不是备份")
    entries = describe_backups(folder)
    assert [e.path for e in entries] == [manual, upgrade, automatic, copied]
    assert [e.kind for e in entries] == [BackupKind.MANUAL, BackupKind.BEFORE_UPGRADE,
                                         BackupKind.AUTOMATIC, BackupKind.OTHER]
    assert entries[0].taken_at >= entries[1].taken_at >= entries[2].taken_at
    assert entries[-1].taken_at.year == 2001 and entries[-1].taken_at.tzinfo is not None
    assert entries[0].size == manual.stat().st_size > 0


def test_no_backup_folder_describes_no_backups(tmp_path: Path) -> None:
    assert describe_backups(tmp_path / "没有") == []


def _left_by_a_stopped_program(beside: Path, age: int = 2 * 3600,
                               tag: str = "0badc0de") -> list[Path]:
    """What a backup, restore or report killed while writing leaves: its hidden temporary
    (as large as the file) and SQLite's journal of it, untouched since."""
    left = [beside.with_name(f".{beside.name}.{tag}.part"),
            beside.with_name(f".{beside.name}.{tag}.part-journal")]
    for path in left:
        path.write_bytes(b"x" * 4096)
        past = path.stat().st_mtime - age
        os.utime(path, (past, past))
    return left


def test_temporaries_a_killed_backup_or_restore_left_are_removed_by_the_next(
        workspace: Workspace, assessment_id: int, db_path: Path, tmp_path: Path) -> None:
    """Each killed backup left a tmpXXXX.part as large as the workspace in the backups
    folder, and each killed restore one beside the workspace: never removed (2 GB and
    3 GB after a few). The next backup or restore removes those an hour old; a recent one
    may still be written by another program, and stays."""
    folder = workspace.backup_folder()
    folder.mkdir(parents=True, exist_ok=True)
    stale = _left_by_a_stopped_program(folder / db_path.name)
    recent = _left_by_a_stopped_program(folder / db_path.name, age=60, tag="5ca1ab1e")
    saved = workspace.backup(label="manual")
    assert not any(path.exists() for path in stale) and all(p.exists() for p in recent)
    assert [p for p in folder.iterdir() if ".part" in p.name and p not in recent] == []
    workspace.close()
    beside = _left_by_a_stopped_program(db_path)
    safety = tmp_path / "safety"
    safety.mkdir()
    kept_left = _left_by_a_stopped_program(safety / f"{db_path.stem}-before-restore.sqlite")
    restore(saved, db_path, safety)
    assert not any(path.exists() for path in beside + kept_left)
    assert [p for p in db_path.parent.iterdir() if ".part" in p.name] == []
    assert [p for p in safety.iterdir() if ".part" in p.name] == []


def test_a_safety_copy_that_fails_leaves_nothing_under_its_name(
        workspace: Workspace, assessment_id: int, db_path: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The copy a restore keeps of the workspace it replaces was written under its final
    name: a disk that filled up (or a kill) left a cut-short file that looked like a good
    safety copy. It is written to a temporary first; a failure leaves nothing, and the
    workspace as it was."""
    import errno
    import shutil

    saved = workspace.backup()
    workspace.set_item(assessment_id, ITEM, status="done")
    workspace.close()
    real_copy = shutil.copyfile

    def fills_the_disk(source: str | Path, target: str | Path) -> Path:
        real_copy(source, target)
        with open(target, "r+b") as cut:
            cut.truncate(1024)
        raise OSError(errno.ENOSPC, "No space left on device", str(source), None, str(target))

    monkeypatch.setattr(shutil, "copyfile", fills_the_disk)
    safety = tmp_path / "safety"
    with pytest.raises(StorageError, match="safety"):
        restore(saved, db_path, safety)
    monkeypatch.undo()
    assert list(safety.iterdir()) == []
    with Workspace.open(db_path, read_only=True) as kept:
        assert kept.item_state(assessment_id, ITEM).status == "done"
