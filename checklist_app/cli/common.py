"""Helpers shared by the subcommand modules."""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from checklist_app.core import Assessment, Document, Node, local_date, period_key
from checklist_app.i18n import N_, _, date_words
from checklist_app.settings import Settings
from checklist_app.storage.assessments import describe
from checklist_app.storage.backup import BackupPolicy
from checklist_app.storage.errors import (
    AmbiguousAssessmentError,
    CorruptWorkspaceError,
    OutdatedWorkspaceError,
    Remedy,
    StorageError,
)
from checklist_app.storage.evidence_index import path_label
from checklist_app.storage.operator import operator_name
from checklist_app.storage.workspace import Workspace


class CliError(Exception):
    """An expected failure: bad input, missing file, refused operation."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def explained(error: Exception) -> str:
    """An error's message, and for a storage error the command that remedies it."""
    remedy = error.remedy if isinstance(error, StorageError) else None
    if remedy is None:
        return str(error)
    if remedy is Remedy.RESTORE_BACKUP:  # looks into the backups folder: only when needed
        command = restore_command(error.path)
    else:
        command = {
            Remedy.NEW_WORKSPACE: _("A new workspace is created with: checklist workspace "
                                    "init DB"),
            Remedy.RESTORE_OTHER_WORKSPACE: _("To restore it all the same, add "
                                              "--other-workspace."),
            Remedy.BACKUP_FIRST: _("The backup comes first: checklist restore BACKUP DB"),
            Remedy.UPGRADE: _("A command that reads its content upgrades it first, such as: "
                              "checklist assess list DB"),
            Remedy.IMPORT_DOCUMENT: _("To import it: checklist workspace import DB DOC"),
        }[remedy]
    return _("{message} {remedy}").format(message=error, remedy=command)


def restore_command(db: Path | None) -> str:
    """How to restore workspace ``db`` from its latest backup, naming that backup when one
    is found (the backups live in the app's data folder, not beside the workspace)."""
    from checklist_app.storage.backup import find_backup_folder, list_backups

    folder = find_backup_folder(db) if db is not None else None
    backups = list_backups(folder) if folder is not None else []
    if db is None or not backups:
        return _("A backup is restored with: checklist restore BACKUP DB")
    return _("Its latest backup is {backup}; it is restored with: checklist restore "
             "{backup} {db}").format(backup=backups[-1], db=db)


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


ASSESSMENT_HELP = N_("assessment: its number, or its period such as 2024年度 (default: the "
                     "open one; with none open, the most recent)")


def add_assessment_option(parser: argparse.ArgumentParser) -> None:
    """``--assessment ID`` (a number or a period), resolved by :func:`chosen_assessment`."""
    parser.add_argument("--assessment", metavar="ID", help=_(ASSESSMENT_HELP))


def chosen_assessment(workspace: Workspace, requested: int | str | None, *,
                      reading: bool = False) -> int:
    """The assessment a command works on: ``--assessment``, else the only open one, else the
    most recent; several open ones are listed for the user to choose from.

    ``reading``: a command that only reads says on stderr when it picked a closed one among
    several (a write to it is refused as closed anyway).
    """
    if requested is not None:
        found = _named_assessment(workspace.assessments(), str(requested))
        if not workspace.read_only:
            use_operator(workspace, found.preparer)
        return found.id
    try:
        chosen = workspace.default_assessment()
    except AmbiguousAssessmentError as error:
        raise CliError("\n".join([
            _("{error} Give its number with --assessment ID:").format(error=error),
            assessment_table(error.candidates)])) from None
    if reading and chosen.is_closed and len(workspace.assessments()) > 1:
        print(_("checklist: no assessment is open; using the most recent one, {assessment}, "
                "closed on {date}.").format(assessment=describe(chosen),
                                            date=date_words(local_date(chosen.closed_at or ""))),
              file=sys.stderr)
    return chosen.id


