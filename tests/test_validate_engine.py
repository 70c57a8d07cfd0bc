"""The SPARQL validation engine against pySHACL, the reference: the same results on every shape
fixture, on the clean domain dataset, on the built bundled corpus, and on planted errors for the
corner cases of SHACL Core the fixtures do not reach (ill-typed literals, literals where a class is
expected, language ranges, pattern flags, property pairs, qualified counts).

A result is compared as (shape, severity, focus, path, value): what a curator acts on.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from healthplan_kg import validate as validate_module
from healthplan_kg.build import base_graphs
from healthplan_kg.errors import HealthplanError
from healthplan_kg.namespaces import CONCEPTS_GRAPH, HP, ID, ONTOLOGY_GRAPH, XSD
from healthplan_kg.store import EmbeddedStore, open_store
from healthplan_kg.validate import validate
from healthplan_kg.validation.sparql_core import ShapeCompileError

HERE = Path(__file__).parent
SHAPE_FIXTURES = sorted((HERE / "shapes").glob("*.ttl"))
DOMAIN_FIXTURES = sorted((HERE / "validation").glob("*.trig"))
SOURCE_GRAPH = "https://w3id.org/healthplan-kg/graph/source/feed0000feed0000"


def keys(report) -> set[tuple]:
    return {(r.shape, r.severity, r.focus, r.path, r.value) for r in report.results}


def both(store) -> tuple[set[tuple], set[tuple]]:
    return keys(validate(store)), keys(validate(store, engine="pyshacl"))


def fixture_store(path: Path) -> EmbeddedStore:
    """The ontology and concept-scheme graphs plus the fixture: a Turtle file as one source
    graph, a TriG file as its own named graphs."""
    store = EmbeddedStore.in_memory()
    for graph in (ONTOLOGY_GRAPH, CONCEPTS_GRAPH):
        store.replace_graph(graph, base_graphs()[graph])
    if path.suffix == ".trig":
        quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TRIG))
    else:
        quads = [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(SOURCE_GRAPH))
                 for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)]
    for graph in {q.graph_name.value for q in quads}:
        store.replace_graph(graph, [q for q in quads if q.graph_name.value == graph])
    return store


@pytest.mark.parametrize("fixture", SHAPE_FIXTURES + DOMAIN_FIXTURES, ids=lambda p: p.name)
def test_both_engines_find_the_same_results_on_each_fixture(fixture: Path) -> None:
    sparql, reference = both(fixture_store(fixture))
    assert sparql == reference, (f"only sparql: {sorted(sparql - reference)}\n"
                                 f"only pyshacl: {sorted(reference - sparql)}")
    if fixture.name.endswith(".violating.ttl"):          # a test that could not fail would be no test
        assert any(shape == HP + fixture.name.split(".")[0] for shape, *_ in sparql)


def test_both_engines_find_the_same_results_on_the_built_corpus(built_store: Path) -> None:
    store = open_store(built_store, read_only=True)
    try:
        sparql, reference = both(store)
    finally:
        store.close()
    assert sparql == reference, (f"only sparql: {sorted(sparql - reference)[:20]}\n"
                                 f"only pyshacl: {sorted(reference - sparql)[:20]}")


def test_results_carry_messages_labels_and_the_engine(built_report) -> None:
    for result in built_report.results:
        assert result.engine in {"sparql", "store"}
        assert result.messages.get("en") and result.messages.get("nb") and result.shape_label


# -- planted errors for corners the fixtures do not reach ----------------------------------------

PLANTED_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix hp: <https://w3id.org/healthplan-kg/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
hp:ThingShape a sh:NodeShape ; rdfs:label "Thing"@en ; sh:targetClass hp:Event ;
  sh:property [ sh:path hp:when ; sh:datatype xsd:date ; sh:message "a date"@en ] ;
  sh:property [ sh:path hp:count ; sh:datatype xsd:integer ; sh:minInclusive 1 ; sh:message "count"@en ] ;
  sh:property [ sh:path hp:year ; sh:or ( [ sh:datatype xsd:gYear ] [ sh:datatype xsd:date ] ) ;
                sh:message "a year"@en ] ;
  sh:property [ sh:path hp:about ; sh:class hp:PolicyDocument ; sh:message "a document"@en ] ;
  sh:property [ sh:path hp:label ; sh:languageIn ( "nb" "nn" ) ; sh:uniqueLang true ; sh:message "labels"@en ] ;
  sh:property [ sh:path hp:code ; sh:pattern "^ab" ; sh:flags "i" ; sh:message "code"@en ] ;
  sh:property [ sh:path hp:start ; sh:lessThanOrEquals hp:end ; sh:message "order"@en ] ;
  sh:property [ sh:path hp:same ; sh:equals hp:copy ; sh:message "copy"@en ] ;
  sh:property [ sh:path hp:part ; sh:qualifiedValueShape [ sh:class hp:Ministry ] ;
                sh:qualifiedMinCount 1 ; sh:qualifiedMaxCount 1 ; sh:message "one ministry"@en ] ;
  sh:property [ sh:path [ sh:inversePath hp:about ] ; sh:minCount 2 ; sh:message "cited twice"@en ] ;
  sh:property [ sh:path hp:flag ; sh:hasValue true ; sh:nodeKind sh:Literal ; sh:message "flag"@en ] ;
  sh:not [ sh:path hp:banned ; sh:minCount 1 ] .
"""

