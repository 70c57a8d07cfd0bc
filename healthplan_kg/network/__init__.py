"""Policy lineage and network analysis: the graph seen as a network of documents, bodies and measures.

Everything here reads the store through SPARQL (``GraphStore.query``), so it works the same on the
embedded store and on a remote server. ``projection.build_network`` makes the networkx view; the
other modules (lineage, timeline, centrality, plots, export) work on that view or on the store.
"""

from __future__ import annotations

from healthplan_kg.network.errors import AmbiguousEntityError, NetworkError, UnknownEntityError
from healthplan_kg.network.projection import Evidence, Network, build_network
from healthplan_kg.network.resolve import Entity, resolve_entity

__all__ = ["AmbiguousEntityError", "Entity", "Evidence", "Network", "NetworkError", "UnknownEntityError",
           "build_network", "resolve_entity"]
