"""Storage benchmarks, reported as ratios to a baseline measured in the same run.

    .venv/bin/python bench/bench_storage.py [--size-mib 1024] [--repeat 3] [--items 10000]
                                            [--files 5000]

1. attach a large file vs ``cp`` + ``sync`` (time ratio, peak RSS of the attaching process),
   with the workspace's WAL journal and, for comparison, a rollback journal (DELETE);
2. export it back vs ``cp``;
3. 10,000 status changes: one batch (one transaction) and one transaction each, vs plain
   SQLite inserts in one transaction;
4. open a workspace with 10,000 items and 5,000 evidence files: time to the first usable
   query (assessment + item states), vs a bare sqlite3 connect + count.
Every measured operation runs in a child process so that its peak RSS is its own.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checklist_app.core import Document, Level, Node, NodeKind
from checklist_app.storage import db as storage_db
from checklist_app.storage import evidence
from checklist_app.storage.backup import BackupPolicy
from checklist_app.storage.workspace import Workspace, now_iso

NO_BACKUPS = BackupPolicy(on_open=False, on_close=False)
DOC = "bench-doc"


def make_document(items: int) -> Document:
    nodes = [Node(f"{DOC}/{i}", None, f"{i}.", NodeKind.ITEM, "", f"任务{i}：完善标准体系。",
                  checkable=True, search_text=f"{i}. 任务{i}") for i in range(1, items + 1)]
    return Document(DOC, "基准文档", "基准", Level.MUNICIPAL, "基准", 2024, nodes)


def make_workspace(path: Path, items: int) -> int:
    with Workspace.create(path, backups=NO_BACKUPS) as workspace:
        workspace.import_document(make_document(items))
        return workspace.new_assessment(checklist_doc_id=DOC, office="基准局").id


# -- child processes ----------------------------------------------------------------------------


def child_attach(db: str, file: str, journal: str) -> None:
    """journal: "auto" (the app: rollback journal for large files) or "wal" (forced)."""
    if journal == "wal":
        storage_db.BULK_BYTES = 1 << 62  # never leave the WAL
    with Workspace.open(db, backups=NO_BACKUPS) as workspace:
        workspace.attach(1, f"{DOC}/1", file)


def child_export(db: str, folder: str) -> None:
    with Workspace.open(db, read_only=True) as workspace:
        list(workspace.export_evidence(1, folder))


def child_batch(db: str, count: str) -> None:
    statuses = ["in_progress", "done", "ongoing", "not_started"]
    with Workspace.open(db, backups=NO_BACKUPS) as workspace:
        workspace.set_items(1, ((f"{DOC}/{n % 1000 + 1}", {"status": statuses[n % 4]})
                                for n in range(int(count))))


def child_single(db: str, count: str) -> None:
    statuses = ["in_progress", "done", "ongoing", "not_started"]
    with Workspace.open(db, backups=NO_BACKUPS) as workspace:
        for n in range(int(count)):
            workspace.set_item(1, f"{DOC}/{n % 1000 + 1}", status=statuses[n % 4])


def child_raw_inserts(db: str, count: str) -> None:
    with closing(sqlite3.connect(db, isolation_level=None)) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("CREATE TABLE t (a INTEGER, b TEXT, c TEXT)")
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO t VALUES (?, ?, ?)",
                         ((n, "done", "x" * 40) for n in range(int(count))))
        conn.execute("COMMIT")


def child_open_query(db: str) -> None:
    with Workspace.open(db, backups=NO_BACKUPS) as workspace:
        aid = workspace.only_open_assessment().id
        assert len(workspace.item_states(aid)) > 0


def child_raw_open(db: str) -> None:
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("SELECT count(*) FROM item_states").fetchone()


CHILDREN = {f.__name__.removeprefix("child_"): f for f in (
    child_attach, child_export, child_batch, child_single, child_raw_inserts, child_open_query,
    child_raw_open)}


def measure(name: str, *args: str) -> tuple[float, float]:
    """Seconds (timed inside the child, without interpreter start-up) and the child's peak
    RSS in MiB for CHILDREN[name]."""
    child = subprocess.Popen([sys.executable, __file__, "--child", name, *args],
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    with child.stdout:
        reported = child.stdout.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{name} failed with exit code {child.returncode}")
    return float(reported.split()[-1]), usage.ru_maxrss / 1024


def measure_shell(*commands: list[str]) -> float:
    start = time.perf_counter()
    for command in commands:
        subprocess.run(command, check=True)
    return time.perf_counter() - start


# -- the benchmarks -----------------------------------------------------------------------------


def bench_attach_export(work: Path, size_mib: int, repeat: int) -> None:
    """Interleaved runs (the disk is shared and noisy): medians and per-run ratios."""
    source = work / "big.bin"
    with source.open("wb") as file:
        block = os.urandom(1 << 20)
        for i in range(size_mib):
            file.write(block[:-8] + i.to_bytes(8, "big"))
    subprocess.run(["sync"], check=True)
    runs: dict[str, list[float]] = {"cp+sync": [], "auto": [], "wal": []}
    rss: dict[str, float] = {}
    for run in range(repeat):
        (work / "copy.bin").unlink(missing_ok=True)
        runs["cp+sync"].append(measure_shell(["cp", str(source), str(work / "copy.bin")],
                                             ["sync"]))
        for journal in ("auto", "wal"):
            db = work / f"attach-{journal}.sqlite"
            if run:
                db.unlink()
            make_workspace(db, 10)
            seconds, rss[journal] = measure("attach", str(db), str(source), journal)
            runs[journal].append(seconds)
    cp = statistics.median(runs["cp+sync"])
    print(f"\n[attach {size_mib} MiB, median of {repeat}]  baseline cp+sync: {cp:.2f} s "
          f"(runs {_runs(runs['cp+sync'])})")
    for journal, label in (("auto", "rollback journal (the app)"), ("wal", "WAL (forced)")):
        ratios = [a / b for a, b in zip(runs[journal], runs["cp+sync"], strict=True)]
        median = statistics.median(runs[journal])
        print(f"  attach, {label:26}: {median:6.2f} s  ratio {median / cp:5.2f} "
              f"(per run {_runs(ratios)})  peak RSS {rss[journal]:6.1f} MiB")
    print("  targets: ratio < 3, peak RSS < 150 MiB")
    _bench_export(work, source)
    for path in (source, work / "copy.bin", work / "attach-wal.sqlite",
                 work / "attach-auto.sqlite"):
        path.unlink(missing_ok=True)
    shutil.rmtree(work / "out", ignore_errors=True)


def _runs(values: list[float]) -> str:
    return " ".join(f"{v:.2f}" for v in values)


def _bench_export(work: Path, source: Path) -> None:
    (work / "copy.bin").unlink(missing_ok=True)
    cp_back = measure_shell(["cp", str(source), str(work / "copy.bin")])
    (work / "copy.bin").unlink()
    cp_sync = measure_shell(["cp", str(source), str(work / "copy.bin")], ["sync"])
    seconds, rss = measure("export", str(work / "attach-auto.sqlite"), str(work / "out"))
    print(f"[export, fsync'd]  baselines cp: {cp_back:.2f} s, cp+sync: {cp_sync:.2f} s; "
          f"export {seconds:.2f} s  ratio {seconds / cp_back:5.2f} / {seconds / cp_sync:5.2f}  "
          f"peak RSS {rss:6.1f} MiB")


def bench_status_changes(work: Path, count: int) -> None:
    raw, _rss = measure("raw_inserts", str(work / "raw.sqlite"), str(count))
    print(f"\n[{count} status changes]  baseline raw inserts (1 txn): {count / raw:,.0f} /s")
    db = work / "changes.sqlite"
    make_workspace(db, 1000)
    batch, rss = measure("batch", str(db), str(count))
    print(f"  one batch (1 txn, audited): {count / batch:,.0f} changes/s  "
          f"ratio {batch / raw:5.2f}  peak RSS {rss:.1f} MiB")
    single_count = min(count, 2000)
    single, rss = measure("single", str(db), str(single_count))
    print(f"  one transaction each ({single_count}, fsync each): "
          f"{single_count / single:,.0f} changes/s  peak RSS {rss:.1f} MiB")


def bench_open(work: Path, items: int, files: int) -> None:
    db = work / "large.sqlite"
    aid = make_workspace(db, items)
    with Workspace.open(db, backups=NO_BACKUPS) as workspace:
        workspace.set_items(aid, ((f"{DOC}/{i}", {"status": "done", "note": "已完成"})
                                  for i in range(1, items + 1)))
        _fill_evidence(workspace, aid, work, files)
    raw, _rss = measure("raw_open", str(db))
    seconds, rss = measure("open_query", str(db))
    size = db.stat().st_size >> 20
    print(f"\n[open {items} items, {files} evidence files, {size} MiB]  baseline sqlite3 "
          f"connect+count: {raw:.2f} s; Workspace.open + first query {seconds:.2f} s  "
          f"ratio {seconds / raw:5.2f}  peak RSS {rss:.1f} MiB")


def _fill_evidence(workspace: Workspace, aid: int, work: Path, files: int) -> None:
    """Many small evidence files in one transaction (attach would fsync each)."""
    folder = work / "files"
    folder.mkdir()
    with workspace.db.atomic():
        for i in range(files):
            path = folder / f"证明{i}.txt"
            path.write_bytes(os.urandom(2048))
            content = evidence.store_file(workspace.db, path, now=now_iso())
            evidence_id = evidence.add_evidence(workspace.db, content, path.name,
                                                description="", now=now_iso(), user="bench")
            evidence.link(workspace.db, aid, f"{DOC}/{i % 10000 + 1}", evidence_id,
                          now=now_iso(), user="bench")
    shutil.rmtree(folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--repeat", type=int, default=3, help="runs of the attach benchmark")
    parser.add_argument("--changes", type=int, default=10_000)
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--files", type=int, default=5_000)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        start = time.perf_counter()
        CHILDREN[args.child[0]](*args.child[1:])
        print(time.perf_counter() - start)
        return
    print(f"SQLite {sqlite3.sqlite_version}, Python {sys.version.split()[0]}, "
          f"chunk {evidence.CHUNK_SIZE >> 20} MiB")
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as folder:
        work = Path(folder)
        bench_attach_export(work, args.size_mib, args.repeat)
        bench_status_changes(work, args.changes)
        bench_open(work, args.items, args.files)


if __name__ == "__main__":
    main()
