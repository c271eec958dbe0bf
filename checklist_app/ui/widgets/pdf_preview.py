"""A PDF shown as a print preview: pages in a column, a page number to go to, and a zoom."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from checklist_app.i18n import _

FIT_PAGE, FIT_WIDTH = "page", "width"
ZOOM_FACTORS = (0.5, 0.75, 1.0, 1.5, 2.0)


class PageBox(QSpinBox):
    """The page to show: Enter goes to the page typed and goes no further (a spin box passes
    Enter on, and in the report dialog it generated the report again)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


class PdfPreview(QWidget):
    """The report as it will print: a whole page in view by default (fitted to the width, a
    page of 3号 type was a few lines of giant letters), with paging and a zoom choice."""

    def __init__(self, document: QPdfDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = QPdfView(self, objectName="pdfView")
        self.view.setDocument(document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.previous = self._arrow(Qt.ArrowType.UpArrow, _("Previous page"), -1)
        self.next = self._arrow(Qt.ArrowType.DownArrow, _("Next page"), 1)
        self.page = PageBox(self, objectName="previewPage", minimum=1, maximum=1)
        self.page.setToolTip(_("Page to show"))
        self.page.setKeyboardTracking(False)  # typing 12 goes to 12, not to 1 then 12
        self.page_count = QLabel(self, objectName="previewPageCount")
        self.zoom = self._zoom_choice()
        self._count = 0  # kept: the document may be deleted first when the dialog closes
        self._layout()
        self.page.valueChanged.connect(self.go_to_page)
        self.view.pageNavigator().currentPageChanged.connect(self._page_shown)
        document.pageCountChanged.connect(self._count_changed)
        self._count_changed(document.pageCount())

    def _arrow(self, arrow: Qt.ArrowType, tip: str, step: int) -> QToolButton:
        button = QToolButton(self, arrowType=arrow, autoRaise=True)
        button.setToolTip(tip)
        button.clicked.connect(lambda: self.go_to_page(self.page.value() + step))
        return button

    def _zoom_choice(self) -> QComboBox:
        zoom = QComboBox(self, objectName="previewZoom")
        zoom.addItem(_("Whole page"), FIT_PAGE)
        zoom.addItem(_("Page width"), FIT_WIDTH)
        for factor in ZOOM_FACTORS:
            zoom.addItem(f"{factor:.0%}", factor)
        zoom.setToolTip(_("Zoom"))
        zoom.currentIndexChanged.connect(self._zoom_chosen)
        return zoom

    def _layout(self) -> None:
        """The pages fill the widget; the page and zoom controls are ``self.controls``, for
        the owner to place (the report dialog puts them beside its buttons, where they take
        no height from the pages)."""
        self.controls = QWidget(self, objectName="previewControls")
        bar = QHBoxLayout(self.controls)
        bar.setContentsMargins(0, 0, 0, 0)
        for widget in (self.previous, self.next, self.page, self.page_count, self.zoom):
            widget.setParent(self.controls)
            bar.addWidget(widget)
        self.hint = QLabel(self, objectName="previewHint")
        self.show_hint()
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.hint)
        self.pages.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages, 1)

    def show_hint(self, working: bool = False) -> None:
        """What the empty preview says: how to fill it, or that it is being filled (it
        said to click Generate while the report was being built)."""
        self.hint.setText(_("The report is being built; its pages appear here once it is "
                            "done.") if working else _(
            "Click Generate and the report is shown here, page by page, as it will print."))

    def go_to_page(self, number: int) -> None:
        """Show page ``number`` (counted from 1) from its top."""
        if self._count == 0:
            return
        number = min(max(number, 1), self._count)
        navigator = self.view.pageNavigator()
        if self._count == 1:  # nowhere else to jump to: the page's top
            self.view.verticalScrollBar().setValue(0)
        elif navigator.currentPage() == number - 1:
            # a jump to the page already current moves nothing: after a new zoom the view
            # kept its old pixel offset, and showed page 2 under a page box saying 6
            other = number - 2 if number > 1 else number
            navigator.jump(other, QPointF(), navigator.currentZoom())
        navigator.jump(number - 1, QPointF(), navigator.currentZoom())
        self._page_shown(number - 1)

    def _page_shown(self, index: int) -> None:
        with QSignalBlocker(self.page):
            self.page.setValue(index + 1)
        self.previous.setEnabled(index > 0)
        self.next.setEnabled(index + 1 < self._count)

    def _count_changed(self, count: int) -> None:
        self._count = count
        self.page.setMaximum(max(count, 1))
        self.page_count.setText(_("of {n}").format(n=count) if count else "")
        for widget in (self.page, self.zoom):
            widget.setEnabled(count > 0)
        self.pages.setCurrentWidget(self.view if count else self.hint)
        self._page_shown(self.view.pageNavigator().currentPage() if count else 0)

    def _zoom_chosen(self) -> None:
        """Zoom, staying on the page shown (the view kept its scroll offset in pixels, so
        another page came into view)."""
        page = self.page.value()
        choice = self.zoom.currentData()
        if choice == FIT_PAGE:
            self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        elif choice == FIT_WIDTH:
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        else:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(float(choice))
        QTimer.singleShot(0, self, lambda: self.go_to_page(page))  # once laid out anew
