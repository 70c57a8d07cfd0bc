"""Saved queries answered source graph by source graph (queries/paging.py): the same rows in the
same order as the whole answer, on real stores, and a header that promises it checked."""

from __future__ import annotations

import pytest

from healthplan_kg.errors import ParameterError, QueryError
from healthplan_kg.queries import QueryRegistry, SavedQuery, paging
from healthplan_kg.store import EmbeddedStore, RemoteStore, open_store

PAGED = [saved.name for saved in QueryRegistry.load() if saved.paged_by == "graph"]

_HEADER = """#+ summary: test
#+ columns: [doc, label]
#+ paged_by: graph
"""
_GOOD = """PREFIX hp: <https://w3id.org/healthplan-kg/ontology#>
# a comment before the query: WHERE { ?g }
SELECT ?doc ?label   # the labels, not WHERE { here
WHERE {
  # WHERE { in a comment is not the group
  GRAPH ?g { ?doc a hp:SourceDocument ; <urn:x#label> ?label }
  OPTIONAL { { SELECT ?label WHERE { GRAPH ?other { ?s <urn:x#y> ?label } } } }
}
ORDER BY ?doc ?label
"""


@pytest.fixture(scope="module")
def store(built_store) -> EmbeddedStore:
    return open_store(built_store, read_only=True)


def test_the_contract_queries_that_sort_by_document_are_paged_by_graph():
    # the queries whose rows each come from one source graph and that sort by its document first
    assert {"relations", "mentions", "people", "quotes", "document-references"} <= set(PAGED)


def test_the_graph_binding_goes_at_the_head_of_the_main_where_group_not_into_a_comment_or_sub_select():
    text = paging.with_graphs(_GOOD, ["https://example.org/g1", "https://example.org/g2"])
    main_where = text.index("WHERE {\n  VALUES ?g { <https://example.org/g1> <https://example.org/g2> }")
    assert text.index("# WHERE { in a comment") > main_where
    assert text.count("VALUES ?g") == 1
    assert text.replace("\n  VALUES ?g { <https://example.org/g1> <https://example.org/g2> }", "") == _GOOD


def test_a_header_promising_pages_by_graph_is_checked_against_the_query_text():
    assert SavedQuery.from_text("good", _HEADER + _GOOD).paged_by == "graph"
    with pytest.raises(QueryError, match="ORDER BY \\?doc"):
        SavedQuery.from_text("order", _HEADER + _GOOD.replace("ORDER BY ?doc ?label", "ORDER BY ?label ?doc"))
    with pytest.raises(QueryError, match="'doc' among the columns"):
        SavedQuery.from_text("columns", _HEADER.replace("[doc, label]", "[label]") + _GOOD)
    with pytest.raises(QueryError, match="\\?g in the WHERE group"):
        SavedQuery.from_text("graph", _HEADER + _GOOD.replace("?g ", "?source "))
    with pytest.raises(QueryError, match="can only be 'graph'"):
        SavedQuery.from_text("kind", _HEADER.replace("paged_by: graph", "paged_by: document") + _GOOD)


def test_the_graphs_come_in_the_order_of_their_documents(store):
    graphs = paging.graphs_in_order(store)
    documents = [row[0].value for row in store.query(
        "SELECT ?doc WHERE { GRAPH ?g { ?doc a <https://w3id.org/healthplan-kg/ontology#SourceDocument> } }").rows]
    assert len(graphs) == len(documents) > 1
    hashes = [graph.rsplit("/", 1)[1] for graph in graphs]
    assert hashes == sorted(document.rsplit("/", 1)[1] for document in documents)


