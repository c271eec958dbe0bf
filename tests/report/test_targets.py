"""An item's actual value is that of its first target, in the report as in the app."""

from __future__ import annotations

from pathlib import Path

from checklist_app.demo import build_demo
from checklist_app.report.content import compute_facts
from checklist_app.storage.workspace import Workspace


def test_actual_value_belongs_to_the_first_target(tmp_path: Path) -> None:
    path = build_demo(tmp_path, with_report=False)
    with Workspace.open(path, read_only=True) as workspace:
        snapshot = workspace.snapshot(workspace.only_open_assessment().id)
    facts = compute_facts(snapshot)
    goals = [row for row in facts.targets if row.item.id == "chongqing-2022/一/(二)"]
    assert len(goals) > 3
    first, *others = goals
    assert (first.actual, first.met) == (52, True)
    assert all(row.actual is None and row.met is None for row in others)

