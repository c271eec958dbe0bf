"""Mappings of the selected item: accept and reject suggestions, map by hand, remove."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, Qt
from PySide6.QtTest import QTest

from checklist_app.core import MappingSource, Relation
from checklist_app.ui.models.clause_list_model import ClauseRole
from checklist_app.ui.models.item_table_model import Column
from tests.ui.conftest import FIRST_ITEM, screenshot, tooltip_text, writing_elsewhere

pytestmark = pytest.mark.gui


def _panel(window):  # type: ignore[no-untyped-def]
    assert window.select_node(FIRST_ITEM)
    panel = window.item_pane.mappings
    window.item_pane.tabs.setCurrentIndex(1)
    panel.target.setCurrentIndex(panel.target.findData("national-2021"))
    return panel


def _user_mappings(window, relation: Relation):  # type: ignore[no-untyped-def]
    return [m for m in window.service.data.mappings if m.from_node_id == FIRST_ITEM
            and m.source is MappingSource.USER and m.relation is relation]


def test_accept_a_suggested_mapping(window) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(window)
    assert panel.current_model.rowCount() >= 1  # the curated national mapping
    assert panel.suggestion_model.rowCount() >= 1
    first = panel.suggestion_model.index(0)
    suggested = first.data(ClauseRole.NODE_ID)
    assert first.data().startswith("匹配度")  # strength · clause, then the shared phrases
    window.item_pane.splitter.setSizes([220, 620])  # as a user drags it to compare
    screenshot(window, "mapping-panel")
    panel.suggestions.setCurrentIndex(first)
    panel.accept_button.click()
    assert [m.to_node_id for m in _user_mappings(window, Relation.SUBSET)] == [suggested]
    current = {panel.current_model.index(r).data(ClauseRole.NODE_ID)
               for r in range(panel.current_model.rowCount())}
    assert suggested in current
    suggestions = {panel.suggestion_model.index(r).data(ClauseRole.NODE_ID)
                   for r in range(panel.suggestion_model.rowCount())}
    assert suggested not in suggestions
    row = window.table.currentIndex().row()
    assert "+" in window.proxy.index(row, Column.NATIONAL).data()


def test_reject_hides_the_suggestion(window) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(window)
    first = panel.suggestion_model.index(0)
    rejected = first.data(ClauseRole.NODE_ID)
    panel.suggestions.setCurrentIndex(first)
    panel.reject_button.click()
    assert [m.to_node_id for m in _user_mappings(window, Relation.NOT_RELATED)] == [rejected]
    said = window.statusBar().currentMessage()  # the list alone changed, quietly
    assert said.startswith("已不采纳") and "的对照建议" in said and "撤销" in said
    remaining = {panel.suggestion_model.index(r).data(ClauseRole.NODE_ID)
                 for r in range(panel.suggestion_model.rowCount())}
    assert rejected not in remaining


def test_map_by_hand_and_remove(window) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(window)
    panel.search.setText("標準化人才")  # traditional query, simplified document
    assert panel.search_model.rowCount() >= 1
    hit = panel.search_model.index(0)
    panel.hits.setCurrentIndex(hit)
    window.undo_action.trigger()  # 已撤销… stood over the mapping made next
    panel.map_button.click()
    mapped = hit.data(ClauseRole.NODE_ID)
    assert mapped in [m.to_node_id for m in _user_mappings(window, Relation.SUBSET)]
    assert "已对照到" in window.statusBar().currentMessage()
    rows = [panel.current_model.index(r) for r in range(panel.current_model.rowCount())]
    panel.current.setCurrentIndex(next(i for i in rows if i.data(ClauseRole.NODE_ID) == mapped))
    panel.remove_button.click()
    assert not _user_mappings(window, Relation.SUBSET)
    assert window.statusBar().currentMessage().startswith("已删除")


def test_the_mappings_tab_gets_half_the_pane_or_its_room_when_opened(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    pane = window.item_pane
    assert window.select_node(FIRST_ITEM)
    qtbot.waitUntil(lambda: sum(pane.splitter.sizes()) > 0)
    item, tabs = pane.splitter.sizes()
    assert tabs < item  # 7:3, the item first
    pane.tabs.setCurrentIndex(pane.tabs.indexOf(pane.mapping_scroll))
    QTest.qWait(20)  # let the layout follow the new sizes
    item, tabs = pane.splitter.sizes()
    assert tabs >= item - 1  # half, or more where the lists need it
    assert not pane.mapping_scroll.verticalScrollBar().isVisible()
    before = pane.splitter.sizes()
    pane.tabs.setCurrentIndex(0)  # back to 佐证材料: the item gets its room back
    QTest.qWait(20)
    item, tabs = pane.splitter.sizes()
    assert tabs < item
    pane.tabs.setCurrentIndex(pane.tabs.indexOf(pane.mapping_scroll))
    assert pane.splitter.sizes() == before
    pane.splitter.setSizes([200, 700])  # dragged by the user: left as it is
    dragged = pane.splitter.sizes()
    pane.tabs.setCurrentIndex(0)
    assert pane.splitter.sizes() == dragged
    pane.tabs.setCurrentIndex(pane.tabs.indexOf(pane.mapping_scroll))
    assert pane.splitter.sizes()[1] > pane.splitter.sizes()[0]


def test_the_room_the_mappings_tab_took_is_not_remembered(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Closed on 对照关系, the split it had grown to was kept: the next start showed the
    evidence tab at that size, the item's status, due date and note below the fold."""
    pane = window.item_pane
    assert window.select_node(FIRST_ITEM)
    qtbot.waitUntil(lambda: sum(pane.splitter.sizes()) > 0)
    resting = pane.splitter.sizes()
    pane.tabs.setCurrentIndex(pane.tabs.indexOf(pane.mapping_scroll))
    grown = pane.splitter.sizes()
    assert grown != resting
    window.save_geometry()
    assert pane.splitter.sizes() == grown  # the tab open keeps its room meanwhile
    pane.splitter.restoreState(QByteArray.fromBase64(
        window.settings.splitters["itemSplitter"].encode()))  # as the next start does
    assert pane.splitter.sizes() == resting


