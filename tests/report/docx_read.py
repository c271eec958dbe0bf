"""The Word copy's formatting as Word applies it: a run's or paragraph's own, else its
character style's (a run's), else its paragraph style's, else the style that one is based
on (python-docx reads only the first)."""

from __future__ import annotations

from collections.abc import Iterator

from docx.oxml.ns import qn
from docx.styles.style import CharacterStyle, ParagraphStyle
from docx.text.paragraph import Paragraph
from docx.text.run import Run


def styles(para: Paragraph) -> Iterator[ParagraphStyle]:
    style = para.style
    while style is not None:
        yield style
        style = style.base_style


def run_styles(run: Run, para: Paragraph) -> Iterator[CharacterStyle | ParagraphStyle]:
    """The run's character style and those it is based on, then the paragraph's styles."""
    style = run.style
    while style is not None:
        yield style
        style = style.base_style
    yield from styles(para)


def font_size(run: Run, para: Paragraph):  # type: ignore[no-untyped-def]
    return run.font.size or next((s.font.size for s in run_styles(run, para) if s.font.size),
                                 None)


def bold(run: Run, para: Paragraph) -> bool:
    """Whether the run is bold."""
    found = (run.font.bold, *(s.font.bold for s in run_styles(run, para)))
    return next((value for value in found if value is not None), False)


def east_asian(run: Run, para: Paragraph) -> str | None:
    """The run's East Asian font."""
    rprs = [run._r.rPr, *(s.element.rPr for s in run_styles(run, para))]
    for rpr in rprs:
        fonts = rpr.rFonts if rpr is not None else None
        if fonts is not None and fonts.get(qn("w:eastAsia")):
            return fonts.get(qn("w:eastAsia"))
    return None


def paragraph_format(para: Paragraph, name: str):  # type: ignore[no-untyped-def]
    """A ``ParagraphFormat`` property, such as ``space_after``."""
    for fmt in (para.paragraph_format, *(s.paragraph_format for s in styles(para))):
        if (value := getattr(fmt, name)) is not None:
            return value
    return None


def ppr_child(para: Paragraph, tag: str):  # type: ignore[no-untyped-def]
    """A ``w:pPr`` element such as ``w:outlineLvl``, from the paragraph or its style."""
    for ppr in (para._p.pPr, *(s.element.pPr for s in styles(para))):
        if ppr is not None and (found := ppr.find(qn(tag))) is not None:
            return found
    return None
