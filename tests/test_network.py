"""The network package on real stores: graphs written for the tests (tests/fixtures/network/*.trig)
loaded into an on-disk Oxigraph store, and the bundled corpus built by the real pipeline."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import click
import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from healthplan_kg.errors import HealthplanError
from healthplan_kg.namespaces import CONCEPT, ID
from healthplan_kg.network import AmbiguousEntityError, UnknownEntityError, build_network, resolve_entity
from healthplan_kg.network.centrality import central_bodies, followed_documents, recurring_priority_groups
from healthplan_kg.network.commands import register
from healthplan_kg.network.errors import PlotError
from healthplan_kg.network.export import to_graphml, to_json
from healthplan_kg.network.lineage import lineage, lineage_text
from healthplan_kg.network.timeline import timeline
from healthplan_kg.store import EmbeddedStore, open_store

FIXTURES = Path(__file__).parent / "fixtures" / "network"
COMMISSION = ID + "organisation/bemanningsutvalget"
REPORT = ID + "document/nou-2021-9"
PAPER = ID + "document/meld-st-4-2022-2023"
STRATEGY = ID + "document/bemanningsstrategi-2024"
MINISTRY = ID + "organisation/testdepartementet"
DIRECTORATE = ID + "organisation/testdirektoratet"
SOURCE = ID + "source/aaaaaaaaaaaaaaaa"
CYCLE = [ID + f"document/sirkelplan-{x}" for x in "abc"]


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory) -> Path:
    """Both fixture files loaded into one embedded store on disk."""
    path = tmp_path_factory.mktemp("network") / "store"
    store = EmbeddedStore.open(path, create=True)
    for file in sorted(FIXTURES.glob("*.trig")):
        store.bulk_add(ox.parse(path=str(file), format=ox.RdfFormat.TRIG))
    store.flush()
    store.close()
    return path


@pytest.fixture(scope="module")
def store(fixture_store):
    opened = open_store(fixture_store, read_only=True)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def network(store):
    return build_network(store)


# -- projection ------------------------------------------------------------------------------------

def test_projection_types_nodes_and_keeps_evidence_on_edges(network):
    assert network.kind(COMMISSION) == "commission"
    assert network.kind(PAPER) == "document"
    assert network.kind(DIRECTORATE) == "body"
    assert network.kind(ID + "measure/aaaaaaaaaaaaaaaa/1") == "measure"
    assert network.kind(CONCEPT + "priority-group/eldre") == "priority_group"
    assert network.kind(ID + "fact/aaaaaaaaaaaaaaaa/assignment/1") == "assignment"

    stated = network.evidence(PAPER, COMMISSION, "follows_up")
    assert [(e.origin, e.doc, e.sentence) for e in stated] == [
        ("text", SOURCE, "Meldingen følger opp forslagene fra Bemanningsutvalget.")]
    # following up the commission is following up its report: inferred, resting on the same sentence
    inferred = network.evidence(PAPER, REPORT, "follows_up")
    assert inferred and all(e.origin == "inferred" and e.doc == SOURCE for e in inferred)
    # a fact only the reference data has keeps the pages it was verified on
    reference = network.evidence(STRATEGY, PAPER, "follows_up")
    assert reference[0].origin == "reference" and reference[0].pages == ("https://example.org/strategi",)
    assert network.evidence(COMMISSION, REPORT, "report_of")[0].origin == "reference"
    measure = network.evidence(ID + "measure/aaaaaaaaaaaaaaaa/1", PAPER, "measure_of")[0]
    assert "Meldingen har to hovedgrep:" in measure.sentence and "Flere studieplasser" in measure.sentence
    # the priority-group list names no plan: it is tied to the plan its text is about
    group = network.evidence(CONCEPT + "priority-group/eldre", PAPER, "prioritised_in")[0]
    assert group.origin == "inferred"


# -- lineage ---------------------------------------------------------------------------------------

def test_lineage_downstream_of_a_commission_runs_through_report_and_paper_to_strategy(network):
    result = lineage(network, COMMISSION)
    assert {REPORT, PAPER, STRATEGY, ID + "measure/aaaaaaaaaaaaaaaa/2"} <= result.reached("downstream")
    chain = result.chain_to(STRATEGY, "downstream")
    assert [step.node for step in chain] == [PAPER, STRATEGY]
    assert [step.relation for step in chain] == ["follows_up", "follows_up"]
    assert all(step.evidence for step in chain)
    assert result.cycles == []
    text = lineage_text(result, network)
    assert "followed up by: Bemanningsmeldingen (Meld. St. 4 (2022–2023))" in text
    assert "“Meldingen følger opp forslagene fra Bemanningsutvalget.”" in text
    assert "reference data: https://example.org/strategi" in text


def test_lineage_upstream_of_a_strategy_reaches_the_commission(network):
    result = lineage(network, STRATEGY, directions=("upstream",))
    assert result.downstream == []
    assert {PAPER, COMMISSION, REPORT} <= result.reached("upstream")
    assert result.chain_to(COMMISSION)[-1].phrase == "follows up"


def test_lineage_reports_a_follow_up_cycle_as_a_data_error(network):
    result = lineage(network, CYCLE[0])
    assert len(result.cycles) == 1  # met going downstream and upstream, reported once
    cycle = result.cycles[0]
    assert cycle.relation == "follows_up" and set(cycle.nodes) == set(CYCLE) and cycle.nodes[0] == cycle.nodes[-1]
    assert "Sirkelplan A" in cycle.describe()
    assert result.as_dict()["errors"][0]["kind"] == "cycle"
    assert "data error: follows_up cycle" in lineage_text(result, network)
    # the walk stopped: every plan appears once per direction
    assert sorted(step.node for step in result.steps("downstream")) == sorted(CYCLE[1:])


# -- names -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, iri", [
    (COMMISSION, COMMISSION),
    ("id:organisation/bemanningsutvalget", COMMISSION),
    ("NOU 2021: 9", REPORT),
    ("nou 2021:9", REPORT),
    ("Meld. St. 4 (2022-2023)", PAPER),          # a hyphen typed for the en dash
    ("bemanningsutvalet", COMMISSION),           # nynorsk label, lower case
    ("Bemanningsutvalgets", COMMISSION),         # hidden label
    ("TD", MINISTRY),                            # alternative label
])
def test_names_resolve_by_iri_identifier_and_label(store, name, iri):
    assert resolve_entity(store, name).iri == iri


def test_an_ambiguous_name_lists_its_candidates(store):
    with pytest.raises(AmbiguousEntityError) as raised:
        resolve_entity(store, "fagrådet")
    assert {c.iri for c in raised.value.candidates} == {ID + "organisation/fagradet-for-kreft",
                                                        ID + "organisation/fagradet-for-rus"}
    assert isinstance(raised.value, HealthplanError) and raised.value.exit_code == 2
    assert "Fagrådet for kreft" in str(raised.value)


def test_an_unknown_name_is_an_error_with_near_misses(store):
    with pytest.raises(UnknownEntityError) as raised:
        resolve_entity(store, "Sirkelplan")
    assert {c.iri for c in raised.value.candidates} == set(CYCLE)
    with pytest.raises(UnknownEntityError):
        resolve_entity(store, ID + "document/no-such-document")


# -- timeline, centrality --------------------------------------------------------------------------

def test_timeline_of_a_paper_is_ordered_and_takes_the_deadline_of_its_text(store, network):
    result = timeline(store, network, PAPER)
    assert [(e.date, e.kind) for e in result.events] == [
        ("2022-11-04", "presented"), ("2022-11-04", "published"), ("2023-03-01", "deadline")]
    assert result.events[2].evidence is None and result.events[2].doc == SOURCE


def test_timeline_of_a_commission_includes_its_report(store, network):
    kinds = [(e.date, e.kind, e.about) for e in timeline(store, network, COMMISSION).events]
    assert kinds == [("2020-06-01", "appointed", COMMISSION), ("2021-09-15", "delivered", COMMISSION),
                     ("2021-09-15", "presented", REPORT)]


def test_centrality_tables(network):
    bodies = central_bodies(network).rows
    assert [(r["body"], r["given"], r["received"]) for r in bodies] == [(MINISTRY, 1, 0), (DIRECTORATE, 0, 1)]
    followed = {r["document"]: r for r in followed_documents(network).rows}
    assert followed[PAPER]["followers"] == 1 and followed[PAPER]["texts"] == 0
    assert followed[COMMISSION]["texts"] == 1
    groups = recurring_priority_groups(network).rows
    assert groups == [{"group": CONCEPT + "priority-group/eldre", "group_label": "eldre", "plans": 1, "texts": 1,
                       "plan_labels": "Bemanningsmeldingen"}]


# -- pictures and export ---------------------------------------------------------------------------

def test_pictures_are_written_as_valid_svg_and_png(store, network, tmp_path):
    pytest.importorskip("matplotlib")
    from healthplan_kg.network.plots import plot_lineage, plot_network, plot_timeline

    svg = plot_lineage(network, lineage(network, COMMISSION), tmp_path / "lineage.svg")
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    assert "Bemanningsmeldingen" in svg.read_text(encoding="utf-8") or root.findall(".//{*}path")
    png = plot_timeline(timeline(store, network, PAPER), tmp_path / "timeline.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000
    net = plot_network(network, tmp_path / "network.png", centre=PAPER)
    assert net.read_bytes()[:4] == b"\x89PNG"
    with pytest.raises(PlotError):
        plot_timeline(timeline(store, network, PAPER), tmp_path / "timeline.jpg")


def test_graphml_and_json_exports_read_back(network, tmp_path):
    to_graphml(network, tmp_path / "net.graphml")
    back = nx.read_graphml(tmp_path / "net.graphml", force_multigraph=True)
    assert back.nodes[PAPER]["kind"] == "document" and back.nodes[PAPER]["label"] == "Bemanningsmeldingen"
    edge = back.get_edge_data(PAPER, COMMISSION)
    found = [data for data in edge.values() if data["kind"] == "follows_up"]
    assert json.loads(found[0]["evidence"])[0]["sentence"] == "Meldingen følger opp forslagene fra Bemanningsutvalget."
    data = json.loads(to_json(network))
    assert {n["id"] for n in data["nodes"]} == set(network.graph.nodes)
    assert len(data["edges"]) == network.graph.number_of_edges()


# -- commands --------------------------------------------------------------------------------------

@pytest.fixture()
def group() -> click.Group:
    @click.group()
    def main() -> None:
        """A stand-in for the main group."""

    register(main)
    return main


def test_lineage_command_prints_the_tree(group, fixture_store):
    result = CliRunner().invoke(group, ["lineage", "Bemanningsutvalget", "--store", str(fixture_store)])
    assert result.exit_code == 0, result.output
    assert "report: Nok folk i tjenesten (NOU 2021: 9)" in result.output
    assert "followed up by: Bemanningsstrategien" in result.output


def test_lineage_command_json_reports_the_cycle(group, fixture_store):
    result = CliRunner().invoke(group, ["lineage", "Sirkelplan A", "--format", "json", "--store", str(fixture_store)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["errors"] and data["errors"][0]["relation"] == "follows_up"


def test_commands_refuse_an_ambiguous_name_with_exit_2_and_candidates(fixture_store, capsys, monkeypatch):
    """Through the real entry point of cli.py, with this package's commands on a stand-in group."""
    import healthplan_kg.cli as cli_module

    @click.group()
    def stand_in() -> None:
        """Stand-in."""

    register(stand_in)
    monkeypatch.setattr(cli_module, "cli", stand_in)
    with pytest.raises(SystemExit) as raised:
        cli_module.main(["timeline", "Fagrådet", "--store", str(fixture_store)])
    assert raised.value.code == 2
    err = capsys.readouterr().err
    assert "fagradet-for-kreft" in err and "fagradet-for-rus" in err


