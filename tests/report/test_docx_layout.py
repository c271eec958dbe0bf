"""The Word copy read back: the GB/T 9704 grid, the table type, the 公文's signature block and
附件说明, the annex headings and the page numbers, set as the PDF prints them."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as WordDocument
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, Twips
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from checklist_app.report.builder import build_report
from checklist_app.report.docx import text_chars
from tests.report import docx_read
from tests.report.conftest import OFFICE, make_snapshot
from tests.report.docx_read import font_size, paragraph_format, ppr_child

LINE = Pt(28.95)  # 579 twips: the most that lets 22 lines fit 225 mm as Word rounds it


@pytest.fixture(scope="module")
def word(tmp_path_factory: pytest.TempPathFactory) -> Document:
    folder = tmp_path_factory.mktemp("word")
    list(build_report(make_snapshot(), folder / "r.pdf", docx_path=folder / "r.docx"))
    return WordDocument(str(folder / "r.docx"))


def paragraph(word: Document, text: str) -> Paragraph:
    return next(p for p in word.paragraphs if p.text == text)


def east_asian(run: Run, para: Paragraph) -> str | None:
    return docx_read.east_asian(run, para)


def ind(para: Paragraph, name: str) -> int | None:
    """An attribute of the paragraph's ``w:ind``, its own or its style's (hundredths of a
    character for *Chars)."""
    found = ppr_child(para, "w:ind")
    value = None if found is None else found.get(qn(f"w:{name}"))
    return None if value is None else int(value)


def test_normal_style_is_the_body_on_22_lines_of_28_characters(word: Document) -> None:
    """What a clerk types matches the body: 3号仿宋, exact lines of the grid, 首行缩进二字."""
    normal = word.styles["Normal"]
    fmt = normal.paragraph_format
    assert fmt.line_spacing_rule is WD_LINE_SPACING.EXACTLY and fmt.line_spacing == LINE
    assert fmt.space_before == 0 and fmt.space_after == 0
    assert normal.font.size == Pt(16)
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    first = normal.element.pPr.find(qn("w:ind"))
    assert first.get(qn("w:firstLineChars")) == "200"

    section = word.sections[0]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    pitch = int(grid.get(qn("w:linePitch")))
    height = section.page_height.twips - section.top_margin.twips - section.bottom_margin.twips
    assert pitch == LINE.twips and 22 * pitch <= height < 23 * pitch
    width = Twips(section.page_width.twips - section.left_margin.twips
                  - section.right_margin.twips).pt
    char = 16 + int(grid.get(qn("w:charSpace"))) / 4096
    assert int(width // char) == 28

    body = paragraph(word, "我局成立自查工作领导小组，逐条对照开展自查。")
    assert body.paragraph_format.line_spacing is None  # from the Normal style
    assert body._p.pPr is None or body._p.pPr.find(qn("w:ind")) is None  # Normal's indent
    assert ind(body, "firstLineChars") == 200
    assert body.runs[0].font.size is None and font_size(body.runs[0], body) == Pt(16)
    assert east_asian(body.runs[0], body) == "仿宋_GB2312"


def test_no_space_is_added_between_hanzi_and_latin_or_digits(word: Document) -> None:
    """Word and WPS put about a quarter em between 完成率 and 16.7%; the PDF puts none, and
    the lines broke elsewhere than on its 28-character grid."""
    ppr = word.styles["Normal"].element.pPr
    children = [child.tag.split("}")[1] for child in ppr]
    for tag in ("autoSpaceDE", "autoSpaceDN"):
        assert ppr.find(qn(f"w:{tag}")).get(qn("w:val")) == "0"
    order = [name for name in children if name in ("autoSpaceDE", "autoSpaceDN", "spacing",
                                                     "ind", "jc")]
    assert order[:2] == ["autoSpaceDE", "autoSpaceDN"]  # the schema's order: Word is strict
    for style in word.styles:  # none of the others puts the space back
        own = style.element.pPr
        for tag in ("autoSpaceDE", "autoSpaceDN"):
            found = None if own is None else own.find(qn(f"w:{tag}"))
            assert found is None or found.get(qn("w:val")) == "0", style.name


def test_table_text_is_set_like_the_pdfs(word: Document) -> None:
    """9 pt 宋体 cells, 黑体 centred headers repeated on each page, exact lines, 0 after."""
    for table in word.tables:
        header = table.rows[0]
        assert header._tr.trPr.find(qn("w:tblHeader")) is not None
        for number, row in enumerate(table.rows):
            for cell in row.cells:
                for para in cell.paragraphs:
                    if not para.runs:
                        continue  # the paragraph Word needs after a bar's table
                    rule = paragraph_format(para, "line_spacing_rule")
                    assert rule is WD_LINE_SPACING.EXACTLY
                    assert paragraph_format(para, "space_after") == 0
                    assert ind(para, "firstLineChars") == 0
                    run = para.runs[0]
                    assert font_size(run, para) == Pt(9)
                    assert east_asian(run, para) == ("黑体" if number == 0 else "宋体")
                    if number == 0:
                        assert para.style.name == "表头"
                        assert paragraph_format(para, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
                    else:
                        assert para.style.name == "表格文字"


def test_table_rows_move_whole_to_the_next_page(word: Document) -> None:
    """Word cannot print （续） on a split row as the PDF does: no body row splits."""
    ruled = [t for t in word.tables if t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None]
    assert sum(len(t.rows) - 1 for t in ruled) > 20
    for table in ruled:
        for row in table.rows[1:]:
            assert row._tr.trPr is not None
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None


def test_signature_is_centred_over_the_date_four_characters_in(word: Document) -> None:
    texts = [p.text for p in word.paragraphs]
    office = texts.index(OFFICE, texts.index("4.变更记录"))
    assert texts[office - 3:office] == ["", "", ""]  # room for the seal, as the PDF's
    name, day = word.paragraphs[office], word.paragraphs[office + 1]
    assert day.text == "2026年11月20日"
    assert ind(day, "rightChars") == 400  # 右空四字
    for para in (name, day):
        assert para.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    centre = [ind(p, "rightChars") / 100 + text_chars(p.text) / 2 for p in (name, day)]
    assert centre[0] == pytest.approx(centre[1])


def test_the_signature_never_stands_alone_on_a_page(word: Document) -> None:
    """GB/T 9704 7.3.5: the last lines of the 正文 keep with the 附件说明 and the 落款, as
    the PDF keeps them together; Word could put the 落款 alone at the top of a page."""
    texts = [p.text for p in word.paragraphs]
    first = texts.index("附件：1.自查自评表")
    day = texts.index("2026年11月20日", first)
    kept = word.paragraphs[first - 2:day]  # the last body paragraph to the 署名
    assert kept[0].text == "特此报告。"
    assert all(p.paragraph_format.keep_with_next for p in kept)


def test_annex_list_hangs_under_the_first_number(word: Document) -> None:
    """空一行 after the 正文; ``附件：1. …`` at two characters in, ``2. …`` under ``1.``;
    空一行 under the title."""
    texts = [p.text for p in word.paragraphs]
    first = texts.index("附件：1.自查自评表")
    assert texts[first - 1] == "" and texts[first - 2] == "特此报告。"
    head = word.paragraphs[first]
    assert (ind(head, "leftChars"), ind(head, "hangingChars")) == (500, 300)
    assert ind(head, "firstLineChars") is None
    for para in word.paragraphs[first + 1:first + 4]:
        assert (ind(para, "leftChars"), ind(para, "firstLineChars")) == (500, 0)
    title = word.paragraphs[0]
    assert paragraph_format(title, "space_after") == LINE
    assert font_size(title.runs[0], title) == Pt(22)


def test_annex_title_is_on_the_third_line_in_the_titles_type(word: Document) -> None:
    label, title = paragraph(word, "附件1"), paragraph(word, "自查自评表")
    assert (label.style.name, title.style.name) == ("附件标识", "附件标题")
    assert font_size(label.runs[0], label) == Pt(16)
    assert east_asian(label.runs[0], label) == "黑体"
    assert paragraph_format(label, "line_spacing") == LINE
    assert ind(label, "firstLineChars") == 0
    assert font_size(title.runs[0], title) == Pt(22)
    assert east_asian(title.runs[0], title) == "方正小标宋简体"
    assert paragraph_format(title, "space_before") == LINE  # the second line left blank
    assert paragraph_format(title, "alignment") == WD_ALIGN_PARAGRAPH.CENTER


def test_page_numbers_are_4hao_song_one_character_in_7mm_below(word: Document) -> None:
    assert word.settings.odd_and_even_pages_header_footer
    section = word.sections[0]
    for footer, align, side in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
                                (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left")):
        para = footer.paragraphs[0]
        assert para.alignment == align and ind(para, side) == 280  # 空一字 of 14 pt
        assert ind(para, "firstLineChars") == 0
        assert para.paragraph_format.line_spacing == Pt(14)
        codes = para._p.findall(f".//{qn('w:instrText')}")
        assert [c.text.strip() for c in codes] == ["PAGE"]
        assert para.text == "— 1 —"  # the field's result between the dashes
        for run in para.runs:  # the field's runs too
            fonts = run._r.rPr.rFonts
            assert run.font.size == Pt(14)
            assert fonts.get(qn("w:ascii")) == fonts.get(qn("w:eastAsia")) == "宋体"
    for part in word.sections:  # the number's line starts 7 mm - 0.5 em below the block:
        below = part.bottom_margin - part.footer_distance - Pt(14)  # its dashes 7 mm down
        assert below == pytest.approx(Mm(7) - Pt(7), abs=Pt(0.1))


def test_compact_copy_is_portrait_throughout_as_its_pdf(tmp_path: Path) -> None:
    """Its annexes after the first were landscape pages in Word, portrait in the PDF."""
    list(build_report(make_snapshot(), tmp_path / "c.pdf", style="compact",
                      docx_path=tmp_path / "c.docx"))
    sections = WordDocument(str(tmp_path / "c.docx")).sections
    assert len(sections) == 4
    for section in sections:
        assert section.page_width < section.page_height
        assert section._sectPr.find(qn("w:docGrid")).get(qn("w:type")) is None  # no 公文 grid


def test_section_headings_and_annex_labels_are_in_the_navigation_pane(word: Document) -> None:
    """Every heading was a plain paragraph: Word's navigation pane was empty."""
    outlined = []
    for para in word.paragraphs:
        level = ppr_child(para, "w:outlineLvl")
        if level is not None:
            outlined.append((para.text, level.get(qn("w:val"))))
            children = [child.tag.split("}")[1] for child in level.getparent()]
            for before in ("spacing", "ind", "jc"):  # the schema's order: Word is strict
                if before in children:
                    assert children.index(before) < children.index("outlineLvl")
            if "rPr" in children:
                assert children.index("outlineLvl") < children.index("rPr")
    texts = [text for text, _level in outlined]
    assert texts[:4] == ["一、自查工作开展情况", "二、主要工作成效", "三、存在的问题和不足",
                         "四、下一步工作打算"]
    assert "附件1" in texts and {level for _text, level in outlined} == {"0"}


