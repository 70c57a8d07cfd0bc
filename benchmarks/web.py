"""The web app's speed on loopback, beside ``oxigraph serve-read-only`` answering the same SPARQL.

    .venv/bin/python benchmarks/web.py --store .store/healthplan-kg [--clients 16] [--seconds 10] [--workers 2]

Starts ``healthplan-kg serve`` (the real command, a child process) and an Oxigraph server on the
same store folder (both read-only), then measures:

- latency (p50, p95, sequential): entity pages (HTML) of a sample of plans, bodies and people, and
  the first page (``limit=50``) of every saved query over the API; for Oxigraph, each saved query's
  SPARQL with the same parameter values bound by ``BIND`` at the head of the query (the whole answer);
- throughput: requests per second and errors from ``--clients`` concurrent clients over a mixed
  load of those pages and API calls for ``--seconds`` (Oxigraph: the mixed SPARQL requests);
- CSV streaming: rows per second of the full CSV of the largest saved-query answer (Oxigraph:
  the same query with ``Accept: text/csv``).

The issue's targets (on the 1k store): p95 <= 150 ms, >= 200 requests/s with 0 errors, >= 50k
CSV rows/s. Writes ``benchmarks/results/web.json`` (or ``--out``) and prints a table.
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx

from healthplan_kg.queries import QueryRegistry
from healthplan_kg.store.remote import insert_bindings

HERE = Path(__file__).resolve().parent
ENTITY_SAMPLE = 20


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited: {process.stderr.read().decode()[-500:]}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not answer within {seconds} s")
        time.sleep(0.2)


def _wait_prepared(url: str, seconds: float = 600) -> float:
    """Wait until every worker says it has prepared what it prepares per build (search index, the
    answers of the saved queries without parameters): fresh connections, so each worker is asked."""
    started = time.monotonic()
    ready_in_a_row = 0
    while ready_in_a_row < 8:
        if time.monotonic() - started > seconds:
            raise RuntimeError(f"the server was not ready within {seconds} s")
        try:
            ready = httpx.get(f"{url}/api/status", timeout=10).json().get("ready")
        except httpx.HTTPError:
            ready = False
        ready_in_a_row = ready_in_a_row + 1 if ready else 0
        if not ready:
            time.sleep(0.5)
    return round(time.monotonic() - started, 1)


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {"n": len(ordered), "p50_ms": round(statistics.median(ordered) * 1000, 1),
            "p95_ms": round(p95 * 1000, 1)}


def _latency(client: httpx.Client, requests: list[tuple[str, str, dict]], repeat: int) -> tuple[dict, int]:
    """Sequential timings: the first pass ("cold": nothing cached yet) apart from the later ones;
    the slowest requests of the first pass and every failed one are named."""
    passes, errors, failed = [], 0, []
    for _ in range(repeat):
        samples = []
        for method, url, kwargs in requests:
            start = time.perf_counter()
            try:
                answer = client.request(method, url, **kwargs)
                status = answer.status_code
            except httpx.HTTPError as error:   # a timeout is an error, and its time is counted
                status = type(error).__name__
            samples.append(time.perf_counter() - start)
            if not isinstance(status, int) or status >= 400:
                errors += 1
                failed.append(f"{status} {url[:120]}")
        passes.append(samples)
    figures = {"cold": _percentiles(passes[0])}
    if len(passes) > 1:
        figures["warm"] = _percentiles([t for samples in passes[1:] for t in samples])
    slowest = sorted(zip(passes[0], requests, strict=True), key=lambda pair: -pair[0])[:5]
    figures["slowest_cold"] = [f"{seconds * 1000:.0f} ms {request[1][:120]}" for seconds, request in slowest]
    figures["failed"] = failed
    return figures, errors


def _throughput(base: str, requests: list[tuple[str, str, dict]], clients: int, seconds: float) -> dict:
    done, errors = [0] * clients, [0] * clients
    stop = time.monotonic() + seconds

    def worker(index: int) -> None:
        with httpx.Client(base_url=base, timeout=60) as client:
            i = index
            while time.monotonic() < stop:
                method, url, kwargs = requests[i % len(requests)]
                try:
                    answer = client.request(method, url, **kwargs)
                    errors[index] += answer.status_code >= 400
                except httpx.HTTPError:
                    errors[index] += 1
                done[index] += 1
                i += clients

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return {"requests": sum(done), "errors": sum(errors), "seconds": round(elapsed, 1),
            "requests_per_s": round(sum(done) / elapsed, 1)}


def _csv_rate(client: httpx.Client, method: str, url: str, **kwargs) -> dict:
    start = time.perf_counter()
    rows = 0
    with client.stream(method, url, **kwargs) as answer:
        for chunk in answer.iter_text():
            rows += chunk.count("\n")
    elapsed = time.perf_counter() - start
    return {"rows": rows - 1, "seconds": round(elapsed, 3), "rows_per_s": round((rows - 1) / elapsed)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--repeat", type=int, default=3, help="sequential passes over the latency requests")
    parser.add_argument("--cache", type=int, default=512, help="serve --cache (0: every request runs its queries)")
    parser.add_argument("--workers", type=int, default=2, help="serve --workers (processes answering requests)")
    parser.add_argument("--skip-oxigraph", action="store_true", help="measure the web app alone")
    parser.add_argument("--oxigraph-repeat", type=int, default=2,
                        help="passes over the SPARQL sent to oxigraph (each saved query's whole answer is slow)")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "web.json")
    args = parser.parse_args()

    cli = shutil.which("healthplan-kg", path=str(Path(sys.executable).parent)) or "healthplan-kg"
    oxigraph = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if args.skip_oxigraph:
        oxigraph = None
    web_port, ox_port = _free_port(), _free_port()
    web_url, ox_url = f"http://127.0.0.1:{web_port}", f"http://127.0.0.1:{ox_port}"
    processes = [subprocess.Popen([cli, "serve", "--store", str(args.store), "--port", str(web_port),
                                   "--cache", str(args.cache), "--workers", str(args.workers)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)]
    if oxigraph:
        processes.append(subprocess.Popen([oxigraph, "serve-read-only", "--location", str(args.store),
                                           "--bind", f"127.0.0.1:{ox_port}"],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
    report: dict = {"store": str(args.store), "clients": args.clients, "cache": args.cache,
                    "workers": args.workers, "command": " ".join(sys.argv)}
    try:
        _wait(f"{web_url}/api/queries", processes[0])
        report["prepared_seconds"] = _wait_prepared(web_url)
        if oxigraph:
            _wait(f"{ox_url}/query?query=ASK%7B%7D", processes[1])
        with httpx.Client(base_url=web_url, timeout=120) as client:
            registry = QueryRegistry.load()
            documents = client.get("/api/queries/documents", params={"limit": 1}).json()
            plan_rows = client.get("/api/queries/plan-overview", params={"limit": ENTITY_SAMPLE // 2}).json()
            people = client.get("/api/queries/people", params={"limit": ENTITY_SAMPLE // 4}).json()
            bodies = client.get("/api/search", params={"q": "direktorat", "limit": ENTITY_SAMPLE // 4}).json()
            entities = list(dict.fromkeys([r["plan"] for r in plan_rows] + [r["person"] for r in people]
                                          + [r["entity"] for r in bodies]))
            samples = {"plan": plan_rows[0]["plan"] if plan_rows else "", "person": people[0]["person"] if people
                       else "", "entity": entities[0] if entities else "", "q": "helse",
                       "doc": documents[0]["doc"] if documents else ""}
            required = {q.name: {p.name: samples[p.name] for p in q.parameters if p.required} for q in registry}

            entity_pages = [("GET", "/entity?" + urlencode({"iri": iri}), {}) for iri in entities]
            first_pages = [("GET", f"/api/queries/{q.name}?" + urlencode({**required[q.name], "limit": 50}), {})
                           for q in registry]
            report["entity_pages"], entity_errors = _latency(client, entity_pages, args.repeat)
            report["first_pages"], page_errors = _latency(client, first_pages, args.repeat)
            print(json.dumps(report, indent=2), flush=True)
            report["latency_errors"] = entity_errors + page_errors
            report["mixed_load"] = _throughput(web_url, entity_pages + first_pages, args.clients, args.seconds)

            totals, failed = {}, {}
            for q in registry:
                answer = client.get(f"/api/queries/{q.name}", params={**required[q.name], "limit": 0})
                if "x-total-count" in answer.headers:
                    totals[q.name] = int(answer.headers["x-total-count"])
                else:
                    failed[q.name] = f"{answer.status_code}: {answer.text[:200]}"
            report["answer_rows"], report["answer_failures"] = totals, failed
            print(json.dumps(report, indent=2), flush=True)
            largest = max(totals, key=totals.get)
            report["csv"] = {"query": largest, **_csv_rate(client, "GET", f"/api/queries/{largest}.csv",
                                                            params=required[largest])}
        if oxigraph:
            def sparql_of(name: str) -> str:
                saved = registry.get(name)
                bound = saved.bind(required[name])
                single = {k: v for k, v in bound.items() if not isinstance(v, list)}
                return insert_bindings(saved.sparql, single) if single else saved.sparql

            form = {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}
            sparql = [("POST", "/query", {"content": sparql_of(q.name).encode(), "headers": form}) for q in registry]
            with httpx.Client(base_url=ox_url, timeout=120) as client:
                report["oxigraph_queries"], report["oxigraph_errors"] = _latency(client, sparql, args.oxigraph_repeat)
                print(json.dumps(report, indent=2), flush=True)
                report["oxigraph_mixed_load"] = _throughput(ox_url, sparql, args.clients, args.seconds)
                report["oxigraph_csv"] = _csv_rate(client, "POST", "/query", content=sparql_of(largest).encode(),
                                                   headers={**form, "Accept": "text/csv"})
    finally:
        for process in processes:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
