"""The workspace facade: what the command line and the desktop app use.

A :class:`Workspace` owns one SQLite connection (use it from the thread that opened it),
the writer lock, and the automatic backup_store. Reads run on sqlite3 alone; sqlite-utils'
Database over the same connection is made for the first write (see storage.db). Every
write runs in one transaction with its audit entries; environment failures come out as
:class:`StorageError`.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cached_property, partial
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import checklist_app
from checklist_app.core import (
    Assessment,
    AssessmentSnapshot,
    AuditEntry,
    Document,
    Evidence,
    ItemState,
    Mapping,
)
from checklist_app.core.names import readable, without_hidden
from checklist_app.core.snapshot import values_by_target
from checklist_app.i18n import _
from checklist_app.storage import (
    assessments,
    audit,
    documents,
    evidence,
    freeze,
    mappings,
)
from checklist_app.storage import backup as backup_store
from checklist_app.storage.db import (
    SCHEMA_VERSION,
    PlainDatabase,
    bulk_journal,
    check_file,
    check_version,
    connect,
    user_version,
    utils_database,
    writable_sidecars,
)
from checklist_app.storage.errors import (
    AmbiguousAssessmentError,
    AttachRefusedError,
    ClosedAssessmentError,
    CorruptWorkspaceError,
    EvidenceFileError,
    InvalidValueError,
    NotAWorkspaceError,
    NotFoundError,
    OutdatedWorkspaceError,
    ReadOnlyError,
    Remedy,
    StorageError,
    corrupt_workspace,
    damaged_before_deleting,
    known_errors,
    refuse_batch,
)
from checklist_app.storage.lock import WorkspaceLock, current_user, lock_path_for
from checklist_app.storage.records import ITEM_STATE_ENTITY, state_entity_id
from checklist_app.storage.schema import migrate, missing_tables
from checklist_app.storage.temp_files import NAME_MAX, name_bytes
from checklist_app.storage.verify import tables_intact, verify_workspace

if TYPE_CHECKING:
    from sqlite_utils import Database

    from checklist_app.storage import export
    from checklist_app.storage.db import Reader

logger = logging.getLogger(__name__)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Workspace:
    """One workspace file. Open with :meth:`open` or :meth:`create`; close when done."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *, read_only: bool,
                 lock: WorkspaceLock | None, user: str, policy: backup_store.BackupPolicy,
                 max_file_size: int) -> None:
        self.path = path
        self.conn = conn
        self._plain = PlainDatabase(conn)
        self.read_only = read_only
        self.user = user
        self.max_file_size = max_file_size
        self._lock = lock
        self._policy = policy
        self._changed = False
        self._closed = False
        self.backup_error: StorageError | None = None  # why the last automatic backup failed
        self.upgrade_backup: Path | None = None  # the copy taken before upgrading the format

    # -- lifecycle ---------------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path | str, *, user: str | None = None,
               backups: backup_store.BackupPolicy | None = None,
               max_file_size: int = evidence.DEFAULT_MAX_SIZE) -> Workspace:
        """A new, empty workspace; refuses to overwrite an existing file."""
        path = Path(path)
        if path.exists() and (not path.is_file() or path.stat().st_size > 0):
            raise StorageError(
                _("{path} already exists. Choose another name, or open it.").format(path=path),
                path)
        if not path.parent.is_dir():
            raise StorageError(
                _("Folder {folder} does not exist. Create it first.").format(folder=path.parent),
                path)
        try:
            return cls._open(path, read_only=False, creating=True, user=user, backups=backups,
                             max_file_size=max_file_size)
        except ReadOnlyError as error:  # "open it read-only" means nothing for a new file
            raise ReadOnlyError(
                _("Cannot create workspace {path}: its folder cannot be written to. Choose a "
                  "folder you can write to.").format(path=path), path) from error

    @classmethod
    def upgrade(cls, path: Path | str, *, user: str | None = None) -> Path | None:
        """Bring a workspace of an older format to this version's (what opening it for
        writing does), after a backup; returns that backup (None: it was up to date)."""
        policy = backup_store.BackupPolicy(on_open=False, on_close=False)
        with cls.open(path, user=user, backups=policy) as workspace:
            return workspace.upgrade_backup

    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False, user: str | None = None,
             backups: backup_store.BackupPolicy | None = None,
             max_file_size: int = evidence.DEFAULT_MAX_SIZE) -> Workspace:
        """Open an existing workspace; a failed open leaves the file untouched.

        ``user`` is recorded in the audit trail (default: the login name). Raises
        WorkspaceLockedError when another process writes it: offer ``read_only=True``.
        """
        return cls._open(Path(path), read_only=read_only, creating=False, user=user,
                         backups=backups, max_file_size=max_file_size)

    @classmethod
    def _open(cls, path: Path, *, read_only: bool, creating: bool, user: str | None = None,
              backups: backup_store.BackupPolicy | None = None,
              max_file_size: int = evidence.DEFAULT_MAX_SIZE) -> Workspace:
        _check_name_length(path)
        if not creating:
            _check_workspace_file(path, backups)
        sidecars = _sidecars(path)
        lock = None if read_only else WorkspaceLock(path, user or "")
        if lock is not None:
            lock.acquire()
            writable_sidecars(path)
        conn = None
        try:
            conn = connect(path, read_only=read_only, new=creating,
                           check=None if creating else partial(_check_tables, path))
            workspace = cls(path, conn, read_only=read_only, lock=lock,
                            user=user or current_user(), policy=_policy(backups),
                            max_file_size=max_file_size)
            workspace._prepare(creating)
            return workspace
        except BaseException:
            if conn is not None:
                conn.close()
            _remove_new_sidecars(path, sidecars, lock)
            if lock is not None:
                lock.release()
            raise

    def _prepare(self, creating: bool) -> None:
        version = user_version(self._reader)
        check_version(self.path, version)
        if version < SCHEMA_VERSION and self.read_only:
            raise OutdatedWorkspaceError(
                _("Workspace {path} uses an older format. It is upgraded, after a backup, "
                  "when it is opened for editing; it was opened read-only and was not "
                  "changed.").format(path=self.path), self.path, remedy=Remedy.UPGRADE)
        if version < SCHEMA_VERSION:
            if version > 0:  # no upgrade without a copy of the old file
                self.upgrade_backup = self.backup(label=f"before-v{SCHEMA_VERSION}")
            with self._write() as db:  # one transaction: the schema and a new file's identity
                migrate(db)
                if creating:
                    _insert_meta(db)
                freeze.freeze_unfrozen(db, assessments.list_assessments(db), now=now_iso())
        if not creating and self._policy.on_open and not self.read_only:
            self._auto_backup()

    def close(self, *, backup: bool = True) -> None:
        """Back up (when due, unless ``backup`` is false) and close; the workspace cannot be
        used afterwards. A restore closes without the backup: its rotation could delete the
        backup about to be restored."""
        if self._closed:
            return
        self._closed = True
        try:
            if backup and self._changed and self._policy.on_close:
                self._auto_backup()
        finally:
            self.conn.close()
            if self._lock is not None:
                self._lock.release()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    @cached_property
    def db(self) -> Database:
        """sqlite-utils' Database over the connection, made (and imported) on first use."""
        return utils_database(self.conn)

    @property
    def _reader(self) -> Reader:
        """sqlite-utils' Database once a write has made it, else the plain connection."""
        return self.__dict__.get("db") or self._plain

    @property
    def backup_warning(self) -> str:
        """Why the last automatic backup failed, or "" (see ``backup_error``)."""
        return str(self.backup_error) if self.backup_error is not None else ""

    @property
    def workspace_id(self) -> str:
        with known_errors(self.path):
            row = self._reader.execute(
                "SELECT value FROM meta WHERE key = 'workspace_id'").fetchone()
        return row[0] if row else "unknown"

    @property
    def created_at(self) -> str:
        """When the workspace was created (ISO time); "" when not recorded."""
        row = self._reader.execute("SELECT value FROM meta WHERE key = 'created_at'").fetchone()
        return row[0] if row else ""

    @contextmanager
    def _write(self) -> Iterator[Database]:
        """One transaction for one user action; refused in read-only mode."""
        if self.read_only:
            raise ReadOnlyError(
                _("Workspace {path} is open read-only; nothing can be changed.").format(
                    path=self.path), self.path)
        with known_errors(self.path), self.db.atomic():
            yield self.db
        self._changed = True
        self._checkpoint()

    def _checkpoint(self) -> None:
        """Copy what was just committed from the WAL into the workspace file itself: a
        copy of the file alone (to a USB stick, by mail, while the app is open) had none of
        the work since the workspace was opened. PASSIVE: readers are not waited for; what
        they still read is copied by a later write, or on close."""
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

    @contextmanager
    def _write_intact(self, *tables: str) -> Iterator[Database]:
        """A write that deletes or retires rows chosen by what other rows still use: refused
        when SQLite finds those tables damaged (a lost index page hides rows in use)."""
        with self._write() as db:
            if not tables_intact(db, tables):
                raise damaged_before_deleting(self.path)
            yield db

    @contextmanager
    def _read(self) -> Iterator[Reader]:
        """A consistent read (one transaction), with environment errors translated."""
        reader = self._reader
        with known_errors(self.path), reader.atomic():
            yield reader

    # -- documents ---------------------------------------------------------------------------

    def import_document(self, doc: Document) -> documents.RevisionReport:
        """Add a document, or apply a revised version of one already here."""
        with self._write_intact("documents", "nodes", "node_revisions") as db:
            return documents.save_document(db, doc, now=now_iso(), user=self.user)

    def document(self, document_id: str, *, include_removed: bool = False) -> Document:
        with self._read() as db:
            return documents.load_document(db, document_id, include_removed=include_removed)

    def document_ids(self) -> list[str]:
        with self._read() as db:
            return documents.document_ids(db)

    def import_times(self) -> dict[str, str]:
        """id → when the document was last imported or revised (ISO time)."""
        with self._read() as db:
            return documents.import_times(db)

    # -- assessments -------------------------------------------------------------------------

    def new_assessment(self, *, checklist_doc_id: str, office: str, department: str = "",
                       period: str = "", provincial_doc_id: str | None = None,
                       national_doc_id: str | None = None, preparer: str = "",
                       reviewer: str = "", addressee: str = "") -> Assessment:
        with self._write() as db:
            new_id = assessments.create_assessment(
                db, now=now_iso(), user=self.user, checklist_doc_id=checklist_doc_id,
                office=office, department=department, period=period,
                provincial_doc_id=provincial_doc_id, national_doc_id=national_doc_id,
                preparer=preparer, reviewer=reviewer, addressee=addressee)
            return assessments.get_assessment(db, new_id)

    def assessment(self, assessment_id: int) -> Assessment:
        with self._read() as db:
            return assessments.get_assessment(db, assessment_id)

    def assessments(self) -> list[Assessment]:
        with self._read() as db:
            return assessments.list_assessments(db)

    def only_open_assessment(self) -> Assessment:
        """The open assessment when there is exactly one (so ``--assessment`` may be omitted)."""
        open_ones = [a for a in self.assessments() if not a.is_closed]
        if len(open_ones) != 1:
            raise NotFoundError(
                _("Workspace {path} has {n} open assessments: say which one "
                  "(--assessment ID).").format(path=self.path, n=len(open_ones)), self.path)
        return open_ones[0]

    def default_assessment(self) -> Assessment:
        """The assessment meant when none is named: the only open one; with none open, the
        most recent one (a write to it is then refused as closed).

        Raises NotFoundError when there is none, AmbiguousAssessmentError when several are
        open (its ``candidates`` are all the assessments, to choose from).
        """
        found = self.assessments()
        if not found:
            raise NotFoundError(_("Workspace {path} holds no assessment yet.").format(
                path=self.path), self.path)
        open_ones = [a for a in found if not a.is_closed]
        if len(open_ones) > 1:
            raise AmbiguousAssessmentError(
                _("Workspace {path} has {n} open assessments: say which one.").format(
                    path=self.path, n=len(open_ones)), found)
        return open_ones[0] if open_ones else max(found, key=lambda a: a.id)

    def set_narrative(self, assessment_id: int, section: int, text: str) -> None:
        """Section 1..4 of the report: 开展情况, 主要成效, 存在问题, 下一步打算."""
        with self._write() as db:
            assessments.set_narrative(db, assessment_id, section, text, now=now_iso(),
                                      user=self.user)

    def set_narrative_sections(self, assessment_id: int, texts: dict[int, str]) -> Assessment:
        """Several sections at once (the editor's Save): all saved, or none."""
        with self._write() as db:
            for section, text in texts.items():
                assessments.set_narrative(db, assessment_id, section, text, now=now_iso(),
                                          user=self.user)
            return assessments.get_assessment(db, assessment_id)

    def update_assessment(self, assessment_id: int, **changes: Any) -> Assessment:
        """Change office, department, period, reference documents, preparer, reviewer,
        addressee or report date of an open assessment (the checklist document stays)."""
        with self._write() as db:
            assessments.update_assessment(db, assessment_id, changes, now=now_iso(),
                                          user=self.user)
            return assessments.get_assessment(db, assessment_id)

    def close_assessment(self, assessment_id: int) -> Assessment:
        with self._write() as db:
            assessments.close_assessment(db, assessment_id, now=now_iso(), user=self.user)
            return assessments.get_assessment(db, assessment_id)

    def delete_assessment(self, assessment_id: int) -> None:
        """Remove an open assessment with nothing recorded (see assessments.delete_assessment)."""
        with self._write_intact("assessments", "narrative_sections", "item_states",
                                "item_evidence") as db:
            assessments.delete_assessment(db, assessment_id, now=now_iso(), user=self.user)

    def deletion_refusal(self, assessment_id: int) -> str:
        """Why the assessment cannot be deleted, or "" when it can."""
        with self._read() as db:
            return assessments.deletion_refusal(db, assessment_id)

    def carry_forward(self, assessment_id: int, *, period: str, include_evidence: bool = False,
                      close_first: bool = False) -> Assessment:
        """A new assessment for ``period`` from a closed one (see assessments.carry_forward):
        statuses, notes, responsibilities and due dates, not actual values."""
        with self._write() as db:
            new_id = assessments.carry_forward(db, assessment_id, period=period, now=now_iso(),
                                               user=self.user, include_evidence=include_evidence,
                                               close_first=close_first)
            return assessments.get_assessment(db, new_id)

    # -- item states -------------------------------------------------------------------------

    def item_state(self, assessment_id: int, node_id: str) -> ItemState:
        with self._read() as db:
            return assessments.get_item_state(db, assessment_id, node_id)

    def item_states(self, assessment_id: int) -> dict[str, ItemState]:
        with self._read() as db:
            return assessments.item_states(db, assessment_id)

    def review_diff(self, assessment_id: int, node_id: str) -> str:
        """The text diff stored when a revised document changed this item."""
        with self._read() as db:
            return assessments.review_diff(db, assessment_id, node_id)

    def set_item(self, assessment_id: int, node_id: str, **changes: Any) -> ItemState:
        """Change fields of one item state (status, note, actual_values, ticked_actions…)."""
        with self._write() as db:
            return assessments.update_item(db, assessment_id, node_id, changes, now=now_iso(),
                                           user=self.user)

    def set_items(self, assessment_id: int,
                  changes: Iterable[tuple[str, dict[str, Any]]]) -> int:
        """Apply a batch of item changes in one transaction: all of them or none."""
        count = 0
        with self._write() as db:
            now = now_iso()
            for node_id, fields in changes:
                assessments.update_item(db, assessment_id, node_id, fields, now=now,
                                        user=self.user)
                count += 1
        return count

    # -- evidence ----------------------------------------------------------------------------

    def attach(self, assessment_id: int, node_id: str, file: Path | str, *,
               description: str = "", progress: evidence.Progress | None = None) -> Evidence:
        """Store a file and attach it to an item, all in one transaction.

        The same bytes under the same name become one evidence supporting several items
        (with another description, a record of its own: see ``_store``).
        """
        batch_progress = None if progress is None else \
            lambda _path, done, total: progress(done, total)
        return self.attach_files(assessment_id, node_id, [file], description=description,
                                 progress=batch_progress)[0]

    def attach_files(self, assessment_id: int, node_id: str, files: Sequence[Path | str], *,
                     description: str = "", progress: evidence.BatchProgress | None = None
                     ) -> list[Evidence]:
        """Attach several files to an item in one transaction: all of them or none.

        Every file is checked before any is stored; when some are refused, one
        EvidenceFileError names each with its reason (AttachRefusedError for a batch).
        """
        paths = [Path(f) for f in files]
        try:
            with bulk_journal(self.db, sum(map(_size, paths))), self._write() as db:
                now = now_iso()
                assessment = assessments.require_open(db, assessment_id)
                assessments.require_item(db, assessment, node_id)
                sizes = evidence.check_files(paths, self.max_file_size)
                step = _batch_steps(paths, sizes, progress)
                return [self._store(db, assessment_id, node_id, path, description=description,
                                    now=now, progress=step(index))
                        for index, path in enumerate(paths)]
        except AttachRefusedError:
            raise
        except EvidenceFileError as error:  # changed or unreadable while stored: rolled back
            raise refuse_batch([error], len(paths)) from None

    def _store(self, db: Database, assessment_id: int, node_id: str, path: Path, *,
               description: str, now: str, progress: evidence.Progress | None) -> Evidence:
        """Store one file of a batch and link it to the item (inside the batch's transaction)."""
        content = evidence.store_file(db, path, now=now, max_size=self.max_file_size,
                                      progress=progress)
        name = readable(path.name)  # a GBK name from a Windows zip: kept, not refused
        description = " ".join(without_hidden(readable(description)).split())
        on_item = evidence.linked_copy(db, assessment_id, node_id, content, name)
        if description and on_item is not None:  # attached again to be described anew
            return self._described_anew(db, assessment_id, node_id, on_item, description, now)
        evidence_id = evidence.find_evidence(db, content, name, assessment_id, description) or \
            evidence.add_evidence(db, content, name, description=description, now=now,
                                  user=self.user)
        self._link(db, assessment_id, node_id, evidence_id, now)
        return evidence.get_evidence(db, evidence_id)

    def _described_anew(self, db: Database, assessment_id: int, node_id: str,
                        evidence_id: int, description: str, now: str) -> Evidence:
        """A file the item lists, attached to it again with another description: the item
        keeps one entry with the new words (it listed the file twice). A record a closed
        assessment prints is not changed: the item gets a copy of its own in its place."""
        before = evidence.get_evidence(db, evidence_id)
        if before.description == description:
            return before
        if not evidence.closed_assessments_using(db, evidence_id):
            evidence.set_description(db, evidence_id, description)
            self._audit_description(db, assessment_id, node_id, before, description, now)
            return evidence.get_evidence(db, evidence_id)
        copy = evidence.copy_evidence(db, evidence_id, description, now=now, user=self.user)
        evidence.replace_link(db, assessment_id, node_id, evidence_id, copy)
        entity = f"{assessment_id}/{node_id}"
        audit.append(db, at=now, user=self.user, action="detach", entity="evidence",
                     entity_id=f"{entity}/{evidence_id}", before=audit_evidence(before))
        audit.append(db, at=now, user=self.user, action="attach", entity="evidence",
                     entity_id=f"{entity}/{copy}",
                     after=audit_evidence(evidence.get_evidence(db, copy)))
        return evidence.get_evidence(db, copy)

    def _audit_description(self, db: Database, assessment_id: int, node_id: str,
                           before: Evidence, text: str, now: str) -> None:
        audit.append(db, at=now, user=self.user, action="set", entity="evidence",
                     entity_id=f"{assessment_id}/{node_id}/{before.id}",
                     before={"file_name": before.file_name, "description": before.description},
                     after={"file_name": before.file_name, "description": text})

    def link_evidence(self, assessment_id: int, node_id: str, evidence_id: int, *,
                      index: int | None = None) -> bool:
        """Let stored evidence support another item, or the same item again after it was
        removed (``index``: where in the item's list); False when it already does."""
        with self._write() as db:
            assessment = assessments.require_open(db, assessment_id)
            assessments.require_item(db, assessment, node_id)
            evidence.get_evidence(db, evidence_id)
            return self._link(db, assessment_id, node_id, evidence_id, now_iso(), index=index)

    def _link(self, db: Database, assessment_id: int, node_id: str, evidence_id: int,
              now: str, *, index: int | None = None) -> bool:
        linked = evidence.link(db, assessment_id, node_id, evidence_id, now=now, user=self.user,
                               index=index)
        if linked:
            audit.append(db, at=now, user=self.user, action="attach", entity="evidence",
                         entity_id=f"{assessment_id}/{node_id}/{evidence_id}",
                         after=audit_evidence(evidence.get_evidence(db, evidence_id)))
        return linked

    def describe_evidence(self, assessment_id: int, node_id: str, evidence_id: int,
                          description: str) -> Evidence:
        """Say what a file shows (printed under its name in 附件3), on one line; one
        description for every item the file supports, recorded against ``node_id``, the
        item it was changed from."""
        with self._write() as db:
            assessment = assessments.require_open(db, assessment_id)
            assessments.require_item(db, assessment, node_id)
            before = evidence.get_evidence(db, evidence_id)
            if not evidence.is_linked(db, assessment_id, node_id, evidence_id):
                raise NotFoundError(_("{file} is not evidence of this item.").format(
                    file=before.shown_name))
            text = " ".join(without_hidden(readable(description)).split())
            if text == before.description:
                return before
            if closed := evidence.closed_assessments_using(db, evidence_id):
                raise ClosedAssessmentError(_(
                    "{file} is also evidence of closed assessment {ids}, whose report must "
                    "not change: its description stays as it is. Nothing was changed.").format(
                        file=before.shown_name, ids=_(", ").join(map(str, closed))))
            evidence.set_description(db, evidence_id, text)
            self._audit_description(db, assessment_id, node_id, before, text, now_iso())
            return evidence.get_evidence(db, evidence_id)

    def detach(self, assessment_id: int, node_id: str, evidence_id: int) -> bool:
        """Remove evidence from an item; its content goes at the next collect_garbage."""
        with self._write() as db:
            assessments.require_open(db, assessment_id)
            before = evidence.get_evidence(db, evidence_id)
            removed = evidence.unlink(db, assessment_id, node_id, evidence_id)
            if removed:
                audit.append(db, at=now_iso(), user=self.user, action="detach",
                             entity="evidence",
                             entity_id=f"{assessment_id}/{node_id}/{evidence_id}",
                             before=audit_evidence(before))
            return removed

    def evidence(self, assessment_id: int) -> dict[str, list[Evidence]]:
        """Evidence of each item, in attachment order."""
        with self._read() as db:
            return evidence.evidence_by_item(db, assessment_id)

    def read_evidence(self, evidence_id: int) -> Iterator[bytes]:
        """The bytes of one evidence file, chunk by chunk."""
        with known_errors(self.path):
            found = evidence.get_evidence(self._reader, evidence_id)
            yield from evidence.read_chunks(self._reader, found.sha256)

    def export_evidence(self, assessment_id: int, folder: Path | str,
                        progress: export.ExportProgress | None = None
                        ) -> Iterator[export.ExportedFile | export.ExportedIndex]:
        """Write the assessment's evidence into a folder, then its index (佐证材料目录);
        yields each file written."""
        from checklist_app.storage import export  # csv, zip names…: not needed to open

        with self._read() as db:  # one consistent view, even with a writer elsewhere
            yield from export.export_evidence(db, assessment_id, Path(folder), progress)

    def export_evidence_files(self, evidence_ids: Sequence[int], folder: Path | str
                              ) -> list[export.ExportedFile]:
        """Write these evidence files into a folder, each under a name no other file has."""
        from checklist_app.storage import export

        with self._read() as db:
            chosen = [evidence.get_evidence(db, evidence_id) for evidence_id in evidence_ids]
            return list(export.export_files(db, chosen, Path(folder)))

    def collect_garbage(self) -> tuple[int, int]:
        """Delete evidence no item uses and content no evidence uses: (evidence, contents)."""
        with self._write_intact("item_evidence", "evidence", "contents") as db:
            return evidence.collect_garbage(db)

    def vacuum(self) -> None:
        """Give the space of deleted content back to the disk (rewrites the file)."""
        if self.read_only:
            raise ReadOnlyError(_("Workspace {path} is open read-only.").format(path=self.path))
        with known_errors(self.path):
            self.db.vacuum()

    # -- mappings ----------------------------------------------------------------------------

    def save_mappings(self, items: Iterable[Mapping]) -> int:
        """Insert or replace mappings (keyed by from, to, via, source); returns how many changed."""
        with self._write() as db:
            return mappings.save_mappings(db, items, now=now_iso(), user=self.user)

    def delete_mapping(self, mapping: Mapping) -> bool:
        with self._write() as db:
            return mappings.delete_mapping(db, mapping, now=now_iso(), user=self.user)

    def change_mappings(self, saved: Iterable[Mapping], removed: Iterable[Mapping]) -> None:
        """Save some mappings and remove others in one transaction: all or none."""
        with self._write() as db:
            stamp = now_iso()
            mappings.save_mappings(db, saved, now=stamp, user=self.user)
            for mapping in removed:
                mappings.delete_mapping(db, mapping, now=stamp, user=self.user)

    def mappings(self, from_document_ids: Iterable[str] | None = None) -> list[Mapping]:
        with self._read() as db:
            return mappings.list_mappings(db, from_document_ids)

    # -- audit, verify, backup, snapshot -------------------------------------------------------

    def audit_log(self, *, entity: str | None = None, entity_id: str | None = None,
                  entity_prefix: str | None = None) -> list[AuditEntry]:
        """Audit entries in order; filter by kind ("item_state", "evidence", "mapping"…),
        exact id or id prefix."""
        with self._read() as db:
            return list(audit.entries(db, entity=entity, entity_id=entity_id,
                                      entity_prefix=entity_prefix))

    def item_history(self, assessment_id: int, node_id: str) -> list[AuditEntry]:
        """Every recorded change of one item state, oldest first."""
        return self.audit_log(entity=ITEM_STATE_ENTITY,
                              entity_id=state_entity_id(assessment_id, node_id))

    def verify(self) -> list[str]:
        """Every problem found (empty when all is well): integrity, hashes, audit chain."""
        with known_errors(self.path):
            return verify_workspace(self._reader)

    @property
    def backup_policy(self) -> backup_store.BackupPolicy:
        return self._policy

    @backup_policy.setter
    def backup_policy(self, policy: backup_store.BackupPolicy) -> None:
        """A new policy applies from the next backup (``keep``: the next rotation)."""
        self._policy = policy

    def backup(self, label: str = "",
               progress: backup_store.BackupProgress | None = None) -> Path:
        """Write a backup now (online backup API) and rotate old ones; returns its path.

        ``progress(pages_done, pages_total)`` may raise to cancel: no file is left behind.
        A damaged workspace is not copied (CorruptWorkspaceError): the backups stay as they
        were."""
        try:
            folder = self.backup_folder()
        except CorruptWorkspaceError:  # its id cannot even be read
            raise backup_store.damaged_workspace(self.path) from None
        return backup_store.backup(self.conn, self.path, folder, keep=self._policy.keep,
                                   label=label, progress=progress)

    def data_version(self) -> int:
        """A number that changes when another connection (another program) has committed
        since the last call (PRAGMA data_version): a read-only window follows the writer."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def backup_folder(self) -> Path:
        return backup_store.backup_folder(self.path, self.workspace_id, self._policy)

    def backup_if_due(self) -> StorageError | None:
        """The automatic backup (none if one was made lately); why it failed, or None.

        For callers that open with ``on_open=False`` so that the data comes first (the app
        queues this right after loading, before any change can be written).
        """
        if not self.read_only:
            self._auto_backup()
        return self.backup_error

    def _auto_backup(self) -> None:
        """A failed automatic backup must not stop work: keep the reason in backup_error.
        A damaged workspace is one reason (the damage may lie where this work never reads)."""
        try:
            if not backup_store.is_recent(self.backup_folder(), self._policy.min_interval_s):
                self.backup()
        except CorruptWorkspaceError:
            self.backup_error = backup_store.damaged_workspace(self.path)
        except StorageError as error:
            self.backup_error = error
        if self.backup_error is not None:  # the front end tells the user (a warning on
            # this level would reach stderr a second time, untranslated, with no handler set)
            logger.info("automatic backup of %s failed: %s", self.path, self.backup_error)

    def snapshot(self, assessment_id: int) -> AssessmentSnapshot:
        """Everything the report and coverage need, read in one consistent transaction."""
        with self._read() as db:
            assessment = assessments.get_assessment(db, assessment_id)
            references = self._references(db, assessment)
            checklist = references.documents[assessment.checklist_doc_id]
            previous, previous_actuals = self._previous_period(db, assessment, checklist)
            previous_evidence = frozenset() if previous is None else frozenset(
                e.id for files in evidence.evidence_by_item(db, previous.id).values()
                for e in files)
            return AssessmentSnapshot(
                assessment=assessment,
                checklist=checklist,
                provincial=references.documents.get(assessment.provincial_doc_id or ""),
                national=references.documents.get(assessment.national_doc_id or ""),
                states=assessments.item_states(db, assessment_id),
                evidence=evidence.evidence_by_item(db, assessment_id),
                mappings=references.mappings,
                audit=sorted([*audit.for_assessment(db, assessment_id),
                              *audit.mapping_changes(db, assessment)], key=lambda e: e.seq),
                taken_at=now_iso(),
                previous=previous,
                previous_actuals=previous_actuals,
                previous_evidence=previous_evidence,
            )

    def previous_period(self, assessment_id: int
                        ) -> tuple[Assessment | None, dict[str, tuple[float | None, ...]]]:
        """The assessment ``assessment_id`` was carried forward from (None: none) and its
        actual values by node id, each under the target of the same wording in the checklist
        the assessment is judged against (core.snapshot.values_by_target)."""
        with self._read() as db:
            assessment = assessments.get_assessment(db, assessment_id)
            checklist = self._references(db, assessment).documents[assessment.checklist_doc_id]
            return self._previous_period(db, assessment, checklist)

    def _previous_period(self, db: Reader, assessment: Assessment, checklist: Document
                         ) -> tuple[Assessment | None, dict[str, tuple[float | None, ...]]]:
        """previous_period, read with ``db``; ``checklist``: the one ``assessment`` is judged
        against. None when it was not carried, or its period is gone (a damaged file)."""
        if assessment.carried_from is None:
            return None, {}
        try:
            previous = assessments.get_assessment(db, assessment.carried_from)
        except NotFoundError:
            return None, {}
        then = self._references(db, previous).documents.get(previous.checklist_doc_id,
                                                            checklist)
        actuals = {node_id: values for node_id, state
                   in assessments.item_states(db, previous.id).items()
                   if (values := values_by_target(then, checklist, node_id,
                                                  state.actual_values))}
        return previous, actuals

    def references(self, assessment_id: int) -> freeze.FrozenReferences:
        """The documents and mappings an assessment is judged against.

        Those of a closed assessment as they were when it was closed; else the live ones.
        """
        with self._read() as db:
            return self._references(db, assessments.get_assessment(db, assessment_id))

    @staticmethod
    def _references(db: Reader, assessment: Assessment) -> freeze.FrozenReferences:
        frozen = freeze.frozen_references(db, assessment.id)
        return frozen if frozen is not None else freeze.live_references(db, assessment)


def _insert_meta(db: Database) -> None:
    import uuid  # with platform: ~5 ms that opening a workspace does not need

    db["meta"].insert_all([
        {"key": "workspace_id", "value": uuid.uuid4().hex},
        {"key": "created_at", "value": now_iso()},
        {"key": "created_by", "value": f"checklist-app {checklist_app.__version__}"},
    ])


def _batch_steps(paths: list[Path], sizes: list[int], progress: evidence.BatchProgress | None
                 ) -> Callable[[int], evidence.Progress | None]:
    """For the index of a file in a batch, its progress callback in bytes of the whole batch."""
    total = sum(sizes)

    def step(index: int) -> evidence.Progress | None:
        if progress is None:
            return None
        before, path = sum(sizes[:index]), paths[index]
        return lambda done, _size: progress(path, before + done, total)

    return step


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # attach itself reports why the file cannot be read


def _check_tables(path: Path, conn: sqlite3.Connection) -> None:
    """A file with our application id and version lacking tables of that version (the rest
    of the file lost or never written) is damaged: refused before reads fail on it."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if missing_tables(conn, version):
        raise corrupt_workspace(path)


