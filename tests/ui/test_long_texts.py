"""A pasted megabyte without a line break froze the item pane for minutes: a note is kept
to TEXT_MAX_CHARS, a longer paste refused and said, the note as it was."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData

from checklist_app.storage.assessments import TEXT_MAX_CHARS
from tests.ui.conftest import FIRST_ITEM

pytestmark = pytest.mark.gui


def paste(editor, text: str) -> None:  # type: ignore[no-untyped-def]
    data = QMimeData()
    data.setText(text)
    editor.insertFromMimeData(data)


def test_a_paste_too_long_for_a_note_is_refused_and_said(window) -> None:  # type: ignore[no-untyped-def]
    assert window.select_node(FIRST_ITEM)
    note = window.item_pane.detail.note
    note.clear()
    paste(note, "已完成")
    paste(note, "A" * 1_000_000)
    assert note.toPlainText() == "已完成"
    said = window.statusBar().currentMessage()
    assert "未插入" in said and f"{TEXT_MAX_CHARS}" in said
    paste(note, "B" * (TEXT_MAX_CHARS - len("已完成")))  # up to the limit: pasted
    assert len(note.toPlainText()) == TEXT_MAX_CHARS
    note.selectAll()
    paste(note, "C" * TEXT_MAX_CHARS)  # replacing the whole text: fits
    assert note.toPlainText() == "C" * TEXT_MAX_CHARS


def test_typing_stops_at_the_limit(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Typed past it, the note was refused by storage and sent again every few seconds."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QInputMethodEvent

    assert window.select_node(FIRST_ITEM)
    note = window.item_pane.detail.note
    note.setPlainText("字" * TEXT_MAX_CHARS)
    note.moveCursor(note.textCursor().MoveOperation.End)
    qtbot.keyClick(note, Qt.Key.Key_A)
    qtbot.keyClick(note, Qt.Key.Key_Return)  # "\r": no printable text, a line all the same
    commit = QInputMethodEvent()
    commit.setCommitString("标准")
    note.inputMethodEvent(commit)
    assert len(note.toPlainText()) == TEXT_MAX_CHARS
    assert "未插入" in window.statusBar().currentMessage()  # the input method's is said
    qtbot.keyClick(note, Qt.Key.Key_Backspace)
    qtbot.keyClick(note, Qt.Key.Key_A)
    assert note.toPlainText().endswith("a") and len(note.toPlainText()) == TEXT_MAX_CHARS


def test_the_justification_saved_longer_before_is_shown_whole(window) -> None:  # type: ignore[no-untyped-def]
    """A reason longer than the limit (saved before it) was cut when shown, and the cut one
    saved on leaving the field."""
    from checklist_app.storage.workspace import Workspace

    path = window.service.data.path
    window.service.close()
    with Workspace.open(path) as workspace:
        assessment_id = workspace.only_open_assessment().id
        workspace.set_item(assessment_id, FIRST_ITEM, status="not_applicable",
                           justification="无")
        workspace.db.execute("UPDATE item_states SET justification = ? WHERE node_id = ?",
                             ["因" * (TEXT_MAX_CHARS + 10), FIRST_ITEM])
    window.open_workspace(path)
    window.service.wait_idle()
    assert window.select_node(FIRST_ITEM)
    assert len(window.item_pane.detail.justification.text()) == TEXT_MAX_CHARS + 10
