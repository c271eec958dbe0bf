"""What offices work by, pulled out of a clause: departments, action sentences, targets, phases."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from checklist_app.core import Comparator, Phase, Target
from checklist_app.core.dates import BRACKET_STANDING, DEADLINE_LABELS
from checklist_app.importer.headings import chinese_number

# "(市科技局、市经济信息委、市市场监管局等按职责分工负责)" at the end of a task; words after
# the list go: (A局负责,2024年起每年开展).
_ROLE_VERBS = r"(?:负责|負責|落实|落實|牵头|牽頭|配合|承担|承擔)"
_DEPARTMENT_PAREN = re.compile(
    rf"\((?P<body>(?:[^()\n]|\([^()\n]*\)){{2,200}}?{_ROLE_VERBS})"
    rf"(?:[,;](?![^()\n]*{_ROLE_VERBS})[^()\n]{{1,30}})?\)[ \t]*$",
    re.MULTILINE,
)
# A bracket of names alone closing a task: (区市场监管局、区经济信息委). Each name starts
# with its level or 各 and ends as a unit does, so (试行), (2023年) or (以下简称…局) are none.
_UNIT_NAME = (r"(?:[省市区區县縣州]|各)[\u4e00-\u9fff]{1,20}?"
              r"(?:局|委|委员会|委員會|办|辦|办公室|辦公室|厅|廳|部|部门|部門|院|政府|中心|"
              r"管委会|管委會|支队|支隊|大队|大隊|公司|集团|集團|银行|銀行|街道|镇街|鎮街|乡镇|鄉鎮)")
_NAMES_PAREN = re.compile(
    rf"\((?P<body>{_UNIT_NAME}(?:[、,，]{_UNIT_NAME}){{0,20}}(?:等)?)\)[。;]?[ \t]*$",
    re.MULTILINE)
# Sentence-final forms without parentheses: "…,各区县政府落实。"
_DEPARTMENT_TAIL = re.compile(
    r"(?P<body>(?:市政府各部门|各区县政府|各区县\(自治县\)政府|各有关部门|各地区各部门)"
    r"(?:按职责分工)?(?:负责|落实))。?$"
)
# The task's last sentence naming who does it, with no bracket: 区经济信息委牵头，区市场监管局
# 配合。 Only unit names and role words: a sentence of work (区市场监管局牵头制定…) is none.
# A name here runs across no other word (市市场监管局会同市发展改革委负责 is no one name).
_PLAIN_UNIT = _UNIT_NAME.replace(r"[\u4e00-\u9fff]{1,20}?",
                                 r"(?:(?!会同|會同|等|和|及|与|與)[\u4e00-\u9fff]){1,20}?")
_UNITS = rf"{_PLAIN_UNIT}(?:[、,，]{_PLAIN_UNIT}){{0,20}}"
_ROLES_SENTENCE = re.compile(
    rf"(?:^|(?<=[。；;]))[ \t]*(?P<body>{_UNITS}(?:牵头|牽頭|负责|負責)"
    rf"(?:[,，]{_UNITS}配合)?)。?[ \t]*$", re.MULTILINE)
_DEPARTMENT_SUFFIX = re.compile(
    r"(?:等)?(?:按照?职责分工|按職責分工)?(?:负责|負責|落实|落實|承担|承擔)$"
)
_DEPARTMENT_SPLIT = re.compile(r"[、,;；，]|(?:牵头|牽頭|配合)")

_SENTENCE_END = re.compile(r"(?<=[。;；])")

# Lines that name a task's departments or deadline, as a task table's columns read
# (责任单位:市市场监管局, 完成时限:2024年12月底): facts about the task, not actions.
_DEPARTMENT_LABELS = (r"(?:[省市区區县縣](?:级|級))?(?:主要)?"
                      r"(?:责任|責任|牵头|牽頭|配合|主责|主責|协办|協辦)"
                      r"(?:单位|單位|部门|部門|处室|處室)")
_DEADLINE_LABELS = DEADLINE_LABELS
# "(牵头单位:市市场监管局;配合单位:市科技局)" closing a task: the labels go, the names stay
# (a name may hold a bracket of its own: 区市场监管局(区知识产权局)).
_DEPARTMENT_LABEL = re.compile(rf"{_DEPARTMENT_LABELS}[:：]\s*")
_LABELLED_PAREN = re.compile(
    rf"\((?P<body>{_DEPARTMENT_LABELS}[:：](?:[^()\n]|\([^()\n]*\)){{2,200}}?)\)[。;]?[ \t]*$",
    re.MULTILINE)
_DEPARTMENT_LINE = re.compile(rf"^(?:{_DEPARTMENT_LABELS})[:：]\s*(?P<body>.+)$", re.MULTILINE)
_DEADLINE_LINE = re.compile(rf"^(?:{_DEADLINE_LABELS})[:：]\s*(?P<body>.+)$", re.MULTILINE)
# A task table's column as a line of its own (责任单位:…, 完成时限:…, 工作要求:…).
_LABELLED_LINE = re.compile(r"^\s*[\u4e00-\u9fff]{2,6}[:：]")
_TRAILING_ETC = re.compile(r"等$")
# Who leads a task: 牵头单位:A (a label), or A牵头 (,B配合) in the department list.
_LEAD_LABEL = re.compile(
    r"\s*(?:[省市区區县縣](?:级|級))?(?:牵头|牽頭)(?:单位|單位|部门|部門|处室|處室)\s*[:：]\s*")
_LEAD_MARK = re.compile(r"\s*[(（](?:牵头|牽頭)[)）]")  # after a name: 区市场监管局(牵头)
_LED = "\ue000"  # stands for that mark while a list is split (its 牵头 would split it)
_LEAD_VERB = re.compile(r"(?P<names>[^:：]+?)(?:牵头|牽頭)(?:负责|負責)?")


@dataclass(frozen=True, slots=True)
class DepartmentList:
    """A clause's text without its department list, the departments it names, and those of
    them it names as leading (牵头单位: A; A牵头, B配合)."""

    text: str
    departments: list[str]
    leads: list[str]


def split_departments(text: str) -> tuple[str, list[str]]:
    """Return the text without its trailing department list, and the departments (those of
    ``责任单位:…`` lines too)."""
    found = find_departments(text)
    return found.text, found.departments


def find_departments(text: str) -> DepartmentList:
    """The text without its trailing department list, the departments (those of
    ``责任单位:…`` lines too) and which of them lead."""
    match = (_last(_DEPARTMENT_PAREN, text) or _last(_LABELLED_PAREN, text)
             or _last(_NAMES_PAREN, text) or _DEPARTMENT_TAIL.search(text)
             or _last(_ROLES_SENTENCE, text))
    departments = _named_in(match.group("body")) if match is not None else []
    if match is None or not departments:
        return _marked(*_department_lines(text))
    rest, listed, line_leads = _department_lines(text[match.end():])  # 完成时限:… after it
    return _marked(text[: match.start()].rstrip() + rest, departments + listed,
                   _leads_in(match.group("body")) + line_leads)


def _marked(text: str, departments: list[str], leads: list[str]) -> DepartmentList:
    """The list with a name's own mark taken off and counted (区市场监管局(牵头)), each
    name once, the leads in the list's order."""
    names, led = [], set(leads)
    for name in departments:
        if name.endswith(_LED):
            name = name.removesuffix(_LED)
            led.add(name)
        names.append(name)
    names = list(dict.fromkeys(_shared_suffix(names)))
    return DepartmentList(text, names, [name for name in names if name in led])


