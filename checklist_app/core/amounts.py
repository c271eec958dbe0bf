"""Actual values as staff type them: ``1,250``, ``１２．５``, ``85%``, ``1.2万``, ``3亿元``.

One reader for the desktop app's target fields and ``checklist set --value``: a figure with
a 万 or 亿 after it is that many (1.2万 项 is 12000 项; 1.2亿 of a target in 万元 is 12000 万元),
and anything it cannot read for sure (3，5, 1e5, 两万, a figure too large for any target) is
refused with the reason, never read as another number.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

from checklist_app.i18n import _

_FULL_WIDTH = str.maketrans("０１２３４５６７８９，。．％－＋", "0123456789,..%-+")
_MAGNITUDES = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
_AMOUNT = re.compile(
    r"(?P<number>[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d*)?)\s*"
    r"(?P<magnitude>[万萬亿億])?\s*(?P<rest>%|[\u4e00-\u9fff]{1,4})?")
RATES = frozenset({"%", "％", "‰", "个百分点", "百分点"})  # no 万 of a rate
MAX_AMOUNT = 1e15  # past any target an office sets; 99999999999999999999 was kept as 1e20


def read_amount(text: str, unit: str = "") -> float | None:
    """The number ``text`` states, in ``unit`` (a target's: 项, 万元, %); None when blank.

    After the figure may come 万 or 亿 (in the unit's terms: 1.2亿 of a 万元 target is
    12000), %, and a unit (30项; 300000元 of a 万元 target is 30); what would be misread
    (5千万, 1万亿, 约30, 3，5) is refused: ValueError, in the user's words.
    """
    plain = text.strip().translate(_FULL_WIDTH)
    if not plain:
        return None
    found = _AMOUNT.fullmatch(plain)
    if found is None or not re.search(r"\d", found["number"]) or not _fits(found, unit):
        raise ValueError(_("{text} is not a number: write figures (12, 3.5, 1.2万 or 80%); "
                           "a comma only between thousands (1,250).").format(text=text))
    number = Decimal(found["number"].replace(",", "").rstrip(".") or "0")
    scale = Decimal(_MAGNITUDES.get(found["magnitude"] or "", 1))
    if found["magnitude"] or found["rest"]:
        scale /= Decimal(_unit_magnitude(unit, found["rest"] or ""))
    value = float(number * scale)  # in decimals: 1.13万 is 11300, not 11299.999999999998
    if not math.isfinite(value) or abs(value) >= MAX_AMOUNT:
        raise ValueError(_("{text} is too large for an actual value.").format(text=text))
    return value


def _fits(found: re.Match[str], unit: str) -> bool:
    """Whether what follows the figure can be read: a magnitude (not of a rate), %, and
    a word that is no magnitude (30个 of a 项 target: the figure counts); 5千万 or 1万亿
    would be read as 5 or 10000."""
    if found["magnitude"] and unit.strip() in RATES:
        return False
    return not _NUMERALS.search(found["rest"] or "")


_NUMERALS = re.compile(r"[十百千万萬亿億兆零一二三四五六七八九两]")


def _base(unit: str) -> str:
    """万元 → 元: the unit without its magnitude."""
    return unit[1:] if unit[:1] in _MAGNITUDES and len(unit) > 1 else unit


def _unit_magnitude(unit: str, rest: str) -> int:
    """How many of the figure's ones make one of ``unit``: 万元 counts in ten thousands
    (a figure in 元 or with 万 after it is divided), 项 in ones; a figure written with the
    unit itself (120万元 for 万元) is in that unit already."""
    unit = unit.strip()
    if rest == unit and rest != _base(unit):
        return 1
    return _MAGNITUDES.get(unit[:1], 1) if _base(unit) != unit else 1