def test_timeline_centrality_network_and_plot_commands(group, fixture_store, tmp_path):
    runner = CliRunner()
    store = ["--store", str(fixture_store)]
    timeline_out = runner.invoke(group, ["timeline", "NOU 2021: 9", "--format", "json", *store])
    assert timeline_out.exit_code == 0, timeline_out.output
    assert [row["kind"] for row in json.loads(timeline_out.stdout)] == ["appointed", "delivered", "presented"]
    central = runner.invoke(group, ["centrality", "--measure", "bodies", "--format", "csv", *store])
    assert central.exit_code == 0 and central.stdout.splitlines()[1].startswith(MINISTRY + ",Testdepartementet,1,0")
    exported = runner.invoke(group, ["network", "-o", str(tmp_path / "n.graphml"), *store])
    assert exported.exit_code == 0 and nx.read_graphml(tmp_path / "n.graphml").number_of_nodes() > 5
    pytest.importorskip("matplotlib")
    plotted = runner.invoke(group, ["plot", "lineage", "Bemanningsmeldingen", "-o", str(tmp_path / "l.svg"), *store])
    assert plotted.exit_code == 0, plotted.output
    assert ET.parse(tmp_path / "l.svg").getroot().tag.endswith("svg")
    unknown = runner.invoke(group, ["plot", "timeline", "Ingen slik plan", "-o", str(tmp_path / "t.png"), *store])
    assert isinstance(unknown.exception, UnknownEntityError)


# -- the bundled corpus ----------------------------------------------------------------------------

def test_bundled_corpus_lineage_and_timeline(built_store):
    store = open_store(built_store, read_only=True)
    try:
        network = build_network(store)
        commission = resolve_entity(store, "Helsepersonellkommisjonen").iri
        plan = resolve_entity(store, "Meld. St. 9 (2023–2024)").iri
        assert plan == ID + "document/meld-st-9-2023-2024"
        result = lineage(network, commission)
        chain = result.chain_to(plan, "downstream")
        assert chain and chain[-1].node == plan
        assert all(step.evidence for step in chain)
        sentences = [e.sentence for step in chain for e in step.evidence if e.sentence]
        assert any("Helsepersonellkommisjonen" in s for s in sentences)

        events = timeline(store, network, plan).events
        assert events[0].date.startswith("2022") and events[-1].date.startswith("2024")
        assert any(e.kind == "presented" and e.date == "2024-03-01" for e in events)
        assert [e.date for e in events] == sorted(e.date for e in events)
    finally:
        store.close()
