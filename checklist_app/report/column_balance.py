"""Column widths that make a table short.

Weights give each column a share of the width for any content; the annexes' rows are not
any content: a 状态 column holds four characters, a 对应国家条款 column five clauses. A row
is as tall as its tallest cell, so width in a column whose cells are short is wasted in
every row, while the column that sets the rows' height wraps line after line (the demo's
items table ran to twelve landscape pages, half of each row blank). Here width moves,
step by step, from column to column while that makes the rows fewer lines in all, each
column keeping its minimum (its kept words, a few characters).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import permutations

STEPS = (96.0, 48.0, 24.0, 12.0, 6.0, 3.0)  # points moved at a time: coarse steps cross
# the plateaus where one small step gains no line anywhere
MAX_ROWS = 160  # rows looked at, evenly spread over a longer table

LineCount = Callable[[int, int, float], int]  # (column, row, width) -> lines


def balanced(widths: Sequence[float], minimum: Sequence[float], rows: int,
             lines: LineCount) -> list[float]:
    """``widths`` (same total) with width moved between columns wherever that lowers the
    rows' lines in all (then, between equal totals, the lines of each row's two tallest
    cells: what a later move can gain on); no column goes below its ``minimum``."""
    counted = _Counter(lines, _sample(rows))
    current, best = list(widths), counted.cost(widths)
    for step in STEPS:
        improved = True
        while improved:
            improved = False
            for giver, taker in permutations(range(len(current)), 2):
                if current[giver] - step < minimum[giver]:
                    continue
                trial = list(current)
                trial[giver] -= step
                trial[taker] += step
                if (cost := counted.cost(trial)) < best:
                    current, best, improved = trial, cost, True
    return current


def _sample(rows: int) -> list[int]:
    if rows <= MAX_ROWS:
        return list(range(rows))
    return sorted({round(i * (rows - 1) / (MAX_ROWS - 1)) for i in range(MAX_ROWS)})


class _Counter:
    """Line counts per cell and width, each worked out once."""

    def __init__(self, lines: LineCount, rows: list[int]) -> None:
        self.lines, self.rows = lines, rows
        self.known: dict[tuple[int, int, float], int] = {}

    def count(self, column: int, row: int, width: float) -> int:
        key = (column, row, round(width, 2))
        if key not in self.known:
            self.known[key] = self.lines(column, row, width)
        return self.known[key]

    def cost(self, widths: Sequence[float]) -> tuple[int, int]:
        total = tallest_two = 0
        for row in self.rows:
            counts = sorted(self.count(column, row, width) for column, width in enumerate(widths))
            total += counts[-1]
            tallest_two += sum(counts[-2:])
        return total, tallest_two
