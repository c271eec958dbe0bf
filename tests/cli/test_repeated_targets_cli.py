"""A target a plan states twice (its goals, a task) is one target: one value, counted once."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from checklist_app.cli import main
from checklist_app.storage.workspace import Workspace
from tests.importer.test_district_plan import REPEATING_PLAN

GOAL, TASK = "plan/一/(一)", "plan/二/1"


@pytest.fixture
def db(tmp_path: Path) -> str:
    source = tmp_path / "某区方案.txt"
    source.write_text(REPEATING_PLAN, encoding="utf-8")
    path = str(tmp_path / "w.sqlite")
    assert main(["workspace", "init", path, "--empty"]) == 0
    assert main(["workspace", "import", path, str(source), "--id", "plan", "--year", "2023"]) == 0
    assert main(["assess", "new", path, "--checklist", "plan", "--office", "某区市场监管局",
                 "--period", "2024年度"]) == 0
    return path


def _actual_values(db: str) -> dict[str, tuple[float | None, ...]]:
    with Workspace.open(db, read_only=True) as workspace:
        return {item: workspace.item_state(1, item).actual_values for item in (GOAL, TASK)}


def test_a_value_set_for_one_place_is_set_for_the_other_and_counted_once(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["set", db, TASK, "--value", "6"]) == 0
    out = capsys.readouterr().out
    assert "同一指标另见一、(一) 发展目标：已一并填入该实际值。" in out
    assert _actual_values(db) == {GOAL: (6,), TASK: (6,)}

    pdf = tmp_path / "report.pdf"
    assert main(["report", db, "--out", str(pdf)]) == 0
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = "".join(text.split())
    assert "设定数值指标2项，已填报实际值1项，其中已达到1项。" in flat  # 5项 once, and 4次
    assert "（另见二、1.）" in flat and "（另见一、（一））" in flat
    assert "统计时计为一项" in flat


def test_values_recorded_apart_before_are_not_counted_as_met(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Values set before they were shared may differ: neither is taken as the target's."""
    with Workspace.open(db) as workspace:
        workspace.set_items(1, [(GOAL, {"actual_values": (6,)}), (TASK, {"actual_values": (3,)})])
    pdf = tmp_path / "report.pdf"
    assert main(["report", db, "--out", str(pdf)]) == 0
    err = capsys.readouterr().err
    assert "各处填写的实际值不同（制定地方标准5项以上（一、（一） 6项；二、1. 3项））" in err
    assert "报告按未填报统计" in err and "checklist set DB ITEM --value N" in err
