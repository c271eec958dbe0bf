"""The main window over a workspace like the demo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from checklist_app.ui import message_box
from checklist_app.ui.models.item_table_model import Column, Role
from tests.ui.conftest import FIRST_ITEM, OFFICE, screenshot

pytestmark = pytest.mark.gui


def test_opens_workspace_with_tree_and_table(window) -> None:  # type: ignore[no-untyped-def]
    assert window.pages.currentWidget() is window.splitter
    assert window.tree_model.rowCount() >= 4
    assert window.proxy.rowCount() >= 50
    assert OFFICE in window.windowTitle()
    all_items = window.tree_model.index(0, 1)
    done, total = all_items.data().split("/")
    assert int(done) >= 1 and int(total) == window.item_model.rowCount()
    window.select_node(FIRST_ITEM)
    screenshot(window, "main-window")


def test_selecting_a_branch_filters_the_table(window) -> None:  # type: ignore[no-untyped-def]
    section = window.tree_proxy.index(2, 0)  # 二、主要任务
    window.tree.setCurrentIndex(section)
    ids = {window.proxy.index(r, 0).data(Role.NODE_ID) for r in range(window.proxy.rowCount())}
    assert ids and all(i.startswith("chongqing-2022/二/") for i in ids)


def _labels(window) -> list[str]:  # type: ignore[no-untyped-def]
    return [window.proxy.index(r, Column.LABEL).data() for r in range(window.proxy.rowCount())]


def test_the_number_column_tells_items_of_different_sections_apart(window) -> None:  # type: ignore[no-untyped-def]
    """All items listed: 二、(一)1. and 三、(一) rather than 1. and (一) twice; within a
    section, the path below it; the tooltip always has the whole path; sorting by 序号
    keeps the document's order."""
    labels = _labels(window)
    assert len(set(labels)) == len(labels)
    row = window.item_model.row_of(FIRST_ITEM)
    assert labels[row] == "二、(一)1."
    assert labels[window.item_model.row_of("chongqing-2022/三/(一)")] == "三、(一)"
    section = window.tree_proxy.index(2, 0)  # 二、主要任务
    window.tree.setCurrentIndex(section)
    inside = _labels(window)
    assert inside[0] == "(一)1." and len(set(inside)) == len(inside)
    first = window.proxy.index(0, Column.LABEL)
    assert first.data(Qt.ItemDataRole.ToolTipRole).startswith("二、(一)1.")
    window.tree.setCurrentIndex(window.tree_proxy.index(0, 0))  # all items again
    window.table.sortByColumn(Column.LABEL, Qt.SortOrder.DescendingOrder)
    assert _labels(window) == labels[::-1]
    window.table.sortByColumn(Column.LABEL, Qt.SortOrder.AscendingOrder)
    assert _labels(window) == labels
    screenshot(window, "number-column-paths")


