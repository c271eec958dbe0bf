"""The work-plan table (工作计划 / 任务分工表) as web pages print it: one cell per line.

Chongqing's “十四五”期间标准化工作计划 has 32 rows: 序号, 单位名称, then quota columns. Empty cells
are simply missing from the scrape, so numbers fill the quota columns left to right, and a
text cell occupies the column(s) it names (a cell about 企业标准 sits in that column; one about
国家、行业和地方标准 spans both standards columns; one about 试点 in the pilot column).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_TABLE_TITLE = re.compile(r"^.{0,30}(?:工作计划|工作計劃|任务分工表|任務分工表)$")
_UNIT_LINE = re.compile(r"^单位[:：](?P<unit>\S+)$|^單位[:：](?P<unit2>\S+)$")
_NUMBER_CELL = re.compile(r"^\d+(?:\.\d+)?$")

# Known quota columns, in printed order, and the words that place a text cell.
KNOWN_COLUMNS = (
    "支持制定(修订)国家和行业标准",
    "制定(修订)地方标准",
    "团体标准",
    "企业标准",
    "支持开展标准化试点示范项目",
)
_TEXT_CELL_COLUMNS = (
    ("国家、行业和地方", (0, 1)),
    ("团体标准", (2,)),
    ("企业标准", (3,)),
    ("试点", (4,)),
    ("示范", (4,)),
)


@dataclass(slots=True)
class WorkPlanRow:
    number: int
    unit_name: str
    cells: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class WorkPlan:
    title: str
    unit: str
    columns: list[str]
    rows: list[WorkPlanRow]
    note: str = ""


def split_work_plan(lines: list[str]) -> tuple[list[str], WorkPlan | None]:
    """Separate the work-plan table from the body lines; None when there is no table."""
    for index, line in enumerate(lines):
        if _TABLE_TITLE.match(line) and _unit_line_follows(lines, index):
            return lines[:index], _parse_table(line, lines[index + 1 :])
    return lines, None


def _unit_line_follows(lines: list[str], index: int) -> bool:
    return any(_UNIT_LINE.match(line) for line in lines[index + 1 : index + 3])


def _parse_table(title: str, lines: list[str]) -> WorkPlan:
    unit = "项"
    while lines and not lines[0].isdigit():
        match = _UNIT_LINE.match(lines[0])
        if match:
            unit = match.group("unit") or match.group("unit2")
        lines = lines[1:]
    rows, note = _parse_rows(lines)
    return WorkPlan(title=title, unit=unit, columns=list(KNOWN_COLUMNS), rows=rows, note=note)


def _parse_rows(lines: list[str]) -> tuple[list[WorkPlanRow], str]:
    rows: list[WorkPlanRow] = []
    row_cells: list[list[str]] = []
    note_lines: list[str] = []
    for line in lines:
        if note_lines or line.startswith((":", "：", "注")):
            note_lines.append(line.lstrip(":：").strip())
        elif line == str(len(rows) + 1):
            rows.append(WorkPlanRow(number=len(rows) + 1, unit_name=""))
            row_cells.append([])
        elif rows:
            row_cells[-1].append(line)
    merged: dict[str, str] = {}
    for row, cells in zip(rows, row_cells, strict=True):
        merged = _fill_row(row, cells, merged)
    return rows, " ".join(note_lines)


def _fill_row(row: WorkPlanRow, cells: list[str], merged: dict[str, str]) -> dict[str, str]:
    """Place the cells of a row; return the text cells that the following rows share.

    A text cell merged over several rows is printed once, in its first row: rows without
    text cells of their own take those of the last row that had some, and their numbers
    fill the remaining columns.
    """
    own_text = any(_is_text_cell(cell) for cell in cells)
    if not own_text:
        row.cells.update(merged)
    name_parts: list[str] = []
    column = 0
    for cell in cells:
        if _NUMBER_CELL.match(cell):
            column = _next_free(row, column)
            if column < len(KNOWN_COLUMNS):
                row.cells[KNOWN_COLUMNS[column]] = cell
                column += 1
        elif _is_text_cell(cell):
            for target in _columns_for_text(cell, column):
                row.cells[KNOWN_COLUMNS[target]] = cell
                column = max(column, target + 1)
        else:
            name_parts.append(cell)
    row.unit_name = "".join(name_parts)
    row.cells = {name: row.cells[name] for name in KNOWN_COLUMNS if name in row.cells}
    if own_text:
        return {k: v for k, v in row.cells.items() if not _NUMBER_CELL.match(v)}
    return merged


def _is_text_cell(cell: str) -> bool:
    return "标准" in cell or "試點" in cell or "试点" in cell or len(cell) > 14


def _columns_for_text(cell: str, column: int) -> tuple[int, ...]:
    for word, columns in _TEXT_CELL_COLUMNS:
        if word in cell:
            return columns
    return (min(column, len(KNOWN_COLUMNS) - 1),)


def _next_free(row: WorkPlanRow, column: int) -> int:
    while column < len(KNOWN_COLUMNS) and KNOWN_COLUMNS[column] in row.cells:
        column += 1
    return column
