"""Sharded builds: `extract --shard I/N --format nq` over a corpus, then `load` of the shards, give
the graph one `build` gives; bad shard specs and bad shard files are one line each."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
import rdflib.compare
from test_cli import assert_one_line_error, run

from healthplan_kg import resources
from healthplan_kg.shards import ShardFile, ShardSpec, check_shard_set, load_shards
from healthplan_kg.store import EmbeddedStore, RemoteStore
from healthplan_kg.store.layout import BuildLock

pytestmark = pytest.mark.slow

N = 3


@pytest.fixture(scope="module")
def shards(tmp_path_factory) -> list[Path]:
    """The bundled corpus cut into three shards by the real command line."""
    folder = tmp_path_factory.mktemp("shards")
    paths = []
    for index in range(1, N + 1):
        path = folder / f"shard-{index}.nq"
        proc = run("extract", "--shard", f"{index}/{N}", "--format", "nq", "-o", str(path), "-j", "1")
        assert proc.returncode == 0, proc.stderr
        assert f"shard {index}/{N}:" in proc.stderr
        paths.append(path)
    return paths


def canonical(quads) -> dict[str, frozenset]:
    """Each named graph's triples with blank nodes named canonically (rdflib's canonical labelling),
    so two stores that named their blank nodes differently compare equal when the graphs are."""
    by_graph: dict[str, list[ox.Quad]] = {}
    for quad in quads:
        by_graph.setdefault(str(quad.graph_name), []).append(quad)
    result = {}
    for graph, members in by_graph.items():
        text = (ox.serialize([q.triple for q in members], format=ox.RdfFormat.N_TRIPLES) or b"").decode()
        if "_:" in text:
            parsed = rdflib.compare.to_canonical_graph(rdflib.Graph().parse(data=text, format="nt"))
            result[graph] = frozenset(" ".join(term.n3() for term in triple) for triple in parsed)
        else:
            result[graph] = frozenset(text.splitlines())
    return result


def test_shard_spec_is_parsed_and_documents_fall_by_their_content_hash():
    assert ShardSpec.parse(" 2 / 5 ") == ShardSpec(2, 5)
    digest = hashlib.sha256(b"ein tekst om helse").hexdigest()
    owners = [i for i in range(1, 6) if ShardSpec(i, 5).holds(digest)]
    assert owners == [int(digest, 16) % 5 + 1]
    assert ShardSpec.parse("1/1").holds(digest) and ShardSpec(1, 1).carries_base


def test_every_document_is_in_exactly_one_shard_and_shard_one_carries_the_reference(shards):
    checked = check_shard_set(shards)
    documents = sorted(p for p in resources.corpus_dir().iterdir() if p.suffix in (".txt", ".html", ".pdf"))
    assert sum(s.documents for s in checked) == len(documents)
    for path in documents:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        graph = f"<https://w3id.org/healthplan-kg/graph/source/{digest[:16]}>"
        holders = [s.shard.index for s in checked if f"# graph {graph}".encode() in s.path.read_bytes()]
        assert holders == [int(digest, 16) % N + 1], path.name
    assert b"# graph <https://w3id.org/healthplan-kg/graph/ontology>" in shards[0].read_bytes()
    assert b"/graph/ontology>" not in shards[1].read_bytes() + shards[2].read_bytes()


def test_sharded_extract_and_load_give_the_graph_of_one_build(shards, built_store, tmp_path):
    proc = run("load", *map(str, reversed(shards)), "--store", str(tmp_path / "store"))
    assert proc.returncode == 0, proc.stderr
    assert "conforms" in proc.stderr
    loaded = EmbeddedStore.open(tmp_path / "store", read_only=True)
    one_build = EmbeddedStore.open(built_store, read_only=True)
    assert len(loaded) == len(one_build)
    assert canonical(loaded.quads()) == canonical(one_build.quads())
    # the loaded store is a store the build owns: an incremental build reuses every source graph
    from healthplan_kg.build import build
    report = build(None, store_path=tmp_path / "store", jobs=1, progress=False, check=False)
    assert report.reused == report.documents > 0


def test_loading_twice_gives_the_same_bytes(shards, tmp_path):
    """Deterministic: blank nodes keep the labels the build gives them (the bulk loader would not)."""
    dumps = []
    for name in ("a", "b"):
        load_shards(shards, store_path=tmp_path / name, check=False, optimize=False)
        dumps.append(EmbeddedStore.open(tmp_path / name, read_only=True).nquads())
    assert dumps[0] == dumps[1] and b"_:" in dumps[0]


def test_load_into_a_sparql_server_gives_the_same_graph(shards, built_store, oxigraph_server):
    report = load_shards(shards, endpoint=oxigraph_server, check=False)
    remote = RemoteStore.from_endpoint(oxigraph_server)
    one_build = EmbeddedStore.open(built_store, read_only=True)
    assert report.quads == len(one_build)
    assert canonical(remote.quads()) == canonical(one_build.quads())


@pytest.mark.parametrize("spec", ["0/3", "4/3", "x", "1/0", "3", "-1/3", "1/3/4", ""])
def test_a_bad_shard_spec_is_one_line(spec):
    assert_one_line_error(run("extract", "--shard", spec, "--format", "nq"), "--shard")


def test_shard_options_that_do_not_fit_are_one_line():
    assert_one_line_error(run("extract", "--shard", "1/2", "--format", "json"), "--format nq")
    assert_one_line_error(run("extract", "--shard", "1/2", "some-file.txt"), "--corpus")
    assert_one_line_error(run("extract", "--corpus", "x"), "--corpus")


def _broken_sets(shards: list[Path], folder: Path) -> list[tuple[list[Path], str]]:
    """Shard sets that must be refused, each with a fragment of its one-line message."""
    truncated = folder / "truncated.nq"
    truncated.write_bytes(shards[2].read_bytes()[:2000])
    foreign = folder / "foreign.nq"
    foreign.write_bytes(b"<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n")
    damaged = folder / "damaged.nq"
    # Shard 1 always holds quads (it carries the ontology); another shard may hold no document.
    typed = b"> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    assert typed in shards[0].read_bytes()
    damaged.write_bytes(shards[0].read_bytes().replace(typed, b"> <not an iri>", 1))
    other = folder / "other-code.nq"
    other.write_bytes(shards[1].read_bytes().replace(b"fingerprint=", b"fingerprint=00", 1))
    of_two = folder / "of-two.nq"
    of_two.write_bytes(shards[1].read_bytes().replace(f"shard 2/{N}".encode(), b"shard 2/2", 1))
    unreadable = folder / "a-folder.nq"
    unreadable.mkdir()
    return [
        ([shards[0], shards[1]], f"missing: 3/{N}"),
        ([shards[0], shards[1], shards[1], shards[2]], "is also in"),
        ([shards[0], shards[1], truncated], "incomplete shard"),
        ([foreign], "not a healthplan-kg shard"),
        ([damaged, shards[1], shards[2]], "not valid N-Quads"),
        ([shards[0], other, shards[2]], "other code or reference data"),
        ([shards[0], of_two, shards[2]], "different splits"),
        ([shards[0], folder / "missing.nq", shards[2]], "cannot be read"),
        ([shards[0], unreadable, shards[2]], "is a folder"),
    ]


def test_bad_shard_files_are_one_line_and_leave_the_store_as_it_was(shards, tmp_path):
    store = tmp_path / "store"
    load_shards(shards, store_path=store, check=False, optimize=False)
    before = EmbeddedStore.open(store, read_only=True).nquads()
    for files, fragment in _broken_sets(shards, tmp_path):
        proc = run("load", *map(str, files), "--store", str(store))
        assert_one_line_error(proc, fragment)
        assert EmbeddedStore.open(store, read_only=True).nquads() == before, fragment
    assert [p.name for p in (tmp_path / "store.versions").iterdir() if p.name.startswith("tmp-")] == []


def test_a_load_while_a_build_writes_the_store_is_refused(shards, tmp_path):
    with BuildLock(tmp_path / "store"):
        proc = run("load", *map(str, shards), "--store", str(tmp_path / "store"))
    assert_one_line_error(proc, "another build")


def test_a_shard_file_appears_only_when_complete(tmp_path):
    """A failing extract (here: --strict on a corpus with an unsupported file) leaves no shard file."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(next(resources.corpus_dir().glob("*.txt")), corpus / "a.txt")
    (corpus / "b.docx").write_bytes(b"PK\x03\x04 not really")
    proc = run("extract", "--shard", "1/1", "--format", "nq", "--corpus", str(corpus), "--strict",
               "-o", str(tmp_path / "shard.nq"))
    assert_one_line_error(proc, "b.docx")
    assert list(tmp_path.glob("*shard.nq*")) == []


