"""Storage errors: problems the user can act on, kept apart from bugs.

Like qutebrowser's ``KnownError``/``BugError``: a :class:`StorageError` carries a translated
message that names the file and says what to do; anything else escaping storage is a bug.
What to do through a front end (a command, a menu item) is not in the message but in its
:class:`Remedy`, which the command line and the desktop app each put in their own words.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from checklist_app.i18n import _, ngettext

if TYPE_CHECKING:
    from checklist_app.core import Assessment


class Remedy(StrEnum):
    """A way out that the front end names: a command on the command line, a menu item in
    the desktop app."""

    NEW_WORKSPACE = "new-workspace"
    RESTORE_BACKUP = "restore-backup"
    RESTORE_OTHER_WORKSPACE = "restore-other-workspace"  # a backup of another one, on purpose
    BACKUP_FIRST = "backup-first"  # a restore given the workspace and its backup swapped
    UPGRADE = "upgrade"  # an older format, opened where it cannot be upgraded
    IMPORT_DOCUMENT = "import-document"  # a policy document opened as a workspace


class StorageError(Exception):
    """A problem with the workspace or a file that the user can fix (KnownError)."""

    def __init__(self, message: str, path: Path | str | None = None, *,
                 remedy: Remedy | None = None) -> None:
        super().__init__(message)
        self.path = Path(path) if path is not None else None
        self.remedy = remedy


class MissingWorkspaceError(StorageError):
    """The workspace file to open does not exist (moved, renamed or deleted)."""


class NotAWorkspaceError(StorageError):
    """The file is not a SQLite database, or not one made by this app."""


class NewerSchemaError(StorageError):
    """The workspace was written by a newer version of the app."""


class CorruptWorkspaceError(StorageError):
    """The database is truncated or damaged."""


class DamagedEvidenceError(CorruptWorkspaceError):
    """A stored evidence file's bytes no longer match its SHA-256; the rest may be sound."""


class WorkspaceLockedError(StorageError):
    """Another process holds the writer lock; the workspace may be opened read-only."""

    can_open_read_only = True

    def __init__(self, message: str, path: Path | str | None = None, holder: str = "") -> None:
        super().__init__(message, path)
        self.holder = holder


class ReadOnlyError(StorageError):
    """The folder or file cannot be written, or the workspace was opened read-only."""


class OutdatedWorkspaceError(ReadOnlyError):
    """A workspace of an older format opened read-only: only a writable opening upgrades it
    (``Workspace.upgrade``)."""


class DiskFullError(StorageError):
    """No space left on the disk holding the workspace or the export folder."""


class DiskError(StorageError):
    """The disk failed a read or write (an I/O error, a file too large for the disk): the
    workspace is not damaged by it, the change was not made."""


class EvidenceFileError(StorageError):
    """A file to attach is missing, unreadable, changing, too large or not a regular file."""


class AttachRefusedError(EvidenceFileError):
    """Some files of a batch cannot be attached, so none of the batch was: one line each."""

    def __init__(self, refused: list[EvidenceFileError], total: int) -> None:
        header = ngettext(
            "{refused} of the {total} files cannot be attached, so none of them was "
            "attached. Fix or leave out this file, then attach again:",
            "{refused} of the {total} files cannot be attached, so none of them was "
            "attached. Fix or leave out these files, then attach again:",
            len(refused)).format(refused=len(refused), total=total)
        self.lines = [f"{number}. {error}" for number, error in enumerate(refused, 1)]
        super().__init__("\n".join([header, *self.lines]))
        self.refused = refused
        self.total = total


def refuse_batch(refused: list[EvidenceFileError], total: int) -> EvidenceFileError:
    """The error for a batch: a lone file's own error, else all refusals in one message."""
    if total == 1 and len(refused) == 1:
        return refused[0]
    return AttachRefusedError(refused, total)


class ClosedAssessmentError(StorageError):
    """A closed assessment is frozen: it can be reported and copied, not changed."""


class NotFoundError(StorageError):
    """An unknown document, node, assessment or evidence id."""


class AmbiguousAssessmentError(StorageError):
    """No assessment was named and several are open: ``candidates`` lists every one."""

    def __init__(self, message: str, candidates: list[Assessment]) -> None:
        super().__init__(message)
        self.candidates = candidates


class InvalidValueError(StorageError):
    """A value the domain refuses, e.g. 不适用 (not applicable) with no justification."""


class StorageBug(Exception):
    """Something that should never happen: report it with the traceback."""


def translate(error: BaseException, path: Path) -> StorageError | None:
    """The :class:`StorageError` for an environment failure, or None when it is a bug."""
    if isinstance(error, StorageError):
        return error
    if isinstance(error, sqlite3.Error):
        return _translate_sqlite(error, path)
    if isinstance(error, OSError):
        return _translate_os(error, path)
    return None


def _translate_sqlite(error: sqlite3.Error, path: Path) -> StorageError | None:
    text = str(error).lower()
    if "disk is full" in text or "database or disk is full" in text:
        return DiskFullError(_disk_full(path), path)
    if getattr(error, "sqlite_errorname", "") == "SQLITE_READONLY_ROLLBACK":
        return ReadOnlyError(
            _("Workspace {path} was left half-written when a program was stopped in the middle "
              "of saving, and it cannot be repaired here because the file or its folder is "
              "read-only. Open it once where it can be written (copy it together with "
              "{journal} from the same folder), and it repairs itself.").format(
                path=path, journal=path.name + "-journal"),
            path,
        )
    if "readonly" in text or "read-only" in text:
        return ReadOnlyError(
            _("Cannot write to workspace {path}: the file or its folder is read-only. "
              "Copy it to a folder you can write to, or open it read-only.").format(path=path),
            path,
        )
    if "locked" in text or "busy" in text:
        return WorkspaceLockedError(_locked(path), path)
    if "disk i/o error" in text or getattr(error, "sqlite_errorname", "").startswith(
            "SQLITE_IOERR"):  # never a reason to restore: SQLite rolled the change back
        return DiskError(_disk_failed(path), path)
    if "malformed" in text or "not a database" in text:
        return corrupt_workspace(path)
    if "unable to open" in text:
        return StorageError(
            _("Cannot open workspace {path}: check that the folder exists and that you may "
              "read and write it.").format(path=path),
            path,
        )
    return None


