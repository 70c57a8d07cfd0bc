"""Relations that need context beyond one cue and its neighbours: coordinated cues, goals that are
not documents, bodies that are not documents, steering documents handed on across sentences,
units of an organisation, issuers after "ifølge", "sammen med", "vi" in a minister's text.

Every sentence here is written for these tests, in bokmål and nynorsk; the names are real bodies
and documents (so the gazetteer links them) or made-up ones (so minting is exercised).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from healthplan_kg.extract import Extractor
from healthplan_kg.model import Extraction, SourceText


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.from_reference()


def extract(extractor: Extractor, text: str) -> Extraction:
    return extractor.extract(SourceText(path=Path("t.txt"), source="t.txt", format="txt", text=text,
                                        content_hash=hashlib.sha256(text.encode()).hexdigest()))


def rels(extractor: Extractor, text: str, predicate: str | None = None) -> set[tuple[str, str, str]]:
    x = extract(extractor, text)
    return {(r.subject.label, r.predicate, r.object.label) for r in x.relations
            if predicate is None or r.predicate == predicate}


# -- coordinated cues ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Handlingsplan for trygg rehabilitering 2031 følger opp Mestre hele livet og bygger videre på "
    "Omsorgsplan 2020.\n",
    "Handlingsplan for trygg rehabilitering 2031 følgjer opp Mestre hele livet og byggjer vidare på "
    "Omsorgsplan 2020.\n",
])
def test_a_second_cue_ends_the_first_cues_list(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text, "follows_up")
    assert {o for _, _, o in found} == {"Mestre hele livet", "Omsorgsplan 2020"}


@pytest.mark.parametrize("text", [
    "Strategien følger opp Koronakommisjonens rapporter og bygger på Nasjonal helse- og samhandlingsplan.\n",
    "Strategien følgjer opp Koronakommisjonens rapportar og byggjer på Nasjonal helse- og samhandlingsplan.\n",
])
def test_the_second_cue_keeps_the_first_cues_subject(extractor: Extractor, text: str) -> None:
    found = rels(extractor, "Strategi for tryggere sykehus 2032\n\n" + text, "follows_up")
    assert ("Strategi for tryggere sykehus 2032", "follows_up", "Nasjonal helse- og samhandlingsplan") in found
    assert not any(s.startswith("Koronakommisjon") for s, _, _ in found)


# -- goals and bodies are not documents ---------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Strategi for tryggere sykehus 2032\n\nStrategien bygger på fem mål:\n\n- Kortere ventetider\n"
    "- Bedre samhandling\n- Flere fagfolk\n",
    "Strategi for tryggare sjukehus 2032\n\nStrategien byggjer på fem mål:\n\n- Kortare ventetider\n"
    "- Betre samhandling\n- Fleire fagfolk\n",
])
def test_goals_a_document_builds_on_are_not_followed_up(extractor: Extractor, text: str) -> None:
    assert rels(extractor, text, "follows_up") == set()


@pytest.mark.parametrize("text", [
    "Det nye utvalget skal bygge videre på arbeidet til Helsepersonellkommisjonen.\n",
    "Det nye utvalet skal byggje vidare på arbeidet til Helsepersonellkommisjonen.\n",
])
def test_two_bodies_do_not_follow_each_other_up(extractor: Extractor, text: str) -> None:
    text = "Regjeringen har satt ned Distriktsutvalget for helse.\n\n" + text
    assert rels(extractor, text, "follows_up") == set()


# -- issuers and appointments -------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Helsedirektoratet har ledet arbeidet siden det ble oppnevnt, og Sykehusutvalget skal levere i 2030.\n",
    "Helsedirektoratet har leia arbeidet sidan det vart oppnemnt, og Sykehusutvalet skal levere i 2030.\n",
])
def test_leading_a_body_since_it_was_appointed_is_no_assignment(extractor: Extractor, text: str) -> None:
    assert rels(extractor, text, "assigns_task_to") == set()


@pytest.mark.parametrize("text", [
    "Helsedirektoratet skriver i rapporten at ventetidene har gått ned.\n",
    "Helsedirektoratet skriv i rapporten at ventetidene har gått ned.\n",
])
def test_a_that_clause_is_not_part_of_a_document_name(extractor: Extractor, text: str) -> None:
    for _, _, obj in rels(extractor, text, "publishes"):
        assert " at " not in f" {obj} "


# -- steering documents -------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Hver høst får helseforetakene et nytt styringsdokument av styret i Helse Midt-Norge RHF. Dokumentet "
    "legger rammene for St. Olavs hospital og Helse Møre og Romsdal.\n",
    "Kvar haust får helseføretaka eit nytt styringsdokument av styret i Helse Midt-Norge RHF. Dokumentet "
    "legg rammene for St. Olavs hospital og Helse Møre og Romsdal.\n",
])
def test_a_steering_document_gives_tasks_to_bodies_named_in_the_next_sentence(extractor: Extractor,
                                                                              text: str) -> None:
    found = rels(extractor, text)
    assert ("Helse Midt-Norge", "assigns_task_to", "St. Olavs hospital") in found
    assert ("Helse Midt-Norge", "assigns_task_to", "Helse Møre og Romsdal") in found
    assert any(s == "Helse Midt-Norge" and p == "publishes" and o.lower().startswith("styringsdokument")
               for s, p, o in found)


@pytest.mark.parametrize("text", [
    "Helsedirektoratet har sendt ut tildelingsbrevet for 2031. Det handler om ventetider.\n",
    "Helsedirektoratet har sendt ut tildelingsbrevet for 2031. Det handlar om ventetider.\n",
])
def test_a_next_sentence_naming_no_body_gives_no_task(extractor: Extractor, text: str) -> None:
    assert rels(extractor, text, "assigns_task_to") == set()


@pytest.mark.parametrize("text", [
    "Helse Nord RHF fikk oppdragsdokumentet overlevert fra Helse- og omsorgsdepartementet i februar, "
    "og styringsdokumentene for helseforetakene bygger på dette.\n",
    "Helse Nord RHF fekk oppdragsdokumentet overlevert frå Helse- og omsorgsdepartementet i februar, "
    "og styringsdokumenta for helseføretaka byggjer på dette.\n",
])
def test_a_handed_over_steering_document_is_what_this_builds_on(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text)
    assert ("Helse- og omsorgsdepartementet", "assigns_task_to", "Helse Nord") in found
    assert ("Helse- og omsorgsdepartementet", "publishes", "oppdragsdokumentet") in found
    assert any(p == "follows_up" and s.startswith("styringsdokument") and o == "oppdragsdokumentet"
               for s, p, o in found)


@pytest.mark.parametrize("text", [
    "Oppdraget følger av tildelingsbrevet fra Helse- og omsorgsdepartementet til Folkehelseinstituttet for 2031.\n",
    "Oppdraget følgjer av tildelingsbrevet frå Helse- og omsorgsdepartementet til Folkehelseinstituttet for 2031.\n",
])
def test_a_letter_from_one_body_to_another(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text)
    assert ("Helse- og omsorgsdepartementet", "assigns_task_to", "Folkehelseinstituttet") in found


@pytest.mark.parametrize("text", [
    "Helse- og omsorgsdepartementet har gitt Helse Sør-Øst RHF oppdragsdokumentet for 2031.\n",
    "Helse- og omsorgsdepartementet har gjeve Helse Sør-Øst RHF oppdragsdokumentet for 2031.\n",
])
def test_given_a_steering_document(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text)
    assert ("Helse- og omsorgsdepartementet", "assigns_task_to", "Helse Sør-Øst") in found
    assert any(p == "publishes" and o.startswith("oppdragsdokumentet") for _, p, o in found)


# -- units of an organisation -------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Senter for pasientnær forskning ved Oslo universitetssykehus åpner i høst.\n",
    "Senter for pasientnær forsking ved Oslo universitetssykehus opnar i haust.\n",
])
def test_a_unit_at_an_organisation_is_part_of_it(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text, "part_of")
    assert any(s.startswith("Senter for pasientn") and o == "Oslo universitetssykehus" for s, _, o in found)


@pytest.mark.parametrize("text", [
    "Deltakere:\n\n• Institutt for sykepleievitenskap; Universitetet i Oslo\n• Kreftforeningen\n",
    "Deltakarar:\n\n• Institutt for sykepleievitenskap; Universitetet i Oslo\n• Kreftforeningen\n",
])
def test_a_unit_and_its_organisation_on_one_member_line(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text, "part_of")
    assert ("Institutt for sykepleievitenskap", "part_of", "Universitetet i Oslo") in found


@pytest.mark.parametrize("text", [
    "Helsedirektoratet, Kreftforeningen og Universitetet i Oslo deltok.\n",
    "Helsedirektoratet, Kreftforeningen og Universitetet i Oslo deltok i arbeidet.\n",
])
def test_bodies_in_an_enumeration_are_not_parts_of_each_other(extractor: Extractor, text: str) -> None:
    assert rels(extractor, text, "part_of") == set()


# -- "sammen med" --------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Sykehuset Innlandet har laget planen sammen med Universitetet i Oslo og NTNU Samfunnsforskning.\n",
    "Sjukehuset Innlandet har laga planen saman med Universitetet i Oslo og NTNU Samfunnsforskning.\n",
])
def test_together_with_is_collaboration(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text, "collaborates_with")
    partners = {o for _, _, o in found}
    assert partners == {"Universitetet i Oslo", "NTNU Samfunnsforskning"}
    assert {s for s, _, _ in found} == {"Sykehuset Innlandet"}


@pytest.mark.parametrize("text", [
    "Senter for pasientnær forskning ved Oslo universitetssykehus åpner i høst. Senteret skal arbeide "
    "sammen med Universitetet i Oslo.\n",
    "Senter for pasientnær forsking ved Oslo universitetssykehus opnar i haust. Senteret skal arbeide "
    "saman med Universitetet i Oslo.\n",
])
def test_the_centre_that_works_together_with_a_body(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text, "collaborates_with")
    assert any(s.startswith("Senter for pasientn") and o == "Universitetet i Oslo" for s, _, o in found)


@pytest.mark.parametrize("text", [
    "Helsedirektoratet har ikke laget planen sammen med Kreftforeningen.\n",
    "Helsedirektoratet har ikkje laga planen saman med Kreftforeningen.\n",
])
def test_together_with_negated_is_no_collaboration(extractor: Extractor, text: str) -> None:
    assert rels(extractor, text, "collaborates_with") == set()


# -- tasks given through a source or through the work ------------------------------------------

@pytest.mark.parametrize("text", [
    "Sykehusutvalget får ifølge Helse- og omsorgsdepartementet i oppgave å vurdere sykehusstrukturen.\n",
    "Sykehusutvalget får ifølgje Helse- og omsorgsdepartementet i oppgåve å vurdere sjukehusstrukturen.\n",
])
def test_the_giver_of_a_task_after_according_to(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text, "assigns_task_to")
    assert ("Helse- og omsorgsdepartementet", "assigns_task_to", "Sykehusutvalget") in found


@pytest.mark.parametrize("text", [
    "Folkehelseinstituttet har utarbeidet en ny kunnskapsoppsummering om ensomhet. Arbeidet er gjort på "
    "oppdrag fra Helsedirektoratet og i samarbeid med Universitetet i Bergen.\n",
    "Folkehelseinstituttet har utarbeidd ei ny kunnskapsoppsummering om einsemd. Arbeidet er gjort på "
    "oppdrag frå Helsedirektoratet og i samarbeid med Universitetet i Bergen.\n",
])
def test_the_work_is_the_last_acting_bodys(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text)
    assert ("Helsedirektoratet", "assigns_task_to", "Folkehelseinstituttet") in found
    assert ("Folkehelseinstituttet", "collaborates_with", "Universitetet i Bergen") in found
    assert not any(p == "collaborates_with" and s == "Helsedirektoratet" for s, p, _ in found)


# -- "vi" in the government's voice -------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Regjeringen mener fagfolk trenger mer tillit. Vi vil derfor legge frem en tillitsreform i høst.\n",
    "Regjeringa meiner fagfolk treng meir tillit. Vi vil difor leggje fram ei tillitsreform i haust.\n",
])
def test_we_after_the_government_is_the_government(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text, "announces")
    assert any(s == "Regjeringen" and o.lower().startswith("tillitsreform") for s, _, o in found)


@pytest.mark.parametrize("text", [
    "Kreftforeningen mener pasientene trenger mer tillit. Vi vil derfor legge frem en tillitsreform i høst.\n",
    "Kreftforeningen meiner pasientane treng meir tillit. Vi vil difor leggje fram ei tillitsreform i haust.\n",
])
def test_we_after_an_association_is_not_the_government(extractor: Extractor, text: str) -> None:
    assert not any(s == "Regjeringen" for s, _, _ in rels(extractor, text, "announces"))


# -- a definite noun takes up the document just named -------------------------------------------

@pytest.mark.parametrize("text", [
    "Handlingsplan for eldre 2032\n\nArbeidet skal forberede kommunene på Trygg alderdom-reformen. "
    "Reformen bygger videre på Omsorgsplan 2020.\n",
    "Handlingsplan for eldre 2032\n\nArbeidet skal førebu kommunane på Trygg alderdom-reforma. "
    "Reforma byggjer vidare på Omsorgsplan 2020.\n",
])
def test_the_reform_is_the_reform_just_named(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text, "follows_up")
    assert any("Trygg alderdom" in s and o == "Omsorgsplan 2020" for s, _, o in found)


@pytest.mark.parametrize("text", [
    "Strategi for tryggere sykehus 2032\n\nStrategien bygger på Omsorgsplan 2020.\n",
    "Strategi for tryggare sjukehus 2032\n\nStrategien byggjer på Omsorgsplan 2020.\n",
])
def test_the_strategy_of_a_text_about_a_strategy_is_its_own(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text, "follows_up")
    assert {(s, o) for s, _, o in found} == {(text.split("\n")[0], "Omsorgsplan 2020")}


# -- documents named by words alone; possessive owners -------------------------------------------

@pytest.mark.parametrize("text", [
    "Kommunenes lokale helseplaner skal danne grunnlag for Regional helseplan for Nord 2035.\n",
    "Kommunane sine lokale helseplanar skal danne grunnlag for Regional helseplan for Nord 2035.\n",
])
def test_documents_named_by_words_are_the_grounds(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text, "follows_up")
    assert any(s.startswith("Regional helseplan for Nord") and "lokale helseplan" in o for s, _, o in found)


@pytest.mark.parametrize("text", [
    "Helsedirektoratets Veileder for trygg utskrivning (2031) er nå ute.\n",
    "Helsedirektoratets Rettleiar for trygg utskriving (2031) er no ute.\n",
])
def test_a_possessive_body_issues_its_document(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text, "publishes")
    assert any(s == "Helsedirektoratet" for s, _, _ in found)


@pytest.mark.parametrize("text", [
    "Regjeringens Handlingsplan for allmennlegetjenesten ble lansert våren 2020.\n",
    "Regjeringas Handlingsplan for allmennlegetjenesten vart lansert våren 2020.\n",
])
def test_a_possessive_presenter_announces_and_does_not_also_publish(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text)
    assert ("Regjeringen", "announces", "Handlingsplan for allmennlegetjenesten") in found
    assert not any(p == "publishes" for _, p, _ in found)


# -- documents after a writing verb; partners and topics -----------------------------------------

@pytest.mark.parametrize("text", [
    "Kreftforeningen har levert sitt høringssvar til Nasjonal helse- og samhandlingsplan.\n",
    "Kreftforeningen har levert sitt høyringssvar til Nasjonal helse- og samhandlingsplan.\n",
])
def test_a_consultation_response_to_a_plan_is_not_the_plan(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text, "publishes")
    assert len(found) == 1
    (_, _, obj), = found
    assert obj.lower().startswith(("høringssvar", "høyringssvar")) and "samhandlingsplan" in obj


@pytest.mark.parametrize("text", [
    "Legeforeningen har levert sju høringsuttalelser til departementet i år.\n",
    "Legeforeningen har levert sju høyringsfråsegner til departementet i år.\n",
])
def test_a_number_of_documents_names_none(extractor: Extractor, text: str) -> None:
    assert rels(extractor, text, "publishes") == set()


@pytest.mark.parametrize("text", [
    "Helsedirektoratet har utarbeidet Nasjonale faglige råd for trygg utskrivning.\n",
    "Helsedirektoratet har utarbeidd Nasjonale faglege råd for trygg utskriving.\n",
])
def test_national_professional_advice_is_a_document(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text, "publishes")
    assert any(s == "Helsedirektoratet" and "råd for trygg" in o for s, _, o in found)


@pytest.mark.parametrize("text", [
    "KS samarbeider med Helse Vest og Helse Nord om utviklingen av helsefellesskapene.\n",
    "KS samarbeider med Helse Vest og Helse Nord om utviklinga av helsefellesskapa.\n",
])
def test_what_bodies_collaborate_about_is_no_partner(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text, "collaborates_with")
    assert {o for _, _, o in found} == {"Helse Vest", "Helse Nord"}


@pytest.mark.parametrize("text", [
    "Regjeringen har lagt fram en ny melding\n\nRegjeringen la fram Nasjonal helse- og samhandlingsplan i mars. "
    "Meldingen skal ses i sammenheng med helseberedskapsmeldingen. Utredningen fra Sykehusutvalget ble fulgt "
    "opp i meldingen.\n",
    "Regjeringa har lagt fram ei ny melding\n\nRegjeringa la fram Nasjonal helse- og samhandlingsplan i mars. "
    "Meldinga skal sjåast i samanheng med helseberedskapsmeldinga. Utgreiinga frå Sykehusutvalet vart følgd "
    "opp i meldinga.\n",
])
def test_the_white_paper_a_text_is_about_stays_the_message(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text, "follows_up")
    assert {s for s, _, _ in found} == {"Nasjonal helse- og samhandlingsplan"}


# -- an identifier in apposition decides the document --------------------------------------------

@pytest.mark.parametrize("text", [
    "Handlingsplan for folkehelse i Eksempelkommunen 2030 følger opp Folkehelsemeldingen, Meld. St. 19 (2018–2019).\n",
    "Handlingsplan for folkehelse i Eksempelkommunen 2030 følgjer opp Folkehelsemeldinga (Meld. St. 19 (2018–2019)).\n",
])
def test_the_identifier_in_apposition_names_the_document(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text, "follows_up")
    assert {o for _, _, o in found} == {"Meld. St. 19 (2018–2019)"}


@pytest.mark.parametrize("text", [
    "Sykehuset Telemark har laget en ny plan for 2031. Foretaket er en del av Helse Sør-Øst.\n",
    "Sjukehuset Telemark har laga ein ny plan for 2031. Føretaket er ein del av Helse Sør-Øst.\n",
])
def test_the_trust_that_acted_is_part_of_its_region(extractor: Extractor, text: str) -> None:
    assert ("Sykehuset Telemark", "part_of", "Helse Sør-Øst") in rels(extractor, text, "part_of")


# -- goals set for a body; a document said to be a body's ---------------------------------------

@pytest.mark.parametrize("text", [
    "Helse- og omsorgsdepartementet har satt tre mål, som Helse Nord RHF skal nå i 2031.\n",
    "Helse- og omsorgsdepartementet har sett tre mål, som Helse Nord RHF skal nå i 2031.\n",
])
def test_goals_set_for_a_body_are_its_task(extractor: Extractor, text: str) -> None:
    assert ("Helse- og omsorgsdepartementet", "assigns_task_to", "Helse Nord") in rels(extractor, text)


@pytest.mark.parametrize("text", [
    "Helse- og omsorgsdepartementet har ikke satt nye mål for Helse Nord RHF i år.\n",
    "Helse- og omsorgsdepartementet har ikkje sett nye mål for Helse Nord RHF i år.\n",
])
def test_goals_not_set_are_no_task(extractor: Extractor, text: str) -> None:
    assert rels(extractor, text, "assigns_task_to") == set()


@pytest.mark.parametrize("text", [
    "Strategi for Helse Midt-Norge 2031–2035 ble vedtatt i juni. Denne er Helse Midt-Norges viktigste "
    "strategi for årene som kommer.\n",
    "Strategi for Helse Midt-Norge 2031–2035 vart vedteken i juni. Denne er Helse Midt-Norges viktigaste "
    "strategi for åra som kjem.\n",
])
def test_a_document_said_to_be_a_bodys_own(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text, "publishes")
    assert any(s == "Helse Midt-Norge" and o.startswith("Strategi for Helse Midt-Norge") for s, _, o in found)


# -- word order: the subject after the verb; a passive request -----------------------------------

@pytest.mark.parametrize("text", [
    "Nå erstatter Handlingsplan for trygg utskrivning 2031–2035 Omsorgsplan 2020.\n",
    "No erstattar Handlingsplan for trygg utskriving 2031–2035 Omsorgsplan 2020.\n",
])
def test_replaces_with_the_subject_after_the_verb(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text, "replaces")
    assert len(found) == 1
    (subject, _, obj), = found
    assert subject.startswith("Handlingsplan for trygg") and obj == "Omsorgsplan 2020"


@pytest.mark.parametrize("text", [
    "I fjor samarbeidet Helsedirektoratet med KS om en ny veileder.\n",
    "I fjor samarbeidde Helsedirektoratet med KS om ein ny rettleiar.\n",
])
def test_collaboration_with_the_subject_after_the_verb(extractor: Extractor, text: str) -> None:
    assert rels(extractor, text, "collaborates_with") == {("Helsedirektoratet", "collaborates_with", "KS")}


@pytest.mark.parametrize("text", [
    "Sammen med KS har Helsedirektoratet laget Veileder for trygg utskrivning.\n",
    "Saman med KS har Helsedirektoratet laga Rettleiar for trygg utskriving.\n",
])
def test_a_fronted_together_with(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text)
    assert ("Helsedirektoratet", "collaborates_with", "KS") in found
    assert any(s == "Helsedirektoratet" and p == "publishes" for s, p, _ in found)


@pytest.mark.parametrize("text", [
    "I 2030 utarbeidet Folkehelseinstituttet Rapport om trygg utskrivning 2030.\n",
    "I 2030 utarbeidde Folkehelseinstituttet Rapport om trygg utskriving 2030.\n",
])
def test_publishes_with_the_subject_after_the_verb(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text, "publishes")
    assert any(s == "Folkehelseinstituttet" and o.startswith("Rapport om trygg") for s, _, o in found)


@pytest.mark.parametrize("text", [
    "Helsedirektoratet ble i 2030 bedt av Helse- og omsorgsdepartementet om å lage en plan.\n",
    "Helsedirektoratet vart i 2030 bedt av Helse- og omsorgsdepartementet om å lage ein plan.\n",
])
def test_asked_by_in_the_passive(extractor: Extractor, text: str) -> None:
    assert rels(extractor, text, "assigns_task_to") == {
        ("Helse- og omsorgsdepartementet", "assigns_task_to", "Helsedirektoratet")}


# -- guards: what the context rules must not take ------------------------------------------------

@pytest.mark.parametrize("text", [
    "Helsedirektoratet la fram rapporten sammen med helseminister Kari Nordmann.\n",
    "Helsedirektoratet la fram rapporten saman med helseminister Kari Nordmann.\n",
])
def test_together_with_a_person_is_no_collaboration_between_bodies(extractor: Extractor, text: str) -> None:
    assert rels(extractor, text, "collaborates_with") == set()


@pytest.mark.parametrize("text", [
    "Senter for pasientnær forskning i Bergen åpner i høst.\n",
    "Senter for pasientnær forsking i Bergen opnar i haust.\n",
])
def test_a_unit_in_a_town_is_part_of_nothing(extractor: Extractor, text: str) -> None:
    assert rels(extractor, text, "part_of") == set()
