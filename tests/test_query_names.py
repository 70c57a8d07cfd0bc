"""Names where a saved query asks for an IRI: ``query run --param followed="NOU 2023: 4"``.

An official identifier or a label that names one entity stands for its IRI; a name that names
several or none is refused with the candidates; a value written as an IRI keeps the IRI checks.
"""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from healthplan_kg.cli import main
from healthplan_kg.errors import ParameterError
from healthplan_kg.queries import QueryRegistry
from healthplan_kg.queries.names import EntityNameError, resolve_names, written_as_iri
from healthplan_kg.store import EmbeddedStore

NOU = "https://w3id.org/healthplan-kg/id/document/nou-2023-4"


def _run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(list(args))
    out, err = capsys.readouterr()
    return exited.value.code, out, err


@pytest.mark.parametrize("value", [NOU, f"<{NOU}>", "id:document/nou-2023-4", "urn:x:y", "http://x> } DROP ALL"])
def test_a_value_written_as_an_iri_is_never_looked_up_as_a_name(value):
    assert written_as_iri(value)


@pytest.mark.parametrize("value", ["NOU 2023: 4", "Helsedirektoratet", "Meld. St. 9 (2023–2024)", "DROP ALL"])
def test_a_name_is_not_taken_for_an_iri(value):
    assert not written_as_iri(value)


@pytest.mark.parametrize("name", ["NOU 2023: 4", "nou 2023:4", "NOU  2023:  4", "Tid for handling"])
def test_cli_takes_an_identifier_or_a_label_for_an_iri_parameter(capsys, built_store, name):
    code, by_iri, _ = _run(capsys, "query", "run", "follow-ups", "--param", f"followed={NOU}",
                           "--format", "json", "--store", str(built_store))
    assert code == 0 and json.loads(by_iri)
    code, by_name, err = _run(capsys, "query", "run", "follow-ups", "--param", f"followed={name}",
                              "--format", "json", "--store", str(built_store))
    assert code == 0, err
    assert json.loads(by_name) == json.loads(by_iri)


def test_cli_refuses_an_unknown_name_with_near_misses(capsys, built_store):
    code, _, err = _run(capsys, "query", "run", "mentions", "--param", "entity=helsedir",
                        "--store", str(built_store))
    assert code == 2
    assert err.startswith("healthplan-kg: error: parameter 'entity': no entity in the store is named 'helsedir'")
    assert "id/organisation/helsedirektoratet" in err


def test_a_malformed_iri_keeps_the_iri_message(capsys, built_store):
    code, _, err = _run(capsys, "query", "run", "mentions", "--param", "entity=http://x> } DROP ALL",
                        "--store", str(built_store))
    assert code == 2 and "expected an absolute IRI" in err


def test_an_ambiguous_name_carries_both_candidates():
    graph = ox.NamedNode("https://w3id.org/healthplan-kg/graph/reference")
    label = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
    store = EmbeddedStore.in_memory()
    store.replace_graph(graph.value, [
        ox.Quad(ox.NamedNode(f"https://w3id.org/healthplan-kg/id/organisation/utvalet-{n}"), label,
                ox.Literal("Utvalet", language="nn"), graph) for n in (1, 2)])
    saved = QueryRegistry.load().get("mentions")
    with pytest.raises(EntityNameError) as raised:
        resolve_names(store, saved, {"entity": "utvalet"})
    assert isinstance(raised.value, ParameterError) and raised.value.parameter == "entity"
    assert sorted(c.iri[-1] for c in raised.value.candidates) == ["1", "2"]


def test_list_parameters_resolve_each_item(built_store):
    store = EmbeddedStore.open(built_store, read_only=True)
    saved = QueryRegistry.load().get("facts-per-document")
    doc = saved.run(store).values()[0]["doc"]
    assert resolve_names(store, saved, {"doc": f"{doc}, {doc}"}) == {"doc": f"{doc},{doc}"}
