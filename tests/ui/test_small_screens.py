"""The main window on office laptop screens (1280×720, 1366×768), in Chinese and English."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QStyle,
    QStyleOptionComboBox,
    QTableView,
    QWidget,
)

from checklist_app.app import DesktopApp, build, install_fonts, install_qt_translations
from checklist_app.core import ItemStatus
from checklist_app.i18n import _, set_language
from checklist_app.settings import Settings
from checklist_app.ui.main_window import MainWindow
from checklist_app.ui.models.item_table_model import Column
from checklist_app.ui.widgets.item_table import (
    CELL_PADDING,
    TEXT_MINIMUM,
    TEXT_SAMPLES,
    TEXT_SHARES,
    text_widths,
)
from checklist_app.ui.workers import InlinePool
from tests.ui.conftest import DEPARTMENT, screenshot

SIZES = [(1280, 720), (1366, 768), (1440, 860), (1920, 1080)]
ITEM = "chongqing-2022/二/(一)/2"  # in progress, with a due date


@pytest.fixture(params=["zh_CN", "en"])
def language(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def app_in(qtbot, workspace_path, language: str) -> Iterator[DesktopApp]:  # type: ignore[no-untyped-def]
    """The main window built in ``language`` with the workspace open."""
    set_language(language)
    install_fonts()
    catalogs = install_qt_translations(QApplication.instance(), language)
    app = build(Settings(department=DEPARTMENT, language=language), writer=InlinePool(),
                background=InlinePool())
    qtbot.addWidget(app.window)
    app.window.show()
    app.window.open_workspace(workspace_path)
    yield app
    app.service.close()
    for catalog in catalogs:
        QApplication.instance().removeTranslator(catalog)
    set_language("zh_CN")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_each_size_shows_both_tabs_without_sideways_scrolling(
        app_in: DesktopApp, language: str, size: tuple[int, int]) -> None:
    """Screenshots of each size and language: test-artifacts/screen-<size>-<language>-*.png."""
    window = app_in.window
    window.resize(*size)
    assert window.select_node(ITEM)
    pane, name = window.item_pane, f"{size[0]}x{size[1]}-{language}"
    pane.tabs.setCurrentIndex(0)
    screenshot(window, f"screen-{name}-evidence")
    bars = (window.table.horizontalScrollBar(), pane.scroll.horizontalScrollBar())
    assert not any(bar.isVisible() for bar in bars)
    assert _inside(pane.evidence.buttons["remove"], pane.tabs)
    pane.tabs.setCurrentIndex(pane.tabs.indexOf(pane.mapping_scroll))
    screenshot(window, f"screen-{name}-mappings")
    assert not pane.mapping_scroll.horizontalScrollBar().isVisible()
    assert _inside(pane.mappings.reject_button, pane.mapping_scroll.viewport())


def test_the_window_fits_a_1024_pixel_screen_with_the_task_readable(
        app_in: DesktopApp, language: str) -> None:
    """At 1024×768 (a projector, a small screen at 125 %) the window was 1082 px at its
    narrowest, its right edge off the screen, and the task column read 发展… in 54 px.
    Screenshot: test-artifacts/screen-1024x768-<language>.png."""
    from checklist_app.ui.widgets.item_table import TASK_FLOOR

    window = app_in.window
    window.resize(1024, 768)
    assert window.select_node(ITEM)
    QTest.qWait(50)
    screenshot(window, f"screen-1024x768-{language}")
    assert window.minimumSizeHint().width() <= 1010 and window.width() == 1024
    assert window.table.horizontalHeader().sectionSize(Column.TITLE) >= TASK_FLOOR
    assert window.table.status_delegate.dot_only  # the statuses' words gave way first
    assert _inside(window.filter_bar.mine, window.filter_bar)


def _laptop(app: DesktopApp, node_id: str = ITEM) -> MainWindow:
    """The window at 1280×720 with ``node_id`` shown, laid out."""
    window = app.window
    window.resize(1280, 720)
    assert window.select_node(node_id)
    QTest.qWait(50)  # layout requests are posted events
    return window


def test_the_task_keeps_room_for_its_words_at_1280(app_in: DesktopApp) -> None:
    """In English at 1280×720 the task read 以科技创… (72 px) while the Evidence column,
    holding a single digit, was as wide as its title: the title is Files now. In Chinese it
    read 以科技创新提升… beside 佐证材料, 省级条款 and 国家条款 at their titles' widths: they
    are 佐证, 省级 and 国家 now (the full names in their tooltips)."""
    window = _laptop(app_in)
    header = window.table.horizontalHeader()
    task = header.sectionSize(Column.TITLE)
    minimum = 10 if window.item_model.headerData(0, Qt.Orientation.Horizontal) == "序号" else 6
    assert task >= minimum * window.table.fontMetrics().horizontalAdvance("标") + 16, task
    assert header.sectionSize(Column.EVIDENCE) < task


def _right_edge_in(widget: QWidget, container: QWidget) -> int:
    return widget.mapTo(container, QPoint(widget.width(), 0)).x()


def test_the_item_pane_needs_no_sideways_scroll(app_in: DesktopApp) -> None:
    window = _laptop(app_in)
    scroll = window.item_pane.scroll
    assert not scroll.horizontalScrollBar().isVisible()
    detail = window.item_pane.detail
    viewport = scroll.viewport()
    for field in (detail.script, detail.status, detail.due, detail.department, detail.person):
        assert _right_edge_in(field, viewport) <= viewport.width(), field.objectName()
        assert field.width() >= field.minimumSizeHint().width(), field.objectName()
    due = detail.due  # the whole date beside its clear and calendar buttons (025-06-30 was shown)
    assert due.width() >= due.fontMetrics().horizontalAdvance(due.text()) + 2 * due.height()


def test_the_fields_pair_up_again_on_a_wide_pane(app_in: DesktopApp) -> None:
    window = _laptop(app_in)
    detail = window.item_pane.detail
    window.resize(1920, 1080)
    window.splitter.setSizes([300, 1000, 600])
    QTest.qWait(50)
    assert detail.status.y() == detail.due.y()
    assert detail.department.y() != detail.person.y()  # the departments take a whole row


@pytest.mark.parametrize("size", SIZES[1:], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_responsible_departments_show_whole(app_in: DesktopApp,
                                                size: tuple[int, int]) -> None:
    """Paired with the person, the departments read 市国防科工办、市科… at 1366×768; on a row
    of their own they span the pane, under a label that says what the table says."""
    window = app_in.window
    window.resize(*size)
    assert window.select_node(ITEM)
    QTest.qWait(50)
    detail = window.item_pane.detail
    field = detail.department
    assert detail.form.label_for(field).text() == _("Departments")
    assert _right_edge_in(field, detail) == _right_edge_in(detail.due, detail)
    names = field.placeholderText()  # the document's departments, offered to be confirmed
    first = window.service.data.checklist.node(ITEM).departments[:3]
    assert names == _("{names} etc.").format(names="、".join(first))  # a fourth is left out
    assert field.fontMetrics().horizontalAdvance(names) < field.width() - 10



def _inside(widget: QWidget, area: QWidget) -> bool:
    """``widget`` lies wholly within what ``area`` shows."""
    corner = widget.mapTo(area, QPoint(0, 0))
    return area.rect().contains(QRect(corner, widget.size()))


def test_the_mappings_tab_shows_its_buttons_and_a_few_suggestions(app_in: DesktopApp) -> None:
    window = _laptop(app_in)
    pane = window.item_pane
    pane.tabs.setCurrentIndex(pane.tabs.indexOf(pane.mapping_scroll))
    QTest.qWait(50)
    panel, shown = pane.mappings, pane.mapping_scroll.viewport()
    for button in (panel.remove_button, panel.accept_button, panel.reject_button,
                   panel.map_button):
        assert button.isVisible() and _inside(button, shown), button.text()
        assert button.width() >= button.sizeHint().width(), button.text()
    assert panel.suggestion_model.rowCount() >= 3
    third = panel.suggestions.visualRect(panel.suggestion_model.index(2))
    assert panel.suggestions.viewport().rect().contains(third)
    assert _inside(panel.suggestions, shown)
    # the search's list waits for a search: empty, it took the height of a clause or two
    assert not panel.hits.isVisible()
    panel.search.setText("标准")
    QTest.qWait(50)
    assert panel.hits.isVisible()
    panel.search.clear()
    assert not panel.hits.isVisible()
    assert not pane.mapping_scroll.horizontalScrollBar().isVisible()
    assert pane.splitter.sizes()[0] >= 150  # the item's heading stays in sight
    window.splitter.setSizes([0, 10_000, 0])  # the pane at its narrowest
    QTest.qWait(50)
    title = panel.target.currentText()  # longer than the field: drawn elided, whole in the tip
    assert panel.target.fontMetrics().horizontalAdvance(title) > _text_field(panel.target).width()
    assert panel.target.toolTip() == title and _inside(panel.target, shown)


def _text_field(combo: QComboBox) -> QRect:
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    return combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                        QStyle.SubControl.SC_ComboBoxEditField, combo)


def test_the_table_fits_its_pane_and_shows_whole_status_words(app_in: DesktopApp) -> None:
    window = _laptop(app_in)
    table = window.table
    assert not table.horizontalScrollBar().isVisible()
    columns = sum(table.columnWidth(c) for c in Column)
    assert columns <= table.viewport().width()
    assert table.columnWidth(Column.STATUS) >= _status_words_width(table)
    header = window.item_model.headerData(Column.NATIONAL, Qt.Orientation.Horizontal,
                                          Qt.ItemDataRole.ToolTipRole)
    assert header == _("National clause")  # the whole title where the column elides it


def _status_words_width(table: QTableView) -> int:
    """The longest status word beside its icon."""
    metrics = table.fontMetrics()
    return max(metrics.horizontalAdvance(_(s.label)) for s in ItemStatus) + 16 + 4


@pytest.mark.parametrize("spare", [277, 300, 372, 500, 900])
def test_the_text_columns_share_what_is_spare(spare: int) -> None:
    from checklist_app.ui.widgets.item_table import TASK_FLOOR, TEXT_FLOOR

    widths = text_widths(spare)
    assert sum(widths.values()) == spare
    others = [width for column, width in widths.items() if column is not Column.TITLE]
    assert widths[Column.TITLE] >= max(TASK_FLOOR, *others)
    assert min(others) >= (TEXT_MINIMUM if spare >= TASK_FLOOR + 3 * TEXT_MINIMUM
                           else TEXT_FLOOR)


def test_columns_sized_by_hand_keep_whole_status_words(app_in: DesktopApp) -> None:
    """Widths saved in one language are restored in the other (after a switch)."""
    table = _laptop(app_in).table
    header = table.horizontalHeader()
    header.resizeSection(Column.STATUS, 60)  # by hand: fits 未评估 in a small font only
    assert table.sized_by_user
    table.restore_columns(header.saveState())
    assert table.sized_by_user
    assert table.columnWidth(Column.STATUS) >= _status_words_width(table)


def test_a_search_by_hand_shows_three_clauses_at_once(app_in: DesktopApp) -> None:
    window = _laptop(app_in)
    pane = window.item_pane
    pane.tabs.setCurrentIndex(pane.tabs.indexOf(pane.mapping_scroll))
    panel = pane.mappings
    panel.search.setText("标准")
    QTest.qWait(50)
    screenshot(window, "mappings-search-1280x720")
    assert panel.search_model.rowCount() >= 3
    third = panel.hits.visualRect(panel.search_model.index(2))
    assert panel.hits.viewport().rect().contains(third)


def test_the_title_gets_the_most_room_and_columns_can_be_hidden(  # type: ignore[no-untyped-def]
        qtbot, app_in: DesktopApp) -> None:
    """At 1366×768 the task column cut titles after eight characters; a right click on the
    header hides what a clerk does not need, and the title takes its room, after a restart
    too."""
    from checklist_app.app import build
    from checklist_app.ui.widgets.item_table import HIDEABLE
    from tests.ui.conftest import screenshot

    window = _laptop(app_in)
    window.resize(1366, 768)
    QTest.qWait(50)
    table = window.table
    widths = {column: table.columnWidth(column) for column in Column}
    assert widths[Column.TITLE] > max(widths[c] for c in TEXT_SHARES if c is not Column.TITLE)
    menu = table.column_menu()
    header = [window.item_model.headerData(c, Qt.Orientation.Horizontal,
                                           Qt.ItemDataRole.ToolTipRole) for c in Column]
    labels = [action.text() for action in menu.actions()]  # the full names
    assert header[Column.NATIONAL] in labels
    assert header[Column.TITLE] not in labels  # the task always shows
    menu.actions()[HIDEABLE.index(Column.PROVINCIAL)].setChecked(False)
    assert table.isColumnHidden(Column.PROVINCIAL)
    assert table.columnWidth(Column.TITLE) > widths[Column.TITLE]
    screenshot(window, "laptop-column-hidden")
    window.close()
    assert app_in.settings.hidden_columns == [int(Column.PROVINCIAL)]
    again = build(app_in.settings, writer=InlinePool(), background=InlinePool()).window
    qtbot.addWidget(again)
    assert again.table.isColumnHidden(Column.PROVINCIAL)
    again.table.column_menu().actions()[HIDEABLE.index(Column.PROVINCIAL)].setChecked(True)
    assert not again.table.isColumnHidden(Column.PROVINCIAL)


def test_a_column_hidden_after_sizing_by_hand_gives_its_room_to_the_task(  # type: ignore[no-untyped-def]
        app_in: DesktopApp) -> None:
    """Once a border had been dragged, hiding a column left a blank gap (and showing it
    again a sideways scroll bar)."""
    table = _laptop(app_in).table
    header = table.horizontalHeader()
    header.resizeSection(Column.DEPARTMENT, header.sectionSize(Column.DEPARTMENT) + 10)
    assert table.sized_by_user
    used = sum(header.sectionSize(c) for c in Column)
    title, national = header.sectionSize(Column.TITLE), header.sectionSize(Column.NATIONAL)
    table.show_column(Column.NATIONAL, False)
    assert header.sectionSize(Column.TITLE) == title + national
    assert sum(header.sectionSize(c) for c in Column) == used
    table.show_column(Column.NATIONAL, True)
    assert header.sectionSize(Column.TITLE) == title
    assert header.sectionSize(Column.NATIONAL) == national


@pytest.mark.parametrize(("language", "provincial", "tooltip"), [
    ("zh_CN", "省级", "对应省级条款"), ("en", "Prov.", "Provincial clause")])
def test_column_titles_are_whole_on_a_laptop(  # type: ignore[no-untyped-def]
        qtbot, workspace_path, language: str, provincial: str, tooltip: str) -> None:
    """对应省级… and 对应国家… were cut at 1366×768, and later Prov. cl… and Nat. cla…: short
    titles (the full name in the tooltip), each column as wide as its title where the task
    keeps its room."""
    set_language(language)
    with _at_1366(qtbot, workspace_path) as window:
        header = window.table.horizontalHeader()
        cut = [window.item_model.headerData(c, Qt.Orientation.Horizontal) for c in Column
               if header.sectionSize(c) < header.sectionSizeHint(c)]
        assert cut == []
        model = window.item_model
        assert model.headerData(Column.PROVINCIAL, Qt.Orientation.Horizontal) == provincial
        assert model.headerData(Column.PROVINCIAL, Qt.Orientation.Horizontal,
                                Qt.ItemDataRole.ToolTipRole) == tooltip
        assert header.sectionSize(Column.TITLE) >= header.sectionSize(Column.NATIONAL)


@contextmanager
def _at_1366(qtbot, workspace_path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The main window at 1366×740 with the workspace open, laid out."""
    install_fonts()
    app = build(Settings(department=DEPARTMENT), writer=InlinePool(), background=InlinePool())
    qtbot.addWidget(app.window)
    app.window.show()
    app.window.open_workspace(workspace_path)
    try:
        window = _laptop(app)
        window.resize(1366, 740)
        QTest.qWait(50)
        yield window
    finally:
        app.service.close()


