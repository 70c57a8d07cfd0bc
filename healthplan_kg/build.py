"""Build: documents in, a validated graph in a store out.

The order of work is fixed so a build is atomic and deterministic: every document is read and
extracted first (in parallel, results put back in file-path order), and only then is anything
written. The embedded store is written to a new folder and swapped in by renaming a link (``store.layout``), so a
build that fails half-way leaves the previous store exactly as it was, a reader never finds the
path missing, and a second build into the same store is refused while one runs.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from healthplan_kg import __version__, resources
from healthplan_kg.errors import InputError, ReferenceDataError, StoreError
from healthplan_kg.extraction_pool import DocumentLimits, extract_stream
from healthplan_kg.namespaces import CONCEPTS_GRAPH, HP, ONTOLOGY_GRAPH, REFERENCE_GRAPH, source_graph_iri
from healthplan_kg.store import EmbeddedStore, RemoteStore, default_store_path
from healthplan_kg.store.layout import BuildLock, check_replaceable, clean_leftovers, new_build_folder, publish
from healthplan_kg.validate import ValidationReport, validate

#: Written inside an embedded store: what produced its source graphs, so an incremental build
#: reuses a graph only when the code and reference data that made it are unchanged.
BUILD_INFO = "healthplan-kg-build.json"


@dataclass(frozen=True)
class Skipped:
    """A file the build did not put in the graph, and why."""

    path: Path
    reason: str


@dataclass
class BuildReport:
    """What a build did: counts for the user, the validation report for the exit code."""

    target: str
    documents: int = 0
    reused: int = 0
    quads: int = 0
    graphs: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    #: Documents read with a warning (path, message), e.g. damaged bytes replaced.
    warnings: list[Skipped] = field(default_factory=list)
    validation: ValidationReport | None = None
    seconds: float = 0.0
    #: Time spent compacting the new store (0 when the build did not compact it).
    optimize_seconds: float = 0.0

    @property
    def conforms(self) -> bool:
        return self.validation is None or self.validation.conforms

    def summary(self) -> str:
        parts = [f"{self.documents} documents ({self.reused} reused)", f"{self.quads} quads",
                 f"{self.graphs} named graphs"]
        if self.skipped:
            parts.append(f"{len(self.skipped)} skipped")
        if self.warnings:
            parts.append(f"{len(self.warnings)} with warnings")
        if self.validation is not None:
            parts.append("conforms" if self.validation.conforms else
                         f"{self.validation.counts.get('Violation', 0)} violations")
        return f"built {self.target}: " + ", ".join(parts) + f" in {self.seconds:.1f}s"


# -- inputs --------------------------------------------------------------------------------------

def _collect(corpus_dirs: Sequence[Path], strict: bool) -> tuple[list[Path], list[Skipped]]:
    """Every document under the folders, and what was passed over (unsupported formats, links
    that cannot be followed); with ``strict`` the first passed-over entry is an InputError."""
    from healthplan_kg.readers import list_corpus
    documents: list[Path] = []
    skipped: list[Skipped] = []
    for folder in corpus_dirs:
        folder = Path(folder)
        if not folder.is_dir():
            raise InputError(folder, "no such corpus folder")
        listing = list_corpus(folder)
        documents.extend(listing.documents)
        passed_over = [(path, "unsupported file format") for path in listing.unsupported] + listing.unusable
        for path, reason in sorted(passed_over):
            if strict:
                raise InputError(path, reason)
            skipped.append(Skipped(Path(path), reason))
    return sorted(set(documents)), skipped


def _content_hash(path: Path) -> str:
    """The SHA-256 of the file, read in blocks; InputError naming the file when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
    except OSError as error:
        raise InputError(path, f"cannot be read ({error.strerror or error})") from None
    return digest.hexdigest()


