"""The SHACL shapes against hand-written fixture graphs: one that conforms and one that breaks
each shape, validated the way the build validates (ontology graph apart, no inference).

A violating fixture states the severity it expects in a ``# expected-severity:`` header line, so
the expectation is written beside the broken data rather than read back from shapes.ttl.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pyshacl
import pytest
import rdflib
from rdflib.namespace import RDF, RDFS, SH

from healthplan_kg.namespaces import HP
from healthplan_kg.resources import ontology_file, schemes_file, shapes_file

FIXTURES = Path(__file__).parent / "shapes"


@cache
def shapes_graph() -> rdflib.Graph:
    return rdflib.Graph().parse(shapes_file())


@cache
def ontology_graph() -> rdflib.Graph:
    graph = rdflib.Graph().parse(ontology_file())
    graph.parse(schemes_file())
    return graph


def named_shapes() -> list[str]:
    """Local names of every shape with an IRI in shapes.ttl (the ones fixtures must cover)."""
    graph = shapes_graph()
    return sorted(str(s).removeprefix(HP) for s in graph.subjects(RDF.type, SH.NodeShape)
                  if isinstance(s, rdflib.URIRef))


def validate(fixture: Path) -> tuple[bool, rdflib.Graph]:
    data = rdflib.Graph().parse(fixture, format="turtle")
    conforms, results, _ = pyshacl.validate(
        data, shacl_graph=shapes_graph(), ont_graph=ontology_graph(), inference="none",
        advanced=True, allow_warnings=False)
    return conforms, results


def owning_shape(shape: rdflib.term.Node) -> rdflib.term.Node:
    """The named node shape a result comes from: property shapes are blank nodes under it."""
    if isinstance(shape, rdflib.URIRef):
        return shape
    parent = next(shapes_graph().subjects(SH.property, shape), None)
    return shape if parent is None else owning_shape(parent)


def results_by_shape(results: rdflib.Graph) -> set[tuple[str, str]]:
    found = set()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        shape = owning_shape(results.value(result, SH.sourceShape))
        severity = results.value(result, SH.resultSeverity)
        found.add((str(shape).removeprefix(HP), str(severity).removeprefix(str(SH))))
    return found


def expected_severity(fixture: Path) -> str:
    match = re.search(r"^# expected-severity: (\w+)$", fixture.read_text(encoding="utf-8"), re.MULTILINE)
    assert match, f"{fixture.name} lacks an '# expected-severity:' header"
    return match.group(1)


def describe(results: rdflib.Graph) -> str:
    lines = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        lines.append(f"{results.value(result, SH.focusNode)} {results.value(result, SH.resultPath)}: "
                     f"{results.value(result, SH.resultMessage)}")
    return "\n".join(sorted(lines))


@pytest.mark.parametrize("shape", named_shapes())
def test_conforming_fixture_conforms(shape: str) -> None:
    conforms, results = validate(FIXTURES / f"{shape}.conforming.ttl")
    assert conforms, describe(results)


@pytest.mark.parametrize("shape", named_shapes())
def test_violating_fixture_breaks_its_shape_with_expected_severity(shape: str) -> None:
    fixture = FIXTURES / f"{shape}.violating.ttl"
    conforms, results = validate(fixture)
    assert not conforms
    assert (shape, expected_severity(fixture)) in results_by_shape(results), describe(results)


def test_every_shape_has_both_fixtures() -> None:
    missing = [f"{shape}.{kind}.ttl" for shape in named_shapes() for kind in ("conforming", "violating")
               if not (FIXTURES / f"{shape}.{kind}.ttl").is_file()]
    assert not missing, f"shapes without fixtures: {missing}"


def test_no_fixture_for_a_shape_that_does_not_exist() -> None:
    shapes = set(named_shapes())
    stray = sorted(p.name for p in FIXTURES.glob("*.ttl") if p.name.split(".")[0] not in shapes)
    assert not stray, f"fixtures for unknown shapes: {stray}"


def test_every_shape_has_a_label_and_messages_in_english_and_bokmal() -> None:
    graph = shapes_graph()
    shapes = set(graph.subjects(RDF.type, SH.NodeShape)) | set(graph.objects(None, SH.property))
    problems = []
    for shape in shapes:
        languages = {m.language for m in graph.objects(shape, SH.message)}
        if not {"en", "nb"} <= languages:
            problems.append(f"{owning_shape(shape)}: messages in {sorted(map(str, languages))}")
        if isinstance(shape, rdflib.URIRef) and graph.value(shape, RDFS.label) is None:
            problems.append(f"{shape}: no rdfs:label")
    assert not problems, "\n".join(problems)


def test_every_named_shape_has_a_target() -> None:
    """Whole-graph scans are what makes validation slow: every named shape targets a class or a
    property's subjects/objects."""
    graph = shapes_graph()
    targets = (SH.targetClass, SH.targetObjectsOf, SH.targetSubjectsOf, SH.targetNode)
    untargeted = [shape for shape in graph.subjects(RDF.type, SH.NodeShape)
                  if isinstance(shape, rdflib.URIRef) and not any(graph.value(shape, t) for t in targets)]
    assert not untargeted


def test_concept_schemes_themselves_conform() -> None:
    """The schemes are validated as data too: every concept has labels, a scheme and nynorsk."""
    conforms, results, _ = pyshacl.validate(
        rdflib.Graph().parse(schemes_file()), shacl_graph=shapes_graph(), ont_graph=ontology_graph(),
        inference="none", advanced=True)
    assert conforms, describe(results)


def test_white_paper_pattern_accepts_the_contract_example_and_refuses_a_hyphen() -> None:
    """Regression: the identifier uses an en dash; a hyphen would split one document into two nodes."""
    patterns = {str(p) for p in shapes_graph().objects(None, SH.pattern)}
    white_paper = next(p for p in patterns if p.startswith("^(Meld"))
    assert re.match(white_paper, "Meld. St. 9 (2023–2024)")
    assert re.match(white_paper, "St.meld. nr. 47 (2008–2009)")
    assert not re.match(white_paper, "Meld. St. 9 (2023-2024)")
