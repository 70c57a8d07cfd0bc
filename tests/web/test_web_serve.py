"""``healthplan-kg serve`` as an operator runs it, and the app over a SPARQL server instead of the
embedded store (the same answers either way)."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from .served import ServedApp, free_port

pytestmark = pytest.mark.slow

CLI = str(Path(sys.executable).parent / "healthplan-kg")


def _wait(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(url, timeout=2)
            return
        except httpx.HTTPError:
            assert process.poll() is None, process.stderr.read().decode()
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)


def test_serve_answers_on_the_given_port_and_exits_0_on_shutdown(built_store):
    port = free_port()
    process = subprocess.Popen([CLI, "serve", "--store", str(built_store), "--host", "127.0.0.1", "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        _wait(f"http://127.0.0.1:{port}/api/queries", process)
        home = httpx.get(f"http://127.0.0.1:{port}/", timeout=30)
        assert home.status_code == 200 and "<!doctype html>" in home.text
        assert "cdn" not in home.text.lower()
    finally:
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=20)
    assert code == 0


def test_serve_with_two_workers_answers_from_both_and_exits_0(built_store):
    """Each worker process opens the store itself and prepares its own search index: fresh
    connections (the kernel hands them to either worker) all get the same answers."""
    port = free_port()
    process = subprocess.Popen([CLI, "serve", "--store", str(built_store), "--host", "127.0.0.1", "--port", str(port),
                                "--workers", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        _wait(f"http://127.0.0.1:{port}/api/queries", process)
        answers = [httpx.get(f"http://127.0.0.1:{port}/api/search", params={"q": "helse"}, timeout=60).json()
                   for _ in range(8)]
        assert answers[0] and all(answer == answers[0] for answer in answers)
        documents = {httpx.get(f"http://127.0.0.1:{port}/api/queries/documents", timeout=60).text for _ in range(8)}
        assert len(documents) == 1
    finally:
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=30)
    assert code == 0


@pytest.mark.parametrize("args", [["--store", "x", "--endpoint", "http://127.0.0.1:9"], ["--port", "99999"]])
def test_serve_usage_errors_exit_2(args):
    done = subprocess.run([CLI, "serve", *args], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2


def test_over_a_sparql_server_the_api_gives_the_embedded_answers(built_store, http, oxigraph_binary_path):
    port = free_port()
    server = subprocess.Popen([oxigraph_binary_path, "serve-read-only", "--location", str(built_store),
                               "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    from healthplan_kg.api import KnowledgeGraph

    try:
        _wait(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", server)
        remote = ServedApp(kg=KnowledgeGraph.open(endpoint=f"http://127.0.0.1:{port}"))
        try:
            with httpx.Client(base_url=remote.url, timeout=60) as client:
                for name, params in [("documents", {}), ("follow-ups", {"followed": "NOU 2023: 4"}),
                                     ("mentions", {"entity": "Helsedirektoratet", "limit": "5"})]:
                    assert client.get(f"/api/queries/{name}", params=params).json() == \
                        http.get(f"/api/queries/{name}", params=params).json()
                page = client.get("/entity", params={"iri": "NOU 2023: 4"}, follow_redirects=True)
                assert page.status_code == 200 and "Tid for handling" in page.text
        finally:
            remote.stop()
    finally:
        server.terminate()
        server.wait(timeout=10)
