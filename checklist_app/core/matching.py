"""Where a normalized query stands in normalized text, numbers compared whole.

A query is a substring of the text, except that a number in it is not matched inside a
longer number: 附表1 does not find 附表10 to 附表19, 二(一)1 not 二(一)12, 41项 not 141项.
Both sides are already in search form (see ``importer.normalize.search_key``).
"""

from __future__ import annotations

from collections.abc import Iterator


def _cuts_number(key: str, needle: str, start: int) -> bool:
    """Whether the match at ``start`` begins or ends inside a longer number."""
    end = start + len(needle)
    before = start > 0 and needle[0].isdigit() and key[start - 1].isdigit()
    after = end < len(key) and needle[-1].isdigit() and key[end].isdigit()
    return before or after


def match_starts(key: str, needle: str) -> Iterator[int]:
    """Where ``needle`` starts in ``key``, matches not overlapping, numbers whole."""
    if not needle:
        return
    start = key.find(needle)
    while start >= 0:
        if _cuts_number(key, needle, start):
            start = key.find(needle, start + 1)
            continue
        yield start
        start = key.find(needle, start + len(needle))


def has_number_edge(needle: str) -> bool:
    """Whether the query starts or ends with a digit; else a plain ``in`` is the whole test
    (most queries, and the fast path over thousands of rows)."""
    return needle[:1].isdigit() or needle[-1:].isdigit()


def contains(key: str, needle: str) -> bool:
    """Whether ``needle`` stands in ``key``, numbers whole."""
    if not has_number_edge(needle):
        return needle in key
    return next(match_starts(key, needle), None) is not None
