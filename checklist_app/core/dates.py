"""Dates as staff type them: 2025-12-31, 20251231, 2025/12/31, 2025年12月31日."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from checklist_app.i18n import _

_DIGITS_ONLY = re.compile(r"(\d{4})(\d{2})(\d{2})")
_SEPARATED = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


def parse_due_date(text: str) -> str | None:
    """The date ``text`` writes, as ``yyyy-mm-dd``; None when empty (or "无").

    Full-width digits and punctuation (an input method's) count as their plain forms.
    Raises ValueError when the text is not a date of the calendar.
    """
    cleaned = unicodedata.normalize("NFKC", text).strip()
    if not cleaned or cleaned.lower() in {"无", _("none").lower()}:
        return None
    found = _DIGITS_ONLY.fullmatch(cleaned) or _SEPARATED.fullmatch(cleaned)
    if found is None:
        raise ValueError(cleaned)
    year, month, day = (int(part) for part in found.groups())
    return date(year, month, day).isoformat()  # ValueError for 2025-02-30
