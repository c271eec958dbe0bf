"""Helpers shared by the subcommand modules."""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from checklist_app.core import Document, Node
from checklist_app.i18n import _
from checklist_app.storage.errors import StorageError
from checklist_app.storage.evidence_index import path_label
from checklist_app.storage.workspace import Workspace


class CliError(Exception):
    """An expected failure: bad input, missing file, refused operation."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def display_width(text: str) -> int:
    """Columns the text takes in a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Rows under a header line, each column padded to its widest cell (the last is not).

    For people reading a terminal; scripts read ``--json``.
    """
    table = [list(headers), *(list(row) for row in rows)]
    widths = [max(display_width(row[column]) for row in table)
              for column in range(len(headers) - 1)]

    def line(row: list[str]) -> str:
        padded = zip(row[:-1], widths, strict=True)
        cells = [cell + " " * (width - display_width(cell)) for cell, width in padded]
        return "  ".join([*cells, row[-1]]).rstrip()

    return "\n".join(line(row) for row in table)


def caption(document: Document, node: Node) -> str:
    """An item or clause named as in the report: ``二、(一)1. 以科技创新提升标准水平``."""
    return f"{path_label(document, node)} {node.title}"


@contextmanager
def opened(db: str, *, read_only: bool = False) -> Iterator[Workspace]:
    """Open a workspace; storage errors users can act on become one CliError line."""
    try:
        workspace = Workspace.open(db, read_only=read_only)
    except StorageError as error:
        raise CliError(str(error)) from None
    try:
        yield workspace
    except StorageError as error:
        raise CliError(str(error)) from None
    finally:
        workspace.close()
        if workspace.backup_warning:
            print(_("checklist: warning: {reason}").format(reason=workspace.backup_warning),
                  file=sys.stderr)
