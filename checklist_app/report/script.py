"""A Chinese report is printed in simplified script, whatever script a document was stored in.

The national 纲要 here comes from a partly traditional web copy (推動标準化…), and a
checklist may be imported from a traditional source; a mainland official document and its
annex tables quote every clause in simplified characters. Clause labels are printed with
full-width parentheses (（一）, as documents print them; the importer keeps ``(一)`` for ids
and the window's narrow columns), and so are the commas, colons and brackets of Chinese
sentences (core/punctuation.py). The workspace keeps the source text; only the report's
copy is converted.
"""

from __future__ import annotations

import re
from dataclasses import replace

from checklist_app.core import AssessmentSnapshot, Document, Node, printed_label
from checklist_app.core.punctuation import full_width_punctuation
from checklist_app.importer.normalize import to_simplified

_SOURCE_ANNEX = re.compile(r"附件[\d一二三四五六七八九十]*")


def as_printed(snapshot: AssessmentSnapshot) -> AssessmentSnapshot:
    """The report's copy of the snapshot: simplified script, labels as printed (（一）),
    Chinese punctuation in Chinese sentences (（2024—2025年）, not (2024—2025年)), in the
    documents and in what staff typed (notes, reasons, departments, the four sections);
    file names stay as they are (the change log marks typed text the same way: changes.py)."""
    simplified = in_simplified(snapshot)
    mark = full_width_punctuation
    assessment = simplified.assessment
    narrative = {part: mark(text) for part, text in assessment.narrative.items()}
    states = {key: replace(state, note=mark(state.note),
                           justification=mark(state.justification),
                           responsible_department=mark(state.responsible_department))
              for key, state in simplified.states.items()}
    return replace(simplified, checklist=printed_document(simplified.checklist),
                   provincial=printed_document(simplified.provincial),
                   national=printed_document(simplified.national), states=states,
                   assessment=replace(assessment, narrative=narrative))


def printed_document(document: Document | None) -> Document | None:
    """The document with ``(一)`` labels as printed (``（一）``) and its text's ASCII marks
    full-width where they stand in Chinese."""
    if document is None:
        return None
    mark = full_width_punctuation
    nodes = [replace(node, label=_printed_label(node),
                     title=mark(node.title), text=mark(node.text),
                     actions=[mark(a) for a in node.actions],
                     targets=[replace(t, text=mark(t.text)) for t in node.targets],
                     fields={k: mark(v) for k, v in node.fields.items()})
             for node in document.nodes]
    return replace(document, title=mark(document.title), issuer=mark(document.issuer),
                   nodes=nodes)


def _printed_label(node: Node) -> str:
    """（一） for (一); a document's own annex section (附件1, its task table imported as
    tasks) as 原文附件1, apart from the report's own 附件1 检查项明细."""
    if node.parent_id is None and _SOURCE_ANNEX.fullmatch(node.label):
        return f"原文{node.label}"
    return printed_label(node.label) if "(" in node.label else node.label


def in_simplified(snapshot: AssessmentSnapshot) -> AssessmentSnapshot:
    """The snapshot with its checklist and reference documents in simplified script."""
    return replace(snapshot, checklist=simplified_document(snapshot.checklist),
                   provincial=simplified_document(snapshot.provincial),
                   national=simplified_document(snapshot.national))


def simplified_document(document: Document | None) -> Document | None:
    """The document with its text in simplified script (unchanged when it is already)."""
    if document is None or document.script == "simplified":
        return document
    nodes = [replace(node, label=to_simplified(node.label), title=to_simplified(node.title),
                     text=to_simplified(node.text),
                     actions=[to_simplified(a) for a in node.actions],
                     targets=[replace(t, text=to_simplified(t.text), unit=to_simplified(t.unit))
                              for t in node.targets],
                     fields={k: to_simplified(v) for k, v in node.fields.items()})
             for node in document.nodes]
    return replace(document, title=to_simplified(document.title),
                   issuer=to_simplified(document.issuer), nodes=nodes, script="simplified")
