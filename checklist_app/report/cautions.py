"""What the user should know before a report is signed, found in its facts (not the fonts).

A caution is a code (with a count or a section number where one helps): the command line
and the report dialog each say it with the remedy of their own front end (a command there, a
menu item or a tab here), as storage errors' :class:`~checklist_app.storage.errors.Remedy`
are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from checklist_app.core import NARRATIVE_SECTIONS, ItemStatus, format_number
from checklist_app.i18n import _, ngettext
from checklist_app.report.content import ReportFacts, TargetRow
from checklist_app.report.parts import Contents
from checklist_app.report.wording import Wording


class CautionKind(StrEnum):
    """Something the printed parts cannot yet say right."""

    UNMAPPED = "unmapped"  # no mapping confirmed: which higher tasks are covered is unknown
    UNCONFIRMED = "unconfirmed"  # some items have none: the crosswalk counts what there is
    NO_ADDRESSEE = "no_addressee"  # the 正文 is printed without a 主送机关
    EMPTY_SECTION = "empty_section"  # a narrative section prints "（本部分尚未填写。）"
    TARGET_VALUES_DIFFER = "target_values_differ"  # one target, recorded apart with two values
    NOT_ASSESSED = "not_assessed"  # items still 未评估: the report says the check is unfinished
    DONE_WITHOUT_VALUE = "done_without_value"  # 已完成 beside a target printed 未填报
    DONE_TARGET_MISSED = "done_target_missed"  # 已完成, and 三、 lists its target as missed


@dataclass(frozen=True, slots=True)
class Caution:
    kind: CautionKind
    count: int = 0  # the items concerned, where the text names them
    section: int = 0  # the narrative section (1 to 4) of an EMPTY_SECTION
    lang: str = "zh"  # the report's language, in which it prints what the caution quotes
    detail: str = ""  # what it concerns, quoted: 制定地方标准5项以上（一、(一) 6项；二、1. 3项）


def report_cautions(facts: ReportFacts, contents: Contents, lang: str) -> list[Caution]:
    """Cautions about what the printed parts of a report in ``lang`` say (the 正文's own
    first); none when all is in order."""
    return [*_progress_cautions(facts, contents, lang), *_body_cautions(facts, contents, lang),
            *_target_cautions(facts, contents, lang), *_mapping_cautions(facts, contents)]


def _progress_cautions(facts: ReportFacts, contents: Contents, lang: str) -> list[Caution]:
    """Items nobody has assessed yet: the 正文 and 附件1 print that the check is unfinished
    (尚有N项检查项未开展自评), which a signed report should rarely say."""
    count = facts.status_counts.get(ItemStatus.NOT_ASSESSED, 0)
    if not count or not (contents.body or "annex1" in contents.annexes):
        return []
    return [Caution(CautionKind.NOT_ASSESSED, count, lang=lang)]


def _target_cautions(facts: ReportFacts, contents: Contents, lang: str) -> list[Caution]:
    if not (contents.body or "annex1" in contents.annexes):
        return []
    return [*_conflict_cautions(facts), *_done_without_value(facts),
            *_done_target_missed(facts, lang)]


def _done_without_value(facts: ReportFacts) -> list[Caution]:
    """Items marked 已完成 whose target has no actual value: the tables print 已完成 beside
    未填报, the first thing a reviewer questions."""
    found = _done_rows(facts, lambda row: row.actual is None)
    quoted = ["{place}（{targets}）".format(
        place=facts.place(rows[0].item),
        targets="；".join(dict.fromkeys(row.target.text for row in rows)))
        for rows in found.values()]
    return [Caution(CautionKind.DONE_WITHOUT_VALUE, len(quoted), detail="；".join(quoted))
            ] if quoted else []


def _done_target_missed(facts: ReportFacts, lang: str) -> list[Caution]:
    """Items marked 已完成 short of their target: 二、 counts them completed while 三、 lists
    the target as not reached (quoted as 三、 prints it)."""
    wording = Wording(lang)
    found = _done_rows(facts, lambda row: row.met is False)
    quoted = [wording("target_missed_of", target=row.target.text, item=facts.place(row.item),
                      actual=f"{format_number(row.actual)}{row.target.unit}")
              for rows in found.values() for row in rows]
    return [Caution(CautionKind.DONE_TARGET_MISSED, len(found), lang=lang,
                    detail="；".join(quoted))] if found else []


def _done_rows(facts: ReportFacts, concerns: Callable[[TargetRow], bool]
               ) -> dict[str, list[TargetRow]]:
    """The target rows that ``concerns`` the reviewer, of each item marked 已完成. A target
    recorded with two values is cautioned on its own, :func:`_conflict_cautions`."""
    done = {row.item.id for row in facts.items if row.state.status is ItemStatus.DONE}
    conflicting = {id(row) for rows in facts.target_conflicts for row in rows}
    found: dict[str, list[TargetRow]] = {}
    for row in facts.targets:
        if (row.item.id in done and row.applicable and id(row) not in conflicting
                and concerns(row)):
            found.setdefault(row.item.id, []).append(row)
    return found


def _conflict_cautions(facts: ReportFacts) -> list[Caution]:
    """A target stated in several items with different values: counted as not reported."""
    if not facts.target_conflicts:
        return []
    quoted = [
        "{target}（{values}）".format(target=rows[0].target.text, values="；".join(
            f"{facts.place(row.item)} {format_number(row.actual)}{row.target.unit}"
            for row in rows if row.actual is not None))
        for rows in facts.target_conflicts]
    return [Caution(CautionKind.TARGET_VALUES_DIFFER, len(quoted), detail="；".join(quoted))]


def _body_cautions(facts: ReportFacts, contents: Contents, lang: str) -> list[Caution]:
    """What the office has still to write before the 正文 is fit to sign."""
    if not contents.body:
        return []
    assessment = facts.snapshot.assessment
    missing = [] if assessment.addressee.strip() else [Caution(CautionKind.NO_ADDRESSEE)]
    return missing + [Caution(CautionKind.EMPTY_SECTION, section=number, lang=lang)
                      for number in NARRATIVE_SECTIONS
                      if not assessment.narrative.get(number, "").strip()]


def _mapping_cautions(facts: ReportFacts, contents: Contents) -> list[Caution]:
    if not (contents.body or "annex2" in contents.annexes):
        return []
    if facts.unmapped:
        return [Caution(CautionKind.UNMAPPED)]
    if facts.unconfirmed:
        return [Caution(CautionKind.UNCONFIRMED, len(facts.unconfirmed))]
    return []


def caution_text(caution: Caution) -> str:
    """What a caution means for the report, without a remedy (each front end adds its own);
    what the report prints is quoted in the report's language, not the interface's."""
    if caution.kind is CautionKind.UNMAPPED:
        return _("no mapping to the provincial or national document has been confirmed yet: "
                 "the report cannot say which of their tasks are implemented")
    if caution.kind is CautionKind.NO_ADDRESSEE:
        return _("no addressee (主送机关) is set: the report text is printed without one")
    if caution.kind is CautionKind.NOT_ASSESSED:
        return ngettext(
            "{n} checklist item is still not assessed: the report says the self-assessment "
            "is unfinished",
            "{n} checklist items are still not assessed: the report says the self-assessment "
            "is unfinished", caution.count).format(n=caution.count)
    if caution.kind is CautionKind.TARGET_VALUES_DIFFER:
        return ngettext(
            "{n} target stated in several items was given different actual values in them "
            "({targets}): the report counts it as not reported",
            "{n} targets stated in several items were given different actual values in them "
            "({targets}): the report counts them as not reported",
            caution.count).format(n=caution.count, targets=caution.detail)
    if caution.kind is CautionKind.DONE_WITHOUT_VALUE:
        return ngettext(
            "{n} item marked done has no actual value for its target ({items}): the report "
            "prints it done with its target not reported",
            "{n} items marked done have no actual value for their targets ({items}): the "
            "report prints them done with their targets not reported",
            caution.count).format(n=caution.count, items=caution.detail)
    if caution.kind is CautionKind.DONE_TARGET_MISSED:
        return ngettext(
            "{n} item marked done falls short of its target ({items}): the report counts it "
            "completed and lists the target as not reached",
            "{n} items marked done fall short of their targets ({items}): the report counts "
            "them completed and lists the targets as not reached",
            caution.count).format(n=caution.count, items=caution.detail)
    if caution.kind is CautionKind.EMPTY_SECTION:
        return _("section {number} of the report text is empty: the report prints "
                 "“{placeholder}” in its place").format(
            number=caution.section, placeholder=Wording(caution.lang)("empty_narrative"))
    return ngettext(
        "{n} checklist item has no confirmed mapping yet: the crosswalk and its local "
        "items with no higher-level basis count only the mappings confirmed so far",
        "{n} checklist items have no confirmed mapping yet: the crosswalk and its local "
        "items with no higher-level basis count only the mappings confirmed so far",
        caution.count).format(n=caution.count)


def with_remedy(caution: Caution, remedy: Callable[[Caution], str]) -> str:
    """A caution followed by what to do about it, as the front end giving ``remedy`` says."""
    return _("{caution} ({remedy}).").format(caution=caution_text(caution),
                                            remedy=remedy(caution))
