"""Progress steps, cancellation, the Word copy, fonts and computed facts."""

from __future__ import annotations

from pathlib import Path

from docx import Document as WordDocument

from checklist_app.core import ItemStatus
from checklist_app.report.builder import build_report
from checklist_app.report.content import compute_facts
from checklist_app.report.fonts import (
    FontRole,
    FontSet,
    _register,
    bundled_font_path,
    find_fonts,
    is_own_typeface,
    role_name,
    vera_path,
)
from tests.report.conftest import (
    MARKUP_NOTE,
    NATIONAL_TITLE,
    OFFICE,
    SIMPLIFIED_TITLE,
    make_snapshot,
)


def test_progress_increases_and_ends_done(tmp_path: Path) -> None:
    steps = list(build_report(make_snapshot(), tmp_path / "r.pdf", docx_path=tmp_path / "r.docx"))
    fractions = [s.fraction for s in steps]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and fractions[-1] == 1.0
    assert len(steps) > 5 and all(s.message for s in steps)
    assert steps[-1].done and not any(s.done for s in steps[:-1])


def test_cancelling_leaves_no_file(tmp_path: Path) -> None:
    for stop_after in (1, 4, 8):
        steps = build_report(make_snapshot(6), tmp_path / "r.pdf", docx_path=tmp_path / "r.docx")
        for _n, _step in zip(range(stop_after), steps, strict=False):
            pass
        steps.close()
        assert list(tmp_path.iterdir()) == []


def test_cancelling_keeps_an_older_report(tmp_path: Path) -> None:
    target = tmp_path / "r.pdf"
    target.write_bytes(b"old")
    steps = build_report(make_snapshot(), target)
    next(steps), next(steps), next(steps)
    steps.close()
    assert target.read_bytes() == b"old" and list(tmp_path.iterdir()) == [target]


def test_temporaries_a_killed_build_left_are_removed_by_the_next(tmp_path: Path) -> None:
    """A report killed while written left a hidden .r.pdf.….part as large as the report,
    one more at each crash, never removed."""
    import os
    import time

    stale, fresh = tmp_path / ".r.pdf.0123abcd.part", tmp_path / ".r.pdf.4567cdef.part"
    others = [tmp_path / ".other.pdf.0123abcd.part", tmp_path / "r.pdf.0123abcd.part"]
    for path in (stale, fresh, *others):
        path.write_bytes(b"%PDF-1.4 cut short")
    hours_ago = time.time() - 2 * 3600
    for path in (stale, *others):
        os.utime(path, (hours_ago, hours_ago))
    list(build_report(make_snapshot(), tmp_path / "r.pdf"))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        p.name for p in (tmp_path / "r.pdf", fresh, *others))  # fresh: a build at work


def test_docx_holds_the_same_text(tmp_path: Path) -> None:
    snapshot = make_snapshot()
    list(build_report(snapshot, tmp_path / "r.pdf", docx_path=tmp_path / "r.docx"))
    word = WordDocument(str(tmp_path / "r.docx"))
    text = "\n".join(p.text for p in word.paragraphs)
    text += "\n".join(c.text for t in word.tables for r in t.rows for c in r.cells)
    for expected in (OFFICE, "一、自查工作开展情况", "四、下一步工作打算", NATIONAL_TITLE,
                     SIMPLIFIED_TITLE, MARKUP_NOTE, "自查自评表", "佐证材料目录"):
        assert expected in text, expected
    for item in snapshot.checklist.checkable_nodes():
        assert item.title in text
    assert word.core_properties.author == OFFICE


