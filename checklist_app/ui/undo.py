"""Undoable item changes: status, note, ticks and the other fields of an item state,
removing evidence from an item, and setting or removing an item's mappings (对照), one or
many at once.

Every edit of an item goes through :class:`ItemChangeCommand` pushed on the window's
QUndoStack: ``redo`` writes the new values through the service, ``undo`` writes the old ones
back. Typing in the note merges into one command while it goes on (see :class:`Typing`), so
Ctrl+Z undoes a run of typing rather than one character, and no more than that run.

A write the workspace refuses (locked by another program, disk full) must not stay undoable
as if it were saved: the service reports it and the stack drops that change, so that undoing
never writes a value that was never stored.

Each step's name (the Undo menu shows it) is kept as a :data:`Caption`, a function that makes
it in the language of the moment, so that a switch of language renames the steps already
on the stack (:meth:`ItemUndoStack.retranslate`).

Each assessment shown keeps its own stack (:class:`AssessmentUndo`, a QUndoGroup): going to
last year's period and back leaves this year's changes undoable, and Undo never writes into
an assessment other than the one shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoCommand, QUndoGroup, QUndoStack
from shiboken6 import Shiboken

from checklist_app.core import ItemStatus, Mapping
from checklist_app.i18n import _, ngettext
from checklist_app.ui.service import WorkspaceService

NOTE_MERGE_ID = 1
TYPING_PAUSE_S = 1.5  # a longer pause between keystrokes starts a new undo step

Caption = Callable[[], str]
"""An undo step's name, made in the language set when it is called."""


def as_caption(text: str | Caption) -> Caption:
    """``text`` as a caption (a fixed string stays as it is in every language)."""
    return text if callable(text) else lambda: text


def change_of(field: Caption, item: str) -> Caption:
    """The name of a change to a field of one item (``item``: its number, as shown)."""
    return lambda: _("{field} of {item}").format(field=field(), item=item)


def status_of(status: ItemStatus, item: str) -> Caption:
    """The name of setting the status of one item."""
    return change_of(lambda: _("Status: {status}").format(status=_(status.label)), item)


def statuses_of(status: ItemStatus, count: int) -> Caption:
    """The name of setting the status of ``count`` items at once."""
    return lambda: ngettext("Status of {n} item: {status}", "Status of {n} items: {status}",
                            count).format(n=count, status=_(status.label))


@dataclass(frozen=True, slots=True)
class Typing:
    """A run of typing in a field: when it began and ended (seconds on a monotonic clock),
    and which visit of the field it was (leaving the field or the item ends a visit)."""

    visit: int
    began: float
    ended: float

    def continued_by(self, later: Typing) -> bool:
        """``later`` goes on with this typing: same visit, no long pause in between."""
        return later.visit == self.visit and later.began - self.ended <= TYPING_PAUSE_S


class _ItemCommand(QUndoCommand):
    """A change to one item, brought into view when it is undone or redone."""

    def __init__(self, service: WorkspaceService, node_id: str, text: str | Caption, *,
                 reveal: Callable[[str], None] | None = None,
                 parent: QUndoCommand | None = None) -> None:
        caption = as_caption(text)
        super().__init__(caption(), parent)
        self.caption = caption
        self.service = service
        self.node_id = node_id
        self._reveal = reveal

    def _show(self) -> None:
        if self._reveal is not None:
            self._reveal(self.node_id)


class _Droppable(_ItemCommand):
    """A change whose writes the workspace may refuse: a refused one is dropped (undo and
    redo then do nothing). ``writes`` names a write as the service reports it refused."""

    def __init__(self, service: WorkspaceService, node_id: str, text: str | Caption, *,
                 reveal: Callable[[str], None] | None = None,
                 parent: QUndoCommand | None = None) -> None:
        super().__init__(service, node_id, text, reveal=reveal, parent=parent)
        self._done_once = False
        self.dropped = False  # its save was refused: undo and redo do nothing
        self.write = True  # False while put back as done without writing

    def redo(self) -> None:
        if self.dropped:
            return
        if self._done_once:  # a redo, not the first push: show what changes
            self._show()
        self._done_once = True
        if self.write:
            self._write(undoing=False)

    def undo(self) -> None:
        if self.dropped:
            return
        self._show()
        self._write(undoing=True)

    def writes(self, *, undoing: bool) -> tuple[Any, Any]:
        """What undoing (or redoing) writes, as the service names a refused write."""
        raise NotImplementedError

    def _write(self, *, undoing: bool) -> None:
        raise NotImplementedError

    def follow(self, refused: _Droppable) -> None:
        """This later change was made over ``refused``, whose save was refused: undoing it
        puts back what is stored, not what ``refused`` would have written."""


