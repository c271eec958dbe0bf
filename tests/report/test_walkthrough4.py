"""Report problems a fourth walkthrough found: quotation marks inside quotation marks,
targets of items marked 不适用 shown and counted as not reported, the change log repeating
an item's 未评估 status on the first edit of its note, and the run-in headings of staff's
text set as body text (（一）… in 楷体, 1. … in bold 仿宋, GB/T 9704-2012 7.3.3)."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document as WordDocument
from docx.oxml.ns import qn
from docx.shared import Pt
from pypdf import PdfReader
from pypdf.generic import ContentStream

from checklist_app.core import AssessmentSnapshot, Comparator, ItemStatus, Target
from checklist_app.core.punctuation import full_width_punctuation
from checklist_app.core.titles import nested_quotes, quoted
from checklist_app.report import fonts as fonts_module
from checklist_app.report.content import compute_facts
from checklist_app.report.fonts import FontRole, FontSet, bundled_font_path, find_fonts
from checklist_app.report.headings import RunInHeading, run_in_heading
from checklist_app.report.official import OfficialPart
from checklist_app.report.paragraphs import CJKParagraph
from checklist_app.report.parts import choose_contents
from checklist_app.report.styles import ReportStyle, build_styles
from checklist_app.report.wording import Wording
from checklist_app.workspaces import create_workspace
from tests.report.conftest import make_snapshot
from tests.report.docx_read import bold, east_asian, font_size, ppr_child
from tests.report.test_pdf import build, docx_cells, needs_poppler, pdftotext, squeeze

PLAN_SECTION = "附表“十四五”期间标准化工作计划"


def docx_text(path: Path) -> str:
    return squeeze("".join(p.text for p in WordDocument(str(path)).paragraphs))


def with_section_title(snapshot: AssessmentSnapshot, title: str) -> AssessmentSnapshot:
    """The checklist's second section (二、) retitled."""
    nodes = snapshot.checklist.nodes
    index = next(i for i, n in enumerate(nodes) if n.id.endswith("/二"))
    nodes[index] = replace(nodes[index], label="", title=title)
    return snapshot


def test_quotation_marks_alternate_inside_quotation_marks() -> None:
    assert quoted(PLAN_SECTION) == "“附表‘十四五’期间标准化工作计划”"
    assert nested_quotes("“甲‘乙’”") == "‘甲“乙”’"


@needs_poppler
@pytest.mark.parametrize(("lang", "expected"), [
    ("zh", "“附表‘十四五’期间标准化工作计划”部分：完成"),
    ("en", "Part“附表‘十四五’期间标准化工作计划”of"),
])
def test_a_quoted_section_title_nests_its_own_quotation_marks(
        tmp_path: Path, lang: str, expected: str) -> None:
    snapshot = with_section_title(make_snapshot(), PLAN_SECTION)
    pdf, docx = tmp_path / "r.pdf", tmp_path / "r.docx"
    build(snapshot, pdf, parts=["body"], docx_path=docx, lang=lang)
    for text in (squeeze(pdftotext(pdf)), docx_text(docx)):
        assert expected in text
        assert "“附表“十四五”" not in text


def not_applicable_targets() -> AssessmentSnapshot:
    """The item with targets marked 不适用, one target with a value short of it, one with
    none; another item's target met."""
    snapshot = make_snapshot()
    items = snapshot.checklist.checkable_nodes()
    nodes = snapshot.checklist.nodes
    short, empty = (Target("新发布地方标准50项以上", 50, "项", Comparator.AT_LEAST, 2025),
                    Target("新建技术委员会3个以上", 3, "个", Comparator.AT_LEAST, 2025))
    nodes[nodes.index(items[2])] = replace(items[2], targets=[short, empty])
    snapshot.states[items[2].id] = replace(snapshot.states[items[2].id],
                                           status=ItemStatus.NOT_APPLICABLE, actual_values=(40,))
    met = Target("培育试点10个以上", 10, "个", Comparator.AT_LEAST, 2025)
    nodes[nodes.index(items[0])] = replace(items[0], targets=[met])
    snapshot.states[items[0].id] = replace(snapshot.states[items[0].id], actual_values=(12,))
    return snapshot


