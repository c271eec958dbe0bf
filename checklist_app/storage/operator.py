"""Who the audit trail names for a change (操作人), the same for the desktop app and the CLI.

The name set in Settings, else the 填报人 (preparer) of the assessment worked on, else the
computer's login name: a shared office computer's login ("root", "Administrator") says
nothing of who changed what.
"""

from __future__ import annotations

from checklist_app.storage.lock import current_user


def operator_name(configured: str = "", preparer: str = "") -> str:
    """The name to record: ``configured`` (Settings), else ``preparer``, else the login."""
    return configured.strip() or preparer.strip() or current_user()
