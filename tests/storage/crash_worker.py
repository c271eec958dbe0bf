"""Run by test_crash.py in a child process that the test kills with SIGKILL mid-write.

Usage: python -m tests.storage.crash_worker attach|batch WORKSPACE [FILE]
Prints "ready" once it is inside the transaction, then keeps writing slowly.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from checklist_app.storage.backup import BackupPolicy
from checklist_app.storage.workspace import Workspace

ITEMS = ["chongqing-2022/二/(一)/1", "chongqing-2022/二/(一)/2", "chongqing-2022/二/(一)/3"]
STATUSES = ["in_progress", "done", "ongoing", "not_started"]


def ready() -> None:
    print("ready", flush=True)


def attach(workspace: Workspace, aid: int, file: Path) -> None:
    signalled = False

    def progress(done: int, total: int) -> None:
        nonlocal signalled
        if done >= total // 4 and not signalled:
            signalled = True
            ready()
        if signalled:
            time.sleep(0.05)

    workspace.attach(aid, ITEMS[0], file, progress=progress)


def batch(workspace: Workspace, aid: int) -> None:
    def changes() -> Iterator[tuple[str, dict[str, Any]]]:
        for n in range(100_000):
            yield ITEMS[n % 3], {"status": STATUSES[n % 4], "note": f"change {n}"}
            if n == 300:
                ready()
            if n > 300:
                time.sleep(0.001)

    workspace.set_items(aid, changes())


def main() -> None:
    mode, path = sys.argv[1], Path(sys.argv[2])
    workspace = Workspace.open(path, backups=BackupPolicy(on_open=False, on_close=False))
    aid = workspace.only_open_assessment().id
    if mode == "attach":
        attach(workspace, aid, Path(sys.argv[3]))
    else:
        batch(workspace, aid)
    print("finished", flush=True)  # the test kills us before this
    workspace.close()


if __name__ == "__main__":
    main()
