"""Carry an assessment forward (结转) into a new period, with or without its evidence."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

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

from checklist_app.core import Assessment, carry_blocker, next_period
from checklist_app.i18n import _, join_sentences
from checklist_app.storage.assessments import backward_period_problem, carry_refusal
from checklist_app.ui.glyphs import office_and_period
from checklist_app.ui.service import WorkspaceService, unfinished_words
from checklist_app.ui.widgets.labels import plain_label


def carried_words(period: str, with_evidence: bool) -> str:
    """What carrying forward did, for the status bar."""
    return (_("Carried forward into {period}: statuses, notes, responsibilities, due dates and "
              "evidence; actual values start empty.") if with_evidence else
            _("Carried forward into {period}: statuses, notes, responsibilities and due dates; "
              "actual values and evidence start empty.")).format(period=period)


class CarryForwardDialog(QDialog):
    """The next period from the current assessment; an open one is closed first, as the
    dialog says and its OK button reads (an office never has two periods open)."""

    def __init__(self, service: WorkspaceService, parent: QWidget | None = None,
                 announce: Callable[[str], None] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("carryForwardDialog")
        self.announce = announce  # says what was done once it is (the status bar)
        self.setWindowTitle(_("Carry forward"))
        self.service = service
        current = service.data.assessment if service.data else None
        self.source_id = current.id if current else None  # the assessment it carries
        self.closes_first = current is not None and not current.is_closed
        self.period = QLineEdit(self, placeholderText=_("e.g. 2025年度"))
        self.problem = plain_label(self, wordWrap=True, objectName="periodProblem")
        self.problem.setStyleSheet("color: #c62828;")
        self.with_evidence = QCheckBox(_("Also link the evidence to the new assessment"), self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        if self.closes_first:
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
                _("Close and carry forward"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.period.textChanged.connect(self._update_ok)
        form = QFormLayout()
        form.addRow(_("Period"), self.period)
        form.addRow("", self.problem)
        form.addRow("", self.with_evidence)
        layout = QVBoxLayout(self)
        for label in self._explanations():
            layout.addWidget(label)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.period.setText(next_period(current.period) if current else "")
        self._update_ok()

    def _explanations(self) -> list[QLabel]:
        """What carries over, and what becomes of this assessment."""
        carried = QLabel(_(
            "The new assessment starts from each item's status (with its ticked sub-items and any"
            " justification for Not applicable), notes, responsible department and person, and "
            "due date. Actual values of numeric targets start empty (this period's are shown "
            "in grey in the empty fields), and evidence too unless you tick the box below. "
            "The report text (the four sections of the self-assessment report) starts empty: "
            "this period's stays with this period."),
            self, wordWrap=True, objectName="carriedOver")
        current = self.service.data.assessment if self.service.data else None
        name = office_and_period(current) if current else ""
        fate = (join_sentences(
                    _("{assessment} is still open. Carrying it forward closes it first: it "
                      "can then be viewed and printed, but no longer changed.").format(
                        assessment=name), *unfinished_words(self.service.data))
                if self.closes_first
                else _("{assessment} stays as it was closed.").format(assessment=name))
        self.closing = plain_label(fate, self, wordWrap=True, objectName="closesFirst")
        if self.closes_first:
            self.closing.setStyleSheet("font-weight: bold;")
        return [carried, self.closing]

    def duplicate_of(self, period: str) -> Assessment | None:
        """The assessment this one would repeat (same office, checklist and period)."""
        data = self.service.data
        if data is None or data.assessment is None:
            return None
        new = replace(data.assessment, period=period)
        return next((a for a in data.assessments if new.same_campaign(a)), None)

    def blocked_by(self) -> str:
        """Why this assessment cannot be carried forward at all ("" when it can)."""
        data = self.service.data
        if data is None or data.assessment is None:
            return ""
        blocker = carry_blocker(data.assessment, data.assessments)
        return carry_refusal(data.assessment, blocker) if blocker else ""

    def _update_ok(self) -> None:
        period = self.period.text().strip()
        duplicate = self.duplicate_of(period)
        source = self.service.data.assessment if self.service.data else None
        problem = self.blocked_by() or (
            _("{period} already has an assessment on this checklist: choose the next "
              "period.").format(period=period) if duplicate else "") or (
            backward_period_problem(source, period) if source is not None else "")
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(period) and not problem)

    def accept(self) -> None:
        """Carry the assessment the dialog was opened on; should another be shown by now
        (it named one period and would have carried another), say so and carry nothing."""
        data = self.service.data
        if data is None or data.assessment is None or data.assessment.id != self.source_id:
            self.problem.setText(_("The assessment shown has changed since this dialog "
                                   "opened: nothing was carried forward. Close it and choose "
                                   "Carry forward again."))
            self.problem.show()
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            return
        period, announce = self.period.text().strip(), self.announce
        evidence = self.with_evidence.isChecked()
        self.service.carry_forward(
            period, evidence, close_first=self.closes_first,
            done=lambda _data: announce(carried_words(period, evidence)) if announce else None)
        super().accept()
