"""The one progress rule the sidebar and the report share."""

from __future__ import annotations

from checklist_app.core import ItemStatus, progress_of, tally


def test_not_applicable_leaves_the_denominator() -> None:
    statuses = [ItemStatus.DONE, ItemStatus.ONGOING, ItemStatus.IN_PROGRESS,
                ItemStatus.NOT_ASSESSED, ItemStatus.NOT_APPLICABLE, ItemStatus.NOT_APPLICABLE]
    figures = progress_of(statuses)
    assert (figures.complete, figures.applicable) == (2, 4)
    assert figures.rate == 0.5


def test_counts_and_statuses_agree_and_nothing_applicable_is_zero() -> None:
    counts = {ItemStatus.DONE: 3, ItemStatus.LARGELY_DONE: 2, ItemStatus.NOT_APPLICABLE: 1}
    assert tally(counts) == progress_of([s for s, n in counts.items() for _ in range(n)])
    assert tally(counts).applicable == 5
    only_na = progress_of([ItemStatus.NOT_APPLICABLE])
    assert (only_na.complete, only_na.applicable, only_na.rate) == (0, 0, 0.0)