def test_a_usual_department_and_a_clause_number_show_whole_at_1366(  # type: ignore[no-untyped-def]
        qtbot, workspace_path) -> None:
    """The 责任单位 column read 市市场监… and 市发展改… (the 附表 rows, told apart by their
    departments alone) while the task had room to spare; the clause columns 二、(三…."""
    with _at_1366(qtbot, workspace_path) as window:
        table, metrics = window.table, window.table.fontMetrics()
        for column, text in TEXT_SAMPLES.items():
            assert table.columnWidth(column) >= metrics.horizontalAdvance(text) + CELL_PADDING
        assert table.columnWidth(Column.TITLE) >= metrics.horizontalAdvance("以科技创新提升标准")
        screenshot(window.table, "items_table_1366")


def test_a_text_column_is_as_wide_as_its_title_while_the_task_keeps_room() -> None:
    titles = {Column.DEPARTMENT: 60, Column.PROVINCIAL: 95, Column.NATIONAL: 90}
    widths = text_widths(400, needed=titles)  # shares alone: 80 each, title 160
    assert widths[Column.PROVINCIAL] >= 95 and widths[Column.NATIONAL] >= 90
    assert sum(widths.values()) == 400 and widths[Column.TITLE] > widths[Column.PROVINCIAL]
    tight = text_widths(300, needed=titles)  # whole titles would squeeze the task: shares
    assert tight == text_widths(300) and sum(tight.values()) == 300


