"""The suggester ranks the right clause first, across scripts, deterministically."""

from __future__ import annotations

import time

from checklist_app.core import Document
from checklist_app.crosswalk.suggest import Suggester, shared_phrases
from checklist_app.crosswalk.text import content_runs, normalize


def test_normalize_folds_script_glosses_and_departments() -> None:
    assert normalize("國家(jiā)標準化") == "国家标准化"
    assert normalize("推進智慧型化(市科技局、市市场监管局等按职责分工负责)") == "推进智能化"
    assert normalize("（一）") == "(一)"


def test_content_runs_drop_boilerplate_and_punctuation() -> None:
    assert content_runs("加强团体标准建设,推进数字政府") == ["团体标准", "数字政府"]


def test_ranks_matching_clause_first(national: Document, municipal: Document) -> None:
    suggester = Suggester(national)
    ranked = suggester.suggest(municipal.node("city/一/(一)/1"), top=3, document=municipal)
    assert ranked[0].node_id == "nat/二/(二)"
    assert "低碳产品标准标识制度" in ranked[0].why
    assert [c.score for c in ranked] == sorted((c.score for c in ranked), reverse=True)


def test_traditional_script_source(national: Document, provincial: Document) -> None:
    suggester = Suggester(national)
    best = {
        node.id: candidates[0].node_id
        for node, candidates in zip(
            provincial.checkable_nodes(),
            suggester.suggest_document(provincial, top=1).values(),
            strict=True,
        )
    }
    assert best == {
        "prov/一/1": "nat/二/(二)",
        "prov/一/2": "nat/三/(四)",
        "prov/一/3": "nat/三/(六)",
    }


def test_only_checkable_targets(national: Document, municipal: Document) -> None:
    ranked = Suggester(national).suggest(municipal.node("city/一/(一)/2"), top=50)
    assert "nat/一/(一)" not in {c.node_id for c in ranked}
    assert len(ranked) == len(national.checkable_nodes())


def test_deterministic(national: Document, municipal: Document) -> None:
    first = Suggester(national).suggest_document(municipal, top=5)
    second = Suggester(national).suggest_document(municipal, top=5)
    assert first == second


def test_shared_phrases_prefers_distinctive_longest() -> None:
    idf = {"碳达": 3.0, "达峰": 3.0, "标准": 0.1, "产品": 1.0}
    phrases = shared_phrases("碳达峰标准|产品", "实施碳达峰标准化,产品", idf)
    assert phrases[0] == "碳达峰标准"
    assert "碳达峰" not in phrases


def test_fast_enough(national: Document, municipal: Document) -> None:
    suggester = Suggester(national)
    started = time.perf_counter()
    for _ in range(20):
        suggester.suggest_document(municipal, top=3)
    assert time.perf_counter() - started < 1.0
