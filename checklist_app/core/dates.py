"""Dates as staff type them: 2025-12-31, 20251231, 2025/12/31, 2025年12月31日."""

from __future__ import annotations

import re
import unicodedata
from calendar import monthrange
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from checklist_app.core.assessment import ItemStatus
from checklist_app.core.model import Node, Phase, local_date
from checklist_app.i18n import _

# The years a date typed by staff may fall in: the policies run from 2021 to 2035, and a
# slip of the keyboard (0001-01-01, 2205-06-30) would otherwise be kept as a due date.
EARLIEST_YEAR, LATEST_YEAR = 2000, 2099


class DateOutOfRange(ValueError):
    """A date (yyyy-mm-dd) in a year before EARLIEST_YEAR or after LATEST_YEAR."""

    def __init__(self, day: str) -> None:
        super().__init__(f"{day} is outside the years {EARLIEST_YEAR} to {LATEST_YEAR}")


def years_taken() -> str:
    """Why a date outside the years staff may type is refused, in the user's language."""
    return _("Dates run from the year {first} to {last}: check the year.").format(
        first=EARLIEST_YEAR, last=LATEST_YEAR)


_DIGITS_ONLY = re.compile(r"(\d{4})(\d{2})(\d{2})")
_SEPARATED = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


def parse_due_date(text: str) -> str | None:
    """The date ``text`` writes, as ``yyyy-mm-dd``; None when empty (or "无"). A month,
    quarter, half or year (2024年12月底, 2025年底前) stands for its last day.

    Full-width digits and punctuation (an input method's) count as their plain forms.
    Raises ValueError when the text is not a date of the calendar, DateOutOfRange when its
    year is not one of EARLIEST_YEAR to LATEST_YEAR.
    """
    cleaned = unicodedata.normalize("NFKC", text).strip()
    if not cleaned or cleaned.lower() in {"无", _("none").lower()}:
        return None
    found = _written_day(cleaned)
    return _iso_day(found) if found is not None else _typed_period(cleaned)


def parse_day(text: str) -> str | None:
    """The day ``text`` writes (2025-12-31, 20251231, 2025/12/31, 2025年12月31日), as
    ``yyyy-mm-dd``; None when empty. Raises ValueError for anything else: a month or a
    year names no day (a report is signed on one); DateOutOfRange as parse_due_date."""
    cleaned = unicodedata.normalize("NFKC", text).strip()
    if not cleaned:
        return None
    found = _written_day(cleaned)
    if found is None:
        raise ValueError(f"not a day: {text!r}")
    return _iso_day(found)


def _written_day(cleaned: str) -> re.Match[str] | None:
    return _DIGITS_ONLY.fullmatch(cleaned) or _SEPARATED.fullmatch(cleaned)


def _iso_day(found: re.Match[str]) -> str:
    """The day ``found`` writes; DateOutOfRange for a year not taken (0000-01-01 too, no
    year of the calendar), ValueError for no day of the calendar (2025-02-30)."""
    year, month, day = (int(part) for part in found.groups())
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise DateOutOfRange(f"{year:04d}-{month:02d}-{day:02d}")
    return date(year, month, day).isoformat()


# A document's deadline (完成时限:2024年12月底, 到2025年, 第一階段(2018年)): the end of the
# period it names, the day the office's work on the item is due by. A range (2023年至2025年,
# 2024年1-6月, 10月至12月) is due at its end.
_DEADLINE = re.compile(
    r"(?P<year>20\d{2})\s*年\s*(?:(?P<month>\d{1,2})\s*月?\s*(?:[-—–~至到]\s*"
    r"(?P<month_end>\d{1,2})\s*)?月\s*(?:(?P<day>\d{1,2})\s*日)?"
    r"|(?P<half>上半年|下半年)|第?(?P<quarter>[一二三四1-4])\s*(?:季度|季))?")
# 截至2022年底 states where things stood; 2024年起 starts something: neither is a deadline.
_NOT_DUE_BEFORE = ("截至", "截止")
_NOT_DUE_AFTER = re.compile(r"\s*(?:底|末)?\s*(?:起|以来|开始|開始)")
_PERIOD_END = re.compile(r"(?:底|末)?\s*(?:之?前)?$")
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4}


