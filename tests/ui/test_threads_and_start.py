"""Real thread pools (the workspace lives on the writer thread), read-only mode, start-up."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from checklist_app.app import DesktopApp, build, parse_args, workspace_to_open
from checklist_app.core import ItemStatus
from checklist_app.settings import Settings
from checklist_app.storage.workspace import Workspace
from checklist_app.ui import message_box
from checklist_app.ui.workers import InlinePool
from tests.ui.conftest import FIRST_ITEM

pytestmark = pytest.mark.gui


def test_real_thread_pools(qtbot, workspace_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    desktop = build(Settings())
    qtbot.addWidget(desktop.window)
    window, service = desktop.window, desktop.service
    window.show()
    with qtbot.waitSignal(service.opened, timeout=10000):
        window.open_workspace(workspace_path)
    window.table.setFocus()
    assert window.select_node(FIRST_ITEM)
    before = service.data.state(FIRST_ITEM).status
    with qtbot.waitSignal(service.itemChanged, timeout=5000):
        qtbot.keyClick(window.table, Qt.Key.Key_Space)
    assert service.data.state(FIRST_ITEM).status != before
    evidence = tmp_path / "通知.txt"
    evidence.write_text("关于开展标准化工作的通知", encoding="utf-8")
    with qtbot.waitSignal(service.evidenceChanged, timeout=5000):
        window.attach_files(FIRST_ITEM, [evidence])
    assert [e.file_name for e in service.data.evidence[FIRST_ITEM]] == ["通知.txt"]
    qtbot.waitUntil(lambda: not window.job_progress.isVisible(), timeout=5000)
    dialog = window.open_report()
    dialog.style_choice.setCurrentIndex(1)
    dialog.generate_button.click()
    qtbot.waitUntil(lambda: dialog.pdf_path is not None, timeout=60000)
    assert dialog.pdf_path.is_file()
    dialog.close()
    desktop.shutdown()
    with Workspace.open(workspace_path, read_only=True) as workspace:  # closed and unlocked
        assessment = workspace.only_open_assessment()
        assert workspace.item_state(assessment.id, FIRST_ITEM).status != before


def _with_writer_thread(qtbot, workspace_path: Path) -> DesktopApp:  # type: ignore[no-untyped-def]
    """The app with its real writer thread (saves answered later, as on a desktop)."""
    desktop = build(Settings(), background=InlinePool())
    qtbot.addWidget(desktop.window)
    desktop.window.show()
    with qtbot.waitSignal(desktop.service.opened, timeout=10000):
        desktop.window.open_workspace(workspace_path)
    return desktop


def test_quitting_with_report_text_saves_it_and_quits_in_one_go(  # type: ignore[no-untyped-def]
        qtbot, workspace_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Save, chosen when quitting, is answered on the writer thread: the quit waits for it
    (refusing the quit until then made the clerk quit twice)."""
    from PySide6.QtWidgets import QMessageBox

    desktop = _with_writer_thread(qtbot, workspace_path)
    window = desktop.window
    editor = window.edit_narrative()
    editor.editors[4].setPlainText("下一步继续推进标准化试点。")
    monkeypatch.setattr(message_box, "question",
                        lambda *_args: QMessageBox.StandardButton.Save)
    assert window.close()  # in one go
    assert editor.closed
    desktop.shutdown()
    with Workspace.open(workspace_path, read_only=True) as workspace:
        assessment = workspace.only_open_assessment()
        assert assessment.narrative[4] == "下一步继续推进标准化试点。"


