"""Keys pressed faster than the writer saves: each press starts from the one before it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from checklist_app.ui.main_window import next_status
from tests.ui.conftest import FIRST_ITEM
from tests.ui.test_startup import HeldPool

pytestmark = pytest.mark.gui


def test_space_pressed_three_times_before_a_save_lands_moves_three_steps(desktop, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Three quick presses on a just-opened item ended one step on: each read the status
    still stored while the save before was on its way (变更记录 had one entry)."""
    window, service = desktop.window, desktop.service
    assert window.select_node(FIRST_ITEM)
    start = service.data.state(FIRST_ITEM).status
    held = HeldPool()
    service._writer.pool = held  # the writer is busy: saves wait their turn
    window.table.setFocus()
    for _press in range(3):
        qtbot.keyClick(window.table, Qt.Key.Key_Space)
    expected = start
    for _step in range(3):
        expected = next_status(expected, bool(service.data.state(FIRST_ITEM).justification))
    assert len(held.jobs) == 3
    held.run_all()
    assert service.data.state(FIRST_ITEM).status == expected
    window.undo_action.trigger()  # one press back
    held.run_all()
    assert service.data.state(FIRST_ITEM).status != expected


def test_dialogs_open_with_the_focus_where_the_keys_are_wanted(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The report text opened on its tab bar (typing went nowhere), the shortcuts list on
    its button box (nothing showed the focus) and Tab walked its cells one by one; the
    mappings tab's scroll area was a Tab stop showing nothing."""
    from PySide6.QtWidgets import QDialogButtonBox

    editor = window.edit_narrative()
    qtbot.waitUntil(editor.isVisible)
    assert editor.focusWidget() is editor.editors[1]
    editor.reject()
    shortcuts = window.show_shortcuts()
    close = shortcuts.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    assert shortcuts.focusWidget() is close and not shortcuts.table.tabKeyNavigation()
    shortcuts.close()
    assert window.item_pane.mapping_scroll.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_menus_give_every_entry_a_key(window) -> None:  # type: ignore[no-untyped-def]
    """Quit and Settings had no key on Linux (the platform names none); the assessments
    and recent workspaces had no access keys, and an & in a name became one."""
    from PySide6.QtGui import QKeySequence

    from checklist_app.ui.menus import menu_words, with_access_key

    actions = {a.text(): a for a in window.findChildren(type(window.undo_action))}
    for text, key in (("退出(&Q)", QKeySequence.StandardKey.Quit),
                      ("设置(&S)…", QKeySequence.StandardKey.Preferences)):
        platform = QKeySequence.keyBindings(key)
        assert actions[text].shortcuts() == platform if platform else \
            not actions[text].shortcut().isEmpty()
    assert with_access_key(1, "R&D.sqlite  (/home/科员)") == "&1 R&&D.sqlite  (/home/科员)"
    assert with_access_key(12, "a") == "12 a" and menu_words("A&B") == "A&&B"
    window._fill_switch_menu()
    assert all(a.text().startswith("&") for a in window.switch_menu.actions())


def test_the_list_with_the_keyboard_shows_its_selection_in_full_colour(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The tree and the table drew their selected rows in one solid blue whichever had the
    focus: nothing told where the arrow keys would go."""
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from checklist_app.ui.palette import soften_unfocused_selection

    app = QApplication.instance()
    before = app.palette()
    try:
        soften_unfocused_selection(app)  # the app does it before any window is made
        qtbot.wait(20)  # the windows made before take it through posted events
        palette = app.palette()
        active = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
        paler = palette.color(QPalette.ColorGroup.Inactive, QPalette.ColorRole.Highlight)
        assert paler.lightness() > active.lightness()
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        assert window.select_node(FIRST_ITEM)
        window.table.setFocus()
        qtbot.waitUntil(window.table.hasFocus)
        image = window.grab().toImage()

        def row_colour(view) -> str:  # type: ignore[no-untyped-def]
            rect = view.visualRect(view.currentIndex())
            point = view.viewport().mapTo(window, rect.center())
            return image.pixelColor(point.x() + rect.width() // 3, point.y() + 3).name()

        assert row_colour(window.table) == active.name()
        assert row_colour(window.tree) == paler.name()
    finally:
        app.setPalette(before)


def test_a_searched_title_reads_dark_on_a_pale_selection(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """With the cursor in the search box, the selected row's title (drawn by the search
    highlighter) was white on the pale selection of a table without the focus."""
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QApplication

    from checklist_app.ui.models.item_table_model import Column
    from checklist_app.ui.palette import soften_unfocused_selection

    app = QApplication.instance()
    before = app.palette()
    try:
        soften_unfocused_selection(app)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        assert window.select_node(FIRST_ITEM)
        window.filter_bar.focus_search()
        window.filter_bar.search.setText("科技")
        window.filter_bar.apply_search()
        qtbot.wait(20)
        table = window.table
        cell = table.visualRect(table.currentIndex().siblingAtColumn(Column.TITLE))
        image = table.viewport().grab(cell).toImage()
        darkest = min(QColor(image.pixel(x, y)).lightness()
                      for x in range(image.width()) for y in range(image.height()))
        assert darkest < 100  # dark text, not white on pale blue
    finally:
        app.setPalette(before)


def test_tab_from_the_items_table_goes_to_the_status_first(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Three Tabs (the script switch, the clause text) stood between the table and 状态."""
    detail = window.item_pane.detail
    window.table.setFocus()
    qtbot.waitUntil(window.table.hasFocus)
    qtbot.keyClick(window.table, Qt.Key.Key_Tab)
    assert detail.status.hasFocus()
    qtbot.keyClick(detail.status, Qt.Key.Key_Tab)
    assert detail.due.hasFocus() or detail.due.isAncestorOf(QApplication.focusWidget())
