"""IRIs of the project's vocabularies and of the things it mints.

Every IRI the project writes is made here, so that the reference data, the mapper and the
queries agree on one spelling: two texts that cite ``Meld. St. 9 (2023–2024)`` meet in one node.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

BASE = "https://w3id.org/healthplan-kg/"
HP = BASE + "ontology#"          # the project's own ontology terms
ID = BASE + "id/"                # things: documents, organisations, people, facts
GRAPH = BASE + "graph/"          # named graphs
CONCEPT = BASE + "concept/"      # SKOS concepts of the project's concept schemes

REFERENCE_GRAPH = GRAPH + "reference"
ONTOLOGY_GRAPH = GRAPH + "ontology"
CONCEPTS_GRAPH = GRAPH + "concepts"     # the SKOS concept schemes: data, not ontology

DCTERMS = "http://purl.org/dc/terms/"
ORG = "http://www.w3.org/ns/org#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
FOAF = "http://xmlns.com/foaf/0.1/"
SCHEMA = "https://schema.org/"
ELI = "http://data.europa.eu/eli/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SH = "http://www.w3.org/ns/shacl#"

PREFIXES = {
    "hp": HP, "id": ID, "graph": GRAPH, "concept": CONCEPT, "dcterms": DCTERMS, "org": ORG,
    "skos": SKOS, "prov": PROV, "oa": OA, "foaf": FOAF, "schema": SCHEMA, "eli": ELI, "rdf": RDF,
    "rdfs": RDFS, "owl": OWL, "xsd": XSD, "sh": SH,
}

_DASHES = re.compile(r"[\u2010-\u2015\u2212]")


@lru_cache(maxsize=16384)
def slug(text: str) -> str:
    """A lowercase ASCII slug: ``Meld. St. 9 (2023–2024)`` -> ``meld-st-9-2023-2024``.

    Norwegian letters are spelled out (æ->ae, ø->o, å->a) so slugs stay readable. Cached: the
    mapping slugs the same names and labels in document after document.
    """
    text = _DASHES.sub("-", text).casefold()
    text = text.replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def document_iri(key: str) -> str:
    """The IRI of a policy document; ``key`` is an official identifier or a slug."""
    return f"{ID}document/{slug(key)}"


def organisation_iri(key: str) -> str:
    return f"{ID}organisation/{slug(key)}"


def person_iri(key: str) -> str:
    return f"{ID}person/{slug(key)}"


def instrument_iri(key: str) -> str:
    return f"{ID}instrument/{slug(key)}"


def concept_iri(scheme: str, code: str) -> str:
    """A concept of one of the project's SKOS schemes, e.g. ``document-kind``/``white_paper``."""
    return f"{CONCEPT}{scheme}/{code}"


def source_iri(content_hash: str) -> str:
    """The IRI of a source text: from the hash of its content, so the same text is one node."""
    return f"{ID}source/{content_hash[:16]}"


def source_graph_iri(content_hash: str) -> str:
    """The named graph that holds everything extracted from one source text."""
    return f"{GRAPH}source/{content_hash[:16]}"


def membership_iri(person_key: str, organisation_key: str) -> str:
    """A person's post in an organisation (``org:Membership``)."""
    return f"{ID}membership/{slug(person_key + '-' + organisation_key)}"
