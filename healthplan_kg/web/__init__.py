"""The read-only web app and HTTP API over a knowledge graph (``healthplan-kg serve``).

Needs the ``web`` extra (FastAPI, Jinja2, uvicorn). ``create_app(GraphService(kg))`` gives the ASGI
app; ``serve(kg, host=..., port=...)`` runs it with uvicorn.
"""

from __future__ import annotations


def serve(kg, *, host: str = "127.0.0.1", port: int = 8000, timeout: float | None = None,
          cache_size: int = 0) -> None:
    """Serve ``kg`` (a ``KnowledgeGraph``) until interrupted; ``cache_size`` answers are kept."""
    import uvicorn

    from healthplan_kg.web.app import create_app
    from healthplan_kg.web.service import DEFAULT_TIMEOUT, GraphService

    service = GraphService(kg, timeout=timeout or DEFAULT_TIMEOUT, cache_size=cache_size)
    try:
        uvicorn.run(create_app(service), host=host, port=port, log_level="warning")
    finally:
        service.close()
