"""A paragraph over many pages (a narrative pasted in whole) is broken into lines once: the
part on each next page keeps the lines already broken, and prints the same."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.platypus import Paragraph

from checklist_app.report import paragraphs
from checklist_app.report.builder import build_report
from tests.report.conftest import make_snapshot

TEXT = "我局推进“标准化+”行动（2024年），完成地方标准制定56项，完成率为56.5%。" * 240


def pages_of(path: Path) -> list[bytes]:
    return [page.get_contents().get_data() for page in PdfReader(path).pages]


def build(path: Path) -> None:
    snapshot = make_snapshot()
    assessment = snapshot.assessment
    snapshot.assessment = replace(assessment, narrative={**assessment.narrative,
                                                          2: f"{TEXT}\n第二段。"})
    list(build_report(snapshot, path, parts=["body"]))


def test_a_paragraph_over_many_pages_is_broken_once_and_prints_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = paragraphs.break_lines

    def counted(text: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(len(text))
        return real(text, *args, **kwargs)

    monkeypatch.setattr(paragraphs, "break_lines", counted)
    build(tmp_path / "carried.pdf")
    long_breaks = sum(1 for length in calls if length >= len(TEXT) // 2)
    carried = pages_of(tmp_path / "carried.pdf")
    assert len(carried) > 10
    calls.clear()
    monkeypatch.setattr(paragraphs.CJKParagraph, "split", Paragraph.split)  # break each rest
    build(tmp_path / "again.pdf")
    assert long_breaks <= 2 < sum(1 for length in calls if length >= len(TEXT) // 2)
    assert pages_of(tmp_path / "again.pdf") == carried
