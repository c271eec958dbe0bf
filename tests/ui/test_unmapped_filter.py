"""The 对照 filter follows mappings as they are made: 未对照 is a work list that shrinks."""

from __future__ import annotations

import pytest

from checklist_app.ui import message_box
from checklist_app.ui.models.item_filter import Presence
from checklist_app.ui.models.item_table_model import Role

pytestmark = pytest.mark.gui

UNMAPPED = ["chongqing-2022/二/(一)/1", "chongqing-2022/二/(一)/2", "chongqing-2022/二/(二)/3"]


@pytest.fixture
def workspace_path(workspace_path):  # type: ignore[no-untyped-def]
    """The test workspace with three items mapped to nothing (before the window opens it)."""
    from checklist_app.storage.workspace import Workspace

    with Workspace.open(workspace_path) as workspace:
        for mapping in workspace.mappings():
            if mapping.from_node_id in UNMAPPED:
                workspace.delete_mapping(mapping)
    return workspace_path


def _show_unmapped(window):  # type: ignore[no-untyped-def]
    bar = window.filter_bar
    bar.mapped.setCurrentIndex(bar.mapped.findData(Presence.WITHOUT))
    shown = [window.proxy.index(r, 0).data(Role.NODE_ID) for r in range(window.proxy.rowCount())]
    assert shown == UNMAPPED
    return bar


def _accept_best(window, node_id: str) -> None:  # type: ignore[no-untyped-def]
    panel = _panel_of(window, node_id)
    panel.accept_button.click()


def _panel_of(window, node_id: str):  # type: ignore[no-untyped-def]
    assert window.select_node(node_id)
    pane = window.item_pane
    pane.tabs.setCurrentIndex(pane.tabs.indexOf(pane.mapping_scroll))
    return pane.mappings


def test_a_mapped_item_leaves_the_unmapped_filter_for_the_one_after_it(window) -> None:  # type: ignore[no-untyped-def]
    bar = _show_unmapped(window)
    total = window.item_model.rowCount()
    assert bar.count.text() == f"3 / {total} 项"
    _accept_best(window, UNMAPPED[1])
    assert window.proxy.rowCount() == 2 and bar.count.text() == f"2 / {total} 项"
    assert window.current_node_id() == UNMAPPED[2]  # the next one, not back to the top
    assert window.item_pane.mappings.node.id == UNMAPPED[2]
    _accept_best(window, UNMAPPED[2])  # the last one: the one before it is left
    assert window.current_node_id() == UNMAPPED[0] and bar.count.text() == f"1 / {total} 项"
    window.undo_action.trigger()  # the mapping undone: unmapped again, back in the list
    assert bar.count.text() == f"2 / {total} 项"


def test_removing_the_last_mapping_brings_an_item_into_the_unmapped_filter(window) -> None:  # type: ignore[no-untyped-def]
    bar = _show_unmapped(window)
    total = window.item_model.rowCount()
    _accept_best(window, UNMAPPED[0])
    assert bar.count.text() == f"2 / {total} 项"
    window.undo_action.trigger()
    assert bar.count.text() == f"3 / {total} 项"
    assert window.current_node_id()  # an item is shown, never an empty pane


def _user_subsets(window) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    from checklist_app.core import MappingSource, Relation

    return {(m.from_node_id, m.to_node_id) for m in window.service.data.mappings
            if m.source is MappingSource.USER and m.relation is Relation.SUBSET}


def _answer(monkeypatch, answer) -> list[str]:  # type: ignore[no-untyped-def]
    """The review of strong suggestions answered as soon as it shows: Yes accepts every
    ticked suggestion (all, as it opens), Cancel closes it. Its question, for each review."""
    from PySide6.QtWidgets import QMessageBox

    from checklist_app.ui.dialogs.strong_review import StrongReviewDialog

    asked: list[str] = []

    def show(dialog: StrongReviewDialog) -> None:
        asked.append(dialog.question.text())
        dialog.accept() if answer == QMessageBox.StandardButton.Yes else dialog.reject()

    monkeypatch.setattr(StrongReviewDialog, "show", show)
    return asked


