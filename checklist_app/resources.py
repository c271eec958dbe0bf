"""One place that finds bundled data files, from a source checkout or a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def project_root() -> Path:
    """The folder holding ``resources/`` and ``checklists/``.

    In a PyInstaller bundle that is ``sys._MEIPASS``; from source it is the repository root.
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    return project_root().joinpath("resources", *parts)


def checklists_path(*parts: str) -> Path:
    return project_root().joinpath("checklists", *parts)
