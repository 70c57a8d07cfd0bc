"""Evidence per sentence: one Web Annotation per sentence or bulleted list, shared by the facts
stated there, each fact keeping its own offsets; nothing a user could ask before is lost.

The texts are written for these tests, in bokmål and nynorsk.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from healthplan_kg.evidence_units import EvidenceUnits
from healthplan_kg.extract import Extractor
from healthplan_kg.mapping import to_nquads, to_quads
from healthplan_kg.model import SourceText, Span
from healthplan_kg.namespaces import HP, OA
from healthplan_kg.queries import QueryRegistry
from healthplan_kg.store import EmbeddedStore

BOKMAL = ("Helsedirektoratet og Folkehelseinstituttet skal samarbeide om planen. "
          "Regjeringen legger fram en ny strategi i høst.\n"
          "Planen har tre hovedgrep:\n"
          "• Styrke fastlegeordningen i hele landet\n"
          "• Bedre samarbeid mellom kommuner og sykehus\n"
          "• Flere lærlinger i helsefagarbeiderfaget\n")
NYNORSK = ("Helsedirektoratet fekk i oppdrag å følgje opp planen saman med Folkehelseinstituttet. "
           "Direktoratet skal levere ein rapport innan 1. mars 2025.\n")


def _source(text: str, language: str) -> SourceText:
    return SourceText(path=Path("eigen.txt"), source="eigen.txt", format="txt", text=text,
                      content_hash=hashlib.sha256(text.encode()).hexdigest(), language=language)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.from_reference()


def _span(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words), words)


def test_two_spans_in_one_sentence_share_one_unit_and_a_new_sentence_gets_its_own():
    units = EvidenceUnits(_source(BOKMAL, "nb"))
    first, new_first = units.unit_of(_span(BOKMAL, "Helsedirektoratet"))
    second, new_second = units.unit_of(_span(BOKMAL, "Folkehelseinstituttet"))
    other, _ = units.unit_of(_span(BOKMAL, "Regjeringen"))
    assert new_first and not new_second and first == second
    assert first.span.text == "Helsedirektoratet og Folkehelseinstituttet skal samarbeide om planen."
    assert other != first and other.span.text.startswith("Regjeringen legger fram")
    assert first.iri.endswith(f"/{first.span.start}-{first.span.end}")


def test_a_bulleted_list_is_one_unit_with_the_sentence_that_introduces_it():
    items = [_span(BOKMAL, words) for words in ("Styrke fastlegeordningen i hele landet",
                                                "Bedre samarbeid mellom kommuner og sykehus",
                                                "Flere lærlinger i helsefagarbeiderfaget")]
    context = _span(BOKMAL, "Planen har tre hovedgrep:")
    units = EvidenceUnits(_source(BOKMAL, "nb"), [(context, items)])
    found = {units.unit_of(span)[0] for span in [context, *items]}
    assert len(found) == 1
    unit = found.pop()
    assert unit.span.start == context.start and unit.span.end == items[-1].end
    assert unit.span.text == BOKMAL[unit.span.start:unit.span.end]


def test_words_no_sentence_holds_are_their_own_unit():
    text = "Første setning her. Andre setning der."
    span = Span(6, 28, text[6:28])          # across the sentence break
    unit, _ = EvidenceUnits(_source(text, "nb")).unit_of(span)
    assert unit.span == span


@pytest.mark.parametrize("text, language", [(BOKMAL, "nb"), (NYNORSK, "nn")])
def test_every_fact_still_gives_its_source_its_exact_words_and_its_sentence(extractor, text, language):
    extraction = extractor.extract(_source(text, language))
    quads = to_quads(extraction)
    store = EmbeddedStore.in_memory()
    graph = quads[0].graph_name.value
    store.replace_graph(graph, quads)
    facts = {q.subject.value for q in quads if q.predicate.value == HP + "evidence"}
    annotations = {q.object.value for q in quads if q.predicate.value == HP + "evidence"}
    assert facts and len(annotations) < len(facts)                    # shared, not one per fact
    doc = next(q.subject.value for q in quads if q.predicate.value == HP + "sourceFile")
    rows = QueryRegistry.load().run(store, "document-facts", {"doc": doc}).values()
    assert {row["fact"] for row in rows} == facts
    for row in rows:                                                   # the exact span, as before
        assert row["exact"] == text[int(row["start"]):int(row["end"])]
    sentences = store.query(f"""SELECT ?fact ?sentence ?from WHERE {{ GRAPH ?g {{
        ?fact <{HP}evidence>/<{OA}hasTarget>/<{OA}hasSelector> ?quote, ?position .
        ?quote <{OA}exact> ?sentence . ?position <{OA}start> ?from }} }}""")
    assert {row["fact"].value for row in sentences} == facts
    for row in sentences:                                              # the sentence, from the text
        start = int(row["from"].value)
        assert text[start:start + len(row["sentence"].value)] == row["sentence"].value


def test_both_writers_give_the_same_shared_units(extractor):
    import pyoxigraph as ox
    extraction = extractor.extract(_source(BOKMAL + NYNORSK, "nb"))
    assert to_nquads(extraction) == ox.serialize(to_quads(extraction), format=ox.RdfFormat.N_QUADS)