def test_accepting_all_strong_suggestions_asks_then_is_one_undo_step(window, qtbot,  # type: ignore[no-untyped-def]
                                                                     monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    bar = _show_unmapped(window)
    total = window.item_model.rowCount()
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    changes: list[None] = []
    window.service.mappingsChanged.connect(lambda: changes.append(None))
    window.accept_strong_action.trigger()
    assert len(asked) == 1
    accepted = _user_subsets(window)
    items = {node_id for node_id, _clause in accepted}
    assert items == set(UNMAPPED)
    levels = {clause.split("/")[0] for _node, clause in accepted}
    assert levels == {"liaoning-2022", "national-2021"}  # both levels
    assert f"为 3 个检查项中的 3 个采纳 {len(accepted)} 条“匹配度高”的建议？" in asked[0], asked[0]
    assert changes == [None]  # written at once, in one transaction
    assert bar.count.text() == f"0 / {total} 项"  # all mapped now
    assert window.statusBar().currentMessage() == (
        f"已采纳 {len(accepted)} 条“匹配度高”的建议，涉及 3 个检查项；撤销可一并取消。")
    assert window.undo_action.text() == f"撤销 采纳 {len(accepted)} 条“匹配度高”的建议(&U)"
    window.undo_action.trigger()
    assert not _user_subsets(window) and bar.count.text() == f"3 / {total} 项"
    window.redo_action.trigger()
    assert _user_subsets(window) == accepted


def test_strong_suggestions_go_only_to_items_not_mapped_to_that_document(window,  # type: ignore[no-untyped-def]
                                                                         monkeypatch) -> None:
    """An item the curated crosswalk maps keeps its mappings alone; a selection limits it."""
    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtWidgets import QMessageBox

    _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    bar = window.filter_bar
    bar.mapped.setCurrentIndex(bar.mapped.findData(Presence.ANY))
    mapped_item = "chongqing-2022/二/(二)/4"  # curated at both levels
    selection, model, proxy = window.table.selectionModel(), window.item_model, window.proxy
    selection.clearSelection()
    for node_id in (UNMAPPED[0], mapped_item):
        selection.select(proxy.mapFromSource(model.index(model.row_of(node_id), 0)),
                         QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)
    window.accept_strong_action.trigger()
    assert {node_id for node_id, _clause in _user_subsets(window)} == {UNMAPPED[0]}


def test_cancelling_accepts_nothing_and_a_closed_assessment_offers_nothing(window,  # type: ignore[no-untyped-def]
                                                                           monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    _show_unmapped(window)
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    window.accept_strong_action.trigger()
    assert asked and not _user_subsets(window) and not window.undo_stack.canUndo()
    window.service.close_assessment()
    assert not window.accept_strong_action.isEnabled()
    window.find_strong_suggestions()
    assert len(asked) == 1 and not _user_subsets(window)


def test_a_refused_bulk_accept_leaves_no_undo_step(window, qtbot, monkeypatch,  # type: ignore[no-untyped-def]
                                                   workspace_path, quick_lock_timeout) -> None:
    from PySide6.QtWidgets import QMessageBox

    from tests.ui.conftest import writing_elsewhere

    window.service.close()
    window.open_workspace(workspace_path)  # with the short lock timeout
    _show_unmapped(window)
    _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    other = writing_elsewhere(workspace_path)
    errors: list[str] = []
    window.service.failed.connect(lambda message, _details: errors.append(message))
    window.accept_strong_action.trigger()
    other.rollback()
    other.close()
    assert errors
    qtbot.waitUntil(lambda: not window.undo_stack.canUndo())
    assert not _user_subsets(window)


def test_a_refused_undo_of_a_bulk_accept_leaves_it_all_done_as_one_step(  # type: ignore[no-untyped-def]
        window, qtbot, monkeypatch, workspace_path, quick_lock_timeout) -> None:
    """One mapping's refusal made the other mappings of the batch be written again (and,
    still refused, each marked dropped), so a later Undo removed only some of them."""
    from PySide6.QtWidgets import QMessageBox

    from tests.ui.conftest import writing_elsewhere

    window.service.close()
    window.open_workspace(workspace_path)  # with the short lock timeout
    _show_unmapped(window)
    _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    window.accept_strong_action.trigger()
    accepted = _user_subsets(window)
    assert len(accepted) > 2
    writes: list[None] = []
    monkeypatch.setattr(window.service, "_change_mappings",
                        _counting(window.service._change_mappings, writes))
    other = writing_elsewhere(workspace_path)
    window.undo_action.trigger()  # refused: the mappings stay, and stay undoable
    other.rollback()
    other.close()
    qtbot.waitUntil(lambda: not window.undo_stack.canRedo())
    assert len(writes) == 1  # the refused undo only: nothing written again
    assert _user_subsets(window) == accepted
    window.undo_action.trigger()
    assert not _user_subsets(window)


def _counting(method, calls: list[None]):  # type: ignore[no-untyped-def]
    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(None)
        return method(*args, **kwargs)

    return counted


def _ranked_to_end(job):  # type: ignore[no-untyped-def]
    """What a progress-reporting job returns once run to its end (as the pool runs it)."""
    try:
        while True:
            next(job)
    except StopIteration as stop:
        return stop.value


def _strong_for_unmapped(window):  # type: ignore[no-untyped-def]
    from checklist_app.ui.widgets.mapping_panel import strong_suggestions

    data = window.service.data
    items = [data.checklist.node(node_id) for node_id in UNMAPPED]
    references = [data.provincial, data.national]
    return _ranked_to_end(strong_suggestions(data.snapshot(), items, references, data.checklist))


def test_an_item_mapped_while_the_suggestions_were_ranked_gets_none_of_them(  # type: ignore[no-untyped-def]
        window, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    found = _strong_for_unmapped(window)
    assert {s.node_id for s in found} == set(UNMAPPED)
    _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    panel = _panel_of(window, UNMAPPED[0])  # mapped by hand meanwhile, to another clause
    panel.suggestions.setCurrentIndex(panel.suggestion_model.index(1))
    panel.accept_button.click()
    [(_item, by_hand)] = _user_subsets(window)
    level = by_hand.split("/")[0]
    window._confirm_strong(window.service.data, window._references(), 3, found)
    mine = [clause for node_id, clause in _user_subsets(window) if node_id == UNMAPPED[0]
            and clause.startswith(f"{level}/")]
    assert mine == [by_hand]  # its own mapping only at that level
    assert {node_id for node_id, _clause in _user_subsets(window)} == set(UNMAPPED)


def test_suggestions_ranked_for_other_references_are_not_accepted(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    found = _strong_for_unmapped(window)
    told: list[str] = []
    monkeypatch.setattr(message_box, "information",
                        lambda _parent, _title, text, *_args: told.append(text))
    _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    ranked_for = ("guangdong-2018", "national-2021")  # the references when the job began
    window._confirm_strong(window.service.data, ranked_for, 3, found)
    assert told and "对照文件已更改" in told[0]
    assert not _user_subsets(window)


def test_the_review_lists_each_suggestion_and_accepts_only_the_ticked(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Accepting all strong suggestions was all or nothing: one wrong one among twenty
    meant accepting it too or none. The review lists them, ticked; Space unticks."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QDialogButtonBox

    from checklist_app.ui.dialogs.strong_review import StrongReviewDialog
    from tests.ui.conftest import screenshot

    _show_unmapped(window)
    window.accept_strong_action.trigger()
    qtbot.waitUntil(lambda: isinstance(window.dialog, StrongReviewDialog))
    dialog, ok = window.dialog, window.dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    model = dialog.model
    found = len(model.found)
    assert found > 2 and all(model.checked) and ok.text() == f"采纳所勾选的（{found} 条）"
    first = model.found[0]
    row = [model.index(0, column).data() for column in range(4)]
    assert row[0] == window._item_words(first.node_id) and row[0].startswith("二、")
    assert first.candidate.label in row[2] and row[3]
    assert [s.node_id for s in model.found] == sorted(
        (s.node_id for s in model.found), key=UNMAPPED.index)  # each item's together
    screenshot(dialog, "strong-suggestions-review")
    dialog.table.setFocus()
    dialog.table.selectRow(0)
    QTest.keyClick(dialog.table, Qt.Key.Key_Space)
    assert model.checked == [False] + [True] * (found - 1)
    assert f"采纳 {found - 1} 条" in dialog.question.text()
    model.set_all(False)
    assert not ok.isEnabled()
    model.set_all(True)
    QTest.keyClick(dialog.table, Qt.Key.Key_Space)  # row 0 again
    ok.click()
    accepted = _user_subsets(window)
    assert len(accepted) == found - 1
    assert (first.node_id, first.candidate.node_id) not in accepted
    window.undo_action.trigger()
    assert not _user_subsets(window)
