"""The item pane: note saved as you type and undone, ticks, evidence through drag and drop."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QLabel

from checklist_app.core import ItemStatus
from checklist_app.ui import message_box
from checklist_app.ui.widgets.evidence_list import dropped_files, is_risky
from tests.ui.conftest import FIRST_ITEM, screenshot

pytestmark = pytest.mark.gui

SECOND_ITEM = "chongqing-2022/二/(一)/2"


def _drop(widget, files: list[Path]) -> bool:  # type: ignore[no-untyped-def]
    """Hand the widget the drop event a file manager sends; True when it accepted it.

    The handlers are called directly: Qt 6 delivers a Drop only while a real drag is in
    progress, so QApplication.sendEvent cannot simulate one offscreen.
    """
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    event = QDropEvent(QPointF(QPoint(10, 10)), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    widget.dropEvent(event)
    return bool(event.isAccepted())


def test_note_saved_as_you_type_and_undone(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.select_node(SECOND_ITEM)
    detail = window.item_pane.detail
    assert detail.node.id == SECOND_ITEM
    detail.note.setFocus()
    _type(detail.note, "已印发方案")
    qtbot.waitUntil(lambda: window.service.data.state(SECOND_ITEM).note == "已印发方案",
                    timeout=3000)
    _type(detail.note, "，待验收")
    detail.save_note()
    assert window.service.data.state(SECOND_ITEM).note == "已印发方案，待验收"
    window.undo_action.trigger()  # one step undoes the whole burst of typing
    assert window.service.data.state(SECOND_ITEM).note == ""
    assert detail.note.toPlainText() == ""
    window.redo_action.trigger()
    assert detail.note.toPlainText() == "已印发方案，待验收"


def test_ticks_and_status_selector(window) -> None:  # type: ignore[no-untyped-def]
    assert window.select_node(SECOND_ITEM)
    detail = window.item_pane.detail
    assert len(detail.action_checks) >= 2
    detail.action_checks[0].click()
    assert window.service.data.state(SECOND_ITEM).ticked_actions == frozenset({0})
    screenshot(detail, "item-detail-full")
    detail.status.setCurrentIndex(4)
    detail.status.activated.emit(4)
    assert window.service.data.state(SECOND_ITEM).status is ItemStatus.DONE
    window.undo_action.trigger()
    window.undo_action.trigger()
    state = window.service.data.state(SECOND_ITEM)
    assert state.status is ItemStatus.IN_PROGRESS and not state.ticked_actions


def test_another_item_is_shown_from_its_heading(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.resize(1280, 600)
    assert window.select_node("chongqing-2022/一/(二)")  # ten targets: the pane scrolls
    bar = window.item_pane.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    assert window.select_node(SECOND_ITEM)
    assert bar.value() == 0


def test_script_switch(window) -> None:  # type: ignore[no-untyped-def]
    window.select_node(FIRST_ITEM)
    detail = window.item_pane.detail
    detail.script.setCurrentIndex(2)
    assert "標準" in detail.text.toPlainText()
    detail.script.setCurrentIndex(1)
    assert "标准" in detail.text.toPlainText()


def test_drop_files_on_evidence_list(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    photo = tmp_path / "会议照片.png"
    photo.write_bytes(_tiny_png())
    minutes = tmp_path / "会议纪要.txt"
    minutes.write_text("2024年标准化工作会议纪要", encoding="utf-8")
    assert window.select_node(FIRST_ITEM)
    view = window.item_pane.evidence.view
    accepted = _drop(view, [photo, minutes])
    assert accepted
    names = [e.file_name for e in window.service.data.evidence[FIRST_ITEM]]
    assert names == ["会议照片.png", "会议纪要.txt"]
    assert window.item_pane.evidence.model.rowCount() == 2
    count_cell = window.proxy.index(window.table.currentIndex().row(), 5)
    assert count_cell.data() == 2
    window.item_pane.tabs.setCurrentIndex(0)
    screenshot(window, "item-with-evidence")
    screenshot(window.item_pane, "item-pane")


def test_a_dropped_folder_attaches_the_files_in_it(window, qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Dragging the folder of a meeting's papers attached nothing (会议材料 is a folder)."""
    from PySide6.QtWidgets import QMessageBox

    folder = tmp_path / "会议材料"
    (folder / "签到").mkdir(parents=True)
    (folder / "纪要.txt").write_text("会议纪要", encoding="utf-8")
    (folder / "签到" / "签到表.txt").write_text("签到", encoding="utf-8")
    (folder / "Thumbs.db").write_bytes(b"thumbnail cache")
    empty = tmp_path / "空文件夹"
    empty.mkdir()
    asked: list[str] = []
    monkeypatch.setattr(message_box, "question", lambda _parent, _title, text, *_args:
                        asked.append(text) or QMessageBox.StandardButton.Cancel)
    assert window.select_node(FIRST_ITEM)
    before = len(window.service.data.evidence.get(FIRST_ITEM, []))
    assert _drop(window.item_pane.evidence.view, [folder, empty])
    qtbot.waitUntil(lambda: len(window.service.data.evidence.get(FIRST_ITEM, [])) > before)
    window.service.wait_idle()  # looked into after the drop returned, then attached
    names = [e.file_name for e in window.service.data.evidence[FIRST_ITEM]][before:]
    assert names == ["纪要.txt", "签到表.txt"] and not asked  # a few files: no question
    assert "“空文件夹”" in window.banner.notice.label.text()
    for number in range(25):
        (folder / f"照片{number:02}.txt").write_text(f"照片{number}", encoding="utf-8")
    _drop(window.item_pane.evidence.view, [folder])
    qtbot.waitUntil(lambda: bool(asked))
    window.service.wait_idle()
    assert "27" in asked[0] and "“会议材料”" in asked[0]
    assert len(window.service.data.evidence[FIRST_ITEM]) == before + 2  # cancelled


