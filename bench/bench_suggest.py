"""Benchmark of the mapping suggester against the curated crosswalk.

    .venv/bin/python bench/bench_suggest.py [--misses] [--json FILE]

For each local document (Liaoning, Guangdong, Wenzhou, Chongqing) every checkable item is
ranked against the national outline, and the ranking is compared with the curated
``checklists/crosswalks/<doc>__national-2021.json``: top-1 agreement = the first candidate is
one of the item's curated national clauses, top-3 = one of the first three is; "primary" is
stricter: the first candidate must be the item's strongest curated clause. The same run
measures the baseline, a plain character-bigram TF-IDF cosine over simplified text, and the
time of ranking all four documents (index built included). A second table does the same for
the city → province crosswalks (Wenzhou and Chongqing against Liaoning and Guangdong), which
no parameter was tuned on. The suggester never sees the curated answers: they are only read
here, to score.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checklist_app.core import Document, Node
from checklist_app.crosswalk.files import load_shipped_crosswalks
from checklist_app.crosswalk.suggest import Suggester
from checklist_app.crosswalk.text import normalize
from checklist_app.importer import shipped_documents

NATIONAL = "national-2021"
LOCAL = ("liaoning-2022", "guangdong-2018", "wenzhou-2017", "chongqing-2022")
CITIES = ("wenzhou-2017", "chongqing-2022")
PROVINCES = ("liaoning-2022", "guangdong-2018")

Ranker = Callable[[Node, Document], list[str]]


class BigramTfidf:
    """The baseline: character bigrams of simplified text, TF-IDF weights, cosine."""

    def __init__(self, target: Document) -> None:
        self.nodes = target.checkable_nodes()
        vectors = [self._bigrams(n) for n in self.nodes]
        df = Counter(term for vector in vectors for term in vector)
        total = len(vectors)
        self.idf = {term: math.log((1 + total) / (1 + count)) + 1 for term, count in df.items()}
        self.vectors = [self._weigh(vector) for vector in vectors]

    @staticmethod
    def _bigrams(node: Node) -> Counter[str]:
        text = re.sub(r"[^\w]", "", normalize(f"{node.title}。{node.text}"))
        return Counter(text[i : i + 2] for i in range(len(text) - 1))

    def _weigh(self, counts: Counter[str]) -> dict[str, float]:
        vector = {t: c * self.idf.get(t, 0.0) for t, c in counts.items()}
        norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
        return {t: w / norm for t, w in vector.items()}

    def rank(self, node: Node, _document: Document) -> list[str]:
        query = self._weigh(self._bigrams(node))
        scores = [
            (sum(w * vector.get(t, 0.0) for t, w in query.items()), index)
            for index, vector in enumerate(self.vectors)
        ]
        scores.sort(key=lambda pair: (-pair[0], pair[1]))
        return [self.nodes[index].id for _, index in scores]


@dataclass
class Result:
    document: str
    items: int = 0
    top1: int = 0
    top3: int = 0
    primary: int = 0
    misses: list[dict[str, object]] = field(default_factory=list)

    def rate(self, hits: int) -> float:
        return hits / self.items if self.items else 0.0


Gold = dict[str, dict[str, int]]  # item id → curated clause of the target → strength


def evaluate(
    ranker: Ranker, documents: dict[str, Document], gold: Gold, sources: Iterable[str] = LOCAL,
    label: str = "",
) -> list[Result]:
    """Agreement of ``ranker`` with ``gold`` for the items of each source document."""
    results = []
    for doc_id in sources:
        result = Result(doc_id + label)
        for node in documents[doc_id].checkable_nodes():
            strengths = gold.get(node.id)
            if not strengths:
                continue
            expected = set(strengths)
            strongest = {t for t, s in strengths.items() if s == max(strengths.values())}
            ranked = ranker(node, documents[doc_id])[:3]
            result.items += 1
            result.top1 += ranked[0] in expected
            result.primary += ranked[0] in strongest
            result.top3 += bool(expected & set(ranked))
            if ranked[0] not in expected:
                result.misses.append(
                    {"item": node.id, "title": node.title, "curated": sorted(expected),
                     "ranked": ranked, "top3": bool(expected & set(ranked))}
                )
        results.append(result)
    return results


def curated(documents: dict[str, Document], target: str = NATIONAL) -> Gold:
    """The shipped mappings into ``target``, by item."""
    gold: Gold = defaultdict(dict)
    for crosswalk in load_shipped_crosswalks(documents):
        if crosswalk.to_doc_id == target:
            for mapping in crosswalk.mappings:
                if mapping.relation.value != "not_related":
                    gold[mapping.from_node_id][mapping.to_node_id] = mapping.strength
    return gold


def time_all(documents: dict[str, Document], repeat: int = 5) -> float:
    """Best of ``repeat``: build the index and rank every item of the four documents."""
    best = math.inf
    for _ in range(repeat):
        started = time.perf_counter()
        suggester = Suggester(documents[NATIONAL])
        for doc_id in LOCAL:
            suggester.suggest_document(documents[doc_id], top=3)
        best = min(best, time.perf_counter() - started)
    return best


def report(name: str, results: list[Result], show_misses: bool, titles: dict[str, str]) -> None:
    total = Result("all")
    print(f"\n{name}")
    print(f"  {'document':<32} {'items':>5} {'top-1':>7} {'top-3':>7} {'primary':>8}")
    for result in [*results, total]:
        if result is not total:
            total.items += result.items
            total.top1 += result.top1
            total.top3 += result.top3
            total.primary += result.primary
        print(f"  {result.document:<32} {result.items:>5} {result.rate(result.top1):>7.1%} "
              f"{result.rate(result.top3):>7.1%} {result.rate(result.primary):>8.1%}")
    if show_misses:
        for result in results:
            for miss in result.misses:
                flag = "top-3 hit" if miss["top3"] else "MISSED in top 3"
                print(f"  miss {miss['item']} {miss['title']} ({flag})")
                print(f"       curated: {', '.join(_short(i, titles) for i in miss['curated'])}")
                print(f"       ranked:  {', '.join(_short(i, titles) for i in miss['ranked'])}")


def _short(node_id: str, titles: dict[str, str]) -> str:
    return f"{node_id.split('/')[-1]}{titles.get(node_id, '')}"


def rankers(target: Document) -> tuple[Ranker, Ranker]:
    """(suggester, baseline) rankings of the clauses of ``target``."""
    suggester = Suggester(target)

    def rank(node: Node, document: Document) -> list[str]:
        return [c.node_id for c in suggester.suggest(node, 3, document)]

    return rank, BigramTfidf(target).rank


def provincial_results(documents: dict[str, Document]) -> tuple[list[Result], list[Result]]:
    """Cities against provinces, with the city → province crosswalks as the answers."""
    ours: list[Result] = []
    base: list[Result] = []
    for province in PROVINCES:
        gold = curated(documents, province)
        rank, baseline = rankers(documents[province])
        ours += evaluate(rank, documents, gold, CITIES, f" → {province}")
        base += evaluate(baseline, documents, gold, CITIES, f" → {province}")
    return ours, base


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-misses", action="store_true", help="only the rates")
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    args = parser.parse_args()
    documents = {document.id: document for document in shipped_documents()}
    gold = curated(documents)
    rank, baseline = rankers(documents[NATIONAL])
    seconds = time_all(documents)
    items = sum(len(documents[d].checkable_nodes()) for d in LOCAL)
    print(f"suggest: {items} items of {len(LOCAL)} documents against {NATIONAL}: "
          f"{seconds * 1000:.1f} ms (index included, best of 5)")
    titles = {n.id: normalize(n.title) for d in documents.values() for n in d.nodes}
    ours = evaluate(rank, documents, gold)
    base = evaluate(baseline, documents, gold)
    report("baseline: character-bigram TF-IDF cosine", base, not args.no_misses, titles)
    report("suggester: BM25F over content n-grams", ours, not args.no_misses, titles)
    city_ours, city_base = provincial_results(documents)
    print("\n--- cities against provinces (not tuned on) ---")
    report("baseline: character-bigram TF-IDF cosine", city_base, False, titles)
    report("suggester: BM25F over content n-grams", city_ours, not args.no_misses, titles)
    if args.json:
        data = {"seconds": seconds, "suggester": [r.__dict__ for r in ours],
                "baseline": [r.__dict__ for r in base],
                "cities_suggester": [r.__dict__ for r in city_ours],
                "cities_baseline": [r.__dict__ for r in city_base]}
        args.json.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
