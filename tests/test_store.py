"""The embedded store, the BIND rewriting the remote store uses, and the module doctests."""

from __future__ import annotations

import doctest

import pyoxigraph as ox
import pytest

import healthplan_kg.api
import healthplan_kg.shards
import healthplan_kg.status
import healthplan_kg.store.embedded
from healthplan_kg.errors import QueryError, StoreError
from healthplan_kg.store import EmbeddedStore, open_store
from healthplan_kg.store.remote import RemoteStore, insert_bindings

EX = "https://example.org/"
G1, G2 = EX + "g1", EX + "g2"


def _quad(s: str, p: str, o: ox.NamedNode | ox.Literal, g: str) -> ox.Quad:
    return ox.Quad(ox.NamedNode(EX + s), ox.NamedNode(EX + p), o, ox.NamedNode(g))


def sample_quads() -> dict[str, list[ox.Quad]]:
    return {
        G1: [_quad("plan", "label", ox.Literal("Plan", language="nb"), G1),
             _quad("plan", "follows", ox.NamedNode(EX + "nou"), G1),
             _quad("nou", "label", ox.Literal("NOU 2023: 4"), G1)],
        G2: [_quad("letter", "label", ox.Literal("Brev «x»\n", language="nn"), G2),
             _quad("letter", "follows", ox.NamedNode(EX + "plan"), G2)],
    }


@pytest.fixture
def store(tmp_path) -> EmbeddedStore:
    store = EmbeddedStore.open(tmp_path / "store", create=True)
    for graph, quads in sample_quads().items():
        store.replace_graph(graph, quads)
    return store


#: Queries whose rows must not depend on how a binding reaches the engine.
BOUND_QUERIES = [
    # a parameter used in a triple pattern
    ("SELECT ?s ?o WHERE { GRAPH ?g { ?s <https://example.org/follows> ?o } } ORDER BY ?s",
     {"o": ox.NamedNode(EX + "plan")}),
    # a parameter that only filters (the 'optional parameter' shape of saved queries)
    ("SELECT ?s ?label WHERE { GRAPH ?g { ?s <https://example.org/label> ?label } } ORDER BY ?label",
     {"s": ox.NamedNode(EX + "nou")}),
    # a literal with a language tag and characters that need escaping
    ("SELECT ?s ?label WHERE { GRAPH ?g { ?s <https://example.org/label> ?label } }",
     {"label": ox.Literal("Brev «x»\n", language="nn")}),
    # two parameters at once
    ("SELECT ?s ?o WHERE { GRAPH ?g { ?s <https://example.org/follows> ?o } }",
     {"s": ox.NamedNode(EX + "plan"), "o": ox.NamedNode(EX + "nou")}),
]


def test_replace_graph_replaces_rather_than_adds(store):
    store.replace_graph(G1, sample_quads()[G1][:1])
    assert len(list(store.quads(G1))) == 1
    assert len(list(store.quads(G2))) == 2
    assert store.named_graphs() == [G1, G2]


def test_query_returns_terms_and_none_for_unbound(store):
    result = store.query("""SELECT ?s ?missing WHERE { GRAPH ?g { ?s <https://example.org/label> ?l }
                            OPTIONAL { ?s <https://example.org/nothing> ?missing } } ORDER BY ?s""")
    assert result.columns == ["s", "missing"]
    assert [row[0] for row in result.rows] == [ox.NamedNode(EX + "letter"), ox.NamedNode(EX + "nou"),
                                               ox.NamedNode(EX + "plan")]
    assert all(row[1] is None for row in result.rows)
    assert result.values()[0] == {"s": EX + "letter", "missing": None}


@pytest.mark.parametrize(("sparql", "bindings"), BOUND_QUERIES)
def test_substitution_and_bind_at_the_head_give_the_same_rows(store, sparql, bindings):
    substituted = store.query(sparql, bindings=bindings)
    with_binds = store.query(insert_bindings(sparql, bindings))
    assert substituted.rows, "the binding should select something"
    assert sorted(map(str, substituted.rows)) == sorted(map(str, with_binds.rows))


def test_binding_a_variable_the_query_does_not_select_is_a_query_error(store):
    # pyoxigraph substitutes only projected variables; the error must name the problem, not crash
    with pytest.raises(QueryError, match="label"):
        store.query("SELECT ?s WHERE { GRAPH ?g { ?s <https://example.org/label> ?label } }",
                    bindings={"label": ox.Literal("Plan", language="nb")})


