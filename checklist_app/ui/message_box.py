"""Message boxes (and a text question) that show their text as it is.

QMessageBox's static functions guess rich text from the text itself: an evidence file named
``<script>说明.exe`` left the warning before running it as a lone “, and an office named with
markup emptied the question before deleting its assessment. These take the same arguments
and give the same answer, with the text shown as plain text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit, QMessageBox, QWidget

Button = QMessageBox.StandardButton


def ask(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
        buttons: Button, default: Button = Button.NoButton) -> Button:
    """Show a modal box with ``text`` as plain text; the button pressed (Escape: the
    box's escape button, as QMessageBox chooses it)."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if default != Button.NoButton:
        box.setDefaultButton(default)
    return Button(box.exec())


def question(parent: QWidget | None, title: str, text: str,
             buttons: Button = Button.Yes | Button.No,
             default: Button = Button.NoButton) -> Button:
    return ask(parent, QMessageBox.Icon.Question, title, text, buttons, default)


def warning(parent: QWidget | None, title: str, text: str, buttons: Button = Button.Ok,
            default: Button = Button.NoButton) -> Button:
    return ask(parent, QMessageBox.Icon.Warning, title, text, buttons, default)


def information(parent: QWidget | None, title: str, text: str, buttons: Button = Button.Ok,
                default: Button = Button.NoButton) -> Button:
    return ask(parent, QMessageBox.Icon.Information, title, text, buttons, default)


def get_text(parent: QWidget | None, title: str, label: str, echo: QLineEdit.EchoMode,
             text: str = "") -> tuple[str, bool]:
    """QInputDialog.getText with ``label`` shown as plain text (it names a file)."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextEchoMode(echo)
    dialog.setTextValue(text)
    for shown in dialog.findChildren(QLabel):
        shown.setTextFormat(Qt.TextFormat.PlainText)
    accepted = dialog.exec() == QInputDialog.DialogCode.Accepted
    return dialog.textValue(), accepted
