"""What the user should know before a report is signed, found in its facts (not the fonts).

A caution is a code (with a count where one helps): the command line and the report dialog
each say it with the remedy of their own front end (a command there, a tab of the item
here), as storage errors' :class:`~checklist_app.storage.errors.Remedy` are.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from checklist_app.i18n import _, ngettext
from checklist_app.report.content import ReportFacts
from checklist_app.report.parts import Contents


class CautionKind(StrEnum):
    """Something the printed parts cannot yet say right."""

    UNMAPPED = "unmapped"  # no mapping confirmed: which higher tasks are covered is unknown
    UNCONFIRMED = "unconfirmed"  # some items have none: the crosswalk counts what there is


@dataclass(frozen=True, slots=True)
class Caution:
    kind: CautionKind
    count: int = 0  # the items concerned, where the text names them


def report_cautions(facts: ReportFacts, contents: Contents) -> list[Caution]:
    """Cautions about what the printed parts say; none when all is in order."""
    if not (contents.body or "annex2" in contents.annexes):
        return []
    if facts.unmapped:
        return [Caution(CautionKind.UNMAPPED)]
    if facts.unconfirmed:
        return [Caution(CautionKind.UNCONFIRMED, len(facts.unconfirmed))]
    return []


def caution_text(caution: Caution) -> str:
    """What a caution means for the report, without a remedy (each front end adds its own)."""
    if caution.kind is CautionKind.UNMAPPED:
        return _("no mapping to the provincial or national document has been confirmed yet: "
                 "the report cannot say which of their tasks are implemented")
    return ngettext(
        "{n} checklist item has no confirmed mapping yet: the crosswalk and its local "
        "items with no higher-level basis count only the mappings confirmed so far",
        "{n} checklist items have no confirmed mapping yet: the crosswalk and its local "
        "items with no higher-level basis count only the mappings confirmed so far",
        caution.count).format(n=caution.count)
