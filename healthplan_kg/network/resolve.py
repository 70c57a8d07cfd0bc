"""Name an entity the way an analyst would: by IRI, by official identifier, or by a label.

``resolve_entity(store, "NOU 2023: 4")`` finds the document whose ``dcterms:identifier`` is
that identifier (spacing, case and the kind of dash do not matter: people type them all ways);
``"Helsepersonellkommisjonen"`` or ``"helsedirektoratet"`` find the entity with that
``skos:prefLabel``, ``altLabel``, ``hiddenLabel`` or ``foaf:name`` in any written standard. A name
that matches two entities, or none, is an error that carries the candidates, because guessing
would put the wrong chain in front of the analyst.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox

from healthplan_kg.namespaces import CONCEPTS_GRAPH, ONTOLOGY_GRAPH
from healthplan_kg.namespaces import PREFIXES as NAMESPACE_PREFIXES
from healthplan_kg.network.errors import AmbiguousEntityError, Candidate, UnknownEntityError
from healthplan_kg.network.projection import PREFIXES
from healthplan_kg.store.base import GraphStore

#: How many near misses an unknown name lists.
MAX_SUGGESTIONS = 10

_EXISTS = PREFIXES + "SELECT ?g ?entity WHERE { GRAPH ?g { { ?entity ?p ?o } UNION { ?s ?p ?entity } } } LIMIT 1"

_BY_IDENTIFIER = PREFIXES + r"""
SELECT DISTINCT ?entity ?identifier ?g ?key WHERE {
  GRAPH ?g { ?entity dcterms:identifier ?identifier }
  FILTER(LCASE(REPLACE(REPLACE(STR(?identifier), "\\s+", ""), "[\u2010-\u2015\u2212]", "-")) = ?key)
}"""

_BY_LABEL = PREFIXES + r"""
SELECT DISTINCT ?entity ?property ?label ?g ?key WHERE {
  VALUES ?property { skos:prefLabel skos:altLabel skos:hiddenLabel foaf:name }
  GRAPH ?g { ?entity ?property ?label }
  FILTER(isIRI(?entity))
  FILTER(LCASE(REPLACE(STR(?label), "\\s+", " ")) = ?key)
}"""

_CONTAINING = PREFIXES + r"""
SELECT DISTINCT ?entity ?property ?label ?key WHERE {
  VALUES ?property { skos:prefLabel skos:altLabel skos:hiddenLabel foaf:name dcterms:identifier }
  GRAPH ?g { ?entity ?property ?label }
  FILTER(isIRI(?entity))
  FILTER(CONTAINS(LCASE(STR(?label)), ?key))
} ORDER BY ?entity LIMIT 200"""

_DESCRIBE = PREFIXES + """
SELECT ?type ?label ?entity WHERE {
  { GRAPH ?g { ?entity a ?type } }
  UNION
  { GRAPH ?g { ?entity skos:prefLabel|foaf:name|rdfs:label ?label } }
}"""

_IRI = re.compile(r"^(https?|urn):\S+$")
_CURIE = re.compile(r"^([a-z]+):(\S+)$")
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")


@dataclass(frozen=True)
class Entity:
    """What a name resolved to, and how: ``matched`` says which identifier or label it matched."""

    iri: str
    label: str
    kind: str
    matched: str


def _describe(store: GraphStore, iri: str) -> tuple[str, str]:
    """A label (bokmål first) and the local names of the entity's classes, for listings."""
    labels: dict[str, str] = {}
    types: list[str] = []
    for row in store.query(_DESCRIBE, bindings={"entity": ox.NamedNode(iri)}):
        if row["type"] is not None:
            types.append(re.split(r"[#/]", row["type"].value)[-1])
        if row["label"] is not None:
            labels.setdefault(getattr(row["label"], "language", None) or "", row["label"].value)
    label = next((labels[lang] for lang in ("nb", "nn", "", "en") if lang in labels),
                 next(iter(labels.values()), iri))
    return label, ", ".join(sorted(set(types))) or "untyped"


def _candidate(store: GraphStore, iri: str, matched: str) -> Candidate:
    label, kind = _describe(store, iri)
    return Candidate(iri=iri, label=label, kind=kind, matched=matched)


def _expand(name: str) -> str | None:
    """An IRI, written out or with one of the project's prefixes (``id:document/nou-2023-4``)."""
    if _IRI.match(name):
        return name
    curie = _CURIE.match(name)
    if curie and curie.group(1) in NAMESPACE_PREFIXES:
        return NAMESPACE_PREFIXES[curie.group(1)] + curie.group(2)
    return None


def _local(prop: str) -> str:
    return re.split(r"[#/]", prop)[-1]


def _pick(store: GraphStore, name: str, matches: dict[str, str]) -> Entity:
    candidates = [_candidate(store, iri, how) for iri, how in sorted(matches.items())]
    if len(candidates) > 1:
        raise AmbiguousEntityError(name, candidates)
    only = candidates[0]
    return Entity(iri=only.iri, label=only.label, kind=only.kind, matched=only.matched)


def resolve_entity(store: GraphStore, name: str) -> Entity:
    """The one entity ``name`` picks out; ``AmbiguousEntityError`` or ``UnknownEntityError`` with
    candidates otherwise. Tried in order: IRI, official identifier, label."""
    name = " ".join(name.split())
    if not name:
        raise UnknownEntityError(name, [])
    iri = _expand(name)
    if iri is not None:
        if len(store.query(_EXISTS, bindings={"entity": ox.NamedNode(iri)})):
            return _pick(store, name, {iri: "IRI"})
        raise UnknownEntityError(name, [])

    key = _DASHES.sub("-", re.sub(r"\s+", "", name)).lower()
    by_identifier = {_value(r["entity"]): f"identifier {_value(r['identifier'])}"
                     for r in store.query(_BY_IDENTIFIER, bindings={"key": ox.Literal(key)})}
    if by_identifier:
        return _pick(store, name, by_identifier)

    # things first: a vocabulary term of graph:concepts or graph:ontology (the organisation kind "regjering") is
    # meant only when no organisation, document or person carries the name
    things: dict[str, str] = {}
    vocabulary: dict[str, str] = {}
    for row in store.query(_BY_LABEL, bindings={"key": ox.Literal(name.lower())}):
        found = vocabulary if _value(row["g"]) in (CONCEPTS_GRAPH, ONTOLOGY_GRAPH) else things
        found.setdefault(_value(row["entity"]), f"{_local(_value(row['property']))} {_value(row['label'])!r}")
    if things or vocabulary:
        return _pick(store, name, things or vocabulary)

    near: dict[str, str] = {}
    for row in store.query(_CONTAINING, bindings={"key": ox.Literal(name.lower())}):
        near.setdefault(_value(row["entity"]), f"{_local(_value(row['property']))} {_value(row['label'])!r}")
        if len(near) >= MAX_SUGGESTIONS:
            break
    raise UnknownEntityError(name, [_candidate(store, iri, how) for iri, how in near.items()])


def _value(term) -> str:
    return "" if term is None else term.value

