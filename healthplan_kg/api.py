"""The Python entry point: ``KnowledgeGraph`` opens or builds a graph and answers questions on it.

One object for a notebook or a script, doing what the command line does (the command line only
parses and prints around it). Small in-memory example, with no files involved:

>>> import pyoxigraph as ox
>>> from healthplan_kg.store import EmbeddedStore
>>> kg = KnowledgeGraph(EmbeddedStore.in_memory())
>>> g = "https://w3id.org/healthplan-kg/graph/source/0123456789abcdef"
>>> kg.store.replace_graph(g, [ox.Quad(ox.NamedNode("https://w3id.org/healthplan-kg/id/document/nou-2023-4"),
...     ox.NamedNode("http://purl.org/dc/terms/identifier"), ox.Literal("NOU 2023: 4"), ox.NamedNode(g))])
>>> kg.sparql("SELECT ?id WHERE { GRAPH ?g { ?doc <http://purl.org/dc/terms/identifier> ?id } }").values()
[{'id': 'NOU 2023: 4'}]
>>> len(kg.to_rdflib())
1
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from healthplan_kg.errors import StoreError
from healthplan_kg.namespaces import PREFIXES
from healthplan_kg.store import EmbeddedStore, RemoteStore, open_store
from healthplan_kg.store.base import GraphStore, QueryResult, Term
from healthplan_kg.validate import ValidationReport, validate

EXPORT_FORMATS = ("ttl", "trig", "nq", "jsonld")


class KnowledgeGraph:
    """A built graph in a store (embedded folder or SPARQL endpoint)."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self._saved_queries = None

    @property
    def saved_queries(self):
        """The saved queries (``QueryRegistry``), read once per open graph: parsing the 25 query
        headers took about 50 ms, more than most one-entity answers."""
        if self._saved_queries is None:
            from healthplan_kg.queries import QueryRegistry

            self._saved_queries = QueryRegistry.load()
        return self._saved_queries

    @classmethod
    def open(cls, path: str | Path | None = None, *, endpoint: str | None = None) -> KnowledgeGraph:
        """Open an existing graph: the embedded store at ``path`` (default ``$HEALTHPLAN_KG_STORE``
        or ``./.store/healthplan-kg``) read-only, or a SPARQL endpoint."""
        return cls(open_store(path, endpoint, read_only=True))

    @classmethod
    def build(cls, corpus: str | Path | Sequence[str | Path] | None = None, *, path: str | Path | None = None,
              endpoint: str | None = None, strict: bool = False, jobs: int | None = None,
              progress: bool = False, on_status=None) -> KnowledgeGraph:
        """Build the graph of ``corpus`` (one folder or several; default the bundled corpus) and open it.

        The build report is kept as ``.build_report`` (counts, skipped files, validation).
        ``on_status(status)``: each document's stage and seconds while the build runs (see
        ``healthplan_kg.build.build``).
        """
        from healthplan_kg.build import build

        dirs = None if corpus is None else [Path(corpus)] if isinstance(corpus, str | Path) else \
            [Path(c) for c in corpus]
        report = build(dirs, store_path=path, endpoint=endpoint, strict=strict, jobs=jobs, progress=progress,
                       on_status=on_status)
        graph = cls.open(None if endpoint else report.target, endpoint=endpoint)
        graph.build_report = report
        return graph

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def newer_build_exists(self) -> bool:
        """Whether a build has swapped a newer graph into this embedded store since it was opened.

        An open graph keeps answering from the store it opened (a build never changes it under a
        reader); ``reopen()`` gives the newer one. Always False for a SPARQL endpoint, which
        changes in place."""
        check = getattr(self.store, "newer_build_exists", None)
        return bool(check()) if check is not None else False

    def reopen(self) -> KnowledgeGraph:
        """The same store opened again (the newest build of it), read-only; this one is closed."""
        path = getattr(self.store, "path", None)
        if path is None:
            return self
        self.close()
        return KnowledgeGraph.open(path)

    def query(self, name: str, **params: str) -> QueryResult:
        """Run a saved query by name; parameters as strings, checked against its declared types.
        An IRI parameter also takes an official identifier or an unambiguous label."""
        saved = self.saved_queries.get(name)
        return saved.run(self.store, self._raw_params(saved, params))

    def page(self, name: str, *, limit: int, offset: int = 0, **params: str) -> QueryResult:
        """Rows ``offset`` to ``offset + limit`` of ``query``'s answer. A query paged by source
        graph (``paged_by: graph``), asked without parameters, works out only the graphs those
        rows come from: a first page costs about the same on a store of any size."""
        saved = self.saved_queries.get(name)
        return saved.page(self.store, self._raw_params(saved, params), limit=limit, offset=offset)

    def stream(self, name: str, **params: str) -> Iterator[tuple[Term | None, ...]]:
        """``query``'s rows in its order as they are found (graph by graph for a query paged by
        source graph), for an answer too large to wait for or to hold at once."""
        saved = self.saved_queries.get(name)
        yield from saved.stream(self.store, self._raw_params(saved, params))

    def _raw_params(self, saved, params: dict[str, object]) -> dict[str, str]:
        """The parameters as the texts a saved query takes, names of entities resolved to IRIs."""
        from healthplan_kg.queries.names import resolve_names

        return resolve_names(self.store, saved, {k: str(v) for k, v in params.items()})

    def resolve(self, name: str):
        """The one entity an IRI, official identifier or label names (``network.resolve.Entity``);
        ``AmbiguousEntityError`` / ``UnknownEntityError`` with the candidates otherwise."""
        from healthplan_kg.network.resolve import resolve_entity

        return resolve_entity(self.store, name)

    def sparql(self, text: str, *, nested_optionals: bool = False) -> QueryResult:
        """Run any SELECT query on the store, as written. ``nested_optionals=True`` lets the
        embedded store run its OPTIONALs as nested loops (much faster for per-row look-ups; the
        saved queries are tested to answer the same either way, a query of yours is not)."""
        return self.store.query(text, nested_optionals=nested_optionals)

    def validate(self, *, reason: bool = False) -> ValidationReport:
        return validate(self.store, reason=reason)

    def to_rdflib(self):
        """The whole graph as an ``rdflib.Dataset``, named graphs kept."""
        import rdflib

        dataset = rdflib.Dataset()
        dataset.parse(data=ox.serialize(self.store.quads(), format=ox.RdfFormat.N_QUADS) or b"",
                      format="nquads")
        return dataset

    @staticmethod
    def to_dataframe(result: QueryResult):
        """A query result as a pandas DataFrame of plain strings (None where unbound)."""
        import pandas as pd

        return pd.DataFrame(result.values(), columns=result.columns)

    def export(self, output: IO[bytes], fmt: str = "trig") -> None:
        export(self.store, output, fmt)


