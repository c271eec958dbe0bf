"""What the user should know before a report is signed, found in its facts (not the fonts).

A caution is a code: the command line and the report dialog each say it with the remedy of
their own front end (a command there, a tab of the item here), as storage errors'
:class:`~checklist_app.storage.errors.Remedy` are.
"""

from __future__ import annotations

from enum import StrEnum

from checklist_app.i18n import _
from checklist_app.report.content import ReportFacts
from checklist_app.report.parts import Contents


class Caution(StrEnum):
    """Something the printed parts cannot yet say right."""

    UNMAPPED = "unmapped"  # no mapping confirmed: which higher tasks are covered is unknown


def report_cautions(facts: ReportFacts, contents: Contents) -> list[Caution]:
    """Cautions about what the printed parts say; none when all is in order."""
    cautions = []
    if facts.unmapped and (contents.body or "annex2" in contents.annexes):
        cautions.append(Caution.UNMAPPED)
    return cautions


def caution_text(caution: Caution) -> str:
    """What a caution means for the report, without a remedy (each front end adds its own)."""
    return {
        Caution.UNMAPPED: _("no mapping to the provincial or national document has been "
                            "confirmed yet: the report cannot say which of their tasks are "
                            "implemented"),
    }[caution]
