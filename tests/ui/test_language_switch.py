"""Changing the language in the settings rebuilds the main window in it, at once: the open
workspace, the selected branch and item, geometry and splitters are kept; Qt's own strings
(standard buttons) follow."""

from __future__ import annotations

import gc
import weakref

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from checklist_app.app import DesktopApp
from checklist_app.i18n import current_language
from checklist_app.settings import Settings
from checklist_app.ui import message_box
from checklist_app.ui.models.document_tree_model import TreeRole
from tests.ui.conftest import close_dialogs, screenshot
from tests.ui.test_main_window import repeated_mnemonics

ITEM = "chongqing-2022/二/(二)/3"
SECTION = "chongqing-2022/二"
OTHER_ITEM = "chongqing-2022/二/(二)/4"


def _choose_language(qtbot, desktop: DesktopApp, code: str) -> None:  # type: ignore[no-untyped-def]
    """Choose a language in the settings dialog and wait until the old window is gone."""
    dialog = desktop.window.open_settings()
    dialog.language.setCurrentIndex(dialog.language.findData(code))
    old = weakref.ref(desktop.window)
    dialog.accept()
    del dialog
    _forget(qtbot, desktop, old)


def _forget(qtbot, desktop: DesktopApp, old: weakref.ref) -> None:  # type: ignore[no-untyped-def,type-arg]
    """Register the new window with qtbot; wait until the old one is deleted and let its
    Python wrapper go (pytest-qt would close it at teardown otherwise)."""
    if desktop.window is old():
        return
    qtbot.addWidget(desktop.window, before_close_func=close_dialogs)
    qtbot.waitUntil(lambda: old() is None or not shiboken6.isValid(old()))
    gc.collect()


def _drop_qt_catalogs(desktop: DesktopApp) -> None:
    """Qt's catalogs installed by the switches: later tests start without them."""
    app = QApplication.instance()
    for translator in desktop.qt_translators:
        app.removeTranslator(translator)


def _cancel_text() -> str:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    return buttons.button(QDialogButtonBox.StandardButton.Cancel).text()


def _menus(desktop: DesktopApp) -> list[str]:
    return [action.text() for action in desktop.window.menuBar().actions()]