@pytest.mark.parametrize("name", PAGED)
def test_a_paged_query_streams_its_whole_answer_in_its_order(store, name, monkeypatch):
    saved = QueryRegistry.load().get(name)
    whole = saved.run(store, {}).rows
    assert whole, f"{name} has rows on the bundled corpus"
    assert list(saved.stream(store)) == whole
    for limit, offset in ((1, 0), (7, 2), (len(whole), 0)):
        assert saved.page(store, limit=limit, offset=offset).rows == whole[offset:offset + limit]
    # runs of one and two graphs: every boundary between graphs is a boundary between runs
    monkeypatch.setattr(paging, "FIRST_RUN", 1)
    monkeypatch.setattr(paging, "LONGEST_RUN", 2)
    assert list(saved.stream(store)) == whole
    for limit, offset in ((1, 0), (5, 3), (len(whole), 0), (10, len(whole) - 4), (3, len(whole) + 5)):
        assert saved.page(store, limit=limit, offset=offset).rows == whole[offset:offset + limit]


def test_a_call_with_a_parameter_is_answered_whole(store, monkeypatch):
    saved = QueryRegistry.load().get("relations")
    expected = saved.run(store, {"predicate": "follows_up"}).rows
    assert expected
    monkeypatch.setattr(paging, "rows_by_graph", lambda *a, **k: pytest.fail("paged with a parameter"))
    assert saved.page(store, {"predicate": "follows_up"}, limit=1000).rows == expected


def test_a_page_refuses_a_negative_limit(store):
    with pytest.raises(ParameterError, match="limit and offset"):
        QueryRegistry.load().get("relations").page(store, limit=-1)


def test_a_sparql_server_pages_the_same_way(store, oxigraph_server):
    remote = RemoteStore.from_endpoint(oxigraph_server)
    remote.drop_graphs(remote.named_graphs())
    for graph in store.named_graphs():
        remote.replace_graph(graph, store.quads(graph))
    try:
        for name in PAGED:
            saved = QueryRegistry.load().get(name)
            whole = saved.run(remote, {}).rows
            assert sorted(map(str, saved.stream(remote))) == sorted(map(str, whole)), name
            assert [row[0] for row in saved.stream(remote)] == sorted((row[0] for row in whole),
                                                                     key=lambda term: term.value), name
    finally:
        remote.drop_graphs(remote.named_graphs())


def test_the_python_api_and_the_command_line_give_a_page_of_the_whole_answer(built_store):
    import json
    import subprocess
    import sys

    from healthplan_kg.api import KnowledgeGraph

    kg = KnowledgeGraph.open(built_store)
    try:
        whole = kg.query("mentions")
        assert len(whole.rows) > 6
        assert kg.page("mentions", limit=4, offset=2).rows == whole.rows[2:6]
        assert list(kg.stream("mentions")) == whole.rows
        expected = whole.values()[2:6]
    finally:
        kg.close()
    proc = subprocess.run([sys.executable, "-m", "healthplan_kg.cli", "query", "run", "mentions", "--limit", "4",
                           "--offset", "2", "--format", "json", "--store", str(built_store)],
                          capture_output=True, text=True, check=False, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == expected


def test_a_page_asks_for_about_the_graphs_its_rows_need_and_no_graph_twice(store, monkeypatch):
    saved = QueryRegistry.load().get("mentions")
    whole = saved.run(store, {}).rows
    graphs = paging.graphs_in_order(store)
    asked: list[list[str]] = []
    real = paging.with_graphs

    def spy(sparql, chosen, at=None):
        asked.append(list(chosen))
        return real(sparql, chosen, at)

    monkeypatch.setattr(paging, "with_graphs", spy)
    monkeypatch.setattr(paging, "FIRST_RUN", 1)
    first_graph_rows = sum(1 for row in whole if row[0] == whole[0][0])
    assert saved.page(store, limit=first_graph_rows).rows == whole[:first_graph_rows]
    assert asked == [graphs[:1]]                      # the first graph held the page
    asked.clear()
    assert saved.page(store, limit=len(whole)).rows == whole
    flat = [graph for run in asked for graph in run]
    assert flat == graphs                             # every graph once, in order
