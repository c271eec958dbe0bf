"""Import a policy document (.txt or .docx): parse off the UI thread, preview, then save.

Reading and parsing run as a background job with a progress bar and Cancel; nothing reaches
the workspace before Save, so cancelling (or closing the dialog) leaves it as it was. The
preview lists the parsed tree with the departments and targets found, and warns about what
usually means a parsing problem, so the user can decide before the workspace changes. Level,
region and year can be corrected before saving; a year the document does not give is left
for the user to choose (Save waits for it), never filled in.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Mapping
from dataclasses import replace
from datetime import date
from html import escape
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from checklist_app.core import LEVEL_NAMES, Document, Level, NodeKind
from checklist_app.core.dates import document_deadline
from checklist_app.core.repeats import distinct_targets
from checklist_app.core.titles import inner_title, shortened, standalone_title
from checklist_app.i18n import _, ngettext
from checklist_app.importer.parser import (
    Parsed,
    document_id_for,
    level_warning,
    parse_source,
    parse_warnings,
    placeholder_warning,
    region_warning,
    replacement,
    replacement_warning,
    same_title,
    unused_document_id,
)
from checklist_app.importer.reading import DocumentError, read_source_text
from checklist_app.storage.evidence_index import path_label
from checklist_app.ui import message_box
from checklist_app.ui.glyphs import document_words, off_screen, on_screen
from checklist_app.ui.screen_fit import resize_within_screen
from checklist_app.ui.service import WorkspaceService
from checklist_app.ui.widgets.job_progress import JobProgress
from checklist_app.ui.widgets.labels import plain_label
from checklist_app.ui.workers import Cancelled, Job, JobRunner, ProgressStep

_INDENT = {NodeKind.SECTION: 0, NodeKind.GROUP: 1, NodeKind.CLAUSE: 1, NodeKind.ITEM: 2}


def import_warnings(parsed: Parsed, existing: Mapping[str, Document]) -> list[str]:
    """What the user should check before saving; ``existing``: the workspace's documents."""
    document = parsed.document
    warnings = parse_warnings(parsed)
    twin = None if document.id in existing else same_title(document, existing.values())
    if twin is not None:
        warnings.append(_("The workspace already holds a document with this title: {title} "
                          "({year}). Saving adds it a second time; cancel if it is the same "
                          "document.").format(title=standalone_title(twin.title),
                                              year=twin.year or "?"))
    checkable = document.checkable_nodes()
    if not checkable:
        warnings.append(_("No checkable items were found: is this a policy document with "
                          "numbered tasks (一、 （一） 1.)?"))
    without = [n for n in checkable if not n.departments]
    # a national or provincial document names no 市 departments: no reason to check it
    local = document.level not in (Level.NATIONAL, Level.PROVINCIAL)
    if local and checkable and len(without) == len(checkable):
        warnings.append(_("No responsible departments were found in any item."))
    elif local and without:
        shown = [f"{path_label(document, node)}{shortened(node.title, DEPARTMENTLESS_TITLE)}"
                 for node in without[:DEPARTMENTLESS_SHOWN]]  # 一、 alone told nothing
        warnings.append(ngettext(
            "{n} item names no responsible department (fill it in after importing): {items}",
            "{n} items name no responsible department (fill them in after importing): "
            "{items}", len(without)).format(
            n=len(without), items=_("{items} and others").format(items="；".join(shown))
            if len(without) > len(shown) else "；".join(shown)))  # a title's … then …… read ill
    if not _outlined(document):
        warnings.append(_("No top-level sections (一、二、…) were found."))
    found = replacement(existing[document.id], document) if document.id in existing else None
    if found is not None:
        warnings.append(_("{what} Saving asks whether to import it as a new document "
                          "({new_id}) instead.").format(
            what=replacement_warning(found), new_id=unused_document_id(document.id, existing)))
    elif document.id in existing:
        warnings.append(_("A document with id {id} is already in the workspace: saving "
                          "applies this as a revision of it.").format(id=document.id))
    return warnings


DEPARTMENTLESS_SHOWN = 5  # items named in the warning that some name no department
DEPARTMENTLESS_TITLE = 12  # characters of each one's title