def _named_assessment(found: Sequence[Assessment], requested: str) -> Assessment:
    """The assessment ``--assessment`` names by its number or its period (2024年度, typed
    with full-width figures too); refused with the list of those there are."""
    wanted = unicodedata.normalize("NFKC", requested).strip()
    by_number = [a for a in found if wanted.isdigit() and a.id == int(wanted)]
    by_period = [a for a in found if wanted and period_key(a.period) == period_key(wanted)]
    matches = by_number or by_period  # 01 is number 1; a period as the app compares them
    if len(matches) == 1:
        return matches[0]
    if matches:
        said = _("Several assessments are for {period}. Give its number with --assessment "
                 "ID:").format(period=wanted)
    elif found:
        said = _("There is no assessment {wanted} in this workspace. These are:").format(
            wanted=wanted)
    else:
        raise CliError(_("This workspace has no assessment yet. Start one with checklist "
                         "assess new."))
    raise CliError("\n".join([said, assessment_table(matches or found)]))


def assessment_table(found: Sequence[Assessment]) -> str:
    """Assessments one a line: number, state, office, period and checklist."""
    headers = [_("No."), _("State"), _("Office"), _("Period"), _("Checklist")]
    rows = [[str(a.id), _("closed") if a.is_closed else _("open"), a.office, a.period,
             a.checklist_doc_id] for a in found]
    return format_table(headers, rows)


def use_operator(workspace: Workspace, preparer: str | None = None) -> None:
    """Record changes under the name the desktop app would (``operator_name``): the one in
    Settings, else ``preparer`` (by default the 填报人 of the default assessment), else the
    login name."""
    if preparer is None:
        try:
            preparer = workspace.default_assessment().preparer
        except StorageError:  # none yet, or several open: no 填报人 to go by
            preparer = ""
    workspace.user = operator_name(configured_user_name(), preparer)


def configured_user_name() -> str:
    """The user name set in the desktop app's Settings; "" when none is (or it is unreadable)."""
    name = Settings.load().user_name
    return name if isinstance(name, str) else ""


def configured_backups() -> BackupPolicy:
    """Backups as the desktop app's Settings keep them: that many automatic and that many
    manual ones (the command line kept ten of each, and trimmed the app's to ten)."""
    return replace(BackupPolicy(), keep=Settings.load().backup_count)


@contextmanager
def opened(db: str, *, read_only: bool = False, upgrade: bool = True) -> Iterator[Workspace]:
    """Open a workspace; storage errors users can act on become one CliError line, and a
    failed automatic backup a warning (one message when both say the file is damaged).
    ``upgrade``: an older format is upgraded first even when only read (not for verify or
    backup, which keep the file as it is)."""
    try:
        workspace = open_workspace(db, read_only=read_only, upgrade=upgrade)
    except StorageError as error:
        raise CliError(explained(error)) from None
    failure: StorageError | None = None
    try:
        if not read_only:
            use_operator(workspace)
        yield workspace
    except StorageError as error:
        failure = error
    finally:
        workspace.close()
        failure = _warn_of_backup(workspace.backup_error, failure)
    if failure is not None:
        raise CliError(explained(failure))


def open_workspace(db: str | Path, *, read_only: bool = False,
                   upgrade: bool = True) -> Workspace:
    """Open a workspace; one of an older format is upgraded first (after a backup, as the
    desktop app does) when a command only reads its content, with a note of where the old
    file is (``upgrade`` False: refused, the file left as it is)."""
    user = configured_user_name() or None
    try:
        return Workspace.open(db, read_only=read_only, user=user, backups=configured_backups())
    except OutdatedWorkspaceError:
        if not upgrade:
            raise
        backup = Workspace.upgrade(db, user=user)
        if backup is not None:
            print(_("checklist: {path} was upgraded to the format of this version; the file "
                    "as it was is kept in {backup}.").format(path=db, backup=backup),
                  file=sys.stderr)
        return Workspace.open(db, read_only=True, user=user, backups=configured_backups())


def _warn_of_backup(backup_error: StorageError | None,
                    failure: StorageError | None) -> StorageError | None:
    """Warn on stderr that the automatic backup failed; return the error to report. When
    the workspace is damaged, the backup's message says so once, and what became of the
    backups."""
    if isinstance(backup_error, CorruptWorkspaceError) \
            and isinstance(failure, CorruptWorkspaceError):
        return backup_error
    if backup_error is not None:
        print(_("checklist: warning: {reason}").format(reason=explained(backup_error)),
              file=sys.stderr)
    return failure
