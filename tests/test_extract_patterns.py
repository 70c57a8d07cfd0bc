"""The extraction patterns, one at a time, on sentences written for these tests (bokmål and nynorsk).

None of these sentences comes from the seed documents: the rules must hold for the language, so
they are tested on language the rules were not written against.
"""

from __future__ import annotations

import pytest

from healthplan_kg.extract.dates import find_dates
from healthplan_kg.extract.groups import group_phrases
from healthplan_kg.extract.identifiers import canonical_identifier, find_identifiers
from healthplan_kg.extract.language import detect_language
from healthplan_kg.extract.lists import bullet_lists
from healthplan_kg.extract.metadata import read_metadata
from healthplan_kg.extract.named_documents import find_named_documents
from healthplan_kg.extract.people import find_people
from healthplan_kg.extract.quotes import find_quotes
from healthplan_kg.extract.sentence_lists import inline_lists
from healthplan_kg.extract.text import all_sentences, paragraphs, sentences
from healthplan_kg.model import Span


def whole(text: str) -> Span:
    return Span(0, len(text), text)


@pytest.mark.parametrize("text, expected", [
    ("jf. Meld. St. 12 (2021-2022) om kvalitet", "Meld. St. 12 (2021–2022)"),
    ("se NOU 2019:26 for bakgrunn", "NOU 2019: 26"),
    ("i Prop. 57 L (2023 – 2024) foreslår", "Prop. 57 L (2023–2024)"),
    ("St.meld. nr. 16 (2010–2011) var den første", "St.meld. nr. 16 (2010–2011)"),
    ("Innst. 12 S (2024–2025) fra komiteen", "Innst. 12 S (2024–2025)"),
])
def test_identifiers_are_written_the_way_the_government_writes_them(text: str, expected: str) -> None:
    found = find_identifiers(text)
    assert [f.identifier for f in found] == [expected]
    assert text[found[0].span.start:found[0].span.end] == found[0].span.text


def test_a_number_that_only_looks_like_an_identifier_is_not_one() -> None:
    assert canonical_identifier("NOU-en kom i 2023 med 4 kapitler") is None


def test_norwegian_dates_in_words_numbers_and_months() -> None:
    dates = find_dates("Fristen er 3. oktober 2025, mens møtet var 07.05.2024 og rapporten kommer i mai 2026.")
    assert [d.iso for d in dates] == ["2025-10-03", "2024-05-07", "2026-05"]
    assert [d.iso for d in find_dates("innen 2. april", default_year=2021)] == ["2021-04-02"]
    assert find_dates("innen 2. april") == []       # no year known: no guess
    assert find_dates("31.02.2024") == []           # not a date


