"""A strip above the panes: read-only / closed notices and error messages, in plain words.

Messages show inline rather than in modal boxes so that work can go on and nothing blocks
a test run; details of a bug (a traceback) sit behind a button.

Besides the state line (read-only, closed) one message shows at a time, notice or error:
the newest replaces the one before, so strips never pile up. Messages belong to the
workspace state they were said about: opening or reloading a workspace clears them. An
error can be marked as being about an action (attaching files): the next success of that
action clears it, since the refusal it explained is behind the user.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from checklist_app import paths
from checklist_app.core import Assessment, local_date
from checklist_app.i18n import _, date_words, join_sentences
from checklist_app.ui.glyphs import office_and_period
from checklist_app.ui.service import AssessmentData
from checklist_app.ui.widgets.labels import plain_label

_STYLES = {
    "warning": "background:#fff4ce; border:1px solid #e0c060; border-radius:4px;",
    "error": "background:#fde7e9; border:1px solid #d08080; border-radius:4px;",
}


class _Strip(QWidget):
    def __init__(self, kind: str, parent: QWidget | None = None, *, style: str = "") -> None:
        super().__init__(parent)
        self.setObjectName(f"{kind}Strip")
        self.setStyleSheet(f"#{kind}Strip {{{_STYLES[style or kind]}}}")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)  # a plain QWidget's
        # style sheet background is drawn only with this attribute
        self.label = plain_label(self, wordWrap=True)
        self.label.setTextInteractionFlags(self.label.textInteractionFlags())
        self.details = QPushButton(_("Details…"), self)
        self.offer = QPushButton(self, objectName=f"{kind}Offer")  # a way on, when there is one
        self.offer.hide()
        self._offered: Callable[[], None] | None = None
        self.offer.clicked.connect(self._take_offer)
        self.close_button = QPushButton(_("Dismiss"), self)
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.offer)
        layout.addWidget(self.details)
        layout.addWidget(self.close_button)
        self.hide()

    def set_offer(self, text: str, act: Callable[[], None] | None) -> None:
        """A button beside the message that acts on it (None: no button)."""
        self._offered = act
        self.offer.setText(text)
        self.offer.setVisible(act is not None)

    def _take_offer(self) -> None:
        act, self._offered = self._offered, None
        self.hide()
        if act is not None:
            act()


def _later_period(data: AssessmentData | None) -> Assessment | None:
    """The period the closed assessment shown was carried forward into, if any."""
    if data is None or data.assessment is None or not data.assessment.is_closed:
        return None
    return next((a for a in data.assessments if a.carried_from == data.assessment.id), None)


class Banner(QWidget):
    newWorkspaceRequested = Signal()  # the demo's line offers a workspace of one's own
    reopenRequested = Signal()  # the read-only line offers to open the workspace again
    assessmentRequested = Signal(int)  # a carried period's line offers the period after it

    def __init__(self, parent: QWidget | None = None, *, offers: bool = True) -> None:
        """``offers``: the state line's buttons (New workspace…, Open again to edit), which
        only the main window acts on; a dialog's banner states the facts alone."""
        super().__init__(parent)
        self._offers = offers
        self.state = _Strip("warning", self)
        self.state.close_button.hide()
        self.state.details.hide()
        self.own_workspace = QPushButton(_("New workspace…"), self.state,
                                         objectName="ownWorkspace")
        self.own_workspace.clicked.connect(self.newWorkspaceRequested)
        self.state.layout().insertWidget(1, self.own_workspace)
        self.reopen = QPushButton(_("Open again to edit"), self.state, objectName="reopen")
        self.reopen.setToolTip(_("Once the other program has closed the workspace, open it "
                                 "again here with editing allowed."))
        self.reopen.clicked.connect(self.reopenRequested)
        self.state.layout().insertWidget(2, self.reopen)
        self.later_period = QPushButton(self.state, objectName="laterPeriod")
        self.later_period.clicked.connect(
            lambda: self.assessmentRequested.emit(self.later_period.property("assessment")))
        self.state.layout().insertWidget(3, self.later_period)
        self.notice = _Strip("notice", self, style="warning")  # dismissable warnings
        self.notice.details.hide()
        self.error = _Strip("error", self)
        self.error.details.clicked.connect(self._show_details)
        self._details = ""
        self._error_about = ""  # the action the error shown refused ("": none said)
        self._notice_about = ""  # the action the notice shown is about ("": none said)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.state)
        layout.addWidget(self.notice)
        layout.addWidget(self.error)

    def show_workspace_state(self, data: AssessmentData | None) -> None:
        """The lasting facts about the workspace shown: the demo, read-only, closed."""
        demo = data is not None and paths.is_demo_workspace(data.path)
        lines = [self._demo_line()] if demo else []
        lines += [line for line in [self._state_line(data, self._offers)] if line]
        self.state.label.setText("\n".join(lines))
        self.state.setVisible(bool(lines))
        self.own_workspace.setVisible(demo and self._offers)
        self.reopen.setVisible(data is not None and data.read_only and self._offers
                               and not data.write_protected)
        later = _later_period(data)
        if later is not None:  # the way to where the work goes on, not only its menu path
            self.later_period.setText(_("Go to {period}").format(period=later.period or "?"))
            self.later_period.setProperty("assessment", later.id)
        self.later_period.setVisible(later is not None and self._offers and bool(lines))

    @staticmethod
    def _demo_line() -> str:
        return _("Demonstration workspace: sample data to try the program with. To record "
                 "your office's own assessment, start a workspace of your own (Workspace → "
                 "New workspace…).")

    @staticmethod
    def _state_line(data: AssessmentData | None, offers: bool) -> str:
        """``offers``: this banner has the buttons (the main window's; a dialog's has none)."""
        message = ""
        if data is not None and data.write_protected:
            message = _("Read-only: this workspace file or its folder cannot be written to "
                        "(a write-protected drive or share, or a read-only file). You can look "
                        "and print, but not change anything. To work in it, copy it to a "
                        "folder you can write to and open the copy.")
        elif data is not None and data.read_only:
            message = _("Read-only: this workspace is open in another program ({holder}). "
                        "You can look and print, but not change anything. Close it there, then "
                        "choose Open again to edit.").format(holder=data.locked_by or "?")
        elif data is not None and data.assessment is not None and data.assessment.is_closed:
            closed = date_words(local_date(data.assessment.closed_at or ""))
            # carrying it forward again is refused: say where work goes on
            if (later := _later_period(data)) is not None:
                way = (_("Work on {period} with the “Go to {period}” button.") if offers else
                       _("Work on {period} through Assessment → Switch assessment."))
                return join_sentences(_(
                    "{assessment} was closed on {date} and carried forward into {period}: it "
                    "can be viewed and printed.").format(
                    assessment=office_and_period(data.assessment), date=closed,
                    period=later.period),
                    way.format(period=later.period))
            message = _("{assessment} was closed on {date}: it can be viewed and printed. "
                        "Use Assessment → Carry forward into a new period to continue.").format(
                assessment=office_and_period(data.assessment), date=closed)
        return message

    def show_notice(self, message: str, about: str = "") -> None:
        """A warning the user should read but that stopped nothing; stays until dismissed
        or replaced (``about``: the action it is about, see :meth:`forget`)."""
        self._show_message(self.notice, message)
        self._notice_about = about

    def forget(self, action: str) -> None:
        """What a notice said about ``action`` no longer holds (the files it named were
        removed): it goes."""
        if self._notice_about == action:
            self.notice.hide()
            self._notice_about = ""

    def show_error(self, message: str, details: str = "") -> None:
        self._details = details
        self._error_about = ""
        self.error.details.setVisible(bool(details))
        self.error.set_offer("", None)
        self._show_message(self.error, message)

    def offer_on_error(self, text: str, act: Callable[[], None]) -> None:
        """A button on the error shown that acts on it (添加其余 2 个文件)."""
        self.error.set_offer(text, act)

    def mark_error_about(self, action: str) -> None:
        """The error just shown refused ``action`` (see :meth:`action_succeeded`)."""
        self._error_about = action

    def action_succeeded(self, action: str) -> None:
        """``action`` worked this time: an error about it refusing is no longer news."""
        if self._error_about == action:
            self.error.hide()
            self._error_about = ""

    def clear_messages(self) -> None:
        """Hide the notice and the error (they were about the workspace shown before)."""
        self.notice.hide()
        self.error.hide()

    def _show_message(self, strip: _Strip, message: str) -> None:
        for other in (self.notice, self.error):
            if other is not strip:
                other.hide()
        strip.label.setText(message)
        strip.show()

    def _show_details(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Critical, _("Program error"), self.error.label.text(),
                          QMessageBox.StandardButton.Close, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDetailedText(self._details)
        copy = box.addButton(_("Copy details"), QMessageBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QApplication.clipboard().setText(self._details))
        box.open()
