"""Chinese line breaking (禁则, kinsoku): where a line may end, shared by paragraphs and cells.

A line may break between any two CJK characters except that closing punctuation (，。）》” …)
never starts a line, opening punctuation (（《“ …) never ends one, —— and …… never split,
Latin words and numbers ("10.0%", "pdf") stay whole and break only at spaces, so do
numbers in Chinese numerals (a clause's （三十一）), a number keeps the measure word after
it (56项), and words
given as ``keep`` (status words in tables) are never split. When a line is full, an
overflowing comma or full stop may hang onto it (``hang``: the paragraph squeezes that line
to fit); otherwise the line ends at the last allowed break and the characters after it go
down. Only a run with no allowed break at all (a file hash, a long URL) is cut where it
overflows, or a little before, so that its closing bracket does not start the next line.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

# 行首禁则: 点号, closing brackets and quotes, 连接号, 间隔号 and units after a number.
CANNOT_START = frozenset(
    "，。、；：？！．,.;:?!"
    "）］｝〕〉》」』】〗〙)]}”’"
    "～~–・·％%‰℃°′″"
)
UNSPLIT = frozenset("—…")  # 破折号 —— and 省略号 …… may start a line but never split
# Measure words and units that stay on the line of the number they count: 56项, 12个, 2024年.
NUMBER_UNITS = frozenset("项个件次年月日号人家名元万亿台座条批类份篇部处所倍岁天周")
# Chinese numerals: a number written in them (三十一, 二〇二五) is not split over two lines.
CHINESE_DIGITS = frozenset("〇零一二三四五六七八九十百千两")
# 行尾禁则: opening brackets and quotes, and prefixes that belong to what follows them.
CANNOT_END = frozenset("（［｛〔〈《「『【〖〘([{“‘＄￥$£€")
# 点号 that may hang onto a full line instead of starting the next one.
HANGING = frozenset("，。、；：？！．,.;:?!")
FUZZ = 1e-6

Span = tuple[int, int]  # a line: text[start:end], trailing spaces left out


def _narrow(char: str) -> bool:
    """Part of a Latin word or number: no break between two of these."""
    return char < "\u2e80" and not char.isspace()


def may_break(before: str, after: str) -> bool:
    """Whether a line may end between the characters ``before`` and ``after``."""
    if after in CANNOT_START or before in CANNOT_END or (before == after and after in UNSPLIT):
        return False
    if after in NUMBER_UNITS and before.isdigit():
        return False
    if before in CHINESE_DIGITS and after in CHINESE_DIGITS:
        return False
    if before.isspace():
        return True
    return not (after.isspace() or (_narrow(before) and _narrow(after)))


def kept_positions(text: str, keep: Collection[str]) -> set[int]:
    """Indexes ``i`` inside an occurrence of a ``keep`` word: no break before ``text[i]``."""
    inside: set[int] = set()
    for word in keep:
        start = text.find(word)
        while start >= 0:
            inside.update(range(start + 1, start + len(word)))
            start = text.find(word, start + 1)
    return inside


class _Breaker:
    """Greedy line filling of one paragraph with the rules above."""

    def __init__(self, text: str, keep: Collection[str]) -> None:
        self.text, self.keep = text, keep
        self._kept: set[int] | None = None

    def allowed(self, index: int) -> bool:
        """A break before ``text[index]``."""
        text = self.text
        if index >= len(text):
            return True
        if index <= 0 or not may_break(text[index - 1], text[index]):
            return False
        if self._kept is None:
            self._kept = kept_positions(text, self.keep) if self.keep else set()
        return index not in self._kept

    def end_of_full_line(self, start: int, overflow: int, hang: bool) -> int:
        """Where a line from ``start`` ends when ``text[overflow]`` no longer fits on it."""
        char = self.text[overflow]
        if (char.isspace() or (hang and char in HANGING)) and self.allowed(overflow + 1):
            return overflow + 1
        for index in range(overflow, start, -1):
            if self.allowed(index):
                return index
        for index in range(overflow, start, -1):  # a kept word fills the line: the 禁则 first
            if may_break(self.text[index - 1], self.text[index]):
                return index
        for index in range(overflow, start, -1):  # cut the unbreakable run (a file hash)
            if self.text[index] not in CANNOT_START and self.text[index - 1] not in CANNOT_END:
                return index  # inside it, not before its closing bracket
        return max(overflow, start + 1)


def segments(text: str, keep: Collection[str] = ()) -> list[Span]:
    """``text`` cut at every place a line may end: the pieces no line break goes through,
    such as a kept word with the marks the 禁则 glue to it (“长期坚持”）。)."""
    breaker = _Breaker(text, keep)
    cuts = [index for index in range(1, len(text)) if breaker.allowed(index)]
    return list(zip([0, *cuts], [*cuts, len(text)], strict=True))


def break_lines(
    text: str,
    widths: Sequence[float],
    max_widths: Sequence[float],
    *,
    hang: bool = False,
    keep: Collection[str] = (),
) -> list[Span]:
    """Lines of ``text`` (one paragraph, ``widths`` per character) as (start, end) spans.

    Line ``n`` is ``max_widths[n]`` wide (the last width repeats). With ``hang`` a line may
    be one 点号 wider than its width.
    """
    breaker = _Breaker(text, keep)
    lines: list[Span] = []
    start, used, index = 0, 0.0, 0
    limit = max_widths[0]
    while index < len(text):
        used += widths[index]
        if used > limit + FUZZ and index > start:
            end = breaker.end_of_full_line(start, index, hang)
            lines.append((start, _trimmed(text, start, end)))
            start, index, used = end, end, 0.0
            limit = max_widths[min(len(lines), len(max_widths) - 1)]
            continue
        index += 1
    if start < len(text) or not lines:
        lines.append((start, len(text)))
    return lines


def _trimmed(text: str, start: int, end: int) -> int:
    """``end`` moved back over trailing spaces."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
