"""Storage messages reach users in Chinese and always name the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from checklist_app.i18n import reset_language, translations_dir
from checklist_app.storage.errors import NotAWorkspaceError
from checklist_app.storage.workspace import Workspace

CATALOG = translations_dir() / "zh_CN" / "LC_MESSAGES" / "checklist_app.mo"


@pytest.mark.skipif(not CATALOG.exists(), reason="no zh_CN catalog built")
def test_not_a_workspace_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKLIST_APP_LANG", "zh_CN")
    reset_language()
    path = tmp_path / "笔记.txt"
    path.write_text("x" * 200)
    with pytest.raises(NotAWorkspaceError) as info:
        Workspace.open(path)
    message = str(info.value)
    assert str(path) in message
    assert any("\u4e00" <= c <= "\u9fff" for c in message.replace(str(path), ""))
