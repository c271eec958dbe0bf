"""The open workspace as the UI sees it: a cache of one assessment, and writes through one thread.

The :class:`~checklist_app.storage.workspace.Workspace` (one sqlite connection) lives on the
writer pool's single thread: it is opened there and every read or write is a job on that
pool, so the UI thread never waits on the disk and writes never race (Picard's one-thread save
pool). Each finished write replaces the cached value and emits a signal naming what changed;
models and widgets redraw from the cache.
"""

from __future__ import annotations

import contextlib
import logging
import os
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from checklist_app.core import (
    Assessment,
    AssessmentSnapshot,
    Document,
    Evidence,
    ItemState,
    ItemStatus,
    Mapping,
    same_content,
)
from checklist_app.core.dates import judging_day
from checklist_app.i18n import _, ngettext, os_reason
from checklist_app.storage.errors import (
    CorruptWorkspaceError,
    MissingWorkspaceError,
    Remedy,
    StorageError,
    WorkspaceLockedError,
)
from checklist_app.ui.menus import ASSESSMENT_MENU, IMPORT_ACTION, menu_path
from checklist_app.ui.workers import Cancelled, CancelToken, Job, JobRunner, Pool

logger = logging.getLogger(__name__)
STATE_FIELDS = frozenset(f.name for f in fields(ItemState))
WATCH_INTERVAL_MS = 3000  # how often a read-only workspace is asked whether it changed

if TYPE_CHECKING:  # imported by the first job on the writer thread (sqlite-utils: ~0.06 s)
    from checklist_app.storage.export import DamagedFile, ExportedFile, ExportedIndex
    from checklist_app.storage.workspace import Workspace


@dataclass(slots=True)
class AssessmentData:
    """What the window shows: one assessment with its documents, states, evidence, mappings."""

    path: Path
    read_only: bool
    locked_by: str
    assessments: list[Assessment]
    documents: dict[str, Document]
    assessment: Assessment | None = None
    states: dict[str, ItemState] = field(default_factory=dict)
    evidence: dict[str, list[Evidence]] = field(default_factory=dict)
    mappings: list[Mapping] = field(default_factory=list)
    # a closed assessment's documents as they were when it was closed (see storage/freeze.py)
    frozen: dict[str, Document] = field(default_factory=dict)
    imported: dict[str, str] = field(default_factory=dict)  # document id → ISO import time
    created: str = ""  # when the workspace was created (ISO time)
    generation: int = 0  # the opening of the workspace this was read from (see guard)
    data_version: int = 0  # the file's PRAGMA data_version when read (see changedElsewhere)
    # the period this one was carried forward from, and its items' actual values (shown
    # beside the empty fields: actual values are not carried over)
    previous: Assessment | None = None
    previous_actuals: dict[str, tuple[float | None, ...]] = field(default_factory=dict)

    @property
    def write_protected(self) -> bool:
        """Read-only because the file or its folder cannot be written (no other program
        holds it: ``locked_by`` names that one)."""
        return self.read_only and not self.locked_by

    @property
    def checklist(self) -> Document | None:
        return self._doc(self.assessment.checklist_doc_id if self.assessment else None)

    def judging_day(self) -> date:
        """The day an item is judged overdue on (a closed assessment's: its report's)."""
        if self.assessment is None:
            return judging_day(None)
        return judging_day(self.assessment.closed_at, self.assessment.report_date)

    @property
    def provincial(self) -> Document | None:
        return self._doc(self.assessment.provincial_doc_id if self.assessment else None)

    @property
    def national(self) -> Document | None:
        return self._doc(self.assessment.national_doc_id if self.assessment else None)

    @property
    def editable(self) -> bool:
        return (not self.read_only and self.assessment is not None
                and not self.assessment.is_closed)

    def _doc(self, doc_id: str | None) -> Document | None:
        if not doc_id:
            return None
        return self.frozen.get(doc_id) or self.documents.get(doc_id)

    def state(self, node_id: str) -> ItemState:
        found = self.states.get(node_id)
        if found is not None:
            return found
        return ItemState(self.assessment.id if self.assessment else 0, node_id)

    def snapshot(self) -> AssessmentSnapshot:
        """The cached data as a snapshot (for coverage and mapped-clause columns).

        The containers are copies, so a worker thread can read the snapshot while the UI
        thread records the next change in the cache.
        """
        assert self.assessment is not None and self.checklist is not None
        return AssessmentSnapshot(self.assessment, self.checklist, self.provincial,
                                  self.national, dict(self.states), dict(self.evidence),
                                  list(self.mappings), previous=self.previous,
                                  previous_actuals=dict(self.previous_actuals))


def _load(workspace: Workspace, locked_by: str, assessment_id: int | None) -> AssessmentData:
    assessments = workspace.assessments()
    documents = {doc_id: workspace.document(doc_id) for doc_id in workspace.document_ids()}
    data = AssessmentData(workspace.path, workspace.read_only, locked_by, assessments, documents,
                          imported=workspace.import_times(), created=workspace.created_at)
    chosen = _choose(assessments, assessment_id)
    if chosen is not None:
        data.assessment = chosen
        data.states = workspace.item_states(chosen.id)
        data.evidence = workspace.evidence(chosen.id)
        data.mappings = workspace.mappings()
        if chosen.is_closed:  # shown and printed as it was judged, whatever changed since
            references = workspace.references(chosen.id)
            data.frozen, data.mappings = references.documents, references.mappings
        _load_previous(workspace, data)
    return data