def test_facts(snapshot) -> None:
    facts = compute_facts(snapshot)
    assert facts.total == 4
    assert facts.status_counts[ItemStatus.DONE] == 1
    assert [n.title for n in facts.gaps] == ["以科技创新提升标准水平", "提升标准化对外开放水平"]
    assert len(facts.not_applicable) == 1 and facts.not_applicable[0].state.justification
    [target] = facts.targets  # of the item marked 不适用: shown, not judged
    assert not target.applicable and target.met is None and target.actual == 86
    first_use = [e.id for node in snapshot.checklist.nodes
                 for e in snapshot.evidence.get(node.id, [])]
    assert [e.id for e in facts.evidence] == list(dict.fromkeys(first_use))  # first-use order
    first = facts.items[0]
    assert first.provincial and first.national  # national inferred through the province
    assert first.national[0].via is not None


def test_fonts_fall_back_and_report_undrawable_characters() -> None:
    fonts = find_fonts()
    assert fonts.face(FontRole.BODY).has("標") and fonts.face(FontRole.BODY).has("标")
    markup = fonts.markup("<b>&</b> 𠀀")
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in markup
    assert "𠀀" in fonts.missing or fonts.face(FontRole.BODY).has("𠀀")


def test_stand_ins_for_the_gbt9704_typefaces_are_reported_in_one_line() -> None:
    bundled = _register(bundled_font_path())
    fonts = FontSet(roles=dict.fromkeys(FontRole, bundled), fallbacks=[],
                    stand_ins=dict.fromkeys(FontRole, bundled))
    assert fonts.stand_in_report(from_command_line=True) == (
        "本机缺少 GB/T 9704 规定的字体（仿宋、黑体、楷体、宋体、小标宋暂用本软件自带字体）。"
        "正式印发前，请安装这些字体或选择报告字体（桌面程序在“设置”中选择，命令行用 --font），"
        "然后重新生成报告。")
    in_the_window = fonts.stand_in_report()  # the app's own dialog: no command line
    assert "--font" not in in_the_window and "“设置”" in in_the_window
    vera = _register(vera_path())  # a font of this computer is named
    fonts.stand_ins[FontRole.KAI] = vera
    assert "仿宋、黑体、宋体、小标宋暂用本软件自带字体；楷体暂用Bitstream Vera Sans" in (
        fonts.stand_in_report())
    found = find_fonts()
    line = found.stand_in_report()
    for role, face in found.roles.items():
        assert is_own_typeface(role, face.path, face.family) or role_name(role) in line
    assert "\n" not in line and "fangsong" not in line
    assert is_own_typeface(FontRole.BODY, r"C:\Windows\Fonts\simfang.ttf", "")
    assert not is_own_typeface(FontRole.TITLE, r"C:\Windows\Fonts\simsun.ttc", "SimSun")
    assert find_fonts(bundled_font_path()).stand_in_report() == ""  # chosen in the settings


def test_preferred_font_that_cannot_be_embedded_is_skipped(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.ttf"
    bogus.write_bytes(b"not a font")
    fonts = find_fonts(bogus)
    assert any(str(bogus) in note for note in fonts.notes)
    assert fonts.face(FontRole.BODY).path != str(bogus)


def test_preferred_font_that_is_missing_is_said_to_be_missing(tmp_path: Path) -> None:
    """Not "not a TrueType font": the file was moved or deleted since it was chosen."""
    missing = tmp_path / "仿宋.ttf"
    fonts = find_fonts(f"{missing}#0")
    assert f"找不到字体文件“{missing}”（已移动或删除？），已跳过。" in fonts.notes
    assert fonts.face(FontRole.BODY).path != str(missing)


def test_a_text_too_long_for_a_page_is_said_in_words(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A 填报人 of 1,000 characters (stored before details had a limit) ended in reportlab's
    LayoutError naming a flowable; nothing is left behind."""
    from dataclasses import replace

    import pytest

    from checklist_app.report.builder import build_report
    from checklist_app.report.parts import ReportOptionError
    from tests.report.conftest import make_snapshot

    snapshot = make_snapshot()
    snapshot = replace(snapshot, assessment=replace(snapshot.assessment, preparer="张" * 1000))
    with pytest.raises(ReportOptionError, match=r"too long for one page|过长"):
        list(build_report(snapshot, tmp_path / "r.pdf"))
    assert list(tmp_path.iterdir()) == []
