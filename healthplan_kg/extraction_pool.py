"""Extraction over worker processes: documents in, each one's N-Quads out, in input order.

Kept apart from the build so the work of one document (what a worker process runs) and the
scheduling of many (a bounded window of chunks over a process pool, results put back in path
order) can be read, tested and benchmarked on their own, without a store.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

from healthplan_kg.errors import HealthplanError, InputError
from healthplan_kg.readers.base import ReadOptions

#: Below this many documents to extract, worker processes cost more than they save.
_MIN_PARALLEL = 6
#: At most this many documents per task sent to a worker, and this many tasks in flight per worker:
#: enough to keep workers busy, few enough that results waiting to be written stay small.
_CHUNK = 16
_WINDOW = 4

_EXTRACTORS: dict[str, object] = {}
#: Where a document's stage changes go (``status.StatusBoard.worker_said``, directly or over a
#: queue from a worker process); None when no one is watching, which costs nothing.
_STAGE_SINK: Callable[[str, str], None] | None = None


def _stage(path: Path, stage: str) -> None:
    if _STAGE_SINK is not None:
        _STAGE_SINK(str(path), stage)


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


@dataclass(frozen=True)
class DocumentLimits:
    """What one document may cost, as the user set it: what a reader may accept
    (``ReadOptions``: replacement characters, a size limit) and the seconds its reading and
    extraction may take (None: no limit). A document past a limit is reported by name."""

    read: ReadOptions = field(default_factory=ReadOptions)
    max_seconds: float | None = None


class _TimeLimit(BaseException):
    """Raised inside a document's work when its time limit has passed (a BaseException, so no
    broad ``except Exception`` in a reader or a library can swallow it)."""


#: After the limit, the alarm fires again this often until disarmed (see ``_time_limit``).
_REPEAT_SECONDS = 0.05
_PACKAGE_DIR = str(Path(__file__).resolve().parent)


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Interrupt the work inside after ``seconds`` (a SIGALRM timer: POSIX, main thread only,
    where extraction always runs in a worker or a command-line build; elsewhere no limit).

    The alarm interrupts whatever Python frame runs at that moment; raised inside a library's
    finaliser (``__del__``, a weakref callback, an unraisable-exception hook) it would be printed
    and dropped. So it raises only in this package's own code, and fires again every
    ``_REPEAT_SECONDS`` until it lands there: a document stuck in a library call is stopped as
    soon as that call returns."""
    usable = (seconds is not None and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return
    armed = [True]

    def expire(signum, frame):
        if armed[0] and frame is not None and frame.f_code.co_filename.startswith(_PACKAGE_DIR):
            raise _TimeLimit()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds, _REPEAT_SECONDS)
    try:
        yield
    finally:
        while True:   # the alarm may fire during the disarming itself: disarm until it held
            try:
                armed[0] = False
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
                break
            except _TimeLimit:
                continue


def extract_job_reported(job: tuple) -> tuple[str, bytes | str, list[str]]:
    """("ok", N-Quads bytes, warnings) or ("error", reason, []); never raises.

    ``job`` is ``(path, reference key)`` or ``(path, reference key, DocumentLimits)``.
    The N-Quads are written as text (``to_nquads``: the bytes ``to_quads`` + ``pyoxigraph.serialize``
    would give, without making a term object). Mapping writes no blank nodes (every node has an
    IRI from the content hash), so graphs streamed into one bulk load can never share one.
    """
    path, key = job[0], job[1]
    limits: DocumentLimits = job[2] if len(job) > 2 else DocumentLimits()
    try:
        from healthplan_kg.mapping import to_nquads
        from healthplan_kg.readers import read_document
        compiled = extractor(key)   # compiling the gazetteer is not the document's time
        with _time_limit(limits.max_seconds):
            _stage(path, "read")
            source = read_document(path, limits.read)
            _stage(path, "extract")
            extraction = compiled.extract(source)
            _stage(path, "map")
            nquads = to_nquads(extraction)
        return "ok", nquads, list(source.warnings)
    except _TimeLimit:
        return "error", f"took longer than the time limit of {limits.max_seconds:g} s", []
    except InputError as error:
        return "error", error.problem, []
    except HealthplanError as error:
        return "error", str(error), []
    except Exception as error:  # a bug in one document's extraction must not lose the others
        return "error", f"extraction failed ({type(error).__name__}: {error})", []
    finally:
        _stage(path, "done")