class ItemChangeCommand(_Droppable):
    def __init__(self, service: WorkspaceService, node_id: str, before: dict[str, Any],
                 after: dict[str, Any], text: str | Caption, *, typing: Typing | None = None,
                 reveal: Callable[[str], None] | None = None,
                 parent: QUndoCommand | None = None) -> None:
        super().__init__(service, node_id, text, reveal=reveal, parent=parent)
        self.before = dict(before)
        self.after = dict(after)
        self.typing = typing  # set for typing that may merge with the typing after it

    def writes(self, *, undoing: bool) -> tuple[str, dict[str, Any]]:
        """The item and its changes (as ``itemSaveFailed`` names them)."""
        return self.node_id, self.before if undoing else self.after

    def _write(self, *, undoing: bool) -> None:
        node_id, changes = self.writes(undoing=undoing)
        self.service.set_item(node_id, **changes)

    def follow(self, refused: _Droppable) -> None:
        if not isinstance(refused, ItemChangeCommand) or refused.node_id != self.node_id:
            return
        for name, value in refused.after.items():
            if self.before.get(name, object()) == value:
                self.before[name] = refused.before[name]

    def id(self) -> int:
        return NOTE_MERGE_ID if self.typing is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, ItemChangeCommand) or other.node_id != self.node_id:
            return False
        if set(other.after) != set(self.after):
            return False
        if self.typing is None or other.typing is None \
                or not self.typing.continued_by(other.typing):
            return False
        self.after = dict(other.after)
        self.typing = replace(self.typing, ended=other.typing.ended)
        self.caption = other.caption  # names where it ended: 状态：已完成, not the first one
        self.setText(other.text())
        self.setObsolete(self.after == self.before)  # ↓ then ↑: back where it began, no step
        return True


class RemoveEvidenceCommand(_ItemCommand):
    """Remove a file from an item; undo attaches the same stored evidence again, at the same
    place in the item's list (the workspace keeps its content until garbage collection)."""

    def __init__(self, service: WorkspaceService, node_id: str, evidence_id: int, index: int,
                 text: str | Caption, *, reveal: Callable[[str], None] | None = None,
                 parent: QUndoCommand | None = None) -> None:
        super().__init__(service, node_id, text, reveal=reveal, parent=parent)
        self.evidence_id = evidence_id
        self.index = index

    def redo(self) -> None:
        self.service.detach(self.node_id, self.evidence_id)

    def undo(self) -> None:
        self._show()
        self.service.relink(self.node_id, self.evidence_id, self.index)


class DescribeEvidenceCommand(_Droppable):
    """A file's description changed from an item; undo puts the one before back. A refused
    one (a file a closed assessment's report lists) is no step to undo."""

    def __init__(self, service: WorkspaceService, node_id: str, evidence_id: int,
                 before: str, after: str, text: str | Caption, *,
                 reveal: Callable[[str], None] | None = None) -> None:
        super().__init__(service, node_id, text, reveal=reveal)
        self.evidence_id, self.before, self.after = evidence_id, before, after

    def writes(self, *, undoing: bool) -> tuple[tuple[str, int], str]:
        """The item and file, and the description (as ``descriptionSaveFailed`` names them)."""
        return (self.node_id, self.evidence_id), self.before if undoing else self.after

    def _write(self, *, undoing: bool) -> None:
        (node_id, evidence_id), description = self.writes(undoing=undoing)
        self.service.describe_evidence(node_id, evidence_id, description)


