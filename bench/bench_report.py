"""Benchmark: the report for 1,000 items with 3,000 evidence entries.

Measures time and peak Python memory (tracemalloc) of ``build_report`` against reportlab
laying out the same item table (same text, one CJK font, no styling, no fallback runs) in the
same run, and prints the ratio. Target: under 10 s.

    .venv/bin/python bench/bench_report.py [--items 1000] [--evidence-per-item 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checklist_app.report.annex_rows import AnnexRows
from checklist_app.report.builder import build_report
from checklist_app.report.content import compute_facts
from checklist_app.report.fonts import FontRole, find_fonts
from checklist_app.report.wording import Wording
from tests.report.conftest import make_snapshot


def seconds(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def peak_mib(run: Callable[[], object]) -> float:
    """Peak traced Python memory of ``run`` (a separate pass: tracing slows everything)."""
    tracemalloc.start()
    run()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def plain_table(snapshot, out: Path) -> int:
    """The item table laid out by reportlab with no styling: the baseline."""
    fonts = find_fonts()
    text = AnnexRows(compute_facts(snapshot), Wording("zh")).items()
    style = ParagraphStyle("plain", fontName=fonts.name(FontRole.SONG), fontSize=9, leading=12,
                           wordWrap="CJK")
    # The same font runs as the report (the bundled CJK font has no Latin glyphs).
    data = [[Paragraph(fonts.markup(cell, FontRole.SONG), style) for cell in row]
            for row in [text.header, *text.rows]]
    doc = SimpleDocTemplate(str(out), pagesize=landscape(A4))
    width = doc.width / len(text.header)
    doc.build([Table(data, colWidths=[width] * len(text.header), repeatRows=1)])
    return doc.page


def full_report(snapshot, out: Path) -> int:
    for step in build_report(snapshot, out):
        pages = step.pages
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--evidence-per-item", type=int, default=3)
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc pass")
    args = parser.parse_args()
    snapshot = make_snapshot(items_per_section=args.items // 2,
                             evidence_per_item=args.evidence_per_item)
    items = len(snapshot.checklist.checkable_nodes())
    evidence = sum(len(v) for v in snapshot.evidence.values())
    find_fonts()  # register fonts once, outside both measurements
    with tempfile.TemporaryDirectory() as folder:
        pages: dict[str, int] = {}

        def plain() -> None:
            pages["plain"] = plain_table(snapshot, Path(folder, "p.pdf"))

        def full() -> None:
            pages["full"] = full_report(snapshot, Path(folder, "r.pdf"))

        base_s, full_s = seconds(plain), seconds(full)
        base_mb = full_mb = float("nan")
        if not args.no_memory:
            base_mb, full_mb = peak_mib(plain), peak_mib(full)
    print(f"{items} items, {evidence} evidence entries")
    print(f"plain reportlab table : {base_s:6.2f} s  peak {base_mb:7.1f} MiB  "
          f"{pages['plain']} pages (item table only, Paragraph cells, no styling)")
    print(f"build_report (PDF)    : {full_s:6.2f} s  peak {full_mb:7.1f} MiB  "
          f"{pages['full']} pages (公文 part + 4 annexes)")
    print(f"ratio report / plain  : {full_s / base_s:6.2f}× time, {full_mb / base_mb:6.2f}× memory")
    print("target < 10 s:", "met" if full_s < 10 else "NOT met")


if __name__ == "__main__":
    main()
