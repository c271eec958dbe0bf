"""Shared fixtures. Qt runs offscreen; every test gets its own data folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checklist_app.i18n import reset_language

# Without a display and without this, Qt aborts the whole pytest process.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO_ROOT = Path(__file__).resolve().parent.parent
SOURCES = REPO_ROOT / "checklists" / "sources"


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Keep settings, workspaces and backups of every test out of the real user folders.

    Every test starts in the default language (zh_CN), whatever an earlier test chose.
    """
    data = tmp_path_factory.mktemp("appdata")
    monkeypatch.setenv("CHECKLIST_APP_DATA_DIR", str(data))
    monkeypatch.setenv("CHECKLIST_APP_LANG", "zh_CN")
    reset_language()
    yield data
    reset_language()
