"""Coverage, gaps and local-only items of an assessment against a reference document."""

from __future__ import annotations

from dataclasses import replace

from checklist_app.core import (
    AssessmentSnapshot,
    ItemState,
    ItemStatus,
    Mapping,
    MappingSource,
    Relation,
)
from checklist_app.crosswalk.coverage import best_mappings, compute_coverage


def _implementers(coverage, clause_id: str) -> list[str]:
    [clause] = [c for c in coverage.clauses if c.clause.id == clause_id]
    return [i.item.id for i in clause.implementations]


def test_national_coverage_direct_and_inferred(snapshot: AssessmentSnapshot) -> None:
    coverage = compute_coverage(snapshot, snapshot.national)
    assert [c.clause.id for c in coverage.clauses] == [
        "nat/二/(二)", "nat/二/(三)", "nat/三/(四)", "nat/三/(五)", "nat/三/(六)",
    ]
    assert _implementers(coverage, "nat/二/(二)") == ["city/一/(一)/1"]
    [inferred] = coverage.clauses[0].implementations
    assert inferred.mapping.source is MappingSource.INFERRED
    assert inferred.via is not None and inferred.via.id == "prov/一/1"
    assert _implementers(coverage, "nat/三/(六)") == ["city/一/(一)/2"]
    assert coverage.clauses[4].implementations[0].via is None
    assert [n.id for n in coverage.gaps] == ["nat/二/(三)", "nat/三/(四)", "nat/三/(五)"]
    assert [n.id for n in coverage.local_only] == ["city/一/(一)/3"]


def test_sections_rates(snapshot: AssessmentSnapshot) -> None:
    snapshot.states["city/一/(一)/1"] = ItemState(1, "city/一/(一)/1", ItemStatus.DONE)
    snapshot.states["city/一/(一)/2"] = ItemState(1, "city/一/(一)/2", ItemStatus.IN_PROGRESS)
    coverage = compute_coverage(snapshot, snapshot.national)
    rates = {
        s.section.id: (s.clause_count, s.covered_count, s.completed_count)
        for s in coverage.sections
    }
    assert rates == {"nat/二": (2, 1, 1), "nat/三": (3, 1, 0)}
    assert coverage.sections[0].coverage_rate == 0.5
    assert coverage.sections[0].completion_rate == 0.5
    assert coverage.clauses[0].implementations[0].status is ItemStatus.DONE


def test_provincial_reference(snapshot: AssessmentSnapshot) -> None:
    coverage = compute_coverage(snapshot, snapshot.provincial)
    assert _implementers(coverage, "prov/一/1") == ["city/一/(一)/1"]
    assert [n.id for n in coverage.gaps] == ["prov/一/2", "prov/一/3"]
    assert coverage.sections[0].clause_count == 3


def test_user_unmap_overrides_curated(snapshot: AssessmentSnapshot) -> None:
    snapshot.mappings.append(
        Mapping("city/一/(一)/2", "nat/三/(六)", relation=Relation.NOT_RELATED,
                source=MappingSource.USER)
    )
    coverage = compute_coverage(snapshot, snapshot.national)
    assert "nat/三/(六)" in [n.id for n in coverage.gaps]
    assert "city/一/(一)/2" in [n.id for n in coverage.local_only]


def test_best_mappings_order(snapshot: AssessmentSnapshot) -> None:
    snapshot.mappings.append(
        Mapping("city/一/(一)/1", "nat/二/(三)", source=MappingSource.USER, strength=3)
    )
    found = best_mappings(snapshot, "city/一/(一)/1", "nat")
    assert [(m.to_node_id, m.source) for m in found] == [
        ("nat/二/(三)", MappingSource.USER),
        ("nat/二/(二)", MappingSource.INFERRED),
    ]


def test_unconfirmed_suggestion_only_as_last_resort(snapshot: AssessmentSnapshot) -> None:
    [suggested] = best_mappings(snapshot, "city/一/(一)/3", "nat")
    assert suggested.source is MappingSource.SUGGESTED
    coverage = compute_coverage(snapshot, snapshot.national)
    assert "nat/三/(五)" in [n.id for n in coverage.gaps]
    snapshot.mappings[-1] = replace(suggested, confirmed_by="李")
    coverage = compute_coverage(snapshot, snapshot.national)
    assert _implementers(coverage, "nat/三/(五)") == ["city/一/(一)/3"]
    assert coverage.local_only == []


def test_mapped_items_agrees_with_best_mappings_item_by_item() -> None:
    """One pass for many items (bulk accept) gives what best_mappings gives for each, on
    the shipped documents and crosswalks (direct, inferred, declined and suggested)."""
    from checklist_app.core import Assessment, AssessmentSnapshot
    from checklist_app.crosswalk.coverage import mapped_items
    from checklist_app.crosswalk.files import load_shipped_crosswalks
    from checklist_app.importer import shipped_documents

    documents = {d.id: d for d in shipped_documents()}
    mappings = [m for c in load_shipped_crosswalks(documents) for m in c.mappings]
    checklist = documents["chongqing-2022"]
    items = [node.id for node in checklist.checkable_nodes()]
    unmapped = set(items[:3])  # mapped to nothing, to have both kinds
    mappings = [m for m in mappings if m.from_node_id not in unmapped]
    declined = replace(mappings[0], relation=Relation.NOT_RELATED, source=MappingSource.USER)
    snapshot = AssessmentSnapshot(
        Assessment(1, "局", checklist.id), checklist, documents["liaoning-2022"],
        documents["national-2021"], {}, {}, [*mappings, declined], [])
    for reference in ("liaoning-2022", "national-2021"):
        one_by_one = {item for item in items if any(
            m.relation is not Relation.NOT_RELATED
            for m in best_mappings(snapshot, item, reference))}
        assert mapped_items(snapshot, reference, items) == one_by_one
        assert 0 < len(one_by_one) < len(items) and not unmapped & one_by_one


def test_local_only_split_as_the_report_tells_them(snapshot: AssessmentSnapshot) -> None:
    """自选动作 are the items staff declined upper clauses for; with no decision yet an item
    is undecided; a 不适用 item is neither, whatever was decided."""
    from checklist_app.crosswalk import split_local_only

    def split() -> tuple[list[str], list[str], list[str]]:
        coverage = compute_coverage(snapshot, snapshot.national)
        parts = split_local_only(snapshot, coverage.local_only)
        return ([n.id for n in parts.own], [n.id for n in parts.undecided],
                [n.id for n in parts.not_applicable])

    assert split() == ([], ["city/一/(一)/3"], [])
    snapshot.mappings.append(Mapping("city/一/(一)/3", "nat/三/(五)",
                                     relation=Relation.NOT_RELATED, source=MappingSource.USER))
    assert split() == (["city/一/(一)/3"], [], [])
    snapshot.states["city/一/(一)/3"] = ItemState(1, "city/一/(一)/3", ItemStatus.NOT_APPLICABLE)
    assert split() == ([], [], ["city/一/(一)/3"])
