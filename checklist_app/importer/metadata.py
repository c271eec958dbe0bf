"""Document metadata guessed from the text: title, issuer, level, region, year, 文号."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from checklist_app.core import Level
from checklist_app.core.places import MUNICIPALITIES, PROVINCES
from checklist_app.importer.normalize import to_simplified

_TITLE_ENDINGS = ("纲要", "意见", "方案", "规划", "办法", "规定", "决定", "计划", "要点", "措施",
                  "细则", "安排", "清单")
# A year or a draft note after a title: 工作要点（2024年）, 实施方案（试行）.
_TITLE_TAIL = re.compile(r"[（(][^（）()]{1,12}[）)]$")
# The plan a cover letter issues: 印发《X》, 现将《X》印发给你们.
_QUOTED_TITLE = re.compile(
    r"印[发發]了?《(?P<title>[^》]{4,60})》|[将將]《(?P<sent>[^》]{4,60})》印[发發]")
# A cover letter's own title without 《》: 关于印发X的通知 → X.
_COVER_LETTER = re.compile(r"(?:关于|關于|關於)印[发發](?P<title>.{4,60}?)的通知$")
_ISSUER_BEFORE_ABOUT = re.compile(r"^(?P<issuer>[^,，。《]{2,30}?)(?:关于|關于|關於)")
_NO_ISSUER = ("关于", "现", "特")  # a sentence's start, not an office: 现将X印发给你们
_ISSUER_BEFORE_ISSUED = re.compile(r"^(?:近日,)?(?P<issuer>[^,，。《]{2,30}?)印[发發]")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}[〔\[［(]\d{4}[〕\]］)]\d{1,4}[号號]")
_DOC_NUMBER_YEAR = re.compile(r"[〔\[［(](?P<year>\d{4})[〕\]］)]")
# A year, or the first of a period: 2023年, 2023-03-15, (2024—2026年).
_YEAR = re.compile(r"(?P<year>(?:19|20)\d{2})(?:年|-\d{1,2}-|\s*[—–~至到-]\s*(?:19|20)\d{2}年)")
# 成文日期 on a line of its own: 2023年3月15日, or 二〇二三年三月十五日.
_DATE_LINE = re.compile(
    r"(?P<year>(?:19|20)\d{2}|[一二〇零○Ｏ][〇零○Ｏ一二三四五六七八九]{3})年"
    r"[0-9一二三四五六七八九十]{1,2}月[0-9一二三四五六七八九十]{1,3}日")
_CHINESE_YEAR_DIGITS = str.maketrans("〇零○Ｏ一二三四五六七八九", "0000123456789")
# Administrative units at the start of an issuer: 重庆市渝北区, 浙江省温州市, 广西壮族自治区.
# A name starts with its widest place, whose name may be one character (沛县, 某区); the
# places after it need two, which keeps 城市管理局 (市城市管理局) from being a place.
# 州 ends a place only when no other ending follows: 温州市, 通州区.
PLACEHOLDER = "某"  # a template's stand-in for a place's name: 某市某区
_PLACE_END = (r"(?:特别行政区|特別行政區|自治区|自治區|自治州|自治县|自治縣|省|市"
              r"|州(?![市省县縣区區])|盟|地区|地區|县|縣|区|區|旗)")
_FIRST_PLACE = re.compile(rf"[\u4e00-\u9fff]{{1,7}}?{_PLACE_END}")
# A template's 某区 is a place after 某市 too (the place 某市 alone read 某市某区 as 市级).
_PLACE = re.compile(rf"(?:{PLACEHOLDER}|[\u4e00-\u9fff]{{2,7}}?){_PLACE_END}")
_PLACE_LEVEL = {  # by the end of the most specific place, checked in this order
    Level.PROVINCIAL: ("省", "自治区", "特别行政区"),
    Level.MUNICIPAL: ("市", "州", "盟", "地区"),
    Level.COUNTY: ("区", "县", "旗"),
}
_NATIONAL_ISSUERS = ("中共中央", "中央", "国务院", "国家")
# An issuer named by its level alone (省市场监管局, 市市场监管局, 县人民政府): no place.
_LEVEL_ALONE = {"省": Level.PROVINCIAL, "市": Level.MUNICIPAL, "州": Level.MUNICIPAL,
                "区": Level.COUNTY, "區": Level.COUNTY, "县": Level.COUNTY, "縣": Level.COUNTY}


@dataclass(slots=True)
class Metadata:
    title: str = ""
    issuer: str = ""
    level: Level = Level.MUNICIPAL
    level_defaulted: bool = False  # nothing in the text told the level: 市级 was assumed
    region: str = ""
    region_inferred: bool = False  # its city or province taken from the documents it cites
    region_placeholder: bool = False  # a template's 某市某区: no real place to keep
    year: int | None = None
    doc_number: str | None = None
    cited_doc_numbers: list[str] = field(default_factory=list)


def guess_metadata(preamble: list[str], body: str) -> Metadata:
    """Best guesses from the lines before the first heading (and the 成文日期 the document
    ends with); overrides correct them."""
    title = _guess_title(preamble)
    issuer = _guess_issuer(preamble)
    own_number = next((line for line in preamble if _DOC_NUMBER.fullmatch(line)), None)
    cited = list(dict.fromkeys(_DOC_NUMBER.findall("\n".join(preamble) + "\n" + body)))
    places = places_of(issuer) or places_of(title)
    level = _level_named(places, issuer or title)
    region = _with_province(*_with_city(_region(places, issuer or title), places,
                                        "\n".join(preamble)), "\n".join(preamble))
    return Metadata(
        title=title,
        issuer=issuer,
        level=level or Level.MUNICIPAL,
        level_defaulted=level is None,
        region=region,
        region_inferred=any(place not in places for place in places_of(region)),
        region_placeholder=any(place.startswith(PLACEHOLDER) for place in places_of(region)),
        year=_guess_year(preamble, own_number, title, _closing_lines(body)),
        doc_number=own_number,
        cited_doc_numbers=[number for number in cited if number != own_number],
    )


def _guess_title(preamble: list[str]) -> str:
    """The plan's own title: a heading line, else the 《X》 its cover letter issues."""
    for line in preamble:
        simplified = _TITLE_TAIL.sub("", to_simplified(line).strip())
        if len(line) <= 60 and simplified.endswith(_TITLE_ENDINGS) and "印发" not in simplified:
            return line
    for line in preamble:
        match = _QUOTED_TITLE.search(line)
        if match:
            return match.group("title") or match.group("sent")
    for line in preamble:
        match = _COVER_LETTER.search(line)
        if match:
            return match.group("title")
    named = [line for line in preamble if not _ISSUER_LINE.fullmatch(
        to_simplified(line.strip().removesuffix("文件"))) and not _DOC_NUMBER.fullmatch(line)]
    first = named or preamble  # not the issuer's red-header line above the title
    return first[0][:60] if first else ""


