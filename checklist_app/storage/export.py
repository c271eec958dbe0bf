"""Writing evidence back to a folder under safe, unique names, with an index.

A stored name comes from whoever attached the file: it may hold ``../``, an absolute path, a
drive letter, a reserved Windows name or control characters. None of these may write
outside the chosen folder or fail on another system.

After the files, the folder gets its 佐证材料目录 twice: a CSV (UTF-8 with a BOM, so that Excel
shows Chinese) and the same rows as plain text for people. Both number the files exactly as
the report's 附件3 does (:mod:`checklist_app.storage.evidence_index`).
"""

from __future__ import annotations

import contextlib
import csv
import errno
import hashlib
import io
import itertools
import os
import re
import secrets
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from checklist_app.core import Assessment, Document, Evidence
from checklist_app.core.names import HIDDEN_CATEGORIES, one_line, printable
from checklist_app.i18n import _, ngettext, os_reason
from checklist_app.storage.assessments import get_assessment
from checklist_app.storage.documents import load_document
from checklist_app.storage.errors import (
    DamagedEvidenceError,
    StorageBug,
    StorageError,
    known_errors,
)
from checklist_app.storage.evidence import evidence_by_item, read_chunks
from checklist_app.storage.evidence_index import (
    IndexEntry,
    evidence_index,
    file_size,
    items_text,
    short_time,
)
from checklist_app.storage.sniff import claimed_type

if TYPE_CHECKING:
    from sqlite_utils import Database

# Device names Windows will not create a file under, whatever the extension (COM¹…: the
# superscript digits count as digits there too).
WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
                    *(f"{port}{digit}" for port in ("COM", "LPT")
                      for digit in "123456789¹²³")}
WINDOWS_PATH = re.compile(r"[A-Za-z]:\\|\\\\|\.\.?\\")  # C:\, \\server, ..\ or .\
FORBIDDEN = re.compile(r'[<>:"|?*\\/]')
MAX_NAME_BYTES = 200
FALLBACK_NAME = "evidence"
FORMULA_START = ("=", "+", "-", "@")  # a CSV cell Excel would run as a formula
ExportProgress = Callable[[int, int, str], None]  # (files done, files in all, next file name)


@dataclass(frozen=True, slots=True)
class ExportedFile:
    evidence: Evidence
    path: Path
    number: int = 0  # in the 佐证材料目录, as the report's 附件3 numbers it
    already_there: bool = False  # the folder held these very bytes under this name: kept


@dataclass(frozen=True, slots=True)
class DamagedFile:
    """An evidence file not exported: its stored bytes no longer match its SHA-256 (the
    index lists it as such; the others are exported all the same)."""

    evidence: Evidence
    number: int = 0


@dataclass(frozen=True, slots=True)
class ExportedIndex:
    """The index file (CSV or text) written after every evidence file."""

    path: Path


@dataclass(frozen=True, slots=True)
class IndexRow:
    """One line of the exported index; every text already safe to show."""

    number: int
    exported_name: str
    original_name: str
    size: int
    sha256: str
    items: str
    added_by: str
    added_at: str
    description: str = ""  # what the clerk wrote about the file when attaching it


def sanitize_file_name(name: str) -> str:
    """A plain file name that is valid on Windows, macOS and Linux, never a path."""
    name = unicodedata.normalize("NFC", name)
    name = name.split("/")[-1]  # never in a file's name: a path
    if WINDOWS_PATH.match(name):  # C:\…\win.ini, \\server\…: the file's own name
        name = name.split("\\")[-1]
    # any other backslash is part of a Linux file's name (报告\附件.pdf): kept, as _
    name = "".join(c for c in name if unicodedata.category(c) not in HIDDEN_CATEGORIES)
    stem, suffix = _stem_and_type(FORBIDDEN.sub("_", name).rstrip(" ."))
    if not stem.strip(" ."):  # " .txt" kept its type as 文件.txt, not as a file named txt
        return _shorten(FALLBACK_NAME + suffix) if suffix.strip(".") else FALLBACK_NAME
    name = stem.lstrip(" .") + suffix
    if name.split(".", 1)[0].strip(" ").upper() in WINDOWS_RESERVED:
        name = f"_{name}"
    return _shorten(name)


