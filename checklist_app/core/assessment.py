"""Self-assessment (自查自评) objects: assessments, item states, evidence, mappings, audit."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from checklist_app.core.names import printable
from checklist_app.i18n import N_


class ItemStatus(StrEnum):
    """Item statuses in the words staff use; ``label`` is the gettext msgid."""

    NOT_ASSESSED = "not_assessed"  # 未评估
    NOT_STARTED = "not_started"  # 未启动
    IN_PROGRESS = "in_progress"  # 推进中
    LARGELY_DONE = "largely_done"  # 基本完成
    DONE = "done"  # 已完成
    ONGOING = "ongoing"  # 长期坚持
    NOT_APPLICABLE = "not_applicable"  # 不适用 (needs a justification)

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @property
    def counts_as_complete(self) -> bool:
        """Done and ongoing (长期坚持) tasks count as carried out."""
        return self in (ItemStatus.DONE, ItemStatus.ONGOING)

    @property
    def needs_justification(self) -> bool:
        return self is ItemStatus.NOT_APPLICABLE


_STATUS_LABELS = {
    ItemStatus.NOT_ASSESSED: N_("Not assessed"),
    ItemStatus.NOT_STARTED: N_("Not started"),
    ItemStatus.IN_PROGRESS: N_("In progress"),
    ItemStatus.LARGELY_DONE: N_("Largely done"),
    ItemStatus.DONE: N_("Done"),
    ItemStatus.ONGOING: N_("Ongoing"),
    ItemStatus.NOT_APPLICABLE: N_("Not applicable"),
}

@dataclass(frozen=True, slots=True)
class Progress:
    """Items carried out among those that apply: the figure the app and the report share."""

    complete: int
    applicable: int

    @property
    def rate(self) -> float:
        return self.complete / self.applicable if self.applicable else 0.0


def tally(counts: dict[ItemStatus, int]) -> Progress:
    """Progress from a count per status: 不适用 items leave the denominator, done and
    ongoing (长期坚持) count as carried out, every other status is still to do."""
    applicable = sum(n for status, n in counts.items()
                     if status is not ItemStatus.NOT_APPLICABLE)
    complete = sum(n for status, n in counts.items() if status.counts_as_complete)
    return Progress(complete, applicable)


def progress_of(statuses: Iterable[ItemStatus]) -> Progress:
    """:func:`tally` of a list of statuses (one per item)."""
    return tally(Counter(statuses))


# The order Space cycles through in the item table.
STATUS_CYCLE = (
    ItemStatus.NOT_ASSESSED,
    ItemStatus.NOT_STARTED,
    ItemStatus.IN_PROGRESS,
    ItemStatus.LARGELY_DONE,
    ItemStatus.DONE,
    ItemStatus.ONGOING,
    ItemStatus.NOT_APPLICABLE,
)


NARRATIVE_SECTIONS = (1, 2, 3, 4)  # of the report text: 开展情况, 主要成效, 存在问题, 下一步打算


@dataclass(slots=True)
class Assessment:
    """A self-assessment campaign of one office for one period."""

    id: int
    office: str
    checklist_doc_id: str
    department: str = ""
    period: str = ""
    provincial_doc_id: str | None = None
    national_doc_id: str | None = None
    preparer: str = ""
    reviewer: str = ""
    addressee: str = ""  # 主送机关
    report_date: str = ""  # 成文日期 set by staff (yyyy-mm-dd); "" for the default day
    created_at: str = ""
    closed_at: str | None = None
    carried_from: int | None = None  # the assessment of the period before, carried forward
    # The four narrative sections of the 自查报告: 开展情况, 主要成效, 存在问题, 下一步打算.
    narrative: dict[int, str] = field(default_factory=dict)

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    def same_campaign(self, other: Assessment) -> bool:
        """Another assessment of the same office, checklist and (named) period: a duplicate
        (2025年, 2025 年度 and 二〇二五年度 are one period)."""
        return bool(self.period.strip()) and (
            (self.office.strip(), self.checklist_doc_id, period_key(self.period))
            == (other.office.strip(), other.checklist_doc_id, period_key(other.period)))


def carry_blocker(source: Assessment, assessments: Iterable[Assessment]) -> Assessment | None:
    """The assessment that stops ``source`` being carried forward, if any: the period already
    carried forward from it (carry that one forward: starting again from ``source`` would
    skip its work), or another period of the same office and checklist still open (two
    would be open side by side)."""
    others = [a for a in assessments if a.id != source.id]
    carried = [a for a in others if a.carried_from == source.id]
    if carried:
        return carried[-1]
    return open_period(source, others)


def repeated_by(new: Assessment, assessments: Iterable[Assessment]) -> Assessment | None:
    """Another assessment of ``new``'s office, checklist and period: ``new`` would repeat
    it (counted twice in every figure)."""
    return next((a for a in assessments if a.id != new.id and new.same_campaign(a)), None)


def open_period(new: Assessment, assessments: Iterable[Assessment]) -> Assessment | None:
    """Another assessment of ``new``'s office and checklist that is still open: starting
    ``new`` beside it would have two periods open side by side (close that one and carry it
    forward instead: its statuses, notes and departments come along)."""
    return next((a for a in assessments if not a.is_closed and a.id != new.id
                 and (a.office.strip(), a.checklist_doc_id)
                 == (new.office.strip(), new.checklist_doc_id)), None)


_YEAR_IN_WORDS = re.compile(r"[一二〇零][〇零一二三四五六七八九]{3}(?=年)")
_DIGIT_WORDS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_YEAR_NUMBER = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def period_key(period: str) -> str:
    """A period as compared: full-width forms folded, no spaces, 年度 as 年, a year in
    words in figures (二〇二五年度 → 2025年), a bare year as that year (2025 → 2025年)."""
    folded = unicodedata.normalize("NFKC", period)
    folded = _YEAR_IN_WORDS.sub(lambda year: year[0].translate(_DIGIT_WORDS), folded)
    key = re.sub(r"\s+", "", folded).replace("年度", "年")
    return f"{key}年" if _YEAR_NUMBER.fullmatch(key) else key


def starts_before(period: str, other: str) -> bool:
    """Whether ``period`` begins in an earlier year than ``other`` (2024年度 before
    2025年度); False when either names no year."""
    years = [int(y) for y in _YEAR_NUMBER.findall(period_key(period))]
    others = [int(y) for y in _YEAR_NUMBER.findall(period_key(other))]
    return bool(years and others) and min(years) < min(others)


def next_period(period: str) -> str:
    """The period after ``period``: 2024年度 → 2025年度, 2024年上半年 → 2024年下半年,
    2024年第四季度 → 2025年第一季度, 2024年7-12月 → 2025年1-6月; "" when it names no year
    and no part of one."""
    if (span := _DATED_SPAN.search(period)) is not None:
        return _next_dated_span(period, span)
    within = _next_part_of_year(period)
    if within is not None:
        period, wrapped = within
        if not wrapped or not period:  # "": the next part cannot be told
            return period
    moved, years = re.subn(r"(?<!\d)(?:19|20)\d{2}(?!\d)",
                           lambda year: str(int(year.group()) + 1), period)
    return moved if years else ""


_DATED_SPAN = re.compile(
    r"((?:19|20)\d{2})年(\d{1,2})月(\s*[-－—–~～至到]\s*)((?:19|20)\d{2})年(\d{1,2})月")
_HALF = re.compile(r"[上下]半年")
_QUARTER = re.compile(r"([一二三四1-4])季度")
_QUARTERS_NAMED = re.compile(r"[一二三四1-4][、，,和及至到-][一二三四1-4]季度")  # 第三、四季度
_QUARTERS = "一二三四"
_MONTH_RANGE = re.compile(r"(?<!\d)(\d{1,2})(月?\s*[-－—–~～至到]\s*)(\d{1,2})月")
_MONTH = re.compile(r"(?<![\d\-－—–~～至到])(\d{1,2})月")


def _next_dated_span(period: str, span: re.Match[str]) -> str:
    """2025年1月—2025年12月 → 2026年1月—2026年12月: the span of as many months after it."""
    first = int(span[1]) * 12 + int(span[2]) - 1
    last = int(span[4]) * 12 + int(span[5]) - 1
    if not (1 <= int(span[2]) <= 12 and 1 <= int(span[5]) <= 12 and first <= last):
        return ""
    months = last - first + 1
    start, end = first + months, last + months
    moved = (f"{start // 12}年{start % 12 + 1}月{span[3]}"
             f"{end // 12}年{end % 12 + 1}月")
    return period[:span.start()] + moved + period[span.end():]


def _next_part_of_year(period: str) -> tuple[str, bool] | None:
    """The next half, quarter or months of the year named in ``period``, and whether it
    falls in the next year; None when ``period`` names no part of a year, "" when the
    next part cannot be told (several quarters, months that do not divide the year)."""
    def put(found: re.Match[str], text: str) -> str:
        return period[:found.start()] + text + period[found.end():]

    if half := _HALF.search(period):
        first = half[0] == "上半年"
        return put(half, "下半年" if first else "上半年"), not first
    if _QUARTERS_NAMED.search(period):
        return "", False  # several quarters: no telling which come next
    if quarter := _QUARTER.search(period):
        digit = quarter[1]
        number = int(digit) if digit.isdigit() else _QUARTERS.index(digit) + 1
        following = number % 4 + 1
        shown = str(following) if digit.isdigit() else _QUARTERS[following - 1]
        return put(quarter, f"{shown}季度"), number == 4
    if (months := _MONTH_RANGE.search(period)) and 1 <= int(months[1]) <= int(months[3]) <= 12:
        start, end = int(months[1]), int(months[3])
        first = end + 1 if end < 12 else 1
        last = first + end - start
        if last > 12:  # 1-8月: the next eight months run into the next year
            return "", False
        return put(months, f"{first}{months[2]}{last}月"), end == 12
    if (month := _MONTH.search(period)) and period.count("月") == 1 and 1 <= int(month[1]) <= 12:
        number = int(month[1])
        return put(month, f"{number % 12 + 1}月"), number == 12
    return None


@dataclass(slots=True)
class ItemState:
    """What an office recorded for one item in one assessment."""

    assessment_id: int
    node_id: str
    status: ItemStatus = ItemStatus.NOT_ASSESSED
    justification: str = ""  # 说明/理由, required for 不适用
    ticked_actions: frozenset[int] = frozenset()
    note: str = ""
    responsible_department: str = ""
    responsible_person: str = ""
    due_date: str | None = None  # ISO date
    actual_values: tuple[float | None, ...] = ()  # one per target of the item, in order
    needs_review: bool = False  # set when a revised document changed the item's text
    updated_by: str = ""
    updated_at: str = ""

    def actual(self, target_index: int) -> float | None:
        """The actual value recorded for the item's target at ``target_index``."""
        if 0 <= target_index < len(self.actual_values):
            return self.actual_values[target_index]
        return None

    def with_actual(self, target_index: int, value: float | None) -> tuple[float | None, ...]:
        """The actual values with one target's value replaced (trailing blanks dropped)."""
        values = list(self.actual_values)
        values.extend([None] * (target_index + 1 - len(values)))
        values[target_index] = value
        return trim_actual_values(values)


