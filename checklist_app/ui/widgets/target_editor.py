"""The numeric targets (指标) of an item, each with its own actual value and met / not met."""

from __future__ import annotations

import re
from collections.abc import Mapping

from PySide6.QtCore import QObject, QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QLineEdit, QWidget

from checklist_app.core import ItemState, Node, Target, format_number
from checklist_app.core.amounts import read_amount
from checklist_app.i18n import _, current_language
from checklist_app.report.wording import Wording
from checklist_app.ui.glyphs import document_words
from checklist_app.ui.widgets.labels import plain_label
from checklist_app.ui.widgets.read_only import set_read_only

# Digits with an optional sign, thousands separators, decimal point, 万 or 亿 and a trailing
# %, in half or full width (an input method in full-width mode types "１２．５％"); what they
# make is read by core.amounts, which refuses 3，5 rather than read 35.
NUMBER_PATTERN = (r"^\s*[-+－＋]?(?:[0-9０-９.。．][0-9０-９,，]*[.。．]?[0-9０-９]*\s*"
                  r"[万萬亿億]?\s*(?:[%％]|[\x{4e00}-\x{9fff}]{1,4})?)?\s*$")  # 30项, 120万元
# (PCRE writes a code point \x{4e00}; the unit words come after a figure only: 十二 is no key)
# A count or an amount (项, 万元) is never negative: its field takes no minus sign.
UNSIGNED_PATTERN = NUMBER_PATTERN.replace("[-+－＋]", "[+＋]")
VALUE_WIDTH_EM = 7
TYPING_SAVE_DELAY_MS = 600  # a note, name or value is saved once typing pauses this long
_DECORATED = re.compile(r"[^0-9.+-]")  # separators, %, full-width forms: shown tidied


def parse_number(text: str, unit: str = "") -> float | None:
    """``1,234.5`` / ``52%`` / full-width ``１２`` / ``1.2万`` as a number in ``unit`` (see
    core.amounts); None when blank or not one."""
    try:
        return read_amount(text, unit)
    except ValueError:
        return None


def met_text(met: bool | None) -> tuple[str, str]:
    """The word and colour shown for a target's result."""
    return {None: (_("not measured"), "gray"), True: (_("met"), "#2e7d32"),
            False: (_("not met"), "#c62828")}[met]


