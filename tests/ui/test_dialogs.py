"""Report (worker + progress + PDF viewer), narrative, new-assessment wizard, import, settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from checklist_app.core import ItemStatus
from checklist_app.settings import Settings
from checklist_app.ui import message_box
from checklist_app.ui.models.document_tree_model import TreeRole
from checklist_app.ui.models.item_table_model import Column, Role, is_every_department
from tests.ui.conftest import DEPARTMENT, FIRST_ITEM, OFFICE, screenshot, shown_app

pytestmark = pytest.mark.gui


def _pdf_text(path: Path) -> str:
    return "".join(page.extract_text() or "" for page in PdfReader(path).pages)


def test_report_generated_shown_and_saved(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = window.open_report()
    dialog.generate_button.click()
    assert dialog.pdf_path is not None and dialog.pdf_path.is_file()
    assert dialog.document.pageCount() >= 2
    assert OFFICE in _pdf_text(dialog.pdf_path)
    assert dialog.print_button.isEnabled()
    screenshot(dialog, "report-preview")
    copy = tmp_path / "自查报告.pdf"
    dialog.save_to(copy)
    assert copy.read_bytes() == dialog.pdf_path.read_bytes()
    dialog.close()


def test_report_print_to_pdf_printer(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtPrintSupport import QPrinter

    dialog = window.open_report()
    dialog.style_choice.setCurrentIndex(1)  # the compact copy: fewer pages
    dialog.generate_button.click()
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    dialog.print_to(printer)
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == dialog.document.pageCount()
    dialog.close()


def test_report_cancel_leaves_no_file(window) -> None:  # type: ignore[no-untyped-def]
    dialog = window.open_report()
    seen: list[float] = []

    def cancel_on_first_step(_job: object, fraction: float, _message: str) -> None:
        seen.append(fraction)
        dialog.cancel()

    dialog._progress = cancel_on_first_step  # the job checks Cancel between steps
    dialog.generate_button.click()
    assert seen and dialog.pdf_path is None
    assert not list(Path(dialog.reports_folder()).glob("*.pdf"))
    assert "取消" in dialog.message.text() or "Cancel" in dialog.message.text()
    dialog.close()


def test_narrative_with_facts(window) -> None:  # type: ignore[no-untyped-def]
    editor = window.edit_narrative()
    assert editor.tabs.count() == 4
    editor.tabs.setCurrentIndex(2)
    screenshot(editor, "narrative-editor")
    facts = editor.tabs.widget(2).widget(1).toPlainText()
    assert "1" in facts and facts.startswith("本次自查数据")  # a heading says what they are
    prompts = [editor.editors[section].placeholderText() for section in (1, 2, 3, 4)]
    assert prompts[2].startswith("写明存在的问题") and all("右侧" in p for p in prompts)
    effects = editor.tabs.widget(1).widget(1).toPlainText()  # 主要成效: the report's figure
    assert "国家层面任务已由本地检查项承接：32 项，共 34 项" in effects
    editor.editors[1].setPlainText("我局成立自查工作小组，逐项梳理任务。")
    editor.save()
    assert window.service.data.assessment.narrative[1] == "我局成立自查工作小组，逐项梳理任务。"


def test_narrative_facts_quote_a_traditional_checklist_in_simplified(window) -> None:  # type: ignore[no-untyped-def]
    """The facts are quoted as the report prints them: text copied into the report reads as
    the report around it."""
    wizard = window.new_assessment()
    wizard.office.setText("温州市市场监督管理局")
    wizard.period.setText("2025年度")
    wizard.checklist.setCurrentIndex(wizard.checklist.findData("wenzhou-2017"))
    wizard.accept()
    window.service.set_item("wenzhou-2017/二/(二)", status=ItemStatus.DONE)
    editor = window.edit_narrative()
    facts = editor.tabs.widget(1).widget(1).toPlainText()  # 主要成效: the completed items
    assert "加强新兴产业标准化" in facts and "加強" not in facts
    editor.close()


def test_wizard_then_search_simplified_finds_traditional(window) -> None:  # type: ignore[no-untyped-def]
    wizard = window.new_assessment()
    wizard.office.setText("温州市市场监督管理局")
    wizard.period.setText("2024年度")
    wizard.checklist.setCurrentIndex(wizard.checklist.findData("wenzhou-2017"))
    wizard.accept()
    data = window.service.data
    assert data.assessment.checklist_doc_id == "wenzhou-2017"
    assert data.checklist.script == "traditional"
    window.filter_bar.search.setText("标准")
    window.filter_bar.apply_search()
    titles = [window.proxy.index(r, Column.TITLE).data() for r in range(window.proxy.rowCount())]
    assert titles and any("標準" in t for t in titles)
    window.filter_bar.search.setText("標準化")  # and traditional finds the same rows
    window.filter_bar.apply_search()
    assert window.proxy.rowCount() > 0
    assert len(window.service.data.assessments) == 2


def test_the_preparer_typed_in_the_wizard_signs_the_change_log(window, workspace_path) -> None:  # type: ignore[no-untyped-def]
    """With no name in Settings, 附件4 printed the computer's login (root) as 操作人."""
    from checklist_app.storage.workspace import Workspace

    window.settings.user_name = ""
    wizard = window.new_assessment()
    wizard.office.setText("温州市市场监督管理局")
    wizard.period.setText("2025年度")
    wizard.preparer.setText("张敏")
    wizard.checklist.setCurrentIndex(wizard.checklist.findData("chongqing-2022"))
    wizard.accept()
    assert window.settings.user_name == ""  # not everyone's name from now on: this one's
    window.service.set_item(FIRST_ITEM, note="已落实")
    window.service.wait_idle()
    with Workspace.open(workspace_path, read_only=True) as workspace:
        assessment = workspace.assessments()[-1]
        assert workspace.item_state(assessment.id, FIRST_ITEM).updated_by == "张敏"
        created = workspace.audit_log(entity="assessment", entity_id=str(assessment.id))
        assert created[0].user == "张敏"  # 附件4's first row: the creation printed root


