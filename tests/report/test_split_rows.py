"""Rows too tall for a page, split into parts: each part on a later page says whose row it
is, and a shaded row (上级任务未承接) is shaded in all its parts, no other row."""

from __future__ import annotations

from checklist_app.report.fonts import find_fonts
from checklist_app.report.styles import LANDSCAPE_PAGE, ReportStyle, build_styles
from checklist_app.report.tables import GAP_BACKGROUND, TableKit

TASK = "二、（九）增强产业链供应链稳定性和产业综合竞争力"
ITEMS = "\n".join(f"附表{n}.市某部门标准化工作任务（未评估）" for n in range(1, 90))


def _kit() -> TableKit:
    fonts = find_fonts(None)
    return TableKit(fonts, build_styles(fonts, ReportStyle.GBT9704), LANDSCAPE_PAGE.width,
                    LANDSCAPE_PAGE.height)


def _text(cell) -> str:  # type: ignore[no-untyped-def]
    return "".join(run[1] for line in cell.lines for run in line)


def test_the_parts_of_a_split_row_name_their_national_task() -> None:
    """A continued row began with blank 国家任务 and 省级条款 cells on the next page."""
    kit = _kit()
    widths = kit.widths([10, 8, 12])
    parts = kit.fit_row([TASK, "二、（一）某省级条款", ITEMS], widths, "（续）")
    assert len(parts) > 1
    assert _text(parts[0][0]) == TASK
    for part in parts[1:]:
        assert _text(part[0]) == f"{TASK}（续）"
        assert _text(part[2])  # the items go on
    assert not kit.fit_row([TASK, "", ITEMS], widths)[1][0].lines  # no word: as before


def test_a_shaded_row_is_shaded_in_all_its_parts_and_no_other_row_is() -> None:
    """A split row before a gap shifted the shading onto the row above the gap."""
    kit = _kit()
    rows = [[TASK, "", ITEMS], ["三、（十）某国家任务", "", "【上级任务未承接】"],
            ["三、（十一）另一任务", "", "某项（已完成）"]]
    table = kit.table(["国家任务", "省级条款", "本地检查项及状态"], rows, [10, 8, 12],
                      highlight=[1], continued="（续）")
    first_rows = len(kit.fit_row(rows[0], kit.widths([10, 8, 12])))
    shaded = {command[1][1] for command in table._bkgrndcmds
              if command[0] == "BACKGROUND" and command[3] == GAP_BACKGROUND}
    assert shaded == {1 + first_rows}  # the header, the split row's parts, then the gap



def test_parts_on_one_page_read_as_one_row_and_a_later_page_names_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Parts were cut at 60% of a page wherever the row sat: a part printed 二、（八）22.（续）
    right under the part before it, on the same page, across a rule. Now parts on one page
    join with no rule and no name; the first part on each later page names the row."""
    import subprocess

    from checklist_app.report.builder import build_report
    from tests.report.conftest import make_snapshot

    pdf = tmp_path / "r.pdf"
    list(build_report(make_snapshot(evidence_per_item=60), pdf, parts=["table"]))
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    holding = [n for n, page in enumerate(pages) if "佐证材料" in page and ".pdf" in page]
    first, *later = holding
    assert later and "（续）" not in pages[first]
    for number in later:
        assert pages[number].count("（续）") <= 1  # once a page, at its first part
    assert any("（续）" in pages[number] for number in later)
    kit = _kit()
    parts = kit.fit_row([TASK, "", ITEMS], kit.widths([10, 8, 12]), "（续）")
    table = kit.table(["国家任务", "省级条款", "本地检查项及状态"], [[TASK, "", ITEMS]],
                      [10, 8, 12], continued="（续）")
    below = {command[1][1] for command in table._linecmds if command[0] == "LINEBELOW"}
    assert below == {0}  # under the header only: none between the parts
    assert len(parts) > 2
