"""Assessment details (自查自评信息): office, department, period, preparer, reviewer, addressee,
the report's date (成文日期) and the provincial and national reference documents.

Set when the assessment is created, changed here while it is open: a 主送机关 left empty, a
new 审核人, or a reference document picked wrongly in the wizard would otherwise print wrong
in the report. The checklist stays (the items were judged against it). What storage would
refuse (no office; the office and period of another assessment of the checklist) is said
under the fields as it is typed, in words of the window (no assessment number, which only
the command line uses), and Save waits; a refusal all the same keeps the dialog open.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from checklist_app.core import Assessment, Level, repeated_by
from checklist_app.core.dates import dated_day
from checklist_app.i18n import _, date_words
from checklist_app.storage.assessments import DETAIL_MAX_CHARS
from checklist_app.storage.errors import StorageError
from checklist_app.ui.dialogs.unsaved import UnsavedChangesDialog, may_discard
from checklist_app.ui.glyphs import document_caption
from checklist_app.ui.service import WorkspaceService, explained
from checklist_app.ui.widgets.banner import Banner
from checklist_app.ui.widgets.document_choice import (
    fill_document_choice,
    middle_level_label,
    ranked_documents,
    select_document,
)
from checklist_app.ui.widgets.due_date import ReportDateEdit
from checklist_app.ui.widgets.labels import plain_label
from checklist_app.ui.widgets.read_only import set_read_only


class AssessmentDetailsDialog(UnsavedChangesDialog):
    """The fields, prefilled; saved through the service (read-only when the assessment
    is closed or the workspace read-only, the banner saying why)."""

    def __init__(self, service: WorkspaceService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("assessmentDetails")
        self.setWindowTitle(_("Assessment details"))
        self.service = service
        data = service.data
        assert data is not None and data.assessment is not None
        self.assessment: Assessment = data.assessment
        self.editable = data.editable
        self.fields = {name: QLineEdit(getattr(self.assessment, name), self,
                                       objectName=f"details-{name}")
                       for name in ("office", "department", "period", "preparer", "reviewer",
                                    "addressee")}
        for name, edit in self.fields.items():  # as much as the report has room for (a
            # longer one saved before stays whole: it is not cut by opening the dialog)
            edit.setMaxLength(max(DETAIL_MAX_CHARS[name], len(edit.text())))
        self.report_date = ReportDateEdit(self._default_day(), self)
        self.report_date.show_value(self.assessment.report_date)
        self.references = {name: self._reference_choice(name, level)
                           for name, level in (("provincial_doc_id", Level.PROVINCIAL),
                                               ("national_doc_id", Level.NATIONAL))}
        if self.editable:  # an example where nothing can be typed would read as a value
            self.fields["period"].setPlaceholderText(_("e.g. 2025年度"))
            self.fields["addressee"].setPlaceholderText(_("e.g. 市人民政府办公厅"))
        self.problem = plain_label(self, wordWrap=True, objectName="detailsProblem")
        self.problem.setStyleSheet("color: #c62828;")
        self.problem.hide()
        self.banner = Banner(self, offers=False)  # why nothing can be changed: closed, read-only
        self.banner.show_workspace_state(data)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
            if self.editable else QDialogButtonBox.StandardButton.Close, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        for edit in (*self.fields.values(), self.report_date):
            set_read_only(edit, not self.editable)
        for name in ("office", "period"):
            self.fields[name].textChanged.connect(self._check_fields)
        self.report_date.textChanged.connect(self._check_fields)
        self._layout(document_caption(data.checklist, year=True) if data.checklist else "")
        service.opened.connect(self._data_replaced)
        self.resize(560, self.sizeHint().height())

    def _default_day(self) -> str:
        """The day the report bears when no 成文日期 is set, in words."""
        closed = dated_day("", self.assessment.closed_at)  # as the report decides it
        if closed is not None:
            return _("the day the assessment was closed, {date}").format(date=date_words(closed))
        return _("the day the report is made")

    def _reference_choice(self, name: str, level: Level) -> QComboBox:
        """The reference documents of ``level`` first, （无）, then the others; the one
        saved is selected."""
        combo = QComboBox(self, objectName=f"details-{name}")
        fill_document_choice(combo, ranked_documents(self.service.data), (level,),
                             optional=True)
        select_document(combo, getattr(self.assessment, name))
        combo.setEnabled(self.editable)
        return combo

    def _layout(self, checklist: str) -> None:
        form = QFormLayout()
        for label, name in ((_("Office"), "office"), (_("Department"), "department"),
                            (_("Period"), "period"), (_("Prepared by"), "preparer"),
                            (_("Reviewed by"), "reviewer"), (_("Addressed to"), "addressee")):
            form.addRow(label, self.fields[name])
        form.addRow(_("Report date"), self.report_date)
        shown = plain_label(self, wordWrap=True, objectName="detailsChecklist")
        shown.setText(checklist)
        shown.setToolTip(_("The checklist cannot be changed: the items were assessed "
                           "against it."))
        form.addRow(_("Checklist"), shown)
        middle = self.references["provincial_doc_id"]
        form.addRow(middle_level_label(middle, lambda: self.service.data, self), middle)
        form.addRow(_("National reference"), self.references["national_doc_id"])
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def changes(self) -> dict[str, str | None]:
        """The fields whose text differs from what is saved, trimmed; the reference
        documents chosen anew (None: none)."""
        typed: dict[str, str | None] = {name: edit.text().strip()
                                        for name, edit in self.fields.items()}
        typed.update({name: combo.currentData() or None
                      for name, combo in self.references.items()})
        typed["report_date"] = self.report_date.value() or ""
        return {name: value for name, value in typed.items()
                if value != getattr(self.assessment, name)}

    def _say(self, problem: str) -> None:
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))

    def _check_fields(self) -> None:
        """An office is required, the office and period may not be another assessment's
        of this checklist, and the report date is a day, as storage says; Save waits until
        they are right."""
        problem = self.problem_with_fields()
        self._say(problem)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        if save is not None:
            save.setEnabled(not problem)

    def problem_with_fields(self) -> str:
        """Why the office, period or report date typed cannot be saved, or ""."""
        office, period = (self.fields[name].text().strip() for name in ("office", "period"))
        if not office:
            return _("An assessment needs the name of the office.")
        if not self.report_date.is_valid():
            return self.report_date.why_refused(self.report_date.text().strip())
        data = self.service.data
        repeated = repeated_by(replace(self.assessment, office=office, period=period),
                               data.assessments if data else ())
        if repeated is None:
            return ""
        return _("{office} already has another assessment for {period} on this checklist. "
                 "Choose another period; to work on that one, switch to it (Assessment "
                 "menu).").format(office=repeated.office, period=repeated.period)

    def save(self) -> None:
        changes = self.changes()
        if not changes:
            self.accept()
            return
        self.buttons.setEnabled(False)
        self.service.update_assessment(self.assessment.id, changes, done=self._saved,
                                       failed=self._refused)

    def _saved(self, _assessment: Assessment) -> None:
        if not self.closed:
            self.accept()

    def _refused(self, error: BaseException) -> None:
        """Storage's reason, under the fields; what was typed stays to be corrected."""
        if self.closed:
            return
        self.buttons.setEnabled(True)
        self._say(explained(error) if isinstance(error, StorageError) else str(error))

    def _data_replaced(self) -> None:
        """Another assessment or workspace was opened: these fields are not its."""
        if not self.closed:
            super().reject()

    def reject(self) -> None:
        """Cancel, Esc or the close button: ask before losing what was typed."""
        if self.editable and self.changes() and self.buttons.isEnabled() and not may_discard(
                self, _("Unsaved changes"), _("Save the changes to the assessment details?"),
                self.save):
            return
        super().reject()
