"""The build: counts, skipped files, --strict, atomic swaps, determinism and incremental reuse."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from healthplan_kg import build as build_module
from healthplan_kg import extraction_pool, resources
from healthplan_kg.build import build
from healthplan_kg.errors import InputError, StoreError
from healthplan_kg.namespaces import ONTOLOGY_GRAPH, REFERENCE_GRAPH, source_graph_iri
from healthplan_kg.store import EmbeddedStore, open_store


def _dump(path: Path) -> bytes:
    import io
    store = open_store(path, read_only=True)
    buffer = io.BytesIO()
    store.dump(buffer)
    store.close()
    return buffer.getvalue()


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A copy of the bundled corpus that a test may add bad files to."""
    folder = tmp_path / "corpus"
    shutil.copytree(resources.corpus_dir(), folder)
    return folder


def test_bundled_corpus_builds_every_document_into_its_own_graph(built):
    documents = [p for p in resources.corpus_dir().iterdir()
                 if p.suffix in (".txt", ".html", ".htm", ".pdf")]
    assert built.documents == len(documents)
    assert not built.skipped
    store = open_store(built.target, read_only=True)
    graphs = store.named_graphs()
    assert ONTOLOGY_GRAPH in graphs and REFERENCE_GRAPH in graphs
    assert built.quads == len(store)
    assert built.validation is not None
    if built.quads > len(list(store.quads(ONTOLOGY_GRAPH))) + len(list(store.quads(REFERENCE_GRAPH))):
        # once the mapper writes source graphs, each document has one named after its content hash
        import hashlib
        for document in documents:
            digest = hashlib.sha256(document.read_bytes()).hexdigest()
            assert source_graph_iri(digest) in graphs, document.name


def test_same_inputs_give_byte_identical_nquads_serial_or_parallel(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(extraction_pool, "_MIN_PARALLEL", 1)   # use the worker pool even for a few files
    first = build([corpus], store_path=tmp_path / "a", jobs=1, progress=False, check=False)
    second = build([corpus], store_path=tmp_path / "b", jobs=2, progress=False, check=False)
    assert first.quads == second.quads > 0
    assert _dump(tmp_path / "a") == _dump(tmp_path / "b")


def test_unsupported_and_empty_files_are_skipped_by_name(corpus, tmp_path):
    (corpus / "notes.docx").write_bytes(b"PK\x03\x04 not really a docx")
    (corpus / "empty.txt").write_text("  \n", encoding="utf-8")
    report = build([corpus], store_path=tmp_path / "store", jobs=1, progress=False, check=False)
    reasons = {s.path.name: s.reason for s in report.skipped}
    assert set(reasons) == {"notes.docx", "empty.txt"}
    assert "unsupported" in reasons["notes.docx"]
    assert "empty" in reasons["empty.txt"]
    assert report.documents == len(list(resources.corpus_dir().glob("*.txt"))) + len(
        list(resources.corpus_dir().glob("*.htm*"))) + len(list(resources.corpus_dir().glob("*.pdf")))


@pytest.mark.parametrize("bad_file", ["notes.docx", "empty.txt"])
def test_strict_build_stops_before_writing_anything(corpus, tmp_path, bad_file):
    (corpus / bad_file).write_bytes(b"PK\x03\x04" if bad_file.endswith(".docx") else b"\n")
    with pytest.raises(InputError, match=bad_file):
        build([corpus], store_path=tmp_path / "store", strict=True, jobs=1, progress=False, check=False)
    assert list(tmp_path.iterdir()) == [corpus]


def test_a_failed_build_leaves_the_previous_store_as_it_was(corpus, tmp_path, monkeypatch):
    target = tmp_path / "store"
    build([corpus], store_path=target, jobs=1, progress=False, check=False)
    before = _dump(target)

    def broken_validate(store, **_):
        raise StoreError("disk full (simulated)")

    monkeypatch.setattr(build_module, "validate", broken_validate)
    (corpus / "new.txt").write_text("Helsedirektoratet har fått et nytt oppdrag.\n", encoding="utf-8")
    with pytest.raises(StoreError, match="simulated"):
        build([corpus], store_path=target, jobs=1, progress=False)
    assert _dump(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "store", "store.versions"]
    # no temp folder left: the versions folder holds the one finished store and the lock file
    assert [p.name.split("-")[0] for p in sorted((tmp_path / "store.versions").iterdir())] == ["build.lock", "v"]


def test_rebuild_swaps_in_the_new_graph(corpus, tmp_path):
    target = tmp_path / "store"
    first = build([corpus], store_path=target, jobs=1, progress=False, check=False)
    removed = sorted(corpus.glob("*.txt"))[0]
    removed.unlink()
    second = build([corpus], store_path=target, jobs=1, progress=False, check=False)
    assert second.documents == first.documents - 1
    store = open_store(target, read_only=True)
    assert len(store) == second.quads


def test_incremental_build_reuses_unchanged_sources(corpus, tmp_path):
    target = tmp_path / "store"
    first = build([corpus], store_path=target, jobs=1, progress=False, check=False)
    if not any(g.startswith(source_graph_iri("")) for g in open_store(target, read_only=True).named_graphs()):
        pytest.skip("the mapper writes no source graphs yet: nothing to reuse")
    second = build([corpus], store_path=target, jobs=1, progress=False, check=False)
    assert second.reused == second.documents == first.documents
    assert second.quads == first.quads


def test_never_replaces_a_folder_that_is_not_a_store(corpus, tmp_path):
    precious = tmp_path / "documents"
    precious.mkdir()
    (precious / "thesis.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(StoreError, match="not a healthplan-kg store"):
        build([corpus], store_path=precious, jobs=1, progress=False, check=False)
    assert (precious / "thesis.txt").read_text(encoding="utf-8") == "mine"


def test_missing_corpus_folder_is_bad_input(tmp_path):
    with pytest.raises(InputError, match="no such corpus folder"):
        build([tmp_path / "nope"], store_path=tmp_path / "store", progress=False)


def test_built_store_opens_while_another_reader_has_it_open(built_store):
    readers = [EmbeddedStore.open(built_store, read_only=True) for _ in range(2)]
    assert len(readers[0]) == len(readers[1]) > 0
