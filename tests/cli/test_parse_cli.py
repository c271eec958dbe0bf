"""``checklist parse`` and ``checklist checklists`` as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from checklist_app.cli import build_parser, main
from checklist_app.importer.shipped import source_path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The real console entry point in a fresh interpreter."""
    code = "import sys; from checklist_app.cli import main; sys.exit(main())"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )


def test_parse_json_of_raw_source_matches_shipped_id(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(source_path("chongqing-2022")), "--json"]) == 0
    raw = json.loads(capsys.readouterr().out)
    assert main(["parse", "chongqing-2022", "--json"]) == 0
    shipped = json.loads(capsys.readouterr().out)
    assert [n["id"] for n in raw["nodes"]] == [n["id"] for n in shipped["nodes"]]
    task = next(n for n in shipped["nodes"] if n["id"] == "chongqing-2022/二/(一)/1")
    assert set(task) >= {
        "id",
        "parent",
        "label",
        "title",
        "level",
        "text",
        "checkable",
        "actions",
        "departments",
        "targets",
    }
    assert task["level"] == "item" and task["checkable"] and len(task["actions"]) == 5


def test_parse_tree_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "guangdong-2018"]) == 0
    out = capsys.readouterr().out
    assert "✓ 5. 先進標準+社會治理" in out


def test_bad_file_is_one_line_and_nonzero(tmp_path: Path) -> None:
    bad = tmp_path / "photo.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0" + bytes(300))
    result = run("parse", str(bad))
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1 and "photo.jpg" in result.stderr
    assert "Traceback" not in result.stderr


def test_checklists_check_passes_on_committed_files(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["checklists", "--check"]) == 0


def test_every_subcommand_has_help() -> None:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    for name, sub in subparsers.choices.items():
        assert sub.description or sub.format_help(), name
        assert sub.format_help().strip(), name


def test_argument_errors_speak_the_users_language() -> None:
    result = run("set", "workspace.sqlite")
    assert result.returncode == 2
    assert "缺少必填参数" in result.stderr and "用法" in result.stderr
    english = subprocess.run(
        [sys.executable, "-c", "import sys; from checklist_app.cli import main; sys.exit(main())",
         "set", "workspace.sqlite"],
        capture_output=True, text=True, check=False,
        env={**os.environ, "CHECKLIST_APP_LANG": "en"},
    )
    assert "the following arguments are required" in english.stderr


def test_parse_warns_of_lines_merged_into_the_clause_before_them(
        capsys: pytest.CaptureFixture[str]) -> None:
    documents = Path(__file__).parents[1] / "importer" / "documents"
    assert main(["parse", str(documents / "hundred.txt")]) == 0
    captured = capsys.readouterr()
    assert "有 4 行" in captured.err and "“101.任务丁" not in captured.err  # three quoted
    assert main(["parse", str(documents / "h105.txt")]) == 0
    captured = capsys.readouterr()
    assert "✓ 105. 任务105" in captured.out  # 105. continues the numbering, unwarned:
    assert all("占位" in line for line in captured.err.splitlines())  # 某区 is the one warned


def test_workspace_import_warns_of_merged_lines_too(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    documents = Path(__file__).parents[1] / "importer" / "documents"
    db = str(tmp_path / "w.sqlite")
    assert main(["workspace", "init", db, "--empty"]) == 0
    capsys.readouterr()
    assert main(["workspace", "import", db, str(documents / "hundred.txt"), "--year", "2024"]) == 0
    captured = capsys.readouterr()
    assert "有 4 行" in captured.err and "hundred" in captured.out


def test_parse_says_when_it_assumed_the_level(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "要点.txt"
    plan.write_text("标准化工作要点\n一、主要任务\n1.制定地方标准10项以上。\n", encoding="utf-8")
    assert main(["parse", str(plan)]) == 0
    err = capsys.readouterr().err
    assert "警告" in err and "市级" in err


def test_a_document_without_a_year_says_so(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    """The outline's heading printed Python's None."""
    source = tmp_path / "方案.txt"
    source.write_text("某市实施方案\n一、重点任务\n1.制定标准。\n", encoding="utf-8")
    assert main(["parse", str(source)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "某市实施方案 [方案, 市级, 未注明年份]"
