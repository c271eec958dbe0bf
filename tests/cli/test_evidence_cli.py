"""Evidence and documents from the command line, as an office user sees them (zh_CN)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checklist_app.cli import main
from checklist_app.storage.workspace import Workspace

ITEM = "chongqing-2022/一/(二)"


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "w.sqlite")
    assert main(["workspace", "init", path, "--empty"]) == 0
    assert main(["assess", "new", path, "--checklist", "chongqing-2022", "--national",
                 "national-2021", "--office", "重庆市市场监管局", "--period", "2024年度"]) == 0
    capsys.readouterr()
    return path


def test_attach_refuses_an_empty_file(db: str, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "空白.pdf").touch()
    assert main(["attach", db, ITEM, str(tmp_path / "空白.pdf")]) == 2
    error = capsys.readouterr().err
    assert error.startswith("checklist: ") and "空白.pdf" in error and "空文件" in error
    with Workspace.open(db, read_only=True) as workspace:
        assert workspace.evidence(1) == {}
        assert workspace.db.execute("SELECT count(*) FROM contents").fetchone()[0] == 0


def test_attach_warns_when_content_contradicts_the_name(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "通知.pdf").write_text("这是一份文字通知，不是PDF。", encoding="utf-8")
    (tmp_path / "纪要.txt").write_text("会议纪要", encoding="utf-8")
    assert main(["attach", db, ITEM, str(tmp_path / "通知.pdf"), str(tmp_path / "纪要.txt"),
                 "--json"]) == 0
    captured = capsys.readouterr()
    attached = json.loads(captured.out)
    assert [e["mime_type"] for e in attached] == ["text/plain", "text/plain"]
    warnings = captured.err.strip().splitlines()
    assert warnings == ["checklist：警告：“通知.pdf”的扩展名是 .pdf，但内容是纯文本。"
                        "文件已按原样添加，请确认是否选对了文件。"]
