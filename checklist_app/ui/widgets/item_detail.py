"""The selected item in full: its text, sub-items, status, note and the facts recorded for it.

Every edit becomes an :class:`~checklist_app.ui.undo.ItemChangeCommand`; the note is saved
while typing (after a short pause) and a run of typing undoes as one step: a longer pause,
leaving the note or showing another item starts the next step. When the service
reports the item changed (a save, an undo), the fields are refreshed without saving again, and
never over what is being typed: a field holding something else than it was last given (or
sent) is left alone.

Typed text whose save the workspace refuses (another program holding its write lock, a full
disk) is kept: the field goes on showing it as not yet saved, a line says so, and it is sent
again every few seconds, and on leaving the field or the item, until it is stored.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QStyle,
    QTextBrowser,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from checklist_app.core import STATUS_CYCLE, Document, ItemState, ItemStatus, Node
from checklist_app.core.dates import document_deadline, is_overdue
from checklist_app.core.repeats import TargetPlace, filled_alike, target_repeats
from checklist_app.core.titles import PLACE_TITLE_CHARS, shortened
from checklist_app.i18n import _, ngettext
from checklist_app.storage.assessments import TEXT_MAX_CHARS
from checklist_app.storage.evidence_index import path_label
from checklist_app.ui.glyphs import document_words, on_screen
from checklist_app.ui.icons import status_icon
from checklist_app.ui.lazy import to_simplified, to_traditional
from checklist_app.ui.service import AssessmentData, WorkspaceService
from checklist_app.ui.undo import (
    AssessmentUndo,
    Caption,
    Typing,
    UndoKeysToStack,
    change_of,
    status_of,
)
from checklist_app.ui.widgets.due_date import DueDateEdit
from checklist_app.ui.widgets.evidence_list import FileDropMixin
from checklist_app.ui.widgets.field_grid import FieldGrid
from checklist_app.ui.widgets.growing_text import GrowingTextEdit
from checklist_app.ui.widgets.labels import plain_label, plain_tooltip, tip_excerpt
from checklist_app.ui.widgets.read_only import set_read_only
from checklist_app.ui.widgets.search_highlight import mark_matches
from checklist_app.ui.widgets.target_editor import TYPING_SAVE_DELAY_MS, TargetEditor
from checklist_app.ui.widgets.wheel_guard import guard_wheel

LINE_FIELDS = ("justification", "responsible_department", "responsible_person")  # one-line
RETRY_MS = 8000  # typed text the workspace refused is sent again this often
LONGEST_UNSAVED_TYPING_S = 3.0  # steady typing is saved this often, pause or not
NAME_WIDTH_EM = 6  # department and person fields: room for a short name at least
# the note loses the focus for a moment, the typing goes on: the same undo step
STAYING = (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason)


@dataclass(frozen=True, slots=True)
class TypedField:
    """A field typed into: what it holds (as it would be stored) and how to show a value."""

    read: Callable[[], Any]
    show: Callable[[Any], None]
    caption: Caption
    valid: Callable[[], bool] = lambda: True  # False: the field refused the text (visibly)


def _actual_value_caption(index: int) -> Caption:
    """The name of entering the actual value of the item's target ``index``."""
    return lambda: _("Actual value of target {n}").format(n=index + 1)


def changed_end(before: str, after: str) -> int:
    """Where in ``after`` a change to ``before`` ends: the cursor after an undo or redo."""
    prefix = _shared_start(before, after)
    room = min(len(before), len(after)) - prefix  # the suffix never overlaps the prefix
    suffix = _shared_start(before[::-1], after[::-1])
    return len(after) - min(suffix, room)


def _shared_start(first: str, second: str) -> int:
    """How many characters the two texts begin with alike."""
    pairs = zip(first, second, strict=False)  # up to the shorter one
    return next((i for i, (a, b) in enumerate(pairs) if a != b),
                min(len(first), len(second)))


