"""Extraction over worker processes: documents in, each one's N-Quads out, in input order.

Kept apart from the build so the work of one document (what a worker process runs) and the
scheduling of many (a bounded window of chunks over a process pool, results put back in path
order) can be read, tested and benchmarked on their own, without a store.
"""

from __future__ import annotations

import hashlib
import sys
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from pathlib import Path

from healthplan_kg.errors import HealthplanError, InputError

#: Below this many documents to extract, worker processes cost more than they save.
_MIN_PARALLEL = 6
#: At most this many documents per task sent to a worker, and this many tasks in flight per worker:
#: enough to keep workers busy, few enough that results waiting to be written stay small.
_CHUNK = 16
_WINDOW = 4

_EXTRACTORS: dict[str, object] = {}


def reference_digest() -> str:
    """A hash of the reference data the gazetteer is compiled from."""
    from healthplan_kg.reference import reference_files
    digest = hashlib.sha256()
    for file in reference_files():
        digest.update(file.name.encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


def extractor(key: str | None = None):
    """The extractor, compiled once per process and reference data (compiling the gazetteer is the
    expensive part); a long-lived process sees edits to the reference data on its next build."""
    key = key or reference_digest()
    if key not in _EXTRACTORS:
        from healthplan_kg.extract import Extractor
        from healthplan_kg.reference import gazetteer_entries, reference_files
        _EXTRACTORS.clear()
        _EXTRACTORS[key] = Extractor(gazetteer_entries(reference_files()))
    return _EXTRACTORS[key]


def extract_job(job: tuple[Path, str]) -> tuple[str, bytes | str]:
    """Picklable wrapper: ("ok", N-Quads bytes) or ("error", reason); never raises.

    The N-Quads are written as text (``to_nquads``: the bytes ``to_quads`` + ``pyoxigraph.serialize``
    would give, without making a term object). Mapping writes no blank nodes (every node has an
    IRI from the content hash), so graphs streamed into one bulk load can never share one.
    """
    path, key = job
    try:
        from healthplan_kg.mapping import to_nquads
        from healthplan_kg.readers import read_document
        return "ok", to_nquads(extractor(key).extract(read_document(path)))
    except InputError as error:
        return "error", error.problem
    except HealthplanError as error:
        return "error", str(error)
    except Exception as error:  # a bug in one document's extraction must not lose the others
        return "error", f"extraction failed ({type(error).__name__}: {error})"


def _extract_chunk(jobs: list[tuple[Path, str]]) -> list[tuple[str, bytes | str]]:
    """Several documents per task: one round trip to a worker per chunk, not per document."""
    return [extract_job(job) for job in jobs]


def _chunks(paths: list[Path], key: str, size: int) -> Iterator[list[tuple[Path, str]]]:
    for start in range(0, len(paths), size):
        yield [(path, key) for path in paths[start:start + size]]


def extract_stream(paths: list[Path], jobs: int,
                    advance: Callable[[], None]) -> Iterator[tuple[Path, str, bytes | str]]:
    """Extract every path; (path, status, payload) in the order of ``paths``, whatever order
    workers finish in.

    A generator with a bounded window of chunks in flight, so the extracted N-Quads of a large
    corpus stream through to the store instead of piling up in memory (``Executor.map`` would
    submit every document at once and keep every finished result until it is consumed).
    """
    key = reference_digest()
    if jobs <= 1 or len(paths) < _MIN_PARALLEL:
        for path in paths:
            status, payload = extract_job((path, key))
            advance()
            yield path, status, payload
        return
    workers = min(jobs, len(paths))
    size = max(1, min(_CHUNK, len(paths) // (workers * 4)))
    context = get_context("forkserver") if sys.platform != "win32" else get_context("spawn")
    done = 0
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            chunks = _chunks(paths, key, size)
            window: deque = deque()
            for chunk in chunks:
                window.append(pool.submit(_extract_chunk, chunk))
                if len(window) >= workers * _WINDOW:
                    break
            while window:
                results = window.popleft().result()
                next_chunk = next(chunks, None)
                if next_chunk is not None:
                    window.append(pool.submit(_extract_chunk, next_chunk))
                for status, payload in results:
                    advance()
                    yield paths[done], status, payload
                    done += 1
    except BrokenProcessPool:
        # A worker died (out of memory, a crash in a C extension): finish the rest in this process,
        # where a failing document is at least reported by name.
        for path in paths[done:]:
            status, payload = extract_job((path, key))
            advance()
            yield path, status, payload
