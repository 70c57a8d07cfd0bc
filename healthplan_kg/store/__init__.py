"""Stores the graph lives in: an embedded on-disk Oxigraph store, or any SPARQL 1.1 server.

Both implement ``GraphStore`` (see ``base.py``), so every command and query runs the same way on
either; ``open_store`` picks one from a path or an endpoint URL.
"""

from __future__ import annotations

import os
from pathlib import Path

from healthplan_kg.errors import StoreError
from healthplan_kg.store.base import GraphStore, QueryResult, Term
from healthplan_kg.store.embedded import EmbeddedStore
from healthplan_kg.store.remote import RemoteStore

#: Environment variable that names the embedded store when no ``--store`` is given.
STORE_ENV = "HEALTHPLAN_KG_STORE"
#: Environment variable that names a SPARQL endpoint when neither ``--store`` nor ``--endpoint`` is given.
ENDPOINT_ENV = "HEALTHPLAN_KG_ENDPOINT"
#: Where the embedded store lives by default: in the current folder, so each project has its own.
DEFAULT_STORE = Path(".store") / "healthplan-kg"

__all__ = ["DEFAULT_STORE", "ENDPOINT_ENV", "STORE_ENV", "EmbeddedStore", "GraphStore", "QueryResult",
           "RemoteStore", "Term", "default_store_path", "open_store"]


def default_store_path() -> Path:
    """``$HEALTHPLAN_KG_STORE`` if set, else ``./.store/healthplan-kg``."""
    return Path(os.environ.get(STORE_ENV) or DEFAULT_STORE)


def open_store(path: str | Path | None = None, endpoint: str | None = None, *, create: bool = False,
               read_only: bool = False) -> EmbeddedStore | RemoteStore:
    """The store a command should use: a SPARQL endpoint if one is given, else the embedded store.

    ``path`` defaults to ``default_store_path()``; ``create`` makes a missing store (builds only),
    ``read_only`` opens an embedded store for reading alone (queries, validation, export).
    """
    if path is not None and endpoint is not None:
        raise StoreError("give either a store path or an endpoint, not both")
    if endpoint is None and path is None:
        endpoint = os.environ.get(ENDPOINT_ENV) or None
    if endpoint:
        return RemoteStore.from_endpoint(endpoint)
    return EmbeddedStore.open(Path(path) if path is not None else default_store_path(),
                              create=create, read_only=read_only)
