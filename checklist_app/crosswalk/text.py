"""Text preparation for matching: one script, no punctuation, no boilerplate.

Policy documents of different levels share wording but not script (Guangdong and Wenzhou are
published in traditional characters, scraped pages add pinyin glosses such as ``行(xíng)業``)
and every clause is padded with the same verbs (加强, 推进, 完善…). Matching works on the
*content runs* that are left once those are folded away.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

import opencc

# Pinyin glosses of scraped pages: 行(xíng)業, 國家(jiā).
_PINYIN_GLOSS = re.compile(r"\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüń]+\)")
# A trailing department list: (市科技局、市经济信息委等按职责分工负责).
_DEPARTMENTS = re.compile(r"\([^()]*(?:负责|落实)\)\s*$")

# Taiwan-style vocabulary of scraped traditional pages that OpenCC t2s leaves as it is.
_VARIANT_WORDS = {
    "智慧型": "智能",
    "数位化": "数字化",
    "数位": "数字",
    "网际网路": "互联网",
    "最佳化": "优化",
    "套用": "应用",
    "资讯": "信息",
    "软体": "软件",
    "计画": "计划",
}

# Broader terms that the outline uses for the names local documents give them: a clause on
# 成渝地区双城经济圈 or 粤港澳大灣區 is a clause on regional (区域) standardization.
CONCEPTS = {
    "区域": ("经济圈", "经济带", "大湾区", "城市群", "都市圈", "毗邻地区", "长三角", "珠三角",
             "京津冀"),
}

# Words that pad nearly every clause: they say how, not what, and must not make two clauses
# look alike. Longest first, so that 标准化 goes before 标准 would.
BOILERPLATE = tuple(
    sorted(
        {
            "进一步", "标准化", "加强", "推进", "完善", "建设", "推动", "健全", "建立",
            "开展", "实施", "提升", "加快", "促进", "强化", "积极", "深化", "深入", "大力",
            "不断", "持续", "支持", "鼓励", "有关", "相关", "方面", "重点", "一批", "工作",
            "领域", "提高", "全面", "充分", "发挥", "构建", "形成", "着力", "切实", "努力",
            "培育", "壮大", "围绕", "加大", "力度", "探索", "统筹", "引导", "有效", "行动",
        },
        key=lambda word: (-len(word), word),
    )
)
_SPLIT = re.compile("|".join(map(re.escape, BOILERPLATE)) + r"|[^\u4e00-\u9fffA-Za-z]+")


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """Simplified script, half-width forms, no pinyin glosses, no trailing department list."""
    text = unicodedata.normalize("NFKC", text)
    text = _PINYIN_GLOSS.sub("", text)
    text = _t2s().convert(text)
    for variant, standard in _VARIANT_WORDS.items():
        text = text.replace(variant, standard)
    return _DEPARTMENTS.sub("", text.strip())


def broader_terms(text: str) -> str:
    """The broader term once for every narrower one in ``text``, separated by ``|``."""
    found = [
        broader
        for broader, narrower in CONCEPTS.items()
        for word in narrower
        for _ in range(text.count(word))
    ]
    return "|".join(found)


def content_runs(text: str) -> list[str]:
    """The runs of a normalized text left between punctuation and boilerplate words."""
    return [run for run in _SPLIT.split(text) if len(run) >= 2]


def ngrams(runs: list[str], sizes: tuple[int, ...] = (2, 3)) -> Counter[str]:
    """Character n-grams inside each run (never across a boilerplate word)."""
    counts: Counter[str] = Counter()
    for run in runs:
        for size in sizes:
            for start in range(len(run) - size + 1):
                counts[run[start : start + size]] += 1
    return counts
