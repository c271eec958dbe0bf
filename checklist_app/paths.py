"""User folders (platformdirs), movable with CHECKLIST_APP_DATA_DIR for tests and portable use."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "checklist-app"
ENV_DATA_DIR = "CHECKLIST_APP_DATA_DIR"
WORKSPACE_PATTERNS = "*.sqlite *.db"  # of the file dialogs that open a workspace


def _override() -> Path | None:
    value = os.environ.get(ENV_DATA_DIR)
    return Path(value) if value else None


def data_dir() -> Path:
    """Workspaces, the demo and backups live here."""
    base = _override()
    path = base / "data" if base else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    base = _override()
    path = (
        base / "config" if base else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    )
    path.mkdir(parents=True, exist_ok=True)
    return path


def settings_file() -> Path:
    """The user's settings (JSON), written by the desktop app and read by the CLI too."""
    return config_dir() / "settings.json"


def backups_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_workspace() -> Path:
    return data_dir() / "workspace.sqlite"


def demo_dir() -> Path:
    return data_dir() / "demo"


def demo_workspace_file() -> Path:
    """Where the demo workspace is built on first use."""
    return demo_dir() / "demo.sqlite"


def is_demo_workspace(path: Path) -> bool:
    """Whether ``path`` is the demo workspace (sample data, not an office's own)."""
    try:
        return path.resolve() == demo_workspace_file().resolve()
    except OSError:
        return False