class ItemDetail(FileDropMixin, QWidget):
    filesDropped = Signal(list)  # files dropped anywhere on the item
    # a status chosen while other items are selected with this one: for all of them (the
    # window sets it, as its menu does; the box changed the item shown alone, unsaid)
    statusChosenForSelection = Signal(object)

    def __init__(self, service: WorkspaceService, undo: AssessmentUndo,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("itemDetail")
        self.setAcceptDrops(True)
        self.service = service
        self.undo = undo
        self.node: Node | None = None
        self._targets_for: Node | None = None  # the node whose target rows are built
        self._repeats_of: Document | None = None  # the checklist _repeats_found is for
        self._repeats_found: dict[TargetPlace, tuple[TargetPlace, ...]] = {}
        self._actions_for: Node | None = None  # the node whose sub-item rows are built
        self._shown: dict[str, Any] = {}  # typed field → the value it was last given or sent
        # The data the fields were filled from: edits go into it and no other. A workspace or
        # assessment loaded since (another period, a restore) gets nothing typed for this one.
        self._filled_from: AssessmentData | None = None
        self._loading = False
        self.clock: Callable[[], float] = time.monotonic  # when keys are typed
        self._visit = 0  # leaving a field or the item ends a visit
        # the first and last keystrokes not sent yet, by field (note, department, person…)
        self._typing_began: dict[str, float] = {}
        self._typing_last: dict[str, float] = {}
        # typed text the workspace refused: item id → field → text, until it is stored
        self._unsaved: dict[str, dict[str, Any]] = {}
        self._typed_sent: dict[str, dict[str, Any]] = {}  # item id → field → text last sent
        self._handed_over = False  # see take_over
        self._build()
        self._note_timer = QTimer(self, singleShot=True, interval=TYPING_SAVE_DELAY_MS)
        self._note_timer.timeout.connect(self.save_note)
        # the one-line fields are saved as they are typed too: a crash lost a name typed in
        # 责任人 while the cursor was still in it
        self._line_timer = QTimer(self, singleShot=True, interval=TYPING_SAVE_DELAY_MS)
        self._line_timer.timeout.connect(self._save_typed_lines)
        self._retry_timer = QTimer(self, singleShot=True, interval=RETRY_MS)
        self._retry_timer.timeout.connect(self.retry_unsaved)
        self._connect()
        service.itemChanged.connect(self._item_changed)
        undo.stepApplied.connect(self._step_applied)
        service.itemSaveFailed.connect(self._save_failed)

    # -- construction -----------------------------------------------------------------------

    def _build(self) -> None:
        self.heading = plain_label(self, wordWrap=True, objectName="itemHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.heading.setFont(font)
        self.review = plain_label(self, wordWrap=True)
        self.review.setStyleSheet("background:#fff4ce; padding:4px;")
        self.unsaved_hint = plain_label(
            _("What you typed is not saved yet: the workspace cannot be written to now "
              "(another program may be using it). It is kept here and saved again "
              "automatically."), self, wordWrap=True, objectName="unsavedHint")
        self.unsaved_hint.setStyleSheet("background:#fde7e9; padding:4px;")
        self.unsaved_hint.hide()
        # several items selected in the table: the status chosen goes to all of them
        self.selection_hint = plain_label(self, wordWrap=True, objectName="selectionHint")
        self.selection_hint.setStyleSheet("background:#e8f0fb; padding:4px;")
        self.selection_hint.hide()
        self.script = QComboBox(self, objectName="scriptSwitch")
        self.script.addItem(_("Original script"), "original")
        self.script.addItem(_("Simplified"), "simplified")
        self.script.addItem(_("Traditional"), "traditional")
        self.text = QTextBrowser(self, objectName="itemText")
        self.search_needle: Callable[[], str] = str  # the table's search, marked in the text
        self.selected_items: Callable[[], list[str]] = list  # the items selected in the table
        self._marked: str | None = None  # the search last marked in the text shown
        self.text.setMinimumHeight(80)
        self.text.setMaximumHeight(130)
        self.departments = plain_label(self, wordWrap=True)
        self.actions_box = QGroupBox(_("Sub-items"), self)
        self.actions_layout = QVBoxLayout(self.actions_box)
        self.action_checks: list[QCheckBox] = []
        self.action_rows: list[QWidget] = []
        self.status = QComboBox(self, objectName="statusSelector")
        for status in STATUS_CYCLE:
            self.status.addItem(status_icon(status), _(status.label), status)
        self.justification = QLineEdit(self, objectName="justification")
        self.justification.setPlaceholderText(_("Why it does not apply (required)"))
        self.justification.textChanged.connect(self._show_reason_whole)
        self.note = GrowingTextEdit(self, objectName="noteEditor", max_chars=TEXT_MAX_CHARS)
        self.note.setPlaceholderText(_("Notes: what was done, where the proof is…"))
        self.note.setTabChangesFocus(True)  # Tab moves on: a keyboard user is not caught here
        self.department = QLineEdit(self, objectName="responsibleDepartment")
        self.person = QLineEdit(self, objectName="responsiblePerson")
        for field in (self.department, self.person):
            field.setMinimumWidth(field.fontMetrics().horizontalAdvance("M") * NAME_WIDTH_EM)
        self.due = DueDateEdit(self)
        self.targets = TargetEditor(self)
        guard_wheel(self.script, self.status)  # the pane scrolls under the wheel
        self._undo_keys = UndoKeysToStack(self)
        for field in (self.justification, self.department, self.person, self.due, self.note):
            field.installEventFilter(self._undo_keys)
        self.targets.field_filter = self._undo_keys
        self._layout()

    def _layout(self) -> None:
        """Status and due date side by side while the pane is wide enough; the responsible
        departments, often several (市国防科工办、市科技局、…), on a whole row."""
        form = self.form = FieldGrid(self)
        form.add_row(_("Status"), self.status, _("Due date"), self.due)
        form.add_row(_("Justification"), self.justification)
        form.add_row(_("Departments"), self.department)  # often several: a row of its own
        form.add_row(_("Person"), self.person)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.script, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.review)
        layout.addWidget(self.text)
        layout.addWidget(self.departments)
        layout.addWidget(self.selection_hint)  # above the status it is about
        layout.addLayout(form)
        layout.addWidget(self.unsaved_hint)  # between the fields and the note it may be about
        # the note before the targets: below a goal's ten targets it was out of sight
        layout.addWidget(QLabel(_("Note")))
        layout.addWidget(self.note)
        layout.addWidget(self.targets)  # hidden for items without numeric targets
        layout.addWidget(self.actions_box)
        layout.addStretch(1)  # spare height goes below everything, not between the fields
        self._chain_tabs()

    def _chain_tabs(self) -> None:
        """Tab goes through the fields as they are laid out, not as created: the target
        values and the sub-items, made anew for each item, were reached only after the
        evidence tab and the tree's filter. 状态 comes first (from the items table, Tab
        went through the script switch and the clause text before it); the script switch
        and the clause text (to scroll, read aloud or copy by keyboard) last."""
        order = (self.status, self.due, self.justification, self.department, self.person,
                 self.note, *self.targets.values, *self.action_checks, self.script, self.text)
        for before, after in pairwise(order):
            QWidget.setTabOrder(before, after)

    def _show_reason_whole(self, reason: str) -> None:
        """The reason the report prints, in the field's tooltip: the field shows a line."""
        self.justification.setToolTip(plain_tooltip(tip_excerpt(reason)) or "")

    def show_selected_count(self, count: int) -> None:
        """With several items selected in the table, a line above the status says that a
        status chosen here goes to all of them (the pane showed one item, and nothing said
        so); none while the status cannot be changed (a closed assessment)."""
        several = count > 1 and self.status.isEnabled()
        self.selection_hint.setText(ngettext(
            "{n} item selected: a status chosen here is set for all of them.",
            "{n} items selected: a status chosen here is set for all of them.",
            count).format(n=count) if several else "")
        self.selection_hint.setVisible(several)

    def fit_width(self, width: int) -> None:
        """Pair the fields when ``width`` (the pane's) holds them side by side, else stack.

        Pairing needs a scroll bar's width more than it takes to stay paired: the height a
        stacked form adds can bring the vertical bar, which must not flip it back.
        """
        margins = self.layout().contentsMargins()
        needed = self.form.paired_width() + margins.left() + margins.right()
        slack = 0 if self.form.paired else self.style().pixelMetric(
            QStyle.PixelMetric.PM_ScrollBarExtent)
        self.form.set_paired(width >= needed + slack)

    def _connect(self) -> None:
        self.script.currentIndexChanged.connect(self._show_text)
        self.status.activated.connect(self._status_chosen)
        self.note.textChanged.connect(self._note_edited)
        self.note.installEventFilter(self)  # leaving the note ends its run of typing
        for name, line in zip(LINE_FIELDS, (self.justification, self.department, self.person),
                              strict=True):
            line.textEdited.connect(lambda _text, name=name: self._line_edited(name))
            line.editingFinished.connect(lambda name=name: self._line_finished(name))
        self.due.editingFinished.connect(lambda: self._send("due_date"))  # a whole date only
        self.targets.valueEdited.connect(self._actual_edited)
        self.targets.valueTyped.connect(lambda: self._typed("actual_values"))
        self.targets.valueFinished.connect(self._value_finished)

    def _typed_fields(self) -> dict[str, TypedField]:
        """The fields typed into, by the item state field each one edits."""
        def line(field: QLineEdit, caption: Caption) -> TypedField:
            return TypedField(lambda: field.text().strip(), field.setText, caption)

        return {
            "justification": line(self.justification, lambda: _("Justification")),
            "note": TypedField(self.note.toPlainText, self._show_note, lambda: _("Note")),
            "responsible_department": line(self.department, lambda: _("Departments")),
            "responsible_person": line(self.person, lambda: _("Person")),
            "due_date": TypedField(self.due.value, self.due.show_value, lambda: _("Due date"),
                                   self.due.is_valid),
        }

    # -- showing ----------------------------------------------------------------------------

    def show_item(self, node: Node | None) -> None:
        self.flush_edits()
        self._visit += 1  # typing for another item never merges with this one's
        self._line_timer.stop()  # what was typed is sent: no pause-save for the next item
        self._typing_began, self._typing_last = {}, {}
        self.node = node
        self._shown = {}  # every field shows the new item's values
        self.refresh()

    def flush_edits(self) -> None:
        """Save every field being typed in (note, values, department, date…): called before
        another item is shown, before an undo or redo, and before closing or reporting."""
        if self._handed_over:
            return  # a rebuilt window's pane carries on; nothing more is sent from here
        self.targets.flush()
        self.save_note()
        for name, field in self._typed_fields().items():
            if self._being_typed(name, field):
                self._send(name)

    def _being_typed(self, name: str, field: TypedField) -> bool:
        """The field holds what the user typed and has not sent yet."""
        return name in self._shown and field.read() != self._shown[name]

    def refresh(self) -> None:
        data = self.service.data
        node = self.node
        if data is None or node is None:
            return
        if data is not self._filled_from:
            self._forget_edits(data)
        self._loading = True
        try:
            state = data.state(node.id)
            self.heading.setText(on_screen(f"{self._number()} {document_words(node.title)}"))
            self.review.setVisible(state.needs_review)
            self.review.setText(_("The document was revised and this item's text changed: "
                                  "check the item and set its status again."))
            self._show_text()
            self.departments.setText(_("Responsible (document): {names}").format(
                names=node.department_listing(_(" (lead)")) or "—"))
            self.departments.setVisible(bool(node.departments))
            self._fill_actions(node, self._current("ticked_actions"))
            self._fill_fields(node, state)
            self._set_editable(data.editable)
            self._chain_tabs()
        finally:
            self._loading = False

    def _show_text(self) -> None:
        if self.node is None:
            return
        # a work-plan row's text is its fields run together: show them a line each instead
        fields = [f"{name}：{value}" for name, value in self.node.fields.items()]
        text = "\n".join(fields) if fields else self.node.text
        mode = self.script.currentData()
        if mode == "simplified":
            text = to_simplified(text)
        elif mode == "traditional":
            text = to_traditional(text)
        self.text.setPlainText(document_words(text))
        self._marked = None  # a new text: its first match is brought into sight
        self.mark_search()

    def mark_search(self) -> None:
        """Mark the words searched for in the item's text; the first is brought into sight
        for a new text or search, not when the same search is applied again (the table
        filtered anew after a change) and the reader may have scrolled or selected."""
        needle = self.search_needle()
        mark_matches(self.text, needle, show_first=needle != self._marked)
        self._marked = needle

    def _fill_actions(self, node: Node, ticks: frozenset[int]) -> None:
        """Tick the sub-items; their rows are rebuilt only for another item (rebuilding
        would take the focus from the checkbox just ticked with Space)."""
        if node is self._actions_for and len(self.action_checks) == len(node.actions):
            for position, check in enumerate(self.action_checks):
                check.setChecked(position in ticks)
        else:
            self._build_actions(node, ticks)
            self._actions_for = node
        self.actions_box.setTitle(_("Sub-items ({done}/{total})").format(
            done=len(ticks), total=len(node.actions)))

    def _build_actions(self, node: Node, ticks: frozenset[int]) -> None:
        for check in self.action_checks:
            check.deleteLater()
        self.action_checks = []
        for row in self.action_rows:
            self.actions_layout.removeWidget(row)
            row.hide()  # out of the layout now: deleted later, shown no more
            row.deleteLater()
        self.action_rows = []
        for position, action in enumerate(node.actions):
            row, check = self._action_row(action, position in ticks)
            self.actions_layout.addWidget(row)
            self.action_rows.append(row)
            self.action_checks.append(check)
        # One sentence is the item itself: its status says it all (a tick made before
        # stays to be seen and taken back).
        self.actions_box.setVisible(len(node.actions) > 1 or bool(ticks))

    def _action_row(self, text: str, ticked: bool) -> tuple[QWidget, QCheckBox]:
        """A checkbox with the action's sentence wrapped beside it (QCheckBox cannot wrap)."""
        row = QWidget(self.actions_box)
        check = QCheckBox(row)
        check.setChecked(ticked)
        check.setAccessibleName(text)
        check.toggled.connect(self._ticks_changed)
        label = plain_label(document_words(text), row, wordWrap=True)
        label.setBuddy(check)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(check, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(label, 1)
        return row, check

    def _fill_fields(self, node: Node, state: ItemState) -> None:
        status: ItemStatus = self._current("status")
        self.status.setCurrentIndex(STATUS_CYCLE.index(status))
        kept = self._unsaved.get(node.id, {})
        # a reason saved longer before the limit is shown whole, and not cut when saved
        self.justification.setMaxLength(
            max(TEXT_MAX_CHARS, len(self._current("justification") or "")))
        for name, field in self._typed_fields().items():
            if self._being_typed(name, field):
                continue  # never overwrite what is being typed
            value = self._current(name)
            if name in kept and kept[name] == value:
                del kept[name]  # stored since
            if name in kept:  # refused: shown as typed and not yet saved
                if field.read() != kept[name]:
                    field.show(kept[name])
            elif field.read() != value:  # setting an equal text would clear its undo history
                field.show(value)
            self._shown[name] = value
        if node.id in self._unsaved and not kept:
            del self._unsaved[node.id]
        self.unsaved_hint.setVisible(bool(kept))
        show_justification = status.needs_justification or bool(self.justification.text())
        self.form.set_row_visible(self.justification, show_justification)
        self.department.setPlaceholderText(_first_names(node.departments))
        deadline = document_deadline(node)
        self.due.set_document_date(deadline.date, deadline.words,
                                   deadline.words if deadline.standing else "")
        self.due.set_overdue(is_overdue(status, self._current("due_date") or deadline.date,
                                        self.service.data.judging_day()))
        if self.targets.values and node is self._targets_for:
            self.targets.set_values(node, state)
        else:
            self.targets.show_targets(node, state, self._elsewhere(node), self._previous(node))
            self._targets_for = node

    def _set_editable(self, editable: bool) -> None:
        for widget in (self.status, self.justification, self.department, self.person,
                       self.due, *self.action_checks):
            widget.setEnabled(editable)
        self.targets.set_editable(editable)
        set_read_only(self.note, not editable)
        self.setAcceptDrops(editable)

    def _number(self) -> str:
        """The item's number as the tree shows it, section first: 二、(一)2."""
        assert self.node is not None
        if self.service.data is None:
            return self.node.label
        return self._number_of(self.node.id)

    def _number_of(self, node_id: str) -> str:
        assert self.service.data is not None
        checklist = self.service.data.checklist
        return path_label(checklist, checklist.node(node_id))

    def _show_note(self, text: str) -> None:
        """Another item's note: the cursor at the end, where typing goes on. The same note
        changed by an undo while the user is in it: the cursor stays where it was."""
        keep = self.note.hasFocus()
        before = self.note.toPlainText()
        with QSignalBlocker(self.note):
            self.note.setPlainText(text)
            if keep:
                cursor = self.note.textCursor()
                cursor.setPosition(changed_end(before, text))
                self.note.setTextCursor(cursor)
            else:
                self.note.moveCursor(QTextCursor.MoveOperation.End)

    def _item_changed(self, node_id: str) -> None:
        if self.node is not None and node_id == self.node.id:
            self.refresh()

    def _step_applied(self, node_ids: list[str]) -> None:
        """An undo or redo shows its value at once, not when its write lands: the note still
        held the undone text meanwhile, and leaving it (a slow network drive) saved it again."""
        if self.node is not None and self.node.id in node_ids and not self._handed_over:
            self.refresh()

    def _save_failed(self, node_id: str, changes: dict[str, Any]) -> None:
        """A refused save is no longer on its way (the service forgot it). Text typed into a
        field is kept to be sent again; other fields (a status, a tick, an undo) show what is
        stored again."""
        sent = self._typed_sent.get(node_id, {})
        typed = {name: value for name, value in changes.items()
                 if name in sent and sent[name] == value}
        if typed:
            self._unsaved.setdefault(node_id, {}).update(typed)
            self._retry_timer.start()
        self._item_changed(node_id)

    def take_over(self, other: ItemDetail) -> None:
        """Carry on from ``other`` (the pane of a window this one replaces, over the same
        data): its refused typed text moves here, to be sent again from here."""
        self._filled_from = other._filled_from
        self._unsaved, self._typed_sent = other._hand_over()
        if self._unsaved:
            self._retry_timer.start()

    def _hand_over(self) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
        """Stop saving and following the service (see :meth:`take_over`); what was refused
        and what was sent, for the pane that carries on."""
        self.service.itemChanged.disconnect(self._item_changed)
        self.service.itemSaveFailed.disconnect(self._save_failed)
        self._retry_timer.stop()
        self._note_timer.stop()
        self._line_timer.stop()
        self._handed_over = True
        handed = self._unsaved, self._typed_sent
        self._unsaved, self._typed_sent = {}, {}
        return handed

    def has_unsaved(self) -> bool:
        """Typed text the workspace refused is still waiting to be saved."""
        return bool(self._unsaved)

    def retry_unsaved(self) -> None:
        """Send the refused typed text again: the shown item's from its fields, any other
        item's as it was typed (an undo step each, as when typed)."""
        if not self._may_save():
            return
        assert self.node is not None
        for node_id in [n for n in self._unsaved if n != self.node.id]:
            for name, value in self._unsaved.pop(node_id).items():
                self._resend(node_id, name, value)
        if self.node.id in self._unsaved:
            self.flush_edits()

    def _resend(self, node_id: str, name: str, value: Any) -> None:
        caption = self._typed_fields()[name].caption
        self._typed_sent.setdefault(node_id, {})[name] = value
        self.undo.stack.push_change(
            self.service, node_id, {name: getattr(self.service.state(node_id), name)},
            {name: value}, change_of(caption, on_screen(self._number_of(node_id))))

    # -- editing ----------------------------------------------------------------------------

    def _may_save(self) -> bool:
        """Whether an edit is saved: an item is shown, the data is editable, and it is the
        data the fields were filled from (typed for data no longer loaded, never saved into
        another period)."""
        data = self.service.data
        return (not self._loading and self.node is not None and data is not None
                and data.editable and data is self._filled_from)

    def _change(self, name: str, value: Any, caption: Caption, *,
                typing: Typing | None = None) -> None:
        if not self._may_save():
            return
        assert self.node is not None
        if name in self._shown:
            self._shown[name] = value  # sent: what the field holds is no longer unsent
        before = self._current(name)
        if before == value:
            return
        self.undo.stack.push_change(
            self.service, self.node.id, {name: before}, {name: value},
            change_of(caption, on_screen(self._number())), typing=typing)

    def _forget_edits(self, data: AssessmentData) -> None:
        """Other data was loaded: what was typed or sent for the last one is not this one's
        (flushed before the load: ``MainWindow`` saves it when the service announces one)."""
        self._note_timer.stop()
        self._line_timer.stop()
        self._typing_began, self._typing_last = {}, {}
        self._shown = {}
        self._unsaved, self._typed_sent = {}, {}
        self._retry_timer.stop()
        self._filled_from = data

    def _current(self, name: str) -> Any:
        """The field's value as last sent (a save may still be on its way), else as saved."""
        assert self.node is not None and self.service.data is not None
        return getattr(self.service.state(self.node.id), name)

    def _status_chosen(self, position: int) -> None:
        status = ItemStatus(self.status.itemData(position))  # Qt hands StrEnums back as str
        if self.node is None or self.service.data is None:
            return
        selected = self.selected_items()
        if len(selected) > 1 and self.node.id in selected:  # never items it does not show
            self.refresh()  # the box shows the item's status until the window has set them
            self.statusChosenForSelection.emit(status)
            return
        state = self.service.data.state(self.node.id)
        if status.needs_justification and not state.justification.strip():
            reason, ok = QInputDialog.getText(self, _("Not applicable"),
                                              _("Why does this item not apply to your office?"))
            if not ok or not reason.strip():
                self.refresh()
                if ok:  # OK with no reason: the status went back without a word
                    QToolTip.showText(self.status.mapToGlobal(self.status.rect().bottomLeft()),
                                      _("Not applicable needs a reason: the status was not "
                                        "changed."), self.status)
                return
            self.undo.stack.push_change(
                self.service, self.node.id,
                {"status": state.status, "justification": state.justification},
                {"status": status, "justification": reason.strip()},
                status_of(status, on_screen(self._number())))
            return
        now = self.clock()  # statuses chosen one after another (the box's arrow keys save
        # each) undo as one step while they come within a pause of each other
        self._change("status", status,
                     lambda: _("Status: {status}").format(status=_(status.label)),
                     typing=Typing(self._visit, now, now))

    def _ticks_changed(self) -> None:
        ticks = frozenset(i for i, check in enumerate(self.action_checks) if check.isChecked())
        self._change("ticked_actions", ticks, lambda: _("Sub-items"))

    def _note_edited(self) -> None:
        """A key typed in the note: saved once typing pauses, or after a few seconds of
        steady typing (a crash lost sixteen characters typed a quarter second apart)."""
        if not self._loading:
            self._typed("note")
            if self._typing_too_long("note"):
                self.save_note()  # the next keystroke goes on with the same undo step
            else:
                self._note_timer.start()

    def _line_edited(self, name: str) -> None:
        """A key typed in a one-line field: saved once typing pauses, like the note."""
        if not self._loading:
            self._typed(name)
            if self._typing_too_long(name):
                self._line_timer.stop()
                self._save_typed_lines()
            else:
                self._line_timer.start()

    def _typing_too_long(self, name: str) -> bool:
        """Whether field ``name`` has been typed in, with no pause to save it, for
        LONGEST_UNSAVED_TYPING_S."""
        began = self._typing_began.get(name)
        return began is not None and self.clock() - began >= LONGEST_UNSAVED_TYPING_S

    def _typed(self, name: str) -> None:
        now = self.clock()
        self._typing_began.setdefault(name, now)
        self._typing_last[name] = now

    def _save_typed_lines(self) -> None:
        """Typing paused: save the one-line fields typed in. A justification emptied to be
        typed again waits (saved empty, it was refused: 不适用 needs a reason)."""
        for name in LINE_FIELDS:
            if name in self._typing_began and not (
                    name == "justification" and not self.justification.text().strip()):
                self._send(name)

    def _value_finished(self) -> None:
        """Return or leaving a value field: typing there again is an undo step of its own."""
        self._typing_began.pop("actual_values", None)
        self._typing_last.pop("actual_values", None)
        self._visit += 1

    def _line_finished(self, name: str) -> None:
        """Return or leaving the field: what it holds is saved, and typing there again
        is an undo step of its own."""
        self._send(name)
        self._visit += 1
        if not any(field in self._typing_began for field in LINE_FIELDS):
            self._line_timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.note and isinstance(event, QFocusEvent) \
                and event.type() == QEvent.Type.FocusOut:
            self.save_note()
            if event.reason() not in STAYING:  # a menu or another window: still typing here
                self._visit += 1
        return super().eventFilter(watched, event)

    def save_note(self) -> None:
        """Save the note now (also called when another item is selected and on close)."""
        if self._note_timer.isActive():
            self._note_timer.stop()
        self._send("note")

    def _send(self, name: str) -> None:
        """Save what a typed field holds; a run of typing in the note undoes as one step."""
        field = self._typed_fields()[name]
        if self.node is not None and field.valid():  # text refused: kept for correcting
            typing = self._typing(name)
            if self._may_save():  # what the field holds replaces text refused before
                self._unsaved.get(self.node.id, {}).pop(name, None)
                self._typed_sent.setdefault(self.node.id, {})[name] = field.read()
            self._change(name, field.read(), field.caption, typing=typing)

    def _typing(self, name: str) -> Typing | None:
        """The run of typing in field ``name`` now sent (None when nothing was typed): the
        saves of one run undo as one step."""
        began = self._typing_began.pop(name, None)
        last = self._typing_last.pop(name, 0.0)
        return None if began is None else Typing(self._visit, began, last)

    def _actual_edited(self, index: int, value: float | None) -> None:
        """Save a target's actual value, into every item stating the same target too (the
        plan's goals, a task, its annex table: one target, one value), as one undo step."""
        if self.node is None or self.service.data is None:
            return
        values = ItemState(0, self.node.id, actual_values=self._current("actual_values"))
        caption = _actual_value_caption(index)
        alike = filled_alike(self._repeats(), (self.node.id, index), value,
                             self.service.state) if self._may_save() else {}
        if alike:
            number = on_screen(self._number())
            self.undo.stack.begin_step(lambda: _(
                "{field} of {item}, where the same target is stated too").format(
                field=caption(), item=number))
        self._change("actual_values", values.with_actual(index, value), caption,
                     typing=None if alike else self._typing("actual_values"))
        for node_id, actual_values in alike.items():
            self.undo.stack.push_change(
                self.service, node_id, {"actual_values": self.service.state(node_id).actual_values},
                {"actual_values": actual_values}, caption, reveal=False)
        if alike:
            self.undo.stack.end_step()

    def _repeats(self) -> dict[TargetPlace, tuple[TargetPlace, ...]]:
        """The checklist's targets stated in several sections, found once per document."""
        assert self.service.data is not None
        checklist = self.service.data.checklist
        if self._repeats_of is not checklist:
            self._repeats_of, self._repeats_found = checklist, target_repeats(checklist)
        return self._repeats_found

    def _previous(self, node: Node) -> tuple[str, tuple[float | None, ...]] | None:
        """The period carried forward from and ``node``'s actual values in it, if any."""
        data = self.service.data
        if data is None or data.previous is None or node.id not in data.previous_actuals:
            return None
        return data.previous.period, data.previous_actuals[node.id]

    def _elsewhere(self, node: Node) -> dict[int, str]:
        """Where else each of ``node``'s targets is stated (一、(一)发展目标；附件1(2)…), by
        index: a bare 一、 read as a cut-off sentence."""
        if self.service.data is None:
            return {}
        checklist, repeats = self.service.data.checklist, self._repeats()
        return {index: "；".join(on_screen(_titled(checklist, checklist.node(other)))
                                for other, _index in repeats[(node.id, index)]
                                if other != node.id)
                for index in range(len(node.targets)) if (node.id, index) in repeats}


def _titled(document: Document, node: Node) -> str:
    """An item's number with the start of its title: 一、(一)发展目标."""
    return f"{path_label(document, node)}{shortened(document_words(node.title), PLACE_TITLE_CHARS)}"


def _first_names(names: Sequence[str], shown: int = 3) -> str:
    """The first few of a document's departments, 等 after them when there are more: the
    placeholder read as the whole list when the fourth was cut."""
    if len(names) <= shown:
        return "、".join(names)
    return _("{names} etc.").format(names="、".join(names[:shown]))
