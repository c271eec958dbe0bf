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