SIDE_NAME_EXTRA = len("-journal")  # the longest name SQLite and the lock add to a workspace's


def _check_name_length(path: Path) -> None:
    """A workspace needs room in its name for the files beside it (``-journal``, ``-wal``,
    ``.lock``): at 82 hanzi the name itself was allowed, its ``-wal`` not, and opening it
    ended in a traceback."""
    room = NAME_MAX - SIDE_NAME_EXTRA
    if name_bytes(path.name) > room:
        raise StorageError(_(
            "The file name of {path} is too long for a workspace: SQLite keeps files beside "
            "it named after it with a few letters more. Rename it shorter (at most {n} "
            "Chinese characters or {letters} letters before its extension) and open it "
            "again.").format(
            path=path, n=(stem_room := room - name_bytes(path.suffix)) // name_bytes("汉"),
            letters=stem_room), path)


def _check_workspace_file(path: Path, backups: backup_store.BackupPolicy | None) -> None:
    """check_file; a file that no longer reads as a workspace (its header overwritten) but
    has backups kept under its name is a damaged workspace, to be restored, not replaced
    by a new one."""
    try:
        check_file(path)
    except NotAWorkspaceError:
        if backup_store.find_backup_folder(path, _policy(backups)) is None:
            raise
        raise corrupt_workspace(path) from None


