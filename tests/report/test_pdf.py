"""The PDF read back with real readers: pypdf, pdftotext, pdffonts."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.textsplit import ALL_CANNOT_START

from checklist_app.core import AssessmentSnapshot, Level
from checklist_app.report.builder import ReportProgress, build_report
from checklist_app.report.styles import BODY_SIZE, GBT9704_PAGE
from checklist_app.report.wording import Wording
from tests.report.conftest import (
    GAP_TITLE,
    MARKUP_NOTE,
    NATIONAL_TITLE,
    OFFICE,
    SIMPLIFIED_TITLE,
    TRADITIONAL_TITLE,
    make_snapshot,
)

MM = 72 / 25.4
SECTION_HEADINGS = ["一、自查工作开展情况", "二、主要工作成效", "三、存在的问题和不足",
                    "四、下一步工作打算"]

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="poppler-utils not installed (scripts/bootstrap.sh)")


def build(snapshot: AssessmentSnapshot, out: Path, **options) -> ReportProgress:
    steps = list(build_report(snapshot, out, **options))
    return steps[-1]


def docx_cells(path: Path) -> list[list[str]]:
    """Every table row of a Word copy, cell by cell (a cell's wrapped lines joined)."""
    from docx import Document as WordDocument

    return [[cell.text for cell in row.cells]
            for table in WordDocument(str(path)).tables for row in table.rows]


def squeeze(text: str) -> str:
    """Text without whitespace (table cells and lines wrap anywhere) or page numbers (a
    landscape page's stands on its side, and pdftotext reads it among the page's lines)."""
    return re.sub(r"—\d+—", "", re.sub(r"\s+", "", text))


def pdftotext(path: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ReportProgress]:
    out = tmp_path_factory.mktemp("report") / "report.pdf"
    return out, build(make_snapshot(), out)


def test_pypdf_finds_the_report_text(report: tuple[Path, ReportProgress]) -> None:
    path, _last = report
    text = squeeze("".join(page.extract_text() for page in PdfReader(path).pages))
    for expected in [OFFICE, *SECTION_HEADINGS, NATIONAL_TITLE, SIMPLIFIED_TITLE, MARKUP_NOTE]:
        assert squeeze(expected) in text, expected


@needs_poppler
def test_pdftotext_finds_every_item_and_the_markup_note(
    report: tuple[Path, ReportProgress], snapshot: AssessmentSnapshot
) -> None:
    path, _last = report
    text = squeeze(pdftotext(path))
    # Escaped: printed literally, not bold. The cell wraps, and pdftotext may read a line of
    # the next cell between its lines, so check its line pieces.
    assert "已完成<b>&</b>" in text and "<font" in text and "color=red>" in text
    assert "</font>" in text
    assert OFFICE in text and SIMPLIFIED_TITLE in text and NATIONAL_TITLE in text
    for heading in SECTION_HEADINGS:
        assert heading in text
    for item in snapshot.checklist.checkable_nodes():
        assert item.label in text and squeeze(item.title) in text
    assert GAP_TITLE in text and "上级任务未承接" in text


@needs_poppler
def test_every_font_is_embedded(report: tuple[Path, ReportProgress]) -> None:
    path, _last = report
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert lines
    for line in lines:
        assert re.search(r"\byes\s+yes\s+yes\b", line), line  # emb sub uni


def test_completion_rates_are_set_in_the_tables_face(tmp_path: Path) -> None:
    """The bars' rates (16.1%) were set in the Latin fallback (Bitstream Vera), unlike every
    other figure of the tables. A face with digits (Vera Bold, chosen in the settings, so
    that the fallback's Vera Roman tells apart) sets them; the bundled face, which has no
    digits, leaves them to the fallback."""
    import reportlab

    out = tmp_path / "report.pdf"
    build(make_snapshot(), out, font=Path(reportlab.__file__).parent / "fonts" / "VeraBd.ttf")
    faces: dict[str, set[str]] = {}

    def note(text: str, _cm: object, _tm: object, font: dict | None, _size: float) -> None:
        if font is not None and text.strip():
            faces.setdefault(str(font.get("/BaseFont")), set()).add(text.strip())

    for page in PdfReader(out).pages:
        page.extract_text(visitor_text=note)
    rates = {face for face, texts in faces.items()
             if any(re.fullmatch(r"\d+(\.\d)?%", text) for text in texts)}
    assert rates and all(face.endswith("BitstreamVeraSans-Bold") for face in rates), rates


def test_pages_are_a4_portrait_then_landscape(report: tuple[Path, ReportProgress]) -> None:
    path, last = report
    pages = PdfReader(path).pages
    assert last.pages == len(pages) and 5 <= len(pages) <= 15
    sizes = [(round(float(p.mediabox.width) / MM), round(float(p.mediabox.height) / MM))
             for p in pages]
    assert sizes[0] == (210, 297)
    assert sizes[-1] == (297, 210)


@needs_poppler
def test_text_block_follows_gbt9704(report: tuple[Path, ReportProgress]) -> None:
    """Body lines start 28 mm from the left edge and stay inside the 156 × 225 mm block."""
    path, _last = report
    html = pdftotext(path, "-bbox", "-f", "1", "-l", "1")
    found = re.findall(
        r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', html)
    boxes = [(*(float(v) for v in m[:4]), m[4]) for m in found]
    left, top = GBT9704_PAGE.left, GBT9704_PAGE.top
    right, bottom = left + GBT9704_PAGE.width, top + GBT9704_PAGE.height
    body = [b for b in boxes if b[1] < bottom]  # the page number sits below the block
    assert min(b[0] for b in body) == pytest.approx(left, abs=1.0)
    assert min(b[1] for b in body) >= top - 2
    for box in body:
        if box[2] > right + 1:  # reportlab hangs a closing mark (）。，) in the margin
            assert box[4][-1] in ALL_CANNOT_START and box[2] <= right + BODY_SIZE + 1, box
    number = [b for b in boxes if b[1] > bottom]
    assert number and number[0][1] < bottom + 12 * MM  # 页码 under the block


@needs_poppler
def test_the_page_numbers_dashes_are_7mm_below_the_block(
    report: tuple[Path, ReportProgress], tmp_path: Path,
) -> None:
    """GB/T 9704 7.5: the 一字线 lies 7 mm under the text block; the top of the figures did
    (the dashes 9.4 mm down). Measured on the printed page: the inked row that runs widest
    below the block is the dashes'."""
    from PIL import Image

    path, _last = report
    dpi, block_bottom_mm = 300, (GBT9704_PAGE.top + GBT9704_PAGE.height) / MM
    top = round(block_bottom_mm / 25.4 * dpi)  # crop from the block's foot down 25 mm
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-f", "1", "-l", "1", "-y", str(top),
                    "-H", str(round(25 / 25.4 * dpi)), "-W", str(round(210 / 25.4 * dpi)),
                    str(path), str(tmp_path / "foot")], check=True)
    image = Image.open(next(tmp_path.glob("foot*.png"))).convert("L")
    pixels, (width, height) = image.load(), image.size
    inked = [sum(pixels[x, y] < 128 for x in range(width)) for y in range(height)]
    dash_rows = [y for y in range(height) if inked[y] >= max(inked) * 0.8]
    dash_top_mm = min(dash_rows) / dpi * 25.4
    assert dash_top_mm == pytest.approx(7, abs=0.5)


