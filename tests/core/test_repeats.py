"""Which targets a plan states again (its goals, an annex) for one task: one target."""

from __future__ import annotations

from checklist_app.core import Comparator, Document, Level, Node, NodeKind, Target
from checklist_app.core.repeats import target_repeats


def _plan(*sections: tuple[str, str, list[str]]) -> Document:
    """A plan of top-level sections (label, title, the targets of one item each)."""
    nodes: list[Node] = []
    for label, title, targets in sections:
        section = Node(f"d/{label}", None, label, NodeKind.SECTION, title, "")
        nodes.append(section)
        for position, text in enumerate(targets, 1):
            value = float(next(part for part in text.replace("个", " ").split() if
                               part.isdigit()))
            nodes.append(Node(f"{section.id}/{position}", section.id, f"{position}.",
                              NodeKind.ITEM, f"任务{position}", text, checkable=True,
                              targets=[Target(text, value, "个", Comparator.AT_LEAST)]))
    return Document("d", "某区方案", "某区人民政府", Level.COUNTY, "某区", 2024, nodes)


def test_a_goal_restated_by_one_task_is_one_target() -> None:
    plan = _plan(("一、", "主要目标", ["培育标准化示范企业 10 个"]),
                 ("二、", "重点任务", ["培育市级以上标准化示范企业 10 个"]))
    assert set(target_repeats(plan).values()) == set()  # 市级以上 is a level the goal lacks
    plan = _plan(("一、", "主要目标", ["培育标准化示范企业 10 个"]),
                 ("二、", "重点任务", ["开展创建，培育标准化示范企业 10 个"]))
    assert set(target_repeats(plan).values()) == {(("d/一、/1", 0), ("d/二、/1", 0))}


def test_rows_of_one_annex_table_are_not_one_tasks_target() -> None:
    """附表1 农业 and 附表2 工业 both ending in 地方标准 5 个 were joined to the task's: a
    value typed for 农业 was written into 工业."""
    plan = _plan(("一、", "重点任务", ["制定地方标准 5 个"]),
                 ("附件1", "分工表", ["制定农业地方标准 5 个", "制定工业地方标准 5 个"]))
    assert target_repeats(plan) == {}


def test_pilots_of_different_levels_are_different_targets() -> None:
    plan = _plan(("一、", "主要目标", ["新增省级标准化试点 5 个"]),
                 ("二、", "重点任务", ["建设市级标准化试点 5 个"]))
    assert target_repeats(plan) == {}


def test_goals_titled_in_traditional_script() -> None:
    plan = _plan(("一、", "發展目標", ["培育標準化示範企業 10 个"]),
                 ("二、", "重點任務", ["培育標準化示範企業 10 个"]))
    assert len(set(target_repeats(plan).values())) == 1
