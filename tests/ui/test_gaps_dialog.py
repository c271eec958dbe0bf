"""对照 → Upper clauses not taken up: from a gap to the items that may close it."""

from __future__ import annotations

import pytest

from checklist_app.core import MappingSource
from checklist_app.ui.models.clause_list_model import ClauseRole
from tests.ui.conftest import screenshot

pytestmark = pytest.mark.gui


def _gaps(dialog) -> list[str]:  # type: ignore[no-untyped-def]
    return [dialog.gaps_model.index(r).data(ClauseRole.NODE_ID)
            for r in range(dialog.gaps_model.rowCount())]


def _open_on_gaps(window):  # type: ignore[no-untyped-def]
    """The dialog on a reference document with gaps (the report's 上级任务未承接)."""
    dialog = window.open_gaps()
    for index in range(dialog.reference.count()):
        dialog.reference.setCurrentIndex(index)
        if dialog.gaps_model.rowCount():
            return dialog
    pytest.fail("no reference document of the test workspace has a gap")


def test_a_gap_is_closed_from_the_dialog_and_undone(window) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_on_gaps(window)
    before = _gaps(dialog)
    gap = dialog.gaps.currentIndex().data(ClauseRole.NODE_ID)
    assert gap == before[0] and str(len(before)) in dialog.summary.text()
    assert dialog.clause_text.toPlainText().strip()
    assert dialog.items_model.rowCount() > 0
    assert dialog.items_model.index(0).data().startswith("匹配度")
    assert not dialog.map_button.isEnabled()  # none chosen yet
    dialog.items.setCurrentIndex(dialog.items_model.index(0))
    assert dialog.map_button.isEnabled()
    screenshot(dialog, "gaps-dialog")
    item = dialog.map_selected()
    window.service.wait_idle()
    assert any(m.from_node_id == item and m.to_node_id == gap
               and m.source is MappingSource.USER for m in window.service.data.mappings)
    assert _gaps(dialog) == before[1:]  # closed: the next one is shown
    assert "已对照到" in dialog.said.text()
    window.undo_action.trigger()
    window.service.wait_idle()
    assert _gaps(dialog) == before  # a gap again
    assert dialog.said.text() == ""  # it said the mapping was made: no longer so


def test_the_dialog_follows_the_assessment_and_refuses_a_closed_one(window) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_on_gaps(window)
    assert window.open_gaps() is dialog  # one at a time
    window.service.close_assessment()
    window.service.wait_idle()
    dialog.items.setCurrentIndex(dialog.items_model.index(0))
    assert not dialog.map_button.isEnabled() and dialog.map_selected() == ""
    window.service.close()  # no workspace: nothing left to show
    assert dialog.gaps_model.rowCount() == 0 and dialog.reference.count() == 0
    assert "未设置对照文件" in dialog.summary.text()


def test_a_closed_dialog_no_longer_follows_the_workspace(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Deleted on close: a later load or mapping change must not reach it."""
    from PySide6.QtCore import QCoreApplication, QEvent

    dialog = _open_on_gaps(window)
    dialog.close()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    window.service.reload()
    window.service.wait_idle()
    window.service.mappingsChanged.emit()
    assert window.open_gaps() is not None  # a new one opens


def test_choosing_another_document_clears_what_was_said_of_the_last(window) -> None:  # type: ignore[no-untyped-def]
    """已对照到 一、(二)… stayed under the other document's gaps, read as about them."""
    dialog = _open_on_gaps(window)
    dialog.items.setCurrentIndex(dialog.items_model.index(0))
    dialog.map_selected()
    window.service.wait_idle()
    assert "已对照到" in dialog.said.text()
    window.service.assessmentChanged.emit()  # the details saved elsewhere: still said
    assert "已对照到" in dialog.said.text()
    other = next(i for i in range(dialog.reference.count())
                 if i != dialog.reference.currentIndex())
    dialog.reference.setCurrentIndex(other)
    assert dialog.said.text() == ""


def test_references_changed_elsewhere_clear_what_was_said_of_the_last_one(window) -> None:  # type: ignore[no-untyped-def]
    """The details dialog took the reference shown away: the box was refilled quietly and
    已对照到… stayed under the other document (review finding)."""
    dialog = _open_on_gaps(window)
    shown = dialog.reference.currentData()
    dialog.items.setCurrentIndex(dialog.items_model.index(0))
    dialog.map_selected()
    window.service.wait_idle()
    assert "已对照到" in dialog.said.text()
    field = "provincial_doc_id" if shown == window.service.data.assessment.provincial_doc_id \
        else "national_doc_id"
    window.service.update_assessment(window.service.data.assessment.id, {field: None})
    window.service.wait_idle()
    assert dialog.reference.currentData() != shown
    assert dialog.said.text() == ""