@needs_poppler
def test_targets_of_an_item_not_applicable_are_shown_and_counted_as_such(
        tmp_path: Path) -> None:
    pdf, docx = tmp_path / "r.pdf", tmp_path / "r.docx"
    build(not_applicable_targets(), pdf, docx_path=docx)
    pdf_text = re.sub(r"—\d+—", "", squeeze(pdftotext(pdf)))  # a page may end mid-sentence
    word_text = docx_text(docx)
    for text in (pdf_text, word_text):
        assert "设定数值指标3项，其中2项所属检查项不适用；其余1项中已填报实际值1项，已达到1项。" \
            in text
        assert "尚未达到的数值指标" not in text
    rows = {row[1]: row[4] for row in docx_cells(docx) if len(row) == 6}
    assert rows["新发布地方标准50项以上"] == rows["新建技术委员会3个以上"] == "不适用"
    assert rows["培育试点10个以上"] == "已达到"
    for target in ("新发布地方标准50项以上", "新建技术委员会3个以上"):  # in the PDF's table
        # a row on a new page reads with the repeated header's words between its cells,
        # and the wrapped end of the item's name (示范项目) may follow the target's
        row = (f"{target}(示范项目)?(目标值)?(实际值)?不少于\\d+[项个](40项)?(结果)?(年份)?"
               "不适用(年份)?2025")
        assert re.search(row, pdf_text), target
    assert "未填报" not in pdf_text and "未达到" not in pdf_text.replace("已达到", "")


@needs_poppler
def test_the_first_note_on_an_item_is_logged_without_its_untouched_status(
        tmp_path: Path) -> None:
    item = "chongqing-2022/二/(一)/1"
    with create_workspace(tmp_path / "w.sqlite", user="张三") as workspace:
        assessment = workspace.new_assessment(checklist_doc_id="chongqing-2022", office="某局")
        workspace.set_item(assessment.id, item, note="已印发实施方案")
        workspace.set_item(assessment.id, "chongqing-2022/二/(一)/2", status="done")
        snapshot = workspace.snapshot(assessment.id)
    pdf, docx = tmp_path / "r.pdf", tmp_path / "r.docx"
    build(snapshot, pdf, parts=["changes"], docx_path=docx)
    changes = [row[-1] for row in docx_cells(docx)]
    assert "备注：已印发实施方案" in changes
    assert "状态：已完成" in changes  # a status set is a change
    text = squeeze(pdftotext(pdf))
    assert "备注：已印发实施方案" in text and "状态：已完成" in text
    assert "未评估" not in text


RESULTS = ("（一）标准供给结构持续优化。全年新发布地方标准四十五项。\n"
           "(二)标准实施应用不断深化\n"
           "增长1.5%。")
NEXT_STEPS = "1．加快推进滞后指标。对进度滞后的指标逐项制定赶进度措施。\n2.健全评估机制。"
SCOPE = "一、加强组织领导。我局成立领导小组。"  # 一、 is the level of the section itself


@pytest.mark.parametrize(("text", "found"), [
    ("（一）标准供给结构持续优化。全年新发布", RunInHeading(2, "（一）标准供给结构持续优化。",
                                              "全年新发布")),
    ("(十二)加强人才培养", RunInHeading(2, "(十二)加强人才培养", "")),
    ("1．加快推进。对进度滞后的", RunInHeading(3, "1．加快推进。", "对进度滞后的")),
    ("12.健全机制。", RunInHeading(3, "12.健全机制。", "")),
    ("一、加强组织领导。我局", None), ("一是部分指标滞后。", None), ("1.5万家企业参与。", None),
    ("2024.12完成", None), ("（本部分尚未填写。）", None), ("（一）。", None),
])
def test_run_in_headings_are_found_at_the_start_of_a_paragraph(
        text: str, found: RunInHeading | None) -> None:
    assert run_in_heading(text) == found


