"""The ``checklist`` command: a thin layer over importer, storage, crosswalk and report.

Each area registers its subcommands from its own module (``register(subparsers)``), and every
handler returns an exit code. Expected failures raise :class:`CliError` and become one line on
stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from checklist_app import __version__
from checklist_app.cli import crosswalk_cmd, demo_cmd, parse_cmd, report_cmd, workspace_cmd
from checklist_app.cli.common import CliError
from checklist_app.core.names import readable
from checklist_app.i18n import ArgumentParser, _, set_language

COMMAND_MODULES = (parse_cmd, workspace_cmd, crosswalk_cmd, report_cmd, demo_cmd)
# Options whose text is stored as written (paths are left alone: they name files to open).
FREE_TEXT = ("note", "justification", "department", "person", "description", "office",
             "period", "preparer", "reviewer", "addressee", "title", "text", "region")


def build_parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(
        prog="checklist",
        description=_(
            "Standardization policy checklists: parse policy documents, record a "
            "self-assessment, map items to higher-level clauses and print the report."
        ),
    )
    # argparse's default help for --version is a plain literal: pass it through gettext here
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}",
                        help=_("show program's version number and exit"))
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    set_language()
    parser = build_parser()
    args = parser.parse_args(argv)
    for name in FREE_TEXT:  # a terminal not in UTF-8 passed bytes that cannot be stored
        if isinstance(value := getattr(args, name, None), str):
            setattr(args, name, readable(value))
    try:
        return int(args.handler(args) or 0)
    except CliError as error:
        print(_("checklist: {error}").format(error=error), file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into head or a closed pager
        sys.stderr.close()
        return 0
