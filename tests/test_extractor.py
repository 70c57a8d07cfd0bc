"""The whole extractor on short documents written for these tests, linked to the real reference data.

Each test states what an analyst would read out of the text: which bodies and documents it names
(linked to the reference entities where they exist), who says what, and the relations of the
contract, in bokmål and nynorsk.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from healthplan_kg.extract import Extractor
from healthplan_kg.mapping import to_quads
from healthplan_kg.model import Extraction, SourceText
from healthplan_kg.namespaces import OA, document_iri, organisation_iri


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.from_reference()


def source(text: str, name: str = "doc.txt") -> SourceText:
    return SourceText(path=Path(name), source=name, format="txt", text=text,
                      content_hash=hashlib.sha256(text.encode()).hexdigest())


def relations(x: Extraction) -> set[tuple[str, str, str]]:
    return {(r.subject.label, r.predicate, r.object.label) for r in x.relations}


def linked(x: Extraction) -> set[str]:
    return {m.entity.iri for m in x.mentions if m.entity.iri}


HOD = organisation_iri("helse-og-omsorgsdepartementet")
HDIR = organisation_iri("helsedirektoratet")


def test_bokmal_news_links_bodies_people_and_documents(extractor: Extractor) -> None:
    text = (
        "Ny rapport om fastlegene\n\n"
        "Publisert: 12. juni 2025\n\n"
        "Helsedirektoratet har fått oppdraget fra Helse- og omsorgsdepartementet med å følge med på "
        "fastlegeordningen. Direktoratet skal rapportere innen 1. desember 2025.\n\n"
        "Arbeidet følger opp Meld. St. 9 (2023–2024). Direktoratet samarbeider med KS og Legeforeningen.\n\n"
        "– Vi trenger bedre tall for å styre, sier helsedirektør Bjørn Guldvog.\n")
    x = extractor.extract(source(text))
    assert x.metadata.language == "nb" and x.metadata.published == "2025-06-12"
    assert {HOD, HDIR, document_iri("Meld. St. 9 (2023–2024)")} <= linked(x)
    rels = relations(x)
    assert ("Helse- og omsorgsdepartementet", "assigns_task_to", "Helsedirektoratet") in rels
    assert ("Helsedirektoratet", "collaborates_with", "Den norske legeforening") in rels
    [quote] = x.quotes
    assert quote.speaker.label == "Bjørn Guldvog" and quote.text.startswith("Vi trenger bedre tall")
    guldvog = next(p for p in x.people if p.person.label == "Bjørn Guldvog")
    assert guldvog.role == "helsedirektør" and guldvog.person.iri is not None
    assert any(e.kind == "deadline" and e.date == "2025-12-01" for e in x.events)


def test_nynorsk_text_resolves_definite_references(extractor: Extractor) -> None:
    text = (
        "Regjeringa har lagt fram ei ny melding\n\n"
        "Regjeringa la fram Nasjonal helse- og samhandlingsplan i mars. Meldinga erstattar "
        "Nasjonal helse- og sykehusplan 2020–2023. Meldinga skal sjåast i samanheng med "
        "helseberedskapsmeldinga.\n\n"
        "Utgreiinga frå Sykehusutvalet vart følgd opp i meldinga, og departementet har bede "
        "Helsedirektoratet om å greie ut nye tilskot.\n")
    x = extractor.extract(source(text))
    assert x.metadata.language == "nn"
    rels = relations(x)
    assert ("Nasjonal helse- og samhandlingsplan", "replaces", "Nasjonal helse- og sykehusplan 2020–2023") in rels
    assert ("Nasjonal helse- og samhandlingsplan", "seen_in_connection_with", "Helseberedskapsmeldingen") in rels
    assert ("Nasjonal helse- og samhandlingsplan", "follows_up", "Sykehusutvalget") in rels
    # "departementet" is the responsible ministry of the plan the text is about.
    assert HOD in linked(x)
    # The commission's report is a document the text refers to, though it is not named.
    assert document_iri("NOU 2023: 8") in linked(x)


def test_unlinked_names_are_kept_unlinked(extractor: Extractor) -> None:
    text = ("Eksempelkommunen har laget en veileder for velferdsteknologi i hjemmetjenesten. "
            "Den er utarbeidet sammen med Eksempelforbundet.\n")
    x = extractor.extract(source(text))
    unlinked = {m.entity.label: m.entity.kind for m in x.mentions if not m.entity.iri}
    assert unlinked.get("veileder for velferdsteknologi i hjemmetjenesten") == "PolicyDocument"
    assert unlinked.get("Eksempelforbundet") == "Organisation"


def test_names_inside_addresses_are_not_mentions(extractor: Extractor) -> None:
    text = "Send svar til helseplan@hod.dep.no eller les mer på www.regjeringen.no/helseplan.\n"
    x = extractor.extract(source(text))
    assert not [m for m in x.mentions if m.entity.kind == "PolicyDocument"]


def test_every_fact_carries_exact_evidence_and_the_mapping_is_deterministic(extractor: Extractor) -> None:
    text = ("Planen har tre hovedgrep:\n• Flere fagfolk\n• Bedre samhandling\n• Nye tilskudd\n\n"
            "– Dette er viktig, sier statsråd Ingvild Kjerkol.\n")
    x = extractor.extract(source(text))
    quads = to_quads(x)
    assert quads == to_quads(extractor.extract(source(text)))
    starts = {q.subject: int(q.object.value) for q in quads if q.predicate.value == OA + "start"}
    ends = {q.subject: int(q.object.value) for q in quads if q.predicate.value == OA + "end"}
    exact = {q.subject.value.rsplit("/", 1)[0]: q.object.value for q in quads if q.predicate.value == OA + "exact"}
    assert starts and len(starts) == len(ends) == len(exact)
    for selector, start in starts.items():
        assert text[start:ends[selector]] == exact[selector.value.rsplit("/", 1)[0]]
    assert [i.label for i in x.lists[0].items] == ["Flere fagfolk", "Bedre samhandling", "Nye tilskudd"]


def test_an_og_inside_a_themes_name_does_not_split_the_theme(extractor: Extractor) -> None:
    # Four themes, two of them named with "og" of their own; the last "og" of the enumeration is
    # the one that separates items, the others belong to the names.
    text = ("Strategien for kommunene\n\nStrategien tar for seg disse temaene: digitalisering, "
            "forskning og innovasjon, psykisk helse og rus og beredskap.\n")
    x = extractor.extract(source(text))
    [themes] = [lst for lst in x.lists if lst.kind == "themes"]
    assert [item.label for item in themes.items] == ["digitalisering", "forskning og innovasjon",
                                                     "psykisk helse og rus", "beredskap"]
    assert all(item.entity is not None for item in themes.items)
    # Words joined by "og" that name no single theme stay two items.
    text = "Notat\n\nNotatet tar for seg disse temaene: folkehelse, beredskap og digitalisering.\n"
    [themes] = [lst for lst in extractor.extract(source(text)).lists if lst.kind == "themes"]
    assert [item.label for item in themes.items] == ["folkehelse", "beredskap", "digitalisering"]
