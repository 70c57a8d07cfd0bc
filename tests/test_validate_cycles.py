"""The follows-up loop check, run as strongly connected components on the embedded store: the
same (focus, value) pairs as its SPARQL (which pySHACL runs), recognised by the query's algebra."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from healthplan_kg import validate as validate_module
from healthplan_kg.build import base_graphs
from healthplan_kg.namespaces import CONCEPTS_GRAPH, HP, ID, ONTOLOGY_GRAPH
from healthplan_kg.store import EmbeddedStore
from healthplan_kg.validate import validate
from healthplan_kg.validation.cycles import cycle_predicate, cycle_rows

PREFIXES = f"PREFIX hp: <{HP}>\n"
GRAPH = "https://w3id.org/healthplan-kg/graph/source/"


@pytest.mark.parametrize("select", [
    "SELECT $this ?value WHERE { $this hp:followsUp ?value . ?value hp:followsUp* $this . }",
    "select $this ?value where { ?value hp:followsUp* $this . $this hp:followsUp ?value }",
    f"SELECT $this ?value WHERE {{ $this <{HP}followsUp> ?value . ?value <{HP}followsUp>* $this }}",
])
def test_the_loop_form_is_recognised_in_any_spelling(select: str) -> None:
    assert cycle_predicate(PREFIXES, select) == HP + "followsUp"


@pytest.mark.parametrize("select", [
    "SELECT $this ?value WHERE { $this hp:followsUp ?value . ?value hp:followsUp+ $this . }",
    "SELECT $this ?value WHERE { $this hp:followsUp ?value . ?value hp:replaces* $this . }",
    "SELECT $this ?value WHERE { $this hp:followsUp ?value . $this hp:followsUp* ?value . }",
    "SELECT $this ?value WHERE { $this hp:followsUp ?value . ?value hp:followsUp* $this . FILTER(?value != $this) }",
    "SELECT $this WHERE { $this hp:followsUp ?value . ?value hp:followsUp* $this . }",
    "SELECT $this ?value WHERE { $this hp:followsUp ?value . ?value hp:followsUp* $this . ?value a hp:Plan }",
    "SELECT $this ?value WHERE { not sparql",
])
def test_anything_else_is_left_to_sparql(select: str) -> None:
    assert cycle_predicate(PREFIXES, select) is None


def doc(name: str) -> ox.NamedNode:
    return ox.NamedNode(ID + "document/" + name)


def store_with(edges: dict[str, list[tuple[str, str]]]) -> EmbeddedStore:
    store = EmbeddedStore.in_memory()
    for graph in (ONTOLOGY_GRAPH, CONCEPTS_GRAPH):
        store.replace_graph(graph, base_graphs()[graph])
    for graph, pairs in edges.items():
        store.replace_graph(GRAPH + graph, [ox.Quad(doc(a), ox.NamedNode(HP + "followsUp"), doc(b),
                                                    ox.NamedNode(GRAPH + graph)) for a, b in pairs])
    return store


# a → b → c → a across three graphs (a → b stated twice), a self-loop d → d, e → a into the loop
# from outside, and a chain f → g → h with no loop.
EDGES = {"one": [("a", "b"), ("e", "a"), ("f", "g")], "two": [("b", "c"), ("a", "b"), ("g", "h")],
         "three": [("c", "a"), ("d", "d")]}
LOOPS = {("a", "b"), ("b", "c"), ("c", "a"), ("d", "d")}


def loops(report) -> set[tuple[str, str]]:
    return {(r.focus.rsplit("/", 1)[1], r.value.rsplit("/", 1)[1] if r.value else r.focus.rsplit("/", 1)[1])
            for r in report.results if r.shape == HP + "FollowsUpCycleShape"}


def test_components_find_exactly_the_edges_on_a_loop_once_each(monkeypatch) -> None:
    store = store_with(EDGES)
    calls = []
    monkeypatch.setattr(validate_module, "cycle_rows", lambda *a: calls.append(a) or cycle_rows(*a))
    report = validate(store)
    assert len(calls) == 1                      # the embedded store took the components' way
    assert loops(report) == LOOPS
    assert len([r for r in report.results if r.shape == HP + "FollowsUpCycleShape"]) == len(LOOPS)
    assert loops(validate(store, engine="pyshacl")) == LOOPS


def test_the_components_and_the_sparql_path_give_the_same_pairs() -> None:
    store = store_with(EDGES)
    shapes = validate_module._shapes_graph()
    [check] = [c for c in validate_module.split_shapes(shapes)[1] if c.shape == HP + "FollowsUpCycleShape"]
    data = [g for g in store.named_graphs() if g != ONTOLOGY_GRAPH]
    native = cycle_rows(store.oxigraph, HP + "followsUp", f"SELECT ?this WHERE {{ ?this <{HP}followsUp> ?o }}")
    path = store.oxigraph.query(check.query(data, None, union=True), use_default_graph_as_union=True)
    assert {tuple(row) for row in native.rows} == {(s["this"], s["value"]) for s in path}


def test_validating_changed_graphs_reports_the_loop_edges_of_their_nodes_only() -> None:
    store = store_with(EDGES)
    # graph "three" holds c → a and d → d: its nodes c and d are the focus nodes; the loop through
    # a and b is still seen, since edges are read from every graph
    assert loops(validate(store, changed=[GRAPH + "three"])) == {("c", "a"), ("d", "d")}
    assert loops(validate(store, changed=[GRAPH + "one"])) == {("a", "b")}
