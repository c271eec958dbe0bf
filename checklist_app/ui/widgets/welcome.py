"""Shown when the workspace has no assessment yet (or none is open): what to do next."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from checklist_app.i18n import _


class WelcomePage(QWidget):
    open_requested = Signal()
    new_assessment_requested = Signal()
    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        title = QLabel(_("Welcome"), alignment=Qt.AlignmentFlag.AlignCenter)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        title.setFont(font)
        text = QLabel(_("Check how your office carries out the standardization policy: start a "
                        "new self-assessment, or open an existing workspace."),
                      alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(title)
        layout.addWidget(text)
        for caption, signal in ((_("New assessment…"), self.new_assessment_requested),
                                (_("Open workspace…"), self.open_requested),
                                (_("Import a policy document…"), self.import_requested)):
            button = QPushButton(caption, self)
            button.setMinimumWidth(260)
            button.clicked.connect(signal.emit)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
            if signal is self.new_assessment_requested:
                self.new_button = button
        layout.addStretch(3)
