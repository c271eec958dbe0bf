"""``checklist suggest`` on shipped ids and raw files."""

from __future__ import annotations

import json

import pytest

from checklist_app.cli import main
from tests.conftest import SOURCES


def test_suggest_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suggest", "wenzhou-2017", "national-2021", "--top", "2", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    first = data["suggestions"][0]
    assert first["from"] == "wenzhou-2017/一/(三)"
    assert len(first["candidates"]) == 2
    assert set(first["candidates"][0]) == {"to", "label", "title", "score", "why"}
    assert all(c["to"].startswith("national-2021/") for c in first["candidates"])
    scores = [c["score"] for c in first["candidates"]]
    assert scores == sorted(scores, reverse=True)


def test_suggest_raw_file_gives_same_ids(capsys: pytest.CaptureFixture[str]) -> None:
    raw = str(SOURCES / "wenzhou-2017.txt")
    assert main(["suggest", raw, "national-2021", "--json", "--top", "1"]) == 0
    from_raw = json.loads(capsys.readouterr().out)
    assert main(["suggest", "wenzhou-2017", "national-2021", "--json", "--top", "1"]) == 0
    from_id = json.loads(capsys.readouterr().out)
    ids = [[s["from"] for s in data["suggestions"]] for data in (from_raw, from_id)]
    assert ids[0] == ids[1]


def test_suggest_text_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suggest", "chongqing-2022", "national-2021", "--top", "1"]) == 0
    out = capsys.readouterr().out
    assert "chongqing-2022/二/(三)/5" in out
    assert "national-2021/四/(十一)" in out


def test_suggest_unknown_document(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suggest", "no-such-doc", "national-2021"]) == 2
    assert "national-2021" in capsys.readouterr().err


def test_suggest_bad_top(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suggest", "wenzhou-2017", "national-2021", "--top", "0"]) == 2
