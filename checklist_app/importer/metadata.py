"""Document metadata guessed from the text: title, issuer, level, region, year, 文号."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from checklist_app.core import Level
from checklist_app.importer.normalize import to_simplified

_TITLE_ENDINGS = ("纲要", "意见", "方案", "规划", "办法", "规定", "决定", "计划")
_QUOTED_TITLE = re.compile(r"印[发發]了?《(?P<title>[^》]{4,60})》")
_ISSUER_BEFORE_ABOUT = re.compile(r"^(?P<issuer>[^,，。《]{2,30}?)(?:关于|關于|關於)")
_ISSUER_BEFORE_ISSUED = re.compile(r"^(?:近日,)?(?P<issuer>[^,，。《]{2,30}?)印[发發]")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}[〔\[［(]\d{4}[〕\]］)]\d{1,4}[号號]")
_YEAR = re.compile(r"(?P<year>(?:19|20)\d{2})(?:年|-\d{1,2}-)")
_REGION = re.compile(r"(?P<region>[\u4e00-\u9fff]{2,6}?(?:自治区|省|市|县|区))")


@dataclass(slots=True)
class Metadata:
    title: str = ""
    issuer: str = ""
    level: Level = Level.MUNICIPAL
    region: str = ""
    year: int | None = None
    doc_number: str | None = None
    cited_doc_numbers: list[str] = field(default_factory=list)


def guess_metadata(preamble: list[str], body: str) -> Metadata:
    """Best guesses from the lines before the first heading; overrides correct them."""
    title = _guess_title(preamble)
    issuer = _guess_issuer(preamble)
    own_number = next((line for line in preamble if _DOC_NUMBER.fullmatch(line)), None)
    cited = list(dict.fromkeys(_DOC_NUMBER.findall("\n".join(preamble) + "\n" + body)))
    return Metadata(
        title=title,
        issuer=issuer,
        level=guess_level(issuer or title),
        region=_guess_region(issuer or title),
        year=_guess_year(preamble),
        doc_number=own_number,
        cited_doc_numbers=[number for number in cited if number != own_number],
    )


def _guess_title(preamble: list[str]) -> str:
    for line in preamble:
        simplified = to_simplified(line)
        if len(line) <= 60 and simplified.endswith(_TITLE_ENDINGS) and "印发" not in simplified:
            return line
    for line in preamble:
        match = _QUOTED_TITLE.search(line)
        if match:
            return match.group("title")
    return preamble[0][:60] if preamble else ""


def _guess_issuer(preamble: list[str]) -> str:
    for pattern in (_ISSUER_BEFORE_ABOUT, _ISSUER_BEFORE_ISSUED):
        for line in preamble:
            match = pattern.match(line)
            if match:
                return match.group("issuer")
    return ""


def guess_level(issuer: str) -> Level:
    simplified = to_simplified(issuer)
    if (
        any(word in simplified for word in ("中共中央", "国务院", "国家"))
        and "省" not in simplified
    ):
        return Level.NATIONAL
    if "省" in simplified or "自治区" in simplified:
        return Level.PROVINCIAL
    if "县" in simplified or simplified.endswith("区"):
        return Level.COUNTY
    return Level.MUNICIPAL


def _guess_region(issuer: str) -> str:
    if guess_level(issuer) is Level.NATIONAL:
        return "全国"
    match = _REGION.search(issuer.removeprefix("中共"))
    return match.group("region") if match else ""


def _guess_year(preamble: list[str]) -> int | None:
    for line in preamble:
        match = _YEAR.search(line)
        if match:
            return int(match.group("year"))
    return None
