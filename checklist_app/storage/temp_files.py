"""Hidden temporaries a file is written to before it takes its name, and their clean-up.

A report, a backup, a restored workspace or the copy a restore keeps is first written as
``.NAME.1a2b3c4d.part`` beside where it goes, then put in its place: a program stopped in
the middle leaves the temporary, never a cut-short file under the real name. The
temporaries such stops left (each as large as what was written, with an SQLite journal
beside a database's) are removed by the next write of the same name.
"""

from __future__ import annotations

import os
import re
import sys
import uuid
from contextlib import suppress
from pathlib import Path

STALE_TEMP_SECONDS = 3600  # a temporary untouched this long was left by a program stopped
SQLITE_SIDES = ("-journal", "-wal", "-shm")  # what SQLite may leave beside a database
NAME_MAX = 255  # of a file name: bytes on Linux file systems, UTF-16 units on NTFS
TEMP_NAME_BYTES = 200  # of the target's name in its temporary's: room for .…part-journal


def name_bytes(name: str) -> int:
    """The length of a file name as the file system counts it against NAME_MAX: UTF-8
    bytes (3 a hanzi), on Windows UTF-16 units (1 a hanzi)."""
    if sys.platform == "win32":
        return len(name.encode("utf-16-le", "surrogatepass")) // 2
    return len(os.fsencode(name))


def shortened_name(name: str, limit: int) -> str:
    """``name`` cut to at most ``limit`` bytes, at a character: a temporary's or a backup's
    name adds to the name it is made from, and a long Chinese name (a legal 80 hanzi)
    took the result past what the file system allows."""
    while name_bytes(name) > limit:
        name = name[:-1]
    return name


def temp_path_for(target: Path) -> Path:
    """A hidden temporary beside ``target`` to write it into, then put in its place.

    The temporaries of earlier writes that a crash or a kill left behind are removed first.
    "Left behind" is judged by the folder's clock, read off the new temporary (a share's
    clock may be behind this computer's): one still being written is touched within the
    hour.
    """
    base = shortened_name(target.name, TEMP_NAME_BYTES)
    temp = target.with_name(f".{base}.{uuid.uuid4().hex[:8]}.part")
    try:
        temp.touch(exist_ok=False)
        now = temp.stat().st_mtime
    except OSError:
        return temp  # writing it says what is wrong
    sides = "|".join(SQLITE_SIDES)
    names = "|".join(re.escape(name) for name in {base, target.name})  # and those made whole
    pattern = re.compile(rf"\.(?:{names})\.[0-9a-f]{{8}}\.part(?:{sides})?")
    with suppress(OSError):
        for entry in os.scandir(target.parent):
            with suppress(OSError):
                if pattern.fullmatch(entry.name) and entry.is_file(follow_symlinks=False) \
                        and now - entry.stat().st_mtime > STALE_TEMP_SECONDS:
                    os.unlink(entry.path)
    return temp


def remove_temp(temp: Path | str) -> None:
    """Remove a temporary that was not put in place, with what SQLite left beside it."""
    for name in (os.fspath(temp), *(os.fspath(temp) + side for side in SQLITE_SIDES)):
        with suppress(OSError):
            os.unlink(name)
