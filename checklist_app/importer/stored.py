"""Targets as checklist files and workspaces store them, read as this version reads them.

Light on purpose: opening a workspace reads every stored target, and ``importer.extract``,
whose patterns take a few hundredths of a second to compile, is imported only for a figure
an earlier version stored as EQUAL.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from checklist_app.core import Comparator, Target


def stored_target(data: Mapping[str, Any]) -> Target:
    """A stored target; one stored as EQUAL (争创全国标准创新贡献奖5项) is read again by its
    words (``extract.reread_bare_figure``)."""
    target = Target(data["text"], float(data["value"]), data["unit"],
                    Comparator(data["comparator"]), data.get("year"))
    if target.comparator is not Comparator.EQUAL:
        return target
    from checklist_app.importer.extract import reread_bare_figure

    return reread_bare_figure(target)
