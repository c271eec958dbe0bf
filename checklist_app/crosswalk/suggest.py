"""Suggest which clauses of a higher-level document an item implements.

The ranking is BM25F over character n-grams of normalized text (see :mod:`.text`): the
checkable nodes of the target document are the collection; each node contributes its title
(weighted up), its body, and the titles of its section and group (weighted down: they say
which chapter of the outline the clause belongs to). Longer n-grams add a little on top of
the bigrams they contain, so a shared distinctive phrase (低碳产品标准标识) counts more than
its characters scattered about, without letting one long generic phrase swamp the rest.
Targets clauses (发展目标, work-plan quota rows) are matched with targets clauses, tasks with
tasks. Everything is deterministic: ties keep document order. Each candidate carries the key
phrases both texts share, so a person can check the suggestion at a glance.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from checklist_app.core import Document, Node
from checklist_app.crosswalk.text import broader_terms, content_runs, ngrams, normalize


@dataclass(frozen=True, slots=True)
class SuggestConfig:
    """Weights of the ranking; the defaults are what the benchmark measured best."""

    title_weight: float = 3.0
    body_weight: float = 1.0
    context_weight: float = 0.6
    sizes: tuple[int, ...] = (2, 3, 4)
    # weight of an n-gram relative to one a character shorter: a shared 4-character word also
    # shares three bigrams and two trigrams, and must not count six times as much
    longer_ngram_weight: float = 0.3
    k1: float = 1.2
    b: float = 0.6
    query_tf_power: float = 0.5  # damp terms repeated within the item
    kind_mismatch: float = 0.5  # factor when one is a targets clause and the other a task
    phrases: int = 3


DEFAULT_CONFIG = SuggestConfig()


@dataclass(frozen=True, slots=True)
class Candidate:
    """One suggested target clause, best first in a list."""

    node_id: str
    label: str
    title: str
    score: float
    why: str  # the key phrases both texts share, e.g. "碳达峰、能耗限额"


@dataclass(frozen=True, slots=True)
class _Fields:
    """Normalized text of one node, split by where it comes from."""

    title: str
    body: str
    context: str
    is_targets: bool  # a targets clause (发展目标) or a work-plan quota row

    @property
    def full(self) -> str:
        return f"{self.title}|{self.body}"


def node_fields(node: Node, document: Document | None = None) -> _Fields:
    """Title, body and the titles of enclosing sections/groups (when the document is known)."""
    context = ""
    if document is not None and node.parent_id is not None:
        context = "|".join(normalize(a.title) for a in document.ancestors(node.id))
    title, body = normalize(node.title), normalize(node.text)
    is_targets = "目标" in title or bool(node.fields)
    return _Fields(title, f"{body}|{broader_terms(body)}", context, is_targets)


class Suggester:
    """Ranks the checkable nodes of ``target`` for nodes of other documents."""

    def __init__(self, target: Document, config: SuggestConfig = DEFAULT_CONFIG) -> None:
        self.target = target
        self.config = config
        self._nodes = target.checkable_nodes()
        self._fields = [node_fields(node, target) for node in self._nodes]
        self._vectors = [self._weighted_terms(fields) for fields in self._fields]
        self._lengths = [sum(vector.values()) for vector in self._vectors]
        self._average_length = sum(self._lengths) / max(len(self._lengths), 1)
        self._idf = _inverse_document_frequencies(self._vectors)
        self._words = WordEdges(normalize(f"{n.title}|{n.text}") for n in target.nodes)

    def suggest(
        self, node: Node, top: int = 3, document: Document | None = None
    ) -> list[Candidate]:
        """The ``top`` best target clauses for ``node``; pass its document for context."""
        fields = node_fields(node, document)
        query = self._weighted_terms(fields)
        scored = [
            (self._bm25(query, index) * self._kind_factor(fields, index), index)
            for index in range(len(self._nodes))
        ]
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        words = self._words.with_text(fields.full)
        return [self._candidate(fields, index, score, words) for score, index in scored[:top]]

    def suggest_document(self, source: Document, top: int = 3) -> dict[str, list[Candidate]]:
        """Suggestions for every checkable node of ``source``, in document order."""
        return {node.id: self.suggest(node, top, source) for node in source.checkable_nodes()}

    def _weighted_terms(self, fields: _Fields) -> Counter[str]:
        sizes = self.config.sizes
        terms: Counter[str] = Counter()
        for text, weight in (
            (fields.title, self.config.title_weight),
            (fields.body, self.config.body_weight),
            (fields.context, self.config.context_weight),
        ):
            for term, count in ngrams(content_runs(text), sizes).items():
                terms[term] += weight * count
        return terms

    def _kind_factor(self, fields: _Fields, index: int) -> float:
        """Targets (发展目标, 工作目标, work-plan quotas) implement targets, tasks tasks.

        The national 发展目标 names a little of everything and would otherwise come up for
        any broad task.
        """
        same = fields.is_targets == self._fields[index].is_targets
        return 1.0 if same else self.config.kind_mismatch

    def _bm25(self, query: Counter[str], index: int) -> float:
        vector = self._vectors[index]
        k1, b = self.config.k1, self.config.b
        norm = k1 * (1 - b + b * self._lengths[index] / self._average_length)
        score = 0.0
        for term, query_weight in query.items():
            frequency = vector.get(term)
            if frequency:
                saturation = frequency * (k1 + 1) / (frequency + norm)
                weight = query_weight**self.config.query_tf_power
                weight *= self.config.longer_ngram_weight ** (len(term) - 2)
                score += weight * self._idf[term] * saturation
        return score

    def _candidate(self, fields: _Fields, index: int, score: float,
                   words: WordEdges) -> Candidate:
        node = self._nodes[index]
        phrases = shared_phrases(fields.full, self._fields[index].full, self._idf, words)
        why = "、".join(phrases[: self.config.phrases])
        return Candidate(node.id, node.label, node.title, round(score, 4), why)


def _inverse_document_frequencies(vectors: list[Counter[str]]) -> dict[str, float]:
    frequencies: Counter[str] = Counter()
    for vector in vectors:
        frequencies.update(vector.keys())
    total = len(vectors)
    return {
        term: math.log(1 + (total - count + 0.5) / (count + 0.5))
        for term, count in frequencies.items()
    }


# Function characters a phrase should not begin or end with: 监督和 → 监督; but not those
# of words that begin or end with one (及时, 对标, 作为).
_LOOSE_ENDS = "和与及的等对在为将把之其"
_LOOSE_WORD_STARTS = frozenset({"及时", "对标", "对接", "对外", "对象", "对话", "对比", "在线",
                                "为民", "其他", "其中", "之间", "等级", "和谐", "将来"})
_LOOSE_WORD_ENDS = frozenset({"平等", "对等", "同等", "针对", "面对", "应对", "相对", "存在",
                              "现在", "所在", "作为", "成为", "行为", "目的", "尤其", "即将",
                              "以及", "涉及", "普及", "总之"})


class WordEdges:
    """Which characters of a text go together, from how often they do in a collection:
    in 行业标准 the 业 goes with 行 (业 is mostly 行业, 企业…, rarely 业标), so a phrase
    shared with 企业标准 is 标准, not 业标准. No dictionary: the policy texts themselves tell.
    """

    def __init__(self, texts: Iterable[str], base: WordEdges | None = None) -> None:
        self._base = base
        self._chars: Counter[str] = Counter()
        self._pairs: Counter[str] = Counter()
        for text in texts:
            self._chars.update(text)
            self._pairs.update(text[i : i + 2] for i in range(len(text) - 1))

    def with_text(self, text: str) -> WordEdges:
        """These counts and those of ``text`` (a query's own words: 瞄准 may be in no
        target clause); this one is left as it is."""
        return WordEdges([text], base=self)

    def _char(self, char: str) -> int:
        return self._chars.get(char, 0) + (self._base._char(char) if self._base else 0)

    def _pair(self, pair: str) -> int:
        return self._pairs.get(pair, 0) + (self._base._pair(pair) if self._base else 0)

    def bond(self, left: str, right: str) -> float:
        """How much ``left`` + ``right`` hold together: the share of the rarer character's
        occurrences that are in this pair (1.0: it never occurs otherwise); 0 for a pair
        seen once, which says nothing."""
        pair = self._pair(left + right)
        return pair / min(self._char(left), self._char(right)) if pair > 1 else 0.0


def shared_phrases(query: str, candidate: str, idf: dict[str, float],
                   words: WordEdges | None = None) -> list[str]:
    """Longest content phrases of ``query`` that occur in ``candidate``, most distinctive first.

    Distinctiveness is the summed IDF of a phrase's bigrams: 碳达峰 beats 标准体系. With
    ``words``, a phrase is trimmed to whole words (行业标准 against 企业标准 shares 标准, not
    业标准), and a function character that begins or ends a word stays (及时).
    """
    found: dict[str, float] = {}
    for run in content_runs(query):
        for start, end in _maximal_matches(run, candidate):
            phrase = _whole(run, start, end, words)
            if len(phrase) < 2:
                continue
            found[phrase] = sum(idf.get(phrase[i : i + 2], 0.0) for i in range(len(phrase) - 1))
    ranked = sorted(found, key=lambda phrase: (-found[phrase], phrase))
    chosen: list[str] = []
    for phrase in ranked:
        if found[phrase] > 0 and not any(phrase in longer for longer in chosen):
            chosen.append(phrase)
    return chosen


def _whole(run: str, start: int, end: int, words: WordEdges | None) -> str:
    """``run[start:end]`` without a piece of a word at either end (业标准 of 行业标准 → 标准),
    nor a loose function character (监督和 → 监督; 及时 is a word and stays)."""
    if words is not None:
        bond = words.bond
        while end - start > 1 and start > 0 and \
                bond(run[start - 1], run[start]) > bond(run[start], run[start + 1]):
            start += 1  # its first character belongs to the word before
        while end - start > 1 and end < len(run) and \
                bond(run[end - 1], run[end]) > bond(run[end - 2], run[end - 1]):
            end -= 1  # its last character belongs to the word after
    while end - start > 1 and run[start] in _LOOSE_ENDS \
            and run[start : start + 2] not in _LOOSE_WORD_STARTS:
        start += 1
    while end - start > 1 and run[end - 1] in _LOOSE_ENDS \
            and run[end - 2 : end] not in _LOOSE_WORD_ENDS:
        end -= 1
    return run[start:end]


def _maximal_matches(run: str, candidate: str) -> Iterable[tuple[int, int]]:
    """Where ``run`` has substrings (two characters or more) found in ``candidate``, not
    extensible: (start, end) pairs."""
    start, previous_end = 0, 0
    while start < len(run) - 1:
        end = start + 2
        while end <= len(run) and run[start:end] in candidate:
            end += 1
        end -= 1
        if end - start >= 2 and end > previous_end:
            yield start, end
            previous_end = end
        start += 1
