"""Carrying a period forward from the app, and settings that take effect at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from checklist_app.app import DesktopApp
from checklist_app.core import ItemStatus
from checklist_app.settings import Settings
from checklist_app.storage.backup import list_backups
from checklist_app.storage.workspace import Workspace
from tests.ui.conftest import FIRST_ITEM, screenshot

pytestmark = pytest.mark.gui
TARGET_ITEM = "chongqing-2022/一/(二)"  # 发展目标: numeric targets
PLANNED_ITEM = "chongqing-2022/二/(一)/2"  # in progress, due 2025-06-30


def _ok(dialog) -> object:  # type: ignore[no-untyped-def]
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_carrying_an_open_assessment_closes_it_first(desktop: DesktopApp,
                                                     workspace_path: Path) -> None:
    """The dialog says so and its button reads 关闭并结转: never two periods open."""
    window, service = desktop.window, desktop.service
    service.set_item(TARGET_ITEM, status=ItemStatus.LARGELY_DONE, actual_values=[20, 1])
    first = service.data.assessment
    dialog = window.carry_forward()
    screenshot(dialog, "carry-forward-open")
    assert dialog.closes_first and _ok(dialog).text() == "关闭并结转"
    assert dialog.closing.text().startswith(f"{first.office} {first.period}的自查自评尚未关闭")
    carried = dialog.findChild(type(dialog.closing), "carriedOver").text()
    assert "实际值" in carried and "报告正文" in carried and "不沿用" in carried
    dialog.period.setText(first.period)  # the period it carries from: said without an id
    assert dialog.problem.text() == f"{first.period}已有依据该文件的自查自评，请填写下一期间。"
    dialog.period.setText("2025年度")
    assert not dialog.problem.text()
    dialog.accept()
    new = service.data.assessment
    assert new.period == "2025年度" and service.data.editable
    said = window.statusBar().currentMessage()  # the window looked just as before
    assert said.startswith("已结转到2025年度：沿用了") and "佐证材料需重新添加" in said
    assert "子项" in said and "责任人" in said  # as the dialog says
    assert [a.id for a in service.data.assessments if not a.is_closed] == [new.id]
    carried = service.data.state(TARGET_ITEM)
    assert carried.status is ItemStatus.LARGELY_DONE and carried.actual_values == ()
    planned = service.data.state(PLANNED_ITEM)
    assert (planned.status, planned.due_date) == (ItemStatus.IN_PROGRESS, "2025-06-30")
    assert window.select_node(TARGET_ITEM)  # last period's values shown in the empty fields
    targets = window.item_pane.detail.targets
    assert [field.text() for field in targets.values[:2]] == ["", ""]
    assert [field.placeholderText() for field in targets.values[:2]] == ["上期 20", "上期 1"]
    assert f"{first.period}实际值：20" in targets.values[0].toolTip()
    screenshot(targets, "carried-targets")
    assert all(field.placeholderText() == "实际值" for field in targets.values[2:])
    service.close()
    with Workspace.open(workspace_path, read_only=True) as workspace:
        assert workspace.assessment(first.id).is_closed
        assert workspace.item_state(first.id, TARGET_ITEM).actual_values == (20, 1)


def test_carrying_a_closed_assessment_leaves_it_as_it_is(desktop: DesktopApp) -> None:
    desktop.service.close_assessment()
    dialog = desktop.window.carry_forward()
    assert not dialog.closes_first and _ok(dialog).text() != "关闭并结转"
    closed = desktop.service.data.assessment
    assert dialog.closing.text() == f"{closed.office} {closed.period}的自查自评已关闭，保持不变。"
    dialog.accept()
    assert desktop.service.data.state(FIRST_ITEM).status is ItemStatus.DONE


def test_backups_to_keep_applies_at_once(desktop: DesktopApp) -> None:
    """The automatic backups rotate at the new count at once; those made with Back up
    workspace now are kept whatever it is."""
    window, service = desktop.window, desktop.service
    dialog = window.open_settings()
    dialog.backups.setValue(2)
    dialog.accept()
    automatic = [service._ws().backup() for _time in range(4)]  # jobs run inline here
    written: list[Path] = []
    service.backup(written.append)
    assert len(written) == 1 and "manual" in written[0].name
    assert list_backups(written[0].parent) == [*automatic[2:], *written]


def test_user_name_applies_at_once(desktop: DesktopApp, workspace_path: Path) -> None:
    dialog = desktop.window.open_settings()
    dialog.user_name.setText("王芳")
    dialog.accept()
    desktop.service.set_item(FIRST_ITEM, note="已复核")
    assert desktop.service.data.state(FIRST_ITEM).updated_by == "王芳"


def test_a_missing_report_font_is_not_saved(desktop: DesktopApp, tmp_path: Path) -> None:
    dialog = desktop.window.open_settings()
    missing = tmp_path / "没有的字体.ttf"
    dialog.font_path.setText(f"{missing}#1")
    dialog.accept()
    assert dialog.isVisible() and dialog.font_problem.isVisible()
    assert dialog.font_problem.text() == (f"字体文件“{missing}”不存在。请另选一个，"
                                          "或清空此项以使用本机已有的字体。")
    assert Settings.load().report_font == ""
    not_a_font = tmp_path / "说明.ttf"
    not_a_font.write_text("不是字体", encoding="utf-8")
    for unusable, said in ((tmp_path, "是文件夹"), (not_a_font, "无法嵌入 PDF")):
        dialog.font_path.setText(str(unusable))
        dialog.accept()
        assert dialog.isVisible() and said in dialog.font_problem.text()
        assert dialog.font_problem.text().endswith("或清空此项以使用本机已有的字体。")
        problem = dialog.font_problem  # shown whole: the dialog grew, not cut after a line
        QTest.qWait(10)
        assert problem.height() >= problem.heightForWidth(problem.width())
        assert problem.mapTo(dialog, problem.rect().bottomLeft()).y() <= dialog.height()
    assert Settings.load().report_font == ""
    area = dialog.screen().availableGeometry()  # grown near the screen's foot: moved up
    dialog.resize(dialog.minimumSizeHint())
    dialog.move(area.left(), area.bottom() - dialog.frameGeometry().height())
    dialog.font_path.setText(str(tmp_path / ("很长的名字" * 60 + ".ttf")))  # too long a name
    dialog.accept()
    QTest.qWait(10)
    assert dialog.isVisible() and "不存在" in dialog.font_problem.text()
    assert dialog.frameGeometry().bottom() <= area.bottom()
    dialog.font_path.setText("")
    assert not dialog.font_problem.isVisible()
    dialog.accept()
    assert not dialog.isVisible()


def test_a_missing_workspace_points_to_the_workspace_menu(desktop: DesktopApp,
                                                          tmp_path: Path) -> None:
    desktop.window.open_workspace(tmp_path / "已删除.sqlite")
    message = desktop.window.banner.error.label.text()
    assert "checklist workspace init" not in message
    assert message == (f"工作区“{tmp_path / '已删除.sqlite'}”不存在（已移动、改名或删除？）。"
                       "请用“工作区 → 打开工作区…”选择其他文件，或用“工作区 → 新建工作区…”"
                       "新建一个工作区。")
    assert desktop.service.data is not None  # the workspace that was open stays open


def test_a_period_already_carried_forward_is_not_carried_again(desktop: DesktopApp) -> None:
    """Back on the closed 2024 assessment after carrying it into 2025, the dialog says to
    carry the latest period instead, and will not start another one from 2024."""
    window, service = desktop.window, desktop.service
    first = service.data.assessment
    window.carry_forward().accept()
    later = service.data.assessment
    service.switch_assessment(first.id)
    assert service.data.assessment.id == first.id
    # the banner told the clerk to carry it forward, which is refused: it says where work
    # goes on instead
    banner = window.banner.state.label.text()
    assert f"结转到{later.period}" in banner and f"“转到{later.period}”按钮" in banner
    assert "结转到下一期" not in banner
    assert not window.carry_action.isEnabled()  # offered, then refused with numbers
    dialog = window.carry_forward()  # reached all the same (a shortcut in a test): refuses
    dialog.period.setText("2026年度")
    assert not _ok(dialog).isEnabled()
    assert "已经结转过" in dialog.problem.text() and "最近一期" in dialog.problem.text()
    assert "） 已经" not in dialog.problem.text()  # no space after a Chinese bracket
    dialog.reject()


def test_carrying_an_open_assessment_says_what_closing_it_leaves_unfinished(
        desktop: DesktopApp) -> None:
    """The close question said it; carrying forward, which closes first, did not."""
    dialog = desktop.window.carry_forward()
    assert dialog is not None and dialog.closes_first
    assert "项检查项未评估" in dialog.closing.text()
    dialog.reject()


def test_enter_on_the_close_question_leaves_the_assessment_open(  # type: ignore[no-untyped-def]
        desktop: DesktopApp, qtbot) -> None:
    """是 was the default: Enter closed the period for good (there is no reopening)."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    window = desktop.window
    said: list[str] = []

    def press_enter() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        said.append(box.text())
        assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
        qtbot.keyClick(box, Qt.Key.Key_Return)

    QTimer.singleShot(0, press_enter)
    window.close_assessment_action.trigger()
    desktop.service.wait_idle()
    assert said and "不能重新打开" in said[0]
    assert desktop.service.data.assessment.closed_at is None  # still open
    data = desktop.service.data  # and what closing would freeze unfinished is said
    left = sum(1 for n in data.checklist.checkable_nodes()
               if data.state(n.id).status.value == "not_assessed")
    assert left and f"尚有 {left} 项检查项未评估。" in said[0]
    if not data.assessment.narrative.get(1, "").strip():
        assert "报告正文第 1" in said[0]
    # a copy stamped before closing lacked the closing in its change record
    assert said[0].endswith("用于签发盖章的报告请在关闭后生成：其变更记录截至关闭，"
                            "与此后重印的报告一致。")


