"""Backups with SQLite's online backup API, rotation, and restore.

Backups of a workspace live in the user data folder of this computer, in a folder named
after the workspace file and its id, so two workspaces called ``workspace.sqlite`` on two
USB sticks never mix.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from checklist_app import paths
from checklist_app.i18n import _, ngettext, os_reason
from checklist_app.storage.db import (
    APPLICATION_ID,
    SQLITE_MAGIC,
    PlainDatabase,
    check_file,
    recover_interrupted_write,
    sqlite_uri,
)
from checklist_app.storage.errors import (
    CorruptWorkspaceError,
    MissingWorkspaceError,
    NewerSchemaError,
    NotAWorkspaceError,
    Remedy,
    StorageError,
    WorkspaceLockedError,
    known_errors,
)
from checklist_app.storage.lock import WorkspaceLock
from checklist_app.storage.schema import missing_tables
from checklist_app.storage.temp_files import (
    name_bytes,
    remove_temp,
    shortened_name,
    temp_path_for,
)

SUFFIX = ".sqlite"
SIDE_FILES = ("-wal", "-shm", "-journal")  # SQLite's files beside a workspace
STAMP = "%Y%m%d-%H%M%S-%f"
BEFORE_RESTORE_KEEP = 10  # copies a restore keeps of each workspace it replaced
# a copy a restore kept: workspace-20261207-101500-123456-b46bf61f-before-restore.sqlite
_BEFORE_RESTORE = re.compile(r"(?P<stem>.*)-(?P<stamp>\d{8}-\d{6}-\d{6})"
                             r"(?:-(?P<id>[0-9A-Za-z]+))?-before-restore" + re.escape(SUFFIX))
MANUAL = "manual"  # the label of a backup made on purpose (Back up now, checklist backup)
_AUTOMATIC = re.compile(r"-\d{8}-\d{6}-\d{6}$")  # a stem ending with its STAMP: no label


@dataclass(frozen=True, slots=True)
class BackupPolicy:
    """Automatic backups on open and close, at most one per ``min_interval_s``."""

    keep: int = 10
    on_open: bool = True
    on_close: bool = True
    min_interval_s: float = 600.0
    folder: Path | None = None  # default: paths.backups_dir() / <name>-<workspace id>


ID_CHARS = 8  # of the workspace id, in its backup folder's name (the id is hex)
# Of a workspace's name in the name of its backup folder: the names whose backups worked
# before are kept whole, so that those are still found (a name of 74 hanzi made every
# backup fail).
STEM_BYTES = 210
# Of its name in the backups' own names, and in the copy a restore keeps: SQLite opens no
# path past 512 bytes, and a long name twice over (folder and file) went past it.
FILE_STEM_BYTES = 60


def backup_stem(db_path: Path) -> str:
    """The workspace's name as its backup folder's name starts."""
    return shortened_name(db_path.stem, STEM_BYTES)


def backup_file_stem(db_path: Path) -> str:
    """The workspace's name as its backups' file names start: a long one cut short, with
    a hash of it whole (…（初稿） and …（终稿） copied from one file share an id and their first
    twenty hanzi, and would rotate each other's copies)."""
    stem = db_path.stem
    if name_bytes(stem) <= FILE_STEM_BYTES:
        return stem
    digest = hashlib.sha1(stem.encode()).hexdigest()[:8]
    return f"{shortened_name(stem, FILE_STEM_BYTES - len(digest) - 1)}~{digest}"


def backup_folder(db_path: Path, workspace_id: str, policy: BackupPolicy) -> Path:
    base = policy.folder or paths.backups_dir()
    return base / f"{backup_stem(db_path)}-{workspace_id[:ID_CHARS]}"


def find_backup_folder(db_path: Path, policy: BackupPolicy | None = None) -> Path | None:
    """The folder of the backups of workspace file ``db_path``, when it exists.

    Found by the id stored in the file; when that cannot be read (a damaged file), the one
    folder named after the file, if only one is (two files of that name elsewhere, two).
    """
    policy = policy or BackupPolicy()
    workspace_id = workspace_id_of(db_path) if db_path.is_file() else None
    if workspace_id:
        folder = backup_folder(db_path, workspace_id, policy)
        return folder if folder.is_dir() else None
    if not _may_be_workspace(db_path):
        return None
    base = policy.folder or paths.backups_dir()
    name = re.compile(re.escape(backup_stem(db_path)) + f"-[0-9a-f]{{{ID_CHARS}}}")
    try:
        named = [f for f in base.iterdir() if f.is_dir() and name.fullmatch(f.name)] \
            if base.is_dir() else []
    except OSError:  # the backups folder unreadable: no folder to offer
        return None
    return named[0] if len(named) == 1 else None


WORKSPACE_SUFFIXES = frozenset({".sqlite", ".sqlite3", ".db", ""})
# The first bytes of files that are surely no workspace: .docx/.xlsx/zip, PDF, old Office.
FOREIGN_MAGIC = (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0")


def _may_be_workspace(path: Path) -> bool:
    """Whether a file whose workspace id cannot be read may still be a (damaged) workspace
    and so be matched to a backups folder by its name: a missing one, or a regular file
    with a workspace's suffix that is plainly nothing else (自查.docx, a folder named 自查
    or another program's database share the name of a workspace's backups, not its data)."""
    if not path.exists():
        return True
    if not path.is_file() or path.suffix.lower() not in WORKSPACE_SUFFIXES:
        return False
    try:
        with path.open("rb") as file:
            head = file.read(100)
    except OSError:
        return True  # unreadable: its name is all there is to go by
    if head.startswith(FOREIGN_MAGIC):
        return False
    return not (head.startswith(SQLITE_MAGIC) and len(head) == 100
                and int.from_bytes(head[68:72], "big") != APPLICATION_ID)


def list_backups(folder: Path) -> list[Path]:
    """Backups in a folder, oldest first: by the time in their names (a long workspace
    name starts its older backups' names whole, its newer ones' cut short), then by name."""
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if p.suffix == SUFFIX and p.is_file()),
                  key=_time_first)


