"""The search box's in-memory index answers what the saved query ``search`` answers: same rows,
same order, same columns, on the hand-written sample graph and on the built bundled corpus."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from healthplan_kg.queries import QueryRegistry
from healthplan_kg.store.embedded import EmbeddedStore
from healthplan_kg.web.search_index import SearchIndex

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "graph" / "sample.trig"
WORDS = ["helse", "Helse", "HELSEDIREKTORATET", "nou 2023", "NOU 2023: 4", "kommisjon", "plan", "Meld. St.",
         "direktorat", "omsorg", "ø", "e", "tid for handling", "ingen slik tekst finst", "fødsel", "–"]


def _saved(registry: QueryRegistry, store, words: str, lang: str) -> list[dict]:
    rows = registry.run(store, "search", {"q": words, "lang": lang}).values()
    return [{k: r[k] for k in ("entity", "label", "kind", "matched", "rank")} for r in rows]


@pytest.fixture(scope="module")
def registry() -> QueryRegistry:
    return QueryRegistry.load()


@pytest.fixture(scope="module")
def sample() -> EmbeddedStore:
    store = EmbeddedStore.in_memory()
    store.oxigraph.load(path=str(SAMPLE), format=ox.RdfFormat.TRIG)
    return store


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_index_gives_the_saved_search_rows_on_the_sample_graph(registry, sample, lang):
    index = SearchIndex.load(sample)
    answered = 0
    for words in WORDS:
        expected = _saved(registry, sample, words, lang)
        assert index.search(words, lang=lang) == expected, words
        answered += bool(expected)
    assert answered >= len(WORDS) - 3


def test_the_index_gives_the_saved_search_rows_on_the_bundled_corpus(registry, built_store):
    store = EmbeddedStore.open(built_store, read_only=True)
    try:
        index = SearchIndex.load(store)
        assert len(index) > 100
        for words in WORDS[:10]:
            for lang in ("nb", "nn"):
                assert index.search(words, lang=lang) == _saved(registry, store, words, lang), (words, lang)
    finally:
        store.close()


def test_the_index_answers_the_saved_query_as_its_terms(registry, sample):
    index = SearchIndex.load(sample)
    for words in WORDS:
        for lang in ("nb", "nn"):
            saved = registry.run(sample, "search", {"q": words, "lang": lang})
            assert index.result(words, lang=lang).rows == saved.rows
