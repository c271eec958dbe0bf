"""Actual values as typed: figures, separators, 万/亿 in the target's unit, refusals."""

from __future__ import annotations

import pytest

from checklist_app.core.amounts import read_amount


@pytest.mark.parametrize(("text", "unit", "number"), [
    ("1,234.5", "项", 1234.5), ("52%", "%", 52), ("５２％", "%", 52), ("3。5", "项", 3.5),
    ("１２．５", "项", 12.5), ("－３", "%", -3), ("", "项", None), ("  ", "项", None),
    ("1.2万", "项", 12000), ("1.2萬", "项", 12000), ("3亿", "元", 3e8),
    ("120万元", "万元", 120), ("1.2亿元", "万元", 12000), ("0.5亿", "亿元", 0.5),
    ("30项", "项", 30), ("1，250", "项", 1250), ("300000元", "万元", 30),
    ("5000万", "亿元", 0.5), ("12.", "项", 12), ("12。", "项", 12),
    ("1.13万", "项", 11300), ("0.57亿", "万元", 5700),  # decimals: not 11299.999999999998
    ("30个", "项", 30), ("12项", "%", 12),  # another unit's word: the figure counts
])
def test_read_amount(text: str, unit: str, number: float | None) -> None:
    assert read_amount(text, unit) == number


@pytest.mark.parametrize(("text", "unit"), [
    ("3，5", "项"), ("12,5", "项"), ("1e5", "项"), ("两万", "项"), ("十二项", "项"), ("-", "项"),
    (".", "项"), ("万", "项"), ("1.2.3", "项"), ("abc", "项"), ("约30", "项"),
    ("5千万", "项"), ("1万亿", "项"), ("3千", "项"),  # read as 5, 10000, 3
    ("1.2万", "%"),  # 12000% of a rate
])
def test_what_is_not_a_number_is_refused_not_read_as_another(text: str, unit: str) -> None:
    """3，5 was stored as 35 and 1e5 as 15: typed keys were dropped, the rest kept; 5千万
    was read as 5."""
    with pytest.raises(ValueError, match="不是数字"):
        read_amount(text, unit)


def test_a_figure_too_large_for_any_target_is_refused() -> None:
    with pytest.raises(ValueError, match="过大"):
        read_amount("99999999999999999999", "项")
    with pytest.raises(ValueError, match="过大"):
        read_amount("20000000亿", "项")
