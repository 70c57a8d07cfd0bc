"""The benchmark harness behind ``make bench``: for each corpus size, build, load, query and
validate, and the same queries and validation on the naive stack, with ratios.

    SIZES=100,1k make bench        # or: python benchmarks/run.py --sizes 100,1k

Writes ``benchmarks/results/report.json`` (one key per figure, e.g. ``"1k.build_seconds"``) and
``report.md``, and prints the table. Every step runs in a child process (see ``measure.py``), so
RSS is measured per step and a naive step past its budget is stopped, recorded as a timeout.
Budgets come from the environment:
``BENCH_NAIVE_MAX_QUADS`` (larger graphs skip the naive stack, default 2,000,000),
``BENCH_NAIVE_SECONDS`` (per naive query, 60), ``BENCH_VALIDATE_SECONDS`` (our validation, 900),
``BENCH_NAIVE_VALIDATE_SECONDS`` (pySHACL's, 300), ``BENCH_EXPORT_MAX_GIB`` (the N-Quads export
the load stage is compared on; default 40 % of the free disk), ``BENCH_RUNS`` (query repetitions,
20), ``BENCH_QUERY_SECONDS`` (all runs of one query on the store, 20: a slow query is run fewer
times), ``BENCH_QUERY_TIMEOUT`` (hard limit on one query's process, 120).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import RESULTS, generate, parse_size, size_label
from benchmarks.measure import contract_queries
from benchmarks.report import over_budget, print_table, write_reports

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MEASURE = HERE / "measure.py"


def _env_number(name: str, default: float) -> float:
    return float(os.environ.get(name, default))


def _measure(*args: str, timeout: float | None = None) -> dict:
    """Run one measurement in a child process; its JSON, or {"timeout": True} past ``timeout``."""
    command = [sys.executable, str(MEASURE), *args]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {"timeout": True}
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["failed"])[-1][:300]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _change_one(corpus: Path) -> tuple[Path, bytes]:
    """Append a sentence to the first document: what an incremental rebuild has to pick up."""
    first = min(p for p in corpus.rglob("*.txt"))
    original = first.read_bytes()
    first.write_bytes(original + b"Departementet vil komme tilbake til saken.\n")
    return first, original


class _ExportFull(Exception):
    """The N-Quads export reached its size limit."""


class _LimitedFile:
    """A binary file that refuses to grow past ``limit`` bytes (what ``Store.dump`` writes to)."""

    def __init__(self, path: Path, limit: int) -> None:
        self.file, self.limit, self.written = path.open("wb"), limit, 0

    def write(self, data: bytes) -> int:
        if self.written + len(data) > self.limit:
            raise _ExportFull()
        self.written += self.file.write(data)
        return len(data)

    def flush(self) -> None:
        self.file.flush()


def _export_limit(store: Path) -> int:
    """How many bytes of N-Quads the load comparison may write: ``BENCH_EXPORT_MAX_GIB`` if set,
    else 40 % of the free disk, since the export, the raw loader's store and the build's
    store (already on disk) have to fit side by side; each of the two new ones is about as large
    as the export."""
    if "BENCH_EXPORT_MAX_GIB" in os.environ:
        return int(_env_number("BENCH_EXPORT_MAX_GIB", 0) * 2**30)
    return int(shutil.disk_usage(store.parent).free * 0.4)


def _export(store: Path, nquads: Path, limit: int) -> tuple[int, bool]:
    """Dump the store as N-Quads, cut at the last whole line under ``limit`` bytes; the bytes
    written and whether that is the whole store."""
    import pyoxigraph as ox

    target = _LimitedFile(nquads, limit)
    whole = True
    try:
        ox.Store.read_only(str(store)).dump(target, ox.RdfFormat.N_QUADS)
    except _ExportFull:
        whole = False
    finally:
        target.file.close()
    if not whole:
        with nquads.open("rb+") as file:
            file.seek(max(0, target.written - (1 << 20)))
            tail = file.read()
            file.truncate(target.written - len(tail) + tail.rfind(b"\n") + 1)
    return nquads.stat().st_size, whole


def bench_size(count: int, figures: dict, notes: list[str], *, jobs: int, keep: bool) -> None:
    label = size_label(count)
    key = lambda name: f"{label}.{name}"  # noqa: E731
    say = lambda text: print(f"[{label}] {text}", file=sys.stderr, flush=True)  # noqa: E731
    runs = str(int(_env_number("BENCH_RUNS", 20)))
    naive_budget = _env_number("BENCH_NAIVE_SECONDS", 60)
    validate_budget = _env_number("BENCH_VALIDATE_SECONDS", 900)
    naive_validate_budget = _env_number("BENCH_NAIVE_VALIDATE_SECONDS", 300)
    started = time.perf_counter()
    corpus = generate(count)
    figures[key("generate_seconds")] = round(time.perf_counter() - started, 2)
    work = RESULTS / "work" / label
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    store = work / "store"
    try:
        say("build")
        built = _measure("build", str(corpus), str(store), str(jobs))
        if "seconds" not in built:
            notes.append(f"{label}: build failed: {built}")
            return
        figures[key("documents")] = built["documents"]
        figures[key("quads")] = built["quads"]
        figures[key("build_seconds")] = built["seconds"]
        figures[key("build_docs_per_s")] = round(built["documents"] / built["seconds"], 1)
        figures[key("build_optimize_seconds")] = built.get("optimize_seconds")
        figures[key("build_rss_main_mib")] = built["rss_main_mib"]
        figures[key("build_rss_worker_mib")] = built["rss_worker_mib"]
        figures[key("build_rss_tree_mib")] = built["rss_tree_mib"]

        say("incremental rebuild")
        changed, original = _change_one(corpus)
        try:
            again = _measure("build", str(corpus), str(store), str(jobs))
        finally:
            changed.write_bytes(original)
        figures[key("incremental_seconds")] = again.get("seconds")
        figures[key("incremental_reused")] = again.get("reused")

        say("extraction")
        sample = str(min(count, 2000))
        extracted = _measure("extraction", str(corpus), sample, str(jobs))
        figures[key("extract_docs_per_s")] = extracted.get("docs_per_s")
        figures[key("extract_docs_per_s_core")] = extracted.get("docs_per_s_core")

        say("export and load")
        nquads = work / "graph.nq"
        limit = _export_limit(store)
        exported, whole = _export(store, nquads, limit)
        if not whole:
            notes.append(f"{label}: the load stage was compared on the first {exported / 2**30:.1f} GiB of "
                         f"the N-Quads export, not all of it: the whole export, its raw-loaded store and "
                         f"the build's store would not fit on the disk together (limit from "
                         f"BENCH_EXPORT_MAX_GIB or the free disk space)")
        figures[key("load_export_gib")] = round(exported / 2**30, 2)
        loaded = _measure("load", str(nquads), str(work))
        figures[key("load_raw_seconds")] = loaded.get("raw_seconds")
        figures[key("load_seconds")] = loaded.get("ours_seconds")
        if loaded.get("raw_seconds"):
            figures[key("load_ratio")] = round(loaded["ours_seconds"] / loaded["raw_seconds"], 2)

        say("queries")
        # One process per query: a query running inside Oxigraph cannot be interrupted by a signal,
        # so a hard time limit needs a process to stop.
        timed: dict = {}
        budget, limit = _env_number("BENCH_QUERY_SECONDS", 20), _env_number("BENCH_QUERY_TIMEOUT", 120)
        for name in contract_queries():
            value = _measure("queries", str(store), runs, str(budget), name, timeout=limit)
            if name in value:
                timed[name] = value[name]
                for stat in ("p50_ms", "p95_ms", "rows", "runs", "page_p50_ms", "page_p95_ms", "param",
                             "param_p50_ms", "param_p95_ms",
                             "param_rows"):
                    if stat in value[name]:
                        figures[key(f"query.{name}.{stat}")] = value[name][stat]
            else:
                figures[key(f"query.{name}.p50_ms")] = over_budget(limit)
                notes.append(f"{label}: query {name} took more than {limit:.0f} s on the store")

        say("validation")
        checked = _measure("validation", str(store), str(validate_budget), timeout=validate_budget + 120)
        figures[key("validate_seconds")] = checked.get("seconds", over_budget(validate_budget))
        figures[key("validate_violations")] = checked.get("violations")

        if not whole:
            notes.append(f"{label}: naive stack skipped (it needs the whole export)")
            return
        if built["quads"] > _env_number("BENCH_NAIVE_MAX_QUADS", 2_000_000):
            notes.append(f"{label}: naive stack skipped ({built['quads']:,} quads is over BENCH_NAIVE_MAX_QUADS; "
                         "rdflib needs about 1.5 KiB of memory and 20 µs per quad to load)")
            return
        say("naive queries (rdflib)")
        names = contract_queries()
        naive = _measure("naive", str(nquads), "3", str(naive_budget),
                         timeout=naive_budget * len(names) * 3 + 1800)
        figures[key("naive_load_seconds")] = naive.get("load_seconds")
        for name, value in naive.get("queries", {}).items():
            if "p50_ms" in value:
                figures[key(f"naive.{name}.p50_ms")] = value["p50_ms"]
            else:
                figures[key(f"naive.{name}.p50_ms")] = (over_budget(naive_budget) if value.get("timeout")
                                                        else "error")
                if value.get("error"):
                    notes.append(f"{label}: rdflib could not run {name}: {value['error']}")

        say("naive validation (pySHACL over rdflib)")
        shacl = _measure("naive-validation", str(nquads), str(naive_validate_budget),
                         timeout=naive_validate_budget + 1800)
        figures[key("naive_validate_seconds")] = shacl.get("seconds", over_budget(naive_validate_budget))
        figures[key("naive_validate_violations")] = shacl.get("violations")
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


def bench_scaling() -> dict:
    """Extraction time per MB by document size (``scaling.py``), in a child process."""
    print("[scaling] extraction time per MB, 2 KB to 2 MB documents", file=sys.stderr, flush=True)
    measured = _measure("scaling")
    return {f"scaling.{key}": value for key, value in measured.items()}


def _scaling_note(figures: dict) -> str:
    sizes = [key for key in figures if key.startswith("scaling.") and key != "scaling.ratio"]
    per_size = ", ".join(f"{key[len('scaling.'):]} {figures[key]}" for key in sizes)
    return f"{per_size}; largest/smallest {figures.get('scaling.ratio')} (target <= 1.5)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark builds, queries and validation at scale.")
    parser.add_argument("--sizes", default=os.environ.get("SIZES") or "100,1k")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--keep", action="store_true", help="keep the built stores and exports")
    parser.add_argument("--only", choices=["scaling"],
                        help="run one size-independent measurement alone (scaling: extraction time per "
                             "MB for documents from 2 KB to 2 MB)")
    args = parser.parse_args(argv)
    if args.only == "scaling":
        figures = {"machine.cores": os.cpu_count(), **bench_scaling()}
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "scaling.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        print(json.dumps(figures, indent=2))
        return 0
    try:
        counts = [parse_size(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError as error:
        parser.error(str(error))
    figures: dict = {"machine.cores": os.cpu_count(), "machine.jobs": args.jobs}
    notes: list[str] = []
    args.out.mkdir(parents=True, exist_ok=True)
    figures.update(bench_scaling())
    notes.append(f"extraction CPU seconds per MB, documents of 2 KB to 2 MB: {_scaling_note(figures)}")
    for count in counts:
        bench_size(count, figures, notes, jobs=args.jobs, keep=args.keep)
        # written after every size, so a long run interrupted later keeps what it measured
        write_reports(figures, notes, [size_label(c) for c in counts], args.out)
    print_table(figures, notes, [size_label(c) for c in counts])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
