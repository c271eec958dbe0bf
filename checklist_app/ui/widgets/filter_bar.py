"""Search box and filters above the items table; edits the proxy's ItemFilter."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from checklist_app.core import STATUS_CYCLE, ItemStatus
from checklist_app.i18n import _, ngettext
from checklist_app.ui.icons import status_icon
from checklist_app.ui.models.item_filter import ItemFilterProxy, Presence

OVERDUE = "overdue"  # the status filter's last entry: any status, past the due date
FILTER_MINIMUM = 110  # px of each filter box: "全部状态" and its arrow
SEARCH_DELAY_MS = 120  # filter once typing pauses; 10,000 rows filter in a few ms anyway


@dataclass(frozen=True, slots=True)
class FilterChoices:
    """The filters as chosen, by position in their lists (the same in every language)."""

    status: int = 0
    department: str = ""
    mine: bool = False
    evidence: int = 0
    mapped: int = 0


class FilterBar(QWidget):
    # Enter or Down in the search box: go to the results (the window focuses the table)
    resultsRequested = Signal()

    def __init__(self, proxy: ItemFilterProxy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.proxy = proxy
        self.my_department = ""
        self.search = QLineEdit(placeholderText=_("Search numbers, text and notes (简/繁)…"))
        self.search.setClearButtonEnabled(True)
        self.search.setObjectName("search")
        self.status = QComboBox(objectName="statusFilter")
        self.status.addItem(_("Any status"), None)
        for status in STATUS_CYCLE:
            self.status.addItem(status_icon(status), _(status.label), status)
        self.status.insertSeparator(self.status.count())
        self.status.addItem(_("Overdue"), OVERDUE)
        self.status.setItemData(self.status.count() - 1, _(
            "Items past their due date (the office's, else the document's) and not done"),
            Qt.ItemDataRole.ToolTipRole)
        self.department = QComboBox(objectName="departmentFilter", editable=True)
        self.department.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.department.lineEdit().setPlaceholderText(_("Any department"))
        self.evidence = self._presence_combo("evidenceFilter", _("Evidence: any"),
                                             _("With evidence"), _("Without evidence"))
        self.mapped = self._presence_combo("mappedFilter", _("Mapping: any"), _("Mapped"),
                                           _("Not mapped"))
        self.mine = QCheckBox(_("My department"), objectName="myDepartment")
        self.count = QLabel(self, objectName="matchCount")
        self.count.setToolTip(_("Items the search and filters leave, of the items in the part "
                                "selected in the tree"))
        self._layout()
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(self._timer.start)
        self.search.installEventFilter(self)
        self.status.currentIndexChanged.connect(self._apply_status)
        self.department.currentTextChanged.connect(self._apply_department)
        self.evidence.currentIndexChanged.connect(
            lambda: proxy.update_filter(evidence=Presence(self.evidence.currentData())))
        self.mapped.currentIndexChanged.connect(
            lambda: proxy.update_filter(mapped=Presence(self.mapped.currentData())))
        self.mine.toggled.connect(self._apply_mine)

    def _layout(self) -> None:
        filters = QGridLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        self.filters = filters
        for widget in self._filter_boxes():
            widget.setMinimumWidth(FILTER_MINIMUM)
        self._arrange_filters(columns=4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # see minimumSizeHint
        # My department and the count beside the search box: with them on the filter row
        # the window was wider than a 1024-pixel screen
        search = QHBoxLayout()
        self.search_row = search
        search.addWidget(self.search, 1)
        search.addWidget(self.mine)
        search.addWidget(self.count)
        layout.addLayout(search)
        layout.addLayout(filters)

    def _filter_boxes(self) -> tuple[QComboBox, ...]:
        return (self.status, self.department, self.evidence, self.mapped)

    def _arrange_filters(self, columns: int) -> None:
        """The four filters in one row, or two rows of two where one row does not fit
        (a 1366×768 screen at 150 %: the window was wider than the screen)."""
        self.filter_columns = columns
        for index, widget in enumerate(self._filter_boxes()):
            self.filters.removeWidget(widget)
            self.filters.addWidget(widget, index // columns, index % columns)
        for column in range(4):
            self.filters.setColumnStretch(column, 1 if column < columns else 0)

    def _one_row_width(self) -> int:
        return 4 * FILTER_MINIMUM + 3 * max(self.filters.horizontalSpacing(), 0)

    def minimumSizeHint(self) -> QSize:
        """As narrow as the filters in two rows: they go back to one row when it fits."""
        hint = super().minimumSizeHint()
        two_rows = 2 * FILTER_MINIMUM + max(self.filters.horizontalSpacing(), 0)
        hint.setWidth(max(self.search_row.minimumSize().width(), two_rows))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        columns = 4 if event.size().width() >= self._one_row_width() else 2
        if columns != self.filter_columns:
            self._arrange_filters(columns)
            self.updateGeometry()  # two rows are taller: the table gives way

    @staticmethod
    def _presence_combo(name: str, any_text: str, with_text: str, without: str) -> QComboBox:
        combo = QComboBox(objectName=name)
        combo.addItem(any_text, Presence.ANY)
        combo.addItem(with_text, Presence.WITH)
        combo.addItem(without, Presence.WITHOUT)
        return combo

    def departments(self) -> list[str]:
        """The departments the list offers (after its empty first entry)."""
        return [self.department.itemText(i) for i in range(1, self.department.count())]

    def set_departments(self, departments: list[str]) -> None:
        """Offer these departments (the document's and those typed for items); what is
        typed in the box stays."""
        if departments == self.departments():
            return
        with QSignalBlocker(self.department):
            current = self.department.currentText()
            self.department.clear()
            self.department.addItem("")
            self.department.addItems(departments)
            self.department.setEditText(current)

    def set_my_department(self, mine: str) -> None:
        """The office's own department, for the "My department" filter; while it is on,
        it filters by the new one at once (it went on showing the old department's)."""
        self.my_department = mine
        self.mine.setEnabled(bool(mine))
        self.mine.setToolTip(
            _("The items of {department}, and those of every department (市政府各部门, "
              "各有关部门)").format(department=mine) if mine
            else _("Set your department in Settings to use this filter."))
        if self.mine.isChecked():
            if mine:
                self._apply_mine(True)
            else:
                self.mine.setChecked(False)

    def show_count(self, shown: int, total: int) -> None:
        """How many items the search and filters leave, of how many."""
        self.count.setText(ngettext("{shown} of {total} item", "{shown} of {total} items",
                                    total).format(shown=shown, total=total))

    def clear(self) -> None:
        """Back to every item: no search text, any status, department, evidence, mapping."""
        self.search.clear()
        self.apply_search()
        for combo in (self.status, self.evidence, self.mapped):
            combo.setCurrentIndex(0)
        self.mine.setChecked(False)
        self.department.setEditText("")

    def choices(self) -> FilterChoices:
        """The filters chosen (not the search text), to be chosen again in a rebuilt bar."""
        return FilterChoices(self.status.currentIndex(), self.department.currentText(),
                             self.mine.isChecked(), self.evidence.currentIndex(),
                             self.mapped.currentIndex())

    def choose(self, choices: FilterChoices) -> None:
        """Choose these filters (see :meth:`choices`); the table follows."""
        self.status.setCurrentIndex(choices.status)
        self.evidence.setCurrentIndex(choices.evidence)
        self.mapped.setCurrentIndex(choices.mapped)
        if choices.mine and self.mine.isEnabled():
            self.mine.setChecked(True)
        else:
            self.department.setEditText(choices.department)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the search box, Enter and Down go to the results, Esc clears the text."""
        if (watched is not self.search or event.type() != QEvent.Type.KeyPress
                or not isinstance(event, QKeyEvent)):
            return super().eventFilter(watched, event)
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down):
            self.apply_search()  # at once: the typing pause may not have passed
            self.resultsRequested.emit()
            return True
        if key == Qt.Key.Key_Escape and self.search.text():
            self.search.clear()
            self.apply_search()
            return True
        return super().eventFilter(watched, event)

    def apply_search(self) -> None:
        self._timer.stop()
        self.proxy.update_filter(text=self.search.text())

    def _apply_status(self) -> None:
        data = self.status.currentData()  # Qt hands StrEnums back as str
        statuses = frozenset({ItemStatus(data)}) if data and data != OVERDUE else frozenset()
        self.proxy.update_filter(statuses=statuses, overdue=data == OVERDUE)

    def _apply_department(self, text: str) -> None:
        if self.mine.isChecked() and text != self.my_department:
            with QSignalBlocker(self.mine):
                self.mine.setChecked(False)
        self.proxy.update_filter(department=text.strip(),
                                 every_department=self.mine.isChecked())

    def _apply_mine(self, checked: bool) -> None:
        text = self.my_department if checked else ""
        if self.department.currentText() == text:  # no change of text, no signal: applied
            self._apply_department(text)  # here (with or without every department's tasks)
        else:
            self.department.setEditText(text)
