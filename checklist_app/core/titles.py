"""Titles and text quoted between book-title marks or quotation marks (GB/T 15834)."""

from __future__ import annotations

# Inside “…” the quotation marks alternate: “…‘…“…”…’…” (GB/T 15834-2011, 4.1.3.3).
_ALTERNATE_QUOTES = str.maketrans("“”‘’", "‘’“”")


PLACE_TITLE_CHARS = 10  # of an item's title, after its number, where a place is named


def shortened(text: str, chars: int) -> str:
    """``text`` cut to ``chars`` characters, the last an ellipsis, where it runs longer."""
    return text if len(text) <= chars else text[:chars - 1] + "…"


def nested_quotes(text: str) -> str:
    """``text`` as it reads inside “…”: its own double quotes single and the reverse
    (附表“十四五”工作计划 → 附表‘十四五’工作计划)."""
    return text.translate(_ALTERNATE_QUOTES)


def quoted(text: str) -> str:
    """``text`` between “”, its own quotation marks nested: never “…“…”…”."""
    return f"“{nested_quotes(text)}”"


def standalone_title(title: str) -> str:
    """A title shown on its own, not between 《》: the 〈〉 it keeps for printing inside 《》
    back to 《》 (关于贯彻《国家标准化发展纲要》的实施意见)."""
    return title.replace("〈", "《").replace("〉", "》")


def inner_title(title: str, nested: tuple[str, str] = ("〈", "〉")) -> str:
    """A title to print between 《》: marks around the whole title dropped, the 《》 inside
    it made ``nested`` (《关于贯彻〈纲要〉的意见》, never 《…《…》…》).

    Only marks that enclose the whole title are dropped: 《纲要》实施方案 keeps its own.
    """
    text = title.strip()
    if text.startswith("“") and text.endswith("”"):
        text = text[1:-1].strip()
    if _enclosed(text):
        text = text[1:-1]
    return text.replace("《", nested[0]).replace("》", nested[1])


def _enclosed(text: str) -> bool:
    """Whether the 《 that opens ``text`` is closed by its last character."""
    if not (text.startswith("《") and text.endswith("》")):
        return False
    depth = 0
    for position, char in enumerate(text):
        depth += (char == "《") - (char == "》")
        if depth == 0:
            return position == len(text) - 1
    return False