class TargetEditor(QGroupBox):
    """One row per target: its wording, an actual-value field, the unit and the result."""

    valueEdited = Signal(int, object)  # target index, float | None
    valueTyped = Signal()  # a key typed in a value field (a run of typing begins or goes on)
    valueFinished = Signal()  # Return or leaving a value field: that run of typing ends
    refused = Signal(str)  # a key the value field did not take, said for the status bar

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Targets"), parent)
        self.setObjectName("targetEditor")
        self.grid = QGridLayout(self)
        self.grid.setColumnStretch(0, 1)
        self.values: list[QLineEdit] = []
        self.results: list[QLabel] = []
        self._known: list[float | None] = []  # the value each row last showed or sent
        self._units: list[str] = []  # each row's target unit (1.2万 项 is 12000)
        self._row_widgets: list[QWidget] = []
        self.field_filter: QObject | None = None  # an event filter for every value field
        # a value is saved once typing pauses too: a crash lost one typed but not confirmed
        self._pause = QTimer(self, singleShot=True, interval=TYPING_SAVE_DELAY_MS)
        self._pause.timeout.connect(lambda: self.flush(tidy=False))

    def show_targets(self, node: Node, state: ItemState,
                     elsewhere: Mapping[int, str] | None = None,
                     previous: tuple[str, tuple[float | None, ...]] | None = None) -> None:
        """Rebuild the rows for ``node``'s targets and fill in ``state``'s actual values;
        ``elsewhere``: where else a target is stated (by index), said under its row;
        ``previous``: the period carried forward from and its actual values, shown in the
        empty fields (they are not carried over)."""
        self._clear()
        for index, target in enumerate(node.targets):
            self._add_row(index, target)
            if previous is not None:
                self._show_previous(index, target, *previous)
            if elsewhere and index in elsewhere:
                self._add_elsewhere(index, elsewhere[index])
        self.setVisible(bool(node.targets))
        self.set_values(node, state)

    def set_values(self, node: Node, state: ItemState) -> None:
        """Refresh values and results (after a save or an undo) without rebuilding."""
        met_count = 0
        for index, target in enumerate(node.targets[:len(self.values)]):
            actual = state.actual(index)
            field = self.values[index]
            if not field.isModified():  # never overwrite what is being typed
                self._known[index] = actual
                if parse_number(field.text(), target.unit) != actual:  # keep "52.0" for 52
                    field.setText("" if actual is None else format_number(actual))
            met = target.is_met(actual)
            met_count += met is True
            text, color = met_text(met)
            self.results[index].setText(text)
            self.results[index].setStyleSheet(f"color: {color}; font-weight: bold;")
        self.setTitle(_("Targets (met {met} of {total})").format(
            met=met_count, total=len(node.targets)))

    def set_editable(self, editable: bool) -> None:
        for field in self.values:
            set_read_only(field, not editable)

    def _add_row(self, index: int, target: Target) -> None:
        wording = plain_label(document_words(target.text), self, wordWrap=True)
        wording.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        field = QLineEdit(self, objectName=f"actualValue{index}")
        field.setPlaceholderText(_("actual"))
        pattern = NUMBER_PATTERN if target.signed else UNSIGNED_PATTERN
        field.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), field))
        field.setFixedWidth(field.fontMetrics().horizontalAdvance("M") * VALUE_WIDTH_EM)
        field.setAccessibleName(_("Actual value for: {target}").format(target=target.text))
        words = Wording("zh" if current_language().startswith("zh") else "en")
        field.setToolTip(_("Target: {value}").format(value=words.target_value(target)))
        field.editingFinished.connect(lambda f=field: self._finished(f))
        field.textEdited.connect(self._typed)
        field.inputRejected.connect(lambda signed=target.signed: self._rejected(signed))
        if self.field_filter is not None:
            field.installEventFilter(self.field_filter)
        wording.setBuddy(field)
        unit = plain_label(target.unit, self)
        result = plain_label(self, objectName=f"targetMet{index}")
        for column, widget in enumerate((wording, field, unit, result)):
            self.grid.addWidget(widget, 2 * index, column)
        self.values.append(field)
        self.results.append(result)
        self._known.append(None)
        self._units.append(target.unit)
        self._row_widgets += [wording, field, unit, result]

    def _show_previous(self, index: int, target: Target, period: str,
                       values: tuple[float | None, ...]) -> None:
        """The value of the period before, as the empty field's grey text and its tip."""
        value = values[index] if index < len(values) else None
        if value is None:
            return
        field, shown = self.values[index], format_number(value)
        field.setPlaceholderText(_("last: {value}").format(value=shown))
        field.setToolTip(field.toolTip() + "\n" + _("{period}: {value} {unit}").format(
            period=period, value=shown, unit=target.unit).rstrip())

    def _rejected(self, signed: bool) -> None:
        """A key the field does not take (十二, a letter) was dropped without a word."""
        self.refused.emit(_("An actual value is a number, such as 12, 3.5, 1.2万 or 80%; a "
                            "negative one, such as -2.5, where the target allows it.")
                          if signed else
                          _("An actual value is a number, such as 12, 3.5, 1.2万 or 80%."))

    def _add_elsewhere(self, index: int, places: str) -> None:
        """Under a target's row: the other items stating it, which get the same value."""
        note = plain_label(_("Also stated in {places}: a value entered here is entered there "
                             "too.").format(places=places), self, wordWrap=True,
                           objectName=f"targetElsewhere{index}")
        note.setStyleSheet("color: gray;")
        self.grid.addWidget(note, 2 * index + 1, 0, 1, 4)
        self._row_widgets.append(note)

    def flush(self, *, tidy: bool = True) -> None:
        """Send what is typed but not yet confirmed (before another item is shown, an undo,
        closing): a value typed without Return is never dropped. ``tidy=False`` (typing
        paused): sent as typed, tidied once confirmed."""
        for field in self.values:
            if field.isModified():
                self._edited(field, tidy=tidy)

    def _typed(self) -> None:
        self.valueTyped.emit()
        self._pause.start()

    def _finished(self, field: QLineEdit) -> None:
        self._edited(field)
        self.valueFinished.emit()

    def _edited(self, field: QLineEdit, *, tidy: bool = True) -> None:
        """Return and then leaving the field both finish an edit: send a value once."""
        if field not in self.values:  # a row of the item shown before, being deleted
            return
        index = self.values.index(field)
        try:
            value = read_amount(field.text(), self._units[index])
        except ValueError as error:  # 3，5 or 1,2: said, not saved as another number
            if tidy:  # confirmed: the value kept is shown again (it stayed, unsaved, after
                self.refused.emit(str(error))  # an Undo and was dropped at the next item)
                known = self._known[index]
                field.setText("" if known is None else format_number(known))
                field.setModified(False)
            return
        field.setModified(False)  # sent (or unchanged): saves landing may refresh it again
        if tidy and value is not None and _DECORATED.search(field.text()):
            field.setText(format_number(value))  # 1,000% beside 项: the number as kept
        if not field.isReadOnly() and value != self._known[index]:
            self._known[index] = value
            self.valueEdited.emit(index, value)

    def _clear(self) -> None:
        for widget in self._row_widgets:
            self.grid.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        self._row_widgets = []
        self.values = []
        self.results = []
        self._known = []
        self._units = []
