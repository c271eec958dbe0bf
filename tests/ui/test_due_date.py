"""The due date field: typed in the usual ways, other text refused visibly, a calendar that
opens at the date (or today) in the interface's language, and the date can be cleared."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QApplication

from checklist_app.core.dates import parse_due_date
from checklist_app.ui import message_box
from tests.ui.conftest import open_plan, screenshot
from tests.ui.test_item_detail import SECOND_ITEM, _type

pytestmark = pytest.mark.gui

# a popup on the offscreen platform: warnings about the test platform, not the app
POPUP = pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise|grabbing|propagateSizeHints)")
NO_DATE_ITEM = "chongqing-2022/二/(二)/3"


@pytest.mark.parametrize("text", ["2025-12-31", "20251231", "2025/12/31", "2025年12月31日",
                                  " 2025.12.31 ", "２０２５－１２－３１", "2025-12-31"])
def test_the_usual_ways_of_writing_a_date(text: str) -> None:
    assert parse_due_date(text) == "2025-12-31"


@pytest.mark.parametrize(("text", "due"), [
    ("2024年12月底", "2024-12-31"), ("2025年底前", "2025-12-31"), ("2024年上半年", "2024-06-30"),
    ("2024年第三季度", "2024-09-30"), ("２０２４年６月", "2024-06-30")])
def test_a_period_as_documents_write_it_is_its_last_day(text: str, due: str) -> None:
    """2024年12月底, the very words of a 完成时限, was refused."""
    assert parse_due_date(text) == due


def test_short_months_and_days_and_none() -> None:
    assert parse_due_date("2026/3/5") == "2026-03-05"
    assert parse_due_date("") is None and parse_due_date("  ") is None
    assert parse_due_date("无") is None


@pytest.mark.parametrize("text", ["无0251231", "2025-02-30", "12/31/2025", "明年", "2025-13-01"])
def test_text_that_is_no_date_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_due_date(text)


def _finish(window, field, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Tab out of the field, as the clerk does."""
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert not field.hasFocus()


def _focused_due(window, qtbot, node_id: str):  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.select_node(node_id)
    field = window.item_pane.detail.due
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    field.selectAll()
    return field


@pytest.mark.parametrize("typed", ["20251231", "2025-12-31", "2025年12月31日"])
def test_a_date_typed_into_an_empty_field_is_saved(window, qtbot, typed: str) -> None:  # type: ignore[no-untyped-def]
    field = _focused_due(window, qtbot, NO_DATE_ITEM)
    assert field.text() == ""
    _type(field, typed)
    _finish(window, field, qtbot)
    assert window.service.data.state(NO_DATE_ITEM).due_date == "2025-12-31"
    assert field.text() == "2025-12-31"
    assert window.item_model.index(window.item_model.row_of(NO_DATE_ITEM), 4).data() == \
        "2025-12-31"