def test_space_cycles_status_and_undo(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.table.setFocus()
    assert window.select_node(FIRST_ITEM)
    status_cell = window.proxy.index(window.table.currentIndex().row(), Column.STATUS)
    before = status_cell.data()
    qtbot.keyClick(window.table, Qt.Key.Key_Space)
    after = window.service.data.state(FIRST_ITEM).status
    assert status_cell.data() != before
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.service.data.state(FIRST_ITEM).status != after
    assert status_cell.data() == before
    qtbot.keyClick(window.table, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.service.data.state(FIRST_ITEM).status == after


def test_keyboard_selection_then_space(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.table.setFocus()
    window.table.setCurrentIndex(window.proxy.index(0, Column.TITLE))
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    node_id = window.current_node_id()
    assert node_id == window.proxy.index(1, 0).data(Role.NODE_ID)
    before = window.service.data.state(node_id).status
    qtbot.keyClick(window.table, Qt.Key.Key_Space)
    assert window.service.data.state(node_id).status != before


def test_search_simplified_finds_traditional(window) -> None:  # type: ignore[no-untyped-def]
    window.filter_bar.search.setText("标准")
    window.filter_bar.apply_search()
    assert 0 < window.proxy.rowCount() <= window.item_model.rowCount()


def test_search_finds_what_staff_wrote(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """征求意见稿 (in a note), 标准化处 (a department typed) and an evidence file's name
    each found nothing: only the number and the document's text were searched."""
    from checklist_app.ui.models.item_table_model import Role

    def found(text: str) -> set[str]:
        window.filter_bar.search.setText(text)
        window.filter_bar.apply_search()
        return {window.proxy.index(r, 0).data(Role.NODE_ID)
                for r in range(window.proxy.rowCount())}

    item = window.item_model.node_at(3).id
    assert found("征求意见稿") == set() and found("奖励评奖办法") == set()  # searched before
    window.service.set_item(item, note="已形成征求意见稿", responsible_department="标准化处",
                            responsible_person="王芳")
    evidence = tmp_path / "科学技术奖励评奖办法.pdf"
    evidence.write_bytes(b"%PDF-1.4 test")
    window.attach_files(FIRST_ITEM, [evidence])
    qtbot.waitUntil(lambda: bool(window.service.data.evidence.get(FIRST_ITEM)))

    assert found("征求意见稿") == {item}
    assert found("徵求意見稿") == {item}  # traditional, as everywhere
    assert found("标准化处") == {item} and found("王芳") == {item}
    assert found("奖励评奖办法") == {FIRST_ITEM}
    window.service.set_item(item, note="已印发")  # the search follows an edit
    assert found("征求意见稿") == set()
    assert window.filter_bar.search.placeholderText().startswith("搜索序号、内容和备注")


def test_tree_filter_keeps_parents(window) -> None:  # type: ignore[no-untyped-def]
    window.tree_filter.setText("綠色")  # traditional query, simplified document
    proxy = window.tree_proxy
    assert [proxy.index(row, 0).data() for row in range(proxy.rowCount())] == [
        "全部检查项", "二、主要任务"]  # the way back, and the section holding the group
    section = proxy.index(1, 0)
    assert proxy.rowCount(section) == 1
    assert "绿色" in proxy.index(0, 0, section).data()
    window.tree_filter.clear()
    assert proxy.rowCount() == window.tree_model.rowCount()


def test_a_tree_filter_that_matches_nothing_says_so(window) -> None:  # type: ignore[no-untyped-def]
    """The tree kept only 全部检查项 without a word of why the sections had gone."""
    window.tree_filter.setText(" 没有这种章节 ")
    assert window.tree_proxy.rowCount() == 1  # the way back stays
    assert window.tree.hint == "没有与“没有这种章节”相符的章节。"
    screenshot(window.tree, "tree-filter-nothing")
    window.tree_filter.setText("绿色")
    assert window.tree.hint == ""
    window.tree_filter.setText("没有")
    window.tree_filter.clear()
    assert window.tree.hint == ""


def test_filtering_the_tree_leaves_the_table_alone(window) -> None:  # type: ignore[no-untyped-def]
    """Filtering out the current tree row moved the current index to a neighbour, which
    narrowed the table to 22 of 57 items, and clearing the filter did not undo it."""
    total = window.item_model.rowCount()
    assert window.proxy.rowCount() == total
    window.tree_filter.setText("標準")
    assert window.proxy.rowCount() == total
    window.tree_filter.clear()
    assert window.proxy.rowCount() == total
    assert window.tree.currentIndex().data() == "全部检查项"
    section = window.tree_proxy.index(2, 0)  # 二、主要任务, as a user clicks it
    assert section.data() == "二、主要任务"
    window.tree.setCurrentIndex(section)
    narrowed = window.proxy.rowCount()
    assert 0 < narrowed < total
    window.tree_filter.setText("组织实施")  # hides 二: the table stays on it
    assert window.proxy.rowCount() == narrowed and not window.tree.currentIndex().isValid()
    window.tree_filter.clear()  # 二 is back, and current again
    assert window.tree.currentIndex().data() == "二、主要任务"
    assert window.proxy.rowCount() == narrowed


def test_shortcut_find_focuses_search(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    window.table.setFocus()
    window.find_action.trigger()
    assert window.filter_bar.search.hasFocus() or window.focusWidget() is window.filter_bar.search
    assert window.find_action.shortcut().toString() == "Ctrl+F"
    assert window.open_action.shortcut().toString() == "Ctrl+O"
    assert window.report_action.shortcut().toString() == "Ctrl+P"
    assert window.undo_action.shortcut().toString() == "Ctrl+Z"
    assert "Ctrl+Shift+Z" in [s.toString() for s in window.redo_action.shortcuts()]


def test_welcome_page_then_first_assessment(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from checklist_app.app import build, install_fonts
    from checklist_app.importer import shipped_documents
    from checklist_app.settings import Settings
    from checklist_app.storage.workspace import Workspace
    from checklist_app.ui.workers import InlinePool

    install_fonts()
    path = tmp_path / "new.sqlite"
    with Workspace.create(path) as workspace:
        for document in shipped_documents():
            workspace.import_document(document)
    desktop = build(Settings(office="重庆市市场监督管理局"), writer=InlinePool(),
                    background=InlinePool())
    qtbot.addWidget(desktop.window)
    desktop.window.open_workspace(path)
    assert desktop.window.pages.currentWidget() is desktop.window.welcome
    desktop.window.resize(1000, 640)
    desktop.window.show()
    screenshot(desktop.window, "welcome")
    wizard = desktop.window.new_assessment()
    screenshot(wizard, "new-assessment-wizard")
    assert not wizard.button(wizard.WizardButton.NextButton).isEnabled()  # no period yet
    assert wizard.office.text() == "重庆市市场监督管理局"
    wizard.period.setText("2025年度")
    assert wizard.button(wizard.WizardButton.NextButton).isEnabled()
    wizard.accept()
    assert desktop.window.pages.currentWidget() is desktop.window.splitter
    assert desktop.window.proxy.rowCount() > 50
    desktop.service.close()


def test_with_nothing_open_a_new_assessment_starts_with_a_new_workspace(  # type: ignore[no-untyped-def]
        qtbot, tmp_path, monkeypatch) -> None:
    """No workspace open: the wizard had empty document lists, Finish lost what was typed,
    and the report buttons looked usable. Now the workspace comes first (named by the
    user, .sqlite added), then the wizard, with the shipped documents to choose from."""
    from PySide6.QtWidgets import QDialog, QFileDialog

    from checklist_app.app import build, install_fonts
    from checklist_app.settings import Settings
    from checklist_app.ui.workers import InlinePool

    install_fonts()
    desktop = build(Settings(office="重庆市市场监督管理局"), writer=InlinePool(),
                    background=InlinePool())
    window = desktop.window
    qtbot.addWidget(window)
    assert not window.report_action.isEnabled() and not window.narrative_action.isEnabled()
    assert not window.backup_action.isEnabled() and window.new_assessment_action.isEnabled()
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args: (asked.append(args) or str(tmp_path / "本局"), ""))
    window.welcome.new_assessment_requested.emit()
    assert len(asked) == 1 and (tmp_path / "本局.sqlite").is_file()
    wizard = window.findChild(QDialog, "newAssessmentWizard")
    assert wizard is not None and wizard.checklist.count() >= 5
    wizard.period.setText("2025年度")
    wizard.accept()
    assert window.proxy.rowCount() > 50 and window.report_action.isEnabled()
    desktop.service.close()


def test_a_typed_workspace_name_gets_the_workspace_suffix() -> None:
    from checklist_app.ui.main_window import workspace_file

    assert workspace_file("/d/本局").name == "本局.sqlite"
    assert workspace_file("/d/本局.db").name == "本局.db"
    assert workspace_file("/d/本局.SQLite").name == "本局.SQLite"
    assert workspace_file("/d/2025.年度").name == "2025.年度.sqlite"


def test_undo_brings_the_changed_item_into_view(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    second = "chongqing-2022/二/(一)/2"
    window.table.setFocus()
    window.select_node(second)
    qtbot.keyClick(window.table, Qt.Key.Key_Space)
    window.select_node(FIRST_ITEM)
    window.undo_action.trigger()
    assert window.current_node_id() == second
    assert window.item_pane.detail.node.id == second


def test_counts_use_plural_forms_and_closed_is_one_phrase(window) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from checklist_app.i18n import set_language
    from checklist_app.ui.main_window import assessment_caption

    window.table.selectAll()
    count = window.proxy.rowCount()
    assert window.statusBar().currentMessage() == f"已选择 {count} 个检查项"
    window.select_node(FIRST_ITEM)  # one again: the count goes
    assert window.statusBar().currentMessage() == ""
    window.table.selectAll()
    assessment = window.service.data.assessment
    closed = replace(assessment, closed_at="2025-01-31T00:00:00+00:00")
    assert assessment_caption(closed) == f"1. {OFFICE} 2024年度（已关闭）"
    assert assessment_caption(assessment) == f"1. {OFFICE} 2024年度"
    set_language("en")
    try:
        window.table.clearSelection()
        window.table.selectRow(0)
        window.table.selectionModel().select(
            window.proxy.index(1, 0), window.table.selectionModel().SelectionFlag.Select
            | window.table.selectionModel().SelectionFlag.Rows)
        assert window.statusBar().currentMessage() == "2 items selected"
        assert assessment_caption(closed) == f"1. {OFFICE} 2024年度 (closed)"
    finally:
        set_language("zh_CN")


def repeated_mnemonics(window) -> list[str]:  # type: ignore[no-untyped-def]
    """Alt+letter keys that two entries of one menu (or two menus of the bar) share."""
    import re
    from collections import Counter

    def letters(actions) -> list[str]:  # type: ignore[no-untyped-def]
        found = (re.search(r"&(\w)", a.text().replace("&&", "")) for a in actions)
        return [m.group(1).lower() for m in found if m]

    groups = [window.menuBar().actions()]
    groups += [a.menu().actions() for a in window.menuBar().actions() if a.menu()]
    return [f"{letter} ×{n}" for group in groups
            for letter, n in Counter(letters(group)).items() if n > 1]


def test_no_menu_repeats_an_alt_letter(window) -> None:  # type: ignore[no-untyped-def]
    assert repeated_mnemonics(window) == []


def test_a_search_that_finds_nothing_says_so_and_offers_the_way_back(window) -> None:  # type: ignore[no-untyped-def]
    bar, pane = window.filter_bar, window.item_pane
    total = window.item_model.rowCount()
    assert bar.count.text() == f"{total} / {total} 项"
    bar.search.setText("没有这样的检查项")
    bar.apply_search()
    assert window.proxy.rowCount() == 0 and bar.count.text() == f"0 / {total} 项"
    assert pane.empty_text.text() == "没有符合搜索和筛选条件的检查项。"
    assert pane.clear_filters.isVisibleTo(pane)
    # the table, where the eye is, says so too: it was blank
    assert window.table.hint == "没有符合搜索和筛选条件的检查项。可在右侧清除筛选条件。"
    blank = window.table.viewport().grab().toImage()
    assert len({blank.pixel(x, y) for x in range(0, blank.width(), 3)
                for y in range(0, min(blank.height(), 40), 2)}) > 1  # the hint's grey text
    screenshot(window, "search-finds-nothing")
    pane.clear_filters.click()
    assert window.proxy.rowCount() == total and bar.search.text() == ""
    assert window.table.hint == ""
    assert window.current_node_id()  # an item is shown again, not an empty pane


def test_a_filter_that_hides_the_current_item_shows_the_first_one_left(window) -> None:  # type: ignore[no-untyped-def]
    data = window.service.data
    assert window.select_node(FIRST_ITEM)
    status = data.state(FIRST_ITEM).status
    other = next(s.status for s in data.states.values() if s.status is not status)
    window.filter_bar.status.setCurrentIndex(window.filter_bar.status.findData(other))
    assert window.proxy.rowCount() > 0
    shown = window.current_node_id()
    assert shown and data.state(shown).status is other
    assert window.item_pane.detail.node.id == shown


def test_every_column_is_in_sight_until_the_user_sizes_one(window) -> None:  # type: ignore[no-untyped-def]
    """At 1440 px the national clause column needed a sideways scroll; the columns now share
    the table's width. A column the user drags keeps its width when the window changes."""
    from PySide6.QtTest import QTest

    QTest.qWait(50)
    table, header = window.table, window.table.horizontalHeader()
    last = Column.NATIONAL
    assert header.sectionViewportPosition(last) + header.sectionSize(last) \
        <= table.viewport().width()
    assert not table.horizontalScrollBar().isVisible()
    assert header.sectionSize(Column.TITLE) > header.sectionSize(Column.NATIONAL) >= 72
    status_width = header.sectionSize(Column.STATUS)
    window.resize(1800, 860)
    QTest.qWait(50)
    assert header.sectionSize(Column.STATUS) == status_width  # short columns keep theirs
    assert header.sectionViewportPosition(last) + header.sectionSize(last) \
        == table.viewport().width()  # the text columns took the new room
    header.resizeSection(Column.TITLE, 400)  # as a drag of the divider does
    window.resize(1440, 860)
    QTest.qWait(50)
    assert table.sized_by_user and header.sectionSize(Column.TITLE) == 400


def test_column_widths_the_user_set_come_back_next_time(desktop, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtTest import QTest

    from checklist_app.app import main_window

    window = desktop.window
    window.table.horizontalHeader().resizeSection(Column.TITLE, 333)
    window.save_geometry()
    assert desktop.settings.table_columns
    again = main_window(desktop.service, desktop.settings, desktop.background,
                        desktop.viewer_copies)
    qtbot.addWidget(again)
    again.show()
    again.open_workspace(window.service.data.path)
    QTest.qWait(50)
    assert again.table.sized_by_user
    assert again.table.horizontalHeader().sectionSize(Column.TITLE) == 333


def test_recent_workspaces_menu_opens_one_of_them(window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    current = window.service.data.path
    other = tmp_path / "上一年度.sqlite"
    shutil.copyfile(current, other)
    gone = tmp_path / "已删除.sqlite"
    window.settings.recent_workspaces = [str(current), str(gone), str(other)]
    window.recent_menu.aboutToShow.emit()
    actions = window.recent_menu.actions()
    assert [a.text().split()[:2] for a in actions] == [["&1", current.name], ["&2", other.name]]
    assert not actions[0].isEnabled()  # the one open now
    actions[1].trigger()
    assert window.service.data.path == other
    assert window.settings.recent_workspaces[0] == str(other)


def test_assessments_of_one_office_and_period_name_their_checklist(window) -> None:  # type: ignore[no-untyped-def]
    """Two entries read '成都市市场监督管理局 2024年度': nothing told them apart."""
    shown = window.service.data.assessment
    window.service.new_assessment(
        office=shown.office, department=shown.department, period=shown.period,
        checklist_doc_id="wenzhou-2017", provincial_doc_id=None,
        national_doc_id="national-2021")
    window.service.wait_idle()
    entries = [action.text() for action in window.switch_menu.actions()]
    assert len(entries) == 2
    assert entries[0] == f"&1. {OFFICE} 2024年度 · 重庆市人民政府办公厅关于贯彻落实国家标准化发展…"
    assert entries[1].startswith(f"&2. {OFFICE} 2024年度 · ") and "标准化战略" in entries[1]
    window.service.update_assessment(2, {"period": "2025年度"})
    window.service.wait_idle()
    assert [action.text() for action in window.switch_menu.actions()] == [
        f"&1. {OFFICE} 2024年度", f"&2. {OFFICE} 2025年度"]


def test_an_assessment_started_by_mistake_is_deleted_from_the_menu(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []
    monkeypatch.setattr(message_box, "question", lambda _parent, _title, text, **_kw:
                        asked.append(text) or QMessageBox.StandardButton.Yes)
    told: list[str] = []
    monkeypatch.setattr(message_box, "information", lambda _parent, _title, text:
                        told.append(text))
    shown = window.service.data.assessment
    typo = "重庆市场监督管理局"  # the office mistyped: not a second period of this one's
    window.service.new_assessment(office=typo, period="2099年度",
                                  checklist_doc_id="chongqing-2022")
    window.service.wait_idle()
    assert window.service.data.assessment.period == "2099年度"
    assert window.delete_assessment_action.isEnabled()
    window.delete_assessment_action.trigger()
    window.service.wait_idle()
    assert f"删除自查自评“{typo} 2099年度”？" in asked[0]  # no 2. read as a list's
    data = window.service.data
    assert [a.id for a in data.assessments] == [shown.id]
    assert data.assessment.id == shown.id  # the one left is shown
    assert [action.text() for action in window.switch_menu.actions()] == [
        f"&1. {OFFICE} 2024年度"]
    assert window.statusBar().currentMessage() == f"已删除自查自评“{typo} 2099年度”。"
    window.delete_assessment_action.trigger()  # this one has items recorded: kept
    window.service.wait_idle()
    assert [a.id for a in window.service.data.assessments] == [shown.id]
    # said before any question: it was asked, then refused in the banner
    assert len(asked) == 1 and len(told) == 1 and "不能删除：其中已有 2 项检查项记录" in told[0]


@pytest.mark.parametrize(("typed", "item"), [
    ("二、(一)2.", "/二/(一)/2"), ("二、（一）2", "/二/(一)/2"), ("二（一）2", "/二/(一)/2"),
    ("二(一)2.", "/二/(一)/2"), ("附表20", "/plan/20"), ("附表1", "/plan/1")])
def test_search_finds_an_item_by_its_number_as_shown(window, typed: str, item: str) -> None:  # type: ignore[no-untyped-def]
    """The box says 搜索序号和内容, yet 二、(一)2. found nothing: only the last label (2.)
    was searched; and 附表1 found 附表10 to 附表19 too."""
    window.filter_bar.search.setText(typed)
    window.filter_bar.apply_search()
    shown = [window.proxy.index(row, 0).data(Role.NODE_ID)
             for row in range(window.proxy.rowCount())]
    assert shown and all(node_id.endswith(item) for node_id in shown)


def test_search_finds_an_item_by_its_due_date(window) -> None:  # type: ignore[no-untyped-def]
    """The table shows 2025-06-30 under 完成时限, yet searching it found nothing."""
    item = window.item_model.node_at(3).id
    window.service.set_item(item, due_date="2031-06-30")
    for typed in ("2031-06-30", "2031年6月30日", "2031-06"):
        window.filter_bar.search.setText(typed)
        window.filter_bar.apply_search()
        shown = {window.proxy.index(row, 0).data(Role.NODE_ID)
                 for row in range(window.proxy.rowCount())}
        assert shown == {item}, typed


def test_the_trees_figure_says_what_it_counts(window) -> None:  # type: ignore[no-untyped-def]
    """全部检查项 10/56 beside the table's 57 / 57 项, with no word of the item left out."""
    from checklist_app.core import ItemStatus

    tree = window.tree_model
    figure = tree.index(0, 1)
    total = window.item_model.rowCount()
    assert figure.data().endswith(f"/{total}")
    assert figure.data(Qt.ItemDataRole.ToolTipRole).startswith(f"应评估{total}项，已完成")
    window.service.set_item(window.item_model.node_at(5).id,
                            status=ItemStatus.NOT_APPLICABLE, justification="本市无此产业")
    assert figure.data().endswith(f"/{total - 1}")
    assert figure.data(Qt.ItemDataRole.ToolTipRole).endswith("另有1项不适用，不计入")


def test_the_task_tooltip_has_the_panes_punctuation(window) -> None:  # type: ignore[no-untyped-def]
    """The tooltip showed the stored ,( where the pane shows ，（."""
    model = window.item_model
    rows = [r for r in range(model.rowCount()) if "," in model.node_at(r).text[:400]]
    assert rows
    tip = model.index(rows[0], 1).data(Qt.ItemDataRole.ToolTipRole)
    assert "," not in tip and "，" in tip


def test_the_item_shown_stays_highlighted_when_a_filter_hides_the_selected_one(window) -> None:  # type: ignore[no-untyped-def]
    """Qt moved the current row on without selecting it: the pane showed one item and the
    table highlighted none."""
    from checklist_app.ui.widgets.filter_bar import OVERDUE

    window.select_node("chongqing-2022/二/(四)/10")  # not overdue in the test workspace
    bar = window.filter_bar
    bar.status.setCurrentIndex(bar.status.findData(OVERDUE))
    shown = window.current_node_id()
    assert shown and shown != "chongqing-2022/二/(四)/10"
    selected = [i.data(Role.NODE_ID) for i in window.table.selectionModel().selectedRows()]
    assert selected == [shown] == [window.item_pane.detail.node.id]


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Down])
def test_enter_or_down_in_the_search_box_goes_to_the_results(window, qtbot, key) -> None:  # type: ignore[no-untyped-def]
    """Both left the cursor in the search box: the results took the mouse."""
    window.show()
    window.filter_bar.focus_search()
    window.filter_bar.search.setText("标准化人才")  # QTest types ASCII only
    qtbot.keyClick(window.filter_bar.search, key)  # no wait for the typing pause
    assert window.table.hasFocus()
    titles = [window.proxy.index(r, Column.TITLE).data() for r in range(window.proxy.rowCount())]
    assert "加强标准化专业人才培养" in titles and len(titles) < 5  # filtered at once
    assert window.current_node_id() and window.table.selectionModel().hasSelection()
    qtbot.keyClick(window.table, Qt.Key.Key_Space)  # and the keys of the table work at once
    assert window.undo_stack.canUndo()


def test_escape_in_the_search_box_clears_the_search(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.show()
    total = window.proxy.rowCount()
    window.filter_bar.focus_search()
    window.filter_bar.search.setText("人才")
    window.filter_bar.apply_search()
    assert window.proxy.rowCount() < total
    qtbot.keyClick(window.filter_bar.search, Qt.Key.Key_Escape)
    assert window.filter_bar.search.text() == "" and window.proxy.rowCount() == total


def test_toolbar_buttons_keep_their_words_and_places_as_changes_are_made(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The undo button grew with the name of each change and pushed the buttons after it
    along; the buttons showed the menus' (O) marks."""
    window.resize(1366, 768)
    window.show()
    buttons = [window.toolbar.widgetForAction(a) for a in window.toolbar.actions()]
    words = [b.text() for b in buttons]
    assert words[:4] == ["打开工作区", "新建自查自评", "撤销", "恢复"]
    assert not any("(" in word or "&" in word for word in words)
    places = [b.geometry() for b in buttons]
    window.table.setFocus()
    window.select_node(FIRST_ITEM)
    qtbot.keyClick(window.table, Qt.Key.Key_Space)
    qtbot.wait(10)
    assert [b.geometry() for b in buttons] == places
    assert window.undo_action.text().startswith("撤销 二、(一)1. 状态：")  # names the item
    assert window.undo_action.toolTip().startswith("撤销 二、(一)1. 状态：")


def test_search_finds_items_holding_every_word(window) -> None:  # type: ignore[no-untyped-def]
    """标准 科技 (two words, as people type into search boxes) found nothing: the space was
    searched as part of the text. Each word may be in the text or in what staff wrote."""
    from checklist_app.ui.widgets.search_highlight import match_spans

    def found(text: str) -> set[str]:
        window.filter_bar.search.setText(text)
        window.filter_bar.apply_search()
        return {window.proxy.index(r, 0).data(Role.NODE_ID)
                for r in range(window.proxy.rowCount())}

    both = found("标准 科技")
    assert both and both == found("科技 标准") and both == found("标准") & found("科技")
    assert both < found("标准")
    item = sorted(both)[0]
    window.service.set_item(item, note="已形成征求意见稿")
    assert found("科技 征求意见稿") == {item}
    assert found("附表 1") >= found("附表1")
    assert match_spans("推动科技成果转化为标准", "标准 科技") == [(2, 4), (9, 11)]


def test_a_search_for_a_sections_title_leads_to_that_section(window) -> None:  # type: ignore[no-untyped-def]
    """十四五 found no item (it names the 附表's heading, not its rows) and said only that
    nothing matched; the empty pane now offers the sections so titled."""
    pane = window.item_pane
    window.filter_bar.search.setText("十四五")
    window.filter_bar.apply_search()
    assert window.proxy.rowCount() == 0
    assert pane.show_sections.isVisible()
    assert pane.show_sections.text() == "查看标题含有“十四五”的章节"
    screenshot(window, "search-names-a-section")
    pane.show_sections.click()
    assert window.filter_bar.search.text() == "" and window.tree_filter.text() == "十四五"
    assert "十四五" in window.tree.currentIndex().data()
    rows = window.proxy.rowCount()
    assert rows > 20 and all(window.proxy.index(r, 0).data(Role.NODE_ID).startswith(
        "chongqing-2022/plan/") for r in range(rows))
    window.filter_bar.search.setText("没有这样的检查项")
    window.filter_bar.apply_search()
    assert not pane.show_sections.isVisible() and pane.clear_filters.isVisible()


def test_no_section_is_offered_when_the_other_filters_empty_the_table(window) -> None:  # type: ignore[no-untyped-def]
    """不适用 and 标准 left no item, and the pane offered the sections titled 标准: the
    search was not the cause, and following the offer showed no item either."""
    from checklist_app.core import ItemStatus
    from checklist_app.ui.models.document_tree_model import sections_titled

    bar, pane = window.filter_bar, window.item_pane
    bar.status.setCurrentIndex(bar.status.findData(ItemStatus.NOT_APPLICABLE))
    bar.search.setText("标准")
    bar.apply_search()
    assert window.proxy.rowCount() == 0 and sections_titled(window.tree_model, "标准")
    assert pane.clear_filters.isVisible() and not pane.show_sections.isVisible()


def test_clause_columns_write_numbers_as_the_number_column_does(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """省级条款 read 二、（三… beside a 序号 column reading 二、(一)2.: other brackets, and
    the wide ones left no room for the number itself at 1366×768."""
    import re

    model = window.item_model
    qtbot.waitUntil(lambda: model.mapped_ready, timeout=5000)
    captions = [str(model.index(row, column).data() or "") for row in range(model.rowCount())
                for column in (Column.PROVINCIAL, Column.NATIONAL)]
    numbered = [c for c in captions if re.match(r"^[一二三四五六七八九十]+、[(（]", c)]
    assert numbered
    assert all(re.match(r"^[一二三四五六七八九十]+、\([一二三四五六七八九十]+\) ", c)
               for c in numbered), numbered[:3]


def test_a_search_in_a_section_offers_the_items_found_in_others(window) -> None:  # type: ignore[no-untyped-def]
    """With 二、主要任务 selected, 发展目标 (an item of 一、) showed 0 items and said only that
    none matched: nothing told that the search was limited to the section."""
    from checklist_app.ui.models.document_tree_model import TreeRole

    found = window.tree_proxy.match(window.tree_proxy.index(0, 0), TreeRole.NODE_ID,
                                    "chongqing-2022/二", 1,
                                    Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
    window.tree.setCurrentIndex(found[0])
    window.filter_bar.search.setText("发展目标")
    window.filter_bar.apply_search()
    pane = window.item_pane
    assert window.proxy.rowCount() == 0
    assert pane.empty_text.text() == "本部分没有符合搜索和筛选条件的检查项。"
    assert pane.show_all_items.isVisible() and not pane.show_sections.isVisible()
    assert pane.show_all_items.text() == "查看其他部分找到的 1 个检查项"
    screenshot(window, "search-found-in-other-sections")
    pane.show_all_items.click()
    assert window.proxy.rowCount() == 1
    assert window.proxy.index(0, 0).data(Role.NODE_ID) == "chongqing-2022/一/(二)"


def test_the_count_counts_the_items_of_the_section_shown(window) -> None:  # type: ignore[no-untyped-def]
    """With 二、主要任务 selected, the count read 0 / 57 项: 57 was every item, not the
    section's, so the figure could not be checked against the table."""
    from checklist_app.ui.models.document_tree_model import TreeRole

    section = "chongqing-2022/二"
    found = window.tree_proxy.match(window.tree_proxy.index(0, 0), TreeRole.NODE_ID, section, 1,
                                    Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
    window.tree.setCurrentIndex(found[0])
    bar, model = window.filter_bar, window.item_model
    in_section = sum(model.node_at(row).id.startswith(section + "/")
                     for row in range(model.rowCount()))
    assert 0 < in_section < model.rowCount()
    assert bar.count.text() == f"{in_section} / {in_section} 项"
    bar.search.setText("发展目标")
    bar.apply_search()
    assert bar.count.text() == f"0 / {in_section} 项"
    window.tree.setCurrentIndex(window.tree_proxy.index(0, 0))  # 全部检查项
    assert bar.count.text() == f"1 / {model.rowCount()} 项"



def test_tab_goes_from_the_section_filter_to_the_tree_then_the_search(window) -> None:  # type: ignore[no-untyped-def]
    """筛选章节, top left, came last in the Tab order, after the item pane's fields."""
    chain, widget = [], window.tree_filter
    for _step in range(3):
        widget = widget.nextInFocusChain()
        while not widget.focusPolicy() & Qt.FocusPolicy.TabFocus or not widget.isVisibleTo(
                window):
            widget = widget.nextInFocusChain()
        chain.append(widget)
    assert chain[0] is window.tree
    assert chain[1] is window.filter_bar.search


def _show_section(window, node_id: str) -> None:  # type: ignore[no-untyped-def]
    from checklist_app.ui.models.document_tree_model import TreeRole

    found = window.tree_proxy.match(window.tree_proxy.index(0, 0), TreeRole.NODE_ID, node_id,
                                    1, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
    window.tree.setCurrentIndex(found[0])


def test_enter_in_a_search_with_no_hits_here_goes_to_the_way_out(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Nothing of this section matched: Enter kept the cursor in the search box, and the
    button to the items found in other sections was seven Tabs away."""
    window.show()
    _show_section(window, "chongqing-2022/一")
    window.filter_bar.focus_search()
    window.filter_bar.search.setText("人才")
    qtbot.keyClick(window.filter_bar.search, Qt.Key.Key_Return)
    button = window.item_pane.show_all_items
    assert window.proxy.rowCount() == 0 and button.hasFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert window.proxy.rowCount() > 0


def test_down_or_enter_in_the_sections_filter_goes_to_the_tree(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The sections' filter kept the focus on Down and Enter, and its text on Esc."""
    window.show()
    window.tree_filter.setFocus()
    window.tree_filter.setText("标准")
    qtbot.keyClick(window.tree_filter, Qt.Key.Key_Down)
    assert window.tree.hasFocus() and window.tree.currentIndex().isValid()
    window.tree_filter.setFocus()
    qtbot.keyClick(window.tree_filter, Qt.Key.Key_Escape)
    assert window.tree_filter.text() == ""


def test_a_not_applicable_reason_is_read_whole_in_tooltips(window) -> None:  # type: ignore[no-untyped-def]
    """The reason the report prints showed in a one-line field cut to its end, and the
    table's status said 不适用 alone."""
    from checklist_app.core import ItemStatus
    from checklist_app.ui.widgets.labels import UNWRAPPED_TIP_COLUMNS

    node = window.item_model.node_at(5).id
    reason = ("本局不承担该项任务，由市经济信息委牵头负责并组织实施，"
              "我局仅配合提供技术支撑<并报送进展>。") * 3
    window.service.set_item(node, status=ItemStatus.NOT_APPLICABLE, justification=reason)
    row = window.item_model.row_of(node)
    tip = window.item_model.index(row, Column.STATUS).data(Qt.ItemDataRole.ToolTipRole)
    assert 2 * len(reason) > UNWRAPPED_TIP_COLUMNS
    assert tip.startswith("<p style='white-space:pre-wrap'>")  # wrapped, not a line off screen
    assert "不适用：本局不承担该项任务" in tip and "&lt;并报送进展&gt;" in tip  # as written
    assert window.select_node(node)
    field = window.item_pane.detail.justification
    assert "由市经济信息委牵头负责" in field.toolTip() and "&lt;并报送进展&gt;" in field.toolTip()
    other = window.item_model.node_at(6).id
    window.service.set_item(other, status=ItemStatus.DONE)
    done = window.item_model.index(window.item_model.row_of(other), Column.STATUS)
    assert done.data(Qt.ItemDataRole.ToolTipRole) == "已完成"
