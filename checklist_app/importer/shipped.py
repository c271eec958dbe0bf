"""The shipped checklists: regenerate from ``checklists/sources/`` + overrides, and load them.

Generated files are never edited by hand; corrections live in ``checklists/overrides.json``
(document metadata, and node fields by node id), applied after parsing.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from checklist_app.core import Document, Level
from checklist_app.i18n import _
from checklist_app.importer.checklist_file import SUFFIX, read_checklist
from checklist_app.importer.parser import Parsed, parse_file, parse_source_file
from checklist_app.importer.reading import DocumentError
from checklist_app.resources import checklists_path

SHIPPED_IDS = ("national-2021", "liaoning-2022", "guangdong-2018", "wenzhou-2017", "chongqing-2022")


def overrides() -> dict[str, Any]:
    path = checklists_path("overrides.json")
    return json.loads(path.read_text(encoding="utf-8"))["documents"]


def source_path(doc_id: str) -> Path:
    return checklists_path("sources", f"{doc_id}.txt")


def checklist_path(doc_id: str) -> Path:
    return checklists_path(f"{doc_id}{SUFFIX}")


def build_shipped(doc_id: str) -> Document:
    """Parse a shipped source and apply its overrides: what the checklist file must hold."""
    document = parse_file(source_path(doc_id), doc_id)
    return apply_overrides(document, overrides().get(doc_id, {}))


def apply_overrides(document: Document, patch: dict[str, Any]) -> Document:
    meta = dict(patch.get("document", {}))
    if "level" in meta:
        meta["level"] = Level(meta["level"])
    document = replace(document, **meta)
    node_patches: dict[str, dict[str, Any]] = patch.get("nodes", {})
    for node in document.nodes:
        for name, value in node_patches.get(node.id, {}).items():
            setattr(node, name, value)
    return document


def shipped_documents() -> list[Document]:
    """The five shipped documents, national first."""
    return [read_checklist(checklist_path(doc_id)) for doc_id in SHIPPED_IDS]


def load_document(reference: str | Path) -> Document:
    """A shipped document id, a checklist file, or a raw .txt/.docx policy document."""
    return load_parsed(reference).document


def load_parsed(reference: str | Path) -> Parsed:
    """As load_document, with the lines a raw document's numbering could not place."""
    text = str(reference)
    if text in SHIPPED_IDS:
        return Parsed(read_checklist(checklist_path(text)))
    path = Path(reference)
    if path.name.endswith(SUFFIX) or path.suffix == ".json":
        return Parsed(read_checklist(path))
    if not path.exists():
        raise DocumentError(_("{path}: no such file or shipped document id").format(path=path))
    return parse_source_file(path)
