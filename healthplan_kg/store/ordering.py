"""A saved query's final ``ORDER BY`` done in Python, on the embedded store.

Why: Oxigraph sorts solutions by comparing decoded terms, and decodes each term from the store's
dictionary again on every comparison. On the 1k benchmark store that sort was most of a full
answer: ``mentions`` took 3.1 s with its ``ORDER BY`` and 1.3 s without it (25,856 rows), and a
first page (``LIMIT 100``) cost the same as the whole answer. The rows the engine returns are
already decoded, so sorting them here costs one key per row instead of one dictionary read per
comparison.

Only a query whose last clause is ``ORDER BY`` over plain variables (``?v``, ``ASC(?v)``,
``DESC(?v)``) is sorted here, and only on the embedded store (a server sorts as it likes). A sort
key that is not a projected column is projected for the sort and dropped afterwards: it is a
GROUP BY key or an in-scope variable of the query, so projecting it changes no row (a ``SELECT
DISTINCT`` query, where it could, is left to the engine). Anything else runs as written.

The order is SPARQL's (section 15.1) as Oxigraph applies it: unbound first, then blank nodes,
IRIs, literals; numbers by value, other literals by their text. Rows that tie on every key (in
``follows-up-commission``, one follow-up of both of a commission's reports) may come in another
order than the engine's sort gave them, which SPARQL leaves open as well. The tests compare every
saved query's rows and their sequence of sort keys with the engine's own sort
(``tests/test_query_ordering.py``); on the bundled corpus, the dev set and the 1k benchmark corpus
every row came in the same place but those ties.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pyoxigraph as ox

from healthplan_kg.errors import QueryError
from healthplan_kg.store.base import GraphStore, QueryResult, Term

_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMERIC = {_XSD + t for t in ("integer", "decimal", "double", "float", "int", "long", "short", "byte",
                               "nonNegativeInteger", "positiveInteger", "negativeInteger",
                               "nonPositiveInteger", "unsignedLong", "unsignedInt", "unsignedShort",
                               "unsignedByte")}
_KEY = r"(?:(?:ASC|DESC)\s*\(\s*\?\w+\s*\)|\?\w+)"
_FINAL_ORDER = re.compile(rf"\bORDER\s+BY\s+({_KEY}(?:\s+{_KEY})*)\s*$", re.IGNORECASE)
_ONE_KEY = re.compile(r"(ASC|DESC)?\s*\(?\s*\?(\w+)", re.IGNORECASE)
_SELECT = re.compile(r"\bSELECT\b", re.IGNORECASE)
_SELECT_END = re.compile(r"\bWHERE\b|\{", re.IGNORECASE)
_MODIFIER = re.compile(r"\s*(DISTINCT|REDUCED|\*)", re.IGNORECASE)


def split_final_order(sparql: str) -> tuple[str, list[tuple[str, bool]], list[str]] | None:
    """``(query without its ORDER BY, [(variable, descending)], variables projected for the sort)``,
    or None when the query's order cannot be done here."""
    match = _FINAL_ORDER.search(sparql)
    select = _SELECT.search(sparql)
    if match is None or select is None or _MODIFIER.match(sparql, select.end()):
        return None
    end = _SELECT_END.search(sparql, select.end())
    if end is None:
        return None
    projection = sparql[select.end():end.start()]
    keys = [(name, (direction or "").upper() == "DESC") for direction, name in _ONE_KEY.findall(match.group(1))]
    added = [name for name in dict.fromkeys(name for name, _ in keys)
             if not re.search(rf"\?{name}\b", projection)]
    head = sparql[:select.end()] + "".join(f" ?{name}" for name in added)
    return head + sparql[select.end():match.start()], keys, added


def term_sort_key(term: Term | None) -> tuple:
    """A term's place in SPARQL's order as Oxigraph applies it (see the module text)."""
    if term is None:
        return (0,)
    if isinstance(term, ox.BlankNode):
        return (1, term.value)
    if isinstance(term, ox.NamedNode):
        return (2, term.value)
    if term.datatype.value in _NUMERIC:
        try:
            return (3, 0, float(term.value), "")
        except ValueError:
            pass
    return (3, 1, term.value, term.language or "", term.datatype.value)


def sort_rows(result: QueryResult, keys: list[tuple[str, bool]]) -> None:
    """Sort ``result.rows`` in place by ``keys`` (stable: the last key first, then the others)."""
    for name, descending in reversed(keys):
        index = result.columns.index(name)
        result.rows.sort(key=lambda row, i=index: term_sort_key(row[i]), reverse=descending)


def query_in_order(store: GraphStore, sparql: str, bindings: Mapping[str, Term] | None = None) -> QueryResult:
    """Run a project query, its final ORDER BY done in Python on the embedded store (see above)."""
    from healthplan_kg.store.embedded import EmbeddedStore

    split = split_final_order(sparql) if isinstance(store, EmbeddedStore) else None
    if split is None:
        return store.query(sparql, bindings=bindings)
    text, keys, added = split
    try:
        result = store.query(text, bindings=bindings)
    except QueryError:   # e.g. a sort key that is neither grouped nor in scope: the engine's order
        return store.query(sparql, bindings=bindings)
    if any(name not in result.columns for name, _ in keys):   # a key only used inside an expression
        return store.query(sparql, bindings=bindings)
    sort_rows(result, keys)
    if added:
        kept = [i for i, column in enumerate(result.columns) if column not in added]
        result = QueryResult(columns=[result.columns[i] for i in kept],
                             rows=[tuple(row[i] for i in kept) for row in result.rows])
    return result
