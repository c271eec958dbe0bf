"""Column widths moved to where they make a table shortest (report/column_balance.py)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from pypdf import PdfReader

from checklist_app.demo import build_demo
from checklist_app.report import tables
from checklist_app.report.builder import build_report
from checklist_app.report.column_balance import MAX_ROWS, balanced
from checklist_app.storage.workspace import Workspace


def _wrapping(lengths: list[list[float]]):  # type: ignore[no-untyped-def]
    """Lines of cells ``lengths[row][column]`` points long, wrapped at any point."""
    return lambda column, row, width: max(1, math.ceil(lengths[row][column] / width))


def test_width_goes_to_the_column_that_sets_the_rows_height() -> None:
    """A 状态-like column of one short word beside a column of long text."""
    lengths = [[18.0, 400.0], [20.0, 300.0], [15.0, 500.0]]
    widths = balanced([100.0, 100.0], [24.0, 24.0], len(lengths), _wrapping(lengths))
    assert sum(widths) == pytest.approx(200.0)
    assert 24.0 <= widths[0] < 40.0 and widths[1] > 160.0
    rows = _wrapping(lengths)
    assert sum(max(rows(c, r, w) for c, w in enumerate(widths)) for r in range(3)) < sum(
        max(rows(c, r, 100.0) for c in range(2)) for r in range(3))


def test_no_column_goes_below_its_minimum_and_an_even_table_stays() -> None:
    lengths = [[300.0, 300.0, 10.0]] * 4
    widths = balanced([100.0, 100.0, 100.0], [60.0, 60.0, 90.0], 4, _wrapping(lengths))
    assert widths[2] >= 90.0 and sum(widths) == pytest.approx(300.0)
    even = [[200.0, 200.0]] * 3
    assert balanced([100.0, 100.0], [20.0, 20.0], 3, _wrapping(even)) == [100.0, 100.0]


def test_a_long_table_is_judged_on_rows_spread_over_it() -> None:
    seen: set[int] = set()

    def lines(column: int, row: int, width: float) -> int:
        seen.add(row)
        return 1

    balanced([50.0, 50.0], [10.0, 10.0], 10_000, lines)
    assert len(seen) <= MAX_ROWS and min(seen) == 0 and max(seen) == 9_999


@pytest.fixture(scope="module")
def demo_snapshot(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    path = build_demo(tmp_path_factory.mktemp("demo"), with_report=False)
    with Workspace.open(path, read_only=True) as workspace:
        return workspace.snapshot(1)


@pytest.mark.parametrize("style", ["gbt9704", "compact"])
def test_the_demo_report_takes_fewer_pages_with_balanced_columns(
        demo_snapshot, tmp_path: Path, style: str,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The items table ran to twelve landscape pages with rows half blank."""
    list(build_report(demo_snapshot, tmp_path / "balanced.pdf", style=style))
    monkeypatch.setattr(tables, "balanced", lambda widths, *_args: list(widths))
    list(build_report(demo_snapshot, tmp_path / "weighted.pdf", style=style))
    pages = [len(PdfReader(tmp_path / f"{name}.pdf").pages) for name in ("balanced", "weighted")]
    assert pages[0] < pages[1]