def test_department_filter_and_my_department(window) -> None:  # type: ignore[no-untyped-def]
    total = window.proxy.rowCount()
    window.filter_bar.department.setEditText("市教委")
    rows = [window.proxy.index(r, 0) for r in range(window.proxy.rowCount())]
    assert 0 < len(rows) < total
    assert all(any("市教委" in d for d in i.data(Role.DEPARTMENTS)) for i in rows)
    window.filter_bar.mine.setChecked(True)
    mine = [window.proxy.index(r, 0) for r in range(window.proxy.rowCount())]
    assert 0 < len(mine) < total
    assert all(DEPARTMENT in "、".join(i.data(Role.DEPARTMENTS))
               or any(map(is_every_department, i.data(Role.DEPARTMENTS))) for i in mine)
    window.filter_bar.mine.setChecked(False)
    assert window.proxy.rowCount() == total


def test_my_department_takes_in_the_tasks_of_every_department(window) -> None:  # type: ignore[no-untyped-def]
    """二、(七)18 names 市政府各部门: 本部门 (市市场监管局) left it out, the filter typed
    by hand shows only the department typed."""
    every = [window.proxy.index(r, 0) for r in range(window.proxy.rowCount())
             if any(d.endswith("各部门") for d in window.proxy.index(r, 0).data(Role.DEPARTMENTS))]
    assert every, "the test workspace has a task of 市政府各部门"
    ids = {i.data(Role.NODE_ID) for i in every}
    window.filter_bar.mine.setChecked(True)
    mine = {window.proxy.index(r, 0).data(Role.NODE_ID) for r in range(window.proxy.rowCount())}
    assert ids <= mine
    assert "各部门" in window.filter_bar.mine.toolTip()
    window.filter_bar.mine.setChecked(False)
    window.filter_bar.department.setEditText(DEPARTMENT)  # typed: the department alone
    typed = {window.proxy.index(r, 0).data(Role.NODE_ID) for r in range(window.proxy.rowCount())}
    assert not ids & typed and typed < mine
    for name in ("市政府各部门", "市级有关部门", "各有关部门（单位）", "有关部门"):
        assert is_every_department(name), name
    for name in ("各区县政府各部门", "市委各部门", "领导小组各成员单位", "驻渝各单位",
                 "市市场监管局", "各区县"):
        assert not is_every_department(name), name  # not the government's departments
    window.filter_bar.department.setEditText("")
    window.filter_bar.mine.setChecked(True)
    some = sorted(ids)[0]
    window.service.set_item(some, responsible_department="市教委")  # staff said who does it
    window.filter_bar.mine.setChecked(False)
    window.filter_bar.mine.setChecked(True)
    shown = {window.proxy.index(r, 0).data(Role.NODE_ID) for r in range(window.proxy.rowCount())}
    assert some not in shown and (ids - {some}) <= shown


def test_my_department_follows_a_department_changed_in_settings(window) -> None:  # type: ignore[no-untyped-def]
    """Ticked, it went on showing the old department's items after Settings named another
    (its tooltip already said the new one)."""
    window.filter_bar.mine.setChecked(True)
    before = window.proxy.rowCount()
    dialog = window.open_settings()
    dialog.department.setText("市教委")
    dialog.accept()
    assert window.filter_bar.mine.isChecked()
    assert window.filter_bar.department.currentText() == "市教委"
    rows = [window.proxy.index(r, 0) for r in range(window.proxy.rowCount())]
    assert rows and len(rows) != before
    assert all(any("市教委" in d or is_every_department(d) for d in i.data(Role.DEPARTMENTS))
               for i in rows)


