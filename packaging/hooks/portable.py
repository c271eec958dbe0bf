"""PyInstaller runtime hook: portable mode, all user data beside the executable.

When a file ``portable.txt`` or a folder ``data`` sits next to the executable (for an
AppImage: next to the .AppImage file), CHECKLIST_APP_DATA_DIR points at that folder, so
settings, workspaces and backups stay on the USB stick (``data/``, ``config/``; see
checklist_app/paths.py). A value already set in the environment wins. Runs before the app's
own code; standard library only.
"""

import os
import sys

ENV_DATA_DIR = "CHECKLIST_APP_DATA_DIR"
MARKERS = ("portable.txt", "data")


def portable_folder(executable, appimage=None):
    """The folder holding a portable marker beside the program, else None."""
    candidates = [os.path.dirname(os.path.abspath(appimage))] if appimage else []
    candidates.append(os.path.dirname(os.path.abspath(executable)))
    for folder in candidates:
        if os.path.isfile(os.path.join(folder, MARKERS[0])) or os.path.isdir(
                os.path.join(folder, MARKERS[1])):
            return folder
    return None


def apply(environ, executable, appimage=None):
    """Set the data folder in ``environ`` for portable use; returns the folder or None."""
    if environ.get(ENV_DATA_DIR):
        return None
    folder = portable_folder(executable, appimage)
    if folder is None:
        return None
    if not os.access(folder, os.W_OK):
        if sys.stderr is not None:  # None in the windowed Windows executable
            sys.stderr.write(f"checklist-app: {folder} is read-only; portable mode is off\n")
        return None
    environ[ENV_DATA_DIR] = folder
    return folder


if getattr(sys, "frozen", False):
    apply(os.environ, sys.executable, os.environ.get("APPIMAGE"))
