"""The ontology and concept schemes: labels in three written forms, definitions, OWL consistency
under HermiT, classification and disjointness, and the check for terms the data uses but nobody
declares."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from healthplan_kg.model import DOCUMENT_KINDS, PREDICATES
from healthplan_kg.namespaces import CONCEPT, HP, concept_iri
from healthplan_kg.ontology_check import (
    OntologyCheckError,
    check_consistency,
    java_executable,
    undeclared_terms,
)
from healthplan_kg.resources import ontology_file, schemes_file

needs_java = pytest.mark.skipif(java_executable() is None, reason="no `java` on PATH: HermiT cannot run")
DOC = "https://w3id.org/healthplan-kg/id/document/"


@cache
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology_file())


@cache
def schemes() -> rdflib.Graph:
    return rdflib.Graph().parse(schemes_file())


def hp_terms() -> list[rdflib.URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return sorted({t for k in kinds for t in ontology().subjects(RDF.type, k) if str(t).startswith(HP)})


def write_individuals(tmp_path: Path, turtle: str) -> Path:
    path = tmp_path / "individuals.ttl"
    path.write_text(f"@prefix hp: <{HP}> .\n@prefix owl: <{OWL}> .\n{turtle}", encoding="utf-8")
    return path


def test_ontology_header_names_its_version() -> None:
    header = next(ontology().subjects(RDF.type, OWL.Ontology))
    assert ontology().value(header, OWL.versionIRI) == rdflib.URIRef(
        "https://w3id.org/healthplan-kg/ontology/0.1.0")
    assert ontology().value(header, OWL.versionInfo) is not None


@pytest.mark.parametrize("term", hp_terms(), ids=lambda t: str(t).removeprefix(HP))
def test_every_hp_term_has_labels_in_nb_nn_en_and_definitions_in_en_nb(term: rdflib.URIRef) -> None:
    labels = {label.language for label in ontology().objects(term, RDFS.label)}
    definitions = {d.language for d in ontology().objects(term, SKOS.definition)}
    assert {"nb", "nn", "en"} <= labels
    assert {"en", "nb"} <= definitions


def test_graph_model_classes_are_declared() -> None:
    """A sample across every group of docs/graph-model.md, so a dropped class is noticed."""
    expected = ["PolicyDocument", "WhitePaper", "OfficialReport", "ActionPlan", "ParliamentaryRecommendation",
                "SourceDocument", "Commission", "HealthCommunity", "AdvisoryBody", "MainMeasure",
                "PriorityGroup", "Theme", "FinancingMechanism", "ExtractedFact", "Mention",
                "RelationAssertion", "PersonRole", "ItemList", "ListItem", "Statement", "Event", "Assignment"]
    declared = set(ontology().subjects(RDF.type, OWL.Class))
    assert [c for c in expected if rdflib.URIRef(HP + c) not in declared] == []


def test_every_contract_predicate_maps_to_exactly_one_property() -> None:
    names = {str(o): s for s, o in ontology().subject_objects(rdflib.URIRef(HP + "contractName"))}
    assert sorted(names) == sorted(PREDICATES)
    assert names["follows_up"] == rdflib.URIRef(HP + "followsUp")
    assert names["assigns_task_to"] == rdflib.URIRef(HP + "assignsTaskTo")


def test_relation_characteristics() -> None:
    g = ontology()
    assert (rdflib.URIRef(HP + "seenInConnectionWith"), RDF.type, OWL.SymmetricProperty) in g
    assert (rdflib.URIRef(HP + "collaboratesWith"), RDF.type, OWL.SymmetricProperty) in g
    assert (rdflib.URIRef(HP + "partOf"), RDF.type, OWL.TransitiveProperty) in g
    assert (rdflib.URIRef(HP + "replaces"), RDF.type, OWL.TransitiveProperty) not in g
    assert g.value(rdflib.URIRef(HP + "followsUp"), OWL.inverseOf) == rdflib.URIRef(HP + "followedUpBy")
    assert g.value(rdflib.URIRef(HP + "replaces"), OWL.inverseOf) == rdflib.URIRef(HP + "replacedBy")


def test_document_kind_concepts_carry_the_contract_codes_as_notation() -> None:
    for code in DOCUMENT_KINDS:
        concept = rdflib.URIRef(concept_iri("document-kind", code))
        assert str(schemes().value(concept, SKOS.notation)) == code
        assert {label.language for label in schemes().objects(concept, SKOS.prefLabel)} == {"nb", "nn", "en"}


def test_priority_groups_include_the_2024_addition_and_wording_variants() -> None:
    frail = rdflib.URIRef(concept_iri("priority-group", "eldre-med-skropelighet"))
    labels = {str(label) for p in (SKOS.prefLabel, SKOS.altLabel) for label in schemes().objects(frail, p)}
    assert {"skrøpelige eldre", "eldre med skrøpelighet", "eldre med skrøpelegheit"} <= labels
    groups = set(schemes().subjects(SKOS.inScheme, rdflib.URIRef(CONCEPT + "priority-group")))
    assert len(groups) == 5
    assert all(schemes().value(g, rdflib.URIRef("http://purl.org/dc/terms/source")) for g in groups)


def test_no_label_is_shared_by_two_concepts_of_one_scheme() -> None:
    """The linker maps a label to one concept; a label on two concepts of one scheme is ambiguous."""
    seen: dict[tuple[str, str, str], rdflib.term.Node] = {}
    clashes = []
    for concept, scheme in schemes().subject_objects(SKOS.inScheme):
        for prop in (SKOS.prefLabel, SKOS.altLabel):
            for label in schemes().objects(concept, prop):
                key = (str(scheme), label.language, str(label).casefold())
                if key in seen and seen[key] != concept:
                    clashes.append(key)
                seen[key] = concept
    assert not clashes


@needs_java
def test_hermit_finds_ontology_and_schemes_consistent() -> None:
    report = check_consistency(ontology_file(), schemes_file())
    assert report.consistent, report.message
    assert report.unsatisfiable_classes == ()


@needs_java
def test_hermit_classifies_a_white_paper_as_a_policy_document(tmp_path: Path) -> None:
    individuals = write_individuals(
        tmp_path, f"<{DOC}meld-st-9-2023-2024> a owl:NamedIndividual, hp:WhitePaper .\n")
    report = check_consistency(ontology_file(), individuals)
    assert report.consistent
    assert HP + "PolicyDocument" in report.inferred_types[f"{DOC}meld-st-9-2023-2024"]


@needs_java
def test_hermit_infers_a_policy_document_from_the_domain_of_document_kind(tmp_path: Path) -> None:
    """Needs the reasoner, not just the class tree: nothing asserts a type of the document."""
    individuals = write_individuals(tmp_path, (
        f"<{DOC}x> a owl:NamedIndividual ; hp:documentKind <{concept_iri('document-kind', 'plan')}> .\n"))
    report = check_consistency(ontology_file(), schemes_file(), individuals)
    assert HP + "PolicyDocument" in report.inferred_types[f"{DOC}x"]


@needs_java
def test_white_paper_and_nou_are_disjoint(tmp_path: Path) -> None:
    individuals = write_individuals(
        tmp_path, f"<{DOC}both> a owl:NamedIndividual, hp:WhitePaper, hp:OfficialReport .\n")
    assert not check_consistency(ontology_file(), individuals).consistent


@needs_java
def test_a_white_paper_may_also_be_a_plan(tmp_path: Path) -> None:
    """The national health and collaboration plan is both: genres must not be disjoint from series."""
    individuals = write_individuals(
        tmp_path, f"<{DOC}nhsap> a owl:NamedIndividual, hp:WhitePaper, hp:Plan .\n")
    assert check_consistency(ontology_file(), individuals).consistent


def test_missing_ontology_file_is_a_typed_error(tmp_path: Path) -> None:
    with pytest.raises(OntologyCheckError, match="no such ontology file"):
        check_consistency(tmp_path / "absent.ttl")


def test_unparsable_ontology_is_a_typed_error_naming_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix hp: <x#> . hp:A a ", encoding="utf-8")
    with pytest.raises(OntologyCheckError, match="broken.ttl"):
        check_consistency(broken)


def test_undeclared_terms_reports_typos_and_unknown_hp_terms_only() -> None:
    used = {HP + "followsUp", HP + "followUp", "http://purl.org/dc/terms/title",
            "http://purl.org/dc/terms/tittle", str(RDF.type), str(SKOS.prefLabel),
            "http://www.w3.org/ns/oa#hasSelector", str(RDF.subject)}
    assert undeclared_terms(used, ontology()) == ["http://purl.org/dc/terms/tittle", HP + "followUp"]
