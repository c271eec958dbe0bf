"""Damage a workspace file the way a failing disk or an interrupted copy does."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path


def damage_btree(path: Path, name: str) -> None:
    """Overwrite the header of the root page of table or index ``name`` (of a closed
    workspace): the file opens, its header and schema are fine, and reading ``name`` fails."""
    with closing(sqlite3.connect(path)) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                            [name]).fetchone()[0]
    with path.open("r+b") as file:
        file.seek((root - 1) * page_size)
        file.write(b"\xff" * 64)


def passes_quick_check(path: Path) -> bool:
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        try:
            return conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        except sqlite3.DatabaseError:
            return False
