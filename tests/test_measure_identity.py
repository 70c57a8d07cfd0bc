"""One measure, one node: the same measure of one plan, from several texts and both written standards."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from healthplan_kg.extract import Extractor
from healthplan_kg.mapping import to_quads
from healthplan_kg.measure_identity import fold_label, measure_iri
from healthplan_kg.model import SourceText
from healthplan_kg.namespaces import HP, ID, RDFS, document_iri

PLAN = document_iri("Meld. St. 9 (2023–2024)")


@pytest.mark.parametrize(("nynorsk", "bokmal"), [
    ("Styrkje allmennlegetenesta i heile landet", "styrke allmennlegetjenesten i hele landet"),
    ("byggje ut helsefellesskapa", "bygge ut helsefellesskapene"),
    ("Betre tilgang til helsetenestar i heile fylket",
     "Bedre tilgang til helsetjenester i hele fylket"),
    ("korte ned ventetidene i sjukehusa", "korte ned ventetidene i sykehusene"),
])
def test_the_written_standards_fold_alike(nynorsk: str, bokmal: str) -> None:
    assert fold_label(nynorsk) == fold_label(bokmal)
    assert measure_iri(PLAN, nynorsk) == measure_iri(PLAN, bokmal)


def test_different_measures_and_different_plans_stay_apart() -> None:
    assert measure_iri(PLAN, "Bedre samhandling") != measure_iri(PLAN, "Bedre kvalitet")
    other = document_iri("Meld. St. 7 (2019–2020)")
    assert measure_iri(PLAN, "Bedre samhandling") != measure_iri(other, "Bedre samhandling")
    assert measure_iri(PLAN, "Bedre samhandling").startswith(ID + "measure/meld-st-9-2023-2024/")


def test_a_long_label_gets_a_bounded_readable_iri() -> None:
    label = " ".join(["gi eldre som bor alene, bedre hjelp i hverdagen og raskere svar fra kommunen"] * 4)
    iri = measure_iri(PLAN, label)
    assert len(iri) < len(ID) + 120
    assert iri != measure_iri(PLAN, label + " i hele landet")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.from_reference()


def _measures(extractor: Extractor, text: str) -> dict[str, set[str]]:
    source = SourceText(path=Path("t.txt"), source="t.txt", format="txt", text=text,
                        content_hash=hashlib.sha256(text.encode()).hexdigest())
    quads = to_quads(extractor.extract(source))
    items = {q.object.value for q in quads if q.predicate.value == HP + "item"}
    return {iri: {q.object.value for q in quads if q.subject.value == iri and q.predicate.value == RDFS + "label"}
            for iri in items}


def test_two_texts_in_two_written_standards_give_one_measure_node(extractor: Extractor) -> None:
    nb = _measures(extractor, "Meld. St. 9 (2023–2024) har to hovedgrep:\n\n"
                              "• Styrke allmennlegetjenesten i hele landet\n• Bygge ut helsefellesskapene\n")
    nn = _measures(extractor, "Meld. St. 9 (2023–2024) har to hovudgrep:\n\n"
                              "• Styrkje allmennlegetenesta i heile landet\n• Byggje ut helsefellesskapa\n")
    assert set(nb) == set(nn) and len(nb) == 2
    first = measure_iri(PLAN, "Styrke allmennlegetjenesten i hele landet")
    assert nb[first] | nn[first] == {"Styrke allmennlegetjenesten i hele landet",
                                     "Styrkje allmennlegetenesta i heile landet"}


def test_a_list_that_names_no_plan_keeps_its_measures_in_its_own_text(extractor: Extractor) -> None:
    one = _measures(extractor, "Kommunen har to hovedgrep:\n\n• Bedre samhandling\n• Flere fagfolk\n")
    two = _measures(extractor, "Fylket har to hovedgrep:\n\n• Bedre samhandling\n• Flere fagfolk\n")
    assert len(one) == 2 and not set(one) & set(two)