def test_outline_has_parts_sections_and_annexes(report: tuple[Path, ReportProgress]) -> None:
    path, _last = report
    outline = PdfReader(path).outline

    def titles(items) -> list[str]:
        found = []
        for item in items:
            found += titles(item) if isinstance(item, list) else [item.title]
        return found

    names = titles(outline)
    assert names[0] == "自查报告" and "附件" in names
    assert all(h in names for h in SECTION_HEADINGS)
    assert "附件1 自查自评表" in names and "附件2 三级对照表" in names
    assert "附件4 变更记录" in names


def test_metadata(report: tuple[Path, ReportProgress]) -> None:
    path, _last = report
    meta = PdfReader(path).metadata
    assert OFFICE in meta.title and "自查报告" in meta.title
    assert meta.author == OFFICE and meta.subject == "自查自评报告"
    assert meta.creation_date is not None


def test_hostile_text_never_crashes_and_is_reported(tmp_path: Path) -> None:
    snapshot = make_snapshot()
    item = snapshot.checklist.checkable_nodes()[1].id
    snapshot.states[item].note = (
        "<font face='nope'>x</font> <para> & &amp; </b> " + "长" * 3000 + "A" * 2000
        + " 😀 𠀀 \x00\x07 \u200b"
    )
    snapshot.assessment.narrative[4] = "<b>&</b>\n\n" + "X" * 5000
    last = build(snapshot, tmp_path / "r.pdf", docx_path=tmp_path / "r.docx")
    assert last.done and (tmp_path / "r.pdf").exists() and (tmp_path / "r.docx").exists()
    assert any("U+20000" in note for note in last.notes)


