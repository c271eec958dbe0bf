"""The report's title broken into lines as GB/T 9704 asks (7.3.1): 回行时词意完整，排列对称.

Plain wrapping filled each line and split words (《重庆市｜人民政府…发展｜纲要…》). Here the
breaks are chosen over the whole title: never against 禁则 (report/kinsoku.py), gladly
before 关于 and 《 and after 》 and 、, reluctantly inside a word of the policy vocabulary
or of the office's name, each extra line costing something, and a last line of a few
characters avoided; lines of like length read as the 梯形/菱形 the standard wants.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from checklist_app.report.kinsoku import may_break

# Words of policy titles that a line break should not split.
VOCABULARY = (
    "国家标准化发展纲要", "标准化发展纲要", "市场监督管理局", "人民政府办公厅", "人民政府办公室",
    "人民政府", "贯彻落实", "国家标准化",
    "标准化", "发展纲要", "实施意见", "实施方案", "行动计划", "行动措施", "工作方案", "高质量",
    "十四五", "自查报告", "综合改革", "试点建设", "质量强国", "监督管理", "办公厅", "办公室",
    "市场监管局", "省委", "中共", "关于", "国家", "发展", "纲要", "意见", "方案", "情况",
    "标准", "实施", "贯彻", "落实", "推进", "全面", "战略", "建设", "改革", "试点", "通知",
)
GOOD_BEFORE = ("关于", "《", "〈", "情况的")  # a line may well start with these
GOOD_AFTER = ("》", "〉", "、")  # or end with these
POOR_AFTER = {"关于": 60.0, "的": 25.0}  # 关于 leads its object, 的 its noun
POOR_BEFORE = {"的": 40.0}  # and 的 belongs to the words before it
_LATIN = re.compile(r"[0-9A-Za-z'’.,:;-]")  # a Latin word's characters: never split
_PLACE = re.compile(r"[\u4e00-\u9fff]{2,4}?(?:省|自治区|市|区|县)")
_DATE = re.compile(r"\d+(?:年度?|月|日)")  # 2024年度: the year and its 年 on one line

GOOD, PLAIN, INSIDE_WORD = 0.0, 10.0, 60.0  # the cost of a break there
PER_LINE = 30.0  # each line beyond one
SHORT_LAST = 8.0  # per character a last line falls short of a third of a full one
SHORT_INNER = 0.6  # and another line of this share of a full one


def title_lines(title: str, capacity: float, *, names: Iterable[str] = ()) -> list[str]:
    """``title`` as lines of at most ``capacity`` full-width characters (see :func:`_width`),
    the breaks chosen as the module says; ``names`` (the office, the issuer)
    are kept whole like the vocabulary. A title that fits stays one line."""
    if _width(title) <= capacity:
        return [title]
    costs = _break_costs(title, names)
    best: dict[int, tuple[float, list[int]]] = {0: (0.0, [])}
    for end in range(1, len(title) + 1):
        if end < len(title) and costs[end] is None:
            continue
        options = [(cost + _line_cost(title, start, end, capacity, costs), breaks)
                   for start, (cost, breaks) in best.items()
                   if start < end and _width(title[start:end]) <= capacity]
        if options:
            cost, breaks = min(options, key=lambda option: option[0])
            best[end] = (cost, [*breaks, end])
    if len(title) not in best:  # nothing but forced breaks would do: plain wrapping
        return [title]
    ends = best[len(title)][1]
    return [title[start:end].strip() for start, end in zip([0, *ends], ends, strict=False)]


def _line_cost(title: str, start: int, end: int, capacity: float,
               costs: list[float | None]) -> float:
    """What the line ``title[start:end]`` costs: its break, being a line, a short last one."""
    cost = PER_LINE if start else 0.0
    if end < len(title):
        cost += costs[end] or 0.0
        # a first or middle line far shorter than the others: Self-assessment alone
        cost += max(0.0, capacity * SHORT_INNER - _width(title[start:end])) * SHORT_LAST
    elif start:
        cost += max(0.0, capacity / 3 - _width(title[start:end])) * SHORT_LAST
    return cost


def _break_costs(title: str, names: Iterable[str]) -> list[float | None]:
    """Per position (a break before ``title[i]``), its cost; None where 禁则 forbids one."""
    costs: list[float | None] = [PLAIN] * (len(title) + 1)
    for start, end in _words(title, names):
        for inside in range(start + 1, end):
            costs[inside] = INSIDE_WORD
    for position in range(1, len(title)):
        if title.startswith(GOOD_BEFORE, position) or title[:position].endswith(GOOD_AFTER):
            costs[position] = min(costs[position] or PLAIN, GOOD)
        for word, cost in POOR_AFTER.items():
            if title[:position].endswith(word):
                costs[position] = max(costs[position] or PLAIN, cost)
        for word, cost in POOR_BEFORE.items():
            if title.startswith(word, position):
                costs[position] = max(costs[position] or PLAIN, cost)
        before, after = title[position - 1], title[position]
        if before == " ":  # an English title's words: a line may start after a space
            costs[position] = GOOD
        if not may_break(before, after) or after == " " or (
                _LATIN.match(before) and _LATIN.match(after)):
            costs[position] = None
    return costs


def _words(title: str, names: Iterable[str]) -> list[tuple[int, int]]:
    """Spans of the title's words to keep whole: place names, years, ``names``, the
    vocabulary."""
    spans = [match.span() for pattern in (_PLACE, _DATE) for match in pattern.finditer(title)]
    for word in (*[n for n in names if len(n) > 1], *VOCABULARY):
        spans += [(m.start(), m.end()) for m in re.finditer(re.escape(word), title)]
    return spans


def _width(text: str) -> float:  # the spaces a line is trimmed of are not counted
    """In full-width characters: CJK, and punctuation such as —“”…· (a CJK font draws them
    full width); Latin letters and digits a little over half (room to spare, never less)."""
    return sum(1.0 if char >= "\u2000" else 0.6 for char in text.strip())
