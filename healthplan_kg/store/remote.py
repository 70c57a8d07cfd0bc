"""A remote store: any SPARQL 1.1 server, spoken to over HTTP with the standard library only.

Queries use the SPARQL 1.1 Protocol (POST, URL-encoded form, results as SPARQL JSON, parsed by
pyoxigraph so terms come back exactly as the embedded store gives them). The form is the one
encoding every server must accept; a direct ``application/sparql-query`` body is optional in the
protocol and some servers never answer it (Virtuoso 7.2 waits for more input). Graphs are
written with the Graph Store Protocol (PUT one named graph, so a rebuild replaces rather than
duplicates), falling back to SPARQL Update where a server has no Graph Store endpoint.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Mapping

import pyoxigraph as ox

from healthplan_kg.errors import QueryError, StoreError
from healthplan_kg.store.base import QueryResult, Term

_RESULTS_JSON = "application/sparql-results+json"
_FORM = "application/x-www-form-urlencoded"
#: Quads per SPARQL Update request in the fallback path (keeps request bodies a few MB at most).
_UPDATE_CHUNK = 5000


def _form(field: str, sparql: str) -> bytes:
    """A query or update as the URL-encoded form body of the SPARQL 1.1 Protocol."""
    return urllib.parse.urlencode({field: sparql}).encode("ascii")


def insert_bindings(sparql: str, bindings: Mapping[str, Term]) -> str:
    """Bind variables by ``BIND(term AS ?var)`` placed first in the query's WHERE group.

    Terms are serialised by pyoxigraph (N-Triples syntax), never pasted from user text, so a
    binding cannot change the query's shape. First in the outermost group, each binding extends
    the empty solution and the rest of the pattern joins with it: the rows are those whose
    variable equals the bound term, which is what substitution gives on the embedded store for
    variables bound by a triple pattern. (A one-row ``VALUES`` block means the same in SPARQL,
    but Virtuoso 7.2 drops rows with an unbound variable from a query that starts with one;
    ``BIND`` it answers right, as every other engine does.)
    """
    if not bindings:
        return sparql
    brace = _first_group_brace(sparql)
    if brace < 0:
        raise QueryError("cannot bind parameters: the query has no WHERE group")
    block = "".join(f" BIND({bindings[name]} AS ?{name})" for name in sorted(bindings)) + " "
    return sparql[:brace + 1] + block + sparql[brace + 1:]


def _first_group_brace(sparql: str) -> int:
    """Index of the first ``{`` that is not inside a comment, a string or an IRI."""
    i, n = 0, len(sparql)
    while i < n:
        ch = sparql[i]
        if ch == "#":
            newline = sparql.find("\n", i)
            i = n if newline < 0 else newline + 1
            continue
        if ch == "<":
            # an IRI (no spaces inside) or a less-than operator
            close = sparql.find(">", i)
            if close > 0 and not any(c.isspace() for c in sparql[i + 1:close]):
                i = close + 1
                continue
        if ch in "\"'":
            quote = sparql[i:i + 3] if sparql[i:i + 3] in ('"""', "'''") else ch
            j = i + len(quote)
            while j < n and not sparql.startswith(quote, j):
                j += 2 if sparql[j] == "\\" else 1
            i = j + len(quote)
            continue
        if ch == "{":
            return i
        i += 1
    return -1


class RemoteStore:
    """A ``GraphStore`` over HTTP.

    ``query_url`` takes queries; ``update_url`` SPARQL updates; ``store_url`` is the Graph Store
    Protocol endpoint (``?graph=IRI`` is appended). ``from_endpoint`` derives all three from one
    URL in Oxigraph's layout.
    """

    def __init__(self, query_url: str, *, update_url: str | None = None, store_url: str | None = None,
                 timeout: float = 300.0) -> None:
        self.query_url = query_url
        self.update_url = update_url
        self.store_url = store_url
        self.timeout = timeout

    @classmethod
    def from_endpoint(cls, url: str, **options) -> RemoteStore:
        """``http://host:7878`` -> ``/query``, ``/update``, ``/store`` (Oxigraph server; Fuseki's
        ``http://host:3030/DATASET`` works the same way). A URL that already ends in ``/query``
        or ``/sparql`` is taken as the query endpoint, its siblings as the others."""
        url = url.rstrip("/")
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise StoreError(f"not an http(s) endpoint URL: {url!r}")
        base, _, last = url.rpartition("/")
        if last in ("query", "sparql") and base.count("/") >= 2:
            return cls(url, update_url=f"{base}/update", store_url=f"{base}/store", **options)
        return cls(f"{url}/query", update_url=f"{url}/update", store_url=f"{url}/store", **options)

    def __repr__(self) -> str:
        return f"RemoteStore({self.query_url!r})"

    # -- HTTP ------------------------------------------------------------------------------------

    def _request(self, url: str, *, method: str = "POST", body: bytes | None = None,
                 content_type: str | None = None, accept: str | None = None) -> bytes:
        headers = {}
        if content_type:
            headers["Content-Type"] = content_type
        if accept:
            headers["Accept"] = accept
        request = urllib.request.Request(url, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace").strip().splitlines()
            message = f"{method} {url}: HTTP {error.code} {error.reason}"
            if detail:
                message += f": {detail[0][:300]}"
            raise _HTTPStatusError(message, error.code) from error
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise StoreError(f"cannot reach the SPARQL endpoint {url}: {reason}") from error

    def _select(self, sparql: str) -> ox.QuerySolutions | ox.QueryBoolean:
        try:
            payload = self._request(self.query_url, body=_form("query", sparql), content_type=_FORM,
                                    accept=_RESULTS_JSON)
        except _HTTPStatusError as error:
            if error.status == 400:
                raise QueryError(str(error)) from error
            raise
        try:
            return ox.parse_query_results(payload, format=ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as error:
            raise StoreError(f"{self.query_url} did not answer with SPARQL JSON results: {error}") from error

    def _update(self, sparql: str) -> None:
        if not self.update_url:
            raise StoreError(f"{self.query_url} has no update endpoint configured")
        self._request(self.update_url, body=_form("update", sparql), content_type=_FORM)

    # -- reading ---------------------------------------------------------------------------------

    def query(self, sparql: str, *, bindings: Mapping[str, Term] | None = None,
              nested_optionals: bool = True) -> QueryResult:
        result = QueryResult.from_solutions(self._select(insert_bindings(sparql, bindings or {})))
        result.rows = [tuple(_canonical(term) for term in row) for row in result.rows]
        return result

    def ask(self, sparql: str) -> bool:
        answer = self._select(sparql)
        if not isinstance(answer, ox.QueryBoolean):
            raise QueryError("expected an ASK query")
        return bool(answer)

    def construct(self, sparql: str) -> list[ox.Triple]:
        try:
            payload = self._request(self.query_url, body=_form("query", sparql), content_type=_FORM,
                                    accept="application/n-triples")
        except _HTTPStatusError as error:
            raise QueryError(str(error)) from error
        return [quad.triple for quad in ox.parse(payload, format=ox.RdfFormat.N_TRIPLES)]

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        if graph is None:
            result = self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
            return (ox.Quad(s, p, o, g) for s, p, o, g in result.rows)
        result = self.query("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }",
                            bindings={"g": ox.NamedNode(graph)})
        return (ox.Quad(s, p, o, ox.NamedNode(graph)) for s, p, o in result.rows)

    def named_graphs(self) -> list[str]:
        """The server's non-empty named graphs. ``GRAPH ?g { }`` is the cheap question, but some
        servers (Virtuoso) answer it with no graph; then each graph is found by a triple in it."""
        for pattern in ("{ }", "{ ?s ?p ?o }"):
            rows = self.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {pattern} }}").rows
            graphs = sorted(row[0].value for row in rows if isinstance(row[0], ox.NamedNode))
            if graphs:
                break
        return graphs

    # -- writing ---------------------------------------------------------------------------------

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> None:
        """PUT the graph (Graph Store Protocol); without one, DROP + INSERT DATA by SPARQL Update."""
        triples = [quad.triple for quad in quads]
        if self.store_url:
            url = f"{self.store_url}?{urllib.parse.urlencode({'graph': graph})}"
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
            try:
                self._request(url, method="PUT", body=body, content_type="application/n-triples")
                return
            except _HTTPStatusError as error:
                if error.status not in (404, 405, 501):
                    raise
                self.store_url = None  # no Graph Store endpoint here: use SPARQL Update from now on
        self._update(f"DROP SILENT GRAPH <{graph}>")
        for start in range(0, len(triples), _UPDATE_CHUNK):
            chunk = triples[start:start + _UPDATE_CHUNK]
            data = (ox.serialize(chunk, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")
            self._update(f"INSERT DATA {{ GRAPH <{graph}> {{\n{data}}} }}")

    def drop_graphs(self, graphs: Iterable[str]) -> None:
        """Remove named graphs (those a rebuild no longer has)."""
        statements = [f"DROP SILENT GRAPH <{g}>" for g in graphs]
        if statements:
            self._update(" ;\n".join(statements))

    def close(self) -> None:
        """Nothing to release: every request opens and closes its own connection."""


class _HTTPStatusError(StoreError):
    """An HTTP error status, kept so callers can fall back (404/405) or call it a bad query (400)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


_BOOLEAN = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")
_CANONICAL_BOOLEANS = {"1": ox.Literal("true", datatype=_BOOLEAN), "0": ox.Literal("false", datatype=_BOOLEAN)}


def _canonical(term: Term | None) -> Term | None:
    """A boolean in its canonical lexical form: some servers (Virtuoso) store xsd:boolean as a
    number and answer ``"1"^^xsd:boolean``, a valid but unusual spelling of true; the rows of a
    saved query or a validation report then read the same from every engine."""
    if isinstance(term, ox.Literal) and term.datatype == _BOOLEAN and term.value in _CANONICAL_BOOLEANS:
        return _CANONICAL_BOOLEANS[term.value]
    return term

