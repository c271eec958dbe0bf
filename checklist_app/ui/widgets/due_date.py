"""Date fields: an item's due date, an assessment's 成文日期. Typed (2025-12-31, 20251231,
2025/12/31, 2025年12月31日) or picked from a calendar; empty for none.

A QDateEdit cannot be empty: its minimum stood for "none", so typing over it gave
"无0251231" and its calendar opened in January 2000. A line edit takes any of the usual
ways to write a date, refuses other text visibly (and keeps it for correcting), and its
calendar opens at the date shown or today, in the language of the interface.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, QLocale, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPalette
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QWidget

from checklist_app.core.dates import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    DateOutOfRange,
    parse_day,
    parse_due_date,
    years_taken,
)
from checklist_app.i18n import _, current_language, join_sentences
from checklist_app.ui.icons import OVERDUE_RED, calendar_icon

ISO = "yyyy-MM-dd"
_ERROR_STYLE = "QLineEdit { background: #fde7e9; border: 1px solid #d08080; }"


class DateEdit(QLineEdit):
    """A line edit for a date, with a calendar button (also Alt+Down or F4).

    ``editingFinished`` comes after the text was shown in the ``yyyy-MM-dd`` form, or
    marked as refused (``refused`` then says why); a date picked in the calendar finishes
    the editing too. Subclasses say which texts are dates (:meth:`parse`) and what is said
    of the others (:meth:`refusal`).
    """

    refused = Signal(str)  # what was wrong with the text, for the status bar

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setClearButtonEnabled(True)  # clearing the date: the ✕, or deleting the text
        self._hint = ""
        self._stored = ""  # the value shown from storage: taken as it is, even if no longer
        # typed so (a date in a year refused now, saved before the years were limited)
        self.setMinimumWidth(self._whole_width())
        self.calendar_action = self.addAction(calendar_icon(),
                                              QLineEdit.ActionPosition.TrailingPosition)
        self.calendar_action.setToolTip(_("Choose from a calendar (Alt+Down)"))
        self.calendar_action.triggered.connect(self.open_calendar)
        self.calendar: QCalendarWidget | None = None
        self.editingFinished.connect(self._finished)  # first: the text is tidied for others
        self.textEdited.connect(lambda _text: self._mark_refused(False))

    def parse(self, text: str) -> str | None:
        """``text`` as ``yyyy-mm-dd`` (None: empty); ValueError when it is no date."""
        return parse_day(text)

    def refusal(self, text: str) -> str:
        """What is said of ``text`` typed, which is no date."""
        raise NotImplementedError

    def not_taken(self, text: str) -> str:
        """What is said of ``text`` typed, a date in a year not taken (years_taken says
        why)."""
        raise NotImplementedError

    def why_refused(self, text: str) -> str:
        """What is said of ``text`` typed and refused: no date, or in a year not taken."""
        if self.out_of_range(text):
            return join_sentences(self.not_taken(text), years_taken())
        return self.refusal(text)

    def out_of_range(self, text: str) -> bool:
        """Whether ``text`` is a date, only in a year before EARLIEST_YEAR or after
        LATEST_YEAR (0001-01-01, a slip of the keyboard)."""
        try:
            self.parse(text)
        except DateOutOfRange:
            return True
        except ValueError:
            return False
        return False

    def tooltip_hint(self) -> str:
        """The tooltip while the text is a date (or empty)."""
        return self._hint

    def calendar_start(self) -> str | None:
        """The date the calendar opens at when none is typed (None: today)."""
        return None

    def _whole_width(self) -> int:
        """Wide enough for a date beside the clear and calendar buttons, and for the
        document's date as the placeholder (the field cut 2025-06-30 to 025-06-30)."""
        metrics, button = self.fontMetrics(), self.fontMetrics().height() + 10
        return metrics.horizontalAdvance("2025-12-31") + 2 * button + 16

    def is_valid(self) -> bool:
        try:
            self.value_held()
        except ValueError:
            return False
        return True

    def value_held(self) -> str | None:
        """The date held (``yyyy-mm-dd``, None: none): the stored one shown, or one typed;
        ValueError for text that is none."""
        if self._stored and self.text().strip() == self._stored:
            return self._stored
        return self.parse(self.text())

    def value(self) -> str | None:
        """The date held (``yyyy-mm-dd``, None: none); text that is no date, as it is."""
        try:
            return self.value_held()
        except ValueError:
            return self.text().strip()

    def show_value(self, value: str | None) -> None:
        """Show a stored date (or none)."""
        self._stored = value or ""
        self.setText(self._stored)
        self._mark_refused(False)

    def show_refused(self, text: str) -> None:
        """Show ``text`` typed earlier (in a window this one replaces) as refused again."""
        self.setText(text)
        self._finished()

    def setReadOnly(self, read_only: bool) -> None:
        """Read-only: no calendar to pick another date from (nor the ✕ Qt hides itself)."""
        super().setReadOnly(read_only)
        self.calendar_action.setVisible(not read_only and self.isEnabled())

    def changeEvent(self, event: QEvent) -> None:
        """Disabled (a closed assessment, no item): no ✕ and no calendar button, which
        were drawn as if they could be pressed."""
        if event.type() == QEvent.Type.EnabledChange:
            enabled = self.isEnabled()
            self.setClearButtonEnabled(enabled)
            self.calendar_action.setVisible(enabled and not self.isReadOnly())
        super().changeEvent(event)

    def _finished(self) -> None:
        if self.is_valid():
            tidy = self.value() or ""
            if tidy != self.text():
                self.setText(tidy)
            self._mark_refused(False)
            return
        self._mark_refused(True)
        self.refused.emit(self.why_refused(self.text().strip()))

    def _mark_refused(self, refused: bool) -> None:
        self.setProperty("refused", refused)
        self.setStyleSheet(_ERROR_STYLE if refused else "")
        hint = self.tooltip_hint()
        if refused and self.out_of_range(self.text()):
            hint = join_sentences(years_taken(), hint)
        elif refused:
            hint = _("Not a date. {hint}").format(hint=hint)
        self.setToolTip(hint)

    # -- the calendar -----------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        down = event.key() == Qt.Key.Key_Down and bool(
            event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if (down or event.key() == Qt.Key.Key_F4) and not self.isReadOnly():
            self.open_calendar()
            return
        super().keyPressEvent(event)

    def open_calendar(self) -> QCalendarWidget:
        """The calendar below the field, at the date typed (today when none)."""
        calendar = self.calendar or self._make_calendar()
        try:
            shown = self.parse(self.text())
        except ValueError:
            shown = None
        shown = shown or self.calendar_start()
        start = QDate.fromString(shown, ISO) if shown else QDate.currentDate()
        calendar.setSelectedDate(start)
        calendar.setCurrentPage(start.year(), start.month())
        calendar.adjustSize()
        place = self.mapToGlobal(self.rect().bottomLeft()) + QPoint(0, 1)  # just below
        screen = self.screen().availableGeometry()
        place.setX(max(screen.left(), min(place.x(), screen.right() + 1 - calendar.width())))
        if place.y() + calendar.height() > screen.bottom() + 1:  # no room below: above
            place.setY(self.mapToGlobal(self.rect().topLeft()).y() - calendar.height())
        calendar.move(place)
        calendar.show()
        calendar.setFocus(Qt.FocusReason.PopupFocusReason)
        return calendar

    def _make_calendar(self) -> QCalendarWidget:
        calendar = QCalendarWidget(self, objectName="dueDateCalendar")
        calendar.setWindowFlags(Qt.WindowType.Popup)
        calendar.setLocale(QLocale(current_language()))  # month and day names as the UI
        calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        calendar.setGridVisible(True)
        calendar.setDateRange(QDate(EARLIEST_YEAR, 1, 1), QDate(LATEST_YEAR, 12, 31))
        calendar.clicked.connect(self._picked)
        calendar.activated.connect(self._picked)
        self.calendar = calendar
        return calendar

    def _picked(self, picked: QDate) -> None:
        assert self.calendar is not None
        self.calendar.hide()
        self.setText(picked.toString(ISO))
        self._mark_refused(False)
        self.setFocus(Qt.FocusReason.PopupFocusReason)
        self.editingFinished.emit()


