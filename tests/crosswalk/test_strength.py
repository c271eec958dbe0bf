"""The 匹配度高 label against the shipped crosswalks: "Accept all strong suggestions" maps
every item to all of them at once, so a strong label must be right far more often than not."""

from __future__ import annotations

import pytest

from checklist_app.core import Document
from checklist_app.crosswalk.files import load_shipped_crosswalks
from checklist_app.crosswalk.suggest import Suggester
from checklist_app.importer import shipped_documents
from checklist_app.ui.widgets.mapping_panel import ranked_suggestions, strength_rank

NATIONAL = "national-2021"
PAIRS = [(local, NATIONAL) for local in
         ("liaoning-2022", "guangdong-2018", "wenzhou-2017", "chongqing-2022")] + [
    (city, province) for province in ("liaoning-2022", "guangdong-2018")
    for city in ("wenzhou-2017", "chongqing-2022")]


@pytest.fixture(scope="module")
def labelled() -> list[tuple[bool, int, bool]]:
    """(right, strength, a quota row of a 附表) of every suggestion shown (top 5 per item
    and document); the curated crosswalks are the answers, read only here."""
    documents: dict[str, Document] = {d.id: d for d in shipped_documents()}
    gold: dict[tuple[str, str], set[str]] = {}
    for crosswalk in load_shipped_crosswalks(documents):
        for mapping in crosswalk.mappings:
            if mapping.relation.value != "not_related":
                gold.setdefault((mapping.from_node_id, crosswalk.to_doc_id), set()).add(
                    mapping.to_node_id)
    found = []
    for source, target in PAIRS:
        suggester = Suggester(documents[target])
        for node in documents[source].checkable_nodes():
            expected = gold.get((node.id, target), set())
            for candidate, share in ranked_suggestions(suggester, node, documents[source], set()):
                found.append((candidate.node_id in expected,
                              strength_rank(share, candidate.score), "/plan/" in node.id))
    return found


def test_strong_suggestions_are_mostly_right(labelled: list[tuple[bool, int, bool]]) -> None:
    strong = [right for right, strength, _quota in labelled if strength == 0]
    tasks = [right for right, strength, quota in labelled if strength == 0 and not quota]
    assert sum(strong) / len(strong) >= 0.85
    assert sum(tasks) / len(tasks) >= 0.88  # the items clerks read: tasks, not quota rows


def test_most_right_suggestions_are_still_strong(labelled: list[tuple[bool, int, bool]]) -> None:
    """Not bought by labelling nothing strong: three in five of the right clauses shown."""
    right = [strength for is_right, strength, _quota in labelled if is_right]
    assert sum(1 for strength in right if strength == 0) / len(right) >= 0.6
