"""The new-assessment wizard's document lists: by level, with defaults a clerk expects."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from checklist_app.core import Level
from checklist_app.importer import parse_text, shipped_documents
from checklist_app.storage.workspace import Workspace
from checklist_app.ui.dialogs.new_assessment_wizard import (
    default_checklist,
    default_provincial,
    municipality_document,
    province_of,
    region_match,
)
from tests.ui.conftest import screenshot

pytestmark = pytest.mark.gui

SHIPPED = {d.id: d for d in shipped_documents()}
NEW_CITY = ("示例市贯彻落实标准化发展纲要实施方案\n一、主要任务\n（一）完善标准体系\n"
            "1.制定地方标准10项以上。（市市场监管局负责）\n")


def _levels(combo, documents) -> list[Level | None]:  # type: ignore[no-untyped-def]
    """The level of each entry in order (None: （无） or the line between groups)."""
    return [documents[combo.itemData(i)].level if combo.itemData(i) else None
            for i in range(combo.count())]


def test_each_list_offers_its_level_first_with_the_fitting_defaults(window) -> None:  # type: ignore[no-untyped-def]
    wizard = window.new_assessment()
    wizard.next()
    screenshot(wizard, "wizard-documents")
    documents = window.service.data.documents
    checklist = _levels(wizard.checklist, documents)
    assert checklist[:3] == [Level.MUNICIPAL, Level.MUNICIPAL, None]  # then the others
    assert Level.NATIONAL in checklist[3:]  # still choosable, after the line
    assert _levels(wizard.provincial, documents)[:3] == [Level.PROVINCIAL] * 2 + [None]
    assert _levels(wizard.national, documents)[:2] == [Level.NATIONAL, None]
    assert wizard.checklist.currentData() == "chongqing-2022"  # the newest (2022) of the two
    assert wizard.provincial.currentData() == ""  # 重庆, a 直辖市: no province (not 辽宁)
    assert wizard.national.currentData() == "national-2021"


def test_a_document_imported_from_the_wizard_becomes_its_checklist(window) -> None:  # type: ignore[no-untyped-def]
    wizard = window.new_assessment()
    wizard.provincial.setCurrentIndex(wizard.provincial.findData("guangdong-2018"))
    wizard.provincial.activated.emit(wizard.provincial.currentIndex())  # as a click does
    document = replace(parse_text(NEW_CITY, "shili-2019"), level=Level.MUNICIPAL,
                       region="示例市", year=2019)
    window.service.import_document(document)
    assert wizard.checklist.currentData() == "shili-2019"  # not the older default
    assert wizard.provincial.currentData() == "guangdong-2018"  # the user's choice stays
    assert wizard.fields()["checklist_doc_id"] == "shili-2019"


def test_the_checklist_of_the_office_own_region_comes_first() -> None:
    ranked = [SHIPPED["chongqing-2022"], SHIPPED["wenzhou-2017"], SHIPPED["national-2021"]]
    assert default_checklist(ranked, [], preferred="", office="") == "chongqing-2022"
    assert default_checklist(ranked, [], preferred="", office="温州市市场监督管理局") \
        == "wenzhou-2017"
    assert default_checklist(ranked, [], preferred="chongqing-2022",  # set in Settings
                             office="温州市市场监督管理局") == "chongqing-2022"
    national_only = "national-2021"  # not a checklist's level
    assert default_checklist(ranked, [], preferred=national_only, office="") \
        == "chongqing-2022"


def test_the_provincial_reference_of_the_checklist_province() -> None:
    """Never another province's document by default: 重庆 (a 直辖市) got 辽宁's."""
    provincial = [SHIPPED["liaoning-2022"], SHIPPED["guangdong-2018"]]
    shenzhen = replace(SHIPPED["wenzhou-2017"], region="广东省深圳市")
    assert province_of(shenzhen.region) == "广东省" and province_of("重庆市") == ""
    assert default_provincial(provincial, "", shenzhen) == "guangdong-2018"
    assert default_provincial(provincial, "", SHIPPED["chongqing-2022"]) is None
    assert default_provincial(provincial, "", SHIPPED["wenzhou-2017"]) is None  # 浙江省: none
    assert default_provincial(provincial, "guangdong-2018", SHIPPED["chongqing-2022"]) \
        == "guangdong-2018"  # chosen in Settings
    somewhere = replace(SHIPPED["wenzhou-2017"], region="示例市")  # its province unknown
    assert default_provincial(provincial, "", somewhere) is None  # not 辽宁's: a guess
    nowhere = replace(SHIPPED["wenzhou-2017"], region="")  # no place at all: the latest
    assert default_provincial(provincial, "", nowhere) == "liaoning-2022"
    assert default_provincial([], "", shenzhen) is None


def test_the_latest_imported_checklist_is_proposed(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Imported before the wizard opens, and older by year than 重庆 2022: still proposed."""
    import checklist_app.storage.workspace as workspace_module

    monkeypatch.setattr(workspace_module, "now_iso", lambda: "2999-01-01T00:00:00+00:00")
    document = replace(parse_text(NEW_CITY, "shili-2019"), level=Level.MUNICIPAL,
                       region="示例市", year=2019)
    window.service.import_document(document)
    wizard = window.new_assessment()
    wizard.office.setText("")  # no office to prefer its region's checklist (重庆's here)
    wizard.fill_documents()
    assert wizard.checklist.currentData() == "shili-2019"
    assert wizard.checklist.itemData(0) == "shili-2019"