def _guess_issuer(preamble: list[str]) -> str:
    """The issuer before 关于…; else a line of its own naming an office (the red-header
    form: 重庆市渝中区人民政府办公室[文件] above 关于印发…的通知); else the one before 印发."""
    for line in preamble:
        match = _ISSUER_BEFORE_ABOUT.match(line)
        if match and not to_simplified(match.group("issuer")).startswith(_NO_ISSUER):
            return match.group("issuer")
    for line in preamble:
        name = line.strip().removesuffix("文件")
        if _ISSUER_LINE.fullmatch(to_simplified(name)):
            return name
    for line in preamble:
        match = _ISSUER_BEFORE_ISSUED.match(line)
        if match and not to_simplified(match.group("issuer")).startswith(_NO_ISSUER):
            return match.group("issuer")
    return ""


def places_of(name: str) -> list[str]:
    """The administrative units a name starts with: 重庆市渝北区人民政府 → 重庆市, 渝北区."""
    if to_simplified(name).startswith(_NATIONAL_ISSUERS):
        return []  # 国家市场监督管理总局 names no place
    name = name.removeprefix("中共")
    places = []
    match = _FIRST_PLACE.match(name)
    if match and match.group()[0] in _LEVEL_ALONE and len(match.group()) == 2:
        return []  # 省市场监管局 is not the place 省市
    while match:
        places.append(match.group())
        match = _PLACE.match(name, match.end())
    return places


def guess_level(issuer: str) -> Level:
    """The level of the issuing government, from the places its name starts with (市级 when
    the name tells none)."""
    return _level_named(places_of(issuer), issuer) or Level.MUNICIPAL


def _level_named(places: list[str], name: str) -> Level | None:
    """The level a name's places (or 国家…, 省…, 市… alone) tell; None when they tell none."""
    if not places:
        simplified = to_simplified(name).removeprefix("中共")
        if simplified.startswith(_NATIONAL_ISSUERS):
            return Level.NATIONAL
        return _LEVEL_ALONE.get(simplified[:1])
    unit = to_simplified(places[-1])
    for level, endings in _PLACE_LEVEL.items():
        if unit.endswith(endings):
            return level
    return None


_BOOK_TITLES = re.compile(r"《([^》]*)》")


def _with_province(region: str, places: list[str], preamble: str) -> str:
    """A region with its province: the issuer's own (江苏省苏州市吴江区), else for a city or
    district the one the documents its opening cites (《…》) name alone (沈阳市沈河区 citing
    《辽宁省贯彻落实…实施意见》 → 辽宁省沈阳市沈河区), so that the new-assessment wizard
    proposes that province's opinion. A city that names another province's experience, or a
    district citing its 直辖市 beside a province, keeps its region as it is."""
    if not places:
        return region
    first = to_simplified(places[0])
    if first.startswith(PROVINCES):
        return region if region.startswith(places[0]) else f"{places[0]}{region}"
    if first.startswith(MUNICIPALITIES):
        return region
    cited = "".join(_BOOK_TITLES.findall(preamble))  # the titles as written
    named = [(found.start(), place) for place in (*PROVINCES, *MUNICIPALITIES)
             if (found := re.search(place, to_simplified(cited)))]
    if len(named) != 1 or named[0][1] not in PROVINCES:
        return region
    start, province = named[0]
    return f"{cited[start:start + len(province)]}{region}"  # 遼寧省 in a traditional text


