"""Table building blocks shared by the annexes: escaped cells, ruled tables, inline bars."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from itertools import pairwise

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.platypus import Flowable, Table, TableStyle

from checklist_app.report.cells import ContinuedCell, TextCell, layout
from checklist_app.report.column_balance import balanced
from checklist_app.report.fonts import FontRole, FontSet
from checklist_app.report.kinsoku import segments
from checklist_app.report.paragraphs import text_paragraph
from checklist_app.report.styles import Styles

HEADER_BACKGROUND = colors.HexColor("#E6E6E6")
GAP_BACKGROUND = colors.HexColor("#FBE3E3")  # 上级任务未承接
BAR_COLOR = colors.HexColor("#3A6EA5")
BAR_TRACK = colors.HexColor("#DDDDDD")

Cell = str | Flowable
PADDING = 6.0  # left + right cell padding


# A run of Latin letters, digits and marks (a file's short hash in brackets, a date): cut
# only when no room can be found for it.
_LATIN_WORD = re.compile(r"[!-~]{6,}")
FLOOR_CHARACTERS = 6  # a column keeps room for this many characters when giving room away
KEPT_SHARE = 0.9  # and at least this share of its width
LATIN_STRETCH = 1.25  # a column widens for a Latin run at most this much wider than it


def _glued(text: str, words: Collection[str]) -> list[str]:
    """The pieces of ``text`` no line break goes through (``kinsoku.segments``) that hold
    one of ``words``: a kept word with the marks the 禁则 glue to it, a file's short hash
    with its brackets."""
    if not any(word in text for word in words):
        return []
    pieces = [text[start:end].strip() for start, end in segments(text, words)]
    return [piece for piece in pieces if any(word in piece for word in words)]


def _make_room(widths: list[float], need: list[float]) -> list[float]:
    """``widths`` with each column at least its ``need``, the room taken from the others in
    proportion to their widths."""
    short = {c: n for c, n in enumerate(need) if n > widths[c]}
    if not short:
        return list(widths)
    rest = sum(w for c, w in enumerate(widths) if c not in short)
    scale = (rest - sum(short[c] - widths[c] for c in short)) / rest if rest else 1.0
    return [short.get(c, w * scale) for c, w in enumerate(widths)]


def _raised(widths: list[float], minimum: list[float]) -> list[float]:
    """``widths`` (same total) with each column at least its ``minimum``, the room taken
    from what the others have beyond theirs, in proportion."""
    short = sum(max(0.0, m - w) for w, m in zip(widths, minimum, strict=True))
    spare = [max(0.0, w - m) for w, m in zip(widths, minimum, strict=True)]
    if not short:
        return list(widths)
    return [max(w, m) - room * short / sum(spare)
            for w, m, room in zip(widths, minimum, spare, strict=True)]


def _share(widths: list[float], need: list[float], floor: float) -> list[float]:
    """``widths`` (same total), each column given its ``need`` where the others can spare
    it: a column gives only what it has beyond its own need, beyond ``floor`` and beyond
    KEPT_SHARE of its width (a note squeezed to a few characters breaks against the 禁则; a
    file's hash in brackets broke before its ）). When they cannot spare all that is
    wanted, each wish gets its share."""
    wanted = [max(0.0, n - w) for w, n in zip(widths, need, strict=True)]
    spare = [max(0.0, w - max(n, min(w, floor), w * KEPT_SHARE)) if not want else 0.0
             for w, n, want in zip(widths, need, wanted, strict=True)]
    asked, free = sum(wanted), sum(spare)
    if not asked or not free:
        return list(widths)
    given = min(asked, free)
    return [w + want * given / asked - room * given / free
            for w, want, room in zip(widths, wanted, spare, strict=True)]


def _rules(rows: int, joined: Collection[int]) -> list[tuple]:
    """A ruled grid; a split row's parts on one page read as one row: no rule between them
    (a part on a later page is closed by the table's frame there)."""
    if not joined:
        return [("GRID", (0, 0), (-1, -1), 0.5, colors.black)]
    between = set(joined)
    return [("BOX", (0, 0), (-1, -1), 0.5, colors.black),
            ("LINEBEFORE", (1, 0), (-1, -1), 0.5, colors.black),
            *(("LINEBELOW", (0, r), (-1, r), 0.5, colors.black)
              for r in range(rows - 1) if r not in between)]


class TableKit:
    """Makes ruled tables whose cells wrap CJK text and that split across pages."""

    def __init__(self, fonts: FontSet, styles: Styles, width: float, height: float,
                 keep: Collection[str] = ()) -> None:
        self.fonts, self.styles, self.width, self.height = fonts, styles, width, height
        size = styles.cell.fontSize
        # Words never split (status words), with their widths in body cells.
        self.keep = {word: fonts.string_width(word, size, FontRole.SONG) for word in keep}
        # balanced widths by the table's text: the PDF and the Word copy ask for the same
        self._balanced: dict[tuple, list[float]] = {}

    def cell(self, text: str, *, header: bool = False, width: float | None = None) -> Flowable:
        """A body cell broken to ``width`` (a TextCell); headers and free cells: Paragraphs."""
        if header or width is None:
            style = self.styles.header if header else self.styles.cell
            role = FontRole.HEADING if header else FontRole.SONG
            return text_paragraph(self.fonts, text, style, role)
        size, leading = self.styles.cell.fontSize, self.styles.cell.leading
        lines = layout(self.fonts, text, FontRole.SONG, size, width, self.keep)
        return TextCell(lines, size, leading)

    def widths(self, weights: Sequence[float], width: float | None = None) -> list[float]:
        total, width = sum(weights), width or self.width
        return [width * w / total for w in weights]

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[Cell]],
        weights: Sequence[float],
        *,
        highlight: Sequence[int] = (),
        width: float | None = None,
        continued: str = "",
        whole: Collection[int] = (),
        column_keep: Mapping[int, Collection[str]] | None = None,
        centred: Collection[int] = (),
        balance: bool = False,
    ) -> Table:
        """A ruled table; the header repeats on every page and tall rows split, the parts
        after the first naming their row by its first cell and ``continued`` (（续）).
        ``highlight``: rows (of ``rows``) shaded, with every part of them; ``whole``:
        columns made wide enough that their cells need not break (up to twice their
        share); ``column_keep``: words kept whole in one column only (department names);
        ``centred``: columns whose cells are centred (short figures: 数量, 占比, 年份);
        ``balance``: widths moved to where they make the table shortest (column_balance)."""
        widths = self.column_widths(header, rows, weights, width=width, whole=whole,
                                    column_keep=column_keep, balance=balance)
        keeps = self._keeps(len(header), column_keep or {})
        table = self._ruled(header, rows, widths, keeps, highlight, continued)
        table.setStyle([("ALIGN", (c, 1), (c, -1), "CENTER") for c in centred])
        return table

    def column_widths(self, header: Sequence[str], rows: Sequence[Sequence[Cell]],
                      weights: Sequence[float], *, width: float | None = None,
                      whole: Collection[int] = (),
                      column_keep: Mapping[int, Collection[str]] | None = None,
                      balance: bool = False) -> list[float]:
        """The widths :meth:`table` gives these columns (the Word copy's tables take them)."""
        keeps = self._keeps(len(header), column_keep or {})
        widths = self.fitted(self.widths(weights, width), rows, whole, keeps)
        if not balance or not rows:
            return widths
        text = tuple(tuple(c if isinstance(c, str) else id(c) for c in row) for row in rows)
        key = (tuple(header), text, tuple(widths), tuple(whole),
               tuple(tuple(sorted(k)) for k in keeps))
        if key not in self._balanced:
            self._balanced[key] = self.balanced(widths, rows, whole, keeps)
        return list(self._balanced[key])

    def balanced(self, widths: list[float], rows: Sequence[Sequence[Cell]],
                 whole: Collection[int], keeps: Sequence[Mapping[str, float]]) -> list[float]:
        """``widths`` moved between columns to make the rows fewer lines; a ``whole`` column
        never narrows, the others keep room for their kept words and Latin runs (given it
        first, where the weights left too little: 市市场监管局 broke in the compact copy)
        and a few characters."""
        size = self.styles.cell.fontSize
        floor = FLOOR_CHARACTERS * size + PADDING
        minimum = [width if column in whole else max(min(width, floor), PADDING + max(
            (max(self._widest(row[column], keeps[column]), self._unbroken(row[column], width))
             for row in rows if isinstance(row[column], str)), default=0.0))
            for column, width in enumerate(widths)]

        def lines(column: int, row: int, width: float) -> int:
            cell = rows[row][column]
            if not isinstance(cell, str):
                return 1
            return len(layout(self.fonts, cell, FontRole.SONG, size, width - PADDING,
                              keeps[column]))

        if sum(minimum) > sum(widths):  # too narrow a table for all its kept words
            return widths
        return balanced(_raised(widths, minimum), minimum, len(rows), lines)

    def _ruled(self, header: Sequence[str], rows: Sequence[Sequence[Cell]],
               widths: list[float], keeps: list[dict[str, float]], highlight: Sequence[int],
               continued: str) -> Table:
        data: list[list[Cell]] = [[self.cell(h, header=True) for h in header]]
        shaded: list[int] = []
        joined: list[int] = []  # parts of a split row but its last: no rule below them
        highlighted = set(highlight)
        for number, row in enumerate(rows):
            parts = self.fit_row(row, widths, continued, keeps)
            if number in highlighted:
                shaded += range(len(data), len(data) + len(parts))
            joined += range(len(data), len(data) + len(parts) - 1)
            data += parts
        style = [
            self.font_command(),
            *_rules(len(data), joined),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_BACKGROUND),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), PADDING / 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), PADDING / 2),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        for r in joined:  # the parts' lines nearly as evenly spaced as within one cell
            style += [("BOTTOMPADDING", (0, r), (-1, r), 0),
                      ("TOPPADDING", (0, r + 1), (-1, r + 1), 1)]
        style += [("BACKGROUND", (0, r), (-1, r), GAP_BACKGROUND) for r in shaded]
        return Table(
            data,
            colWidths=widths,
            repeatRows=1,
            style=TableStyle(style),
            hAlign="LEFT",
        )

    def _keeps(self, columns: int,
               column_keep: Mapping[int, Collection[str]]) -> list[dict[str, float]]:
        """Per column, the words kept whole there with their widths: the table's, and the
        column's own."""
        size = self.styles.cell.fontSize
        return [self.keep | {word: self.fonts.string_width(word, size, FontRole.SONG)
                             for word in column_keep.get(column, ())}
                for column in range(columns)]

    def fitted(self, widths: list[float], rows: Sequence[Sequence[Cell]],
               whole: Collection[int] = (),
               keeps: Sequence[Mapping[str, float]] | None = None) -> list[float]:
        """``widths``, each column first made wide enough for its widest status word or date
        (the table's ``keep`` words: never split, the room taken from the other columns in
        proportion), then, where the others can spare it, for the words kept in it alone,
        its Latin runs and, in a ``whole`` column, its widest cell (up to twice as wide)."""
        must, may = [0.0] * len(widths), [0.0] * len(widths)
        for row in rows:
            for column, cell in enumerate(row):
                if not isinstance(cell, str):
                    continue
                must[column] = max(must[column], self.widest_kept(cell))
                kept = keeps[column] if keeps else self.keep
                may[column] = max(may[column], self._widest(cell, kept),
                                  self._unbroken(cell, widths[column], column in whole))
        widths = _make_room(widths, [n + PADDING if n else 0.0 for n in must])
        floor = FLOOR_CHARACTERS * self.styles.cell.fontSize + PADDING
        wished = [max(m, n) + PADDING if max(m, n) else 0.0
                  for m, n in zip(must, may, strict=True)]
        return _share(widths, wished, floor)

    def _unbroken(self, cell: str, width: float, whole: bool = False) -> float:
        """The room asked for ``cell`` beyond its keep words: all of it in a ``whole``
        column (up to twice ``width``), else its Latin runs that nearly fit (a 64-digit hash
        wraps anyway and asks for none)."""
        size = self.styles.cell.fontSize
        if whole:
            return min(self.fonts.string_width(cell, size, FontRole.SONG), 2 * width - PADDING)
        runs = (self.fonts.string_width(run, size, FontRole.SONG)
                for run in _glued(cell, _LATIN_WORD.findall(cell)))
        return max((run for run in runs if run <= LATIN_STRETCH * width), default=0.0)

    def _widest(self, text: str, keep: Collection[str]) -> float:
        """The width of the widest kept word in ``text``, with the marks glued to it (0
        when none is there)."""
        size = self.styles.cell.fontSize
        return max((self.fonts.string_width(piece, size, FontRole.SONG)
                    for piece in _glued(text, keep)), default=0.0)

    def widest_kept(self, text: str) -> float:
        return self._widest(text, self.keep)

    def fit_row(self, row: Sequence[Cell], widths: list[float], continued: str = "",
                keeps: Sequence[Mapping[str, float]] | None = None) -> list[list[Cell]]:
        """A row of cells, or several when a cell is too long for one page: its lines
        continue in the row below, whose first cell (done by then) names the row again
        with ``continued`` after it, so that a part on the next page says whose it is.

        reportlab's own splitting inside rows (``splitInRow``) repeats the header in the
        middle of a page in reportlab 5.1, and a row taller than a page cannot be laid out.
        The lines are counted as they are broken, so a row splits only when it must.
        """
        size, leading = self.styles.cell.fontSize, self.styles.cell.leading
        keeps = keeps or [self.keep] * len(row)
        lines = [layout(self.fonts, c, FontRole.SONG, size, w - PADDING, kept)
                 if isinstance(c, str) else None
                 for c, w, kept in zip(row, widths, keeps, strict=True)]
        # A row up to 60% of a page stays whole (it moves to the next page if it must); a
        # taller one is cut in parts of a quarter page, which join seamlessly on one page and
        # so fill the page the row starts on rather than leave its lower half blank.
        tallest = max((len(cell) for cell in lines if cell is not None), default=0)
        most = max(4, int((0.6 if tallest <= 0.6 * self.height / leading else 0.25)
                          * self.height / leading))
        count = max((-(-len(cell) // most) for cell in lines if cell is not None), default=1)
        parts = [[TextCell(cell[part * most:(part + 1) * most], size, leading)
                  if cell is not None else (original if part == 0 else "")
                  for cell, original in zip(lines, row, strict=True)]
                 for part in range(max(count, 1))]
        first = row[0] if row else None
        if continued and isinstance(first, str) and lines[0] is not None:
            again = layout(self.fonts, first + continued, FontRole.SONG, size,
                           widths[0] - PADDING, self.keep)
            for before, part in pairwise(parts):
                if not part[0].lines:  # the first cell ended in an earlier part
                    part[0] = ContinuedCell(again[:most], size, leading, before[0])
        return parts

    def font_command(self) -> tuple:
        """Table cells otherwise set an unembedded Helvetica, even for Paragraph cells."""
        return ("FONTNAME", (0, 0), (-1, -1), self.fonts.latin.name)

    def bar(self, fraction: float, width: float, label: str) -> Drawing:
        """A horizontal bar (reportlab graphics) showing a completion rate."""
        height = self.styles.table_size * 1.4
        track = width * 0.68
        drawing = Drawing(width, height)
        drawing.initialFontName = self.fonts.latin.name  # else the renderer sets Helvetica
        drawing.add(Rect(0, 1, track, height - 2, fillColor=BAR_TRACK, strokeColor=None))
        filled = track * min(max(fraction, 0.0), 1.0)
        if filled > 0:
            drawing.add(Rect(0, 1, filled, height - 2, fillColor=BAR_COLOR, strokeColor=None))
        drawing.add(
            String(
                track + 3,
                height * 0.25,
                label,
                fontName=self._label_font(label),
                fontSize=self.styles.table_size * 0.9,
            )
        )
        return drawing

    def _label_font(self, label: str) -> str:
        """The table's own face for a rate (50.0%), as its other figures are set; the Latin
        fallback only where that face lacks one of its characters."""
        face = self.fonts.roles[FontRole.SONG]
        return face.name if all(face.has(char) for char in label) else self.fonts.latin.name