def extract_job(job: tuple) -> tuple[str, bytes | str]:
    """Picklable wrapper: ("ok", N-Quads bytes) or ("error", reason); never raises (see
    ``extract_job_reported``, which also gives the reader's warnings)."""
    status, payload, _ = extract_job_reported(job)
    return status, payload


def _extract_chunk(jobs: list[tuple]) -> list[tuple[str, bytes | str, list[str]]]:
    """Several documents per task: one round trip to a worker per chunk, not per document."""
    return [extract_job_reported(job) for job in jobs]


def _die_with_parent() -> None:
    """Worker initialiser: ask Linux to kill this worker when the process that started it dies,
    so a build killed with ``kill -9`` leaves no worker behind (elsewhere a no-op; workers then
    end when they find their task queue closed)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)   # PR_SET_PDEATHSIG
        if os.getppid() == 1:          # the parent died before the call: go now
            os._exit(1)
    except (OSError, AttributeError):
        pass


def _init_worker(stages=None) -> None:
    """Worker initialiser: die with the parent; send stage changes to ``stages`` (a queue) if given."""
    global _STAGE_SINK
    _die_with_parent()
    if stages is not None:
        _STAGE_SINK = lambda path, stage: stages.put((path, stage))  # noqa: E731


@contextmanager
def _stages_to(board, context) -> Iterator[object]:
    """Stage changes of this process and of workers (over the queue yielded) to ``board``."""
    global _STAGE_SINK
    if board is None:
        yield None
        return
    queue = context.Queue()
    stop = threading.Event()

    def relay() -> None:
        import queue as queue_module
        while not stop.is_set() or not queue.empty():
            try:
                path, stage = queue.get(timeout=0.1)
            except (queue_module.Empty, EOFError, OSError):
                continue
            board.worker_said(path, stage)

    thread = threading.Thread(target=relay, name="healthplan-kg-stages", daemon=True)
    thread.start()
    previous, _STAGE_SINK = _STAGE_SINK, board.worker_said
    try:
        yield queue
    finally:
        _STAGE_SINK = previous
        stop.set()
        thread.join(timeout=5)
        queue.close()


def _chunks(paths: list[Path], key: str, size: int, limits: DocumentLimits) -> Iterator[list[tuple]]:
    for start in range(0, len(paths), size):
        yield [(path, key, limits) for path in paths[start:start + size]]


def extract_stream(paths: list[Path], jobs: int, advance: Callable[[], None],
                   limits: DocumentLimits | None = None,
                   warn: Callable[[Path, str], None] | None = None,
                   board=None) -> Iterator[tuple[Path, str, bytes | str]]:
    """Extract every path; (path, status, payload) in the order of ``paths``, whatever order
    workers finish in.

    A generator with a bounded window of chunks in flight, so the extracted N-Quads of a large
    corpus stream through to the store instead of piling up in memory (``Executor.map`` would
    submit every document at once and keep every finished result until it is consumed).
    ``limits`` apply to every document; ``warn(path, message)`` hears each reader warning;
    ``board`` (a ``status.StatusBoard``) hears each document's stages, from whichever process.
    """
    key = reference_digest()
    limits = limits or DocumentLimits()

    def reported(path: Path, result: tuple[str, bytes | str, list[str]]) -> tuple[Path, str, bytes | str]:
        status, payload, warnings = result
        for warning in warnings:
            if warn is not None:
                warn(path, warning)
        advance()
        return path, status, payload

    context = get_context("forkserver") if sys.platform != "win32" else get_context("spawn")
    if jobs <= 1 or len(paths) < _MIN_PARALLEL:
        with _stages_to(board, context):
            for path in paths:
                yield reported(path, extract_job_reported((path, key, limits)))
        return
    workers = min(jobs, len(paths))
    size = max(1, min(_CHUNK, len(paths) // (workers * 4)))
    done = 0
    stages = _stages_to(board, context)
    try:
        with stages as queue, ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                                  initializer=_init_worker, initargs=(queue,)) as pool:
            chunks = _chunks(paths, key, size, limits)
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
                for result in results:
                    yield reported(paths[done], result)
                    done += 1
    except BrokenProcessPool:
        # A worker died (out of memory, a crash in a C extension): finish the rest in this process,
        # where a failing document is at least reported by name.
        with _stages_to(board, context):
            for path in paths[done:]:
                yield reported(path, extract_job_reported((path, key, limits)))
