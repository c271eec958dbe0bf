"""What offices work by, pulled out of a clause: departments, action sentences, targets, phases."""

from __future__ import annotations

import re

from checklist_app.core import Comparator, Phase, Target

# "(市科技局、市经济信息委、市市场监管局等按职责分工负责)" at the end of a task.
_DEPARTMENT_PAREN = re.compile(
    r"\((?P<body>[^()]{2,200}?(?:负责|負責|落实|落實|牵头|牽頭|配合|承担|承擔))\)\s*$"
)
# Sentence-final forms without parentheses: "…,各区县政府落实。"
_DEPARTMENT_TAIL = re.compile(
    r"(?P<body>(?:市政府各部门|各区县政府|各区县\(自治县\)政府|各有关部门|各地区各部门)"
    r"(?:按职责分工)?(?:负责|落实))。?$"
)
_DEPARTMENT_SUFFIX = re.compile(
    r"(?:等)?(?:按照?职责分工|按職責分工)?(?:负责|負責|落实|落實|承担|承擔)$"
)
_DEPARTMENT_SPLIT = re.compile(r"[、,;]|(?:牵头|牽頭|配合)")

_SENTENCE_END = re.compile(r"(?<=[。;；])")


def split_departments(text: str) -> tuple[str, list[str]]:
    """Return the text without its trailing department list, and the departments."""
    match = _DEPARTMENT_PAREN.search(text) or _DEPARTMENT_TAIL.search(text)
    if match is None:
        return text, []
    parts = _DEPARTMENT_SPLIT.split(match.group("body"))
    departments = [_DEPARTMENT_SUFFIX.sub("", part.strip()).strip() for part in parts]
    departments = [part for part in departments if part]
    if not departments:
        return text, []
    return text[: match.start()].rstrip(), departments


def action_sentences(text: str) -> list[str]:
    """Sub-items: each sentence ending in 。 or ；, department list excluded."""
    body, _ = split_departments(text)
    sentences = []
    for paragraph in body.split("\n"):
        parts = _SENTENCE_END.split(paragraph)
        if paragraph.lstrip().startswith("——") and len(parts) > 1:
            parts = parts[1:]  # "——全域标准化深度发展。" heads a bullet: a title, not an action
        for sentence in parts:
            sentence = sentence.strip().lstrip("—").strip()
            if len(sentence) > 1:
                sentences.append(sentence)
    return sentences


# --- numeric targets ---------------------------------------------------------------------

_NUMBER = r"(?P<value>\d+(?:\.\d+)?)"
_UNIT = (
    r"(?P<unit>%|个月|個月|个|個|项|項|家|名|人|万人|万|萬|亿元|億元|所|座|类|類|件|次|倍|天|小时)"
)
_QUALIFIER = r"(?P<qual>以上|以内|以內|以下|左右)"
_VERB = (
    r"(?:达到|達到|提高到|提升到|提高至|提升至|缩短至|縮短至|缩短到|控制在|降低到|降至|不低于|不低於"
    r"|不少于|不少於|超过|超過|不超过|不超過|新增|培育|培养|培養|建成|建设|建設|争创|爭創|制定|制修订"
    r"|主导或参与制修订|主導或參與制修訂|发布|發布|打造|成立|创建|創建|形成|累计|累計|力争|力爭)"
)
_TARGET = re.compile(rf"(?P<verb>{_VERB})?[^,，;；。0-9]{{0,16}}?{_NUMBER}{_UNIT}(?:{_QUALIFIER})?")
_AT_MOST_WORDS = ("以内", "以內", "以下", "不超过", "不超過", "控制在", "缩短至", "縮短至")
_AT_LEAST_WORDS = ("以上", "不低于", "不低於", "不少于", "不少於", "超过", "超過")
_YEAR = re.compile(r"(?:到|至|截至|截止)?(?P<year>20\d{2})年(?:底|末)?")
_FRAGMENT_END = re.compile(r"[,，;；。]")


def find_targets(text: str) -> list[Target]:
    """Numeric goals such as 国际标准转化率达到85%以上 or 平均制定周期缩短至18个月以内."""
    targets: list[Target] = []
    year_so_far: int | None = None  # "到2025年," opens a paragraph; "——…" bullets follow it
    for paragraph in text.split("\n"):
        for match in _TARGET.finditer(paragraph):
            target = _target_from_match(paragraph, match, year_so_far)
            if target is not None:
                targets.append(target)
        years = _YEAR.findall(paragraph)
        year_so_far = int(years[-1]) if years else year_so_far
    return targets


def _target_from_match(
    paragraph: str, match: re.Match[str], default_year: int | None
) -> Target | None:
    verb, qualifier = match.group("verb"), match.group("qual")
    if not verb and not qualifier and match.group("unit") != "%":
        return None
    fragment = _fragment_around(paragraph, match.start("value"), match.end())
    comparator = _comparator(fragment)
    return Target(
        text=fragment,
        value=float(match.group("value")),
        unit=match.group("unit"),
        comparator=comparator,
        year=_year_before(paragraph, match.start()) or default_year,
    )


def _fragment_around(paragraph: str, start: int, end: int) -> str:
    left = max((m.end() for m in _FRAGMENT_END.finditer(paragraph, 0, start)), default=0)
    right_match = _FRAGMENT_END.search(paragraph, end)
    right = right_match.start() if right_match else len(paragraph)
    return paragraph[left:right].strip().lstrip("—").strip()


def _comparator(fragment: str) -> Comparator:
    if any(word in fragment for word in _AT_MOST_WORDS):
        return Comparator.AT_MOST
    if any(word in fragment for word in _AT_LEAST_WORDS):
        return Comparator.AT_LEAST
    return Comparator.EQUAL


def _year_before(paragraph: str, position: int) -> int | None:
    """The deadline year: the last 到20XX年 before the target in its paragraph, or after it."""
    before = [int(m.group("year")) for m in _YEAR.finditer(paragraph, 0, position)]
    if before:
        return before[-1]
    after = _YEAR.search(paragraph, position)
    return int(after.group("year")) if after else None


# --- phases and deadlines ----------------------------------------------------------------

_PHASE_TITLE = re.compile(
    r"第[一二三四五六七八九十]+阶段\((?P<year>20\d{2})年\)|第[一二三四五六七八九十]+階段\((?P<year2>20\d{2})年\)"
)
_DEADLINE = re.compile(r"(?:到|至|截至)(?P<year>20\d{2})年(?:底|末)?")


def find_phases(title: str, text: str) -> list[Phase]:
    """Guangdong's 第一阶段(2018年) stages and every 到20XX年 deadline, one per year."""
    phases: dict[int, Phase] = {}
    title_match = _PHASE_TITLE.search(title)
    if title_match:
        year = int(title_match.group("year") or title_match.group("year2"))
        phases[year] = Phase(year, title)
    for paragraph in text.split("\n"):
        for match in _DEADLINE.finditer(paragraph):
            year = int(match.group("year"))
            if year not in phases:
                phases[year] = Phase(year, _fragment_around(paragraph, match.start(), match.end()))
    return sorted(phases.values(), key=lambda phase: phase.year)
