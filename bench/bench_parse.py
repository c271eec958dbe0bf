"""Import speed: parse all five source documents, against reading the same files.

Run: .venv/bin/python bench/bench_parse.py
Prints absolute times and the ratio to a baseline measured in the same run (reading and
decoding the same bytes), so numbers from different machines can be compared.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

from checklist_app.importer import SHIPPED_IDS, parse_file
from checklist_app.importer.normalize import to_simplified
from checklist_app.importer.shipped import source_path

REPEATS = 7


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


if __name__ == "__main__":
    main()
