"""The gazetteer tells a name from the same words used as ordinary prose.

Reference data now holds bodies and documents whose names are plain Norwegian words: a patient
organisation written with every word capitalised, white-paper titles made of everyday phrases.
Lower-case running text uses those words as prose, so such names count only with their own
capitals; names that texts also write in lower case (one-word names, titles with a genre word)
must keep matching as before. Sentences here are written for these tests, in both standards.
"""

from __future__ import annotations

from healthplan_kg.extract.gazetteer import Gazetteer, needs_initials
from healthplan_kg.model import GazetteerEntry

ORG = "https://example.org/organisation/"
DOC = "https://example.org/document/"


def entry(label: str, iri: str, kind: str = "Organisation") -> GazetteerEntry:
    return GazetteerEntry(label=label, iri=iri, kind=kind, preferred=label, weight=3)


def found(gazetteer: Gazetteer, text: str) -> list[tuple[str, str]]:
    return [(hit.span.text, hit.entry.iri) for hit in gazetteer.find(text)]


GAZETTEER = Gazetteer([
    entry("Mental Helse", ORG + "mental-helse"),
    entry("Regjeringen", ORG + "regjeringen"),
    entry("Statsforvalteren", ORG + "statsforvalteren"),
    entry("Statsforvaltaren", ORG + "statsforvalteren"),
    entry("Helse for alle", DOC + "helse-for-alle", "PolicyDocument"),
    entry("Nasjonal helse- og samhandlingsplan", DOC + "nhsp", "PolicyDocument"),
    entry("Kari Nordmann", "https://example.org/person/kari-nordmann", "Person"),
])


def test_a_name_of_capitalised_words_is_found_as_written():
    assert found(GAZETTEER, "Styret i Mental Helse møtte ministeren.") == [
        ("Mental Helse", ORG + "mental-helse")]


def test_the_same_words_in_lower_case_are_prose_in_bokmal_and_nynorsk():
    assert found(GAZETTEER, "Tilbudet innen mental helse må styrkes i kommunene.") == []
    assert found(GAZETTEER, "Tilbodet innan mental helse må styrkjast i kommunane.") == []


def test_a_title_of_ordinary_words_counts_only_where_the_text_capitalises_it():
    assert found(GAZETTEER, "Meldingen Helse for alle ble lagt fram i vår.") == [
        ("Helse for alle", DOC + "helse-for-alle")]
    assert found(GAZETTEER, "Målet er god helse for alle innbyggere.") == []
    assert found(GAZETTEER, "Målet er god helse for alle innbyggjarar.") == []


def test_a_title_with_a_genre_word_is_still_found_in_lower_case():
    text = "Tiltakene i nasjonal helse- og samhandlingsplan skal følges opp."
    assert found(GAZETTEER, text) == [("nasjonal helse- og samhandlingsplan", DOC + "nhsp")]


def test_a_one_word_name_is_still_found_in_lower_case():
    assert found(GAZETTEER, "Det er regjeringen som bestemmer.") == [("regjeringen", ORG + "regjeringen")]


def test_the_plural_of_an_agent_noun_name_links_to_the_body_in_both_standards():
    assert found(GAZETTEER, "Alle statsforvalterne fikk oppdraget.") == [
        ("statsforvalterne", ORG + "statsforvalteren")]
    assert found(GAZETTEER, "Alle statsforvaltarane fekk oppdraget.") == [
        ("statsforvaltarane", ORG + "statsforvalteren")]


def test_which_names_need_their_capitals():
    assert needs_initials("Mental Helse", "Organisation")
    assert needs_initials("Kari Nordmann", "Person")
    assert needs_initials("Tid for handling", "PolicyDocument")
    assert not needs_initials("Den norske legeforening", "Organisation")
    assert not needs_initials("Nasjonal helse- og samhandlingsplan", "PolicyDocument")
    assert not needs_initials("Regjeringen", "Organisation")
    assert not needs_initials("helse- og omsorgskomiteen", "Organisation")
    assert not needs_initials("NK LMH", "Organisation")
