"""Sharded builds: a corpus cut into N shard files on any number of machines, then loaded as one graph.

A document belongs to shard ``sha256(content) mod N`` (1-based: shard I holds the documents whose
hash leaves I-1), so the split needs no coordination: every machine lists the same corpus and
keeps its own part, identical files fall into one shard (and are kept once there), and the same
corpus always gives the same shards. Shard 1 also carries the ontology, concept-scheme and
reference graphs, so the union of shards 1..N is exactly the graph one ``build`` writes.

A shard file is N-Quads with three kinds of comment line, which every N-Quads parser skips::

    # healthplan-kg shard I/N version=V fingerprint=F      first line: which shard, made by what
    # graph <IRI>                                          before each named graph's quads
    # healthplan-kg shard end documents=D graphs=G quads=Q last line: the shard is complete

``load_shards`` refuses files that are not shards, incomplete ones (an extract that was killed
leaves no end line), a set with a shard missing or twice, and shards made by different code or
reference data (their graphs would not fit together); then it bulk-loads them into the embedded
store with the build's lock and atomic swap (``store.layout``), or replaces their graphs one by
one on a SPARQL endpoint, and validates as ``build`` does.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from healthplan_kg import __version__, resources
from healthplan_kg.errors import InputError, ParameterError, StoreError

_HEADER = re.compile(rb"^# healthplan-kg shard (\d+)/(\d+) version=(\S+) fingerprint=([0-9a-f]+)\s*$")
_END = re.compile(rb"^# healthplan-kg shard end documents=(\d+) graphs=(\d+) quads=(\d+)\s*$")
_GRAPH_LINE = b"# graph <"
#: Bytes read from a shard file at a time when loading (whole lines).
_READ_BLOCK = 1 << 20


@dataclass(frozen=True)
class ShardSpec:
    """Shard ``index`` of ``count`` (1-based), as the user writes it: ``I/N``.

    >>> ShardSpec.parse("2/3").holds("00" * 31 + "04")   # 4 mod 3 == 1: the second shard
    True
    >>> ShardSpec.parse("4/3")
    Traceback (most recent call last):
    healthplan_kg.errors.ParameterError: --shard '4/3': the shard number must be between 1 and 3
    """

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> ShardSpec:
        from healthplan_kg.messages import shown
        match = re.fullmatch(r"\s*(\d{1,9})\s*/\s*(\d{1,9})\s*", text or "")
        if not match:
            raise ParameterError(f"--shard {shown(text)}: write it as I/N, e.g. 1/4 (shard I of N)")
        index, count = int(match[1]), int(match[2])
        if count < 1:
            raise ParameterError(f"--shard {shown(text)}: the number of shards must be at least 1")
        if not 1 <= index <= count:
            raise ParameterError(f"--shard {shown(text)}: the shard number must be between 1 and {count}")
        return cls(index, count)

    def holds(self, content_hash: str) -> bool:
        """Whether the document with this SHA-256 (hex) belongs to this shard."""
        return int(content_hash, 16) % self.count == self.index - 1

    @property
    def carries_base(self) -> bool:
        """Shard 1 carries the ontology, concept-scheme and reference graphs."""
        return self.index == 1

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


@dataclass
class ShardReport:
    """What one ``extract --shard`` wrote."""

    shard: ShardSpec
    documents: int = 0
    graphs: int = 0
    quads: int = 0
    #: Documents of other shards (not read beyond their hash).
    elsewhere: int = 0
    skipped: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{self.documents} documents", f"{self.graphs} named graphs", f"{self.quads} quads"]
        if self.skipped:
            parts.append(f"{len(self.skipped)} skipped")
        if self.warnings:
            parts.append(f"{len(self.warnings)} with warnings")
        return f"shard {self.shard}: " + ", ".join(parts) + f" ({self.elsewhere} documents in other shards)"


def _graph_block(graph: str, payload: bytes) -> bytes:
    return _GRAPH_LINE + graph.encode() + b">\n" + payload


def write_shard(corpus_dirs: Sequence[Path] | None, shard: ShardSpec, output: BinaryIO, *,
                strict: bool = False, jobs: int | None = None, limits=None, progress: bool = False,
                on_status: Callable | None = None) -> ShardReport:
    """Extract the documents of ``shard`` under ``corpus_dirs`` (default: the bundled corpus) and
    write them to ``output`` as a shard file (module docstring). Skipped and warned documents are
    listed in the report as in ``build`` (``strict``: the first one is an ``InputError``).
    ``progress`` and ``on_status`` show and report each document's stage as ``build`` does."""
    from healthplan_kg.build import Skipped, _collect, _content_hash, _progress, base_graphs, pipeline_fingerprint
    from healthplan_kg.extraction_pool import extract_stream
    from healthplan_kg.namespaces import source_graph_iri

    dirs = [Path(d) for d in corpus_dirs] if corpus_dirs else [resources.corpus_dir()]
    documents, skipped = _collect(dirs, strict)
    report = ShardReport(shard, skipped=skipped)
    by_graph: dict[str, Path] = {}
    for path in documents:
        try:
            content_hash = _content_hash(path)
        except InputError as error:
            if strict:
                raise
            skipped.append(Skipped(path, error.problem))
            continue
        if not shard.holds(content_hash):
            report.elsewhere += 1
            continue
        graph = source_graph_iri(content_hash)
        if graph in by_graph:
            skipped.append(Skipped(path, f"same content as {by_graph[graph].name}"))
            continue
        by_graph[graph] = path
    output.write(f"# healthplan-kg shard {shard} version={__version__} "
                 f"fingerprint={pipeline_fingerprint()}\n".encode())
    if shard.carries_base:
        for graph, quads in base_graphs().items():
            output.write(_graph_block(graph, ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""))
            report.graphs += 1
            report.quads += len(quads)
    graph_of = {path: graph for graph, path in by_graph.items()}
    with _progress(len(by_graph), progress, on_status) as (advance, board):
        for path, status, payload in extract_stream(
                list(by_graph.values()), jobs or os.cpu_count() or 1, advance, limits,
                warn=lambda path, message: report.warnings.append(Skipped(path, message)), board=board):
            if status != "ok":
                if strict:
                    raise InputError(path, str(payload))
                skipped.append(Skipped(path, str(payload)))
                continue
            if board is not None:
                board.writing(path)
            output.write(_graph_block(graph_of[path], payload))  # type: ignore[arg-type]
            if board is not None:
                board.done(path)
            report.documents += 1
            report.graphs += 1
            report.quads += payload.count(b"\n")  # type: ignore[union-attr]
    output.write(f"# healthplan-kg shard end documents={report.documents} graphs={report.graphs} "
                 f"quads={report.quads}\n".encode())
    report.skipped.sort(key=lambda s: str(s.path))
    return report