EVENT = HP + "Event"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _q(s: str, p: str, o) -> ox.Quad:
    obj = o if isinstance(o, ox.Literal | ox.NamedNode) else ox.NamedNode(o)
    return ox.Quad(ox.NamedNode(ID + s), ox.NamedNode(p if p.startswith("http") else HP + p), obj,
                   ox.NamedNode(SOURCE_GRAPH))


def _lit(text: str, datatype: str | None = None, lang: str | None = None) -> ox.Literal:
    if lang:
        return ox.Literal(text, language=lang)
    return ox.Literal(text, datatype=ox.NamedNode(datatype)) if datatype else ox.Literal(text)


def _planted_store() -> EmbeddedStore:
    """Two events: ``good`` meets every constraint; ``bad`` breaks each in a way that tests a
    corner of the semantics."""
    good = [_q("good", RDF_TYPE, EVENT), _q("good", "when", _lit("2024-02-29", XSD + "date")),
            _q("good", "count", _lit("3", XSD + "integer")), _q("good", "year", _lit("2024", XSD + "gYear")),
            _q("good", "about", ID + "doc"), _q("doc", RDF_TYPE, HP + "WhitePaper"),
            _q("good", "label", _lit("Plan", lang="nb-NO")), _q("good", "label", _lit("Plan", lang="nn")),
            _q("good", "code", _lit("ABc")), _q("good", "start", _lit("1", XSD + "integer")),
            _q("good", "end", _lit("1", XSD + "integer")), _q("good", "same", ID + "x"),
            _q("good", "copy", ID + "x"), _q("good", "part", ID + "hod"), _q("hod", RDF_TYPE, HP + "Ministry"),
            _q("citer1", "about", ID + "good"), _q("citer2", "about", ID + "good"),
            _q("good", "flag", _lit("true", XSD + "boolean"))]
    bad = [_q("bad", RDF_TYPE, EVENT),
           _q("bad", "when", _lit("2024-02-30", XSD + "date")),          # ill-typed: no 30 February
           _q("bad", "when", _lit("2024-02", XSD + "gYearMonth")),       # another datatype
           _q("bad", "count", _lit("0", XSD + "integer")),               # below minInclusive
           _q("bad", "count", _lit("seven")),                            # a string: wrong type, incomparable
           _q("bad", "year", _lit("24", XSD + "gYear")),                 # gYear: any lexical form passes
           _q("bad", "year", _lit("2024")),                              # a plain string fails both
           _q("bad", "about", _lit("Meld. St. 9")),                      # a literal where a class is expected
           _q("bad", "about", ID + "untyped"),
           _q("bad", "label", _lit("Plan", lang="en")),                  # outside the language ranges
           _q("bad", "label", _lit("Plan", lang="nb")), _q("bad", "label", _lit("Planen", lang="NB")),
           _q("bad", "code", _lit("xab")), _q("bad", "code", ID + "ab"),  # an IRI is matched by its text
           _q("bad", "start", _lit("5", XSD + "integer")), _q("bad", "end", _lit("4", XSD + "integer")),
           _q("bad", "end", _lit("six")),                                # incomparable
           _q("bad", "same", ID + "y"), _q("bad", "copy", ID + "z"),
           _q("bad", "part", ID + "hod"), _q("bad", "part", ID + "hod2"), _q("hod2", RDF_TYPE, HP + "Ministry"),
           _q("bad", "flag", ID + "true"),                               # hasValue missing, nodeKind wrong
           _q("bad", "banned", _lit("yes"))]
    store = EmbeddedStore.in_memory()
    store.replace_graph(ONTOLOGY_GRAPH, base_graphs()[ONTOLOGY_GRAPH])
    store.replace_graph(SOURCE_GRAPH, good + bad)
    return store