def _stem_and_type(name: str) -> tuple[str, str]:
    """``os.path.splitext``, but a name that is a known type alone (.pdf, ..pdf) is a type
    without a name, not a name without a type (.bashrc stays a name)."""
    stem, suffix = os.path.splitext(name)
    bare = "." + stem.lstrip(" .")
    if not suffix and stem.startswith((".", " ")) and claimed_type("x" + bare) is not None:
        return "", bare
    return stem, suffix


def _shorten(name: str) -> str:
    if len(name.encode()) <= MAX_NAME_BYTES:
        return name
    stem, suffix = os.path.splitext(name)
    suffix = suffix if len(suffix.encode()) <= 20 else ""
    budget = MAX_NAME_BYTES - len(suffix.encode())
    stem = stem.encode()[:budget].decode(errors="ignore").strip(" .") or FALLBACK_NAME
    return stem + suffix


def candidate_names(name: str) -> Iterator[str]:
    """``name``, ``name (2)``, ``name (3)``…: the names a file may take, in order."""
    stem, suffix = os.path.splitext(name)
    yield name
    for n in itertools.count(2):
        yield f"{stem} ({n}){suffix}"


def holds_evidence(path: Path, evidence: Evidence) -> bool:
    """Whether ``path`` is a file with exactly the evidence's bytes (size, then SHA-256)."""
    try:
        if not path.is_file() or path.stat().st_size != evidence.size:
            return False
        with path.open("rb") as existing:
            return hashlib.file_digest(existing, "sha256").hexdigest() == evidence.sha256
    except OSError:
        return False


def already_there_note(files: Sequence[ExportedFile]) -> str:
    """A sentence on the files kept from an earlier export into the folder; "" for none."""
    kept = sum(f.already_there for f in files)
    if not kept:
        return ""
    return ngettext(
        "{n} of them was already in the folder with the same content and was not written "
        "again.",
        "{n} of them were already in the folder with the same content and were not written "
        "again.", kept).format(n=kept)