@needs_poppler
def test_provincial_checklist_has_no_provincial_column(tmp_path: Path) -> None:
    snapshot = make_snapshot()
    snapshot.checklist.level = Level.PROVINCIAL
    build(snapshot, tmp_path / "r.pdf")
    assert "对应省级条款" not in squeeze(pdftotext(tmp_path / "r.pdf"))
    build(make_snapshot(), tmp_path / "m.pdf")
    assert "对应省级条款" in squeeze(pdftotext(tmp_path / "m.pdf"))


@needs_poppler
def test_compact_and_english(tmp_path: Path) -> None:
    build(make_snapshot(), tmp_path / "c.pdf", style="compact", lang="en")
    reader = PdfReader(tmp_path / "c.pdf")
    assert all(round(float(p.mediabox.width) / MM) == 210 for p in reader.pages)
    text = pdftotext(tmp_path / "c.pdf")
    assert "Self-assessment table" in text and "Evidence index" in text
    assert "I. How the self-assessment" not in text  # no 公文 part in the compact style


def test_bad_options_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        list(build_report(make_snapshot(), tmp_path / "r.pdf", style="fancy"))
    with pytest.raises(ValueError):
        list(build_report(make_snapshot(), tmp_path / "r.pdf", lang="fr"))
    assert not list(tmp_path.iterdir())


@needs_poppler
def test_completion_rate_leaves_out_not_applicable_items(
        report: tuple[Path, ReportProgress]) -> None:
    from checklist_app.report.content import compute_facts
    from checklist_app.report.wording import Wording

    facts = compute_facts(make_snapshot())
    not_applicable = facts.total - facts.applicable
    assert not_applicable > 0 and facts.complete > 0
    rate = Wording("zh").percent(facts.complete / facts.applicable)
    sentence = (f"{facts.total}项检查项中不适用{not_applicable}项，其余{facts.applicable}项中"
                f"已完成（含长期坚持）{facts.complete}项，完成率{rate}")
    assert sentence in squeeze(pdftotext(report[0]))


@needs_poppler
def test_a_chinese_report_quotes_every_clause_in_simplified(
        report: tuple[Path, ReportProgress]) -> None:
    """Prose and annex tables alike: the stored document keeps its traditional source."""
    sizes = [page.mediabox for page in PdfReader(report[0]).pages]
    first_annex = next(n for n, box in enumerate(sizes) if box.width > box.height)
    pages = [squeeze(pdftotext(report[0], "-f", str(n), "-l", str(n)))
             for n in range(1, len(sizes) + 1)]
    body, annexes = pages[:first_annex], pages[first_annex:]  # annexes are landscape
    assert body and annexes
    assert any(SIMPLIFIED_TITLE in page for page in body)
    assert any(SIMPLIFIED_TITLE in page for page in annexes)
    assert not any(TRADITIONAL_TITLE in page for page in pages)


