"""Node ids as users type them: every command taking ITEM_ID or a clause id resolves it here.

Ids are matched with full-width and half-width forms folded (``（一）`` is ``(一)``, ``１`` is
``1``), spaces ignored and letters in any case; an id still not found is refused with the
closest ids.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable

from checklist_app.cli.common import CliError
from checklist_app.crosswalk.inference import doc_id_of
from checklist_app.i18n import _
from checklist_app.storage.workspace import Workspace

CLOSEST = 3


def fold(node_id: str) -> str:
    """The form ids are compared in: NFKC (full-width → half-width), no spaces, case-folded."""
    return "".join(unicodedata.normalize("NFKC", node_id).split()).casefold()


def match(typed: str, known: Iterable[str]) -> str | None:
    """The known id ``typed`` means, or None; an exact match wins over a folded one."""
    by_fold: dict[str, list[str]] = {}
    for node_id in known:
        if node_id == typed:
            return node_id
        by_fold.setdefault(fold(node_id), []).append(node_id)
    found = by_fold.get(fold(typed), [])
    return found[0] if len(found) == 1 else None


def closest(typed: str, known: Iterable[str]) -> list[str]:
    """Up to three known ids that look like ``typed``, most alike first."""
    by_fold = {fold(node_id): node_id for node_id in known}
    return [by_fold[f] for f in difflib.get_close_matches(fold(typed), by_fold, n=CLOSEST)]


def resolve_item(workspace: Workspace, assessment_id: int, typed: str) -> str:
    """The id of the item of the assessment's checklist that ``typed`` names."""
    doc_id = workspace.assessment(assessment_id).checklist_doc_id
    items = [n.id for n in workspace.document(doc_id, include_removed=True).checkable_nodes()]
    found = match(typed, items)
    if found is not None:
        return found
    near = closest(typed, items)
    if near:
        raise CliError(_("{item} is not an item of checklist {doc}. Closest item ids: {ids}")
                       .format(item=typed, doc=doc_id, ids=", ".join(near)))
    raise CliError(_("{item} is not an item of checklist {doc}. The item ids are listed by "
                     "checklist parse --db {db} {doc} --json").format(
        item=typed, doc=doc_id, db=workspace.path))


def resolve_node(workspace: Workspace, typed: str) -> str:
    """The id of the node, in any document of the workspace, that ``typed`` names."""
    doc_id = match(doc_id_of(fold(typed)), workspace.document_ids())
    if doc_id is None:
        raise CliError(_("no document {doc} in this workspace").format(doc=doc_id_of(typed)))
    nodes = [n.id for n in workspace.document(doc_id).nodes]
    found = match(typed, nodes)
    if found is not None:
        return found
    near = closest(typed, nodes)
    if near:
        raise CliError(_("no node {node} in {doc}; closest ids: {ids}").format(
            node=typed, doc=doc_id, ids=", ".join(near)))
    raise CliError(_("no node {node} in {doc}").format(node=typed, doc=doc_id))

