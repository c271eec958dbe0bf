"""The Word copy's pages: margins from the PDF's geometry, the GB/T 9704 line and character
grid, the Normal style on that grid, indents in characters, and the page numbers.

Word counts indents in characters (``w:firstLineChars`` and the like, in hundredths of a
character of the document grid); each indent is also given in twips for programs that read
only those. Sizes round to Word's units: half-points for type, twips for spacing.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.section import Section
from docx.shared import Length, Pt, Twips
from docx.text.paragraph import Paragraph

from checklist_app.report.styles import (
    GBT9704_CHARS_PER_LINE,
    GBT9704_LINES_PER_PAGE,
    GBT9704_PAGE,
    PAGE_NUMBER_LINE_GAP,
    PAGE_NUMBER_SIZE,
    PageGeometry,
)

SONG = "宋体"  # the page numbers' face (GB/T 9704 7.5: 4号半角宋体阿拉伯数字)
TWIPS_PER_PT = 20


@dataclass(frozen=True, slots=True)
class Grid:
    """Body type on a page: size, line pitch (exact) and character pitch, in Word's units."""

    size: Length  # whole or half points
    line: Twips  # exact line spacing, also the document grid's line pitch
    char: Length  # width of one character of the body: indents in characters use it
    char_space: int | None = None  # docGrid charSpace, None: no character grid


