"""A target a plan states twice (its goals, a task) is one target: one value, counted once."""

from __future__ import annotations

import json
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
    assert main(["set", db, TASK, "--value", "7", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["also_recorded_for"] == [GOAL]

    pdf = tmp_path / "report.pdf"
    assert main(["report", db, "--out", str(pdf)]) == 0
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = "".join(text.split())
    assert "设定数值指标2项，已填报实际值1项，其中已达到1项。" in flat  # 5项 once, and 4次
    assert "（另见二、1." in flat and "（另见一、（一）发展目标）" in flat
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
    flat = "".join(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                                  text=True, check=True).stdout.split())
    assert flat.count("实际值不一致") == 2  # 附件1 says what the body counts, on both rows


def test_a_value_recorded_in_one_place_only_is_the_targets_in_every_row(
        db: str, tmp_path: Path) -> None:
    """Recorded before values were shared: the body counted the goal's 6 as met while
    附件1 printed the task's row 未填报."""
    with Workspace.open(db) as workspace:
        workspace.set_items(1, [(GOAL, {"actual_values": (6,)})])
    pdf = tmp_path / "report.pdf"
    assert main(["report", db, "--out", str(pdf)]) == 0
    flat = "".join(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                                  text=True, check=True).stdout.split())
    assert "设定数值指标2项，已填报实际值1项，其中已达到1项。" in flat
    assert flat.count("不少于5项6项已达到") == 2


def test_an_item_marked_not_applicable_is_not_given_the_value(
        db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["set", db, GOAL, "--status", "不适用", "--justification", "区级不设总目标"]) == 0
    assert main(["set", db, TASK, "--value", "6"]) == 0
    assert _actual_values(db) == {GOAL: (), TASK: (6,)}
    assert "已一并填入" not in capsys.readouterr().out


def test_a_revision_that_removed_the_goal_leaves_the_task_its_own(
        tmp_path: Path) -> None:
    """set --value failed, naming the goal the revision had removed."""
    plan = ("某区方案\n一、总体要求\n（一）指导思想。坚持标准引领。\n"
            "（二）发展目标。到2025年，制定地方标准5项以上。\n"
            "二、重点任务\n1.推进标准制定。制定地方标准5项以上。\n")
    source = tmp_path / "某区方案.txt"
    source.write_text(plan, encoding="utf-8")
    db = str(tmp_path / "w.sqlite")
    assert main(["workspace", "init", db, "--empty"]) == 0
    assert main(["workspace", "import", db, str(source), "--id", "plan", "--year", "2023"]) == 0
    assert main(["assess", "new", db, "--checklist", "plan", "--office", "某区市场监管局"]) == 0
    source.write_text(plan.replace("（二）发展目标。到2025年，制定地方标准5项以上。\n", ""),
                      encoding="utf-8")
    assert main(["workspace", "import", db, str(source), "--id", "plan", "--year", "2023"]) == 0
    assert main(["set", db, TASK, "--value", "6"]) == 0
    with Workspace.open(db, read_only=True) as workspace:
        assert workspace.item_state(1, TASK).actual_values == (6,)
