"""The Word copy numbers its pages like the PDF and, like it, ends no page with a heading."""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document as WordDocument

from checklist_app.demo import build_demo
from checklist_app.report.builder import build_report
from checklist_app.report.content import compute_facts
from checklist_app.report.wording import Wording
from tests.report.conftest import OFFICE, make_snapshot
from tests.report.docx_read import paragraph_format


def test_word_copy_has_page_numbers(tmp_path: Path) -> None:
    from checklist_app.cli import main

    path = build_demo(tmp_path / "demo", with_report=False)
    out = tmp_path / "r.docx"
    assert main(["report", str(path), "--out", str(tmp_path / "r.pdf"), "--docx", str(out)]) == 0
    word = WordDocument(str(out))
    assert word.settings.odd_and_even_pages_header_footer
    for footer in (word.sections[0].footer, word.sections[0].even_page_footer):
        xml = footer.paragraphs[0]._p.xml
        assert "> PAGE </w:instrText>" in xml and "— " in footer.paragraphs[0].text


def test_word_keeps_headings_and_captions_with_what_follows(tmp_path: Path) -> None:
    """Headings, lead-ins (a line ending in a colon), annex labels and titles, table
    captions, the notes that lead into a table and table header rows keep with the next
    paragraph or row; so do the last body paragraph, the 附件说明 and the 署名 (never a 落款
    alone on a page); other running text and the 成文日期 do not."""
    out = tmp_path / "r.docx"
    list(build_report(make_snapshot(), tmp_path / "r.pdf", docx_path=out))
    word = WordDocument(str(out))
    kept = [p.text for p in word.paragraphs if paragraph_format(p, "keep_with_next")]
    assert kept == [
        "一、自查工作开展情况", "二、主要工作成效", "根据自查自评表统计：",
        "三、存在的问题和不足", "自查自评表还反映出：",
        "标记为不适用的检查项1项：",  # leads into its items: it ended a page without them
        "四、下一步工作打算",
        "特此报告。", "", "附件：1.自查自评表", "2.三级对照表", "3.佐证材料目录",
        "4.变更记录", "", "", "", OFFICE,
        "附件1", "自查自评表", "检查项状态统计", "各部分完成情况", "数值指标", "检查项明细",
        "附件2", "三级对照表",
        "国家层面任务共3项，本地检查项已承接1项（33.3%），尚未承接2项。",  # leads into the table
        "自选动作（无上级对应）",
        "附件3", "佐证材料目录", "附件4", "变更记录",
        "注：同一操作人对同一对象同一内容的连续修改（相邻两次间隔不超过10分钟）合并为一行，"
        "列出修改前的值和最终的值；改后又恢复原值的不列出。工作区的审计记录保留每一次修改。"]
    # 附件1: four; 附件2: one (no item is known to be 自选 yet: a note); 附件3 and 附件4: one each
    assert len(word.tables) == 7
    for table in word.tables:
        header, first = table.rows[0], table.rows[1]
        assert all(paragraph_format(p, "keep_with_next")
                   for cell in header.cells for p in cell.paragraphs)
        assert not any(paragraph_format(p, "keep_with_next")
                       for cell in first.cells for p in cell.paragraphs)


def test_the_pdf_keeps_a_line_ending_in_a_colon_with_the_next(tmp_path: Path) -> None:
    """标记为不适用的检查项1项： ended page 2, its item on page 3."""
    from checklist_app.report.fonts import find_fonts
    from checklist_app.report.official import OfficialPart
    from checklist_app.report.parts import choose_contents
    from checklist_app.report.styles import ReportStyle, build_styles

    fonts, facts = find_fonts(), compute_facts(make_snapshot())
    part = OfficialPart(facts, Wording("zh"), fonts, build_styles(fonts, ReportStyle.GBT9704),
                        choose_contents(facts, ReportStyle.GBT9704, None))
    texts = [(re.sub("<[^>]+>", "", f.text), f) for f in part.section(3) if hasattr(f, "text")]
    kept = [text for text, f in texts if "不适用" in text and f.getKeepWithNext()]
    assert kept == ["标记为不适用的检查项1项："]


def test_a_section_break_fits_below_a_full_page(tmp_path: Path) -> None:
    """The empty paragraph holding a section's properties (after the 成文日期, after each
    annex) had the body's 29 pt line: after a full page it went onto a page of its own,
    blank but for its number. It is an exact line thinner than what 22 grid lines leave."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml.ns import qn

    out, snapshot = tmp_path / "r.docx", make_snapshot()
    list(build_report(snapshot, tmp_path / "r.pdf", docx_path=out))
    word = WordDocument(str(out))
    portrait = word.sections[0]
    pitch = int(portrait._sectPr.find(qn("w:docGrid")).get(qn("w:linePitch")))
    left = (portrait.page_height.twips - portrait.top_margin.twips
            - portrait.bottom_margin.twips - 22 * pitch)
    assert 0 < left < 20  # twips: less than 1 pt
    paragraphs = word.paragraphs
    ends = [n for n, p in enumerate(paragraphs)
            if p._p.pPr is not None and p._p.pPr.sectPr is not None]
    assert len(ends) == len(word.sections) - 1 >= 4
    day = Wording("zh").date(compute_facts(snapshot).report_date)
    assert paragraphs[ends[0] - 1].text == day  # the first ends the body, after the 成文日期
    for n in ends:
        fmt = paragraphs[n].paragraph_format
        assert paragraphs[n].text == ""
        assert fmt.line_spacing_rule is WD_LINE_SPACING.EXACTLY
        assert fmt.line_spacing.twips <= left
        assert fmt.space_before == 0 and fmt.space_after == 0
