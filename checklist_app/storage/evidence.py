"""The evidence store (佐证材料): content-addressed files in ~1 MiB chunks inside SQLite.

Attach streams a file once, hashing while it writes chunks, inside the caller's transaction:
after a crash there is the whole attachment or nothing. The same content is stored once.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from checklist_app.core import Evidence
from checklist_app.core.sizes import mib_rounded_up
from checklist_app.i18n import _, os_reason
from checklist_app.storage.errors import EvidenceFileError, NotFoundError, refuse_batch
from checklist_app.storage.evidence_index import file_size
from checklist_app.storage.sniff import detect_mime

if TYPE_CHECKING:
    from sqlite_utils import Database

CHUNK_SIZE = 1 << 20
DEFAULT_MAX_SIZE = 2 << 30  # 2 GiB per file
LARGE_FILE = 50 << 20  # attached, but said: the workspace and every backup grow by as much
Progress = Callable[[int, int], None]  # (bytes done, bytes total)
BatchProgress = Callable[[Path, int, int], None]  # (file being stored, batch bytes done, total)

EVIDENCE_SQL = (
    "SELECT e.id, c.sha256, e.file_name, c.mime_type, c.size, e.description, e.added_by, "
    "e.added_at FROM evidence e JOIN contents c ON c.id = e.content_id"
)


@dataclass(frozen=True, slots=True)
class StoredContent:
    content_id: int
    sha256: str
    size: int
    reused: bool  # the same bytes were already in the workspace


def evidence_from_row(row: tuple) -> Evidence:
    return Evidence(*row)


def _refuse(message: str, path: Path) -> EvidenceFileError:
    return EvidenceFileError(message.format(path=path), path)


def _open_regular(path: Path, max_size: int) -> tuple[BinaryIO, os.stat_result]:
    """Open a file to attach, refusing what cannot be attached safely or proves nothing."""
    try:
        info = path.stat()
    except OSError as error:
        raise _unreadable(error, path) from None
    if stat.S_ISDIR(info.st_mode):
        raise _refuse(_("{path} is a folder. Attach the files inside it instead."), path)
    if not stat.S_ISREG(info.st_mode):
        raise _refuse(_("{path} is not a regular file (a socket, pipe or device) "
                        "and cannot be attached."), path)
    if info.st_size == 0:
        raise _refuse(_("{path} is empty (0 bytes): an empty file proves nothing. "
                        "It was not attached."), path)
    if info.st_size > max_size:
        raise EvidenceFileError(
            _("{path} is {size} MiB, more than the {limit} MiB allowed per file. "
              "Split or compress it.").format(path=path, size=mib_rounded_up(info.st_size),
                                             limit=max_size >> 20), path)
    try:
        file = path.open("rb")
    except FileNotFoundError:
        raise _refuse(_("{path} vanished while it was being attached. It was not attached."),
                      path) from None
    except OSError as error:
        raise _unreadable(error, path) from None
    return file, info


def check_files(paths: Sequence[Path], max_size: int) -> list[int]:
    """The size of each file, once every one passed the checks store_file starts with.

    Raises one error naming every refused file (missing, folder, empty, too large,
    unreadable…), so that a batch is attached whole or not at all.
    """
    sizes: list[int] = []
    refused: list[EvidenceFileError] = []
    for path in paths:
        try:
            file, info = _open_regular(path, max_size)
        except EvidenceFileError as error:
            refused.append(error)
            continue
        file.close()
        sizes.append(info.st_size)
    if refused:
        raise refuse_batch(refused, len(paths))
    return sizes


def _unreadable(error: OSError, path: Path) -> EvidenceFileError:
    """A whole translated sentence for why a file cannot be opened; the OS text only for
    an unusual failure."""
    if isinstance(error, FileNotFoundError | NotADirectoryError):
        return _refuse(_("{path} does not exist (moved or deleted?). It was not attached."),
                       path)
    if isinstance(error, PermissionError):
        return _refuse(_("You have no permission to read {path}. Ask for access or copy the "
                         "file somewhere you can read it. It was not attached."), path)
    if isinstance(error, IsADirectoryError):
        return _refuse(_("{path} is a folder. Attach the files inside it instead."), path)
    return EvidenceFileError(
        _("{path} cannot be read ({reason}), so it was not attached.").format(
            path=path, reason=os_reason(error)), path)


class _Duplicate(Exception):
    """Raised to roll the savepoint back when the content is already stored."""


def store_file(db: Database, path: Path, *, now: str, max_size: int = DEFAULT_MAX_SIZE,
               progress: Progress | None = None) -> StoredContent:
    """Stream a file into chunks; call inside a transaction (it uses a savepoint)."""
    file, info = _open_regular(path, max_size)
    try:
        with file, db.atomic():  # savepoint: a duplicate rolls its chunks back
            content_id = db.execute(
                "INSERT INTO contents (sha256, size, mime_type, chunk_size, created_at) "
                "VALUES (NULL, 0, '', ?, ?)", [CHUNK_SIZE, now]).lastrowid
            digest, size, mime = _write_chunks(db, file, path, content_id, info, progress)
            existing = db.execute("SELECT id, size FROM contents WHERE sha256 = ?",
                                  [digest]).fetchone()
            if existing is not None:
                raise _Duplicate(existing[0], digest, existing[1])
            db.execute("UPDATE contents SET sha256 = ?, size = ?, mime_type = ? WHERE id = ?",
                       [digest, size, mime, content_id])
    except _Duplicate as duplicate:
        return StoredContent(*duplicate.args, reused=True)
    return StoredContent(content_id, digest, size, reused=False)


def _write_chunks(db: Database, file: BinaryIO, path: Path, content_id: int,
                  info: os.stat_result, progress: Progress | None) -> tuple[str, int, str]:
    """Insert the file's chunks while a helper thread hashes them.

    hashlib and sqlite3 both release the GIL on large buffers, so hashing overlaps writing
    (it was a quarter of attach time).
    """
    hasher, size, seq, mime = hashlib.sha256(), 0, 0, ""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sha256") as pool:
        hashing: Future[None] | None = None
        while chunk := _read(file, path):
            if seq == 0:
                mime = detect_mime(chunk[:8192], path.name)
            size += len(chunk)
            if size > info.st_size:
                break
            if hashing is not None:
                hashing.result()  # keep chunks hashed in order
            hashing = pool.submit(hasher.update, chunk)
            db.execute("INSERT INTO chunks (content_id, seq, data) VALUES (?, ?, ?)",
                       [content_id, seq, chunk])
            seq += 1
            if progress is not None:
                progress(size, info.st_size)
        if hashing is not None:
            hashing.result()
    after = os.fstat(file.fileno())
    if size != info.st_size or after.st_size != info.st_size or \
            after.st_mtime_ns != info.st_mtime_ns:
        raise _refuse(_("{path} changed while it was being attached (is it still being "
                        "written?). Wait until it is complete, then attach it again."), path)
    return hasher.hexdigest(), size, mime


def _read(file: BinaryIO, path: Path) -> bytes:
    try:
        return file.read(CHUNK_SIZE)
    except OSError as error:
        raise _refuse(_("{path} could not be read to the end (disk or network error?). "
                        "It was not attached."), path) from error


def add_evidence(db: Database, content: StoredContent, file_name: str, *, description: str,
                 now: str, user: str) -> int:
    return int(db["evidence"].insert({
        "content_id": content.content_id, "file_name": file_name,
        "description": description, "added_by": user, "added_at": now}).last_pk)


def is_linked(db: Database, assessment_id: int, node_id: str, evidence_id: int) -> bool:
    """Whether the evidence supports this item in this assessment."""
    return _is_linked(db, assessment_id, node_id, evidence_id)


def closed_assessments_using(db: Database, evidence_id: int) -> list[int]:
    """The closed assessments this evidence supports an item of (their reports print it)."""
    return [row[0] for row in db.execute(
        "SELECT DISTINCT a.id FROM item_evidence l JOIN assessments a "
        "ON a.id = l.assessment_id WHERE l.evidence_id = ? AND a.closed_at IS NOT NULL "
        "ORDER BY a.id", [evidence_id])]


def set_description(db: Database, evidence_id: int, description: str) -> None:
    db.execute("UPDATE evidence SET description = ? WHERE id = ?", [description, evidence_id])


def find_evidence(db: Database, content: StoredContent, file_name: str, assessment_id: int,
                  description: str = "") -> int | None:
    """The evidence already holding these bytes under this name, to attach again, if any.

    With a ``description``, only one that has it: a file attached again with another one
    kept the first, silently. Without, one this assessment lists first (the same file on
    another item is one entry of its 佐证材料目录), else one no closed assessment lists
    (whose report keeps its description: a fresh one can be described for this period).
    """
    if not content.reused:
        return None
    row = db.execute(
        "SELECT e.id FROM evidence e WHERE e.content_id = ? AND e.file_name = ? "
        "AND (? = '' OR e.description = ?) ORDER BY "
        "EXISTS (SELECT 1 FROM item_evidence l WHERE l.evidence_id = e.id "
        "AND l.assessment_id = ?) DESC, "
        "EXISTS (SELECT 1 FROM item_evidence l JOIN assessments a ON a.id = l.assessment_id "
        "WHERE l.evidence_id = e.id AND a.closed_at IS NOT NULL), e.id LIMIT 1",
        [content.content_id, file_name, description, description, assessment_id]).fetchone()
    return row[0] if row else None


def linked_copy(db: Database, assessment_id: int, node_id: str, content: StoredContent,
                file_name: str) -> int | None:
    """The evidence of this item holding these bytes under this name, if it lists it."""
    if not content.reused:
        return None
    row = db.execute(
        "SELECT e.id FROM item_evidence l JOIN evidence e ON e.id = l.evidence_id "
        "WHERE l.assessment_id = ? AND l.node_id = ? AND e.content_id = ? AND e.file_name = ? "
        "ORDER BY l.position LIMIT 1",
        [assessment_id, node_id, content.content_id, file_name]).fetchone()
    return row[0] if row else None


def copy_evidence(db: Database, evidence_id: int, description: str, *, now: str,
                  user: str) -> int:
    """A new record of the same file (its stored bytes shared) with ``description``."""
    row = db.execute("SELECT content_id, file_name FROM evidence WHERE id = ?",
                     [evidence_id]).fetchone()
    return int(db["evidence"].insert({
        "content_id": row[0], "file_name": row[1], "description": description,
        "added_by": user, "added_at": now}).last_pk)


def replace_link(db: Database, assessment_id: int, node_id: str, old: int, new: int) -> None:
    """The item lists evidence ``new`` where it listed ``old``."""
    db.execute("UPDATE item_evidence SET evidence_id = ? WHERE assessment_id = ? "
               "AND node_id = ? AND evidence_id = ?", [new, assessment_id, node_id, old])


def get_evidence(db: Database, evidence_id: int) -> Evidence:
    row = db.execute(f"{EVIDENCE_SQL} WHERE e.id = ?", [evidence_id]).fetchone()
    if row is None:
        raise NotFoundError(_("There is no evidence {id} in this workspace.").format(
            id=evidence_id))
    return evidence_from_row(row)


def link(db: Database, assessment_id: int, node_id: str, evidence_id: int, *,
         now: str, user: str, index: int | None = None) -> bool:
    """Attach evidence to an item, last or ``index``-th in its list (to put back a removed
    file where it was); False when it was already attached there."""
    if _is_linked(db, assessment_id, node_id, evidence_id):
        return False
    position = _make_room(db, assessment_id, node_id, index)
    cursor = db.execute(
        "INSERT OR IGNORE INTO item_evidence (assessment_id, node_id, evidence_id, position, "
        "linked_by, linked_at) VALUES (?, ?, ?, ?, ?, ?)",
        [assessment_id, node_id, evidence_id, position, user, now])
    return cursor.rowcount == 1


def _is_linked(db: Database, assessment_id: int, node_id: str, evidence_id: int) -> bool:
    return db.execute("SELECT 1 FROM item_evidence WHERE assessment_id = ? AND node_id = ? "
                      "AND evidence_id = ?", [assessment_id, node_id, evidence_id]
                      ).fetchone() is not None


def _make_room(db: Database, assessment_id: int, node_id: str, index: int | None) -> int:
    """The position for a file linked at ``index`` (None: last), moving later files down."""
    where = "WHERE assessment_id = ? AND node_id = ?"
    positions = [row[0] for row in db.execute(
        f"SELECT position FROM item_evidence {where} ORDER BY position", [assessment_id, node_id])]
    if index is None or index >= len(positions):
        return positions[-1] + 1 if positions else 0
    position = positions[max(index, 0)]
    db.execute(f"UPDATE item_evidence SET position = position + 1 {where} AND position >= ?",
               [assessment_id, node_id, position])
    return position


def unlink(db: Database, assessment_id: int, node_id: str, evidence_id: int) -> bool:
    cursor = db.execute(
        "DELETE FROM item_evidence WHERE assessment_id = ? AND node_id = ? AND evidence_id = ?",
        [assessment_id, node_id, evidence_id])
    return cursor.rowcount == 1


def evidence_by_item(db: Database, assessment_id: int) -> dict[str, list[Evidence]]:
    found: dict[str, list[Evidence]] = {}
    sql = (f"{EVIDENCE_SQL.replace('SELECT', 'SELECT l.node_id,', 1)} "
           "JOIN item_evidence l ON l.evidence_id = e.id WHERE l.assessment_id = ? "
           "ORDER BY l.node_id, l.position")
    for node_id, *row in db.execute(sql, [assessment_id]):
        found.setdefault(node_id, []).append(evidence_from_row(tuple(row)))
    return found


def read_chunks(db: Database, sha256: str) -> Iterator[bytes]:
    """The content of a file, chunk by chunk (flat memory for any size)."""
    row = db.execute("SELECT id FROM contents WHERE sha256 = ?", [sha256]).fetchone()
    if row is None:
        raise NotFoundError(_("Evidence content {hash} is missing.").format(hash=sha256[:12]))
    seq = 0
    while True:
        found = db.execute("SELECT data FROM chunks WHERE content_id = ? AND seq = ?",
                           [row[0], seq]).fetchone()
        if found is None:
            return
        yield found[0]
        seq += 1


def collect_garbage(db: Database) -> tuple[int, int]:
    """Drop evidence no item uses, then content no evidence uses: (evidence, contents)."""
    evidence = db.execute(
        "DELETE FROM evidence WHERE id NOT IN (SELECT evidence_id FROM item_evidence)").rowcount
    contents = db.execute(
        "DELETE FROM contents WHERE id NOT IN (SELECT content_id FROM evidence)").rowcount
    return evidence, contents


def verify_contents(db: Database, *, in_use_only: bool = False) -> list[str]:
    """Recompute every stored file's hash and size (``in_use_only``: those evidence still
    points to, not those left for garbage collection); a list of problems."""
    problems = []
    used = " WHERE id IN (SELECT content_id FROM evidence)" if in_use_only else ""
    for content_id, sha256, size in db.execute(
            f"SELECT id, sha256, size FROM contents{used} ORDER BY id").fetchall():
        if sha256 is None:
            problems.append(_("Evidence content {id} is incomplete.").format(id=content_id))
            continue
        hasher, total = hashlib.sha256(), 0
        for chunk in read_chunks(db, sha256):
            hasher.update(chunk)
            total += len(chunk)
        if total != size or hasher.hexdigest() != sha256:
            problems.append(_("Evidence content {hash} is damaged: its bytes no longer match "
                              "its SHA-256.").format(hash=sha256[:12]))
    return problems


def size_warning(evidence: Evidence) -> str | None:
    """A word when a newly attached file is large (a video, a scan of a whole binder): it
    lives inside the workspace, and each backup copy carries it too; else None."""
    if evidence.size < LARGE_FILE:
        return None
    return _("{name} is large ({size}). Evidence is stored inside the workspace, so the "
             "workspace file and each backup of it grow by as much; a shorter or compressed "
             "copy keeps them small.").format(name=evidence.shown_name,
                                              size=file_size(evidence.size))
