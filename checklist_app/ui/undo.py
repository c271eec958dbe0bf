"""Undoable item changes: status, note, ticks and the other fields of an item state, and
removing evidence from an item.

Every edit of an item goes through :class:`ItemChangeCommand` pushed on the window's
QUndoStack: ``redo`` writes the new values through the service, ``undo`` writes the old ones
back. Typing in the note merges into one command per item, so Ctrl+Z undoes a whole burst of
typing rather than one character.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand, QUndoStack

from checklist_app.ui.service import WorkspaceService

NOTE_MERGE_ID = 1


class ItemChangeCommand(QUndoCommand):
    def __init__(self, service: WorkspaceService, node_id: str, before: dict[str, Any],
                 after: dict[str, Any], text: str, *, merge: bool = False,
                 reveal: Callable[[str], None] | None = None,
                 parent: QUndoCommand | None = None) -> None:
        super().__init__(text, parent)
        self._reveal = reveal
        self._done_once = False
        self.service = service
        self.node_id = node_id
        self.before = dict(before)
        self.after = dict(after)
        self._merge = merge

    def redo(self) -> None:
        if self._done_once:  # a redo, not the first push: show what changes
            self._show()
        self._done_once = True
        self.service.set_item(self.node_id, **self.after)

    def undo(self) -> None:
        self._show()
        self.service.set_item(self.node_id, **self.before)

    def _show(self) -> None:
        if self._reveal is not None:
            self._reveal(self.node_id)

    def id(self) -> int:
        return NOTE_MERGE_ID if self._merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, ItemChangeCommand) or other.node_id != self.node_id:
            return False
        if set(other.after) != set(self.after):
            return False
        self.after = dict(other.after)
        return True


class RemoveEvidenceCommand(QUndoCommand):
    """Remove a file from an item; undo attaches the same stored evidence again, at the same
    place in the item's list (the workspace keeps its content until garbage collection)."""

    def __init__(self, service: WorkspaceService, node_id: str, evidence_id: int, index: int,
                 text: str, *, reveal: Callable[[str], None] | None = None,
                 parent: QUndoCommand | None = None) -> None:
        super().__init__(text, parent)
        self.service = service
        self.node_id = node_id
        self.evidence_id = evidence_id
        self.index = index
        self._reveal = reveal

    def redo(self) -> None:
        self.service.detach(self.node_id, self.evidence_id)

    def undo(self) -> None:
        if self._reveal is not None:
            self._reveal(self.node_id)
        self.service.relink(self.node_id, self.evidence_id, self.index)


class ItemUndoStack(QUndoStack):
    """The window's undo stack; undo and redo bring the changed item into view."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reveal: Callable[[str], object] | None = None

    def push_change(self, service: WorkspaceService, node_id: str, before: dict[str, Any],
                    after: dict[str, Any], text: str, *, merge: bool = False) -> None:
        self.push(ItemChangeCommand(service, node_id, before, after, text, merge=merge,
                                    reveal=self._reveal))

    def push_removal(self, service: WorkspaceService, node_id: str, evidence_id: int,
                     index: int, text: str) -> None:
        self.push(RemoveEvidenceCommand(service, node_id, evidence_id, index, text,
                                        reveal=self._reveal))

    def _reveal(self, node_id: str) -> None:
        if self.reveal is not None:
            self.reveal(node_id)
