"""``checklist report DB --out FILE.pdf``: the 自查自评报告 from a workspace."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from checklist_app.cli.common import (
    CliError,
    add_assessment_option,
    chosen_assessment,
    explained,
    open_workspace,
)
from checklist_app.i18n import _, os_reason
from checklist_app.report.builder import ReportProgress, build_report
from checklist_app.report.cautions import Caution, CautionKind, with_remedy
from checklist_app.report.fonts import font_refusal
from checklist_app.report.parts import ReportOptionError, parse_parts
from checklist_app.report.styles import ReportStyle
from checklist_app.report.wording import LANGUAGES, Wording
from checklist_app.storage.errors import StorageError, translate


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``report``."""
    report = subparsers.add_parser(
        "report",
        help=_("write the self-assessment report (PDF, optionally .docx)"),
        description=_(
            "Write the self-assessment report (自查自评报告) of an assessment: the official "
            "report laid out per GB/T 9704 with its annexes, or a compact working copy."
        ),
    )
    report.add_argument("db", metavar="DB", help=_("workspace file"))
    report.add_argument("--out", required=True, metavar="FILE.pdf", help=_("PDF to write"))
    add_assessment_option(report)
    report.add_argument("--lang", choices=LANGUAGES, default="zh",
                        help=_("language of the report (default zh)"))
    report.add_argument("--style", choices=[s.value for s in ReportStyle],
                        default=ReportStyle.GBT9704.value,
                        help=_("gbt9704: official layout; compact: annexes only, smaller type"))
    report.add_argument("--docx", metavar="FILE.docx", help=_("also write an editable Word copy"))
    report.add_argument("--font", metavar="FILE[#INDEX]",
                        help=_("TrueType font to use instead of the system or bundled one"))
    report.add_argument(
        "--parts", metavar="PART[,PART...]",
        help=_("print only these parts, separated by commas (default: all): body / 正文 (the "
               "report text), table / 自查自评表, crosswalk / 三级对照表, evidence / 佐证材料目录, "
               "changes / 变更记录; printed annexes are numbered 附件1, 附件2, … in that order"),
    )
    report.set_defaults(handler=run_report)


def _snapshot(path: str, assessment_id: int | str | None):
    """What the report prints; opening says what is wrong with ``path`` as every command
    does (a folder, missing, damaged)."""
    try:
        with open_workspace(path, read_only=True) as workspace:
            assessment_id = chosen_assessment(workspace, assessment_id, reading=True)
            return workspace.snapshot(assessment_id)
    except StorageError as error:
        raise CliError(explained(error)) from None


def _check_suffixes(args: argparse.Namespace) -> None:
    """A PDF written under a .docx name (or the reverse) looks broken to whoever opens it."""
    for target, suffix in ((args.out, ".pdf"), (args.docx, ".docx")):
        if target and Path(target).suffix.lower() != suffix:
            raise CliError(
                _("{path}: the file name must end in {suffix}").format(path=target, suffix=suffix)
            )


def cautioned(caution: Caution) -> str:
    """A report caution with the command that remedies it."""
    return with_remedy(caution, remedy)


def remedy(caution: Caution) -> str:
    """The command that deals with a caution."""
    mappings = _("candidates are listed by checklist suggest; record a mapping with "
                 "checklist map")
    return {
        CautionKind.UNMAPPED: mappings,
        CautionKind.UNCONFIRMED: mappings,
        CautionKind.NO_ADDRESSEE: _("set it with checklist assess set --addressee NAME"),
        CautionKind.EMPTY_SECTION: _("write it with checklist assess edit --section {number}")
        .format(number=caution.section),
        CautionKind.NOT_ASSESSED: _("set each with checklist set DB ITEM --status STATUS; the "
                                    "report's {annex} lists them").format(
            annex=Wording(caution.lang)("annex", n=1)),
        CautionKind.TARGET_VALUES_DIFFER: _("record the right value for one of the items with "
                                            "checklist set DB ITEM --value N: it is recorded "
                                            "for the others too"),
        CautionKind.DONE_WITHOUT_VALUE: _("record each with checklist set DB ITEM --value N"),
        CautionKind.DONE_TARGET_MISSED: _("check each value, or set another status, with "
                                          "checklist set DB ITEM --value N --status STATUS"),
    }[caution.kind]


def run_report(args: argparse.Namespace) -> int:
    _check_suffixes(args)
    for target in (args.out, args.docx):
        if target and not Path(target).resolve().parent.is_dir():
            raise CliError(_("folder of {path} does not exist").format(path=target))
    try:
        parts = parse_parts(args.parts) if args.parts is not None else None
    except ReportOptionError as error:
        raise CliError(explained(error)) from None
    if args.font and (refused := font_refusal(args.font)) is not None:
        raise CliError(refused)
    snapshot = _snapshot(args.db, args.assessment)
    show = sys.stderr.isatty()
    last: ReportProgress | None = None
    try:
        for last in build_report(snapshot, args.out, style=args.style, lang=args.lang,
                                 docx_path=args.docx, font=args.font, parts=parts,
                                 from_command_line=True):
            if show:
                print(f"\r{last.fraction:4.0%} {last.message:<40}", end="", file=sys.stderr)
    except ReportOptionError as error:
        raise CliError(explained(error)) from None
    except OSError as error:
        where = error.filename or args.out  # the PDF or the Word copy, as named by the user
        known = translate(error, Path(where))  # disk full, or on Windows the PDF open elsewhere
        raise CliError(str(known) if known is not None else _(
            "cannot write the report to {path}: {reason}").format(
            path=where, reason=os_reason(error))) from None
    if show:
        print(file=sys.stderr)
    assert last is not None and last.done
    for note in last.notes:  # fonts standing in: a warning like the others
        print(_("checklist: warning: {reason}").format(reason=note), file=sys.stderr)
    for caution in last.cautions:
        print(_("checklist: warning: {reason}").format(reason=cautioned(caution)),
              file=sys.stderr)
    written = ", ".join(str(p) for p in (args.out, args.docx) if p)
    print(_("Wrote {files} ({pages} pages)").format(files=written, pages=last.pages))
    return 0
