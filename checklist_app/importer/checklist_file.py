"""The shipped checklist file format (``checklists/<id>.checklist.json``), version 1.

Human-diffable JSON: one key per line, nodes in document order, validated against
``checklists/schema/checklist.schema.json``. Errors name the file, the line and the field.
The same node objects are what ``checklist parse --json`` prints.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema

from checklist_app.core import Document, Level, Node, NodeKind, Phase
from checklist_app.i18n import _, os_reason
from checklist_app.importer.jsonlines import line_of
from checklist_app.importer.normalize import search_key
from checklist_app.importer.reading import DocumentError, without_controls
from checklist_app.importer.stored import stored_target
from checklist_app.resources import checklists_path

FORMAT = "checklist-app/checklist"
FORMAT_VERSION = 1
SUFFIX = ".checklist.json"


def document_to_dict(document: Document) -> dict[str, Any]:
    return {
        "document": {
            "id": document.id,
            "title": document.title,
            "issuer": document.issuer,
            "level": document.level.value,
            "region": document.region,
            "year": document.year,
            "doc_number": document.doc_number,
            "cited_doc_numbers": document.cited_doc_numbers,
            "source": document.source,
            "script": document.script,
        },
        "nodes": [node_to_dict(node) for node in document.nodes],
    }


def node_to_dict(node: Node) -> dict[str, Any]:
    return {
        "id": node.id,
        "parent": node.parent_id,
        "label": node.label,
        "level": node.kind.value,
        "title": node.title,
        "text": node.text,
        "checkable": node.checkable,
        "actions": node.actions,
        "departments": node.departments,
        "targets": [
            {
                "text": t.text,
                "value": t.value,
                "unit": t.unit,
                "comparator": t.comparator.value,
                "year": t.year,
            }
            for t in node.targets
        ],
        "phases": [{"year": p.year, "text": p.text} for p in node.phases],
        "fields": node.fields,
        # only when the document says who leads: files written before stay as they were
        **({"lead_departments": node.lead_departments} if node.lead_departments else {}),
    }


def dumps_checklist(document: Document) -> str:
    data = {"format": FORMAT, "format_version": FORMAT_VERSION, **document_to_dict(document)}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_checklist(document: Document, path: Path) -> None:
    path.write_text(dumps_checklist(document), encoding="utf-8")


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(checklists_path("schema", "checklist.schema.json").read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema)


def read_checklist(path: Path) -> Document:
    """Load and validate a checklist file; DocumentError names file, line and field."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise DocumentError(
            _("{path}: cannot be read ({reason})").format(
                path=path, reason=os_reason(error) if isinstance(error, OSError) else error)
        ) from error
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise DocumentError(
            _("{path}:{line}: not valid JSON ({reason})").format(
                path=path, line=error.lineno, reason=error.msg
            )
        ) from error
    _validate(data, text, path)
    return document_from_dict(_without_controls(data))


def _without_controls(value: Any) -> Any:
    """Every string of a checklist file without control characters, as a parsed document's
    text is (an escaped \\u001b in a title reached the terminal)."""
    if isinstance(value, str):
        return without_controls(value)
    if isinstance(value, list):
        return [_without_controls(item) for item in value]
    if isinstance(value, dict):
        return {key: _without_controls(item) for key, item in value.items()}
    return value


def _validate(data: Any, text: str, path: Path) -> None:
    error = jsonschema.exceptions.best_match(_validator().iter_errors(data))
    if error is None:
        return
    field = "/".join(str(part) for part in error.absolute_path) or "(top level)"
    raise DocumentError(
        _("{path}:{line}: field {field}: {reason}").format(
            path=path,
            line=line_of(text, list(error.absolute_path)),
            field=field,
            reason=error.message,
        )
    )


def document_from_dict(data: dict[str, Any]) -> Document:
    meta = data["document"]
    return Document(
        id=meta["id"],
        title=meta["title"],
        issuer=meta["issuer"],
        level=Level(meta["level"]),
        region=meta["region"],
        year=meta["year"],
        nodes=[node_from_dict(item) for item in data["nodes"]],
        doc_number=meta.get("doc_number"),
        cited_doc_numbers=list(meta.get("cited_doc_numbers", [])),
        source=meta.get("source", ""),
        script=meta.get("script", "simplified"),
    )


def node_from_dict(item: dict[str, Any]) -> Node:
    return Node(
        id=item["id"],
        parent_id=item["parent"],
        label=item["label"],
        kind=NodeKind(item["level"]),
        title=item["title"],
        text=item["text"],
        checkable=item["checkable"],
        actions=list(item.get("actions", [])),
        departments=list(item.get("departments", [])),
        lead_departments=list(item.get("lead_departments", [])),
        targets=[stored_target(t) for t in item.get("targets", [])],
        phases=[Phase(p["year"], p["text"]) for p in item.get("phases", [])],
        fields=dict(item.get("fields", {})),
        search_text=search_key(f"{item['label']} {item['title']} {item['text']}"),
    )
