"""The four narrative sections of the 自查报告, with the computed facts for each beside it.

开展情况 (what was done), 主要成效 (results), 存在问题 (problems), 下一步打算 (next steps): staff
write these; the facts (completed items, targets met, gaps, overdue items) come from the same
computation the report uses, so the text can quote figures the report will print. They quote
the documents in simplified script, as the report does, so that text copied from them reads
as the report around it.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, QTime, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from checklist_app.core import Assessment, ItemStatus, format_number
from checklist_app.i18n import N_, _
from checklist_app.importer import DocumentError
from checklist_app.importer.reading import Unreadable, read_source_text
from checklist_app.report.content import ItemRow, ReportFacts, TargetRow, compute_facts
from checklist_app.report.script import as_printed
from checklist_app.ui import message_box
from checklist_app.ui.dialogs.unsaved import UnsavedChangesDialog, may_discard
from checklist_app.ui.glyphs import document_words
from checklist_app.ui.models.item_table_model import clause_caption
from checklist_app.ui.screen_fit import resize_within_screen
from checklist_app.ui.service import WorkspaceService, refusal_words
from checklist_app.ui.widgets.banner import Banner
from checklist_app.ui.widgets.read_only import set_read_only

SECTIONS = {
    1: N_("Work carried out"),  # 开展情况
    2: N_("Main results"),  # 主要成效
    3: N_("Problems"),  # 存在问题
    4: N_("Next steps"),  # 下一步打算
}
# What each section holds, shown in its empty editor (all four opened blank, unexplained).
PROMPTS = {
    1: N_("How the office organised the work: who leads it, how it was planned and divided, "
          "the main measures taken."),
    2: N_("What was achieved: tasks completed, targets reached, practices worth naming."),
    3: N_("What falls short: tasks not started or overdue, targets not reached, upper "
          "clauses not taken up, and why."),
    4: N_("What the office will do next about the problems, and by when."),
}


GAPS_LISTED = 10


def _items(rows: list[ItemRow], limit: int = 12) -> str:
    # as the report writes them, 二、（一）2.: these facts are drawn on in its text
    lines = [f"<li>{escape(document_words(f'{r.path_label} {r.item.title}'))}</li>"
             for r in rows[:limit]]
    more = _("… and {n} more").format(n=len(rows) - limit) if len(rows) > limit else ""
    return f"<ul>{''.join(lines)}</ul>{escape(more)}"


def _targets(rows: list[TargetRow], limit: int = 8) -> str:
    lines = [
        f"<li>{escape(document_words(f'{r.item.title}：{r.target.text}'))}"
        f"（{escape(_('actual'))} {format_number(r.actual)}{escape(r.target.unit)}）</li>"
        for r in rows[:limit] if r.actual is not None
    ]
    more = _("… and {n} more").format(n=len(rows) - limit) if len(rows) > limit else ""
    return f"<ul>{''.join(lines)}</ul>{escape(more)}"


def facts_html(facts: ReportFacts, section: int) -> str:
    """The figures that section ``section`` can draw on, as simple HTML."""
    complete = [r for r in facts.items if r.state.status.counts_as_complete]
    parts = [_("<h4>This assessment's figures, to draw on</h4>"),
             _("<p><b>{done}</b> of <b>{total}</b> items complete, {ongoing} included "
               "({not_applicable} not counted).</p>").format(
        done=facts.complete, total=facts.applicable, ongoing=_(ItemStatus.ONGOING.label),
        not_applicable=_(ItemStatus.NOT_APPLICABLE.label))]
    if section == 1:
        counts = "".join(
            "<li>" + escape(_("{status}: {n}").format(status=_(status.label), n=n)) + "</li>"
            for status, n in facts.status_counts.items() if n)
        parts.append(f"<ul>{counts}</ul>")
        parts.append(_("<p>{n} evidence files attached.</p>").format(n=len(facts.evidence)))
    elif section == 2:
        parts.append(_("<p>Targets met: {met} of {total}.</p>").format(
            met=facts.targets_met, total=len(facts.applicable_targets))
            + _targets([t for t in facts.counted_targets if t.met]))
        if facts.national_covered is not None:
            total = len(facts.national_rows)
            parts.append(_("<p>National clauses carried out by local items: {covered} of "
                           "{total}.</p>").format(covered=facts.national_covered, total=total))
        parts.append(_("<p>Completed items:</p>") + _items(complete))
    elif section == 3:
        parts.append(_("<p>Not started: {n}</p>").format(n=len(facts.not_started))
                     + _items(facts.not_started, 8))
        parts.append(_("<p>Overdue: {n}</p>").format(n=len(facts.overdue))
                     + _items(facts.overdue, 8))
        missed = [t for t in facts.counted_targets if t.met is False]
        parts.append(_("<p>Targets not met: {n}</p>").format(n=len(missed)) + _targets(missed))
        national = facts.snapshot.national
        # as the report writes clauses, 三、（十）: these facts are drawn on in its text
        gaps = "".join(f"<li>{escape(document_words(clause_caption(national, n.id)))}</li>"
                       for n in facts.gaps[:GAPS_LISTED])
        more = len(facts.gaps) - GAPS_LISTED
        parts.append(_("<p>Higher-level clauses no item carries out (gaps): {n}</p>").format(
            n=len(facts.gaps)) + f"<ul>{gaps}</ul>"
            + (escape(_("… and {n} more").format(n=more)) if more > 0 else ""))
    else:
        pending = [r for r in facts.items if not r.state.status.counts_as_complete
                   and not r.state.status.needs_justification]
        parts.append(_("<p>Items still to finish: {n}</p>").format(n=len(pending))
                     + _items(pending))
    return "".join(parts)


FACTS_DELAY_MS = 300  # a burst of changes (ten statuses set at once) recomputes once


class NarrativeEditor(UnsavedChangesDialog):
    """The four sections of the report text, each beside the facts it can draw on; Save
    (Ctrl+S) or Cancel. Not modal: the facts follow changes made in the main window."""

    def __init__(self, service: WorkspaceService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("narrativeEditor")
        self.service = service
        self.editors: dict[int, QPlainTextEdit] = {}
        self.facts_views: dict[int, QTextBrowser] = {}
        data = service.data
        assert data is not None and data.assessment is not None
        self.assessment = data.assessment  # the text is this one's, whatever is shown later
        self.setWindowTitle(_("Report narrative: {office} {period}").format(
            office=self.assessment.office, period=self.assessment.period))
        facts = compute_facts(as_printed(data.snapshot()))
        self.tabs = QTabWidget(self)
        for section, title in SECTIONS.items():
            self.tabs.addTab(self._section(section, facts, data.assessment.narrative),
                             _(title))
        editable = data.editable
        self.saving = False  # a save sent, its result not back yet
        self.save_refused = False  # the last save was refused (the reason is shown)
        self._close_when_saved = False
        self._saved_words = ""  # said once saved (saved before another assessment showed)
        # the workspace the text belongs to: saving it into another one opened since is refused
        self._guard = service.guard()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
            if editable else QDialogButtonBox.StandardButton.Close, self)
        self.buttons = buttons
        if editable:
            save = buttons.button(QDialogButtonBox.StandardButton.Save)
            save.setText(_("&Save"))  # Qt's own 保存 has no access key: Alt+S did nothing
            save.setToolTip(_("Save and close. Ctrl+S saves and keeps the editor open."))
        self.saved_label = QLabel(self, objectName="narrativeSaved")
        self.import_button = QPushButton(_("Insert from file…"), self)
        self.import_button.setToolTip(_("Insert the text of a Word (.docx) or text file at the "
                                        "cursor"))
        self.import_button.clicked.connect(self._choose_file)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.import_button.setEnabled(editable)
        for editor in self.editors.values():
            set_read_only(editor, not editable)
        self.banner = Banner(self, offers=False)  # why the text cannot be changed
        self.banner.show_workspace_state(data)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs)
        bottom = QHBoxLayout()
        bottom.addWidget(self.saved_label, 1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        resize_within_screen(self, 1000, 620)
        service.aboutToLoad.connect(self._leaving)
        if editable:
            QShortcut(QKeySequence.StandardKey.Save, self, self.save_and_stay)
        self._refresh_timer = QTimer(self, singleShot=True, interval=FACTS_DELAY_MS)
        self._refresh_timer.timeout.connect(self.refresh_facts)
        for changed in (service.itemChanged, service.evidenceChanged, service.mappingsChanged):
            changed.connect(self._facts_changed)
        # the cursor in the shown section's text: it opened on the tab bar, where typing
        # did nothing
        list(self.editors.values())[self.tabs.currentIndex()].setFocus()

    def _section(self, section: int, facts: ReportFacts, narrative: dict[int, str]) -> QWidget:
        editor = QPlainTextEdit(narrative.get(section, ""), self)
        editor.setObjectName(f"narrative{section}")
        editor.setPlaceholderText(_("{prompt} The figures on the right are this assessment's, "
                                    "to draw on.").format(prompt=_(PROMPTS[section])))
        editor.setTabChangesFocus(True)  # Tab moves on (a tab printed as a gap anyway)
        self.editors[section] = editor
        facts_view = QTextBrowser(self)
        facts_view.setHtml(facts_html(facts, section))
        self.facts_views[section] = facts_view
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(editor)
        splitter.addWidget(facts_view)
        splitter.setSizes([600, 360])
        return splitter

    def _facts_changed(self, *_changed: object) -> None:
        """(Not QTimer.start itself: itemChanged's node id is no interval.)"""
        self._refresh_timer.start()

    def refresh_facts(self) -> None:
        """The facts anew after items, evidence or mappings changed in the main window
        (this window does not block it): figures copied from stale facts contradicted the
        report's tables."""
        data = self.service.data
        if self.closed or data is None or data.assessment is None \
                or data.assessment.id != self.assessment.id:
            return
        facts = compute_facts(as_printed(data.snapshot()))
        for section, view in self.facts_views.items():
            position = view.verticalScrollBar().value()
            view.setHtml(facts_html(facts, section))
            view.verticalScrollBar().setValue(position)

    def current_editor(self) -> QPlainTextEdit:
        return self.editors[self.tabs.currentIndex() + 1]

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Insert text from a file"), "",
            _("Word or text files (*.docx *.txt);;All files (*)"))
        if path:
            self.insert_file(Path(path))

    def insert_file(self, path: Path) -> bool:
        """Insert the file's text at the cursor of the current section as paragraphs of
        its own (one undo step): inserted mid-line it ran into the sentence there."""
        try:
            text = read_source_text(path).strip()
        except DocumentError as error:
            message_box.warning(self, _("Cannot insert the file"), insert_problem(path, error))
            return False
        cursor = self.current_editor().textCursor()
        cursor.beginEditBlock()
        if cursor.hasSelection():
            cursor.removeSelectedText()
        before = "" if cursor.atBlockStart() else "\n"
        after = "" if cursor.atBlockEnd() else "\n"
        cursor.insertText(f"{before}{text}{after}")
        cursor.endEditBlock()
        self.current_editor().setTextCursor(cursor)
        return True

    def changed_sections(self) -> dict[int, str]:
        """The sections whose text differs from what was saved when the editor opened."""
        saved = self.assessment.narrative
        return {section: editor.toPlainText().strip()
                for section, editor in self.editors.items()
                if editor.toPlainText().strip() != saved.get(section, "")}

    def save(self) -> None:
        """Save into the assessment the editor was opened for (another may be shown by now),
        and close once the workspace took the text: refused (busy, read-only…), the editor
        stays open with it and says why."""
        self._save(close=True)

    def save_and_stay(self) -> None:
        """Ctrl+S: save and go on writing."""
        self._save(close=False)

    def _save(self, close: bool, saved_words: str = "") -> None:
        self._close_when_saved = self._close_when_saved or close
        if saved_words:
            self._saved_words = saved_words
        if self.saving:  # asked again meanwhile: its result saves what was typed since
            return
        changed = self.changed_sections()
        if not changed:
            if self._close_when_saved:
                self.accept()
            return
        self._set_saving(True)
        self.save_refused = False
        self.service.save_narrative(changed, assessment_id=self.assessment.id,
                                    guard=self._guard, done=self._saved, failed=self._refused)

    def _set_saving(self, saving: bool) -> None:
        self.saving = saving
        self.buttons.setEnabled(not saving)
        if saving:
            self.saved_label.setText(_("Saving…"))

    def _saved(self, saved: Assessment) -> None:
        self._set_saving(False)
        self.assessment = saved  # what the editor's text is compared with from now on
        if self._saved_words:
            self.service.noticed.emit(self._saved_words)
            self._saved_words = ""
        if self.closed:
            return
        self.saved_label.setText(_("Saved at {time}.").format(
            time=QTime.currentTime().toString("HH:mm")))
        self.banner.error.hide()
        if self.changed_sections():  # typed while it was being saved: saved too
            self._save(close=False)
        elif self._close_when_saved:
            self.accept()

    def _refused(self, error: BaseException) -> None:
        """The text stays, to be saved again (or copied); the reason above it."""
        self._set_saving(False)
        self.save_refused = True
        self._close_when_saved = False
        self._saved_words = ""
        if self.closed:
            return
        self.saved_label.setText(_("Not saved."))
        reason = refusal_words(error)
        self.banner.show_error(_("The report text was not saved. {reason} The text is kept "
                                 "here: save again once that is put right.").format(
            reason=reason))

    def _editable(self) -> bool:
        data = self.service.data
        return bool(data and data.editable and not self.editors[1].isReadOnly())

    def _leaving(self) -> None:
        """Another assessment or workspace is about to be shown, or this assessment closed
        (a switch, a carry-forward): typed text is saved into its own assessment first
        (queued before whatever comes next), and the editor closes, saying so."""
        if self.closed:
            return
        changed = self._editable() and bool(self.changed_sections())
        if changed or self.saving:  # saved first (or being saved): closes once it is
            self._save(close=True, saved_words=_(
                "The report narrative of {office} {period} was saved first.").format(
                office=self.assessment.office, period=self.assessment.period))
        else:
            super().reject()

    def reject(self) -> None:
        """Cancel, Esc or the close button (QDialog routes it here): ask before losing text.
        Ignored while a save is on its way (its result closes the editor, or says why not)."""
        if self.saving:
            return
        if self.changed_sections() and self._editable() and not may_discard(
                self, _("Unsaved text"), _("Save the changes to the report narrative?"),
                self.save):
            return
        super().reject()


def insert_problem(path: Path, error: DocumentError) -> str:
    """Why a file's text cannot be inserted, in words for the narrative (the importer's
    speak of policy documents)."""
    wording = {
        Unreadable.FOLDER: _("{path}: this is a folder. Choose a .txt or .docx file."),
        Unreadable.TOO_LARGE: _("{path}: the file is too large to insert as text. Check "
                                "that this is the right file."),
        Unreadable.EMPTY: _("{path}: the file is empty. Choose a file with the text to "
                            "insert."),
        Unreadable.BINARY: _("{path}: not a text file (binary content). Choose a .txt or "
                             ".docx file."),
        Unreadable.NOT_DOCX: _("{path}: not a Word .docx document or the file is damaged. "
                               "Open it in Word or WPS, save it as .docx and insert it "
                               "again."),
    }.get(error.kind)
    return wording.format(path=path) if wording else str(error)