def _look_at_section_and_item(desktop: DesktopApp) -> None:
    window = desktop.window
    found = window.tree_proxy.match(window.tree_proxy.index(0, 0), TreeRole.NODE_ID, SECTION, 1,
                                    Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
    window.tree.setCurrentIndex(found[0])
    assert window.select_node(ITEM)
    # the offscreen screen is small: near the least width, which English may need a few
    # pixels more of (its search row is longer)
    window.resize(window.minimumSizeHint().width() + 20, 560)
    QTest.qWait(20)  # let the layout follow the new size
    window.splitter.setSizes([200, 400, 400])


def test_language_switch_rebuilds_the_window_and_keeps_what_was_shown(qtbot, desktop) -> None:  # type: ignore[no-untyped-def]
    _look_at_section_and_item(desktop)
    old = weakref.ref(desktop.window)
    sizes, geometry = desktop.window.splitter.sizes(), desktop.window.geometry()
    rows = desktop.window.proxy.rowCount()
    assert _menus(desktop)[0] == "工作区(&W)"
    try:
        _choose_language(qtbot, desktop, "en")
        window = desktop.window
        assert window is not old() and window.isVisible()
        assert current_language() == "en" and Settings.load().language == "en"
        assert _menus(desktop) == ["&Workspace", "&Edit", "&Mappings", "&Assessment", "&Help"]
        assert window.item_model.headerData(2, Qt.Orientation.Horizontal) == "Status"
        assert window.tree_model.headerData(0, Qt.Orientation.Horizontal) == "Section"
        assert window.current_node_id() == ITEM
        assert window.tree.currentIndex().data(TreeRole.NODE_ID) == SECTION
        assert window.proxy.rowCount() == rows
        # the height, the tree and the item pane keep their sizes (a window narrower than
        # English needs would grow to its least width, once its posted layout request ran)
        qtbot.waitUntil(lambda shown=window: shown.width() >= shown.minimumSizeHint().width())
        assert window.height() == geometry.height() and window.width() >= geometry.width()
        assert window.splitter.sizes()[0::2] == sizes[0::2]
        assert window.service.data is desktop.service.data  # the same open workspace
        assert _cancel_text() == "Cancel"
        screenshot(window, "main-window-english")
        assert repeated_mnemonics(window) == []
        assert old() is None or not shiboken6.isValid(old())
        del window

        _choose_language(qtbot, desktop, "zh_CN")
        window = desktop.window
        assert current_language() == "zh_CN"
        assert _menus(desktop)[0] == "工作区(&W)"
        assert window.item_model.headerData(2, Qt.Orientation.Horizontal) == "状态"
        assert window.current_node_id() == ITEM
        # back to the user's own size
        assert window.size() == geometry.size() and window.splitter.sizes() == sizes
        assert _cancel_text() == "取消"  # Qt's own catalog came with it
        screenshot(window, "main-window-chinese-again")
        del window
    finally:
        _drop_qt_catalogs(desktop)


def test_a_refused_due_date_is_still_there_after_the_switch(qtbot, desktop) -> None:  # type: ignore[no-untyped-def]
    """The rebuilt window showed the stored date: “下月底”, typed and refused, went without
    a word (item changes, loads and quitting say so)."""
    window = desktop.window
    assert window.select_node(ITEM)
    due = window.item_pane.detail.due
    due.setText("下月底")
    due.editingFinished.emit()
    assert window.refused_date() == "下月底"
    old = weakref.ref(window)
    del window, due
    try:
        _choose_language(qtbot, desktop, "en")
        window = desktop.window
        assert window is not old() and window.current_node_id() == ITEM
        due = window.item_pane.detail.due
        assert due.text() == "下月底" and due.property("refused") is True
        assert window.refused_date() == "下月底"
        assert "is not a date" in window.statusBar().currentMessage()
        assert window.service.data.state(ITEM).due_date != "下月底"
        due.show_value(None)  # nothing left to ask about on closing
        del window, due
        _choose_language(qtbot, desktop, "zh_CN")
    finally:
        _drop_qt_catalogs(desktop)


def test_the_switch_keeps_the_selection_the_sort_and_the_script(qtbot, desktop) -> None:  # type: ignore[no-untyped-def]
    """Three rows selected came back as one, a sort by status as document order, and
    繁体 as 原文字形."""
    from checklist_app.ui.models.item_table_model import Column

    window = desktop.window
    window.table.sortByColumn(Column.STATUS, Qt.SortOrder.DescendingOrder)
    window.select_nodes([ITEM, OTHER_ITEM, "chongqing-2022/二/(一)/1"])
    script = window.item_pane.detail.script
    script.setCurrentIndex(script.findData("traditional"))
    selected, current = set(window.selected_node_ids()), window.current_node_id()
    old = weakref.ref(window)
    del window, script
    try:
        _choose_language(qtbot, desktop, "en")
        window = desktop.window
        assert window is not old()
        assert set(window.selected_node_ids()) == selected and len(selected) == 3
        assert window.current_node_id() == current
        header = window.table.horizontalHeader()
        assert header.sortIndicatorSection() == Column.STATUS
        assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        model, rows = window.item_model, range(window.proxy.rowCount())
        keys = [model._sort_value(model.node_at(window.proxy.mapToSource(
            window.proxy.index(r, 0)).row()), 0, Column.STATUS) for r in rows]
        assert keys == sorted(keys, reverse=True) and len(set(keys)) > 1  # rows sorted
        assert window.item_pane.detail.script.currentData() == "traditional"
        del window
        _choose_language(qtbot, desktop, "zh_CN")
    finally:
        _drop_qt_catalogs(desktop)


def test_same_language_or_running_job_does_not_rebuild(qtbot, desktop) -> None:  # type: ignore[no-untyped-def]
    window = desktop.window
    first = weakref.ref(window)
    assert not desktop.switch_language("zh_CN")  # already Chinese
    assert desktop.window is window
    window.job_progress.begin("…")  # a job the window follows is running
    assert not desktop.switch_language("en")
    assert desktop.window is window and current_language() == "zh_CN"
    assert "语言" in window.statusBar().currentMessage()
    window.job_progress.finish()
    del window
    qtbot.waitUntil(lambda: desktop.window is not first(), timeout=3000)  # retried when done
    assert current_language() == "en"
    _forget(qtbot, desktop, first)


def test_a_dialog_with_typed_text_is_asked_about_before_the_switch(  # type: ignore[no-untyped-def]
        qtbot, desktop, monkeypatch) -> None:
    """The report text editor vanished with the old window and what was typed in it."""
    from PySide6.QtWidgets import QMessageBox

    window = desktop.window
    first = weakref.ref(window)
    window.edit_narrative()
    editor = window.dialog
    assert editor is not None and editor.objectName() == "narrativeEditor"
    editor.editors[1].setPlainText("本年度开展了标准化工作。")
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save]
    asked: list[str] = []
    monkeypatch.setattr(message_box, "question", lambda _parent, _title, text, *_args,
                        **_kwargs: asked.append(text) or answers.pop(0))
    assert not desktop.switch_language("en")  # Cancel: the editor and its text stay
    assert desktop.window is window and editor.isVisible() and current_language() == "zh_CN"
    assert asked and "语言" in window.statusBar().currentMessage()
    editor.reject()  # closed later (Save): the switch follows, the text is kept
    del window, editor
    qtbot.waitUntil(lambda: desktop.window is not first(), timeout=3000)
    assert current_language() == "en"
    desktop.service.wait_idle()
    assert desktop.service.data.assessment.narrative[1] == "本年度开展了标准化工作。"
    _forget(qtbot, desktop, first)


