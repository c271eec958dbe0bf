"""Write docs/CLI.md from the ``checklist`` argument parser, so the reference cannot rot.

Run: .venv/bin/python scripts/cli_docs.py        (tests/test_docs.py checks it is current)
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "CLI.md"
HEADER = """# Command line reference

Generated from the argument parser by `scripts/cli_docs.py`; do not edit by hand.
Messages and help are in Chinese unless `CHECKLIST_APP_LANG=en` is set; this reference uses English.
"""


def subcommands(parser: argparse.ArgumentParser, prefix: str) -> Iterator[tuple[str, str]]:
    """(full command name, help text) for every command, depth first."""
    yield prefix, parser.format_help()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from subcommands(child, f"{prefix} {name}")


def render() -> str:
    os.environ["COLUMNS"] = "100"
    os.environ["CHECKLIST_APP_LANG"] = "en"
    from checklist_app.cli import build_parser
    from checklist_app.i18n import set_language

    set_language("en")
    sections = [HEADER]
    for name, help_text in subcommands(build_parser(), "checklist"):
        sections.append(f"## `{name}`\n\n```text\n{help_text.rstrip()}\n```\n")
    return "\n".join(sections)


def main() -> int:
    TARGET.write_text(render(), encoding="utf-8")
    print(TARGET)
    return 0


if __name__ == "__main__":
    sys.exit(main())
