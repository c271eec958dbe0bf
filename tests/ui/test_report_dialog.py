"""The report dialog's choice of parts and where it shows font notes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from checklist_app.report import fonts as fonts_module
from checklist_app.report.fonts import bundled_font_path
from checklist_app.report.parts import ReportPart
from checklist_app.ui import glyphs, message_box
from checklist_app.ui.glyphs import on_screen
from tests.ui.conftest import OFFICE

pytestmark = pytest.mark.gui


def outline_titles(path: Path) -> list[str]:
    found: list[str] = []

    def walk(items) -> None:  # type: ignore[no-untyped-def]
        for item in items:
            walk(item) if isinstance(item, list) else found.append(item.title)

    walk(PdfReader(path).outline)
    return found


def untick(qtbot, dialog, *parts: ReportPart) -> None:  # type: ignore[no-untyped-def]
    for part in parts:
        box = dialog.part_boxes[part]
        assert box.isChecked()
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
        assert not box.isChecked()


def test_unticked_annexes_are_left_out_and_the_rest_renumbered(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    dialog = window.open_report()
    dialog.word_copy.setChecked(True)
    untick(qtbot, dialog, ReportPart.TABLE, ReportPart.CROSSWALK)
    dialog.generate_button.click()
    assert dialog.pdf_path is not None
    names = outline_titles(dialog.pdf_path)
    assert names[0] == "自查报告" and "一、自查工作开展情况" in names
    assert "附件1 佐证材料目录" in names and "附件2 变更记录" in names
    assert not any("自查自评表" in n or "三级对照表" in n for n in names)
    from docx import Document as WordDocument

    word = "\n".join(p.text for p in WordDocument(str(dialog.pdf_path.with_suffix(".docx")))
                     .paragraphs)
    assert "附件：1.佐证材料目录" in word and "三级对照表" not in word
    dialog.close()


def test_the_word_copy_is_named_and_saved_beside_the_pdf(  # type: ignore[no-untyped-def]
        qtbot, window, tmp_path, monkeypatch) -> None:
    dialog = window.open_report()
    dialog.word_copy.setChecked(True)
    dialog.generate_button.click()
    assert dialog.word_copy_path() is not None
    assert dialog.word_button.isVisibleTo(dialog)
    assert str(dialog.word_copy_path()) in dialog.message.text()  # where it went, said plainly
    dialog.save_to(tmp_path / "自查报告.pdf")
    assert (tmp_path / "自查报告.pdf").stat().st_size > 0
    assert (tmp_path / "自查报告.docx").stat().st_size > 0
    assert "自查报告.docx" in dialog.message.text()
    dialog.save_to(tmp_path / "no-such-folder" / "r.pdf")  # a failed copy is said, not raised
    assert "no-such-folder" in dialog.message.text()
    database = b"SQLite format 3\x00" + bytes(4080)  # a workspace someone named .pdf
    (tmp_path / "工作区.pdf").write_bytes(database)
    dialog.save_to(tmp_path / "工作区.pdf")
    assert "是工作区或其他数据库，不是报告" in dialog.message.text()
    assert (tmp_path / "工作区.pdf").read_bytes() == database
    assert not (tmp_path / "工作区.docx").exists()

    def held_open(source: object, target: object) -> None:  # Windows: Word has the .docx open
        error = PermissionError(13, "拒绝访问。", str(target))
        error.winerror = 5  # type: ignore[attr-defined]
        raise error

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", held_open)
        dialog.save_to(tmp_path / "自查报告.pdf")
    assert "可能正被其他程序打开（PDF 阅读器、Word？）" in dialog.message.text()
    first = dialog.pdf_path
    dialog.word_copy.setChecked(False)
    dialog.generate_button.click()  # within the same second: a new name, not the old files
    assert dialog.pdf_path != first and first.with_suffix(".docx").exists()
    assert dialog.word_copy_path() is None and not dialog.word_button.isVisibleTo(dialog)
    dialog.close()


def test_compact_style_turns_the_body_off(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    dialog = window.open_report()
    body = dialog.part_boxes[ReportPart.BODY]
    dialog.style_choice.setCurrentIndex(dialog.style_choice.findData("compact"))
    assert not body.isEnabled() and ReportPart.BODY not in dialog.selected_parts()
    untick(qtbot, dialog, ReportPart.TABLE, ReportPart.CROSSWALK, ReportPart.EVIDENCE)
    dialog.generate_button.click()
    assert dialog.pdf_path is not None
    assert outline_titles(dialog.pdf_path)[1:] == ["附件 变更记录"]
    dialog.style_choice.setCurrentIndex(dialog.style_choice.findData("gbt9704"))
    assert body.isEnabled() and dialog.selected_parts() == [ReportPart.BODY,
                                                             ReportPart.CHANGES]
    dialog.close()


def test_a_report_made_with_other_choices_is_neither_printed_nor_saved(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """A clerk unticked 三级对照表 after generating and pressed 打印: the report printed had
    it, and the dialog still said 报告已生成."""
    dialog = window.open_report()
    dialog.generate_button.click()
    assert dialog.pdf_path is not None and dialog.print_button.isEnabled()
    made = dialog.message.text()
    untick(qtbot, dialog, ReportPart.CROSSWALK)
    assert dialog.stale and not dialog.print_button.isEnabled()
    assert not dialog.save_button.isEnabled() and "重新生成" in dialog.message.text()
    assert not dialog.font_notes.isEnabled()  # its cautions greyed: about the report shown
    dialog.part_boxes[ReportPart.CROSSWALK].setChecked(True)  # as it was made: ready again
    assert not dialog.stale and dialog.print_button.isEnabled()
    assert dialog.font_notes.isEnabled()
    assert dialog.message.text() == made
    for change in (lambda: dialog.style_choice.setCurrentIndex(1),
                   lambda: dialog.language.setCurrentIndex(1),
                   lambda: dialog.word_copy.toggle()):
        change()
        assert dialog.stale and not dialog.save_button.isEnabled()
    dialog.generate_button.click()  # made with the new choices: English, compact, Word copy
    assert not dialog.stale and dialog.print_button.isEnabled()
    assert dialog.word_path is not None and "重新生成" not in dialog.message.text()
    dialog.close()


def test_nothing_ticked_is_explained_in_chinese(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    dialog = window.open_report()
    untick(qtbot, dialog, *ReportPart)
    dialog.generate_button.click()
    assert dialog.pdf_path is None and dialog.job is None
    assert "至少" in dialog.message.text()
    assert not list(Path(dialog.reports_folder()).glob("*.pdf"))
    assert dialog.generate_button.isEnabled()
    dialog.close()


def test_font_notes_are_shown_under_the_result(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bogus = tmp_path / "not-a-font.ttf"
    bogus.write_bytes(b"not a font")
    dialog = window.open_report()
    dialog.font_path = str(bogus)
    assert dialog.font_notes.isHidden()
    dialog.generate_button.click()
    assert dialog.pdf_path is not None
    assert not dialog.font_notes.isHidden()
    assert str(bogus) in dialog.font_notes.text()
    assert dialog.font_notes.text() == on_screen("\n".join(dialog.notes))
    assert "fangsong" not in dialog.font_notes.text()  # role names are translated
    assert "--font" not in dialog.font_notes.text()  # the command line is not this window
    assert not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, QMessageBox) and w.isVisible()]
    dialog.close()


def test_report_warnings_are_shown_first_under_the_result(  # type: ignore[no-untyped-def]
        window, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the printed text cannot yet say right (no mapping confirmed) is shown too, with
    what to do about it in the app, not on the command line."""
    from checklist_app.report import builder
    from checklist_app.report.cautions import Caution, CautionKind

    monkeypatch.setattr(builder, "report_cautions",
                        lambda facts, contents, lang: [Caution(CautionKind.UNMAPPED)])
    dialog = window.open_report()
    dialog.generate_button.click()
    assert dialog.pdf_path is not None
    assert not dialog.font_notes.isHidden()
    text = dialog.font_notes.text()
    assert text.startswith("尚未确认任何对照关系")
    assert "“对照关系”选项卡" in text and "“采纳”" in text and "checklist" not in text
    dialog.close()


