"""Import a policy document (.txt or .docx): parse off the UI thread, preview, then save.

The preview lists the parsed tree with the departments and targets found, and warns about
what usually means a parsing problem, so the user can decide before the workspace changes.
Level, region and year can be corrected before saving.
"""

from __future__ import annotations

from dataclasses import replace
from html import escape
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from checklist_app.core import Document, Level, NodeKind
from checklist_app.i18n import N_, _
from checklist_app.importer import parse_file
from checklist_app.ui.service import WorkspaceService
from checklist_app.ui.workers import JobRunner

LEVELS = {
    Level.NATIONAL: N_("National"),
    Level.PROVINCIAL: N_("Provincial"),
    Level.MUNICIPAL: N_("Municipal"),
    Level.COUNTY: N_("County"),
}
_INDENT = {NodeKind.SECTION: 0, NodeKind.GROUP: 1, NodeKind.CLAUSE: 1, NodeKind.ITEM: 2}


def import_warnings(document: Document, existing: set[str]) -> list[str]:
    warnings = []
    checkable = document.checkable_nodes()
    if not checkable:
        warnings.append(_("No checkable items were found: is this a policy document with "
                          "numbered tasks (一、 （一） 1.)?"))
    without = [n for n in checkable if not n.departments]
    if checkable and len(without) == len(checkable):
        warnings.append(_("No responsible departments were found in any item."))
    if not any(n.kind is NodeKind.SECTION for n in document.nodes):
        warnings.append(_("No top-level sections (一、二、…) were found."))
    if document.id in existing:
        warnings.append(_("A document with id {id} is already in the workspace: saving "
                          "applies this as a revision of it.").format(id=document.id))
    return warnings


def preview_html(document: Document) -> str:
    lines = []
    for node in document.nodes:
        indent = "&nbsp;" * 4 * _INDENT.get(node.kind, 2)
        mark = "☐ " if node.checkable else ""
        extra = ""
        if node.departments:
            extra += f" <span style='color:#555'>［{escape('、'.join(node.departments))}］</span>"
        if node.targets:
            extra += f" <span style='color:#2e7d32'>◎ {len(node.targets)}</span>"
        lines.append(f"{indent}{mark}<b>{escape(node.label)}</b> "
                     f"{escape(node.title or node.text[:40])}{extra}")
    return "<br>".join(lines)


class ImportPreview(QDialog):
    def __init__(self, service: WorkspaceService, runner: JobRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importPreview")
        self.setWindowTitle(_("Import a policy document"))
        self.service = service
        self.runner = runner
        self.document: Document | None = None
        self.summary = QLabel(self, wordWrap=True)
        self.warnings = QLabel(self, wordWrap=True)
        self.warnings.setStyleSheet("color:#a15c00;")
        self.tree = QTextBrowser(self)
        self.title = QLineEdit(self)
        self.level = QComboBox(self)
        for level, caption in LEVELS.items():
            self.level.addItem(_(caption), level)
        self.region = QLineEdit(self)
        self.year = QSpinBox(self, minimum=1949, maximum=2100)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._save_enabled(False)
        form = QFormLayout()
        form.addRow(_("Title"), self.title)
        form.addRow(_("Level"), self.level)
        form.addRow(_("Region"), self.region)
        form.addRow(_("Year"), self.year)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.warnings)
        layout.addLayout(form)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.buttons)
        self.resize(760, 680)

    def _save_enabled(self, enabled: bool) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(enabled)

    def choose_file(self) -> bool:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Import a policy document"), str(Path.home()),
            _("Policy documents (*.txt *.docx)"))
        if name:
            self.load(Path(name))
        return bool(name)

    def load(self, path: Path) -> None:
        self.summary.setText(_("Reading {name}…").format(name=path.name))
        self.runner.run(lambda _token: parse_file(path), done=self.show_document,
                        failed=lambda error: self.summary.setText(str(error)))

    def show_document(self, document: Document) -> None:
        self.document = document
        data = self.service.data
        existing = set(data.documents) if data else set()
        self.summary.setText(_("{title}: {nodes} clauses, {items} checkable items, {targets} "
                               "targets.").format(
            title=document.title, nodes=len(document.nodes),
            items=len(document.checkable_nodes()),
            targets=sum(len(n.targets) for n in document.nodes)))
        self.warnings.setText("\n".join(import_warnings(document, existing)))
        self.title.setText(document.title)
        self.level.setCurrentIndex(max(self.level.findData(document.level), 0))
        self.region.setText(document.region)
        self.year.setValue(document.year or 2025)
        self.tree.setHtml(preview_html(document))
        self._save_enabled(bool(data and not data.read_only))

    def edited_document(self) -> Document | None:
        if self.document is None:
            return None
        return replace(self.document, title=self.title.text().strip() or self.document.title,
                       level=Level(self.level.currentData()), region=self.region.text().strip(),
                       year=self.year.value())

    def save(self) -> None:
        document = self.edited_document()
        if document is not None:
            self.service.import_document(document)
        self.accept()
