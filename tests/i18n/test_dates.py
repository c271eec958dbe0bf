"""A day inside a sentence, as each language writes it."""

from __future__ import annotations

from datetime import date

from checklist_app.i18n import date_words, set_language


def test_a_day_in_a_chinese_sentence_is_written_in_chinese() -> None:
    """已于2026-12-07关闭 read as a table cell in the middle of a sentence."""
    assert date_words(date(2026, 12, 7)) == "2026年12月7日"
    assert date_words(None) == "?"
    set_language("en")  # the fixture sets zh_CN back
    assert date_words(date(2026, 12, 7)) == "2026-12-07"
