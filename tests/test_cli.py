"""The command line: the contract's commands, output formats, and errors as one line with exit 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from healthplan_kg import resources
from healthplan_kg.output import format_result
from healthplan_kg.store.base import QueryResult


def run(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """The real entry point in a subprocess, as a user or the scorer runs it."""
    import os
    return subprocess.run([sys.executable, "-m", "healthplan_kg.cli", *args], capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, **(env or {})}, timeout=300)


def assert_one_line_error(proc: subprocess.CompletedProcess, *fragments: str) -> None:
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("healthplan-kg: error: "), proc.stderr
    for fragment in fragments:
        assert fragment in lines[0]


# -- output formats ------------------------------------------------------------------------------

RESULT = QueryResult(columns=["doc", "label", "missing"], rows=[
    (ox.NamedNode("https://w3id.org/healthplan-kg/id/source/1"),
     ox.Literal("Plan, «ny» | 2024", language="nb"), None),
    (ox.NamedNode("https://w3id.org/healthplan-kg/id/source/2"), ox.Literal("42", datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#integer")), None)])


def test_json_is_one_array_of_plain_strings_and_nulls():
    assert json.loads(format_result(RESULT, "json")) == [
        {"doc": "https://w3id.org/healthplan-kg/id/source/1", "label": "Plan, «ny» | 2024", "missing": None},
        {"doc": "https://w3id.org/healthplan-kg/id/source/2", "label": "42", "missing": None}]


def test_csv_table_and_markdown_show_the_same_cells():
    import csv
    import io
    rows = list(csv.reader(io.StringIO(format_result(RESULT, "csv"))))
    assert rows[0] == ["doc", "label", "missing"] and rows[1][1] == "Plan, «ny» | 2024" and rows[1][2] == ""
    table = format_result(RESULT, "table").splitlines()
    assert table[0].split() == ["doc", "label", "missing"] and table[-1] == "(2 rows)"
    markdown = format_result(RESULT, "md").splitlines()
    assert markdown[2].count(" | ") == 2 and "Plan, «ny» \\| 2024" in markdown[2]


# -- commands --------------------------------------------------------------------------------------

def test_errors_are_one_line_and_exit_2(tmp_path):
    assert_one_line_error(run("query", "run", "documents", "--store", str(tmp_path / "none")), "no store at")
    assert_one_line_error(run("build", "--corpus", str(tmp_path / "missing"), "--store", str(tmp_path / "s")),
                          "no such corpus folder")
    assert_one_line_error(run("query", "show", "no-such-query"), "no-such-query")
    assert_one_line_error(run("extract", str(tmp_path / "missing.txt")), "missing.txt")
    assert run("query", "run").returncode == 2              # usage: click's own message
    assert run("validate", "--format", "yaml").returncode == 2


def test_store_from_the_environment(built_store, tmp_path):
    proc = run("export", "--format", "nq", env={"HEALTHPLAN_KG_STORE": str(built_store)}, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) > 0


@pytest.mark.parametrize(("fmt", "rdflib_format"), [("nq", "nquads"), ("trig", "trig"), ("ttl", "turtle"),
                                                    ("jsonld", "json-ld")])
def test_export_parses_back_with_every_triple(built_store, tmp_path, fmt, rdflib_format):
    out = tmp_path / f"graph.{fmt}"
    proc = run("export", "--format", fmt, "--store", str(built_store), "--output", str(out))
    assert proc.returncode == 0, proc.stderr
    dataset = rdflib.Dataset()
    dataset.parse(out, format=rdflib_format)
    from healthplan_kg.store import open_store
    store = open_store(built_store, read_only=True)
    if fmt == "ttl":   # no named graphs: the union of all triples
        assert len(dataset) == len({q.triple for q in store.quads()})
    else:
        assert len(list(dataset.quads())) == len(store)
        assert {str(g.identifier) for g in dataset.graphs() if len(g)} == set(store.named_graphs())


def test_validate_exit_codes_and_formats(built, built_store):
    text = run("validate", "--store", str(built_store))
    assert text.returncode == (0 if built.validation.conforms else 1)
    assert text.stdout.startswith("validation: ")
    junit = run("validate", "--store", str(built_store), "--format", "junit")
    assert junit.stdout.lstrip().startswith("<?xml")
    data = json.loads(run("validate", "--store", str(built_store), "--format", "json").stdout)
    assert data["conforms"] == built.validation.conforms


def test_build_reports_skipped_files_and_strict_fails(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    source = sorted(resources.corpus_dir().glob("*.txt"))[0]
    (corpus / source.name).write_bytes(source.read_bytes())
    (corpus / "slides.pptx").write_bytes(b"PK")
    proc = run("build", "--corpus", str(corpus), "--store", str(tmp_path / "store"), "--quiet")
    assert proc.returncode in (0, 1), proc.stderr
    assert "1 documents" in proc.stderr
    assert "slides.pptx" not in proc.stderr  # --quiet
    proc = run("build", "--corpus", str(corpus), "--store", str(tmp_path / "store"), "--no-validate")
    assert "skipped" in proc.stderr and "slides.pptx" in proc.stderr
    strict = run("build", "--corpus", str(corpus), "--store", str(tmp_path / "strict"), "--strict")
    assert_one_line_error(strict, "slides.pptx")
    assert not (tmp_path / "strict").exists()


def test_extract_json_and_trig(tmp_path):
    source = sorted(resources.corpus_dir().glob("*.txt"))[0]
    proc = run("extract", str(source), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["source"]["source"] == source.name and data["source"]["text_length"] > 0
    trig = run("extract", str(source), "--format", "trig")
    assert trig.returncode == 0, trig.stderr
    ox.Dataset(ox.parse(trig.stdout.encode(), format=ox.RdfFormat.TRIG))  # well-formed


def test_query_list_show_and_run(built_store):
    from healthplan_kg.queries import QueryRegistry
    registry = QueryRegistry.load()
    listing = run("query", "list")
    assert listing.returncode == 0, listing.stderr
    assert [line.split()[0] for line in listing.stdout.splitlines()] == registry.names()
    shown = run("query", "show", "documents")
    assert shown.returncode == 0 and "SELECT" in shown.stdout
    proc = run("query", "run", "documents", "--format", "json", "--store", str(built_store))
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert isinstance(rows, list)
    expected = registry.get("documents").columns
    assert all(list(row) == list(expected) for row in rows)
    bad = run("query", "run", "documents", "--param", "nonsense", "--store", str(built_store))
    assert_one_line_error(bad, "KEY=VALUE")