def test_dialog_screenshot_after_a_build(window) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.conftest import screenshot

    dialog = window.open_report()
    dialog.generate_button.click()
    assert screenshot(dialog, "report-dialog-parts").is_file()
    dialog.close()


def test_the_preview_shows_whole_pages_and_goes_to_a_page(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Fitted to its width, a page of 3号 type was a few giant lines, with no way to page
    through 30 pages or zoom."""
    from tests.ui.conftest import screenshot

    dialog = window.open_report()
    dialog.resize(1000, 700)
    dialog.show()
    preview = dialog.preview
    assert not preview.page.isEnabled()  # nothing generated yet, and the empty area says why
    assert preview.pages.currentWidget() is preview.hint and "生成" in preview.hint.text()
    dialog.generate_button.click()
    count = len(PdfReader(dialog.pdf_path).pages)
    qtbot.waitUntil(lambda: preview.page.maximum() == count)
    assert preview.page_count.text() == f"共 {count} 页"
    assert preview.view.zoomMode() is preview.view.ZoomMode.FitInView
    assert preview.page.value() == 1 and not preview.previous.isEnabled()
    qtbot.mouseClick(preview.next, Qt.MouseButton.LeftButton)
    assert preview.page.value() == 2 and preview.view.pageNavigator().currentPage() == 1
    preview.page.setValue(count)  # typed into the page box
    assert preview.view.pageNavigator().currentPage() == count - 1
    assert not preview.next.isEnabled()
    assert preview.pages.currentWidget() is preview.view
    preview.go_to_page(10)
    preview.zoom.setCurrentIndex(preview.zoom.findText("100%"))
    assert preview.view.zoomMode() is preview.view.ZoomMode.Custom
    assert preview.view.zoomFactor() == 1.0
    qtbot.wait(50)  # the page is gone back to once the view is laid out anew
    kept = preview.view.verticalScrollBar().value()
    preview.go_to_page(10)  # where page 10 is at this zoom
    assert preview.page.value() == 10 and preview.view.verticalScrollBar().value() == kept
    preview.zoom.setCurrentIndex(0)
    preview.go_to_page(1)
    screenshot(dialog, "report-preview")
    dialog.close()


def test_a_new_zoom_stays_on_the_page_shown(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Page 6 in 整页, then 页宽: the page box said 6 and the view showed page 2, as the
    jump to the page already current did nothing and the old pixel offset stayed."""
    dialog = window.open_report()
    dialog.resize(1000, 700)
    dialog.show()
    choose_parts(dialog, ReportPart.BODY, ReportPart.TABLE)
    dialog.generate_button.click()
    preview = dialog.preview
    qtbot.waitUntil(lambda: preview.page.maximum() >= 6, timeout=30000)
    bar = preview.view.verticalScrollBar()

    def offset_of_page_6(zoom: str) -> int:
        preview.zoom.setCurrentIndex(preview.zoom.findText(zoom))
        qtbot.wait(50)
        preview.go_to_page(1)
        preview.go_to_page(6)  # from another page: the jump is done
        return bar.value()

    page_6 = {zoom: offset_of_page_6(zoom) for zoom in ("页宽", "整页")}
    assert page_6["整页"] != page_6["页宽"]
    preview.go_to_page(1)
    qtbot.wait(50)
    preview.go_to_page(6)  # in 整页, from page 1
    qtbot.wait(50)
    preview.zoom.setCurrentIndex(preview.zoom.findText("页宽"))
    qtbot.waitUntil(lambda: bar.value() == page_6["页宽"], timeout=2000)
    assert preview.page.value() == 6
    dialog.close()


def test_the_one_page_of_a_one_page_report_is_shown_from_its_top(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """With one page there is no other page to pass by, and the view kept its offset."""
    from PySide6.QtPdf import QPdfDocument
    from reportlab.pdfgen.canvas import Canvas

    from checklist_app.ui.widgets.pdf_preview import PdfPreview

    pdf = tmp_path / "one.pdf"
    canvas = Canvas(str(pdf))
    canvas.drawString(72, 720, "one page")
    canvas.save()
    document = QPdfDocument()
    preview = PdfPreview(document)
    qtbot.addWidget(preview)
    preview.resize(500, 400)
    preview.show()
    document.load(str(pdf))
    qtbot.waitUntil(lambda: preview.page.maximum() == 1)
    preview.zoom.setCurrentIndex(preview.zoom.findText("200%"))
    bar = preview.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 300)
    bar.setValue(300)
    preview.go_to_page(1)
    assert bar.value() == 0


def test_a_report_made_before_the_assessment_changed_is_neither_printed_nor_saved(  # type: ignore[no-untyped-def]
        qtbot, window) -> None:
    """The dialog's notes send the clerk to write the missing section; back in the dialog,
    打印 printed the report without it, and 报告已生成 still stood."""
    dialog = window.open_report()
    dialog.generate_button.click()
    assert dialog.pdf_path is not None and dialog.print_button.isEnabled()
    made = dialog.message.text()
    window.service.save_narrative({3: "存在问题：标准化人才不足。"})
    qtbot.waitUntil(lambda: dialog.stale)
    assert not dialog.print_button.isEnabled() and not dialog.save_button.isEnabled()
    assert dialog.message.text().startswith("生成报告后自查自评内容已有改动")
    dialog.generate_button.click()  # made again: of the assessment as it is now
    assert not dialog.stale and dialog.print_button.isEnabled()
    assert dialog.message.text() == made
    text = "".join(page.extract_text() for page in PdfReader(dialog.pdf_path).pages)
    assert "标准化人才不足" in "".join(text.split())
    dialog.close()


def test_the_dialog_says_the_day_the_report_bears_and_where_it_is_set(  # type: ignore[no-untyped-def]
        qtbot, window, monkeypatch: pytest.MonkeyPatch) -> None:
    """成文日期: the day the report is made unless one is set in the assessment details,
    followed as it is set there; the report bears it."""
    from datetime import date

    from checklist_app.core import dates

    monkeypatch.setattr(dates, "today", lambda: date(2026, 3, 9))
    dialog = window.open_report()
    assert dialog.dated.text() == "2026年3月9日（生成报告之日）"
    assert dialog.dated.toolTip() == "可在“自查自评 → 自查自评信息…”中另行设定。"
    window.service.update_assessment(window.service.data.assessment.id,
                                     {"report_date": "2026-03-16"})
    qtbot.waitUntil(lambda: dialog.dated.text().startswith("2026年3月16日"))
    assert dialog.dated.text() == "2026年3月16日"
    assert dialog.dated.toolTip() == "在“自查自评 → 自查自评信息…”中设定。"
    untick(qtbot, dialog, ReportPart.TABLE, ReportPart.CROSSWALK, ReportPart.EVIDENCE,
           ReportPart.CHANGES)
    dialog.generate_button.click()
    text = "".join(page.extract_text() for page in PdfReader(dialog.pdf_path).pages)
    assert "2026年3月16日" in "".join(text.split())
    dialog.close()


def test_the_choices_are_remembered(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from checklist_app.settings import Settings

    dialog = window.open_report()
    dialog.style_choice.setCurrentIndex(dialog.style_choice.findData("compact"))
    dialog.word_copy.setChecked(True)
    untick(qtbot, dialog, ReportPart.CHANGES)
    dialog.generate_button.click()
    qtbot.waitUntil(lambda: dialog.pdf_path is not None, timeout=30000)
    dialog.close()
    saved = Settings.load()
    assert (saved.report_style, saved.report_word_copy) == ("compact", True)
    assert "changes" not in saved.report_parts and "table" in saved.report_parts
    again = window.open_report()
    assert again.style_choice.currentData() == "compact" and again.word_copy.isChecked()
    assert not again.part_boxes[ReportPart.CHANGES].isChecked()
    body = again.part_boxes[ReportPart.BODY]
    assert not body.isEnabled()  # compact has no 正文
    assert not body.isChecked()  # ticked and greyed, it said the body would print
    again.style_choice.setCurrentIndex(again.style_choice.findData("gbt9704"))
    assert body.isEnabled() and body.isChecked()  # as it was before the compact copy
    assert "body" in saved.report_parts  # wanted for the other styles: kept
    again.close()


def test_no_crosswalk_without_a_national_document(window) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    data = window.service.data
    data.assessment = replace(data.assessment, national_doc_id=None)
    dialog = window.open_report()
    box = dialog.part_boxes[ReportPart.CROSSWALK]
    assert not box.isEnabled() and "国家" in box.toolTip()
    assert ReportPart.CROSSWALK not in dialog.selected_parts()
    dialog.close()


def test_font_notes_show_marks_this_screen_lacks_as_their_stand_ins(  # type: ignore[no-untyped-def]
        window, monkeypatch: pytest.MonkeyPatch) -> None:
    """The title's 〈〉 have no font in the report nor on this screen: the note names them by
    code point and shows the screen's stand-ins, not empty boxes."""
    from dataclasses import replace

    register = fonts_module._register
    monkeypatch.setattr(fonts_module, "_register", lambda path, subfont=0: replace(
        face := register(path, subfont), codepoints=face.codepoints - {0x3008, 0x3009}))
    monkeypatch.setattr(fonts_module, "_fc_list", lambda pattern: ())  # no system font has 〈
    monkeypatch.setitem(glyphs._stand_ins, ord("〈"), "＜")
    monkeypatch.setitem(glyphs._stand_ins, ord("〉"), "＞")
    dialog = window.open_report()
    dialog.font_path = str(bundled_font_path())
    dialog.generate_button.click()
    assert any("左单书名号（U+3008）印为《" in note for note in dialog.notes)
    shown = dialog.font_notes.text()  # not "＜（U+3008）印为《": the mark is named in words
    assert "左单书名号（U+3008）印为《；右单书名号（U+3009）印为》" in shown
    assert "〈" not in shown and "〉" not in shown
    assert "Droid" not in shown and "DejaVu" not in shown
    dialog.close()


# -- Save as: nothing replaced without asking ----------------------------------------------

def choose_parts(dialog, *parts: ReportPart) -> None:  # type: ignore[no-untyped-def]
    """Only these parts: a short report, built in few steps.

    Each progress signal costs a reference to True under PySide6 6.12.0 (``emit`` returns
    it borrowed), and the whole UI suite runs in one process: the tests below build what
    they need, not the 28-page report.
    """
    for part, box in dialog.part_boxes.items():
        box.setChecked(part in parts)


def built_with_word_copy(window):  # type: ignore[no-untyped-def]
    dialog = window.open_report()
    choose_parts(dialog, ReportPart.CHANGES)
    dialog.word_copy.setChecked(True)
    dialog.generate_button.click()
    assert dialog.word_copy_path() is not None
    return dialog


def answer_save_dialog(monkeypatch: pytest.MonkeyPatch, name: Path) -> None:
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(name), "PDF (*.pdf)"))


