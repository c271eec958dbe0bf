"""The item pane's evidence actions and the assessment-wide evidence export: every exported
file keeps a name of its own, each action says what it did (or why it could not), and removing
a file is undone with Ctrl+Z like any other change of the item."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from checklist_app.core import ItemStatus
from checklist_app.ui import message_box
from tests.ui.conftest import FIRST_ITEM, screenshot

pytestmark = pytest.mark.gui

SECOND_ITEM = "chongqing-2022/二/(一)/2"


def _same_names(tmp_path: Path) -> list[Path]:
    """Two different files both called 方案.txt, and a PDF."""
    files = []
    for folder, text in (("甲", "方案甲的内容"), ("乙", "方案乙，另一份")):
        (tmp_path / folder).mkdir()
        files.append(tmp_path / folder / "方案.txt")
        files[-1].write_text(text, encoding="utf-8")
    files.append(tmp_path / "甲" / "批复.pdf")
    files[-1].write_bytes(b"%PDF-1.4 sample")
    return files


def _answer_next_box(button_text: str, seen: list[str]) -> None:
    """Click ``button_text`` in the next modal message box, noting its text."""
    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(box.text())
        next(b for b in box.buttons() if button_text in b.text()).click()

    QTimer.singleShot(0, answer)


def test_files_of_the_same_name_are_all_exported_and_none_replaced(window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window.attach_files(FIRST_ITEM, _same_names(tmp_path))
    assert window.select_node(FIRST_ITEM)
    out = tmp_path / "导出"
    out.mkdir()
    (out / "方案.txt").write_text("文件夹里原有的文件", encoding="utf-8")
    evidence = window.item_pane.evidence
    evidence.view.selectAll()
    evidence.export_to(out, evidence.selected())
    texts = {p.name: p.read_bytes() for p in out.iterdir()}
    assert texts == {"方案.txt": "文件夹里原有的文件".encode(),
                     "方案 (2).txt": "方案甲的内容".encode(),
                     "方案 (3).txt": "方案乙，另一份".encode(),
                     "批复.pdf": b"%PDF-1.4 sample"}
    message = window.statusBar().currentMessage()
    assert "已导出 3 个文件" in message and str(out) in message
    assert "方案 (2).txt" in message and "方案 (3).txt" in message
    empty = tmp_path / "空文件夹"
    empty.mkdir()
    evidence.export_to(empty, evidence.selected())
    assert {p.name: p.read_bytes() for p in empty.iterdir()} == {
        "方案.txt": "方案甲的内容".encode(), "方案 (2).txt": "方案乙，另一份".encode(),
        "批复.pdf": b"%PDF-1.4 sample"}


def test_a_name_a_folder_does_not_allow_is_told_as_such(window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """CON.txt or a name with a line break is saved under a safe name: the message said
    重名 (a name already taken) and printed the line break."""
    files = [tmp_path / "CON.txt", tmp_path / "第一行\n第二行.pdf"]
    for path in files:
        path.write_bytes(b"content of " + path.name.encode())
    window.attach_files(FIRST_ITEM, files)
    assert window.select_node(FIRST_ITEM)
    evidence = window.item_pane.evidence
    ours = [e for e in evidence.model.evidence() if e.file_name in {p.name for p in files}]
    out = tmp_path / "导出"
    out.mkdir()
    evidence.export_to(out, ours)
    message = window.statusBar().currentMessage()
    assert sorted(p.name for p in out.iterdir()) == ["_CON.txt", "第一行第二行.pdf"]
    assert "文件夹不允许" in message and "重名" not in message and "\n" not in message
    assert "_CON.txt" in message and "第一行\\u000a第二行.pdf" in message


def test_a_file_no_program_opens_is_offered_for_export(desktop, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = desktop.window
    desktop.viewer_copies.root = tmp_path / "opened"
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: False)
    scan = tmp_path / "图纸.dwg"
    scan.write_bytes(b"AC1032 drawing")
    window.attach_files(FIRST_ITEM, [scan])
    assert window.select_node(FIRST_ITEM)
    evidence = window.item_pane.evidence
    evidence.view.setCurrentIndex(evidence.model.index(0, 0))
    out = tmp_path / "另存"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(out))
    seen: list[str] = []
    _answer_next_box("导出", seen)
    evidence.open_selected()
    assert len(seen) == 1 and "图纸.dwg" in seen[0] and "没有" in seen[0]
    assert (out / "图纸.dwg").read_bytes() == b"AC1032 drawing"


def test_adding_a_file_the_item_has_says_so(window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    pdf = tmp_path / "评奖办法.pdf"
    pdf.write_bytes(b"%PDF-1.4 rules")
    window.attach_files(FIRST_ITEM, [pdf])
    assert not window.banner.notice.isVisible()
    window.attach_files(FIRST_ITEM, [pdf])
    assert [e.file_name for e in window.service.data.evidence[FIRST_ITEM]] == ["评奖办法.pdf"]
    notice = window.banner.notice
    assert notice.isVisible() and "评奖办法.pdf" in notice.label.text()
    assert "已" in notice.label.text() and "添加" in notice.label.text()


def test_the_same_content_under_another_name_is_pointed_out(window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A copy renamed 评奖办法（终稿）.pdf was attached beside the original without a word."""
    pdf = tmp_path / "评奖办法.pdf"
    pdf.write_bytes(b"%PDF-1.4 rules")
    window.attach_files(FIRST_ITEM, [pdf])
    copy = tmp_path / "评奖办法（终稿）.pdf"
    copy.write_bytes(pdf.read_bytes())
    window.attach_files(FIRST_ITEM, [copy])
    assert len(window.service.data.evidence[FIRST_ITEM]) == 2  # attached: the user decides
    text = window.banner.notice.label.text()
    assert "评奖办法（终稿）.pdf" in text and "内容相同" in text


