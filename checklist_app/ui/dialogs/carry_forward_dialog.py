"""Carry an assessment forward (结转) into a new period, with or without its evidence."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from checklist_app.i18n import _
from checklist_app.ui.service import WorkspaceService


class CarryForwardDialog(QDialog):
    def __init__(self, service: WorkspaceService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("carryForwardDialog")
        self.setWindowTitle(_("Carry forward"))
        self.service = service
        self.period = QLineEdit(self, placeholderText=_("e.g. 2025年度"))
        self.with_evidence = QCheckBox(_("Also link the evidence to the new assessment"), self)
        explanation = QLabel(_("The new assessment starts from this one's statuses, notes and "
                               "responsibilities; this one stays as it is."), self,
                             wordWrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.period.textChanged.connect(self._update_ok)
        form = QFormLayout()
        form.addRow(_("Period"), self.period)
        form.addRow("", self.with_evidence)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._update_ok()

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.period.text().strip()))

    def accept(self) -> None:
        self.service.carry_forward(self.period.text().strip(), self.with_evidence.isChecked())
        super().accept()