def export(store: GraphStore, output: IO[bytes], fmt: str) -> None:
    """Write the whole graph. ``trig``/``nq``/``jsonld`` keep named graphs; ``ttl`` has none, so it
    holds the union of all graphs' triples."""
    if fmt not in EXPORT_FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    if fmt == "nq" and isinstance(store, EmbeddedStore):
        store.dump(output, ox.RdfFormat.N_QUADS)
    elif fmt in ("nq", "trig"):
        rdf_format = ox.RdfFormat.N_QUADS if fmt == "nq" else ox.RdfFormat.TRIG
        ox.serialize(_sorted_quads(store), output, rdf_format, prefixes=PREFIXES if fmt == "trig" else None)
    elif fmt == "ttl":
        triples = sorted({q.triple for q in store.quads()}, key=str)
        ox.serialize(triples, output, ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    else:
        import rdflib

        dataset = rdflib.Dataset()
        dataset.parse(data=ox.serialize(store.quads(), format=ox.RdfFormat.N_QUADS) or b"", format="nquads")
        output.write(dataset.serialize(format="json-ld", indent=2).encode("utf-8"))


def _sorted_quads(store: GraphStore) -> list[ox.Quad]:
    """Quads grouped by graph in a stable order, so TriG output groups each graph's triples."""
    return sorted(store.quads(), key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate),
                                                str(q.object)))


def extract_file(path: str | Path, *, allow_replacement: bool = False):
    """One document's ``Extraction`` (read + extract, nothing stored): for inspection.
    ``allow_replacement``: read damaged UTF-8 with U+FFFD (``source.warnings`` says how much)."""
    from healthplan_kg.extraction_pool import extractor as _extractor
    from healthplan_kg.readers import ReadOptions, read_document

    # a bad file fails before the gazetteer is compiled
    source = read_document(Path(path), ReadOptions(allow_replacement=allow_replacement))
    return _extractor().extract(source)


def extraction_to_json(extraction) -> dict:
    """An ``Extraction`` as JSON-ready data (paths as strings); the full source text is left out
    of ``source`` but its length kept, so the output stays readable."""
    data = asdict(extraction)
    source = data["source"]
    source["path"] = str(source["path"])
    source["text_length"] = len(source.pop("text"))
    return json.loads(json.dumps(data, default=str))


__all__ = ["EXPORT_FORMATS", "KnowledgeGraph", "RemoteStore", "export", "extract_file", "extraction_to_json"]
