"""A progress bar with a Cancel button for the status bar, following one job at a time."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from checklist_app.i18n import _
from checklist_app.ui.widgets.labels import plain_label, plain_tooltip
from checklist_app.ui.workers import Job

MESSAGE_WIDTH = 480  # pixels of caption and step beside the bar, at most


class JobProgress(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = plain_label(self)
        self.bar = QProgressBar(self, minimum=0, maximum=1000)
        self.bar.setFixedWidth(200)
        self.cancel_button = QPushButton(_("Cancel"), self)
        self.cancel_button.clicked.connect(self.cancel)
        for compact in (self.label, self.cancel_button):  # the status bar is wide: stay small
            compact.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self._job: Job | None = None
        self._running = False
        self._caption = ""
        self.hide()

    def begin(self, caption: str) -> None:
        """Show the bar before the job starts (an inline job may finish inside start)."""
        self._running = True
        self._caption = caption
        self._say(caption)
        self.bar.setValue(0)
        self.bar.setFormat("%p%")
        self.show()

    @property
    def running(self) -> bool:
        return self._running

    def set_job(self, job: Job) -> None:
        """The job Cancel stops; ignored when it already finished."""
        self._job = job if self._running else None

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()

    def on_progress(self, fraction: float, message: str) -> None:
        """The bar shows the percentage; what is being done goes beside it, in the label
        (inside a 200-pixel bar a Chinese message was cut after a dozen characters)."""
        self.bar.setValue(int(fraction * 1000))
        if message:
            self._say(f"{self._caption}：{message}" if self._caption else message)

    def _say(self, text: str) -> None:
        """The label's text, elided to MESSAGE_WIDTH (whole in its tooltip)."""
        self.label.setText(self.label.fontMetrics().elidedText(
            text, Qt.TextElideMode.ElideMiddle, MESSAGE_WIDTH))
        self.label.setToolTip(plain_tooltip(text))

    def finish(self, _result: object = None) -> None:
        self._running = False
        self._job = None
        self.hide()