def test_the_office_typed_on_the_first_page_picks_the_checklist(window) -> None:  # type: ignore[no-untyped-def]
    """A first run: no office in Settings; the one typed in the wizard counts."""
    wizard = window.new_assessment()
    wizard.office.setText("温州市市场监督管理局")
    wizard.next()
    assert wizard.checklist.currentData() == "wenzhou-2017"
    wizard.back()
    wizard.office.setText("重庆市市场监督管理局")
    wizard.next()
    assert wizard.checklist.currentData() == "chongqing-2022"


def test_a_checklist_chosen_stays_when_another_is_imported_and_the_wizard_says_so(  # type: ignore[no-untyped-def]
        window) -> None:
    """Chosen, then another plan imported from the wizard (as a reference, say): the list
    switched to the new one and the references went back to their defaults, unsaid."""
    wizard = window.new_assessment()
    wizard.next()
    wizard.checklist.setCurrentIndex(wizard.checklist.findData("wenzhou-2017"))
    wizard.checklist.activated.emit(wizard.checklist.currentIndex())  # as a click does
    provincial = wizard.provincial.currentData()
    document = replace(parse_text(NEW_CITY, "shili-2019"), level=Level.MUNICIPAL,
                       region="示例市", year=2019)
    window.service.import_document(document)
    assert wizard.checklist.currentData() == "wenzhou-2017"
    assert wizard.provincial.currentData() == provincial
    assert "已导入“示例市" in wizard.imported_note.text() and "请在上方选择" in \
        wizard.imported_note.text()
    wizard.checklist.setCurrentIndex(wizard.checklist.findData("shili-2019"))
    wizard.checklist.activated.emit(wizard.checklist.currentIndex())
    assert wizard.imported_note.text() == ""  # taken: nothing left to say


def test_a_checklist_chosen_in_the_list_stays_whatever_office_is_typed(window) -> None:  # type: ignore[no-untyped-def]
    wizard = window.new_assessment()
    wizard.office.setText("重庆市市场监督管理局")
    wizard.next()
    wizard.checklist.setCurrentIndex(wizard.checklist.findData("wenzhou-2017"))
    wizard.checklist.activated.emit(wizard.checklist.currentIndex())  # as a click does
    wizard.back()
    wizard.office.setText("重庆市某区市场监督管理局")
    wizard.next()
    assert wizard.checklist.currentData() == "wenzhou-2017"


