"""Item ids typed the way people type them: full-width brackets, spaces, any case."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checklist_app.cli import main
from checklist_app.cli.node_ids import closest, fold, match
from checklist_app.storage.workspace import Workspace

ITEM = "chongqing-2022/二/(一)/1"
TYPED = ["chongqing-2022/二/（一）/1", "Chongqing-2022 / 二 / ( 一 ) / １",
         "chongqing-2022/二/(一)/1 "]


@pytest.mark.parametrize("typed", TYPED)
def test_fold_matches_the_stored_id(typed: str) -> None:
    assert fold(typed) == fold(ITEM)
    assert match(typed, ["chongqing-2022/二/(一)/2", ITEM]) == ITEM


def test_an_exact_id_wins_over_a_folded_one() -> None:
    assert match("a/(1)", ["a/（1）", "a/(1)"]) == "a/(1)"
    assert match("a/ (1)", ["a/（1）", "a/(1)"]) is None  # two ids fold alike: not guessed


@pytest.mark.parametrize("typed", TYPED)
def test_set_finds_the_item(db: str, typed: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["set", db, typed, "--status", "已完成", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["node_id"] == ITEM
    with Workspace.open(db, read_only=True) as workspace:
        assert set(workspace.item_states(1)) == {ITEM}


def test_attach_and_remove_find_the_item(db: str, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "纪要.txt").write_text("会议纪要", encoding="utf-8")
    assert main(["attach", db, TYPED[0], str(tmp_path / "纪要.txt"), "--json"]) == 0
    [evidence] = json.loads(capsys.readouterr().out)
    with Workspace.open(db, read_only=True) as workspace:
        assert list(workspace.evidence(1)) == [ITEM]
    assert main(["evidence", "remove", db, TYPED[1], str(evidence["id"])]) == 0
    with Workspace.open(db, read_only=True) as workspace:
        assert workspace.evidence(1) == {}


def test_map_finds_both_nodes(db: str) -> None:
    assert main(["map", db, TYPED[0], "national-2021/四/（十一）"]) == 0
    with Workspace.open(db, read_only=True) as workspace:
        assert ("chongqing-2022/二/(一)/1", "national-2021/四/(十一)") in {
            (m.from_node_id, m.to_node_id) for m in workspace.mappings()}


def test_an_unknown_item_is_refused_with_the_closest_ids(
        db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["set", db, "chongqing-2022/二/(一)/l", "--status", "done"]) == 2
    [error] = capsys.readouterr().err.splitlines()
    assert "chongqing-2022/二/(一)/l" in error and "最接近的检查项编号" in error
    assert ITEM in error.split("最接近的检查项编号", 1)[1]


def test_an_id_like_no_item_points_to_the_list(db: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["attach", db, "xyz", "missing.pdf"]) == 2
    hint = f"checklist parse --db {Path(db).resolve()} chongqing-2022 --json"
    assert hint in capsys.readouterr().err
    assert main(hint.split()[1:]) == 0  # the command it points to works (it did not for an
    assert "chongqing-2022/二/(一)/1" in capsys.readouterr().out  # imported document)


def test_parse_shows_a_document_imported_into_the_workspace(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "鹿城办法.txt"
    source.write_text("鹿城区标准化工作办法（2023年）\n一、总体要求\n（一）加强领导。明确责任。\n",
                      encoding="utf-8")
    assert main(["workspace", "import", db, str(source), "--level", "county"]) == 0
    source.unlink()
    capsys.readouterr()
    assert main(["parse", "--db", db, "鹿城办法"]) == 0
    assert capsys.readouterr().out.splitlines()[0].endswith(" [鹿城办法, 区县级, 2023]")
    assert main(["parse", "鹿城办法"]) == 2  # without --db: no such file or shipped id


def test_an_unknown_clause_is_refused_with_the_closest_ids(
        db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["map", db, ITEM, "national-2021/四/(十一"]) == 2
    assert "national-2021/四/(十一)" in capsys.readouterr().err


def test_closest_ids_are_few() -> None:
    known = [f"d/二/(一)/{n}" for n in range(1, 20)]
    assert len(closest("d/二/(一)/", known)) == 3


@pytest.mark.parametrize("level", ["county", "区县级", "County"])
def test_import_takes_the_level_in_english_or_chinese(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], level: str) -> None:
    """--level 县级/区县级 was refused: only the English values were accepted."""
    source = tmp_path / "瓯海办法.txt"
    source.write_text("瓯海区标准化工作办法（2023年）\n一、总体要求\n（一）加强领导。明确责任。\n",
                      encoding="utf-8")
    assert main(["workspace", "import", db, str(source), "--level", level]) == 0
    with Workspace.open(db, read_only=True) as workspace:
        assert workspace.document("瓯海办法").level.value == "county"


@pytest.mark.parametrize(("item", "target", "heading"), [
    (ITEM, "national-2021/四", "national-2021/四"),
    ("chongqing-2022/二", "national-2021/四/(十一)", "chongqing-2022/二"),
])
def test_map_refuses_a_heading_that_coverage_would_never_count(
        db: str, capsys: pytest.CaptureFixture[str], item: str, target: str,
        heading: str) -> None:
    assert main(["map", db, item, target]) == 2
    error = capsys.readouterr().err
    assert f"{heading} 是标题" in error and "不是可检查的条款" in error
    assert "綠" not in error and "準" not in error  # the national text quoted in simplified
    hint = error.rsplit("（", 1)[1].split(" 列出", 1)[0]
    assert hint == f"checklist parse --db {db} {heading.split('/')[0]}"
    with Workspace.open(db, read_only=True) as workspace:
        assert not workspace.mappings()
