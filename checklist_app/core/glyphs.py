"""Marks that fonts often lack, and what to show in their place.

The bundled CJK font (the only one on some machines) has no 〈〉, no circled numbers past
⑩ and no → (the report's change log: 未启动 → 已完成). The report prints a stand-in where no
font can draw the original, and says so; the app shows the same stand-ins rather than empty
boxes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from checklist_app.i18n import N_, _

# Best first. 〈〉 nest inside 《》: 《》 again, as the report's title nests them without 〈〉
# and as readers know from web copies of documents (＜＞ read as less-than and greater-than
# signs), then full-width ＜＞, then the narrow Latin ‹›. Circled numbers number lists; →
# joins a value before and after a change.
LOOKALIKES: Mapping[str, tuple[str, ...]] = {
    "〈": ("《", "＜", "‹"),
    "〉": ("》", "＞", "›"),
    "→": ("->",),
} | {chr(0x2460 + n): (f"({n + 1})",) for n in range(20)}


# Named in words where a message speaks of a mark: the screen may lack the mark itself, and
# then shows the very stand-in the message is about ("＜ printed as ＜").
_MARK_NAMES = {"〈": N_("left single book-title mark"), "〉": N_("right single book-title mark"),
               "→": N_("right arrow")}


def mark_name(mark: str) -> str:
    """``〈`` → 左单书名号, ``⑫`` → 带圈数字12: a mark named without the mark itself."""
    if mark in _MARK_NAMES:
        return _(_MARK_NAMES[mark])
    if 0x2460 <= ord(mark) <= 0x2473:
        return _("circled number {n}").format(n=ord(mark) - 0x2460 + 1)
    return mark


# Stand-ins that are marks of their own in any text: a field edited over them could not
# tell 《 standing for 〈 from 《 itself.
_TEXT_MARKS = frozenset("《》")


def stand_ins(can_draw: Callable[[str], bool], *, reversible: bool = False) -> dict[int, str]:
    """For ``str.translate``: each lookalike mark that cannot be drawn, by its first
    stand-in that can (marks with no drawable stand-in are left alone). ``reversible``:
    only stand-ins that can be turned back into their marks (for text shown to be edited;
    ＜＞, not 《》)."""
    table = {}
    for mark, choices in LOOKALIKES.items():
        if can_draw(mark):
            continue
        usable = [c for c in choices if not (reversible and _TEXT_MARKS.intersection(c))]
        drawable = next((c for c in usable if all(can_draw(char) for char in c)), None)
        if drawable is not None:
            table[ord(mark)] = drawable
    return table
