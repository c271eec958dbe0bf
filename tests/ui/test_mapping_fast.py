"""Confirming mappings quickly: the best suggestion ready for Accept, Enter, a double-click,
the suggestions' context menu."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from checklist_app.core import MappingSource, Relation
from checklist_app.ui.models.clause_list_model import ClauseRole
from checklist_app.ui.models.item_table_model import Role, clause_caption
from tests.ui.conftest import FIRST_ITEM, screenshot

# Its best suggestions are strong at both levels (the first items' best clauses are mapped
# already by the shipped crosswalk: what is left of theirs are weak matches).
ITEM = "chongqing-2022/二/(五)/11"

pytestmark = pytest.mark.gui


def _ctrl_click(qtbot, widget, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+key, then Ctrl let go: QTest leaves the application's modifiers as its last
    event had them, and a Ctrl still "held" turns the next test's clicks into Ctrl-clicks."""
    qtbot.keyClick(widget, key, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyRelease(widget, Qt.Key.Key_Control)


def _panel(window, reference: str = "national-2021"):  # type: ignore[no-untyped-def]
    assert window.select_node(ITEM)
    panel = window.item_pane.mappings
    window.item_pane.tabs.setCurrentIndex(window.item_pane.tabs.indexOf(
        window.item_pane.mapping_scroll))
    panel.target.setCurrentIndex(panel.target.findData(reference))
    return panel


def _user_mappings(window, relation: Relation, node_id: str = ITEM):  # type: ignore[no-untyped-def]
    return [m.to_node_id for m in window.service.data.mappings if m.from_node_id == node_id
            and m.source is MappingSource.USER and m.relation is relation]


def _best(panel) -> str:  # type: ignore[no-untyped-def]
    return panel.suggestion_model.index(0).data(ClauseRole.NODE_ID)


@pytest.mark.parametrize("reference", ["liaoning-2022", "national-2021"])
def test_the_best_suggestion_is_selected_so_accept_takes_it_at_once(window, reference: str) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(window, reference)
    best = _best(panel)
    assert panel.suggestions.currentIndex().data(ClauseRole.NODE_ID) == best
    if reference == "national-2021":
        window.item_pane.splitter.setSizes([220, 620])
        screenshot(window.item_pane, "mapping-panel-preselected")
    panel.accept_button.click()
    assert _user_mappings(window, Relation.SUBSET) == [best]
    next_best = _best(panel)  # the list without it: its best is ready in turn
    assert panel.suggestions.currentIndex().data(ClauseRole.NODE_ID) == next_best != best


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_enter_on_a_suggestion_accepts_it(window, qtbot, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(window)
    second = panel.suggestion_model.index(1)
    chosen = second.data(ClauseRole.NODE_ID)
    panel.suggestions.setCurrentIndex(second)
    panel.suggestions.setFocus()
    qtbot.keyClick(panel.suggestions, key)
    assert _user_mappings(window, Relation.SUBSET) == [chosen]


def test_a_double_click_on_a_suggestion_accepts_it(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(window)
    second = panel.suggestion_model.index(1)
    chosen = second.data(ClauseRole.NODE_ID)
    point = panel.suggestions.visualRect(second).center()
    viewport = panel.suggestions.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point)  # a click only selects
    assert not _user_mappings(window, Relation.SUBSET)
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=point)
    assert _user_mappings(window, Relation.SUBSET) == [chosen]


def test_the_suggestions_context_menu_accepts_or_rejects(window) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(window)
    view = panel.suggestions
    assert view.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    accept, reject = view.actions()
    assert (accept.text(), reject.text()) == ("采纳", "不采纳")
    rejected = _best(panel)
    reject.trigger()
    assert _user_mappings(window, Relation.NOT_RELATED) == [rejected]
    accepted = _best(panel)
    accept.trigger()
    assert _user_mappings(window, Relation.SUBSET) == [accepted]


def test_a_closed_assessment_accepts_nothing_by_enter_or_double_click(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(window)
    window.service.close_assessment()
    assert not panel.accept_action.isEnabled() and not panel.reject_action.isEnabled()
    assert not panel.accept_button.isEnabled()
    index = panel.suggestion_model.index(0)
    panel.suggestions.setCurrentIndex(index)
    qtbot.keyClick(panel.suggestions, Qt.Key.Key_Return)
    qtbot.mouseDClick(panel.suggestions.viewport(), Qt.MouseButton.LeftButton,
                      pos=panel.suggestions.visualRect(index).center())
    assert not _user_mappings(window, Relation.SUBSET)
    assert not window.undo_stack.canUndo()



def _next_row_id(window) -> str:  # type: ignore[no-untyped-def]
    from checklist_app.ui.models.item_table_model import Role

    return window.proxy.index(window.table.currentIndex().row() + 1, 0).data(Role.NODE_ID)


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_ctrl_enter_anywhere_accepts_the_best_suggestion_and_goes_to_the_next_item(  # type: ignore[no-untyped-def]
        window, qtbot, key: Qt.Key) -> None:
    panel = _panel(window, "liaoning-2022")
    best, following = _best(panel), _next_row_id(window)
    note = window.item_pane.detail.note  # the shortcut works from any field of the window
    note.setFocus()
    _ctrl_click(qtbot, note, key)
    assert _user_mappings(window, Relation.SUBSET) == [best]
    assert window.service.data.state(ITEM).note == ""  # no line typed into it
    assert window.current_node_id() == following
    said = window.statusBar().currentMessage()  # what was accepted, for which item
    assert said.startswith("二、(五)11.") and "已对照到" in said
    assert clause_caption(window.service.data.documents["liaoning-2022"], best) in said
    assert panel.node.id == following  # its best suggestion is ready in turn
    assert panel.suggestions.currentIndex().data(ClauseRole.NODE_ID) == _best(panel)
    assert panel.target.currentData() == "liaoning-2022"  # the level stays the one chosen
    window.undo_action.trigger()
    assert not _user_mappings(window, Relation.SUBSET)


def test_ctrl_enter_with_the_mappings_tab_hidden_shows_it_first(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.select_node(ITEM)
    pane = window.item_pane
    pane.tabs.setCurrentIndex(0)  # 佐证材料
    window.table.setFocus()
    _ctrl_click(qtbot, window.table, Qt.Key.Key_Return)
    assert pane.tabs.currentWidget() is pane.mapping_scroll
    assert not _user_mappings(window, Relation.SUBSET)  # nothing accepted unseen
    assert "Ctrl+Enter" in window.statusBar().currentMessage()
    best = _best(pane.mappings)
    _ctrl_click(qtbot, window.table, Qt.Key.Key_Return)
    assert _user_mappings(window, Relation.SUBSET) == [best]


def test_the_mappings_menu_names_the_shortcut(window) -> None:  # type: ignore[no-untyped-def]
    action = window.accept_next_action
    assert action.shortcut().toString() == "Ctrl+Enter"
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "对照(&M)")
    assert action in menu.actions() and "Ctrl+Enter" in action.toolTip()
    assert "Ctrl+Enter" in window.item_pane.mappings.accept_button.toolTip()


def test_a_closed_assessment_refuses_ctrl_enter(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _panel(window)
    window.service.close_assessment()
    assert not window.accept_next_action.isEnabled()
    window.accept_and_next()
    _ctrl_click(qtbot, window.table, Qt.Key.Key_Return)
    assert not _user_mappings(window, Relation.SUBSET)
    assert window.current_node_id() == ITEM


def test_a_weak_best_suggestion_waits_to_be_chosen(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A quick Ctrl+Enter took the best suggestion even when it was only a weak match (as
    what is left after the shipped crosswalk took the best clause is, for the first item:
    the first row read 匹配度低 and was selected)."""
    panel = _panel(window)
    assert window.select_node(FIRST_ITEM)
    assert panel.suggestion_model.index(0).data().startswith("匹配度低")
    assert panel.suggestion_model.rowCount() and not panel.best_is_likely()
    assert not panel.suggestions.currentIndex().isValid()
    while panel.current_model.rowCount():  # its shipped mappings declined: none left
        panel.current.setCurrentIndex(panel.current_model.index(0))
        panel.remove_selected()
    assert not panel.mapped_in_reference()
    panel.accept_button.click()
    _ctrl_click(qtbot, window.table, Qt.Key.Key_Return)
    assert _user_mappings(window, Relation.SUBSET, FIRST_ITEM) == []
    assert window.current_node_id() == FIRST_ITEM  # stays on the item to choose
    assert "匹配度都较低" in window.statusBar().currentMessage()
    panel.suggestions.setCurrentIndex(panel.suggestion_model.index(0))  # chosen: taken
    _ctrl_click(qtbot, window.table, Qt.Key.Key_Return)
    assert len(_user_mappings(window, Relation.SUBSET, FIRST_ITEM)) == 1


def test_ctrl_enter_on_an_item_mapped_already_goes_on(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The walk stalled: a strong suggestion accepted with Enter (or an item the shipped
    crosswalk maps), Ctrl+Enter then said the suggestions left were weak and stayed."""
    panel = _panel(window, "liaoning-2022")
    best, following = _best(panel), _next_row_id(window)
    panel.suggestions.setFocus()
    qtbot.keyClick(panel.suggestions, Qt.Key.Key_Return)  # accepted here, no move
    assert _user_mappings(window, Relation.SUBSET) == [best]
    said = window.statusBar().currentMessage()  # the accepting is said, not only shown
    assert said.startswith("二、(五)11.") and "已对照到" in said
    assert window.current_node_id() == ITEM and panel.mapped_in_reference()
    panel.suggestions.clearSelection()  # what is left is not taken unchosen
    panel.suggestions.setCurrentIndex(panel.suggestions.rootIndex())
    _ctrl_click(qtbot, window.table, Qt.Key.Key_Return)
    assert _user_mappings(window, Relation.SUBSET) == [best]  # nothing more accepted
    assert window.current_node_id() == following
    assert "已与此文件的条款对照" in window.statusBar().currentMessage()


def test_a_weak_suggestion_made_current_by_tabbing_in_is_not_taken(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Tabbing into 建议对照 makes its first row current, drawn faintly, not selected: Enter
    then accepted that weak match, which nobody had chosen."""
    from PySide6.QtCore import QItemSelectionModel

    panel = _panel(window)
    assert window.select_node(FIRST_ITEM) and not panel.best_is_likely()
    first = panel.suggestion_model.index(0)
    panel.suggestions.selectionModel().setCurrentIndex(
        first, QItemSelectionModel.SelectionFlag.NoUpdate)  # what focusing the list does
    assert panel.suggestions.currentIndex() == first
    panel.suggestions.setFocus()
    qtbot.keyClick(panel.suggestions, Qt.Key.Key_Return)
    panel.accept_button.click()
    panel.reject_button.click()
    assert _user_mappings(window, Relation.SUBSET, FIRST_ITEM) == []
    assert _user_mappings(window, Relation.NOT_RELATED, FIRST_ITEM) == []
    qtbot.keyClick(panel.suggestions, Qt.Key.Key_Space)  # chosen: Enter takes it
    qtbot.keyClick(panel.suggestions, Qt.Key.Key_Return)
    assert len(_user_mappings(window, Relation.SUBSET, FIRST_ITEM)) == 1


def test_ctrl_enter_moves_a_single_selection(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Each item Ctrl+Enter went to stayed selected (Ctrl held made Qt toggle), so the next
    Ctrl+5 set 已完成 on all of them."""
    _panel(window, "liaoning-2022")
    window.table.setFocus()
    for _press in range(2):
        _ctrl_click(qtbot, window.table, Qt.Key.Key_Return)
    selected = window.table.selectionModel().selectedRows()
    assert [index.data(Role.NODE_ID) for index in selected] == [window.current_node_id()]
    assert window.current_node_id() != ITEM
