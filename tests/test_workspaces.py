"""A new workspace comes with the shipped documents and curated mappings."""

from __future__ import annotations

from pathlib import Path

import pytest

from checklist_app.core import MappingSource
from checklist_app.importer import SHIPPED_IDS
from checklist_app.storage.errors import StorageError
from checklist_app.storage.workspace import Workspace
from checklist_app.workspaces import create_workspace


def test_new_workspace_is_ready_to_use(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite"
    with create_workspace(path, user="tester") as workspace:
        assert sorted(workspace.document_ids()) == sorted(SHIPPED_IDS)
        mappings = workspace.mappings(["wenzhou-2017"])
        assert mappings and all(m.source is MappingSource.CURATED for m in mappings)
    with Workspace.open(path) as reopened:
        assert reopened.verify() == []


def test_failed_creation_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> list:
        raise RuntimeError("disk went away")

    monkeypatch.setattr("checklist_app.workspaces.shipped_documents", broken)
    path = tmp_path / "office.sqlite"
    with pytest.raises(RuntimeError):
        create_workspace(path)
    assert list(tmp_path.iterdir()) == []


def test_existing_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "mine.sqlite"
    path.write_bytes(b"my notes")
    with pytest.raises(StorageError):
        create_workspace(path)
    assert path.read_bytes() == b"my notes"


def test_existing_workspace_survives_init_attempt(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite"
    create_workspace(path).close()
    before = path.read_bytes()
    with pytest.raises(StorageError):
        create_workspace(path)
    assert path.read_bytes() == before
    with Workspace.open(path) as workspace:
        assert workspace.verify() == []
