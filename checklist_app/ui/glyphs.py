"""Text as this screen's fonts can draw it: stand-ins for marks no font here has.

With only the bundled CJK font, 〈〉 (in 《关于贯彻〈国家标准化发展纲要〉的实施意见》) showed as
empty boxes. ``note_fonts`` works out once, on the GUI thread, which marks the application
font (with its fallbacks) cannot draw; ``on_screen`` is then a plain ``str.translate`` that
any thread may call. The stored text is never changed.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics

from checklist_app.core import Assessment, Document
from checklist_app.core.glyphs import stand_ins
from checklist_app.core.punctuation import full_width_punctuation
from checklist_app.core.titles import standalone_title
from checklist_app.i18n import _

_stand_ins: dict[int, str] = {}


def note_fonts(font: QFont) -> None:
    """Remember which lookalike marks ``font`` cannot draw (call on the GUI thread)."""
    metrics = QFontMetrics(font)
    _stand_ins.clear()
    # the screen's can be edited (a document's title): each must turn back into its mark
    _stand_ins.update(stand_ins(lambda char: metrics.inFontUcs4(ord(char)), reversible=True))


def on_screen(text: str) -> str:
    """``text`` with the marks the screen's fonts lack replaced by their stand-ins."""
    return text.translate(_stand_ins) if _stand_ins else text


def document_words(text: str) -> str:
    """A document's title or text as the window shows it: Chinese punctuation in Chinese
    sentences, as the report prints it (stored text keeps the marks it was imported with),
    with the screen's stand-ins."""
    return on_screen(full_width_punctuation(text))


def off_screen(text: str) -> str:
    """``text`` as typed over :func:`on_screen`'s: single-mark stand-ins back to the marks
    they stand for (＜纲要＞ → 〈纲要〉), so an edited title keeps 〈〉 when stored."""
    originals = {stand_in: chr(mark) for mark, stand_in in _stand_ins.items()
                 if len(stand_in) == 1}
    return text.translate(str.maketrans(originals)) if originals else text


def document_caption(document: Document, *, year: bool = False) -> str:
    """``关于贯彻《国家标准化发展纲要》的实施意见（辽宁省 2022）`` for lists and menus: the
    title on its own, so the 〈〉 it keeps for printing inside 《》 read 《》."""
    when = f" {document.year}" if year and document.year else ""
    return document_words(f"{standalone_title(document.title)}（{document.region}{when}）")


def office_and_period(assessment: Assessment) -> str:
    """Which assessment a sentence is about: 重庆市市场监督管理局 2024年度."""
    return f"{assessment.office} {assessment.period}".strip()


def assessment_name(assessment: Assessment) -> str:
    """An assessment as window titles name it: office and period, and whether it is closed
    (its number is for the switch menu only)."""
    if assessment.is_closed:
        return _("{office} {period} (closed)").format(office=assessment.office,
                                                      period=assessment.period)
    return office_and_period(assessment)
