"""Opening the workspace file: checks that never write, the connection and its pragmas.

Before SQLite touches a file we read its 100-byte header ourselves: a file that is not a
SQLite database, not a workspace, truncated, or from a newer app version is refused while it
is still byte-for-byte untouched.

Reads go through :class:`PlainDatabase`, the part of sqlite-utils' ``Database`` they use
over the same sqlite3 connection; sqlite-utils itself is imported at the first write
(:func:`utils_database`). Importing it costs ~0.1 s (pluggy, click and dateutil come with
it), which the desktop app would otherwise pay before it can show a workspace.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, TypeAlias

from checklist_app.i18n import _, os_reason
from checklist_app.storage.errors import (
    CorruptWorkspaceError,
    MissingWorkspaceError,
    NewerSchemaError,
    NotAWorkspaceError,
    ReadOnlyError,
    Remedy,
    StorageError,
    corrupt_workspace,
    known_errors,
)
from checklist_app.storage.filesystems import is_network_path
from checklist_app.storage.lock import WorkspaceLock

if TYPE_CHECKING:
    from sqlite_utils import Database

    Reader: TypeAlias = "Database | PlainDatabase"  # what a read function is given

SQLITE_MAGIC = b"SQLite format 3\x00"
APPLICATION_ID = 0x43484B4C  # "CHKL": PRAGMA application_id of every workspace
SCHEMA_VERSION = 5  # PRAGMA user_version written by the newest migration
BUSY_TIMEOUT_MS = 5000
# A large attach leaves a WAL as big as the file; truncate it back after checkpoints.
JOURNAL_SIZE_LIMIT = 64 << 20
# Evidence chunks span fewer overflow pages: reading 256 MiB of chunks took 0.3 s with
# 16 KiB pages against 0.9 s with SQLite's default 4 KiB; writing 0.27 s against 0.51 s.
PAGE_SIZE = 16384
# Writes at least this large go through a rollback journal instead of the WAL (bulk_journal).
BULK_BYTES = 16 << 20

Parameters: TypeAlias = "Sequence[Any] | dict[str, Any] | None"


@dataclass(frozen=True, slots=True)
class Header:
    """The fields of the SQLite file header that open() needs."""

    page_size: int
    page_count: int
    page_count_valid: bool
    user_version: int
    application_id: int

    @property
    def expected_size(self) -> int:
        return self.page_size * self.page_count


def read_header(path: Path) -> Header | None:
    """The header of an existing SQLite file, None for an empty file; never writes."""
    try:
        with known_errors(path), path.open("rb") as file:
            raw = file.read(100)
    except ReadOnlyError as error:  # reading: no permission, not a read-only disk
        raise StorageError(
            _("You have no permission to read {path}. Ask for access to it, or copy the "
              "workspace into a folder of your own.").format(path=path), path) from error
    if not raw:
        return None
    if len(raw) < 100 or not raw.startswith(SQLITE_MAGIC):
        raise not_a_workspace(path)
    if not _plausible_header(raw):  # SQLite's magic over garbage: damage, not a foreign file
        raise corrupt_workspace(path)
    page_size = int.from_bytes(raw[16:18], "big")
    return Header(
        page_size=65536 if page_size == 1 else page_size,
        page_count=int.from_bytes(raw[28:32], "big"),
        page_count_valid=raw[24:28] == raw[92:96],
        user_version=int.from_bytes(raw[60:64], "big"),
        application_id=int.from_bytes(raw[68:72], "big"),
    )


# Files a clerk may take for something to open: policy documents are imported instead
# (the importer reads .txt and .docx; of the others it says how to save them as .docx).
DOCUMENT_SUFFIXES = frozenset({".txt", ".docx", ".doc", ".wps", ".pdf", ".rtf", ".odt",
                               ".htm", ".html", ".md"})
IMPORTABLE_SUFFIXES = frozenset({".txt", ".docx"})


def not_a_workspace(path: Path) -> NotAWorkspaceError:
    """The error for a file that is no database at all; a document is told where it goes."""
    suffix = path.suffix.lower()
    if suffix in DOCUMENT_SUFFIXES:
        return NotAWorkspaceError(
            _("{path} is a document, not a workspace file: a policy document is imported "
              "into a workspace, not opened as one.").format(path=path),
            path, remedy=Remedy.IMPORT_DOCUMENT if suffix in IMPORTABLE_SUFFIXES else None)
    return NotAWorkspaceError(
        _("{path} is not a workspace file of this app. Choose a workspace file (.sqlite) "
          "created by this app, or create a new one.").format(path=path), path)


def _plausible_header(raw: bytes) -> bool:
    """The fields every SQLite file has fixed (file format, section 1.3): a page size that
    is a power of two from 512 to 65536, format versions set (1 or 2; a newer SQLite's are
    for SQLite to judge), payload fractions 64/32/32, the 20 bytes reserved for expansion
    left zero."""
    page_size = int.from_bytes(raw[16:18], "big")
    return ((page_size == 1 or (512 <= page_size <= 32768 and page_size & (page_size - 1) == 0))
            and raw[18] >= 1 and raw[19] >= 1 and raw[21:24] == b"\x40\x20\x20"
            and not any(raw[72:92]))


def check_file(path: Path, *, allow_empty: bool = False) -> Header | None:
    """Refuse anything that is not a readable workspace of a version this app knows."""
    _check_regular_file(path)
    header = read_header(path)
    if header is None:
        if allow_empty:
            return None
        raise NotAWorkspaceError(
            _("{path} is empty, not a workspace. Create a new workspace or choose another "
              "file.").format(path=path),
            path, remedy=Remedy.NEW_WORKSPACE,
        )
    if _has_wal(path):
        header = _header_through_sqlite(path, header)
    if header.application_id != APPLICATION_ID:
        raise NotAWorkspaceError(
            _("{path} is a database of another program, not a workspace of this app. "
              "Choose a workspace file.").format(path=path),
            path,
        )
    check_version(path, header.user_version)
    if recover_interrupted_write(path):  # the header as the rolled back file has it
        header = read_header(path) or header
    _check_not_truncated(path, header)
    return header


def check_version(path: Path, version: int) -> None:
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(
            _("Workspace {path} was saved by a newer version of this app (format {found}, "
              "this version reads up to {known}). Install the newer version to open it; "
              "the file was not changed.").format(path=path, found=version, known=SCHEMA_VERSION),
            path,
        )


def _check_regular_file(path: Path) -> None:
    try:
        mode = path.stat().st_mode
    except FileNotFoundError as error:
        raise MissingWorkspaceError(
            _("Workspace {path} does not exist. Check the path, or create a new "
              "workspace.").format(path=path),
            path, remedy=Remedy.NEW_WORKSPACE,
        ) from error
    except OSError as error:
        raise StorageError(
            _("Cannot read {path}: {reason}.").format(path=path, reason=os_reason(error)), path
        ) from error
    if not stat.S_ISREG(mode):
        raise NotAWorkspaceError(
            _("{path} is a folder or a device, not a workspace file.").format(path=path), path
        )


def recover_interrupted_write(path: Path, *, locked: bool = False) -> bool:
    """Roll back a write that a crash left unfinished, before anything reads the file;
    True when there was one to roll back.

    A large attachment is written with a rollback journal (:func:`bulk_journal`); a program
    killed in the middle leaves a hot ``-journal`` beside a half-written file. SQLite undoes it
    on the next connection that may write; a read-only one cannot, and every read (report,
    verify, backup) failed as if the file were read-only, while the header, read before
    SQLite, could look truncated. Done only under the workspace's lock, so never while
    another program writes (on a network drive a live journal could pass for a hot one),
    and only for a file already known to be a workspace this app reads. Where the lock is
    held or the file cannot be written, nothing is done and the read says why (see
    ``errors._translate_sqlite``). ``locked``: the caller holds the lock (a restore).
    """
    if not _has_journal(path):
        return False
    if locked:
        _roll_back(path)
        return not _has_journal(path)
    lock = WorkspaceLock(path)
    try:
        lock.acquire()
    except StorageError:
        return False  # another program has it open: it rolls back its own write
    try:
        _roll_back(path)
    finally:
        lock.release()
    return not _has_journal(path)


def _roll_back(path: Path) -> None:
    """Let SQLite roll back a hot journal: the first read of a connection that may write."""
    with contextlib.suppress(sqlite3.Error), contextlib.closing(
            sqlite3.connect(sqlite_uri(path, "mode=rw"), uri=True)) as conn:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()


def _has_journal(path: Path) -> bool:
    try:
        return path.with_name(path.name + "-journal").stat().st_size > 0
    except OSError:
        return False


def _has_wal(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    return wal.exists() and wal.stat().st_size > 0


def _header_through_sqlite(path: Path, header: Header) -> Header:
    """With a non-empty WAL the file header may be stale: ask SQLite (read-only)."""
    uri = sqlite_uri(path, "mode=ro")
    with known_errors(path), contextlib.closing(sqlite3.connect(uri, uri=True)) as conn:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    return Header(header.page_size, header.page_count, False, version, application_id)


def _check_not_truncated(path: Path, header: Header) -> None:
    if _has_wal(path):
        return  # the newest pages may live in the WAL; SQLite checks the rest on open
    if header.page_count_valid and path.stat().st_size < header.expected_size:
        raise CorruptWorkspaceError(
            _("Workspace {path} is truncated (a copy was cut short?). Copy it again from its "
              "source, or restore it from a backup.").format(path=path),
            path, remedy=Remedy.RESTORE_BACKUP,
        )


def connect(path: Path, *, read_only: bool, new: bool = False,
            check: Callable[[sqlite3.Connection], None] | None = None) -> sqlite3.Connection:
    """A sqlite3 connection with our pragmas; the caller has checked the file.

    A new file gets PAGE_SIZE pages, which must be set before its first table and WAL.
    ``check`` looks at the file's content before the pragmas that write (the journal
    mode), so that a file it refuses is left as it was.
    """
    target = sqlite_uri(path, _uri_options(path, read_only))
    with known_errors(path):
        conn = sqlite3.connect(target, uri=True, isolation_level=None)
    try:
        with known_errors(path):
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if new:
                conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA recursive_triggers = ON")  # as sqlite-utils sets it
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            if check is not None:
                check(conn)
            if not read_only:
                _set_journal_mode(conn, journal_mode(path))
                conn.execute("PRAGMA synchronous = FULL")
                conn.execute(f"PRAGMA journal_size_limit = {JOURNAL_SIZE_LIMIT}")
        return conn
    except BaseException:
        conn.close()
        raise


def writable_sidecars(path: Path) -> None:
    """Make the -wal and -shm that a read left read-only writable again, as the file is.

    SQLite creates them with the workspace file's permissions: reading a file its user may
    not write (mode 444) leaves them read-only, and once the file is writable again SQLite
    still opens them read-only and refuses every write as if the file were. For the writer,
    under its lock. ``chmod`` keeps the same files, so a reader that has them open reads on
    undisturbed; only files of our own user are changed (our own read left them).
    """
    if os.name == "nt":  # no such modes: SQLite makes them writable there
        return
    try:
        writable = stat.S_IMODE(path.stat().st_mode) & 0o222
    except OSError:
        return  # connect() says what is wrong with the file
    for side in (path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")):
        with contextlib.suppress(OSError):
            info = side.lstat()
            if stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid() \
                    and not info.st_mode & stat.S_IWUSR and writable & stat.S_IWUSR:
                side.chmod(stat.S_IMODE(info.st_mode) | writable)


def _set_journal_mode(conn: sqlite3.Connection, mode: str) -> None:
    """Leaving WAL needs no other connection on the file: a workspace moved to a share
    while another window reads it stays in WAL until an open finds it alone."""
    if mode == "WAL":
        conn.execute("PRAGMA journal_mode = WAL")
        return
    with contextlib.suppress(sqlite3.OperationalError):
        conn.execute(f"PRAGMA journal_mode = {mode}")


def journal_mode(path: Path) -> str:
    """WAL, except on a network drive, whose file system cannot share WAL's index."""
    return "DELETE" if is_network_path(path) else "WAL"