class AttachEvidenceCommand(_ItemCommand):
    """Files attached to an item (by the attach job, before the push): undo takes them off
    the item again, as a removal does, and redo puts them back at the end of its list."""

    def __init__(self, service: WorkspaceService, node_id: str, evidence_ids: list[int],
                 text: str | Caption, *, reveal: Callable[[str], None] | None = None) -> None:
        super().__init__(service, node_id, text, reveal=reveal)
        self.evidence_ids = list(evidence_ids)
        self._done_once = False

    def redo(self) -> None:
        if not self._done_once:  # the push: the job attached them already
            self._done_once = True
            return
        self._show()
        for evidence_id in self.evidence_ids:
            self.service.relink(self.node_id, evidence_id)

    def undo(self) -> None:
        self._show()
        for evidence_id in self.evidence_ids:
            self.service.detach(self.node_id, evidence_id)


class MappingCommand(_Droppable):
    """Set or remove one mapping of an item. The workspace keys mappings by from, to, via
    and source: ``before`` is the one a save replaces or a removal takes away (None: there
    was none), ``after`` the one there is then (None: removed). Undo puts ``before`` back."""

    def __init__(self, service: WorkspaceService, before: Mapping | None,
                 after: Mapping | None, text: str | Caption, *,
                 reveal: Callable[[str], None] | None = None,
                 parent: QUndoCommand | None = None) -> None:
        changed = after or before
        assert changed is not None
        super().__init__(service, changed.from_node_id, text, reveal=reveal, parent=parent)
        self.before = before
        self.after = after

    def writes(self, *, undoing: bool) -> tuple[Mapping | None, Mapping | None]:
        """The mapping saved, else the one removed (as ``mappingSaveFailed`` names them)."""
        wanted, instead_of = (self.before, self.after) if undoing else (self.after, self.before)
        return (wanted, None) if wanted is not None else (None, instead_of)

    def _write(self, *, undoing: bool) -> None:
        saved, removed = self.writes(undoing=undoing)
        if saved is not None:
            self.service.save_mappings([saved])  # replaces the one of the same key
        elif removed is not None:
            self.service.delete_mapping(removed)

    def follow(self, refused: _Droppable) -> None:
        if isinstance(refused, MappingCommand) and refused.after is not None \
                and self.before == refused.after:
            self.before = refused.before


class MappingBatchCommand(QUndoCommand):
    """Many mappings set or removed as one step (taking every strong suggestion): one
    :class:`MappingCommand` each (run by this command, not as Qt children), written in one
    job and transaction (see ``WorkspaceService.mapping_batch``). Undo and redo bring the
    first item into view."""

    def __init__(self, service: WorkspaceService, changes: list[tuple[Mapping | None, Mapping]],
                 text: str | Caption, *,
                 reveal: Callable[[str], None] | None = None) -> None:
        caption = as_caption(text)
        super().__init__(caption())
        self.caption = caption
        self.service = service
        self._reveal = reveal
        self._done_once = False
        # not Qt children: PySide leaves their ownership unclear (a crash either way)
        self.changes = [MappingCommand(service, before, after, caption)
                        for before, after in changes]

    def _show(self) -> None:
        if self._reveal is not None and self.changes:
            self._reveal(self.changes[0].node_id)

    def redo(self) -> None:
        if self._done_once:
            self._show()
        self._done_once = True
        with self.service.mapping_batch():
            for change in self.changes:
                change.redo()

    def undo(self) -> None:
        self._show()
        with self.service.mapping_batch():
            for change in reversed(self.changes):
                change.undo()