_BARE_PLACE = re.compile(r"^[\u4e00-\u9fff]{1,6}(?:市|区|區|县|縣|旗)$")
_PLACED_BODY = re.compile(r"^[\u4e00-\u9fff]{1,6}?(?:市|区|區|县|縣|旗)(?P<body>\S{2,})$")


def _shared_suffix(names: list[str]) -> list[str]:
    """A place standing alone before a unit of the same kind shares its name's end:
    海城市、大石桥市人民政府 are 海城市人民政府 and 大石桥市人民政府 (海城市 alone read as a
    town, not a department)."""
    shared = list(names)
    for position in range(len(shared) - 2, -1, -1):
        after = _PLACED_BODY.match(shared[position + 1])
        if _BARE_PLACE.match(shared[position]) and after is not None:
            shared[position] += after["body"]
    return shared


def _leads_in(body: str) -> list[str]:
    """The departments a bracket names as leading: 牵头单位:A、B;配合单位:C, or A牵头,B配合."""
    leads = []
    for part in re.split(r"[;；,，]", body):
        part = part.strip()
        labelled = _LEAD_LABEL.match(part)
        if labelled:
            leads += _names(part[labelled.end():])
        elif (named := _LEAD_VERB.fullmatch(part)) is not None:
            leads += _names(named["names"])
    return leads