def deadline_date(text: str) -> str | None:
    """The last day of the period ``text`` names (``yyyy-mm-dd``), None without a year.

    2024年12月底 → 2024-12-31, 2024年9月 → 2024-09-30, 2024年6月30日前 → 2024-06-30,
    2024年上半年 → 2024-06-30, 2024年第三季度 → 2024-09-30, 到2025年 → 2025-12-31; of
    several, the last (2023年至2025年 → 2025-12-31).
    """
    text = unicodedata.normalize("NFKC", text)
    found = [when for match in _DEADLINE.finditer(text)
             if _is_due(text, match) and (when := _period_end(match))]
    return max(found) if found else None


def _is_due(text: str, match: re.Match[str]) -> bool:
    return not (text[:match.start()].rstrip().endswith(_NOT_DUE_BEFORE)
                or _NOT_DUE_AFTER.match(text, match.end()))


def _period_end(found: re.Match[str]) -> str | None:
    year, month = int(found["year"]), 12
    if found["month"]:
        month = int(found["month_end"] or found["month"])
    elif found["half"] == "上半年":
        month = 6
    elif found["quarter"]:
        month = 3 * int(_QUARTERS.get(found["quarter"], found["quarter"]))
    if not 1 <= month <= 12:
        return None
    last_day = monthrange(year, month)[1]
    day = int(found["day"]) if found["day"] and not found["month_end"] else last_day
    try:
        return date(year, month, day).isoformat()
    except ValueError:  # 2月30日: no such day, no deadline read
        return None


def _typed_period(text: str) -> str:
    """A period typed as documents write it (2024年12月底, 2025年底前, 2024年上半年): its
    last day. Raises ValueError for anything else."""
    found = _DEADLINE.fullmatch(_PERIOD_END.sub("", text))
    when = _period_end(found) if found else None
    if when is None:
        raise ValueError(text)
    return when


def _earliest_stage(phases: Iterable[Phase]) -> tuple[str, str] | None:
    """The earliest deadline of an item's document stages with the stage's words."""
    dated = [(when, phase.text) for phase in phases if (when := deadline_date(phase.text))]
    return min(dated) if dated else None


# A task's own deadline line (完成时限:2024年12月底, 时间节点:长期坚持), as documents label it.
DEADLINE_LABELS = r"完成(?:时限|時限|时间|時間|期限)|时间节点|時間節點|时限要求|時限要求"
# A task's deadline line, on a line of its own or after the departments in their bracket
# ((牵头单位:A;完成时限:长期坚持)), up to the end of its sentence.
_DEADLINE_LINE = re.compile(
    rf"(?:^|(?<=[(（;；,，。]))\s*(?P<label>{DEADLINE_LABELS})\s*[:：]\s*"
    rf"(?P<words>[^\n。;；)）]*)", re.MULTILINE)
# A deadline closing the departments' bracket without a label: (A牵头,B配合,长期坚持).
_BRACKET_DEADLINE = re.compile(
    r"(?<=负责|負責|牵头|牽頭|配合|落实|落實)[,，]\s*(?P<label>)(?P<words>[^\n。;；,，()（）]{2,16})"
    r"(?=[)）])")
# What such a bracket says for a deadline with no date; other words there are no deadline
# ((A局负责,做好记录)).
BRACKET_STANDING = frozenset({"长期坚持", "長期堅持", "持续推进", "持續推進", "长期推进",
                              "持续实施", "常态化推进", "长期"})
# a year, in figures or in words (二〇二四年), or short (24年底): a date, only not one read
_YEAR = re.compile(r"(?:19|20)\d{2}|[一二〇零][〇零一二三四五六七八九]{3}年|\d{2}年")
_YEAR_IN_WORDS = re.compile(r"[一二〇零][〇零一二三四五六七八九]{3}(?=年)")
_DIGIT_WORDS = str.maketrans("〇零一二三四五六七八九", "00123456789")
STANDING_CHARS = 12  # 长期坚持, 持续推进, 每年12月底前: short words; longer ones say something else


