"""A document titled as one in the workspace is its twin only when it comes from there too."""

from __future__ import annotations

from dataclasses import replace

import pytest

from checklist_app.importer import parse_file
from checklist_app.importer.parser import parse_text, same_title
from checklist_app.importer.shipped import source_path


@pytest.fixture(scope="module")
def liaoning():  # type: ignore[no-untyped-def]
    return parse_file(source_path("liaoning-2022"))


def sichuan_opinion() -> str:
    """四川's opinion carries 辽宁's title, word for word."""
    return source_path("liaoning-2022").read_text(encoding="utf-8").replace("辽宁", "四川")


def test_another_province_under_the_same_title_is_no_twin(liaoning) -> None:  # type: ignore[no-untyped-def]
    """四川's 《关于贯彻〈国家标准化发展纲要〉的实施意见》 was said to be 辽宁's again."""
    sichuan = parse_text(sichuan_opinion(), "sichuan")
    assert sichuan.title == liaoning.title and sichuan.region == "四川省"
    assert same_title(sichuan, [liaoning]) is None


def test_the_same_province_under_another_id_is_a_twin(liaoning) -> None:  # type: ignore[no-untyped-def]
    again = parse_file(source_path("liaoning-2022"), "辽宁意见")
    assert same_title(again, [liaoning]) is liaoning


def test_the_issuer_decides_when_a_region_is_missing(liaoning) -> None:  # type: ignore[no-untyped-def]
    sichuan = replace(parse_text(sichuan_opinion(), "sichuan"), region="")
    assert same_title(sichuan, [liaoning]) is None
    assert same_title(replace(sichuan, issuer=liaoning.issuer), [liaoning]) is liaoning


def test_a_twin_when_nothing_tells_them_apart(liaoning) -> None:  # type: ignore[no-untyped-def]
    unknown = replace(parse_text(sichuan_opinion(), "x"), region="", issuer="")
    assert same_title(unknown, [liaoning]) is liaoning


def test_another_regions_document_under_the_id_says_why_it_is_taken_for_another(  # type: ignore[no-untyped-def]
        liaoning) -> None:
    """Flagged for its region alone, the warning said "0 of its 120 clauses would be
    removed or reworded", not why."""
    from checklist_app.importer.parser import replacement, replacement_warning

    retitled = replace(liaoning, title="辽宁省标准化工作要点", region="四川省",
                       issuer="四川省人民政府")
    found = replacement(liaoning, retitled)
    assert found is not None and found.other_origin and found.lost == 0
    assert "不同地区或发文机关" in replacement_warning(found)
    assert "0 个" not in replacement_warning(found)
    assert replacement(liaoning, replace(retitled, region=liaoning.region,
                                         issuer=liaoning.issuer)) is None  # a mere new title


def test_a_free_id_stays_an_id_however_long_the_file_name() -> None:
    from checklist_app.importer.parser import id_problem, unused_document_id

    long = "实施方案" * 25  # 100 characters, the most an id has
    free = unused_document_id(long, [long])
    assert free.endswith("-2") and id_problem(free) is None
    assert unused_document_id("county", ["county", "county-2"]) == "county-3"
