"""Help → Keyboard shortcuts: what each key does, read from the window's own actions.

The keys come from the actions themselves (their shortcuts as this system prints them), so
the list cannot drift from what the keys do; a few gestures that are no action (Enter on a
suggestion, dropping files) follow them.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from checklist_app.i18n import N_, _
from checklist_app.ui.menus import COMMAND_NAME, plain
from checklist_app.ui.screen_fit import resize_within_screen

# Gestures with no action of their own: (keys or gesture, what it does), msgids.
GESTURES = (
    (N_("Enter / Down"), N_("In the search box: go to the items found")),
    (N_("Esc"), N_("In the search box: clear the search")),
    (N_("Enter / double-click"), N_("On a suggestion in the Mappings tab: accept it")),
    (N_("Right-click"), N_("On a suggestion: accept or reject it")),
    (N_("Enter / Down"), N_("In the Mappings tab's clause search: go to the clauses found")),
    (N_("Enter / double-click"), N_("On a clause found: map the item to it")),
    (N_("Enter"), N_("In the evidence list: open the files selected")),
    (N_("Delete"), N_("In the evidence list: remove the files selected")),
    (N_("F2"), N_("In the evidence list: describe the file selected")),
    (N_("Drag and drop"), N_("Files onto an item or its evidence list: attach them")),
    (N_("F4 / Alt+Down"), N_("In the due date: open the calendar")),
    (N_("Ctrl+S"), N_("In the report text: save and go on writing")),
    (N_("Ctrl+Tab"), N_("In the report text: the next section")),
)


def shortcut_rows(actions: list[tuple[QAction, str]]) -> list[tuple[str, str]]:
    """(keys, what) for every action with a shortcut, in the order given, named with the
    submenu it is in (更改状态：已完成), then the gestures."""
    rows = []
    for action, submenu in actions:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
        keys = [k for k in keys if k]
        if keys:
            what = plain(action.property(COMMAND_NAME) or action.text())
            rows.append((" / ".join(dict.fromkeys(keys)),
                         _("{menu}: {action}").format(menu=plain(submenu), action=what)
                         if submenu else what))
    return rows + [(_(keys), _(what)) for keys, what in GESTURES]


class ShortcutsDialog(QDialog):
    def __init__(self, actions: list[tuple[QAction, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(_("Keyboard shortcuts"))
        rows = shortcut_rows(actions)
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setHorizontalHeaderLabels([_("Keys"), _("What it does")])
        for row, (keys, what) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(keys))
            self.table.setItem(row, 1, QTableWidgetItem(what))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list (it walked its cells)
        self.table.verticalHeader().hide()
        # one line a row, as a menu spaces them: the whole list in sight on a 768-pixel screen
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setDefault(True)
        close.setFocus()  # the box itself took the focus and showed it nowhere
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        # every row in sight (a fixed 600 pixels cut the last one off as gestures were added)
        rows_height = (self.table.verticalHeader().length() + header.sizeHint().height()
                       + 2 * self.table.frameWidth())
        resize_within_screen(self, 560, rows_height + buttons.sizeHint().height() + 40)