def _names(listed: str) -> list[str]:
    return _cleaned(re.split(r"[、,，\s]+", _joint_places(listed)))


def _cleaned(names: Iterable[str]) -> list[str]:
    """Department names without 负责/按职责分工 after them or a closing 等; empty ones go;
    a joint name kept whole (see :func:`_joint_places`)."""
    cleaned = (_TRAILING_ETC.sub("", _DEPARTMENT_SUFFIX.sub("", name.strip()).strip())
               for name in names)
    return [name.replace(_JOINT, "、") for name in cleaned if name]


# A place word alone before 、 (各区、县（市）政府, 各乡、镇、街道): one joint name, not 各区
# and 县(市)政府. Only a whole part (two江新区、高新区 are units of their own; 市牵头 splits).
_JOINT_PLACE = re.compile(r"(?<![\u4e00-\u9fff])(各?[区區县縣市镇鎮乡鄉])、")
_JOINT = "\u2063"  # holds a joint name's 、 through the split (an invisible separator)


def _joint_places(listed: str) -> str:
    """``listed`` with the 、 after a place word alone held, so the split keeps it."""
    return _JOINT_PLACE.sub(rf"\1{_JOINT}", listed)


# Where a bracket's parts part: at ; or before another label (…局,完成时限:2025年底).
_BRACKET_PARTS = re.compile(r"[;；]|[,，](?=\s*[\u4e00-\u9fff]{2,6}[:：])")
_OTHER_LABEL = re.compile(rf"^\s*(?!{_DEPARTMENT_LABELS})[\u4e00-\u9fff]{{2,6}}[:：]")