def test_each_kind_of_text_is_a_named_style_its_runs_do_not_override(word: Document) -> None:
    """A clerk who adds a heading picks 一级标题 and gets 3号黑体; restyling 一级标题 changes
    every heading. Runs that carried their own font would keep the old look."""
    by_style: dict[str, list[Paragraph]] = {}
    for para in word.paragraphs:
        by_style.setdefault(para.style.name, []).append(para)
    for name in ("公文标题", "一级标题", "附件标识", "附件标题", "表题", "表注"):
        assert by_style.get(name), name
        style = word.styles[name]
        assert style.base_style.name == "Normal" and style.quick_style
    headings = [p.text for p in by_style["一级标题"]]
    assert headings[:2] == ["一、自查工作开展情况", "二、主要工作成效"]
    assert word.styles["一级标题"].font.size == Pt(16)
    assert word.styles["公文标题"].element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    for name in ("公文标题", "一级标题", "附件标识", "附件标题"):
        for para in by_style[name]:
            for run in para.runs:
                assert run.font.size is None, (name, run.text)
                assert run._r.rPr is None or run._r.rPr.rFonts is None, (name, run.text)
    cells = [cell.paragraphs[0] for table in word.tables for cell in table.rows[-1].cells
             if not cell.tables]  # not a bar's cell: its paragraph is Word's 1 pt ending
    assert {para.style.name for para in cells} == {"表格文字"}
    headers = [cell.paragraphs[0] for table in word.tables for cell in table.rows[0].cells]
    assert {para.style.name for para in headers} == {"表头"}
    body = paragraph(word, "我局成立自查工作领导小组，逐条对照开展自查。")
    assert body.style.name == "Normal" and body.runs[0]._r.rPr is None


