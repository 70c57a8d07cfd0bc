"""Fixtures of the web tests: the app served by uvicorn on 127.0.0.1 over the built bundled corpus,
and a headless Chromium driven by Selenium (Debian's ``chromium`` and ``chromium-driver``).

The server runs in a thread of the test process on a free port, exactly as ``healthplan-kg serve``
runs it (``create_app(GraphService(kg))``), and the tests talk to it over HTTP only.
"""

from __future__ import annotations

import shutil
import socket
import sys
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServedApp:
    """A uvicorn server in a thread; ``url`` is its base URL."""

    def __init__(self, store: Path | None = None, *, timeout: float = 30.0, kg=None) -> None:
        import uvicorn

        from healthplan_kg.api import KnowledgeGraph
        from healthplan_kg.web.app import create_app
        from healthplan_kg.web.service import GraphService

        self.kg = kg if kg is not None else KnowledgeGraph.open(store)
        self.service = GraphService(self.kg, timeout=timeout)
        port = _free_port()
        self.url = f"http://127.0.0.1:{port}"
        config = uvicorn.Config(create_app(self.service), host="127.0.0.1", port=port, log_level="warning",
                                lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the web app did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.service.close()
        self.kg.close()


@pytest.fixture(scope="session")
def web(built_store):
    """The served app over the bundled corpus."""
    app = ServedApp(built_store)
    yield app
    app.stop()


@pytest.fixture(scope="session")
def web_url(web) -> str:
    return web.url


@pytest.fixture(scope="session")
def http(web_url):
    import httpx

    with httpx.Client(base_url=web_url, timeout=60) as client:
        yield client


CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--window-size=1366,900")


def _chromium() -> tuple[str, str]:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not browser or not driver:
        pytest.skip("Debian's chromium and chromium-driver are not installed (make test installs them)")
    return browser, driver


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """A headless Chromium with a fresh profile, downloads going to a temporary folder."""
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    binary, driver = _chromium()
    profile = tmp_path_factory.mktemp("chromium-profile")
    downloads = tmp_path_factory.mktemp("downloads")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    chrome = webdriver.Chrome(service=Service(executable_path=driver), options=options)
    chrome.downloads = downloads
    chrome.implicitly_wait(0)
    yield chrome
    chrome.quit()


@pytest.fixture(scope="session")
def oxigraph_binary_path() -> str:
    """The ``oxigraph`` server binary (the dev extra installs it beside Python)."""
    candidate = Path(sys.executable).parent / "oxigraph"
    found = str(candidate) if candidate.exists() else shutil.which("oxigraph")
    if not found:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    return found
