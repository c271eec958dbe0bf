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
    )
]


def fold_punctuation(text: str) -> str:
    """Full-width ASCII punctuation and digits to ASCII; odd spaces to plain spaces."""
    return text.translate(_PUNCT_TABLE)


def strip_pinyin_glosses(text: str) -> str:
    """Remove glosses such as ``(xíng)``, including nested ones: ``(元器(qì)件)`` → ``(元器件)``."""
    previous = None
    while previous != text:
        previous, text = text, _PINYIN_GLOSS.sub("", text)
    return text


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
        line = re.sub(r"[ \t]+", " ", line).strip()
        if line and not is_noise_line(line):
            lines.append(line)
    return "\n".join(lines)
