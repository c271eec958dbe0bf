"""Crosswalk files: round trip, one line per mapping, problems named by file, line, field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checklist_app.core import Document, Mapping, MappingSource, RationaleKind, Relation
from checklist_app.crosswalk.files import (
    Crosswalk,
    CrosswalkError,
    load_crosswalk,
    write_crosswalk,
)


def _crosswalk() -> Crosswalk:
    return Crosswalk(
        "city",
        "nat",
        [
            Mapping("city/一/(一)/1", "nat/二/(二)", Relation.SUBSET, 9, note="能耗限额"),
            Mapping("city/一/(一)/2", "nat/三/(六)", Relation.INTERSECT, 6,
                    RationaleKind.FUNCTIONAL),
        ],
        reviewed_by="标准化处",
        reviewed_at="2026-11-22",
    )


def test_round_trip_and_layout(tmp_path: Path, national: Document, municipal: Document) -> None:
    path = tmp_path / "city__nat.json"
    write_crosswalk(path, _crosswalk())
    lines = path.read_text("utf-8").splitlines()
    mapping_lines = [line for line in lines if line.strip().startswith('{"from"')]
    assert len(mapping_lines) == 2
    assert "能耗限额" in mapping_lines[0]
    loaded = load_crosswalk(path, {"city": municipal, "nat": national})
    assert loaded.mappings == _crosswalk().mappings
    assert all(m.source is MappingSource.CURATED for m in loaded.mappings)
    assert loaded.reviewed_by == "标准化处"


def test_empty_crosswalk_is_valid_json(tmp_path: Path) -> None:
    path = tmp_path / "a__b.json"
    write_crosswalk(path, Crosswalk("a", "b"))
    assert json.loads(path.read_text("utf-8"))["mappings"] == []
    assert load_crosswalk(path).mappings == []


def _break(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / "city__nat.json"
    write_crosswalk(path, _crosswalk())
    path.write_text(path.read_text("utf-8").replace(old, new, 1), "utf-8")
    return path


def test_schema_problem_names_file_line_field(tmp_path: Path) -> None:
    path = _break(tmp_path, '"relation": "intersect"', '"relation": "overlaps"')
    with pytest.raises(CrosswalkError) as caught:
        load_crosswalk(path)
    [problem] = caught.value.problems
    assert problem.path == str(path)
    assert problem.field == "mappings[1].relation"
    assert path.read_text("utf-8").splitlines()[problem.line - 1].count("overlaps") == 1
    assert str(problem).startswith(f"{path}:{problem.line}: mappings[1].relation: ")


def test_missing_field(tmp_path: Path) -> None:
    path = _break(tmp_path, '"strength": 9, ', "")
    with pytest.raises(CrosswalkError) as caught:
        load_crosswalk(path)
    [problem] = caught.value.problems
    assert problem.field == "mappings[0].strength"
    assert "能耗限额" in path.read_text("utf-8").splitlines()[problem.line - 1]


def test_unknown_node_and_duplicate(
    tmp_path: Path, national: Document, municipal: Document
) -> None:
    path = _break(tmp_path, "nat/三/(六)", "nat/二/(二)")
    path.write_text(path.read_text("utf-8").replace("city/一/(一)/2", "city/一/(一)/1"), "utf-8")
    path.write_text(path.read_text("utf-8").replace('"nat/二/(二)", "relation": "subset"',
                                                    '"nat/九/(九)", "relation": "subset"'),
                    "utf-8")
    with pytest.raises(CrosswalkError) as caught:
        load_crosswalk(path, {"city": municipal, "nat": national})
    messages = [(p.field, p.message) for p in caught.value.problems]
    assert ("mappings[0].to", "no node 'nat/九/(九)' in nat") in messages
    assert len(messages) == 1
    path.write_text(path.read_text("utf-8").replace("nat/九/(九)", "nat/二/(二)"), "utf-8")
    with pytest.raises(CrosswalkError) as caught:
        load_crosswalk(path, {"city": municipal, "nat": national})
    [problem] = caught.value.problems
    assert problem.field == "mappings[1]"
    lines = path.read_text("utf-8").splitlines()
    assert lines[problem.line - 1].strip().startswith('{"from"')
    assert lines[problem.line].strip() == "]"


def test_json_syntax_error_has_line(tmp_path: Path) -> None:
    path = _break(tmp_path, '"version": 1,', '"version": 1')
    with pytest.raises(CrosswalkError) as caught:
        load_crosswalk(path)
    assert caught.value.problems[0].line == 4


def test_wrong_file_name_and_prefix(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    write_crosswalk(path, _crosswalk())
    path.write_text(path.read_text("utf-8").replace('"from": "city/', '"from": "town/', 1),
                    "utf-8")
    with pytest.raises(CrosswalkError) as caught:
        load_crosswalk(path)
    fields = [p.field for p in caught.value.problems]
    assert fields == ["from_document", "mappings[0].from"]