def write_shard_file(corpus_dirs: Sequence[Path] | None, shard: ShardSpec, path: Path, **options) -> ShardReport:
    """``write_shard`` into ``path``, which appears only once complete (written beside it, then
    renamed), so a killed extract never leaves a shard file that looks finished."""
    path = Path(path)
    temp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with temp.open("wb") as stream:
            report = write_shard(corpus_dirs, shard, stream, **options)
        os.replace(temp, path)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise InputError(path, f"cannot be written ({error.strerror or error})") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return report


# -- loading -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ShardFile:
    """A shard file checked before loading: which shard it is, what made it, what it holds."""

    path: Path
    shard: ShardSpec
    fingerprint: str
    documents: int
    graphs: int
    quads: int

    @classmethod
    def check(cls, path: Path) -> ShardFile:
        """Read the first and last lines; ``InputError`` naming the file if it is not a complete shard."""
        path = Path(path)
        try:
            with path.open("rb") as stream:
                first = stream.readline(4096)
                size = stream.seek(0, io.SEEK_END)
                stream.seek(max(0, size - 4096))
                last = stream.read().rstrip(b"\n").rpartition(b"\n")[2]
        except IsADirectoryError:
            raise InputError(path, "is a folder, not a shard file") from None
        except OSError as error:
            raise InputError(path, f"cannot be read ({error.strerror or error})") from None
        header = _HEADER.match(first)
        if not header:
            raise InputError(path, "not a healthplan-kg shard (no '# healthplan-kg shard I/N' first line); "
                                   "make shards with `healthplan-kg extract --shard I/N --format nq`")
        end = _END.match(last)
        if not end:
            raise InputError(path, "incomplete shard (no end line): the extract that wrote it did not finish")
        index, count = int(header[1]), int(header[2])
        if not 1 <= index <= count:
            raise InputError(path, f"names shard {index}/{count}, which cannot exist")
        return cls(path, ShardSpec(index, count), header[4].decode(), int(end[1]), int(end[2]), int(end[3]))


def check_shard_set(paths: Sequence[Path]) -> list[ShardFile]:
    """Every file a complete shard, of one shard count, each shard exactly once, one fingerprint."""
    if not paths:
        raise ParameterError("no shard files given")
    shards = [ShardFile.check(Path(p)) for p in paths]
    counts = sorted({s.shard.count for s in shards})
    if len(counts) > 1:
        raise InputError(shards[0].path, f"shards of different splits given together (of {counts[0]} and "
                                         f"of {counts[1]}); load the shards of one split")
    seen: dict[int, ShardFile] = {}
    for shard in shards:
        if shard.shard.index in seen:
            raise InputError(shard.path, f"shard {shard.shard} is also in {seen[shard.shard.index].path}")
        seen[shard.shard.index] = shard
    missing = [f"{i}/{counts[0]}" for i in range(1, counts[0] + 1) if i not in seen]
    if missing:
        raise InputError(shards[0].path, f"the split has {counts[0]} shards; missing: {', '.join(missing[:10])}"
                                         + (" …" if len(missing) > 10 else ""))
    first = shards[0]
    for shard in shards[1:]:
        if shard.fingerprint != first.fingerprint:
            raise InputError(shard.path, f"made by other code or reference data than {first.path} "
                                         f"(fingerprint {shard.fingerprint[:12]} against {first.fingerprint[:12]}); "
                                         f"extract every shard with one version")
    return sorted(shards, key=lambda s: s.shard.index)


