"""The banner's messages: cleared when a workspace is opened again, never piled up."""

from __future__ import annotations

from pathlib import Path

import pytest

from checklist_app.app import build
from checklist_app.settings import Settings
from checklist_app.storage.workspace import Workspace
from checklist_app.ui.workers import InlinePool
from tests.ui.conftest import screenshot, shown_app

pytestmark = pytest.mark.gui


def _shown_messages(window) -> list[str]:  # type: ignore[no-untyped-def]
    banner = window.banner
    return [strip.label.text() for strip in (banner.notice, banner.error)
            if strip.isVisibleTo(window)]


def test_reopening_read_write_clears_the_read_only_refusal(qtbot, workspace_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = shown_app(qtbot)
    with Workspace.open(workspace_path):  # another program holds it: read-only
        app.window.open_workspace(workspace_path)
        assert app.window.import_document() is None
        assert any("只读" in text for text in _shown_messages(app.window))
    app.window.open_workspace(workspace_path)
    assert app.service.data.editable
    assert _shown_messages(app.window) == []
    assert not app.window.banner.state.isVisibleTo(app.window)
    app.service.close()


def test_read_only_offers_to_open_again_in_the_same_view(qtbot, workspace_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The line said to close the other program and open the workspace again, with no way
    to do so but the Open dialog, and the branch, search and item were lost on the way."""
    from checklist_app.core import ItemStatus

    app = build(Settings(), writer=InlinePool(), background=InlinePool())
    window = app.window
    qtbot.addWidget(window)
    window.resize(1440, 860)
    window.show()
    item = "chongqing-2022/二/(二)/3"
    with Workspace.open(workspace_path):  # another program holds it: read-only
        window.open_workspace(workspace_path)
        assert window.banner.reopen.isVisibleTo(window)
        assert window.select_node(item)
        window.filter_bar.search.setText("产业")
        window.filter_bar.apply_search()
        rows = window.proxy.rowCount()
        screenshot(window, "read-only-workspace")
        window.banner.reopen.click()  # too early: the other program still has it
        assert app.service.data.read_only and window.current_node_id() == item
        assert "只读" in window.statusBar().currentMessage()
    window.banner.reopen.click()
    assert app.service.data.editable
    assert not window.banner.state.isVisibleTo(window)
    assert window.current_node_id() == item and window.proxy.rowCount() == rows
    assert window.filter_bar.search.text() == "产业"
    assert "可以编辑" in window.statusBar().currentMessage()
    window.set_status(ItemStatus.DONE)
    assert app.service.data.state(item).status is ItemStatus.DONE
    app.service.close()


def test_the_reopen_button_shows_only_for_a_read_only_workspace(window) -> None:  # type: ignore[no-untyped-def]
    assert not window.banner.reopen.isVisibleTo(window)


def test_a_successful_open_clears_the_error_of_a_failed_one(window, workspace_path: Path,  # type: ignore[no-untyped-def]
                                                             tmp_path: Path) -> None:
    window.open_workspace(tmp_path / "gone.sqlite")
    assert any("gone.sqlite" in text for text in _shown_messages(window))
    window.open_workspace(workspace_path)
    assert _shown_messages(window) == []


def test_one_message_shows_at_a_time(window) -> None:  # type: ignore[no-untyped-def]
    banner = window.banner
    banner.show_notice("附件已存在。")
    banner.show_error("磁盘已满。")
    banner.show_error("磁盘已满。")
    assert _shown_messages(window) == ["磁盘已满。"]
    banner.show_notice("附件已存在。")
    assert _shown_messages(window) == ["附件已存在。"]


def test_a_later_attach_that_works_clears_the_refusal(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The refusal listed files the clerk has since dealt with: attaching good files (to this
    item or another) takes it away; another error stays."""
    empty, report = tmp_path / "空白扫描件.pdf", tmp_path / "总结.pdf"
    empty.touch()
    report.write_bytes(b"%PDF-1.4 sample")
    first, second = (window.item_model.node_at(row).id for row in (1, 2))
    window.attach_files(first, [report, empty])
    assert any("全部未添加" in text for text in _shown_messages(window))
    assert window.select_node(second)
    assert any("全部未添加" in text for text in _shown_messages(window))
    window.attach_files(second, [report])
    assert [e.file_name for e in window.service.data.evidence[second]] == ["总结.pdf"]
    assert _shown_messages(window) == []
    window.banner.show_error("磁盘已满。")  # not about attaching: stays
    window.attach_files(first, [report])
    assert _shown_messages(window) == ["磁盘已满。"]


@pytest.mark.parametrize(("kind", "colour"), [("notice", "#fff4ce"), ("error", "#fde7e9")])
def test_each_message_is_drawn_on_its_coloured_strip(qtbot, kind: str, colour: str) -> None:  # type: ignore[no-untyped-def]
    """A plain QWidget ignores its style sheet's background: the yellow of a warning and
    the red of an error were never painted, so a message looked like any label."""
    from PySide6.QtGui import QColor

    from checklist_app.ui.widgets.banner import Banner

    banner = Banner()
    qtbot.addWidget(banner)
    banner.resize(600, 80)
    banner.show()
    getattr(banner, f"show_{kind}")("工作区已损坏。")
    strip = getattr(banner, kind)
    image = banner.grab().toImage()  # as the window draws it, not the strip on its own
    inside = image.pixelColor(strip.geometry().center().x(), strip.geometry().bottom() - 3)
    assert inside == QColor(colour)


def test_a_refusal_takes_the_last_success_off_the_status_bar(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """已将 1 个文件添加到… stayed in the status bar beside 全部未添加, as if it were this one's."""
    from tests.ui.conftest import FIRST_ITEM

    good, empty = tmp_path / "总结.pdf", tmp_path / "空白扫描件.pdf"
    good.write_bytes(b"%PDF-1.4 summary")
    empty.touch()
    window.attach_files(FIRST_ITEM, [good])
    window.service.wait_idle()
    assert window.statusBar().currentMessage()
    window.attach_files(FIRST_ITEM, [empty, good])
    window.service.wait_idle()
    assert any("全部未添加" in text for text in _shown_messages(window))
    assert window.statusBar().currentMessage() == ""


def test_a_read_only_window_follows_what_the_other_program_writes(  # type: ignore[no-untyped-def]
        qtbot, workspace_path: Path) -> None:
    """Another program set 7 statuses: the read-only window still said 9/56 done while the
    report it printed, read afresh, said 6. It now looks every few seconds and shows the
    workspace afresh, where the clerk was."""
    from checklist_app.core import ItemStatus
    from checklist_app.ui.service import WATCH_INTERVAL_MS

    app = build(Settings(), writer=InlinePool(), background=InlinePool())
    window = app.window
    qtbot.addWidget(window)
    window.show()
    item = "chongqing-2022/二/(二)/3"
    with Workspace.open(workspace_path) as other:  # another program holds it: read-only
        window.open_workspace(workspace_path)
        assert app.service.data.read_only and app.service._watch.isActive()
        assert app.service._watch.interval() == WATCH_INTERVAL_MS
        assert window.select_node(item)
        window.filter_bar.search.setText("产业")
        window.filter_bar.apply_search()
        before = app.service.data
        app.service._look_for_changes()  # nothing written: nothing reloaded
        assert app.service.data is before
        assessment = other.assessments()[-1].id
        other.set_item(assessment, item, status=ItemStatus.DONE.value)
        app.service._look_for_changes()  # what the timer does
        qtbot.waitUntil(lambda: app.service.data is not before)
        assert app.service.data.state(item).status is ItemStatus.DONE
        assert window.current_node_id() == item and window.filter_bar.search.text() == "产业"
        assert "更改" in window.statusBar().currentMessage()
        shown = app.service.data
        details = window.edit_details()  # a dialog open: the refresh waits for it
        other.set_item(assessment, item, note="另一程序写的")
        app.service._look_for_changes()
        assert app.service.data is shown and details.isVisible()
        details.reject()
        window.filter_bar.search.setFocus()  # typing a search: it waits too
        window.activateWindow()
        qtbot.waitUntil(lambda: window.filter_bar.search.hasFocus())
        app.service._look_for_changes()
        assert app.service.data is shown
        window.table.setFocus()
        app.service._look_for_changes()
        qtbot.waitUntil(lambda: app.service.data is not shown)
        assert app.service.data.state(item).note == "另一程序写的"
    window.open_workspace(workspace_path)  # writable now: no more looking
    assert app.service.data.editable and not app.service._watch.isActive()
    app.service.close()


@pytest.mark.parametrize("protected", ["file", "folder"])
def test_a_write_protected_workspace_opens_read_only_and_says_why(  # type: ignore[no-untyped-def]
        qtbot, workspace_path: Path, monkeypatch: pytest.MonkeyPatch, protected: str) -> None:
    """A read-only file opened as editable and failed at the first change; a read-only
    folder (a write-protected USB stick) could not be opened at all, though the message
    advised opening it read-only, which the app offered nowhere."""
    import checklist_app.ui.service as service_module

    refused = workspace_path if protected == "file" else workspace_path.parent
    monkeypatch.setattr(service_module.os, "access",  # root may write anything: told not
                        lambda path, _mode: Path(path) != refused)
    app = build(Settings(), writer=InlinePool(), background=InlinePool())
    window = app.window
    qtbot.addWidget(window)
    window.resize(1440, 860)
    window.show()
    window.open_workspace(workspace_path)
    data = app.service.data
    assert data is not None and data.read_only and data.write_protected
    state = window.banner.state.label.text()
    assert "不能写入" in state and "复制到可写入的文件夹" in state and "其他程序" not in state
    assert not window.banner.reopen.isVisibleTo(window)  # reopening would not help
    assert _shown_messages(window) == []
    if protected == "folder":
        screenshot(window, "write-protected-workspace")
    app.service.close()


def test_read_only_text_fields_look_it(qtbot, workspace_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The note and the target values stayed white beside the greyed fields: typing in
    them did nothing, with no word why."""
    from PySide6.QtGui import QPalette

    app = build(Settings(), writer=InlinePool(), background=InlinePool())
    window = app.window
    qtbot.addWidget(window)
    window.show()
    item = "chongqing-2022/一/(二)"  # 发展目标: numeric targets
    with Workspace.open(workspace_path):  # another program holds it: read-only
        window.open_workspace(workspace_path)
        assert window.select_node(item)
        detail = window.item_pane.detail
        fields = [detail.note, *detail.targets.values]
        assert len(fields) > 1 and all(field.isReadOnly() for field in fields)
        grey = detail.department.palette().color(QPalette.ColorGroup.Disabled,
                                                 QPalette.ColorRole.Base)
        assert all(field.palette().color(QPalette.ColorRole.Base) == grey for field in fields)
        screenshot(window.item_pane, "read-only-item")
    window.open_workspace(workspace_path)  # editable again: white again
    assert window.select_node(item)
    detail = window.item_pane.detail
    white = detail.department.palette().color(QPalette.ColorRole.Base)
    assert not detail.note.isReadOnly()
    assert detail.note.palette().color(QPalette.ColorRole.Base) == white != grey
    app.service.close()