def gbt9704_grid(geometry: PageGeometry, size: float) -> Grid:
    """22 lines of 28 characters of ``size`` on ``geometry``'s text block.

    The pitch is rounded down to whole twips, so that 22 lines fit: 225 mm / 22 is 579.8
    twips, and 22 × 580 twips would be taller than the 12756-twip block Word computes from
    its rounded margins. charSpace is what Word adds to each character of the Normal size,
    in 1/4096 pt (ECMA-376 17.6.5), also rounded so that 28 characters fit.
    """
    height = _twips(geometry.size[1]) - _twips(geometry.top) - _twips(geometry.bottom)
    width = _twips(geometry.size[0]) - _twips(geometry.left) - _twips(_right(geometry))
    pitch = width / TWIPS_PER_PT / GBT9704_CHARS_PER_LINE
    return Grid(size=Pt(size), line=Twips(height // GBT9704_LINES_PER_PAGE), char=Pt(pitch),
                char_space=int((pitch - size) * 4096 // 1))


def plain_grid(size: float, leading: float) -> Grid:
    """No document grid: ``size`` type on exact ``leading`` lines (the compact copy)."""
    return Grid(size=Pt(size), line=Twips(round(leading * TWIPS_PER_PT)), char=Pt(size))


def _twips(points: float) -> int:
    """What Word stores for a length set in millimetres: whole twips."""
    return round(points * TWIPS_PER_PT)


def _right(geometry: PageGeometry) -> float:
    return geometry.size[0] - geometry.left - geometry.width


def set_page(section, geometry: PageGeometry, grid: Grid | None) -> None:
    """Page size and margins of ``geometry``; the line and character grid when ``grid`` has
    one; the footer so that the page number's 一字线 lies 7 mm below the text block."""
    width, height = geometry.size
    section.orientation = WD_ORIENT.LANDSCAPE if width > height else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Pt(width), Pt(height)
    section.top_margin, section.bottom_margin = Pt(geometry.top), Pt(geometry.bottom)
    section.left_margin, section.right_margin = Pt(geometry.left), Pt(_right(geometry))
    section.footer_distance = Pt(geometry.bottom - PAGE_NUMBER_LINE_GAP - PAGE_NUMBER_SIZE)
    doc_grid = section._sectPr.find(qn("w:docGrid"))
    if doc_grid is None:
        doc_grid = OxmlElement("w:docGrid")
        section._sectPr.append(doc_grid)
    for name in list(doc_grid.attrib):
        del doc_grid.attrib[name]
    if grid is None or grid.char_space is None:
        doc_grid.set(qn("w:linePitch"), str(grid.line.twips if grid else 360))
        return
    doc_grid.set(qn("w:type"), "linesAndChars")
    doc_grid.set(qn("w:linePitch"), str(grid.line.twips))
    doc_grid.set(qn("w:charSpace"), str(grid.char_space))


def set_fonts(rpr, latin: str, east_asian: str) -> None:
    """Latin and East Asian face of a run or style (``w:rFonts``)."""
    fonts = rpr.get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi"):
        fonts.set(qn(slot), latin)
    fonts.set(qn("w:eastAsia"), east_asian)


def set_normal(doc: Document, grid: Grid, latin: str, east_asian: str) -> None:
    """The Normal style on the body grid, so that what a clerk types matches the body:
    ``east_asian`` at the body size, exact lines, nothing before or after, justified,
    首行缩进二字."""
    normal = doc.styles["Normal"]
    normal.font.size = grid.size
    set_fonts(normal.element.get_or_add_rPr(), latin, east_asian)
    fmt = normal.paragraph_format
    fmt.line_spacing, fmt.space_before, fmt.space_after = grid.line, Pt(0), Pt(0)
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    ppr = normal.element.get_or_add_pPr()
    indent(ppr, grid, first=2)
    no_auto_space(ppr)


# What follows w:outlineLvl in w:pPr (ECMA-376 17.3.1.26).
_AFTER_OUTLINE_LEVEL = ("w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


# What follows w:snapToGrid in w:pPr.
_AFTER_SNAP_TO_GRID = ("w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
                       "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                       "w:textboxTightWrap", "w:outlineLvl", *_AFTER_OUTLINE_LEVEL)


# What follows w:autoSpaceDN in w:pPr.
_AFTER_AUTO_SPACE = ("w:bidi", "w:adjustRightInd", "w:snapToGrid", *_AFTER_SNAP_TO_GRID)


def no_auto_space(ppr) -> None:
    """No space added between hanzi and Latin letters (``autoSpaceDE``) or digits
    (``autoSpaceDN``): Word and WPS add about a quarter em there by default; the PDF adds
    none, and with it the lines broke elsewhere than the PDF's on the 28-character grid."""
    for tag, successors in (("w:autoSpaceDE", ("w:autoSpaceDN", *_AFTER_AUTO_SPACE)),
                            ("w:autoSpaceDN", _AFTER_AUTO_SPACE)):
        element = ppr.find(qn(tag))
        if element is None:
            element = OxmlElement(tag)
            ppr.insert_element_before(element, *successors)
        element.set(qn("w:val"), "0")


def off_grid(ppr) -> None:
    """Type larger than the body's (the 2号 title) set by its own size, not snapped to the
    document grid: Word gives each such character two grid cells, and the title's lines,
    broken to fit the type area, would break again."""
    element = ppr.find(qn("w:snapToGrid"))
    if element is None:
        element = OxmlElement("w:snapToGrid")
        ppr.insert_element_before(element, *_AFTER_SNAP_TO_GRID)
    element.set(qn("w:val"), "0")


def outline_level(ppr, level: int) -> None:
    """Put the paragraph in the document outline (``w:outlineLvl``, 0 for the top): Word's
    and WPS's navigation pane list it, whatever its style."""
    element = ppr.find(qn("w:outlineLvl"))
    if element is None:  # in its place in the schema's order: Word rejects it elsewhere
        element = OxmlElement("w:outlineLvl")
        ppr.insert_element_before(element, *_AFTER_OUTLINE_LEVEL)
    element.set(qn("w:val"), str(level))


def indent(ppr, grid: Grid, *, first: float = 0, left: float = 0, right: float = 0,
           hanging: float = 0) -> None:
    """``w:ind`` in characters, with the same in twips; a zero is written too, so that a
    paragraph undoes the Normal style's first-line indent."""
    ind = ppr.get_or_add_ind()
    for name, chars in (("left", left), ("right", right)):
        _set_chars(ind, name, chars, grid)
    # One first-line indent: firstLine or hanging (ECMA-376 17.3.1.12), never both.
    kept, dropped = ("hanging", "firstLine") if hanging else ("firstLine", "hanging")
    for name in (dropped, f"{dropped}Chars"):
        ind.attrib.pop(qn(f"w:{name}"), None)
    _set_chars(ind, kept, hanging or first, grid)


def _set_chars(ind, name: str, chars: float, grid: Grid) -> None:
    ind.set(qn(f"w:{name}Chars"), str(round(chars * 100)))
    ind.set(qn(f"w:{name}"), str(round(chars * grid.char.pt * TWIPS_PER_PT)))


def add_page_numbers(doc: Document) -> None:
    """``— 3 —`` in 4号 Song, half-width digits: right on odd pages, left on even pages,
    空一字 from the text block's edge (GB/T 9704 7.5), as the PDF prints them.

    A landscape section has footers of its own with the number on its side along the left
    edge, where the portrait pages have it on the sheet held upright (GB/T 9704 10.2).
    """
    doc.settings.odd_and_even_pages_header_footer = True
    before: bool | None = None
    for index, section in enumerate(doc.sections):
        landscape = section.page_width > section.page_height
        if landscape == before:
            continue  # linked to the previous section, which has the same footers
        for footer in (section.footer, section.even_page_footer):
            footer.is_linked_to_previous = False
        if landscape:
            _landscape_numbers(section, first_id=2 * index + 1)
        else:
            _upright_numbers(section)
        before = landscape


def _upright_numbers(section: Section) -> None:
    inset = PAGE_NUMBER_SIZE * TWIPS_PER_PT  # one character of 4号
    for footer, align, side in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "w:right"),
                                (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "w:left")):
        paragraph = footer.paragraphs[0]
        paragraph.alignment = align
        # Exact, so that the line is not snapped to the body's grid: its top is where
        # set_page's footer distance puts it, its 一字线 7 mm below the text block.
        paragraph.paragraph_format.line_spacing = Pt(PAGE_NUMBER_SIZE)
        ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
        ind.set(qn(side), str(round(inset)))
        _no_first_line_indent(ind)
        _page_number_runs(paragraph)


def _landscape_numbers(section: Section, first_id: int) -> None:
    """The number in a text box turned a quarter clockwise, laid where the upright sheet's
    foot line is: the box spans the portrait text block's width along the page's left edge,
    one 4号 line wide, its 一字线 7 mm off the block's foot; the number at its far end on odd pages
    (the sheet's right), its near end on even pages."""
    upright = GBT9704_PAGE
    inset = PAGE_NUMBER_SIZE  # 空一字
    box = _Box(left=upright.bottom - PAGE_NUMBER_LINE_GAP - PAGE_NUMBER_SIZE,
               top=upright.left + inset, width=PAGE_NUMBER_SIZE,
               height=upright.width - 2 * inset)
    for number, (footer, align) in enumerate(((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                                              (section.even_page_footer,
                                               WD_ALIGN_PARAGRAPH.LEFT)), start=1):
        holder = footer.paragraphs[0]
        holder.paragraph_format.line_spacing = Pt(PAGE_NUMBER_SIZE)
        _no_first_line_indent(holder._p.get_or_add_pPr().get_or_add_ind())
        run = _turned_text_box(holder, box, shape_id=first_id + number - 1)
        inner = Paragraph(run.find(".//" + qn("w:p")), holder._parent)
        inner.alignment = align
        inner.paragraph_format.line_spacing = Pt(PAGE_NUMBER_SIZE)
        _no_first_line_indent(inner._p.get_or_add_pPr().get_or_add_ind())
        _page_number_runs(inner)


@dataclass(frozen=True, slots=True)
class _Box:
    """A text box's place on the page, in points from the page's left and top edges."""

    left: float
    top: float
    width: float
    height: float


_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
EMU_PER_PT = 12700


def _turned_text_box(paragraph: Paragraph, box: _Box, shape_id: int):  # type: ignore[no-untyped-def]
    """Append to ``paragraph`` a run holding an empty text box anchored to the page, its
    text turned a quarter clockwise (``vert``); returns the run's element. ``shape_id``
    must be unique in the document (the body has no drawings; Word repairs duplicates).

    As Word writes one: DrawingML in ``mc:AlternateContent`` (Word 2010 and later, WPS,
    LibreOffice read it), no fill, no border, no inner margins.
    """
    left, top, width, height = (round(v * EMU_PER_PT)
                                for v in (box.left, box.top, box.width, box.height))
    run = parse_xml(f"""
<w:r {nsdecls("w", "wp", "a")} xmlns:wps="{_WPS}" xmlns:mc="{_MC}">
 <mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>
  <wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1"
             behindDoc="0" locked="1" layoutInCell="1" allowOverlap="1">
   <wp:simplePos x="0" y="0"/>
   <wp:positionH relativeFrom="page"><wp:posOffset>{left}</wp:posOffset></wp:positionH>
   <wp:positionV relativeFrom="page"><wp:posOffset>{top}</wp:posOffset></wp:positionV>
   <wp:extent cx="{width}" cy="{height}"/>
   <wp:effectExtent l="0" t="0" r="0" b="0"/>
   <wp:wrapNone/>
   <wp:docPr id="{shape_id}" name="Page number {shape_id}"/>
   <wp:cNvGraphicFramePr/>
   <a:graphic><a:graphicData uri="{_WPS}"><wps:wsp>
    <wps:cNvSpPr txBox="1"/>
    <wps:spPr>
     <a:xfrm><a:off x="0" y="0"/><a:ext cx="{width}" cy="{height}"/></a:xfrm>
     <a:prstGeom prst="rect"><a:avLst/></a:prstGeom>
     <a:noFill/><a:ln><a:noFill/></a:ln>
    </wps:spPr>
    <wps:txbx><w:txbxContent><w:p/></w:txbxContent></wps:txbx>
    <wps:bodyPr rot="0" vert="vert" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0"
                anchor="ctr" anchorCtr="0"><a:noAutofit/></wps:bodyPr>
   </wps:wsp></a:graphicData></a:graphic>
  </wp:anchor>
 </w:drawing></mc:Choice></mc:AlternateContent>
</w:r>""")
    paragraph._p.append(run)
    return run


def _no_first_line_indent(ind) -> None:  # type: ignore[no-untyped-def]
    ind.set(qn("w:firstLine"), "0")
    ind.set(qn("w:firstLineChars"), "0")


def _page_number_runs(paragraph: Paragraph) -> None:
    """The dashes and a PAGE field, every run of them in the same face and size."""
    paragraph.add_run("— ")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"),
                       ("end", None)):
        run = paragraph.add_run()
        if kind:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            run._r.append(field)
        elif text == " PAGE ":
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = text
            run._r.append(code)
        else:
            run.text = text
    paragraph.add_run(" —")
    for run in paragraph.runs:
        run.font.size = Pt(PAGE_NUMBER_SIZE)
        set_fonts(run._r.get_or_add_rPr(), SONG, SONG)