@pytest.mark.parametrize("text, language", [
    ("Departementet vil ikke gjøre noe med saken før hele rapporten er lest, sier hun.", "nb"),
    ("Departementet vil ikkje gjere noko med saka før heile rapporten er lesen, seier ho.", "nn"),
    ("Kommunane og sjukehusa må samarbeide betre om pasientar med fleire diagnosar.", "nn"),
    ("Kommunene og sykehusene må samarbeide bedre om pasienter med flere diagnoser.", "nb"),
])
def test_written_standard_is_decided_from_the_text(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_metadata_lines_of_norwegian_sites() -> None:
    text = ("Ny ordning for fastleger\n\nTekst om saken.\n\n"
            "Publisert 04.03.2025\nSist endret: 6. mars 2025\n\nSkrevet av Ola Nordmann\n")
    meta = read_metadata(text)
    assert (meta.title, meta.published, meta.modified, meta.author) == (
        "Ny ordning for fastleger", "2025-03-04", "2025-03-06", "Ola Nordmann")
    assert text[meta.author_span.start:meta.author_span.end] == "Ola Nordmann"


def test_the_signature_under_a_letters_greeting_is_its_author() -> None:
    text = "Invitasjon til møte\n\nVi ber om svar.\n\nMed vennleg helsing\n\nKari Holm Berg\n\nVedlegg"
    assert read_metadata(text).author == "Kari Holm Berg"
    assert read_metadata("Tittel\n\nFyrst publisert: 01.02.2023").published == "2023-02-01"


def test_sentences_do_not_break_inside_identifiers_or_abbreviations() -> None:
    text = "Regjeringen la fram Meld. St. 4 (2022–2023) i går. Den følger bl.a. opp NOU 2021: 4. Ferdig."
    assert [s.text for s in sentences(text)] == [
        "Regjeringen la fram Meld. St. 4 (2022–2023) i går.",
        "Den følger bl.a. opp NOU 2021: 4.", "Ferdig."]


@pytest.mark.parametrize("sentence, label, kind", [
    ("Direktoratet skal lage en veileder om legemiddelgjennomgang i sykehjem.",
     "veileder om legemiddelgjennomgang i sykehjem", "guideline"),
    ("Regjeringa vil leggje fram ein ny strategi for førebygging av einsemd.",
     "ny strategi for førebygging av einsemd", "strategy"),
    ("Arbeidet må sees sammen med eldrereformen.", "eldrereformen", "other"),
    ("Tiltaket inngår i opptrappingsplan rusfeltet, som varer til 2030.", "opptrappingsplan rusfeltet", "plan"),
    ("Dette følger av handlingsplan for fysisk aktivitet 2020–2029.",
     "handlingsplan for fysisk aktivitet 2020–2029", "plan"),
    ("Saken gjelder leve trygt heime-reforma i kommunane.", "leve trygt heime-reforma", "other"),
])
def test_named_documents_are_found_with_their_modifiers_and_complements(sentence: str, label: str,
                                                                         kind: str) -> None:
    found = find_named_documents(sentence, whole(sentence))
    assert [(d.label, d.kind) for d in found] == [(label, kind)]


def test_generic_and_anaphoric_heads_are_not_new_documents() -> None:
    sentence = "Planen er klar, og en ny stortingsmelding kommer senere, sa hun om den nye planen."
    found = find_named_documents(sentence, whole(sentence))
    assert all(d.bare for d in found)
    assert "stortingsmelding" not in {d.head for d in found}
    assert find_named_documents("Alt gikk etter planen.", whole("Alt gikk etter planen.")) == []


def test_an_enumeration_of_names_stops_before_the_next_name() -> None:
    sentence = "Tiltaket ses i sammenheng med veileder for hjemmetjenester og strategi for kreft."
    labels = [d.label for d in find_named_documents(sentence, whole(sentence))]
    assert labels == ["veileder for hjemmetjenester", "strategi for kreft"]


@pytest.mark.parametrize("text, name, role", [
    ("Det er bra, sier fylkeslege Per Olav Hansen.", "Per Olav Hansen", "fylkeslege"),
    ("Dette meiner Astrid Li, avdelingsdirektør i Eksempeldirektoratet.", "Astrid Li", "avdelingsdirektør"),
    ("– Vi er klare, seier dagleg leiar for brukarrådet, Jon Vik.", "Jon Vik", "leiar for brukarrådet"),
])
def test_people_with_the_roles_texts_give_them(text: str, name: str, role: str) -> None:
    found = {p.name: p for p in find_people(text)}
    assert name in found
    assert any(p.role and role in p.role for p in find_people(text) if p.name == name)


def test_quotes_are_attributed_and_continued() -> None:
    text = ("Ny plan lagt fram\n\n"
            "– Dette er et løft for kommunene. Vi har ventet lenge, sier ordfører Liv Strand.\n\n"
            "– Nå må pengene følge med.\n\n"
            "Hun har skrevet til departementet.\n\n"
            "– kort mellomtittel\n")
    quotes = find_quotes(text, paragraphs(text))
    assert [q.span.text for q in quotes] == [
        "Dette er et løft for kommunene. Vi har ventet lenge", "Nå må pengene følge med."]
    assert quotes[0].speaker_span.text == "ordfører Liv Strand"
    assert quotes[1].speaker_span is None           # continues the previous speaker


def test_a_quote_whose_attribution_comes_in_the_next_paragraph_is_kept_whole() -> None:
    text = ("– Vi må tenke nytt om bemanning.\n\nDet gjeld både sjukehus og kommunar, "
            "seier forskar Ida Moe.\n")
    [quote] = find_quotes(text, paragraphs(text))
    assert quote.span.text.startswith("Vi må tenke nytt") and quote.span.text.endswith("kommunar")
    assert quote.speaker_span.text == "forskar Ida Moe"


def test_bulleted_list_of_main_measures_keeps_its_order() -> None:
    text = ("Strategien har fire hovudgrep:\n• Betre kvalitet\n• Kortare ventetid\n"
            "• Fleire tilsette\n• Enklare regelverk\n\nJeg ber om svar på:\n1. Hva virker?\n2. Hva koster det?\n")
    [found] = bullet_lists(text, paragraphs(text))
    assert found.kind == "measures"
    assert [i.text for i in found.items] == ["Betre kvalitet", "Kortare ventetid", "Fleire tilsette",
                                             "Enklare regelverk"]


def test_themes_and_inline_lists() -> None:
    text = "Meldinga skal handle om desse temaa:\n• Folkehelse\n• Beredskap\n"
    assert bullet_lists(text, paragraphs(text))[0].kind == "themes"
    sentence = "Planen har tre satsingsområder: kvalitet / kompetanse / digitale tjenester."
    [found] = inline_lists(sentence, whole(sentence), None)
    assert [i.text for i in found.items] == ["kvalitet", "kompetanse", "digitale tjenester"]


def test_an_enumeration_announced_by_the_sentence_before() -> None:
    text = "Rapporten peker på flere tiltak. Både bedre ledelse, nye arbeidsformer og mer opplæring foreslås."
    first, second = all_sentences(text)
    [found] = inline_lists(text, first, second)
    assert [i.text for i in found.items] == ["bedre ledelse", "nye arbeidsformer", "mer opplæring"]


def test_priority_groups_in_running_text_keep_their_inner_commas() -> None:
    sentence = ("De prioriterte gruppene er barn og unge, eldre med demens, personer med rusproblemer "
                "og psykiske lidelser og gravide kvinner, nybakte mødre og fedre.")
    groups = [g.text for g in group_phrases(sentence, whole(sentence))]
    assert groups == ["barn og unge", "eldre med demens", "personer med rusproblemer og psykiske lidelser",
                      "gravide kvinner", "nybakte mødre og fedre"]


def test_quotes_in_guillemets_with_their_attribution() -> None:
    text = "Saken\n\n«Vi er glade for tilskuddet», sier leder Anne Berg i Eksempelforeningen.\n"
    [quote] = find_quotes(text, paragraphs(text))
    assert quote.span.text == "Vi er glade for tilskuddet"
    assert quote.speaker_span.text.startswith("leder Anne Berg")


def test_organisations_defined_with_their_acronym() -> None:
    from healthplan_kg.extract.organisations import find_acronym_definitions
    text = "Landsforeningen for Eksempelpasienter (LFE) og Nordisk Testråd (NTR) var til stede i fjor (2023)."
    assert [(b.label, b.head) for b in find_acronym_definitions(text)] == [
        ("Landsforeningen for Eksempelpasienter", "LFE"), ("Nordisk Testråd", "NTR")]


def test_a_person_introduced_with_is_and_a_role() -> None:
    [person] = [p for p in find_people("Kari Nordvik er ny fagdirektør i Eksempeletaten.") if p.role]
    assert (person.name, person.role, person.org_text.text.strip()) == (
        "Kari Nordvik", "fagdirektør", "i Eksempeletaten")
