"""New assessment (自查自评): who, for which period, against which documents."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QWidget,
    QWizard,
    QWizardPage,
)

from checklist_app.core import Level
from checklist_app.i18n import _
from checklist_app.ui.glyphs import document_caption
from checklist_app.ui.service import WorkspaceService
from checklist_app.ui.settings import Settings


class NewAssessmentWizard(QWizard):
    def __init__(self, service: WorkspaceService, settings: Settings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newAssessmentWizard")
        self.setWindowTitle(_("New assessment"))
        self.service = service
        self.settings = settings
        self.office = QLineEdit(self)
        self.department = QLineEdit(settings.department, self)
        self.period = QLineEdit(self, placeholderText=_("e.g. 2025年度"))
        self.preparer = QLineEdit(settings.user_name, self)
        self.addressee = QLineEdit(self, placeholderText=_("e.g. 市人民政府办公厅"))
        self.checklist = QComboBox(self, objectName="checklistDocument")
        self.provincial = QComboBox(self, objectName="provincialDocument")
        self.national = QComboBox(self, objectName="nationalDocument")
        self.import_button = QPushButton(_("Import another document…"), self)
        self.addPage(self._office_page())
        self.addPage(self._documents_page())
        # After registerField: a mandatory field counts as filled only once its value differs
        # from the one it had when registered (QWizardPage::isComplete).
        self.office.setText(settings.office)
        self.fill_documents()
        service.opened.connect(self.fill_documents)

    def _office_page(self) -> QWizardPage:
        page = QWizardPage(self)
        page.setTitle(_("Your office"))
        page.setSubTitle(_("Who carries out this self-assessment, and for which period."))
        form = QFormLayout(page)
        form.addRow(_("Office"), self.office)
        form.addRow(_("Department"), self.department)
        form.addRow(_("Period"), self.period)
        form.addRow(_("Prepared by"), self.preparer)
        form.addRow(_("Addressed to"), self.addressee)
        page.registerField("office*", self.office)
        return page

    def _documents_page(self) -> QWizardPage:
        page = QWizardPage(self)
        page.setTitle(_("Documents"))
        page.setSubTitle(_("The checklist is the document your office carries out; the "
                           "provincial and national documents are the higher levels it maps "
                           "to."))
        form = QFormLayout(page)
        form.addRow(_("Checklist"), self.checklist)
        form.addRow(_("Provincial reference"), self.provincial)
        form.addRow(_("National reference"), self.national)
        form.addRow("", self.import_button)
        return page

    def fill_documents(self) -> None:
        data = self.service.data
        documents = list(data.documents.values()) if data else []
        defaults = (self.settings.default_checklist, self.settings.default_provincial,
                    self.settings.default_national)
        for combo, optional, default in zip(
                (self.checklist, self.provincial, self.national), (False, True, True), defaults,
                strict=True):
            wanted = combo.currentData() or default
            combo.clear()
            if optional:
                combo.addItem(_("(none)"), None)
            for document in documents:
                combo.addItem(document_caption(document, year=True), document.id)
            combo.setCurrentIndex(max(combo.findData(wanted), 0))
        national = [d.id for d in documents if d.level is Level.NATIONAL]
        if self.national.currentData() is None and national:
            self.national.setCurrentIndex(self.national.findData(national[0]))

    def fields(self) -> dict[str, object]:
        return {
            "office": self.office.text().strip(),
            "department": self.department.text().strip(),
            "period": self.period.text().strip(),
            "preparer": self.preparer.text().strip(),
            "addressee": self.addressee.text().strip(),
            "checklist_doc_id": self.checklist.currentData(),
            "provincial_doc_id": self.provincial.currentData(),
            "national_doc_id": self.national.currentData(),
        }

    def accept(self) -> None:
        self.service.new_assessment(**self.fields())
        super().accept()
