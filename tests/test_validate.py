"""Validation: SHACL results with labels, languages, source documents and evidence; report formats.

The mechanism is tested with small shapes written here (so each expectation is known), and the
real shapes on the built bundled corpus.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest

from healthplan_kg import validate as validate_module
from healthplan_kg.build import base_graphs
from healthplan_kg.namespaces import HP, ID, OA, ONTOLOGY_GRAPH, SKOS, source_graph_iri
from healthplan_kg.store import EmbeddedStore
from healthplan_kg.validate import validate

SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix hp: <https://w3id.org/healthplan-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
hp:MentionShape a sh:NodeShape ; rdfs:label "Mention"@en, "Omtale"@nb ; sh:targetClass hp:Mention ;
  sh:property [ sh:path hp:mentionOf ; sh:minCount 1 ;
                sh:message "a mention names an entity"@en, "ei omtale viser til noko"@nn,
                           "en omtale viser til noe"@nb ] ;
  sh:property [ sh:path hp:surface ; sh:minCount 1 ; sh:severity sh:Warning ;
                sh:message "a mention keeps its surface form"@en ] .
"""

HASH = "ab" * 32
GRAPH = source_graph_iri(HASH)
SOURCE = ox.NamedNode(ID + "source/" + HASH[:16])


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _facts() -> list[ox.Quad]:
    g = _n(GRAPH)
    good, bad = _n(ID + f"fact/{HASH[:16]}/mention/1"), _n(ID + f"fact/{HASH[:16]}/mention/2")
    evidence, target, quote = (_n(bad.value + suffix) for suffix in ("/evidence", "/target", "/quote"))
    rdf_type = _n("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    return [
        ox.Quad(SOURCE, _n(HP + "sourceFile"), ox.Literal("brev.txt"), g),
        ox.Quad(good, rdf_type, _n(HP + "Mention"), g),
        ox.Quad(good, _n(HP + "mentionOf"), _n(ID + "organisation/helsedirektoratet"), g),
        ox.Quad(good, _n(HP + "surface"), ox.Literal("Hdir"), g),
        ox.Quad(bad, rdf_type, _n(HP + "Mention"), g),
        ox.Quad(bad, _n(SKOS + "prefLabel"), ox.Literal("ein omtale", language="nn"), g),
        ox.Quad(bad, _n(HP + "evidence"), evidence, g),
        ox.Quad(evidence, _n(OA + "hasTarget"), target, g),
        ox.Quad(target, _n(OA + "hasSelector"), quote, g),
        ox.Quad(quote, _n(OA + "exact"), ox.Literal("Direktoratet skal følgje opp planen."), g),
    ]


@pytest.fixture
def small_shapes(tmp_path, monkeypatch):
    path = tmp_path / "shapes.ttl"
    path.write_text(SHAPES, encoding="utf-8")
    monkeypatch.setattr(validate_module.resources, "shapes_file", lambda: path)


@pytest.fixture
def store() -> EmbeddedStore:
    store = EmbeddedStore.in_memory()
    store.replace_graph(GRAPH, _facts())
    return store


def test_a_violation_names_shape_focus_document_and_sentence(small_shapes, store):
    report = validate(store)
    assert not report.conforms
    assert report.counts == {"Violation": 1, "Warning": 1, "Info": 0}
    violation = next(r for r in report.results if r.severity == "Violation")
    assert violation.shape == HP + "MentionShape"
    assert violation.shape_label == "Mention"
    assert violation.focus.endswith("/mention/2") and violation.focus_label == "ein omtale"
    assert violation.path == HP + "mentionOf"
    assert violation.source_document == "brev.txt"
    assert violation.evidence == "Direktoratet skal følgje opp planen."
    assert violation.message == "a mention names an entity"
    assert violation.message_in("nn") == "ei omtale viser til noko"
    assert violation.message_in("nb") == "en omtale viser til noe"


def test_warnings_alone_conform_but_fail_strict(small_shapes, store):
    store.replace_graph(GRAPH, [q for q in _facts() if not q.subject.value.endswith("/mention/2")]
                        + [ox.Quad(_n(ID + "x"), _n("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                                   _n(HP + "Mention"), _n(GRAPH)),
                           ox.Quad(_n(ID + "x"), _n(HP + "mentionOf"), _n(ID + "y"), _n(GRAPH))])
    report = validate(store)
    assert report.conforms and not report.conforms_strictly()
    assert report.counts["Warning"] == 1
    # a message the shape has only in English is shown in English whatever language is asked for
    assert "a mention keeps its surface form" in report.to_text("nn")


def test_the_ontology_graph_is_not_validated_as_data(small_shapes, store):
    # a mention without mentionOf inside graph:ontology must not be reported
    store.replace_graph(ONTOLOGY_GRAPH, [ox.Quad(_n(ID + "z"), _n("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                                                 _n(HP + "Mention"), _n(ONTOLOGY_GRAPH))])
    report = validate(store)
    assert all(not r.focus.endswith("/z") for r in report.results)


def test_report_formats(small_shapes, store):
    report = validate(store)
    data = json.loads(report.to_json())
    assert data["conforms"] is False and data["counts"]["Violation"] == 1
    assert data["results"][0]["severity"] == "Violation"   # worst first
    suite = ET.fromstring(report.to_junit())
    assert suite.get("failures") == "1"
    assert len(suite.findall("testcase/failure")) == 1
    text = report.to_text("nb")
    assert text.startswith("validering: IKKE i orden (1 brudd, 1 advarsler")
    assert "en omtale viser til noe" in text and "dokument: brev.txt" in text
    assert f"<{ID}fact/{HASH[:16]}/mention/2>" in text and "«ein omtale»" in text
    frame = report.to_dataframe()
    assert list(frame["severity"]) == ["Violation", "Warning"]


def test_real_shapes_on_the_bundled_corpus(built, built_report):
    assert built.validation.conforms == built_report.conforms
    json.loads(built_report.to_json())
    ET.fromstring(built_report.to_junit())


def test_real_shapes_catch_an_entity_without_a_label():
    """Every reference entity needs a preferred label (graph model): removing one must be caught."""
    graphs = base_graphs()
    store = EmbeddedStore.in_memory()
    for graph, quads in graphs.items():
        store.replace_graph(graph, quads)
    labelled = [q for q in graphs["https://w3id.org/healthplan-kg/graph/reference"]
                if q.predicate.value == SKOS + "prefLabel"]
    victim = labelled[0].subject
    assert victim.value not in {r.focus for r in validate(store).results if r.severity == "Violation"}
    store.replace_graph("https://w3id.org/healthplan-kg/graph/reference",
                        [q for q in graphs["https://w3id.org/healthplan-kg/graph/reference"]
                         if not (q.subject == victim and q.predicate.value == SKOS + "prefLabel")])
    report = validate(store)
    assert not report.conforms
    assert victim.value in {r.focus for r in report.results if r.severity == "Violation"}
