"""Line breaking in real PDFs, read back line by line with pdftotext: 禁则 in the body and in
table cells, status words whole, body lines inside the GB/T 9704 text block."""

from __future__ import annotations

import dataclasses
from itertools import pairwise
from pathlib import Path

import pytest

from checklist_app.core import AssessmentSnapshot, ItemStatus
from checklist_app.report.builder import build_report
from checklist_app.report.kinsoku import CANNOT_END, CANNOT_START
from checklist_app.report.styles import GBT9704_PAGE
from checklist_app.report.wording import Wording
from tests.report.conftest import make_snapshot
from tests.report.pdflines import PrintedLine, line_below, printed_lines
from tests.report.test_pdf import needs_poppler

PUNCTUATED = "按照《国家标准化发展纲要》（国发〔2021〕1号）部署，完成率为10.0%（含“长期坚持”）。"
NUMBERED = "截至2024年12月底已完成2056项，其中1024项为重点任务。" * 2
FILLER = "推进标准化工作扎实开展取得实效" * 2
TABLE_TEXT = 10.5  # pt: table text is 9 pt or less, running text 11 pt or more


def shifted(offset: int) -> str:
    """The marks of ``PUNCTUATED`` ``offset`` characters further along the line."""
    return FILLER[:offset] + PUNCTUATED * 2


def punctuated_snapshot() -> AssessmentSnapshot:
    """Body paragraphs and item notes with every mark at every place in a line, and the
    status words that split in a narrow column."""
    snapshot = make_snapshot(items_per_section=8)
    snapshot.assessment.narrative[2] = "\n".join(shifted(n) for n in range(28))
    # numbers kept whole with their measure words, at every place in a line
    snapshot.assessment.narrative[3] = "\n".join(FILLER[:n] + NUMBERED for n in range(28))
    statuses = [ItemStatus.LARGELY_DONE, ItemStatus.ONGOING, ItemStatus.NOT_ASSESSED]
    for n, (node_id, state) in enumerate(sorted(snapshot.states.items())):
        snapshot.states[node_id] = dataclasses.replace(
            state, note=shifted(n), status=statuses[n % len(statuses)], justification="")
    return snapshot


def build(out: Path, **options) -> list[PrintedLine]:
    list(build_report(punctuated_snapshot(), out, **options))
    return printed_lines(out)


@pytest.fixture(scope="module")
def official(tmp_path_factory: pytest.TempPathFactory) -> list[PrintedLine]:
    return build(tmp_path_factory.mktemp("official") / "r.pdf")


@pytest.fixture(scope="module")
def compact(tmp_path_factory: pytest.TempPathFactory) -> list[PrintedLine]:
    return build(tmp_path_factory.mktemp("compact") / "r.pdf", style="compact")


def badly_broken(lines: list[PrintedLine]) -> list[str]:
    return [line.text for line in lines
            if line.text[0] in CANNOT_START or line.text[-1] in CANNOT_END]


def split_words(lines: list[PrintedLine]) -> list[tuple[str, str]]:
    """(line, line below) pairs in tables that a status word runs across.

    Running text may break a status word, as any other words, between its characters.
    """
    split = []
    for line in lines:
        if line.height > TABLE_TEXT:
            continue
        for word in map(Wording("zh").status, ItemStatus):
            for cut in range(1, len(word)):
                below = line_below(lines, line) if line.text.endswith(word[:cut]) else None
                if below and below.text.startswith(word[cut:]):
                    split.append((line.text, below.text))
    return split


@needs_poppler
def test_no_line_starts_with_a_closing_or_ends_with_an_opening_mark(
    official: list[PrintedLine], compact: list[PrintedLine],
) -> None:
    body = [line for line in official if line.page <= 3]
    assert len(body) > 60 and any(PUNCTUATED[:6] in line.text for line in body)
    assert badly_broken(official) == []
    assert badly_broken(compact) == []


@needs_poppler
def test_status_words_are_never_split(
    official: list[PrintedLine], compact: list[PrintedLine],
) -> None:
    for lines in (official, compact):
        texts = [line.text for line in lines]
        assert "基本完成" in texts and "长期坚持" in texts  # whole, in the status column
        assert split_words(lines) == []


@needs_poppler
def test_body_lines_stay_in_the_text_block(official: list[PrintedLine]) -> None:
    """A mark pulled onto a full line is squeezed in, not hung in the margin."""
    right = GBT9704_PAGE.left + GBT9704_PAGE.width
    body = [line for line in official if line.page <= 3 and line.height > TABLE_TEXT]
    assert body and max(line.right for line in body) <= right + 0.5


@needs_poppler
def test_the_items_tables_numbers_are_never_split(tmp_path: Path) -> None:
    """附件1 printed 二、（一）/1. and 市市场监/管局 over two lines: the 序号 and 责任单位
    columns are given room for them where the others can spare it, and no column is
    narrowed below what its own words need (a file's hash then broke before its ）)."""
    from checklist_app.demo import build_demo
    from checklist_app.report.content import compute_facts
    from checklist_app.report.script import as_printed
    from checklist_app.storage.workspace import Workspace

    path = build_demo(tmp_path, with_report=False)
    with Workspace.open(path) as workspace:
        snapshot = workspace.snapshot(workspace.only_open_assessment().id)
    out = tmp_path / "r.pdf"
    list(build_report(snapshot, out, parts=["table", "evidence"]))
    texts = [line.text for line in printed_lines(out)]
    labels = {row.path_label for row in compute_facts(as_printed(snapshot)).items}
    assert labels and all(any(text.startswith(label) for text in texts) for label in labels)
    assert not [text for text in texts if text[0] in CANNOT_START]
    assert "市市场监管局" in texts  # a department's name on one line (市市场监/管局)
    assert not [text for text in texts if text.endswith("市市场监")]


@needs_poppler
def test_body_lines_end_at_the_margin_though_the_rules_moved_characters_down(
        official: list[PrintedLine]) -> None:
    """两端对齐: a line that 禁则 left a few characters short (a mark or a number moved down
    whole) was printed ragged, up to 13 mm short of the margin."""
    left, right = GBT9704_PAGE.left, GBT9704_PAGE.left + GBT9704_PAGE.width
    body = [line for line in official if line.page <= 6 and line.height > TABLE_TEXT]
    going_on = [line for line, below in pairwise(body)  # the paragraph goes on below
                if below.page == line.page and 0 < below.y - line.y < 2 * line.height
                and below.x < left + 1 and line.x < left + 2 * line.height]
    assert len(going_on) > 40
    assert [line.text for line in going_on if line.right < right - 2] == []