def test_a_wider_table_never_makes_the_task_narrower() -> None:
    """Whole column titles took 60 px from the task at a stroke: 180 px at 360, 120 at 370."""
    from checklist_app.ui.widgets.item_table import TASK_FLOOR

    titles = {Column.DEPARTMENT: 90, Column.PROVINCIAL: 80, Column.NATIONAL: 80}
    tasks = [text_widths(spare, needed=titles)[Column.TITLE] for spare in range(150, 1600)]
    assert tasks == sorted(tasks)
    assert tasks[0] == TASK_FLOOR and tasks[-1] > 600


def test_in_a_squeeze_the_task_stays_readable_and_the_others_scroll() -> None:
    """At about 1024 px wide the task column got 48 px, as narrow as 对应国家条款: three
    characters of each task."""
    from checklist_app.ui.widgets.item_table import TASK_FLOOR, TEXT_FLOOR

    for spare in (190, 207, 250):  # 207: the task got 54 px at 1024×768, the others 51
        widths = text_widths(spare)
        assert widths[Column.TITLE] >= TASK_FLOOR
        assert all(width == TEXT_FLOOR for column, width in widths.items()
                   if column is not Column.TITLE)


def test_the_accept_strong_tooltip_names_the_strength_as_the_list_does(
        app_in: DesktopApp, language: str) -> None:
    """The English tooltip read "Accept every 匹配度高 suggestion" while the list itself says
    "strong match"."""
    import re

    tip = app_in.window.accept_strong_action.toolTip()
    if language == "en":
        assert "“strong match”" in tip and not re.search(r"[\u4e00-\u9fff]", tip)
    else:
        assert "“匹配度高”" in tip