def sqlite_uri(path: Path, options: str) -> str:
    """The SQLite URI of a file (``path`` resolved) with ``options``."""
    return file_uri(path.resolve(), options)


def file_uri(path: PurePath, options: str) -> str:
    """A SQLite URI for an absolute path.

    A Windows UNC path (``\\\\server\\share\\工作区.sqlite``; a mapped network drive resolves to
    one too) becomes ``file:////server/share/…``: SQLite refuses a URI authority other than
    localhost, so ``file://server/share/…`` (pathlib's form) cannot be opened.
    """
    uri = path.as_uri()
    if not uri.startswith("file:///"):
        uri = "file:////" + uri.removeprefix("file://")
    return f"{uri}?{options}"


def utils_database(conn: sqlite3.Connection) -> Database:
    """sqlite-utils' Database over the workspace connection, for writes (imported here).

    What this SQLite supports is told, not probed: sqlite-utils finds out on first use by
    creating a table in the file, and a probe refused because another program was writing
    ("database is locked") was taken for "no ON CONFLICT" for good. Its fallback upsert
    (INSERT OR IGNORE, then UPDATE) skips a new row with a NOT NULL column silently, so
    every new report section and item state after that one lock error was lost.
    """
    from sqlite_utils import Database

    database = Database(conn, execute_plugins=False)
    version = sqlite3.sqlite_version_info
    database._supports_on_conflict = version >= (3, 24, 0)  # type: ignore[attr-defined]
    database._supports_strict = version >= (3, 37, 0)  # type: ignore[attr-defined]
    return database


