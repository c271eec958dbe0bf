"""Closing a dialog that holds typed changes: Save, Discard or Cancel."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget


def may_discard(parent: QWidget, title: str, question: str, save: Callable[[], None]) -> bool:
    """Ask before typed changes are lost. True: close without them (Discard). False: stay
    open (Cancel), or they were saved with ``save``, which closes the dialog itself."""
    buttons = QMessageBox.StandardButton
    answer = QMessageBox.question(parent, title, question,
                                  buttons.Save | buttons.Discard | buttons.Cancel, buttons.Save)
    if answer == buttons.Save:
        save()
    return answer == buttons.Discard
