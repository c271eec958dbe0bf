"""Lists to choose a policy document in (the wizard, the assessment details): the documents
of the level wanted first, newest import first, then （无） and the others under a line."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from checklist_app.core import Document, Level
from checklist_app.i18n import _
from checklist_app.ui.glyphs import document_caption
from checklist_app.ui.service import AssessmentData

IMPORTED_WITH_WORKSPACE_S = 60


# The levels of the documents an office carries out: a city's or a district's.
CHECKLIST_LEVELS = (Level.MUNICIPAL, Level.COUNTY)


def ranked_documents(data: AssessmentData | None) -> list[Document]:
    """The workspace's documents, newest import first (see :func:`_recency`)."""
    if data is None:
        return []
    return sorted(data.documents.values(),
                  key=lambda d: _recency(d, data.imported, data.created), reverse=True)


def _recency(document: Document, imported: dict[str, str], created: str) -> tuple[str, int]:
    """Sort key: latest import, then latest year. The documents imported with the workspace
    (within a minute of its creation) count as imported together: newest year first,
    whichever second each was stored in."""
    when = imported.get(document.id, "")
    if when and created and _seconds(created, when) <= IMPORTED_WITH_WORKSPACE_S:
        when = created
    return when, document.year or 0


def _seconds(start: str, end: str) -> float:
    """Seconds from one ISO time to another (infinite when either cannot be read)."""
    try:
        return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()
    except (ValueError, TypeError):
        return float("inf")


def fill_document_choice(combo: QComboBox, ranked: list[Document],
                         levels: tuple[Level, ...], *, optional: bool) -> None:
    """The documents of ``levels``, then （无） when optional, then the others under a line."""
    combo.blockSignals(True)
    combo.clear()
    fitting = [d for d in ranked if d.level in levels]
    for document in fitting:
        combo.addItem(document_caption(document, year=True), document.id)
    if optional:
        combo.addItem(_("(none)"), "")
    others = [d for d in ranked if d.level not in levels]
    if others and combo.count():
        combo.insertSeparator(combo.count())
    for document in others:
        combo.addItem(document_caption(document, year=True), document.id)
    combo.blockSignals(False)


def select_document(combo: QComboBox, doc_id: str | None) -> None:
    """Make ``doc_id`` (else the first entry) current; after a refill the entry at the same
    position is another document, so the change is announced even then."""
    position = max(combo.findData(doc_id or ""), 0)
    if combo.currentIndex() == position:
        combo.currentIndexChanged.emit(position)
    else:
        combo.setCurrentIndex(position)


def middle_level_label(combo: QComboBox, data: Callable[[], AssessmentData | None],
                       parent: QWidget) -> QLabel:
    """The label of the middle reference's list: 省级对照文件, or 市级（直辖市）对照文件 while a
    city's document is chosen there (a 直辖市's opinion above its districts)."""
    label = QLabel(parent)

    def follow() -> None:
        shown = data()
        chosen = shown.documents.get(combo.currentData() or "") if shown else None
        city = chosen is not None and chosen.level is Level.MUNICIPAL
        label.setText(_("Municipal reference (municipality)") if city
                      else _("Provincial reference"))

    combo.currentIndexChanged.connect(follow)
    follow()
    return label
