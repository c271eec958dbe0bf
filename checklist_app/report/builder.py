"""``build_report``: the report as a generator of progress steps.

The desktop app runs it on a worker thread, shows each step in a progress bar and cancels by
closing the generator. Output goes to temporary files beside the targets that are renamed
only when everything is written, so a cancelled or failed build leaves no half-written file.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from reportlab.platypus import Flowable
from reportlab.platypus.doctemplate import LayoutError

from checklist_app.core import AssessmentSnapshot
from checklist_app.i18n import _
from checklist_app.report.annexes import Annexes
from checklist_app.report.cautions import Caution, report_cautions
from checklist_app.report.content import ReportFacts, compute_facts
from checklist_app.report.docx import write_docx
from checklist_app.report.fonts import FontSet, find_fonts
from checklist_app.report.keep import keep_with_next
from checklist_app.report.layout import COMPACT, LANDSCAPE, OFFICIAL, ReportDocTemplate
from checklist_app.report.official import COMPACT_TITLE_CAPACITY, OfficialPart, report_title
from checklist_app.report.parts import Contents, ReportOptionError, choose_contents
from checklist_app.report.script import as_printed
from checklist_app.report.styles import COMPACT_PAGE, LANDSCAPE_PAGE, ReportStyle, build_styles
from checklist_app.report.wording import LANGUAGES, Wording
from checklist_app.storage.errors import name_targets
from checklist_app.storage.temp_files import temp_path_for


@dataclass(frozen=True, slots=True)
class ReportProgress:
    """One step of a report build; the last one has ``done`` and the notes for the user."""

    fraction: float  # 0.0 … 1.0, never decreasing
    message: str
    done: bool = False
    notes: tuple[str, ...] = ()  # font stand-ins, refused fonts, undrawable characters
    pages: int = 0
    cautions: tuple[Caution, ...] = ()  # what the printed text cannot yet say right


SQLITE_HEADER = b"SQLite format 3\x00"


def check_report_target(path: Path, word_copy: bool | None = None) -> None:
    """Refuse to write a report over a database: a workspace (or its backup) given a .pdf or
    .docx name would be lost, and reading it makes no backup. A folder is refused here
    too, before any page is laid out (found at the end, the PDF was already replaced)."""
    if path.is_dir():
        word = path.suffix.lower() == ".docx" if word_copy is None else word_copy
        example = "自查报告.docx" if word else "自查报告.pdf"
        raise ReportOptionError(_(
            "{path} is a folder: nothing was written. Give the report a file name, such as "
            "{example}.").format(path=path, example=example))
    try:
        with path.open("rb") as existing:
            head = existing.read(len(SQLITE_HEADER))
    except OSError:
        return  # not there (or unreadable): writing says what is wrong
    if head == SQLITE_HEADER:
        raise ReportOptionError(_(
            "{path} is a workspace or another database, not a report: nothing was written. "
            "Choose another file name for the report.").format(path=path))


def _flowables(
    facts: ReportFacts, w: Wording, fonts: FontSet, style: ReportStyle, contents: Contents
) -> tuple[list[Flowable], Annexes]:
    """The PDF's flowables, and the annexes they were made by (the Word copy's tables take
    their column widths)."""
    styles = build_styles(fonts, style)
    official = OfficialPart(facts, w, fonts, styles, contents)
    if style is ReportStyle.COMPACT:
        title = official.title_paragraph(COMPACT_TITLE_CAPACITY)
        annexes = Annexes(facts, w, fonts, styles, contents=contents, template=COMPACT,
                          width=COMPACT_PAGE.width, height=COMPACT_PAGE.height,
                          first_on_new_page=False)
        return keep_with_next([title, *annexes.flowables()]), annexes
    annexes = Annexes(facts, w, fonts, styles, contents=contents, template=LANDSCAPE,
                      width=LANDSCAPE_PAGE.width, height=LANDSCAPE_PAGE.height,
                      first_on_new_page=contents.body)
    return keep_with_next([*(official.flowables() if contents.body else []),
                           *annexes.flowables()]), annexes


def _first_template(style: ReportStyle, contents: Contents) -> str:
    if style is ReportStyle.COMPACT:
        return COMPACT
    return OFFICIAL if contents.body else LANDSCAPE


def _check_options(style: str, lang: str) -> ReportStyle:
    if lang not in LANGUAGES:
        raise ReportOptionError(_("Unknown report language: {lang}").format(lang=lang))
    try:
        return ReportStyle(style)
    except ValueError:
        raise ReportOptionError(_("Unknown report style: {style}").format(style=style)) from None


def build_report(
    snapshot: AssessmentSnapshot,
    out_pdf: str | os.PathLike[str],
    *,
    style: str = ReportStyle.GBT9704,
    lang: str = "zh",
    docx_path: str | os.PathLike[str] | None = None,
    font: str | os.PathLike[str] | None = None,
    parts: Collection[str] | None = None,
    from_command_line: bool = False,
) -> Iterator[ReportProgress]:
    """Write the 自查自评报告 PDF (and optionally .docx), yielding progress on the way.

    ``parts`` (``ReportPart`` values) chooses what to print; None prints every part the style
    has. The PDF, its outline and the .docx always hold the same parts.
    ``from_command_line``: the notes name the command line's options too.
    """
    report_style = _check_options(str(style), lang)
    targets = [Path(out_pdf)] + ([Path(docx_path)] if docx_path else [])
    for index, target in enumerate(targets):
        check_report_target(target, word_copy=index == 1)
    if len({t.resolve() for t in targets}) < len(targets):
        raise ReportOptionError(_("The PDF and the Word copy cannot have the same file name "
                                  "({path}): nothing was written.").format(path=targets[0]))
    temps = [temp_path_for(t) for t in targets]
    try:
        yield ReportProgress(0.0, _("Choosing fonts"))
        fonts = find_fonts(font)
        w = Wording(lang)
        yield ReportProgress(0.03, _("Computing figures"))
        facts = compute_facts(as_printed(snapshot))  # Chinese quoted in English, too
        contents = choose_contents(facts, report_style, parts)
        yield ReportProgress(0.06, _("Preparing pages"))
        flowables, annexes = _flowables(facts, w, fonts, report_style, contents)
        doc = ReportDocTemplate(
            str(temps[0]),
            fonts,
            first=_first_template(report_style, contents),
            title=report_title(facts, w),
            author=snapshot.assessment.office,
            subject=w("subject"),
            keywords=snapshot.checklist.id,
        )
        end = 0.85 if docx_path else 0.97
        for fraction in doc.build_steps(flowables):
            yield ReportProgress(0.1 + (end - 0.1) * fraction, _("Laying out pages"))
        if docx_path:
            for fraction in write_docx(facts, w, temps[1], report_style, contents,
                                       annexes.column_widths):
                yield ReportProgress(end + (0.98 - end) * fraction, _("Writing the Word copy"))
        for temp, target in zip(temps, targets, strict=True):
            os.replace(temp, target)
        notes = _notes(fonts, from_command_line)
        yield ReportProgress(1.0, _("Report written"), True, notes, doc.page,
                             tuple(report_cautions(facts, contents, lang)))
    except OSError as error:  # said of the file the user named, not of its temporary
        name_targets(error, dict(zip(temps, targets, strict=True)))
        raise
    except LayoutError:  # reportlab's words name a flowable, nothing a clerk can act on
        raise ReportOptionError(_(
            "The report could not be laid out: a text in it is too long for one page (a "
            "name in the assessment details, or a note). Shorten it and generate the report "
            "again.")) from None
    finally:
        for temp in temps:
            with suppress(FileNotFoundError):
                temp.unlink()


def _notes(fonts: FontSet, from_command_line: bool) -> tuple[str, ...]:
    """What the user should know about the fonts, each said once: stand-ins first."""
    stand_ins = fonts.stand_in_report(from_command_line=from_command_line)
    return (*([stand_ins] if stand_ins else []), *dict.fromkeys(fonts.notes),
            *fonts.missing_report())
