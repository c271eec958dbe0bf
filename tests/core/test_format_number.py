"""Figures in the report and the app as an office writes them."""

from __future__ import annotations

import pytest

from checklist_app.core import format_number


@pytest.mark.parametrize(("value", "text"), [
    (1234567.0, "1234567"), (52.0, "52"), (85.5, "85.5"), (0.1234567, "0.1234567"),
    (1e-7, "0.0000001"), (-0.0, "0"), (1 / 3, "0.3333333333333333"),
])
def test_no_rounding_and_no_exponent(value: float, text: str) -> None:
    assert format_number(value) == text