class ItemUndoStack(QUndoStack):
    """The window's undo stack; undo and redo bring the changed item into view."""

    # the items an undo or redo changed, at once: their writes may still be on their way
    stepApplied = Signal(list)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reveal: Callable[[str], object] | None = None
        # the items of one undo or redo step, shown together (all of a batch selected)
        self.reveal_many: Callable[[list[str]], object] | None = None
        self._revealed: list[str] | None = None  # collected while a step runs
        self._inside = 0  # > 0 while a push, undo or redo runs (its writes may fail at once)
        self._opened: list[Caption] = []  # the captions of the steps begun, not yet ended
        # the steps of many changes (Qt's macros, not ours): their text when named, caption
        self._step_captions: dict[int, tuple[str, Caption]] = {}
        self.key: HistoryKey | None = None  # whose history (see AssessmentUndo)
        self.version = ""  # of the checklist its changes were made on

    @contextmanager
    def _running(self) -> Iterator[None]:
        self._inside += 1
        try:
            yield
        finally:
            self._inside -= 1

    def watch(self, service: WorkspaceService) -> None:
        """Drop the changes whose save ``service`` reports refused."""
        # methods, not lambdas: the connections end with the stack (a rebuilt window's)
        service.itemSaveFailed.connect(self._item_save_failed)
        service.mappingSaveFailed.connect(self._mapping_save_failed)
        service.descriptionSaveFailed.connect(self._description_save_failed)

    def undo_step(self) -> None:
        """Undo the last change still standing (dropped ones are passed over)."""
        with self._running(), self._showing_changed():
            self._pass_void(undoing=True)
            self.undo()

    def redo_step(self) -> None:
        with self._running(), self._showing_changed():
            self._pass_void(undoing=False)
            self.redo()

    @contextmanager
    def _showing_changed(self) -> Iterator[None]:
        """Show the items a step changed once it is done: a batch's all at once (each
        revealed in turn left only the last one selected)."""
        self._revealed = []
        try:
            yield
        finally:
            changed, self._revealed = list(dict.fromkeys(self._revealed)), None
            if changed:
                self.stepApplied.emit(changed)
            if len(changed) > 1 and self.reveal_many is not None:
                self.reveal_many(changed)
            elif changed and self.reveal is not None:
                self.reveal(changed[0])

    def _pass_void(self, *, undoing: bool) -> None:
        """Step over commands that would do nothing (Qt deletes obsolete ones as it goes)."""
        while self.canUndo() if undoing else self.canRedo():
            command = self.command(self.index() - 1 if undoing else self.index())
            if not _void(command):
                return
            command.setObsolete(True)
            if undoing:
                self.undo()
            else:
                self.redo()

    def _item_save_failed(self, node_id: str, changes: dict[str, Any],
                          whose: HistoryKey | None = None) -> None:
        if self._mine(whose):
            self._save_failed((node_id, changes))

    def _mapping_save_failed(self, saved: Mapping | None, removed: Mapping | None) -> None:
        if self.isActive():  # the workspace's mappings: steps of histories left are dropped
            self._save_failed((saved, removed))

    def _description_save_failed(self, node_id: str, evidence_id: int, text: str,
                                 whose: HistoryKey | None = None) -> None:
        if self._mine(whose):
            self._save_failed(((node_id, evidence_id), text))

    def _mine(self, whose: HistoryKey | None) -> bool:
        """Whether a refused write was asked for in this history's assessment (the same
        item and value may well be changed in two periods)."""
        return whose is None or self.key is None or whose == self.key

    def drop_mapping_steps(self) -> None:
        """Mappings belong to the whole workspace: once another assessment is shown, its
        changes may have been made over them, which undoing these would write back over.
        They are passed over from then on."""
        for position in range(self.count()):
            for change in _changes(self.command(position)):
                if isinstance(change, MappingCommand):
                    change.dropped = True

    def pass_void_steps(self) -> None:
        """Take the steps that would do nothing off both ends (the Undo menu named them)."""
        self._pass_void(undoing=True)
        self._pass_void(undoing=False)

    def _save_failed(self, write: tuple[Any, Any]) -> None:
        if self._inside:  # a writer running jobs at once refused inside push(): once done
            QTimer.singleShot(0, self, lambda: self._drop(write))
        else:
            self._drop(write)

    def _drop(self, write: tuple[Any, Any]) -> None:
        """The change whose save was refused is no longer undoable; a refused undo leaves
        its change done."""
        for position in reversed(range(self.index())):
            for command in _changes(self.command(position)):
                if command.writes(undoing=False) == write:
                    self._forget(command, position)
                    return
        following = self.command(self.index()) if self.canRedo() else None
        for command in _changes(following):
            if command.writes(undoing=True) == write:
                # one transaction for a batch: none of its undo was written, so none is
                # written again (a workspace still refusing would refuse them in turn)
                held = (list(following.changes) if isinstance(following, MappingBatchCommand)
                        else [command])
                for change in held:
                    change.write = False
                self.redo()  # done again, as the workspace still holds it
                for change in held:
                    change.write = True
                return

    def _forget(self, refused: _Droppable, position: int) -> None:
        refused.dropped = True
        for later in range(position + 1, self.index()):  # changes made over the refused
            for command in _changes(self.command(later)):
                command.follow(refused)
        self._pass_void(undoing=True)  # the last change standing: off the stack at once

    def push_change(self, service: WorkspaceService, node_id: str, before: dict[str, Any],
                    after: dict[str, Any], text: str | Caption, *,
                    typing: Typing | None = None, reveal: bool = True) -> None:
        """Push one item's change; ``reveal``: undo and redo show that item (not for the
        items a change is carried into, so that the item edited stays in sight)."""
        with self._running():
            self.push(ItemChangeCommand(service, node_id, before, after, text, typing=typing,
                                        reveal=self._reveal if reveal else None))

    def push_removal(self, service: WorkspaceService, node_id: str, evidence_id: int,
                     index: int, text: str | Caption) -> None:
        self.push(RemoveEvidenceCommand(service, node_id, evidence_id, index, text,
                                        reveal=self._reveal))

    def push_description(self, service: WorkspaceService, node_id: str, evidence_id: int,
                         before: str, after: str, text: str | Caption) -> None:
        with self._running():
            self.push(DescribeEvidenceCommand(service, node_id, evidence_id, before, after,
                                              text, reveal=self._reveal))

    def push_attach(self, service: WorkspaceService, node_id: str, evidence_ids: list[int],
                    text: str | Caption) -> None:
        self.push(AttachEvidenceCommand(service, node_id, evidence_ids, text,
                                        reveal=self._reveal))

    def push_mapping(self, service: WorkspaceService, before: Mapping | None,
                     after: Mapping | None, text: str | Caption) -> None:
        with self._running():
            self.push(MappingCommand(service, before, after, text, reveal=self._reveal))

    def push_mappings(self, service: WorkspaceService,
                      changes: list[tuple[Mapping | None, Mapping]], text: str | Caption) -> None:
        """Set many mappings as one undo step (each ``(before, after)``, as push_mapping)."""
        with self._running():
            self.push(MappingBatchCommand(service, changes, text, reveal=self._reveal))

    def begin_step(self, text: str | Caption) -> None:
        """Begin one undo step of many changes (a macro), named by ``text``."""
        caption = as_caption(text)
        self._opened.append(caption)
        self.beginMacro(caption())

    def end_step(self) -> None:
        """End the step begun last; it keeps its caption for :meth:`retranslate`."""
        caption = self._opened.pop()
        self.endMacro()
        if not self._opened and self.index() > 0:
            step = self.command(self.index() - 1)
            self._step_captions[_address(step)] = (step.text(), caption)

    def retranslate(self) -> None:
        """Name every step again in the language now set (the Undo menu shows the names)."""
        captions, self._step_captions = self._step_captions, {}
        for position in range(self.count()):
            step = self.command(position)
            if isinstance(step, (_ItemCommand, MappingBatchCommand)):
                step.setText(step.caption())
                continue
            text, caption = captions.get(_address(step), ("", None))
            if caption is not None and step.text() == text:  # not another step since
                step.setText(caption())
                self._step_captions[_address(step)] = (step.text(), caption)

    def _reveal(self, node_id: str) -> None:
        if self._revealed is not None:
            self._revealed.append(node_id)
        elif self.reveal is not None:
            self.reveal(node_id)


