"""Folders given as evidence: the files inside them, without the clutter systems leave.

A clerk drags the folder of a meeting's papers onto an item; every file in it (and in its
subfolders) is attached, in name order. Hidden files, Windows' Thumbs.db and desktop.ini
and Office's lock and temporary files (~$报告.docx, ~WRL0001.tmp) prove nothing and are
left out. Links to folders are
not followed (a link to a parent would never end).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from checklist_app.i18n import _, os_reason
from checklist_app.storage.errors import EvidenceFileError

CLUTTER = frozenset({"thumbs.db", "desktop.ini", "ehthumbs.db"})


@dataclass(frozen=True, slots=True)
class FilesToAttach:
    """The files to attach for the paths given, and the folders they came from."""

    files: list[Path]
    folders: list[Path] = field(default_factory=list)  # each folder given, in order
    empty_folders: list[Path] = field(default_factory=list)  # folders with no file to attach


def files_to_attach(paths: Sequence[Path]) -> FilesToAttach:
    """Files as they are; each folder's files in their place, in name order. Anything
    else (a missing path) is passed on for the evidence store to refuse with its reason.
    A folder (or subfolder) that cannot be read raises EvidenceFileError: its files
    would be left out unseen."""
    files: list[Path] = []
    folders: list[Path] = []
    empty: list[Path] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        folders.append(path)
        inside = files_in_folder(path)
        if not inside:
            empty.append(path)
        files.extend(inside)
    return FilesToAttach(list(dict.fromkeys(files)), folders, empty)


def files_in_folder(folder: Path) -> list[Path]:
    """The files of ``folder`` and its subfolders worth attaching, in name order (a
    subfolder's files after the folder's own)."""
    found: list[Path] = []

    def unreadable(error: OSError) -> None:
        raise EvidenceFileError(_(
            "The folder {path} cannot be read ({reason}), so nothing was attached. Ask for "
            "access, or attach the files you can read.").format(
            path=error.filename or folder, reason=os_reason(error)), error.filename or folder)

    for root, subfolders, names in os.walk(folder, onerror=unreadable, followlinks=False):
        subfolders[:] = sorted(d for d in subfolders if not _is_clutter(d))
        found.extend(Path(root, name) for name in sorted(names) if not _is_clutter(name))
    return found


def _is_clutter(name: str) -> bool:
    lowered = name.lower()
    return name.startswith((".", "~$")) or lowered in CLUTTER \
        or (name.startswith("~") and lowered.endswith(".tmp"))  # Word's ~WRL0001.tmp
