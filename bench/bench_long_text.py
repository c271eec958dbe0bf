"""Benchmark: a report whose narrative is one very long paragraph (text pasted in whole).

Lays out the 正文 alone with a paragraph of N and of 8×N characters and prints the ratio of
the two times: about 8 when the time grows with the text, far more when each page breaks
the whole rest of the paragraph again (it was 30× and more). Also the time of reportlab's
own CJK Paragraph for the long text, in the same run, as a baseline.

    .venv/bin/python bench/bench_long_text.py [--chars 4000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checklist_app.report.builder import build_report
from checklist_app.report.fonts import FontRole, find_fonts
from checklist_app.report.styles import BODY_LEADING, BODY_SIZE, GBT9704_PAGE
from tests.report.conftest import make_snapshot

SENTENCE = "我局推进标准化工作，完成地方标准制定56项。"


def report_seconds(chars: int, folder: Path) -> float:
    snapshot = make_snapshot()
    text = SENTENCE * (chars // len(SENTENCE))
    assessment = snapshot.assessment
    snapshot.assessment = replace(assessment, narrative={**assessment.narrative, 2: text})
    start = time.perf_counter()
    list(build_report(snapshot, folder / f"r{chars}.pdf", parts=["body"]))
    return time.perf_counter() - start


def plain_seconds(chars: int, folder: Path) -> float:
    fonts = find_fonts()
    style = ParagraphStyle("plain", fontName=fonts.name(FontRole.SONG), fontSize=BODY_SIZE,
                           leading=BODY_LEADING, wordWrap="CJK")
    text = fonts.markup(SENTENCE * (chars // len(SENTENCE)), FontRole.SONG)
    doc = SimpleDocTemplate(str(folder / "plain.pdf"), leftMargin=GBT9704_PAGE.left,
                            rightMargin=GBT9704_PAGE.left)
    start = time.perf_counter()
    doc.build([Paragraph(text, style)])
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=4000)
    args = parser.parse_args()
    find_fonts()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        report_seconds(args.chars, folder)  # warm up: fonts, imports
        short = report_seconds(args.chars, folder)
        long = report_seconds(8 * args.chars, folder)
        plain = plain_seconds(8 * args.chars, folder)
    print(f"report, {args.chars} chars in one paragraph : {short:6.2f} s")
    print(f"report, {8 * args.chars} chars in one paragraph : {long:6.2f} s")
    print(f"ratio 8× text / 1× text          : {long / short:6.2f}× (linear: about 8)")
    print(f"plain reportlab Paragraph, 8× text : {plain:6.2f} s  "
          f"(report / plain {long / plain:5.2f}×)")


if __name__ == "__main__":
    main()