def trim_actual_values(values: Iterable[float | None]) -> tuple[float | None, ...]:
    """Actual values without the blank ones at the end (no value known for those targets)."""
    result = list(values)
    while result and result[-1] is None:
        result.pop()
    return tuple(result)


@dataclass(frozen=True, slots=True)
class Evidence:
    """A file that proves an item was done (佐证材料), stored inside the workspace."""

    id: int
    sha256: str
    file_name: str
    mime_type: str
    size: int
    description: str = ""
    added_by: str = ""
    added_at: str = ""

    @property
    def short_hash(self) -> str:
        return self.sha256[:12]

    @property
    def shown_name(self) -> str:
        """The file name as messages give it: hidden characters written out."""
        return printable(self.file_name)


def same_content(evidence: Evidence, others: Iterable[Evidence]) -> Evidence | None:
    """Another file among ``others`` with ``evidence``'s content (under another name)."""
    return next((o for o in others if o.sha256 == evidence.sha256 and o.id != evidence.id),
                None)


class Relation(StrEnum):
    """Set relation of a mapping, as in OSCAL mapping collections."""

    EQUAL = "equal"
    SUBSET = "subset"
    SUPERSET = "superset"
    INTERSECT = "intersect"
    NOT_RELATED = "not_related"


class RationaleKind(StrEnum):
    SYNTACTIC = "syntactic"
    SEMANTIC = "semantic"
    FUNCTIONAL = "functional"


class MappingSource(StrEnum):
    CURATED = "curated"  # shipped with the app
    SUGGESTED = "suggested"  # computed, not yet confirmed
    USER = "user"  # set by staff
    INFERRED = "inferred"  # derived through an intermediate document


@dataclass(frozen=True, slots=True)
class Mapping:
    """A link from a local node to the higher-level clause it implements (对照)."""

    from_node_id: str
    to_node_id: str
    relation: Relation = Relation.SUBSET
    strength: int = 8
    rationale: RationaleKind = RationaleKind.SEMANTIC
    source: MappingSource = MappingSource.CURATED
    note: str = ""
    confirmed_by: str = ""
    confirmed_at: str = ""
    via_node_id: str | None = None  # the intermediate clause of an inferred mapping

    @property
    def key(self) -> tuple[str, str, str, MappingSource]:
        """What tells one stored mapping from another (the workspace's primary key)."""
        return (self.from_node_id, self.to_node_id, self.via_node_id or "", self.source)


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One append-only, hash-chained record of a change."""

    seq: int
    at: str
    user: str
    action: str
    entity: str
    entity_id: str
    before: str | None
    after: str | None
    prev_hash: str
    hash: str
