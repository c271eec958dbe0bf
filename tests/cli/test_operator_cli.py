"""The CLI records changes under the name the desktop app would: Settings' user name, else
the assessment's 填报人, else the login name (never "root" when a name is known)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from checklist_app.cli import main
from checklist_app.settings import Settings
from checklist_app.storage.lock import current_user
from checklist_app.storage.workspace import Workspace

ITEM = "chongqing-2022/一/(二)"
CLAUSE = "national-2021/二/(三)"


def users(db: str) -> list[tuple[str, str, str]]:
    """(user, action, entity) of the audit trail of assessment 1, oldest first."""
    with Workspace.open(db, read_only=True) as workspace:
        return [(e.user, e.action, e.entity) for e in workspace.snapshot(1).audit]


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "w.sqlite")
    assert main(["workspace", "init", path, "--empty"]) == 0
    assert main(["assess", "new", path, "--checklist", "chongqing-2022", "--national",
                 "national-2021", "--office", "重庆市市场监管局", "--preparer", "王芳"]) == 0
    return path


def test_with_no_name_in_settings_the_preparer_is_the_operator(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["set", db, ITEM, "--note", "已制定实施方案"]) == 0
    assert main(["set", db, ITEM, "--status", "推进中", "--assessment", "1"]) == 0
    evidence = tmp_path / "方案.txt"
    evidence.write_text("实施方案", encoding="utf-8")
    assert main(["attach", db, ITEM, str(evidence)]) == 0
    assert main(["map", db, ITEM, CLAUSE]) == 0
    assert main(["assess", "edit", db, "--section", "1", "--text", "成立领导小组。"]) == 0
    recorded = users(db)
    assert {action for _user, action, _entity in recorded} >= {"create", "set", "attach",
                                                               "edit"}
    assert {user for user, _action, _entity in recorded} == {"王芳"}, recorded
    with Workspace.open(db, read_only=True) as workspace:
        [mapping] = [m for m in workspace.mappings() if m.from_node_id == ITEM]
    assert mapping.confirmed_by == "王芳"
    pdf = tmp_path / "r.pdf"
    capsys.readouterr()
    assert main(["report", db, "--out", str(pdf), "--parts", "changes"]) == 0
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "王芳" in text and f" {current_user()} " not in text


def test_the_name_in_settings_comes_first(db: str) -> None:
    Settings(user_name="李雷").save()
    assert main(["set", db, ITEM, "--note", "已印发"]) == 0
    assert users(db)[-1][0] == "李雷"


def test_with_neither_the_login_name_is_recorded(tmp_path: Path) -> None:
    path = str(tmp_path / "w.sqlite")
    assert main(["workspace", "init", path, "--empty"]) == 0
    assert main(["assess", "new", path, "--checklist", "chongqing-2022",
                 "--office", "某局"]) == 0
    assert main(["set", path, ITEM, "--status", "done"]) == 0
    assert {user for user, _action, _entity in users(path)} == {current_user()}