def test_document_names_show_no_mark_the_fonts_lack(window) -> None:  # type: ignore[no-untyped-def]
    """《关于贯彻〈国家标准化发展纲要〉的实施意见》: with only the bundled font 〈〉 drew as
    empty boxes; the screen shows a stand-in then (《》), and the stored title is unchanged."""
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QApplication

    panel = _panel(window)
    metrics = QFontMetrics(QApplication.font())
    shown = panel.target.itemText(panel.target.findData("liaoning-2022"))
    assert "《国家标准化发展纲要》" in shown  # shown on its own: 〈〉 only nest in 《》
    assert all(metrics.inFontUcs4(ord(char)) for char in shown), shown
    stored = window.service.data.documents["liaoning-2022"].title
    assert "〈国家标准化发展纲要〉" in stored


def test_clauses_of_the_partly_traditional_national_text_read_in_simplified(window) -> None:  # type: ignore[no-untyped-def]
    """The national text is a partly traditional copy: the hits, their tooltips and the
    suggestions' shared phrases read in simplified script, like the report."""
    from checklist_app.importer import to_simplified

    panel = _panel(window)  # national document chosen
    panel.search.setText("标准")
    model = panel.search_model
    shown = [(model.index(r).data(), model.index(r).data(Qt.ItemDataRole.ToolTipRole))
             for r in range(model.rowCount())]
    assert len(shown) > 5
    stored = "".join(n.text for n in window.service.data.national.nodes)
    assert to_simplified(stored) != stored  # there is traditional text to convert
    for text, tip in shown:
        assert text == to_simplified(text) and tip == to_simplified(tip)
    suggestions = panel.suggestion_model
    for row in range(suggestions.rowCount()):
        text = suggestions.index(row).data()
        assert text == to_simplified(text)


def _node_ids(model) -> list[str]:  # type: ignore[no-untyped-def]
    return [model.index(r).data(ClauseRole.NODE_ID) for r in range(model.rowCount())]


