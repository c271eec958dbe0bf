"""Report problems a user walkthrough found: where the rest of a list is, unmapped
checklists, the change log, very long notes and characters outside the BMP."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from checklist_app.cli import main
from checklist_app.core import AssessmentSnapshot, Mapping, MappingSource, NodeKind
from checklist_app.report.content import compute_facts
from tests.report.conftest import make_snapshot, node
from tests.report.test_pdf import build, docx_cells, needs_poppler, pdftotext, squeeze

EXTRA_GAPS = 12


def with_many_gaps() -> AssessmentSnapshot:
    """The fixture's national document with 12 more clauses no local item implements."""
    snapshot = make_snapshot()
    national = snapshot.national
    assert national is not None
    national.nodes.append(node(national.id, "八", "八、", NodeKind.SECTION, "其他任务"))
    national.nodes += [node(national.id, f"八/({n})", f"（{n}）", NodeKind.CLAUSE,
                            f"国家任务第{n}项", checkable=True)
                       for n in range(1, EXTRA_GAPS + 1)]
    return snapshot


def gaps_sentence(pdf: Path) -> str:
    text = squeeze(pdftotext(pdf))
    start = text.index("国家层面有")
    return text[start:text.index("。", start) + 1]


@needs_poppler
def test_uncovered_national_clauses_point_at_the_crosswalk_annex(tmp_path: Path) -> None:
    """The rest of the national clauses no item implements are in 三级对照表, not 自查自评表."""
    snapshot = with_many_gaps()
    build(snapshot, tmp_path / "all.pdf")
    assert gaps_sentence(tmp_path / "all.pdf").endswith("详见附件2。")
    build(snapshot, tmp_path / "cw.pdf", parts=["body", "crosswalk"])
    assert gaps_sentence(tmp_path / "cw.pdf").endswith("详见附件。")  # the lone annex
    build(snapshot, tmp_path / "tb.pdf", parts=["body", "table"])
    sentence = gaps_sentence(tmp_path / "tb.pdf")
    assert "另有" in sentence and "附件" not in sentence  # the 三级对照表 is not printed


PLAN = "某市标准化工作方案\n一、主要任务\n(一)推进工作。\n1.以科技创新提升标准水平。按计划推进。\n"


@needs_poppler
def test_a_checklist_nobody_mapped_yet_warns_and_states_no_gaps(tmp_path: Path,
                                                                 capsys) -> None:
    """A newly imported plan maps to nothing: the report says the mapping is not done
    instead of calling all 34 national tasks unimplemented, and the user is warned."""
    db, plan, pdf = str(tmp_path / "imp2.sqlite"), tmp_path / "plan.txt", tmp_path / "g1.pdf"
    plan.write_text(PLAN, encoding="utf-8")
    assert main(["workspace", "init", db]) == 0
    assert main(["workspace", "import", db, str(plan), "--year", "2024"]) == 0
    assert main(["assess", "new", db, "--checklist", "plan", "--national", "national-2021",
                 "--office", "某市市场监督管理局"]) == 0
    capsys.readouterr()
    assert main(["report", db, "--out", str(pdf)]) == 0
    warned = capsys.readouterr().err
    unmapped = next(line for line in warned.splitlines() if "尚未确认任何对照关系" in line)
    assert "checklist suggest" in unmapped and "checklist map" in unmapped  # its own commands
    assert "软件" not in unmapped and "选项卡" not in unmapped  # the app's remedy is the app's
    text = squeeze(pdftotext(pdf))
    assert "尚无本地检查项承接" not in text and "上级任务未承接" not in text
    assert "对照关系尚未确认，国家层面34项任务的承接情况暂无法统计。" in text
    assert "【尚未对照】" in text
    assert main(["report", db, "--out", str(pdf), "--parts", "table"]) == 0
    assert "对照关系" not in capsys.readouterr().err  # nothing printed states coverage


def test_only_a_confirmed_suggestion_counts_as_mapped() -> None:
    snapshot = make_snapshot()
    item = snapshot.checklist.checkable_nodes()[0].id
    suggestion = Mapping(item, "national-2021/二/(一)", source=MappingSource.SUGGESTED)
    snapshot.mappings = [suggestion]
    assert compute_facts(snapshot).unmapped
    snapshot.mappings = [replace(suggestion, confirmed_by="张三")]
    assert not compute_facts(snapshot).unmapped
    snapshot.national = snapshot.provincial = None  # nothing to map to: nothing to say
    snapshot.mappings = []
    assert not compute_facts(snapshot).unmapped