@pytest.mark.parametrize(("typed", "said"), [
    ("2024 年度", "已有"), ("2024年", "已有"), ("二〇二四年度", "已有"), ("2023年度", "早于")])
def test_a_period_like_the_last_or_before_it_is_refused(desktop: DesktopApp, typed: str,
                                                       said: str) -> None:
    """2025年, 2025 年度 or 2024年度 (a typo going backwards) made a second period of the
    same year or one before the closed one, printed as such in the report."""
    dialog = desktop.window.carry_forward()
    assert dialog is not None
    dialog.period.setText(typed)
    assert not _ok(dialog).isEnabled()
    assert said in dialog.problem.text()
    dialog.period.setText("2025年上半年")  # a part of the next year: fine
    assert _ok(dialog).isEnabled() and not dialog.problem.text()
    dialog.reject()


def test_a_carried_period_offers_the_way_to_the_next(desktop: DesktopApp) -> None:
    """The closed year's line named a menu path to where the work goes on; a clerk who
    looked back at last year's figures now has a button back."""
    window, service = desktop.window, desktop.service
    first = service.data.assessment
    window.carry_forward().accept()
    service.wait_idle()
    new = service.data.assessment
    button = window.banner.later_period
    assert not button.isVisibleTo(window)  # the period worked on: nothing to go to
    assert "已结转" in window.statusBar().currentMessage()
    service.switch_assessment(first.id)
    service.wait_idle()
    assert service.data.assessment.id == first.id
    assert window.statusBar().currentMessage() == ""  # it spoke of the other period
    assert button.isVisibleTo(window) and button.text() == f"转到{new.period}"
    said = window.banner.state.label.text()
    assert said.startswith(f"{first.office} {first.period}的自查自评已于")
    assert said.endswith(f"{new.period}的工作请点“转到{new.period}”按钮进行。")
    in_a_dialog = window.banner._state_line(service.data, offers=False)  # no button there
    assert in_a_dialog.endswith("请通过“自查自评 → 切换自查自评”进行。")
    screenshot(window.banner, "banner-carried-period")
    button.click()
    service.wait_idle()
    assert service.data.assessment.id == new.id and service.data.editable
    assert not button.isVisibleTo(window)


