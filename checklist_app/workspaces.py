"""New workspaces come ready to use: the shipped documents and the curated crosswalks.

This wires three layers (storage, importer, crosswalk) together, so it lives beside the
composition roots rather than inside any one of them; the CLI and the desktop app call it.
"""

from __future__ import annotations

from pathlib import Path

from checklist_app.crosswalk.files import load_shipped_crosswalks
from checklist_app.importer import shipped_documents
from checklist_app.storage.workspace import (
    Workspace,
    remove_new_workspace_file,
    workspace_with_documents,
)


def create_workspace(path: Path | str, *, user: str | None = None) -> Workspace:
    """Create a workspace holding the five shipped documents and their curated mappings."""
    documents = {document.id: document for document in shipped_documents()}
    # Workspace.create refuses an existing file, so nothing here may delete on that failure.
    workspace = workspace_with_documents(path, documents.values(), user=user)
    try:
        for crosswalk in load_shipped_crosswalks(documents):
            workspace.save_mappings(crosswalk.mappings)
    except BaseException:
        workspace.close()
        remove_new_workspace_file(Path(path))
        raise
    return workspace
