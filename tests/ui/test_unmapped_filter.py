"""The 对照 filter follows mappings as they are made: 未对照 is a work list that shrinks."""

from __future__ import annotations

import pytest

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
