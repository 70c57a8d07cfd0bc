"""Lineage: what came of an entity (downstream) and what it came from (upstream), step by step.

Downstream of a commission are its report, the white papers that follow the report up, what
replaces those, and the measures and assignments that come of them; upstream runs the other way.
Every step carries the evidence of its edge, so each link of a chain can be checked against a
sentence or the reference data. A follow-up or replacement cycle cannot happen in real policy
history, so one found here is reported as a data error in the result, not silently cut.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from healthplan_kg.network.projection import Evidence, Network

#: Edge kind -> which end of the edge lies downstream: "source" means walk target -> source.
#: ``assigns_task_to`` is left out: the assignment nodes (``issues``/``assigned_to``) carry it.
_DOWNSTREAM_END = {
    "follows_up": "source", "replaces": "source", "measure_of": "source", "part_of": "source",
    "prioritised_in": "source", "report_of": "target", "publishes": "target", "announces": "target",
    "issues": "target", "assigned_to": "target",
}
#: How each step reads, by edge kind and direction.
_PHRASES = {
    "downstream": {"follows_up": "followed up by", "replaces": "replaced by", "measure_of": "measure",
                   "part_of": "has part", "prioritised_in": "priority group", "report_of": "report",
                   "publishes": "publishes", "announces": "announces", "issues": "gives assignment",
                   "assigned_to": "assigned to"},
    "upstream": {"follows_up": "follows up", "replaces": "replaces", "measure_of": "measure of",
                 "part_of": "part of", "prioritised_in": "prioritised in", "report_of": "report of",
                 "publishes": "published by", "announces": "announced by", "issues": "assignment from",
                 "assigned_to": "assignment received"},
}
DIRECTIONS = ("downstream", "upstream")


@dataclass
class Step:
    """One link: from ``source`` along ``relation`` to ``node``, and the links beyond it.

    ``repeated`` marks a node already shown elsewhere in the tree (its branch is not repeated).
    """

    source: str
    node: str
    label: str
    relation: str
    direction: str
    evidence: list[Evidence]
    children: list[Step] = field(default_factory=list)
    repeated: bool = False

    @property
    def phrase(self) -> str:
        return _PHRASES[self.direction][self.relation]

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def as_dict(self) -> dict[str, object]:
        return {"node": self.node, "label": self.label, "relation": self.relation, "phrase": self.phrase,
                "evidence": [e.as_dict() for e in self.evidence], "repeated": self.repeated,
                "children": [c.as_dict() for c in self.children]}


@dataclass(frozen=True)
class Cycle:
    """A chain of follow-ups or replacements that returns to where it started: a data error."""

    nodes: tuple[str, ...]   # first node repeated at the end
    labels: tuple[str, ...]
    relation: str
    direction: str

    def describe(self) -> str:
        return f"{self.relation} cycle: " + " → ".join(self.labels)


@dataclass
class Lineage:
    root: str
    label: str
    downstream: list[Step]
    upstream: list[Step]
    cycles: list[Cycle]

    def steps(self, direction: str | None = None):
        for name in DIRECTIONS:
            if direction in (None, name):
                for step in getattr(self, name):
                    yield from step.walk()

    def reached(self, direction: str | None = None) -> set[str]:
        return {step.node for step in self.steps(direction)}

    def chain_to(self, node: str, direction: str | None = None) -> list[Step]:
        """The steps from the root to ``node`` (the first route the tree shows), or []."""

        def search(steps: list[Step], path: list[Step]) -> list[Step]:
            for step in steps:
                if step.node == node and not step.repeated:
                    return [*path, step]
                found = search(step.children, [*path, step])
                if found:
                    return found
            return []

        for name in DIRECTIONS:
            if direction in (None, name):
                found = search(getattr(self, name), [])
                if found:
                    return found
        return []

    def as_dict(self) -> dict[str, object]:
        return {"root": self.root, "label": self.label,
                "downstream": [s.as_dict() for s in self.downstream],
                "upstream": [s.as_dict() for s in self.upstream],
                "errors": [{"kind": "cycle", "relation": c.relation, "nodes": list(c.nodes),
                            "message": c.describe()} for c in self.cycles]}


def _neighbours(network: Network, node: str, direction: str) -> list[tuple[str, str]]:
    """(next node, edge kind) pairs one step ``direction`` from ``node``, in a stable order."""
    found: list[tuple[str, str]] = []
    graph = network.graph
    for _, target, kind in graph.out_edges(node, keys=True):
        end = _DOWNSTREAM_END.get(kind)
        if end and (end == "target") == (direction == "downstream"):
            found.append((target, kind))
    for source, _, kind in graph.in_edges(node, keys=True):
        end = _DOWNSTREAM_END.get(kind)
        if end and (end == "source") == (direction == "downstream"):
            found.append((source, kind))
    order = list(_DOWNSTREAM_END)
    return sorted(set(found), key=lambda item: (order.index(item[1]), network.label(item[0]), item[0]))


def _evidence(network: Network, node: str, nxt: str, kind: str) -> list[Evidence]:
    return network.evidence(node, nxt, kind) or network.evidence(nxt, node, kind)


def lineage(network: Network, root: str, *, max_depth: int = 12, language: str | None = None,
            directions: tuple[str, ...] = DIRECTIONS) -> Lineage:
    """The downstream and upstream trees of ``root``; cycles met on the way go to ``cycles``."""
    cycles: list[Cycle] = []
    seen_cycles: set[frozenset[str]] = set()

    def grow(node: str, direction: str, path: list[str], kinds: list[str], shown: set[str]) -> list[Step]:
        if len(path) > max_depth:
            return []
        steps: list[Step] = []
        for nxt, kind in _neighbours(network, node, direction):
            evidence = _evidence(network, node, nxt, kind)
            if nxt in path:
                loop = path[path.index(nxt):] + [nxt]
                key = frozenset(loop)
                if key not in seen_cycles:
                    seen_cycles.add(key)
                    relations = set(kinds[path.index(nxt) + 1:] + [kind])
                    cycles.append(Cycle(nodes=tuple(loop), labels=tuple(network.label(n, language) for n in loop),
                                        relation="/".join(sorted(relations)), direction=direction))
                continue
            step = Step(source=node, node=nxt, label=network.label(nxt, language), relation=kind,
                        direction=direction, evidence=evidence, repeated=nxt in shown)
            steps.append(step)
            if not step.repeated:
                shown.add(nxt)
                step.children = grow(nxt, direction, [*path, nxt], [*kinds, kind], shown)
        return steps

    trees = {d: (grow(root, d, [root], [""], {root}) if d in directions else []) for d in DIRECTIONS}
    return Lineage(root=root, label=network.label(root, language), downstream=trees["downstream"],
                   upstream=trees["upstream"], cycles=cycles)


def lineage_text(result: Lineage, network: Network, *, evidence_per_step: int = 2) -> str:
    """The lineage as an indented tree, evidence under each step, data errors at the end."""
    lines = [f"{result.label}  <{result.root}>"]

    def render(steps: list[Step], indent: str) -> None:
        for i, step in enumerate(steps):
            last = i == len(steps) - 1
            identifier = network.graph.nodes[step.node].get("identifier") if step.node in network.graph else None
            name = f"{step.label} ({identifier})" if identifier and identifier != step.label else step.label
            lines.append(f"{indent}{'└─' if last else '├─'} {step.phrase}: {name}"
                         + ("  (shown above)" if step.repeated else ""))
            inner = indent + ("   " if last else "│  ")
            for evidence in step.evidence[:evidence_per_step]:
                lines.append(f"{inner}  · {evidence.describe()}")
            if len(step.evidence) > evidence_per_step:
                lines.append(f"{inner}  · … {len(step.evidence) - evidence_per_step} more")
            render(step.children, inner)

    for direction in DIRECTIONS:
        steps = getattr(result, direction)
        if steps:
            lines.append(f"{direction}:")
            render(steps, "  ")
    if not result.downstream and not result.upstream:
        lines.append("  (no lineage: nothing follows it up, replaces it or comes of it, and it comes of nothing)")
    for cycle in result.cycles:
        lines.append(f"data error: {cycle.describe()}")
    return "\n".join(lines) + "\n"