@needs_poppler
def test_the_change_log_leaves_out_saves_that_changed_nothing(tmp_path: Path) -> None:
    """A note saved again as it was (typed back, undone) printed a row with no change; each
    item is named with its place in the tree (二、(一)1.), as the rest of the report does."""
    from checklist_app.importer import shipped_documents
    from checklist_app.storage.workspace import workspace_with_documents

    item = "chongqing-2022/二/(一)/1"
    with workspace_with_documents(tmp_path / "w.sqlite", shipped_documents(),
                                  user="李四") as workspace:
        assessment = workspace.new_assessment(
            checklist_doc_id="chongqing-2022", national_doc_id="national-2021",
            office="重庆市市场监督管理局", period="2024年度")
        workspace.set_item(assessment.id, item, note="已完成试点")
        workspace.set_item(assessment.id, item, note="已完成试点")  # saved again as it was
        snapshot = workspace.snapshot(assessment.id)
        title = workspace.document("chongqing-2022").node(item).title
    assert [e.action for e in snapshot.audit].count("set") == 2
    build(snapshot, tmp_path / "log.pdf", parts=["changes"], docx_path=tmp_path / "log.docx")
    log = squeeze(pdftotext(tmp_path / "log.pdf"))
    assert log.count("修改检查项") == 1
    rows = ["".join(row[-3:]) for row in docx_cells(tmp_path / "log.docx")]
    assert f"修改检查项二、（一）1.{title}备注：已完成试点" in rows


@needs_poppler
def test_a_very_long_note_is_cut_in_the_table_and_printed_in_full_after_it(
        tmp_path: Path) -> None:
    """A 12,000-character note ran 附件1 over ~44 pages in the narrow 备注 column."""
    from docx import Document as WordDocument
    from pypdf import PdfReader

    snapshot = make_snapshot()
    item = snapshot.checklist.checkable_nodes()[0].id
    long_note = "开头" + "按计划推进标准化试点，完成年度任务。" * 667 + "结尾标记"
    assert len(long_note) > 12000
    snapshot.states[item] = replace(snapshot.states[item], note=long_note)
    pdf, docx = tmp_path / "long.pdf", tmp_path / "long.docx"
    build(snapshot, pdf, docx_path=docx, parts=["table"])
    assert len(PdfReader(pdf).pages) <= 12
    text = squeeze(pdftotext(pdf))
    assert "……（全文见本表后“备注全文”第1条）" in text
    assert text.count("结尾标记") == 1 and "备注全文第1条一、" in text  # whole, once, after
    assert text.index("结尾标记") > text.index("备注全文第1条")
    word = WordDocument(str(docx))
    cells = [c.text for t in word.tables for r in t.rows for c in r.cells]
    assert any(c.endswith("（全文见本表后“备注全文”第1条）") for c in cells)
    assert any(p.text.endswith("结尾标记") for p in word.paragraphs)
    texts = [p.text for p in word.paragraphs]
    end = next(n for n, t in enumerate(texts) if t.endswith("结尾标记"))
    sign_off = next(n for n, t in enumerate(texts) if t.startswith("填报人："))
    assert end < sign_off and word.paragraphs[end].paragraph_format.keep_with_next


def _has_font_for(char: str) -> bool:
    import shutil
    import subprocess

    if shutil.which("fc-list") is None:
        return False
    found = subprocess.run(["fc-list", f":charset={ord(char):x}", "file"],
                           capture_output=True, text=True).stdout
    return any(line.strip().lower().endswith((".ttf:", ".ttf")) for line in found.splitlines())


@needs_poppler
@pytest.mark.skipif(not _has_font_for("😀"), reason="no TrueType font here draws 😀")
def test_characters_past_the_bmp_are_copied_as_printed(tmp_path: Path) -> None:
    """😀 printed but was copied and found as ὠ (U+1F60); 𠀀, which no font here draws,
    stands in as [U+20000] and is reported."""
    from pypdf import PdfReader

    snapshot = make_snapshot()
    item = snapshot.checklist.checkable_nodes()[0].id
    snapshot.states[item] = replace(snapshot.states[item], note="表情😀结束，生僻字𠀀结束")
    pdf = tmp_path / "emoji.pdf"
    last = build(snapshot, pdf, parts=["table"])
    for text in (squeeze(pdftotext(pdf)),
                 squeeze("".join(p.extract_text() for p in PdfReader(pdf).pages))):
        assert "表情😀结束" in text and "ὠ" not in text
    if not _has_font_for("𠀀"):
        assert "[U+20000]" in squeeze(pdftotext(pdf))
        assert any("U+20000" in note and "U+1F600" not in note for note in last.notes)