def answer_questions(monkeypatch: pytest.MonkeyPatch, answer) -> list[str]:  # type: ignore[no-untyped-def]
    asked: list[str] = []

    def question(_parent, _title, text, *_a, **_k):  # type: ignore[no-untyped-def]
        asked.append(text)
        return answer

    monkeypatch.setattr(message_box, "question", question)
    return asked


def test_save_as_asks_before_replacing_the_word_copy_beside_the_pdf(  # type: ignore[no-untyped-def]
        window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only a .docx of that name was there: the file dialog had nothing to ask about, and
    the Word copy silently replaced it."""
    dialog = built_with_word_copy(window)
    (tmp_path / "自查报告.docx").write_bytes(b"the only copy of last year's report")
    answer_save_dialog(monkeypatch, tmp_path / "自查报告.pdf")
    asked = answer_questions(monkeypatch, QMessageBox.StandardButton.No)
    dialog.save_as()
    assert len(asked) == 1 and "自查报告.docx" in asked[0] and "自查报告.pdf" not in asked[0]
    assert "已存在" in asked[0]
    assert (tmp_path / "自查报告.docx").read_bytes() == b"the only copy of last year's report"
    assert not (tmp_path / "自查报告.pdf").exists()
    assert dialog.message.text() == "未保存：已保留原有文件。"
    asked = answer_questions(monkeypatch, QMessageBox.StandardButton.Yes)
    dialog.save_as()
    assert len(asked) == 1
    assert (tmp_path / "自查报告.docx").read_bytes() == dialog.word_path.read_bytes()
    assert (tmp_path / "自查报告.pdf").read_bytes() == dialog.pdf_path.read_bytes()
    assert "自查报告.docx" in dialog.message.text()
    dialog.close()


def test_save_as_names_both_files_it_would_replace_in_one_question(  # type: ignore[no-untyped-def]
        window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = built_with_word_copy(window)
    for name in ("自查报告.pdf", "自查报告.docx"):
        (tmp_path / name).write_bytes(b"old")
    answer_save_dialog(monkeypatch, tmp_path / "自查报告.pdf")
    asked = answer_questions(monkeypatch, QMessageBox.StandardButton.No)
    dialog.save_as()
    assert len(asked) == 1 and "自查报告.pdf" in asked[0] and "自查报告.docx" in asked[0]
    assert {p.read_bytes() for p in tmp_path.glob("自查报告.*")} == {b"old"}
    dialog.close()


def test_save_as_without_a_word_copy_says_the_old_one_beside_it_is_old(  # type: ignore[no-untyped-def]
        window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Saved over last time's PDF without a Word copy, the .docx beside it was left from the
    earlier report without a word: a PDF and a Word copy that disagree."""
    (tmp_path / "自查报告.docx").write_bytes(b"last time's Word copy")
    dialog = window.open_report()
    dialog.generate_button.click()
    assert dialog.word_path is None
    answer_save_dialog(monkeypatch, tmp_path / "自查报告.pdf")
    asked = answer_questions(monkeypatch, QMessageBox.StandardButton.Yes)
    dialog.save_as()
    assert asked == []  # nothing replaced: the PDF is new there
    assert (tmp_path / "自查报告.docx").read_bytes() == b"last time's Word copy"  # kept
    assert "“自查报告.docx”是以前生成的，与本次 PDF 不一致" in dialog.message.text()
    dialog.close()


def test_save_as_keeps_a_dotted_name_as_typed(  # type: ignore[no-untyped-def]
        window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """自查报告v1.2 was saved as 自查报告v1.pdf, over the v1 already there, unasked."""
    dialog = built_with_word_copy(window)
    for name in ("自查报告v1.pdf", "自查报告v1.docx"):
        (tmp_path / name).write_bytes(b"v1")
    answer_save_dialog(monkeypatch, tmp_path / "自查报告v1.2")
    asked = answer_questions(monkeypatch, QMessageBox.StandardButton.No)
    dialog.save_as()
    assert asked == []  # nothing of that name was there
    assert (tmp_path / "自查报告v1.2.pdf").read_bytes() == dialog.pdf_path.read_bytes()
    assert (tmp_path / "自查报告v1.2.docx").read_bytes() == dialog.word_path.read_bytes()
    assert {(tmp_path / n).read_bytes() for n in ("自查报告v1.pdf", "自查报告v1.docx")} == {b"v1"}
    answer_save_dialog(monkeypatch, tmp_path / "报告.PDF")  # a .pdf suffix in capitals is one
    dialog.save_as()
    assert (tmp_path / "报告.PDF").is_file() and not (tmp_path / "报告.PDF.pdf").exists()
    dialog.close()


# -- Closing while the report is built ------------------------------------------------------

def threaded_report_dialog(desktop):  # type: ignore[no-untyped-def]
    """A report dialog as the window opens it, but its jobs on a real background thread."""
    from checklist_app.ui.dialogs.report_dialog import ReportDialog
    from checklist_app.ui.workers import JobRunner, background_pool

    runner = JobRunner(background_pool())
    dialog = ReportDialog(desktop.service, runner, parent=desktop.window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog, runner


def report_files(dialog) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(p.name for p in Path(dialog.reports_folder()).iterdir())


def paused_while_writing_the_word_copy(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The real ``build_report``, held on its thread once the PDF is laid out (its temporary
    file on disk) until the test lets it go on."""
    import threading

    from checklist_app.ui.dialogs import report_dialog

    paused, resume = threading.Event(), threading.Event()
    real = report_dialog.build_report

    def held(*args, **kwargs):  # type: ignore[no-untyped-def]
        for step in real(*args, **kwargs):
            if step.fraction > 0.85 and not paused.is_set():
                paused.set()
                resume.wait(30)
            yield step

    monkeypatch.setattr(report_dialog, "build_report", held)
    return paused, resume


@pytest.mark.parametrize("how", ["escape", "close", "reject"])
def test_closing_while_the_report_is_built_stops_it_and_leaves_no_files(  # type: ignore[no-untyped-def]
        qtbot, desktop, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    paused, resume = paused_while_writing_the_word_copy(monkeypatch)
    dialog, runner = threaded_report_dialog(desktop)
    choose_parts(dialog, ReportPart.CHANGES)
    dialog.word_copy.setChecked(True)
    dialog.generate_button.click()
    job, folder = dialog.job, Path(dialog.reports_folder())
    assert paused.wait(30)
    assert any(p.suffix == ".part" for p in folder.iterdir())  # half written
    with qtbot.waitSignal(dialog.destroyed, timeout=5000):
        if how == "escape":
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        elif how == "close":
            dialog.close()
        else:
            dialog.reject()
    assert job.token.cancelled
    resume.set()
    assert runner.wait(30_000)
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)  # its callbacks have run
    assert sorted(p.name for p in folder.iterdir()) == []


def test_a_close_that_comes_after_the_files_were_written_removes_them(  # type: ignore[no-untyped-def]
        qtbot, window) -> None:
    """The last step moves the finished files into place; a close just after it must not
    leave them behind, nor touch the closed dialog's widgets."""
    dialog = window.open_report()
    choose_parts(dialog, ReportPart.CHANGES)
    dialog.word_copy.setChecked(True)

    def close_when_written(value: int) -> None:  # a slot returning a value upsets PySide
        if value == 1000:
            dialog.close()

    dialog.progress.valueChanged.connect(close_when_written)
    with qtbot.waitSignal(dialog.destroyed, timeout=5000):
        dialog.generate_button.click()
    assert report_files(dialog) == []


# -- Printing: page by page off the UI thread, with progress and Cancel ---------------------

def built_on_a_thread(qtbot, desktop):  # type: ignore[no-untyped-def]
    """A three-page report (正文 and change log), built as the window builds it."""
    dialog, runner = threaded_report_dialog(desktop)
    choose_parts(dialog, ReportPart.BODY, ReportPart.CHANGES)
    dialog.generate_button.click()
    qtbot.waitUntil(lambda: dialog.pdf_path is not None, timeout=60_000)
    assert dialog.document.pageCount() == 3
    return dialog, runner


def pdf_printer(path: Path):  # type: ignore[no-untyped-def]
    """A printer as the print dialog leaves it (high resolution: 1200 dpi), into a file."""
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def shown_messages(dialog, monkeypatch: pytest.MonkeyPatch) -> list[str]:  # type: ignore[no-untyped-def]
    """Each progress message, as the UI thread shows it."""
    messages: list[str] = []
    show = dialog._progress

    def record(job, fraction: float, message: str) -> None:  # type: ignore[no-untyped-def]
        messages.append(message)
        show(job, fraction, message)

    monkeypatch.setattr(dialog, "_progress", record)
    return messages


def held_at_page(monkeypatch: pytest.MonkeyPatch, page: int):  # type: ignore[no-untyped-def]
    """Hold the printing of ``page`` (0-based) until the test lets it go on."""
    import threading

    from checklist_app.ui import printing

    holding, resume = threading.Event(), threading.Event()
    paint = printing.paint_page

    def held(painter, document, number, dpi):  # type: ignore[no-untyped-def]
        if number == page:
            holding.set()
            resume.wait(20)
        paint(painter, document, number, dpi)

    monkeypatch.setattr(printing, "paint_page", held)
    return holding, resume


def test_printing_says_page_n_of_n_and_keeps_the_window_running(  # type: ignore[no-untyped-def]
        qtbot, desktop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """All pages were rendered and painted on the UI thread at the printer's 1200 dpi: the
    window froze for the whole run (85 s for 28 pages), with no progress and no Cancel."""
    dialog, runner = built_on_a_thread(qtbot, desktop)
    messages = shown_messages(dialog, monkeypatch)
    holding, resume = held_at_page(monkeypatch, 1)
    out = tmp_path / "printed.pdf"
    dialog.print_to(pdf_printer(out))
    assert not dialog.print_button.isEnabled() and not dialog.generate_button.isEnabled()
    assert dialog.cancel_button.isVisibleTo(dialog)
    # While page 2 is printing, the window goes on: it shows that page's number.
    qtbot.waitUntil(lambda: dialog.message.text() == "正在打印第 2 页，共 3 页…", timeout=20_000)
    assert holding.is_set()
    resume.set()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=60_000)
    assert messages == [f"正在打印第 {n} 页，共 3 页…" for n in (1, 2, 3)]
    assert dialog.message.text() == "已将 3 页发送到打印机。"
    assert dialog.print_button.isEnabled() and dialog.progress.isHidden()
    printed = PdfReader(out)
    assert len(printed.pages) == 3
    page = printed.pages[0]
    dpi = page.images[0].image.width / (float(page.mediabox.width) / 72)
    assert 290 < dpi <= 301  # capped at 300 dpi, not the printer's 1200
    dialog.close()
    assert runner.wait(10_000)


def test_cancel_stops_printing_at_the_next_page_and_removes_the_half_file(  # type: ignore[no-untyped-def]
        qtbot, desktop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dialog, runner = built_on_a_thread(qtbot, desktop)
    messages = shown_messages(dialog, monkeypatch)
    holding, resume = held_at_page(monkeypatch, 0)
    out = tmp_path / "printed.pdf"
    dialog.print_to(pdf_printer(out))
    assert holding.wait(20)
    qtbot.waitUntil(lambda: messages == ["正在打印第 1 页，共 3 页…"], timeout=20_000)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    resume.set()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=30_000)
    assert messages == ["正在打印第 1 页，共 3 页…"]  # page 1 is finished, no more
    assert "打印已取消" in dialog.message.text()
    assert not out.exists()  # a half PDF is not left behind
    assert dialog.print_button.isEnabled() and dialog.generate_button.isEnabled()
    dialog.close()
    assert runner.wait(10_000)


def test_closing_while_printing_stops_it(  # type: ignore[no-untyped-def]
        qtbot, desktop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dialog, runner = built_on_a_thread(qtbot, desktop)
    holding, resume = held_at_page(monkeypatch, 0)
    out = tmp_path / "printed.pdf"
    dialog.print_to(pdf_printer(out))
    job = dialog.job
    assert holding.wait(20)
    with qtbot.waitSignal(dialog.destroyed, timeout=5000):
        dialog.close()
    assert job.token.cancelled
    resume.set()
    assert runner.wait(30_000)
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)  # its callbacks have run
    assert not out.exists()


def test_the_page_range_chosen_in_the_print_dialog_is_printed(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The print dialog offers a page range; every page was printed whatever was chosen."""
    from PySide6.QtPrintSupport import QPrinter

    from checklist_app.ui.printing import pages_to_print, print_pdf
    from checklist_app.ui.workers import CancelToken

    dialog = window.open_report()
    choose_parts(dialog, ReportPart.BODY, ReportPart.CHANGES)
    dialog.generate_button.click()
    printer = pdf_printer(tmp_path / "pages-2-3.pdf")
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert pages_to_print(printer, dialog.document.pageCount()) == range(1, 3)
    reported: list[str] = []
    assert print_pdf(printer, dialog.pdf_path, CancelToken(lambda f, m: reported.append(m))) == 2
    assert reported == ["正在打印第 1 页，共 2 页…", "正在打印第 2 页，共 2 页…"]
    assert len(PdfReader(tmp_path / "pages-2-3.pdf").pages) == 2
    printer.setFromTo(5, 999)  # past the end: up to the last page
    assert pages_to_print(printer, 7) == range(4, 7)
    dialog.close()


def test_save_as_proposes_the_name_a_clerk_files_the_report_under(  # type: ignore[no-untyped-def]
        window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """It proposed the working copy's report-1-20261203-194402.pdf."""
    from PySide6.QtWidgets import QFileDialog

    dialog = built_with_word_copy(window)
    proposed: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda _parent, _title, start, *_a,
                        **_k: proposed.append(start) or ("", ""))
    dialog.save_as()
    assert Path(proposed[0]).name == f"{OFFICE}2024年度自查报告.pdf"
    window.service.update_assessment(window.service.data.assessment.id,
                                     {"period": "2023/2024年度"})
    window.service.wait_idle()
    dialog.save_as()  # a slash in the period no longer cuts the office off the name
    assert Path(proposed[1]).name == f"{OFFICE}2023_2024年度自查报告.pdf"
    assert Path(proposed[0]).parent == Path.home()  # nothing saved yet


def test_save_as_starts_where_the_last_report_was_saved(  # type: ignore[no-untyped-def]
        window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every Save as started in the home folder again."""
    from PySide6.QtWidgets import QFileDialog

    dialog = built_with_word_copy(window)
    folder = tmp_path / "报告存档"
    folder.mkdir()
    answer_save_dialog(monkeypatch, folder / "自查报告.pdf")
    dialog.save_as()
    assert (folder / "自查报告.pdf").is_file()
    assert window.settings.report_folder == str(folder)  # kept with the settings
    proposed: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda _parent, _title, start, *_a,
                        **_k: proposed.append(start) or ("", ""))
    dialog.save_as()
    assert Path(proposed[0]).parent == folder
    folder.rename(tmp_path / "别处")  # gone: the home folder again
    dialog.save_as()
    assert Path(proposed[1]).parent == Path.home()
    dialog.close()


def test_a_second_ctrl_p_brings_the_open_report_dialog_forward(window) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+P twice opened two report dialogs (and the narrative editor twice, two editors
    saving over each other)."""
    from checklist_app.ui.dialogs.report_dialog import ReportDialog

    first = window.open_report()
    window.report_action.trigger()
    shown = [d for d in window.findChildren(ReportDialog) if d.isVisible()]
    assert shown == [first] and window.dialog is first
    editor = window.edit_narrative()
    assert window.edit_narrative() is editor
    editor.close()
    first.close()


def test_enter_in_the_page_box_goes_to_the_page_and_generates_nothing(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Typing 5 and Enter in the page box generated the report again (the dialog's default
    button took the Enter) and the preview went back to page 1."""
    dialog = window.open_report()
    dialog.generate_button.click()
    preview = dialog.preview
    qtbot.waitUntil(lambda: preview.page.maximum() > 5)
    generated = dialog.pdf_path
    runs: list[bool] = []
    dialog.generate_button.clicked.connect(lambda: runs.append(True))
    preview.page.setFocus()
    preview.page.selectAll()
    QTest.keyClicks(preview.page, "5")
    QTest.keyClick(preview.page, Qt.Key.Key_Return)
    assert runs == [] and dialog.pdf_path == generated
    assert preview.page.value() == 5 and preview.view.pageNavigator().currentPage() == 4
    dialog.close()


def test_the_reports_folder_keeps_the_newest_generated_reports(tmp_path: Path) -> None:
    """Every run left its PDF (and Word copy) in the app's reports folder for good; runs are
    pruned whole (a PDF and its Word copy together), but a Word copy edited in place (打开
    Word 版本 opens it there) is the clerk's, never pruned."""
    import os
    from datetime import datetime

    from checklist_app.ui.dialogs.report_dialog import prune_working_copies

    def run(day: int, *, word: bool = True, edited_after: int = 0) -> list[Path]:
        stamp = f"202612{day:02}-100000"
        began = datetime.strptime(stamp, "%Y%m%d-%H%M%S").timestamp()
        files = [tmp_path / f"report-1-{stamp}.pdf"]
        if word:
            files.append(tmp_path / f"report-1-{stamp}.docx")
        for path in files:
            path.write_bytes(b"x")
            written = began + 5 + (edited_after if path.suffix == ".docx" else 0)
            os.utime(path, (written, written))
        return files

    shown = run(1)[0]  # the oldest, but shown in the dialog
    edited = run(2, edited_after=3600)[1]  # typed into an hour after its run
    old_pdf, old_word = run(3)
    lone = run(4)[1]
    lone.with_suffix(".pdf").unlink()  # its PDF gone (a viewer held it once): ages out too
    run(5, word=False)
    later = [path for day in range(6, 10) for path in run(day, word=day % 2 == 0)]
    (tmp_path / "自己的文件.pdf").write_bytes(b"x")  # not one of ours: never touched
    prune_working_copies(tmp_path, 4, (shown, None))
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted(["自己的文件.pdf", shown.name, edited.name, *(p.name for p in later)])
    assert not old_pdf.exists() and not old_word.exists() and not lone.exists()


def test_open_word_copy_opens_the_copy_saved_not_the_working_one(  # type: ignore[no-untyped-def]
        window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After Save as, 打开 Word 版本 opened report-1-<time>.docx in the app's folder, which
    is pruned in time: what the clerk typed into it for the 红头 version would be lost."""
    from PySide6.QtGui import QDesktopServices

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    dialog = built_with_word_copy(window)
    dialog.open_word_copy()
    assert opened == [str(dialog.word_path)]  # nothing saved yet: the working copy
    answer_save_dialog(monkeypatch, tmp_path / "自查报告.pdf")
    dialog.save_as()
    dialog.word_button.click()
    assert opened[-1] == str(tmp_path / "自查报告.docx")
    dialog.generate_button.click()  # a new report: its own working copy until saved
    dialog.open_word_copy()
    assert opened[-1] == str(dialog.word_path)
    dialog.close()


def test_the_suggested_file_name_is_in_the_reports_language(window) -> None:  # type: ignore[no-untyped-def]
    """An English interface suggested "… self-assessment report.pdf" for a Chinese report."""
    dialog = window.open_report()
    choose_parts(dialog, ReportPart.CHANGES)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.generate_button.click()
    assessment = window.service.data.assessment
    assert dialog.suggested_name() == (f"{assessment.office} {assessment.period} "
                                       "self-assessment report.pdf")
    dialog.language.setCurrentIndex(dialog.language.findData("zh"))
    dialog.generate_button.click()
    assert dialog.suggested_name() == f"{assessment.office}{assessment.period}自查报告.pdf"
    dialog.close()


def test_the_title_names_the_assessment_and_says_when_it_is_closed(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """A report of last year's closed period looked like this year's: nothing said which."""
    assessment = window.service.data.assessment
    dialog = window.open_report()
    assert dialog.windowTitle() == f"自查自评报告 — {assessment.office} {assessment.period}"
    window.service.close_assessment()
    window.service.wait_idle()
    qtbot.waitUntil(lambda: "已关闭" in dialog.windowTitle())
    assert dialog.windowTitle() == (
        f"自查自评报告 — {assessment.office} {assessment.period}（已关闭）")
    dialog.close()


def test_the_empty_sections_of_the_report_text_are_one_line(window) -> None:  # type: ignore[no-untyped-def]
    """Four lines, one per empty section, pushed the missing-fonts note out of sight."""
    from checklist_app.report.cautions import Caution, CautionKind
    from checklist_app.ui.dialogs.report_dialog import caution_lines

    empty = [Caution(CautionKind.EMPTY_SECTION, section=number, lang="zh") for number in (2, 4)]
    lines = caution_lines([Caution(CautionKind.NO_ADDRESSEE), *empty,
                           Caution(CautionKind.UNMAPPED)])
    assert len(lines) == 3 and lines[1].startswith("报告正文第2、4部分尚未填写")
    assert "（本部分尚未填写。）" in lines[1] and "自查自评" in lines[1]
    assert caution_lines(empty[:1])[0].startswith("报告正文第2部分尚未填写")
    window.service.save_narrative({1: "", 2: "", 3: "", 4: ""})
    window.service.wait_idle()
    dialog = window.open_report()
    dialog.generate_button.click()
    assert dialog.pdf_path is not None
    said = dialog.font_notes.text()
    assert said.count("尚未填写，") == 1 and "第1、2、3、4部分" in said
    dialog.close()


def test_the_empty_preview_says_the_report_is_being_built(qtbot, window,  # type: ignore[no-untyped-def]
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """While the report was built the preview went on saying to click Generate."""
    dialog = window.open_report()
    hint = dialog.preview.hint
    assert "点击“生成”" in hint.text()
    said: list[str] = []
    progress = dialog._progress
    monkeypatch.setattr(dialog, "_progress",
                        lambda job, f, m: (said.append(hint.text()), progress(job, f, m)))
    untick(qtbot, dialog, ReportPart.TABLE, ReportPart.CROSSWALK, ReportPart.EVIDENCE)
    dialog.generate_button.click()
    assert said and all("正在生成" in text for text in said)
    assert dialog.pdf_path is not None and "点击“生成”" in hint.text()  # for the next one
    dialog.close()
