"""Import preview of real documents: every task an item, warnings, metadata to confirm."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from checklist_app.ui import message_box
from tests.ui.conftest import screenshot

pytestmark = pytest.mark.gui

DOCUMENTS = Path(__file__).parents[1] / "importer" / "documents"


def preview(window, path: Path):  # type: ignore[no-untyped-def]
    from checklist_app.ui.dialogs.import_preview import ImportPreview

    dialog = ImportPreview(window.service, window.background, window)
    dialog.load(path)
    assert dialog.document is not None
    return dialog


def preview_text(window, folder: Path, text: str, name: str = "plan.txt"):  # type: ignore[no-untyped-def]
    """The preview of a document of ``text``, written to ``folder/name``."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return preview(window, path)


def test_tasks_past_ninety_nine_show_as_items(window) -> None:  # type: ignore[no-untyped-def]
    dialog = preview(window, DOCUMENTS / "h105.txt")
    assert len(dialog.document.checkable_nodes()) == 105
    assert "☐ 105. 任务105" in dialog.tree.toPlainText()
    assert "合并" not in dialog.warnings.text()


def test_lines_merged_into_the_clause_before_them_are_warned_of(window) -> None:  # type: ignore[no-untyped-def]
    """hundred.txt numbers its tasks from 98.: nothing can place them, the user is told."""
    dialog = preview(window, DOCUMENTS / "hundred.txt")
    dialog.show()
    screenshot(dialog, "import-unplaced-lines")
    warning = dialog.warnings.text()
    assert "4 行" in warning and "合并" in warning
    assert "“98.任务甲。推进标准制定。(区市场监管局负责)”" in warning and "…" in warning
    dialog.close()


@pytest.mark.parametrize("name", ["yubei-2023.txt", "渝北区实施方案.docx"])
def test_a_district_plan_shows_its_own_title_level_region_and_year(
        window, name: str) -> None:  # type: ignore[no-untyped-def]
    """It showed 市级, 重庆市, 2025 and the cover letter's 关于印发…的通知 as title."""
    from checklist_app.core import Level

    dialog = preview(window, DOCUMENTS / name)
    assert dialog.title.text() == "渝北区贯彻落实国家标准化发展纲要实施方案"
    assert dialog.level.currentData() == Level.COUNTY and dialog.level.currentText() == "区县级"
    assert (dialog.region.text(), dialog.year.value()) == ("重庆市渝北区", 2023)
    assert dialog.buttons.button(dialog.buttons.StandardButton.Save).isEnabled()
    dialog.save()
    saved = window.service.data.documents[dialog.document.id]
    assert (saved.level, saved.region, saved.year) == (Level.COUNTY, "重庆市渝北区", 2023)


def test_a_year_the_document_does_not_give_waits_for_the_user(window) -> None:  # type: ignore[no-untyped-def]
    """h105.txt prints no year: it was saved as 2025 without a word."""
    dialog = preview(window, DOCUMENTS / "h105.txt")
    dialog.show()
    screenshot(dialog, "import-choose-year")
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    assert dialog.year.year() is None and dialog.year.text() == "请选择年份"
    assert "未注明年份" in dialog.warnings.text() and "#c62828" in dialog.year_label.styleSheet()
    assert not save.isEnabled()
    dialog.save()  # refused: nothing saved, the dialog stays
    assert dialog.document.id not in window.service.data.documents and dialog.isVisible()
    dialog.year.stepBy(1)  # the first step offers this year, not 1949
    assert dialog.year.year() == date.today().year
    dialog.year.setValue(2024)
    assert save.isEnabled() and dialog.year_label.styleSheet() == ""
    assert "未注明年份" not in dialog.warnings.text()  # said to choose one, after it was
    save.click()
    assert window.service.data.documents[dialog.document.id].year == 2024