HistoryKey = tuple[int, int | None]
"""Whose undo history: the opening of the workspace (``AssessmentData.generation``) and the
assessment's id (None: none shown)."""


class AssessmentUndo(QUndoGroup):
    """The undo history of each assessment shown since its workspace was opened; Undo and
    Redo (the group's) follow the one shown, and :attr:`stack` is where changes are pushed.

    Another opening of the workspace (another file, a restore, opening it again to edit)
    starts afresh: its changes may have been replaced underneath.
    """

    stepApplied = Signal(list)  # the items an undo or redo of the stack shown changed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reveal: Callable[[str], object] | None = None  # as ItemUndoStack's
        self.reveal_many: Callable[[list[str]], object] | None = None
        self._service: WorkspaceService | None = None
        self._stacks: dict[HistoryKey, ItemUndoStack] = {}
        self.stack = self._stack_of((-1, None))  # before any workspace is shown
        self.setActiveStack(self.stack)

    def watch(self, service: WorkspaceService) -> None:
        """Drop the changes whose save ``service`` reports refused (see ItemUndoStack)."""
        self._service = service
        for stack in self._stacks.values():
            stack.watch(service)

    def show(self, key: HistoryKey, standing: set[HistoryKey], version: str = "") -> None:
        """Make ``key``'s history the one Undo follows, from where it was left; forget the
        histories not in ``standing`` (a deleted assessment, an earlier opening). A history
        of another ``version`` of the checklist (a revision imported since) starts afresh,
        and the history left keeps no mapping steps (see ItemUndoStack.drop_mapping_steps)."""
        for old in [k for k in self._stacks if k not in standing and k != key]:
            stack = self._stacks.pop(old)
            self.removeStack(stack)
            stack.deleteLater()
        leaving, stack = self.stack, self._stack_of(key)
        if leaving is not stack and leaving in self._stacks.values():
            leaving.drop_mapping_steps()
        if stack.version != version:
            stack.clear()
            stack.version = version
        self.stack = stack
        self.setActiveStack(stack)
        stack.pass_void_steps()

    def retranslate(self) -> None:
        for stack in self._stacks.values():
            stack.retranslate()

    def _stack_of(self, key: HistoryKey) -> ItemUndoStack:
        if key in self._stacks:
            return self._stacks[key]
        stack = ItemUndoStack(self)  # a child of the group: in it too
        stack.key = key
        stack.reveal = self._reveal
        stack.reveal_many = self._reveal_many
        stack.stepApplied.connect(self.stepApplied)
        if self._service is not None:
            stack.watch(self._service)
        self._stacks[key] = stack
        return stack

    def _reveal(self, node_id: str) -> None:
        if self.reveal is not None:
            self.reveal(node_id)

    def _reveal_many(self, node_ids: list[str]) -> None:
        if self.reveal_many is not None:
            self.reveal_many(node_ids)


