"""The embedded store runs OPTIONAL as LATERAL { OPTIONAL } (nested loops in Oxigraph): the rewrite
must touch only real OPTIONAL groups, and every saved query must answer exactly as written."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from healthplan_kg.queries import QueryRegistry
from healthplan_kg.store.lateral import lateral_optionals


def test_each_optional_group_is_wrapped_with_its_own_braces():
    query = "SELECT * WHERE { ?s ?p ?o OPTIONAL { ?s <urn:a> ?a OPTIONAL { ?a <urn:b> ?b } } }"
    assert lateral_optionals(query) == (
        "SELECT * WHERE { ?s ?p ?o LATERAL { OPTIONAL { ?s <urn:a> ?a "
        "LATERAL { OPTIONAL { ?a <urn:b> ?b } } } } }")


def test_keywords_and_braces_in_strings_comments_and_iris_are_left_alone():
    query = ('SELECT * WHERE {\n  # OPTIONAL { not code }\n  ?s <urn:x> "OPTIONAL { }" .\n'
             "  ?s <urn:y> '''a } b''' optional{ ?s <urn:z> \"}\" }\n}")
    rewritten = lateral_optionals(query)
    assert "# OPTIONAL { not code }" in rewritten
    assert '"OPTIONAL { }"' in rewritten
    assert rewritten.endswith("LATERAL { optional{ ?s <urn:z> \"}\" } }\n}")


def test_less_than_is_not_taken_for_an_iri():
    query = "SELECT * WHERE { ?s <urn:v> ?v FILTER(?v < 3 && ?v > 1) OPTIONAL { ?s <urn:w> ?w } }"
    assert "LATERAL { OPTIONAL { ?s <urn:w> ?w } }" in lateral_optionals(query)


def test_a_variable_named_like_the_keyword_is_not_rewritten():
    query = "SELECT ?optional WHERE { ?s <urn:p> ?optional }"
    assert lateral_optionals(query) == query


def test_only_balanced_optional_groups_are_rewritten():
    query = "SELECT * WHERE { ?s ?p ?o OPTIONAL { ?s ?p ?x }"
    assert lateral_optionals(query) == "SELECT * WHERE { ?s ?p ?o LATERAL { OPTIONAL { ?s ?p ?x } }"
    unclosed = "SELECT * WHERE { ?s ?p ?o OPTIONAL { ?s ?p ?x"
    assert lateral_optionals(unclosed) == unclosed


def test_an_optional_that_is_one_sub_select_stays_a_join_evaluated_once():
    """A sub-select does not depend on the row, so the hash join answers it once; a nested loop
    would answer it once per row."""
    once = ("SELECT * WHERE { ?s ?p ?o OPTIONAL { { SELECT ?s ?l WHERE { ?s <urn:l> ?l } } }\n"
            "  OPTIONAL { # the label\n  { SELECT ?s ?m WHERE { ?s <urn:m> ?m OPTIONAL { ?m <urn:n> ?n } } } } }")
    assert lateral_optionals(once) == once.replace("OPTIONAL { ?m <urn:n> ?n }",
                                                   "LATERAL { OPTIONAL { ?m <urn:n> ?n } }")
    more = "SELECT * WHERE { ?s ?p ?o OPTIONAL { { SELECT ?s ?l WHERE { ?s <urn:l> ?l } } ?l <urn:k> ?k } }"
    assert lateral_optionals(more) == more.replace("OPTIONAL { { SELECT", "LATERAL { OPTIONAL { { SELECT") + " }"


def test_an_optional_whose_group_is_a_sub_select_still_runs_once_per_row():
    """``OPTIONAL { SELECT ?key (COUNT(…)) … GROUP BY ?key }`` is cheaper with the row's key bound
    than as an aggregate over the whole store."""
    per_row = "SELECT * WHERE { ?s ?p ?o OPTIONAL { SELECT ?s (COUNT(?x) AS ?n) WHERE { ?s <urn:x> ?x } GROUP BY ?s } }"
    assert lateral_optionals(per_row) == per_row.replace("OPTIONAL {", "LATERAL { OPTIONAL {") + " }"


def test_a_saved_query_loops_over_its_rows_for_their_own_graphs_and_joins_the_curated_labels():
    sparql = QueryRegistry.load().get("mentions").sparql
    rewritten = lateral_optionals(sparql)
    assert "LATERAL { OPTIONAL { GRAPH ?g { ?entity ?entity_label_property ?entity_text }" in rewritten
    assert "LATERAL { OPTIONAL { { SELECT ?entity ?entity_nb" not in rewritten
    assert rewritten.count("OPTIONAL { { SELECT ?entity ?entity_") == 3


def test_the_store_reports_a_syntax_error_in_the_text_as_written():
    from healthplan_kg.errors import QueryError
    from healthplan_kg.store import EmbeddedStore

    with pytest.raises(QueryError, match="malformed SPARQL"):
        EmbeddedStore.in_memory().query("SELECT * WHERE { ?s ?p ?o OPTIONAL { ?s ?p ?x }")


def _rows(store: ox.Store, sparql: str) -> list[tuple[str | None, ...]]:
    return [tuple(None if term is None else str(term) for term in solution) for solution in store.query(sparql)]


@pytest.mark.parametrize("name", QueryRegistry.load().names())
def test_every_saved_query_answers_the_same_rewritten(built_store, name):
    """Same rows in the same order on the built bundled corpus, with and without the rewrite."""
    sparql = QueryRegistry.load().get(name).sparql
    params = QueryRegistry.load().get(name).parameters
    if any(p.required for p in params):
        pytest.skip("needs a parameter; covered by the registry tests")
    raw = ox.Store.read_only(str(built_store))
    assert lateral_optionals(sparql) != sparql or "OPTIONAL" not in sparql.upper()
    assert _rows(raw, lateral_optionals(sparql)) == _rows(raw, sparql)


_REBINDS = ("SELECT ?s ?w WHERE { ?s <urn:p> ?v OPTIONAL { SELECT ?s ?w WHERE { VALUES ?s { <urn:a> } "
            "?s <urn:q> ?w } } } ORDER BY ?s")


def _small_store():
    from healthplan_kg.store import EmbeddedStore

    store = EmbeddedStore.in_memory()
    store.oxigraph.update('INSERT DATA { <urn:a> <urn:p> 1 . <urn:b> <urn:p> 2 . <urn:a> <urn:q> "x" }')
    return store


def test_a_rewrite_the_engine_refuses_runs_as_written():
    """LATERAL forbids re-binding a variable bound on its left (here by VALUES): Oxigraph refuses
    the rewritten text, and the store answers the query as written instead."""
    with pytest.raises(SyntaxError):
        ox.Store().query(lateral_optionals(_REBINDS))
    rows = _small_store().query(_REBINDS).values()
    assert [(r["s"], r["w"]) for r in rows] == [("urn:a", "x"), ("urn:b", None)]


def test_only_the_projects_own_queries_are_rewritten(monkeypatch):
    """Saved queries (tested both ways above) run rewritten; a user's SPARQL through the API runs as
    written unless they ask for the rewrite."""
    from healthplan_kg import api
    from healthplan_kg.store import embedded

    rewritten: list[str] = []
    monkeypatch.setattr(embedded, "lateral_optionals", lambda text: rewritten.append(text) or text)
    graph = api.KnowledgeGraph(_small_store())
    graph.sparql(_REBINDS)
    assert rewritten == []
    graph.sparql(_REBINDS, nested_optionals=True)
    assert rewritten == [_REBINDS]
    graph.query("documents")
    assert len(rewritten) == 2