def _load_previous(workspace: Workspace, data: AssessmentData) -> None:
    """The period ``data.assessment`` was carried forward from, and its actual values by
    the targets of the checklist now (Workspace.previous_period)."""
    assert data.assessment is not None
    data.previous, data.previous_actuals = workspace.previous_period(data.assessment.id)


def _choose(assessments: list[Assessment], wanted: int | None) -> Assessment | None:
    """The wanted assessment, else the newest open one, else the newest."""
    for assessment in assessments:
        if assessment.id == wanted:
            return assessment
    open_ones = [a for a in assessments if not a.is_closed]
    return (open_ones or assessments or [None])[-1]


@dataclass(frozen=True, slots=True)
class Attached:
    """The files of one attach: newly attached, those the item already had, and new ones
    whose content the item already had under another name (new, the earlier one)."""

    new: list[Evidence]
    already: list[Evidence]
    copies: list[tuple[Evidence, Evidence]] = field(default_factory=list)

    @classmethod
    def sort(cls, stored: list[Evidence], before: list[Evidence]) -> Attached:
        seen, new, already = {e.id for e in before}, [], []
        for evidence in stored:
            (already if evidence.id in seen else new).append(evidence)
            seen.add(evidence.id)
        # a twin attached before, or one earlier in the same drop (x.pdf and x 副本.pdf)
        copies = [(e, twin) for position, e in enumerate(new)
                  if (twin := same_content(e, [*before, *new[:position]])) is not None]
        return cls(new, already, copies)


@dataclass(frozen=True, slots=True)
class _Refused:
    """A refused restore: why, whether it closed the open workspace, and that workspace's
    data once opened again (None when it could not be)."""

    error: Exception
    closed: bool
    reopened: AssessmentData | None


@dataclass(slots=True)
class EvidenceExport:
    """What an evidence export wrote: the files, then the index (CSV and text)."""

    files: list[ExportedFile]
    index: list[Path]
    damaged: list[DamagedFile] = field(default_factory=list)  # not written: bytes damaged

    def add(self, written: ExportedFile | DamagedFile | ExportedIndex) -> None:
        from checklist_app.storage.export import DamagedFile, ExportedIndex

        if isinstance(written, ExportedIndex):
            self.index.append(written.path)
        elif isinstance(written, DamagedFile):
            self.damaged.append(written)
        else:
            self.files.append(written)

    def remove(self) -> None:
        """Delete what was written (a cancelled or failed export leaves no partial folder)."""
        written = [f.path for f in self.files if not f.already_there]  # kept: not ours
        for path in [*written, *self.index]:
            with contextlib.suppress(OSError):
                path.unlink()