class DocumentDeadline(NamedTuple):
    """The deadline an item's document sets: its day (None: no date) and the words it is
    read from (完成时限:2025年底前, 到2025年; 长期坚持 for a deadline with no date)."""

    date: str | None
    words: str

    @property
    def standing(self) -> bool:
        """A deadline line with no date (长期坚持): the task runs on, never overdue."""
        return self.date is None and bool(self.words)


def standing_deadline(text: str) -> str:
    """The words of a 完成时限 line that names no year (长期坚持, 持续推进, 每年年底前): the
    task runs on without a due date. "" when the text has no such line."""
    for line in _deadline_lines(text):
        if (deadline := _line_deadline(line)) is not None and deadline.standing:
            return deadline.words
    return ""


def document_deadline(node: Node) -> DocumentDeadline:
    """The item's own 完成时限 line first: its date, or for 长期坚持 none, whatever year the
    task's words name (到2025年团体标准达到15项以上 was due 2025-12-31 and overdue); else
    the earliest of the document's stages (到2025年 before 到2035年)."""
    for line in _deadline_lines(node.text):
        if (deadline := _line_deadline(line)) is not None:
            return deadline
    earliest = _earliest_stage(node.phases)
    return DocumentDeadline(*earliest) if earliest else DocumentDeadline(None, "")


def _deadline_lines(text: str) -> list[re.Match[str]]:
    """The text's deadline lines, those opening a line before those in a sentence or bracket
    (压缩办理时限,完成时间:由5个工作日压缩至3个工作日 is no deadline of the task's)."""
    text = unicodedata.normalize("NFKC", text)
    found = list(_DEADLINE_LINE.finditer(text))
    labelled = sorted(found, key=lambda line: not (line.start() == 0
                                                   or text[line.start() - 1] == "\n"))
    return labelled + list(_BRACKET_DEADLINE.finditer(text))


def _line_deadline(line: re.Match[str]) -> DocumentDeadline | None:
    """A deadline line's date (a year in words read as figures: 二〇二四年底), or its words
    when they name no year; None when they say something else."""
    words = line["words"].strip().rstrip(",，")
    labelled = f"{line['label'] or '完成时限'}:{words}"
    when = deadline_date(_YEAR_IN_WORDS.sub(
        lambda year: year.group().translate(_DIGIT_WORDS), words))
    if when is not None:
        return DocumentDeadline(when, labelled)
    if not line["label"] and words not in BRACKET_STANDING:
        return None  # in a bracket without a label, only the usual words are a deadline
    first = re.split(r"[,，]", words, maxsplit=1)[0].strip()  # 长期坚持,每年报送进展
    if first and len(first) <= STANDING_CHARS and not _YEAR.search(words):
        return DocumentDeadline(None, first)
    return None


def today() -> date:
    """The computer's date, asked through here so that tests can set the day."""
    return date.today()


def dated_day(report_date: str, closed_at: str | None) -> date | None:
    """The 成文日期 an assessment's report bears: the day staff set, else the closing day
    (a reprint matches the stamped copy); None for the day the report is made."""
    if report_date:
        return date.fromisoformat(report_date)
    return local_date(closed_at) if closed_at else None


def judging_day(closed_at: str | None, report_date: str = "") -> date:
    """The day overdue items are judged on: a closed assessment's report's date (the
    成文日期 set, else the closing day), else today (an open one's report counts them on
    its 成文日期, the window as things stand)."""
    return (dated_day(report_date, closed_at) if closed_at else None) or today()


def is_overdue(status: ItemStatus, due: str | None, day: date) -> bool:
    """Whether an item is past its due date (``yyyy-mm-dd``) on ``day`` and neither done nor
    marked 不适用: the report counts these and the window marks them."""
    if status.counts_as_complete or status is ItemStatus.NOT_APPLICABLE or not due:
        return False
    try:
        return date.fromisoformat(due[:10]) < day
    except ValueError:
        return False
