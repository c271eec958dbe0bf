"""Actual values as staff type them: ``1,250``, ``１２．５``, ``85%``, ``1.2万``, ``3亿元``.

One reader for the desktop app's target fields and ``checklist set --value``: a figure with
a 万 or 亿 after it is that many (1.2万 项 is 12000 项; 1.2亿 of a target in 万元 is 12000 万元),
and anything it cannot read for sure (3，5, 1e5, 两万, a figure too large for any target) is
refused with the reason, never read as another number.
"""

from __future__ import annotations

import math
import re

from checklist_app.i18n import _

_FULL_WIDTH = str.maketrans("０１２３４５６７８９，。．％－＋", "0123456789,..%-+")
_MAGNITUDES = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}
_AMOUNT = re.compile(
    r"(?P<number>[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?)\s*"
    r"(?P<magnitude>[万萬亿億])?\s*(?P<rest>%|[\u4e00-\u9fff]{1,4})?")
MAX_AMOUNT = 1e15  # past any target an office sets; 99999999999999999999 was kept as 1e20


def read_amount(text: str, unit: str = "") -> float | None:
    """The number ``text`` states, in ``unit`` (a target's: 项, 万元, %); None when blank.

    Raises ValueError, its message in the user's words, for what is not a number.
    """
    plain = text.strip().translate(_FULL_WIDTH)
    if not plain:
        return None
    found = _AMOUNT.fullmatch(plain)
    if found is None or not re.search(r"\d", found["number"]):
        raise ValueError(_("{text} is not a number: write figures (12, 3.5, 1.2万 or 80%); "
                           "a comma only between thousands (1,250).").format(text=text))
    value = float(found["number"].replace(",", ""))
    if found["magnitude"]:
        value *= _MAGNITUDES[found["magnitude"]] / _unit_magnitude(unit)
    if not math.isfinite(value) or abs(value) >= MAX_AMOUNT:
        raise ValueError(_("{text} is too large for an actual value.").format(text=text))
    return value


def _unit_magnitude(unit: str) -> float:
    """万元 counts in ten thousands, 亿元 in hundred millions, 项 in ones."""
    return _MAGNITUDES.get(unit.strip()[:1], 1.0)
