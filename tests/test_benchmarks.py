"""The benchmark corpus generator and harness: seeded, valid, read by the real extractor.

Speed is never asserted here (the harness measures it); these tests pin down that the corpus is
what the benchmarks claim to measure on, and that the harness runs end to end.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import MAX_BYTES, MIN_BYTES, document, generate, parse_size  # noqa: E402
from benchmarks.pool import load_pool  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return generate(20, tmp_path_factory.mktemp("bench") / "corpus")


def test_sizes_read_as_document_counts():
    assert [parse_size(s) for s in ("100", "1k", "10k", "100k")] == [100, 1000, 10_000, 100_000]
    with pytest.raises(ValueError, match="not a corpus size"):
        parse_size("lots")


def test_same_seed_and_index_give_the_same_document_and_another_seed_does_not():
    pool = load_pool()
    assert document(pool, 7) == document(pool, 7)
    assert document(pool, 7, seed=1) != document(pool, 7, seed=2)


def test_a_size_always_gives_the_same_corpus(corpus, tmp_path):
    again = generate(20, tmp_path / "again")
    files = sorted(p.relative_to(corpus) for p in corpus.rglob("*.txt"))
    assert files == sorted(p.relative_to(again) for p in again.rglob("*.txt"))
    assert all((corpus / f).read_bytes() == (again / f).read_bytes() for f in files)


def test_documents_are_2_to_6_kb_with_title_date_and_both_written_standards(corpus):
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.rglob("*.txt"))]
    assert len(texts) == 20
    assert all(MIN_BYTES <= len(t.encode()) <= MAX_BYTES for t in texts)
    assert all(t.split("\n\n")[1].startswith("Publisert: ") for t in texts)
    assert any(" seier " in t for t in texts) and any(" sier " in t for t in texts)


def test_the_real_build_reads_the_corpus_and_finds_its_facts(corpus, tmp_path):
    from healthplan_kg.build import build
    from healthplan_kg.queries import QueryRegistry
    from healthplan_kg.store import EmbeddedStore

    report = build([corpus], store_path=tmp_path / "store", jobs=1, progress=False, check=False)
    assert report.documents == 20 and not report.skipped
    store = EmbeddedStore.open(tmp_path / "store", read_only=True)
    registry = QueryRegistry.load()
    documents = registry.run(store, "documents", {}).values()
    assert {row["language"] for row in documents} == {"nb", "nn"}
    assert all(row["published"] for row in documents)
    texts = "\n".join(p.read_text(encoding="utf-8") for p in corpus.rglob("*.txt"))
    quotes = registry.run(store, "quotes", {}).values()
    assert quotes and all(row["quote"] in texts for row in quotes)
    measures = registry.run(store, "measures", {}).values()
    assert measures and all(row["measure_label"].lower() in texts.lower() for row in measures)
    references = {row["ref_identifier"] for row in registry.run(store, "document-references", {}).values()}
    assert any(ref and ref in texts for ref in references)
    assert registry.run(store, "relations", {}).rows
    from benchmarks.pool import theme_names
    themes = registry.run(store, "themes", {}).values()
    named = {name.nb for name in theme_names()} | {name.nn for name in theme_names()}
    assert themes and {row["theme_label"] for row in themes} <= named


def test_the_harness_runs_end_to_end_and_writes_its_reports(tmp_path):
    env = {**os.environ, "BENCH_RUNS": "2", "BENCH_QUERY_SECONDS": "5", "BENCH_VALIDATE_SECONDS": "30",
           "BENCH_NAIVE_MAX_QUADS": "0", "BENCH_SCALING_SIZES": "2000,20000", "BENCH_SCALING_VOLUME": "100000"}
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--sizes", "20", "--jobs", "1",
                           "--out", str(tmp_path)], capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr
    figures = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert figures["20.documents"] == 20
    assert figures["20.build_seconds"] > 0 and figures["20.incremental_reused"] == 19
    assert figures["20.query.documents.rows"] == 20
    assert figures["20.query.relations.page_p50_ms"] > 0 and figures["20.query.mentions.page_p95_ms"] > 0
    assert figures["scaling.2 KB"] > 0 and figures["scaling.ratio"] > 0
    assert any("naive stack skipped" in note for note in figures["notes"])
    assert "| build, end to end" in (tmp_path / "report.md").read_text(encoding="utf-8")


def test_an_export_over_its_limit_is_cut_at_a_whole_line_and_still_loads(corpus, tmp_path):
    import pyoxigraph as ox

    from benchmarks.run import _export
    from healthplan_kg.build import build

    build([corpus], store_path=tmp_path / "store", jobs=1, progress=False, check=False)
    whole_size, whole = _export(tmp_path / "store", tmp_path / "all.nq", 1 << 40)
    assert whole and whole_size > 0
    limit = whole_size // 3
    cut_size, cut_whole = _export(tmp_path / "store", tmp_path / "cut.nq", limit)
    assert not cut_whole and 0 < cut_size <= limit
    cut = (tmp_path / "cut.nq").read_bytes()
    assert cut.endswith(b"\n") and (tmp_path / "all.nq").read_bytes().startswith(cut)
    loaded = ox.Store()
    loaded.bulk_load(path=str(tmp_path / "cut.nq"), format=ox.RdfFormat.N_QUADS)
    assert len(loaded) == cut.count(b"\n")


def test_a_naive_budget_ends_the_measurement_even_where_the_library_swallows_errors():
    """rdflib and pySHACL catch ``Exception`` (and pyparsing uses a bare ``except:``) in places;
    a timeout they swallow must not let the measurement run past its budget."""
    import contextlib
    import time

    from benchmarks.measure import Timeout, _alarm, _disarm
    swallowed = 0
    deadline = time.monotonic() + 10
    with pytest.raises(Timeout):
        _alarm(0.05)
        try:
            while time.monotonic() < deadline:
                try:
                    with contextlib.suppress(Exception):  # what a library's broad handler does
                        time.sleep(0.01)
                except:  # noqa: E722 - a bare handler swallows the first timeout
                    swallowed += 1
                    if swallowed > 1:
                        raise
        finally:
            _disarm()
    assert swallowed == 2  # the first timeout was swallowed, the repeat ended the loop


def test_speed_ups_are_measured_ratios_or_lower_bounds_where_the_naive_stack_ran_out_of_time(tmp_path):
    from benchmarks.report import write_reports
    figures = {"1k.query.documents.p50_ms": 200.0, "1k.naive.documents.p50_ms": "> 30 s",
               "1k.query.measures.p50_ms": 1000.0, "1k.naive.measures.p50_ms": 4000.0,
               "1k.query.mentions.p50_ms": "> 120 s", "1k.naive.mentions.p50_ms": "> 30 s",
               "1k.validate_seconds": 20.0, "1k.naive_validate_seconds": "> 300 s"}
    write_reports(figures, [], ["1k"], tmp_path)
    written = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert written["1k.query.measures.speedup"] == 4.0
    assert written["1k.query.documents.speedup"] == "> 150"  # 30 s is at least 150 × 200 ms
    assert "1k.query.mentions.speedup" not in written  # neither side finished: no ratio to give
    assert written["1k.validate_speedup"] == "> 15"
    table = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "| documents: speed-up over rdflib (×) | > 150 |" in table


def test_extraction_cpu_times_the_checkout_on_the_path_and_names_a_missing_folder(corpus, tmp_path):
    script = str(ROOT / "benchmarks" / "extraction_cpu.py")
    done = subprocess.run([sys.executable, script, str(corpus), "3"], capture_output=True, text=True,
                          timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("3 documents, ") and done.stdout.rstrip().endswith("ms CPU per document")
    assert float(done.stdout.split(", ")[1].split()[0]) > 0
    missing = tmp_path / "no-such-corpus"
    done = subprocess.run([sys.executable, script, str(missing)], capture_output=True, text=True,
                          timeout=300, cwd=tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"{missing}: no such folder" in done.stderr
