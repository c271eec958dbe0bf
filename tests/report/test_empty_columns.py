"""检查项明细 gives the width of a column empty in every row to the columns that wrap."""

from __future__ import annotations

from checklist_app.report.annex_rows import give_empty_columns_away

HEADER = ["序号", "检查项", "状态", "责任单位", "完成时限", "备注", "佐证材料"]
WEIGHTS = [8.0, 14.0, 5.0, 7.0, 8.0, 16.0, 17.0]


def _row(evidence: str) -> list[str]:
    departments = "区经济信息委、区市场监管局"
    return ["二、（一）1.", "加强标准研制", "已完成", departments, "", "", evidence]


def test_an_empty_evidence_column_narrows_and_the_departments_widen() -> None:
    """责任单位 wrapped every four characters beside the table's widest column, empty."""
    fitted = give_empty_columns_away(HEADER, [_row(""), _row("")], WEIGHTS)
    assert sum(fitted) == sum(WEIGHTS)  # the table keeps its width
    assert fitted[6] < 8 and fitted[5] < 8 and fitted[4] < 8  # empty: its header's width
    assert fitted[3] > 2 * WEIGHTS[3] and fitted[0] > WEIGHTS[0] and fitted[1] > WEIGHTS[1]


def test_columns_with_anything_in_them_keep_their_widths() -> None:
    rows = [["1", "a", "b", "c", "2025-12-31", "备注", "1. 通知.pdf (a1b2c3d4)"]]
    assert give_empty_columns_away(HEADER, rows, WEIGHTS) == WEIGHTS
    assert give_empty_columns_away(HEADER, [], WEIGHTS) == WEIGHTS  # no rows: as designed