def _time_first(path: Path) -> tuple[str, str]:
    stamped = _STAMPED.search(path.stem)
    return (stamped.group(1) if stamped else "", path.name)


class BackupKind(StrEnum):
    AUTOMATIC = "automatic"  # on open and close, at most one per interval
    MANUAL = "manual"  # Back up now, ``checklist backup``
    BEFORE_UPGRADE = "before-upgrade"  # taken before the file was brought to a newer schema
    OTHER = "other"  # another label, or a file named otherwise


@dataclass(frozen=True, slots=True)
class BackupEntry:
    """One backup as a restore dialog lists it."""

    path: Path
    taken_at: datetime  # aware, UTC: from the name's stamp, else the file's modification time
    kind: BackupKind
    size: int


# the last stamp in a name (a workspace named after a backup holds one of its own)
_STAMPED = re.compile(r"^.*-(\d{8}-\d{6}-\d{6})(?:-(.+))?$")


def describe_backups(folder: Path) -> list[BackupEntry]:
    """The backups in ``folder``, newest first, with when and how each was taken.

    A backup that vanishes while it is read (rotated by another program) is left out."""
    entries = []
    for path in list_backups(folder):
        try:
            status = path.stat()
        except OSError:
            continue
        taken_at, kind = _stamp_and_kind(path.stem)
        entries.append(BackupEntry(
            path, taken_at or datetime.fromtimestamp(status.st_mtime, UTC), kind,
            status.st_size))
    entries.sort(key=lambda entry: entry.taken_at, reverse=True)
    return entries


