"""The core layers import and run with no Qt and no display."""

from __future__ import annotations

import subprocess
import sys

CORE_PACKAGES = [
    "checklist_app.core",
    "checklist_app.importer",
    "checklist_app.crosswalk",
    "checklist_app.storage",
    "checklist_app.report",
    "checklist_app.cli",
]


def test_core_layers_import_without_qt() -> None:
    code = (
        "import sys\n"
        f"for name in {CORE_PACKAGES!r}:\n"
        "    __import__(name)\n"
        "loaded = [m for m in sys.modules if m.startswith('PySide6')]\n"
        "assert not loaded, loaded\n"
    )
    env = {"PATH": "", "QT_QPA_PLATFORM": ""}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
