"""The read-only web app and HTTP API over a knowledge graph (``healthplan-kg serve``).

Needs the ``web`` extra (FastAPI, Jinja2, uvicorn). ``create_app(GraphService(kg))`` gives the ASGI
app; ``serve(kg, host=..., port=...)`` runs it with uvicorn.

Python runs one request's page building at a time per process, so one process uses one core
however many threads it has. ``serve(..., workers=N)`` runs N processes (uvicorn's workers) on
one port; each opens the graph itself (read-only: an embedded store may be opened by many
readers at once) and keeps its own answers and search index.
"""

from __future__ import annotations

import json
import os

#: Where ``serve`` tells its worker processes what to open (they start from an import string).
_WORKER_SETTINGS = "HEALTHPLAN_KG_SERVE_SETTINGS"


def serve(kg, *, host: str = "127.0.0.1", port: int = 8000, timeout: float | None = None,
          cache_size: int = 0, workers: int = 1) -> None:
    """Serve ``kg`` (a ``KnowledgeGraph``) until interrupted; ``cache_size`` answers are kept;
    ``workers`` processes answer requests (each opens the same store or endpoint as ``kg``)."""
    import uvicorn

    from healthplan_kg.web.app import create_app
    from healthplan_kg.web.service import DEFAULT_TIMEOUT, GraphService

    if workers > 1:
        store = kg.store
        os.environ[_WORKER_SETTINGS] = json.dumps({
            "store": str(store.path) if getattr(store, "path", None) else None,
            "endpoint": getattr(store, "query_url", None) if not getattr(store, "path", None) else None,
            "timeout": timeout or DEFAULT_TIMEOUT, "cache_size": cache_size})
        uvicorn.run("healthplan_kg.web:app_from_settings", factory=True, host=host, port=port,
                    workers=workers, log_level="warning")
        return
    service = GraphService(kg, timeout=timeout or DEFAULT_TIMEOUT, cache_size=cache_size)
    service.warm()
    try:
        uvicorn.run(create_app(service), host=host, port=port, log_level="warning")
    finally:
        service.close()


def app_from_settings():
    """The app of one worker process of ``serve(..., workers=N)``: the graph named by the settings
    the parent process left in the environment, opened by this process."""
    from healthplan_kg.api import KnowledgeGraph
    from healthplan_kg.web.app import create_app
    from healthplan_kg.web.service import GraphService

    settings = json.loads(os.environ[_WORKER_SETTINGS])
    kg = KnowledgeGraph.open(settings["store"], endpoint=settings["endpoint"])
    service = GraphService(kg, timeout=settings["timeout"], cache_size=settings["cache_size"])
    service.warm()
    return create_app(service)
