"""The embedded store: an Oxigraph (RocksDB) database in a folder on disk.

The default store, because it needs no server: ``pip install`` and a folder are enough. Queries
open it read-only where they can, so an analyst's notebook and the command line can read the same
store at once.
"""

from __future__ import annotations

import io
import time
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox

from healthplan_kg.errors import QueryError, StoreError
from healthplan_kg.store.base import QueryResult, Term
from healthplan_kg.store.lateral import lateral_optionals
from healthplan_kg.store.layout import resolve_store

#: How often ``open`` resolves the store's link again when a build swaps versions under it.
_OPEN_ATTEMPTS = 5


class EmbeddedStore:
    """A ``GraphStore`` over ``pyoxigraph.Store``.

    >>> store = EmbeddedStore.in_memory()
    >>> g = ox.NamedNode("https://example.org/g")
    >>> store.replace_graph(g.value, [ox.Quad(ox.NamedNode("https://example.org/a"),
    ...     ox.NamedNode("https://example.org/p"), ox.Literal("1"), g)])
    >>> store.query("SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }").values()
    [{'o': '1'}]
    """

    def __init__(self, store: ox.Store, *, path: Path | None = None, read_only: bool = False,
                 version: Path | None = None) -> None:
        self._store = store
        self.path = path
        self.read_only = read_only
        #: The folder actually open: the version ``path`` pointed at when it was opened.
        self.version = version or path

    @classmethod
    def open(cls, path: str | Path, *, create: bool = False, read_only: bool = False) -> EmbeddedStore:
        """Open the store in ``path``; refuse a missing one unless ``create`` (a typo makes no store).

        ``path`` may be the stable link a build maintains (see ``layout``): the version it points at
        is resolved once and opened, so a build swapping in a new version meanwhile cannot mix two
        stores under this reader. Should that version vanish between resolving and opening (builds
        keep the one before the current, so only two swaps in that instant could do it), the link
        is resolved again."""
        path = Path(path)
        for attempt in range(_OPEN_ATTEMPTS):
            version = resolve_store(path)
            if not version.exists() and not create:
                if path.is_symlink() and attempt + 1 < _OPEN_ATTEMPTS:
                    time.sleep(0.05)
                    continue
                raise StoreError(f"no store at {path}: build one first with `healthplan-kg build --store {path}`")
            if version.exists() and not version.is_dir():
                raise StoreError(f"{path} is a file, not a store folder")
            try:
                store = ox.Store.read_only(str(version)) if read_only else ox.Store(str(version))
            except OSError as error:
                if path.is_symlink() and resolve_store(path) != version and attempt + 1 < _OPEN_ATTEMPTS:
                    continue   # swapped while opening: open the new one
                raise StoreError(f"cannot open the store at {path}: {error}") from error
            return cls(store, path=path, read_only=read_only, version=version)
        raise StoreError(f"cannot open the store at {path}: it kept changing while being opened")

    def newer_build_exists(self) -> bool:
        """Whether a build has swapped a newer store in at ``path`` since this one was opened
        (reopen to see it; this object keeps reading the store it opened)."""
        if self.path is None or self.version is None:
            return False
        return resolve_store(self.path) != self.version

    @classmethod
    def in_memory(cls) -> EmbeddedStore:
        """A store that lives only in memory: for tests and one-off extractions."""
        return cls(ox.Store())

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying ``pyoxigraph.Store``, for callers that need its full API."""
        return self._store

    def __repr__(self) -> str:
        return f"EmbeddedStore({str(self.path) if self.path else 'memory'!r})"

    # -- reading -------------------------------------------------------------------------------

    def _run(self, sparql: str, bindings: Mapping[str, Term] | None = None, nested_optionals: bool = False):
        """Run as written, or with OPTIONALs as nested loops (see ``lateral``). A rewritten query
        the engine refuses (LATERAL forbids re-binding a variable bound on its left, e.g. by a
        VALUES inside the OPTIONAL) runs as written, so an error names the user's own text."""
        substitutions = {ox.Variable(name): term for name, term in (bindings or {}).items()}
        try:
            if nested_optionals:
                try:
                    return self._store.query(lateral_optionals(sparql), substitutions=substitutions or None)
                except SyntaxError:
                    pass
            return self._store.query(sparql, substitutions=substitutions or None)
        except SyntaxError as error:
            raise QueryError(f"malformed SPARQL: {error}") from error
        except RuntimeError as error:  # e.g. a substitution for a variable the query does not select
            raise QueryError(f"cannot run the query: {error}") from error
        except OSError as error:
            raise StoreError(f"cannot read the store at {self.path}: {error}") from error

    def query(self, sparql: str, *, bindings: Mapping[str, Term] | None = None,
              nested_optionals: bool = True) -> QueryResult:
        return QueryResult.from_solutions(self._run(sparql, bindings, nested_optionals))

    def ask(self, sparql: str) -> bool:
        answer = self._run(sparql)
        if not isinstance(answer, ox.QueryBoolean):
            raise QueryError("expected an ASK query")
        return bool(answer)

    def construct(self, sparql: str) -> list[ox.Triple]:
        triples = self._run(sparql)
        if not isinstance(triples, ox.QueryTriples):
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        return list(triples)

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        graph_name = ox.NamedNode(graph) if graph else None
        return iter(self._store.quads_for_pattern(None, None, None, graph_name))

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def __len__(self) -> int:
        return len(self._store)

    def dump(self, output: io.BufferedIOBase | str | Path, format: ox.RdfFormat = ox.RdfFormat.N_QUADS,
             *, graph: str | None = None) -> None:
        """Serialise the whole store (or one graph) to a file or binary stream."""
        if graph is not None:
            self._store.dump(output, format, from_graph=ox.NamedNode(graph))
        else:
            self._store.dump(output, format)

    def nquads(self, graphs: Iterable[str] | None = None) -> bytes:
        """The store (or some of its named graphs) as sorted N-Quads: canonical, diffable bytes."""
        buffer = io.BytesIO()
        if graphs is None:
            self._store.dump(buffer, ox.RdfFormat.N_QUADS)
        else:
            for graph in graphs:
                quads = self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
                buffer.write(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")
        lines = sorted(set(buffer.getvalue().splitlines(keepends=True)))
        return b"".join(lines)

    # -- writing -------------------------------------------------------------------------------

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the store at {self.path} was opened read-only")

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> None:
        self._writable()
        graph_name = ox.NamedNode(graph)
        try:
            self._store.remove_graph(graph_name)
            self._store.extend(quads)
        except OSError as error:
            raise StoreError(f"cannot write graph {graph} to {self.path}: {error}") from error

    def bulk_add(self, quads: Iterable[ox.Quad]) -> None:
        """Add many quads fast (no transaction: used only on a fresh store a build swaps in)."""
        self._writable()
        try:
            self._store.bulk_extend(quads)
        except OSError as error:
            raise StoreError(f"cannot write to {self.path}: {error}") from error

    def bulk_load_nquads(self, chunks: Iterable[bytes]) -> None:
        """Bulk-load N-Quads given as a stream of byte chunks, in one pass and one loader.

        Oxigraph parses the bytes itself (no Python ``Quad`` per triple) and writes sorted files
        once for the whole stream; calling ``bulk_add`` once per document would write files per
        call. Memory stays bounded: chunks are pulled only as the loader reads.
        """
        self._writable()
        reader = io.BufferedReader(_ChunkReader(chunks), buffer_size=1 << 20)
        try:
            self._store.bulk_load(reader, ox.RdfFormat.N_QUADS)
        except SyntaxError as error:
            raise StoreError(f"not valid N-Quads: {error}") from error
        except OSError as error:
            raise StoreError(f"cannot write to {self.path}: {error}") from error

    def remove_graph(self, graph: str) -> None:
        self._writable()
        try:
            self._store.remove_graph(ox.NamedNode(graph))
        except OSError as error:
            raise StoreError(f"cannot remove graph {graph} from {self.path}: {error}") from error

    def load_file(self, file: Path, graph: str) -> None:
        """Load one RDF file (format from its suffix) into a named graph."""
        self._writable()
        try:
            self._store.bulk_load(path=str(file), format=ox.RdfFormat.from_extension(file.suffix[1:]),
                                  to_graph=ox.NamedNode(graph))
        except SyntaxError as error:
            raise StoreError(f"{file}: not valid RDF: {error}") from error
        except OSError as error:
            raise StoreError(f"cannot load {file}: {error}") from error

    def flush(self) -> None:
        if not self.read_only:
            self._store.flush()

    def optimize(self) -> None:
        """Compact the database. A bulk load leaves many overlapping files that every lookup has to
        consult; compacted, the same saved queries run about twice as fast."""
        self._writable()
        self._store.optimize()

    def close(self) -> None:
        """Flush and let go of the database (RocksDB locks are freed when the object dies)."""
        if self._store is not None:
            self.flush()
            self._store = None  # type: ignore[assignment]


class _ChunkReader(io.RawIOBase):
    """A readable binary stream over an iterator of byte chunks (what ``bulk_load`` reads)."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks = iter(chunks)
        self._pending = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._pending:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._pending = memoryview(chunk)
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size