def test_accept_and_reject_are_undone_and_redone(window) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(window)
    assert not window.undo_action.isEnabled()
    first = panel.suggestion_model.index(0)
    accepted = first.data(ClauseRole.NODE_ID)
    panel.suggestions.setCurrentIndex(first)
    panel.accept_button.click()
    assert window.undo_action.isEnabled()
    assert window.undo_action.text() == "撤销 采纳对照(&U)"
    window.undo_action.trigger()
    assert not _user_mappings(window, Relation.SUBSET)
    assert accepted in _node_ids(panel.suggestion_model)
    assert accepted not in _node_ids(panel.current_model)
    window.redo_action.trigger()
    assert [m.to_node_id for m in _user_mappings(window, Relation.SUBSET)] == [accepted]
    window.undo_action.trigger()
    second = panel.suggestion_model.index(1)
    rejected = second.data(ClauseRole.NODE_ID)
    panel.suggestions.setCurrentIndex(second)
    panel.reject_button.click()
    assert rejected not in _node_ids(panel.suggestion_model)
    window.undo_action.trigger()
    assert not _user_mappings(window, Relation.NOT_RELATED)
    assert rejected in _node_ids(panel.suggestion_model)


def test_removing_asks_nothing_and_undo_brings_the_mapping_back(window) -> None:  # type: ignore[no-untyped-def]
    """A mapping by hand over a rejected clause replaces the rejection (same key): undoing
    it brings the rejection back; removing a curated mapping is undone too."""
    panel = _panel(window)
    curated = [m for m in window.service.data.mappings if m.from_node_id == FIRST_ITEM
               and m.source is MappingSource.CURATED and m.to_node_id.startswith("national")]
    assert curated
    rows = {panel.current_model.index(r).data(ClauseRole.NODE_ID): panel.current_model.index(r)
            for r in range(panel.current_model.rowCount())}
    panel.current.setCurrentIndex(rows[curated[0].to_node_id])
    panel.remove_button.click()  # no dialog: a modal one would block here
    assert curated[0].to_node_id not in _node_ids(panel.current_model)
    assert [m.to_node_id for m in _user_mappings(window, Relation.NOT_RELATED)] \
        == [curated[0].to_node_id]
    window.undo_action.trigger()
    assert curated[0].to_node_id in _node_ids(panel.current_model)
    assert not _user_mappings(window, Relation.NOT_RELATED)

    first = panel.suggestion_model.index(0)
    clause = first.data(ClauseRole.NODE_ID)
    panel.suggestions.setCurrentIndex(first)
    panel.reject_button.click()
    rejection = _user_mappings(window, Relation.NOT_RELATED)
    panel.search.setText(window.service.data.national.node(clause).title)
    hit = next(panel.search_model.index(r) for r in range(panel.search_model.rowCount())
               if panel.search_model.index(r).data(ClauseRole.NODE_ID) == clause)
    panel.hits.setCurrentIndex(hit)
    panel.map_button.click()
    assert [m.to_node_id for m in _user_mappings(window, Relation.SUBSET)] == [clause]
    rows = {panel.current_model.index(r).data(ClauseRole.NODE_ID): panel.current_model.index(r)
            for r in range(panel.current_model.rowCount())}
    panel.current.setCurrentIndex(rows[clause])
    panel.remove_button.click()
    assert not _user_mappings(window, Relation.SUBSET)
    window.undo_action.trigger()  # the removal
    restored = _user_mappings(window, Relation.SUBSET)
    assert [m.to_node_id for m in restored] == [clause]
    window.undo_action.trigger()  # the mapping by hand: the rejection is back as it was
    assert not _user_mappings(window, Relation.SUBSET)
    assert _user_mappings(window, Relation.NOT_RELATED) == rejection


