"""Where a normalized query stands in normalized text: every word of it, numbers whole.

A query's words (parted by spaces) must each be found: 标准 科技 finds the items that name
both, in any order. A word is a substring of the text, except that a number in it is not
matched inside a longer number: 附表1 does not find 附表10 to 附表19, 二(一)1 not 二(一)12,
41项 not 141项; likewise Chinese numerals, as clauses are numbered: 十五 does not find
(二十五) or (三十五). Both sides are already in search form (see
``importer.normalize.search_key``).
"""

from __future__ import annotations

from collections.abc import Iterator

_CHINESE_DIGITS = frozenset("〇零一二三四五六七八九十")


def _digit_kind(char: str) -> int:
    """0: no digit; 1: an Arabic digit; 2: a Chinese numeral."""
    if char.isdigit():
        return 1
    return 2 if char in _CHINESE_DIGITS else 0


def _cuts_number(key: str, word: str, start: int) -> bool:
    """Whether the match at ``start`` begins or ends inside a longer number."""
    end = start + len(word)
    first, last = _digit_kind(word[0]), _digit_kind(word[-1])
    before = first and start > 0 and _digit_kind(key[start - 1]) == first
    after = last and end < len(key) and _digit_kind(key[end]) == last
    return bool(before or after)


def match_starts(key: str, word: str) -> Iterator[int]:
    """Where ``word`` starts in ``key``, matches not overlapping, numbers whole."""
    if not word:
        return
    start = key.find(word)
    while start >= 0:
        if _cuts_number(key, word, start):
            start = key.find(word, start + 1)
            continue
        yield start
        start = key.find(word, start + len(word))


def words(needle: str) -> list[str]:
    """A query's words, each to be found."""
    return needle.split()


def has_number_edge(word: str) -> bool:
    """Whether a word starts or ends with a numeral; else a plain ``in`` is the whole test
    (most words, and the fast path over thousands of rows)."""
    return bool(word) and bool(_digit_kind(word[0]) or _digit_kind(word[-1]))


def contains_word(key: str, word: str) -> bool:
    """Whether ``word`` stands in ``key``, numbers whole."""
    if not has_number_edge(word):
        return word in key
    return next(match_starts(key, word), None) is not None


def contains(key: str, needle: str) -> bool:
    """Whether every word of ``needle`` stands in ``key``, numbers whole."""
    return all(contains_word(key, word) for word in words(needle))
