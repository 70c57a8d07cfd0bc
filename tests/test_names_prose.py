"""Organisations and policy documents recognised by the shape of their names, in bokmål and
nynorsk, and the identifier kinds that must reach the graph typed as their shapes demand.

Every sentence here is written for the test; none comes from a corpus text.
"""

from __future__ import annotations

import pytest

from healthplan_kg.build import build
from healthplan_kg.extract.identifiers import find_identifiers, identifier_class


def test_regression_unlinked_storting_recommendation_is_typed_as_a_recommendation(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "innstilling.txt").write_text(
        "Komiteen la fram Innst. 912 S (2031-2032) om tannhelse i går.\n"
        "Stortinget slutta seg til innstillinga.\n", encoding="utf-8")
    report = build([corpus], store_path=tmp_path / "store", jobs=1, progress=False)
    assert report.conforms


@pytest.mark.parametrize(("text", "cls"), [
    ("Innst. 4 L (2030–2031)", "ParliamentaryRecommendation"),
    ("Meld. St. 3 (2030–2031)", "WhitePaper"),
    ("NOU 2031: 2", "OfficialReport"),
    ("Prop. 7 S (2030–2031)", "Proposition"),
])
def test_identifier_names_its_class(text, cls):
    [found] = find_identifiers(text)
    assert identifier_class(found.identifier) == cls


def test_no_class_without_identifier():
    assert identifier_class(None) is None
    assert identifier_class("Handlingsplan for bedre helse") is None


# -- organisations by the shape of their names ----------------------------------------------

def _bodies(text: str) -> list[str]:
    from healthplan_kg.extract.organisations import find_shaped_bodies
    return [b.label for b in find_shaped_bodies(text)]


@pytest.mark.parametrize(("text", "expected"), [
    # bokmål: an indefinite kind word closing a capitalised name
    ("Høringen gikk til Norsk Radiografforbund og Norges Diabetesforbund i fjor.",
     ["Norsk Radiografforbund", "Norges Diabetesforbund"]),
    ("Den norske jordmorforening støtter forslaget.", ["Den norske jordmorforening"]),
    ("Innspillet kom fra Norges Optikerske Forening.", ["Norges Optikerske Forening"]),
    ("Representanten fra Kristelig Folkeparti stemte imot.", ["Kristelig Folkeparti"]),
    ("Tallene kommer fra Statistisk sentralbyrå hvert år.", ["Statistisk sentralbyrå"]),
    # nynorsk
    ("Innspelet kom frå Noregs Bondelag og Norsk Sjukepleiarforbund.",
     ["Noregs Bondelag", "Norsk Sjukepleiarforbund"]),
    ("Studentane ved Noregs teknisk-naturvitskaplege universitet svarte.",
     ["Noregs teknisk-naturvitskaplege universitet"]),
    # a kind word and its "for" complement
    ("Landsforeningen for Nyrepasienter og Landsforeningen for hjertesyke skrev under.",
     ["Landsforeningen for Nyrepasienter", "Landsforeningen for hjertesyke"]),
    ("Saka vart send til Nasjonalt senter for fleirkulturell opplæring.",
     ["Nasjonalt senter for fleirkulturell opplæring"]),
    ("Forskere ved Institutt for klinisk medisin deltok.", ["Institutt for klinisk medisin"]),
    ("Vi møtte Rådet for Hud- og kjønnssykdommer i går.", ["Rådet for Hud- og kjønnssykdommer"]),
    # hyphen coordination
    ("Kultur- og likestillingsdepartementet og Nærings- og fiskeridepartementet svarte.",
     ["Kultur- og likestillingsdepartementet", "Nærings- og fiskeridepartementet"]),
    ("Brevet gjekk til Barne- og familiedepartement.", ["Barne- og familiedepartement"]),
])
def test_names_closed_by_a_kind_word(text, expected):
    assert _bodies(text) == expected


@pytest.mark.parametrize("text", [
    "Alle sykehus skal ha et senter for læring og mestring.",
    "Kvart universitet skal ha eit råd for samarbeid.",
    "Regjeringens råd er å vente. Helsedirektoratets institutt er nytt.",
    "Forslaget for neste år er klart. Grunnlaget for dette er godt.",
    "Norske sykehus har lange køer, og norske sykehus trenger folk.",
    "Området for tjenesten er stort.",
    "Det skal etableres et forum for pårørende.",
    "Dei lokale foreiningane for eldre fekk midlar.",
])
def test_class_nouns_and_common_words_are_not_names(text):
    assert _bodies(text) == []


def test_a_verb_after_the_complement_is_not_part_of_the_name():
    assert _bodies("Landsforeningen for Nyrepasienter skrev under på opprop.") == ["Landsforeningen for Nyrepasienter"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Pandemikommisjonens rapporter ble lest.", ["Pandemikommisjonen"]),
    ("Pandemikommisjonenes rapportar vart lesne.", ["Pandemikommisjonen"]),
    ("Fremskrittspartiet og Miljøpartiets representant var til stede.", ["Fremskrittspartiet", "Miljøpartiet"]),
])
def test_one_word_bodies_fold_the_genitive(text, expected):
    from healthplan_kg.extract.organisations import find_named_bodies
    assert [b.label for b in find_named_bodies(text)] == expected


