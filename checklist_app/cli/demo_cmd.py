"""``checklist demo DIR``: the ready demo workspace and its report."""

from __future__ import annotations

import argparse
from pathlib import Path

from checklist_app.cli.common import CliError
from checklist_app.demo import DEMO_FILE, REPORT_FILE, build_demo
from checklist_app.i18n import _, os_reason


def register(subparsers: argparse._SubParsersAction) -> None:
    demo = subparsers.add_parser(
        "demo",
        help=_("build the demo workspace and its report"),
        description=_(
            "Build DIR/demo.sqlite (the five shipped documents, curated mappings and a sample "
            "self-assessment of a Chongqing municipal bureau with evidence) and DIR/report.pdf."
        ),
    )
    demo.add_argument("folder", metavar="DIR", type=Path, help=_("folder to write into"))
    demo.set_defaults(handler=run_demo)


def run_demo(args: argparse.Namespace) -> int:
    target = args.folder / DEMO_FILE
    if target.exists():
        raise CliError(
            _("{path} already exists; remove it or choose another folder.").format(path=target)
        )
    if args.folder.exists() and not args.folder.is_dir():
        raise CliError(_("{path} is a file, not a folder: name a folder to build the demo "
                         "in.").format(path=args.folder))
    try:
        build_demo(args.folder)
    except OSError as error:  # a folder that cannot be made or written to (was a traceback)
        raise CliError(_("The demo cannot be built in {folder}: {reason}. Name a folder you "
                         "can write to.").format(folder=args.folder,
                                                  reason=os_reason(error))) from None
    print(args.folder / DEMO_FILE)
    print(args.folder / REPORT_FILE)
    return 0