def _export_folder(folder: Path) -> Path:
    """The folder to write into, made when missing; a file there or a folder that cannot
    be made is said in the user's words (it was a traceback)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return folder.resolve()
    except OSError as error:
        raise StorageError(_(
            "The evidence cannot be written into {folder}: {reason}. Choose an existing "
            "folder, or a new one in a folder you can write to.").format(
            folder=folder, reason=_folder_refusal(folder, error))) from None


def _folder_refusal(folder: Path, error: OSError) -> str:
    """Why a folder cannot be made, in a translated phrase (the OS text only otherwise)."""
    if folder.is_file() or isinstance(error, FileExistsError):
        return _("a file of that name is there")
    if isinstance(error, NotADirectoryError):
        return _("a file stands where one of its folders should be")
    if isinstance(error, PermissionError):
        return _("you have no permission to write there")
    if isinstance(error, FileNotFoundError):
        return _("a folder above it cannot be made")
    return os_reason(error)


def export_evidence(db: Database, assessment_id: int, folder: Path,
                    progress: ExportProgress | None = None
                    ) -> Iterator[ExportedFile | DamagedFile | ExportedIndex]:
    """Write each evidence file into ``folder``, then the index (CSV, text).

    Yields each file once it is complete, or as a DamagedFile when its stored bytes no
    longer match its hash (not written; the rest still are). The index comes last, so a
    failed export never leaves an index listing files that are not there. ``progress``
    hears of each file before it is written (and may raise to stop the export).
    """
    assessment = get_assessment(db, assessment_id)
    checklist = load_document(db, assessment.checklist_doc_id)
    entries = evidence_index(checklist, evidence_by_item(db, assessment_id))
    root = _export_folder(folder)
    taken = {entry.name.casefold() for entry in root.iterdir()}
    csv_path, text_path = (_index_path(root, taken, suffix) for suffix in (".csv", ".txt"))
    rows = []
    for index, entry in enumerate(entries):
        if progress is not None:
            progress(index, len(entries), entry.evidence.file_name)
        try:
            exported = _export_one(db, entry.evidence, root, taken, entry.number)
        except DamagedEvidenceError:
            rows.append(index_row(checklist, entry, _("(damaged in the workspace: not "
                                                      "exported)")))
            yield DamagedFile(entry.evidence, entry.number)
            continue
        rows.append(index_row(checklist, entry, exported.path.name))
        yield exported
    _write_index(csv_path, index_csv(rows))
    yield ExportedIndex(csv_path)
    _write_index(text_path, index_text(assessment, rows))
    yield ExportedIndex(text_path)


def _index_path(root: Path, taken: set[str], suffix: str) -> Path:
    """Where the index goes: over the index an earlier export left, else a free name.

    Reserved before the evidence takes its names: a file called 佐证材料目录.csv among the
    evidence gets another name, never the index's.
    """
    stem = sanitize_file_name(_("evidence index"))
    heading = _index_heading(suffix)
    for name in candidate_names(f"{stem}{suffix}"):
        if name.casefold() not in taken:
            taken.add(name.casefold())
            return root / name
        if _starts_with(root / name, heading):
            return root / name
    raise AssertionError("unreachable")  # candidate_names never ends


def _index_heading(suffix: str) -> bytes:
    """The first line every index of this kind starts with, in the current language."""
    if suffix == ".csv":
        return index_csv([]).encode("utf-8-sig")
    return (_("Evidence index (佐证材料目录)") + "\r\n").encode("utf-8-sig")


def _starts_with(path: Path, heading: bytes) -> bool:
    try:
        with path.open("rb") as existing:
            return existing.read(len(heading)) == heading
    except OSError:
        return False


def export_files(db: Database, evidence: Sequence[Evidence],
                 folder: Path) -> Iterator[ExportedFile]:
    """Write these evidence files into ``folder``, each under a name of its own.

    Two files of the same name (two different 方案.txt) become 方案.txt and 方案 (2).txt; a
    file already in the folder is never replaced (one with the same bytes is kept as the
    export of that evidence).
    """
    folder.mkdir(parents=True, exist_ok=True)
    root = folder.resolve()
    taken = {entry.name.casefold() for entry in root.iterdir()}
    for item in evidence:
        yield _export_one(db, item, root, taken)


def _export_one(db: Database, evidence: Evidence, root: Path, taken: set[str],
                number: int = 0) -> ExportedFile:
    """Write the file under its name, or the next free one; a file already there with these
    very bytes (an earlier export into this folder) is kept, not written again beside it."""
    for name in candidate_names(sanitize_file_name(evidence.file_name)):
        target = root / name
        if target.parent != root:  # cannot happen after sanitizing; never write outside
            raise StorageBug(f"unsafe export name {evidence.file_name!r}")
        if name.casefold() not in taken:
            taken.add(name.casefold())
            _write_checked(db, evidence, target)
            return ExportedFile(evidence, target, number)
        if holds_evidence(target, evidence):
            return ExportedFile(evidence, target, number, already_there=True)
    raise AssertionError("unreachable")  # candidate_names never ends


def index_row(checklist: Document, entry: IndexEntry, exported_name: str) -> IndexRow:
    e = entry.evidence
    return IndexRow(entry.number, exported_name, printable(e.file_name), e.size, e.sha256,
                    items_text(checklist, entry), printable(e.added_by), short_time(e.added_at),
                    one_line(e.description))


def _csv_cell(text: str) -> str:
    """Text Excel shows as text, never evaluates (CSV injection)."""
    return f"'{text}" if text.startswith(FORMULA_START) else text


def index_csv(rows: list[IndexRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_("No."), _("Exported file name"), _("Original file name"),
                     _("Size (bytes)"), "SHA-256", _("Supports items"), _("Added by"),
                     _("Added at"), _("Description")])
    for row in rows:
        writer.writerow([row.number, *map(_csv_cell, (row.exported_name, row.original_name)),
                         row.size, row.sha256, _csv_cell(row.items),
                         _csv_cell(row.added_by), row.added_at, _csv_cell(row.description)])
    return out.getvalue()


def index_text(assessment: Assessment, rows: list[IndexRow]) -> str:
    """The index for people: a heading, then one block per file."""
    lines = [_("Evidence index (佐证材料目录)"),
             _("Assessment: {office} {period}").format(office=printable(assessment.office),
                                                       period=printable(assessment.period)),
             ngettext("{n} file, numbered as in the evidence index of the self-assessment "
                      "report.",
                      "{n} files, numbered as in the evidence index of the self-assessment "
                      "report.",
                      len(rows)).format(n=len(rows))]
    for row in rows:
        lines += ["", f"{row.number}. {row.exported_name}",
                  "   " + _("Original file name: {name}").format(name=row.original_name),
                  "   " + _size_line(row.size),
                  f"   SHA-256: {row.sha256}",
                  "   " + _("Supports items: {items}").format(items=row.items),
                  "   " + _("Added by {user} at {time}").format(user=row.added_by,
                                                                time=row.added_at)]
        if row.description:
            lines.append("   " + _("Description: {text}").format(
                text=" ".join(row.description.split())))
    return "\r\n".join(lines) + "\r\n"


def _write_index(target: Path, text: str) -> None:
    """UTF-8 with a BOM (Excel and old Notepad then read Chinese); an index already there
    with these very bytes is left as it is (its time stays that of the export that made it)."""
    data = text.encode("utf-8-sig")
    with contextlib.suppress(OSError):
        if target.is_file() and target.read_bytes() == data:
            return
    with _replacing(target) as out:
        out.write(data)


def _write_checked(db: Database, evidence: Evidence, target: Path) -> None:
    """Write the stored bytes, checking their hash before the file takes its name."""
    hasher = hashlib.sha256()
    with _replacing(target) as out, \
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="sha256") as pool:
        hashing: Future[None] | None = None
        for chunk in read_chunks(db, evidence.sha256):
            if hashing is not None:
                hashing.result()
            hashing = pool.submit(hasher.update, chunk)  # overlaps the write (GIL released)
            out.write(chunk)
        if hashing is not None:
            hashing.result()
        if hasher.hexdigest() != evidence.sha256:
            raise DamagedEvidenceError(
                _("Evidence {name} is damaged in the workspace (its SHA-256 does not match). "
                  "Restore the workspace from a backup.").format(
                    name=printable(evidence.file_name)))


def damaged_note(damaged: Sequence[DamagedFile]) -> str:
    """What an export says of the files it could not write ("" when none)."""
    if not damaged:
        return ""
    return ngettext(
        "{n} evidence file is damaged in the workspace (its bytes no longer match its "
        "SHA-256) and was not exported: {names}. Restore the workspace from a backup.",
        "{n} evidence files are damaged in the workspace (their bytes no longer match their "
        "SHA-256) and were not exported: {names}. Restore the workspace from a backup.",
        len(damaged)).format(n=len(damaged), names=_(", ").join(
            printable(f.evidence.file_name) for f in damaged))


@contextlib.contextmanager
def _replacing(target: Path) -> Iterator[BinaryIO]:
    """A temporary file beside ``target`` that takes its name only if the block completes:
    no half-written file remains. Disk full or a read-only folder name the target."""
    with known_errors(target):
        fd, temp = _new_temporary(target.parent)
    try:
        with known_errors(target), os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        with known_errors(target):
            os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _new_temporary(folder: Path) -> tuple[int, str]:
    """A new hidden file in ``folder``, readable by whom the user's umask lets read files it
    makes (as the report and a copy in the file manager are): ``mkstemp``'s were for the
    user alone, and colleagues could not open exported evidence in a shared folder."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _attempt in range(100):
        path = folder / f".export-{secrets.token_hex(6)}.part"
        try:
            return os.open(path, flags, 0o666), str(path)
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(folder))


def _size_line(size: int) -> str:
    """Size: 1.2 KB (1234 bytes); a size under 1 KB is in bytes already, given once."""
    if size < 1024:
        return _("Size: {size}").format(size=file_size(size))
    return _("Size: {size} ({bytes} bytes)").format(size=file_size(size), bytes=size)
