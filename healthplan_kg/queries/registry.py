"""The saved queries in ``queries/*.rq``: load, look up, bind parameters, run on any store.

How a parameter reaches the engine: the registry sends the file's SPARQL unchanged and the
checked values as ``bindings`` (RDF terms). The embedded store substitutes them (SEP-0007, which
needs the variable in the SELECT projection); a SPARQL server gets them as ``BIND(term AS ?var)`` at the
head of the WHERE group. A query is written so both give the same rows:

- every parameter variable is projected; one that is not a declared column comes after the
  columns and the registry leaves it out of the result;
- every parameter variable is bound in each solution by the query itself (a triple pattern, or a
  ``BIND`` inside a nested ``{ }`` group), never tested with ``BOUND()``; a solution that left it
  unbound would be compatible with any value and slip through the filter.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from healthplan_kg import resources
from healthplan_kg.errors import ParameterError, QueryError
from healthplan_kg.queries import header as header_module
from healthplan_kg.queries import paging
from healthplan_kg.queries.parameters import MAX_LIST_ITEMS, Parameter
from healthplan_kg.store.base import GraphStore, QueryResult, Term
from healthplan_kg.store.ordering import query_in_order

_DISTINCT = re.compile(r"\bSELECT\s+(DISTINCT|REDUCED)\b", re.IGNORECASE)


@dataclass
class SavedQuery:
    """One ``.rq`` file: its header fields, the whole text, and the SPARQL the store receives."""

    name: str
    summary: str
    description: str
    parameters: list[Parameter]
    columns: list[str]
    text: str
    sparql: str
    path: Path | None = None
    tags: list[str] = field(default_factory=list)
    contract: bool = False           # one of the analyst contract's saved queries
    paged_by: str | None = None      # "graph": answered graph by graph for pages (queries/paging.py)

    @classmethod
    def from_file(cls, path: Path) -> SavedQuery:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise QueryError(f"{path}: cannot read the saved query: {error}") from error
        return cls.from_text(path.stem, text, path=path)

    @classmethod
    def from_text(cls, name: str, text: str, *, path: Path | None = None) -> SavedQuery:
        where = str(path or name)
        head, sparql = header_module.parse(text, where)
        parameters = [Parameter.from_header(fields, where) for fields in head.params]
        names = [p.name for p in parameters]
        if len(set(names)) != len(names):
            raise QueryError(f"{where}: a parameter is declared twice: {names}")
        if head.paged_by == paging.BY_GRAPH:
            paging.check_pageable(sparql, head.columns, where)
        return cls(name=name, summary=head.summary, description=head.description,
                   parameters=parameters, columns=head.columns, text=text, sparql=sparql,
                   path=path, tags=head.tags, contract=head.contract, paged_by=head.paged_by)

    @property
    def projection(self) -> list[str]:
        """The variables the SELECT must project: the columns, then the other parameter variables."""
        return self.columns + [p.name for p in self.parameters if p.name not in self.columns]

    def parameter(self, name: str) -> Parameter:
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter
        known = ", ".join(p.name for p in self.parameters) or "none"
        raise ParameterError(f"query '{self.name}' has no parameter '{name}' (its parameters: {known})")

    def bind(self, raw_params: Mapping[str, str] | None = None,
             typed_params: Mapping[str, object] | None = None) -> dict[str, Term | list[Term]]:
        """Check and convert every value; fill defaults; refuse unknown, missing or ill-typed ones.

        ``raw_params`` are texts (from the command line or HTTP); ``typed_params`` Python values
        (terms, str, int, date, lists). A ``list[T]`` parameter gives a list of terms.
        """
        raw_params = dict(raw_params or {})
        typed_params = dict(typed_params or {})
        both = sorted(set(raw_params) & set(typed_params))
        if both:
            raise ParameterError(f"query '{self.name}': parameter '{both[0]}' given twice")
        bound: dict[str, Term | list[Term]] = {}
        for name, raw in raw_params.items():
            bound[name] = self.parameter(name).convert(raw)
        for name, value in typed_params.items():
            bound[name] = self.parameter(name).accept(value)
        for parameter in self.parameters:
            if parameter.name in bound:
                continue
            if parameter.default is not None:
                bound[parameter.name] = parameter.convert(parameter.default)
            elif parameter.required:
                raise ParameterError(f"query '{self.name}' needs parameter '{parameter.name}' "
                                     f"({parameter.type}): {parameter.description or 'no description'}")
        return bound

    def binding_sets(self, bound: Mapping[str, Term | list[Term]]) -> list[dict[str, Term]]:
        """One binding of single terms per run: the product of the list parameters' items."""
        names = list(bound)
        choices = [value if isinstance(value, list) else [value] for value in bound.values()]
        runs = [dict(zip(names, combination, strict=True)) for combination in itertools.product(*choices)]
        if len(runs) > MAX_LIST_ITEMS:
            raise ParameterError(f"query '{self.name}': the list parameters ask for {len(runs)} runs; "
                                 f"at most {MAX_LIST_ITEMS}")
        return runs

    def run(self, store: GraphStore, raw_params: Mapping[str, str] | None = None,
            **typed_params: object) -> QueryResult:
        """Run on ``store``: the SPARQL text as it is in the file, the values as bindings."""
        bound = self.bind(raw_params, typed_params)
        rows: list[tuple[Term | None, ...]] = []
        for bindings in self.binding_sets(bound):
            result = query_in_order(store, self.sparql, bindings)
            missing = [c for c in self.columns if c not in result.columns]
            if missing:
                raise QueryError(f"query '{self.name}': the store's result lacks column(s) "
                                 f"{', '.join(missing)}")
            index = [result.columns.index(c) for c in self.columns]
            rows.extend(tuple(row[i] for i in index) for row in result.rows)
        if _DISTINCT.search(self.sparql):
            rows = list(dict.fromkeys(rows))   # runs for two list items may meet in one row
        return QueryResult(columns=list(self.columns), rows=rows)

    def stream(self, store: GraphStore, raw_params: Mapping[str, str] | None = None,
               **typed_params: object) -> Iterator[tuple[Term | None, ...]]:
        """The rows of ``run``, in its order, as they are found: source graph by source graph for
        a query with ``paged_by: graph`` called without parameters (queries/paging.py), so the
        first rows come after one graph's work rather than the whole answer's; else ``run``'s rows.
        """
        return self._rows(store, raw_params, typed_params, None)

    def _rows(self, store: GraphStore, raw_params: Mapping[str, str] | None, typed_params: Mapping[str, object],
              wanted: int | None) -> Iterator[tuple[Term | None, ...]]:
        bound = self.bind(raw_params, typed_params)
        if self.paged_by != paging.BY_GRAPH or bound:
            yield from self.run(store, raw_params, **typed_params).rows
            return
        yield from paging.rows_by_graph(store, self.sparql, self.columns, where=f"query '{self.name}'",
                                        wanted=wanted)

    def page(self, store: GraphStore, raw_params: Mapping[str, str] | None = None, *,
             limit: int, offset: int = 0, **typed_params: object) -> QueryResult:
        """Rows ``offset`` to ``offset + limit`` of ``run``'s answer, working out no more of it
        than those rows need when the query is paged by graph (see ``stream``)."""
        if limit < 0 or offset < 0:
            raise ParameterError(f"query '{self.name}': limit and offset must be 0 or more")
        rows = itertools.islice(self._rows(store, raw_params, typed_params, offset + limit), offset, offset + limit)
        return QueryResult(columns=list(self.columns), rows=list(rows))


