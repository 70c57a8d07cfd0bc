"""A saved query answered source graph by source graph: first pages and streamed answers at any size.

Why: a saved query ends in ``ORDER BY``, so the engine (and a ``LIMIT 100`` after it) must work
out and sort the whole answer before it can give the first row. On the 1k benchmark store that is
0.5–3 s for most contract queries, and it grows with the store: a first page at 100,000 documents
would cost a hundred times as much. Most contract queries, though, give every row from one source
graph and sort by that graph's document first (``ORDER BY ?doc …``). Their answer is then the
answers of the source graphs, one after the other in document order, and a page needs only as
many graphs as it has rows: a few milliseconds each when the graph is bound (the store then reads
that graph's quads only).

A query says it is written that way with ``paged_by: graph`` in its header; loading it checks what
can be checked from the text (its last clause is ``ORDER BY ?doc …``, ``doc`` is a column, ``?g``
is in the top-level group). That each graph's answer is exactly the full answer's rows of its
document, and that the per-graph run is fast, is what the query's author must see to: the tests
compare the streamed answer with the full answer for every such query on real stores.

How a graph is bound: ``VALUES ?g { <graph> }`` at the head of the top-level ``WHERE`` group. That
is plain SPARQL 1.1, so a SPARQL server pages the same way; the embedded store's planner starts
from the bound graph. A call with a parameter is answered whole (one entity's rows are few, and
the parameter already makes the store start from them).
"""

from __future__ import annotations

import math
import re
import weakref
from collections.abc import Iterator

import pyoxigraph as ox

from healthplan_kg.errors import QueryError
from healthplan_kg.store.base import GraphStore, Term
from healthplan_kg.store.ordering import query_in_order, split_final_order, term_sort_key

#: The one way of paging there is: by source graph (``?g``), in the order of its document (``?doc``).
BY_GRAPH = "graph"

_SELECT = re.compile(r"\bSELECT\b", re.IGNORECASE)
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_IRI = re.compile(r"<[^<>\s]*>")
_GRAPH_VARIABLE = re.compile(r"\?g\b")

_DOCUMENTS = """SELECT ?g ?doc WHERE {
  GRAPH ?g { ?doc a <https://w3id.org/healthplan-kg/ontology#SourceDocument> }
}"""

#: Graphs per query: the first run (a first page of 100 rows needs 5–20 graphs at 1k documents)
#: and the longest (64 graphs cost 25–100 ms at 1k documents, 0.4–1.6 ms a graph).
FIRST_RUN, LONGEST_RUN = 16, 256

#: The source graphs of an embedded store in document order, kept per open store: the store is
#: read as it was when opened, so the list cannot go stale while it is open.
_GRAPHS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _in_comment(text: str, position: int) -> bool:
    """Whether ``position`` lies in a ``#`` comment (a ``#`` on its line outside an IRI)."""
    line = text[text.rfind("\n", 0, position) + 1:position]
    return "#" in _IRI.sub("", line)


def _first(pattern: re.Pattern[str], text: str, start: int = 0) -> re.Match[str] | None:
    for match in pattern.finditer(text, start):
        if not _in_comment(text, match.start()):
            return match
    return None


def top_level_where(sparql: str) -> int:
    """The index just past the ``{`` that opens the main query's ``WHERE`` group."""
    select = _first(_SELECT, sparql)
    where = _first(_WHERE, sparql, select.end()) if select is not None else None
    if where is None:
        raise QueryError("no SELECT … WHERE { in the query")
    return where.end()


def with_graphs(sparql: str, graphs: list[str], at: int | None = None) -> str:
    """The query with its source graph variable ``?g`` bound to ``graphs`` (see the module text);
    ``at``: ``top_level_where(sparql)``, when the caller has it already."""
    at = top_level_where(sparql) if at is None else at
    values = " ".join(str(ox.NamedNode(graph)) for graph in graphs)
    return f"{sparql[:at]}\n  VALUES ?g {{ {values} }}{sparql[at:]}"


def check_pageable(sparql: str, columns: list[str], where: str) -> None:
    """Refuse a ``paged_by: graph`` header the query's text cannot honour, naming what is missing."""
    split = split_final_order(sparql)
    if split is None or not split[1] or split[1][0] != ("doc", False):
        raise QueryError(f"{where}: 'paged_by: graph' needs the query to end in ORDER BY ?doc …")
    if "doc" not in columns:
        raise QueryError(f"{where}: 'paged_by: graph' needs 'doc' among the columns")
    try:
        at = top_level_where(sparql)
    except QueryError as error:
        raise QueryError(f"{where}: 'paged_by: graph': {error}") from None
    if _GRAPH_VARIABLE.search(sparql, at) is None:
        raise QueryError(f"{where}: 'paged_by: graph' needs the source graph as ?g in the WHERE group")


def graphs_in_order(store: GraphStore) -> list[str]:
    """Every source graph, in the order the query's ``ORDER BY ?doc`` puts their documents.

    Kept per open embedded store (which cannot change while open); asked again of any other store.
    """
    try:
        kept = _GRAPHS.get(store)
    except TypeError:   # a store that cannot be weakly referenced: never kept
        kept = None
    if kept is not None:
        return kept
    rows = store.query(_DOCUMENTS).rows
    graphs = [graph.value for graph, _ in sorted(rows, key=lambda row: (term_sort_key(row[1]), row[0].value))]
    from healthplan_kg.store.embedded import EmbeddedStore

    if isinstance(store, EmbeddedStore):
        _GRAPHS[store] = graphs
    return graphs


def rows_by_graph(store: GraphStore, sparql: str, columns: list[str], *, where: str = "the query",
                  wanted: int | None = None) -> Iterator[tuple[Term | None, ...]]:
    """The query's rows (the ``columns``), source graph by source graph in document order.

    The graphs are asked for in runs of consecutive ones (``FIRST_RUN``, then twice as many each
    time up to ``LONGEST_RUN``): each query has a fixed cost (parsing, planning, the curated labels'
    look-ups, 5–15 ms at 1k documents) that one graph's few rows would not repay, while a first page
    still needs only the first run or two. A run's answer, sorted by ``?doc`` first, is its graphs'
    answers in document order, so the runs in order are the whole answer in order.

    ``wanted``: the rows the caller will read (a page's end), when known. Once a run has shown
    how many rows a graph gives, the next run asks for about as many graphs as the rows still
    wanted need (a quarter more, for luck), rather than twice as many: a first page then ends
    after a small second query instead of a large one.
    """
    graphs = graphs_in_order(store)
    at = top_level_where(sparql)
    start, run, found = 0, FIRST_RUN, 0
    while start < len(graphs):
        result = query_in_order(store, with_graphs(sparql, graphs[start:start + run], at))
        start, found = start + run, found + len(result.rows)
        run = min(run * 2, LONGEST_RUN)
        if wanted is not None and found:
            run = max(1, min(run, math.ceil((wanted - found) * start / found * 1.25)))
        missing = [c for c in columns if c not in result.columns]
        if missing:
            raise QueryError(f"{where}: the store's result lacks column(s) {', '.join(missing)}")
        index = [result.columns.index(c) for c in columns]
        for row in result.rows:
            yield tuple(row[i] for i in index)
