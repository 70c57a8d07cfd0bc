"""Hostile parameter values never become query text.

Each attempt is either refused with a ParameterError before anything runs, or bound as a plain
RDF term that matches nothing. After every attempt the store holds exactly the quads it held, and
the SPARQL the store received is byte for byte the SPARQL of the file: the value travelled
separately, as a binding.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pyoxigraph as ox
import pytest

from healthplan_kg.errors import ParameterError
from healthplan_kg.queries import QueryRegistry
from healthplan_kg.store.base import QueryResult, Term
from healthplan_kg.store.embedded import EmbeddedStore

SAMPLE = Path(__file__).parent / "fixtures" / "graph" / "sample.trig"


class RecordingStore:
    """The real embedded store, noting every query text and binding it is handed."""

    def __init__(self, inner: EmbeddedStore) -> None:
        self.inner = inner
        self.calls: list[tuple[str, dict[str, Term]]] = []

    def query(self, sparql: str, *, bindings: Mapping[str, Term] | None = None) -> QueryResult:
        self.calls.append((sparql, dict(bindings or {})))
        return self.inner.query(sparql, bindings=bindings)


@pytest.fixture()
def store() -> RecordingStore:
    inner = EmbeddedStore.in_memory()
    inner.oxigraph.load(path=str(SAMPLE), format=ox.RdfFormat.TRIG)
    return RecordingStore(inner)


@pytest.fixture(scope="module")
def registry() -> QueryRegistry:
    return QueryRegistry.load()


HOSTILE_STRINGS = [
    '"',
    '"}',
    "}",
    "} ; DROP ALL ; SELECT * WHERE {",
    '" } ; DROP ALL ; SELECT * WHERE { "',
    "strategien\n} DROP ALL\n#",
    "strategien\"^^<http://www.w3.org/2001/XMLSchema#string> } DROP ALL #",
    "?surface",
    "\\u0022 } DROP ALL",
]


@pytest.mark.parametrize("value", HOSTILE_STRINGS)
def test_hostile_string_is_a_harmless_literal(registry, store, value):
    quads_before = len(store.inner)
    query = registry.get("unlinked-mentions")
    result = registry.run(store, "unlinked-mentions", {"surface": value})
    assert len(result) == 0                                   # matched as text, found nowhere
    assert len(store.inner) == quads_before                   # nothing was executed
    [(sent, bindings)] = store.calls
    assert sent == query.sparql                               # the file's SPARQL, byte for byte
    assert query.text.encode("utf-8").endswith(sent.encode("utf-8"))
    assert bindings == {"surface": ox.Literal(value)}         # the value travelled as a term


def test_a_legitimate_string_still_matches(registry, store):
    assert len(registry.run(store, "unlinked-mentions", {"surface": "strategien"})) == 1


@pytest.mark.parametrize("value", ["\u0000", "strategien\u0000} DROP ALL", "\x1b[31m", "a\x7f"])
def test_control_characters_are_refused(registry, store, value):
    quads_before = len(store.inner)
    with pytest.raises(ParameterError, match="parameter 'surface': control characters"):
        registry.run(store, "unlinked-mentions", {"surface": value})
    assert store.calls == [] and len(store.inner) == quads_before


HOSTILE_IRIS = [
    "https://w3id.org/healthplan-kg/id/document/nou-2023-4>",
    "https://w3id.org/healthplan-kg/id/document/nou 2023 4",
    "<http://x> } DROP ALL",
    "http://x> } DROP ALL ; SELECT * WHERE { <http://y",
    "id:document/x> } DROP ALL { <a",
    "http://x/\"quoted\"",
    "http://x/{braces}",
    "http://x/\nnewline",
    " https://w3id.org/healthplan-kg/id/document/nou-2023-4",
    "DROP ALL",
    "",
]


@pytest.mark.parametrize("value", HOSTILE_IRIS)
@pytest.mark.parametrize(("name", "parameter"), [("mentions", "entity"), ("follow-ups", "followed"),
                                                 ("measures", "plan"), ("timeline", "about")])
def test_hostile_iri_is_refused_before_anything_runs(registry, store, name, parameter, value):
    quads_before = len(store.inner)
    with pytest.raises(ParameterError, match=f"parameter '{parameter}'"):
        registry.run(store, name, {parameter: value})
    assert store.calls == [] and len(store.inner) == quads_before


@pytest.mark.parametrize("value", ["follows_up } DROP ALL", "follows_up\"", "FOLLOWS_UP", "follows_up "])
def test_hostile_enum_is_refused(registry, store, value):
    quads_before = len(store.inner)
    with pytest.raises(ParameterError, match="parameter 'predicate': expected one of"):
        registry.run(store, "relations", {"predicate": value})
    assert store.calls == [] and len(store.inner) == quads_before


def test_hostile_list_item_refuses_the_whole_list(registry, store):
    with pytest.raises(ParameterError, match="parameter 'doc'"):
        registry.run(store, "facts-per-document",
                     {"doc": "https://w3id.org/healthplan-kg/id/source/1a1a1a1a1a1a1a1a,"
                             "<http://x> } DROP ALL"})
    assert store.calls == []


def test_a_hostile_literal_passed_as_a_typed_value_is_still_only_a_binding(registry, store):
    quads_before = len(store.inner)
    value = ox.Literal("} ; DROP ALL ; SELECT * WHERE {")
    assert len(registry.run(store, "unlinked-mentions", surface=value)) == 0
    assert store.calls[0] == (registry.get("unlinked-mentions").sparql, {"surface": value})
    assert len(store.inner) == quads_before


def test_unknown_parameter_names_are_refused_not_bound(registry, store):
    """A binding for a variable the header does not declare could change any query's meaning."""
    with pytest.raises(ParameterError, match="has no parameter 'doc'"):
        registry.run(store, "mentions", {"doc": "https://w3id.org/healthplan-kg/id/source/1a1a1a1a1a1a1a1a"})
    assert store.calls == []