def test_two_files_of_one_content_in_one_drop_are_pointed_out(window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """x.pdf and x 副本.pdf dropped together were both attached without a word: only a twin
    attached earlier was noticed."""
    pdf, copy = tmp_path / "评奖办法.pdf", tmp_path / "评奖办法 副本.pdf"
    for path in (pdf, copy):
        path.write_bytes(b"%PDF-1.4 the same rules")
    window.attach_files(FIRST_ITEM, [pdf, copy])
    assert len(window.service.data.evidence[FIRST_ITEM]) == 2
    text = window.banner.notice.label.text()
    assert "评奖办法 副本.pdf" in text and "内容相同" in text


def test_programs_and_scripts_that_are_what_they_say_get_no_notice(window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    program, script = tmp_path / "setup.exe", tmp_path / "run.bat"
    program.write_bytes(b"MZ\x90\x00\x03\x00\x00\x00" + bytes(120))
    script.write_text("@echo off\r\necho 自查\r\n", encoding="gb18030")
    window.attach_files(FIRST_ITEM, [program, script])
    assert len(window.service.data.evidence[FIRST_ITEM]) == 2
    assert not window.banner.notice.isVisible()


def test_removing_evidence_is_undone_by_ctrl_z(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    files = _same_names(tmp_path)
    window.attach_files(FIRST_ITEM, files)
    assert window.select_node(FIRST_ITEM)
    window.table.setFocus()
    QTest.keyClick(window.table, Qt.Key.Key_Space)  # a status change before the removal
    status = window.service.data.state(FIRST_ITEM).status
    evidence = window.item_pane.evidence
    evidence.view.setCurrentIndex(evidence.model.index(1, 0))  # the second 方案.txt
    removed = evidence.selected()[0]
    seen: list[str] = []
    _answer_next_box("是", seen)
    evidence.remove_selected()
    assert "撤销" in seen[0]
    said = window.statusBar().currentMessage()  # the list alone changed, quietly
    assert "移除 1 个文件" in said and "撤销" in said
    names = lambda: [e.id for e in window.service.data.evidence[FIRST_ITEM]]  # noqa: E731
    assert removed.id not in names() and len(names()) == 2
    assert "方案.txt" in window.undo_action.text()
    window.activateWindow()  # the question box had been the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.table.setFocus()
    QTest.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    after_undo = window.service.data.evidence[FIRST_ITEM]
    assert [e.id for e in after_undo][1] == removed.id  # back where it was
    assert after_undo[1].sha256 == removed.sha256
    assert window.service.data.state(FIRST_ITEM).status == status  # not the earlier change
    QTest.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.service.data.state(FIRST_ITEM).status == ItemStatus.DONE
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert removed.id not in names()


def test_attaching_is_undone_by_undo_and_nothing_else(window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Attaching was no undo step: Ctrl+Z after attaching the wrong file undid the change
    made before it (the item's status), and the file stayed."""
    assert window.select_node(SECOND_ITEM)
    window.cycle_status()
    status = window.service.data.state(SECOND_ITEM).status
    files = _same_names(tmp_path)[1:]
    window.attach_files(SECOND_ITEM, files)
    attached = [e.id for e in window.service.data.evidence[SECOND_ITEM]]
    assert len(attached) == 2
    assert "添加 2 个佐证材料" in window.undo_stack.undoText()
    window.undo_action.trigger()
    assert window.service.data.evidence.get(SECOND_ITEM, []) == []
    assert window.service.data.state(SECOND_ITEM).status == status
    window.redo_action.trigger()
    assert [e.id for e in window.service.data.evidence[SECOND_ITEM]] == attached
    window.attach_files(SECOND_ITEM, [files[0]])  # already there: nothing to undo
    assert "添加 2 个佐证材料" in window.undo_stack.undoText()


def test_an_ampersand_in_a_step_takes_no_access_key(window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """撤销 添加佐证材料 R&D.pdf(&U) read as Alt+D, the D underlined and the & gone."""
    from PySide6.QtGui import QKeySequence

    report = tmp_path / "R&D.pdf"
    report.write_bytes(b"%PDF-1.4 sample")
    window.attach_files(SECOND_ITEM, [report])
    text = window.undo_action.text()
    assert text == "撤销 添加佐证材料 R&&D.pdf(&U)"
    assert QKeySequence.mnemonic(text).toString() == "Alt+U"


def test_hidden_characters_of_file_names_are_written_out_in_messages(window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A right-to-left override reversed the rest of the line (evil\u202efdp.exe read as a
    .pdf in the very dialog that warns of programs), and a line break split the name."""
    program = tmp_path / "evil\u202efdp.exe"
    program.write_text("not a program\n", encoding="utf-8")  # text named .exe: a warning
    window.attach_files(FIRST_ITEM, [program])
    notice = window.banner.notice.label.text()
    assert "evil\\u202efdp.exe" in notice and "\u202e" not in notice
    assert window.undo_stack.undoText().endswith("evil\\u202efdp.exe")
    assert window.select_node(FIRST_ITEM)
    evidence = window.item_pane.evidence
    row = next(r for r in range(evidence.model.rowCount())
               if evidence.model.evidence()[r].file_name == program.name)
    evidence.view.setCurrentIndex(evidence.model.index(row, 0))
    seen: list[str] = []
    _answer_next_box("取消", seen)
    evidence.open_selected()
    _answer_next_box("否", seen)
    evidence.remove_selected()
    assert len(seen) == 2 and all("evil\\u202efdp.exe" in text and "\u202e" not in text
                                  for text in seen)


def test_several_removed_files_come_back_in_their_order(window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window.attach_files(FIRST_ITEM, _same_names(tmp_path))
    assert window.select_node(FIRST_ITEM)
    evidence = window.item_pane.evidence
    before = [e.id for e in window.service.data.evidence[FIRST_ITEM]]
    selection = evidence.view.selectionModel()
    for row in (0, 2):
        selection.select(evidence.model.index(row, 0), selection.SelectionFlag.Select)
    _answer_next_box("是", [])
    evidence.remove_selected()
    assert [e.id for e in window.service.data.evidence[FIRST_ITEM]] == [before[1]]
    window.undo_action.trigger()
    assert [e.id for e in window.service.data.evidence[FIRST_ITEM]] == before


def test_the_assessment_evidence_is_exported_as_numbered_in_the_report(window, tmp_path,  # type: ignore[no-untyped-def]
                                                                  monkeypatch) -> None:
    files = _same_names(tmp_path)
    window.attach_files(FIRST_ITEM, files[:2])
    window.attach_files(SECOND_ITEM, files[2:])
    out = tmp_path / "附件3"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(out))
    seen: list[float] = []
    show = window.job_progress.on_progress

    def watch(fraction: float, message: str) -> None:
        show(fraction, message)
        seen.append(fraction)

    window.job_progress.on_progress = watch
    action = window.export_evidence_action
    # no annex number: the index is 附件2 or 附件3 by the parts printed
    assert action.isEnabled() and action.text().startswith("导出佐证材料")
    action.trigger()
    assert seen and not window.job_progress.isVisible()
    rows = list(csv.reader((out / "佐证材料目录.csv").read_text(encoding="utf-8-sig")
                           .splitlines()))
    assert [row[:3] for row in rows[1:]] == [["1", "方案.txt", "方案.txt"],
                                             ["2", "方案 (2).txt", "方案.txt"],
                                             ["3", "批复.pdf", "批复.pdf"]]
    assert (out / "方案 (2).txt").read_text(encoding="utf-8") == "方案乙，另一份"
    message = window.statusBar().currentMessage()
    assert "3 个佐证材料文件" in message and str(out) in message
    assert "佐证材料目录.csv" in message


def test_a_cancelled_evidence_export_leaves_the_folder_as_it_was(window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window.attach_files(FIRST_ITEM, _same_names(tmp_path))
    out = tmp_path / "附件3"
    out.mkdir()
    (out / "说明.txt").write_text("原有", encoding="utf-8")
    show = window.job_progress.on_progress

    def cancel_on_second_file(fraction: float, message: str) -> None:
        show(fraction, message)
        if fraction > 0:
            window.job_progress.cancel_button.click()

    window.job_progress.on_progress = cancel_on_second_file
    window.export_evidence(out)
    assert [p.name for p in out.iterdir()] == ["说明.txt"]
    assert not window.job_progress.isVisible()
    assert "取消" in window.banner.error.label.text()


def test_exporting_again_into_the_folder_adds_no_copies(window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window.attach_files(FIRST_ITEM, _same_names(tmp_path))
    out = tmp_path / "附件3"
    window.export_evidence(out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    window.export_evidence(out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    message = window.statusBar().currentMessage()
    assert "3 个佐证材料文件" in message
    assert "其中 3 个文件在该文件夹中已有内容相同的一份，未重复写入" in message
    show = window.job_progress.on_progress

    def cancel_on_second_file(fraction: float, message: str) -> None:
        show(fraction, message)
        if fraction > 0:
            window.job_progress.cancel_button.click()

    window.job_progress.on_progress = cancel_on_second_file
    window.export_evidence(out)  # cancelled: what the first export wrote stays
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_name_with_a_direction_override_shows_the_override(window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """rtl‮gnp.exe drew as rtlexe.png: an .exe passing for a picture."""
    shown = _attached_and_listed(window, tmp_path / "rtl\u202egnp.exe", b"MZ not a program")
    assert any(text.startswith("rtl\\u202egnp.exe\n") for text in shown)
    assert not any("\u202e" in text for text in shown)


def test_a_damaged_file_is_named_and_the_others_exported(window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """One damaged file stopped the export and took back the files already written."""
    import sqlite3
    from contextlib import closing

    window.attach_files(FIRST_ITEM, _same_names(tmp_path))
    with closing(sqlite3.connect(window.service.data.path)) as conn:  # a bad disk sector
        conn.execute("UPDATE chunks SET data = x'00' WHERE content_id = (SELECT content_id "
                     "FROM evidence WHERE file_name = '批复.pdf')")
        conn.commit()
    out = tmp_path / "附件3"
    seen: list[str] = []
    _answer_next_box("", seen)  # its one button
    window.export_evidence(out)
    QTest.qWait(50)
    assert sorted(p.name for p in out.iterdir()) == [
        "佐证材料目录.csv", "佐证材料目录.txt", "方案 (2).txt", "方案.txt"]
    assert len(seen) == 1 and "批复.pdf" in seen[0] and "未能导出" in seen[0]
    assert "（在工作区中已损坏，未导出）" in (out / "佐证材料目录.txt").read_text(
        encoding="utf-8-sig")


def test_a_small_files_size_reads_in_bytes_as_the_report_prints_it(window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The list said 14 B where the report's 佐证材料目录 says 14 字节."""
    shown = _attached_and_listed(window, tmp_path / "评奖办法.pdf", b"%PDF-1.4 rules")
    assert "\n14 字节 · " in shown[0]


def _attached_and_listed(window, path: Path, content: bytes) -> list[str]:  # type: ignore[no-untyped-def]
    """Attach a file of ``content`` to the first item; what its evidence list shows."""
    path.write_bytes(content)
    window.attach_files(FIRST_ITEM, [path])
    assert window.select_node(FIRST_ITEM)
    model = window.item_pane.evidence.model
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def test_an_evidence_tooltip_has_no_blank_line_for_a_missing_description(window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    pdf = tmp_path / "评奖办法.pdf"
    pdf.write_bytes(b"%PDF-1.4 rules")
    window.attach_files(FIRST_ITEM, [pdf])
    assert window.select_node(FIRST_ITEM)
    model = window.item_pane.evidence.model
    assert model.rowCount() == 1
    tip = model.data(model.index(0), Qt.ItemDataRole.ToolTipRole)
    lines = tip.split("\n")
    assert lines[0] == "评奖办法.pdf" and "" not in lines and lines[-1].startswith("SHA-256 ")


def test_a_long_file_name_is_shortened_not_scrolled_sideways(window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A long name put a sideways scroll bar under the whole list."""
    from PySide6.QtTest import QTest

    long_name = tmp_path / ("很长的佐证材料文件名" * 8 + ".pdf")  # 80 characters, 244 bytes
    long_name.write_bytes(b"%PDF-1.4 long")
    window.attach_files(FIRST_ITEM, [long_name])
    assert window.select_node(FIRST_ITEM)
    window.item_pane.tabs.setCurrentIndex(0)
    QTest.qWait(50)
    view = window.item_pane.evidence.view
    rect = view.visualRect(view.model().index(0, 0))
    assert rect.width() <= view.viewport().width()
    assert not view.horizontalScrollBar().isVisible()
    screenshot(window.item_pane, "evidence-long-name")


def test_what_the_window_said_about_files_no_longer_there_goes(window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The same file dropped again: 已将 1 个文件添加到… stayed beside 已是该检查项的佐证材料;
    all removed: the banner still said 签到表.txt had the same content as 签到表 副本.txt."""
    sheet, copy = tmp_path / "签到表.txt", tmp_path / "签到表 副本.txt"
    for path in (sheet, copy):
        path.write_text("张三 李四", encoding="utf-8")
    window.attach_files(FIRST_ITEM, [sheet, copy])
    assert "相同" in window.banner.notice.label.text()
    assert "添加到" in window.statusBar().currentMessage()
    window.attach_files(FIRST_ITEM, [sheet])  # again: nothing new
    assert "已是该检查项的佐证材料" in window.banner.notice.label.text()
    assert window.statusBar().currentMessage() == ""
    assert window.select_node(FIRST_ITEM)
    evidence = window.item_pane.evidence
    evidence.view.selectAll()
    _answer_next_box("是", [])
    evidence.remove_selected()
    assert not window.banner.notice.isVisibleTo(window)
    assert "移除" in window.statusBar().currentMessage()


def test_delete_removes_the_selected_file(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Delete in the evidence list did nothing: Tab to 移除 was the only keyboard way."""
    sheet = tmp_path / "签到表.txt"
    sheet.write_text("张三", encoding="utf-8")
    window.attach_files(FIRST_ITEM, [sheet])
    assert window.select_node(FIRST_ITEM)
    view = window.item_pane.evidence.view
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    seen: list[str] = []
    _answer_next_box("是", seen)
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert seen and "签到表.txt" in seen[0]
    assert not window.service.data.evidence.get(FIRST_ITEM)


def test_a_long_file_name_is_shortened_in_the_edit_menu(window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """撤销 添加佐证材料 关于印发…最终定稿版本.pdf made the Edit menu 1075 px wide: on a
    small screen its Ctrl+Z was cut off."""
    from checklist_app.ui.main_window import STEP_SHOWN_CHARS

    name = "关于印发" + "标准化工作实施方案的通知及其附件材料汇编" * 3 + "最终定稿版本.pdf"
    document = tmp_path / name
    document.write_bytes(b"%PDF-1.4\n%%EOF\n")
    window.attach_files(FIRST_ITEM, [document])
    text = window.undo_action.text()
    assert "…" in text and text.endswith("定稿版本.pdf(&U)")
    assert len(text) <= len("撤销 ") + STEP_SHOWN_CHARS + len("(&U)")
    assert name in window.undo_action.toolTip()  # named whole where there is room


def test_one_refused_file_of_a_drop_leaves_the_others_to_attach(  # type: ignore[no-untyped-def]
        window, qtbot, tmp_path) -> None:
    """An empty (or locked) file among those dropped refused the whole drop: 所选的 3 个
    文件中有 1 个不能作为佐证材料，因此全部未添加, and the others had to be dropped again."""
    files = [tmp_path / name for name in ("纪要.txt", "空白.txt", "照片说明.txt")]
    files[0].write_text("会议纪要", encoding="utf-8")
    files[1].write_bytes(b"")
    files[2].write_text("现场照片", encoding="utf-8")
    window.attach_files(FIRST_ITEM, files)
    error = window.banner.error
    assert "全部未添加" in error.label.text()
    assert error.offer.isVisibleTo(window) and error.offer.text() == "添加其余 2 个文件"
    qtbot.mouseClick(error.offer, Qt.MouseButton.LeftButton)
    names = [e.file_name for e in window.service.data.evidence.get(FIRST_ITEM, [])]
    assert "纪要.txt" in names and "照片说明.txt" in names and "空白.txt" not in names
    notice = window.banner.notice.label.text()
    assert "以下文件未添加" in notice and "空白.txt" in notice
    assert not error.isVisibleTo(window)  # the attach went through
    window.undo_action.trigger()  # the two attached are one step
    assert not any(e.file_name in ("纪要.txt", "照片说明.txt")
                   for e in window.service.data.evidence.get(FIRST_ITEM, []))
    window.attach_files(FIRST_ITEM, [files[1]])  # a lone file refused: nothing to offer
    assert not error.offer.isVisibleTo(window)


def test_open_and_remove_act_on_a_chosen_file_and_new_files_are_chosen(window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Added from the keyboard, a file was listed unselected and Open and Remove, enabled,
    did nothing at all. Files just attached are selected; with several and none chosen the
    two are off; an item's only file is theirs without choosing it."""
    files = []
    for name in ("签到表.txt", "会议纪要.txt", "照片说明.txt"):
        files.append(tmp_path / name)
        files[-1].write_text(name, encoding="utf-8")
    assert window.select_node(FIRST_ITEM)
    evidence = window.item_pane.evidence
    window.attach_files(FIRST_ITEM, files[:1])
    assert [e.file_name for e in evidence.selected()] == ["签到表.txt"]
    window.attach_files(FIRST_ITEM, files[1:])
    assert sorted(e.file_name for e in evidence.selected()) == ["会议纪要.txt", "照片说明.txt"]
    assert evidence.buttons["open"].isEnabled() and evidence.buttons["remove"].isEnabled()
    assert window.select_node("chongqing-2022/二/(一)/2") and window.select_node(FIRST_ITEM)
    assert evidence.selected() == []  # three files, none chosen
    assert not evidence.buttons["open"].isEnabled()
    assert not evidence.buttons["remove"].isEnabled()
    evidence.view.setCurrentIndex(evidence.model.index(1, 0))
    assert evidence.buttons["open"].isEnabled() and evidence.buttons["remove"].isEnabled()


def test_a_file_is_described_with_f2_shown_in_the_list_and_undone(window, qtbot, tmp_path,  # type: ignore[no-untyped-def]
                                                                   monkeypatch) -> None:
    """The report prints a file's description under its name, and only the command line
    could set one. F2 (or Description… in the right-click menu) asks for it; the list
    shows it; Ctrl+Z puts the one before back."""


    minutes = tmp_path / "会议纪要.txt"
    minutes.write_text("纪要", encoding="utf-8")
    window.attach_files(FIRST_ITEM, [minutes])
    assert window.select_node(FIRST_ITEM)
    evidence = window.item_pane.evidence
    asked: list[str] = []

    def answer(_parent, _title, label, _echo, text):  # type: ignore[no-untyped-def]
        asked.append(label)
        return "第三季度 推进会\n纪要", True

    monkeypatch.setattr(message_box, "get_text", answer)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    evidence.view.setFocus()
    evidence.view.setCurrentIndex(evidence.model.index(0, 0))  # as a click chooses it
    QTest.keyClick(evidence.view, Qt.Key.Key_F2)
    window.service.wait_idle()
    qtbot.waitUntil(lambda: window.service.data.evidence[FIRST_ITEM][0].description != "")
    assert "会议纪要.txt" in asked[0]
    assert window.service.data.evidence[FIRST_ITEM][0].description == "第三季度 推进会 纪要"
    assert "第三季度 推进会 纪要" in evidence.model.index(0, 0).data()
    assert evidence.view.selectionModel().isSelected(evidence.model.index(0, 0))  # kept
    menu = [a.text() for a in evidence.context_menu().actions() if a.isEnabled()]
    assert menu == ["打开", "说明…", "导出…", "移除"]
    button = evidence.buttons["describe"]  # and a button, not only the key and the menu
    assert button.isEnabled() and button.text() == "填写说明…"
    button.click()
    assert len(asked) == 2  # the same question (the same answer: nothing to change)
    assert window.undo_action.text().startswith("撤销 修改佐证材料“会议纪要.txt”的说明")
    window.undo_action.trigger()
    window.service.wait_idle()
    qtbot.waitUntil(lambda: window.service.data.evidence[FIRST_ITEM][0].description == "")


def test_a_refused_description_is_no_step_to_undo(window, qtbot, tmp_path,  # type: ignore[no-untyped-def]
                                                   monkeypatch) -> None:
    """A file carried with a closed period's evidence keeps the description its report
    printed: the change was refused, yet Undo offered to undo it and said it had."""


    minutes = tmp_path / "会议纪要.txt"
    minutes.write_text("纪要", encoding="utf-8")
    window.attach_files(FIRST_ITEM, [minutes])
    window.service.carry_forward("2025年度", include_evidence=True, close_first=True)
    window.service.wait_idle()
    window.undo_stack.clear()
    assert window.select_node(FIRST_ITEM)
    evidence = window.item_pane.evidence
    monkeypatch.setattr(message_box, "get_text", lambda *_args: ("新的说明", True))
    evidence.view.setCurrentIndex(evidence.model.index(0, 0))
    evidence.describe_selected()
    window.service.wait_idle()
    qtbot.waitUntil(lambda: not window.undo_stack.canUndo())
    assert window.service.data.evidence[FIRST_ITEM][0].description == ""
    assert not window.undo_action.isEnabled() and not window.redo_action.isEnabled()
    assert "已关闭" in window.banner.error.label.text()


def test_a_long_description_is_shown_from_its_start(window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The list shortened every line in the middle: a long description showed its first
    and last words only. The name keeps both ends (its type), the description its start."""
    from PySide6.QtWidgets import QStyleOptionViewItem

    from tests.ui.conftest import screenshot

    name = "关于开展二〇二四年度标准化工作专项检查情况的报告（终稿）" * 2 + ".pdf"
    report = tmp_path / name
    report.write_bytes(b"%PDF-1.4\n")
    window.attach_files(FIRST_ITEM, [report])
    window.service.wait_idle()
    description = "第三季度标准化推进会会议纪要，" + "记录各部门落实情况和下一步安排，" * 6 + "完"
    window.service.describe_evidence(FIRST_ITEM, window.service.data.evidence[FIRST_ITEM][0].id,
                                     description)
    window.service.wait_idle()
    assert window.select_node(FIRST_ITEM)
    evidence = window.item_pane.evidence
    view, index = evidence.view, evidence.model.index(0, 0)
    assert description in index.data()
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = view.visualRect(index)
    delegate = view.itemDelegate()
    delegate.initStyleOption(option, index)
    shown_name, _size, shown_description = delegate.fitted_text(option).split("\u2028")
    assert "…" in shown_name and shown_name.endswith("稿）.pdf")
    assert shown_description.startswith("第三季度标准化推进会") and shown_description.endswith("…")
    screenshot(evidence, "evidence-long-description")