class DueDateEdit(DateEdit):
    """An item's due date: a month, quarter or year stands for its last day; the document's
    deadline shows while it is empty, and the date turns red while the item is overdue."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dueDate")
        self._document_date: str | None = None
        self._overdue = False
        self.set_document_date(None)

    def parse(self, text: str) -> str | None:
        return parse_due_date(text)

    def not_taken(self, text: str) -> str:
        return _("“{text}” was not taken as the due date.").format(text=text)

    def refusal(self, text: str) -> str:
        return _("“{text}” is not a date, so the due date was not changed. Type it as "
                 "2025-12-31, or pick it from the calendar.").format(text=text)

    def tooltip_hint(self) -> str:
        return join_sentences(
            _("Overdue: the due date has passed and the item is not done.")
            if self._overdue else "", self._hint)

    def calendar_start(self) -> str | None:
        return self._document_date

    def set_document_date(self, deadline: str | None, words: str = "",
                          standing: str = "") -> None:
        """The date the item's document sets (its ``words``), or its words for a deadline
        without one (``standing``: 长期坚持), shown while the field is empty: the office's
        own date, typed here, takes its place."""
        self._document_date = deadline
        shown = deadline or standing
        # grey, as the departments field shows the document's; the tooltip says whose it is
        # (a marker such as （文件） took the width that pairs the field with the status)
        self.setPlaceholderText(shown or _("none"))
        typing = _("Type a date such as 2025-12-31 (or 20251231, 2025/12/31, 2025年12月31日), "
                   "or pick one from the calendar (Alt+Down).")
        if deadline:
            empty = _("Empty: the document's deadline ({words}).").format(words=words)
        elif standing:
            empty = _("Empty: the document sets no date ({words}).").format(words=standing)
        else:
            empty = _("Empty: no due date.")
        self._hint = join_sentences(typing, empty)
        self._mark_refused(bool(self.property("refused")))

    def set_overdue(self, overdue: bool) -> None:
        """Show the date (or the document's, as the placeholder) in red, and say why in the
        tooltip, while the item is past it and not done."""
        if overdue == self._overdue:
            return
        self._overdue = overdue
        palette = QPalette()  # empty: the inherited colours again
        if overdue:
            palette = self.palette()
            for role in (QPalette.ColorRole.Text, QPalette.ColorRole.PlaceholderText):
                for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
                    palette.setColor(group, role, QColor(OVERDUE_RED))
            # not the Disabled group: a closed assessment's date is greyed as its fields are
        self.setPalette(palette)
        self._mark_refused(bool(self.property("refused")))

    @property
    def overdue(self) -> bool:
        return self._overdue


class ReportDateEdit(DateEdit):
    """The 成文日期 of an assessment's report: a whole day (a report is signed on one, so
    2025年 or 2025年6月 is refused, not read as the period's last day); empty for the
    default day (``default_words``: the day the report is made, or the closing day)."""

    def __init__(self, default_words: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportDate")
        self.set_default(default_words)

    def set_default(self, words: str) -> None:
        """Shown while empty, and said in the tooltip."""
        self.setPlaceholderText(words)
        self._hint = join_sentences(
            _("The date the report bears (成文日期): the day it is to be signed. Type it as "
              "2025-12-31 (or 20251231, 2025年12月31日), or pick it from the calendar "
              "(Alt+Down)."), _("Empty: {default}.").format(default=words))
        self._mark_refused(bool(self.property("refused")))

    def not_taken(self, text: str) -> str:
        return _("“{text}” was not taken as the report date.").format(text=text)

    def refusal(self, text: str) -> str:
        return _("“{text}” is not a date: type the report date as 2025-12-31, or pick it from "
                 "the calendar.").format(text=text)