def test_ask_construct_and_wrong_query_kind(store):
    assert store.ask("ASK { GRAPH ?g { ?s <https://example.org/follows> <https://example.org/nou> } }")
    triples = store.construct("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <https://example.org/g2> { ?s ?p ?o } }")
    assert len(triples) == 2
    with pytest.raises(QueryError, match="SELECT"):
        store.query("ASK { ?s ?p ?o }")
    with pytest.raises(QueryError, match="malformed"):
        store.query("SELECT ?s WHERE { ?s ")


def test_read_only_store_reads_but_refuses_writes(store, tmp_path):
    store.close()
    reader = open_store(tmp_path / "store", read_only=True)
    assert len(reader.query("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }")) == 5
    with pytest.raises(StoreError, match="read-only"):
        reader.replace_graph(G1, [])


def test_missing_store_is_a_clear_error_unless_created(tmp_path):
    with pytest.raises(StoreError, match="no store at .*nowhere"):
        open_store(tmp_path / "nowhere")
    assert not (tmp_path / "nowhere").exists()
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="is a file"):
        open_store(tmp_path / "file")


def test_default_store_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("HEALTHPLAN_KG_STORE", str(tmp_path / "env-store"))
    store = open_store(create=True)
    assert store.path == tmp_path / "env-store"
    with pytest.raises(StoreError, match="not both"):
        open_store(tmp_path, "http://127.0.0.1:1")


def test_nquads_export_is_sorted_and_complete(store):
    lines = store.nquads().decode().splitlines()
    assert lines == sorted(lines) and len(lines) == 5
    assert len(store.nquads([G2]).decode().splitlines()) == 2


# -- the BIND rewriting -------------------------------------------------------------------------

def test_binds_go_into_the_first_real_group():
    sparql = ('# a header with { braces } in a comment\nPREFIX ex: <https://example.org/{x}>\n'
              'SELECT ?s WHERE { ?s ex:p "{not this}" }')
    rewritten = insert_bindings(sparql, {"s": ox.NamedNode(EX + "a")})
    assert 'WHERE { BIND(<https://example.org/a> AS ?s)  ?s ex:p "{not this}" }' in rewritten
    assert rewritten.startswith("# a header with { braces }")
    assert insert_bindings(sparql, {}) == sparql


def test_binds_need_a_group():
    with pytest.raises(QueryError):
        insert_bindings("ASK", {"s": ox.NamedNode(EX + "a")})


@pytest.mark.parametrize(("url", "query", "update", "store"), [
    ("http://127.0.0.1:7878", "http://127.0.0.1:7878/query", "http://127.0.0.1:7878/update",
     "http://127.0.0.1:7878/store"),
    ("http://localhost:3030/ds/", "http://localhost:3030/ds/query", "http://localhost:3030/ds/update",
     "http://localhost:3030/ds/store"),
    ("http://h:7878/query", "http://h:7878/query", "http://h:7878/update", "http://h:7878/store"),
])
def test_endpoint_urls(url, query, update, store):
    remote = RemoteStore.from_endpoint(url)
    assert (remote.query_url, remote.update_url, remote.store_url) == (query, update, store)


def test_endpoint_must_be_http():
    with pytest.raises(StoreError, match="not an http"):
        RemoteStore.from_endpoint("ftp://example.org/sparql")


# -- doctests --------------------------------------------------------------------------------------

@pytest.mark.parametrize("module", [healthplan_kg.store.embedded, healthplan_kg.store.layout, healthplan_kg.api,
                                    healthplan_kg.shards, healthplan_kg.status])
def test_docstring_examples_run(module):
    failures, tried = doctest.testmod(module, verbose=False)
    assert tried > 0 and failures == 0


def test_an_open_graph_reads_its_saved_queries_once(built_store, monkeypatch):
    """``KnowledgeGraph.query`` parsed every saved query's header on each call (about 50 ms, more
    than most one-entity answers); an open graph now keeps the registry it read first."""
    from healthplan_kg.queries import registry

    loads = []
    real_load = registry.QueryRegistry.load.__func__

    def counting_load(cls, folder=None):
        loads.append(folder)
        return real_load(cls, folder)

    monkeypatch.setattr(registry.QueryRegistry, "load", classmethod(counting_load))
    with healthplan_kg.api.KnowledgeGraph.open(built_store) as graph:
        first = graph.query("documents")
        again = graph.query("documents")
        measures = graph.query("measures")
    assert len(loads) == 1
    assert first.rows == again.rows and first.rows
    assert measures.columns != first.columns
