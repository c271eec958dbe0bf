"""The demo workspace in the real window: what the README shows."""

from __future__ import annotations

import shutil

import pytest

from checklist_app.app import build, demo_workspace, install_fonts
from checklist_app.i18n import set_language
from checklist_app.settings import Settings
from checklist_app.ui.workers import InlinePool
from tests.ui.conftest import ARTIFACTS, screenshot

pytestmark = pytest.mark.gui

WITH_PHOTO = "chongqing-2022/二/(三)/5"


def test_demo_workspace(qtbot) -> None:  # type: ignore[no-untyped-def]
    set_language("zh_CN")
    install_fonts()
    desktop = build(Settings(), writer=InlinePool(), background=InlinePool())
    window = desktop.window
    qtbot.addWidget(window)
    window.resize(1440, 860)
    window.show()
    window.open_workspace(demo_workspace())
    data = desktop.service.data
    assert data.assessment is not None and data.assessment.office
    assert sum(1 for s in data.states.values() if s.status.counts_as_complete) >= 5
    assert window.select_node(WITH_PHOTO)
    assert window.item_pane.evidence.model.rowCount() >= 1
    path = screenshot(window, "demo-main-window")
    shutil.copyfile(path, ARTIFACTS / "readme-main-window.png")
    desktop.service.close()


def test_the_demo_says_so_and_offers_a_workspace_of_ones_own(qtbot, workspace_path,  # type: ignore[no-untyped-def]
                                                             monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    set_language("zh_CN")
    desktop = build(Settings(), writer=InlinePool(), background=InlinePool())
    window = desktop.window
    qtbot.addWidget(window)
    window.show()
    window.open_workspace(demo_workspace())
    assert "[演示工作区：demo.sqlite]" in window.windowTitle()
    banner = window.banner
    assert banner.state.isVisibleTo(window) and "演示工作区" in banner.state.label.text()
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda _parent, title, *_args: asked.append(title) or ("", ""))
    banner.own_workspace.click()
    assert asked == ["新建工作区"]
    window.select_node(WITH_PHOTO)
    window.cycle_status()  # working in the demo: the line stays one line, no more
    assert [banner.notice.isVisibleTo(window), banner.error.isVisibleTo(window)] == [False] * 2
    window.open_workspace(workspace_path)  # one's own: nothing said
    assert "演示" not in window.windowTitle()
    assert not banner.state.isVisibleTo(window)
    desktop.service.close()