def _named_in(body: str) -> list[str]:
    """The departments a bracket lists, without labels, 等, or the deadline and other facts
    it also gives (责任单位:A,完成时限:2025年底; 工作要求:…)."""
    body = _LEAD_MARK.sub(_LED, body)
    parts = [part for part in _BRACKET_PARTS.split(body) if not _OTHER_LABEL.match(part)]
    return _cleaned(_DEPARTMENT_SPLIT.split(
        _joint_places(_DEPARTMENT_LABEL.sub("", ";".join(parts)))))


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The last match of ``pattern`` closing a line: the text's last line, or one that only
    labelled lines follow (完成时限:2023年12月底前)."""
    found = None
    for match in pattern.finditer(text):
        if _only_labelled_lines_from(text, match.end()):
            found = match
    return found


def _only_labelled_lines_from(text: str, position: int) -> bool:
    """Whether the text from ``position`` on is blank or labelled lines only; it stops at
    the first other line (splitting the whole rest for every match was quadratic)."""
    start = position
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end]
        if line.strip() and not _LABELLED_LINE.match(line):
            return False
        start = end + 1
    return True


# 。责任单位:… or 。完成时限:… going on in a task's paragraph: facts, each its own line.
_INLINE_LABEL = re.compile(
    rf"(?<=。)[ \t]*(?=(?:{_DEPARTMENT_LABELS}|{_DEADLINE_LABELS})[:：])")
# A role word closes a name only before a separator or the list's end: 区市场监管局牵头,
# never 领导小组办公室(区市场监管局牵头) or 牵头抓总.
_ROLE_END = r"(?:牵头|牽頭|配合)(?=[、,，;；\s]|$)"
_LINE_SPLIT = re.compile(rf"{_ROLE_END}|[、,，;；\s]+")
_LED_LIST = re.compile(rf"(?P<names>[^;；,，]*?)(?P<role>{_ROLE_END})")


# The deadline written after the departments' bracket, on its line: (A局负责)2024年底前完成。,
# (责任单位:A局)完成时限:2024年12月31日前, (A局) 时限:持续推进.
_BRACKET_THEN_DEADLINE = re.compile(
    rf"(?P<bracket>\((?:[^()\n]|\([^()\n]*\)){{2,200}}?\))[ \t]*"
    rf"(?:(?:{DEADLINE_LABELS}|时限|時限)[:：]\s*)?(?P<words>[^()\n。]{{2,30}})。?[ \t]*$",
    re.MULTILINE)
_DATED = re.compile(r"20\d{2}\s*年")
# A bracket of names with the deadline after them: (市民政局、市教育局,2024年6月底前).
_NAMES_THEN_DEADLINE = re.compile(
    rf"\((?P<names>{_UNIT_NAME}(?:[、,，]{_UNIT_NAME}){{0,20}}(?:等)?)[,，]\s*"
    r"(?P<words>[^()\n,，]{0,12}20\d{2}\s*年[^()\n]{0,16})\)[。;]?[ \t]*$", re.MULTILINE)
# A sentence that is only the task's deadline, before its bracket or at its end: …标准体系。
# 长期坚持。 or …不少于100名。2024年底前完成。(A局负责)
_DEADLINE_SENTENCE = re.compile(
    rf"(?:^|(?<=。))[ \t]*(?P<words>{'|'.join(sorted(BRACKET_STANDING, key=len, reverse=True))}"
    r"|20\d{2}年(?:第?[一二三四1-4]季度|[上下]半年|\d{1,2}月(?:\d{1,2}日)?)?(?:底|末)?(?:之?前)?完成)"
    r"。(?=[ \t]*(?:\(|$))", re.MULTILINE)


def labelled_facts_apart(text: str) -> str:
    """A task's 责任单位:… and 完成时限:… written on in its paragraph (…5项以上。责任单位:
    A牵头,B配合。完成时限:2025年底前。) each on a line of its own, as task tables give them:
    facts about the task, not sentences of work. So is a deadline written after the
    departments' bracket or inside a bracket of names, and a sentence that is only a
    deadline (长期坚持。 2024年底前完成。)."""
    text = _INLINE_LABEL.sub("\n", text)
    text = _BRACKET_THEN_DEADLINE.sub(_deadline_after_bracket, text)
    text = _NAMES_THEN_DEADLINE.sub(r"(\g<names>)\n完成时限:\g<words>", text)
    text = _DEADLINE_SENTENCE.sub(r"\n完成时限:\g<words>\n", text)
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


def _deadline_after_bracket(found: re.Match[str]) -> str:
    bracket, words = found["bracket"], found["words"].strip()
    names_a_deadline = _DATED.search(words) or words in BRACKET_STANDING
    if not names_a_deadline or not find_departments(bracket).departments:
        return found[0]
    return f"{bracket}\n完成时限:{words}"


def _department_lines(text: str) -> tuple[str, list[str], list[str]]:
    """The departments of ``责任单位:A、B`` lines, the text without those lines, and the
    departments they name as leading (``牵头单位:`` lines, A牵头 in a list). A line that
    goes on past its list (责任单位:A、B。完成时间:…) gives the list only."""
    departments, leads = [], []
    text = _NEXT_LABEL.sub("\n", text)  # 牵头单位:A;配合单位:B on one line: two lines
    for line in _DEPARTMENT_LINE.finditer(text):
        listed = _joint_places(_LEAD_MARK.sub(_LED, _list_part(line.group("body"))))
        names = [re.sub(rf"{_ROLE_END}", "", name)  # 各街道配合(落实): 负责 went first
                 for name in _cleaned(_LINE_SPLIT.split(listed))]
        departments += names
        if _LEAD_LABEL.match(line.group(0)):
            leads += names
        else:  # A、B牵头, C配合: A and B lead
            leads += [name for found in _LED_LIST.finditer(listed)
                      if found["role"] in ("牵头", "牽頭")
                      for name in _names(found["names"])]
    if not departments:
        return text, [], []
    rest = [line for line in text.split("\n") if not _DEPARTMENT_LINE.match(line)]
    return "\n".join(rest), list(dict.fromkeys(departments)), leads


_NEXT_LABEL = re.compile(rf"[;；]\s*(?={_DEPARTMENT_LABELS}[:：])")


def _list_part(body: str) -> str:
    """A department line's list: up to its first 。 (or another label after it)."""
    return re.split(r"[。]|(?=[\u4e00-\u9fff]{2,6}[:：])", body, maxsplit=1)[0]