@pytest.fixture
def planted_shapes(tmp_path, monkeypatch):
    path = tmp_path / "shapes.ttl"
    path.write_text(PLANTED_SHAPES, encoding="utf-8")
    monkeypatch.setattr(validate_module.resources, "shapes_file", lambda: path)


def test_planted_corner_cases_match_pyshacl_and_are_what_shacl_says(planted_shapes) -> None:
    sparql, reference = both(_planted_store())
    assert sparql == reference, (f"only sparql: {sorted(sparql - reference)}\n"
                                 f"only pyshacl: {sorted(reference - sparql)}")
    found = {(focus.removeprefix(ID), (path or "").removeprefix(HP), value) for _s, _v, focus, path, value in sparql}
    assert all(focus == "bad" for focus, _p, _v in found), found
    expected = {("bad", "when", "2024-02-30"), ("bad", "when", "2024-02"), ("bad", "count", "0"),
                ("bad", "count", "seven"), ("bad", "year", "2024"), ("bad", "about", "Meld. St. 9"),
                ("bad", "about", ID + "untyped"), ("bad", "label", "Plan"), ("bad", "label", None),
                ("bad", "code", "xab"), ("bad", "code", ID + "ab"), ("bad", "start", "5"), ("bad", "same", ID + "y"),
                ("bad", "same", ID + "z"), ("bad", "part", None), ("bad", "", None),
                ("bad", "flag", ID + "true"), ("bad", "flag", None)}
    assert found == expected


def test_an_unknown_constraint_fails_before_any_query(tmp_path, monkeypatch) -> None:
    path = tmp_path / "shapes.ttl"
    path.write_text(PLANTED_SHAPES.replace("sh:not [", "sh:closed true ; sh:not ["), encoding="utf-8")
    monkeypatch.setattr(validate_module.resources, "shapes_file", lambda: path)
    with pytest.raises(ShapeCompileError, match="sh:closed"):
        validate(_planted_store())


def test_an_unknown_engine_is_a_clear_error() -> None:
    with pytest.raises(HealthplanError, match="engine"):
        validate(EmbeddedStore.in_memory(), engine="jena")


COUNT_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix hp: <https://w3id.org/healthplan-kg/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
hp:CountShape a sh:NodeShape ; rdfs:label "Counts"@en ; sh:targetClass hp:Event ;
  sh:property [ sh:path hp:part ; sh:qualifiedValueShape [ sh:class hp:Ministry ] ;
                sh:qualifiedMaxCount 1 ; sh:message "at most one ministry"@en ] ;
  sh:property [ sh:path hp:when ; sh:qualifiedValueShape [ sh:datatype xsd:date ] ;
                sh:qualifiedMinCount 1 ; sh:message "one real date"@en ] ;
  sh:property [ sh:path hp:label ; sh:maxCount 2 ; sh:message "two labels at most"@en ] ;
  sh:property [ sh:path hp:count ; sh:minCount 2 ; sh:message "two counts"@en ] ;
  sh:property [ sh:path hp:same ; sh:disjoint hp:copy ; sh:message "not a copy"@en ] .
hp:CitedShape a sh:NodeShape ; rdfs:label "Cited"@en ; sh:targetObjectsOf hp:about ;
  sh:class hp:PolicyDocument ; sh:message "what is cited is a document"@en .
"""


def test_counts_qualified_shapes_and_node_classes_match_pyshacl(tmp_path, monkeypatch) -> None:
    """The compiled forms the corner cases above do not reach: a qualified maximum alone (no
    minimum, so a node without any qualifying value conforms), a qualified shape that is not just
    a class, maxCount and minCount above one, sh:disjoint, and sh:class on the focus node itself
    (a literal focus fails it)."""
    path = tmp_path / "shapes.ttl"
    path.write_text(COUNT_SHAPES, encoding="utf-8")
    monkeypatch.setattr(validate_module.resources, "shapes_file", lambda: path)
    sparql, reference = both(_planted_store())
    assert sparql == reference, (f"only sparql: {sorted(sparql - reference)}\n"
                                 f"only pyshacl: {sorted(reference - sparql)}")
    found = {(shape.removeprefix(HP), focus.removeprefix(ID), (path or "").removeprefix(HP), value)
             for shape, _s, focus, path, value in sparql}
    assert found == {("CountShape", "bad", "part", None),        # two ministries
                     ("CountShape", "bad", "when", None),        # an ill-typed date and a gYearMonth
                     ("CountShape", "bad", "label", None),       # three labels
                     ("CountShape", "good", "count", None),      # one count only
                     ("CountShape", "good", "same", ID + "x"),   # the same node under both
                     ("CitedShape", "Meld. St. 9", "", None), ("CitedShape", "untyped", "", None),
                     ("CitedShape", "good", "", None)}
