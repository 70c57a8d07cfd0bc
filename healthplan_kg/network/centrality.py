"""Measures of importance a policy analyst can read: central bodies, followed-up documents,
priority groups that recur across plans.

Each is a small table (column names and plain values) rather than raw networkx numbers, because
the reader wants "Helsedirektoratet receives 4 assignments from 2 bodies", not a float alone.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx
import pyoxigraph as ox

from healthplan_kg.network.projection import Network
from healthplan_kg.store.base import QueryResult

MEASURES = ("bodies", "followed", "groups")


@dataclass
class Table:
    """Rows of plain values under named columns; ``to_result`` lets the shared formatter print it."""

    title: str
    columns: list[str]
    rows: list[dict[str, object]]

    def to_result(self) -> QueryResult:
        def cell(value: object):
            if value is None:
                return None
            if isinstance(value, float):
                value = f"{value:.3f}"
            return ox.Literal(str(value))

        return QueryResult(columns=list(self.columns),
                           rows=[tuple(cell(row.get(c)) for c in self.columns) for row in self.rows])


def _assignment_network(network: Network) -> nx.MultiDiGraph:
    """Body -> body, one edge per assignment (an ``hp:Assignment`` node, or a bare stated relation)."""
    graph = nx.MultiDiGraph()
    covered: set[tuple[str, str]] = set()
    for issuer, assignment, _ in network.edges_of("issues"):
        for _, assignee, kind in network.graph.out_edges(assignment, keys=True):
            if kind == "assigned_to":
                graph.add_edge(issuer, assignee, key=assignment)
                covered.add((issuer, assignee))
    for issuer, assignee, _ in network.edges_of("assigns_task_to"):
        if (issuer, assignee) not in covered:
            graph.add_edge(issuer, assignee, key="stated")
    return graph


def central_bodies(network: Network, language: str | None = None) -> Table:
    """Bodies ranked by how many assignments they give and receive, with betweenness: a body that
    passes assignments on (ministry -> directorate -> agency) sits between others."""
    graph = _assignment_network(network)
    simple = nx.DiGraph(graph)
    betweenness = nx.betweenness_centrality(simple) if len(simple) > 2 else dict.fromkeys(simple, 0.0)
    degree = nx.degree_centrality(simple) if len(simple) > 1 else dict.fromkeys(simple, 0.0)
    rows = [{"body": node, "body_label": network.label(node, language),
             "given": graph.out_degree(node), "received": graph.in_degree(node),
             "partners": len(set(simple.predecessors(node)) | set(simple.successors(node))),
             "degree_centrality": degree[node], "betweenness": betweenness[node]}
            for node in graph.nodes]
    rows.sort(key=lambda r: (-(r["given"] + r["received"]), -r["betweenness"], r["body_label"]))
    return Table("Bodies in the assignments network", ["body", "body_label", "given", "received", "partners",
                                                        "degree_centrality", "betweenness"], rows)


def followed_documents(network: Network, language: str | None = None) -> Table:
    """Documents and commissions ranked by how many others follow them up, with how many texts
    state it (a follow-up only the reference data records counts as a follower, with 0 texts)."""
    followers: dict[str, set[str]] = defaultdict(set)
    texts: dict[str, set[str]] = defaultdict(set)
    for follower, followed, kind in network.edges_of("follows_up"):
        followers[followed].add(follower)
        texts[followed] |= {e.doc for e in network.evidence(follower, followed, kind) if e.doc}
    rows = [{"document": node, "document_label": network.label(node, language),
             "identifier": network.graph.nodes[node].get("identifier"),
             "followers": len(found), "texts": len(texts[node]),
             "follower_labels": "; ".join(sorted(network.label(f, language) for f in found))}
            for node, found in followers.items()]
    rows.sort(key=lambda r: (-r["followers"], -r["texts"], r["document_label"]))
    return Table("Most followed-up documents", ["document", "document_label", "identifier", "followers", "texts",
                                                 "follower_labels"], rows)


def recurring_priority_groups(network: Network, language: str | None = None) -> Table:
    """Priority groups ranked by how many plans name them, then by how many texts do."""
    rows = []
    for group in network.nodes_of("priority_group"):
        plans = {v for _, v, k in network.graph.out_edges(group, keys=True) if k == "prioritised_in"}
        texts = {e.doc for plan in plans for e in network.evidence(group, plan, "prioritised_in") if e.doc}
        rows.append({"group": group, "group_label": network.label(group, language), "plans": len(plans),
                     "texts": len(texts), "plan_labels": "; ".join(sorted(network.label(p, language) for p in plans))})
    rows.sort(key=lambda r: (-r["plans"], -r["texts"], r["group_label"]))
    return Table("Priority groups across plans", ["group", "group_label", "plans", "texts", "plan_labels"], rows)


def measure_table(network: Network, measure: str, language: str | None = None) -> Table:
    return {"bodies": central_bodies, "followed": followed_documents,
            "groups": recurring_priority_groups}[measure](network, language)
