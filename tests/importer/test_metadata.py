"""Title, level, region and year of an imported document, from its own lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from checklist_app.core import Level
from checklist_app.importer import parse_file, parse_text
from checklist_app.importer.metadata import guess_level, places_of

DOCUMENTS = Path(__file__).parent / "documents"
PLAN = "渝北区贯彻落实国家标准化发展纲要实施方案"
TASKS = "一、主要任务\n(一)完善标准体系\n1.制定地方标准10项以上。(区市场监管局负责)\n"


@pytest.mark.parametrize("name", ["yubei-2023.txt", "渝北区实施方案.docx"])
def test_a_district_plan_under_its_cover_letter(name: str) -> None:
    """It read as 市级, 重庆市, no year (the preview then showed 2025), and the cover
    letter's title 重庆市渝北区人民政府办公室关于印发…的通知."""
    document = parse_file(DOCUMENTS / name)
    assert (document.title, document.level, document.region, document.year) == (
        PLAN, Level.COUNTY, "重庆市渝北区", 2023)
    assert (document.issuer, document.doc_number) == ("重庆市渝北区人民政府办公室",
                                                      "渝北府办发〔2023〕15号")


def test_the_title_of_a_cover_letter_without_book_title_marks() -> None:
    text = "重庆市江北区人民政府关于印发江北区标准化工作三年行动计划的通知\n各街道办事处:\n"
    assert parse_text(text + TASKS, "t").title == "江北区标准化工作三年行动计划"


def test_the_heading_after_the_cover_letter_is_the_title() -> None:
    text = ("某县人民政府关于印发\n某县标准化工作方案的通知\n各乡镇人民政府:\n现印发给你们。\n"
            "某县人民政府\n2024年3月5日\n某县标准化工作方案\n")
    document = parse_text(text + TASKS, "t")
    assert (document.title, document.year, document.level, document.region) == (
        "某县标准化工作方案", 2024, Level.COUNTY, "某县")


def test_the_year_of_the_signing_date_in_chinese_numerals() -> None:
    text = "沛县人民政府关于加强标准化工作的意见\n沛县人民政府\n二〇二二年十一月八日\n"
    assert parse_text(text + TASKS, "t").year == 2022


def test_the_year_the_number_gives_before_a_date_in_the_text() -> None:
    text = ("温州市人民政府关于印发《温州市标准化工作方案》的通知\n温政发〔2019〕8号\n"
            "根据2017年的意见,制定本方案。\n")
    document = parse_text(text + TASKS, "t")
    assert (document.title, document.year, document.level, document.region) == (
        "温州市标准化工作方案", 2019, Level.MUNICIPAL, "温州市")


def test_a_plan_period_in_the_title_gives_its_first_year() -> None:
    text = "某区标准化工作三年行动计划(2024—2026年)\n"
    assert parse_text(text + TASKS, "t").year == 2024


def test_no_year_printed_is_no_year() -> None:
    assert parse_file(DOCUMENTS / "h105.txt").year is None


@pytest.mark.parametrize(("issuer", "places", "level"), [
    ("重庆市渝北区人民政府办公室", ["重庆市", "渝北区"], Level.COUNTY),
    ("浙江省温州市瓯海区人民政府", ["浙江省", "温州市", "瓯海区"], Level.COUNTY),
    ("北京市通州区人民政府", ["北京市", "通州区"], Level.COUNTY),
    ("济南市市中区人民政府", ["济南市", "市中区"], Level.COUNTY),
    ("沛县人民政府", ["沛县"], Level.COUNTY),
    ("溫州市人民政府", ["溫州市"], Level.MUNICIPAL),
    ("重庆市城市管理局", ["重庆市"], Level.MUNICIPAL),
    ("黔东南苗族侗族自治州人民政府", ["黔东南苗族侗族自治州"], Level.MUNICIPAL),
    ("中共辽宁省委、辽宁省人民政府", ["辽宁省"], Level.PROVINCIAL),
    ("广西壮族自治区人民政府", ["广西壮族自治区"], Level.PROVINCIAL),
    ("中共中央、國務院", [], Level.NATIONAL),
    ("国家市场监督管理总局", [], Level.NATIONAL),
    # named by the level alone: no place, the level from the word (were 省市, 市市)
    ("省市场监管局", [], Level.PROVINCIAL),
    ("市市场监管局", [], Level.MUNICIPAL),
    ("县人民政府办公室", [], Level.COUNTY),
    ("区市场监督管理局", [], Level.COUNTY),
])
def test_places_and_level_of_an_issuer(issuer: str, places: list[str], level: Level) -> None:
    assert (places_of(issuer), guess_level(issuer)) == (places, level)