def _created_across_seconds(path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace whose documents were stored one second apart, 广东 2018 after 辽宁 2022."""
    import checklist_app.storage.workspace as workspace_module

    clock = iter(f"2024-05-06T07:08:{second:02d}+00:00" for second in range(60))
    monkeypatch.setattr(workspace_module, "now_iso", lambda: next(clock))
    order = ["national-2021", "liaoning-2022", "guangdong-2018", "chongqing-2022",
             "wenzhou-2017"]
    with Workspace.create(path) as workspace:
        for doc_id in order:
            workspace.import_document(SHIPPED[doc_id])
    monkeypatch.undo()
    return path


def test_documents_imported_with_the_workspace_rank_by_year(window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Stored to the second, the import times of a new workspace's documents cross a second
    now and then: the default must not flip to the older provincial document."""
    window.open_workspace(_created_across_seconds(tmp_path / "新.sqlite", monkeypatch))
    assert window.service.data.imported["guangdong-2018"] \
        > window.service.data.imported["liaoning-2022"]
    wizard = window.new_assessment()
    wizard.office.setText("某市市场监督管理局")
    wizard.next()
    assert wizard.provincial.itemData(0) == "liaoning-2022"  # the newer by year first
    assert wizard.checklist.currentData() == "chongqing-2022"
    assert wizard.provincial.currentData() == ""  # 重庆, a 直辖市, answers to no province


def test_a_city_without_its_province_in_the_region_gets_the_province_its_text_names() -> None:
    """成都's opinion (region 成都市) cites 四川省's: 辽宁's, imported later, was proposed."""
    sichuan = replace(SHIPPED["liaoning-2022"], id="sichuan-2022", region="四川省",
                      issuer="四川省人民政府")
    chengdu = replace(parse_text(NEW_CITY.replace("（一）完善标准体系",
                                                  "（一）落实四川省标准化工作部署"),
                                 "chengdu-2023"),
                      level=Level.MUNICIPAL, region="成都市", year=2023)
    newest_first = [SHIPPED["liaoning-2022"], sichuan, SHIPPED["guangdong-2018"]]
    assert default_provincial(newest_first, "", chengdu) == "sichuan-2022"
    silent = replace(parse_text(NEW_CITY, "shili-2019"), level=Level.MUNICIPAL,
                     region="示例市", year=2019)
    assert default_provincial(newest_first, "", silent) is None  # no document names it
    guangzhou = replace(silent, id="tianhe-2023", region="广州市天河区", level=Level.COUNTY)
    assert default_provincial(newest_first, "", guangzhou) == "guangdong-2018"  # names 廣州
    hangzhou = replace(silent, id="xihu-2024", region="杭州市西湖区", level=Level.COUNTY)
    assert default_provincial(newest_first, "", hangzhou) is None  # not 辽宁's (walkthrough)


def test_the_next_assessment_starts_from_the_office_shown(window) -> None:  # type: ignore[no-untyped-def]
    """With nothing in Settings, the second run of the wizard came up blank: office,
    department and 主送机关 typed again; what was typed is kept in Settings too."""
    window.settings.office = window.settings.department = window.settings.user_name = ""
    window.service.update_assessment(window.service.data.assessment.id,
                                     {"addressee": "重庆市人民政府办公厅", "preparer": "张敏"})
    window.service.wait_idle()
    shown = window.service.data.assessment
    window.service.close_assessment()  # a new period beside an open one is refused
    window.service.wait_idle()
    wizard = window.new_assessment()
    assert wizard.office.text() == shown.office
    assert wizard.department.text() == shown.department
    assert wizard.addressee.text() == "重庆市人民政府办公厅"
    assert wizard.preparer.text() == "张敏"
    wizard.period.setText("2025年度")
    wizard.accept()
    window.service.wait_idle()
    assert window.service.data.assessment.period == "2025年度"
    assert (window.settings.office, window.settings.department) == (shown.office,
                                                                   shown.department)


def test_another_office_typed_drops_the_details_of_the_office_shown(  # type: ignore[no-untyped-def]
        qtbot, window) -> None:
    """A Wenzhou assessment started from the Chongqing one kept 主送机关 重庆市人民政府办公厅
    and Chongqing's 填报人: its report went out addressed to another city's government."""
    window.settings.department = window.settings.user_name = ""
    window.service.update_assessment(window.service.data.assessment.id,
                                     {"addressee": "重庆市人民政府办公厅", "preparer": "张敏"})
    window.service.wait_idle()
    shown = window.service.data.assessment
    wizard = window.new_assessment()
    wizard.preparer.setText("李四")  # typed here: the clerk's own, kept
    wizard.office.selectAll()
    qtbot.keyClicks(wizard.office, "Wenzhou")  # typed letter by letter, as a clerk does
    assert (wizard.department.text(), wizard.addressee.text()) == ("", "")
    assert wizard.preparer.text() == "李四"
    wizard.office.setText(shown.office)  # back to the office shown: its details come back
    assert wizard.addressee.text() == "重庆市人民政府办公厅"
    assert wizard.department.text() == shown.department and wizard.preparer.text() == "李四"
    wizard.done(0)  # closed unasked (Cancel asks about what was typed)


def test_settings_office_other_than_the_one_shown_starts_without_its_details(window) -> None:  # type: ignore[no-untyped-def]
    """Settings name another office than the assessment shown: its 主送机关 was prefilled."""
    window.settings.office = "温州市市场监督管理局"
    window.settings.department = window.settings.user_name = ""
    window.service.update_assessment(window.service.data.assessment.id,
                                     {"addressee": "重庆市人民政府办公厅", "preparer": "张敏"})
    window.service.wait_idle()
    wizard = window.new_assessment()
    assert wizard.office.text() == "温州市市场监督管理局"
    assert (wizard.addressee.text(), wizard.preparer.text()) == ("", "")
    wizard.done(0)  # closed unasked (Cancel asks about what was typed)


def test_the_provincial_document_a_checklist_cites_by_its_number_is_proposed() -> None:
    """苏州's opinion cites 苏政发〔2022〕38号 in its preamble: 辽宁's was proposed."""
    jiangsu = replace(SHIPPED["liaoning-2022"], id="jiangsu-2022", region="江苏",
                      doc_number="苏政发〔2022〕38号")
    suzhou = replace(parse_text(NEW_CITY, "suzhou-2023"), level=Level.MUNICIPAL,
                     region="苏州市", year=2023, cited_doc_numbers=["苏政发〔2022〕38号"])
    assert default_provincial([SHIPPED["liaoning-2022"], jiangsu], "", suzhou) == "jiangsu-2022"


YUZHONG = ("重庆市渝中区人民政府办公室\n关于印发渝中区标准化工作实施方案的通知\n"
           "渝中区标准化工作实施方案\n一、主要任务\n（一）完善标准体系\n"
           "1.制定地方标准5项以上。（区市场监管局负责）\n")


def test_a_district_of_a_municipality_maps_to_the_municipality_own_document(window) -> None:  # type: ignore[no-untyped-def]
    """重庆市渝中区 answers to 重庆市, a city at a province's rank: its wizard proposed no
    upper document at all; the tables name that level 市级, not 省级."""
    document = parse_text(YUZHONG, "yuzhong-2023")
    assert (document.level, document.region) == (Level.COUNTY, "重庆市渝中区")
    window.service.import_document(document)
    wizard = window.new_assessment()
    wizard.office.setText("重庆市渝中区市场监督管理局")
    wizard.fill_documents()
    assert wizard.checklist.currentData() == "yuzhong-2023"
    assert wizard.provincial.currentData() == "chongqing-2022"
    assert wizard.national.currentData() == "national-2021"
    form = wizard.provincial.parentWidget().layout()
    assert form.labelForField(wizard.provincial).text() == "市级（直辖市）对照文件"
    wizard.provincial.setCurrentIndex(wizard.provincial.findData("liaoning-2022"))
    assert form.labelForField(wizard.provincial).text() == "省级对照文件"
    wizard.provincial.setCurrentIndex(wizard.provincial.findData("chongqing-2022"))
    wizard.period.setText("2025年度")
    wizard.accept()
    window.service.wait_idle()
    header = window.item_model.headerData(6, Qt.Orientation.Horizontal)
    assert header == "市级"  # its clauses: 市级条款 in the tooltip


def test_a_district_office_named_without_its_city_gets_its_district_plan() -> None:
    """渝中区市场监督管理局 did not match 重庆市渝中区: only a province was taken off."""
    yuzhong = parse_text(YUZHONG, "yuzhong-2023")
    traditional = replace(yuzhong, id="yuzhong-big5", region="重慶市渝中區")
    ranked = [SHIPPED["chongqing-2022"], yuzhong]
    assert default_checklist(ranked, [], preferred="", office="渝中区市场监督管理局") \
        == "yuzhong-2023"
    assert municipality_document([*ranked, traditional], traditional) == "chongqing-2022"


def test_a_district_plan_named_without_its_city_or_in_traditional_script() -> None:
    """A plan whose region reads 渝北区 (no city) or 重慶市渝北區 lost to 重庆市's opinion for
    重庆市渝北区市场监督管理局: only whole-region prefixes in one script were matched."""
    yubei = parse_text(YUZHONG, "yubei-2024")
    ranked = [SHIPPED["chongqing-2022"], replace(yubei, region="渝北区")]
    office = "重庆市渝北区市场监督管理局"
    assert default_checklist(ranked, [], preferred="", office=office) == "yubei-2024"
    ranked = [SHIPPED["chongqing-2022"], replace(yubei, region="重慶市渝北區")]
    assert default_checklist(ranked, [], preferred="", office=office) == "yubei-2024"
    assert default_checklist(ranked, [], preferred="", office="重庆市市场监督管理局") \
        == "chongqing-2022"  # the city's office keeps the city's opinion


def test_a_district_plan_named_without_its_city_gets_the_city_from_the_office(  # type: ignore[no-untyped-def]
        window) -> None:
    """A plan whose region reads 渝北区 alone left the middle list at （无）, labelled 省级,
    for 重庆市渝北区市场监督管理局: the report lost the 市级 level without a word."""
    yubei = replace(parse_text(YUZHONG, "yubei-2024"), region="渝北区")
    ranked = [SHIPPED["chongqing-2022"], yubei]
    office = "重庆市渝北区市场监督管理局"
    assert municipality_document(ranked, yubei) is None  # the region alone names no city
    assert municipality_document(ranked, yubei, office) == "chongqing-2022"
    assert municipality_document(ranked, yubei, "重庆市渝中区市场监督管理局") is None
    window.service.import_document(yubei)
    wizard = window.new_assessment()
    wizard.office.setText(office)
    wizard.next()
    assert wizard.checklist.currentData() == "yubei-2024"
    assert wizard.provincial.currentData() == "chongqing-2022"
    form = wizard.provincial.parentWidget().layout()
    assert form.labelForField(wizard.provincial).text() == "市级（直辖市）对照文件"
    wizard.done(0)  # closed unasked (Cancel asks about what was typed)


SHAPINGBA = ("沙坪坝区标准化工作实施方案\n一、主要任务\n"
             "1.参与重庆市地方标准制定5项以上。（区市场监管局负责）\n")


def test_a_district_plan_naming_neither_city_nor_province_gets_the_city_it_cites() -> None:
    """Region 沙坪坝区 (as a clerk typed it), office 沙坪坝区市场监督管理局: nothing said
    which city, and the middle list stayed at （无） though the plan's text names 重庆市."""
    plan = replace(parse_text(SHAPINGBA, "shapingba-2024"), level=Level.COUNTY,
                   region="沙坪坝区")
    ranked = [SHIPPED["chongqing-2022"], SHIPPED["liaoning-2022"], plan]
    assert municipality_document(ranked, plan, "沙坪坝区市场监督管理局") == "chongqing-2022"
    elsewhere = replace(plan, nodes=[replace(n, title=n.title.replace("重庆市", "本市"),
                                             text=n.text.replace("重庆市", "本市"))
                                     for n in plan.nodes])
    assert municipality_document(ranked, elsewhere, "沙坪坝区市场监督管理局") is None
    in_a_province = replace(plan, region="辽宁省沈阳市沈河区")
    assert municipality_document(ranked, in_a_province) is None  # its province's, not 重庆's
    wuhou = replace(parse_text("武侯区标准化工作方案\n一、主要任务\n1.对接四川省标准体系，"
                               "深化成渝合作，参与重庆市牵头的标准研制，落实四川省部署。\n",
                               "wuhou-2024"), level=Level.COUNTY, region="武侯区")
    assert municipality_document([*ranked, wuhou], wuhou) is None  # 四川 named as often
    chengdu = replace(wuhou, nodes=[replace(n, title=n.title.replace("四川省", "重庆市"),
                                            text=n.text.replace("四川省", "重庆市"))
                                    for n in wuhou.nodes])
    assert municipality_document([*ranked, chengdu], chengdu, "成都市武侯区市场监督管理局") \
        is None  # the office names a city of a province


def test_region_match_measures_how_much_of_the_office_the_region_names() -> None:
    office = "重庆市渝北区市场监督管理局"
    assert region_match("重庆市", office) == 3
    assert region_match("重庆市渝北区", office) == region_match("渝北区", office) == 6
    assert region_match("渝中区", office) == 0
    assert region_match("北京市朝阳区", "重庆市朝阳区某局") == 0  # another 直辖市's district
    assert region_match("浙江省温州市", "温州市市场监督管理局") == 3
    assert region_match("", office) == region_match("重庆市", "") == 0


def test_the_middle_label_follows_a_refilled_list(window) -> None:  # type: ignore[no-untyped-def]
    """Refilled for another office, the list showed 辽宁's document at the place 重庆's had
    been: no change of index, so the label still said 市级（直辖市）对照文件."""
    from PySide6.QtWidgets import QComboBox, QWidget

    from checklist_app.ui.widgets.document_choice import (
        fill_document_choice,
        middle_level_label,
        select_document,
    )

    data = window.service.data
    parent = QWidget()
    combo = QComboBox(parent)
    label = middle_level_label(combo, lambda: data, parent)
    city_first = [data.documents["chongqing-2022"], data.documents["liaoning-2022"]]
    fill_document_choice(combo, city_first, (Level.MUNICIPAL,), optional=True)
    select_document(combo, "chongqing-2022")
    assert label.text() == "市级（直辖市）对照文件"
    fill_document_choice(combo, city_first[::-1], (Level.PROVINCIAL,), optional=True)
    select_document(combo, "liaoning-2022")  # index 0 again
    assert label.text() == "省级对照文件"


def test_a_district_gets_its_provinces_opinion_proposed() -> None:
    """沈阳市沈河区 citing 《辽宁省贯彻落实…的实施意见》: the wizard proposed no provincial
    document (（无）), the region naming no province."""
    from checklist_app.importer import shipped_documents
    from checklist_app.ui.dialogs.new_assessment_wizard import default_provincial

    opening = ("沈阳市沈河区人民政府办公室\n沈河区贯彻落实国家标准化发展纲要实施方案\n"
               "为深入贯彻落实《国家标准化发展纲要》和《辽宁省贯彻落实〈国家标准化发展纲要〉的实施意见》，"
               "结合我区实际，制定本方案。\n一、重点任务\n1.推动地方标准制修订。\n")
    plan = parse_text(opening, "shenhe")
    assert plan.region == "辽宁省沈阳市沈河区"
    provincial = [d for d in shipped_documents() if d.level is Level.PROVINCIAL]
    assert default_provincial(provincial, "", plan) == "liaoning-2022"
    both = parse_text(opening.replace("和《辽宁省", "、《吉林省相关文件》和《辽宁省"), "shenhe")
    assert both.region == "沈阳市沈河区"  # two provinces named: neither is guessed


def test_the_wizard_says_what_is_missing_and_keeps_a_repeated_period_open(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """An empty period was accepted; a period already assessed was refused only after the
    wizard closed, and what was typed in it was gone."""
    from PySide6.QtWidgets import QLabel, QWizard

    from tests.ui.conftest import OFFICE

    wizard = window.new_assessment()
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    office_problem = wizard.page(wizard.currentId()).findChild(QLabel, "wizardProblem")
    wizard.office.setText(OFFICE)
    wizard.period.clear()
    assert not next_button.isEnabled()
    assert office_problem.isVisible() and "自查期间" in office_problem.text()
    wizard.period.setText("2024年度")  # the workspace's assessment has this one
    wizard.checklist.setCurrentIndex(wizard.checklist.findData("chongqing-2022"))
    wizard.currentPage().refresh()
    # said at once, and Next stays open: another checklist on the next page would do
    assert next_button.isEnabled() and office_problem.isVisible()
    assert "2024年度" in office_problem.text() and "号" not in office_problem.text()  # no id
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    wizard.checklist.setCurrentIndex(wizard.checklist.findData("chongqing-2022"))
    problem = wizard.currentPage().findChild(QLabel, "wizardProblem")
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()
    assert problem.isVisible() and "已有" in problem.text() and "2024年度" in problem.text()
    wizard.accept()  # refused: the wizard stays, with all that was typed
    assert wizard.isVisible() and len(window.service.data.assessments) == 1
    screenshot(wizard, "wizard-repeated-period")
    wizard.back()
    wizard.period.setText("2025年度")  # while 2024年度 is open: two periods side by side
    assert "尚未关闭" in office_problem.text() and next_button.isEnabled()
    wizard.next()
    assert not finish.isEnabled() and "结转到下一期" in problem.text()
    screenshot(wizard, "wizard-period-still-open")
    window.service.close_assessment()  # closed (not carried): a fresh start is allowed
    window.service.wait_idle()
    wizard.currentPage().refresh()
    assert finish.isEnabled() and not problem.isVisible()
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    window.service.wait_idle()
    assert [a.period for a in window.service.data.assessments] == ["2024年度", "2025年度"]
    assert "已新建自查自评" in window.statusBar().currentMessage()


def test_the_wizard_grows_until_its_warning_shows_whole(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """2025年度 typed while 2024年度 is open: the warning under the fields was cut off at
    …则不受影, its remedy (结转到下一期) unseen, and the wizard kept its size."""
    from PySide6.QtWidgets import QLabel

    from tests.ui.conftest import OFFICE

    wizard = window.new_assessment()
    page = wizard.currentPage()
    wizard.office.setText(OFFICE)
    wizard.checklist.setCurrentIndex(wizard.checklist.findData("chongqing-2022"))
    wizard.period.setText("2025年度")
    problem = page.findChild(QLabel, "wizardProblem")
    assert "结转到下一期" in problem.text()

    def shown_whole() -> bool:
        bottom = problem.mapTo(page, problem.rect().bottomLeft()).y()
        return problem.height() >= problem.heightForWidth(problem.width()) \
            and bottom <= page.height()

    qtbot.waitUntil(shown_whole, timeout=2000)
    screenshot(wizard, "wizard-open-period-warning")
    wizard.done(0)  # closed unasked (closing asks about what was typed)

