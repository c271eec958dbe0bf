"""The demo workspace in the real window: what the README shows."""

from __future__ import annotations

import shutil

import pytest

from checklist_app.app import build, demo_workspace, install_fonts
from checklist_app.i18n import set_language
from checklist_app.ui.settings import Settings
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