def action_sentences(text: str) -> list[str]:
    """Sub-items: each sentence ending in 。 or ；, department list excluded."""
    body, _ = split_departments(text)
    sentences = []
    for paragraph in body.split("\n"):
        if _DEADLINE_LINE.match(paragraph) or _DEPARTMENT_LINE.match(paragraph):
            continue
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
# Longer units first, so that 5个工作日 is read in 工作日, not in 个.
_UNIT = (
    r"(?P<unit>%|个百分点|個百分點|个工作日|個工作日|工作日|个月|個月|个次|個次|个|個|项|項|家次|家|名"
    r"|人次|人|万人|万元|萬元|万亩|萬畝|万|萬|亿元|億元|亩|畝|所|座|类|類|件|场次|場次|场|場|期|次|倍"
    r"|天|小时|小時)"
)
# A count word that only carries the unit after it: 5个工作日 is 5 工作日.
_UNIT_NAMES = {"个工作日": "工作日", "個工作日": "工作日"}
# Money the government pays (a reward, a subsidy, a cap on either) is no goal to reach:
# 给予最高50万元、30万元奖励.
_PAYMENT = re.compile(r"奖励|獎勵|奖补|獎補|补助|補助|补贴|補貼|资助|資助|扶持资金|扶持資金")
_MONEY_CAP = re.compile(r"最高|最多")
_MONEY_UNITS = ("万元", "萬元", "亿元", "億元")
# A quota that recurs every year (每年组织培训不少于4次) has no deadline year.
_PER_YEAR = re.compile(r"每年|每一年")
_QUALIFIER = r"(?:及)?(?P<qual>以上|以内|以內|以下|左右)"
_VERB = (
    r"(?:达到|達到|提高到|提升到|提高至|提升至|缩短至|縮短至|缩短到|縮短到|控制在|降低到|降低至|降至"
    r"|降到|不低于|不低於|不少于|不少於|至少|超过|超過|不超过|不超過|不高于|不高於|新增|培育|培养|培養"
    r"|建成|建设|建設|争创|爭創|制定|制修订|主导或参与制修订|主導或參與制修訂|发布|發布|打造|成立|创建"
    r"|創建|形成|累计|累計|力争|力爭|推动|推動|研制|培训|培訓|举办|舉辦|开展|開展|组织|組織|完成|实施|實施"
    # a plan's quotas (修订…2项, 立项…10项); not as a modifier (2019年修订的3项标准)
    r"|(?:修订|修訂|起草|立项|立項|复审|複審|新建|推广|推廣|认定|認定)(?!的))"
)
_TARGET = re.compile(rf"{_NUMBER}{_UNIT}(?:{_QUALIFIER})?")  # a goal when its clause has a verb
_YEAR = re.compile(r"(?:到|至|截至|截止)?(?P<year>20\d{2})年(?:底|末)?")
_FRAGMENT_END = re.compile(r"[,，;；。]")
# A list number a goal's words would start with: (3)新增…, 3.新增…, 1.1新增…, ①新增…, 一是新增…
# (not a figure: 3.5%以上…, 1.5万元…)
_LIST_MARK = re.compile(
    r"^(?:[(（][0-9一二三四五六七八九十]{1,3}[)）]|[0-9]{1,2}(?:[.．][0-9]{1,2})*[.．、](?!\d)"
    rf"|[0-9]{{1,2}}(?:[.．][0-9]{{1,2}})+(?=\s|{_VERB})"  # 1.1新增…, not 1.2亿吨 nor 2.5公里
    r"|[①-⑳]|(?:十[一二三四五六七八九]?|[一二三四五六七八九])是[，,]?(?=[\u4e00-\u9fff]))\s*")
_OPEN_ASIDE = re.compile(r"[(（][^)）]*$")  # a parenthesis the clause's comma cuts open

# A policy goal's bare figure (争创…5项, 培育…10个, 达到90%) is a floor: doing more meets it.
# Only words that bound the figure make it anything else. After the figure: 以上 / 以内 / 以下.
# Before it, the word nearest the figure: a ceiling is a level brought down to (缩短至18个月,
# 降至5%), not a reduction by an amount (降低20% is a floor on the reduction).
_QUALIFIER_COMPARATOR = {"以上": Comparator.AT_LEAST, "以内": Comparator.AT_MOST,
                         "以內": Comparator.AT_MOST, "以下": Comparator.AT_MOST}
_BOUND_WORDS = {
    Comparator.AT_MOST: "不超过 不超過 不高于 不高於 不多于 不多於 不大于 不大於 控制在"
    " 缩短至 縮短至 缩短到 縮短到 降低到 降低至 降到 降至 下降到 下降至 减少到 減少到 减少至 減少至"
    " 减至 減至 压缩到 壓縮到 压缩至 壓縮至",
    Comparator.AT_LEAST: "不低于 不低於 不少于 不少於 不小于 不小於 至少",
    Comparator.MORE_THAN: "超过 超過 高于 高於 多于 多於 大于 大於",
    Comparator.LESS_THAN: "低于 低於 少于 少於 小于 小於",
}
_BOUND = re.compile("|".join(sorted(
    (word for words in _BOUND_WORDS.values() for word in words.split()), key=len, reverse=True)))
