"""Import speed: parse all five source documents, against reading the same files.

Run: .venv/bin/python bench/bench_parse.py
Prints absolute times and the ratio to a baseline measured in the same run (reading and
decoding the same bytes), so numbers from different machines can be compared. Also how the
parse scales: a county work plan (tests/importer/documents/yubei-2023.txt, a department
list closing each task) repeated to 0.5 MB and to 2 MB, time per MB of the larger against
the smaller (1 is linear; a check that re-read the rest of a clause per match made it ~4).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

from checklist_app.importer import SHIPPED_IDS, parse_file
from checklist_app.importer.normalize import to_simplified
from checklist_app.importer.parser import parse_source
from checklist_app.importer.shipped import source_path

REPEATS = 7
SCALING_SOURCE = Path(__file__).resolve().parent.parent / "tests/importer/documents/yubei-2023.txt"


def best_of(function: Callable[[], object]) -> float:
    timings = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return min(timings)


def read_all(paths: list[Path]) -> None:
    for path in paths:
        path.read_bytes().decode("utf-8")


def parse_all(paths: list[Path]) -> None:
    for path in paths:
        parse_file(path)


def scaling(path: Path) -> tuple[float, float]:
    """Seconds per MB parsing ``path`` repeated to 0.5 MB and to 2 MB."""
    text = path.read_text(encoding="utf-8")
    per_mb = []
    for megabytes in (0.5, 2.0):
        copies = int(megabytes * 2**20 / len(text.encode("utf-8"))) + 1
        start = time.perf_counter()
        parse_source(text * copies, "scaling")
        per_mb.append((time.perf_counter() - start) / megabytes)
    return per_mb[0], per_mb[1]


def main() -> None:
    paths = [source_path(doc_id) for doc_id in SHIPPED_IDS]
    size = sum(path.stat().st_size for path in paths)
    to_simplified("预热")  # load the OpenCC dictionaries once, as the app does at start
    start = time.perf_counter()
    parse_all(paths)
    cold = time.perf_counter() - start
    baseline = best_of(lambda: read_all(paths))
    parsed = best_of(lambda: parse_all(paths))
    per_doc = [best_of(lambda p=p: parse_file(p)) for p in paths]
    print(f"five documents, {size / 1024:.0f} KiB")
    print(f"read + decode (baseline): {baseline * 1000:8.2f} ms")
    print(f"parse all five (best of {REPEATS}): {parsed * 1000:8.2f} ms")
    print(f"first run, dictionaries warm: {cold * 1000:.1f} ms")
    print(f"ratio parse / read: {parsed / baseline:8.1f}x")
    for doc_id, seconds in zip(SHIPPED_IDS, per_doc, strict=True):
        print(f"  {doc_id:16s} {seconds * 1000:7.2f} ms")
    print(f"median per document: {statistics.median(per_doc) * 1000:.2f} ms")
    print("target: the whole import well under one second:", "OK" if parsed < 1 else "MISSED")
    small, large = scaling(SCALING_SOURCE)
    print(f"seconds per MB, 0.5 MB: {small:.2f}, 2 MB: {large:.2f}; "
          f"ratio {large / small:.2f} (1 = linear)")


if __name__ == "__main__":
    main()