class PlainDatabase:
    """What reads use of sqlite-utils' Database (execute, query, atomic), on sqlite3 alone.

    The connection is in autocommit mode (``isolation_level=None``), so ``execute`` and
    ``query`` behave as sqlite-utils' do for the SELECTs and PRAGMAs of a read.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, parameters: Parameters = None) -> sqlite3.Cursor:
        return self.conn.execute(sql, () if parameters is None else parameters)

    def query(self, sql: str, params: Parameters = None) -> Iterator[dict[str, Any]]:
        cursor = self.execute(sql, params)
        keys = [column[0] for column in cursor.description or ()]
        return (dict(zip(keys, row, strict=True)) for row in cursor)

    @contextlib.contextmanager
    def atomic(self) -> Iterator[PlainDatabase]:
        """One transaction, so every query of a read sees the same state of the file; inside
        an open transaction, just that one. Rolled back on an error, as sqlite-utils does."""
        if self.conn.in_transaction:
            yield self
            return
        self.conn.execute("BEGIN")
        try:
            yield self
        except BaseException:  # as sqlite-utils' atomic(): undo, then let the error go on
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise


def _uri_options(path: Path, read_only: bool) -> str:
    """Read-only media (a CD, a write-protected share) cannot hold the WAL index (-shm):
    there nobody can be writing, so SQLite may treat the file as immutable."""
    if not read_only:
        return "mode=rwc"
    if not os.access(path.parent, os.W_OK) and not _has_wal(path) and not _has_journal(path):
        return "mode=ro&immutable=1"  # an immutable file's journal would go unread
    return "mode=ro"


def user_version(db: Reader) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


@contextlib.contextmanager
def bulk_journal(db: Database, size: int) -> Iterator[None]:
    """Around a large write, use a rollback journal instead of the WAL.

    In WAL mode every new page is written twice (WAL, then checkpoint): attaching 1 GiB took
    3.4x ``cp``+``sync`` against 0.9x with a rollback journal, which need not journal pages
    appended to the file (bench/bench_storage.py). Switching needs no other connection on
    the file; when a reader has it open we stay in WAL: slower, equally safe. Call outside
    a transaction.
    """
    switched = False
    if size >= BULK_BYTES and not db.conn.in_transaction:
        with contextlib.suppress(sqlite3.OperationalError):
            mode = db.execute("PRAGMA journal_mode").fetchone()[0]
            if mode == "wal":
                switched = db.execute("PRAGMA journal_mode = DELETE").fetchone()[0] == "delete"
    try:
        yield
    finally:
        if switched:
            with contextlib.suppress(sqlite3.OperationalError):  # retried at the next open
                db.execute("PRAGMA journal_mode = WAL")
