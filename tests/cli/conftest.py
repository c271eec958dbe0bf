"""A workspace made with the CLI itself: the shipped documents and one Chongqing assessment."""

from __future__ import annotations

from pathlib import Path

import pytest

from checklist_app.cli import main

ITEM = "chongqing-2022/一/(二)"


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "w.sqlite")
    assert main(["workspace", "init", path, "--empty"]) == 0
    assert main(["assess", "new", path, "--checklist", "chongqing-2022", "--provincial",
                 "liaoning-2022", "--national", "national-2021", "--office", "重庆市市场监管局",
                 "--period", "2024年度"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "已新建自查自评 1：重庆市市场监管局，2024年度，"
        "依据《重庆市人民政府办公厅关于贯彻落实国家标准化发展纲要的实施意见》。")
    return path