def test_ctrl_s_then_quit_quits(qtbot, workspace_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+S's save was still on its way when the clerk quit: the quit was refused with
    nothing asked, and nothing left unsaved."""
    desktop = _with_writer_thread(qtbot, workspace_path)
    window = desktop.window
    editor = window.edit_narrative()
    editor.editors[1].setPlainText("开展情况：已逐项梳理。")
    editor.save_and_stay()
    assert window.close()
    assert editor.closed
    desktop.shutdown()
    with Workspace.open(workspace_path, read_only=True) as workspace:
        assert workspace.only_open_assessment().narrative[1] == "开展情况：已逐项梳理。"


def test_report_text_is_never_saved_into_a_workspace_opened_since(  # type: ignore[no-untyped-def]
        qtbot, workspace_path: Path, tmp_path: Path, quick_lock_timeout: None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Its save refused as the other workspace opened, the editor stayed open, and Save
    then wrote the text into the other workspace's assessment of the same number."""
    from tests.ui.conftest import writing_elsewhere

    other_path = tmp_path / "other.sqlite"
    shutil.copyfile(workspace_path, other_path)
    desktop = build(Settings(), writer=InlinePool(), background=InlinePool())
    qtbot.addWidget(desktop.window)
    window = desktop.window
    window.show()
    window.open_workspace(workspace_path)
    editor = window.edit_narrative()
    editor.editors[2].setPlainText("甲局的正文")
    holder = writing_elsewhere(workspace_path)
    window.open_workspace(other_path)  # the text's save, queued first, is refused
    holder.rollback()
    holder.close()
    assert editor.isVisible() and editor.save_refused
    assert desktop.service.data.path == other_path
    editor.save()
    assert editor.isVisible() and "另一个工作区" in editor.banner.error.label.text()
    editor.done(0)
    desktop.service.close()
    for path in (workspace_path, other_path):
        with Workspace.open(path, read_only=True) as workspace:
            assert 2 not in workspace.only_open_assessment().narrative


def test_locked_workspace_opens_read_only(qtbot, workspace_path: Path) -> None:  # type: ignore[no-untyped-def]
    with Workspace.open(workspace_path):  # another writer holds the lock
        desktop = build(Settings(), writer=InlinePool(), background=InlinePool())
        qtbot.addWidget(desktop.window)
        desktop.window.show()
        desktop.window.open_workspace(workspace_path)
        data = desktop.service.data
        assert data.read_only
        assert desktop.window.banner.state.isVisible()
        assert not desktop.window.cycle_action.isEnabled()
        assert not desktop.window.item_pane.detail.status.isEnabled()
        desktop.service.close()


def test_closed_assessment_is_frozen_and_carried_forward(desktop: DesktopApp) -> None:
    window, service = desktop.window, desktop.service
    service.close_assessment()
    assert service.data.assessment.is_closed
    assert window.banner.state.isVisible() and not window.cycle_action.isEnabled()
    closed = service.data.assessment
    dialog = window.carry_forward()
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert closed.period == "2024年度" and dialog.period.text() == "2025年度"  # the next one
    dialog.period.setText(closed.period)  # the same period again: refused before it is tried
    assert not ok.isEnabled() and closed.period in dialog.problem.text()
    dialog.period.setText("")
    assert not ok.isEnabled()
    dialog.period.setText("2025年度")
    assert ok.isEnabled() and not dialog.problem.isVisibleTo(dialog)
    dialog.with_evidence.setChecked(True)
    dialog.accept()
    assert service.data.assessment.period == "2025年度" and service.data.editable
    assert service.data.state(FIRST_ITEM).status is ItemStatus.DONE
    assert len(window.switch_menu.actions()) == 2


def test_storage_errors_show_in_the_banner(desktop: DesktopApp) -> None:
    desktop.service.set_item(FIRST_ITEM, status=ItemStatus.NOT_APPLICABLE)  # no justification
    banner = desktop.window.banner
    assert banner.error.isVisible() and banner.error.label.text()
    assert not banner.error.details.isVisible()  # a known error, not a bug


def test_arguments_and_workspace_choice(tmp_path: Path) -> None:
    args = parse_args([str(tmp_path / "w.sqlite")])
    assert workspace_to_open(args, "") == (tmp_path / "w.sqlite").resolve()
    last = tmp_path / "last.sqlite"
    last.write_bytes(b"")
    assert workspace_to_open(parse_args([]), str(last)) == last
    demo = workspace_to_open(parse_args(["--demo"]), str(last))
    assert demo.name == "demo.sqlite" and demo.is_file()
    with pytest.raises(SystemExit):
        parse_args(["--version"])


def test_geometry_and_splitters_are_remembered(qtbot, desktop: DesktopApp) -> None:  # type: ignore[no-untyped-def]
    window = desktop.window
    window.resize(window.minimumSizeHint().width(), 520)  # the offscreen screen is small
    window.splitter.setSizes([150, 300, 300])
    sizes = window.splitter.sizes()
    window.close()
    settings = desktop.settings
    assert settings.window_geometry and "mainSplitter" in settings.splitters
    again = build(settings, writer=InlinePool(), background=InlinePool()).window
    qtbot.addWidget(again)
    again.show()
    assert again.size().height() == 520
    again.pages.setCurrentWidget(again.splitter)
    assert again.splitter.sizes() == sizes


def _collapsed_state(panes: int) -> str:
    """The state of a splitter of ``panes`` (2 or 3) saved with its second pane dragged to
    nothing, as the app saved it before its panes could not be collapsed."""
    from PySide6.QtWidgets import QLabel, QSplitter

    splitter = QSplitter()
    for text in "abc"[:panes]:
        splitter.addWidget(QLabel(text))
    splitter.resize(900, 600)
    splitter.setSizes([450, 0, 450][:panes])
    return bytes(splitter.saveState().toBase64().data()).decode()


def test_a_pane_dragged_to_nothing_comes_back(qtbot, desktop: DesktopApp) -> None:  # type: ignore[no-untyped-def]
    """The items table (or the evidence and mapping tabs) dragged to 0 px stayed gone, and
    came back so on every start: nothing in the menus undid it."""
    from checklist_app.ui.main_window import TABLE_LEAST_WIDTH

    settings = desktop.settings
    desktop.window.close()
    settings.splitters = {"mainSplitter": _collapsed_state(3), "itemSplitter": _collapsed_state(2)}
    window = build(settings, writer=InlinePool(), background=InlinePool()).window
    qtbot.addWidget(window)
    window.resize(1366, 700)
    window.show()
    window.pages.setCurrentWidget(window.splitter)
    window.select_node(FIRST_ITEM)
    qtbot.waitUntil(lambda: window.item_pane.splitter.sizes()[0] > 0)
    assert window.splitter.sizes()[1] >= TABLE_LEAST_WIDTH
    assert window.item_pane.splitter.sizes()[1] > 0
    for splitter in (window.splitter, window.item_pane.splitter):
        assert not splitter.childrenCollapsible()
    window.splitter.setSizes([600, 0, 766])  # as a drag of the handle to the tree's edge
    assert window.splitter.sizes()[1] >= TABLE_LEAST_WIDTH


def test_reset_layout_brings_panes_and_columns_back(qtbot, desktop: DesktopApp) -> None:  # type: ignore[no-untyped-def]
    from checklist_app.ui.main_window import MAIN_SPLIT
    from checklist_app.ui.models.item_table_model import Column

    window = desktop.window
    window.resize(1366, 700)
    window.pages.setCurrentWidget(window.splitter)
    window.select_node(FIRST_ITEM)
    window.splitter.setSizes([500, 300, 566])
    window.item_pane.splitter.setSizes([600, 60])
    window.table.show_column(Column.DEPARTMENT, False)
    window.table.horizontalHeader().resizeSection(Column.TITLE, 90)  # by the user
    assert window.table.sized_by_user
    reset = next(action for action, _menu in window.menu_actions()
                 if "重置窗口布局" in action.text())
    reset.trigger()
    total = sum(window.splitter.sizes())
    expected = [total * part // sum(MAIN_SPLIT) for part in MAIN_SPLIT]
    assert all(abs(got - want) <= 2 for got, want in zip(window.splitter.sizes(), expected,
                                                           strict=True))
    item, tabs = window.item_pane.splitter.sizes()
    assert abs(item / (item + tabs) - 0.7) < 0.02
    assert window.table.hidden_columns() == [] and not window.table.sized_by_user
    assert window.table.columnWidth(Column.TITLE) > 90
    assert "恢复" in window.statusBar().currentMessage()
    window.close()
    assert desktop.settings.table_columns == "" and desktop.settings.hidden_columns == []


def test_reset_layout_before_a_workspace_is_open_leaves_the_first_start_layout(  # type: ignore[no-untyped-def]
        qtbot, workspace_path: Path) -> None:
    """From the welcome page the panes' sizes are placeholders: a reset shared those, and
    the item's tabs took two thirds of the pane once a workspace was open."""
    from checklist_app.ui.main_window import MAIN_SPLIT

    desktop = build(Settings(), writer=InlinePool(), background=InlinePool())
    window = desktop.window
    qtbot.addWidget(window)
    window.resize(1440, 860)
    window.show()
    assert window.pages.currentWidget() is window.welcome
    window.reset_layout()
    window.open_workspace(workspace_path)
    window.select_node(FIRST_ITEM)
    qtbot.waitUntil(lambda: sum(window.item_pane.splitter.sizes()) > 0)
    sizes = window.splitter.sizes()
    assert abs(sizes[1] / sum(sizes) - MAIN_SPLIT[1] / sum(MAIN_SPLIT)) < 0.03
    item, tabs = window.item_pane.splitter.sizes()
    assert abs(item / (item + tabs) - 0.7) < 0.03
    desktop.service.close()


def test_missing_workspace_is_reported(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    desktop = build(Settings(), writer=InlinePool(), background=InlinePool())
    qtbot.addWidget(desktop.window)
    desktop.window.open_workspace(tmp_path / "gone.sqlite")
    assert desktop.service.data is None
    assert desktop.window.banner.error.isVisibleTo(desktop.window)
    assert "gone.sqlite" in desktop.window.banner.error.label.text()
    assert desktop.window.pages.currentWidget() is desktop.window.welcome
    desktop.service.close()


def test_failed_open_keeps_the_current_workspace(desktop: DesktopApp, tmp_path: Path) -> None:
    before = desktop.service.data
    desktop.window.open_workspace(tmp_path / "gone.sqlite")
    assert desktop.service.data is before
    desktop.service.set_item(FIRST_ITEM, note="仍可编辑")
    assert desktop.service.data.state(FIRST_ITEM).note == "仍可编辑"
    desktop.window.open_workspace(before.path)  # reopening the same file stays writable
    assert not desktop.service.data.read_only


def test_a_closed_assessment_shows_the_document_as_it_was(desktop: DesktopApp) -> None:
    from dataclasses import replace

    window, service = desktop.window, desktop.service
    closed_id = service.data.assessment.id
    old_text = service.data.checklist.node(FIRST_ITEM).text
    service.close_assessment()
    checklist = service.data.documents["chongqing-2022"]
    revised = replace(checklist, nodes=[
        replace(n, text="（修订）" + n.text) if n.id == FIRST_ITEM else n
        for n in checklist.nodes])
    service.import_document(revised)
    service.switch_assessment(closed_id)
    assert service.data.assessment.is_closed
    assert service.data.checklist.node(FIRST_ITEM).text == old_text
    assert service.data.documents["chongqing-2022"].node(FIRST_ITEM).text.startswith("（修订）")
    window.select_node(FIRST_ITEM)
    assert "（修订）" not in window.item_pane.detail.text.toPlainText()


def test_a_restart_comes_back_to_the_item_branch_and_tab(qtbot, desktop: DesktopApp,  # type: ignore[no-untyped-def]
                                                         workspace_path: Path,
                                                         tmp_path: Path) -> None:
    from checklist_app.ui.models.document_tree_model import TreeRole

    window = desktop.window
    section, item = "chongqing-2022/三", "chongqing-2022/三/(二)"
    found = window.tree_proxy.match(window.tree_proxy.index(0, 0), TreeRole.NODE_ID, section, 1,
                                    Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
    window.tree.setCurrentIndex(found[0])
    assert window.select_node(item)
    window.item_pane.tabs.setCurrentIndex(1)  # 对照关系
    window.close()
    desktop.settings.save()
    desktop.service.close()
    from tests.ui.test_startup import HeldPool

    writer = HeldPool()  # as at a start: the workspace loads once the window is built
    restarted = build(Settings.load(), writer=writer, background=InlinePool(),
                      open_path=workspace_path)
    again = restarted.window
    qtbot.addWidget(again)
    again.show()
    writer.run_all()
    assert again.current_node_id() == item
    assert again.tree.currentIndex().data(TreeRole.NODE_ID) == section
    assert again.proxy.rowCount() < again.item_model.rowCount()  # the branch's items only
    assert again.item_pane.tabs.currentIndex() == 1
    again.item_pane.tabs.setCurrentIndex(0)
    other = tmp_path / "另一个.sqlite"
    shutil.copyfile(workspace_path, other)
    again.open_workspace(other)  # never opened before: from the start
    writer.run_all()
    assert again.current_node_id() != item and again.item_pane.tabs.currentIndex() == 0
    again.open_workspace(workspace_path)  # and back: where it was left
    writer.run_all()
    assert again.current_node_id() == item
    restarted.service.close()
    writer.run_all()
