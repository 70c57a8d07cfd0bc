"""A saved query's final ORDER BY is done in Python on the embedded store (store/ordering.py): the
rows must be the engine's own, in an order the engine's ORDER BY also gives."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from healthplan_kg.queries import QueryRegistry
from healthplan_kg.store import EmbeddedStore
from healthplan_kg.store.ordering import query_in_order, split_final_order, term_sort_key


def test_sort_keys_not_projected_are_projected_then_dropped():
    text, keys, added = split_final_order(
        "SELECT ?doc (MIN(?l) AS ?label) WHERE { ?doc <urn:p> ?l ; <urn:n> ?n } GROUP BY ?doc ?n "
        "ORDER BY ?doc DESC(?n)\n")
    assert keys == [("doc", False), ("n", True)]
    assert added == ["n"]
    assert text.startswith("SELECT ?n ?doc") and "ORDER BY" not in text


@pytest.mark.parametrize("query", [
    "SELECT DISTINCT ?a WHERE { ?a ?b ?c } ORDER BY ?b",        # a projected key could add rows
    "SELECT ?a WHERE { ?a ?b ?c } ORDER BY ?a LIMIT 10",        # the slice needs the engine's order
    "SELECT ?a WHERE { ?a ?b ?c } ORDER BY STRLEN(?a)",         # an expression
    "SELECT * WHERE { ?a ?b ?c } ORDER BY ?a",
])
def test_queries_whose_order_only_the_engine_can_give_run_as_written(query):
    assert split_final_order(query) is None


def test_terms_sort_as_sparql_orders_them():
    terms = [ox.Literal("b"), ox.Literal("10", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
             ox.NamedNode("urn:b"), None, ox.Literal("9", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
             ox.NamedNode("urn:a"), ox.Literal("a", language="nb")]
    ordered = sorted(terms, key=term_sort_key)
    assert ordered[0] is None
    assert [t.value for t in ordered[1:3]] == ["urn:a", "urn:b"]
    assert [t.value for t in ordered[3:5]] == ["9", "10"]          # numbers by value


def _keyed(rows, columns, keys):
    return [tuple(term_sort_key(row[columns.index(k)]) for k in keys) for row in rows]


def test_every_saved_query_gives_the_engines_rows_in_an_order_its_order_by_allows(built_store):
    """On the built bundled corpus: the same rows as the engine's ORDER BY, and the rows' sort keys
    in the same sequence (rows equal on every key may come in another order, as SPARQL allows)."""
    store = EmbeddedStore.open(built_store, read_only=True)
    registry = QueryRegistry.load()
    checked = 0
    for name in registry.names():
        saved = registry.get(name)
        split = split_final_order(saved.sparql)
        if split is None or any(p.required for p in saved.parameters):
            continue
        engine = store.query(saved.sparql)
        ours = query_in_order(store, saved.sparql)
        assert ours.columns == engine.columns, name
        assert sorted(map(repr, ours.rows)) == sorted(map(repr, engine.rows)), name
        keys = [k for k, _ in split[1]]
        if all(k in engine.columns for k in keys):
            assert _keyed(ours.rows, ours.columns, keys) == _keyed(engine.rows, engine.columns, keys), name
        checked += 1
    assert checked >= 15
