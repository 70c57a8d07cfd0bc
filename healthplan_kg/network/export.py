"""The network for other tools: GraphML for Gephi or yEd, node-link JSON for a web page (d3, sigma).

GraphML holds only scalar attributes, so lists (labels per language, evidence) travel as JSON
strings there; the JSON export keeps them as structures.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from healthplan_kg.network.projection import Network

EXPORT_FORMATS = ("graphml", "json")


def _node_attributes(network: Network, node: str, language: str | None) -> dict[str, object]:
    data = network.graph.nodes[node]
    return {"label": network.label(node, language), "kind": data.get("kind", "other"),
            "identifier": data.get("identifier") or "", "language": data.get("language") or "",
            "labels": dict(data.get("labels", {}))}


def _edge_attributes(network: Network, source: str, target: str, kind: str) -> dict[str, object]:
    evidence = network.evidence(source, target, kind)
    return {"kind": kind, "docs": sorted({e.doc for e in evidence if e.doc}),
            "evidence": [e.as_dict() for e in evidence]}


def export_graph(network: Network, language: str | None = None) -> nx.MultiDiGraph:
    """A copy of the network with export-ready attributes (lists and dicts, not dataclasses)."""
    graph = nx.MultiDiGraph()
    for node in network.graph.nodes:
        graph.add_node(node, **_node_attributes(network, node, language))
    for source, target, kind in network.graph.edges(keys=True):
        graph.add_edge(source, target, key=kind, **_edge_attributes(network, source, target, kind))
    return graph


def to_graphml(network: Network, path: Path, language: str | None = None) -> None:
    graph = export_graph(network, language)
    for _, data in graph.nodes(data=True):
        data["labels"] = json.dumps(data["labels"], ensure_ascii=False)
    for _, _, data in graph.edges(data=True):
        data["docs"] = " ".join(data["docs"])
        data["evidence_count"] = len(data["evidence"])
        data["evidence"] = json.dumps(data["evidence"], ensure_ascii=False)
    nx.write_graphml(graph, str(path), encoding="utf-8")


def to_json(network: Network, language: str | None = None) -> str:
    data = nx.node_link_data(export_graph(network, language), edges="edges")
    return json.dumps(data, ensure_ascii=False, indent=2)


def write_export(network: Network, path: Path, fmt: str | None = None, language: str | None = None) -> str:
    """Write to ``path`` in ``fmt`` (default: from the suffix); returns the format used."""
    fmt = fmt or ("graphml" if path.suffix.lower() == ".graphml" else "json")
    if fmt == "graphml":
        to_graphml(network, path, language)
    else:
        path.write_text(to_json(network, language), encoding="utf-8")
    return fmt