def pipeline_fingerprint() -> str:
    """A hash of everything that shapes a source graph: the package's code and the reference data.

    Two builds with the same fingerprint extract the same text to the same quads, so a graph made
    by one can be reused by the other.
    """
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent
    files = sorted(package.rglob("*.py")) + [*sorted(resources.reference_dir().glob("*.ttl")),
                                              resources.ontology_file(), resources.schemes_file()]
    for file in files:
        if file.is_file():
            digest.update(file.name.encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


def _relabelled(quads: Iterable[ox.Quad], prefix: str, graph: str) -> Iterator[ox.Quad]:
    """Put triples in ``graph``, blank nodes named by their order in the file (so two builds write
    the same bytes; the parser would give them random names)."""
    names: dict[str, ox.BlankNode] = {}
    graph_name = ox.NamedNode(graph)

    def fix(term):
        if isinstance(term, ox.BlankNode):
            if term.value not in names:
                names[term.value] = ox.BlankNode(f"{prefix}{len(names)}")
            return names[term.value]
        return term

    for quad in quads:
        yield ox.Quad(fix(quad.subject), quad.predicate, fix(quad.object), graph_name)


def _parse_rdf(file: Path, graph: str) -> list[ox.Quad]:
    if not file.is_file():
        raise ReferenceDataError(f"missing bundled RDF file {file}")
    try:
        quads = ox.parse(path=str(file), format=ox.RdfFormat.from_extension(file.suffix[1:]))
        return list(_relabelled(quads, f"{file.stem.replace('-', '_')}_b", graph))
    except (SyntaxError, ValueError) as error:
        raise ReferenceDataError(f"{file}: not valid RDF: {error}") from error


def base_graphs() -> dict[str, list[ox.Quad]]:
    """The ontology, concept-scheme and reference graphs every build starts from.

    The concept schemes are SKOS individuals (data a shape can check, a query can read), so they
    get a graph of their own instead of sharing the ontology's, which validation reads as axioms.
    """
    from healthplan_kg.reference import reference_files
    reference = [q for f in reference_files() for q in _parse_rdf(f, REFERENCE_GRAPH)]
    return {ONTOLOGY_GRAPH: _parse_rdf(resources.ontology_file(), ONTOLOGY_GRAPH),
            CONCEPTS_GRAPH: _parse_rdf(resources.schemes_file(), CONCEPTS_GRAPH),
            REFERENCE_GRAPH: reference}


# -- incremental reuse -------------------------------------------------------------------------

def _reusable_graphs(previous: Path, fingerprint: str) -> dict[str, EmbeddedStore]:
    """Source graphs of the previous store that can be copied as they are, by graph IRI."""
    info_file = previous / BUILD_INFO
    if not info_file.is_file():
        return {}
    try:
        info = json.loads(info_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if info.get("fingerprint") != fingerprint:
        return {}
    try:
        old = EmbeddedStore.open(previous, read_only=True)
    except StoreError:
        return {}
    rows = old.query(f"SELECT ?g ?h WHERE {{ GRAPH ?g {{ ?s <{HP}contentHash> ?h }} }}")
    return {g.value: old for g, h in rows.rows
            if g is not None and h is not None and g.value == source_graph_iri(h.value)}


# -- the build ---------------------------------------------------------------------------------

def _progress(total: int, enabled: bool, on_status: Callable | None = None):
    """What a watcher sees of the extraction: a rich progress bar on stderr when a person is
    watching (a terminal), whose line names the document in progress, its stage and its seconds
    (``status.StatusBoard``, at least every second); ``on_status`` (the Python API's hook) hears
    the same statuses. Yields ``(advance, board)``: board is None when no one watches."""
    from contextlib import contextmanager

    from healthplan_kg.status import StatusBoard

    @contextmanager
    def watching():
        bar = None
        if enabled and total:
            from rich.console import Console
            console = Console(stderr=True)
            if console.is_terminal:
                from rich.progress import Progress, TimeElapsedColumn
                bar = Progress(*Progress.get_default_columns(), TimeElapsedColumn(), "{task.fields[doing]}",
                               console=console, transient=True)
        if bar is None and on_status is None:
            yield (lambda: None), None
            return
        task = bar.add_task("extracting", total=total, doing="") if bar is not None else None

        def heard(status) -> None:
            if on_status is not None:
                on_status(status)
            if bar is not None:
                oldest = max(board.snapshot(), key=lambda s: s.seconds, default=status)
                bar.update(task, doing=oldest.line())

        board = StatusBoard(heard)
        with board:
            if bar is None:
                yield (lambda: None), board
                return
            with bar:
                yield (lambda: bar.advance(task)), board

    return watching()


def build(corpus_dirs: Sequence[Path] | None = None, *, store_path: Path | str | None = None,
          endpoint: str | None = None, strict: bool = False, jobs: int | None = None,
          progress: bool = True, check: bool = True, optimize: bool = True,
          limits: DocumentLimits | None = None,
          on_status: Callable[..., None] | None = None) -> BuildReport:
    """Build the graph of ``corpus_dirs`` (default: the bundled corpus) into a store.

    Unsupported or unreadable documents are skipped and listed in the report, or with ``strict``
    raise ``InputError`` and nothing is swapped in. Validation runs on the new graph; a graph
    that fails it is still written (the report says so), because an analyst wants to look at it.
    ``check=False`` skips validation (``report.validation`` is None) for quick iterations.
    ``optimize``: compact an embedded store built from scratch, for queries about twice as fast
    (a few seconds per million quads); an incremental build copies an already compacted store.
    ``limits``: what one document may cost (size, seconds) and whether damaged UTF-8 is read with
    replacement characters; a document past a limit is skipped by name (``strict``: refused).
    Reader warnings (e.g. replaced bytes) are listed in ``report.warnings``.
    ``on_status``: called with a ``status.DocumentStatus`` (path, stage ``read``/``extract``/
    ``map``/``write``, seconds so far) when a document changes stage and at least every second
    for each document in progress, from a helper thread: a big document shows it is moving.

    Extracted documents stream into the store as workers finish them, so memory does not grow
    with the corpus; an embedded store whose source graphs can be reused is copied as a RocksDB
    checkpoint (hard links) and only the changed graphs are written into the copy.
    """
    started = time.perf_counter()
    if store_path is not None and endpoint is not None:
        raise StoreError("give either a store path or an endpoint, not both")
    dirs = [Path(d) for d in corpus_dirs] if corpus_dirs else [resources.corpus_dir()]
    documents, skipped = _collect(dirs, strict)
    target = endpoint or str(Path(store_path) if store_path is not None else default_store_path())
    report = BuildReport(target=target, skipped=skipped)
    graphs = base_graphs()
    fingerprint = pipeline_fingerprint()

    # Which documents need extracting; identical files are one source, kept once.
    target_path = None if endpoint else Path(target)
    if target_path is None:
        _build_into(report, documents, skipped, graphs, fingerprint, None, endpoint, strict, jobs,
                    progress, check, optimize, limits, on_status)
    else:
        check_replaceable(target_path, BUILD_INFO)
        target_path.parent.mkdir(parents=True, exist_ok=True)
        with BuildLock(target_path):
            clean_leftovers(target_path)
            _build_into(report, documents, skipped, graphs, fingerprint, target_path, endpoint, strict,
                        jobs, progress, check, optimize, limits, on_status)
    report.documents += report.reused
    report.skipped.sort(key=lambda s: str(s.path))
    report.seconds = time.perf_counter() - started
    return report


def _build_into(report: BuildReport, documents: list[Path], skipped: list[Skipped],
                graphs: dict[str, list[ox.Quad]], fingerprint: str, target_path: Path | None,
                endpoint: str | None, strict: bool, jobs: int | None, progress: bool, check: bool,
                optimize: bool, limits: DocumentLimits | None, on_status: Callable | None = None) -> None:
    """Extract what needs extracting and write it (for an embedded store: with its lock held)."""
    reusable = _reusable_graphs(target_path, fingerprint) if target_path and target_path.is_dir() else {}
    by_graph: dict[str, Path] = {}
    to_extract: list[Path] = []
    for path in documents:
        try:
            graph = source_graph_iri(_content_hash(path))
        except InputError as error:
            if strict:
                raise
            skipped.append(Skipped(path, error.problem))
            continue
        if graph in by_graph:
            skipped.append(Skipped(path, f"same content as {by_graph[graph].name}"))
            continue
        by_graph[graph] = path
        if graph not in reusable:
            to_extract.append(path)
    report.reused = len(by_graph) - len(to_extract)

    def extracted(advance: Callable[[], None], board) -> Iterator[bytes]:
        """The N-Quads of each extracted document, in path order; failures skipped or raised."""
        for path, status, payload in extract_stream(
                to_extract, jobs or os.cpu_count() or 1, advance, limits,
                warn=lambda path, message: report.warnings.append(Skipped(path, message)), board=board):
            if status == "ok":
                report.documents += 1
                if board is not None:
                    board.writing(path)
                yield payload  # type: ignore[misc]
                if board is not None:
                    board.done(path)   # the store has taken it and asks for the next
            elif strict:
                raise InputError(path, str(payload))
            else:
                skipped.append(Skipped(path, str(payload)))

    with _progress(len(to_extract), progress, on_status) as (advance, board):
        if endpoint:
            _write_remote(RemoteStore.from_endpoint(endpoint), graphs, extracted(advance, board), report, check)
        else:
            previous = next(iter(reusable.values()), None)
            try:
                _write_embedded(target_path, graphs, extracted(advance, board), report, fingerprint,
                                previous, set(by_graph), check, optimize)
            finally:
                if previous is not None:
                    previous.close()


def _write_remote(store: RemoteStore, graphs: dict[str, list[ox.Quad]], sources: Iterable[bytes],
                  report: BuildReport, check: bool) -> None:
    """Replace every graph on the server and drop source graphs the corpus no longer has."""
    written = set()

    def parsed() -> Iterator[tuple[str, list[ox.Quad]]]:
        yield from graphs.items()
        for payload in sources:
            quads = list(ox.parse(payload, format=ox.RdfFormat.N_QUADS))
            if quads:
                yield quads[0].graph_name.value, quads

    for graph, quads in parsed():
        store.replace_graph(graph, quads)
        written.add(graph)
        report.quads += len(quads)
    stale = [g for g in store.named_graphs() if g not in written and g.startswith(source_graph_iri(""))]
    store.drop_graphs(stale)
    report.graphs = len(written)
    report.validation = validate(store) if check else None


def _counted(sources: Iterable[bytes], report: BuildReport) -> Iterator[bytes]:
    """Pass N-Quads through, counting quads (one per line) and graphs (one per document)."""
    for payload in sources:
        report.quads += payload.count(b"\n")
        report.graphs += 1
        yield payload


def _write_embedded(target: Path, graphs: dict[str, list[ox.Quad]], sources: Iterable[bytes],
                    report: BuildReport, fingerprint: str, previous: EmbeddedStore | None,
                    wanted: set[str], check: bool, optimize: bool = True) -> None:
    """Write a new store beside ``target`` and swap it in only once everything has succeeded.

    From scratch: the base graphs, then every source graph in one streamed bulk load. With a
    ``previous`` store of the same fingerprint: a checkpoint of it, minus the source graphs not
    ``wanted`` any more, plus the new ones.
    """
    check_replaceable(target, BUILD_INFO)
    temp = new_build_folder(target)
    store = None
    try:
        if previous is not None:
            temp.rmdir()
            previous.oxigraph.backup(str(temp))
            store = EmbeddedStore.open(temp)
            _drop_unwanted(store, wanted, report, _previous_quads(previous))
        else:
            store = EmbeddedStore.open(temp, create=True)
            for quads in graphs.values():
                store.bulk_add(quads)
                report.quads += len(quads)
                report.graphs += 1
        store.bulk_load_nquads(_counted(sources, report))
        store.flush()
        if optimize and previous is None:
            started = time.perf_counter()
            store.optimize()
            report.optimize_seconds = time.perf_counter() - started
        report.validation = validate(store) if check else None
        store.close()
        (temp / BUILD_INFO).write_text(json.dumps({"fingerprint": fingerprint, "version": __version__,
                                                   "quads": report.quads}, indent=2), encoding="utf-8")
        if previous is not None:
            previous.close()
        publish(temp, target)
    except BaseException:
        if store is not None:
            store.close()  # release RocksDB first, or its threads may write into the folder again
        shutil.rmtree(temp, ignore_errors=True)
        raise


def _previous_quads(previous: EmbeddedStore) -> int | None:
    """The quad count the previous build wrote down (counting a large store takes seconds)."""
    try:
        return int(json.loads((Path(previous.path) / BUILD_INFO).read_text(encoding="utf-8"))["quads"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _drop_unwanted(store: EmbeddedStore, wanted: set[str], report: BuildReport, quads: int | None) -> None:
    """Remove the copied source graphs the corpus no longer has; count what stays."""
    prefix = source_graph_iri("")
    kept = [g for g in store.named_graphs() if not g.startswith(prefix) or g in wanted]
    for graph in store.named_graphs():
        if graph.startswith(prefix) and graph not in wanted:
            if quads is not None:
                quads -= sum(1 for _ in store.quads(graph))
            store.remove_graph(graph)
    report.graphs += len(kept)
    report.quads += quads if quads is not None else len(store)
