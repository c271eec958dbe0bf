"""对照 → Accept all strong suggestions: the list of what would be accepted, each one ticked,
so that a wrong one is unticked before the rest are taken (it was all or nothing)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from checklist_app.core import Document
from checklist_app.i18n import _, ngettext
from checklist_app.ui.glyphs import document_caption
from checklist_app.ui.models.item_table_model import clause_caption, reference_text
from checklist_app.ui.screen_fit import resize_within_screen
from checklist_app.ui.widgets.labels import plain_label, plain_tooltip
from checklist_app.ui.widgets.mapping_panel import StrongSuggestion

ModelIndex = QModelIndex | QPersistentModelIndex


class StrongSuggestionModel(QAbstractTableModel):
    """One row per suggestion: the item, the reference document, the clause and the words
    both share; the first column's check box says whether it is accepted."""

    checkedChanged = Signal()

    def __init__(self, found: list[StrongSuggestion], item_words: Callable[[str], str],
                 documents: dict[str, Document], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.found = found
        self.checked = [True] * len(found)
        self._items = {s.node_id: item_words(s.node_id) for s in found}
        self._references = {s.reference_id: documents[s.reference_id] for s in found
                            if s.reference_id in documents}
        self._documents = {ref: document_caption(self._references[ref])
                           if ref in self._references else ref
                           for ref in {s.reference_id for s in found}}
        self._headers = (_("Item"), _("Reference document"), _("Clause"), _("Shared words"))

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.found)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            return Qt.CheckState.Checked if self.checked[row] else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._text(row, column))
        return None

    def _text(self, row: int, column: int) -> str:
        suggestion = self.found[row]
        reference = self._references.get(suggestion.reference_id)
        if column == 0:
            return self._items[suggestion.node_id]
        if column == 1:
            return self._documents[suggestion.reference_id]
        if reference is None:
            return suggestion.candidate.node_id if column == 2 else suggestion.candidate.why
        if column == 2:  # as the Mappings tab shows it: the whole label chain, simplified
            return clause_caption(reference, suggestion.candidate.node_id)
        return reference_text(reference, suggestion.candidate.why)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else flags

    def setData(self, index: ModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        self.checked[index.row()] = Qt.CheckState(value) == Qt.CheckState.Checked
        self.dataChanged.emit(index, index, [role])
        self.checkedChanged.emit()
        return True

    def set_all(self, checked: bool) -> None:
        self.checked = [checked] * len(self.found)
        if self.found:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.found) - 1, 0),
                                  [Qt.ItemDataRole.CheckStateRole])
        self.checkedChanged.emit()

    def chosen(self) -> list[StrongSuggestion]:
        return [s for s, checked in zip(self.found, self.checked, strict=True) if checked]


class StrongReviewDialog(QDialog):
    """The strong suggestions found, ticked; OK accepts the ticked ones (one undo step)."""

    def __init__(self, found: list[StrongSuggestion], item_count: int,
                 item_words: Callable[[str], str], documents: dict[str, Document],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("strongReviewDialog")
        self.setWindowTitle(_("Accept strong suggestions"))
        self.item_count = item_count
        self.model = StrongSuggestionModel(found, item_words, documents, self)
        self.question = plain_label(self, wordWrap=True, objectName="strongQuestion")
        self.table = self._table()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.table, 1)
        layout.addWidget(plain_label(_(
            "Untick a suggestion that is wrong (Space ticks and unticks the selected rows). "
            "Only items not mapped to a document yet get its suggestions. One Undo takes "
            "them all back."), self, wordWrap=True))
        layout.addLayout(self._bottom_row())
        self.model.checkedChanged.connect(self._update)
        self._update()
        resize_within_screen(self, 960, 520)  # or 92 % of a smaller screen

    def _table(self) -> QTableView:
        table = QTableView(self, objectName="strongSuggestions")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a document's （辽宁省） stays
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((300, 200, 280)):
            table.setColumnWidth(column, width)
        header.setStretchLastSection(True)
        table.installEventFilter(self)
        if self.model.rowCount():
            table.selectRow(0)
        return table

    def _bottom_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for text, checked in ((_("Tick all"), True), (_("Untick all"), False)):
            button = QPushButton(text, self)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, c=checked: self.model.set_all(c))
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.buttons)
        return row

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Space ticks or unticks every selected row (the view alone toggles one cell); it is
        the table's, never the main window's Space (next status) behind the dialog."""
        if watched is self.table and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_Space \
                and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()  # a key press for the table, not a shortcut
                return True
            if event.type() == QEvent.Type.KeyPress:
                if not event.isAutoRepeat():  # a held key ticks once, not on and off
                    self.toggle_selected()
                return True
        return super().eventFilter(watched, event)

    def toggle_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if not rows:
            return
        checked = not all(self.model.checked[row] for row in rows)
        for row in rows:
            self.model.setData(self.model.index(row, 0),
                               (Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked),
                               Qt.ItemDataRole.CheckStateRole)

    def chosen(self) -> list[StrongSuggestion]:
        return self.model.chosen()

    def _update(self) -> None:
        chosen = self.chosen()
        items = len({s.node_id for s in chosen})
        self.question.setText(ngettext(
            "Accept {n} strong suggestion for {items} of the {count} items?",
            "Accept {n} strong suggestions for {items} of the {count} items?",
            len(chosen)).format(n=len(chosen), items=items, count=self.item_count))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Accept ticked ({n})").format(n=len(chosen)))
        ok.setEnabled(bool(chosen))