def _outlined(document: Document) -> bool:
    """Whether the document's tree has a top level to go by: sections (一、), articles
    (第一条), or a list of tasks alone, as a 任务分工表 with no text around it gives."""
    top = [node for node in document.nodes if node.parent_id is None]
    return any(node.kind is NodeKind.SECTION or node.label.endswith("条") for node in top) \
        or (bool(top) and all(node.checkable for node in top))


def parse_steps(path: Path, check: Callable[[], None] = lambda: None,
                ) -> Generator[ProgressStep, None, Parsed]:
    """Read, then parse, yielding progress in between: Cancel takes effect at each step,
    and within the parse through ``check`` (CancelToken.check)."""
    yield 0.05, _("Reading {name}…").format(name=path.name)
    try:
        text = read_source_text(path)
    except DocumentError as error:
        raise by_file_name(error, path) from error
    yield 0.4, _("Finding clauses, departments and targets…")
    parsed = parse_source(text, document_id_for(path), source=path.name, check=check)
    yield 1.0, _("Preparing the preview…")
    return parsed


def by_file_name(error: DocumentError, path: Path) -> DocumentError:
    """The error worded with the file's name, as the preview names it everywhere else (the
    reader names the path it was given: the command line's, as typed)."""
    message = str(error)
    if message.startswith(str(path)):
        message = path.name + message[len(str(path)):]
    return DocumentError(message, error.kind)


def preview_html(document: Document) -> str:
    """The tree as the screen can draw it (〈〉 may show as ＜＞, see glyphs): each item with
    its departments (the lead marked), how many targets and the deadline the document sets,
    under a line that says what the marks mean."""
    legend = _("☐ a checkable item; ［ ］ its responsible departments; then its numeric "
               "targets and the deadline the document sets.")
    lines = [f"<span style='color:#555'>{escape(legend)}</span>"]
    for node in document.nodes:
        indent = "&nbsp;" * 4 * _INDENT.get(node.kind, 2)
        mark = "☐ " if node.checkable else ""
        extra = ""
        if node.departments:
            departments = on_screen(node.department_listing(_(" (lead)")))
            extra += f" <span style='color:#555'>［{escape(departments)}］</span>"
        if node.targets:
            targets = ngettext("{n} target", "{n} targets", len(node.targets)).format(
                n=len(node.targets))
            extra += f" <span style='color:#2e7d32'>{escape(targets)}</span>"
        deadline = document_deadline(node) if node.checkable else None
        if deadline is not None and (due := deadline.date or deadline.words):  # or 长期坚持
            extra += (f" <span style='color:#555'>"
                      f"{escape(_('due {date}').format(date=due))}</span>")
        lines.append(f"{indent}{mark}<b>{escape(node.label)}</b> "
                     f"{escape(document_words(node.title or node.text[:40]))}{extra}")
    return "<br>".join(lines)


class YearField(QSpinBox):
    """A year, or none yet: shows "choose the year" until the user picks one."""

    UNSET = 1948  # one below the first year offered: the special value

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, minimum=self.UNSET, maximum=2100)
        self.setSpecialValueText(_("Choose the year"))

    def year(self) -> int | None:
        return None if self.value() == self.UNSET else self.value()

    def set_year(self, year: int | None) -> None:
        self.setValue(year or self.UNSET)

    def stepBy(self, steps: int) -> None:
        """The first step from "choose" goes to this year, not to 1949."""
        if self.year() is None:
            self.setValue(date.today().year)
        else:
            super().stepBy(steps)


def imported_words(document: Document, report: object) -> str:
    """What importing did, for the status bar: a new document's items, a revision's
    changes, or nothing (``report`` None: the workspace held it as it is, nothing was
    imported)."""
    items = len(document.checkable_nodes())
    title = document_words(inner_title(document.title))  # 《…贯彻落实〈国家…〉…》
    if report is None:
        return _("“{title}” is already in the workspace as it is: nothing was imported.").format(
            title=title)
    revision = getattr(report, "revision", 1)
    if revision <= 1:
        return ngettext("Imported “{title}”: {n} item to check.",
                        "Imported “{title}”: {n} items to check.", items).format(
            title=title, n=items)
    added, changed, removed = (len(getattr(report, name, ())) for name in
                               ("added", "changed", "removed"))
    return _("Updated “{title}” (revision {revision}): {added} clauses added, {changed} "
             "changed, {removed} removed.").format(title=title, revision=revision,
                                                   added=added, changed=changed,
                                                   removed=removed)


