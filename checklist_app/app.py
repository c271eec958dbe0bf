"""Composition root of the desktop app (filled in by the desktop-app work)."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    print("checklist-app: the desktop window is not built yet", file=sys.stderr)
    return 1
