"""Writing evidence back to a folder under safe, unique names.

A stored name comes from whoever attached the file: it may hold ``../``, an absolute path, a
drive letter, a reserved Windows name or control characters. None of these may write
outside the chosen folder or fail on another system.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from checklist_app.core import Evidence
from checklist_app.i18n import _
from checklist_app.storage.errors import CorruptWorkspaceError, StorageBug, known_errors
from checklist_app.storage.evidence import EVIDENCE_SQL, evidence_from_row, read_chunks

WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                    *(f"LPT{i}" for i in range(1, 10))}
FORBIDDEN = re.compile(r'[<>:"|?*\\/]')
MAX_NAME_BYTES = 200
FALLBACK_NAME = "evidence"


@dataclass(frozen=True, slots=True)
class ExportedFile:
    evidence: Evidence
    path: Path


def sanitize_file_name(name: str) -> str:
    """A plain file name that is valid on Windows, macOS and Linux, never a path."""
    name = unicodedata.normalize("NFC", name)
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(c for c in name if unicodedata.category(c) not in ("Cc", "Cf", "Cs"))
    name = FORBIDDEN.sub("_", name).strip(" .")
    if not name:
        return FALLBACK_NAME
    if name.split(".", 1)[0].strip(" ").upper() in WINDOWS_RESERVED:
        name = f"_{name}"
    return _shorten(name)


def _shorten(name: str) -> str:
    if len(name.encode()) <= MAX_NAME_BYTES:
        return name
    stem, suffix = os.path.splitext(name)
    suffix = suffix if len(suffix.encode()) <= 20 else ""
    budget = MAX_NAME_BYTES - len(suffix.encode())
    stem = stem.encode()[:budget].decode(errors="ignore").strip(" .") or FALLBACK_NAME
    return stem + suffix


def unique_name(name: str, taken: set[str]) -> str:
    """``name``, or ``name (2)``, ``name (3)``… not in ``taken`` (compared case-insensitively)."""
    stem, suffix = os.path.splitext(name)
    candidate, n = name, 1
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{stem} ({n}){suffix}"
    taken.add(candidate.casefold())
    return candidate


def assessment_evidence(db: Database, assessment_id: int) -> list[Evidence]:
    """Distinct evidence of an assessment in first-use order (the 佐证材料目录 order)."""
    rows = db.execute(
        f"{EVIDENCE_SQL} JOIN item_evidence l ON l.evidence_id = e.id "
        "JOIN nodes n ON n.id = l.node_id WHERE l.assessment_id = ? "
        "GROUP BY e.id ORDER BY min(printf('%09d:%09d', n.position, l.position))", [assessment_id])
    return [evidence_from_row(row) for row in rows]


def export_evidence(db: Database, assessment_id: int, folder: Path) -> Iterator[ExportedFile]:
    """Write each evidence file into ``folder``; yields each file once it is complete."""
    folder.mkdir(parents=True, exist_ok=True)
    root = folder.resolve()
    taken = {entry.name.casefold() for entry in root.iterdir()}
    for evidence in assessment_evidence(db, assessment_id):
        target = root / unique_name(sanitize_file_name(evidence.file_name), taken)
        if target.parent != root:  # cannot happen after sanitizing; never write outside
            raise StorageBug(f"unsafe export name {evidence.file_name!r}")
        _write_checked(db, evidence, target)
        yield ExportedFile(evidence, target)


def _write_checked(db: Database, evidence: Evidence, target: Path) -> None:
    """Write to a temporary file, check the hash, then rename: no half-written file remains."""
    with known_errors(target):  # disk full, read-only folder: name the export, not the db
        fd, temp = tempfile.mkstemp(prefix=".export-", suffix=".part", dir=target.parent)
    try:
        hasher = hashlib.sha256()
        with known_errors(target), os.fdopen(fd, "wb") as out, \
                ThreadPoolExecutor(max_workers=1, thread_name_prefix="sha256") as pool:
            hashing: Future[None] | None = None
            for chunk in read_chunks(db, evidence.sha256):
                if hashing is not None:
                    hashing.result()
                hashing = pool.submit(hasher.update, chunk)  # overlaps the write (GIL released)
                out.write(chunk)
            if hashing is not None:
                hashing.result()
            out.flush()
            os.fsync(out.fileno())
        if hasher.hexdigest() != evidence.sha256:
            raise CorruptWorkspaceError(
                _("Evidence {name} is damaged in the workspace (its SHA-256 does not match). "
                  "Restore the workspace from a backup.").format(name=evidence.file_name))
        with known_errors(target):
            os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