def test_enter_after_a_heading_starts_body_text(word: Document) -> None:
    """Each heading style names Normal as its next style: Enter after 一级标题 gave one more
    一级标题 line, and the clerk had to pick 正文 by hand. Table text goes on as it is."""
    for name in ("公文标题", "一级标题", "附件标识", "附件标题", "表题"):
        style = word.styles[name]
        following = style.element.find(qn("w:next"))
        assert following is not None and following.get(qn("w:val")) == "Normal", name
        assert style.next_paragraph_style.name == "Normal"
    for name in ("表头", "表格文字", "表注"):
        assert word.styles[name].next_paragraph_style.name == name


def test_the_title_is_not_snapped_to_the_body_grid(word: Document) -> None:
    """Word gives a 2号 character two cells of the 3号 grid: the title's lines broke again."""
    title = word.paragraphs[0]
    snap = ppr_child(title, "w:snapToGrid")
    assert snap is not None and snap.get(qn("w:val")) == "0"
    children = [child.tag.split("}")[1] for child in snap.getparent()]
    assert children.index("snapToGrid") < children.index("spacing")  # the schema's order


def test_table_columns_are_as_wide_as_in_the_pdf(word: Document) -> None:
    """The Word copy's columns take the PDF's widths: 序号 and 状态 narrow, 检查项 wide, the
    状态统计 table half the text block (Word had shared every table out evenly)."""
    from checklist_app.report.styles import LANDSCAPE_PAGE

    def widths(table) -> list[float]:  # type: ignore[no-untyped-def]
        return [table.rows[0].cells[n].width / 12700 for n in range(len(table.columns))]

    by_header = {tuple(c.text for c in t.rows[0].cells): t for t in word.tables}
    items = next(t for h, t in by_header.items() if h[:2] == ("序号", "检查项"))
    columns = widths(items)
    assert sum(columns) == pytest.approx(LANDSCAPE_PAGE.width, abs=1)
    label, title = columns[0], columns[1]
    status = columns[[c.text for c in items.rows[0].cells].index("状态")]
    assert label < title and status < title / 2
    counts = next(t for h, t in by_header.items() if h[0] == "状态" and len(h) == 3)
    assert sum(widths(counts)) == pytest.approx(LANDSCAPE_PAGE.width / 2, abs=1)