@pytest.fixture
def distinct_fonts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each role in its own font file (Windows' names, copies of the bundled font), so that
    the PDF tells 楷体 from 仿宋."""
    monkeypatch.setattr(fonts_module, "sys", type("Win", (), {"platform": "win32"}))
    monkeypatch.setenv("WINDIR", str(tmp_path / "Windows"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))
    folder = tmp_path / "Windows" / "Fonts"
    folder.mkdir(parents=True)
    for name in ("simfang.ttf", "simhei.ttf", "simkai.ttf", "simsun.ttc"):
        shutil.copyfile(bundled_font_path(), folder / name)


def bold_glyphs(pdf: Path) -> int:
    """How many glyphs the PDF draws filled and stroked (text render mode 2), as bold 仿宋
    is drawn; each glyph of the fonts' subsets is one byte."""
    reader, count, mode = PdfReader(pdf), 0, 0
    for page in reader.pages:
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"Tr":
                mode = int(operands[0])
            elif operator == b"Tj" and mode == 2:
                text = operands[0]
                count += len(text.get_original_bytes() if hasattr(text, "get_original_bytes")
                             else bytes(text))
    return count


def fonts_of(paragraph: CJKParagraph, fonts: FontSet) -> dict[FontRole, str]:
    """The paragraph's text by the role of the font reportlab sets it in."""
    roles = {face.name: role for role, face in reversed(fonts.roles.items())}
    found: dict[FontRole, str] = {}
    for frag in paragraph.frags:
        role = roles[frag.fontName]
        found[role] = found.get(role, "") + frag.text
    return found


@needs_poppler
def test_run_in_headings_are_set_in_kaiti_and_bold_fangsong_in_the_pdf(
        tmp_path: Path, distinct_fonts: None) -> None:
    """楷体 as reportlab sets the paragraph (the copies of one font file become one font in
    the PDF, so pdffonts cannot tell them apart here); bold as the PDF draws it."""
    fonts = find_fonts()
    assert Path(fonts.face(FontRole.KAI).path).name == "simkai.ttf"
    snapshot = make_snapshot()
    snapshot.assessment.narrative.update({1: SCOPE, 2: RESULTS, 4: NEXT_STEPS})
    facts, w = compute_facts(snapshot), Wording("zh")
    part = OfficialPart(facts, w, fonts, build_styles(fonts, ReportStyle.GBT9704),
                        choose_contents(facts, ReportStyle.GBT9704, None))
    assert fonts_of(part.narrative_para(RESULTS.splitlines()[0]), fonts) == {
        FontRole.KAI: "（一）标准供给结构持续优化。", FontRole.BODY: "全年新发布地方标准四十五项。"}
    assert fonts_of(part.narrative_para(SCOPE), fonts) == {FontRole.BODY: SCOPE}

    pdf, docx = tmp_path / "r.pdf", tmp_path / "r.docx"
    build(snapshot, pdf, parts=["body"], docx_path=docx)
    assert bold_glyphs(pdf) == len("1．加快推进滞后指标。2.健全评估机制。")
    text = squeeze(pdftotext(pdf))
    for paragraph in (*RESULTS.splitlines(), *NEXT_STEPS.splitlines(), SCOPE):
        assert squeeze(full_width_punctuation(paragraph)) in text  # (二) typed prints （二）

    word = {p.text: [(r.text, bold(r, p), east_asian(r, p)) for r in p.runs]
            for p in WordDocument(str(docx)).paragraphs}
    assert word["（一）标准供给结构持续优化。全年新发布地方标准四十五项。"] == [
        ("（一）标准供给结构持续优化。", False, "楷体_GB2312"),
        ("全年新发布地方标准四十五项。", False, "仿宋_GB2312")]
    assert word["（二）标准实施应用不断深化"] == [
        ("（二）标准实施应用不断深化", False, "楷体_GB2312")]
    assert word["1．加快推进滞后指标。对进度滞后的指标逐项制定赶进度措施。"] == [
        ("1．加快推进滞后指标。", True, "仿宋_GB2312"),
        ("对进度滞后的指标逐项制定赶进度措施。", False, "仿宋_GB2312")]
    assert word[SCOPE] == [(SCOPE, False, "仿宋_GB2312")]
    assert word["增长1.5%。"] == [("增长1.5%。", False, "仿宋_GB2312")]


def linked_to(style) -> str:  # type: ignore[no-untyped-def]
    """The style id a style is linked to (``w:link``)."""
    return style.element.find(qn("w:link")).get(qn("w:val"))


def test_staff_headings_are_styles_a_clerk_restyles_once(tmp_path: Path) -> None:
    """（一） and 1. headings were runs in 楷体 or bold of their own: a clerk restyled each by
    hand, and the navigation pane listed none. A heading alone is a 二级标题 or 三级标题
    paragraph (outline levels 1 and 2, kept with the next, Enter gives body text); one run
    into body text has the linked character style and no formatting of its own."""
    snapshot = make_snapshot()
    snapshot.assessment.narrative.update({2: RESULTS, 4: NEXT_STEPS})
    docx = tmp_path / "r.docx"
    build(snapshot, tmp_path / "r.pdf", parts=["body"], docx_path=docx)
    word = WordDocument(str(docx))
    paragraphs = {p.text: p for p in word.paragraphs}
    for text, name, level, font, is_bold in (
            ("（二）标准实施应用不断深化", "二级标题", "1", "楷体_GB2312", False),
            ("2.健全评估机制。", "三级标题", "2", "仿宋_GB2312", True)):
        para = paragraphs[text]
        style = para.style
        assert style.name == name and style.base_style.name == "Normal"
        assert style.next_paragraph_style.name == "Normal"
        assert ppr_child(para, "w:outlineLvl").get(qn("w:val")) == level
        assert style.paragraph_format.keep_with_next
        assert para._p.pPr.xpath("*[not(self::w:pStyle)]") == []  # nothing of its own
        (run,) = para.runs
        assert run._r.rPr is None
        assert (bold(run, para), east_asian(run, para)) == (is_bold, font)
        assert font_size(run, para) == Pt(16)
        indent = ppr_child(para, "w:ind")  # Normal's 首行缩进二字, as the body's
        assert indent.get(qn("w:firstLineChars")) == "200"
    for text, name, linked in ((RESULTS.splitlines()[0], "二级标题字符", "二级标题"),
                               (NEXT_STEPS.splitlines()[0], "三级标题字符", "三级标题")):
        para = paragraphs[full_width_punctuation(text)]
        assert para.style.name == "Normal"
        heading, rest = para.runs
        assert heading.style.name == name and rest.style.name == "Default Paragraph Font"
        assert [child.tag for child in heading._r.rPr] == [qn("w:rStyle")]
        assert rest._r.rPr is None
        paragraph_style = word.styles[linked]
        assert linked_to(heading.style) == paragraph_style.style_id
        assert linked_to(paragraph_style) == heading.style.style_id
        assert heading.style.element.rPr.xml == paragraph_style.element.rPr.xml


def test_a_heading_alone_keeps_with_the_next_in_the_pdf() -> None:
    """As the Word copy's 二级标题 and 三级标题 do: no page ends with one."""
    fonts, facts, w = find_fonts(), compute_facts(make_snapshot()), Wording("zh")
    part = OfficialPart(facts, w, fonts, build_styles(fonts, ReportStyle.GBT9704),
                        choose_contents(facts, ReportStyle.GBT9704, None))
    kept = {text: bool(part.narrative_para(text).getKeepWithNext()) for text in (
        *RESULTS.splitlines(), *NEXT_STEPS.splitlines(), SCOPE)}
    assert kept == {"（一）标准供给结构持续优化。全年新发布地方标准四十五项。": False,
                    "(二)标准实施应用不断深化": True, "增长1.5%。": False,
                    "1．加快推进滞后指标。对进度滞后的指标逐项制定赶进度措施。": False,
                    "2.健全评估机制。": True, SCOPE: False}


def test_computed_figures_come_before_staff_numbered_points(tmp_path: Path) -> None:
    """After staff's last point （二）试点示范扎实推进 the figures read as part of it; they
    come after staff's opening paragraph, before the first point. Without points, after all
    of staff's text."""
    snapshot = make_snapshot()
    opening = "我局高度重视标准化工作。"
    snapshot.assessment.narrative.update({2: f"{opening}\n{RESULTS}", 4: "持续推进。"})
    pdf, docx = tmp_path / "r.pdf", tmp_path / "r.docx"
    build(snapshot, pdf, parts=["body"], docx_path=docx)
    for text in (squeeze(pdftotext(pdf)), docx_text(docx)):
        figures = text.index("根据自查情况统计：")  # no 自查自评表 annexed
        assert text.index(opening) < figures < text.index("（一）标准供给结构持续优化。")
        scope = text.index("本次自查依据")
        assert text.index("我局成立自查工作领导小组") < scope < text.index("二、主要工作成效")


def test_the_body_closes_with_the_formula_of_a_report_once(tmp_path: Path) -> None:
    """A 报告 ends with 特此报告。 before 附件说明; not twice when staff wrote it."""
    snapshot = make_snapshot()
    pdf = tmp_path / "r.pdf"
    build(snapshot, pdf, parts=["body", "table"])
    text = squeeze(pdftotext(pdf))
    assert text.count("特此报告。") == 1
    assert text.index("四、下一步工作打算") < text.index("特此报告。") < text.index("附件：")
    snapshot.assessment.narrative[4] = "持续推进标准化工作。\n特此报告"
    build(snapshot, pdf, parts=["body", "table"])
    assert squeeze(pdftotext(pdf)).count("特此报告") == 1


def test_a_reason_not_applicable_does_not_start_like_a_heading(tmp_path: Path) -> None:
    """二、（五）12.深入开展…（理由：…） began a paragraph with 二、, a level-1 heading's mark."""
    pdf = tmp_path / "r.pdf"
    build(make_snapshot(), pdf, parts=["body"])
    text = squeeze(pdftotext(pdf))
    assert re.search(r"标记为不适用的检查项1项：检查项[一二三四五六七八九十]+、[^（]*（[^）]*）"
                     r"[^（]*（理由：本区无相关产业）", text)


@needs_poppler
def test_a_tab_typed_in_the_text_prints_as_a_gap(tmp_path: Path) -> None:
    """存在问题：<Tab>制表符 printed 存在问题：制表符, the words run together (the Word copy kept
    the tab): a tab prints as a full-width space, in the body and in the tables' notes."""
    from checklist_app.report.cells import layout

    snapshot = make_snapshot()
    snapshot.assessment.narrative[3] = "存在问题：\t制表符\t分隔。"
    pdf = tmp_path / "r.pdf"
    build(snapshot, pdf)
    assert "存在问题： 制表符 分隔。" in pdftotext(pdf)
    fonts = find_fonts()
    [line] = layout(fonts, "备注\t有制表符", FontRole.SONG, 9, 300)  # a table cell's note
    assert "".join(text for _font, text, _width in line) == "备注\u3000有制表符"