def test_a_small_screen_at_125_percent_keeps_every_column_in_sight(
        app_in: DesktopApp, language: str) -> None:
    """1366×768 at 125 % (1093 px): the table scrolled sideways and the mapped national
    clause was cut off. The status column gives way first, to its dots (the word in the
    tooltip). Screenshot: test-artifacts/screen-1093-125-<language>.png."""
    width = 1093
    window = app_in.window
    window.resize(width, 614)
    assert window.select_node(ITEM)
    QTest.qWait(50)
    screenshot(window, f"screen-{width}-125-{language}")
    table, header = window.table, window.table.horizontalHeader()
    assert not table.horizontalScrollBar().isVisible()
    assert sum(header.sectionSize(c) for c in Column) <= table.viewport().width()
    assert table.status_delegate.dot_only
    assert header.sectionSize(Column.NATIONAL) >= TEXT_MINIMUM - 12
    cell = window.proxy.index(0, Column.STATUS)
    words = {_(status.label) for status in ItemStatus}
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == cell.data() in words
    window.resize(1366, 768)
    QTest.qWait(50)
    assert not table.status_delegate.dot_only  # room enough: the words are back


def test_the_selected_row_stays_in_sight_when_a_banner_appears(app_in: DesktopApp) -> None:
    """A row near the table's foot, then a refusal's banner: the table grew shorter and the
    row being edited slid under its edge; it is scrolled back into sight. A row the user
    had scrolled away from is left where it is."""
    window = _laptop(app_in)
    table = window.table
    last = window.proxy.rowCount() - 1
    table.scrollToTop()
    for row in range(last + 1):  # the last row fully in sight without scrolling
        if table.visualRect(window.proxy.index(row + 1, 0)).bottom() > table.viewport().height():
            break
    table.setCurrentIndex(window.proxy.index(row - 1, 0))  # the last but one in sight
    QTest.qWait(20)
    assert table.verticalScrollBar().value() == 0 and row > 5
    window.banner.show_error("无法保存：工作区被其他程序锁定。" * 3)
    QTest.qWait(50)
    rect = table.visualRect(table.currentIndex())
    assert rect.top() >= 0 and rect.bottom() <= table.viewport().height()
    window.banner.clear_messages()
    QTest.qWait(50)
    table.verticalScrollBar().setValue(table.verticalScrollBar().maximum())  # scrolled away
    table.setCurrentIndex(window.proxy.index(0, 0))
    table.verticalScrollBar().setValue(table.verticalScrollBar().maximum())
    scrolled = table.verticalScrollBar().value()
    window.banner.show_error("无法保存。")
    QTest.qWait(50)
    assert table.verticalScrollBar().value() == scrolled


def test_the_window_fits_a_small_screen_at_150_percent(app_in: DesktopApp,
                                                       language: str) -> None:
    """1280×720 at 150 % is 853 px: the four filters on one row made the window at least
    998 px wide, its right edge (the item pane's scroll bar, Remove) off the screen. They
    go into two rows where one does not fit, and back when it does.
    Screenshot: test-artifacts/screen-853-150-<language>.png."""
    window = app_in.window
    bar = window.filter_bar
    assert window.minimumSizeHint().width() <= 853
    window.resize(853, 480)
    assert window.select_node(ITEM)
    QTest.qWait(50)
    screenshot(window, f"screen-853-150-{language}")
    assert window.width() == 853 and bar.filter_columns == 2
    for box in (bar.status, bar.department, bar.evidence, bar.mapped):
        assert _inside(box, bar) and box.width() >= 110
    assert _inside(window.item_pane.evidence.buttons["remove"], window.item_pane.tabs)
    window.resize(1366, 768)
    QTest.qWait(50)
    assert bar.filter_columns == 4
    assert len({box.y() for box in (bar.status, bar.department, bar.evidence, bar.mapped)}) == 1