def test_a_level_the_document_does_not_tell_is_marked(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """With no issuer or place to go by, 市级 is assumed: the preview says so and marks the
    field until the user chooses a level."""
    from checklist_app.core import Level

    plan = tmp_path / "工作要点.txt"
    plan.write_text("标准化工作要点（2024年）\n一、主要任务\n1.制定地方标准10项以上。"
                    "（市场监管局负责）\n", encoding="utf-8")
    dialog = preview(window, plan)
    dialog.show()
    screenshot(dialog, "import-assumed-level")
    assert dialog.level.currentData() == Level.MUNICIPAL
    assert "按市级处理" in dialog.warnings.text() and "市级" in dialog.level.toolTip()
    assert "#a15c00" in dialog.level_label.styleSheet()
    dialog.level.activated.emit(dialog.level.findData(Level.COUNTY))  # the user's choice
    assert dialog.level_label.styleSheet() == "" and dialog.level.toolTip() == ""
    assert "按市级处理" not in dialog.warnings.text()  # nor its warning left standing
    other = preview(window, DOCUMENTS / "yubei-2023.txt")  # its issuer tells the level
    assert other.level_label.styleSheet() == "" and "市级" not in other.warnings.text()


def test_a_document_already_in_the_workspace_is_pointed_out(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The shipped 温州 opinion, imported again from a file of another name, was saved as a
    second copy without a word."""
    again = tmp_path / "温州意见.txt"
    sources = Path(__file__).parents[2] / "checklists" / "sources"
    again.write_bytes((sources / "wenzhou-2017.txt").read_bytes())
    dialog = preview(window, again)
    assert "已有同名文件" in dialog.warnings.text() and "2017" in dialog.warnings.text()
    yubei = preview(window, DOCUMENTS / "yubei-2023.txt")
    assert "已有同名文件" not in yubei.warnings.text()


def test_saving_a_second_copy_asks_first_with_no_as_the_default(  # type: ignore[no-untyped-def]
        window, tmp_path: Path, monkeypatch) -> None:
    """The warning alone left Save the default: Enter added the same document twice."""
    from PySide6.QtWidgets import QMessageBox

    again = tmp_path / "温州意见.txt"
    sources = Path(__file__).parents[2] / "checklists" / "sources"
    again.write_bytes((sources / "wenzhou-2017.txt").read_bytes())
    before = set(window.service.data.documents)
    asked: list[tuple[str, object]] = []
    answer = QMessageBox.StandardButton.No
    monkeypatch.setattr(message_box, "question", lambda _parent, _title, text, _buttons,
                        default: asked.append((text, default)) or answer)
    dialog = preview(window, again)
    dialog.save()
    assert asked and asked[0][1] == QMessageBox.StandardButton.No and "2017" in asked[0][0]
    assert dialog.isVisible() or dialog.result() == 0  # not saved: the preview stays
    window.service.wait_idle()
    assert set(window.service.data.documents) == before
    answer = QMessageBox.StandardButton.Yes
    dialog.save()
    window.service.wait_idle()
    assert len(window.service.data.documents) == len(before) + 1


def test_an_unchanged_document_is_not_imported_again(  # type: ignore[no-untyped-def]
        window, tmp_path: Path) -> None:
    """Re-importing a document as it is made revision 2 with nothing added, changed or
    removed (and a line in the change log); the command line already imported nothing."""
    plan = ("示例区标准化工作实施方案（2024年）\n一、主要任务\n（一）完善标准体系\n"
            "1.制定地方标准5项以上。（区市场监管局负责）\n")
    said: list[str] = []
    first = preview_text(window, tmp_path, plan, "方案.txt")
    first.announce = said.append
    first.save()
    window.service.wait_idle()
    assert said[-1].startswith("已导入")
    changes = len(window.service._ws().audit_log(entity="document"))
    (tmp_path / "again").mkdir()
    again = preview_text(window, tmp_path / "again", plan, "方案.txt")  # the same file again
    assert again.document.id == first.document.id
    again.announce = said.append
    again.save()
    window.service.wait_idle()
    assert "已在工作区中" in said[-1] and "未导入" in said[-1]
    assert len(window.service._ws().audit_log(entity="document")) == changes  # no revision


def test_another_province_under_the_same_title_is_no_twin(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """四川's opinion has 辽宁's title: the preview said to cancel if it was the same."""
    sources = Path(__file__).parents[2] / "checklists" / "sources"
    sichuan = tmp_path / "四川省实施意见.txt"
    sichuan.write_text((sources / "liaoning-2022.txt").read_text(encoding="utf-8")
                       .replace("辽宁", "四川"), encoding="utf-8")
    dialog = preview(window, sichuan)
    assert "liaoning-2022" in window.service.data.documents
    assert dialog.region.text() == "四川省" and "已有同名文件" not in dialog.warnings.text()


def sichuan_opinion(tmp_path: Path) -> Path:
    """四川's opinion: 辽宁's text and title, 《关于贯彻〈国家标准化发展纲要〉的实施意见》."""
    sources = Path(__file__).parents[2] / "checklists" / "sources"
    path = tmp_path / "四川省实施意见.txt"
    path.write_text((sources / "liaoning-2022.txt").read_text(encoding="utf-8")
                    .replace("辽宁", "四川"), encoding="utf-8")
    return path


def test_marks_the_font_lacks_show_as_stand_ins_and_are_stored_as_printed(
        window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """With the bundled font, 〈〉 in the title field and the tree were empty boxes; and a
    title on its own nests nothing: 《》 inside it."""
    from checklist_app.core.glyphs import stand_ins
    from checklist_app.core.titles import inner_title
    from checklist_app.ui import glyphs

    lacking = stand_ins(lambda char: char not in "〈〉", reversible=True)  # the bundled font's
    monkeypatch.setattr(glyphs, "_stand_ins", lacking)
    dialog = preview(window, sichuan_opinion(tmp_path))
    shown = "关于贯彻《国家标准化发展纲要》的实施意见"
    assert dialog.title.text() == shown and dialog.summary.text().startswith(shown)
    assert "〈" not in dialog.tree.toPlainText() + dialog.summary.text()
    dialog.year.setValue(2022)
    assert dialog.edited_document().title == "关于贯彻〈国家标准化发展纲要〉的实施意见"
    dialog.title.setText(f"{shown}（四川）")  # edited as shown: 《》 inside, stored as typed
    dialog.save()  # (as a title read from a heading line is; 《》 nests as 〈〉 when printed)
    saved = window.service.data.documents[dialog.document.id]
    assert saved.title == "关于贯彻《国家标准化发展纲要》的实施意见（四川）"
    assert inner_title(saved.title) == "关于贯彻〈国家标准化发展纲要〉的实施意见（四川）"


def test_a_refused_file_leaves_no_values_of_the_last_one(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """After a refused import the disabled 层级 box still showed the last file's level."""
    from checklist_app.ui.dialogs.import_preview import ImportPreview

    fresh = ImportPreview(window.service, window.background, window)
    assert fresh.level.currentText() == ""  # not 国家级 before any file
    dialog = preview(window, DOCUMENTS / "yubei-2023.txt")
    assert dialog.level.currentText() == "区县级"
    refused = tmp_path / "说明.txt"
    refused.write_text("关于开展标准化工作的说明\n请各单位认真做好相关工作。\n", encoding="utf-8")
    dialog.load(refused)
    assert dialog.document is None and "第一条" in dialog.summary.text()
    assert (dialog.title.text(), dialog.level.currentText(), dialog.region.text(),
            dialog.year.year()) == ("", "", "", None)
    assert not dialog.level.isEnabled()


def test_a_plan_in_articles_is_previewed_without_a_sections_warning(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = tmp_path / "行动方案.txt"
    plan.write_bytes("某区标准化工作三年行动方案（2024—2026年）\r\n第一条　制定地方标准10项以上。"
                     "（区市场监管局负责）\r\n第二条　本方案自印发之日起施行。\r\n".encode("gbk"))
    dialog = preview(window, plan)
    assert [n.label for n in dialog.document.checkable_nodes()] == ["第一条", "第二条"]
    assert "☐ 第一条 制定地方标准10项以上" in dialog.tree.toPlainText()
    assert "一级标题" not in dialog.warnings.text()


def test_a_task_list_alone_is_previewed_without_a_sections_warning(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A 任务分工表 with no text around it is a list of tasks: nothing to check in its
    outline (the warning asked the clerk to check a file that was read right)."""
    dialog = preview_text(window, tmp_path, "某市标准化重点任务分工表\n"
                          "1.制定地方标准10项以上。（市市场监管局负责）\n"
                          "2.培育团体标准5项。（市市场监管局负责）\n")
    assert len(dialog.document.checkable_nodes()) == 2
    assert "一级标题" not in dialog.warnings.text()
    grouped = preview_text(window, tmp_path, "某市标准化工作方案\n（一）加强组织领导\n"
                           "1.制定地方标准10项以上。\n（二）强化保障\n2.培育团体标准5项。\n",
                           name="grouped.txt")
    assert "一级标题" in grouped.warnings.text()  # groups without sections: still asked


def _answer_clash(qtbot, button: str, asked: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Click ``button`` ("new", "replace" or "cancel") in the question Save asks next."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    def click() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        buttons = {b.text(): b for b in box.buttons()}
        assert box.defaultButton() is buttons["作为新文件导入"]
        chosen = {"new": "作为新文件导入", "cancel": "取消"}.get(button)
        target = buttons[chosen] if chosen else next(
            b for text, b in buttons.items() if text.startswith("替换"))
        qtbot.mouseClick(target, Qt.MouseButton.LeftButton)

    from PySide6.QtCore import Qt

    QTimer.singleShot(0, click)


def test_another_document_under_an_existing_id_is_imported_as_a_new_one(  # type: ignore[no-untyped-def]
        window, qtbot, tmp_path: Path) -> None:
    """A district plan in a file named chongqing-2022.txt replaced the city's opinion (69 of
    its 70 clauses removed) with only "saving applies this as a revision" said; then it was
    asked, with No leaving no way to import it at all."""
    plan = tmp_path / "chongqing-2022.txt"
    plan.write_text("某区标准化工作要点（2024年）\n一、主要任务\n"
                    "1.制定地方标准10项以上。（区市场监管局负责）\n", encoding="utf-8")
    dialog = preview(window, plan)
    warning = dialog.warnings.text()
    assert "“某区标准化工作要点(2024年)”将替换 chongqing-2022" in warning
    assert "70 个条款中的 69 个" in warning and "chongqing-2022-2" in warning
    asked: list[str] = []
    _answer_clash(qtbot, "cancel", asked)
    dialog.save()
    assert "70 个条款中的 69 个" in asked[0] and dialog.result() != dialog.DialogCode.Accepted
    _answer_clash(qtbot, "new", asked)
    dialog.save()
    documents = window.service.data.documents
    assert len(asked) == 2 and len(documents["chongqing-2022"].nodes) == 70
    added = documents["chongqing-2022-2"]
    assert added.title.startswith("某区标准化工作要点")
    assert all(node.id.startswith("chongqing-2022-2/") for node in added.nodes)
    assert {node.parent_id for node in added.nodes} <= {None, *(n.id for n in added.nodes)}


def test_replacing_the_document_of_that_id_is_still_possible(  # type: ignore[no-untyped-def]
        window, qtbot, tmp_path: Path) -> None:
    plan = tmp_path / "chongqing-2022.txt"
    plan.write_text("某区标准化工作要点（2024年）\n一、主要任务\n"
                    "1.制定地方标准10项以上。（区市场监管局负责）\n", encoding="utf-8")
    dialog = preview(window, plan)
    asked: list[str] = []
    _answer_clash(qtbot, "replace", asked)
    dialog.save()
    assert len(asked) == 1 and dialog.result() == dialog.DialogCode.Accepted
    assert len(window.service.data.documents["chongqing-2022"].nodes) == 2


def test_another_countys_opinion_of_the_same_outline_is_not_taken_for_a_revision(  # type: ignore[no-untyped-def]
        window, qtbot, tmp_path: Path) -> None:
    """Two counties' opinions saved as county.txt share the outline 一、（一）1.: nearly every
    clause id was kept, so the second was applied as a revision of the first without a
    question, and the first county's results left the report."""
    def opinion(county: str, verbs: tuple[str, str]) -> str:
        return (f"{county}人民政府关于贯彻落实标准化发展纲要的实施意见\n一、主要任务\n"
                f"（一）{verbs[0]}农业标准。\n1.{verbs[1]}地方标准10项。（{county}市场监管局负责）\n"
                f"2.{verbs[0]}团体标准5项。（{county}农业农村局负责）\n二、保障措施\n"
                f"（一）加强组织领导。{county}各部门抓好落实。\n")
    first = tmp_path / "county.txt"
    first.write_text(opinion("甲县", ("完善", "制定")), encoding="utf-8")
    dialog = preview(window, first)
    dialog.year.setValue(2023)
    dialog.save()
    assert "county" in window.service.data.documents
    second = tmp_path / "其他" / "county.txt"
    second.parent.mkdir()
    second.write_text(opinion("乙县", ("推进", "修订")), encoding="utf-8")
    dialog = preview(window, second)
    assert "county-2" in dialog.warnings.text()
    asked: list[str] = []
    _answer_clash(qtbot, "new", asked)
    dialog.year.setValue(2024)
    dialog.save()
    documents = window.service.data.documents
    assert len(asked) == 1 and documents["county"].title.startswith("甲县")
    assert documents["county-2"].title.startswith("乙县")


def test_a_revision_of_the_same_document_is_saved_without_asking(
        window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]

    sources = Path(__file__).parents[2] / "checklists" / "sources"
    revised = tmp_path / "chongqing-2022.txt"
    revised.write_text((sources / "chongqing-2022.txt").read_text(encoding="utf-8")
                       .replace("到2025年", "到2026年", 1), encoding="utf-8")
    monkeypatch.setattr(message_box, "question", lambda *_args: pytest.fail("asked"))
    dialog = preview(window, revised)
    assert "工作区中已有标识为" in dialog.warnings.text() and "将替换" not in dialog.warnings.text()
    dialog.year.setValue(2022)
    dialog.save()
    saved = window.service.data.documents["chongqing-2022"]
    assert len(saved.nodes) == 70 and any("到2026年" in node.text for node in saved.nodes)


def test_numbered_lines_the_numbering_cannot_place_are_warned_of(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Lines before the first heading disappeared; Ⅳ. … was merged without a word."""
    plan = tmp_path / "要点.txt"
    plan.write_text("标准化工作要点（2024年）\n1.1.1 第一项任务推进标准化。\n一、主要任务\n"
                    "(一)第一组。做事。\nⅣ. 罗马数字任务。\n", encoding="utf-8")
    warning = preview(window, plan).warnings.text()
    assert "“1.1.1 第一项任务推进标准化。”" in warning and "未导入" in warning
    assert "“Ⅳ. 罗马数字任务。”" in warning and "合并" in warning


def test_the_preview_shows_deadlines_issuer_and_number(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A clerk could not check the deadlines, 文号 or 发文机关 before saving."""
    from tests.importer.test_district_plan import PLAN

    source = tmp_path / "渝中区实施方案.txt"
    source.write_text(PLAN, encoding="utf-8")
    dialog = preview(window, source)
    summary = dialog.summary.text()
    assert "发文机关：重庆市渝中区人民政府办公室" in summary
    assert "文号：渝中府办发〔2023〕12号" in summary
    tree = dialog.tree.toPlainText()
    task = next(line for line in tree.splitlines() if "制定地方标准" in line)
    assert task.endswith("时限 2023-12-31")
    assert "区市场监管局（牵头）" in task
    other = next(line for line in tree.splitlines() if "开展标准化培训" in line)
    assert other.endswith("时限 长期坚持")  # 完成时限：长期坚持: no date, its words
    dialog.show()
    screenshot(dialog, "import-preview-deadlines")
    dialog.close()


def test_a_target_stated_in_several_items_is_pointed_out(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A plan stated 制定地方标准5项以上 in its goals and again in its 附件1 table: nothing was
    said at import of the two items taking it as one target."""
    from tests.importer.test_district_plan import REPEATING_PLAN

    source = tmp_path / "某区方案.txt"
    source.write_text(REPEATING_PLAN, encoding="utf-8")
    dialog = preview(window, source)
    warning = dialog.warnings.text()
    assert "1 项指标在多个检查项中重复出现" in warning and "按同一指标处理" in warning
    assert "数值指标 2 项" in dialog.summary.text()  # 5项 once and 4次, as the report counts
    assert "制定地方标准5项以上（一、(一)；二、1.）" in warning
    assert "不少于4次" not in warning


def test_an_unreadable_file_is_named_as_the_preview_names_it(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A PDF was named by its full path, a text without clauses by its file name."""
    pdf = tmp_path / "实施方案.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj\n")
    from checklist_app.ui.dialogs.import_preview import ImportPreview

    dialog = ImportPreview(window.service, window.background, window)
    dialog.load(pdf)
    summary = dialog.summary.text()
    assert dialog.document is None
    assert summary.startswith("实施方案.pdf：") and str(tmp_path) not in summary
    assert "PDF" in summary


def test_the_preview_shows_titles_with_chinese_punctuation_as_the_window_does(  # type: ignore[no-untyped-def]
        window, tmp_path: Path) -> None:
    """开展地方标准复审,清理过时标准: the preview showed the stored half-width comma."""
    dialog = preview_text(window, tmp_path, "某区标准化工作方案\n一、主要任务\n（一）开展地方标准"
                          "复审，清理过时标准。区市场监管局负责。\n")
    tree = dialog.tree.toPlainText()
    assert "开展地方标准复审，清理过时标准" in tree and "复审," not in tree


SOURCES = Path(__file__).parents[2] / "checklists" / "sources"


@pytest.mark.parametrize("name", ["liaoning-2022.txt", "national-2021.txt"])
def test_a_reference_document_is_not_asked_for_departments(  # type: ignore[no-untyped-def]
        window, name: str) -> None:
    """The national and Liaoning documents name no 市 departments: the preview told the user
    to add them to every item, as if something had gone wrong."""
    dialog = preview(window, SOURCES / name)
    assert dialog.document.level.value in ("national", "provincial")
    assert "责任单位" not in dialog.warnings.text()


def test_a_city_plan_that_names_no_departments_is_warned_of(  # type: ignore[no-untyped-def]
        window, tmp_path: Path) -> None:
    dialog = preview_text(window, tmp_path, "某市标准化工作实施方案\n一、主要任务\n"
                          "（一）推进标准制定。\n（二）加强标准实施。\n")
    assert dialog.document.level.value == "municipal"
    assert "所有检查项均未识别出责任单位" in dialog.warnings.text()


def test_items_that_name_no_department_among_others_that_do_are_listed(  # type: ignore[no-untyped-def]
        window, tmp_path: Path) -> None:
    """Only a plan with no department anywhere was warned of: an item whose wording was not
    read kept no 责任单位 unsaid (the 本部门 filter and the report then missed it)."""
    dialog = preview_text(window, tmp_path, "某市标准化工作实施方案\n一、主要任务\n"
                          "（一）推进标准制定。（市市场监管局负责）\n（二）加强标准实施。\n"
                          "（三）开展标准宣传。市科技局牵头，市教委配合。\n")
    said = dialog.warnings.text()
    assert "有 1 项检查项未识别出责任单位" in said and "：一、(二)加强标准实施\n" in said


def test_the_trees_marks_are_explained_and_targets_counted_in_words(  # type: ignore[no-untyped-def]
        window) -> None:
    """The tree read ☐ (三) 工作目标 ◎ 6 时限 2017-12-31: nothing said what ◎ 6 was."""
    dialog = preview(window, SOURCES / "wenzhou-2017.txt")
    text = dialog.tree.toPlainText()
    assert text.startswith("☐ 为检查项，［ ］内为责任单位") and "◎" not in text
    counts = [len(n.targets) for n in dialog.document.nodes if n.targets]
    assert counts and f"指标{counts[0]}项" in text


def test_a_region_completed_from_citations_is_marked_until_edited(  # type: ignore[no-untyped-def]
        window, tmp_path: Path) -> None:
    dialog = preview_text(window, tmp_path, "大渡口区标准化实施方案\n为贯彻落实《重庆市人民政府"
                          "办公厅关于贯彻落实国家标准化发展纲要的实施意见》，制定本方案。\n"
                          "一、重点任务\n1.制定标准。\n")
    assert dialog.region.text() == "重庆市大渡口区"
    assert "#a15c00" in dialog.region_label.styleSheet() and "核对" in dialog.region.toolTip()
    assert "补全" in dialog.warnings.text()
    dialog.region.setFocus()
    from PySide6.QtTest import QTest

    QTest.keyClick(dialog.region, "a")  # the user edits it: no longer a guess to flag
    assert dialog.region_label.styleSheet() == "" and dialog.region.toolTip() == ""
    assert "补全" not in dialog.warnings.text()  # nor its warning left standing


def test_a_templates_placeholder_region_is_marked_until_edited(  # type: ignore[no-untyped-def]
        window, tmp_path: Path) -> None:
    """某市某区 was read as 市级 某市, with nothing to say it was no real place."""
    dialog = preview_text(window, tmp_path, "某市某区人民政府办公室关于印发某区标准化工作方案"
                          "的通知\n一、重点任务\n1.制定标准。\n")
    assert dialog.region.text() == "某市某区" and dialog.level.currentText() == "区县级"
    assert "#a15c00" in dialog.region_label.styleSheet()
    assert "模板" in dialog.region.toolTip() and "某市某区" in dialog.warnings.text()
    screenshot(dialog, "import-placeholder-region")
    from PySide6.QtTest import QTest

    dialog.region.setFocus()
    QTest.keyClicks(dialog.region, "x")
    assert dialog.region_label.styleSheet() == "" and "某市某区" not in dialog.warnings.text()


def test_any_file_can_be_chosen_and_an_old_word_file_gets_its_advice(  # type: ignore[no-untyped-def]
        window, tmp_path: Path, monkeypatch) -> None:
    """The file dialog offered only *.txt *.docx: a .doc or .wps could not be picked, and
    the advice to save it as .docx was never reached."""
    from PySide6.QtWidgets import QFileDialog

    from checklist_app.importer.reading import OLE_MAGIC
    from checklist_app.ui.dialogs.import_preview import ImportPreview

    old = tmp_path / "实施方案.doc"
    old.write_bytes(OLE_MAGIC + bytes(600))
    filters: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda _parent, _title, _folder,
                        wanted: filters.append(wanted) or (str(old), ""))
    dialog = ImportPreview(window.service, window.background, window)
    assert dialog.choose_file()
    assert "所有文件 (*)" in filters[0]
    assert dialog.document is None and ".docx" in dialog.summary.text()


def test_the_title_shows_chinese_brackets_as_the_report_prints_them(  # type: ignore[no-untyped-def]
        window, tmp_path: Path) -> None:
    """（2024—2026年） in the file read (2024—2026年) in the title field, the summary and the
    status bar, while the printed report has （）."""
    plan = tmp_path / "行动计划.txt"
    plan.write_text("某区标准化三年行动计划（2024—2026年）\n一、主要任务\n"
                    "1.制定地方标准10项以上。（区市场监管局负责）\n", encoding="utf-8")
    said: list[str] = []
    dialog = preview(window, plan)
    dialog.announce = said.append
    assert dialog.title.text() == "某区标准化三年行动计划（2024—2026年）"
    assert "（2024—2026年）" in dialog.summary.text()
    stored_title = dialog.document.title
    dialog.save()
    saved = window.service.data.documents[dialog.document.id]
    assert saved.title == stored_title  # unedited: stored as read
    assert said and "（2024—2026年）" in said[0]


def test_cancel_stops_the_parse_itself(tmp_path: Path) -> None:
    """Cancel took effect only once the whole file was parsed (a 20 MB text: over a minute,
    and quitting waited for it): the job's token is checked clause by clause."""
    from checklist_app.ui.dialogs.import_preview import parse_steps
    from checklist_app.ui.workers import Cancelled, CancelToken

    source = tmp_path / "county.txt"
    source.write_text("某县实施方案\n一、总体要求\n（一）指导思想。坚持标准引领。\n"
                      "二、重点任务\n1.制定地方标准5项。\n2.开展标准化培训4次。\n",
                      encoding="utf-8")
    token = CancelToken()
    steps = parse_steps(source, token.check)
    next(steps)  # reading
    next(steps)  # about to parse
    token.cancel()
    with pytest.raises(Cancelled):
        next(steps)
    finished = parse_steps(source, CancelToken().check)
    for _step in range(3):
        next(finished)
    with pytest.raises(StopIteration) as done:
        next(finished)
    assert [n.label for n in done.value.value.document.nodes][:2] == ["一、", "(一)"]
