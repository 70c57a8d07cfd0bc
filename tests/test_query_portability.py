"""The saved queries are plain SPARQL 1.1: another engine (rdflib) gives the same answers as the
embedded store on the built bundled corpus.

This guards the choices made for speed in Oxigraph (labels chosen per row inside one MIN,
OPTIONAL rewritten as LATERAL only inside the embedded store) against answers that depend on the
engine: an aggregate over unbound values, an order between literals of different languages.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib

from healthplan_kg.queries import QueryRegistry
from healthplan_kg.store import EmbeddedStore

#: rdflib's SPARQL engine warns about its own deprecated internals once per solution.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

REGISTRY = QueryRegistry.load()
WITHOUT_REQUIRED_PARAMETERS = [q.name for q in REGISTRY if not any(p.required for p in q.parameters)]


@pytest.fixture(scope="module")
def rdflib_dataset(built_store) -> rdflib.Dataset:
    dataset = rdflib.Dataset()
    dataset.parse(data=EmbeddedStore.open(built_store, read_only=True).nquads(), format="nquads")
    return dataset


def _lexical(term) -> str | None:
    if term is None:
        return None
    return term.value if isinstance(term, ox.NamedNode | ox.Literal | ox.BlankNode) else str(term)


@pytest.mark.parametrize("name", WITHOUT_REQUIRED_PARAMETERS)
def test_rdflib_answers_every_saved_query_like_the_embedded_store(built_store, rdflib_dataset, name):
    query = REGISTRY.get(name)
    ours = REGISTRY.run(EmbeddedStore.open(built_store, read_only=True), name)
    theirs = rdflib_dataset.query(query.sparql)
    index = [[str(v) for v in theirs.vars].index(column) for column in query.columns]
    theirs_rows = sorted((tuple(None if row[i] is None else str(row[i]) for i in index) for row in theirs),
                         key=repr)
    ours_rows = sorted((tuple(_lexical(cell) for cell in row) for row in ours.rows), key=repr)
    assert ours_rows, f"{name} answers nothing on the bundled corpus"
    assert theirs_rows == ours_rows
