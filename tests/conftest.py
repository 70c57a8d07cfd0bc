"""Shared fixtures: a store built once from the bundled corpus, and a real Oxigraph server.

Both are session-scoped because they cost seconds; tests must only read them. A test that needs
to change a store builds its own in ``tmp_path``.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The bundled corpus built into an embedded store (serial extraction, no progress bar):
    the ``BuildReport``, whose ``target`` is the store folder."""
    from healthplan_kg.build import build

    path = tmp_path_factory.mktemp("built") / "store"
    return build(None, store_path=path, jobs=1, progress=False)


@pytest.fixture(scope="session")
def built_store(built) -> Path:
    return Path(built.target)


@pytest.fixture(scope="session")
def built_report(built_store):
    """The validation report of the built store."""
    from healthplan_kg.store import open_store
    from healthplan_kg.validate import validate

    return validate(open_store(built_store, read_only=True))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def oxigraph_binary() -> str:
    candidate = Path(sys.executable).parent / "oxigraph"
    found = str(candidate) if candidate.exists() else shutil.which("oxigraph")
    if not found:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    return found


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """An Oxigraph server on 127.0.0.1 with an empty store; yields its base URL."""
    location = tmp_path_factory.mktemp("oxigraph-server")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(location),
                                "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1):
                    break
            except OSError:
                if process.poll() is not None:
                    message = process.stderr.read().decode()[:500]
                    raise RuntimeError(f"oxigraph server exited: {message}") from None
                if time.monotonic() > deadline:
                    raise RuntimeError("oxigraph server did not start within 30 s") from None
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
