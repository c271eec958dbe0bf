"""User settings as a small JSON file in the platformdirs config folder.

JSON rather than QSettings so that the file is readable, travels with a portable install
(``CHECKLIST_APP_DATA_DIR``) and can be read by the command line without Qt. Window geometry
and splitter states are stored as base64 text.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from checklist_app import paths

DEFAULT_BACKUP_COUNT = 10  # automatic and manual backups kept of each workspace, each


@dataclass(slots=True)
class Settings:
    user_name: str = ""
    office: str = ""
    department: str = ""  # "my department": the office's own department, for the filter
    language: str = ""  # "" follows the system locale / CHECKLIST_APP_LANG
    report_font: str = ""
    # the report dialog's last choices ("" / empty: the defaults, everything printed)
    report_style: str = ""
    # a report language picked in the dialog ("": the interface's); the former
    # ``report_language`` recorded the default as well, so it is not read any more
    report_language_choice: str = ""
    report_word_copy: bool = False
    report_parts: list[str] = field(default_factory=list)
    report_folder: str = ""  # where the last report was saved ("": the home folder)
    backup_count: int = DEFAULT_BACKUP_COUNT
    default_checklist: str = ""  # "": the office's own, else the latest imported
    default_provincial: str = ""
    default_national: str = ""
    last_workspace: str = ""
    recent_workspaces: list[str] = field(default_factory=list)
    window_geometry: str = ""
    window_state: str = ""
    splitters: dict[str, str] = field(default_factory=dict)
    table_columns: str = ""  # the items table's column widths, once the user sized them
    hidden_columns: list[int] = field(default_factory=list)  # the items table's, by number
    # per workspace path, where the clerk was: {"node_id", "branch_id", "item_tab"}
    views: dict[str, dict[str, str | int | None]] = field(default_factory=dict)

    @staticmethod
    def file() -> Path:
        return paths.settings_file()

    @classmethod
    def load(cls) -> Settings:
        try:
            raw = json.loads(cls.file().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in raw.items() if k in known} if isinstance(raw, dict) else {}
        try:
            settings = cls(**values)
        except TypeError:
            return cls()
        count = settings.backup_count  # edited by hand: "lots" or 0 kept none, or crashed
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            settings.backup_count = DEFAULT_BACKUP_COUNT
        return settings

    def save(self) -> None:
        """Write atomically: a crash mid-write keeps the previous settings."""
        target = self.file()
        temp = target.with_suffix(".json.tmp")
        temp.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2),
                        encoding="utf-8")
        os.replace(temp, target)

    def remember_workspace(self, path: Path) -> None:
        text = str(path)
        self.last_workspace = text
        self.recent_workspaces = [text, *[p for p in self.recent_workspaces if p != text]][:8]

    def remember_view(self, path: Path, view: dict[str, str | int | None]) -> None:
        """Where the clerk was in the workspace at ``path`` (kept for recent workspaces)."""
        self.views[str(path)] = view
        self.views = {k: v for k, v in self.views.items()
                      if k in self.recent_workspaces or k == str(path)}