def test_an_area_is_not_a_council():
    from healthplan_kg.extract.organisations import find_named_bodies
    assert find_named_bodies("Helsetenesta i Trondheimsområdet er god.") == []


@pytest.mark.parametrize("text", ["Tall fra Norsk hjerteregister (NHR) viser dette.",
                                  "Resultata frå Nasjonalt screeningprogram (NSP) er klare."])
def test_registers_and_schemes_defined_by_acronym_are_not_bodies(text):
    from healthplan_kg.extract.organisations import find_acronym_definitions
    assert find_acronym_definitions(text) == []


# -- policy documents by the shape of their names --------------------------------------------

def _documents(text: str) -> list[tuple[str, str]]:
    from healthplan_kg.extract.named_documents import find_named_documents
    from healthplan_kg.model import Span
    return [(d.label, d.kind) for d in find_named_documents(text, Span(0, len(text), text))]


@pytest.mark.parametrize(("text", "expected"), [
    # laws named by their compound ("-loven", nynorsk "-lova"), also hyphen-coordinated
    ("Endringen gjelder tannhelsetjenesteloven og spesialisthelsetjenesteloven.",
     [("tannhelsetjenesteloven", "law"), ("spesialisthelsetjenesteloven", "law")]),
    ("Framlegget endrar pasient- og brukarrettslova.", [("pasient- og brukarrettslova", "law")]),
    ("Etter Mållova skal staten bruke begge målformene.", [("Mållova", "law")]),
    # "lov om ..." and a dated regulation kept whole, not cut at the date
    ("Saken gjelder lov om kommunale helse- og omsorgstjenester.",
     [("lov om kommunale helse- og omsorgstjenester", "law")]),
    ("Vi viser til forskrift 3. april 2031 nr. 77 om smittevern i skolen.",
     [("forskrift 3. april 2031 nr. 77 om smittevern i skolen", "law")]),
    ("Heimelen står i lov 2. mai 2029 nr. 9 om tannhelse.", [("lov 2. mai 2029 nr. 9 om tannhelse", "law")]),
    # consultation notes, budgets, agreements, allocation letters
    ("Departementet sendte ut høringsnotat om nye regler for legemidler.",
     [("høringsnotat om nye regler for legemidler", "other")]),
    ("Pengane kjem i statsbudsjettet for 2032.", [("statsbudsjettet for 2032", "other")]),
    ("Tiltaket ligger inne i regjeringens forslag til statsbudsjett for 2032.",
     [("regjeringens forslag til statsbudsjett for 2032", "proposition")]),
    ("Dei signerte ei avtale om felles legevakt.", [("avtale om felles legevakt", "other")]),
    ("Oppdraget står i tildelingsbrev for Helsedirektoratet 2032.",
     [("tildelingsbrev for Helsedirektoratet 2032", "letter")]),
    # a regional plan named with its region in capitals
    ("Arbeidet med Regional helseplan i Helseregion Nord held fram.",
     [("Regional helseplan i Helseregion Nord", "plan")]),
    # an action verb before the article: a reform being named
    ("Derfor skal vi legge fram en kommunereform.", [("kommunereform", "other")]),
])
def test_documents_named_by_their_shape(text, expected):
    assert _documents(text) == expected


@pytest.mark.parametrize("text", [
    "Spørsmålet er om det er en helsereform eller en samfunnsreform.",
    "Dette er ein strategi for å styrke tenesta.",
    "Vi trenger en plan for hvordan vi skal gjøre det.",
    "Statsforvalterne sendte rapportene til direktoratet.",
    "Pressemelding fra departementet.",
    "Vi fekk mange tilbakemeldingar og ei tilbakemelding frå kommunen.",
    "Dei lova å betre tilbodet.",
])
def test_descriptions_and_everyday_nouns_are_not_documents(text):
    assert _documents(text) == []


def test_two_plans_of_one_period_with_their_own_complements_stay_two(tmp_path):
    from healthplan_kg.extract import Extractor
    from healthplan_kg.model import SourceText
    text = ("Regjeringa viser til desse planane:\n"
            "• Strategi for god munnhelse 2031–2034\n"
            "• Strategi for trygg mat 2031–2034\n")
    source = SourceText(path=tmp_path / "plans.txt", source="plans.txt", format="txt", text=text,
                        content_hash="cd" * 32)
    extraction = Extractor([]).extract(source)
    labels = {m.entity.label for m in extraction.mentions if m.entity.kind == "PolicyDocument"}
    assert labels == {"Strategi for god munnhelse 2031–2034", "Strategi for trygg mat 2031–2034"}
