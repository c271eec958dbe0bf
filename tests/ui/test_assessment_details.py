"""Assessment → Assessment details…: the office, period, preparer, reviewer and addressee
changed after the assessment was created, and the report dialog's cautions about the 正文."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QPushButton

from checklist_app.report.cautions import Caution, CautionKind
from checklist_app.storage.workspace import Workspace
from checklist_app.ui import message_box
from tests.ui.conftest import DEPARTMENT, OFFICE, screenshot

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def discard_when_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    """A dialog left with typed changes is closed with the window at the end of a test:
    its question is answered Discard (a test that asks answers it itself)."""
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(message_box, "question",
                        lambda *_args: QMessageBox.StandardButton.Discard)


def stored(path: Path):  # type: ignore[no-untyped-def]
    with Workspace.open(path, read_only=True) as workspace:
        return workspace.assessment(workspace.assessments()[-1].id)


def open_details(window):  # type: ignore[no-untyped-def]
    """Through the menu, as the user does."""
    assert window.details_action.text() == "自查自评信息(&D)…"
    assert window.details_action.isEnabled()
    window.details_action.trigger()
    dialog = window.dialog
    assert dialog is not None and dialog.objectName() == "assessmentDetails"
    return dialog


def type_into(qtbot, edit, text: str) -> None:  # type: ignore[no-untyped-def]
    """Replace the field's text as typing does (QTest types ASCII only: Chinese is put in
    as an input method commits it)."""
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    edit.insert(text)


def save_button(dialog) -> QPushButton:  # type: ignore[no-untyped-def]
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def test_details_are_prefilled_and_saved(qtbot, window, workspace_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = open_details(window)
    fields = dialog.fields
    assert [fields[n].text() for n in ("office", "department", "period", "addressee")] == [
        OFFICE, DEPARTMENT, "2024年度", ""]
    checklist = dialog.findChild(type(dialog.problem), "detailsChecklist").text()
    assert "（重庆市 2022）" in checklist  # with its year, as the document choices show it
    type_into(qtbot, fields["reviewer"], "王五")
    type_into(qtbot, fields["addressee"], " 重庆市人民政府 ")
    type_into(qtbot, fields["period"], "2024年")
    assert screenshot(dialog, "assessment-details").is_file()
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    saved = stored(workspace_path)
    assert (saved.reviewer, saved.addressee, saved.period, saved.office) == (
        "王五", "重庆市人民政府", "2024年", OFFICE)
    assert window.service.data.assessment.addressee == "重庆市人民政府"
    assert window.windowTitle().startswith(f"{OFFICE} 2024年 — ")
    assert f"{OFFICE} 2024年" in window.switch_menu.actions()[0].text()


@pytest.mark.parametrize(("answer", "saved"), [("Save", "王五"), ("Discard", ""),
                                                ("Cancel", None)])
def test_closing_with_changes_asks_first(qtbot, window, workspace_path: Path,  # type: ignore[no-untyped-def]
                                         monkeypatch: pytest.MonkeyPatch, answer: str,
                                         saved: str | None) -> None:
    """Esc dropped a typed 审核人 without a word (the narrative editor asks)."""
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []
    monkeypatch.setattr(message_box, "question", lambda _parent, _title, text, *_args:
                        asked.append(text) or getattr(QMessageBox.StandardButton, answer))
    dialog = open_details(window)
    type_into(qtbot, dialog.fields["reviewer"], "王五")
    dialog.reject()  # Esc, Cancel or the close button
    assert asked and "保存" in asked[0]
    assert dialog.isVisible() is (saved is None)  # Cancel: back to the fields
    assert stored(workspace_path).reviewer == (saved if saved is not None else "")
    if dialog.isVisible():
        dialog.fields["reviewer"].clear()
        dialog.reject()  # nothing typed: closes without asking
        assert not dialog.isVisible() and len(asked) == 1


def test_an_office_is_required(qtbot, window, workspace_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = open_details(window)
    type_into(qtbot, dialog.fields["office"], "")
    assert not save_button(dialog).isEnabled()
    assert dialog.problem.isVisibleTo(dialog)
    assert dialog.problem.text() == "请填写开展自查自评的单位名称。"
    type_into(qtbot, dialog.fields["office"], "重庆市市场监管局")
    assert save_button(dialog).isEnabled() and not dialog.problem.isVisibleTo(dialog)
    dialog.reject()
    assert stored(workspace_path).office == OFFICE  # cancelled: nothing saved


def test_the_report_date_is_typed_or_cleared_and_refused_when_no_date(  # type: ignore[no-untyped-def]
        qtbot, window, workspace_path: Path) -> None:
    """The 成文日期: empty says which day the report bears then; a day typed in any of the
    usual ways is saved as yyyy-mm-dd; text that is no date holds Save back, said why."""
    dialog = open_details(window)
    field = dialog.report_date
    assert field.text() == "" and field.placeholderText() == "生成报告之日"
    assert "成文日期" in field.toolTip()
    type_into(qtbot, field, "明天")
    assert not save_button(dialog).isEnabled()
    assert dialog.problem.text() == ("“明天”不是日期：请按 2025-12-31 的格式填写成文日期，"
                                     "或从日历中选择。")
    type_into(qtbot, field, "2025年6月")  # a due date's month is its last day; no 成文日期
    assert not save_button(dialog).isEnabled() and "“2025年6月”不是日期" in dialog.problem.text()
    type_into(qtbot, field, "2025年1月15日")
    assert save_button(dialog).isEnabled() and not dialog.problem.isVisibleTo(dialog)
    assert screenshot(dialog, "assessment-details-report-date").is_file()
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and stored(workspace_path).report_date == "2025-01-15"
    dialog = open_details(window)
    assert dialog.report_date.text() == "2025-01-15"
    type_into(qtbot, dialog.report_date, "")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert stored(workspace_path).report_date == ""
    window.service.close_assessment()
    window.service.wait_idle()
    dialog = open_details(window)
    assert dialog.report_date.isReadOnly()  # read as the other fields, no calendar
    assert not dialog.report_date.calendar_action.isVisible()
    assert dialog.report_date.placeholderText().startswith("关闭自查自评之日，")
    dialog.reject()


def test_another_assessments_period_is_said_as_typed_without_its_number(  # type: ignore[no-untyped-def]
        qtbot, window, workspace_path: Path) -> None:
    window.service.close_assessment()  # one period open at a time
    window.service.new_assessment(office=OFFICE, period="2025年度",
                                  checklist_doc_id="chongqing-2022")
    dialog = open_details(window)
    assert dialog.fields["period"].text() == "2025年度"
    type_into(qtbot, dialog.fields["period"], "2024年度")
    assert dialog.problem.isVisibleTo(dialog) and not save_button(dialog).isEnabled()
    said = dialog.problem.text()
    assert f"{OFFICE}在此检查文件下已有2024年度的另一份自查自评" in said
    assert "号" not in said and "1" not in said  # the internal number means nothing here
    assert screenshot(dialog, "assessment-details-refused").is_file()
    type_into(qtbot, dialog.fields["office"], f" {OFFICE} ")  # trimmed, as storage compares
    assert not save_button(dialog).isEnabled()
    type_into(qtbot, dialog.fields["period"], "2025年度（补报）")
    assert save_button(dialog).isEnabled() and not dialog.problem.isVisibleTo(dialog)
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and stored(workspace_path).period == "2025年度（补报）"


def test_a_refusal_all_the_same_keeps_the_dialog_open(  # type: ignore[no-untyped-def]
        qtbot, window, workspace_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Should the dialog's own check miss a repeated period, storage's refusal is said under
    the fields and what was typed stays to be corrected."""
    window.service.close_assessment()
    window.service.new_assessment(office=OFFICE, period="2025年度",
                                  checklist_doc_id="chongqing-2022")
    dialog = open_details(window)
    monkeypatch.setattr(dialog, "problem_with_fields", lambda: "")
    type_into(qtbot, dialog.fields["period"], "2024年度")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.problem.isVisibleTo(dialog))
    assert "2024年度" in dialog.problem.text() and dialog.isVisible()
    assert dialog.fields["period"].text() == "2024年度" and save_button(dialog).isEnabled()
    assert stored(workspace_path).period == "2025年度"
    assert not window.banner.error.isVisibleTo(window)  # said once, where it can be put right


