"""Municipal → provincial → national chains give inferred national mappings."""

from __future__ import annotations

from checklist_app.core import Mapping, MappingSource, Relation
from checklist_app.crosswalk.inference import compose_relation, infer_mappings


def test_chain_gives_inferred_mapping_via_provincial_clause() -> None:
    mappings = [Mapping("city/1", "prov/a"), Mapping("prov/a", "nat/x", relation=Relation.EQUAL)]
    [inferred] = infer_mappings(mappings, "nat")
    assert inferred.from_node_id == "city/1"
    assert inferred.to_node_id == "nat/x"
    assert inferred.via_node_id == "prov/a"
    assert inferred.source is MappingSource.INFERRED
    assert inferred.relation is Relation.SUBSET


def test_direct_mapping_wins_over_inference() -> None:
    mappings = [
        Mapping("city/1", "prov/a"),
        Mapping("prov/a", "nat/x"),
        Mapping("city/1", "nat/x", source=MappingSource.USER, relation=Relation.NOT_RELATED),
    ]
    assert infer_mappings(mappings, "nat") == []


def test_untrusted_links_are_not_followed() -> None:
    mappings = [
        Mapping("city/1", "prov/a", source=MappingSource.SUGGESTED),
        Mapping("city/2", "prov/a", relation=Relation.NOT_RELATED),
        Mapping("prov/a", "nat/x"),
        Mapping("city/3", "prov/b", source=MappingSource.SUGGESTED, confirmed_by="王"),
        Mapping("prov/b", "nat/y", strength=5),
    ]
    inferred = infer_mappings(mappings, "nat")
    assert [(m.from_node_id, m.to_node_id, m.strength) for m in inferred] == [
        ("city/3", "nat/y", 5)
    ]


def test_cycles_end() -> None:
    mappings = [Mapping("a/1", "b/1"), Mapping("b/1", "a/1"), Mapping("b/1", "nat/x")]
    assert {(m.from_node_id, m.to_node_id) for m in infer_mappings(mappings, "nat")} == {
        ("a/1", "nat/x")
    }


def test_compose_relation() -> None:
    assert compose_relation(Relation.EQUAL, Relation.SUPERSET) is Relation.SUPERSET
    assert compose_relation(Relation.SUBSET, Relation.SUBSET) is Relation.SUBSET
    assert compose_relation(Relation.SUBSET, Relation.SUPERSET) is Relation.INTERSECT


def test_overlap_is_not_transitive() -> None:
    mappings = [
        Mapping("city/1", "prov/a", relation=Relation.INTERSECT),
        Mapping("prov/a", "nat/x", relation=Relation.INTERSECT),
        Mapping("prov/a", "nat/y", relation=Relation.SUBSET),
    ]
    [inferred] = infer_mappings(mappings, "nat")
    assert (inferred.to_node_id, inferred.relation) == ("nat/y", Relation.INTERSECT)


def test_starts_limit_the_inference() -> None:
    mappings = [
        Mapping("city/1", "prov/a"), Mapping("city/2", "prov/a"), Mapping("prov/a", "nat/x")
    ]
    assert [m.from_node_id for m in infer_mappings(mappings, "nat", ["city/2"])] == ["city/2"]