def _changes(command: QUndoCommand | None) -> Iterator[_Droppable]:
    """The changes a refused save drops: the command itself, or those of a macro."""
    if isinstance(command, _Droppable):
        yield command
    elif isinstance(command, MappingBatchCommand):
        yield from command.changes
    elif command is not None:
        for child in range(command.childCount()):
            yield from _changes(command.child(child))


def _address(command: QUndoCommand) -> int:
    """Where Qt keeps ``command``: a macro's Python wrapper comes and goes, its object stays."""
    return int(Shiboken.getCppPointer(command)[0])


def _void(command: QUndoCommand) -> bool:
    """True when undoing or redoing ``command`` would change nothing."""
    changes = list(_changes(command))
    return bool(changes) and all(change.dropped for change in changes)


UNDO_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)
REDO_KEYS = (QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y"))  # the Redo action's


class UndoKeysToStack(QObject):
    """An event filter: Ctrl+Z and Ctrl+Shift+Z (Ctrl+Y) in a field go to the window's Undo
    and Redo, which save what is typed and undo the item's last change.

    A line edit takes these keys for its own undo history, which a refresh after a save
    clears: Ctrl+Z did nothing there. Undo and Redo are now the same in every field of the
    item. The note's own text undo is passed over too: it ran every bit of typing into one
    step, so one Ctrl+Z emptied the note however long ago its start was typed.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and _is_undo_key(event):
            event.ignore()  # not the field's: the window's shortcut runs
            return True
        return super().eventFilter(watched, event)


def _is_undo_key(event: QKeyEvent) -> bool:
    pressed = QKeySequence(event.keyCombination())
    return any(event.matches(key) for key in UNDO_KEYS) or pressed in REDO_KEYS