def test_suggestions_say_how_strong_they_are_and_share_whole_phrases(window) -> None:  # type: ignore[no-untyped-def]
    """The walkthrough saw "170.7 · 二、(四)…" and "共同词语：…时将先进适用" (及时 cut), in
    a workspace without the curated mappings."""
    import re

    for mapping in [m for m in window.service.data.mappings if m.from_node_id == FIRST_ITEM]:
        window.service.delete_mapping(mapping)
    panel = _panel(window)
    window.item_pane.splitter.setSizes([220, 620])
    rows = [panel.suggestion_model.index(r) for r in range(panel.suggestion_model.rowCount())]
    shown = [row.data() for row in rows]
    screenshot(window.item_pane, "mapping-suggestions")
    assert all(re.match(r"匹配度[高中低] · ", text) for text in shown), shown
    assert not any(re.search(r"\d+\.\d", text.split("\n")[0]) for text in shown)
    assert shown[0].startswith("匹配度高") and shown[-1].startswith("匹配度低")
    tip = rows[0].data(Qt.ItemDataRole.ToolTipRole)
    assert re.match(r"得分 \d+\.\d，为最佳匹配的 100%。共同词语：", tip), tip
    phrases = shown[0].split("\n")[1].removeprefix("共同词语：").split("、")
    assert "及时将先进适用" in phrases and "时将先进适用" not in phrases


@pytest.mark.parametrize(("share", "score", "word"), [
    (1.0, 170.7, "匹配度高"), (1.0, 5.7, "匹配度低"), (1.0, 12.0, "匹配度中"),
    (0.6, 40.0, "匹配度中"), (0.3, 40.0, "匹配度低"),
])
def test_the_best_of_weak_candidates_is_no_strong_match(share: float, score: float,
                                                         word: str) -> None:
    """匹配度高 · 筑牢产业发展基础 (共同词语：基础), score 5.7: the best of poor candidates."""
    from checklist_app.ui.widgets.mapping_panel import match_strength

    assert match_strength(share, score) == word


def _reopened(window, path: Path):  # type: ignore[no-untyped-def]
    """The panel over the workspace opened again (with the lock timeout of the test)."""
    window.service.close()
    window.open_workspace(path)
    return _panel(window)


def test_a_refused_mapping_save_leaves_no_undo_step(window, qtbot, workspace_path: Path,  # type: ignore[no-untyped-def]
                                                    quick_lock_timeout: None) -> None:
    panel = _reopened(window, workspace_path)
    other = writing_elsewhere(workspace_path)
    errors: list[str] = []
    window.service.failed.connect(lambda message, _details: errors.append(message))
    panel.suggestions.setCurrentIndex(panel.suggestion_model.index(0))
    panel.accept_button.click()  # refused inside the push (jobs run at once)
    other.rollback()
    other.close()
    assert errors
    qtbot.waitUntil(lambda: not window.undo_stack.canUndo())
    assert not _user_mappings(window, Relation.SUBSET)


def test_a_refused_undo_of_a_mapping_leaves_it_done(window, qtbot, workspace_path: Path,  # type: ignore[no-untyped-def]
                                                   quick_lock_timeout: None) -> None:
    panel = _reopened(window, workspace_path)
    panel.suggestions.setCurrentIndex(panel.suggestion_model.index(0))
    panel.accept_button.click()
    accepted = _user_mappings(window, Relation.SUBSET)
    assert accepted and window.undo_stack.canUndo()
    other = writing_elsewhere(workspace_path)
    window.undo_action.trigger()  # the removal is refused: the mapping stays, and undoable
    other.rollback()
    other.close()
    qtbot.waitUntil(lambda: not window.undo_stack.canRedo())
    assert window.undo_stack.canUndo() and _user_mappings(window, Relation.SUBSET) == accepted
    window.undo_action.trigger()
    assert not _user_mappings(window, Relation.SUBSET)


def test_another_item_starts_with_an_empty_search(window) -> None:  # type: ignore[no-untyped-def]
    """The last item's hits stayed under the next item, one click from mapping it to a
    clause found for something else; the same item shown again keeps its search."""
    panel = _panel(window)
    panel.search.setText("标准化人才")
    assert panel.search_model.rowCount() >= 1
    window.item_pane.show_item(window.service.data.checklist.node(FIRST_ITEM))  # refreshed
    assert panel.search.text() == "标准化人才"
    assert window.select_node("chongqing-2022/二/(一)/2")
    assert panel.search.text() == "" and panel.search_model.rowCount() == 0
    assert panel.hits.minimumHeight() < panel.suggestions.minimumHeight()  # room back