# What Windows says when another program has the file open: replacing or deleting it gives
# ERROR_ACCESS_DENIED (also a plain permission problem), writing ERROR_SHARING_VIOLATION or
# ERROR_LOCK_VIOLATION.
WINDOWS_IN_USE = {5: False, 32: True, 33: True}  # winerror → surely in use


def is_temporary(name: str | os.PathLike[str] | None) -> bool:
    """Whether ``name`` is one of the hidden ``.….part`` files a file is written to before it
    takes its name (export, report): the user chose the final name, never this one."""
    if not name:
        return False
    base = os.path.basename(os.fspath(name))
    return base.startswith(".") and base.endswith(".part")


def name_targets(error: OSError, temps: Mapping[Path, Path]) -> OSError:
    """``error`` naming the file each temporary stands for (``temps``: temp → target)."""
    for attribute in ("filename", "filename2"):
        name = getattr(error, attribute)
        if name and Path(name) in temps:
            setattr(error, attribute, str(temps[Path(name)]))
    return error


def _translate_os(error: OSError, path: Path) -> StorageError | None:
    where = Path(error.filename) if error.filename and not is_temporary(error.filename) else path
    if error.errno == errno.EIO:  # either file's disk, the one read or the one written
        return DiskError(_disk_failed(where), where)
    if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        # a copy (shutil's sendfile) names its source first: the full disk is the target's
        target = error.filename2 or error.filename
        where = Path(target) if target and not is_temporary(target) else path
        if error.errno == errno.EFBIG:
            return DiskError(_too_large_for_disk(where), where)
        return DiskFullError(_disk_full(where), where)
    winerror = getattr(error, "winerror", None)
    if winerror in WINDOWS_IN_USE:
        return _windows_refusal(where, surely_in_use=WINDOWS_IN_USE[winerror])
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return ReadOnlyError(
            _("Cannot write {path}: permission denied or read-only disk. "
              "Choose a folder you can write to.").format(path=where),
            where,
        )
    return None


OPENED_IN_VIEWERS = (".pdf", ".docx", ".doc", ".wps", ".xlsx", ".xls")


def _windows_refusal(path: Path, *, surely_in_use: bool) -> StorageError:
    """Windows refused a file another program may hold; a report names the usual viewers.
    Access denied may also be a plain permission problem: a ReadOnlyError then."""
    document = path.suffix.lower() in OPENED_IN_VIEWERS
    if surely_in_use:
        message = (_("Cannot write {path}: it is open in another program (a PDF viewer, "
                     "Word, another window of this app?). Close it there and try again.")
                   if document else
                   _("Cannot write {path}: it is open in another program. Close it there "
                     "and try again."))
        return StorageError(message.format(path=path), path)
    message = (_("Cannot write {path}: it may be open in another program (a PDF viewer, "
                 "Word?), or you may not write there. Close it, or choose a folder you "
                 "can write to.")
               if document else
               _("Cannot write {path}: it may be open in another program, or you may not "
                 "write there. Close it, or choose a folder you can write to."))
    return ReadOnlyError(message.format(path=path), path)


def _disk_full(path: Path) -> str:
    return _("The disk holding {path} is full: nothing was changed. "
             "Free some space and try again.").format(path=path)


def _disk_failed(path: Path) -> str:
    return _("The disk holding {path} reported an error while reading or writing it: "
             "nothing was changed. Check that the USB stick or network drive is still "
             "connected, then open the workspace again and retry; on a USB stick, copy the "
             "workspace to this computer's disk and work there.").format(path=path)


def _too_large_for_disk(path: Path) -> str:
    return _("{path} would grow larger than its disk allows for one file (a USB stick "
             "formatted FAT32 holds files of 4 GB at most): nothing was changed. Move it "
             "to this computer's disk and try again.").format(path=path)


def _locked(path: Path) -> str:
    return _("Workspace {path} is in use by another program or computer: nothing was "
             "changed. Close it there and try again.").format(path=path)


def corrupt_workspace(path: Path) -> CorruptWorkspaceError:
    """The error for a workspace file that is damaged or incomplete."""
    return CorruptWorkspaceError(
        _("Workspace {path} is damaged or truncated. Restore it from a backup.").format(
            path=path),
        path, remedy=Remedy.RESTORE_BACKUP)


def damaged_before_deleting(path: Path) -> CorruptWorkspaceError:
    """The error for a deletion refused because the tables it reads are damaged."""
    return CorruptWorkspaceError(
        _("Workspace {path} is damaged: SQLite's integrity check fails on the records this "
          "action would delete from, so it could delete what is still in use. Nothing was "
          "changed. Restore the workspace from a backup.").format(path=path),
        path, remedy=Remedy.RESTORE_BACKUP)


@contextmanager
def known_errors(path: Path) -> Iterator[None]:
    """Turn environment failures (disk full, read-only, locked, corrupt) into StorageError."""
    try:
        yield
    except (sqlite3.Error, OSError) as error:
        known = translate(error, path)
        if known is None:
            raise
        raise known from error