_GOAL_WORD = re.compile(f"{_VERB}|{_BOUND.pattern}")
_BOUND_COMPARATOR = {word: comparator for comparator, words in _BOUND_WORDS.items()
                     for word in words.split()}


def find_targets(text: str, check: Callable[[], None] = lambda: None) -> list[Target]:
    """Numeric goals such as 国际标准转化率达到85%以上 or 平均制定周期缩短至18个月以内.

    ``check`` is called every few hundred paragraphs: a cancelled import raises from it
    (one clause of a large file can hold seconds of paragraphs)."""
    targets: list[Target] = []
    year_so_far: int | None = None  # "到2025年," opens a paragraph; "——…" bullets follow it
    for number, paragraph in enumerate(text.split("\n"), start=1):
        if number % PARAGRAPHS_PER_CHECK == 0:
            check()
        targets += _paragraph_targets(_figures_in_words(paragraph), year_so_far)
        years = _YEAR.findall(paragraph)
        year_so_far = int(years[-1]) if years else year_so_far
    return targets


PARAGRAPHS_PER_CHECK = 500  # ~20 ms of find_targets between two cancellation checks


# A figure in words where it bounds a goal: 累计不少于五项, 两个以上 (never 每一项工作).
_FIGURE_IN_WORDS = re.compile(
    r"(?:(?<=不少于)|(?<=不少於)|(?<=不低于)|(?<=不低於)|(?<=至少)|(?<=达到)|(?<=達到)|(?<=超过))"
    r"(?P<words>[一二两兩三四五六七八九十百千]{1,5})(?=个|個|项|項|家|次|期|场|場|名|人次|所|件)"
    r"|(?P<words2>[二两兩三四五六七八九十百千][一二两兩三四五六七八九十百千]{0,4})"
    r"(?=(?:个|個|项|項|家|次|期|场|場|名|人次|所|件)(?:以上|及以上))"
    # a quota of ten or more after a verb of building up (培育二十个, 新增一百家); a small one
    # there is as often a manner of speaking (打造两个平台, 实施三项工程)
    r"|(?:(?<=培育)|(?<=培養)|(?<=培养)|(?<=建成)|(?<=打造)|(?<=创建)|(?<=創建)|(?<=新增)"
    r"|(?<=争创)|(?<=爭創)|(?<=累计)|(?<=累計)|(?<=建设)|(?<=建設))"
    r"(?P<words3>[二两兩三四五六七八九]?十[一二三四五六七八九]?|[一二两兩三四五六七八九]百"
    r"[零一二三四五六七八九十]{0,3})(?=个|個|项|項|家|所|名|座|类|類)"
    # a quota that ends its clause (建设标准化基地五个，新增标准十五项。); not 第五个, 每一项
    r"|(?<![第每这這那几幾若其前后後头頭一二两兩三四五六七八九十百千零〇万萬亿億述中上的各全])"
    r"(?P<words4>[二两兩三四五六七八九十百千][一二两兩三四五六七八九十百千]{0,4})"
    r"(?=(?:个|個|项|項|家|所|名|座|类|類|件|次|期)(?:以上|及以上)?(?:[，,。；;、（(）)]|$))")


def _figures_in_words(paragraph: str) -> str:
    """``paragraph`` with a goal's figure written in words in figures (不少于五项 → 不少于5项),
    so that it is read as the same goal written 5项 elsewhere."""
    def figure(found: re.Match[str]) -> str:
        words = found["words"] or found["words2"] or found["words3"] or found["words4"]
        words = words.replace("两", "二").replace("兩", "二")
        number = chinese_number(words)
        return str(number) if number else found.group()

    return _FIGURE_IN_WORDS.sub(figure, paragraph)


def reread_bare_figure(target: Target) -> Target:
    """``target`` as this version reads it. Earlier versions stored a figure without floor or
    ceiling words (争创全国标准创新贡献奖5项) as EQUAL; its words decide again, so 6 meets 5."""
    if target.comparator is not Comparator.EQUAL:
        return target
    lead, qualifier = target.text, None
    previous_end = 0
    for match in _TARGET.finditer(target.text):
        unit = _UNIT_NAMES.get(match.group("unit"), match.group("unit"))
        if float(match.group("value")) == target.value and unit == target.unit:
            lead, qualifier = target.text[previous_end:match.start("value")], match.group("qual")
            break
        previous_end = match.end()
    return replace(target, comparator=_comparator(lead, qualifier))


