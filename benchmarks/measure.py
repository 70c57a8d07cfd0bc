"""Measurements the harness takes, each runnable alone in a child process.

Why child processes: peak RSS must be the build's own (``getrusage`` of a fresh process and of
the workers it reaped), and the naive stack (rdflib, pySHACL) is pure Python that can only be
stopped by a signal, so each naive measurement gets its own process and its own time budget.

    python benchmarks/measure.py build CORPUS STORE JOBS      # prints one JSON object
"""

from __future__ import annotations

import json
import os
import resource
import signal
import statistics
import sys
import time
from functools import partial
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


class Timeout(BaseException):
    """A naive measurement ran past its budget.

    A ``BaseException``, like ``KeyboardInterrupt``: rdflib and pySHACL catch ``Exception`` in
    places (term casting, parsing, some constraint evaluation), and a timeout they swallow would
    let the measurement run on unbounded.
    """


def _alarm(seconds: float):
    """Raise ``Timeout`` after ``seconds``, and again every second until disarmed, so a handler
    that swallows even a ``BaseException`` (a bare ``except:``) cannot stop the measurement's end."""
    def fire(*_):
        raise Timeout()
    signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)


def _disarm() -> None:
    signal.setitimer(signal.ITIMER_REAL, 0)


def _rss_mib() -> dict[str, float]:
    """Peak RSS of this process and of the largest worker it reaped, in MiB (Linux: KiB units)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"rss_main_mib": round(own, 1), "rss_worker_mib": round(workers, 1)}


def contract_queries() -> list[str]:
    """The saved-query names the analyst contract fixes: those whose header says ``contract: true``."""
    from healthplan_kg.queries import QueryRegistry
    return QueryRegistry.load().contract_names()


def _descendants(root: int) -> list[int]:
    """Every process under ``root`` (forkserver workers are grandchildren), from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                parents[int(entry.name)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = [], [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent]
        found += children
        frontier += children
    return found


def _rss_kib(pid: int, field: str = "VmRSS") -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class _TreeRss:
    """Samples the RSS of this process and all its descendants: the peak of their sum, and the
    largest single worker's peak (``getrusage`` does not see the forkserver's children)."""

    def __init__(self) -> None:
        import threading
        self.total_kib = self.worker_kib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.wait(0.2):
            workers = _descendants(me)
            self.worker_kib = max([self.worker_kib] + [_rss_kib(p, "VmHWM") for p in workers])
            self.total_kib = max(self.total_kib, _rss_kib(me) + sum(_rss_kib(p) for p in workers))

    def __enter__(self) -> _TreeRss:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def build_once(corpus: str, store: str, jobs: str) -> dict:
    from healthplan_kg.build import build
    started = time.perf_counter()
    with _TreeRss() as tree:
        report = build([Path(corpus)], store_path=Path(store), jobs=int(jobs), progress=False, check=False)
    seconds = time.perf_counter() - started
    rss = _rss_mib()
    return {"seconds": round(seconds, 3), "documents": report.documents, "reused": report.reused,
            "quads": report.quads, "skipped": len(report.skipped),
            "optimize_seconds": round(report.optimize_seconds, 3), "rss_main_mib": rss["rss_main_mib"],
            "rss_worker_mib": round(max(tree.worker_kib / 1024, rss["rss_worker_mib"]), 1),
            "rss_tree_mib": round(max(tree.total_kib / 1024, rss["rss_main_mib"]), 1)}


def extraction(corpus: str, sample: str, jobs: str) -> dict:
    """Extraction alone (read, extract, map to N-Quads), no store: serial on one core, then over
    ``jobs`` processes, on the first ``sample`` documents."""
    from healthplan_kg.extraction_pool import extract_job, extract_stream, reference_digest
    from healthplan_kg.readers import find_documents
    paths = find_documents(Path(corpus))[: int(sample)]
    key = reference_digest()
    extract_job((paths[0], key))  # compile the gazetteer outside the timing
    started = time.perf_counter()
    serial = paths[: max(1, len(paths) // 4)]
    for path in serial:
        extract_job((path, key))
    serial_seconds = time.perf_counter() - started
    started = time.perf_counter()
    count = sum(1 for _ in extract_stream(paths, int(jobs), lambda: None))
    parallel_seconds = time.perf_counter() - started
    return {"docs_per_s_core": round(len(serial) / serial_seconds, 1),
            "docs_per_s": round(count / parallel_seconds, 1), "sample": len(paths)}


def load(nquads: str, scratch: str) -> dict:
    """The build's load path (streamed chunks into ``bulk_load_nquads``) against a raw
    ``pyoxigraph.Store.bulk_load`` of the same file, each into a fresh store."""
    import shutil

    import pyoxigraph as ox

    from healthplan_kg.store import EmbeddedStore
    root = Path(scratch)

    def chunks():
        with open(nquads, "rb") as file:
            while block := file.read(1 << 18):
                cut = block.rfind(b"\n") + 1
                rest = block[cut:]
                yield block[:cut]
                if rest:
                    file.seek(-len(rest), 1)

    shutil.rmtree(root / "raw", ignore_errors=True)
    started = time.perf_counter()
    raw = ox.Store(str(root / "raw"))
    raw.bulk_load(path=nquads, format=ox.RdfFormat.N_QUADS)
    raw.flush()
    raw_seconds = time.perf_counter() - started
    del raw
    shutil.rmtree(root / "raw", ignore_errors=True)
    shutil.rmtree(root / "ours", ignore_errors=True)
    started = time.perf_counter()
    ours = EmbeddedStore.open(root / "ours", create=True)
    ours.bulk_load_nquads(chunks())
    ours.close()
    ours_seconds = time.perf_counter() - started
    shutil.rmtree(root / "ours", ignore_errors=True)
    return {"raw_seconds": round(raw_seconds, 3), "ours_seconds": round(ours_seconds, 3)}


def queries(store: str, runs: str, budget: str = "30", only: str = "") -> dict:
    """p50/p95 milliseconds of every contract query on the embedded store: ``runs`` runs, fewer
    when they would take more than ``budget`` seconds (at least one; ``runs`` says how many).

    A query with an optional parameter is also timed the way an analyst calls it interactively:
    with one value, the one that occurs most often in its full answer (its largest answer for one
    value), under ``param_*`` keys. And every query's first page of 100 rows as the command line,
    the Python API and the web app ask for it (``SavedQuery.page``: graph by graph for a query paged
    by source graph, else cut from the whole answer), under ``page_*`` keys.
    """
    from healthplan_kg.queries import QueryRegistry
    from healthplan_kg.store import EmbeddedStore
    registry = QueryRegistry.load()
    opened = EmbeddedStore.open(store, read_only=True)
    out = {}
    for name in [only] if only else contract_queries():
        times, result = _timed(partial(registry.run, opened, name, {}), int(runs), float(budget))
        out[name] = {"p50_ms": round(statistics.median(times), 2), "p95_ms": round(_p95(times), 2),
                     "rows": len(result.rows), "runs": len(times)}
        times, _ = _timed(partial(registry.get(name).page, opened, limit=100), int(runs), float(budget))
        out[name].update({"page_p50_ms": round(statistics.median(times), 2), "page_p95_ms": round(_p95(times), 2)})
        parameter = next(iter(registry.get(name).parameters), None)
        value = _most_frequent(result, parameter.name) if parameter is not None else None
        if value is not None:
            times, answer = _timed(partial(registry.run, opened, name, {parameter.name: value}),
                                   int(runs), float(budget))
            out[name].update({"param": f"{parameter.name}={value}", "param_p50_ms": round(statistics.median(times), 2),
                              "param_p95_ms": round(_p95(times), 2), "param_rows": len(answer.rows)})
    return out


def _timed(call, runs: int, budget: float) -> tuple[list[float], object]:
    """Milliseconds of up to ``runs`` calls, fewer once ``budget`` seconds would be passed; and the
    last result."""
    times: list[float] = []
    result = None
    deadline = time.perf_counter() + budget
    while len(times) < runs and (not times or time.perf_counter() + times[-1] / 1000 < deadline):
        started = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - started) * 1000)
    return times, result


def _most_frequent(result, column: str) -> str | None:
    """The value of ``column`` that occurs in most rows (ties: the smallest), as a parameter string."""
    from collections import Counter

    if column not in result.columns:
        return None
    index = result.columns.index(column)
    counts = Counter(row[index].value for row in result.rows if row[index] is not None)
    if not counts:
        return None
    return min(counts.items(), key=lambda item: (-item[1], item[0]))[0]


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def validation(store: str, budget: str) -> dict:
    from healthplan_kg.store import EmbeddedStore
    from healthplan_kg.validate import validate
    opened = EmbeddedStore.open(store, read_only=True)
    started = time.perf_counter()
    _alarm(float(budget))
    try:
        report = validate(opened)
    except Timeout:
        return {"timeout": True}
    finally:
        _disarm()
    return {"seconds": round(time.perf_counter() - started, 3),
            "violations": report.counts.get("Violation", 0)}


def naive(nquads: str, runs: str, budget: str) -> dict:
    """The stack a user would otherwise assemble: rdflib's in-memory Dataset loaded with the same
    quads, the same saved-query text, each query time-boxed."""
    import rdflib

    from healthplan_kg.queries import QueryRegistry
    started = time.perf_counter()
    dataset = rdflib.Dataset()
    dataset.parse(nquads, format="nquads")
    out: dict = {"load_seconds": round(time.perf_counter() - started, 3), "queries": {}}
    registry = QueryRegistry.load()
    for name in contract_queries():
        sparql = registry.get(name).sparql
        times: list[float] = []
        deadline = time.perf_counter() + float(budget)
        try:
            # The budget covers all runs of one query: the first must finish inside it, later runs
            # are taken only while budget is left (a slow query is measured once, not thrice).
            while len(times) < int(runs) and (not times or time.perf_counter() + times[-1] / 1000 < deadline):
                _alarm(max(0.001, deadline - time.perf_counter()))
                started = time.perf_counter()
                len(list(dataset.query(sparql)))
                times.append((time.perf_counter() - started) * 1000)
                _disarm()
        except Timeout:
            _disarm()
            if not times:
                out["queries"][name] = {"timeout": True}
                continue
        except Exception as error:  # rdflib may not evaluate every query the store does
            _disarm()
            out["queries"][name] = {"error": f"{type(error).__name__}: {error}"[:200]}
            continue
        out["queries"][name] = {"p50_ms": round(statistics.median(times), 2), "p95_ms": round(_p95(times), 2)}
    return out


def naive_validation(nquads: str, budget: str) -> dict:
    """pySHACL over one rdflib graph holding every quad's triple, the ontology merged in."""
    import pyshacl
    import rdflib

    from healthplan_kg import resources
    dataset = rdflib.Dataset()
    dataset.parse(nquads, format="nquads")
    data = rdflib.Graph()
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        data.add((s, p, o))
    shapes = rdflib.Graph().parse(resources.shapes_file())
    started = time.perf_counter()
    _alarm(float(budget))
    try:
        _conforms, results, _text = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=True)
    except Timeout:
        return {"timeout": True}
    finally:
        _disarm()
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    violations = sum(1 for _ in results.subjects(sh.resultSeverity, sh.Violation))
    return {"seconds": round(time.perf_counter() - started, 3), "violations": violations}


def scaling() -> dict:
    """Extraction seconds per MB for documents from 2 KB to 2 MB (see ``scaling.py``)."""
    from benchmarks.scaling import from_environment
    return from_environment()


COMMANDS = {"scaling": scaling, "build": build_once, "extraction": extraction, "load": load, "queries": queries,
            "validation": validation, "naive": naive, "naive-validation": naive_validation}

if __name__ == "__main__":
    print(json.dumps(COMMANDS[sys.argv[1]](*sys.argv[2:])))