def test_switch_with_real_threads_keeps_the_note_being_typed(qtbot, workspace_path) -> None:  # type: ignore[no-untyped-def]
    from checklist_app.app import build

    desktop = build(Settings())
    qtbot.addWidget(desktop.window, before_close_func=close_dialogs)
    desktop.window.show()
    with qtbot.waitSignal(desktop.service.opened, timeout=10000):
        desktop.window.open_workspace(workspace_path)
    assert desktop.window.select_node(ITEM)
    desktop.window.item_pane.detail.note.setPlainText("已制定工作方案")  # not yet saved
    try:
        _choose_language(qtbot, desktop, "en")
        qtbot.waitUntil(lambda: desktop.service.data.state(ITEM).note == "已制定工作方案",
                        timeout=5000)
        assert desktop.window.current_node_id() == ITEM
        assert desktop.window.item_pane.detail.note.toPlainText() == "已制定工作方案"
    finally:
        desktop.shutdown()


def test_the_report_can_be_made_after_a_switch_with_real_threads(qtbot, workspace_path) -> None:  # type: ignore[no-untyped-def]
    """The switch waited for the writer with QThreadPool.waitForDone, which ended its thread:
    the next read ran on a new thread that cannot use the workspace's sqlite connection, and
    the report dialog stayed at "Reading the assessment…" for good."""
    from checklist_app.app import build

    desktop = build(Settings())
    qtbot.addWidget(desktop.window, before_close_func=close_dialogs)
    desktop.window.show()
    with qtbot.waitSignal(desktop.service.opened, timeout=10000):
        desktop.window.open_workspace(workspace_path)
    try:
        _choose_language(qtbot, desktop, "en")
        dialog = desktop.window.open_report()
        dialog.generate_button.click()
        qtbot.waitUntil(lambda: dialog.pdf_path is not None, timeout=60000)
        assert dialog.pdf_path.stat().st_size > 0 and dialog.generate_button.isEnabled()
        dialog.close()
    finally:
        desktop.shutdown()


def test_a_branch_hidden_by_the_tree_filter_stays_shown_across_a_switch(qtbot, desktop) -> None:  # type: ignore[no-untyped-def]
    window = desktop.window
    window._select_branch(SECTION)
    rows = window.proxy.rowCount()
    window.tree_filter.setText("组织实施")  # hides the section's row; its items stay
    assert not window.tree.currentIndex().isValid() and window.proxy.rowCount() == rows
    del window  # the switch deletes it
    try:
        _choose_language(qtbot, desktop, "en")
        assert desktop.window.proxy.rowCount() == rows
        desktop.window.tree_filter.clear()
        assert desktop.window.tree.currentIndex().data(TreeRole.NODE_ID) == SECTION
    finally:
        for translator in desktop.qt_translators:
            QApplication.instance().removeTranslator(translator)


