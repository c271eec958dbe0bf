"""Closing a dialog that holds typed changes: Save, Discard or Cancel."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from checklist_app.ui import message_box


def may_discard(parent: QWidget, title: str, question: str, save: Callable[[], None]) -> bool:
    """Ask before typed changes are lost. True: close without them (Discard). False: stay
    open (Cancel), or they were saved with ``save``, which closes the dialog itself."""
    buttons = QMessageBox.StandardButton
    answer = message_box.question(parent, title, question,
                                  buttons.Save | buttons.Discard | buttons.Cancel, buttons.Save)
    if answer == buttons.Save:
        save()
    return answer == buttons.Discard


class UnsavedChangesDialog(QDialog):
    """A dialog holding typed changes, whose ``reject`` asks before losing them; the main
    window asks it (:meth:`confirm_close`) before the app quits."""

    closed = False  # set on closing: a late result touches no widget

    def confirm_close(self) -> bool:
        """Ask as Cancel does; False when the user chose to stay."""
        self.reject()
        return self.closed

    def done(self, result: int) -> None:
        self.closed = True
        super().done(result)
