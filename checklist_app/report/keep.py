"""Headings stay on the page of what follows them: at least its first two lines or table rows.

reportlab's own ``keepWithNext`` cannot do it here: it never keeps a heading with a
KeepTogether (the last paragraph held with the signature), and a table moved whole to the next
page (when not even its header and first row fit) leaves the caption above it behind.
``keep_with_next`` takes over: before each run of flowables whose style keeps with the next
(headings, annex labels and titles, table captions) and the outline entries among them, it
puts a ``RoomFor``, a conditional page break sized, at layout time, for the run plus the
start of the flowable after it.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph, Table
from reportlab.platypus.flowables import CondPageBreak, KeepTogether

from checklist_app.report.layout import Bookmark

LEAD_LINES = 2  # lines of a paragraph that must follow a heading onto its page
LEAD_ROWS = 2  # data rows of a table, when that many fit on a page with the rest
_UNLIMITED = 1e9


def keeps_with_next(flowable: Flowable) -> bool:
    """A heading (its style keeps with the next) or an outline entry (points at one)."""
    return isinstance(flowable, Bookmark) or bool(flowable.getKeepWithNext())


def keep_with_next(flowables: list[Flowable]) -> list[Flowable]:
    """``flowables`` with a ``RoomFor`` before each run of headings."""
    out: list[Flowable] = []
    index = 0
    while index < len(flowables):
        end = index
        while end < len(flowables) and keeps_with_next(flowables[end]):
            end += 1
        if end == index:
            out.append(flowables[index])
            index += 1
            continue
        run = flowables[index:end]
        for flowable in run:
            flowable.__dict__["keepWithNext"] = 0  # RoomFor does it, not reportlab
        following = flowables[end] if end < len(flowables) else None
        out += [RoomFor(run, following), *run]
        index = end
    return out


class RoomFor(CondPageBreak):
    """A page break unless the heading run and the start of what follows fit below."""

    def __init__(self, run: list[Flowable], following: Flowable | None) -> None:
        super().__init__(0)
        self.run, self.following = run, following

    def __repr__(self) -> str:
        return f"RoomFor({self.run!r})"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        frame = self._doctemplateAttr("frame")
        page = frame._height if frame is not None else _UNLIMITED
        heads = sum(self._height(f, availWidth) for f in self.run)
        self.height = heads + self._lead(self.following, availWidth, page - heads)
        if self.height > page:  # a fresh page would not hold it either: let it flow
            return 0, 0
        return super().wrap(availWidth, availHeight)

    def _height(self, flowable: Flowable, width: float) -> float:
        height = flowable.wrapOn(self.canv, width, _UNLIMITED)[1]
        return flowable.getSpaceBefore() + height + flowable.getSpaceAfter()

    def _lead(self, flowable: Flowable | None, width: float, room: float) -> float:
        """The height of the part of ``flowable`` that must share the heading's page."""
        if flowable is None:
            return 0.0
        if isinstance(flowable, TableEnd):
            flowable = flowable.table
        if isinstance(flowable, Table):
            return self._table_lead(flowable, width, room)
        if isinstance(flowable, KeepTogether):
            whole = self._together(flowable, width)
            first = flowable._content[0] if flowable._content else None
            return whole if whole <= room else self._lead(first, width, room)
        if isinstance(flowable, Paragraph):
            flowable.wrapOn(self.canv, width, _UNLIMITED)
            lines = len(getattr(flowable.blPara, "lines", ())) or 1
            return flowable.getSpaceBefore() + min(lines, LEAD_LINES) * flowable.style.leading
        return min(self._height(flowable, width), room)

    def _table_lead(self, table: Table, width: float, room: float) -> float:
        """Header and the first ``LEAD_ROWS`` data rows, or only the first when they are
        too tall: a table is never cut before its first data row."""
        table.wrapOn(self.canv, width, _UNLIMITED)
        header = max(table.repeatRows, 1) if isinstance(table.repeatRows, int) else 1
        heights = table._rowHeights
        rows = sum(heights[: header + LEAD_ROWS])
        return rows if rows <= room else sum(heights[: header + 1])

    def _together(self, together: KeepTogether, width: float) -> float:
        together.wrapOn(self.canv, width, _UNLIMITED)
        return together._H


class TableEnd(Flowable):
    """A table and what follows it (the 填报人/审核人 line), which never starts a page alone:
    when the table breaks, or only what follows is too tall for the page, at least its last
    data row goes with it onto the next page (the header repeats above)."""

    def __init__(self, table: Table, tail: list[Flowable]) -> None:
        super().__init__()
        self.table, self.tail = table, tail

    def __repr__(self) -> str:
        return f"TableEnd({self.table!r}, {self.tail!r})"

    def _tail_height(self, width: float) -> float:
        return sum(f.getSpaceBefore() + f.wrap(width, _UNLIMITED)[1] + f.getSpaceAfter()
                   for f in self.tail)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        table_height = self.table.wrap(availWidth, availHeight)[1]
        self.width = availWidth
        self.height = table_height + self._tail_height(availWidth)
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        table_height = self.table.wrap(availWidth, _UNLIMITED)[1]
        room = availHeight
        if table_height <= availHeight:  # only the tail is short of room: move a row down
            room = table_height - self.table._rowHeights[-1] - 1e-3
        parts = self.table.split(availWidth, room)
        if len(parts) < 2:  # not even a header and one row fit: all on the next page
            return []
        *first, last = parts
        return [*first, TableEnd(last, self.tail)]

    def drawOn(self, canvas, x: float, y: float, _sW: float = 0) -> None:
        top = y + self.height
        for flowable in [self.table, *self.tail]:
            top -= flowable.getSpaceBefore()
            height = flowable.wrap(self.width, _UNLIMITED)[1]
            top -= height
            flowable.drawOn(canvas, x, top, _sW)
            top -= flowable.getSpaceAfter()
