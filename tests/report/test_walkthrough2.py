"""Report problems a second walkthrough found: provincial clauses missing from 三级对照表,
labels without their place in the tree, per-section lines that read like headings, 顿号
between book titles, the sign-off line, the change log, the English report, and items not
mapped yet listed as 自选动作."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from checklist_app.core import (
    AssessmentSnapshot,
    Comparator,
    ItemStatus,
    Mapping,
    MappingSource,
    Relation,
    Target,
)
from checklist_app.report.annex_blocks import annex_blocks
from checklist_app.report.annex_rows import NOTE_LIMIT, AnnexRows
from checklist_app.report.cautions import Caution, CautionKind, caution_text, report_cautions
from checklist_app.report.content import compute_facts
from checklist_app.report.crosswalk_annex import crosswalk_table, local_only_table, pending_local
from checklist_app.report.official import join_titles
from checklist_app.report.parts import Contents
from checklist_app.report.wording import Wording
from tests.report.conftest import (
    NATIONAL_TITLE,
    SIMPLIFIED_TITLE,
    TRADITIONAL_TITLE,
    make_snapshot,
)
from tests.report.test_pdf import build, docx_cells, needs_poppler, pdftotext, squeeze

PROVINCIAL_CLAUSE = "二、（一）加强关键技术领域标准研究（省）"


def mapped_directly() -> AssessmentSnapshot:
    """An item mapped to a provincial clause and to a national clause, with no link between
    the two documents (an imported provincial plan has no shipped crosswalk)."""
    snapshot = make_snapshot()
    item = snapshot.checklist.checkable_nodes()[0].id
    snapshot.mappings = [Mapping(item, "sichuan-2022/二/(一)", source=MappingSource.USER),
                         Mapping(item, "national-2021/二/(一)", source=MappingSource.USER)]
    return snapshot


def test_the_crosswalk_names_the_provincial_clause_an_implementing_item_maps_to() -> None:
    facts = compute_facts(mapped_directly())
    table = crosswalk_table(facts, Wording("zh"))
    [row] = [r for r in table.rows if NATIONAL_TITLE in r[0]]
    assert row[1] == PROVINCIAL_CLAUSE
    assert row[0] == f"二、（一）{NATIONAL_TITLE}"  # the national clause with its section
    others = [r for r in table.rows if r is not row]
    assert all(r[1] == "" for r in others)


def test_a_provincial_clause_linked_elsewhere_is_not_listed_under_another_task() -> None:
    snapshot = mapped_directly()
    snapshot.mappings.append(Mapping("sichuan-2022/二/(一)", "national-2021/二/(二)"))
    table = crosswalk_table(compute_facts(snapshot), Wording("zh"))
    by_clause = {r[0]: r[1] for r in table.rows}
    assert by_clause[f"二、（一）{NATIONAL_TITLE}"] == ""
    assert by_clause["二、（二）以科技创新提升标准水平"] == PROVINCIAL_CLAUSE


def test_tables_name_items_and_clauses_with_their_place_in_the_tree() -> None:
    """Two items labelled 1. in different sections; a provincial clause (一) of section 二."""
    snapshot = mapped_directly()
    first = snapshot.checklist.checkable_nodes()[0]
    target = Target("培育标准化试点10个", 10, "个", Comparator.AT_LEAST)
    snapshot.checklist.nodes[snapshot.checklist.nodes.index(first)] = replace(
        first, targets=[target])
    rows = AnnexRows(compute_facts(snapshot), Wording("zh"))
    labels = [r[0] for r in rows.targets().rows]
    assert labels[0].startswith("一、（一）1.") and labels[1].startswith("二、（一）1.")
    items = rows.items()
    provincial = items.header.index("对应省级条款")
    assert items.rows[0][provincial] == PROVINCIAL_CLAUSE
    assert items.rows[0][provincial + 1] == f"二、（一）{NATIONAL_TITLE}"


@needs_poppler
def test_section_tallies_quote_the_checklist_section_and_book_titles_have_no_dunhao(
        tmp_path: Path) -> None:
    build(make_snapshot(), tmp_path / "body.pdf", parts=["body"])
    text = squeeze(pdftotext(tmp_path / "body.pdf"))
    assert "“二、提升产业标准化水平”部分：完成" in text
    assert "二、提升产业标准化水平：完成" not in text
    assert "实施意见》《国家标准化发展纲要》，共梳理" in text  # not 》、《


def test_book_titles_led_by_an_issuer_keep_their_dunhao() -> None:
    assert join_titles(["《甲》", "《乙》"]) == "《甲》《乙》"
    assert join_titles(["《甲》", "某省人民政府《关于乙》"]) == "《甲》、某省人民政府《关于乙》"


def page_texts(pdf: Path) -> list[str]:
    return [squeeze(page) for page in pdftotext(pdf).split("\f")]


@needs_poppler
def test_the_sign_off_ends_the_table_and_never_stands_alone(tmp_path: Path) -> None:
    """填报人/审核人 comes under all it signs: right after the items table, sharing its page
    with the table's last row however long the table is; after 备注全文 when a note was cut
    (it came between the table and its notes, which then stood outside what was signed),
    sharing its page with the end of the notes."""
    for per_section in range(14, 24):
        snapshot = make_snapshot(items_per_section=per_section)
        pdf = tmp_path / f"sign-{per_section}.pdf"
        build(snapshot, pdf, parts=["table"])
        [page] = [p for p in page_texts(pdf) if "填报人：" in p]
        last_item = f"任务二{per_section}："  # the last row's title, up to where it wraps
        assert last_item in page, per_section
        assert page.index(last_item) < page.index("填报人：")
        item = snapshot.checklist.checkable_nodes()[0].id
        snapshot.states[item] = replace(snapshot.states[item], note="长" * (NOTE_LIMIT + 40))
        build(snapshot, pdf, parts=["table"])
        pages = page_texts(pdf)
        [page] = [p for p in pages if "填报人：" in p]
        assert "长长长" in page and page.index("长长长") < page.index("填报人：")
        whole = "".join(pages)
        assert whole.index("备注全文第1条一、") < whole.index("填报人：")


@needs_poppler
def test_the_change_log_names_what_changed_and_shows_mappings(tmp_path: Path) -> None:
    from checklist_app.importer import shipped_documents
    from checklist_app.storage.workspace import workspace_with_documents

    goals = "chongqing-2022/一/(二)"
    item = "chongqing-2022/二/(一)/1"
    with workspace_with_documents(tmp_path / "w.sqlite", shipped_documents(),
                                  user="李四") as workspace:
        earlier = Mapping(item, "national-2021/二/(四)", source=MappingSource.USER)
        workspace.save_mappings([earlier])  # before the assessment: not its change
        assessment = workspace.new_assessment(
            checklist_doc_id="chongqing-2022", national_doc_id="national-2021",
            office="重庆市市场监督管理局", period="2024年度")
        workspace.set_item(assessment.id, goals, actual_values=[52.0, None, 6.0])
        workspace.set_narrative(assessment.id, 2, "成效明显。")
        mapping = Mapping(item, "national-2021/二/(三)", source=MappingSource.USER)
        workspace.save_mappings([mapping])
        workspace.save_mappings([Mapping(item, "national-2021/二/(五)", source=MappingSource.USER,
                                         relation=Relation.NOT_RELATED)])
        workspace.delete_mapping(earlier)
        snapshot = workspace.snapshot(assessment.id)
        title = workspace.document("chongqing-2022").node(item).title
    build(snapshot, tmp_path / "log.pdf", parts=["changes"], docx_path=tmp_path / "log.docx")
    log = squeeze(pdftotext(tmp_path / "log.pdf"))
    rows = ["".join(row[-3:]) for row in docx_cells(tmp_path / "log.docx")]
    changes = "\n".join(rows)
    item = f"二、（一）1.{title}对应国家条款："
    assert "新建自查自评自查自评单位：" in log  # the details in the form's order
    assert "编辑报告正文正文第2部分" in log
    assert ("实际值（共性关键技术和应用类科技计划项目…）：52%；"
            "实际值（新增参与制定（修订）国际标准10…）：6项") in log
    assert f"新建对照关系{item}二、（三）加强关键技术领域标准研究" in rows
    # a suggestion declined: never a mapping, so none is cancelled
    assert f"不采纳建议对照{item}二、（五）" in changes
    assert "取消对照关系" not in log
    assert f"删除对照关系{item}二、（四）" in changes
    assert f"新建对照关系{item}二、（四）" not in changes  # made before


def long_note_snapshot() -> AssessmentSnapshot:
    snapshot = make_snapshot()
    item = snapshot.checklist.checkable_nodes()[0].id
    snapshot.states[item] = replace(snapshot.states[item], note="按计划推进试点。" * 30)
    return snapshot


@needs_poppler
def test_the_english_report_quotes_chinese_in_simplified_and_words_its_change_log(
        tmp_path: Path) -> None:
    snapshot = long_note_snapshot()
    snapshot.audit.append(replace(snapshot.audit[0], action="create", entity="assessment",
                                  entity_id="1", before=None,
                                  after='{"checklist_doc_id": "chongqing-2022"}'))
    pdf = tmp_path / "en.pdf"
    build(snapshot, pdf, lang="en")
    text = squeeze(pdftotext(pdf))
    assert SIMPLIFIED_TITLE in text and TRADITIONAL_TITLE not in text
    assert "Createdassessment" in text and "Checklist:“" in text
    assert "checklist_doc_id" not in text and "item_state" not in text
    assert "Dept." in text
    assert "Date: " in pdftotext(pdf)


def test_a_cut_note_in_english_stays_in_one_table_row() -> None:
    """The cut note with its English pointer was counted as one em a letter and split off
    its last word ("table)") into a row of its own."""
    from checklist_app.report.fonts import find_fonts
    from checklist_app.report.styles import LANDSCAPE_PAGE, ReportStyle, build_styles
    from checklist_app.report.tables import TableKit

    fonts, w = find_fonts(None), Wording("en")
    kit = TableKit(fonts, build_styles(fonts, ReportStyle.GBT9704), LANDSCAPE_PAGE.width,
                   LANDSCAPE_PAGE.height, keep=w.whole_words())  # as the annex makes it
    items = AnnexRows(compute_facts(long_note_snapshot()), w).items()
    widths = kit.fitted(kit.widths(items.weights), items.rows)
    assert len(kit.fit_row(items.rows[0], widths)) == 1
    very_long = [*items.rows[0]]
    very_long[4] = "按计划推进试点。" * 400
    assert len(kit.fit_row(very_long, widths)) > 1  # a row taller than a page still splits


def test_items_nobody_mapped_yet_are_marked_and_cautioned() -> None:
    """Only the first item is mapped: the others would be 自选动作 only for want of a
    mapping decision; they were listed as such, marked 尚未对照, under 无上级对应. Now the
    table lists those staff said have none (not related), and counts the others under it."""
    snapshot = make_snapshot()
    items = snapshot.checklist.checkable_nodes()
    snapshot.mappings.append(Mapping(items[3].id, "national-2021/二/(二)",
                                     source=MappingSource.USER, relation=Relation.NOT_RELATED))
    facts = compute_facts(snapshot)
    assert not facts.unmapped
    local = {row[0] + row[1] for row in local_only_table(facts, Wording("zh")).rows}
    assert local == {f"二、（一）2.{items[3].title}"}  # declined by staff: really 自选
    assert [row.item for row in pending_local(facts)] == [items[1]]  # 不适用 items[2]: none
    [*_blocks, pending] = annex_blocks(AnnexRows(facts, Wording("zh")), "annex2")
    assert pending.note_text(Wording("zh")) == "另有1项检查项的对照建议尚未确认，确认后再列入本表。"
    [caution] = report_cautions(facts, Contents(False, ("annex1", "annex2")), "zh")
    assert caution == Caution(CautionKind.UNCONFIRMED, 1)  # as 附件2 counts: not items[2]
    assert caution_text(caution) == ("有1项检查项尚未确认对照关系，三级对照表和“自选动作”"
                                     "按现有对照统计")
    assert report_cautions(facts, Contents(False, ("annex1",)), "zh") == []


def test_the_status_shares_say_they_count_items_not_applicable() -> None:
    """The body said 完成率55.6% (9 applicable items) and 附件1 40% + 10% (all 10): nothing
    said why the two differ."""
    snapshot = make_snapshot()  # one item 不适用
    blocks = annex_blocks(AnnexRows(compute_facts(snapshot), Wording("zh")), "annex1")
    assert [b.caption or b.note for b in blocks[:3]] == ["by_status", "shares_of_all",
                                                         "by_section"]
    assert blocks[1].note_text(Wording("zh")) == "注：占比按全部检查项计算；完成率不计不适用项。"
    applying = replace(snapshot, states={node: replace(state, status=ItemStatus.DONE)
                                         for node, state in snapshot.states.items()})
    blocks = annex_blocks(AnnexRows(compute_facts(applying), Wording("zh")), "annex1")
    assert "shares_of_all" not in [b.note for b in blocks]


def test_shares_that_do_not_add_up_to_100_say_they_are_rounded() -> None:
    """57.9% + 5.3% + … printed 100.1% above 合计 100%, and nothing said why."""
    def notes(*statuses: ItemStatus) -> list[str]:
        six = make_snapshot(items_per_section=3)
        states = {node: replace(state, status=status)
                  for (node, state), status in zip(six.states.items(), statuses, strict=True)}
        blocks = annex_blocks(AnnexRows(compute_facts(replace(six, states=states)),
                                        Wording("zh")), "annex1")
        return [b.note_text(Wording("zh")) for b in blocks if b.note.startswith("shares")]

    done, going, started = ItemStatus.DONE, ItemStatus.IN_PROGRESS, ItemStatus.NOT_STARTED
    # 33.3% + 50% + 16.7%, 33.3% + 66.7%: they add up
    assert notes(done, done, going, going, going, started) == []
    assert notes(done, done, going, going, going, going) == []
    # 33.3% + 4 × 16.7% = 100.1%
    assert notes(done, done, going, started, ItemStatus.ONGOING, ItemStatus.LARGELY_DONE) == [
        "注：占比经四舍五入，合计可能不等于100%。"]
    assert notes(done, done, going, started, ItemStatus.ONGOING, ItemStatus.NOT_APPLICABLE) == [
        "注：占比按全部检查项计算，经四舍五入，合计可能不等于100%；完成率不计不适用项。"]
