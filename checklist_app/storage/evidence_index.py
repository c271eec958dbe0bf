"""The 佐证材料目录 (evidence index): one numbering of an assessment's evidence.

The report's 附件3 and the index written beside exported evidence both number files here, so
"佐证材料 3" means the same file on paper and in the folder. Pure functions of core objects:
the report (which never reads the database) and the export import them alike.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from checklist_app.core import Document, Evidence, Node, printed_label
from checklist_app.i18n import _


@dataclass(frozen=True, slots=True)
class IndexEntry:
    number: int  # from 1, in first-use order
    evidence: Evidence
    items: tuple[Node, ...]  # the checklist items it supports, in document order


def evidence_index(checklist: Document,
                   evidence_by_item: Mapping[str, Sequence[Evidence]]) -> list[IndexEntry]:
    """Every distinct evidence file once, numbered in the order the checklist first uses it.

    Evidence linked only to nodes no longer in the checklist (a revision removed them) is not
    listed: the report does not show those items.
    """
    found: dict[int, tuple[Evidence, list[Node]]] = {}
    for node in checklist.nodes:
        for evidence in evidence_by_item.get(node.id, ()):
            found.setdefault(evidence.id, (evidence, []))[1].append(node)
    return [IndexEntry(number, evidence, tuple(items))
            for number, (evidence, items) in enumerate(found.values(), start=1)]


def path_label(document: Document, node: Node) -> str:
    """Labels of a node and its ancestors, section first: 二（一）1."""
    chain = [node, *document.ancestors(node.id)]
    return "".join(n.label for n in reversed(chain))


def items_text(document: Document, entry: IndexEntry) -> str:
    """The items an evidence file supports, on one line: 一、（二）发展目标；二、（一）1.以…
    (the report's 附件3 puts them one a line)."""
    return "；".join(titled_items(document, entry))


def titled_items(document: Document, entry: IndexEntry) -> list[str]:
    """The items an evidence file supports, each with its title: 二、（一）1.以科技创新…"""
    found = {printed_label(path_label(document, node)): node.title for node in entry.items}
    return [f"{label}{title}" for label, title in found.items()]


def file_size(size: int, bytes_unit: str | None = None) -> str:
    """554 B (554 字节 in Chinese, as Windows writes it), 1.2 KB, 3.4 MB, 1.1 GB; the unit of
    bytes in the interface's language unless given (a report's may be another)."""
    bytes_unit = bytes_unit if bytes_unit is not None else _("B")
    value = float(size)
    for unit in (bytes_unit, "KB", "MB"):
        if value < 1024:
            return f"{value:.0f} {unit}" if unit == bytes_unit else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"


def short_time(stamp: str) -> str:
    """A stored time on this computer's clock, to the minute: ``2026-10-01T01:00:00+00:00``
    → ``2026-10-01 09:00`` in Beijing (times are stored in UTC); other text unchanged."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    local = moment.astimezone() if moment.tzinfo else moment
    return local.strftime("%Y-%m-%d %H:%M")