class WorkspaceService(QObject):
    """The one door from the UI to the workspace; signals say what changed."""

    aboutToLoad = Signal()  # other data is on its way: save what is being typed first
    opened = Signal()  # data replaced: a workspace or another assessment was loaded
    closed = Signal()
    itemChanged = Signal(str)  # node id
    # node id, the changes not saved (the banner says why), whose: (opening, assessment id)
    itemSaveFailed = Signal(str, object, object)
    evidenceChanged = Signal(str)  # node id
    # node id, evidence id, the text not saved, whose: (opening, assessment id)
    descriptionSaveFailed = Signal(str, int, str, object)
    mappingsChanged = Signal()
    mappingSaveFailed = Signal(object, object)  # the mapping not saved, or None and the one
    # not removed (the banner says why)
    assessmentChanged = Signal()  # details, narrative, closing
    changedElsewhere = Signal()  # read-only: the program holding the workspace wrote to it
    failed = Signal(str, str)  # message for the user, details (traceback of a bug or "")
    restoreSuggested = Signal()  # after ``failed``: the workspace is damaged, a backup helps
    importSuggested = Signal(object)  # after ``failed``: the Path of a document opened as one
    noticed = Signal(str)  # a warning that stopped nothing (an automatic backup failed…)
    busyChanged = Signal(bool)

    def __init__(self, writer: Pool, user: str = "", backup_keep: int = 10,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._writer = JobRunner(writer, self)
        self._workspace: Workspace | None = None  # touched only inside writer jobs
        self._generation = 0  # counts the workspaces opened (and closed): see guard
        self.user = user
        self.backup_keep = backup_keep
        self.data: AssessmentData | None = None
        # node id → the changes submitted for it and not saved yet, in order (see state())
        self._pending: dict[str, list[dict[str, Any]]] = {}
        self._batch: tuple[list[Mapping], list[Mapping]] | None = None  # see mapping_batch
        # a read-only workspace is looked at now and then: the program holding it writes on
        self._watch = QTimer(self, interval=WATCH_INTERVAL_MS)
        self._watch.timeout.connect(self._look_for_changes)
        self._looking = False

    # -- opening and closing ---------------------------------------------------------------

    def open(self, path: Path, *, assessment_id: int | None = None,
             done: Callable[[AssessmentData], None] | None = None) -> None:
        """Open a workspace (read-only when another program holds it) and load an assessment."""
        self.aboutToLoad.emit()

        def job(_token: CancelToken) -> AssessmentData:
            current = self._workspace
            if current is not None and current.path.resolve() == Path(path).resolve():
                self._close_workspace()  # reopening: our own lock would make it read-only
            workspace, locked_by = self._open_workspace(path)  # a failure keeps the old one
            try:
                data = self._load_data(workspace, locked_by, assessment_id)
            except BaseException:  # damaged deep inside, say: not kept (nor locked), and
                workspace.close(backup=False)  # the workspace shown before stays open
                raise
            self._close_workspace()
            self._use(workspace)
            data.generation = self._generation  # this opening's (see guard)
            return data

        self._submit(job, lambda data: self._loaded(data, done))
        self._submit(self._backup_if_due, self._backed_up)

    def _backup_if_due(self, _token: CancelToken) -> StorageError | None:
        return self._workspace.backup_if_due() if self._workspace is not None else None

    def _backed_up(self, error: object) -> None:
        if isinstance(error, CorruptWorkspaceError):  # no backup of it, the others kept
            self.noticed.emit(explained(error))
        elif error:
            self.noticed.emit(_("The automatic backup failed: {reason} Your work is not "
                                "affected. Once the cause is put right, Workspace → Back up "
                                "workspace now makes one.").format(reason=error))

    def _open_workspace(self, path: Path) -> tuple[Workspace, str]:
        from checklist_app.storage.backup import BackupPolicy
        from checklist_app.storage.workspace import Workspace

        # the backup on open runs as the next job, after the data is on screen
        policy = BackupPolicy(keep=max(1, self.backup_keep), on_open=False)
        options: dict[str, Any] = {"backups": policy}
        if self.user:
            options["user"] = self.user
        if write_protected(Path(path)):
            return Workspace.open(path, read_only=True, **options), ""
        try:
            return Workspace.open(path, **options), ""
        except WorkspaceLockedError as locked:
            return Workspace.open(path, read_only=True, **options), locked.holder or "?"
        except MissingWorkspaceError:
            raise MissingWorkspaceError(
                _("Workspace {path} does not exist (moved, renamed or deleted?). Choose "
                  "another file with Workspace → Open workspace…, or create a new one with "
                  "Workspace → New workspace….").format(path=path), path) from None

    def restore(self, backup: Path, path: Path,
                done: Callable[[Path | None], None] | None = None) -> None:
        """Replace workspace ``path`` by ``backup`` and open it; ``done`` gets the copy of the
        replaced file kept in the before-restore folder (None when there was none).

        The backup is checked first. The open workspace, when it is the one replaced, is
        closed for the restore without the automatic backup (whose rotation could delete the
        backup chosen) and is opened again if the restore is refused; should that fail too,
        no workspace is open. Either way ``failed`` reports why the restore was refused.
        """
        self.aboutToLoad.emit()
        shown = self.data.assessment.id if self.data and self.data.assessment else None

        def job(_token: CancelToken) -> tuple[AssessmentData, Path | None] | _Refused:
            from checklist_app.storage import backup as backup_store

            replacing = self._workspace is not None \
                and self._workspace.path.resolve() == Path(path).resolve()
            if replacing:
                self._close_workspace(backup=False)
            try:
                kept = backup_store.restore(backup, path, backup_store.before_restore_folder(),
                                            keep=max(1, self.backup_keep))
            except Exception as error:  # reported once the workspace is back
                return _Refused(error, replacing,
                                self._reopen(path, shown) if replacing else None)
            try:
                workspace, locked_by = self._open_workspace(path)
            except Exception as error:  # restored, but it will not open: nothing is open
                self._close_workspace(backup=False)
                return _Refused(error, True, None)
            self._close_workspace()
            self._use(workspace)
            return self._load_data(workspace, locked_by, shown), kept

        def finished(result: tuple[AssessmentData, Path | None] | _Refused) -> None:
            if isinstance(result, _Refused):
                self._restore_refused(result)
                return
            data, kept = result
            self._loaded(data)
            if done is not None:
                done(kept)

        self._submit(job, finished)

    def _reopen(self, path: Path, assessment_id: int | None) -> AssessmentData | None:
        """The workspace a refused restore closed, open again at the assessment shown
        before; None when that fails too."""
        try:
            workspace, locked_by = self._open_workspace(path)
            self._use(workspace)
            return self._load_data(workspace, locked_by, assessment_id)
        except Exception as error:  # the restore's own error is the one reported
            logger.warning("reopening %s after a refused restore failed: %s", path, error)
            self._close_workspace(backup=False)
            return None

    def _restore_refused(self, refused: _Refused) -> None:
        if refused.reopened is not None:
            self._loaded(refused.reopened)  # as it is now (another program may hold it)
        elif refused.closed:
            self.data = None
            self.closed.emit()
        self._failed(refused.error)

    def apply_settings(self, *, user: str, backup_keep: int) -> None:
        """The user name (audit trail) and backups to keep, for the open workspace at once
        and for those opened later."""
        self.user = user
        self.backup_keep = backup_keep

        shown = self.data.assessment if self.data is not None else None

        def job(_token: CancelToken) -> None:
            if self._workspace is not None:
                self._operate_as(self._workspace, shown.preparer if shown else "")
                self._workspace.backup_policy = replace(self._workspace.backup_policy,
                                                        keep=max(1, backup_keep))

        self._submit(job, None)

    def check_restore(self, backup: Path, path: Path,
                      done: Callable[[list[str]], None]) -> None:
        """Check that ``backup`` can replace workspace ``path`` (before asking the user);
        ``done`` is called when it can, with what its records fail (for the question to
        say), ``failed`` says why when not."""
        def job(_token: CancelToken) -> list[str]:
            from checklist_app.storage import backup as backup_store

            backup_store.check_restore(backup, path)
            return backup_store.backup_record_problems(backup)

        self._submit(job, done)

    def create(self, path: Path, documents: Iterable[Document],
               mappings: Iterable[Mapping] = (),
               done: Callable[[AssessmentData], None] | None = None) -> None:
        """A new workspace holding these documents and (curated) mappings."""
        self.aboutToLoad.emit()
        docs = list(documents)
        links = list(mappings)

        def job(_token: CancelToken) -> AssessmentData:
            from checklist_app.storage.workspace import Workspace

            workspace = Workspace.create(path, **({"user": self.user} if self.user else {}))
            try:
                for doc in docs:
                    workspace.import_document(doc)
                if links:
                    workspace.save_mappings(links)
            except BaseException:
                workspace.close()
                raise
            self._close_workspace()
            self._use(workspace)
            return self._load_data(workspace, "", None)

        self._submit(job, lambda data: self._loaded(data, done))

    def switch_assessment(self, assessment_id: int) -> None:
        self.aboutToLoad.emit()
        locked_by = self.data.locked_by if self.data else ""
        self._submit(lambda _t: self._load_data(self._ws(), locked_by, assessment_id), self._loaded)

    def reload(self) -> None:
        if self.data is not None:
            self.aboutToLoad.emit()
            wanted = self.data.assessment.id if self.data.assessment else None
            locked_by = self.data.locked_by
            self._submit(lambda _t: self._load_data(self._ws(), locked_by, wanted), self._loaded)

    def _loaded(self, data: AssessmentData,
                done: Callable[[AssessmentData], None] | None = None) -> None:
        self.data = data
        self._pending.clear()  # changes still on their way are for the data shown before
        if data.read_only:
            self._watch.start()
        else:
            self._watch.stop()
        self.opened.emit()
        if done is not None:
            done(data)

    def _look_for_changes(self) -> None:
        """Read-only: ask the file whether the program holding it wrote since the data shown
        was read (PRAGMA data_version, one cheap query on the writer thread). The window
        showed 9/56 done while the report it printed, read afresh, said 6."""
        data = self.data
        if data is None or not data.read_only:
            self._watch.stop()
            return
        if self._looking:
            return
        self._looking = True
        workspace = self.guard()
        self._writer.run(lambda _token: workspace().data_version(),
                         done=lambda version: self._looked(data, version),
                         failed=lambda _error: self._looked(data, None))

    def _looked(self, data: AssessmentData, version: int | None) -> None:
        self._looking = False
        if version is not None and self.data is data and version != data.data_version:
            self.changedElsewhere.emit()

    def close(self) -> None:
        """Close the workspace (backing it up when due) and wait until that is done."""
        self._watch.stop()
        self._submit(lambda _t: self._close_workspace(), None)
        self._writer.drain()
        self.data = None
        self.closed.emit()

    def wait_idle(self) -> None:
        """Block until every write submitted so far is done (their results are then queued)."""
        self._writer.drain()

    def _close_workspace(self, *, backup: bool = True) -> None:
        if self._workspace is not None:
            workspace, self._workspace = self._workspace, None
            self._generation += 1
            workspace.close(backup=backup)

    def _use(self, workspace: Workspace) -> None:
        """Make ``workspace`` the open one (on the writer thread)."""
        self._workspace = workspace
        self._generation += 1

    def _load_data(self, workspace: Workspace, locked_by: str,
                   assessment_id: int | None) -> AssessmentData:
        version = workspace.data_version()  # first: a commit during the load shows next time
        data = _load(workspace, locked_by, assessment_id)
        data.generation = self._generation
        data.data_version = version
        self._operate_as(workspace, data.assessment.preparer if data.assessment else "")
        return data

    def _operate_as(self, workspace: Workspace, preparer: str) -> None:
        """Who the audit trail names for the changes that follow (on the writer thread):
        Settings' user name, else ``preparer`` (the 填报人 of the assessment worked on), else
        the login (storage/operator.py)."""
        from checklist_app.storage.operator import operator_name

        workspace.user = operator_name(self.user, preparer)

    def _ws(self) -> Workspace:
        if self._workspace is None:
            raise StorageError(_("No workspace is open."))
        return self._workspace

    def guard(self) -> Callable[[], Workspace]:
        """For a write asked for on the data shown now: the workspace it was read from, or a
        refusal when another was opened (or this one restored) before the write's turn came.
        What is typed while another workspace opens is never saved into that one."""
        generation = self.data.generation if self.data is not None else -1

        def workspace() -> Workspace:
            if self._generation != generation:
                raise StorageError(_("Another workspace was opened (or this one restored) "
                                     "before this could be done: nothing was changed or "
                                     "read. Please do it again."))
            return self._ws()

        return workspace

    # -- item states ------------------------------------------------------------------------

    def set_item(self, node_id: str, **changes: Any) -> None:
        """Change one item's state; the cache and views follow when the write is done.

        A refused write emits ``failed`` (for the banner), then ``itemSaveFailed``."""
        assessment_id = self._assessment_id()
        whose = self._whose(assessment_id)
        submitted = dict(changes)
        self._pending.setdefault(node_id, []).append(submitted)

        def saved(state: ItemState) -> None:
            self._settle(node_id, submitted)
            self._item_saved(state)

        def refused(_error: BaseException) -> None:
            self._settle(node_id, submitted)
            self.itemSaveFailed.emit(node_id, dict(changes), whose)

        workspace = self.guard()
        self._submit(lambda _t: workspace().set_item(assessment_id, node_id, **changes),
                     saved, failed=refused)

    def _whose(self, assessment_id: int) -> tuple[int, int]:
        """Which opening of the workspace and assessment a write is asked for in (what a
        refusal names, for the undo history it belongs to)."""
        return (self.data.generation if self.data is not None else -1, assessment_id)

    def state(self, node_id: str) -> ItemState:
        """The item's state as it will be once the changes submitted so far are saved: what
        the next change starts from (Space pressed again before the last save landed)."""
        assert self.data is not None
        state = self.data.state(node_id)
        for changes in self._pending.get(node_id, []):
            state = replace(state, **{k: v for k, v in changes.items() if k in STATE_FIELDS})
        return state

    def _settle(self, node_id: str, submitted: dict[str, Any]) -> None:
        waiting = self._pending.get(node_id, [])
        if any(changes is submitted for changes in waiting):
            waiting[:] = [changes for changes in waiting if changes is not submitted]
        if not waiting:
            self._pending.pop(node_id, None)

    def _item_saved(self, state: ItemState) -> None:
        """Into the cache of the assessment shown (a save for the period shown before, that
        landed after another was loaded, is in the database and not this cache)."""
        shown = self.data.assessment if self.data is not None else None
        if self.data is not None and shown is not None and shown.id == state.assessment_id:
            self.data.states[state.node_id] = state
            self.itemChanged.emit(state.node_id)

    # -- evidence ---------------------------------------------------------------------------

    def attach(self, node_id: str, files: Iterable[Path], *,
               progress: Callable[[float, str], None] | None = None,
               done: Callable[[object], None] | None = None,
               failed: Callable[[BaseException], None] | None = None) -> Job:
        """Store files as evidence of an item in one transaction: all or none; cancellable.

        When any file is refused (missing, empty, too large…) none is attached and the
        error lists each refused file with its reason.
        """
        assessment_id = self._assessment_id()
        paths = [Path(f) for f in files]
        guarded = self.guard()

        def job(token: CancelToken) -> Attached:
            def step(path: Path, done_bytes: int, total: int) -> None:
                token.check()  # raising here rolls the whole batch back
                token.report(done_bytes / total if total else 1.0, path.name)

            workspace = guarded()
            before = workspace.evidence(assessment_id).get(node_id, [])
            stored = workspace.attach_files(assessment_id, node_id, paths, progress=step)
            return Attached.sort(stored, before)

        def finished(result: object) -> None:
            self._evidence_reload(node_id)
            if done is not None:
                done(result)

        return self._submit(job, finished, progress=progress, failed=failed)

    def detach(self, node_id: str, evidence_id: int) -> None:
        assessment_id = self._assessment_id()
        workspace = self.guard()
        self._submit(lambda _t: workspace().detach(assessment_id, node_id, evidence_id),
                     lambda _removed: self._evidence_reload(node_id))

    def describe_evidence(self, node_id: str, evidence_id: int, description: str) -> None:
        """Say what a file shows (printed under its name in 附件3), from item ``node_id``;
        every item the file supports shows it. A refused write emits ``failed`` (for the
        banner), then ``descriptionSaveFailed``."""
        assessment_id = self._assessment_id()
        whose = self._whose(assessment_id)
        workspace = self.guard()
        self._submit(lambda _t: workspace().describe_evidence(assessment_id, node_id,
                                                              evidence_id, description),
                     lambda _described: self._evidence_reload(node_id),
                     failed=lambda _error: self.descriptionSaveFailed.emit(
                         node_id, evidence_id, description, whose))

    def relink(self, node_id: str, evidence_id: int, index: int | None = None) -> None:
        """Attach stored evidence to the item again (``index``: where in its list), as
        undoing its removal does; the content stays stored until garbage collection."""
        assessment_id = self._assessment_id()
        workspace = self.guard()
        self._submit(lambda _t: workspace().link_evidence(assessment_id, node_id, evidence_id,
                                                          index=index),
                     lambda _linked: self._evidence_reload(node_id))

    def _evidence_reload(self, node_id: str) -> None:
        """Read the evidence again after a change to it; nothing when the workspace was
        closed meanwhile (an undone removal landing as the window closed raised here)."""
        if self.data is None or self.data.assessment is None:
            return
        assessment_id, shown, workspace = self._assessment_id(), self.data, self.guard()
        self._submit(lambda _t: workspace().evidence(assessment_id),
                     lambda found: self._evidence_loaded(found, node_id, shown))

    def _evidence_loaded(self, found: dict[str, list[Evidence]], node_id: str,
                         shown: AssessmentData | None) -> None:
        if self.data is not None and self.data is shown:  # not another period's since
            self.data.evidence = found
            self.evidenceChanged.emit(node_id)

    def export_evidence_file(self, evidence_id: int, target: Path,
                             done: Callable[[Path], None] | None = None) -> None:
        """Write one evidence file's bytes to ``target`` (to open or save it)."""
        workspace = self.guard()

        def job(_token: CancelToken) -> Path:
            try:
                with target.open("wb") as out:
                    for chunk in workspace().read_evidence(evidence_id):
                        out.write(chunk)
            except OSError as error:  # the temporary folder full or not writable
                with contextlib.suppress(OSError):
                    target.unlink(missing_ok=True)
                raise StorageError(copy_refusal(target.name, error)) from None
            return target

        self._submit(job, done)

    def export_evidence_files(self, evidence_ids: Sequence[int], folder: Path,
                              done: Callable[[list[ExportedFile]], None] | None = None) -> None:
        """Save evidence files into a folder, each under its own name: none replaces a file
        already there or another of the same name."""
        ids, workspace = list(evidence_ids), self.guard()
        self._submit(lambda _t: workspace().export_evidence_files(ids, folder), done)

    def export_evidence(self, folder: Path, done: Callable[[EvidenceExport], None], *,
                        progress: Callable[[float, str], None] | None = None,
                        failed: Callable[[BaseException], None] | None = None,
                        created: Callable[[Job], None] | None = None) -> Job:
        """Every evidence file of the assessment into ``folder``, numbered as the report's
        附件3, then the 佐证材料目录. Cancelling removes the files already written."""
        assessment_id, workspace = self._assessment_id(), self.guard()

        def job(token: CancelToken) -> EvidenceExport:
            def step(done_files: int, total: int, name: str) -> None:
                token.check()
                token.report(done_files / total if total else 1.0, name)

            result = EvidenceExport([], [])
            try:
                for written in workspace().export_evidence(assessment_id, folder, step):
                    result.add(written)
            except BaseException:
                result.remove()
                raise
            return result

        return self._submit(job, done, progress=progress, failed=failed, created=created)

    def read_evidence_bytes(self, evidence_id: int, done: Callable[[bytes], None]) -> None:
        workspace = self.guard()
        self._submit(lambda _t: b"".join(workspace().read_evidence(evidence_id)), done)

    # -- mappings ---------------------------------------------------------------------------

    @contextmanager
    def mapping_batch(self) -> Iterator[None]:
        """Mappings saved and removed inside are written in one job and transaction when it
        ends (many mappings at once: one write, one ``mappingsChanged``)."""
        outer = self._batch is None
        if outer:
            self._batch = ([], [])
        try:
            yield
        finally:
            if outer:
                (saved, removed), self._batch = self._batch, None
                if saved or removed:
                    self._change_mappings(saved, removed)

    def _change_mappings(self, saved: list[Mapping], removed: list[Mapping]) -> None:
        def refused(_error: BaseException) -> None:
            for mapping in saved:
                self.mappingSaveFailed.emit(mapping, None)
            for mapping in removed:
                self.mappingSaveFailed.emit(None, mapping)

        guarded = self.guard()

        def job(_token: CancelToken) -> list[Mapping]:
            workspace = guarded()
            workspace.change_mappings(saved, removed)
            return workspace.mappings()

        self._submit(job, self._mappings_loaded, failed=refused)

    def save_mappings(self, mappings: Iterable[Mapping]) -> None:
        """Save mappings (each replaces the one of the same key). A refused write emits
        ``failed`` (for the banner), then ``mappingSaveFailed(mapping, None)`` for each."""
        items = list(mappings)
        if self._batch is not None:
            self._batch[0].extend(items)
            return

        def refused(_error: BaseException) -> None:
            for mapping in items:
                self.mappingSaveFailed.emit(mapping, None)

        workspace = self.guard()
        self._submit(lambda _t: _save_and_list(workspace(), items), self._mappings_loaded,
                     failed=refused)

    def delete_mapping(self, mapping: Mapping) -> None:
        """Remove a mapping; a refused write emits ``failed``, then
        ``mappingSaveFailed(None, mapping)``."""
        if self._batch is not None:
            self._batch[1].append(mapping)
            return
        guarded = self.guard()

        def job(_token: CancelToken) -> list[Mapping]:
            workspace = guarded()
            workspace.delete_mapping(mapping)
            return workspace.mappings()

        self._submit(job, self._mappings_loaded,
                     failed=lambda _error: self.mappingSaveFailed.emit(None, mapping))

    def _mappings_loaded(self, mappings: list[Mapping]) -> None:
        if self.data is not None:
            self.data.mappings = mappings
            self.mappingsChanged.emit()

    # -- documents and assessments ------------------------------------------------------------

    def import_document(self, document: Document,
                        done: Callable[[object], None] | None = None) -> None:
        def finished(report: object) -> None:
            self.reload()
            if done is not None:
                done(report)

        workspace = self.guard()
        self._submit(lambda _t: workspace().import_document(document), finished)

    def new_assessment(self, done: Callable[[object], None] | None = None,
                       failed: Callable[[BaseException], None] | None = None,
                       **fields: Any) -> None:
        """Start an assessment and show it (then ``done``). A refusal (the workspace busy
        or read-only…) is told to ``failed`` only, when given: the wizard keeps what was
        typed and says why."""
        self.aboutToLoad.emit()
        guarded, locked_by = self.guard(), self.data.locked_by if self.data else ""

        def job(_token: CancelToken) -> AssessmentData:
            workspace = guarded()
            operator = workspace.user
            self._operate_as(workspace, str(fields.get("preparer", "")))  # its 填报人 creates it
            try:
                created = workspace.new_assessment(**fields)
            except BaseException:  # not created: the audit trail names whoever it did
                workspace.user = operator
                raise
            try:
                return self._load_data(workspace, locked_by, created.id)
            except StorageError as error:  # it exists: starting it again would make two
                raise StartedNotShownError(_(
                    "The assessment {office} {period} was started, but it could not be "
                    "shown: {reason} Open the workspace again to work on it.").format(
                    office=created.office, period=created.period,
                    reason=explained(error))) from error

        self._submit(job, lambda data: self._loaded(data, done), failed=failed,
                     announce=failed is None)

    def save_narrative(self, texts: dict[int, str], *, assessment_id: int | None = None,
                       guard: Callable[[], Workspace] | None = None,
                       done: Callable[[Assessment], None] | None = None,
                       failed: Callable[[BaseException], None] | None = None) -> None:
        """Sections of the report's text (section → text), of the assessment shown or of
        ``assessment_id`` (an editor opened on another); then ``done`` with the assessment
        as saved. A refusal is told to ``failed`` only, when given (the editor keeps the
        text and says why). ``guard``: from :meth:`guard` when the text was first shown,
        so that it is never saved into a workspace opened since."""
        assessment_id = assessment_id or self._assessment_id()
        guarded = guard or self.guard()

        def job(_token: CancelToken) -> Assessment:
            return guarded().set_narrative_sections(assessment_id, texts)

        def saved(assessment: Assessment) -> None:
            self._assessment_saved(assessment)
            if done is not None:
                done(assessment)

        self._submit(job, saved, failed=failed, announce=failed is None)

    def update_assessment(self, assessment_id: int, changes: dict[str, str | None], *,
                          done: Callable[[Assessment], None] | None = None,
                          failed: Callable[[BaseException], None] | None = None) -> None:
        """Change the office, department, period, preparer, reviewer, addressee, report date
        or reference documents of an open assessment. A refused change (no office, another
        assessment's period) is told to ``failed`` only, when given (the dialog says it under
        its fields; the window's banner would keep it after the user put it right), else
        announced as usual."""
        def saved(assessment: Assessment) -> None:
            self._assessment_saved(assessment)
            if done is not None:
                done(assessment)

        guarded = self.guard()

        def job(_token: CancelToken) -> Assessment:
            workspace = guarded()
            updated = workspace.update_assessment(assessment_id, **changes)
            self._operate_as(workspace, updated.preparer)  # a 填报人 typed signs what follows
            return updated

        self._submit(job, saved, failed=failed, announce=failed is None)

    def close_assessment(self) -> None:
        """Close the assessment shown; what is being typed for it is saved first."""
        assessment_id = self._assessment_id()
        workspace = self.guard()
        self.aboutToLoad.emit()
        self._submit(lambda _t: workspace().close_assessment(assessment_id),
                     self._assessment_saved)

    def deletion_refusal(self, done: Callable[[str], None]) -> None:
        """Why the assessment shown cannot be deleted ("" when it can), to ``done``."""
        assessment_id, guarded = self._assessment_id(), self.guard()
        self._submit(lambda _t: guarded().deletion_refusal(assessment_id), done)

    def delete_assessment(self, done: Callable[[AssessmentData], None] | None = None) -> None:
        """Delete the assessment shown (storage refuses one with anything recorded) and show
        the one the workspace opens on without it (then ``done``)."""
        self.aboutToLoad.emit()
        assessment_id = self._assessment_id()
        guarded, locked_by = self.guard(), self.data.locked_by if self.data else ""

        def job(_token: CancelToken) -> AssessmentData:
            workspace = guarded()
            workspace.delete_assessment(assessment_id)
            return self._load_data(workspace, locked_by, None)

        self._submit(job, lambda data: self._loaded(data, done))

    def carry_forward(self, period: str, include_evidence: bool = False,
                      close_first: bool = False,
                      done: Callable[[AssessmentData], None] | None = None) -> None:
        """The next period from this assessment; ``close_first`` closes an open one in the
        same transaction (an open one is refused otherwise); then ``done``."""
        self.aboutToLoad.emit()
        assessment_id = self._assessment_id()
        guarded, locked_by = self.guard(), self.data.locked_by if self.data else ""

        def job(_token: CancelToken) -> AssessmentData:
            workspace = guarded()
            new = workspace.carry_forward(assessment_id, period=period,
                                          include_evidence=include_evidence,
                                          close_first=close_first)
            return self._load_data(workspace, locked_by, new.id)

        self._submit(job, lambda data: self._loaded(data, done))

    def _assessment_saved(self, assessment: Assessment) -> None:
        if self.data is not None:
            if self.data.assessment is not None and self.data.assessment.id == assessment.id:
                self.data.assessment = assessment  # not when another one was opened meanwhile
            self.data.assessments = [assessment if a.id == assessment.id else a
                                     for a in self.data.assessments]
            self.assessmentChanged.emit()

    def snapshot(self, done: Callable[[AssessmentSnapshot], None],
                 failed: Callable[[BaseException], None] | None = None) -> None:
        """A consistent snapshot read on the writer thread (for the report)."""
        assessment_id, workspace = self._assessment_id(), self.guard()
        self._submit(lambda _t: workspace().snapshot(assessment_id), done, failed=failed)

    def backup(self, done: Callable[[Path], None] | None = None, *,
               progress: Callable[[float, str], None] | None = None,
               failed: Callable[[BaseException], None] | None = None,
               created: Callable[[Job], None] | None = None) -> Job:
        """A backup now, on the writer thread; cancelling leaves no file behind.

        ``created`` receives the job before it starts (to wire a Cancel button to it)."""
        def job(token: CancelToken) -> Path:
            def step(copied: int, total: int) -> None:
                token.check()  # raising here stops the copy and removes the partial file
                token.report(copied / total if total else 1.0, "")

            from checklist_app.storage import backup as backup_store

            return self._ws().backup(label=backup_store.MANUAL, progress=step)

        return self._submit(job, done, progress=progress, failed=failed, created=created)

    # -- plumbing -----------------------------------------------------------------------------

    def _assessment_id(self) -> int:
        if self.data is None or self.data.assessment is None:
            raise StorageError(_("No assessment is open."))
        return self.data.assessment.id

    def _submit(self, job: Callable[[CancelToken], Any], done: Callable[[Any], None] | None,
                *, progress: Callable[[float, str], None] | None = None,
                failed: Callable[[BaseException], None] | None = None,
                created: Callable[[Job], None] | None = None,
                announce: bool = True) -> Job:
        """Run ``job`` on the writer thread; a failure is announced (``failed`` signal, the
        banner) unless ``announce`` is False and the caller says it where it happened."""
        self.busyChanged.emit(True)

        def finished(result: Any) -> None:
            self.busyChanged.emit(self._writer.busy)
            if done is not None:
                done(result)

        def on_error(error: BaseException) -> None:
            if announce or not isinstance(error, StorageError):
                self._failed(error)
            else:
                self.busyChanged.emit(self._writer.busy)
            if failed is not None:
                failed(error)

        started = self._writer.create(job, done=finished, failed=on_error, progress=progress)
        if created is not None:
            created(started)
        self._writer.start(started)
        return started

    def _failed(self, error: BaseException) -> None:
        self.busyChanged.emit(self._writer.busy)
        if isinstance(error, Cancelled):
            self.failed.emit(_("Cancelled: nothing was changed."), "")
        elif isinstance(error, StorageError):
            self.failed.emit(explained(error), "")
            if error.remedy is Remedy.RESTORE_BACKUP:
                self.restoreSuggested.emit()
            elif error.remedy is Remedy.IMPORT_DOCUMENT and error.path is not None:
                self.importSuggested.emit(Path(error.path))
        else:
            details = "".join(traceback.format_exception(error))
            self.failed.emit(_("Something went wrong inside the program. Please send the "
                               "details below to the developers."), details)


class StartedNotShownError(StorageError):
    """A new assessment was created, but reading the workspace back to show it failed."""


def write_protected(path: Path) -> bool:
    """An existing workspace file that cannot be written, or whose folder cannot (a
    write-protected USB stick or share, a read-only file): it is opened read-only."""
    return path.is_file() and not (os.access(path, os.W_OK)
                                   and os.access(path.parent, os.W_OK))


def unfinished_words(data: AssessmentData | None) -> list[str]:
    """What closing the assessment shown would freeze unfinished, a sentence each: items
    not assessed, empty parts of the report text, no 主送机关 ("" for each that is done)."""
    if data is None or data.assessment is None or data.checklist is None:
        return []
    left = sum(1 for node in data.checklist.checkable_nodes()
               if data.state(node.id).status is ItemStatus.NOT_ASSESSED)
    narrative = data.assessment.narrative
    empty = [str(part) for part in range(1, 5) if not narrative.get(part, "").strip()]
    return [
        ngettext("{n} item is not assessed yet.", "{n} items are not assessed yet.",
                 left).format(n=left) if left else "",
        _("Parts {parts} of the report text are empty.").format(parts=_(", ").join(empty))
        if empty else "",
        "" if data.assessment.addressee.strip() else _("No addressee (主送机关) is set."),
    ]


def refusal_words(error: BaseException) -> str:
    """Why a write was refused, for a dialog that says it where it happened: storage's
    reason, else a word that the window shows the details (never the raw exception)."""
    if isinstance(error, StorageError):
        return explained(error)
    return _("Something went wrong inside the program (the main window shows the details).")


def copy_refusal(name: str, error: OSError) -> str:
    """Why an evidence file could not be copied out to open it, in the user's words."""
    return _("{name} could not be copied out to be opened: {reason}. Free some space on the "
             "disk, or export the file to another folder and open it there.").format(
        name=name, reason=os_reason(error))


def explained(error: StorageError) -> str:
    """A storage error's message, and the menu item that remedies it."""
    menu_item = {
        Remedy.NEW_WORKSPACE: _("To create a new workspace, use Workspace → New workspace…."),
        Remedy.RESTORE_BACKUP: _("Workspace → Restore from backup… does it."),
        Remedy.BACKUP_FIRST: _("Choose the workspace to replace first, then its backup."),
        Remedy.UPGRADE: _("Open it again once the other program has closed it."),
        Remedy.IMPORT_DOCUMENT: _("To import it, use {menu}; to open a workspace, choose "
                                  "its own file.").format(
            menu=menu_path(ASSESSMENT_MENU, IMPORT_ACTION)),
    }.get(error.remedy) if error.remedy else None
    if not menu_item:
        return str(error)
    return _("{message} {remedy}").format(message=error, remedy=menu_item)


def _save_and_list(workspace: Workspace, items: list[Mapping]) -> list[Mapping]:
    workspace.save_mappings(items)
    return workspace.mappings()
