"""One writer per workspace: an OS lock on ``<workspace>.lock`` next to the file.

The lock file holds who owns it (host, user, process) so that a second process can say who
has the workspace open. The OS lock (``flock`` / ``msvcrt.locking``) is released by the kernel
when the owner dies, so a killed process never leaves the workspace locked for good.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import sys
from datetime import UTC, datetime
from pathlib import Path

from checklist_app.i18n import _
from checklist_app.storage.errors import ReadOnlyError, WorkspaceLockedError

# Windows locks are mandatory: no other process may read the locked byte 0, and an open file
# cannot be deleted. So the holder is written (and read) after byte 0, and the file is
# deleted after it is closed there, before it is unlocked elsewhere (see release).
HOLDER_OFFSET = 1
DELETE_WHILE_OPEN = sys.platform != "win32"

if sys.platform == "win32":  # pragma: no cover - exercised on Windows CI only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers) or no login name
        return "unknown"


def lock_path_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


class WorkspaceLock:
    """The writer lock of one workspace file; ``acquire`` fails fast, never waits."""

    def __init__(self, db_path: Path, user: str = "") -> None:
        self.db_path = db_path
        self.user = user  # the name staff know (the app's user name), else the login
        self.path = lock_path_for(db_path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock or raise WorkspaceLockedError (with the holder) / ReadOnlyError."""
        for _attempt in range(5):
            fd = self._open()
            if not _try_lock(fd):
                holder = self._holder(fd)
                os.close(fd)
                raise WorkspaceLockedError(self._locked_message(holder), self.db_path, holder)
            if self._same_file(fd):
                self._fd = fd
                self._write_holder(fd)
                return
            os.close(fd)  # the previous owner removed the file between our open and lock
        raise WorkspaceLockedError(self._locked_message(""), self.db_path)

    def release(self) -> None:
        """Unlock and delete the lock file.

        Deleting comes first where an open file can be deleted (POSIX), so that no one
        locks the file we are about to delete. On Windows it comes last: a process that
        opened the file meanwhile keeps it from being deleted, and then uses it.
        """
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        if DELETE_WHILE_OPEN:
            self._delete()
        with contextlib.suppress(OSError):
            _unlock(fd)
        os.close(fd)
        if not DELETE_WHILE_OPEN:
            self._delete()

    def _delete(self) -> None:
        with contextlib.suppress(OSError):
            self.path.unlink()

    def _open(self) -> int:
        try:
            return os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise ReadOnlyError(
                _("Cannot open workspace {path} for writing: its folder is read-only. "
                  "Open it read-only, or copy it to a folder you can write to.").format(
                    path=self.db_path
                ),
                self.db_path,
            ) from error

    def _same_file(self, fd: int) -> bool:
        try:
            return os.path.samestat(os.fstat(fd), os.stat(self.path))
        except FileNotFoundError:
            return False

    def _write_holder(self, fd: int) -> None:
        info = {
            "host": socket.gethostname(),
            "user": self.user or current_user(),
            "pid": os.getpid(),
            "since": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        data = json.dumps(info, ensure_ascii=False).encode()
        # Byte 0 carries the Windows lock; write the details after it.
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, b" " * HOLDER_OFFSET + data)

    def _holder(self, fd: int) -> str:
        try:
            os.lseek(fd, HOLDER_OFFSET, os.SEEK_SET)  # byte 0 is locked: unreadable on Windows
            raw = os.read(fd, 4096).decode(errors="replace").strip()
            info = json.loads(raw)
            since = datetime.fromisoformat(info["since"]).astimezone()
            return _("{user} on computer {host}, since {time}").format(
                user=info["user"], host=info["host"], time=since.strftime("%Y-%m-%d %H:%M"))
        except (OSError, ValueError, KeyError, TypeError):
            return ""

    def _locked_message(self, holder: str) -> str:
        if holder:
            return _("Workspace {path} is open in another window or on another computer "
                     "({holder}), so it cannot be changed here: nothing was changed. Close "
                     "it there and try again; reading it (a report, verify) works "
                     "meanwhile.").format(path=self.db_path, holder=holder)
        return _("Workspace {path} is open in another window or on another computer, so it "
                 "cannot be changed here: nothing was changed. Close it there and try again; "
                 "reading it (a report, verify) works meanwhile.").format(path=self.db_path)
