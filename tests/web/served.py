"""The web app served for tests and scripts: uvicorn in a thread on a free 127.0.0.1 port, exactly as
``healthplan-kg serve`` runs it (``create_app(GraphService(kg))``), and Chromium's flags.

A module of its own (not conftest.py) so tests and ``scripts/web_screenshots.py`` can import it:
a second ``conftest`` module name would shadow the suite's own.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path


def free_port() -> int:
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
        port = free_port()
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


CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--window-size=1366,900")
