"""The closure of subclass statements, made in Python so that any SPARQL engine can serve it."""

from __future__ import annotations

from healthplan_kg.transitive import transitive_pairs


def test_a_chain_closes_to_every_ancestor():
    assert transitive_pairs([("nou", "report"), ("report", "document"), ("document", "thing")]) == {
        ("nou", "report"), ("nou", "document"), ("nou", "thing"),
        ("report", "document"), ("report", "thing"), ("document", "thing")}


def test_a_diamond_gives_each_pair_once_and_a_cycle_ends():
    diamond = transitive_pairs([("a", "b"), ("a", "c"), ("b", "d"), ("c", "d")])
    assert diamond == {("a", "b"), ("a", "c"), ("a", "d"), ("b", "d"), ("c", "d")}
    assert transitive_pairs([("x", "y"), ("y", "x")]) == {("x", "y"), ("x", "x"), ("y", "x"), ("y", "y")}


def test_the_ontology_closure_matches_the_stores_property_path(built_store):
    """What the store answers for rdfs:subClassOf+ over the ontology, the closure gives."""
    from healthplan_kg.namespaces import ONTOLOGY_GRAPH, RDFS
    from healthplan_kg.store import open_store

    store = open_store(built_store, read_only=True)
    try:
        def pairs(path: str) -> set[tuple[str, str]]:
            rows = store.query(f"SELECT ?a ?b WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?a <{RDFS}subClassOf>{path} ?b }} "
                               "FILTER(isIRI(?a) && isIRI(?b)) }").rows
            return {(a.value, b.value) for a, b in rows}
        direct, closed = pairs(""), pairs("+")
    finally:
        store.close()
    assert len(closed) > len(direct) > 10
    assert transitive_pairs(direct) == closed
