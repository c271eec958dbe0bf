"""ASCII marks in Chinese sentences print full-width; figures and Latin text keep theirs."""

from __future__ import annotations

import pytest

from checklist_app.core.punctuation import full_width_punctuation


@pytest.mark.parametrize(("text", "printed"), [
    ("实施方案(2024—2025年)", "实施方案（2024—2025年）"),
    ("到2025年,支撑辽宁高质量发展;推进", "到2025年，支撑辽宁高质量发展；推进"),
    ("新增参与制定(修订)国际标准10项以上", "新增参与制定（修订）国际标准10项以上"),
    ("参与(ISO)标准", "参与（ISO）标准"), ("目标:达到85%", "目标：达到85%"),
    ("(市科技局、市经济信息委等按职责分工负责)", "（市科技局、市经济信息委等按职责分工负责）"),
    ("GB/T 9704,规定", "GB/T 9704，规定"),
    ('打造"渝悦"系列标准', "打造“渝悦”系列标准"),
    ('"一网通办"和"跨省通办"', "“一网通办”和“跨省通办”"),
    ("称'标准化+'行动", "称‘标准化+’行动"), ('叫"ISO"的', "叫“ISO”的"),
    ("一是完善机制;二是制定方案.", "一是完善机制；二是制定方案。"),
    ("已完成.下一步推进\n试点.", "已完成。下一步推进\n试点。"), ('称"渝悦".', "称“渝悦”。"),
    ("任务:一.建立机制;二.完善制度.", "任务：一.建立机制；二.完善制度。"),  # headings' 一.
    # a file name later in the text is no reason to keep this sentence's full stop
    ("一是成立专班.二是定方案;见纪要.定稿.docx", "一是成立专班。二是定方案；见纪要.定稿.docx"),
])
def test_marks_in_chinese_print_full_width(text: str, printed: str) -> None:
    assert full_width_punctuation(text) == printed


@pytest.mark.parametrize("text", ["1,250项", "10:30开会", "see (a) and b, c", "(a", "a)",
                                  'the "ISO" label', "it's Tom's", '一个"引号', "第1.2条",
                                  "见方案.pdf", "标准化等...", "达到3.5%", "Done. 标准",
                                  "二.主要任务", "概述\n十二.保障措施", "增长１.５%",
                                  "第３.１条", "Ｖ２.０版", "庆祝五.一劳动节",
                                  "会议纪要.定稿.docx"])
def test_figures_latin_text_and_unmatched_brackets_keep_theirs(text: str) -> None:
    assert full_width_punctuation(text) == text


@pytest.mark.parametrize(("typed", "printed"), [
    ('显示器27"和32"各一台', '显示器27"和32"各一台'),  # inch marks, no quotes
    ('屏幕27"，另"渝悦"系列', '屏幕27"，另“渝悦”系列'),  # one inch mark shifts no pair
    ("Tom's 标准 and Jerry's", "Tom's 标准 and Jerry's"),  # apostrophes
    ("don't 修改 it's", "don't 修改 it's"),
    ('第一行"未闭合\n第二行"渝悦"', '第一行"未闭合\n第二行“渝悦”'),  # pairs within a line
    ('"2025"年目标', "“2025”年目标"),
])
def test_marks_that_are_no_quotes_shift_no_pair(typed: str, printed: str) -> None:
    """Quotes were paired first with second over the whole note: one inch mark or
    apostrophe turned every later pair inside out (27“和32”)."""
    assert full_width_punctuation(typed) == printed