def test_text_that_is_no_date_is_refused_visibly_and_kept(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    field = _focused_due(window, qtbot, SECOND_ITEM)  # due 2025-06-30
    _type(field, "无0251231")
    _finish(window, field, qtbot)
    assert window.service.data.state(SECOND_ITEM).due_date == "2025-06-30"
    assert field.text() == "无0251231" and field.property("refused") is True
    assert "不是日期" in window.statusBar().currentMessage()
    screenshot(window.item_pane, "due_date_refused")
    field.setFocus()
    field.selectAll()
    _type(field, "2025/9/30")  # corrected: saved, the mark gone
    _finish(window, field, qtbot)
    assert window.service.data.state(SECOND_ITEM).due_date == "2025-09-30"
    assert field.property("refused") is False and field.text() == "2025-09-30"
    assert window.statusBar().currentMessage() == ""  # its word on the refusal went too


@POPUP
def test_a_date_outside_the_years_taken_is_refused_saying_so(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """0001-01-01 was kept as a due date; the calendar went back to year 1."""
    field = _focused_due(window, qtbot, SECOND_ITEM)  # due 2025-06-30
    _type(field, "0001-01-01")
    _finish(window, field, qtbot)
    assert window.service.data.state(SECOND_ITEM).due_date == "2025-06-30"
    assert field.property("refused") is True
    said = window.statusBar().currentMessage()
    assert said.startswith("“0001-01-01”未保存为完成时限") and "2000 年至 2099 年" in said
    assert "不是日期" not in field.toolTip() and "2000 年至 2099 年" in field.toolTip()
    calendar = field.open_calendar()
    assert (calendar.minimumDate(), calendar.maximumDate()) == (QDate(2000, 1, 1),
                                                                QDate(2099, 12, 31))
    calendar.activated.emit(QDate(2026, 6, 30))  # the year corrected in the calendar
    assert field.property("refused") is False
    assert window.service.data.state(SECOND_ITEM).due_date == "2026-06-30"


def test_a_date_saved_before_the_years_were_limited_is_no_refusal(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A stored 0001-01-01 read as typed and refused: moving on said it was not saved,
    quitting asked; and undoing back to it was refused, the undo stuck there."""
    window.service.set_item(SECOND_ITEM, due_date="0001-01-01")
    field = _focused_due(window, qtbot, SECOND_ITEM)
    assert field.text() == "0001-01-01" and field.is_valid() and window.refused_date() == ""
    _finish(window, field, qtbot)
    assert field.property("refused") is False
    assert window.select_node(GOALS)
    assert not window.banner.notice.isVisibleTo(window)
    field = _focused_due(window, qtbot, SECOND_ITEM)
    _type(field, "2025-12-31")
    _finish(window, field, qtbot)
    assert window.service.data.state(SECOND_ITEM).due_date == "2025-12-31"
    window.undo_action.trigger()
    assert window.service.data.state(SECOND_ITEM).due_date == "0001-01-01"
    assert field.text() == "0001-01-01" and window.refused_date() == ""
    window.redo_action.trigger()
    assert window.service.data.state(SECOND_ITEM).due_date == "2025-12-31"


def test_another_item_ends_the_word_on_a_refused_date(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """“明年六月”不是日期… stayed in the status bar for 15 s over the next item."""
    field = _focused_due(window, qtbot, SECOND_ITEM)
    _type(field, "明年六月")
    _finish(window, field, qtbot)
    assert "不是日期" in window.statusBar().currentMessage()
    assert window.select_node(GOALS)
    assert window.statusBar().currentMessage() == ""
    # the text goes with the field: the banner says so until dismissed (it went unsaid)
    notice = window.banner.notice.label.text()
    assert window.banner.notice.isVisibleTo(window)
    assert notice.startswith("完成时限“明年六月”不是日期，未保存（二、(一)2. 推动科技成果")
    window.show_message("已导出")  # another message is not the refusal's to clear
    assert window.select_node(SECOND_ITEM)
    assert window.statusBar().currentMessage() == "已导出"


def test_the_date_can_be_cleared(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    field = _focused_due(window, qtbot, SECOND_ITEM)
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    _finish(window, field, qtbot)
    assert window.service.data.state(SECOND_ITEM).due_date is None
    assert field.placeholderText() == "无"


@POPUP
def test_the_calendar_opens_at_today_or_the_date_in_chinese(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    field = _focused_due(window, qtbot, NO_DATE_ITEM)
    calendar = field.open_calendar()
    today = QDate.currentDate()
    assert calendar.isVisible() and calendar.selectedDate() == today
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year(), today.month())
    assert calendar.locale().language() is QLocale.Language.Chinese
    screenshot(calendar, "due_date_calendar")
    calendar.activated.emit(QDate(2026, 3, 31))  # Enter on a day
    assert not calendar.isVisible()
    assert window.service.data.state(NO_DATE_ITEM).due_date == "2026-03-31"
    calendar = field.open_calendar()
    assert calendar.selectedDate() == QDate(2026, 3, 31)
    qtbot.keyClick(calendar, Qt.Key.Key_Escape)
    assert QApplication.activePopupWidget() is None


@POPUP
def test_alt_down_opens_the_calendar(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    field = _focused_due(window, qtbot, SECOND_ITEM)
    qtbot.keyClick(field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert field.calendar is not None and field.calendar.isVisible()
    assert field.calendar.selectedDate() == QDate(2025, 6, 30)
    field.calendar.hide()


@POPUP
@pytest.mark.parametrize("corner", ["topLeft", "topRight", "bottomLeft", "bottomRight"])
def test_the_calendar_stays_on_the_screen_at_its_edges(qtbot, corner: str) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QWidget

    from checklist_app.ui.widgets.due_date import DueDateEdit

    holder = QWidget()
    qtbot.addWidget(holder)
    field = DueDateEdit(holder)
    field.resize(120, 28)
    holder.resize(field.size())
    screen = holder.screen().availableGeometry()
    spot = getattr(screen, corner)()
    holder.move(min(max(spot.x() - holder.width() // 2, screen.left() - 60),
                    screen.right() - 20),
                min(spot.y(), screen.bottom() - holder.height()))
    holder.show()
    qtbot.waitExposed(holder)
    calendar = field.open_calendar()
    # the offscreen platform shifts every top-level window by a frame it does not draw (the
    # holder's too): the calendar's place as asked for is its geometry less that shift
    frame_shift = holder.mapToGlobal(holder.rect().topLeft()) - holder.pos()
    shown = calendar.geometry().translated(-frame_shift)
    assert screen.contains(shown), (corner, shown, screen)
    field_top = field.mapToGlobal(field.rect().topLeft()).y()
    field_bottom = field.mapToGlobal(field.rect().bottomLeft()).y()
    assert shown.top() > field_bottom or shown.bottom() < field_top, (corner, shown, field_top)
    calendar.hide()


GOALS = "chongqing-2022/一/(二)"  # 发展目标: 到2025年…到2035年


def _on_day(monkeypatch: pytest.MonkeyPatch, day: str) -> None:
    """The window judges overdue items on ``day`` (the computer's date otherwise)."""
    monkeypatch.setattr("checklist_app.core.dates.today", lambda: date.fromisoformat(day))


def test_the_documents_deadline_shows_until_the_office_sets_its_own(window, qtbot,  # type: ignore[no-untyped-def]
                                                                    monkeypatch) -> None:
    """The document's 到2025年 was parsed but shown nowhere: the Due column was empty and
    the report counted no such item overdue."""
    from PySide6.QtGui import QPalette

    _on_day(monkeypatch, "2025-06-01")  # before the date: grey, not red

    model = window.item_model
    cell = model.index(model.row_of(GOALS), 4)
    assert window.service.data.state(GOALS).due_date is None
    assert cell.data() == "2025-12-31"
    grey = QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
    assert cell.data(Qt.ItemDataRole.ForegroundRole) == grey
    tip = cell.data(Qt.ItemDataRole.ToolTipRole)
    assert "到2025年" in tip and "2035" not in tip  # the stage the date comes from
    field = _focused_due(window, qtbot, GOALS)
    assert field.text() == "" and "2025-12-31" in field.placeholderText()
    assert "到2025年" in field.toolTip() and "。 " not in field.toolTip()
    _type(field, "2025-09-30")  # the office's own date wins
    _finish(window, field, qtbot)
    assert window.service.data.state(GOALS).due_date == "2025-09-30"
    assert cell.data() == "2025-09-30" and cell.data(Qt.ItemDataRole.ForegroundRole) is None
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)  # cleared: the document's again
    _finish(window, field, qtbot)
    assert window.service.data.state(GOALS).due_date is None
    assert cell.data() == "2025-12-31"
    assert window.select_node(SECOND_ITEM)  # an item without one says none
    assert window.item_pane.detail.due.placeholderText() == "无"


def test_an_overdue_item_is_red_in_the_table_and_the_pane_and_can_be_listed(  # type: ignore[no-untyped-def]
        window, qtbot, monkeypatch) -> None:
    """The report counted overdue items; the window marked none, and no filter found them."""
    from checklist_app.core import ItemStatus
    from checklist_app.report.content import compute_facts
    from checklist_app.ui.models.item_table_model import OVERDUE_COLOUR, Role

    _on_day(monkeypatch, "2026-01-15")  # after 到2025年
    model = window.item_model
    cell = model.index(model.row_of(GOALS), 4)
    assert cell.data(Qt.ItemDataRole.ForegroundRole) == OVERDUE_COLOUR
    tip = cell.data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("已逾期") and "到2025年" in tip
    assert window.select_node(GOALS)
    field = window.item_pane.detail.due
    assert field.overdue and field.toolTip().startswith("已逾期")
    assert field.palette().color(field.palette().ColorRole.PlaceholderText) == OVERDUE_COLOUR

    bar = window.filter_bar
    bar.status.setCurrentIndex(bar.status.findData("overdue"))
    assert bar.status.currentText() == "已逾期"
    listed = {window.proxy.index(r, 0).data(Role.NODE_ID)
              for r in range(window.proxy.rowCount())}
    assert GOALS in listed and len(listed) < model.rowCount()  # most have no due date
    facts = compute_facts(window.service.data.snapshot(), today=date.fromisoformat("2026-01-15"))
    assert listed == {row.item.id for row in facts.overdue}  # the report's count, the same

    window.set_status(ItemStatus.DONE)  # done: no longer overdue
    qtbot.waitUntil(lambda: window.service.data.state(GOALS).status is ItemStatus.DONE)
    assert cell.data(Qt.ItemDataRole.ForegroundRole) != OVERDUE_COLOUR
    assert not field.overdue and not field.toolTip().startswith("已逾期")
    bar.status.setCurrentIndex(0)
    screenshot(window, "overdue")


def test_a_new_day_marks_what_fell_due_while_the_app_stayed_open(  # type: ignore[no-untyped-def]
        window, qtbot, monkeypatch) -> None:
    """The red dates, the item pane and the 已逾期 filter were judged on the day the window
    was filled."""
    from checklist_app.ui.models.item_table_model import OVERDUE_COLOUR, Role

    _on_day(monkeypatch, "2025-12-31")  # due today: not yet overdue
    assert window.select_node(GOALS)
    window.day_changed()
    assert not window.item_pane.detail.due.overdue
    cell = window.item_model.index(window.item_model.row_of(GOALS), 4)
    assert cell.data(Qt.ItemDataRole.ForegroundRole) != OVERDUE_COLOUR
    assert window._midnight.isActive()  # waiting for the next day
    _on_day(monkeypatch, "2026-01-01")
    window.day_changed()
    assert window.item_pane.detail.due.overdue  # the pane, without choosing the item again
    assert cell.data(Qt.ItemDataRole.ForegroundRole) == OVERDUE_COLOUR
    bar = window.filter_bar
    bar.status.setCurrentIndex(bar.status.findData("overdue"))
    _on_day(monkeypatch, "2025-12-31")  # a filter kept over midnight follows the day too
    window.day_changed()
    listed = {window.proxy.index(r, 0).data(Role.NODE_ID) for r in range(window.proxy.rowCount())}
    assert GOALS not in listed


def test_a_deadline_without_a_date_shows_in_the_documents_words(  # type: ignore[no-untyped-def]
        window, qtbot, monkeypatch, tmp_path) -> None:
    """完成时限:长期坚持 left the Due column, the pane and 附件1 empty, as if the line had
    not been read."""
    from PySide6.QtGui import QPalette

    from checklist_app.report.annex_rows import AnnexRows
    from checklist_app.report.content import compute_facts
    from tests.importer.test_district_plan import PLAN

    _on_day(monkeypatch, "2030-01-01")  # long after every date: nothing standing is overdue
    open_plan(window, qtbot, tmp_path, PLAN, "yuzhong")
    model = window.item_model
    standing = model.index(model.row_of("yuzhong/二/(一)/2"), 4)
    dated = model.index(model.row_of("yuzhong/二/(一)/1"), 4)
    assert (standing.data(), dated.data()) == ("长期坚持", "2023-12-31")
    grey = QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
    assert standing.data(Qt.ItemDataRole.ForegroundRole) == grey  # the document's, not red
    assert "长期坚持" in standing.data(Qt.ItemDataRole.ToolTipRole)
    assert dated.data(Qt.ItemDataRole.ForegroundRole) != grey  # 2023: overdue
    assert window.select_node("yuzhong/二/(一)/2")
    field = window.item_pane.detail.due
    assert field.placeholderText() == "长期坚持" and not field.overdue
    assert "长期坚持" in field.toolTip()

    facts = compute_facts(window.service.data.snapshot(), today=date(2030, 1, 1))
    assert [row.item.id for row in facts.overdue] == ["yuzhong/二/(一)/1"]
    due = {row.item.id: AnnexRows.due_date(row) for row in facts.items}
    assert due == {"yuzhong/二/(一)/1": "2023-12-31*", "yuzhong/二/(一)/2": "长期坚持"}


def test_a_closed_assessments_overdue_date_is_greyed_without_buttons(  # type: ignore[no-untyped-def]
        window, qtbot, monkeypatch) -> None:
    """After 关闭自查自评 the other fields greyed; the date stayed bright red with its ✕ and
    calendar button, as if it could still be changed."""
    from PySide6.QtGui import QPalette

    from checklist_app.ui.models.item_table_model import OVERDUE_COLOUR

    _on_day(monkeypatch, "2026-01-15")
    assert window.select_node(GOALS)
    field = window.item_pane.detail.due
    assert field.overdue and field.isClearButtonEnabled() and field.calendar_action.isVisible()
    window.service.close_assessment()
    qtbot.waitUntil(lambda: not field.isEnabled())
    palette = field.palette()
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.PlaceholderText):
        assert palette.color(QPalette.ColorGroup.Disabled, role) != OVERDUE_COLOUR
        assert palette.color(QPalette.ColorGroup.Active, role) == OVERDUE_COLOUR
    assert not field.isClearButtonEnabled() and not field.calendar_action.isVisible()
    screenshot(window.item_pane, "closed-overdue-date")


def test_quitting_with_a_refused_date_asks_first(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    field = _focused_due(window, qtbot, SECOND_ITEM)
    _type(field, "下月底")
    _finish(window, field, qtbot)
    asked: list[str] = []
    monkeypatch.setattr(message_box, "warning", lambda _parent, _title, text, *_args:
                        asked.append(text) or QMessageBox.StandardButton.No)
    assert not window.close()  # No: the window stays, the field to correct
    assert len(asked) == 1 and "“下月底”" in asked[0] and window.isVisible()
    field.selectAll()
    _type(field, "2025-10-31")
    _finish(window, field, qtbot)
    assert window.close()  # a date now: nothing to ask
    assert len(asked) == 1


def test_a_refused_date_left_behind_by_opening_a_workspace_is_said(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Opening a workspace (or switching assessment) dropped the typed text without a word:
    the banner was cleared for the new data."""
    field = _focused_due(window, qtbot, SECOND_ITEM)
    _type(field, "下月底")
    _finish(window, field, qtbot)
    window.open_workspace(window.service.data.path)
    notice = window.banner.notice
    assert notice.isVisibleTo(window) and notice.label.text().startswith("完成时限“下月底”")
    window.open_workspace(window.service.data.path)  # said once, not at every load
    assert not notice.isVisibleTo(window)