def _sidecars(path: Path) -> set[Path]:
    return {p for p in (path.with_name(path.name + s) for s in ("-wal", "-shm")) if p.exists()}


def _remove_new_sidecars(path: Path, existed: set[Path], lock: WorkspaceLock | None) -> None:
    """After a failed open, remove the empty -wal/-shm files SQLite created, if no one uses them."""
    wal = path.with_name(path.name + "-wal")
    in_use = lock is None and lock_path_for(path).exists()
    if in_use or (wal.exists() and wal.stat().st_size > 0) or existed:
        return
    for created in _sidecars(path):
        with contextlib.suppress(OSError):
            created.unlink()


def _policy(policy: backup_store.BackupPolicy | None) -> backup_store.BackupPolicy:
    return policy if policy is not None else backup_store.BackupPolicy()


def audit_evidence(found: Evidence) -> dict[str, Any]:
    return {"id": found.id, "sha256": found.sha256, "file_name": found.file_name,
            "size": found.size, "mime_type": found.mime_type, "description": found.description}


def workspace_with_documents(path: Path | str, docs: Iterable[Document],
                             **options: Any) -> Workspace:
    """A new workspace holding these documents (checklist_app.workspaces adds the mappings)."""
    workspace = Workspace.create(path, **options)  # refuses an existing file: nothing to undo
    try:
        for doc in docs:
            workspace.import_document(doc)
    except BaseException:
        workspace.close()
        remove_new_workspace_file(Path(path))
        raise
    return workspace


def remove_new_workspace_file(path: Path) -> None:
    """Delete a workspace this process has just created and could not finish."""
    for leftover in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm"))):
        leftover.unlink(missing_ok=True)


__all__ = [
    "InvalidValueError",
    "Workspace",
    "now_iso",
    "remove_new_workspace_file",
    "workspace_with_documents",
]
