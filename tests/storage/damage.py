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


def empty_btree(path: Path, name: str) -> None:
    """Make the root page of table or index ``name`` (of a closed workspace) a valid, empty
    leaf: every read succeeds and finds nothing, as when a disk loses a page. Only SQLite's
    integrity check notices (the rows the indexes still name are gone)."""
    with closing(sqlite3.connect(path)) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root, kind = conn.execute("SELECT rootpage, type FROM sqlite_master WHERE name = ?",
                                  [name]).fetchone()
    leaf = 0x0D if kind == "table" else 0x0A
    header = bytes([leaf, 0, 0, 0, 0]) + page_size.to_bytes(2, "big")[-2:] + b"\0"
    with path.open("r+b") as file:
        file.seek((root - 1) * page_size)
        file.write(header + b"\0" * (page_size - len(header)))
