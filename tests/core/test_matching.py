"""A query's words are each found, its numbers whole: 附表1 is not 附表12."""

from __future__ import annotations

import pytest

from checklist_app.core.matching import contains, match_starts


@pytest.mark.parametrize(("key", "needle", "found"), [
    ("附表1. 工作任务", "附表1", True),
    ("附表12. 工作任务", "附表1", False),
    ("二、(一)12. 标题", "二、(一)1", False),
    ("发布地方标准141项", "41项", False),
    ("发布地方标准41项", "41项", True),
    ("完成时限 2025-06-30", "2025", True),
    ("到2035年", "203", False),
    ("标准化试点", "标准", True),
    ("13.5%", "3.5", False),
    ("四、(十五)推进", "十五", True),
    ("七、(二十五)完善", "十五", False),
    ("九、(三十五)强化", "(十五)", False),
    ("“十四五”期间", "十四五", True),
    ("统一标准", "一标准", True),
    ("促进农村一二三产业融合发展", "三产业", True),
    ("促进农村一二三产业融合发展", "二三产业", True),
    ("三五年内完成", "五年内", True),
    ("一一对应", "一对应", True),
    ("十、(二十五)", "二十", False),
    ("十五、推进", "十五、", True),
])
def test_numbers_in_a_query_are_matched_whole(key: str, needle: str, found: bool) -> None:
    assert contains(key, needle) is found


def test_match_starts_skips_a_number_inside_a_longer_one() -> None:
    key = "附表10 附表1 附表1."
    assert list(match_starts(key, "附表1")) == [5, 9]


@pytest.mark.parametrize(("key", "needle", "found"), [
    ("推动科技成果转化为标准", "标准 科技", True),
    ("推动科技成果转化", "标准 科技", False),
    ("附表1. 工作任务", "附表 1", True),
    ("附表12. 工作任务", "附表 1", False),
    ("标准化试点", "  标准  ", True),
])
def test_every_word_of_a_query_is_found_in_any_order(key: str, needle: str,
                                                     found: bool) -> None:
    assert contains(key, needle) is found
