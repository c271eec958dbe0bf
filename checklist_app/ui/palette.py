"""The application palette: a selection that shows which list has the keyboard."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

UNFOCUSED_SHARE = 0.35  # of the selection colour left in a list without the focus


def soften_unfocused_selection(app: QApplication) -> None:
    """Selected rows of a list or table without the focus in a paler colour, with dark text.

    The tree and the items table drew their selected rows in one solid blue whichever had
    the focus, so nothing told where the arrow keys would go. Qt paints views without the
    focus from the palette's Inactive group; here it is a mix of the selection colour and
    the background, as Windows and most Linux desktops show it.
    """
    _set_unfocused_colours(app)
    hints = app.styleHints()
    if hasattr(hints, "colorSchemeChanged") and not getattr(app, "_follows_scheme", False):
        # a switch between light and dark while the app runs: mixed again from the new colours
        hints.colorSchemeChanged.connect(lambda _scheme: _set_unfocused_colours(app))
        app._follows_scheme = True  # type: ignore[attr-defined]


def _set_unfocused_colours(app: QApplication) -> None:
    """Only the two colours are the app's own: every other one still follows the system
    (and its light or dark scheme)."""
    current = app.palette()
    active = QPalette.ColorGroup.Active
    highlight = current.color(active, QPalette.ColorRole.Highlight)
    base = current.color(active, QPalette.ColorRole.Base)
    palette = QPalette()
    palette.setResolveMask(0)
    palette.setColor(QPalette.ColorGroup.Inactive, QPalette.ColorRole.Highlight,
                     _mix(highlight, base, UNFOCUSED_SHARE))
    palette.setColor(QPalette.ColorGroup.Inactive, QPalette.ColorRole.HighlightedText,
                     current.color(active, QPalette.ColorRole.Text))
    app.setPalette(palette)


def _mix(colour: QColor, background: QColor, share: float) -> QColor:
    def part(ours: int, theirs: int) -> int:
        return round(ours * share + theirs * (1 - share))

    return QColor(part(colour.red(), background.red()), part(colour.green(), background.green()),
                  part(colour.blue(), background.blue()))
