"""Simplified-script normalization for search and matching (标准 finds 標準)."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

import opencc

from checklist_app.importer.cleaning import fold_punctuation

SCRIPT_SAMPLE = 20_000  # Chinese characters read to tell the script: the first ones
_PUNCTUATION = re.compile(r"[\s,.:;!?()\[\]<>\"'、。“”‘’《》〈〉〔〕【】—…·|/\\-]+")


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def to_simplified(text: str) -> str:
    return _t2s().convert(text)


def to_traditional(text: str) -> str:
    return _s2t().convert(text)


def search_key(text: str) -> str:
    """Simplified, lower-case, punctuation-folded text; use for both haystack and needle."""
    return to_simplified(fold_punctuation(text)).lower()


def match_key(text: str) -> str:
    """Like :func:`search_key` but with punctuation and spaces removed (for matching)."""
    return _PUNCTUATION.sub("", search_key(text))


def detect_script(text: str) -> str:
    """'simplified', 'traditional' or 'mixed', by the share of script-specific characters."""
    cjk = "".join(islice((ch for ch in text if "\u4e00" <= ch <= "\u9fff"), SCRIPT_SAMPLE))
    if not cjk:
        return "simplified"
    traditional_share = _changed_share(cjk, to_simplified(cjk))
    simplified_share = _changed_share(cjk, to_traditional(cjk))
    if traditional_share < 0.01:
        return "simplified"
    return "traditional" if simplified_share < 0.03 else "mixed"


def _changed_share(original: str, converted: str) -> float:
    changed = sum(1 for a, b in zip(original, converted, strict=False) if a != b)
    return changed / len(original)