@dataclass(slots=True)
class _Goal:
    """A figure that states a goal, and the span of its words in the paragraph."""

    match: re.Match[str]
    lead_start: int  # where the words bounding the figure may start (不超过, 缩短至)
    text_start: int
    text_end: int


def _paragraph_targets(paragraph: str, default_year: int | None) -> list[Target]:
    goals: list[_Goal] = []
    for match in _TARGET.finditer(paragraph):
        start, end = _fragment_bounds(paragraph, match.start("value"), match.end())
        clause = paragraph[start:match.start("value")]  # in 建设A20个、B10个 B has a verb too
        if not (_GOAL_WORD.search(clause) or match.group("qual") or match.group("unit") == "%"):
            continue
        if _is_payment(paragraph[start:end], clause, match.group("unit")) or _is_means(
                paragraph, match):
            continue
        goal = _Goal(match, start, start, end)
        previous = goals[-1] if goals else None
        if previous is not None and previous.text_end == end:  # the same clause
            goal.lead_start = previous.match.end()
            _split_at_enumeration_comma(paragraph, previous, goal)
        goals.append(goal)
    return [_target(paragraph, goal, default_year) for goal in goals]


# How long work runs or who takes part, not what it achieves: 开展为期3个月的专项行动,
# 组织5个部门联合检查.
_DURATION_BEFORE = ("为期", "為期", "历时", "歷時")
_TAKING_PART_AFTER = ("部门", "部門", "单位", "單位")


def _is_means(paragraph: str, match: re.Match[str]) -> bool:
    return (paragraph[:match.start("value")].endswith(_DURATION_BEFORE)
            or paragraph[match.end():].startswith(_TAKING_PART_AFTER))


def _is_payment(fragment: str, lead: str, unit: str) -> bool:
    """给予最高50万元、30万元奖励: what the government pays, not what an office must reach."""
    if _PAYMENT.search(fragment):
        return True
    return unit in _MONEY_UNITS and bool(_MONEY_CAP.search(lead))


def _split_at_enumeration_comma(paragraph: str, first: _Goal, second: _Goal) -> None:
    """建设基地20个、检测点10个 / 培养100名专家、1000名骨干: each figure its own words."""
    comma = paragraph.rfind("、", first.match.end(), second.match.start("value"))
    if comma >= 0:
        first.text_end, second.text_start = comma, comma + 1


def _target(paragraph: str, goal: _Goal, default_year: int | None) -> Target:
    match = goal.match
    text = _without_list_marks(_after_lead_in(
        paragraph[goal.text_start:goal.text_end], match.start("value") - goal.text_start)
        .strip().lstrip("—").strip())
    clause_start, _ = _fragment_bounds(paragraph, match.start("value"), match.end())
    per_year = _PER_YEAR.search(paragraph, clause_start, match.start("value"))
    unit = match.group("unit")
    return Target(
        text=text,
        value=float(match.group("value")),
        unit=_UNIT_NAMES.get(unit, unit),
        comparator=_comparator(paragraph[goal.lead_start:match.start("value")],
                               match.group("qual")),
        year=None if per_year else _year_before(paragraph, match.start()) or default_year,
    )


def _without_list_marks(text: str) -> str:
    """``text`` without the list numbers it starts with: (3)1.新增… and 一是新增… → 新增…"""
    while (shorter := _LIST_MARK.sub("", text, count=1)) != text:
        text = shorter
    return text


def _after_lead_in(text: str, figure: int) -> str:
    """``text`` from after a lead-in ending in a colon before its figure (具体措施：新增…20项
    → 新增…20项). Not a colon inside brackets (其中：…), nor one after words that are part
    of the goal (每年组织培训：不少于4次, 新增地方标准：20项)."""
    colon = text.rfind("：", 0, figure)
    if colon < 0 or text.count("（", 0, colon) != text.count("）", 0, colon) \
            or _GOAL_WORD.search(text, 0, colon):
        return text
    return text[colon + 1:]