def test_my_department_named_by_no_item_says_where_it_comes_from(window) -> None:  # type: ignore[no-untyped-def]
    """标准化处 in Settings → Department: 本部门 showed 0 items and the usual "no item
    matches", nothing about the department no item names."""
    dialog = window.open_settings()
    dialog.department.setText("标准化处")
    dialog.accept()
    window.filter_bar.mine.setChecked(True)
    assert window.proxy.rowCount() == 0
    said = window.item_pane.empty_text.text()
    assert "“标准化处”" in said and "设置" in said
    screenshot(window.item_pane, "my-department-named-nowhere")
    window.filter_bar.mine.setChecked(False)
    window.filter_bar.search.setText("没有这样的检查项内容")
    window.filter_bar.apply_search()
    assert "标准化处" not in window.item_pane.empty_text.text()  # not the filter on


def test_the_department_filter_reads_either_script(window) -> None:  # type: ignore[no-untyped-def]
    """本部门 showed 0 items of a traditional-script plan (區市場監管局) for a department set
    as 区市场监管局, which the search box found."""
    window.filter_bar.department.setEditText("市教委")
    simplified = window.proxy.rowCount()
    window.filter_bar.department.setEditText("市教")
    assert window.proxy.rowCount() == simplified
    window.service.set_item(FIRST_ITEM, responsible_department="區市場監管局")
    window.filter_bar.department.setEditText("区市场监管局")
    found = [window.proxy.index(r, 0).data(Role.NODE_ID) for r in range(window.proxy.rowCount())]
    assert found == [FIRST_ITEM]


def test_a_department_the_document_names_finds_items_staff_gave_a_division(window) -> None:  # type: ignore[no-untyped-def]
    """The list offered 市科技局 (the document names it for six items) and the filter found
    one: items whose department staff had typed matched only what was typed."""
    model = window.item_model
    named = [model.node_at(r) for r in range(model.rowCount())
             if "市科技局" in model.node_at(r).departments]
    assert len(named) > 1
    window.service.set_item(named[0].id, responsible_department="标准化处")
    bar = window.filter_bar
    bar.department.setEditText("市科技局")
    found = {window.proxy.index(r, 0).data(Role.NODE_ID) for r in range(window.proxy.rowCount())}
    assert {node.id for node in named} <= found
    # found through the document alone: the cell says so, else it read as a wrong match
    cell = window.item_model.index(window.item_model.row_of(named[0].id), Column.DEPARTMENT)
    assert cell.data() == "市科技局（文件规定）；标准化处"
    bar.department.setEditText("标准化处")
    assert window.proxy.rowCount() == 1
    assert cell.data() == "标准化处"  # found by what staff wrote: that alone
    bar.department.setEditText("")
    assert cell.data() == "标准化处"


def test_the_department_list_has_the_departments_typed_for_items(window) -> None:  # type: ignore[no-untyped-def]
    """Staff write the department that really does an item (标准化处, 人事处): the filter
    offers it beside the document's, once, and follows later edits."""
    offered = window.filter_bar.departments()
    assert "市教委" in offered and "标准化处" not in offered
    first, second = (window.item_model.node_at(row).id for row in (1, 2))
    window.service.set_item(first, responsible_department="标准化处、人事处")
    window.service.set_item(second, responsible_department="人事处")
    offered = window.filter_bar.departments()
    assert {"标准化处", "人事处", "市教委"} <= set(offered)
    assert len(offered) == len(set(offered))
    # by pinyin (biao, ren, shi), as a Chinese list is, not by code point (人, 市, 标)
    assert offered.index("标准化处") < offered.index("人事处") < offered.index("市教委")
    window.filter_bar.department.setCurrentIndex(offered.index("人事处") + 1)
    assert window.proxy.rowCount() == 2
    window.service.set_item(first, responsible_department="人事处")
    assert "标准化处" not in window.filter_bar.departments()
    assert window.filter_bar.department.currentText() == "人事处"  # the choice stays
    assert window.proxy.rowCount() == 2


