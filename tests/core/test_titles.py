"""Titles quoted between book-title marks: inner 《》 nest as 〈〉, outer ones only if whole."""

from __future__ import annotations

import pytest

from checklist_app.core.titles import inner_title


@pytest.mark.parametrize(("title", "quoted"), [
    ("关于贯彻《国家标准化发展纲要》的实施意见", "关于贯彻〈国家标准化发展纲要〉的实施意见"),
    ("《国家标准化发展纲要》", "国家标准化发展纲要"),
    ("“《国家标准化发展纲要》”", "国家标准化发展纲要"),
    # marks that belong to an inner title stay balanced (strip("《》") cut them in half)
    ("《国家标准化发展纲要》实施方案", "〈国家标准化发展纲要〉实施方案"),
    ("深入实施《国家标准化发展纲要》", "深入实施〈国家标准化发展纲要〉"),
    ("《关于〈纲要〉的意见》", "关于〈纲要〉的意见"),
    ("《甲》和《乙》", "〈甲〉和〈乙〉"),
])
def test_inner_title(title: str, quoted: str) -> None:
    assert inner_title(title) == quoted


def test_nested_marks_of_choice() -> None:
    assert inner_title("关于贯彻《纲要》的意见", ("《", "》")) == "关于贯彻《纲要》的意见"


def test_whole_title_in_marks_with_spaces_around() -> None:
    assert inner_title(" 《关于贯彻《国家标准化发展纲要》的意见》") == \
        "关于贯彻〈国家标准化发展纲要〉的意见"


def test_a_title_shown_on_its_own_has_its_inner_marks_back() -> None:
    """关于贯彻〈国家标准化发展纲要〉的实施意见 in a list or menu: 〈〉 nest inside 《》 only."""
    from checklist_app.core.titles import standalone_title

    assert standalone_title("关于贯彻〈国家标准化发展纲要〉的实施意见") == \
        "关于贯彻《国家标准化发展纲要》的实施意见"
    assert standalone_title("重庆市标准化发展规划") == "重庆市标准化发展规划"
    assert inner_title(standalone_title("关于贯彻〈纲要〉的意见")) == "关于贯彻〈纲要〉的意见"
