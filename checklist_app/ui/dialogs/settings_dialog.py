"""Settings: who you are, your office and department, language, report font, backups."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from checklist_app.core import Document, Level
from checklist_app.i18n import _, join_sentences
from checklist_app.settings import Settings
from checklist_app.ui.screen_fit import grow_to_fit
from checklist_app.ui.widgets.document_choice import CHECKLIST_LEVELS, fill_document_choice
from checklist_app.ui.widgets.labels import plain_label


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, documents: list[Document] | None = None,
                 parent: QWidget | None = None) -> None:
        """``documents``: those the new-assessment wizard offers, newest import first."""
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(_("Settings"))
        self.settings = settings
        self.user_name = QLineEdit(settings.user_name, self)
        # the change record names whoever made each change: empty, the assessment's 填报人
        self.user_name.setPlaceholderText(_("Named in the change record; empty: the preparer"))
        self.user_name.setToolTip(_("The report's change record names this person for each "
                                    "change made on this computer. Left empty, the "
                                    "assessment's preparer is named."))
        self.office = QLineEdit(settings.office, self)
        self.office.setPlaceholderText(
            _("e.g. 重庆市市场监督管理局 (prefilled in a new assessment)"))
        self.office.setToolTip(_("The office a new assessment is made for: the wizard starts "
                                 "with it, and the report names the assessment's office as "
                                 "its issuer."))
        self.department = QLineEdit(settings.department, self)
        self.department.setPlaceholderText(_("e.g. 市市场监管局 (used by “My department”)"))
        self.language = QComboBox(self)
        for caption, code in ((_("Follow the system"), ""), ("中文（简体）", "zh_CN"),
                              ("English", "en")):
            self.language.addItem(caption, code)
        self.language.setCurrentIndex(max(self.language.findData(settings.language), 0))
        self.font_path = QLineEdit(settings.report_font, self)
        self.font_path.setPlaceholderText(_("automatic (fonts found on this computer)"))
        browse = QPushButton(_("Choose…"), self)
        browse.clicked.connect(self._choose_font)
        self.font_problem = plain_label(self, wordWrap=True, objectName="fontProblem")
        self.font_problem.setStyleSheet("color: #c62828;")
        self.font_problem.hide()
        self.font_path.textChanged.connect(self.font_problem.hide)
        self.backups = QSpinBox(self, minimum=1, maximum=100, value=settings.backup_count)
        documents = documents or []
        self.default_documents = {
            name: self._document_choice(documents, getattr(settings, name), levels)
            for name, levels in (("default_checklist", CHECKLIST_LEVELS),
                                 ("default_provincial", (Level.PROVINCIAL,)),
                                 ("default_national", (Level.NATIONAL,)))}
        font_row = QHBoxLayout()
        font_row.addWidget(self.font_path, 1)
        font_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(_("Your name"), self.user_name)
        form.addRow(_("Office"), self.office)
        form.addRow(_("Department"), self.department)
        form.addRow(_("Language"), self.language)
        form.addRow(_("Report font"), font_row)
        form.addRow("", self.font_problem)
        form.addRow(_("Backups to keep"), self.backups)
        form.addRow(_("Default checklist"), self.default_documents["default_checklist"])
        form.addRow(_("Default provincial reference"),
                    self.default_documents["default_provincial"])
        form.addRow(_("Default national reference"), self.default_documents["default_national"])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _document_choice(self, documents: list[Document], current: str,
                         levels: tuple[Level, ...]) -> QComboBox:
        """A document, or automatic: the wizard then proposes one of the fitting level (the
        office's own or latest imported checklist, the checklist's province…). Those of
        ``levels`` come first, with their years, the others under a line, as in the wizard
        (the national list offered the cities' opinions among the rest)."""
        combo = QComboBox(self)
        fill_document_choice(combo, documents, levels, optional=False)
        combo.insertItem(0, _("(automatic)"), "")
        if documents and not any(d.level in levels for d in documents):
            combo.insertSeparator(1)  # none of its level: the others still under a line
        if current and combo.findData(current) < 0:
            combo.addItem(current, current)  # a document not in this workspace
        combo.setCurrentIndex(max(combo.findData(current), 0))
        return combo

    def _choose_font(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, _("Report font"), "",
                                                    _("Fonts (*.ttf *.otf *.ttc)"))
        if name:
            self.font_path.setText(name)

    def font_refused(self) -> bool:
        """Say so under the field when the chosen report font cannot be used: missing, a
        folder, not an embeddable font, #N on a single font (a report would fall back to
        other fonts with a reason given only then)."""
        problem = font_problem(self.font_path.text().strip())
        self.font_problem.setText(problem)
        self.font_problem.setVisible(bool(problem))
        if problem:  # the dialog kept its size, the explanation cut off after a line
            QTimer.singleShot(0, lambda: grow_to_fit(self))
        return bool(problem)

    def accept(self) -> None:
        if self.font_refused():
            self.font_path.setFocus()
            return
        s = self.settings
        s.user_name = self.user_name.text().strip()
        s.office = self.office.text().strip()
        s.department = self.department.text().strip()
        s.language = self.language.currentData()
        s.report_font = self.font_path.text().strip()
        s.backup_count = self.backups.value()
        for name, combo in self.default_documents.items():
            setattr(s, name, combo.currentData() or "")
        s.save()
        super().accept()


def font_problem(text: str) -> str:
    """Why the report font ``text`` (``path`` or ``path#index``) cannot be used; "" if it can."""
    if not text:
        return ""
    name, sep, index = text.partition("#")
    file = Path(name).expanduser()
    try:
        found = file.exists()
    except OSError:  # a name longer than the file system allows
        found = False
    if not found:
        return _("Font file {path} does not exist. Choose another one, or clear the field to "
                 "use the fonts found on this computer.").format(path=file)
    from checklist_app.report.fonts import font_refusal  # reportlab: only when asked

    refused = font_refusal(f"{file}{sep}{index}")
    return join_sentences(refused, _("Choose another one, or clear the field to use the fonts "
                                     "found on this computer.")) if refused else ""

