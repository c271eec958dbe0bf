"""Crosswalk files (``checklists/crosswalks/<from>__<to>.json``): read, validate, write.

The format is described in ``docs/FORMATS.md`` ("Crosswalk files") and held by
``checklists/schema/crosswalk.schema.json``. The writer puts one mapping per line so that a
review shows up in ``git diff`` as one line per changed mapping; validation problems name the
file, the line and the field.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterable
from collections.abc import Mapping as MappingType
from dataclasses import dataclass, field
from functools import lru_cache
from json.decoder import scanstring
from pathlib import Path
from typing import Any

import jsonschema

from checklist_app.core import Document, Mapping, MappingSource, RationaleKind, Relation
from checklist_app.resources import checklists_path

FORMAT = "checklist-crosswalk"
VERSION = 1
SUFFIX = ".json"

JsonPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a crosswalk file, where it is."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


class CrosswalkError(ValueError):
    """A crosswalk file that cannot be used; ``problems`` lists every finding."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


@dataclass(slots=True)
class Crosswalk:
    """The mappings from the nodes of one document to the nodes of another."""

    from_doc_id: str
    to_doc_id: str
    mappings: list[Mapping] = field(default_factory=list)
    reviewed_by: str = ""
    reviewed_at: str = ""
    description: str = ""


def file_name(from_doc_id: str, to_doc_id: str) -> str:
    return f"{from_doc_id}__{to_doc_id}{SUFFIX}"


def shipped_crosswalks_dir() -> Path:
    return checklists_path("crosswalks")


@lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(checklists_path("schema", "crosswalk.schema.json").read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema)


def load_crosswalk(
    path: str | Path, documents: MappingType[str, Document] | None = None
) -> Crosswalk:
    """Read and check one file; node ids are checked against ``documents`` when given."""
    path = Path(path)
    text = path.read_text("utf-8-sig")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise CrosswalkError([Problem(str(path), error.lineno, "(json)", error.msg)]) from None
    lines = _value_lines(text)
    problems = _schema_problems(str(path), data, lines)
    if not problems:
        problems = _content_problems(path, data, lines, documents or {})
    if problems:
        raise CrosswalkError(problems)
    return _crosswalk(data)


def load_crosswalks(
    paths: Iterable[Path], documents: MappingType[str, Document] | None = None
) -> list[Crosswalk]:
    """Load several files, reporting the problems of all of them at once."""
    loaded: list[Crosswalk] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            loaded.append(load_crosswalk(path, documents))
        except CrosswalkError as error:
            problems.extend(error.problems)
    if problems:
        raise CrosswalkError(problems)
    return loaded


def load_shipped_crosswalks(
    documents: MappingType[str, Document] | None = None,
) -> list[Crosswalk]:
    """Every curated crosswalk shipped in ``checklists/crosswalks/``, in file-name order."""
    return load_crosswalks(sorted(shipped_crosswalks_dir().glob(f"*{SUFFIX}")), documents)


def write_crosswalk(path: str | Path, crosswalk: Crosswalk) -> None:
    """Write ``crosswalk`` in the shipped layout: one mapping per line, in the given order."""
    header: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "from_document": crosswalk.from_doc_id,
        "to_document": crosswalk.to_doc_id,
    }
    for key, value in (
        ("reviewed_by", crosswalk.reviewed_by),
        ("reviewed_at", crosswalk.reviewed_at),
        ("description", crosswalk.description),
    ):
        if value:
            header[key] = value
    out = ["{"]
    out += [f"  {_dump(key)}: {_dump(value)}," for key, value in header.items()]
    rows = [f"    {_dump(_mapping_object(m))}" for m in crosswalk.mappings]
    out.append('  "mappings": [' + ("" if rows else "]"))
    if rows:
        out.append(",\n".join(rows))
        out.append("  ]")
    out.append("}")
    Path(path).write_text("\n".join(out) + "\n", "utf-8")


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _mapping_object(mapping: Mapping) -> dict[str, Any]:
    return {
        "from": mapping.from_node_id,
        "to": mapping.to_node_id,
        "relation": mapping.relation.value,
        "strength": mapping.strength,
        "rationale": mapping.rationale.value,
        "note": mapping.note,
    }


