"""Marks no font can draw get a reported stand-in: 〈〉 as 《》, as the title nests them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from checklist_app.report import fonts as fonts_module
from checklist_app.report.builder import build_report
from checklist_app.report.fonts import (
    FontFace,
    FontRole,
    FontSet,
    bundled_font_path,
    vera_path,
)
from tests.report.conftest import make_snapshot
from tests.report.test_pdf import needs_poppler, pdftotext, squeeze


@pytest.fixture
def no_system_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the fonts a test names: fontconfig finds nothing more."""
    monkeypatch.setattr(fonts_module, "_fc_list", lambda pattern: ())


def font_set(role_font: Path) -> FontSet:
    face = fonts_module._register(role_font)  # as patched by a fixture
    return FontSet(roles=dict.fromkeys(FontRole, face),
                   fallbacks=[fonts_module._register(vera_path())])


SINGLE_MARKS = frozenset({0x3008, 0x3009})


@pytest.fixture
def no_single_marks(monkeypatch: pytest.MonkeyPatch, no_system_fonts: None) -> None:
    """Fonts as a CJK font without 〈〉 (the bundled one before they were added to it)."""
    register = fonts_module._register

    def without(path: str, subfont: int = 0) -> FontFace:
        face = register(path, subfont)
        return replace(face, codepoints=face.codepoints - SINGLE_MARKS)

    monkeypatch.setattr(fonts_module, "_register", without)


def test_the_bundled_font_draws_the_marks_of_a_title_in_a_title(no_system_fonts: None) -> None:
    """Droid Sans Fallback had 《》 and not 〈〉: on a machine without another CJK font the
    report printed 《关于贯彻《国家标准化发展纲要》的实施意见》 (scripts/derive_font.py)."""
    fonts = font_set(bundled_font_path())
    title = "《关于〈纲要〉的意见》"
    assert [text for _face, text in fonts.runs(title)] == [title]
    assert fonts.substituted == {} and fonts.missing_report() == []


def test_the_bundled_fonts_metric_tables_count_every_glyph() -> None:
    """The glyphs added for 〈〉 were counted in maxp but left vmtx short of what vhea
    declares: a malformed table that strict font parsers may refuse."""
    import struct

    data = bundled_font_path().read_bytes()
    count = struct.unpack(">H", data[4:6])[0]
    tables = {data[12 + 16 * i:16 + 16 * i]: struct.unpack(">II", data[20 + 16 * i:28 + 16 * i])
              for i in range(count)}

    def table(tag: bytes) -> bytes:
        offset, length = tables[tag]
        return data[offset:offset + length]

    glyphs = struct.unpack(">H", table(b"maxp")[4:6])[0]
    for metrics, header in ((b"hmtx", b"hhea"), (b"vmtx", b"vhea")):
        long_metrics = struct.unpack(">H", table(header)[34:36])[0]
        assert len(table(metrics)) >= 4 * long_metrics + 2 * (glyphs - long_metrics), metrics


def test_a_font_without_them_nests_title_marks_as_the_report_title_does(
        no_single_marks: None) -> None:
    fonts = font_set(bundled_font_path())
    assert not fonts.face(FontRole.BODY).has("〈")  # else there is nothing to stand in for
    runs = fonts.runs("《关于〈纲要〉的意见》")
    assert "".join(text for _face, text in runs) == "《关于《纲要》的意见》"
    assert len(runs) == 1  # one font: the stand-ins come from the bundled font itself
    assert fonts.substituted == {"〈": "《", "〉": "》"}
    assert fonts.missing_report() == [
        "本机字体没有以下符号，报告中已改用相近符号印出：左单书名号（U+3008）印为《；右单书名号（U+3009）印为》。"
        "如需印出原符号，请安装含有这些符号的字体后重新生成报告。"]


def test_narrow_marks_when_no_full_width_ones(no_system_fonts: None) -> None:
    fonts = font_set(vera_path())  # a Latin font: no ＜＞, but ‹›
    assert "".join(text for _face, text in fonts.runs("〈A〉")) == "‹A›"
    assert fonts.substituted == {"〈": "‹", "〉": "›"} and not fonts.missing


@needs_poppler
def test_the_report_prints_and_reports_the_stand_in(no_single_marks: None,
                                                    tmp_path: Path) -> None:
    snapshot = make_snapshot()
    item = snapshot.checklist.checkable_nodes()[0]
    item.title = "贯彻〈标准化法〉要求"
    last = list(build_report(snapshot, tmp_path / "r.pdf", font=bundled_font_path()))[-1]
    text = squeeze(pdftotext(tmp_path / "r.pdf"))
    assert "贯彻《标准化法》要求" in text and "〈" not in text
    assert any("左单书名号（U+3008）印为《" in note for note in last.notes)


DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


@pytest.mark.skipif(not (DEJAVU / "DejaVuSans.ttf").exists()
                    or not (DEJAVU / "DejaVuMathTeXGyre.ttf").exists(),
                    reason="DejaVu fonts not installed")
def test_a_system_font_draws_the_arrow_quietly(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """→ (状态：未启动 → 已完成) is in neither bundled font: fontconfig finds one, a text face
    rather than the math face it lists first, and the user is not told a font name."""
    fc_list = tmp_path / "fc-list"  # what fontconfig 2.14 answers for :charset=2192
    fc_list.write_text("#!/bin/sh\n" + "".join(
        f"echo '{DEJAVU / name}: {family}:index=0'\n"
        for name, family in (("DejaVuMathTeXGyre.ttf", "DejaVu Math TeX Gyre"),
                             ("DejaVuSans.ttf", "DejaVu Sans"))))
    fc_list.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path), prepend=":")
    fonts = font_set(bundled_font_path())
    assert [(face.family, text) for face, text in fonts.runs("未启动→已完成")] == [
        ("Droid Sans Fallback", "未启动"), ("DejaVu Sans", "→"),
        ("Droid Sans Fallback", "已完成")]
    assert fonts.notes == [] and fonts.missing_report() == []


def test_an_arrow_no_font_draws_is_printed_as_ascii(no_system_fonts: None) -> None:
    fonts = font_set(bundled_font_path())
    assert not any(face.has("→") for face in (fonts.face(FontRole.BODY), *fonts.fallbacks))
    assert "".join(text for _face, text in fonts.runs("未启动 → 已完成")) == "未启动 -> 已完成"
    assert fonts.substituted == {"→": "->"} and not fonts.missing
    assert fonts.missing_report() == [
        "本机字体没有以下符号，报告中已改用相近符号印出：右箭头（U+2192）印为->。"
        "如需印出原符号，请安装含有这些符号的字体后重新生成报告。"]


@needs_poppler
def test_the_change_log_prints_and_reports_the_arrow_stand_in(no_system_fonts: None,
                                                              tmp_path: Path) -> None:
    last = list(build_report(make_snapshot(), tmp_path / "r.pdf", font=bundled_font_path()))[-1]
    text = squeeze(pdftotext(tmp_path / "r.pdf"))
    assert "未启动->已完成" in text and "U+2192" not in text
    assert any("右箭头（U+2192）印为->" in note for note in last.notes)
