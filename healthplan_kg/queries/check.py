"""Static checks of a saved query: both SPARQL parsers accept it and it projects what it declares.

Run by the test suite over every ``.rq`` file (and usable from CI or a pre-commit hook), so a query
that only one engine understands, or whose columns drifted from its header, never ships.
"""

from __future__ import annotations

import pyoxigraph as ox

from healthplan_kg.errors import QueryError
from healthplan_kg.queries.registry import SavedQuery


def projected_variables(sparql: str, where: str = "query") -> list[str]:
    """The SELECT's projected variable names in order, as rdflib's parser reads them."""
    from rdflib.plugins.sparql import prepareQuery  # heavy import, only when checking

    try:
        prepared = prepareQuery(sparql)
    except Exception as error:   # rdflib raises pyparsing and assorted errors
        raise QueryError(f"{where}: rdflib cannot parse the SPARQL: {error}") from error
    if prepared.algebra.name != "SelectQuery":
        raise QueryError(f"{where}: a saved query must be a SELECT query")
    return [str(variable) for variable in prepared.algebra["PV"]]


def check(query: SavedQuery) -> None:
    """Raise ``QueryError`` naming the file and the problem, or return quietly."""
    where = str(query.path or query.name)
    placeholders = {ox.Variable(p.name): _placeholder(p.item_type) for p in query.parameters}
    try:
        ox.Store().query(query.sparql, substitutions=placeholders or None)
    except (SyntaxError, ValueError, OSError) as error:
        raise QueryError(f"{where}: pyoxigraph refuses the SPARQL: {error}") from error
    projected = projected_variables(query.sparql, where)
    if projected != query.projection:
        raise QueryError(f"{where}: the SELECT projects {projected}, the header declares "
                         f"{query.projection} (columns, then parameters that are not columns)")


def _placeholder(item_type: str) -> ox.NamedNode | ox.Literal:
    if item_type == "iri":
        return ox.NamedNode("https://example.org/placeholder")
    if item_type == "integer":
        return ox.Literal("0", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    return ox.Literal("placeholder")