def test_drop_on_the_item_itself(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = tmp_path / "总结.txt"
    report.write_text("总结", encoding="utf-8")
    window.select_node(SECOND_ITEM)
    _drop(window.item_pane.detail, [report])
    assert [e.file_name for e in window.service.data.evidence[SECOND_ITEM]] == ["总结.txt"]


def test_dropped_files_ignores_remote_urls() -> None:
    mime = QMimeData()
    mime.setUrls([QUrl("https://example.com/a.pdf"), QUrl.fromLocalFile("/tmp/b.pdf")])
    assert dropped_files(mime) == [Path("/tmp/b.pdf")]
    assert is_risky("setup.EXE") and is_risky("run.bat") and not is_risky("报告.pdf")


def _type(editor, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type Chinese the way an input method does: one committed string per key event.

    (QTest.keyClicks only knows ASCII and aborts on other characters.)
    """
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(editor, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                     char))


def _tiny_png() -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(32, 24, QImage.Format.Format_RGB32)
    image.fill(QColor("#3c9a3c"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def test_drop_on_a_table_row(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    scan = tmp_path / "批复.pdf"
    scan.write_bytes(b"%PDF-1.4 sample")
    table = window.table
    row = window.item_model.row_of(SECOND_ITEM)
    rect = table.visualRect(window.proxy.mapFromSource(window.item_model.index(row, 1)))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(scan))])
    event = QDropEvent(QPointF(rect.center()), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    assert window.current_node_id() != SECOND_ITEM  # dropped on a row not selected
    table.dropEvent(event)
    assert event.isAccepted()
    assert [e.file_name for e in window.service.data.evidence[SECOND_ITEM]] == ["批复.pdf"]
    # the item it went to is shown, and the status bar names it
    assert window.current_node_id() == SECOND_ITEM
    assert window.item_pane.detail.node.id == SECOND_ITEM
    message = window.statusBar().currentMessage()
    assert message.startswith("已将 1 个文件添加到") and "推动科技成果转化为标准" in message


def test_a_text_file_named_pdf_is_attached_with_a_notice(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fake = tmp_path / "会议纪要.pdf"
    fake.write_text("这其实是一份纯文本会议纪要。", encoding="utf-8")
    real = tmp_path / "照片.png"
    real.write_bytes(bytes.fromhex("89504e470d0a1a0a") + b"\0" * 64)
    assert window.select_node(SECOND_ITEM)
    window.attach_files(SECOND_ITEM, [fake, real])
    names = [e.file_name for e in window.service.data.evidence[SECOND_ITEM]]
    assert names == ["会议纪要.pdf", "照片.png"]  # attached all the same
    notice = window.banner.notice
    assert notice.isVisible() and "会议纪要.pdf" in notice.label.text()
    assert "照片.png" not in notice.label.text()
    notice.close_button.click()
    assert not notice.isVisible()


def test_a_large_file_is_attached_with_a_word_on_the_workspace_size(window, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                     monkeypatch) -> None:
    monkeypatch.setattr("checklist_app.storage.evidence.LARGE_FILE", 4096)
    video = tmp_path / "现场录像.mp4"
    video.write_bytes(b"\0\0\0\x18ftypmp42" + bytes(6000))
    assert window.select_node(SECOND_ITEM)
    window.attach_files(SECOND_ITEM, [video])
    assert [e.file_name for e in window.service.data.evidence[SECOND_ITEM]] == ["现场录像.mp4"]
    notice = window.banner.notice
    assert notice.isVisible() and "现场录像.mp4”较大（5.9 KB）" in notice.label.text()


def test_a_batch_with_refused_files_attaches_none_and_lists_them(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "批复.pdf"
    good.write_bytes(b"%PDF-1.4 sample")
    empty, missing = tmp_path / "空白.pdf", tmp_path / "通知.docx"
    empty.touch()
    photo = tmp_path / "会议照片.png"
    photo.write_bytes(bytes.fromhex("89504e470d0a1a0a") + b"\0" * 64)
    assert window.select_node(SECOND_ITEM)
    window.attach_files(SECOND_ITEM, [good, empty, missing, photo])
    assert window.service.data.evidence.get(SECOND_ITEM, []) == []
    assert not window.job_progress.isVisible()
    error = window.banner.error
    assert error.isVisible()
    header, *lines = error.label.text().splitlines()
    assert header.startswith("所选的 4 个文件中有 2 个不能作为佐证材料，因此全部未添加。")
    assert [line.split("”")[0] for line in lines] == [f"1. “{empty}", f"2. “{missing}"]
    empty.write_bytes(b"%PDF-1.4 filled")
    missing.write_bytes(b"PK\3\4")
    window.attach_files(SECOND_ITEM, [good, empty, missing, photo])
    assert [e.file_name for e in window.service.data.evidence[SECOND_ITEM]] == [
        "批复.pdf", "空白.pdf", "通知.docx", "会议照片.png"]


GOALS = "chongqing-2022/一/(二)"


def _held_desktop(qtbot, workspace_path: Path, node_id: str = GOALS):  # type: ignore[no-untyped-def]
    """The app over a writer that keeps its jobs until the test runs them (a slow disk)."""
    from checklist_app.app import build
    from checklist_app.settings import Settings
    from checklist_app.ui.workers import InlinePool
    from tests.ui.test_startup import HeldPool

    writer = HeldPool()
    app = build(Settings(), writer=writer, background=InlinePool())
    qtbot.addWidget(app.window)
    app.window.open_workspace(workspace_path)
    writer.run_all()
    assert app.window.select_node(node_id)
    return app, writer


def test_a_quick_second_edit_undoes_to_the_first(qtbot, workspace_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The writer has not saved the first value when the second is typed: undo goes back
    to the first value, not to the one before both."""
    app, writer = _held_desktop(qtbot, workspace_path, SECOND_ITEM)
    department = app.window.item_pane.detail.department
    for name in ("标准化处", "质量发展处"):
        department.setText(name)
        department.editingFinished.emit()  # both sent before the writer runs
    writer.run_all()
    assert app.service.data.state(SECOND_ITEM).responsible_department == "质量发展处"
    app.window.undo_action.trigger()
    writer.run_all()
    assert app.service.data.state(SECOND_ITEM).responsible_department == "标准化处"
    app.service.close()
    writer.run_all()  # the close itself


def test_an_undo_shows_the_note_before_its_write_lands(qtbot, workspace_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The note kept the undone text until the undo's write landed, and leaving the note
    meanwhile saved that text again: the undo was lost without a sign."""
    from PySide6.QtGui import QTextCursor

    app, writer = _held_desktop(qtbot, workspace_path, SECOND_ITEM)
    app.service.set_item(SECOND_ITEM, note="待启动。")
    writer.run_all()
    app.window.show()
    detail = app.window.item_pane.detail
    detail.note.setFocus()
    qtbot.waitUntil(detail.note.hasFocus)
    detail.note.moveCursor(QTextCursor.MoveOperation.End)
    _type(detail.note, "误写的一句话。")
    detail.save_note()
    writer.run_all()
    assert app.service.data.state(SECOND_ITEM).note == "待启动。误写的一句话。"
    app.window.undo_action.trigger()  # its write waits, as on a slow network drive
    assert detail.note.toPlainText() == "待启动。"
    app.window.table.setFocus()  # leaving the note saves it
    writer.run_all()
    assert app.service.data.state(SECOND_ITEM).note == "待启动。"
    assert detail.note.toPlainText() == "待启动。"
    app.service.close()
    writer.run_all()


def test_a_relink_landing_after_the_close_is_no_error(qtbot, workspace_path: Path,  # type: ignore[no-untyped-def]
                                                     tmp_path: Path) -> None:
    """Undoing a removal, then closing before its write landed: reading the evidence again
    raised "no assessment is open" from the writer's callback."""
    app, writer = _held_desktop(qtbot, workspace_path, SECOND_ITEM)
    evidence = tmp_path / "方案.txt"
    evidence.write_text("方案", encoding="utf-8")
    app.service.attach(SECOND_ITEM, [evidence])
    _run_until_idle(writer)
    attached = app.service.data.evidence[SECOND_ITEM][0]
    app.service.detach(SECOND_ITEM, attached.id)
    _run_until_idle(writer)
    app.service.relink(SECOND_ITEM, attached.id)  # as Undo does; its write waits
    app.service.close()
    _run_until_idle(writer)  # the relink lands after the close, then the close itself
    assert app.service.data is None


def _run_until_idle(writer) -> None:  # type: ignore[no-untyped-def]
    """Run the held jobs and those their results queue."""
    while writer.jobs:
        writer.run_all()


def test_two_targets_typed_quickly_keep_both_values(qtbot, workspace_path: Path) -> None:  # type: ignore[no-untyped-def]
    app, writer = _held_desktop(qtbot, workspace_path)
    fields = app.window.item_pane.detail.targets.values
    for index, text in ((0, "52"), (1, "20")):
        fields[index].setText(text)
        fields[index].editingFinished.emit()  # the second before the first is saved
    writer.run_all()
    assert app.service.data.state(GOALS).actual_values == (52, 20)
    app.service.close()
    writer.run_all()


def test_a_save_landing_keeps_what_is_being_typed(qtbot, workspace_path: Path) -> None:  # type: ignore[no-untyped-def]
    app, writer = _held_desktop(qtbot, workspace_path)
    fields = app.window.item_pane.detail.targets.values
    fields[0].setText("52")
    fields[0].editingFinished.emit()
    qtbot.keyClicks(fields[1], "2")  # still typing when the first save lands
    writer.run_all()
    assert fields[1].text() == "2"
    fields[1].editingFinished.emit()
    writer.run_all()
    assert app.service.data.state(GOALS).actual_values == (52, 2)
    app.service.close()
    writer.run_all()


def test_three_quick_edits_keep_every_value(qtbot, workspace_path: Path) -> None:  # type: ignore[no-untyped-def]
    app, writer = _held_desktop(qtbot, workspace_path)
    fields = app.window.item_pane.detail.targets.values
    for index, text in ((0, "52"), (1, "20")):
        fields[index].setText(text)
        fields[index].editingFinished.emit()
    writer.jobs.pop(0).run()  # the first save lands, the second is still queued
    fields[0].setText("60")
    fields[0].editingFinished.emit()
    writer.run_all()
    assert app.service.data.state(GOALS).actual_values == (60, 20)
    app.service.close()
    writer.run_all()


def test_a_work_plan_row_shows_each_column_once(window) -> None:  # type: ignore[no-untyped-def]
    assert window.select_node("chongqing-2022/plan/1")
    detail = window.item_pane.detail
    assert detail.heading.text().endswith("1. 市发展改革委标准化工作任务")
    text = detail.text.toPlainText()
    assert text.splitlines()[0] == "支持制定（修订）国家和行业标准：10"
    assert text.count("制定（修订）地方标准") == 1


def test_messages_show_file_names_as_typed_not_as_markup(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """QLabel guesses rich text: an empty file named <b>通知<b>.pdf was announced in bold
    as “通知.pdf”, a name the user cannot find. Labels of files and document text are plain."""
    from PySide6.QtCore import Qt

    hostile = tmp_path / "<b>通知<b>.pdf"  # no "/" in a file name
    hostile.touch()
    window.attach_files(SECOND_ITEM, [hostile])
    label = window.banner.error.label
    assert "<b>通知<b>.pdf" in label.text()
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert window.select_node(SECOND_ITEM)
    detail = window.item_pane.detail
    assert detail.heading.textFormat() == detail.departments.textFormat() \
        == Qt.TextFormat.PlainText


def test_document_text_shows_chinese_punctuation(window) -> None:  # type: ignore[no-untyped-def]
    """The web copies' ASCII marks (到2025年,实现…) showed in the window while the report
    printed 到2025年，实现…; the stored text keeps what was imported."""
    goals = "chongqing-2022/一/(二)"
    assert window.select_node(goals)
    detail = window.item_pane.detail
    stored = window.service.data.checklist.node(goals)
    assert "到2025年,实现" in stored.text
    assert "到2025年，实现" in detail.text.toPlainText()
    labels = [row.findChild(QLabel).text() for row in detail.action_rows]
    assert labels and not any("," in label for label in labels)


def test_an_item_of_one_sentence_has_no_sub_items_box(  # type: ignore[no-untyped-def]
        window, qtbot, workspace_path) -> None:
    """It showed 子项（0/1） with the item's own sentence again as its one checkbox."""
    from checklist_app.storage.workspace import Workspace

    window.service.close()
    with Workspace.open(workspace_path, user="tester") as workspace:  # 辽宁 has such items
        workspace.new_assessment(checklist_doc_id="liaoning-2022",
                                 national_doc_id="national-2021", office="辽宁省市场监管局")
    window.open_workspace(workspace_path)
    checklist = window.service.data.checklist
    assert checklist.id == "liaoning-2022"
    single = next(n for n in checklist.checkable_nodes() if len(n.actions) == 1)
    several = next(n for n in checklist.checkable_nodes() if len(n.actions) > 1)
    detail = window.item_pane.detail
    assert window.select_node(single.id)
    assert not detail.actions_box.isVisibleTo(window)
    assert window.select_node(several.id)
    assert detail.actions_box.isVisibleTo(window)
    window.service.set_item(single.id, ticked_actions=frozenset({0}))  # ticked before (CLI)
    qtbot.waitUntil(lambda: bool(window.service.data.state(single.id).ticked_actions))
    assert window.select_node(single.id)
    assert detail.actions_box.isVisibleTo(window)  # to be seen and taken back


def test_the_note_box_is_as_tall_as_its_text_within_limits(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """An empty or one-line note took 120 px and pushed the sub-items below the fold at
    1366×768; it now grows with its lines (wrapped ones too) and scrolls past six."""
    assert window.select_node(FIRST_ITEM)
    window.resize(1256, 706)
    note = window.item_pane.detail.note
    line = note.fontMetrics().lineSpacing()
    note.setPlainText("")
    qtbot.waitUntil(lambda: note.height() < 4 * line + 20)
    short = note.height()
    note.setPlainText("\n".join(f"第{n}行" for n in range(1, 5)))
    qtbot.waitUntil(lambda: note.height() > short)
    assert note.lines_shown() == 4 and note.height() - short == line
    note.setPlainText("很长的备注" * 200)  # one paragraph, wrapped over many lines
    qtbot.waitUntil(lambda: note.height() == short + 3 * line)  # six lines, no more
    assert note.lines_shown() == 6
    assert note.verticalScrollBar().maximum() > 0  # the rest scrolls