def _stamp_and_kind(stem: str) -> tuple[datetime | None, BackupKind]:
    found = _STAMPED.search(stem)
    if found is None:
        return None, BackupKind.OTHER
    try:
        taken_at = datetime.strptime(found[1], STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None, BackupKind.OTHER
    label = found[2] or ""
    if not label:
        return taken_at, BackupKind.AUTOMATIC
    if label == MANUAL:
        return taken_at, BackupKind.MANUAL
    return taken_at, (BackupKind.BEFORE_UPGRADE if label.startswith("before-v")
                      else BackupKind.OTHER)


def is_recent(folder: Path, min_interval_s: float) -> bool:
    backups = list_backups(folder)
    if not backups:
        return False
    age = datetime.now(UTC).timestamp() - backups[-1].stat().st_mtime
    return age < min_interval_s


BackupProgress = Callable[[int, int], None]  # (pages copied, pages in all)
STEP_BYTES = 1 << 20  # copied between two progress calls


def backup(conn: sqlite3.Connection, source: Path, folder: Path, *, keep: int,
           label: str = "", progress: BackupProgress | None = None) -> Path:
    """Copy a live database (workspace file ``source``) into ``folder`` as one
    self-contained file; rotate old ones.

    ``progress`` is called after each step of the copy; an exception it raises (the user
    cancelled) stops the copy, and the unfinished file is deleted before it propagates, so a
    backup is either complete under its final name or not there at all. A copy that fails
    ``PRAGMA quick_check`` (the workspace is damaged) is deleted too, before any rotation:
    :func:`damaged_workspace` is raised and every backup already there is kept.
    """
    _make_folder(folder)
    stamp = datetime.now(UTC).strftime(STAMP)
    stem = backup_file_stem(source)
    target = folder / f"{stem}-{stamp}{'-' + label if label else ''}{SUFFIX}"
    # one name for the temporaries of every backup of this file: the next backup removes
    # those a stopped one left (each as large as the workspace)
    temp = temp_path_for(folder / f"{stem}{SUFFIX}")
    try:
        with known_errors(target), contextlib.closing(sqlite3.connect(temp)) as copy:
            _copy(conn, copy, progress)
            copy.execute("PRAGMA journal_mode = DELETE")  # one file, no -wal beside it
            sound = is_sound(copy)
        if not sound:
            raise damaged_workspace(source)
        _fsync(temp)
        os.replace(temp, target)
    except BaseException:
        remove_temp(temp)
        with contextlib.suppress(OSError):
            folder.rmdir()  # made for this backup and nothing else in it: not left empty
        raise
    rotate(folder, keep)
    return target


def _copy(conn: sqlite3.Connection, copy: sqlite3.Connection,
          progress: BackupProgress | None) -> None:
    if progress is None:
        conn.backup(copy)
        return
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.backup(copy, pages=max(1, STEP_BYTES // page_size),
                progress=lambda _status, left, total: progress(total - left, total))


def is_sound(conn: sqlite3.Connection) -> bool:
    """Whether ``PRAGMA quick_check`` finds the database's b-trees intact (it reads every
    page but skips the slower index-against-table comparison of integrity_check)."""
    try:
        return conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    except sqlite3.DatabaseError:  # a page so damaged that the check itself stops
        return False


def damaged_workspace(path: Path) -> CorruptWorkspaceError:
    """No backup of a damaged workspace: a damaged copy would push good ones out of the
    rotation."""
    return CorruptWorkspaceError(
        _("Workspace {path} is damaged, so no backup was made of it; the backups made "
          "before were all kept. Restore it from the latest of them.").format(path=path),
        path, remedy=Remedy.RESTORE_BACKUP)


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StorageError(
            _("Cannot create the backup folder {folder}: {reason}. Check that the disk is "
              "there and can be written to.").format(folder=folder, reason=os_reason(error)),
            folder) from error


def rotate(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` automatic backups, and all but the newest ``keep``
    made on purpose (``-manual``); return the deleted ones.

    Counted apart: ten automatic backups pushed out a Back up now without a word, while a
    nightly ``checklist backup`` must not pile up copies for ever. Other labelled backups
    (``-before-vN``, before an upgrade) are kept."""
    backups = list_backups(folder)
    automatic = [path for path in backups if _AUTOMATIC.search(path.stem)]
    manual = [path for path in backups if path.stem.endswith(f"-{MANUAL}")]
    doomed = [*automatic[: max(0, len(automatic) - keep)],
              *manual[: max(0, len(manual) - keep)]]
    for old in doomed:
        with contextlib.suppress(OSError):
            old.unlink()
    return doomed


def rotate_before_restore(folder: Path, kept: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` copies a restore kept of the workspace ``kept`` is
    a copy of (with their WAL, journal and shared memory), ``kept`` itself never. One folder
    holds the copies of every workspace, and many are named workspace.sqlite: a copy counts
    as this one's by the workspace id in its name; one named without an id is left."""
    own = _BEFORE_RESTORE.fullmatch(kept.name)
    if own is None or not own["id"]:
        return []
    try:
        copies = sorted((found["stamp"], path) for path in folder.iterdir()
                        if (found := _BEFORE_RESTORE.fullmatch(path.name)) and path != kept
                        and (found["stem"], found["id"]) == (own["stem"], own["id"]))
    except OSError:
        return []
    doomed = [path for _stamp, path in copies[: max(0, len(copies) - max(0, keep - 1))]]
    for old in doomed:
        for side in ("", *SIDE_FILES):
            with contextlib.suppress(OSError):
                old.with_name(old.name + side).unlink()
    return doomed


def _fsync(path: str | Path) -> None:
    with open(path, "rb") as file:
        os.fsync(file.fileno())


def _check_backup(backup_path: Path) -> None:
    """A readable, undamaged workspace file; the errors speak of the backup, not a workspace."""
    try:
        header = check_file(backup_path)
    except MissingWorkspaceError:
        raise MissingWorkspaceError(
            _("Backup {path} does not exist. Check the path of the backup file; the "
              "workspace was not changed.").format(path=backup_path), backup_path) from None
    except NotAWorkspaceError:
        raise NotAWorkspaceError(
            _("{path} is not a backup of a workspace (empty, or a file of another program); "
              "the workspace was not changed.").format(path=backup_path), backup_path) from None
    except CorruptWorkspaceError:  # truncated: not "restore it from a backup" (this one)
        raise _damaged(backup_path) from None
    uri = sqlite_uri(backup_path, "mode=ro")
    try:
        with known_errors(backup_path), \
                contextlib.closing(sqlite3.connect(uri, uri=True)) as conn:
            intact = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok" \
                and not missing_tables(conn, header.user_version if header else 0)
            damaged_files = _damaged_evidence(conn) if intact else 0
    except CorruptWorkspaceError:  # too damaged to check: not "restore it from a backup"
        raise _damaged(backup_path) from None
    if not intact:
        raise _damaged(backup_path)
    if damaged_files:
        raise CorruptWorkspaceError(ngettext(
            "Backup {path} holds {n} evidence file whose bytes no longer match its SHA-256; "
            "choose an older backup.",
            "Backup {path} holds {n} evidence files whose bytes no longer match their SHA-256; "
            "choose an older backup.", damaged_files).format(path=backup_path, n=damaged_files),
            backup_path)


def _damaged_evidence(conn: sqlite3.Connection) -> int:
    """How many evidence files of a sound SQLite file no longer match their hash (a backup
    copy damaged on disk would bring them back); content no evidence uses any more is none
    of the restore's concern."""
    from checklist_app.storage.evidence import verify_contents  # not needed at start-up

    # verify_contents only calls execute(), which a plain connection has as Database does
    return len(verify_contents(conn, in_use_only=True))  # type: ignore[arg-type]


def backup_record_problems(backup_path: Path) -> list[str]:
    """What ``checklist verify`` says of a sound backup's records (its audit trail broken,
    items changed outside the app). Such a backup may still be the one to restore, as
    such a workspace still opens: the user is told before choosing."""
    from checklist_app.storage.verify import record_problems

    uri = sqlite_uri(backup_path, "mode=ro")
    with known_errors(backup_path), contextlib.closing(sqlite3.connect(uri, uri=True)) as conn:
        conn.isolation_level = None
        return record_problems(PlainDatabase(conn))  # type: ignore[arg-type]


def _damaged(backup_path: Path) -> CorruptWorkspaceError:
    return CorruptWorkspaceError(
        _("Backup {path} is damaged; choose an older backup.").format(path=backup_path),
        backup_path)


def before_restore_folder() -> Path:
    """Where a restore keeps the workspace file it replaces (on this computer)."""
    return paths.backups_dir() / "before-restore"


def check_restore(backup_path: Path, db_path: Path, *, other_workspace: bool = False) -> None:
    """Refuse, before anything is asked or done, a backup that cannot be restored over
    ``db_path``: missing, damaged, not a workspace, or (unless intended) another one's; or
    ``db_path`` the backup itself, or an existing file that is not a workspace."""
    _refuse_same_file(backup_path, db_path)
    _refuse_swapped(backup_path, db_path)
    _check_backup(backup_path)
    _check_target(db_path, backup_path)
    if not other_workspace:
        _check_same_workspace(backup_path, db_path)


def _refuse_same_file(backup_path: Path, db_path: Path) -> None:
    """Restoring a file over itself would only say it was restored."""
    with contextlib.suppress(OSError):  # either one missing: not the same file
        if os.path.samefile(backup_path, db_path):
            raise StorageError(
                _("{backup} is the workspace itself, not a backup of it: a file cannot be "
                  "restored over itself. Nothing was changed; choose one of its backups.")
                .format(backup=backup_path), db_path)


def _check_target(db_path: Path, backup_path: Path) -> None:
    """Restore only over a workspace (damaged, cut short or emptied ones included) or to a
    new file: a backup put over anything else (a document, another program's database)
    would replace it. A file whose header is damaged no longer reads as a workspace: it is
    one when the backup comes from the backups folder named after it."""
    try:
        check_file(db_path, allow_empty=True)
    except (MissingWorkspaceError, CorruptWorkspaceError, NewerSchemaError):
        return
    except NotAWorkspaceError:
        if _backs_up(backup_path, db_path):
            return
        raise StorageError(
            _("{path} is not a workspace of this app, so no backup is restored over it; "
              "nothing was changed. Choose the workspace the backup was made of, or a new "
              "file name.").format(path=db_path), db_path) from None


def _backs_up(backup_path: Path, db_path: Path) -> bool:
    """Whether ``backup_path`` lies in the backups folder of workspace file ``db_path``."""
    folder = find_backup_folder(db_path)
    with contextlib.suppress(OSError):
        return folder is not None and backup_path.parent.samefile(folder)
    return False


def _refuse_swapped(backup_path: Path, db_path: Path) -> None:
    """The file to replace lies in the backups folder and the backup does not: the two were
    given the wrong way round, and the restore would copy the workspace over its backup."""
    folder = paths.backups_dir().resolve()
    if folder in db_path.resolve().parents and folder not in backup_path.resolve().parents:
        raise StorageError(
            _("{db} is in the backups folder and {backup} is not: it looks like the backup "
              "was given as the workspace to replace. Nothing was changed.").format(
                db=db_path, backup=backup_path), db_path, remedy=Remedy.BACKUP_FIRST)


def restore(backup_path: Path, db_path: Path, safety_folder: Path, *,
            other_workspace: bool = False, keep: int = BEFORE_RESTORE_KEEP) -> Path | None:
    """Replace ``db_path`` by a checked copy of a backup.

    The current file (with its WAL) is first copied into ``safety_folder``; returns that
    copy, or None when there was no workspace to keep. The newest ``keep`` copies of that
    workspace (told apart by the id stored in it) stay there, older ones are deleted once
    the restore is done (each is as large as the workspace; every restore left one more).
    A backup of a different workspace is refused unless ``other_workspace`` says that is
    intended.
    """
    check_restore(backup_path, db_path, other_workspace=other_workspace)
    lock = WorkspaceLock(db_path)
    _lock_for_restore(lock)
    try:
        if db_path.is_file():
            recover_interrupted_write(db_path, locked=True)  # the copy kept is whole
        kept = _keep_current(db_path, safety_folder)
        temp = temp_path_for(db_path)
        try:
            with known_errors(db_path):
                shutil.copyfile(backup_path, temp)
                _same_permissions(db_path, Path(temp))
                _fsync(temp)
                for side in SIDE_FILES:  # a stale journal would be played into the backup
                    with contextlib.suppress(FileNotFoundError):
                        db_path.with_name(db_path.name + side).unlink()
                os.replace(temp, db_path)
        except BaseException:
            remove_temp(temp)
            raise
        if kept is not None:
            rotate_before_restore(safety_folder, kept, keep)
        return kept
    finally:
        lock.release()


def _same_permissions(workspace: Path, restored: Path) -> None:
    """The restored file readable by whom the workspace was (a temporary file is made for
    its owner only: colleagues sharing the folder lost access after a restore)."""
    with contextlib.suppress(FileNotFoundError):
        shutil.copymode(workspace, restored)


def _lock_for_restore(lock: WorkspaceLock) -> None:
    """Take the writer lock; while another program has the workspace open, say to close it
    first (reading it meanwhile, which the lock's own message offers, restores nothing)."""
    try:
        lock.acquire()
    except WorkspaceLockedError as error:
        message = _("Workspace {path} is open in another program or on another computer "
                    "({holder}). Close it there first, then restore; nothing was changed.")
        if not error.holder:
            message = _("Workspace {path} is open in another program or on another computer. "
                        "Close it there first, then restore; nothing was changed.")
        raise WorkspaceLockedError(message.format(path=lock.db_path, holder=error.holder),
                                   lock.db_path, error.holder) from None


def workspace_id_of(path: Path) -> str | None:
    """The id stored in a workspace file, or None when it cannot be read."""
    try:
        with contextlib.closing(sqlite3.connect(sqlite_uri(path, "mode=ro"), uri=True)) as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'workspace_id'").fetchone()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def _check_same_workspace(backup_path: Path, db_path: Path) -> None:
    if not db_path.is_file():
        return
    current, backup = workspace_id_of(db_path), workspace_id_of(backup_path)
    if current and backup and current != backup:
        raise StorageError(
            _("{backup} is a backup of another workspace, not of {path}. Choose a backup of "
              "this workspace.").format(backup=backup_path, path=db_path),
            db_path, remedy=Remedy.RESTORE_OTHER_WORKSPACE)


def _keep_current(db_path: Path, safety_folder: Path) -> Path | None:
    if not db_path.exists():
        return None
    if not db_path.is_file():
        raise StorageError(_("{path} is not a file; restore refused.").format(path=db_path),
                           db_path)
    _make_folder(safety_folder)
    workspace_id = workspace_id_of(db_path)
    stamp = datetime.now(UTC).strftime(STAMP)
    if workspace_id:  # which workspace it is a copy of: see rotate_before_restore
        stamp += f"-{workspace_id[:ID_CHARS]}"
    stem = backup_file_stem(db_path)
    kept = safety_folder / f"{stem}-{stamp}-before-restore{SUFFIX}"
    # what SQLite needs to read the copy as it was: the file, and its WAL or journal
    copies = [(db_path, kept)] + [
        (beside, kept.with_name(kept.name + side)) for side in ("-wal", "-journal")
        if (beside := db_path.with_name(db_path.name + side)).exists()]
    # temporaries named without the time, as a backup's: the next restore removes those a
    # stopped one left (each as large as the workspace)
    temps = [temp_path_for(safety_folder / copy.name.replace(f"-{stamp}", ""))
             for _source, copy in copies]
    try:
        with known_errors(kept):
            for (source, _copy), temp in zip(copies, temps, strict=True):
                shutil.copyfile(source, temp)
                _fsync(temp)
            for (_source, copy), temp in reversed(list(zip(copies, temps, strict=True))):
                os.replace(temp, copy)  # the file last: never one without its WAL
    except BaseException:
        for (_source, copy), temp in zip(copies, temps, strict=True):
            remove_temp(temp)
            if copy is not kept:
                with contextlib.suppress(OSError):
                    copy.unlink()  # a WAL put in place before the file failed
        raise
    return kept
