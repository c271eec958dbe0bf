"""Menu entries that other screens name when they say where to go (自查自评 → 撰写报告正文…).

The main window builds its menus from these msgids, so a remedy always quotes the menu as it
reads, in either language.
"""

from __future__ import annotations

import re

from checklist_app.i18n import N_, _

ASSESSMENT_MENU = N_("&Assessment")
DETAILS_ACTION = N_("Assessment &details…")
NARRATIVE_ACTION = N_("&Write report narrative…")
IMPORT_ACTION = N_("&Import policy document…")

# An action whose text changes with the state (Undo names the step it undoes) keeps the name
# of what it does in this property, for lists of commands such as Help → Keyboard shortcuts.
COMMAND_NAME = "commandName"

# 自查自评(&A), Not assessed (&1), &Write …; && is a literal &
_MNEMONIC = re.compile(r" ?\(&[^&]\)|&(?=[^&])")


def menu_words(text: str) -> str:
    """Text shown in a menu as it is: an & in it (R&D.sqlite) is no access key."""
    return text.replace("&", "&&")


def with_access_key(number: int, text: str) -> str:
    """A numbered menu entry (the recent workspaces): 1 to 9 are its access keys."""
    return f"&{number} {menu_words(text)}" if number < 10 else f"{number} {menu_words(text)}"


def plain(entry: str) -> str:
    """A translated menu text as it reads on screen: no mnemonic marks."""
    return _MNEMONIC.sub("", entry).replace("&&", "&")


def menu_path(*entries: str) -> str:
    """Menu entries (msgids) as the user finds them: ``自查自评 → 撰写报告正文…``."""
    return " → ".join(plain(_(entry)) for entry in entries)