def _report_made(qtbot, desktop: DesktopApp):  # type: ignore[no-untyped-def]
    dialog = desktop.window.open_report()
    dialog.generate_button.click()
    qtbot.waitUntil(lambda: dialog.pdf_path is not None, timeout=30000)
    dialog.close()


def test_the_report_is_chinese_in_an_english_interface_until_english_is_picked(
        qtbot, desktop) -> None:  # type: ignore[no-untyped-def]
    """An official 自查报告 is printed in Chinese: switching the interface to English left the
    report dialog on English. English picked in the dialog stays picked, and so does 中文."""
    _report_made(qtbot, desktop)
    _choose_language(qtbot, desktop, "en")
    dialog = desktop.window.open_report()
    assert dialog.language.currentData() == "zh"
    qtbot.keyClick(dialog.language, Qt.Key.Key_Down)  # a clerk wants an English copy
    assert dialog.language.currentData() == "en"
    dialog.generate_button.click()
    qtbot.waitUntil(lambda: dialog.pdf_path is not None, timeout=30000)
    dialog.close()
    assert Settings.load().report_language_choice == "en"
    dialog = desktop.window.open_report()
    assert dialog.language.currentData() == "en"
    qtbot.keyClick(dialog.language, Qt.Key.Key_Up)  # and back to 中文
    dialog.generate_button.click()
    qtbot.waitUntil(lambda: dialog.pdf_path is not None, timeout=30000)
    dialog.close()
    assert Settings.load().report_language_choice == "zh"
    assert desktop.window.open_report().language.currentData() == "zh"
    desktop.window.dialog.close()


def test_filters_and_undo_survive_a_switch(qtbot, desktop) -> None:  # type: ignore[no-untyped-def]
    """Switching to English cleared the status, evidence and department filters (the table
    showed every item again under the same search) and emptied the undo history."""
    from checklist_app.core import ItemStatus

    window = desktop.window
    assert window.select_node(ITEM)
    before = window.service.data.state(ITEM).status
    window.set_status(ItemStatus.DONE)
    bar = window.filter_bar
    bar.status.setCurrentIndex(bar.status.findData(ItemStatus.DONE))
    bar.evidence.setCurrentIndex(2)  # 无佐证材料
    bar.department.setEditText("市市场监管局")
    rows = window.proxy.rowCount()
    assert 0 < rows < window.item_model.rowCount()
    chosen = bar.choices()
    del window, bar
    try:
        _choose_language(qtbot, desktop, "en")
        window = desktop.window
        assert window.filter_bar.choices() == chosen
        assert window.proxy.rowCount() == rows
        assert window.filter_bar.status.currentText() == "Done"
        assert window.undo_action.isEnabled()
        window.undo_action.trigger()
        assert window.service.data.state(ITEM).status == before
        assert window.redo_action.isEnabled()
        del window
    finally:
        for translator in desktop.qt_translators:
            QApplication.instance().removeTranslator(translator)


def test_undo_names_the_changes_in_the_new_language(qtbot, desktop) -> None:  # type: ignore[no-untyped-def]
    """After a switch to English the Undo menu named no change at all, and once a change was
    undone it named the one before in Chinese (撤销 二、(二)3. 状态：已完成)."""
    from checklist_app.core import ItemStatus

    window = desktop.window
    assert window.select_node(ITEM)
    window.set_status(ItemStatus.DONE)
    window.select_nodes([ITEM, OTHER_ITEM])
    window.set_status(ItemStatus.IN_PROGRESS)  # one step of two changes
    assert "状态" in window.undo_action.text()
    del window
    _choose_language(qtbot, desktop, "en")
    window = desktop.window
    assert window.undo_action.text() == "&Undo Status of 2 items: In progress"
    assert [window.undo_action.iconText(), window.redo_action.iconText()] == ["Undo", "Redo"]
    window.undo_action.trigger()
    assert window.undo_action.text() == "&Undo Status: Done of 二、(二)3."
    assert window.redo_action.text() == "&Redo Status of 2 items: In progress"
