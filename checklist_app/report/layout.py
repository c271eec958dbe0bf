"""The document template: page templates, GB/T 9704 page numbers, outline, stepwise build."""

from __future__ import annotations

from collections.abc import Iterator

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, PageTemplate, Table
from reportlab.platypus.doctemplate import (
    BaseDocTemplate,
    NextPageTemplate,
    PageBegin,
    PageBreakIfNotEmpty,
)

from checklist_app.report.fonts import FontRole, FontSet
from checklist_app.report.styles import (
    COMPACT_PAGE,
    GBT9704_PAGE,
    LANDSCAPE_PAGE,
    PAGE_NUMBER_LINE_GAP,
    PAGE_NUMBER_SIZE,
    PageGeometry,
)

OFFICIAL = "official"
LANDSCAPE = "landscape"
COMPACT = "compact"

_GEOMETRIES = {OFFICIAL: GBT9704_PAGE, LANDSCAPE: LANDSCAPE_PAGE, COMPACT: COMPACT_PAGE}


class Bookmark(Flowable):
    """An invisible flowable that adds a PDF outline entry where it lands."""

    _ZEROSIZE = 1

    def __init__(self, title: str, key: str, level: int) -> None:
        super().__init__()
        self.title, self.key, self.level = title, key, level
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.title, self.key, level=self.level, closed=False)


def page_number_text(number: int) -> str:
    """GB/T 9704 page number: 一字线 on each side, ``— 3 —``."""
    return f"— {number} —"


class ReportDocTemplate(BaseDocTemplate):
    """A4 report with the official, landscape and compact page templates."""

    def __init__(
        self, filename: str, fonts: FontSet, first: str = OFFICIAL, **metadata: str
    ) -> None:
        self.fonts = fonts
        names = [first, *(name for name in _GEOMETRIES if name != first)]
        super().__init__(
            filename,
            pagesize=_GEOMETRIES[first].size,
            pageTemplates=[self._template(name, _GEOMETRIES[name]) for name in names],
            creator="checklist-app",
            initialFontName=fonts.name(FontRole.SONG),  # else an unembedded Helvetica
            **metadata,
        )

    def _template(self, name: str, geometry: PageGeometry) -> PageTemplate:
        frame = Frame(
            geometry.left,
            geometry.bottom,
            geometry.width,
            geometry.height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=f"{name}-frame",
        )
        return PageTemplate(
            id=name,
            frames=[frame],
            pagesize=geometry.size,
            onPage=self._page_number_drawer(geometry),
        )

    def _page_number_drawer(self, geometry: PageGeometry):
        def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
            self.draw_page_number(canvas, geometry, doc.page)

        return draw

    def draw_page_number(self, canvas: Canvas, geometry: PageGeometry, number: int) -> None:
        """Right on odd pages, left on even pages, one character in from the text block.

        A landscape page's number stands where the portrait pages' do on the sheet held
        upright (GB/T 9704-2012 10.2): along its left edge, read with the sheet turned.
        """
        runs = self.fonts.runs(page_number_text(number), FontRole.SONG)
        width = sum(canvas.stringWidth(text, face.name, PAGE_NUMBER_SIZE) for face, text in runs)
        upright = GBT9704_PAGE if geometry is LANDSCAPE_PAGE else geometry
        inset = PAGE_NUMBER_SIZE  # 空一字
        right = upright.left + upright.width - inset - width
        x = right if number % 2 else upright.left + inset
        y = upright.bottom - PAGE_NUMBER_LINE_GAP - PAGE_NUMBER_SIZE * 0.8
        canvas.saveState()
        if geometry is LANDSCAPE_PAGE:  # the upright sheet's left edge is this page's top
            canvas.translate(y, geometry.size[1] - x)
            canvas.rotate(-90)
            x = y = 0
        for face, text in runs:
            canvas.setFont(face.name, PAGE_NUMBER_SIZE)
            canvas.drawString(x, y, text)
            x += canvas.stringWidth(text, face.name, PAGE_NUMBER_SIZE)
        canvas.restoreState()

    def build_steps(self, flowables: list[Flowable]) -> Iterator[float]:
        """Lay out and save like ``build``, yielding the fraction done after each step.

        Closing the iterator early stops the layout and saves nothing.
        """
        total = max(1, _work(flowables))
        self._startBuild(self.filename, Canvas)
        canv = self.canv
        canv.showOutline()
        saved_info = canv._doc.info
        done = 0.0
        try:
            canv._doctemplate = self
            while flowables:
                self._drop_hanging_page_break(flowables)
                self.clean_hanging()
                self.handle_flowable(flowables)
                done = max(done, 1 - _work(flowables) / total)
                yield done
        finally:
            del canv._doctemplate
        canv._doc.info = saved_info
        self._endBuild()

    def _drop_hanging_page_break(self, flowables: list[Flowable]) -> None:
        """The start of ``BaseDocTemplate.build``'s loop (reportlab 5.1), kept as is."""
        if not flowables or not self._hanging or self._hanging[-1] is not PageBegin:
            return
        if isinstance(flowables[0], PageBreakIfNotEmpty):
            npt = flowables[0].nextTemplate
            if npt and not self._samePT(npt):
                npt = NextPageTemplate(npt)
                npt.apply(self)
                self._setPageTemplate()
            del flowables[0]


def _work(flowables: list[Flowable]) -> int:
    """Remaining layout work: table rows count one each, anything else one."""
    return sum(len(f._cellvalues) if isinstance(f, Table) else 1 for f in flowables)