@pytest.mark.parametrize("typed", ["二、(三)", "二、（三）"])
def test_map_by_hand_finds_a_clause_by_its_number(window, typed: str) -> None:  # type: ignore[no-untyped-def]
    """二、(八)21 or 二、(三) found nothing: only a clause's own label ((三)) was searched."""
    panel = _panel(window)
    panel.target.setCurrentIndex(panel.target.findData("liaoning-2022"))
    panel.search.setText(typed)
    assert _node_ids(panel.search_model)[:1] == ["liaoning-2022/二/(三)"]


def test_a_hit_the_item_is_mapped_to_already_says_so(window) -> None:  # type: ignore[no-untyped-def]
    """Map by hand listed the clauses shown just above under 已对照条款 like any other."""
    panel = _panel(window)
    panel.search.setText("標準化人才")
    hit = panel.search_model.index(0)
    clause = hit.data(ClauseRole.NODE_ID)
    assert "已对照" not in hit.data()
    panel.hits.setCurrentIndex(hit)
    panel.map_button.click()
    hit = next(panel.search_model.index(r) for r in range(panel.search_model.rowCount())
               if panel.search_model.index(r).data(ClauseRole.NODE_ID) == clause)
    assert hit.data().split("\n")[0].endswith(" · 已对照")
    assert tooltip_text(hit.data(Qt.ItemDataRole.ToolTipRole)).startswith("本检查项已对照此条款。")
    others = [panel.search_model.index(r).data() for r in range(panel.search_model.rowCount())
              if panel.search_model.index(r).data(ClauseRole.NODE_ID) != clause]
    assert not any("已对照" in text.split("\n")[0] for text in others)
    screenshot(panel, "mapping-hit-mapped-already")
    window.undo_action.trigger()
    hit = panel.search_model.index(0)
    assert "已对照" not in hit.data().split("\n")[0]


def test_hits_quote_the_clause_with_chinese_punctuation(window) -> None:  # type: ignore[no-untyped-def]
    """Search hits read …增信制度,鼓励… where the pane shows ，."""
    panel = _panel(window)
    reference = panel.reference()
    clause = next(n for n in reference.nodes if n.checkable and "," in n.text[:400])
    panel.search.setText(clause.title)
    hit = next(panel.search_model.index(r) for r in range(panel.search_model.rowCount())
               if panel.search_model.index(r).data(ClauseRole.NODE_ID) == clause.id)
    assert "," not in hit.data(Qt.ItemDataRole.ToolTipRole)
    assert "，" in hit.data(Qt.ItemDataRole.ToolTipRole)


def test_remove_declines_a_mapping_inferred_through_a_provincial_clause(window) -> None:  # type: ignore[no-untyped-def]
    """删除对照 on a 推断 row did nothing: no message, no undo step."""
    from checklist_app.ui.widgets.mapping_panel import user_mapping

    provincial, national = "liaoning-2022/三/(六)", "national-2021/五/(十八)"  # curated subset
    window.service.save_mappings([user_mapping(FIRST_ITEM, provincial, Relation.SUBSET, "张三")])
    window.service.wait_idle()
    panel = _panel(window)
    rows = [panel.current_model.index(r) for r in range(panel.current_model.rowCount())]
    inferred = next(i for i in rows if i.data(ClauseRole.NODE_ID) == national)
    assert "推断" in inferred.data(Qt.ItemDataRole.DisplayRole)
    panel.current.setCurrentIndex(inferred)
    panel.remove_button.click()
    window.service.wait_idle()
    assert national in [m.to_node_id for m in _user_mappings(window, Relation.NOT_RELATED)]
    shown = {panel.current_model.index(r).data(ClauseRole.NODE_ID)
             for r in range(panel.current_model.rowCount())}
    assert national not in shown
    window.undo_stack.undo()
    window.service.wait_idle()
    assert national not in [m.to_node_id for m in _user_mappings(window, Relation.NOT_RELATED)]


