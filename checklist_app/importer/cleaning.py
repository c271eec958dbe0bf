"""Clean web-scraped policy text: punctuation, pinyin glosses, navigation noise."""

from __future__ import annotations

import re
from collections.abc import Callable

# Full-width ASCII forms (（）,，.．：；０-９…) fold to ASCII, as the shipped sources print them.
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_SPACES = {0x3000: " ", 0x00A0: " ", 0x200B: None, 0xFEFF: None, 0x2002: " ", 0x2003: " "}
_PUNCT_TABLE = {**_FULLWIDTH, **_SPACES}

_TONE_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
# A pinyin gloss: a short lowercase syllable in parentheses straight after a CJK character,
# e.g. 行(xíng)業, 國家(jiā), 所得(de). Real parentheticals hold CJK, capitals or spaces.
_PINYIN_GLOSS = re.compile(rf"(?<=[\u3400-\u9fff\u3007])\((?:[a-z{_TONE_VOWELS}]{{1,6}})\)")

_NOISE_LINES = [
    re.compile(pattern)
    for pattern in (
        r"^News Center$",
        r"^(?:在线咨询|在線諮詢|客服电话|客服電話|微信客服|返回顶部|返回頂部)$",
        r"^(?:服务热线|服務熱線)[:：].*$",
        r"^(?:上一篇|下一篇)[:：].*$",
        r"^(?:相关词条|相關詞條|热门词条|熱門詞條|联络我们|聯絡我們|基本介绍|基本介紹)$",
        r"^企业政策\d{4}$",
        r"^[|｜\s]+$",
        r"^(?:发布时间|發布時間|浏览次数|瀏覽次數|浏覽次數|阅读次数|點擊數|点击数)[:：].*$",
        r"^(?:新闻|新聞|行业新闻|行業新聞|首页|首頁)$",
        r"^•.*$",
        # a web page's footer, copied with the text: 【打印本页】 【关闭窗口】, the QR-code line,
        # the site's owner and its ICP record
        r"^(?:【[^】\n]{1,12}】\s*)+$",
        r"^(?:扫一扫|掃一掃).{0,20}$",
        r"^(?:版权所有|版權所有|主办单位|主辦單位|技术支持|技術支持|网站标识码|網站標識碼)[:：].*$",
        r"^.*ICP[备備]\d+.*$",
        # the page's buttons without brackets: 打印本页 关闭窗口, 【字体:大 中 小】
        r"^(?:[【\[]?(?:打印本页|打印本頁|打印此页|关闭窗口|關閉窗口|关闭本页|收藏本页|加入收藏"
        r"|分享到|字体[:：]?\s*大\s*中\s*小|字號[:：]?\s*大\s*中\s*小)[】\]]?\s*)+$",
    )
]

# Web pages space Chinese as they would English ("auto-spacing" editors, copies through a
# browser): ( 一 ) for (一), 标准 10 项以上, 推动成果转化. 开展…, 开展 "标准化+" 行动. Those
# spaces and half-width stops cut titles short and hide headings and targets; a space that
# introduces a heading (…转化. 2. 推进…) is kept, headings after a space are inline ones.
_CJK = "\u3400-\u9fff\u3007"
_SPACED_MARKER = re.compile(r"\(\s+([一二三四五六七八九十]{1,4}|\d{1,3})\s*\)"
                            r"|\(([一二三四五六七八九十]{1,4}|\d{1,3})\s+\)")
_NEXT_IS_MARKER = r"(?!\(?(?:[一二三四五六七八九十]{1,4}|\d{1,3})[)、.])"
_UNIT_START = "%项項个個家名所座件次倍万萬亿億人亩畝类類场場期天小以左"
_SPACED_FIGURE = re.compile(
    rf"(?<=[{_CJK}]) (?=\d+(?:\.\d+)? ?[{_UNIT_START}])"  # 标准 10 项
    rf"|(?<=\d) (?=[{_UNIT_START}])"  # 10 项
    r"|(?<=%) (?=以|左)")  # 90% 以上
_HALF_WIDTH_STOP = re.compile(
    rf"(?<=[{_CJK}\"”)])\.(?: +{_NEXT_IS_MARKER}|(?= |$|[{_CJK}(]))")
_SPACED_PAUSE = re.compile(rf"(?<=[{_CJK}\"”)])([,;:]) +{_NEXT_IS_MARKER}")
_SPACED_QUOTE = re.compile(rf'(?<=[{_CJK}]) (?=")|(?<=") (?=[{_CJK}])')
_LEADING_SECTION_DOT = re.compile(r"^[一二三四五六七八九十]{1,3}\.")


def fold_punctuation(text: str) -> str:
    """Full-width ASCII punctuation and digits to ASCII; odd spaces to plain spaces."""
    return text.translate(_PUNCT_TABLE)


def strip_pinyin_glosses(text: str) -> str:
    """Remove glosses such as ``(xíng)``, including nested ones: ``(元器(qì)件)`` → ``(元器件)``."""
    previous = None
    while previous != text:
        previous, text = text, _PINYIN_GLOSS.sub("", text)
    return text


def join_web_spacing(line: str) -> str:
    """A line of Chinese as a document writes it, not as a web page spaces it: no spaces in
    (一) or between a figure and its unit, half-width stops as 。, no space after , ; : or
    around a quote. A one-line page's space before a heading (…转化. 2. 推进) stays."""
    line = _SPACED_MARKER.sub(lambda m: f"({m[1] or m[2]})", line)
    line = _SPACED_FIGURE.sub("", line)
    marker = _LEADING_SECTION_DOT.match(line)  # 一. of a copied page is a heading
    head, rest = (line[:marker.end()], line[marker.end():]) if marker else ("", line)
    rest = _SPACED_PAUSE.sub(r"\1", _HALF_WIDTH_STOP.sub("。", rest))
    return head + _SPACED_QUOTE.sub("", rest)


def is_noise_line(line: str) -> bool:
    stripped = line.strip()
    return any(pattern.match(stripped) for pattern in _NOISE_LINES)


LINES_PER_CHECK = 5000  # lines cleaned between two cancellation checks (~50 ms)


def clean_text(raw: str, check: Callable[[], None] = lambda: None) -> str:
    """Normalized text: folded punctuation, no glosses, no noise lines, trimmed lines.

    ``check`` is called every few thousand lines: a cancelled import raises from it."""
    text = strip_pinyin_glosses(fold_punctuation(raw))
    check()
    lines = []
    for number, line in enumerate(text.split("\n"), start=1):
        if number % LINES_PER_CHECK == 0:
            check()
        line = join_web_spacing(re.sub(r"[ \t]+", " ", line).strip())
        if line and not is_noise_line(line):
            lines.append(line)
    return "\n".join(lines)
