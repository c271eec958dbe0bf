"""Which parts of the report to print: the 正文 (the 公文 itself) and each annex.

Parts are named, not numbered, because annex numbers depend on what is printed: the printed
annexes are numbered 附件1, 附件2, … consecutively in their fixed order (自查自评表, 三级对照表,
佐证材料目录, 变更记录), and the 正文's 附件 list names exactly those. The numbers inside the
佐证材料目录 never change: they follow the order of the exported evidence folder whichever
parts are printed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from checklist_app.i18n import _
from checklist_app.report.annex_rows import annex_keys
from checklist_app.report.content import ReportFacts
from checklist_app.report.styles import ReportStyle
from checklist_app.report.wording import Wording


class ReportOptionError(ValueError):
    """Report options that cannot be honoured; the message is for the user."""


class ReportPart(StrEnum):
    """A part the user can leave out."""

    BODY = "body"  # 正文: title, 主送机关, the four sections, 附件 list, 署名
    TABLE = "table"  # 自查自评表
    CROSSWALK = "crosswalk"  # 三级对照表 (only with a national document)
    EVIDENCE = "evidence"  # 佐证材料目录
    CHANGES = "changes"  # 变更记录


ALL_PARTS = tuple(ReportPart)
# Parts as staff name them (正文 and the annexes' titles), besides the enum values.
PART_WORDS = {
    "正文": ReportPart.BODY,
    "自查自评表": ReportPart.TABLE,
    "三级对照表": ReportPart.CROSSWALK,
    "佐证材料目录": ReportPart.EVIDENCE,
    "变更记录": ReportPart.CHANGES,
}
# Annex parts → their wording keys, in printing order.
ANNEX_KEYS: dict[ReportPart, str] = {
    ReportPart.TABLE: "annex1",
    ReportPart.CROSSWALK: "annex2",
    ReportPart.EVIDENCE: "annex3",
    ReportPart.CHANGES: "annex4",
}


@dataclass(frozen=True, slots=True)
class Contents:
    """What one report prints: the 正文 or not, and the annexes in printed order."""

    body: bool
    annexes: tuple[str, ...]  # wording keys; position + 1 is the printed 附件 number

    def number(self, key: str) -> int | None:
        """Printed number of annex ``key``, or None when it is not printed."""
        return self.annexes.index(key) + 1 if key in self.annexes else None

    def label(self, key: str, w: Wording) -> str:
        """``附件2``; a lone annex is just ``附件`` (GB/T 9704-2012 7.3.5.5 numbers several)."""
        number = self.number(key)
        if number is None:
            raise KeyError(key)
        return w("annex", n=number) if len(self.annexes) > 1 else w("annex_single")

    def list_head(self, w: Wording) -> str:
        """``附件：`` (``Annexes:`` or, for one, ``Annex:`` in English)."""
        return w("annex_list_head" if len(self.annexes) > 1 else "annex_list_head_single")

    def listed(self, w: Wording) -> list[str]:
        """The 附件 list's entries: ``1.自查自评表`` … (GB/T 9704 7.3.5.5: no space after
        the point; ``1. Self-assessment table`` in English), or the lone annex's bare name."""
        if len(self.annexes) == 1:
            return [w(self.annexes[0])]
        point = "." if w.lang == "zh" else ". "
        return [f"{n}{point}{w(key)}" for n, key in enumerate(self.annexes, start=1)]


def parse_parts(names: str | Iterable[str]) -> tuple[ReportPart, ...]:
    """``"body,table"``, ``"正文，自查自评表"`` or ``["body", "table"]`` → parts; an unknown
    name is refused."""
    if isinstance(names, str):
        names = re.split(r"[,，、]", names)
    return tuple(parse_part(name) for name in (str(n).strip() for n in names) if name)


def parse_part(name: str) -> ReportPart:
    """``table``, ``Table`` or ``自查自评表`` → ReportPart.TABLE."""
    if name in PART_WORDS:
        return PART_WORDS[name]
    try:
        return ReportPart(name.lower())
    except ValueError:
        choices = ", ".join([*ALL_PARTS, *PART_WORDS])
        raise ReportOptionError(_("Unknown report part: {part} (choose from {choices})").format(
            part=name, choices=choices)) from None


def choose_contents(
    facts: ReportFacts, style: ReportStyle, parts: Iterable[str] | None = None
) -> Contents:
    """The parts to print; ``None`` means everything the style and the assessment have.

    Raises ReportOptionError when the 正文 is asked for in the compact style (which has none)
    or when nothing would be printed. The 三级对照表 exists only with a national document;
    asked for without one it is left out.
    """
    chosen = set(ALL_PARTS) if parts is None else set(parse_parts(parts))
    compact = style is ReportStyle.COMPACT
    if compact and parts is not None and ReportPart.BODY in chosen:
        raise ReportOptionError(
            _("The compact style has no report text (正文): choose annexes only"))
    available = annex_keys(facts)
    annexes = tuple(key for part, key in ANNEX_KEYS.items()
                    if part in chosen and key in available)
    contents = Contents(body=not compact and ReportPart.BODY in chosen, annexes=annexes)
    if contents.body or contents.annexes:
        return contents
    if chosen == {ReportPart.CROSSWALK}:
        raise ReportOptionError(
            _("No three-level crosswalk to print: the assessment has no national document"))
    raise ReportOptionError(_("Nothing to print: choose at least one part of the report"))
