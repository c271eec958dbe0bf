"""A query's numbers are matched whole: 附表1 is not 附表12."""

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
])
def test_numbers_in_a_query_are_matched_whole(key: str, needle: str, found: bool) -> None:
    assert contains(key, needle) is found


def test_match_starts_skips_a_number_inside_a_longer_one() -> None:
    key = "附表10 附表1 附表1."
    assert list(match_starts(key, "附表1")) == [5, 9]
