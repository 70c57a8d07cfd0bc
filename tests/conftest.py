"""Shared fixtures: a store built once from the bundled corpus, a real Oxigraph server, and the
steering folder ``../shared`` where it sits beside the checkout.

The first two are session-scoped because they cost seconds; tests must only read them. A test that
needs to change a store builds its own in ``tmp_path``.

``../shared`` (the contract, the curated facts, the gold files) is not part of the project: a
clone, a fork or an sdist has nothing beside it. This file is the one place under ``tests/`` that
names that folder (tests/test_standalone.py checks it), and every test that compares the project
with it asks for the ``shared_folder`` fixture, which skips with a reason naming the folder when
it is absent.
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

#: The steering folder beside the checkout.
SHARED = Path(__file__).resolve().parents[2] / "shared"


def shared_path(*parts: str, folder: Path | None = None) -> Path:
    """``folder/parts...`` (``folder`` defaults to ``SHARED``), or skip the calling test with a reason
    that names what is missing: the whole folder, or the one file in it."""
    folder = SHARED if folder is None else folder
    if not folder.is_dir():
        pytest.skip(f"../shared is absent (no folder {folder}): this check compares the project with it")
    path = folder.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared has no {'/'.join(parts)} (looked at {path})")
    return path


@pytest.fixture(scope="session")
def shared_folder() -> Path:
    """The steering folder ``../shared``; the test is skipped, with a reason naming it, where it is absent."""
    return shared_path()


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
def oxigraph_binary_path() -> str:
    """The ``oxigraph`` server binary (the dev extra installs it beside Python)."""
    return oxigraph_binary()


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