def test_a_closed_assessment_shows_its_details_read_only_and_says_why(window) -> None:  # type: ignore[no-untyped-def]
    assert "已关闭" not in window.windowTitle()
    window.service.close_assessment()
    window.service.wait_idle()
    assert window.windowTitle().startswith(f"{OFFICE} 2024年度（已关闭） — ")
    dialog = open_details(window)
    assert all(edit.isReadOnly() for edit in dialog.fields.values())
    assert dialog.banner.state.isVisibleTo(dialog)
    assert "关闭，只能查看和打印" in dialog.banner.state.label.text()
    assert save_button(dialog) is None
    assert screenshot(dialog, "assessment-details-closed").is_file()
    dialog.reject()


def test_a_read_only_workspace_shows_them_read_only(qtbot, window, workspace_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.service.close()
    with Workspace.open(workspace_path):  # another program holds it
        window.open_workspace(workspace_path)
        assert window.service.data.read_only
        dialog = open_details(window)
        assert all(edit.isReadOnly() for edit in dialog.fields.values())
        assert "只读" in dialog.banner.state.label.text()
        dialog.reject()


def test_the_report_dialog_cautions_about_the_report_text_with_the_apps_menus(  # type: ignore[no-untyped-def]
        window) -> None:
    """No 主送机关 and no narrative: said with the menu entries that remedy them, as the
    menus read; once the 主送机关 is set, the printed report carries it and the caution
    goes."""
    report = window.open_report()
    report.generate_button.click()
    assert report.pdf_path is not None
    lines = report.font_notes.text().splitlines()
    assert lines[0].startswith("仍有") and "项检查项未评估" in lines[0]  # the whole first
    assert lines[1] == ("尚未填写主送机关，报告正文将不印主送机关"
                        "（可在“自查自评 → 自查自评信息…”中填写）。")
    assert lines[2] == ("报告正文第1、2、3、4部分尚未填写，报告在这些部分印出“（本部分尚未填写。）”"
                        "（可在“自查自评 → 撰写报告正文…”中填写）。")  # one line for the four
    assert sum("撰写报告正文" in line for line in lines) == 1
    assert "checklist" not in report.font_notes.text()
    report.close()
    window.service.update_assessment(window.service.data.assessment.id,
                                     {"addressee": "重庆市人民政府办公厅"})
    report = window.open_report()
    report.generate_button.click()
    assert "主送机关" not in report.font_notes.text()
    text = PdfReader(report.pdf_path).pages[0].extract_text().replace(" ", "")
    assert "重庆市人民政府办公厅：" in text
    report.close()


@pytest.mark.parametrize("kind", list(CautionKind))
def test_every_caution_has_a_remedy_in_the_app(kind: CautionKind) -> None:
    from checklist_app.ui.dialogs.report_dialog import cautioned

    assert "checklist" not in cautioned(Caution(kind, 2, section=1))


@pytest.mark.parametrize(("entry", "shown"), [
    ("自查自评信息(&D)…", "自查自评信息…"), ("Assessment &details…", "Assessment details…"),
    ("Save && &quit", "Save & quit")])
def test_menu_entries_are_quoted_without_their_mnemonics(entry: str, shown: str) -> None:
    from checklist_app.ui.menus import plain

    assert plain(entry) == shown


def test_a_reference_document_picked_wrongly_is_changed_here(qtbot, window,  # type: ignore[no-untyped-def]
                                                             workspace_path: Path) -> None:
    """The wizard's provincial reference (辽宁's for a 成都 office) could not be put right."""
    from checklist_app.ui.models.item_table_model import Column

    def provincial_column() -> list[str]:
        model = window.item_model
        return [model.index(row, Column.PROVINCIAL).data() or ""
                for row in range(model.rowCount())]

    liaoning = provincial_column()
    assert any(liaoning)  # the shipped crosswalk maps items to 辽宁's clauses
    dialog = open_details(window)
    provincial = dialog.references["provincial_doc_id"]
    national = dialog.references["national_doc_id"]
    assert provincial.currentData() == "liaoning-2022"
    assert national.currentData() == "national-2021"
    assert [provincial.itemData(i) for i in range(3)] == ["liaoning-2022", "guangdong-2018", ""]
    assert dialog.changes() == {}
    provincial.setCurrentIndex(provincial.findData("guangdong-2018"))
    assert dialog.changes() == {"provincial_doc_id": "guangdong-2018"}
    national.setCurrentIndex(national.findData(""))  # （无）
    screenshot(dialog, "assessment-details-references")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    saved = stored(workspace_path)
    assert (saved.provincial_doc_id, saved.national_doc_id) == ("guangdong-2018", None)
    assert window.service.data.provincial.id == "guangdong-2018"
    assert "对照文件已更改" in window.statusBar().currentMessage()
    guangdong = provincial_column()  # and to 广东's: the column shows those now
    assert any(guangdong) and guangdong != liaoning
    assert "先进标准+转型升级" in " ".join(guangdong)
    target = window.item_pane.mappings.target  # the mappings tab maps to the new ones only
    assert [target.itemData(i) for i in range(target.count())] == ["guangdong-2018"]
    assert window.item_pane.mappings.reference().id == "guangdong-2018"


def test_a_closed_assessment_shows_its_references_unchangeable(window) -> None:  # type: ignore[no-untyped-def]
    window.service.close_assessment()
    window.service.wait_idle()
    dialog = open_details(window)
    assert not dialog.references["provincial_doc_id"].isEnabled()
    assert dialog.references["provincial_doc_id"].currentData() == "liaoning-2022"


@pytest.mark.parametrize("kind", list(CautionKind))
def test_a_caution_in_the_dialog_starts_as_a_sentence_in_english(kind: CautionKind) -> None:
    """The English dialog listed "no addressee (主送机关) is set…": the command line's
    lower-case fragments."""
    from checklist_app.i18n import set_language
    from checklist_app.ui.dialogs.report_dialog import cautioned

    set_language("en")
    try:
        text = cautioned(Caution(kind, 2, section=1))
    finally:
        set_language("zh_CN")
    assert text[0].isupper() or text[0].isdigit(), text


@pytest.mark.parametrize(("answer", "closed", "reviewer"), [
    ("Save", True, "王五"), ("Discard", True, ""), ("Cancel", False, "")])
def test_closing_the_assessment_settles_the_details_typed_first(  # type: ignore[no-untyped-def]
        qtbot, window, workspace_path: Path, monkeypatch: pytest.MonkeyPatch, answer: str,
        closed: bool, reviewer: str) -> None:
    """A 审核人 typed and not saved was lost: the assessment closed under the open dialog,
    whose Save was then refused (the signed report kept the old name)."""
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []

    def question(_parent, _title, text, *_args, **_kwargs):  # type: ignore[no-untyped-def]
        asked.append(text)
        if "保存" in text:  # the details dialog: Save, Discard or Cancel
            return getattr(QMessageBox.StandardButton, answer)
        return QMessageBox.StandardButton.Yes  # close the assessment: yes

    monkeypatch.setattr(message_box, "question", question)
    dialog = open_details(window)
    type_into(qtbot, dialog.fields["reviewer"], "王五")
    window.close_assessment()
    window.service.wait_idle()
    assert asked and "保存" in asked[0]
    assert (window.service.data.assessment.closed_at is not None) is closed
    assert stored(workspace_path).reviewer == reviewer
    assert dialog.isVisible() is not closed  # Cancel: back to the typed fields
    if closed:
        assert len(asked) == 2 and "不能重新打开" in asked[1]


def test_carrying_forward_settles_the_details_typed_first(  # type: ignore[no-untyped-def]
        qtbot, window, workspace_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(message_box, "question",
                        lambda *_args: QMessageBox.StandardButton.Save)
    dialog = open_details(window)
    type_into(qtbot, dialog.fields["reviewer"], "王五")
    carry = window.carry_forward()
    assert carry is not None and not dialog.isVisible()
    assert stored(workspace_path).reviewer == "王五"  # saved before the period may close
    carry.reject()


def test_closing_with_a_due_date_that_is_no_date_asks_first(  # type: ignore[no-untyped-def]
        qtbot, window, monkeypatch: pytest.MonkeyPatch) -> None:
    """2026-6 typed in 完成时限 was dropped without a word when the assessment closed (on
    quitting it is asked), and stayed red in the field that could no longer be edited."""
    from PySide6.QtWidgets import QMessageBox

    warned: list[str] = []
    monkeypatch.setattr(message_box, "warning", lambda _parent, _title, text, *_args:
                        warned.append(text) or QMessageBox.StandardButton.No)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    field = window.item_pane.detail.due
    field.setFocus()
    field.selectAll()
    field.insert("2026-6")
    qtbot.keyClick(field, Qt.Key.Key_Tab)  # refused, kept as typed
    window.close_assessment()
    assert warned and "2026-6" in warned[0]
    assert window.service.data.assessment.closed_at is None  # No: back to the field
    assert field.hasFocus()
    assert window.carry_forward() is None and len(warned) == 2


def test_a_report_date_saved_before_the_years_were_limited_lets_the_rest_be_saved(  # type: ignore[no-untyped-def]
        qtbot, window, workspace_path: Path) -> None:
    """A stored 0001-01-01 turned Save off for any change, the office's too."""
    service = window.service
    service.update_assessment(service.data.assessment.id, {"report_date": "0001-01-01"})
    dialog = open_details(window)
    assert dialog.report_date.text() == "0001-01-01" and dialog.problem_with_fields() == ""
    type_into(qtbot, dialog.fields["reviewer"], "王五")
    assert save_button(dialog).isEnabled()
    type_into(qtbot, dialog.report_date, "0001-01-02")  # typed: a year not taken
    assert "2000 年至 2099 年" in dialog.problem_with_fields()
    assert not save_button(dialog).isEnabled()
    type_into(qtbot, dialog.report_date, "0001-01-01")  # the stored one again
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    saved = stored(workspace_path)
    assert (saved.reviewer, saved.report_date) == ("王五", "0001-01-01")
