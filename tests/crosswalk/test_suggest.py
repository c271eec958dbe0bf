"""The suggester ranks the right clause first, across scripts, deterministically."""

from __future__ import annotations

import time

from checklist_app.core import Document, Node, NodeKind
from checklist_app.crosswalk.suggest import Suggester, WordEdges, shared_phrases
from checklist_app.crosswalk.text import broader_terms, content_runs, normalize


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


def test_broader_terms_for_regional_names() -> None:
    assert broader_terms("推进成渝地区双城经济圈和长江经济带建设") == "区域|区域"
    assert broader_terms("标准化") == ""


def test_phrases_do_not_end_in_function_characters() -> None:
    idf = {"监督": 2.0, "督和": 1.0}
    assert shared_phrases("监督和评估", "监督和纠错", idf) == ["监督"]


def test_targets_clauses_prefer_targets_clauses(national: Document) -> None:
    """A local 发展目标 goes to the national targets clause, a quota row too."""
    goal = Node("city/一/(二)", None, "(二)", NodeKind.CLAUSE, "工作目标",
                "到2025年,推荐性国家标准、团体标准和人才培养工作取得成效。", checkable=True)
    national.nodes.insert(2, Node("nat/一/(二)", "nat/一", "(二)", NodeKind.CLAUSE, "发展目标",
                                  "到2025年,标准化水平大幅提升,人才队伍壮大。", checkable=True))
    assert Suggester(national).suggest(goal, top=1)[0].node_id == "nat/一/(二)"
    quota = Node("city/plan/1", None, "1", NodeKind.ITEM, "市教委", "人才队伍:10",
                 checkable=True, fields={"人才队伍": "10"})
    assert Suggester(national).suggest(quota, top=1)[0].node_id == "nat/一/(二)"


def test_shared_phrases_are_whole_words() -> None:
    """行业标准 and 企业标准 share 标准, not 业标准; 及时 is a word, not a loose 及."""
    idf = {"标准": 1.0, "业标": 1.0, "及时": 2.0, "时将": 2.0, "先进": 2.0, "进适": 2.0,
           "适用": 2.0, "将先": 2.0}
    corpus = WordEdges(["行业发展", "行业规范", "企业主体", "企业创新", "及时报送", "及时公开",
                        "先进适用", "先进标准"])
    assert shared_phrases("推动行业标准", "企业标准", idf, corpus) == ["标准"]
    assert shared_phrases("及时将先进适用的成果", "及时将先进适用成果", idf, corpus)[0] \
        == "及时将先进适用"
    assert shared_phrases("推动行业标准", "企业标准", idf)[0] == "业标准"  # no corpus: as found


def test_suggested_phrases_of_the_shipped_documents_are_not_cut_mid_word() -> None:
    """The walkthrough saw 时将先进适用 (及时 cut) for 以科技创新提升标准水平."""
    from checklist_app.importer import load_document

    national, municipal = load_document("national-2021"), load_document("chongqing-2022")
    item = municipal.node("chongqing-2022/二/(一)/1")
    phrases = [p for c in Suggester(national).suggest(item, 5, municipal)
               for p in c.why.split("、")]
    assert "及时将先进适用" in phrases or "先进适用" in phrases
    assert not [p for p in phrases if p.startswith(("时将", "业", "务"))]
