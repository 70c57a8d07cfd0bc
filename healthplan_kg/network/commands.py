"""Command-line commands of the network package: lineage, timeline, centrality, plot, network.

``register(group)`` adds them to the main ``healthplan-kg`` group (cli.py calls it), so this
package owns its commands without editing the main CLI module. Errors are ``HealthplanError``
subclasses: the main entry point prints them as one line (with the candidates for an ambiguous or
unknown name) and exits 2.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import click

from healthplan_kg.network.lineage import DIRECTIONS

LANGUAGES = ("nb", "nn", "en")


def _store_options(func):
    """``--store PATH`` (or $HEALTHPLAN_KG_STORE) / ``--endpoint URL``, as every graph command has."""
    func = click.option("--endpoint", metavar="URL", help="A SPARQL 1.1 server instead of the embedded store.")(func)
    return click.option("--store", "store_path", type=click.Path(path_type=Path), metavar="PATH",
                        help="The embedded store folder (default: $HEALTHPLAN_KG_STORE, "
                             "else ./.store/healthplan-kg).")(func)


def _language_option(func):
    return click.option("--lang", "language", type=click.Choice(LANGUAGES),
                        help="Labels in this written standard (default: that of the texts stating each fact).")(func)


def _with_network(func):
    """Open the store read-only, project the network, pass both on; close the store afterwards."""

    @functools.wraps(func)
    def wrapper(store_path: Path | None, endpoint: str | None, **kwargs):
        from healthplan_kg.network.projection import build_network
        from healthplan_kg.store import open_store

        store = open_store(store_path, endpoint, read_only=True)
        try:
            return func(store=store, network=build_network(store), **kwargs)
        finally:
            store.close()

    return wrapper


def _resolve(store, name: str) -> str:
    from healthplan_kg.network.resolve import resolve_entity
    return resolve_entity(store, name).iri


@click.command("lineage")
@click.argument("entity")
@click.option("--direction", type=click.Choice([*DIRECTIONS, "both"]), default="both", show_default=True)
@click.option("--depth", type=click.IntRange(min=1), default=12, show_default=True, help="Longest chain followed.")
@click.option("--evidence", "evidence_per_step", type=click.IntRange(min=0), default=2, show_default=True,
              help="Evidence lines shown under each step (tree format).")
@click.option("--format", "fmt", type=click.Choice(["tree", "json"]), default="tree", show_default=True)
@_language_option
@_store_options
@_with_network
def lineage_command(store, network, entity: str, direction: str, depth: int, evidence_per_step: int, fmt: str,
                    language: str | None) -> None:
    """What came of ENTITY and what it came from, with the evidence for every step.

    ENTITY is an IRI, an official identifier ("NOU 2023: 4") or a label that names one entity.
    """
    from healthplan_kg.network.lineage import lineage, lineage_text

    directions = DIRECTIONS if direction == "both" else (direction,)
    result = lineage(network, _resolve(store, entity), max_depth=depth, language=language, directions=directions)
    if fmt == "json":
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(lineage_text(result, network, evidence_per_step=evidence_per_step), nl=False)
    for cycle in result.cycles:
        click.echo(f"warning: data error: {cycle.describe()}", err=True)


@click.command("timeline")
@click.argument("entity")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "md"]), default="table",
              show_default=True)
@_language_option
@_store_options
@_with_network
def timeline_command(store, network, entity: str, fmt: str, language: str | None) -> None:
    """The dated events of a plan or a body, in order."""
    import pyoxigraph as ox

    from healthplan_kg.network.timeline import timeline
    from healthplan_kg.output import format_result
    from healthplan_kg.store.base import QueryResult

    result = timeline(store, network, _resolve(store, entity), language=language)
    columns = ["date", "kind", "event", "about_label", "origin", "doc"]
    rows = [(e.date, e.kind, e.label, e.about_label, e.origin, e.doc) for e in result.events]
    table = QueryResult(columns=columns, rows=[tuple(None if v is None else ox.Literal(v) for v in row)
                                               for row in rows])
    click.echo(format_result(table, fmt), nl=False)


@click.command("centrality")
@click.option("--measure", type=click.Choice(["bodies", "followed", "groups", "all"]), default="all",
              show_default=True, help="bodies: assignments network; followed: most followed-up documents; "
                                      "groups: priority groups across plans.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "md"]), default="table",
              show_default=True)
@_language_option
@_store_options
@_with_network
def centrality_command(store, network, measure: str, fmt: str, language: str | None) -> None:
    """Which bodies are most central, which documents most followed up, which priority groups recur."""
    from healthplan_kg.network.centrality import MEASURES, measure_table
    from healthplan_kg.output import format_result

    chosen = MEASURES if measure == "all" else (measure,)
    for i, name in enumerate(chosen):
        table = measure_table(network, name, language)
        if fmt in ("table", "md") and len(chosen) > 1:
            click.echo(("\n" if i else "") + f"{'## ' if fmt == 'md' else ''}{table.title}")
        click.echo(format_result(table.to_result(), fmt), nl=False)


@click.command("plot")
@click.argument("kind", type=click.Choice(["lineage", "timeline", "network"]))
@click.argument("entity", required=False)
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="The picture file: .svg or .png.")
@click.option("--radius", type=click.IntRange(min=1), default=1, show_default=True,
              help="network: how many steps around ENTITY.")
@_language_option
@_store_options
@_with_network
def plot_command(store, network, kind: str, entity: str | None, output: Path, radius: int,
                 language: str | None) -> None:
    """Draw a lineage, a timeline or a network (around ENTITY, or all of it) to a file."""
    from healthplan_kg.network import plots
    from healthplan_kg.network.lineage import lineage
    from healthplan_kg.network.timeline import timeline

    if entity is None and kind != "network":
        raise click.UsageError(f"plot {kind} needs an ENTITY")
    iri = _resolve(store, entity) if entity is not None else None
    if kind == "lineage":
        plots.plot_lineage(network, lineage(network, iri, language=language), output, language=language)
    elif kind == "timeline":
        plots.plot_timeline(timeline(store, network, iri, language=language), output)
    else:
        plots.plot_network(network, output, centre=iri, radius=radius, language=language)
    click.echo(f"wrote {output}", err=True)


@click.command("network")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the network here (.graphml or .json); without it, print a summary.")
@click.option("--format", "fmt", type=click.Choice(["graphml", "json"]),
              help="Export format (default: from the file suffix).")
@_language_option
@_store_options
@_with_network
def network_command(store, network, output: Path | None, fmt: str | None, language: str | None) -> None:
    """The network projection: export it for Gephi (GraphML) or a web page (node-link JSON)."""
    from collections import Counter

    from healthplan_kg.network.export import write_export

    if output is not None:
        used = write_export(network, output, fmt, language)
        click.echo(f"wrote {output} ({used}: {network.graph.number_of_nodes()} nodes, "
                   f"{network.graph.number_of_edges()} edges)", err=True)
        return
    nodes = Counter(kind for _, kind in network.graph.nodes(data="kind"))
    edges = Counter(kind for *_, kind in network.graph.edges(keys=True))
    click.echo(f"{network.graph.number_of_nodes()} nodes: "
               + ", ".join(f"{n} {k}" for k, n in sorted(nodes.items())))
    click.echo(f"{network.graph.number_of_edges()} edges: "
               + ", ".join(f"{n} {k}" for k, n in sorted(edges.items())))


COMMANDS = (lineage_command, timeline_command, centrality_command, plot_command, network_command)


def register(group: click.Group) -> None:
    """Add the network commands to ``group`` (the main ``healthplan-kg`` group)."""
    for command in COMMANDS:
        group.add_command(command)