def _with_city(region: str, places: list[str], preamble: str) -> tuple[str, list[str]]:
    """A district or county named alone with the city its opening's citations name alone
    (大渡口区 citing 《重庆市人民政府办公厅关于…》 → 重庆市大渡口区), and its places so."""
    if len(places) != 1 or _level_named(places, places[0]) is not Level.COUNTY:
        return region, places
    firsts = (places_of(title)[:1] for title in _BOOK_TITLES.findall(preamble))
    cities = {first[0] for first in firsts
              if first and _level_named(first, first[0]) is Level.MUNICIPAL}
    if len(cities) != 1:
        return region, places
    city = cities.pop()
    return f"{city}{region}", [city, *places]


def _region(places: list[str], name: str) -> str:
    """The most specific place with the one above it: 重庆市渝北区, 浙江省温州市."""
    if not places:
        return "全国" if _level_named(places, name) is Level.NATIONAL else ""
    return "".join(places[-2:])


# The signature block under the last clause: issuers (中共某省委 / 某省人民政府), then the
# 成文日期, and perhaps a note such as （此件公开发布）.
_ISSUER_LINE = re.compile(r"^[\u4e00-\u9fff、]{2,30}(?:人民政府|办公厅|办公室|委员会|党委|省委|"
                          r"市委|区委|县委|政府|局|厅|委|部|署|院)$")
_CLOSING_NOTE = re.compile(r"^[（(]此件.{1,12}[)）]$")


# The 版记 under a document (GB/T 9704 7.4): 抄送：…, 某办公室 2024年3月15日印发, and the
# rules between them. It follows the signature block; no clause goes on past it.
_IMPRINT_LINE = re.compile(r"^(?:抄送|抄報|抄报)[:：]"
                           r"|^.{0,40}(?:19|20)\d{2}年\d{1,2}月\d{1,2}日\s*印[发發]$"
                           r"|^[（(]?共印\d+份[)）]?$")
_IMPRINT_TAIL = 8  # lines from the end where a 版记 starts


def is_issuer_line(line: str) -> bool:
    """Whether ``line`` names an issuer as a signature block does (某市人民政府办公室)."""
    return bool(_ISSUER_LINE.match(line.strip()))


def is_closing_note(line: str) -> bool:
    """Whether ``line`` is the note under a 成文日期 (（此件公开发布）)."""
    return bool(_CLOSING_NOTE.match(line.strip()))


def is_date_line(line: str) -> bool:
    """Whether ``line`` is a 成文日期 on its own (2023年3月15日, 二〇二三年三月十五日)."""
    return bool(_DATE_LINE.fullmatch(line.strip()))


def closing_start(text: str) -> int:
    """Where the signature block (issuers and 成文日期) at the end of ``text`` begins, or
    the 版记 (抄送…印发) when it has none; ``len(text)`` when it ends with neither. Only a
    成文日期 line marks a signature block."""
    lines = text.split("\n")
    end = _imprint_start(lines)
    while end and (not lines[end - 1].strip() or _CLOSING_NOTE.match(lines[end - 1].strip())):
        end -= 1
    if not end or not _DATE_LINE.fullmatch(lines[end - 1].strip()):
        return len("\n".join(lines[:end])) if end < len(lines) else len(text)
    end -= 1
    while end and (not lines[end - 1].strip() or _ISSUER_LINE.match(lines[end - 1].strip())):
        end -= 1
    return len("\n".join(lines[:end]))


def _imprint_start(lines: list[str]) -> int:
    """The first line of the 版记 at the end of ``lines`` (``len(lines)``: none)."""
    tail = range(max(0, len(lines) - _IMPRINT_TAIL), len(lines))
    return next((i for i in tail if _IMPRINT_LINE.search(lines[i].strip())), len(lines))


def _closing_lines(body: str, count: int = 6) -> list[str]:
    """The last lines of the text, where GB/T 9704 puts the issuer and the 成文日期."""
    lines = body.rstrip().split("\n")
    return [line for line in lines[:_imprint_start(lines)][-count:] if line.strip()]


def _guess_year(preamble: list[str], own_number: str | None, title: str,
                closing: Sequence[str] = ()) -> int | None:
    """The year of the 文号 〔2023〕, else of the 成文日期 (under the title or at the end),
    else the first year in the title or the lines before the first heading; None when none
    is printed."""
    if own_number:
        return int(_DOC_NUMBER_YEAR.search(own_number).group("year"))  # type: ignore[union-attr]
    for line in [*preamble, *reversed(closing)]:
        date = _DATE_LINE.fullmatch(line.strip())
        if date:
            return int(date.group("year").translate(_CHINESE_YEAR_DIGITS))
    for line in (title, *preamble):
        match = _YEAR.search(line)
        if match:
            return int(match.group("year"))
    return None