def test_a_level_nothing_tells_is_assumed_and_said() -> None:
    """A plan with no issuer and no place in its title was taken as 市级 without a word."""
    from checklist_app.importer.parser import parse_source, parse_warnings

    parsed = parse_source("标准化工作要点\n" + TASKS, "t")
    assert parsed.document.level is Level.MUNICIPAL and parsed.level_defaulted
    assert any("市级" in warning for warning in parse_warnings(parsed))
    named = parse_source("市市场监管局关于印发标准化工作要点的通知\n" + TASKS, "t")
    assert named.document.level is Level.MUNICIPAL and not named.level_defaulted
    assert parse_warnings(named) == []


def test_the_year_of_the_signing_date_at_the_end() -> None:
    """GB/T 9704 puts the 成文日期 after the body; the import asked for a year it printed."""
    text = ("某市标准化工作方案\n" + TASKS
            + "\n某市人民政府办公室\n2023年5月10日\n（此件公开发布）\n")
    assert parse_text(text, "t").year == 2023
    undated = "某市标准化工作方案\n" + TASKS + "2.到2025年完成。\n"
    assert parse_text(undated, "t").year is None  # a year inside a sentence is no date


def test_the_signature_block_is_no_part_of_the_last_clause() -> None:
    """浙江省人民政府 / 2014年12月30日 ended the text of 三、(三)加强人才培养."""
    text = ("某省标准化工作方案\n一、主要任务\n（一）加强人才培养。培养标准化人才。\n\n"
            "中共某省委\n某省人民政府\n2014年12月30日\n（此件公开发布）\n")
    document = parse_text(text, "t")
    last = document.nodes[-1]
    assert last.text.endswith("培养标准化人才。")
    assert "人民政府" not in last.text and "2014" not in last.text
    assert document.year == 2014


def test_a_region_gets_the_province_the_cited_documents_name_alone() -> None:
    """沈阳市沈河区 citing 《辽宁省贯彻落实…的实施意见》 named no province, and the wizard
    proposed no provincial document."""
    def region(issuer: str, opening: str) -> str:
        return parse_text(f"{issuer}\n某某实施方案\n{opening}\n一、重点任务\n1.制定标准。\n",
                          "t").region

    cited = "为贯彻落实《辽宁省贯彻落实〈国家标准化发展纲要〉的实施意见》，制定本方案。"
    assert region("沈阳市沈河区人民政府办公室", cited) == "辽宁省沈阳市沈河区"
    assert region("瀋陽市瀋河區人民政府辦公室", cited.replace("辽宁省", "遼寧省")) == \
        "遼寧省瀋陽市瀋河區"  # one script, not 辽宁省瀋陽市
    assert region("苏州市人民政府", "借鉴浙江省经验，制定本方案。") == "苏州市"  # no citation
    assert region("江苏省苏州市吴江区人民政府", "") == "江苏省苏州市吴江区"  # its own
    both = "为贯彻落实《浙江省…实施意见》和《四川省…方案》，制定本方案。"
    assert region("苏州市人民政府", both) == "苏州市"  # which of the two? neither


def test_a_district_named_alone_gets_the_city_its_citations_name() -> None:
    """A district plan without a cover letter, 大渡口区…实施方案, was given the region
    大渡口区: the wizard could not tell which city's and province's documents it follows."""
    def region(opening: str, title: str = "大渡口区贯彻落实国家标准化发展纲要实施方案") -> str:
        return parse_text(f"{title}\n{opening}\n一、重点任务\n1.制定标准。\n", "t").region

    chongqing = ("为贯彻落实《重庆市人民政府办公厅关于贯彻落实国家标准化发展纲要的实施意见》，"
                 "制定本方案。")
    assert region(chongqing) == "重庆市大渡口区"
    assert region(chongqing.replace("重庆市", "重慶市")) == "重慶市大渡口区"  # as written
    liaoning = ("为贯彻落实《辽宁省贯彻落实国家标准化发展纲要的实施意见》和"
                "《沈阳市标准化发展实施方案》，制定本方案。")
    assert region(liaoning, "沈河区标准化实施方案") == "辽宁省沈阳市沈河区"
    two_cities = "借鉴《温州市标准化方案》和《苏州市标准化方案》，制定本方案。"
    assert region(two_cities) == "大渡口区"  # which of the two? neither
    assert region("结合我区实际，制定本方案。") == "大渡口区"  # nothing cited
    assert region(chongqing, "重庆市江北区标准化实施方案") == "重庆市江北区"  # its own


