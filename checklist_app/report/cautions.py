"""What the user should know before a report is signed, found in its facts (not the fonts):
shown by the CLI as warnings and by the report dialog under the result."""

from __future__ import annotations

from checklist_app.i18n import _, ngettext
from checklist_app.report.content import ReportFacts
from checklist_app.report.parts import Contents


def report_warnings(facts: ReportFacts, contents: Contents) -> list[str]:
    """Warnings about what the printed parts say; none when all is in order."""
    warnings = []
    if facts.unmapped and (contents.body or "annex2" in contents.annexes):
        warnings.append(_("no mapping to the provincial or national document has been "
                          "confirmed yet: the report cannot say which of their tasks are "
                          "implemented (checklist map, or confirm suggestions in the app)"))
    elif facts.unconfirmed and (contents.body or "annex2" in contents.annexes):
        count = len(facts.unconfirmed)
        warnings.append(ngettext(
            "{n} checklist item has no confirmed mapping yet: the crosswalk and its local "
            "items with no higher-level basis count only the mappings confirmed so far",
            "{n} checklist items have no confirmed mapping yet: the crosswalk and its local "
            "items with no higher-level basis count only the mappings confirmed so far",
            count).format(n=count))
    return warnings
