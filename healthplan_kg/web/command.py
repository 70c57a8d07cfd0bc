"""``healthplan-kg serve``: the web app's command, registered on the main group as the network commands are."""

from __future__ import annotations

from pathlib import Path

import click

from healthplan_kg.errors import HealthplanError


class MissingWebExtra(HealthplanError):
    """``serve`` without FastAPI, Jinja2 or uvicorn installed."""


@click.command("serve")
@click.option("--store", "store_path", type=click.Path(path_type=Path), metavar="PATH",
              help="The embedded store folder (default: $HEALTHPLAN_KG_STORE, else ./.store/healthplan-kg).")
@click.option("--endpoint", metavar="URL", help="A SPARQL 1.1 server instead of the embedded store.")
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option("--port", type=click.IntRange(min=0, max=65535), default=8000, show_default=True)
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              help="Seconds a query may run before its request is answered with an error.")
@click.option("--cache", "cache_size", type=click.IntRange(min=0), default=None,
              help="Answers kept in memory [default: 512 for the embedded store, which the server sees as it "
                   "was when opened; 0 for an --endpoint, whose data may change].")
@click.option("--workers", type=click.IntRange(min=1, max=64), default=1, show_default=True,
              help="Processes answering requests (one uses one core; each opens the graph itself).")
def serve_command(store_path: Path | None, endpoint: str | None, host: str, port: int, timeout: float,
                  cache_size: int | None, workers: int) -> None:
    """The read-only web app and HTTP API over the graph (pages, saved queries, SPARQL)."""
    if store_path is not None and endpoint is not None:
        raise click.UsageError("give --store or --endpoint, not both")
    try:
        import fastapi  # noqa: F401
        import jinja2  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as error:
        raise MissingWebExtra(f"serve needs the web extra: pip install 'healthplan-kg[web]' ({error})") from None
    from healthplan_kg.api import KnowledgeGraph
    from healthplan_kg.web import serve

    kg = KnowledgeGraph.open(store_path, endpoint=endpoint)
    click.echo(f"serving {store_path or endpoint or 'the default store'} on http://{host}:{port}/ "
               f"(Ctrl-C stops)", err=True)
    try:
        serve(kg, host=host, port=port, timeout=timeout,
              cache_size=cache_size if cache_size is not None else (0 if endpoint else 512), workers=workers)
    finally:
        kg.close()


def register(group: click.Group) -> None:
    group.add_command(serve_command)
