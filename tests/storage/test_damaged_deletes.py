"""Deletions refuse a workspace whose tables are damaged: a lost index page reads as
fewer rows with no error, and a deletion chosen by "what nothing uses" would then delete
what is still in use."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from checklist_app.core import ItemStatus
from checklist_app.storage.errors import CorruptWorkspaceError, Remedy
from checklist_app.storage.workspace import Workspace
from tests.storage.conftest import ITEM, NO_BACKUPS, chongqing
from tests.storage.damage import empty_btree


def reopened_with_empty(workspace: Workspace, *indexes: str) -> Workspace:
    """The workspace closed, the given indexes emptied as a failing disk would, reopened."""
    path = workspace.path
    workspace.close()
    for index in indexes:
        empty_btree(path, index)
    return Workspace.open(path, user="tester", backups=NO_BACKUPS)


def refused(action: Callable[[], object]) -> None:
    with pytest.raises(CorruptWorkspaceError, match="integrity check") as caught:
        action()
    assert caught.value.remedy is Remedy.RESTORE_BACKUP


def test_garbage_collection_keeps_evidence_an_emptied_index_hides(
        workspace: Workspace, assessment_id: int, tmp_path: Path) -> None:
    (tmp_path / "证明.txt").write_text("在用的佐证材料")
    workspace.attach(assessment_id, ITEM, tmp_path / "证明.txt")
    damaged = reopened_with_empty(workspace, "item_evidence_evidence",
                                  "sqlite_autoindex_item_evidence_1")
    try:
        assert damaged.db.execute("SELECT count(*) FROM item_evidence").fetchone() == (0,)
        refused(damaged.collect_garbage)
        assert damaged.db.execute("SELECT count(*) FROM evidence").fetchone() == (1,)
        assert damaged.db.execute("SELECT count(*) FROM contents").fetchone() == (1,)
    finally:
        damaged.close()


def test_deleting_an_assessment_refuses_when_its_item_states_are_damaged(
        workspace: Workspace, assessment_id: int) -> None:
    workspace.set_item(assessment_id, ITEM, status=ItemStatus.DONE)
    damaged = reopened_with_empty(workspace, "sqlite_autoindex_item_states_1")
    try:
        refused(lambda: damaged.delete_assessment(assessment_id))
        assert damaged.assessment(assessment_id).id == assessment_id
    finally:
        damaged.close()


def test_importing_a_revision_refuses_when_the_nodes_are_damaged(
        workspace: Workspace) -> None:
    damaged = reopened_with_empty(workspace, "sqlite_autoindex_nodes_1")
    try:
        refused(lambda: damaged.import_document(chongqing(revised=True)))
    finally:
        damaged.close()


def test_an_intact_workspace_still_deletes(workspace: Workspace, assessment_id: int) -> None:
    workspace.delete_assessment(assessment_id)
    assert workspace.collect_garbage() == (0, 0)
    assert workspace.import_document(chongqing(revised=True)) is not None
