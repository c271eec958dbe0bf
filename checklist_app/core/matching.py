"""Where a normalized query stands in normalized text: every word of it, numbers whole.

A query's words (parted by spaces) must each be found: 标准 科技 finds the items that name
both, in any order. A word is a substring of the text, except that a number in it is not
matched inside a longer number: 附表1 does not find 附表10 to 附表19, 二(一)1 not 二(一)12,
41项 not 141项; likewise a word that is a number in Chinese numerals, as clauses are
numbered: 十五 does not find (二十五) or (三十五), while 三产业 finds 一二三产业. Both sides
are already in search form (see ``importer.normalize.search_key``).
"""

from __future__ import annotations

from collections.abc import Iterator

_CHINESE_DIGITS = frozenset("〇零一二三四五六七八九十")
_AROUND_NUMBERS = "()（）、.．"  # a clause's number as typed: (十五), 十五、


def _is_chinese_number(word: str) -> bool:
    """十五, (十五), 十四五: a word that is a number in Chinese numerals and nothing else
    (三产业 is a word that starts with one, and is found in 一二三产业)."""
    core = word.strip(_AROUND_NUMBERS)
    return bool(core) and all(char in _CHINESE_DIGITS for char in core)


def _number_edges(word: str) -> tuple[int, int]:
    """The kind of number each end of ``word`` is part of: 0 none, 1 Arabic digits, 2
    Chinese numerals (only in a word that is a Chinese number)."""
    chinese = _is_chinese_number(word)

    def kind(char: str) -> int:
        if char.isdigit():
            return 1
        return 2 if chinese and char in _CHINESE_DIGITS else 0

    return kind(word[0]), kind(word[-1])


def _kind_in_text(char: str) -> int:
    if char.isdigit():
        return 1
    return 2 if char in _CHINESE_DIGITS else 0


def _cuts_number(key: str, word: str, start: int, edges: tuple[int, int]) -> bool:
    """Whether the match at ``start`` begins or ends inside a longer number."""
    end = start + len(word)
    first, last = edges
    before = first and start > 0 and _kind_in_text(key[start - 1]) == first
    after = last and end < len(key) and _kind_in_text(key[end]) == last
    return bool(before or after)


def match_starts(key: str, word: str) -> Iterator[int]:
    """Where ``word`` starts in ``key``, matches not overlapping, numbers whole."""
    if not word:
        return
    edges = _number_edges(word)
    start = key.find(word)
    while start >= 0:
        if _cuts_number(key, word, start, edges):
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
    return bool(word) and any(_number_edges(word))


def contains_word(key: str, word: str) -> bool:
    """Whether ``word`` stands in ``key``, numbers whole."""
    if not has_number_edge(word):
        return word in key
    return next(match_starts(key, word), None) is not None


def contains(key: str, needle: str) -> bool:
    """Whether every word of ``needle`` stands in ``key``, numbers whole."""
    return all(contains_word(key, word) for word in words(needle))
