"""Pictures for a report: a lineage, a timeline, a network neighbourhood, as .svg or .png.

matplotlib is an optional extra (``pip install healthplan-kg[plot]``), imported only when a
picture is asked for. Sizes are chosen for A4 (a picture with more rows grows taller rather than
shrinking its text below 7 pt), labels are wrapped in boxes laid out in columns or rows so they do
not overlap, and each label is in the written standard of the texts that state it (or ``language``).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from healthplan_kg.network.errors import PlotError
from healthplan_kg.network.lineage import Lineage, Step
from healthplan_kg.network.projection import Network
from healthplan_kg.network.timeline import Timeline

A4_LONG, A4_SHORT = 11.69, 8.27   # inches
FONT = 7.5                         # points: the smallest size that reads comfortably on paper
SUFFIXES = {".svg": "svg", ".png": "png"}

KIND_COLOURS = {"document": "#cfe2f3", "commission": "#f9cb9c", "body": "#d9ead3", "measure": "#fff2cc",
                "assignment": "#ead1dc", "priority_group": "#d0e0e3", "instrument": "#e6e6e6", "other": "#eeeeee"}
RELATION_COLOURS = {"follows_up": "#1f4e79", "replaces": "#990000", "report_of": "#b45f06", "measure_of": "#7f6000",
                    "prioritised_in": "#134f5c", "part_of": "#38761d", "publishes": "#674ea7",
                    "announces": "#674ea7", "issues": "#a64d79", "assigned_to": "#a64d79",
                    "assigns_task_to": "#a64d79", "seen_in_connection_with": "#999999",
                    "collaborates_with": "#6aa84f"}
EVENT_COLOURS = {"presented": "#1f4e79", "published": "#6aa84f", "deadline": "#cc0000", "appointed": "#b45f06",
                 "delivered": "#b45f06", "modified": "#999999"}


def _pyplot():
    try:
        import matplotlib
    except ImportError:
        raise PlotError("pictures need matplotlib: pip install 'healthplan-kg[plot]'") from None
    matplotlib.use("Agg")  # files only, never a window
    import matplotlib.pyplot as plt
    return plt


def _check_output(path: Path) -> str:
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise PlotError(f"{path}: a picture is written as .svg or .png, not '{path.suffix or 'no suffix'}'")
    if not path.parent.exists():
        raise PlotError(f"{path}: the folder {path.parent} does not exist")
    return fmt


def _wrap(text: str, width: int, lines: int = 2) -> str:
    wrapped = textwrap.wrap(" ".join(text.split()), width, break_long_words=False) or [""]
    if len(wrapped) > lines:
        wrapped = [*wrapped[:lines - 1], textwrap.shorten(" ".join(wrapped[lines - 1:]), width + 6, placeholder=" …")]
    return "\n".join(wrapped)


def _save(fig, plt, path: Path, fmt: str) -> Path:
    fig.savefig(path, format=fmt, dpi=200 if fmt == "png" else None, bbox_inches="tight")
    plt.close(fig)
    return path


def _legend(ax, colours: dict[str, str], used: set[str], title: str, loc: str, marker: str = "s") -> None:
    """A legend under the drawing (``loc`` "lower left" or "lower right"), never over a label."""
    from matplotlib.lines import Line2D
    handles = [Line2D([], [], marker=marker, linestyle="" if marker == "s" else "-", color=colours[k],
                      markerfacecolor=colours[k], markeredgecolor="#555555", markersize=7,
                      label=k.replace("_", " ")) for k in colours if k in used]
    if handles:
        # a figure legend under the drawing: the tight bounding box keeps it, and it covers no label
        anchor = (0.02, 0.0) if loc.endswith("left") else (0.5, 0.0)
        ax.figure.legend(handles=handles, title=title, loc="upper left", bbox_to_anchor=anchor,
                         fontsize=FONT - 0.5, title_fontsize=FONT, frameon=False, ncol=min(len(handles), 4))


def _lineage_positions(result: Lineage) -> tuple[dict[str, tuple[int, int]], list[tuple[str, str, str]]]:
    """Column (negative upstream, positive downstream) and row of each node; the edges to draw."""
    columns: dict[int, list[str]] = {0: [result.root]}
    level: dict[str, int] = {result.root: 0}
    edges: list[tuple[str, str, str]] = []

    def place(steps: list[Step], depth: int, sign: int) -> None:
        for step in steps:
            if step.node not in level:
                level[step.node] = sign * depth
                columns.setdefault(sign * depth, []).append(step.node)
            edges.append((step.source, step.node, step.relation))
            place(step.children, depth + 1, sign)

    place(result.downstream, 1, 1)
    place(result.upstream, 1, -1)
    positions = {node: (column, row) for column, nodes in columns.items() for row, node in enumerate(nodes)}
    return positions, edges


def plot_lineage(network: Network, result: Lineage, path: Path, *, language: str | None = None) -> Path:
    """Columns left to right: what the entity comes from, the entity, what comes of it."""
    fmt = _check_output(path)
    plt = _pyplot()
    positions, edges = _lineage_positions(result)
    columns = sorted({c for c, _ in positions.values()})
    tallest = max(sum(1 for c, _ in positions.values() if c == column) for column in columns)
    row_height, column_width = 0.5, 2.9   # inches: up to three lines; 30 characters at 7.5 pt
    width = max(A4_LONG, column_width * len(columns) + 0.6)
    height = max(A4_SHORT, row_height * tallest + 1.6)
    fig, ax = plt.subplots(figsize=(width, height))
    ax.set_xlim(columns[0] - 0.55, columns[-1] + 0.55)
    ax.set_ylim(-0.5, max(tallest, 1) - 0.5 + 1.5)
    ax.invert_yaxis()
    ax.axis("off")

    def xy(node: str) -> tuple[float, float]:
        column, row = positions[node]
        count = sum(1 for c, _ in positions.values() if c == column)
        return column, row + (tallest - count) / 2  # centre short columns

    boxes = {}
    for node in positions:
        x, y = xy(node)
        kind = network.kind(node)
        identifier = network.graph.nodes[node].get("identifier") if node in network.graph else None
        text = _wrap(network.label(node, language), 30)
        if identifier and identifier not in text:
            text = f"{text}\n{identifier}"
        boxes[node] = ax.text(x, y, text, ha="center", va="center", fontsize=FONT + (1 if node == result.root else 0),
                              fontweight="bold" if node == result.root else "normal", zorder=2,
                              bbox={"boxstyle": "round,pad=0.3", "facecolor": KIND_COLOURS.get(kind, "#eeeeee"),
                                    "edgecolor": "#333333" if node == result.root else "#888888",
                                    "linewidth": 0.6})
    for source, target, relation in edges:
        rightwards = xy(target)[0] > xy(source)[0]
        # anchored to the label boxes themselves, so arrows meet the box edge whatever its width
        ax.annotate("", xy=(0.0 if rightwards else 1.0, 0.5), xycoords=boxes[target],
                    xytext=(1.0 if rightwards else 0.0, 0.5), textcoords=boxes[source],
                    arrowprops={"arrowstyle": "-|>", "color": RELATION_COLOURS.get(relation, "#666666"),
                                "lw": 0.9, "shrinkA": 5, "shrinkB": 5}, zorder=1)
    headings = {c: ("upstream" if c < 0 else "downstream" if c > 0 else "") for c in columns}
    for column, heading in headings.items():
        if heading:
            ax.text(column, -0.45, f"{heading} {abs(column)}", ha="center", va="bottom", fontsize=FONT,
                    color="#666666")
    ax.set_title(f"Lineage: {result.label}", fontsize=FONT + 3, loc="left")
    _legend(ax, KIND_COLOURS, {network.kind(n) for n in positions}, "node", "lower left")
    _legend(ax, RELATION_COLOURS, {r for _, _, r in edges}, "relation", "lower right", marker="_")
    if result.cycles:
        ax.text(0.5, 0.01, "data error: " + "; ".join(c.describe() for c in result.cycles),
                transform=ax.transAxes, ha="center", fontsize=FONT, color="#cc0000")
    return _save(fig, plt, path, fmt)


def plot_timeline(result: Timeline, path: Path) -> Path:
    """One row per event, top to bottom in date order: the date, a coloured mark for the kind, the text."""
    fmt = _check_output(path)
    if not result.events:
        raise PlotError(f"no dated events for {result.label}: nothing to draw")
    plt = _pyplot()
    rows = len(result.events)
    fig, ax = plt.subplots(figsize=(A4_SHORT, max(3.0, 0.32 * rows + 1.0)))
    ax.set_xlim(0, 1)
    ax.set_ylim(rows - 0.5, -0.8)
    ax.axis("off")
    ax.plot([0.17, 0.17], [0, rows - 1], color="#bbbbbb", lw=1, zorder=1)
    previous_date = None
    for row, event in enumerate(result.events):
        colour = EVENT_COLOURS.get(event.kind, "#666666")
        if event.date != previous_date:
            ax.text(0.15, row, event.date, ha="right", va="center", fontsize=FONT, fontweight="bold")
        previous_date = event.date
        ax.scatter([0.17], [row], s=28, color=colour, zorder=2)
        about = f" — {event.about_label}" if event.about_label and event.about_label not in event.label else ""
        text = event.label if event.label != event.kind else f"{event.kind}{about}"
        source = " (reference data)" if event.origin == "reference" else ""
        ax.text(0.19, row, f"{event.kind}: " + textwrap.shorten(text + source, 100, placeholder=" …"),
                ha="left", va="center", fontsize=FONT)
    ax.set_title(f"Timeline: {result.label}", fontsize=FONT + 3, loc="left")
    return _save(fig, plt, path, fmt)


def plot_network(network: Network, path: Path, *, centre: str | None = None, radius: int = 1,
                 language: str | None = None, max_labels: int = 40) -> Path:
    """The neighbourhood of ``centre`` (or the whole network): nodes coloured by kind, edges by relation.

    Measures and priority groups are drawn as small unlabelled dots when they would crowd the
    picture (more than ``max_labels`` nodes); their names are in the lineage and the tables.
    """
    import networkx as nx

    fmt = _check_output(path)
    graph = network.graph
    if centre is not None:
        graph = nx.ego_graph(graph.to_undirected(as_view=True), centre, radius=radius)
        graph = network.graph.subgraph(graph.nodes)
    if graph.number_of_nodes() == 0:
        raise PlotError("the network is empty: nothing to draw")
    plt = _pyplot()
    crowded = graph.number_of_nodes() > max_labels
    small = {n for n in graph.nodes if crowded and network.kind(n) in ("measure", "priority_group")}
    simple = nx.Graph(graph.to_undirected(as_view=True))
    # spring layout needs only numpy (kamada-kawai would need scipy); a fixed seed keeps pictures stable
    positions = nx.spring_layout(simple, seed=7, k=1.6 / max(len(simple), 1) ** 0.5, iterations=200)
    fig, ax = plt.subplots(figsize=(A4_LONG, A4_SHORT))
    ax.axis("off")
    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]
    # the limits must hold every node: an arrow whose end lies outside the axes is not drawn at all
    ax.set_xlim(min(xs) - 0.12, max(xs) + 0.12)
    ax.set_ylim(min(ys) - 0.08, max(ys) + 0.08)
    for source, target, kind in graph.edges(keys=True):
        (x0, y0), (x1, y1) = positions[source], positions[target]
        ax.annotate("", xy=(x1, y1), xytext=(x0, y0), zorder=1,
                    arrowprops={"arrowstyle": "-|>", "color": RELATION_COLOURS.get(kind, "#666666"), "lw": 0.7,
                                "alpha": 0.8, "shrinkA": 8, "shrinkB": 8})
    for node in graph.nodes:
        x, y = positions[node]
        colour = KIND_COLOURS.get(network.kind(node), "#eeeeee")
        if node in small:
            ax.scatter([x], [y], s=18, color=colour, edgecolors="#888888", linewidths=0.5, zorder=2)
            continue
        ax.text(x, y, _wrap(network.label(node, language), 24), ha="center", va="center",
                fontsize=FONT - (0.5 if crowded else 0), fontweight="bold" if node == centre else "normal", zorder=3,
                bbox={"boxstyle": "round,pad=0.25", "facecolor": colour,
                      "edgecolor": "#333333" if node == centre else "#888888", "linewidth": 0.5})
    title = f"Network around {network.label(centre, language)}" if centre else "Network"
    ax.set_title(title, fontsize=FONT + 3, loc="left")
    _legend(ax, KIND_COLOURS, {network.kind(n) for n in graph.nodes}, "node", "lower left")
    _legend(ax, RELATION_COLOURS, {k for _, _, k in graph.edges(keys=True)}, "relation", "lower right", marker="_")
    return _save(fig, plt, path, fmt)
