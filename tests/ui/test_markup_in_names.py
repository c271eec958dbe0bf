"""Names with markup (a file named <script>说明.exe, an office named <b>…</b>) are shown as
they are in message boxes, questions and tooltips: Qt guessed rich text and drew them as
markup, or nothing at all (the warning before running a program read “ alone)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtWidgets import QApplication, QMessageBox

from checklist_app.ui import message_box
from tests.ui.conftest import FIRST_ITEM, screenshot

pytestmark = pytest.mark.gui


def as_read(text: str) -> str:
    """What a reader sees of a tooltip (rich text rendered, else the text itself)."""
    from PySide6.QtGui import Qt as GuiQt

    if not GuiQt.mightBeRichText(text):
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def answer_next_box(seen: list[tuple[Qt.TextFormat, str]], button: str, shot: str) -> None:
    """Note the next modal message box's text format and text, save its screenshot as
    ``shot`` and press ``button``."""
    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append((box.textFormat(), box.text()))
        screenshot(box, shot)
        next(b for b in box.buttons() if button in b.text()).click()
    QTimer.singleShot(0, answer)


def test_a_program_named_with_markup_is_named_in_the_warning(  # type: ignore[no-untyped-def]
        window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: pytest.fail("opened"))
    program = tmp_path / "<script>说明.exe"
    program.write_bytes(b"MZ\x90\x00" + bytes(200))
    window.attach_files(FIRST_ITEM, [program])
    window.service.wait_idle()
    assert window.select_node(FIRST_ITEM)
    evidence = window.item_pane.evidence
    row = next(r for r in range(evidence.model.rowCount())
               if evidence.model.evidence()[r].file_name == program.name)
    evidence.view.setCurrentIndex(evidence.model.index(row, 0))
    seen: list[tuple[Qt.TextFormat, str]] = []
    answer_next_box(seen, "取消", "markup-name-program-warning")
    evidence.open_selected()
    [(text_format, text)] = seen
    assert text_format == Qt.TextFormat.PlainText and "<script>说明.exe" in text


def test_tooltips_show_markup_as_written(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    drawing = tmp_path / "<b>图纸</b>.dwg".replace("/", "∕")
    drawing.write_bytes(b"AC1032 drawing")
    window.attach_files(FIRST_ITEM, [drawing])
    window.service.wait_idle()
    assert window.select_node(FIRST_ITEM)
    model = window.item_pane.evidence.model
    tips = [as_read(model.data(model.index(row), Qt.ItemDataRole.ToolTipRole))
            for row in range(model.rowCount())]
    assert any(tip.startswith(drawing.name) for tip in tips), tips


def test_message_box_questions_show_their_text_as_it_is(  # type: ignore[no-untyped-def]
        qtbot, window) -> None:
    seen: list[tuple[Qt.TextFormat, str]] = []
    answer_next_box(seen, "否", "markup-name-question")
    answer = message_box.question(window, "删除自查自评", "删除自查自评“<script>某局 2025年度”？")
    assert answer == QMessageBox.StandardButton.No
    assert seen == [(Qt.TextFormat.PlainText, "删除自查自评“<script>某局 2025年度”？")]