class QueryRegistry:
    """Every saved query of one folder, by name (the file name without ``.rq``)."""

    def __init__(self, queries: Mapping[str, SavedQuery]) -> None:
        self._queries = dict(sorted(queries.items()))

    @classmethod
    def load(cls, folder: Path | None = None) -> QueryRegistry:
        folder = Path(folder) if folder is not None else resources.queries_dir()
        if not folder.is_dir():
            raise QueryError(f"{folder}: no folder of saved queries")
        return cls({path.stem: SavedQuery.from_file(path) for path in sorted(folder.glob("*.rq"))})

    def names(self) -> list[str]:
        return list(self._queries)

    def contract_names(self) -> list[str]:
        """The saved queries marked ``contract: true``: what the analyst contract fixes, sorted."""
        return [name for name, query in self._queries.items() if query.contract]

    def __iter__(self):
        return iter(self._queries.values())

    def __len__(self) -> int:
        return len(self._queries)

    def __contains__(self, name: object) -> bool:
        return name in self._queries

    def get(self, name: str) -> SavedQuery:
        try:
            return self._queries[name]
        except KeyError:
            close = difflib.get_close_matches(name, self._queries, n=3, cutoff=0.5)
            hint = f"; did you mean {', '.join(close)}?" if close else \
                "; `healthplan-kg query list` shows them all"
            raise QueryError(f"no saved query named '{name}'{hint}") from None

    def run(self, store: GraphStore, name: str, raw_params: Mapping[str, str] | None = None,
            **typed_params: object) -> QueryResult:
        return self.get(name).run(store, raw_params, **typed_params)
