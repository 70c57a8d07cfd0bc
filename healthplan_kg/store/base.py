"""The one protocol every store implements, and the plain result type queries return."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol

import pyoxigraph as ox

#: An RDF term as pyoxigraph models it.
Term = ox.NamedNode | ox.BlankNode | ox.Literal


@dataclass
class QueryResult:
    """The rows of a SELECT query: column names in order and one tuple of terms per row.

    An unbound cell is ``None``. Rows are plain Python data, so the same result comes back from
    the embedded store and from a remote server, and tests can compare the two directly.
    """

    columns: list[str]
    rows: list[tuple[Term | None, ...]]

    @classmethod
    def from_solutions(cls, solutions: object) -> QueryResult:
        """Rows of a pyoxigraph SELECT result (from the embedded store or a server's JSON)."""
        from healthplan_kg.errors import QueryError
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryError("expected a SELECT query")
        columns = [variable.value for variable in solutions.variables]
        rows = [tuple(solution[i] for i in range(len(columns))) for solution in solutions]
        return cls(columns=columns, rows=rows)

    def __iter__(self) -> Iterator[dict[str, Term | None]]:
        for row in self.rows:
            yield dict(zip(self.columns, row, strict=True))

    def __len__(self) -> int:
        return len(self.rows)

    def values(self) -> list[dict[str, str | None]]:
        """Rows as dicts of plain strings: an IRI's text, a literal's lexical form, None if unbound."""
        return [{c: (None if t is None else t.value) for c, t in zip(self.columns, row, strict=True)}
                for row in self.rows]


class GraphStore(Protocol):
    """What the build, the queries and validation need from a store."""

    def query(self, sparql: str, *, bindings: Mapping[str, Term] | None = None,
              nested_optionals: bool = True) -> QueryResult:
        """Run a SELECT query; ``bindings`` binds variables (without ``?``) to RDF terms.

        Bindings are passed as terms to the engine (substitutions on the embedded store, a
        ``BIND`` of each serialised term first in the WHERE group on a server), never pasted in as user text.
        ``nested_optionals``: the embedded store may run OPTIONAL as a nested loop (see
        ``store.lateral``), which the project's own queries are tested for; a user's query runs
        as written with ``False``. A server plans queries itself and ignores it.
        """
        ...

    def ask(self, sparql: str) -> bool: ...

    def construct(self, sparql: str) -> list[ox.Triple]: ...

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """Every quad, or those of one named graph."""
        ...

    def named_graphs(self) -> list[str]: ...

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> None:
        """Drop one named graph and write it anew (used by incremental builds)."""
        ...

    def close(self) -> None: ...