def tables_by_text_width(word: Document) -> list[tuple[int, object]]:
    """(the text block's width in twips, ``w:tbl``) of each table in the body, in order."""
    out, pending = [], []
    for child in word.element.body:
        if child.tag == qn("w:tbl"):
            pending.append(child)
        section = child if child.tag == qn("w:sectPr") else child.find(
            f"{qn('w:pPr')}/{qn('w:sectPr')}")
        if section is not None:  # the end of a section: the tables before it are in it
            size, margins = section.find(qn("w:pgSz")), section.find(qn("w:pgMar"))
            width = int(size.get(qn("w:w"))) - sum(int(margins.get(qn(f"w:{side}")))
                                                  for side in ("left", "right"))
            out += [(width, table) for table in pending]
            pending = []
    return out


def test_tables_line_up_with_the_text_block_in_current_word(word: Document) -> None:
    """Word 2010's layout (compatibilityMode 14: [兼容模式] in Word's title bar) put a
    table's border 108 twips left of the text; in Word 2013's (15) a table with no indent
    is as wide as the text block and on its edges."""
    modes = word.settings.element.xpath(
        "w:compat/w:compatSetting[@w:name='compatibilityMode']")
    assert [mode.get(qn("w:val")) for mode in modes] == ["15"]
    tables = tables_by_text_width(word)
    assert len(tables) == len(word.tables) >= 5
    for text_width, table in tables:
        props = table.find(qn("w:tblPr"))
        indent = props.find(qn("w:tblInd"))
        assert (indent.get(qn("w:w")), indent.get(qn("w:type"))) == ("0", "dxa")
        columns = sum(int(col.get(qn("w:w"))) for col in table.iter(qn("w:gridCol"))
                      if col.getparent().getparent() is table)
        width = props.find(qn("w:tblW"))
        assert (width.get(qn("w:type")), int(width.get(qn("w:w")))) == ("dxa", columns)
        header = "".join(text.text for text in table.find(qn("w:tr")).iter(qn("w:t")))
        if header == "状态数量占比":  # 状态统计: half the block, as in the PDF
            assert columns == pytest.approx(text_width / 2, abs=1)
        else:
            assert columns == text_width, header


