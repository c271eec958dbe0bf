"""What a closed assessment was judged against, kept as it was when it was closed.

Item states, evidence links and narrative of a closed assessment are frozen by triggers, but
the documents and mappings they refer to live on: a revised document or a new staff mapping
would change the report of a closed assessment. Closing therefore stores the checklist and
reference documents (in the checklist file format) and the mappings from them; the snapshot
of a closed assessment reads those instead of the live tables.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from checklist_app.core import Assessment, Document, Mapping
from checklist_app.storage import documents, mappings

if TYPE_CHECKING:
    from sqlite_utils import Database

TABLE = "frozen_references"


@dataclass(frozen=True, slots=True)
class FrozenReferences:
    """The documents (by id) and mappings a closed assessment was judged against."""

    frozen_at: str
    documents: dict[str, Document]
    mappings: list[Mapping]


def _ids(*doc_ids: str | None) -> list[str]:
    return [doc_id for doc_id in doc_ids if doc_id]


def live_references(db: Database, assessment: Assessment) -> FrozenReferences:
    """The assessment's documents and the mappings from its checklist and provincial ones."""
    doc_ids = _ids(assessment.checklist_doc_id, assessment.provincial_doc_id,
                   assessment.national_doc_id)
    docs = {doc_id: documents.load_document(db, doc_id) for doc_id in doc_ids}
    mapped_from = _ids(assessment.checklist_doc_id, assessment.provincial_doc_id)
    return FrozenReferences("", docs, mappings.list_mappings(db, mapped_from))


def freeze(db: Database, assessment: Assessment, *, now: str) -> None:
    """Store the assessment's documents and mappings as they are now; inside a transaction."""
    from checklist_app.importer.checklist_file import document_to_dict  # jsonschema: slow

    live = live_references(db, assessment)
    docs = [document_to_dict(doc) for doc in live.documents.values()]
    links = [mappings.mapping_row(m) for m in live.mappings]
    db.execute(
        f"INSERT INTO {TABLE} (assessment_id, frozen_at, documents, mappings) "
        "VALUES (?, ?, ?, ?)",
        [assessment.id, now, json.dumps(docs, ensure_ascii=False),
         json.dumps(links, ensure_ascii=False)])


def freeze_unfrozen(db: Database, closed: list[Assessment], *, now: str) -> int:
    """Freeze closed assessments that have no frozen references yet (closed before schema 3)."""
    done = {row[0] for row in db.execute(f"SELECT assessment_id FROM {TABLE}")}
    pending = [a for a in closed if a.is_closed and a.id not in done]
    for assessment in pending:
        freeze(db, assessment, now=now)
    return len(pending)


def frozen_references(db: Database, assessment_id: int) -> FrozenReferences | None:
    """What the assessment was judged against when closed; None while it is open."""
    row = db.execute(f"SELECT frozen_at, documents, mappings FROM {TABLE} "
                     "WHERE assessment_id = ?", [assessment_id]).fetchone()
    if row is None:
        return None
    from checklist_app.importer.checklist_file import document_from_dict

    docs = [document_from_dict(data) for data in json.loads(row[1])]
    links = [mappings.mapping_from_row(data) for data in json.loads(row[2])]
    return FrozenReferences(row[0], {doc.id: doc for doc in docs}, links)