@pytest.mark.parametrize("title", ["渝北区市场监管局标准化工作要点（2024年）",
                                   "渝北区标准化工作若干措施（试行）"])
def test_a_title_under_its_issuer_line_is_the_title(title: str) -> None:
    """工作要点 was not known as a title's ending: the issuer's red-header line above it,
    重庆市渝北区市场监督管理局, became the document's title."""
    text = (f"重庆市渝北区市场监督管理局\n{title}\n渝北市监发〔2024〕3号\n一、总体目标\n"
            "（一）年度目标\n全年新增团体标准5项以上。\n")
    document = parse_text(text, "yubei-2024")
    assert document.title.replace("(", "（").replace(")", "）") == title
    assert document.issuer == "重庆市渝北区市场监督管理局"


def test_with_no_title_line_the_first_line_that_is_not_the_issuer_is_taken() -> None:
    text = ("重庆市渝北区市场监督管理局\n二〇二四年标准化重点工作\n一、总体目标\n"
            "（一）年度目标\n全年新增团体标准5项以上。\n")
    assert parse_text(text, "yubei-2024").title == "二〇二四年标准化重点工作"


def test_a_region_completed_from_citations_is_flagged_for_the_user() -> None:
    """重庆市大渡口区 was completed from a citation, a guess the preview did not show as one."""
    from checklist_app.importer.parser import parse_source, parse_warnings

    cited = ("为贯彻落实《重庆市人民政府办公厅关于贯彻落实国家标准化发展纲要的实施意见》，"
             "制定本方案。")
    guessed = parse_source(f"大渡口区标准化实施方案\n{cited}\n一、重点任务\n1.制定标准。\n", "t")
    assert guessed.document.region == "重庆市大渡口区" and guessed.region_inferred
    assert any("重庆市大渡口区" in w and "核对" in w for w in parse_warnings(guessed))
    named = parse_source(f"重庆市江北区标准化实施方案\n{cited}\n一、重点任务\n1.制定标准。\n", "t")
    assert named.document.region == "重庆市江北区" and not named.region_inferred
    assert not any("补全" in w for w in parse_warnings(named))
    whole = parse_source("江苏省苏州市吴江区标准化实施方案\n一、重点任务\n1.制定标准。\n", "t")
    assert whole.document.region == "江苏省苏州市吴江区" and not whole.region_inferred


def test_a_templates_placeholder_places_are_read_and_flagged() -> None:
    """某市某区 was read as 市级 某市 (某区 was too short a name for a place after the first)."""
    from checklist_app.importer.metadata import guess_metadata, places_of
    from checklist_app.importer.parser import parse_source, parse_warnings

    assert places_of("某市某区人民政府") == ["某市", "某区"]
    assert places_of("重庆市渝北区人民政府") == ["重庆市", "渝北区"]
    template = guess_metadata(["某市某区人民政府关于印发某区标准化方案的通知"], "")
    assert (template.region, template.level, template.region_placeholder) == (
        "某市某区", Level.COUNTY, True)
    real = guess_metadata(["重庆市渝北区人民政府关于印发标准化方案的通知"], "")
    assert not real.region_placeholder
    parsed = parse_source("某市某区人民政府办公室关于印发某区标准化方案的通知\n一、重点任务\n"
                          "1.制定标准。\n", "t")
    assert any("某市某区" in w and "模板" in w for w in parse_warnings(parsed))


def test_a_report_on_work_done_is_flagged_as_no_policy() -> None:
    """工作总结.txt (一、主要工作 二、存在问题 三、下一步打算) was taken for a 市级 policy of
    three items to check, with nothing said."""
    from checklist_app.importer.parser import parse_source, parse_warnings

    for title in ("2024年标准化工作总结", "关于标准化工作开展情况的报告", "某局自查报告（2024年）"):
        parsed = parse_source(f"{title}\n一、主要工作\n（一）制定标准。\n二、存在问题\n", "t")
        assert any("不是政策文件" in w for w in parse_warnings(parsed)), title
    plan = parse_source("某区标准化工作实施方案\n一、主要任务\n（一）制定标准。\n", "t")
    assert not any("不是政策文件" in w for w in parse_warnings(plan))