def test_import_preview(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from checklist_app.ui.dialogs.import_preview import ImportPreview

    source = tmp_path / "示例区实施方案.txt"
    source.write_text(
        "示例区贯彻落实标准化发展纲要实施方案\n一、主要任务\n（一）完善标准体系\n"
        "1.制定地方标准10项以上。（区市场监管局负责）\n2.开展标准化试点。（区发展改革委负责）\n",
        encoding="utf-8")
    dialog = ImportPreview(window.service, window.background, window,
                           announce=window.show_message)
    dialog.load(source)
    assert dialog.document is not None and dialog.document.checkable_nodes()
    assert "区市场监管局" in dialog.tree.toPlainText()
    dialog.show()
    screenshot(dialog, "import-preview")
    dialog.region.setText("示例区")
    dialog.year.setValue(2023)
    dialog.save()
    assert dialog.document.id in window.service.data.documents
    saved = window.service.data.documents[dialog.document.id]
    assert (saved.region, saved.year) == ("示例区", 2023)
    assert window.statusBar().currentMessage() == (
        "已导入《示例区贯彻落实标准化发展纲要实施方案》，共2项检查项。")  # nothing else shows it


def test_a_document_imported_on_the_welcome_page_says_what_comes_next(  # type: ignore[no-untyped-def]
        window, qtbot, monkeypatch) -> None:
    """Imported from the welcome page, the page stayed as it was with no word of the new
    assessment to start on it."""
    from checklist_app.ui import main_window as main_window_module

    window.show()
    window.activateWindow()
    window.pages.setCurrentWidget(window.welcome)
    window._imported("已导入《示例区方案》，共2项检查项。")
    assert window.statusBar().currentMessage() == (
        "已导入《示例区方案》，共2项检查项。可点击“新建自查自评”依据该文件开始自查。")
    qtbot.waitUntil(window.welcome.new_button.hasFocus)
    window.pages.setCurrentWidget(window.splitter)  # an assessment shown: the words alone
    window._imported("已导入《示例区方案》，共2项检查项。")
    assert window.statusBar().currentMessage() == "已导入《示例区方案》，共2项检查项。"
    window.pages.setCurrentWidget(window.welcome)
    wizard = window.new_assessment()  # imported from the wizard, which proposes it already
    window._imported("已导入《示例区方案》，共2项检查项。")
    assert window.statusBar().currentMessage() == "已导入《示例区方案》，共2项检查项。"
    wizard.done(0)  # closed unasked (closing asks about what was typed)
    national = window.service.data.documents["national-2021"]
    monkeypatch.setattr(main_window_module, "ranked_documents", lambda _data: [national])
    window._imported("已导入《国家标准化发展纲要》，共20项检查项。")  # no checklist of an office
    assert window.statusBar().currentMessage() == "已导入《国家标准化发展纲要》，共20项检查项。"


def test_settings_dialog_saves(window) -> None:  # type: ignore[no-untyped-def]
    dialog = window.open_settings()
    screenshot(dialog, "settings")
    assert "变更记录" in dialog.user_name.placeholderText()  # blank: the 填报人 is named
    assert "新建自查自评" in dialog.office.placeholderText()  # said nowhere what it is for
    assert "发文机关" in dialog.office.toolTip()
    dialog.user_name.setText("王芳")
    dialog.department.setText("市教委")
    national = dialog.default_documents["default_national"]
    assert national.currentData() == ""  # automatic: the national document
    # its level's documents first, with their years (the cities' opinions were offered
    # among them, and the captions lacked the year the wizard gives)
    assert national.itemData(1) == "national-2021" and "2021" in national.itemText(1)
    assert not national.itemText(2)  # the line before the other levels
    checklists = dialog.default_documents["default_checklist"]
    assert checklists.itemData(1) in ("chongqing-2022", "wenzhou-2017")
    from checklist_app.ui.dialogs.settings_dialog import SettingsDialog

    others = [d for d in window.service.data.documents.values() if d.id != "national-2021"]
    other_dialog = SettingsDialog(Settings(), others, window)
    without = other_dialog.default_documents["default_national"]
    assert without.itemData(0) == "" and not without.itemText(1)  # a line, none of its level
    assert without.itemData(2) in {d.id for d in others}
    other_dialog.deleteLater()
    provincial = dialog.default_documents["default_provincial"]
    provincial.setCurrentIndex(provincial.findData("liaoning-2022"))
    dialog.accept()
    saved = Settings.load()
    assert saved.user_name == "王芳" and saved.department == "市教委"
    assert saved.default_provincial == "liaoning-2022"
    assert window.filter_bar.my_department == "市教委"


def test_english_user_interface(qtbot, workspace_path: Path) -> None:  # type: ignore[no-untyped-def]
    from checklist_app.app import build
    from checklist_app.i18n import current_language, set_language
    from checklist_app.ui.workers import InlinePool

    before = current_language()
    set_language("en")
    try:
        desktop = build(Settings(), writer=InlinePool(), background=InlinePool())
        qtbot.addWidget(desktop.window)
        desktop.window.open_workspace(workspace_path)
        assert desktop.window.item_model.headerData(2, Qt.Orientation.Horizontal) == "Status"
        assert desktop.window.proxy.index(0, 2).data() in {"Not assessed", "Done",
                                                           "In progress"}
        desktop.service.close()
    finally:
        set_language(before)


def test_narrative_inserts_word_text_and_asks_before_losing_it(
        window, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import docx
    from PySide6.QtWidgets import QMessageBox

    word = docx.Document()
    word.add_paragraph("我局召开专题会议部署自查。")
    word.save(str(tmp_path / "开展情况.docx"))
    editor = window.edit_narrative()
    assert editor.insert_file(tmp_path / "开展情况.docx")
    assert "我局召开专题会议部署自查。" in editor.editors[1].toPlainText()
    asked = []
    monkeypatch.setattr(message_box, "question", lambda *a, **k: asked.append(a)
                        or QMessageBox.StandardButton.Cancel)
    editor.reject()  # Esc: the question is asked and Cancel keeps the dialog open
    assert asked and editor.isVisible()
    monkeypatch.setattr(message_box, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Save)
    editor.close()  # the close button goes the same way; Save keeps the text
    assert "专题会议" in window.service.data.assessment.narrative[1]
    monkeypatch.setattr(message_box, "warning", lambda *a, **k: asked.append("warned"))
    again = window.edit_narrative()
    assert not again.insert_file(tmp_path / "缺失.docx") and asked[-1] == "warned"
    again.reject()  # nothing changed: closes without asking
    assert not again.isVisible()


def test_narrative_of_a_closed_assessment_says_why_it_cannot_be_changed(window) -> None:  # type: ignore[no-untyped-def]
    """Closed: the text could be typed in but not saved, with no word of why, and closing
    the dialog threw the typing away. Now read-only, with the banner's reason."""
    window.service.close_assessment()
    editor = window.edit_narrative()
    assert all(e.isReadOnly() for e in editor.editors.values())
    assert editor.banner.state.isVisibleTo(editor)
    assert "关闭，只能查看和打印" in editor.banner.state.label.text()
    buttons = [b.text() for b in editor.findChildren(QPushButton) if b.isVisibleTo(editor)]
    assert "保存" not in " ".join(buttons) and not editor.import_button.isEnabled()
    facts = editor.tabs.widget(0).widget(1).toPlainText()
    assert "：" in facts and ": " not in facts  # 未评估：33 项, full-width in Chinese
    editor.reject()  # nothing typed, nothing asked
    assert not editor.isVisible()


@pytest.mark.parametrize(("content", "expected"), [
    (bytes(range(256)) * 4, "请用 Word 或 WPS 打开后另存为 .docx 再插入。"),  # no Word file at all
    (b"  \n", "文件内容为空，请选择包含要插入文字的文件。"),
    (b"PK\x03\x04 not really a zip", "请用 Word 或 WPS 打开后另存为 .docx 再插入。"),
], ids=["binary", "empty", "damaged docx"])
def test_narrative_says_why_a_file_cannot_be_inserted_in_its_own_words(
        window, tmp_path: Path, monkeypatch, content: bytes, expected: str) -> None:  # type: ignore[no-untyped-def]
    """The importer's words asked for a policy document (政策文件) here."""

    said: list[str] = []
    monkeypatch.setattr(message_box, "warning", lambda _parent, _title, text: said.append(text))
    chosen = tmp_path / "插图.docx"
    chosen.write_bytes(content)
    editor = window.edit_narrative()
    assert not editor.insert_file(chosen)
    assert len(said) == 1 and said[0].startswith(str(chosen)) and said[0].endswith(expected)
    assert "政策文件" not in said[0]
    editor.reject()


def test_with_no_name_in_settings_the_assessment_preparer_signs_changes(  # type: ignore[no-untyped-def]
        window, workspace_path) -> None:
    """Opening an existing workspace with no name in Settings recorded the login (root)."""
    from checklist_app.storage.lock import current_user
    from checklist_app.storage.workspace import Workspace
    from tests.ui.conftest import FIRST_ITEM

    assert window.settings.user_name == ""
    window.service.set_item(FIRST_ITEM, note="先记一笔")
    window.service.wait_idle()
    assessment_id = window.service.data.assessment.id
    window.service.update_assessment(assessment_id, {"preparer": "张敏"})
    window.service.set_item(FIRST_ITEM, note="已落实")
    window.service.wait_idle()
    with Workspace.open(workspace_path, read_only=True) as workspace:
        log = workspace.audit_log(entity="item_state")
        assert [entry.user for entry in log][-2:] == [current_user(), "张敏"]
    window.service.apply_settings(user="李娟", backup_keep=10)  # Settings' name comes first
    window.service.set_item(FIRST_ITEM, note="已复核")
    window.service.wait_idle()
    with Workspace.open(workspace_path, read_only=True) as workspace:
        assert workspace.audit_log(entity="item_state")[-1].user == "李娟"


def test_a_revised_document_is_announced_with_its_changes() -> None:
    from dataclasses import replace

    from checklist_app.importer import parse_text
    from checklist_app.storage.documents import RevisionReport
    from checklist_app.ui.dialogs.import_preview import imported_words

    document = parse_text("示例区方案\n一、主要任务\n1.制定标准。\n2.开展试点。\n", "示例")
    report = RevisionReport("示例", 2, added=["示例/一/2"], changed=["示例/一/1"])
    assert imported_words(document, report) == (
        "已更新《示例区方案》（第2版）：新增条款1条，修改1条，删除0条。")
    nested = replace(document, title="示例区贯彻落实《国家标准化发展纲要》实施方案")
    assert imported_words(nested, RevisionReport("示例", 1)).startswith(
        "已导入《示例区贯彻落实〈国家标准化发展纲要〉实施方案》")  # not 《…《…》…》


def test_carrying_forward_asks_about_typed_narrative_first(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Carrying forward closes this assessment: the report text typed for it is offered
    for saving (Save) before, and lands in its own assessment."""
    from PySide6.QtWidgets import QMessageBox

    service = window.service
    first = service.data.assessment
    editor = window.edit_narrative()
    editor.editors[1].setPlainText("第一期的开展情况。")
    asked: list[str] = []
    monkeypatch.setattr(message_box, "question", lambda _parent, _title, text, *_args:
                        asked.append(text) or QMessageBox.StandardButton.Save)
    window.carry_forward().accept()  # closes 2024 and shows the new period
    service.wait_idle()
    assert asked and "报告" in asked[0]
    assert service.data.assessment.id != first.id and not editor.isVisible()
    assert service.data.assessment.narrative.get(1, "") != "第一期的开展情况。"
    service.switch_assessment(first.id)
    service.wait_idle()
    assert service.data.assessment.narrative[1] == "第一期的开展情况。"


def test_narrative_typed_before_a_switch_is_saved_into_its_own_assessment(window) -> None:  # type: ignore[no-untyped-def]
    """Saved while another assessment was shown, the text replaced that one's narrative."""
    service = window.service
    first = service.data.assessment
    window.carry_forward().accept()  # nothing typed: no question
    service.wait_idle()
    second = service.data.assessment
    editor = window.edit_narrative()
    editor.editors[1].setPlainText("第二期的开展情况。")
    service.switch_assessment(first.id)  # as the 评估 menu does
    service.wait_idle()
    assert service.data.assessment.id == first.id and not editor.isVisible()
    assert service.data.assessment.narrative.get(1, "") != "第二期的开展情况。"
    assert "已先行保存" in window.banner.notice.label.text()
    service.switch_assessment(second.id)
    service.wait_idle()
    assert service.data.assessment.narrative[1] == "第二期的开展情况。"


def test_quitting_with_unsaved_narrative_stays_open_on_cancel(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Cancel in 文字尚未保存 still quit, and the text was lost."""
    from PySide6.QtWidgets import QMessageBox

    editor = window.edit_narrative()
    editor.editors[4].setPlainText("下一步继续推进。")
    monkeypatch.setattr(message_box, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Cancel)
    assert not window.close()
    assert window.isVisible() and editor.isVisible()
    monkeypatch.setattr(message_box, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Save)
    assert window.close()
    window.service.wait_idle()
    assert window.service.data.assessment.narrative[4] == "下一步继续推进。"


def test_narrative_facts_say_how_many_gaps_are_not_listed(window) -> None:  # type: ignore[no-untyped-def]
    """上级任务未承接：34 项 was followed by ten clauses and no word of the other 24."""
    from dataclasses import replace

    from checklist_app.report.content import compute_facts
    from checklist_app.ui.dialogs.narrative_editor import GAPS_LISTED, facts_html

    facts = compute_facts(window.service.data.snapshot())
    rows = [replace(row, items=[]) for row in facts.national_rows]  # none carried out
    assert len(rows) > GAPS_LISTED
    html = facts_html(replace(facts, national_rows=rows), 3)
    assert f"另有 {len(rows) - GAPS_LISTED} 项" in html


def test_narrative_facts_count_done_the_way_the_status_list_below_does(window) -> None:  # type: ignore[no-untyped-def]
    """"已完成 9 项，共 56 项" stood over "• 已完成：6 项": the first counts 长期坚持 too."""
    from checklist_app.core import ItemStatus
    from checklist_app.report.content import compute_facts
    from checklist_app.ui.dialogs.narrative_editor import facts_html

    for node_id, status in (("chongqing-2022/二/(二)/3", ItemStatus.ONGOING),
                            ("chongqing-2022/二/(二)/4", ItemStatus.DONE)):
        assert window.select_node(node_id)
        window.set_status(status)
    window.service.wait_idle()
    facts = compute_facts(window.service.data.snapshot())
    done, ongoing = facts.status_counts[ItemStatus.DONE], facts.status_counts[ItemStatus.ONGOING]
    assert done and ongoing and facts.complete == done + ongoing
    html = facts_html(facts, 1)
    assert f"已完成（含长期坚持）<b>{facts.complete}</b> 项" in html
    assert f"已完成：{done}" in html


def test_narrative_facts_write_clauses_as_the_report_does(window) -> None:  # type: ignore[no-untyped-def]
    """Items and gaps read 二、(一)2. and 三、(十) as the window writes them; these facts are
    drawn on in the report's text, which writes 二、（一）2."""
    from checklist_app.report.content import compute_facts
    from checklist_app.ui.dialogs.narrative_editor import facts_html

    html = facts_html(compute_facts(window.service.data.snapshot()), 3)
    assert "、（" in html and "、(" not in html


def test_narrative_facts_follow_changes_in_the_main_window(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The editor does not block the window: 3 items set 已完成 there, its facts still read
    the count it opened with, and a clerk copying it contradicted the report's tables."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    editor = window.edit_narrative()
    before = editor.facts_views[1].toPlainText()
    complete = window.tree_model.index(0, 0).data(TreeRole.DONE)
    assert f"已完成（含长期坚持）{complete} 项" in before
    for node_id in ("chongqing-2022/二/(二)/3", "chongqing-2022/二/(二)/4"):
        assert window.select_node(node_id)
        window.set_status(ItemStatus.DONE)
    window.service.wait_idle()
    qtbot.waitUntil(lambda: editor.facts_views[1].toPlainText() != before)
    now = window.tree_model.index(0, 0).data(TreeRole.DONE)
    assert now == complete + 2
    assert f"已完成（含长期坚持）{now} 项" in editor.facts_views[1].toPlainText()
    editor.editors[1].setFocus()
    editor.activateWindow()
    qtbot.keyClick(editor.editors[1], Qt.Key.Key_Tab)  # moves on: no tab typed in the text
    assert "\t" not in editor.editors[1].toPlainText()
    assert QApplication.focusWidget() is not editor.editors[1]
    editor.editors[1].setPlainText("我局逐项梳理任务。")
    qtbot.keyClick(editor.editors[1], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyRelease(editor.editors[1], Qt.Key.Key_Control)
    window.service.wait_idle()
    assert window.service.data.assessment.narrative[1] == "我局逐项梳理任务。"
    # Ctrl+S saves and the writing goes on (it closed the editor, as Save does)
    assert editor.isVisible() and editor.saved_label.text().startswith("已于")
    assert not editor.changed_sections()
    editor.reject()  # nothing left to ask about
    assert not editor.isVisible()


def test_narrative_refused_by_a_busy_workspace_stays_in_the_editor(  # type: ignore[no-untyped-def]
        window, workspace_path: Path, quick_lock_timeout: None) -> None:
    """Save closed the editor before the workspace answered: another program writing at
    that moment refused the text, and it was gone."""
    from tests.ui.conftest import writing_elsewhere

    editor = window.edit_narrative()
    editor.editors[2].setPlainText("完成地方标准制定 5 项。")
    other = writing_elsewhere(workspace_path)
    editor.save()
    other.rollback()
    other.close()
    assert editor.isVisible() and editor.editors[2].toPlainText() == "完成地方标准制定 5 项。"
    assert editor.banner.error.isVisibleTo(editor) and "正被其他程序" in \
        editor.banner.error.label.text()
    assert editor.saved_label.text() == "未保存。" and editor.buttons.isEnabled()
    assert window.service.data.assessment.narrative.get(2, "") == ""
    screenshot(editor, "narrative-not-saved")
    editor.save()  # the other program is done: saved, and the editor closes
    assert not editor.isVisible()
    assert window.service.data.assessment.narrative[2] == "完成地方标准制定 5 项。"


def test_wizard_refused_by_a_busy_workspace_keeps_what_was_filled_in(  # type: ignore[no-untyped-def]
        window, workspace_path: Path, quick_lock_timeout: None, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from tests.ui.conftest import writing_elsewhere

    warned: list[str] = []
    monkeypatch.setattr(message_box, "warning", lambda _parent, _title, text, *_args:
                        warned.append(text) or QMessageBox.StandardButton.Ok)
    window.settings.office = ""
    before = len(window.service.data.assessments)
    wizard = window.new_assessment()
    wizard.office.setText("温州市市场监督管理局")
    wizard.period.setText("2026年度")
    wizard.next()
    other = writing_elsewhere(workspace_path)
    wizard.accept()
    other.rollback()
    other.close()
    assert len(warned) == 1 and "正被其他程序" in warned[0]
    assert wizard.isVisible() and wizard.period.text() == "2026年度"
    assert len(window.service.data.assessments) == before
    assert window.settings.office == ""  # Settings take the office once it is started
    wizard.accept()
    assert not wizard.isVisible()
    assert window.service.data.assessment.period == "2026年度"
    assert window.settings.office == "温州市市场监督管理局"


def test_cancelling_a_filled_in_wizard_asks_first(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    asked: list[str] = []
    monkeypatch.setattr(message_box, "question", lambda _parent, _title, text, *_args:
                        asked.append(text) or answers.pop(0))
    wizard = window.new_assessment()
    wizard.reject()  # nothing typed: closes unasked
    assert not wizard.isVisible() and asked == []
    wizard = window.new_assessment()
    wizard.period.setText("2026年度")
    wizard.reject()  # Cancel: the wizard stays
    assert wizard.isVisible() and wizard.period.text() == "2026年度"
    wizard.reject()  # Discard
    assert not wizard.isVisible() and len(asked) == 2 and "放弃" in asked[0]


def test_no_wizard_on_a_read_only_workspace(qtbot, workspace_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The welcome page's button opened the wizard, and all that was filled in was then
    refused as read-only."""
    from checklist_app.storage.workspace import Workspace

    app = shown_app(qtbot)
    with Workspace.open(workspace_path):  # another program holds it: read-only
        app.window.open_workspace(workspace_path)
        assert app.window.new_assessment() is None
        assert "只读" in app.window.banner.notice.label.text()
        editor = app.window.edit_narrative()
        assert editor.banner.state.isVisibleTo(editor)
        assert not editor.banner.reopen.isVisibleTo(editor)  # the main window's to offer
        editor.reject()
    app.service.close()


def test_an_assessment_started_but_not_shown_is_not_started_twice(  # type: ignore[no-untyped-def]
        window, monkeypatch) -> None:
    """Created, then the read-back failed: the wizard said 未能新建 and stayed, and Finish
    again made a second assessment of the same period."""
    from PySide6.QtWidgets import QMessageBox

    from checklist_app.storage.errors import StorageError

    warned: list[str] = []
    monkeypatch.setattr(message_box, "warning", lambda _parent, _title, text, *_args:
                        warned.append(text) or QMessageBox.StandardButton.Ok)
    service = window.service
    before = len(service.data.assessments)
    load = type(service)._load_data

    def failing_once(self, *args):  # type: ignore[no-untyped-def]
        monkeypatch.setattr(type(service), "_load_data", load)
        raise StorageError("读取中断。")

    wizard = window.new_assessment()
    wizard.office.setText("温州市市场监督管理局")
    wizard.period.setText("2027年度")
    wizard.next()
    monkeypatch.setattr(type(service), "_load_data", failing_once)
    wizard.accept()
    assert not wizard.isVisible()  # nothing to finish again
    assert len(warned) == 1 and "已新建" in warned[0] and "2027年度" in warned[0]
    window.open_workspace(service.data.path)
    periods = [a.period for a in service.data.assessments]
    assert len(periods) == before + 1 and periods.count("2027年度") == 1


def test_a_new_workspace_says_it_is_there_and_what_comes_next(window, tmp_path,  # type: ignore[no-untyped-def]
                                                               monkeypatch) -> None:
    """Only the window title changed: nothing told a new user it had worked. The name
    offered was the English workspace.sqlite."""
    from PySide6.QtWidgets import QFileDialog

    offered: list[str] = []
    new = tmp_path / "新建.sqlite"

    def save_as(_parent, _title, suggested, *_args):  # type: ignore[no-untyped-def]
        offered.append(suggested)
        return str(new), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    window.choose_new_workspace()
    assert offered[0].endswith("自查自评工作区.sqlite")
    said = window.statusBar().currentMessage()
    assert "已新建工作区“新建.sqlite”" in said and "新建自查自评" in said
    assert window.pages.currentWidget() is window.welcome  # its New assessment… button


def test_an_inserted_file_is_a_paragraph_of_its_own(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Inserted at the start of a section (the cursor where the editor opens it) or
    mid-sentence, the file's last line ran into the text there; one Undo takes it out."""
    (tmp_path / "补充.txt").write_bytes("召开专题会议。\n印发工作方案。\n".encode("gbk"))
    editor = window.edit_narrative()
    section = editor.editors[1]
    section.setPlainText("按照市政府部署开展自查。")
    assert editor.insert_file(tmp_path / "补充.txt")  # the cursor at the start
    assert section.toPlainText() == "召开专题会议。\n印发工作方案。\n按照市政府部署开展自查。"
    section.undo()
    assert section.toPlainText() == "按照市政府部署开展自查。"
    cursor = section.textCursor()
    cursor.setPosition(len("按照市政府部署"))  # mid-sentence
    section.setTextCursor(cursor)
    assert editor.insert_file(tmp_path / "补充.txt")
    assert section.toPlainText().split("\n") == [
        "按照市政府部署", "召开专题会议。", "印发工作方案。", "开展自查。"]
    cursor.movePosition(cursor.MoveOperation.End)
    section.setTextCursor(cursor)
    assert editor.insert_file(tmp_path / "补充.txt")  # at the end: a line of its own
    assert section.toPlainText().endswith("开展自查。\n召开专题会议。\n印发工作方案。")
    section.document().setModified(False)
    editor.editors[1].setPlainText(window.service.data.assessment.narrative.get(1, ""))
    editor.reject()