class ImportPreview(QDialog):
    def __init__(self, service: WorkspaceService, runner: JobRunner,
                 parent: QWidget | None = None,
                 announce: Callable[[str], None] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importPreview")
        self.announce = announce  # says what was imported once it is (the status bar)
        self.setWindowTitle(_("Import a policy document"))
        self.service = service
        self.runner = runner
        self.document: Document | None = None
        self.shown: Parsed | None = None  # as parsed: its warnings, less those settled since
        self._level_assumed, self._region_unsure = False, ""  # flagged, not yet settled
        self.job: Job | None = None
        self.progress = JobProgress(self)
        self.summary = plain_label(self, wordWrap=True)
        self.warnings = plain_label(self, wordWrap=True)
        self.warnings.setStyleSheet("color:#a15c00;")
        self.tree = QTextBrowser(self)
        self.title = QLineEdit(self)
        self.level = QComboBox(self)
        for level, caption in LEVEL_NAMES.items():
            self.level.addItem(_(caption), level)
        self.level_label = plain_label(_("Level"), self)
        self.level.activated.connect(lambda _index: self._mark_assumed_level(False))
        self.region = QLineEdit(self)
        self.region_label = plain_label(_("Region"), self)
        self.region.textEdited.connect(lambda _text: self._mark_unsure_region(""))
        self.year = YearField(self)
        self.year_label = plain_label(_("Year"), self)
        self.year.valueChanged.connect(self._year_changed)
        self.writable = False
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.other_file = self.buttons.addButton(_("Choose another file…"),
                                                 QDialogButtonBox.ButtonRole.ActionRole)
        self.other_file.clicked.connect(self.choose_file)
        self._editable(False)
        self._clear_fields()
        form = QFormLayout()
        form.addRow(_("Title"), self.title)
        form.addRow(self.level_label, self.level)
        form.addRow(self.region_label, self.region)
        form.addRow(self.year_label, self.year)
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.warnings)
        layout.addLayout(form)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.buttons)
        resize_within_screen(self, 760, 680)

    def _editable(self, enabled: bool) -> None:
        """Save and the fields only once a document is parsed (and the workspace writable);
        Save also waits for a year."""
        self.writable = enabled
        for field in (self.title, self.level, self.region, self.year):
            field.setEnabled(enabled)
        self._year_changed()

    def _clear_fields(self) -> None:
        """No document, no values: a refused file leaves no title or level of the last one
        (nor the first level, 国家级, before any)."""
        self.title.clear()
        self.level.setCurrentIndex(-1)
        self._mark_assumed_level(False)
        self._mark_unsure_region("")
        self.region.clear()
        self.year.set_year(None)

    def _year_changed(self) -> None:
        """Mark the year while none is chosen; Save waits for one."""
        unset = self.year.year() is None and self.document is not None
        self.year_label.setStyleSheet("color:#c62828; font-weight:bold;" if unset else "")
        self.year.setToolTip(_("The document gives no year: choose the year it was issued.")
                             if unset else "")
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(self.writable and self.document is not None and not unset)
        self._show_warnings()  # the missing year's line goes once one is chosen

    def choose_file(self) -> bool:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Import a policy document"), str(Path.home()),
            # all files too: a .doc, .wps or .pdf gets its own advice (save it as .docx)
            _("Policy documents (*.txt *.docx);;All files (*)"))
        if name:
            self.load(Path(name))
        return bool(name)

    def load(self, path: Path) -> None:
        """Parse ``path`` in the background; the preview fills in when it is done."""
        self.cancel()
        self.document, self.shown = None, None
        self._editable(False)
        self.other_file.setEnabled(False)
        self.warnings.clear()
        self.tree.clear()
        self._clear_fields()
        self.summary.setText(_("Reading {name}…").format(name=path.name))
        self.progress.begin(_("Reading the document"))
        job = self.runner.create(lambda token: parse_steps(path, token.check),
                                 done=lambda parsed: self._parsed(job, parsed),
                                 failed=lambda error: self._not_parsed(job, error),
                                 progress=lambda f, m: self._progress(job, f, m))
        self.job = job
        self.progress.set_job(job)
        self.runner.start(job)

    def _current(self, job: Job) -> bool:
        """Results of a job this dialog still waits for (it may be closed, or reloading)."""
        return shiboken6.isValid(self) and job is self.job

    def _progress(self, job: Job, fraction: float, message: str) -> None:
        if self._current(job):
            self.summary.setText(message)
            self.progress.on_progress(fraction, "")

    def _parsed(self, job: Job, parsed: Parsed) -> None:
        if self._current(job):
            self.job = None
            self.progress.finish()
            self.other_file.setEnabled(True)
            self.show_document(parsed)

    def _not_parsed(self, job: Job, error: BaseException) -> None:
        if not self._current(job):
            return
        self.job = None
        self.progress.finish()
        self.other_file.setEnabled(True)
        if isinstance(error, Cancelled):
            self.summary.setText(_("Import cancelled: the workspace was not changed."))
        else:
            self.summary.setText(str(error))

    def cancel(self) -> None:
        """Stop reading (the dialog stays open, the workspace is untouched)."""
        if self.job is not None:
            self.job.cancel()

    def reject(self) -> None:
        """Closing while the document is read stops the reading: nothing is imported."""
        self.cancel()
        self.job = None
        super().reject()

    def show_document(self, parsed: Parsed) -> None:
        document = parsed.document
        self.document = document
        data = self.service.data
        counts = _("{title}: {nodes} clauses, {items} checkable items, {targets} "
                   "targets.").format(
            title=document_words(standalone_title(document.title)), nodes=len(document.nodes),
            items=len(document.checkable_nodes()),
            targets=distinct_targets(document))  # as the report counts them
        issued = [_("Issued by: {issuer}").format(issuer=document.issuer)
                  if document.issuer else "",
                  _("Document number: {number}").format(number=document.doc_number)
                  if document.doc_number else ""]
        self.summary.setText(on_screen("\n".join([counts, *filter(None, issued)])))
        self.shown = parsed
        self._show_warnings()
        self.title.setText(self._shown_title(document))  # （2024—2026年）as printed
        self.level.setCurrentIndex(max(self.level.findData(document.level), 0))
        self._mark_assumed_level(parsed.level_defaulted)
        self.region.setText(document.region)
        self._mark_unsure_region(document.region if parsed.region_inferred
                                 or parsed.region_placeholder else "")
        self.year.set_year(document.year)
        self.tree.setHtml(preview_html(document))
        self._editable(bool(data and not data.read_only))

    def _show_warnings(self) -> None:
        """The warnings of the document shown, but those the user has since settled (a
        level picked, a region edited)."""
        if self.shown is None:
            self.warnings.clear()
            return
        data = self.service.data
        unsure = bool(self._region_unsure)
        settled = replace(self.shown, level_defaulted=self._level_assumed,
                          region_inferred=unsure and self.shown.region_inferred,
                          region_placeholder=unsure and self.shown.region_placeholder)
        warnings = import_warnings(settled, data.documents if data else {})
        if self.shown.document.year is None and self.year.year() is None:  # till one is chosen
            warnings.append(_("The document gives no year: choose the year it was issued "
                              "before saving."))
        self.warnings.setText(on_screen("\n".join(warnings)))

    def _mark_assumed_level(self, assumed: bool) -> None:
        """Flag a level the document did not tell (市级 was assumed) until the user picks one."""
        self._level_assumed = assumed
        self.level_label.setStyleSheet("color:#a15c00; font-weight:bold;" if assumed else "")
        self.level.setToolTip(level_warning() if assumed else "")
        self._show_warnings()

    def _mark_unsure_region(self, region: str) -> None:
        """Flag a region completed from the cited documents, or a template's 某市某区, until
        the user edits it ("": nothing to flag)."""
        self._region_unsure = region
        self.region_label.setStyleSheet("color:#a15c00; font-weight:bold;" if region else "")
        placeholder = self.shown is not None and self.shown.region_placeholder
        self.region.setToolTip("" if not region else placeholder_warning(region) if placeholder
                               else region_warning(region))
        self._show_warnings()

    def edited_document(self) -> Document | None:
        if self.document is None:
            return None
        return replace(self.document, title=self._edited_title(self.document),
                       level=Level(self.level.currentData()), region=self.region.text().strip(),
                       year=self.year.year())

    def _edited_title(self, document: Document) -> str:
        """The title field shows the title as the report prints it (Chinese brackets, stand-ins
        for marks the font lacks), on its own (《》 inside); unedited, the stored title keeps
        the document's own marks, and an edited one the marks the stand-ins stand for."""
        shown = self.title.text().strip()
        if not shown or shown == self._shown_title(document):
            return document.title
        return off_screen(shown)

    @staticmethod
    def _shown_title(document: Document) -> str:
        return document_words(standalone_title(document.title))

    def save(self) -> None:
        """Import the edited document; without a chosen year, nothing is saved yet, nor a
        revision that looks like another document before the user confirms it."""
        document = self.edited_document()
        if document is not None and document.year is None:
            self.year.setFocus()
            return
        if document is not None:
            settled = self._settle_id(document)
            if settled is None or not self._may_add_twin(settled):
                return
            document = settled
        if document is not None and self._held_as_it_is(document):
            if self.announce:  # no revision 2 with nothing added, changed or removed
                self.announce(imported_words(document, None))
        elif document is not None:
            announce = self.announce
            self.service.import_document(
                document, done=lambda report: announce(imported_words(document, report))
                if announce else None)
        self.accept()

    def _held_as_it_is(self, document: Document) -> bool:
        """Whether the workspace holds this document already, unchanged (as the command
        line checks before importing)."""
        data = self.service.data
        stored = data.documents.get(document.id) if data else None
        return stored is not None and replace(document, year=document.year or stored.year) \
            == stored

    def _may_add_twin(self, document: Document) -> bool:
        """A new document titled as one already in the workspace (the same file again, in
        another encoding, say) is added only when the user says so (No is the default):
        the warning alone left Save the default button."""
        data = self.service.data
        if data is None or document.id in data.documents:
            return True
        twin = same_title(document, data.documents.values())
        if twin is None:
            return True
        buttons = QMessageBox.StandardButton
        answer = message_box.question(
            self, _("Import a second copy?"),
            _("The workspace already holds “{title}” ({year}). Import this file as a second "
              "document all the same? Choose No if it is the same document.").format(
                title=document_words(standalone_title(twin.title)), year=twin.year or "?"),
            buttons.Yes | buttons.No, buttons.No)
        return answer == buttons.Yes

    def _settle_id(self, document: Document) -> Document | None:
        """The document to save: a revision under another title that looks like another
        document (another region or issuer, most clauses reworded) is imported as a new
        document under a free id unless the user chooses to replace; None: cancelled."""
        data = self.service.data
        stored = data.documents.get(document.id) if data else None
        found = replacement(stored, document) if stored is not None else None
        if data is None or found is None:
            return document
        new_id = unused_document_id(document.id, data.documents)
        box = QMessageBox(QMessageBox.Icon.Question, _("Another document with this id"),
                          _("{what}\n\nImport it as a new document ({new_id}), or replace "
                            "{id} with it?").format(what=replacement_warning(found),
                                                    new_id=new_id, id=document.id),
                          QMessageBox.StandardButton.Cancel, self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # a title may hold markup
        as_new = box.addButton(_("Import as a new document"), QMessageBox.ButtonRole.AcceptRole)
        revise = box.addButton(_("Replace {id}").format(id=document.id),
                               QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(as_new)
        box.exec()
        clicked = box.clickedButton()
        box.deleteLater()
        if clicked is as_new:
            return document.with_id(new_id)
        return document if clicked is revise else None
