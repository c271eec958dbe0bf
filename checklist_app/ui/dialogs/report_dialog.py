"""The report: options → built on a worker with progress and Cancel → shown → Print / Save as.

The options choose the style, the language, the Word copy and the parts to print (the 正文
and each annex; at least one). Notes about fonts (stand-ins for the GB/T 9704 typefaces,
characters printed differently) are shown under the result, never in a pop-up, with the
marks this screen cannot draw shown as their stand-ins (the code point beside each names it).

The snapshot is read on the writer thread; ``build_report`` (a generator) runs on the
background pool and each step moves the progress bar. Cancel closes the generator, which
removes its temporary files; so does closing the dialog. The finished PDF opens in a QtPdf
viewer. Printing (after the system print dialog) runs on the background pool too, page by
page with "page n of N" and Cancel (see :mod:`checklist_app.ui.printing`).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from collections.abc import Generator, Iterator, Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QResizeEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from checklist_app import paths
from checklist_app.core import AssessmentSnapshot, ItemStatus, dates
from checklist_app.i18n import _, date_words, join_sentences, ngettext, os_reason
from checklist_app.report.builder import ReportProgress, build_report, check_report_target
from checklist_app.report.cautions import Caution, CautionKind, with_remedy
from checklist_app.report.parts import ReportOptionError, ReportPart
from checklist_app.report.wording import Wording
from checklist_app.settings import Settings
from checklist_app.storage.errors import name_targets, translate
from checklist_app.storage.temp_files import temp_path_for
from checklist_app.ui import message_box
from checklist_app.ui.dialogs.narrative_editor import SECTIONS
from checklist_app.ui.glyphs import assessment_name, on_screen
from checklist_app.ui.menus import ASSESSMENT_MENU, DETAILS_ACTION, NARRATIVE_ACTION, menu_path
from checklist_app.ui.printing import print_pdf
from checklist_app.ui.screen_fit import resize_within_screen
from checklist_app.ui.service import WorkspaceService
from checklist_app.ui.widgets.labels import plain_label
from checklist_app.ui.widgets.pdf_preview import PdfPreview
from checklist_app.ui.workers import Cancelled, CancelToken, Job, JobRunner

NOTE_LINES = 6  # of cautions in sight under the result; more scroll


ReportOptions = tuple[str, str, bool, tuple[ReportPart, ...]]  # style, language, Word, parts


def removed_if_cancelled(steps: Iterator[ReportProgress], token: CancelToken,
                         outputs: list[Path]) -> Generator[ReportProgress, None, object]:
    """``build_report``'s steps; a cancel that comes after its files were moved into place
    removes them (they are new files of this run, never a user's)."""
    try:
        result = yield from steps
    except GeneratorExit:
        remove_files(outputs)
        raise
    if token.cancelled:
        remove_files(outputs)
        raise Cancelled
    return result


def remove_files(paths: list[Path]) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def pdf_name(path: Path) -> Path:
    """The name as typed, with .pdf added unless it already ends so (v1.2 stays v1.2)."""
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def copy_replacing(pairs: list[tuple[Path, Path]]) -> None:
    """Copy each source to its target; no target is replaced unless every copy was made."""
    temps: list[tuple[Path, Path]] = []
    try:
        for _source, target in pairs:
            check_report_target(target)
        for source, target in pairs:
            temp = temp_path_for(target)
            temps.append((temp, target))
            shutil.copyfile(source, temp)
        for temp, target in temps:
            os.replace(temp, target)
    except OSError as error:  # said of the file the user named, not of its temporary
        name_targets(error, dict(temps))
        raise
    finally:
        remove_files([temp for temp, _target in temps])


def cautioned(caution: Caution) -> str:
    """A report caution with what to do about it in the app, as a sentence of its own (the
    command line's lower-case start reads as a fragment in a list: "no addressee …")."""
    text = with_remedy(caution, remedy)
    return text[:1].upper() + text[1:]


def caution_lines(cautions: Sequence[Caution]) -> list[str]:
    """The cautions as the dialog lists them: the report text's empty sections in one line
    (four lines of them pushed the missing-fonts note out of sight)."""
    empty = [c for c in cautions if c.kind is CautionKind.EMPTY_SECTION]
    if len(empty) < 2:
        return [cautioned(caution) for caution in cautions]
    lines = []
    for caution in cautions:
        if caution.kind is not CautionKind.EMPTY_SECTION:
            lines.append(cautioned(caution))
        elif caution is empty[0]:
            lines.append(_("Sections {numbers} of the report text are empty: the report prints "
                           "“{placeholder}” in their place (write them in {menu}).").format(
                numbers=_(", ").join(str(c.section) for c in empty),
                placeholder=Wording(caution.lang)("empty_narrative"),
                menu=menu_path(ASSESSMENT_MENU, NARRATIVE_ACTION)))
    return lines


def remedy(caution: Caution) -> str:
    """Where in the app a caution is dealt with: a menu entry, a tab."""
    if caution.kind is CautionKind.EMPTY_SECTION:
        return _("write it in {menu}, tab {tab}").format(
            menu=menu_path(ASSESSMENT_MENU, NARRATIVE_ACTION), tab=_(SECTIONS[caution.section]))
    mappings = _("select an item, open its {tab} tab and press {accept} for the suggested "
                 "clauses").format(tab=_("Mappings"), accept=_("Accept"))
    return {
        CautionKind.UNMAPPED: mappings,
        CautionKind.UNCONFIRMED: mappings,
        CautionKind.NO_ADDRESSEE: _("set it in {menu}").format(
            menu=menu_path(ASSESSMENT_MENU, DETAILS_ACTION)),
        CautionKind.NOT_ASSESSED: _("choose {status} in the status filter above the item "
                                    "table and set each item's status").format(
            status=_(ItemStatus.NOT_ASSESSED.label)),
        CautionKind.TARGET_VALUES_DIFFER: _("enter the right value again in one of the items: "
                                            "it is entered in the others too"),
        CautionKind.DONE_WITHOUT_VALUE: _("enter the actual value beside the target in each "
                                          "item, or set a status that says the work is not "
                                          "finished"),
        CautionKind.DONE_TARGET_MISSED: _("check the actual value beside the target in each "
                                          "item, or set a status that says the work is not "
                                          "finished"),
    }[caution.kind]


def reports_dir() -> Path:
    folder = paths.data_dir() / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _modified(path: Path) -> float:
    """When a file was last written; 0 when it is gone (another instance pruned it)."""
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


WORKING_COPIES_KEPT = 20  # report runs made in the app, kept in the reports folder
# A Word copy written this long after its run began was saved by the clerk, not by the run
# (which writes it within the minutes a large report takes).
EDITED_AFTER_S = 600
_RUN_STAMP = re.compile(r"report-\d+-(\d{8}-\d{6})")  # report-<assessment>-<time>[-n]


def prune_working_copies(folder: Path, keep: int, spared: Sequence[Path | None] = ()) -> None:
    """Delete all but the files of the ``keep`` newest report runs (PDF and Word copy
    together) in the app's own reports folder: every run left its files there for good.
    ``spared`` (the report shown) stays, and so does a Word copy the clerk edited in place
    (打开 Word 版本 opens it there); a file a viewer holds open is left for next time."""
    runs: dict[Path, list[Path]] = {}
    for path in folder.glob("report-*"):
        if path.suffix in (".pdf", ".docx"):
            runs.setdefault(path.with_suffix(""), []).append(path)
    newest_first = sorted(runs.values(), key=lambda files: max(map(_modified, files)),
                          reverse=True)
    kept = {path for path in spared if path is not None}
    for files in newest_first[keep:]:
        for path in files:
            if path not in kept and not _edited_word_copy(path):
                with contextlib.suppress(OSError):
                    path.unlink()


def _edited_word_copy(path: Path) -> bool:
    """A Word copy saved well after its run began (the time its name gives)."""
    match = _RUN_STAMP.match(path.stem)
    if path.suffix != ".docx" or match is None:
        return False
    began = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S").timestamp()
    return _modified(path) > began + EDITED_AFTER_S


class NotesArea(QScrollArea):
    """A label scrolled past ``lines`` lines, as tall as its text up to them: the area
    once kept its greatest height for two lines, taking it from the preview."""

    def __init__(self, label: QLabel, lines: int, parent: QWidget) -> None:
        super().__init__(parent, objectName="reportNotesArea")
        self.label, self.lines = label, lines
        self.setWidget(label)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def fit(self) -> None:
        most = self.fontMetrics().lineSpacing() * self.lines + 4
        width = self.viewport().width()
        needed = self.label.heightForWidth(width) if width > 0 else -1
        self.setFixedHeight(min(needed, most) if needed > 0 else most)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()  # narrower, the notes wrap onto more lines


class ReportDialog(QDialog):
    def __init__(self, service: WorkspaceService, runner: JobRunner, *, font: str = "",
                 settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportDialog")
        self.service = service
        self._update_title()
        self.runner = runner
        self.font_path = font
        self.settings = settings
        self.job: Job | None = None
        self.reports_folder = reports_dir
        self.pdf_path: Path | None = None
        self.word_path: Path | None = None  # the Word copy of the last run, if asked for
        self.saved_word: Path | None = None  # that copy as Save as last saved it
        self.report_language = ""  # of the last run
        self.notes: tuple[str, ...] = ()
        self._run_options: ReportOptions | None = None  # those of the run going on
        self._built_options: ReportOptions | None = None  # those of the report shown
        self._built_message = ""
        self._outdated = False  # the workspace changed after the report shown was read
        for changed in (service.itemChanged, service.evidenceChanged, service.opened,
                        service.mappingsChanged, service.assessmentChanged):
            changed.connect(self._workspace_changed)
        self.closed = False  # set once, on closing: late results then touch no widget
        self.document = QPdfDocument(self)
        self._build()
        resize_within_screen(self, 1000, 800)

    def _build(self) -> None:
        self.style_choice = QComboBox(self, objectName="reportStyle")
        self.style_choice.addItem(_("Official document (GB/T 9704) with annexes"), "gbt9704")
        self.style_choice.addItem(_("Compact working copy (annexes only)"), "compact")
        self.language = QComboBox(self, objectName="reportLanguage")
        self.language.addItem("中文", "zh")
        self.language.addItem("English", "en")
        # Chinese unless English was picked: the 自查报告 is an official document, printed and
        # stamped in Chinese whatever language the interface speaks
        self._language_picked = False
        self.language.activated.connect(lambda _index: setattr(self, "_language_picked", True))
        self.word_copy = QCheckBox(_("Also write an editable Word copy (.docx)"), self)
        self.dated = plain_label(self, wordWrap=True, objectName="reportDated")
        self._show_dated()
        self._body_wanted: bool | None = None  # 正文 ticked before the compact copy was chosen
        self.part_boxes = self._part_boxes()
        self.style_choice.currentIndexChanged.connect(self._style_changed)
        self.generate_button = QPushButton(_("Generate"), self, objectName="generateReport")
        self.generate_button.setDefault(True)
        self.generate_button.clicked.connect(self.generate)
        self.progress = QProgressBar(self, minimum=0, maximum=1000)
        self.progress.hide()
        self.cancel_button = QPushButton(_("Cancel"), self)
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.message = plain_label(self, wordWrap=True, objectName="reportMessage")
        self.font_notes = plain_label(self, wordWrap=True, objectName="reportNotes")
        self.font_notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.font_notes.hide()
        self.notes_area = self._notes_area()
        self.preview = PdfPreview(self.document, self)
        self.view = self.preview.view
        self.print_button = QPushButton(_("Print…"), self)
        self.print_button.clicked.connect(self.print_report)
        self.save_button = QPushButton(_("Save as…"), self)
        self.save_button.clicked.connect(self.save_as)
        self.word_button = QPushButton(_("Open Word copy"), self, objectName="openWordCopy")
        self.word_button.setToolTip(_("Open the editable copy in the word processor"))
        self.word_button.clicked.connect(self.open_word_copy)
        self.word_button.hide()
        close = QPushButton(_("Close"), self)
        close.clicked.connect(self.reject)
        self._layout(close)
        self._set_ready(False)
        self._restore_choices()
        self._offer_crosswalk()
        self._follow_choices()

    def _follow_choices(self) -> None:
        """Any change of style, language, Word copy or parts makes the report shown stale."""
        self.style_choice.currentIndexChanged.connect(self._choices_changed)
        self.language.currentIndexChanged.connect(self._choices_changed)
        self.word_copy.toggled.connect(self._choices_changed)
        for box in self.part_boxes.values():
            box.toggled.connect(self._choices_changed)

    def options(self) -> ReportOptions:
        """What the next report would be made with."""
        return (self.style_choice.currentData(), self.language.currentData(),
                self.word_copy.isChecked(), tuple(self.selected_parts()))

    @property
    def stale(self) -> bool:
        """Whether the report shown was made with other choices than those now set, or
        before the workspace last changed."""
        return self._built_options is not None and (
            self._outdated or self._built_options != self.options())

    def _workspace_changed(self, *_args: object) -> None:
        """An item, its evidence, a mapping or the narrative changed (the dialog's notes send
        the clerk to fill in what is missing and come back): the report shown is old."""
        if self.closed:
            return
        self._outdated = True
        self._update_title()
        self._show_dated()
        self._choices_changed()

    def _update_title(self) -> None:
        """The report of which assessment, and whether it is closed (printed as judged)."""
        data = self.service.data
        title = _("Self-assessment report")
        if data is not None and data.assessment is not None:
            title = f"{title} — {assessment_name(data.assessment)}"
        self.setWindowTitle(title)

    def _show_dated(self) -> None:
        """成文日期 as the next report will bear it; where it is set, in the tooltip."""
        data = self.service.data
        assessment = data.assessment if data is not None else None
        if assessment is None:
            self.dated.clear()
            return
        day = dates.dated_day(assessment.report_date, assessment.closed_at)
        menu = menu_path(ASSESSMENT_MENU, DETAILS_ACTION)
        why, where = "", _("Set in {menu}.").format(menu=menu)
        if assessment.is_closed:
            why = "" if assessment.report_date else _("the day the assessment was closed")
            where = _("Set before the assessment was closed.") if assessment.report_date else ""
        elif not assessment.report_date:
            why = _("the day the report is made")
            where = _("Another day can be set in {menu}.").format(menu=menu)
        words = date_words(day or dates.today())
        self.dated.setText(_("{date} ({why})").format(date=words, why=why) if why else words)
        self.dated.setToolTip(where)

    def _choices_changed(self) -> None:
        """Print and Save as serve only a report made as the dialog now says and of the
        workspace as it is: a clerk who unticked a part, or wrote the missing section, and
        printed got the report without it."""
        if self.pdf_path is None or self.job is not None:
            return
        self._set_ready(not self.stale)
        self.font_notes.setEnabled(not self.stale)  # greyed: about the report shown, not the next
        if not self.stale:
            self.message.setText(self._built_message)
        elif self._outdated:
            self.message.setText(_("The assessment has changed since this report was made: "
                                   "generate it again to print or save it. The preview "
                                   "shows the report as it was."))
        else:
            self.message.setText(_("The choices have changed: generate the report again to "
                                   "print or save it. The preview shows the report made "
                                   "with the earlier choices."))

    def _layout(self, close: QPushButton) -> None:
        form = QFormLayout()
        form.addRow(_("Style"), self.style_choice)
        language = QHBoxLayout()  # the date beside it: a row more cost the preview its room
        language.addWidget(self.language, 1)
        language.addSpacing(16)
        language.addWidget(QLabel(_("Report date"), self))
        language.addWidget(self.dated, 2)
        form.addRow(_("Language"), language)
        form.addRow("", self.word_copy)
        parts = QHBoxLayout()
        for box in self.part_boxes.values():
            parts.addWidget(box)
        parts.addStretch(1)
        form.addRow(_("Parts to print"), parts)
        run = QHBoxLayout()
        run.addWidget(self.generate_button)
        run.addWidget(self.progress, 1)
        run.addWidget(self.cancel_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview.controls)
        buttons.addStretch(1)
        for button in (self.word_button, self.print_button, self.save_button, close):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(run)
        layout.addWidget(self.message)
        layout.addWidget(self.notes_area)
        layout.addWidget(self.preview, 1)
        layout.addLayout(buttons)

    def _notes_area(self) -> QScrollArea:
        """The cautions and font notes, scrolled past NOTE_LINES lines: at 1366×768 eight
        of them left the preview a strip."""
        self.font_notes.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        area = NotesArea(self.font_notes, NOTE_LINES, self)
        area.hide()
        self.font_notes.hide()  # setWidget showed it
        return area

    def _show_notes(self, shown: bool) -> None:
        self.font_notes.setVisible(shown)
        self.notes_area.setVisible(shown)
        self.notes_area.fit()

    def _part_boxes(self) -> dict[ReportPart, QCheckBox]:
        labels = {
            ReportPart.BODY: _("Report text (正文)"),
            ReportPart.TABLE: _("Self-assessment table"),
            ReportPart.CROSSWALK: _("Three-level crosswalk"),
            ReportPart.EVIDENCE: _("Evidence index"),
            ReportPart.CHANGES: _("Change log"),
        }
        boxes = {}
        for part, label in labels.items():
            box = QCheckBox(label, self, objectName=f"reportPart-{part.value}")
            box.setChecked(True)
            boxes[part] = box
        boxes[ReportPart.TABLE].setToolTip(
            _("The printed annexes are numbered 附件1, 附件2, … in this order."))
        return boxes

    def _restore_choices(self) -> None:
        """The style, language, Word copy and parts chosen last time."""
        if self.settings is None:
            return
        for combo, value in ((self.style_choice, self.settings.report_style),
                             (self.language, self.settings.report_language_choice)):
            index = combo.findData(value) if value else -1
            if index >= 0:
                combo.setCurrentIndex(index)
        self.word_copy.setChecked(self.settings.report_word_copy)
        if self.settings.report_parts:
            for part, box in self.part_boxes.items():
                box.setChecked(part.value in self.settings.report_parts)
            self._body_wanted = None  # as saved, not as the style chosen above left it
        self._style_changed()

    def _remember_choices(self) -> None:
        if self.settings is None:
            return
        self.settings.report_style = self.style_choice.currentData()
        if self._language_picked:  # else a language picked earlier, or none, stays so
            self.settings.report_language_choice = self.language.currentData()
        self.settings.report_word_copy = self.word_copy.isChecked()
        self.settings.report_parts = [  # 正文 as wanted, not as the compact copy has it
            part.value for part, box in self.part_boxes.items()
            if (self._body_wanted if part is ReportPart.BODY and self._body_wanted is not None
                else box.isChecked())]
        with contextlib.suppress(OSError):  # a convenience: the report does not depend on it
            self.settings.save()

    def _offer_crosswalk(self) -> None:
        """The 三级对照表 needs a national reference document."""
        data = self.service.data
        has_national = bool(data and data.assessment and data.assessment.national_doc_id)
        box = self.part_boxes[ReportPart.CROSSWALK]
        box.setEnabled(has_national)
        if not has_national:
            box.setToolTip(_("This assessment has no national reference document, so there "
                             "is no crosswalk to print."))

    def _style_changed(self) -> None:
        """The compact copy has no 正文: its box is off and unticked while that style is
        chosen (ticked and greyed, it said the body would print), and as it was before
        when another style is chosen again."""
        body = self.part_boxes[ReportPart.BODY]
        compact = self.style_choice.currentData() == "compact"
        if compact:
            if self._body_wanted is None:
                self._body_wanted = body.isChecked()
            body.setChecked(False)
        elif self._body_wanted is not None:
            body.setChecked(self._body_wanted)
            self._body_wanted = None
        body.setEnabled(not compact)
        body.setToolTip(_("The compact working copy has the annexes only.") if compact else "")

    def selected_parts(self) -> list[ReportPart]:
        """The parts ticked (and available in the chosen style), in printing order."""
        return [part for part, box in self.part_boxes.items()
                if box.isChecked() and box.isEnabled()]

    def _set_ready(self, ready: bool) -> None:
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    # -- building ---------------------------------------------------------------------------

    def generate(self) -> None:
        if not self.selected_parts():
            self.message.setText(_("Choose at least one part of the report to print."))
            return
        self._remember_choices()
        self._run_options = self.options()
        self._show_notes(False)
        self._begin_run(_("Reading the assessment…"))
        self.service.snapshot(self._build_from, failed=self._failed)

    def _build_from(self, snapshot: AssessmentSnapshot) -> None:
        if self.closed:  # closed while the assessment was read
            return
        self._outdated = False  # changes saved before it are in the snapshot
        target = self._new_report_path(snapshot.assessment.id)
        docx = target.with_suffix(".docx") if self.word_copy.isChecked() else None
        outputs = [target] + ([docx] if docx else [])
        style, lang, font = self.style_choice.currentData(), self.language.currentData(), \
            self.font_path or None
        parts = self.selected_parts()

        def steps(token: CancelToken) -> object:
            return removed_if_cancelled(
                build_report(snapshot, target, style=style, lang=lang, docx_path=docx,
                             font=font, parts=parts), token, outputs)

        job = self.runner.create(steps, done=lambda last: self._built(job, target, docx, last,
                                                                       lang),
                                 failed=lambda error: self._not_built(job, error, outputs),
                                 progress=lambda f, m: self._progress(job, f, m))
        self.job = job
        self.preview.show_hint(working=True)
        self.runner.start(job)

    def _current(self, job: Job) -> bool:
        """Whether this dialog still waits for ``job`` (it may have been closed meanwhile)."""
        return not self.closed and job is self.job

    def _progress(self, job: Job, fraction: float, message: str) -> None:
        if self._current(job):
            self.progress.setValue(int(fraction * 1000))
            self.message.setText(message)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def done(self, result: int) -> None:
        """Closing (Esc, the close button, Close) stops the report being built; the files
        it wrote are removed when it stops."""
        self.closed = True
        self.cancel()
        self.job = None
        super().done(result)

    def _begin_run(self, message: str) -> None:
        """A build or a print: one at a time, with the bar and Cancel."""
        self.generate_button.setEnabled(False)
        self.print_button.setEnabled(False)
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.message.setText(message)

    def _finish_run(self) -> None:
        self.job = None
        self.preview.show_hint()
        self.generate_button.setEnabled(True)
        self.print_button.setEnabled(self.pdf_path is not None and not self.stale)
        self.progress.hide()
        self.cancel_button.hide()

    def _new_report_path(self, assessment_id: int) -> Path:
        """report-<assessment>-<time>.pdf, never one of an earlier run (nor its .docx)."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        folder, number = self.reports_folder(), 1
        prune_working_copies(folder, WORKING_COPIES_KEPT, (self.pdf_path, self.word_path))
        target = folder / f"report-{assessment_id}-{stamp}.pdf"
        while target.exists() or target.with_suffix(".docx").exists():
            number += 1
            target = folder / f"report-{assessment_id}-{stamp}-{number}.pdf"
        return target

    def _built(self, job: Job, target: Path, docx: Path | None, last: object,
               lang: str) -> None:
        if not self._current(job):  # closed after the last step: nobody will see the files
            remove_files([target] + ([docx] if docx else []))
            return
        self._finish_run()
        self.pdf_path, self.word_path, self.saved_word = target, docx, None
        self.report_language = lang
        self.notes = (*caution_lines(last.cautions), *last.notes) \
            if isinstance(last, ReportProgress) else ()
        pages = last.pages if isinstance(last, ReportProgress) else 0
        self.document.load(str(target))
        text = _("Report written: {pages} pages. Print it or save a copy.").format(pages=pages)
        word = self.word_copy_path()
        if word is not None:
            text = join_sentences(text, _("The editable Word copy is {path}.").format(path=word))
        self.message.setText(text)
        self._built_options, self._built_message = self._run_options, text
        self.word_button.setVisible(word is not None)
        self.font_notes.setText(on_screen("\n".join(self.notes)))  # 〈 may be a box here
        self._show_notes(bool(self.notes))
        self._set_ready(True)
        self._choices_changed()  # changed while it was made

    def _not_built(self, job: Job, error: BaseException, outputs: list[Path]) -> None:
        if isinstance(error, Cancelled):  # a cancel after the files were moved into place
            remove_files(outputs)
        if self._current(job):
            self._failed(error)

    def _failed(self, error: BaseException) -> None:
        if self.closed:
            return
        self._finish_run()
        if isinstance(error, Cancelled):
            self.message.setText(_("Cancelled: no report was written."))
        else:
            self.message.setText(_("The report could not be written: {error}").format(
                error=error))

    # -- output -----------------------------------------------------------------------------

    def word_copy_path(self) -> Path | None:
        """The .docx the last run wrote beside its PDF, when the Word copy was asked for."""
        return self.word_path if self.word_path is not None and self.word_path.exists() else None

    def open_word_copy(self) -> None:
        """The Word copy as saved, once it is (the working copy is pruned in time: edits
        made in it would be lost), else the working copy."""
        saved = self.saved_word if self.saved_word is not None and self.saved_word.exists() \
            else None
        word = saved or self.word_copy_path()
        if word is not None and not QDesktopServices.openUrl(QUrl.fromLocalFile(str(word))):
            self.message.setText(_("No program to open {path} was found.").format(path=word))

    def save_as(self) -> None:
        """Ask for a name (kept as typed, .pdf added when it has none), then ask once before
        replacing any file there: the PDF or the Word copy beside it."""
        if self.pdf_path is None:
            return
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save report as"), str(self.save_folder() / self.suggested_name()),
            "PDF (*.pdf)",
            options=QFileDialog.Option.DontConfirmOverwrite)  # asked below, for both files
        if not name:
            return
        target = pdf_name(Path(name))
        if self.may_replace([path for path in self.copies_to(target) if path.exists()]):
            self.save_to(target)
        else:
            self.message.setText(_("Not saved: the files already there were kept."))

    def save_folder(self) -> Path:
        """Where the last report was saved, while it is there; else the home folder (each
        Save as started in the home folder again)."""
        kept = Path(self.settings.report_folder) if self.settings and \
            self.settings.report_folder else None
        return kept if kept is not None and kept.is_dir() else Path.home()

    def suggested_name(self) -> str:
        """``重庆市市场监督管理局2024年度自查报告.pdf``: the name a clerk files it under (the
        working copy's report-1-<time>.pdf says nothing)."""
        from checklist_app.storage.export import sanitize_file_name

        data = self.service.data
        assessment = data.assessment if data is not None else None
        if assessment is None:
            return self.pdf_path.name if self.pdf_path else "report.pdf"
        language = self.report_language or self.language.currentData()
        name = Wording(language)("report_file", office=assessment.office,
                                 period=assessment.period)  # in the report's language
        return sanitize_file_name(re.sub(r"[\\/]", "_", name) + ".pdf")  # 2023/2024: one name

    def copies_to(self, target: Path) -> list[Path]:
        """The files a save as ``target`` writes: the PDF, and the Word copy beside it."""
        word = self.word_copy_path()
        return [target] + ([target.with_suffix(".docx")] if word is not None else [])

    def may_replace(self, existing: list[Path]) -> bool:
        if not existing:
            return True
        names = "\n".join(str(path) for path in existing)
        answer = message_box.question(
            self, _("Replace files?"),
            ngettext("This file already exists:\n{names}\nReplace it?",
                     "These files already exist:\n{names}\nReplace them?",
                     len(existing)).format(names=names),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def save_to(self, target: Path) -> None:
        """Copy the PDF (and the Word copy beside it, same name) and say where they went.

        Both are copied to temporary files first: a failed copy replaces nothing.
        """
        assert self.pdf_path is not None
        word = self.word_copy_path()
        sources = [self.pdf_path] + ([word] if word is not None else [])
        try:
            copy_replacing(list(zip(sources, self.copies_to(target), strict=True)))
        except ReportOptionError as error:  # a workspace under a .pdf name: never replaced
            self.message.setText(str(error))
            return
        except OSError as error:
            if (known := translate(error, target)) is not None:  # e.g. open in a PDF viewer
                self.message.setText(str(known))
            else:
                self.message.setText(_("The report could not be saved to {path}: {reason}")
                                     .format(path=target, reason=os_reason(error)))
            return
        if self.settings is not None:
            self.settings.report_folder = str(target.parent)
        old_word = target.with_suffix(".docx")
        if word is not None:
            self.saved_word = old_word
        self.message.setText(
            _("Saved {pdf} and its Word copy {docx}.").format(pdf=target, docx=old_word)
            if word is not None else join_sentences(
                _("Saved {pdf}.").format(pdf=target),
                _("The Word file beside it, {docx}, is from an earlier report and does not "
                  "match this PDF: generate with the Word copy to replace it.").format(
                    docx=old_word.name) if old_word.exists() else ""))

    def print_report(self) -> None:
        if self.pdf_path is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, max(1, self.document.pageCount()))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Print the report on a background thread, "page n of N" on the bar, with Cancel."""
        assert self.pdf_path is not None
        source = self.pdf_path
        self._begin_run(_("Starting the printer…"))
        job = self.runner.create(lambda token: print_pdf(printer, source, token),
                                 done=lambda pages: self._printed(job, pages),
                                 failed=lambda error: self._not_printed(job, error),
                                 progress=lambda f, m: self._progress(job, f, m))
        self.job = job
        self.runner.start(job)

    def _printed(self, job: Job, pages: int) -> None:
        if self._current(job):
            self._finish_run()
            self.message.setText(ngettext("Sent {n} page to the printer.",
                                          "Sent {n} pages to the printer.", pages).format(n=pages))

    def _not_printed(self, job: Job, error: BaseException) -> None:
        if not self._current(job):
            return
        self._finish_run()
        if isinstance(error, Cancelled):
            self.message.setText(_("Printing cancelled. Pages already sent to the printer may "
                                   "still come out."))
        else:
            self.message.setText(_("Printing failed: {error}").format(error=error))
