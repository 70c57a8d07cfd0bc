"""Domain errors a curator must hear about, planted one at a time into a clean dataset
(tests/validation/clean.trig) in a real Oxigraph store and validated the way the CLI does.

Also pins down the two-engine split: a SHACL-SPARQL shape run as one query over the store must
find exactly what pySHACL finds running it per focus node.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import pytest
import rdflib

from healthplan_kg import resources
from healthplan_kg.build import base_graphs
from healthplan_kg.namespaces import CONCEPTS_GRAPH, HP, ID, ONTOLOGY_GRAPH, ORG, REFERENCE_GRAPH, SCHEMA, XSD
from healthplan_kg.store import EmbeddedStore
from healthplan_kg.validate import (
    _shapes_graph,
    record_validated,
    split_shapes,
    unvalidated_graphs,
    validate,
)

HERE = Path(__file__).parent
CLEAN = HERE / "validation" / "clean.trig"
SOURCE_GRAPH = "https://w3id.org/healthplan-kg/graph/source/cafe0000cafe0000"
FACT = ID + "fact/cafe0000cafe0000/"
EVIDENCE = ID + "evidence/cafe0000cafe0000/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _store(extra: list[ox.Quad] = (), drop=lambda quad: False) -> EmbeddedStore:
    """The clean dataset plus the ontology graph, with ``extra`` added and ``drop`` removed."""
    store = EmbeddedStore.in_memory()
    store.replace_graph(ONTOLOGY_GRAPH, base_graphs()[ONTOLOGY_GRAPH])
    store.replace_graph(CONCEPTS_GRAPH, base_graphs()[CONCEPTS_GRAPH])
    quads = [q for q in ox.parse(path=str(CLEAN), format=ox.RdfFormat.TRIG) if not drop(q)] + list(extra)
    for graph in {q.graph_name.value for q in quads}:
        store.replace_graph(graph, [q for q in quads if q.graph_name.value == graph])
    return store


def _in(graph: str, s: str, p: str, o: ox.NamedNode | ox.Literal) -> ox.Quad:
    return ox.Quad(_n(s), _n(p), o, _n(graph))


def test_the_clean_dataset_conforms_strictly():
    report = validate(_store())
    assert report.conforms_strictly(), report.to_text()


# Each planted error: what is changed, the shape that must catch it, its severity, the node it is
# reported on, and words the curator's text report must contain.
PLANTED = {
    "identifier of another kind": dict(
        extra=[_in(REFERENCE_GRAPH, ID + "document/nou-2023-4", "http://purl.org/dc/terms/identifier",
                   ox.Literal("Meld. St. 9 (2023–2024)"))],
        drop=lambda q: q.predicate.value.endswith("/identifier") and q.object.value == "NOU 2023: 4",
        shape="IdentifierMatchesKindShape", severity="Violation", focus=ID + "document/nou-2023-4",
        says="Tid for handling"),
    "white paper without a ministry": dict(
        drop=lambda q: q.predicate.value == HP + "responsibleBody",
        shape="WhitePaperMinistryShape", severity="Warning", focus=ID + "document/meld-st-9-2023-2024",
        says="ansvarlig departement"),
    "assignment without an assignee": dict(
        drop=lambda q: q.predicate.value == HP + "assignee",
        shape="AssignmentShape", severity="Violation", focus=FACT + "assignment/1",
        says="brev_fra_direktoratet.txt"),
    "follows-up cycle": dict(
        extra=[_in(SOURCE_GRAPH, ID + "document/nou-2023-4", HP + "followsUp",
                   _n(ID + "document/meld-st-9-2023-2024"))],
        shape="FollowsUpCycleShape", severity="Violation", focus=ID + "document/meld-st-9-2023-2024",
        says="Nasjonal helse- og samhandlingsplan"),
    "post ended before the statement": dict(
        extra=[_in(REFERENCE_GRAPH, ID + "membership/bjorn-guldvog-helsedirektoratet", SCHEMA + "endDate",
                   ox.Literal("2024-02-29", datatype=_n(XSD + "date")))],
        shape="PostEndedBeforeStatementShape", severity="Violation", focus=FACT + "quote/1",
        says="Helsedirektør Bjørn Guldvog sier at arbeidet starter nå."),
    "evidence past the end of the text": dict(
        extra=[_in(SOURCE_GRAPH, EVIDENCE + "31-87/position", "http://www.w3.org/ns/oa#end",
                   ox.Literal("95", datatype=_n(XSD + "nonNegativeInteger")))],
        drop=lambda q: q.subject.value == EVIDENCE + "31-87/position" and q.predicate.value.endswith("#end"),
        shape="SelectorWithinSourceShape", severity="Violation", focus=EVIDENCE + "31-87/position",
        says="brev_fra_direktoratet.txt"),
    "quote that is not the text at its offsets": dict(
        extra=[_in(SOURCE_GRAPH, EVIDENCE + "0-30/quote", "http://www.w3.org/ns/oa#exact",
                   ox.Literal("Planen følger opp NOU 2023: 5."))],
        drop=lambda q: q.subject.value == EVIDENCE + "0-30/quote" and q.predicate.value.endswith("#exact"),
        shape="QuoteMatchesSourceShape", severity="Violation", focus=EVIDENCE + "0-30/quote",
        says="NOU 2023: 5"),
    "relation without its direct triple": dict(
        drop=lambda q: q.predicate.value == HP + "followsUp",
        shape="RelationAssertionShape", severity="Violation", focus=FACT + "relation/1",
        says="Den påståtte tripelen mangler"),
    "label missing in nynorsk": dict(
        drop=lambda q: q.subject.value == ID + "organisation/helsedirektoratet"
        and getattr(q.object, "language", None) == "nn",
        shape="NynorskLabelShape", severity="Warning", focus=ID + "organisation/helsedirektoratet",
        says="Helsedirektoratet"),
    "label missing in bokmål": dict(
        drop=lambda q: q.subject.value == ID + "organisation/hod" and getattr(q.object, "language", None) == "nb",
        shape="BokmalLabelShape", severity="Warning", focus=ID + "organisation/hod", says="@nb"),
    "unlinked mention": dict(
        extra=[_in(SOURCE_GRAPH, ID + "organisation/demoetaten", RDF_TYPE, _n(ORG + "Organization")),
               _in(SOURCE_GRAPH, ID + "organisation/demoetaten", HP + "unlinked", ox.Literal(True)),
               _in(SOURCE_GRAPH, ID + "organisation/demoetaten", "http://www.w3.org/2004/02/skos/core#prefLabel",
                   ox.Literal("Demoetaten", language="nb")),
               _in(SOURCE_GRAPH, ID + "organisation/demoetaten", "http://www.w3.org/2004/02/skos/core#prefLabel",
                   ox.Literal("Demoetaten", language="nn"))],
        shape="UnlinkedEntityShape", severity="Warning", focus=ID + "organisation/demoetaten", says="Demoetaten"),
}


@pytest.mark.parametrize("name", sorted(PLANTED))
def test_a_planted_error_is_reported_so_a_curator_can_act(name):
    plant = PLANTED[name]
    report = validate(_store(plant.get("extra", []), plant.get("drop", lambda q: False)))
    caught = [r for r in report.results if r.shape == HP + plant["shape"] and r.focus == plant["focus"]]
    assert caught, report.to_text()
    assert {r.severity for r in caught} == {plant["severity"]}
    assert report.conforms == (plant["severity"] != "Violation")
    assert not report.conforms_strictly()
    text = report.to_text("nb")
    assert plant["focus"] in text and plant["says"] in text, text
    assert all(r.messages.get("nb") and r.messages.get("en") for r in caught)


def test_an_entity_is_reported_with_the_document_and_sentence_that_mention_it():
    mention = FACT + "mention/1"
    quads = PLANTED["unlinked mention"]["extra"] + [
        _in(SOURCE_GRAPH, mention, HP + "mentionOf", _n(ID + "organisation/demoetaten")),
        _in(SOURCE_GRAPH, mention, HP + "evidence", _n(EVIDENCE + "31-87"))]
    report = validate(_store(quads))
    result = next(r for r in report.results if r.focus == ID + "organisation/demoetaten")
    assert result.source_document == "brev_fra_direktoratet.txt"
    assert result.evidence == "Helsedirektør Bjørn Guldvog sier at arbeidet starter nå."


# -- the store engine against pySHACL ------------------------------------------------------------

def _sparql_shapes() -> list[str]:
    _core, checks = split_shapes(_shapes_graph())
    return sorted({c.shape.removeprefix(HP) for c in checks})


def test_every_sparql_shape_runs_in_the_store():
    """The split must leave pySHACL no SPARQL constraint (that is what made validation slow)."""
    core, checks = split_shapes(_shapes_graph())
    assert checks and not list(core.objects(None, rdflib.URIRef("http://www.w3.org/ns/shacl#sparql")))
    assert set(_sparql_shapes()) >= {"FollowsUpCycleShape", "PostEndedBeforeStatementShape",
                                     "SelectorWithinSourceShape", "QuoteMatchesSourceShape"}


@pytest.mark.parametrize("kind", ["conforming", "violating"])
@pytest.mark.parametrize("shape", _sparql_shapes())
def test_the_store_engine_finds_what_pyshacl_finds(shape, kind):
    fixture = HERE / "shapes" / f"{shape}.{kind}.ttl"
    shapes = _shapes_graph()
    ontology = rdflib.Graph().parse(data=ox.serialize([q.triple for q in base_graphs()[ONTOLOGY_GRAPH]],
                                                      format=ox.RdfFormat.N_TRIPLES), format="nt")
    _, results, _ = pyshacl.validate(rdflib.Graph().parse(fixture), shacl_graph=shapes, ont_graph=ontology,
                                     inference="none", advanced=True)
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    expected = {str(results.value(r, sh.focusNode)) for r in results.subjects(rdflib.RDF.type, sh.ValidationResult)
                if str(results.value(r, sh.sourceShape)) == HP + shape
                or results.value(results.value(r, sh.sourceShape), sh.select) is not None
                and (rdflib.URIRef(HP + shape), sh.sparql, results.value(r, sh.sourceShape)) in shapes}
    store = EmbeddedStore.in_memory()
    store.replace_graph(ONTOLOGY_GRAPH, base_graphs()[ONTOLOGY_GRAPH])
    store.replace_graph(CONCEPTS_GRAPH, base_graphs()[CONCEPTS_GRAPH])
    store.replace_graph(SOURCE_GRAPH, [ox.Quad(t.subject, t.predicate, t.object, _n(SOURCE_GRAPH))
                                       for t in ox.parse(path=str(fixture), format=ox.RdfFormat.TURTLE)])
    found = {r.focus for r in validate(store).results if r.shape == HP + shape and r.engine == "store"}
    assert found == expected
    assert bool(found) == (kind == "violating")


# -- scope: only what changed ----------------------------------------------------------------------

def test_changed_validates_only_the_named_graphs_given():
    other = "https://w3id.org/healthplan-kg/graph/source/beef0000beef0000"
    broken = [_in(other, FACT + "x", RDF_TYPE, _n(HP + "Mention"))]   # a mention of nothing
    store = _store(broken)
    assert any(r.focus == FACT + "x" for r in validate(store, changed=[other]).results)
    untouched = validate(store, changed=[SOURCE_GRAPH])
    assert untouched.conforms and all(r.focus != FACT + "x" for r in untouched.results)
    assert untouched.graphs == [SOURCE_GRAPH]


def test_the_record_lets_changed_skip_what_a_conforming_run_covered(tmp_path):
    folder = tmp_path / "store"
    store = EmbeddedStore.open(folder, create=True)
    for quad_graph, quads in {g: list(_store().quads(g)) for g in _store().named_graphs()}.items():
        store.replace_graph(quad_graph, quads)
    assert SOURCE_GRAPH in unvalidated_graphs(store, folder)          # nothing recorded yet
    record_validated(store, folder, validate(store))
    assert unvalidated_graphs(store, folder) == []
    new = "https://w3id.org/healthplan-kg/graph/source/beef0000beef0000"
    store.replace_graph(new, [_in(new, FACT + "y", RDF_TYPE, _n(HP + "Mention"))])
    assert unvalidated_graphs(store, folder) == [new]
    report = validate(store, changed=unvalidated_graphs(store, folder))
    assert not report.conforms
    record_validated(store, folder, report)                           # a failing run records nothing
    assert unvalidated_graphs(store, folder) == [new]
    store.close()


# -- report formats ---------------------------------------------------------------------------------

def test_junit_has_one_case_per_shape_failing_only_on_violations():
    plant = PLANTED["assignment without an assignee"]
    store = _store(PLANTED["unlinked mention"]["extra"], plant["drop"])
    report = validate(store)
    suite = ET.fromstring(report.to_junit())
    cases = suite.findall("testcase")
    assert len(cases) == len(report.shapes) == int(suite.get("tests"))
    failing = [c for c in cases if c.find("failure") is not None]
    assert [c.get("name") for c in failing] == ["Assignment"] and suite.get("failures") == "1"
    unlinked = next(c for c in cases if c.get("name") == "Unlinked entity")
    assert unlinked.find("failure") is None and "Demoetaten" in unlinked.find("system-out").text
    strict = ET.fromstring(report.to_junit(strict=True))
    assert strict.get("failures") == "2"


def test_json_fields_are_stable():
    report = validate(_store(drop=PLANTED["white paper without a ministry"]["drop"]))
    data = json.loads(report.to_json())
    assert set(data) == {"conforms", "counts", "graphs_validated", "ontology_problems", "results"}
    assert data["conforms"] is True and data["counts"] == {"Violation": 0, "Warning": 1, "Info": 0}
    assert set(data["results"][0]) == {"severity", "shape", "shape_label", "focus", "focus_label", "path",
                                       "value", "message", "source_document", "evidence", "messages", "engine"}


def test_every_term_the_built_graph_uses_is_declared(built_store) -> None:
    """A typo in the mapper ("hp:folowsUp") passes every shape; this check catches it."""
    from healthplan_kg.store import open_store
    from healthplan_kg.validate import undeclared_terms_in

    store = open_store(path=built_store, read_only=True)
    try:
        assert undeclared_terms_in(store) == []
    finally:
        store.close()


@pytest.mark.parametrize(("lang", "heading", "title"), [
    ("nb", "validering: IKKE i orden (1 brudd", "Brudd: Sitatet stemmer med kildeteksten (1)"),
    ("nn", "validering: IKKJE i orden (1 brot", "Brot: Sitatet stemmer med kjeldeteksten (1)"),
    ("en", "validation: does NOT conform (1 violations", "Violation: Quote matches the source text (1)"),
])
def test_the_text_report_is_in_the_curators_language(lang, heading, title):
    plant = PLANTED["quote that is not the text at its offsets"]
    text = validate(_store(plant["extra"], plant["drop"])).to_text(lang)
    assert text.startswith(heading), text
    assert title in text.splitlines(), text


def test_every_shape_has_a_title_in_each_written_standard_and_english():
    shapes = rdflib.Graph().parse(resources.shapes_file())
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    for shape in shapes.subjects(rdflib.RDF.type, sh.NodeShape):
        if isinstance(shape, rdflib.URIRef):
            languages = {label.language for label in shapes.objects(shape, rdflib.RDFS.label)}
            assert {"en", "nb", "nn"} <= languages, shape