def test_landscape_sections_have_the_pdfs_table_block(word: Document) -> None:
    """The wide left margin is where the page number stands, as in the PDF."""
    from checklist_app.report.styles import LANDSCAPE_PAGE

    landscape = [s for s in word.sections if s.page_width > s.page_height]
    assert landscape
    for section in landscape:
        assert Emu(section.left_margin).pt == pytest.approx(LANDSCAPE_PAGE.left, abs=0.05)
        text = section.page_width - section.left_margin - section.right_margin
        assert Emu(text).pt == pytest.approx(LANDSCAPE_PAGE.width, abs=0.5)


def test_landscape_pages_number_along_the_left_edge_read_with_the_sheet_upright(
        word: Document) -> None:
    """GB/T 9704 10.2: on the upright sheet's foot line, as the portrait pages have it.

    Word printed them at the landscape page's foot: the sheet's right-hand edge.
    """
    from checklist_app.report.styles import GBT9704_PAGE, PAGE_NUMBER_LINE_GAP

    sections = word.sections
    first = next(n for n, s in enumerate(sections) if s.page_width > s.page_height)
    assert sections[first].footer.is_linked_to_previous is False
    assert all(s.footer.is_linked_to_previous for s in list(sections)[first + 1:])
    footers = (sections[first].footer, sections[first].even_page_footer)
    ids = []
    for footer, align in zip(footers, (WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.LEFT),
                             strict=True):
        anchor = footer._element.find(".//" + qn("wp:anchor"))
        assert anchor is not None
        ids.append(anchor.find(qn("wp:docPr")).get("id"))
        across, down = (anchor.find(qn(f"wp:position{axis}")) for axis in "HV")
        assert across.get("relativeFrom") == down.get("relativeFrom") == "page"
        left, top = (Emu(int(p.find(qn("wp:posOffset")).text)).pt for p in (across, down))
        extent = anchor.find(qn("wp:extent"))
        width, height = Emu(int(extent.get("cx"))).pt, Emu(int(extent.get("cy"))).pt
        # the box is the upright foot line, as the portrait pages' (its dashes 7 mm off
        # the text block), as wide as the block
        assert left + width == pytest.approx(GBT9704_PAGE.bottom - PAGE_NUMBER_LINE_GAP,
                                             abs=0.05)
        assert top == pytest.approx(GBT9704_PAGE.left + 14, abs=0.05)
        assert height == pytest.approx(GBT9704_PAGE.width - 28, abs=0.05)
        body = anchor.find(f".//{{{WPS}}}bodyPr")
        assert body.get("vert") == "vert"  # turned a quarter clockwise
        number = Paragraph(anchor.find(".//" + qn("w:p")), footer)
        assert number.alignment == align  # odd: the sheet's right, even: its left
        assert number.text == "— 1 —"
        assert [c.text.strip() for c in number._p.iter(qn("w:instrText"))] == ["PAGE"]
        assert all(run.font.size == Pt(14) for run in number.runs)
    assert len(set(ids)) == 2


WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"




def test_the_font_table_describes_every_chinese_typeface_used(word: Document) -> None:
    """A stock Windows 10 has 仿宋 but not 仿宋_GB2312: with nothing said of it, Word showed
    the body in its default East Asian font. Each typeface is described (GB2312 character
    set, PANOSE class, the names it also goes by) so that the nearest one is taken."""
    from lxml import etree

    parts = [part for part in word.part.package.iter_parts()
             if part.partname.endswith(".xml") and "/word/" in part.partname
             and not part.partname.endswith("fontTable.xml")]
    used = {font for part in parts
            for font in etree.fromstring(part.blob).xpath("//w:rFonts/@w:eastAsia",
                                                          namespaces={"w": W})}
    assert {"仿宋_GB2312", "黑体", "宋体", "方正小标宋简体"} <= used
    table = etree.fromstring(word.part.part_related_by(FONT_TABLE).blob)
    for name in used | {"楷体_GB2312"}:  # 楷体: （一） headings, none in this report
        [font] = table.xpath("w:font[@w:name=$name]", name=name, namespaces={"w": W})
        assert font.find(qn("w:charset")).get(qn("w:val")) == "86", name
        assert font.find(qn("w:altName")).get(qn("w:val")), name
        assert font.find(qn("w:panose1")).get(qn("w:val")).startswith("020"), name
    fangsong = table.xpath("w:font[@w:name='仿宋_GB2312']", namespaces={"w": W})[0]
    assert fangsong.find(qn("w:altName")).get(qn("w:val")).split(",")[0] == "仿宋"


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FONT_TABLE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable"


def test_an_english_reports_styles_have_english_names(tmp_path: Path) -> None:
    list(build_report(make_snapshot(), tmp_path / "r.pdf", docx_path=tmp_path / "r.docx",
                      lang="en"))
    word = WordDocument(str(tmp_path / "r.docx"))
    used = {para.style.name for para in word.paragraphs}
    assert {"Report Title", "Section Heading", "Annex Label", "Table Caption"} <= used
    names = {style.name for style in word.styles}
    assert {"Subsection Heading", "Point Heading", "Subsection Heading Char",
            "Point Heading Char"} <= names
    assert not names & {"公文标题", "一级标题", "附件标识", "表格文字", "二级标题", "三级标题字符"}
    cells = {cell.paragraphs[0].style.name for table in word.tables
             for cell in table.rows[-1].cells if not cell.tables}
    assert cells == {"Table Text"}
    title = next(p for p in word.paragraphs if p.style.name == "Report Title")
    lines = title.text.split("\n")  # Word's line breaks, as the PDF breaks the title
    assert len(lines) > 2 and lines[0].endswith("report ")
    assert "".join(lines) == word.core_properties.title  # without them: the title, spaces kept


def test_the_title_breaks_keep_the_spaces_they_replace() -> None:
    """Removing the breaks (to fit a template) glued words: report of重庆市."""
    from checklist_app.report.docx import title_for_word

    title = "Self-assessment report of 重庆市市场监管局 on 《纲要》"
    assert title_for_word(title, ["Self-assessment report of", "重庆市市场监管局 on",
                                  "《纲要》"]) == ("Self-assessment report of \n"
                                                 "重庆市市场监管局 on \n《纲要》")
    assert title_for_word("重庆市关于《纲要》的自查报告", ["重庆市关于", "《纲要》的自查报告"]) \
        == "重庆市关于\n《纲要》的自查报告"