@needs_poppler
def test_the_scope_sentence_has_no_statistics_lead_in(
        report: tuple[Path, ReportProgress]) -> None:
    text = squeeze(pdftotext(report[0]))
    assert "根据自查自评表统计：本次自查依据" not in text and "本次自查依据" in text
    assert "根据自查自评表统计：截至" in text  # 二、主要工作成效 keeps it
    assert text.count("根据自查自评表统计：") == 1  # 三 words its own lead-in
    assert "存在的问题和不足" in text.split("自查自评表还反映出：")[0]


@needs_poppler
def test_the_sections_table_says_its_count_includes_standing_items_on_one_line(
        report: tuple[Path, ReportProgress]) -> None:
    """已完成 counted 长期坚持 items too, unsaid; said, the header first broke mid-word."""
    lines = [line.strip() for line in pdftotext(report[0], "-layout").splitlines()]
    assert any(re.search(r"部分\s+适用项\s+已完成（含长期坚持）\s+完成率", line) for line in lines)


def test_percentages_give_no_decimal_at_zero_and_whole() -> None:
    words = Wording("zh")
    assert [words.percent(f) for f in (0, 0.161, 0.5, 1)] == ["0%", "16.1%", "50.0%", "100%"]
    # never 100.0% beside 100%, nor 0.0% beside 0%
    assert [words.percent(f) for f in (0.9996, 0.0004)] == ["99.9%", "0.1%"]


def test_percentages_round_half_up_as_the_notes_say() -> None:
    """2 of 32 printed 6.2% (Python rounds a half to even) under a note saying 四舍五入."""
    words = Wording("zh")
    assert [words.percent(n / 32) for n in (2, 6, 10)] == ["6.3%", "18.8%", "31.3%"]
    assert words.percent(1 / 3) == "33.3%" and words.percent(2 / 3) == "66.7%"


def test_direction_controls_print_in_neither_copy(tmp_path: Path) -> None:
    """U+202E made a file named rtl‮gnp.exe read as …exe.png in the Word copy. A file name
    writes it out (rtl\\u202egnp.exe), as the export index and the app do; typed text drops
    it."""
    from dataclasses import replace

    from docx import Document

    snapshot = make_snapshot()
    first = snapshot.checklist.checkable_nodes()[0].id
    snapshot.evidence[first] = [replace(snapshot.evidence[first][0],
                                        file_name="rtl\u202egnp.exe")]
    snapshot.states[first].note = "甲\u202e乙丙\u202c丁\u2066戊\u2069"
    build(snapshot, tmp_path / "r.pdf", docx_path=tmp_path / "r.docx")
    word = Document(str(tmp_path / "r.docx"))
    cells = [c.text for t in word.tables for r in t.rows for c in r.cells]
    text = "\n".join([*(p.text for p in word.paragraphs), *cells])
    assert "rtl\\u202egnp.exe" in text and "甲乙丙丁戊" in text
    assert not re.search("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]", text)


@needs_poppler
def test_a_full_body_page_holds_22_lines(tmp_path: Path) -> None:
    """GB/T 9704 §5.2.2: 22 lines a page. 225 mm / 22 as the leading put the 22nd line a
    hair past the block, so every full page carried 21 (the Word copy had 22)."""
    from dataclasses import replace

    from tests.report.pdflines import printed_lines

    snapshot = make_snapshot()
    sentence = "截至2025年12月5日，我局对照57项任务逐条开展自查，完成率16.1%。"
    paragraphs = "\n".join(sentence * (1 + n % 3) for n in range(30))  # sums of heights
    narrative = {1: paragraphs, 2: "", 3: "", 4: ""}
    snapshot = replace(snapshot, assessment=replace(snapshot.assessment, narrative=narrative))
    out = tmp_path / "long.pdf"
    build(snapshot, out, parts=frozenset({"body"}))
    bottom = GBT9704_PAGE.top + GBT9704_PAGE.height
    second = [line for line in printed_lines(out) if line.page == 2 and line.y < bottom]
    assert len(second) == 22