def _fragment_bounds(paragraph: str, start: int, end: int) -> tuple[int, int]:
    """The clause (between commas, semicolons, full stops) holding ``start``..``end``."""
    left = max((m.end() for m in _FRAGMENT_END.finditer(paragraph, 0, start)), default=0)
    right_match = _FRAGMENT_END.search(paragraph, end)
    right = right_match.start() if right_match else len(paragraph)
    aside = _OPEN_ASIDE.search(paragraph, end, right)  # "…“三同步”(即科研与标准研究同步,…"
    return left, aside.start() if aside else right


def _fragment_around(paragraph: str, start: int, end: int) -> str:
    left, right = _fragment_bounds(paragraph, start, end)
    return _balanced(paragraph[left:right].strip().lstrip("—").strip())


def _balanced(fragment: str) -> str:
    """A fragment without the half of a bracket it was cut from: 2025年完成) → 2025年完成."""
    if fragment.endswith(")") and fragment.count(")") > fragment.count("("):
        fragment = fragment[:-1]
    if fragment.startswith("(") and fragment.count("(") > fragment.count(")"):
        fragment = fragment[1:]
    return fragment.strip()


def _comparator(lead: str, qualifier: str | None) -> Comparator:
    """How a figure bounds its goal: by the word after it (以上, 以内), else by the bounding
    word nearest before it in ``lead`` (its clause up to the figure); a bare figure is a floor."""
    if qualifier in _QUALIFIER_COMPARATOR:
        return _QUALIFIER_COMPARATOR[qualifier]
    words = _BOUND.findall(lead)
    return _BOUND_COMPARATOR[words[-1]] if words else Comparator.AT_LEAST


def _year_before(paragraph: str, position: int) -> int | None:
    """The deadline year: the last 到20XX年 before the target in its paragraph, or after it
    in its sentence (比率达到50%以上。2024年底前出台细则 sets no year for the 50 %)."""
    before = [int(m.group("year")) for m in _YEAR.finditer(paragraph, 0, position)]
    if before:
        return before[-1]
    stop = paragraph.find("。", position)
    after = _YEAR.search(paragraph, position, stop if stop >= 0 else len(paragraph))
    return int(after.group("year")) if after else None


# --- phases and deadlines ----------------------------------------------------------------

_PHASE_TITLE = re.compile(
    r"第[一二三四五六七八九十]+阶段\((?P<year>20\d{2})年\)|第[一二三四五六七八九十]+階段\((?P<year2>20\d{2})年\)"
)
# 6月, 6月底, 6月30日 before 完成: 2025年6月30日前完成 (对2018年12月31日前发布的标准 is a
# cut-off, no deadline)
_DAY = r"\d{1,2}月(?:底|\d{1,2}[日号])?"
_DEADLINE = re.compile(r"(?:到|至|截至)(?P<year>20\d{2})年(?:底|末)?"
                       r"|(?<![较比])(?P<year_before>20\d{2})年(?:年?底|末|\d{1,2}月底?)?之?前"
                       r"(?![后後三两四五六七八九十\d])"  # not 2025年前后, 前三季度, 较2018年前
                       # a time to finish by: 2024年第三季度完成, 2025年上半年完成, 2025年完成
                       r"|(?<![较比])(?P<year_done>20\d{2})年(?:第?[一二三四1-4]季度|[上下]半年"
                       rf"|年?底|末|{_DAY})?(?:之?前)?(?:完成|建成)")


def find_phases(title: str, text: str) -> list[Phase]:
    """Guangdong's 第一阶段(2018年) stages, every 到20XX年 or 20XX年底前 deadline and the
    year of a ``完成时限:2024年12月底`` line, one per year."""
    phases: dict[int, Phase] = {}
    title_match = _PHASE_TITLE.search(title)
    if title_match:
        year = int(title_match.group("year") or title_match.group("year2"))
        phases[year] = Phase(year, title)
    for line in _DEADLINE_LINE.finditer(text):
        year_match = _YEAR.search(line.group("body"))
        if year_match:
            phases.setdefault(int(year_match.group("year")), Phase(int(year_match.group("year")),
                                                                   line.group(0)))
    for paragraph in [title, *text.split("\n")]:
        for match in _DEADLINE.finditer(paragraph):
            year = int(match["year"] or match["year_before"] or match["year_done"])
            if year not in phases:
                phases[year] = Phase(year, _fragment_around(paragraph, match.start(), match.end()))
    return sorted(phases.values(), key=lambda phase: phase.year)
