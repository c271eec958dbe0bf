"""附件2 三级对照表: a city's department task tables (附表1 … 附表32), mapped together to one
national task, filled pages with the same lines under each task it maps to; a run of sibling
clauses prints as its first and last with the count."""

from __future__ import annotations

from checklist_app.core import Mapping, NodeKind
from checklist_app.report.content import compute_facts
from checklist_app.report.crosswalk_annex import crosswalk_table
from checklist_app.report.wording import Wording
from tests.report.conftest import make_snapshot, node

PROVINCE = "sichuan-2022"
NATIONAL = "national-2021/二/(一)"


def _with_task_tables(numbers: list[int]):  # type: ignore[no-untyped-def]
    snapshot = make_snapshot()
    snapshot.provincial.nodes += [node(PROVINCE, f"附表{n}", f"附表{n}.", NodeKind.SECTION,
                                       f"省第{n}厅标准化工作任务", checkable=True)
                                  for n in range(1, 9)]  # as the city's 附表 are read
    snapshot.mappings += [Mapping(f"{PROVINCE}/附表{n}", NATIONAL) for n in numbers]
    return snapshot


def _provincial_cell(snapshot) -> str:  # type: ignore[no-untyped-def]
    table = crosswalk_table(compute_facts(snapshot), Wording("zh"))
    [row] = [r for r in table.rows if r[0].startswith("二、（一）")]
    return row[1]


def test_a_run_of_sibling_clauses_prints_as_a_range() -> None:
    cell = _provincial_cell(_with_task_tables([1, 2, 3, 4, 5, 6, 8]))
    assert cell.splitlines() == [
        "二、（一）加强关键技术领域标准研究（省）",
        "附表1.省第1厅标准化工作任务",
        "至附表6.省第6厅标准化工作任务（共6项）",
        "附表8.省第8厅标准化工作任务",  # 附表7 is not mapped: the run ends at 附表6
    ]


def test_a_short_run_is_listed_in_full() -> None:
    cell = _provincial_cell(_with_task_tables([1, 2, 3]))
    assert cell.splitlines()[1:] == ["附表1.省第1厅标准化工作任务", "附表2.省第2厅标准化工作任务",
                                     "附表3.省第3厅标准化工作任务"]


def _local_cell(numbers: list[int]) -> list[str]:
    """The local-items cell of national 二、（一） with items 二、（一）n. mapped to it."""
    snapshot = make_snapshot(items_per_section=6)
    snapshot.mappings += [Mapping(f"chongqing-2022/二/(一)/{n}", NATIONAL) for n in numbers]
    table = crosswalk_table(compute_facts(snapshot), Wording("zh"))
    [row] = [r for r in table.rows if r[0].startswith("二、（一）")]
    return row[2].splitlines()


def test_a_run_of_sibling_items_prints_as_a_range_with_its_statuses() -> None:
    """The city's 32 department tables were listed in full under four national tasks."""
    lines = _local_cell([1, 2, 3, 4, 5])
    assert lines[-2:] == [
        "二、（一）1.任务二1：建设标准化试点示范项目",
        "至二、（一）5.任务二5：建设标准化试点示范项目"
        "（共5项：未启动1项、推进中1项、已完成1项、长期坚持1项、不适用1项）",
    ]


def test_a_short_run_of_items_is_listed_with_each_status() -> None:
    lines = _local_cell([1, 2, 4])
    assert lines[-3:] == ["二、（一）1.任务二1：建设标准化试点示范项目（未启动）",
                          "二、（一）2.任务二2：建设标准化试点示范项目（不适用）",
                          "二、（一）4.任务二4：建设标准化试点示范项目（长期坚持）"]
