"""A closed assessment keeps the documents and mappings it was judged against."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from checklist_app.core import Document, Mapping, MappingSource, Node
from checklist_app.storage.workspace import Workspace
from tests.storage.conftest import ITEM, chongqing

REMOVED = "chongqing-2022/二/(一)/4"


def content(document: Document | None) -> list[Node]:
    """The nodes without their search keys (derived; the test documents fake them)."""
    assert document is not None
    return [replace(node, search_text="") for node in document.nodes]
NATIONAL_CLAUSE = "national-2021/二/(一)"


def _close_then_change_everything(workspace: Workspace, assessment_id: int) -> int:
    workspace.set_item(assessment_id, ITEM, status="done")
    workspace.close_assessment(assessment_id)
    carried = workspace.carry_forward(assessment_id, period="2025年度").id
    workspace.import_document(chongqing(revised=True))  # ITEM reworded, REMOVED dropped
    workspace.save_mappings([Mapping(ITEM, NATIONAL_CLAUSE, source=MappingSource.USER)])
    return carried


def test_closed_snapshot_reads_the_documents_as_closed(workspace: Workspace,
                                                       assessment_id: int) -> None:
    before = workspace.snapshot(assessment_id)
    carried = _close_then_change_everything(workspace, assessment_id)
    closed = workspace.snapshot(assessment_id)
    assert content(closed.checklist) == content(before.checklist)
    assert content(closed.national) == content(before.national)
    assert closed.mappings == before.mappings
    assert REMOVED in [n.id for n in closed.checklist.nodes]

    live = workspace.snapshot(carried)
    assert REMOVED not in [n.id for n in live.checklist.nodes]
    assert live.checklist.node(ITEM).text != closed.checklist.node(ITEM).text
    assert Mapping(ITEM, NATIONAL_CLAUSE, source=MappingSource.USER) in live.mappings
    assert workspace.references(assessment_id).frozen_at
    assert workspace.references(carried).frozen_at == ""
    assert workspace.verify() == []


def test_frozen_references_cannot_be_edited(workspace: Workspace, assessment_id: int) -> None:
    workspace.close_assessment(assessment_id)
    for sql in ("UPDATE frozen_references SET mappings = '[]'", "DELETE FROM frozen_references"):
        with pytest.raises(sqlite3.IntegrityError, match="never change"):
            workspace.db.execute(sql)
    frozen = workspace.references(assessment_id).documents["chongqing-2022"]
    assert content(frozen) == content(chongqing())