def _crosswalk(data: dict[str, Any]) -> Crosswalk:
    mappings = [
        Mapping(
            from_node_id=row["from"],
            to_node_id=row["to"],
            relation=Relation(row["relation"]),
            strength=row["strength"],
            rationale=RationaleKind(row["rationale"]),
            source=MappingSource.CURATED,
            note=row.get("note", ""),
        )
        for row in data["mappings"]
    ]
    return Crosswalk(
        data["from_document"],
        data["to_document"],
        mappings,
        data.get("reviewed_by", ""),
        data.get("reviewed_at", ""),
        data.get("description", ""),
    )


def _schema_problems(path: str, data: Any, lines: dict[JsonPath, int]) -> list[Problem]:
    problems = []
    for error in sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.path))):
        where = tuple(error.path)
        if error.validator == "required":
            missing = re.search(r"'([^']+)' is a required property", error.message)
            name = missing.group(1) if missing else "?"
            problems.append(Problem(path, _line(lines, where), _field((*where, name)), "missing"))
            continue
        problems.append(Problem(path, _line(lines, where), _field(where), error.message))
    return problems


def _content_problems(
    path: Path,
    data: dict[str, Any],
    lines: dict[JsonPath, int],
    documents: MappingType[str, Document],
) -> list[Problem]:
    """What the schema cannot say: prefixes, file name, duplicates, unknown node ids."""
    problems = []
    source, target = data["from_document"], data["to_document"]
    if path.name != file_name(source, target):
        where: JsonPath = ("from_document",)
        message = f"file should be named {file_name(source, target)}"
        problems.append(Problem(str(path), _line(lines, where), _field(where), message))
    known = {doc_id: {n.id for n in documents[doc_id].nodes} for doc_id in documents}
    seen: set[tuple[str, str]] = set()
    for index, row in enumerate(data["mappings"]):
        for key, doc_id in (("from", source), ("to", target)):
            where = ("mappings", index, key)
            message = _node_problem(row[key], doc_id, known)
            if message:
                problems.append(Problem(str(path), _line(lines, where), _field(where), message))
        pair = (row["from"], row["to"])
        if pair in seen:
            where = ("mappings", index)
            message = f"duplicate mapping {row['from']} → {row['to']}"
            problems.append(Problem(str(path), _line(lines, where), _field(where), message))
        seen.add(pair)
    return problems


def _node_problem(node_id: str, doc_id: str, known: dict[str, set[str]]) -> str | None:
    if not node_id.startswith(doc_id + "/"):
        return f"{node_id!r} is not a node of {doc_id}"
    if doc_id in known and node_id not in known[doc_id]:
        return f"no node {node_id!r} in {doc_id}"
    return None


def _field(where: JsonPath) -> str:
    text = ""
    for part in where:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "(file)"


def _line(lines: dict[JsonPath, int], where: JsonPath) -> int:
    """Line of the value at ``where``, or of its nearest enclosing value."""
    while where not in lines and where:
        where = where[:-1]
    return lines.get(where, 1)


# -- positions of JSON values ---------------------------------------------------------------

_WHITESPACE = re.compile(r"[ \t\n\r]*")
# json.loads also takes NaN and ±Infinity.
_SCALAR = re.compile(
    r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null|NaN|-?Infinity"
)


def _value_lines(text: str) -> dict[JsonPath, int]:
    """Line number (1-based) where each value of a valid JSON text starts, by JSON path."""
    newlines = [i for i, char in enumerate(text) if char == "\n"]
    found: dict[JsonPath, int] = {}

    def line_at(offset: int) -> int:
        return bisect_right(newlines, offset - 1) + 1

    def skip(offset: int) -> int:
        return _WHITESPACE.match(text, offset).end()  # type: ignore[union-attr]

    def value(offset: int, where: JsonPath) -> int:
        offset = skip(offset)
        found[where] = line_at(offset)
        char = text[offset]
        if char == "{":
            return container(offset + 1, where, "}", keyed=True)
        if char == "[":
            return container(offset + 1, where, "]", keyed=False)
        if char == '"':
            return scanstring(text, offset + 1)[1]
        return _SCALAR.match(text, offset).end()  # type: ignore[union-attr]

    def container(offset: int, where: JsonPath, close: str, keyed: bool) -> int:
        index = 0
        offset = skip(offset)
        while text[offset] != close:
            key: str | int = index
            if keyed:
                key, offset = scanstring(text, skip(offset) + 1)
                offset = skip(offset) + 1  # the colon
            offset = skip(value(offset, (*where, key)))
            if text[offset] == ",":
                offset = skip(offset + 1)
            index += 1
        return offset + 1

    value(0, ())
    return found
