"""OWL checks of the ontology: consistency under HermiT, and data terms the ontology never declares.

SHACL guards the shape of the data; these checks guard the vocabulary itself. A class made
unsatisfiable by a careless disjointness axiom, or a property the mapper writes with a typo,
would otherwise pass every shape silently.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from healthplan_kg.errors import HealthplanError
from healthplan_kg.namespaces import DCTERMS, FOAF, OA, ORG, PROV, SCHEMA, SKOS


class OntologyCheckError(HealthplanError):
    """The ontology cannot be parsed, or the reasoner cannot be run at all."""


@dataclass(frozen=True)
class ConsistencyReport:
    """What HermiT said about the ontology (plus any extra files loaded with it).

    ``inferred_types`` maps each named individual to every class it belongs to after reasoning
    (asserted and inferred, ancestors included), so callers can check classification too.
    """

    paths: tuple[Path, ...]
    consistent: bool
    unsatisfiable_classes: tuple[str, ...] = ()
    inferred_types: Mapping[str, frozenset[str]] = field(default_factory=dict)
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.consistent and not self.unsatisfiable_classes


def java_executable() -> str | None:
    """The ``java`` HermiT runs on, or None when the machine has none."""
    return shutil.which("java")


def _merged_graph(paths: Iterable[Path]) -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in paths:
        if not path.is_file():
            raise OntologyCheckError(f"{path}: no such ontology file")
        try:
            graph.parse(path, format=rdflib.util.guess_format(str(path)) or "turtle")
        except Exception as exc:  # rdflib raises many parser-specific types
            raise OntologyCheckError(f"{path}: cannot be parsed: {exc}") from exc
    return graph


def check_consistency(ontology_path: Path | str, *extra_paths: Path | str) -> ConsistencyReport:
    """Load the ontology (and e.g. the concept schemes or test individuals) and run HermiT.

    owlready2 does not read Turtle, so the files are merged with rdflib and handed over as
    N-Triples in a private ``World``: repeated checks in one process never see each other.
    """
    import owlready2  # heavy (starts Java), imported only when a check runs

    paths = tuple(Path(p) for p in (ontology_path, *extra_paths))
    java = java_executable()
    if java is None:
        raise OntologyCheckError("no `java` on PATH: HermiT cannot run")
    owlready2.JAVA_EXE = java
    graph = _merged_graph(paths)
    with tempfile.TemporaryDirectory(prefix="healthplan-owl-") as tmp:
        nt_file = Path(tmp) / "ontology.nt"
        graph.serialize(nt_file, format="nt", encoding="utf-8")
        world = owlready2.World()
        try:
            onto = world.get_ontology(nt_file.as_uri()).load()
        except Exception as exc:
            raise OntologyCheckError(f"{paths[0]}: owlready2 cannot load it: {exc}") from exc
        try:
            with onto:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError as exc:
            return ConsistencyReport(paths, consistent=False, message=f"HermiT: inconsistent ({exc})")
        except owlready2.OwlReadyJavaError as exc:
            raise OntologyCheckError(f"{paths[0]}: HermiT failed: {exc}") from exc
        unsatisfiable = tuple(sorted(c.iri for c in world.inconsistent_classes()
                                     if c is not owlready2.Nothing))
        inferred = {
            ind.iri: frozenset(c.iri for c in ind.INDIRECT_is_a if isinstance(c, owlready2.ThingClass))
            for ind in world.individuals()
        }
    message = ("HermiT: consistent" if not unsatisfiable
               else f"HermiT: {len(unsatisfiable)} unsatisfiable class(es): {', '.join(unsatisfiable)}")
    return ConsistencyReport(paths, consistent=True, unsatisfiable_classes=unsatisfiable,
                             inferred_types=inferred, message=message)


# The terms of the reused vocabularies that the project may use without declaring them itself.
# Listed term by term (not whole namespaces) so a misspelt `dcterms:tittle` is still caught.
_KNOWN_BY_NAMESPACE: dict[str, str] = {
    str(RDF): "type value subject predicate object Statement Property langString List first rest nil",
    str(RDFS): "label comment seeAlso isDefinedBy subClassOf subPropertyOf domain range Class Resource "
               "Literal Datatype member",
    str(OWL): "Class ObjectProperty DatatypeProperty AnnotationProperty Ontology NamedIndividual "
              "sameAs versionInfo versionIRI imports equivalentClass disjointWith inverseOf Thing",
    DCTERMS: "title description identifier date issued modified created language publisher creator "
             "contributor source subject isPartOf hasPart references isReferencedBy replaces "
             "isReplacedBy requires relation type format abstract alternative audience coverage "
             "spatial temporal rights license bibliographicCitation valid available",
    SKOS: "Concept ConceptScheme Collection prefLabel altLabel hiddenLabel notation definition "
          "note scopeNote example historyNote editorialNote changeNote inScheme hasTopConcept "
          "topConceptOf broader narrower related broaderTransitive narrowerTransitive exactMatch "
          "closeMatch broadMatch narrowMatch relatedMatch member semanticRelation",
    ORG: "Organization FormalOrganization OrganizationalUnit Membership Post Role Site ChangeEvent "
         "subOrganizationOf hasSubOrganization transitiveSubOrganizationOf member organization "
         "hasMembership role holds heldBy postIn hasPost memberOf headOf unitOf hasUnit "
         "classification identifier purpose hasSite linkedTo changedBy resultedFrom memberDuring",
    PROV: "Entity Activity Agent SoftwareAgent Person Organization Plan wasDerivedFrom "
          "wasGeneratedBy used wasAssociatedWith wasAttributedTo startedAtTime endedAtTime "
          "generatedAtTime actedOnBehalfOf wasInformedBy wasRevisionOf hadPrimarySource wasQuotedFrom",
    OA: "Annotation SpecificResource TextPositionSelector TextQuoteSelector Selector TextualBody "
        "hasBody hasTarget hasSource hasSelector start end exact prefix suffix motivatedBy refinedBy "
        "bodyValue",
    FOAF: "Agent Person Organization Document Group name homepage page mbox givenName familyName "
          "title depiction member made maker topic primaryTopic",
    SCHEMA: "Person Organization name startDate endDate jobTitle url sameAs description "
            "identifier alternateName worksFor affiliation memberOf datePublished dateModified",
}
KNOWN_REUSED_TERMS: frozenset[str] = frozenset(
    namespace + name for namespace, names in _KNOWN_BY_NAMESPACE.items() for name in names.split()
)
_DECLARING_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                    RDFS.Class, RDF.Property)


def declared_terms(ontology_graph: rdflib.Graph) -> set[str]:
    """Every class and property the ontology graph declares (of any vocabulary)."""
    return {str(subject) for kind in _DECLARING_TYPES
            for subject in ontology_graph.subjects(RDF.type, kind)
            if isinstance(subject, rdflib.URIRef)}


def undeclared_terms(data_terms: set[str], ontology_graph: rdflib.Graph) -> list[str]:
    """The classes and properties ``data_terms`` names that neither the ontology declares nor the
    reused vocabularies are known to define, sorted so reports are stable."""
    known = declared_terms(ontology_graph) | KNOWN_REUSED_TERMS
    return sorted(term for term in data_terms if term not in known)