@pytest.mark.parametrize("query", ["二、（三）", "二（三）", "二(三)"])
def test_clause_search_finds_a_number_cited_without_its_comma(window, query: str) -> None:  # type: ignore[no-untyped-def]
    """二（三） found nothing in the clause search, while the item search took it."""
    panel = _panel(window)
    panel.search.setText(query)
    hits = [panel.search_model.index(r).data(ClauseRole.NODE_ID)
            for r in range(panel.search_model.rowCount())]
    assert "national-2021/二/(三)" in hits or any(h.startswith("national-2021/二/(三)")
                                                  for h in hits)


def test_the_clause_search_is_worked_from_the_keyboard(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Enter and ↓ stayed in the search box, and Enter on a clause found did nothing: the
    mouse was needed for 与此条款对照."""

    panel = _panel(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    panel.search.setFocus()
    panel.search.insert("标准化人才")  # as an input method commits it (QTest types ASCII)
    assert panel.search_model.rowCount() >= 1
    QTest.keyClick(panel.search, Qt.Key.Key_Return)
    assert panel.hits.hasFocus()
    first = panel.search_model.index(0).data(ClauseRole.NODE_ID)
    QTest.keyClick(panel.hits, Qt.Key.Key_Return)
    assert first in [m.to_node_id for m in _user_mappings(window, Relation.SUBSET)]
    assert "已对照到" in window.statusBar().currentMessage()


def test_enter_on_a_suggestion_nobody_chose_says_how_to_choose(window, qtbot) -> None:  # type: ignore[no-untyped-def]

    panel = _panel(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert panel.suggestion_model.rowCount() > 0
    panel.suggestions.setFocus()
    panel.suggestions.clearSelection()
    before = list(window.service.data.mappings)
    QTest.keyClick(panel.suggestions, Qt.Key.Key_Return)
    assert window.service.data.mappings == before  # nothing accepted
    assert "先用 ↑ ↓ 选中" in window.statusBar().currentMessage()


def test_a_search_by_hand_gives_the_mappings_tab_more_of_the_pane(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """With the hits in, the mapped clauses showed two and a half rows and the suggestions
    one: the tab grows to three fifths of the pane, and leaving it gives that back."""
    from checklist_app.ui.widgets.item_pane import ITEM_KEPT, SEARCH_SHARE

    pane = window.item_pane
    assert window.select_node(FIRST_ITEM)
    qtbot.waitUntil(lambda: sum(pane.splitter.sizes()) > 0)
    first = pane.splitter.sizes()
    pane.tabs.setCurrentIndex(pane.tabs.indexOf(pane.mapping_scroll))
    QTest.qWait(20)
    opened = pane.splitter.sizes()
    pane.mappings.search.setText("人才")
    QTest.qWait(20)
    item, tabs = pane.splitter.sizes()
    assert tabs > opened[1] and tabs >= min(int((item + tabs) * SEARCH_SHARE),
                                            item + tabs - ITEM_KEPT)
    pane.tabs.setCurrentIndex(0)
    QTest.qWait(20)
    assert pane.splitter.sizes() == first


def test_a_split_moved_by_hand_is_what_leaving_the_tab_goes_back_to(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Moved by hand after the tab opened, the split was thrown away once a search grew
    the tab again and the tab was left."""
    pane = window.item_pane
    assert window.select_node(FIRST_ITEM)
    qtbot.waitUntil(lambda: sum(pane.splitter.sizes()) > 0)
    pane.tabs.setCurrentIndex(pane.tabs.indexOf(pane.mapping_scroll))
    QTest.qWait(20)
    item, tabs = pane.splitter.sizes()
    pane.splitter.setSizes([item + 40, tabs - 40])  # the user gives the item more
    QTest.qWait(20)
    moved = pane.splitter.sizes()
    pane.mappings.search.setText("人才")
    QTest.qWait(20)
    assert pane.splitter.sizes()[1] > moved[1]
    pane.tabs.setCurrentIndex(0)
    QTest.qWait(20)
    assert pane.splitter.sizes() == moved


def test_the_buttons_wait_for_a_row_of_their_list(window) -> None:  # type: ignore[no-untyped-def]
    """Accept clicked with no suggestion chosen (a weak first one is not chosen for the
    clerk) did nothing and said nothing; so did Remove and Map to this clause."""
    panel = _panel(window)
    panel.suggestions.clearSelection()
    panel.current.clearSelection()
    assert not panel.accept_button.isEnabled() and not panel.reject_button.isEnabled()
    assert not panel.remove_button.isEnabled() and not panel.map_button.isEnabled()
    panel.suggestions.setCurrentIndex(panel.suggestion_model.index(0))
    assert panel.accept_button.isEnabled() and panel.reject_button.isEnabled()
    panel.current.setCurrentIndex(panel.current_model.index(0))
    assert panel.remove_button.isEnabled()
    panel.search.setText("标准")
    assert not panel.map_button.isEnabled()  # found, none chosen yet
    panel.hits.setCurrentIndex(panel.search_model.index(0))
    assert panel.map_button.isEnabled()
    window.service.close_assessment()  # nothing to change in a closed assessment
    panel.suggestions.setCurrentIndex(panel.suggestion_model.index(0))
    assert not panel.accept_button.isEnabled() and not panel.map_button.isEnabled()


def _suggestion_inferring_a_national_clause(window):  # type: ignore[no-untyped-def]
    """The mappings panel on the first item with a provincial suggestion that would map a
    national clause along (through the crosswalk), and that suggestion's index."""
    panel = window.item_pane.mappings
    window.item_pane.tabs.setCurrentIndex(1)
    provincial = window.service.data.provincial
    for row in range(window.proxy.rowCount()):
        window.table.setCurrentIndex(window.proxy.index(row, Column.TITLE))
        panel.target.setCurrentIndex(panel.target.findData(provincial.id))
        for at in range(panel.suggestion_model.rowCount()):
            index = panel.suggestion_model.index(at)
            if panel._inferred_along(panel._mapping(index.data(ClauseRole.NODE_ID),
                                                    Relation.SUBSET)):
                return panel, index
    pytest.fail("no suggestion in the workspace maps a national clause along")


def test_accepting_a_provincial_clause_names_the_national_one_inferred_along(window) -> None:  # type: ignore[no-untyped-def]
    """Accepting a provincial suggestion also mapped the item to a national clause (through
    the crosswalk), shown in the list as 推断 but never said."""
    panel, index = _suggestion_inferring_a_national_clause(window)
    candidate = index.data(ClauseRole.PAYLOAD)
    also = panel._inferred_along(panel._mapping(candidate.node_id, Relation.SUBSET))
    national = window.service.data.national
    before = {m.to_node_id for m in window.service.data.mappings
              if m.to_node_id.startswith(f"{national.id}/")}
    panel.suggestions.setCurrentIndex(index)
    panel.accept_button.click()
    window.service.wait_idle()
    said = window.statusBar().currentMessage()
    assert f"国家级条款{also}也随之对照（推断）" in said, said
    panel.target.setCurrentIndex(panel.target.findData(national.id))
    shown = [panel.current_model.index(r).data() for r in range(panel.current_model.rowCount())]
    assert any("推断" in text for text in shown)  # what was said is in the list
    assert before == {m.to_node_id for m in window.service.data.mappings  # inferred: not
                      if m.to_node_id.startswith(f"{national.id}/")}  # stored as mappings


def _choose_mapped(panel, node_id: str) -> None:  # type: ignore[no-untyped-def]
    row = _node_ids(panel.current_model).index(node_id)
    panel.current.setCurrentIndex(panel.current_model.index(row))


def _choose_relation(panel, label: str) -> None:  # type: ignore[no-untyped-def]
    """As a clerk picks an entry of the relation box (activated, not merely set)."""
    at = panel.relation.findText(label)
    assert at >= 0, [panel.relation.itemText(i) for i in range(panel.relation.count())]
    panel.relation.setCurrentIndex(at)
    panel.relation.activated.emit(at)


def test_the_relation_of_a_mapped_clause_can_be_changed_and_undone(window) -> None:  # type: ignore[no-untyped-def]
    """Accepting records 属于其中一部分; the box beside the Remove button sets another
    relation for the mapped clause chosen, by the user (it outranks the curated one),
    undoable."""
    panel = _panel(window)
    assert not panel.relation.isEnabled() and panel.relation.currentIndex() == -1
    assert panel.relation.placeholderText() == "对照关系"  # not a blank box
    curated = next(m for m in window.service.data.mappings if m.from_node_id == FIRST_ITEM
                   and m.source is MappingSource.CURATED
                   and m.to_node_id.startswith("national"))
    _choose_mapped(panel, curated.to_node_id)
    assert panel.relation.isEnabled()
    assert panel.relation.currentData() == curated.relation.value
    _choose_relation(panel, "等同")
    assert [m.to_node_id for m in _user_mappings(window, Relation.EQUAL)] == [curated.to_node_id]
    row = _node_ids(panel.current_model).index(curated.to_node_id)
    assert "等同" in panel.current_model.index(row).data().split("\n", 1)[1]
    assert panel.current.currentIndex().row() == row  # still chosen: the box shows it
    assert panel.relation.currentText() == "等同"
    screenshot(window, "mapping-relation")
    assert "关系改为“等同”" in window.statusBar().currentMessage()
    assert window.undo_action.text().startswith("撤销 更改对照关系")
    window.undo_action.trigger()
    assert not _user_mappings(window, Relation.EQUAL)
    row = _node_ids(panel.current_model).index(curated.to_node_id)
    assert "等同" not in panel.current_model.index(row).data().split("\n", 1)[1]


def test_choosing_the_same_relation_records_nothing(window) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(window)
    panel.suggestions.setCurrentIndex(panel.suggestion_model.index(0))
    panel.accept_button.click()
    accepted = _user_mappings(window, Relation.SUBSET)[0]
    _choose_mapped(panel, accepted.to_node_id)
    steps = window.undo_stack.count()
    _choose_relation(panel, "属于其中一部分")
    assert window.undo_stack.count() == steps
    _choose_relation(panel, "部分重合")
    assert [m.to_node_id for m in _user_mappings(window, Relation.INTERSECT)] == [
        accepted.to_node_id]
    assert not _user_mappings(window, Relation.SUBSET)  # replaced: one mapping, one relation
    assert accepted.note == _user_mappings(window, Relation.INTERSECT)[0].note


def test_a_closed_assessment_changes_no_relation(window) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(window)
    window.service.close_assessment()
    _choose_mapped(panel, _node_ids(panel.current_model)[0])
    assert not panel.relation.isEnabled()


def test_an_inferred_clause_keeps_the_relation_of_its_provincial_mapping(window) -> None:  # type: ignore[no-untyped-def]
    """Set directly, an inferred national clause's relation became a mapping of its own
    that outlived the provincial one it came through (review finding)."""
    panel, index = _suggestion_inferring_a_national_clause(window)
    panel.suggestions.setCurrentIndex(index)
    panel.accept_button.click()
    window.service.wait_idle()
    panel.target.setCurrentIndex(panel.target.findData("national-2021"))
    inferred = [at for at, r in enumerate(panel.current_model.rows())
                if r.payload.source is MappingSource.INFERRED]
    assert inferred
    panel.current.setCurrentIndex(panel.current_model.index(inferred[0]))
    assert panel.relation.currentIndex() >= 0  # its relation shown
    assert not panel.relation.isEnabled() and "另一条对照推断" in panel.relation.toolTip()


@pytest.mark.qt_log_ignore(r"This plugin does not support (raise|grabbing|propagateSizeHints)")
def test_arrow_keys_on_the_closed_relation_box_open_it_and_change_nothing(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Each ↓ on the closed box was a saved change with its own undo step."""
    panel = _panel(window)
    _choose_mapped(panel, _node_ids(panel.current_model)[0])
    steps = window.undo_stack.count()
    panel.relation.setFocus()
    qtbot.keyClick(panel.relation, Qt.Key.Key_Down)
    assert panel.relation.view().isVisible()  # the list to choose from, nothing chosen yet
    panel.relation.hidePopup()
    assert window.undo_stack.count() == steps
    assert not _user_mappings(window, Relation.EQUAL)