def _head(path: Path) -> tuple[bytes, int]:
    """The lines before the file's first source graph (shard 1's ontology, concept and reference
    graphs; nothing in the others) and the offset where the source graphs begin.

    The head is parsed by a parser that keeps blank-node labels (the ontology's OWL lists have
    blank nodes, labelled deterministically by ``build.base_graphs``); Oxigraph's bulk loader
    renames blank nodes at random, which would make two loads differ. Source graphs have none.
    """
    from healthplan_kg.namespaces import source_graph_iri
    marker = _GRAPH_LINE + source_graph_iri("").encode()
    head: list[bytes] = []
    with path.open("rb") as stream:
        while True:
            offset = stream.tell()
            line = stream.readline()
            if not line or line.startswith(marker):
                return b"".join(head), offset
            head.append(line)


def _lines(path: Path, offset: int = 0) -> Iterator[bytes]:
    """The file's bytes from ``offset`` on, in blocks of whole lines."""
    with path.open("rb") as stream:
        stream.seek(offset)
        while True:
            block = stream.readlines(_READ_BLOCK)
            if not block:
                return
            yield b"".join(block)


def _graph_payloads(path: Path) -> Iterator[bytes]:
    """The file's N-Quads one named graph at a time (split at its ``# graph`` lines)."""
    current: list[bytes] = []
    with path.open("rb") as stream:
        for line in stream:
            if line.startswith(_GRAPH_LINE):
                if current:
                    yield b"".join(current)
                current = []
            elif not line.startswith(b"#"):
                current.append(line)
    if current:
        yield b"".join(current)


def load_shards(paths: Sequence[Path], *, store_path: Path | str | None = None, endpoint: str | None = None,
                check: bool = True, optimize: bool = True):
    """Load a complete set of shard files into a store, replacing what it held, and validate.

    Embedded: bulk-loaded into a new store folder that is swapped in only when everything has
    succeeded, under the build's lock (a build or load running into the same store is refused).
    Endpoint: each graph replaced by the Graph Store Protocol (or SPARQL Update), source graphs
    the shards do not have dropped, as a build does. Returns a ``BuildReport``.
    """
    from healthplan_kg.build import BUILD_INFO, BuildReport, _write_remote
    from healthplan_kg.store import RemoteStore, default_store_path
    from healthplan_kg.validate import validate

    started = time.perf_counter()
    if store_path is not None and endpoint is not None:
        raise StoreError("give either a store path or an endpoint, not both")
    shards = check_shard_set(paths)
    target = endpoint or str(Path(store_path) if store_path is not None else default_store_path())
    report = BuildReport(target=target, documents=sum(s.documents for s in shards))
    if endpoint:
        def payloads() -> Iterator[bytes]:
            for shard in shards:
                yield from _graph_payloads(shard.path)
        _write_remote(RemoteStore.from_endpoint(endpoint), {}, payloads(), report, check)
    else:
        report.graphs = sum(s.graphs for s in shards)
        report.quads = sum(s.quads for s in shards)
        info = {"fingerprint": shards[0].fingerprint, "version": __version__, "quads": report.quads}
        _load_embedded(Path(target), shards, report, info, BUILD_INFO, check, optimize, validate)
    report.seconds = time.perf_counter() - started
    return report


def _load_embedded(target: Path, shards: list[ShardFile], report, info: dict, info_name: str,
                   check: bool, optimize: bool, validate) -> None:
    """Bulk-load into a new version of ``target`` and publish it (``store.layout``), lock held."""
    from healthplan_kg.store import EmbeddedStore
    from healthplan_kg.store.layout import BuildLock, check_replaceable, clean_leftovers, new_build_folder, publish

    check_replaceable(target, info_name)
    target.parent.mkdir(parents=True, exist_ok=True)
    with BuildLock(target):
        clean_leftovers(target)
        temp = new_build_folder(target)
        store = None
        try:
            store = EmbeddedStore.open(temp, create=True)
            for shard in shards:   # one loader per file, so a parse error names its file
                try:
                    head, offset = _head(shard.path)
                    if head.strip():
                        store.bulk_add(ox.parse(head, format=ox.RdfFormat.N_QUADS))
                    store.bulk_load_nquads(_lines(shard.path, offset))
                except SyntaxError as error:
                    raise InputError(shard.path, f"not valid N-Quads: {error}") from None
                except StoreError as error:
                    raise InputError(shard.path, str(error)) from None
                except OSError as error:
                    raise InputError(shard.path, f"cannot be read ({error.strerror or error})") from None
            store.flush()
            if optimize:
                started = time.perf_counter()
                store.optimize()
                report.optimize_seconds = time.perf_counter() - started
            report.validation = validate(store) if check else None
            store.close()
            (temp / info_name).write_text(json.dumps(info, indent=2), encoding="utf-8")
            publish(temp, target)
        except BaseException:
            if store is not None:
                store.close()
            shutil.rmtree(temp, ignore_errors=True)
            raise


__all__ = ["ShardFile", "ShardReport", "ShardSpec", "check_shard_set", "load_shards",
           "write_shard", "write_shard_file"]