def test_last_periods_values_follow_their_targets_wording_across_a_revision() -> None:
    """Shown by position, a checklist revised between the periods put 上期 20 under another
    target; a value goes under the target of the same wording and unit, or nowhere."""
    from checklist_app.core.snapshot import values_by_target
    from checklist_app.importer import parse_text

    then = parse_text("示例方案\n一、主要目标\n（一）发展目标。到2025年，新增地方标准20项，"
                      "培育标准化试点10个。\n", "示例")
    now = parse_text("示例方案\n一、主要目标\n（一）发展目标。到2025年，培育标准化试点10个，"
                     "新建技术委员会3个，新增地方标准20项。\n", "示例")
    [node] = [n for n in now.nodes if n.targets]
    assert len(node.targets) == 3 and node.targets[0].value == 10
    assert values_by_target(then, now, node.id, (18.0, 7.0)) == (7.0, None, 18.0)
    assert values_by_target(then, now, node.id, (None, None)) == ()
    assert values_by_target(then, now, "示例/九", (1.0,)) == ()  # no such item now
    twice = parse_text("示例方案\n一、主要目标\n（一）发展目标。新增地方标准15项，"
                       "新增地方标准15项。\n", "示例")  # two targets of one wording
    [item] = [n for n in twice.nodes if n.targets]
    assert values_by_target(twice, twice, item.id, (None, 3.0)) == (None, 3.0)


def test_the_dialog_carries_only_the_assessment_it_was_opened_on(desktop: DesktopApp) -> None:
    """It is window-modal; should another assessment be shown all the same (a switch from
    code, a reload), OK carried that one while the dialog named the first."""
    from PySide6.QtCore import Qt

    window, service = desktop.window, desktop.service
    first = service.data.assessment
    service.new_assessment(office="另一局", period="2024年度", checklist_doc_id="chongqing-2022")
    service.wait_idle()
    service.switch_assessment(first.id)
    service.wait_idle()
    dialog = window.carry_forward()
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    other = next(a for a in service.data.assessments if a.id != first.id)
    service.switch_assessment(other.id)
    service.wait_idle()
    count = len(service.data.assessments)
    dialog.period.setText("2025年度")
    dialog.accept()
    service.wait_idle()
    assert dialog.isVisible() and "未作结转" in dialog.problem.text()
    assert not _ok(dialog).isEnabled()
    assert len(service.data.assessments) == count and not service.data.assessment.is_closed
    dialog.reject()