def test_a_shard_on_stdout_loads_like_one_in_a_file(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(resources.corpus_dir().glob("*.txt"))[:2]:
        shutil.copy(path, corpus / path.name)
    shutil.copy(corpus / sorted(p.name for p in corpus.iterdir())[0], corpus / "copy.txt")  # same content
    proc = run("extract", "--shard", "1/1", "--format", "nq", "--corpus", str(corpus))
    assert proc.returncode == 0, proc.stderr
    assert "same content as" in proc.stderr
    (tmp_path / "one.nq").write_text(proc.stdout, encoding="utf-8")
    shard = ShardFile.check(tmp_path / "one.nq")
    assert (shard.shard, shard.documents) == (ShardSpec(1, 1), 2)
    report = load_shards([tmp_path / "one.nq"], store_path=tmp_path / "store", check=True)
    assert report.conforms and report.graphs == 5


def test_extract_of_files_writes_n_quads_too_and_needs_a_file():
    source = sorted(resources.corpus_dir().glob("*.txt"))[0]
    proc = run("extract", str(source), "--format", "nq")
    assert proc.returncode == 0, proc.stderr
    quads = list(ox.parse(proc.stdout.encode(), format=ox.RdfFormat.N_QUADS))
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    assert {q.graph_name.value for q in quads} == {f"https://w3id.org/healthplan-kg/graph/source/{digest[:16]}"}
    assert_one_line_error(run("extract"), "FILE")
