"""Table building blocks shared by the annexes: escaped cells, ruled tables, inline bars."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from checklist_app.report.fonts import FontRole, FontSet
from checklist_app.report.styles import Styles

HEADER_BACKGROUND = colors.HexColor("#E6E6E6")
GAP_BACKGROUND = colors.HexColor("#FBE3E3")  # 上级任务未承接
BAR_COLOR = colors.HexColor("#3A6EA5")
BAR_TRACK = colors.HexColor("#DDDDDD")

Cell = str | Flowable


class TableKit:
    """Makes tables of escaped Paragraph cells that wrap CJK text and split across pages."""

    def __init__(self, fonts: FontSet, styles: Styles, width: float) -> None:
        self.fonts, self.styles, self.width = fonts, styles, width

    def cell(self, text: str, *, header: bool = False) -> Paragraph:
        style = self.styles.header if header else self.styles.cell
        role = FontRole.HEADING if header else FontRole.SONG
        return Paragraph(self.fonts.markup(text, role), style)

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
    ) -> Table:
        """A ruled table; the header repeats on every page and tall rows split."""
        data = [[self.cell(h, header=True) for h in header]]
        data += [[self.cell(c) if isinstance(c, str) else c for c in row] for row in rows]
        style = [
            self.font_command(),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_BACKGROUND),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        style += [("BACKGROUND", (0, r + 1), (-1, r + 1), GAP_BACKGROUND) for r in highlight]
        return Table(
            data,
            colWidths=self.widths(weights, width),
            repeatRows=1,
            splitInRow=1,
            style=TableStyle(style),
            hAlign="LEFT",
        )

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
                fontName=self.fonts.latin.name,
                fontSize=self.styles.table_size * 0.9,
            )
        )
        return drawing
