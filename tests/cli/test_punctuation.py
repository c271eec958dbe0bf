"""Chinese output punctuated as Chinese: full-width colons in help, errors and warnings."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator

import pytest

from checklist_app.cli import build_parser, main
from checklist_app.i18n import set_language

CJK_THEN_ASCII_COLON = re.compile(r"[\u4e00-\u9fff]:")


def all_help(parser: argparse.ArgumentParser) -> Iterator[str]:
    """The help of a parser and of every subcommand below it."""
    yield parser.format_help()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                yield from all_help(child)


def test_chinese_help_headings_end_in_a_full_width_colon() -> None:
    set_language("zh_CN")
    helps = list(all_help(build_parser()))
    assert len(helps) > 20
    assert all("选项：\n" in text for text in helps)
    assert any("位置参数：\n" in text for text in helps)
    assert not [text for text in helps if CJK_THEN_ASCII_COLON.search(text)]


def test_english_help_keeps_the_ascii_colon() -> None:
    set_language("en")
    text = build_parser().format_help()
    assert "positional arguments:\n" in text and "options:\n" in text


def test_errors_use_the_language_colon(db: str, capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(["set", db, "chongqing-2022/九", "--status", "done"]) == 2
    assert capsys.readouterr().err.startswith("checklist：“chongqing-2022/九”")
    monkeypatch.setenv("CHECKLIST_APP_LANG", "en")
    assert main(["set", db, "chongqing-2022/九", "--status", "done"]) == 2
    assert capsys.readouterr().err.startswith("checklist: chongqing-2022/九")
