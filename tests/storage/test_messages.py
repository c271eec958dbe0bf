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


@pytest.mark.parametrize("error", [
    PermissionError(13, "Permission denied", "/srv/导出/.export-x1y2z3.part"),
    PermissionError(13, "Permission denied", "/srv/导出/.方案.txt.1a2b3c4d.part"),
])
def test_a_refused_temporary_file_is_named_as_the_file_asked_for(error: OSError) -> None:
    """Writes go to a hidden .part file first; the message named it (.export-x1y2z3.part)."""
    from checklist_app.storage.errors import translate

    message = str(translate(error, Path("/srv/导出/方案.txt")))
    assert "/srv/导出/方案.txt" in message and ".part" not in message


def test_name_targets_renames_both_files_of_an_error() -> None:
    from checklist_app.storage.errors import name_targets

    temp, target = Path("/d/.r.pdf.1234.part"), Path("/d/r.pdf")
    error = name_targets(OSError(18, "Invalid cross-device link", str(temp), None, str(temp)),
                         {temp: target})
    assert (error.filename, error.filename2) == (str(target), str(target))
    assert str(target) in str(error)
