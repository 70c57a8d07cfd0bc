"""Relations as policy prose states them: active, passive and nominal cues, enumerations and
bullets after a cue, subjects left to context, and statements that are negated or hypothetical.

Every sentence here is written for these tests, in bokmål and nynorsk; the names are real bodies
and documents (so the gazetteer links them) or made-up ones (so minting is exercised).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from healthplan_kg.extract import Extractor
from healthplan_kg.extract.relations.modality import asserted
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


def objects(found: set[tuple[str, str, str]], predicate: str) -> set[str]:
    return {o for _, p, o in found if p == predicate}


# -- follows_up ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Handlingsplan for bedre ernæring 2030 bygger blant annet på Strategi for gode måltider 2025, "
    "Handlingsplan for mer mosjon (2021) og eldrereformen Trygg alderdom (2022).\n",
    "Handlingsplan for bedre ernæring 2030 byggjer vidare på Strategi for gode måltider 2025, "
    "Handlingsplan for mer mosjon (2021) og eldrereforma Trygg alderdom (2022).\n",
])
def test_builds_on_an_enumeration_gives_one_follow_up_per_item(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text, "follows_up")
    assert {s for s, _, _ in found} == {"Handlingsplan for bedre ernæring 2030"}
    followed = objects(found, "follows_up")
    assert "Strategi for gode måltider 2025" in followed
    assert "Handlingsplan for mer mosjon (2021)" in followed or "Handlingsplan for mer mosjon" in followed
    assert any(o.endswith("Trygg alderdom (2022)") for o in followed)
    assert len(followed) == 3


@pytest.mark.parametrize("intro", [
    "Reformen bygger på tre tidligere dokumenter:",
    "Reforma byggjer på tre tidlegare dokument:",
])
def test_bullets_under_a_cue_sentence_are_its_objects(extractor: Extractor, intro: str) -> None:
    text = ("Kvalitetsreformen Godt liv i eldre år ble lagt fram i fjor. Reformen skal gjelde alle kommuner.\n"
            f"{intro}\n• Strategi for aktiv aldring 2019–2024\n• Samhandlingsplanen for fastleger\n"
            "• Omsorgsløftet 2030\n\nMer om reformen kommer senere.\n")
    found = rels(extractor, text, "follows_up")
    assert objects(found, "follows_up") == {"Strategi for aktiv aldring 2019–2024", "Samhandlingsplanen for fastleger",
                                            "Omsorgsløftet 2030"}
    assert len({s for s, _, _ in found}) == 1


@pytest.mark.parametrize("text", [
    "Strategi for trygge hjem 2030\n\nStrategien tar utgangspunkt i Handlingsplan for trygge hjem 2024–2028.\n",
    "Strategi for trygge heimar 2030\n\nStrategien tek utgangspunkt i Handlingsplan for trygge heimar 2024–2028.\n",
])
def test_taking_as_starting_point_is_following_up(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text, "follows_up")
    assert len(found) == 1
    subject, _, obj = next(iter(found))
    assert subject.startswith("Strategi for trygge") and obj.startswith("Handlingsplan for trygge")


@pytest.mark.parametrize("text", [
    "Strategi for friske tenner 2022–2026 skal danne grunnlag for Handlingsplan for tannhelse 2027–2030.\n",
    "Strategi for friske tenner 2022–2026 skal liggje til grunn for Handlingsplan for tannhelse 2027–2030.\n",
])
def test_grounds_for_runs_the_other_way(extractor: Extractor, text: str) -> None:
    assert rels(extractor, text, "follows_up") == {
        ("Handlingsplan for tannhelse 2027–2030", "follows_up", "Strategi for friske tenner 2022–2026")}


@pytest.mark.parametrize("text", [
    "Handlingsplan for tannhelse 2027–2030 bygger ikke på Strategi for friske tenner 2022–2026.\n",
    "Handlingsplan for tannhelse 2027–2030 byggjer ikkje på Strategi for friske tenner 2022–2026.\n",
    "Handlingsplan for tannhelse 2027–2030 kan bygge på Strategi for friske tenner 2022–2026.\n",
    "Dersom Handlingsplan for tannhelse 2027–2030 bygger på Strategi for friske tenner 2022–2026, blir det bra.\n",
    "Bygger Handlingsplan for tannhelse 2027–2030 på Strategi for friske tenner 2022–2026?\n",
    "Handlingsplan for tannhelse 2027–2030 bør vurdere å følge opp Strategi for friske tenner 2022–2026.\n",
])
def test_negated_and_hypothetical_statements_are_not_relations(extractor: Extractor, text: str) -> None:
    assert rels(extractor, text) == set()


def test_modality_reads_only_the_clause_of_the_cue() -> None:
    text = "Planen er ikke ferdig, men den bygger på strategien."
    assert asserted(text, text.index("bygger"), text.index("bygger") + len("bygger på"))
    text = "Planen bygger ikke på strategien."
    assert not asserted(text, text.index("bygger"), text.index("bygger") + len("bygger"))


# -- seen_in_connection_with, replaces ------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Lovforslagene må også ses i sammenheng med behovene i kommunene og Strategi for digitale "
    "tjenester 2020–2025.\n",
    "Lovforslaga må òg sjåast i samanheng med behova i kommunane og Strategi for digitale "
    "tenester 2020–2025.\n",
])
def test_seen_with_takes_the_documents_of_the_list_and_the_text_as_subject(extractor: Extractor, text: str) -> None:
    doc = "Prop. 12 L (2030–2031) Lov om digitale tjenester\n\n"
    found = rels(extractor, doc + text, "seen_in_connection_with")
    assert len(found) == 1
    subject, _, obj = next(iter(found))
    assert subject.startswith("Prop. 12 L") and obj.startswith("Strategi for digitale")


@pytest.mark.parametrize("text", [
    "Rammeverket gikk fra det som før het Plan for trygg pleie, til det som nå heter Strategi for trygg omsorg.\n",
    "Rammeverket gjekk frå det som før heitte Plan for trygg pleie, til det som no heiter Strategi for trygg omsorg.\n",
])
def test_a_renaming_is_a_replacement(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text, "replaces")
    assert ("Strategi for trygg omsorg", "replaces", "Plan for trygg pleie") in found


# -- part_of, collaborates_with --------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Bak kampanjen står «Aksjonen for trygg omsorg», bestående av foreningene Alfa, "
    "Beta Omega og Gammaforbundet.\n",
    "Bak kampanjen står «Aksjonen for trygg omsorg», beståande av foreiningane Alfa, "
    "Beta Omega og Gammaforbundet.\n",
])
def test_consisting_of_makes_each_member_a_part(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text, "part_of")
    assert {(s, o) for s, _, o in found} == {(m, "Aksjonen for trygg omsorg")
                                              for m in ("Alfa", "Beta Omega", "Gammaforbundet")}


@pytest.mark.parametrize("text", [
    "I går ble en ny avtale signert mellom KS og regjeringen representert ved Helse- og omsorgsdepartementet og "
    "Arbeids- og inkluderingsdepartementet.\n",
    "I går vart ei ny avtale signert mellom KS og regjeringa representert ved Helse- og omsorgsdepartementet og "
    "Arbeids- og inkluderingsdepartementet.\n",
])
def test_an_agreement_between_parties_is_collaboration(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text, "collaborates_with")
    partners = {o for s, _, o in found if s == "KS"}
    assert "Regjeringen" in partners and "Helse- og omsorgsdepartementet" in partners
    assert any(p.startswith("Arbeids- og inkluderingsdepartementet") for p in partners)


def test_collaboration_denied_is_not_collaboration(extractor: Extractor) -> None:
    assert rels(extractor, "Helsedirektoratet samarbeider ikke med KS om dette.\n", "collaborates_with") == set()
    assert rels(extractor, "Helsedirektoratet samarbeider med KS om dette.\n", "collaborates_with") == {
        ("Helsedirektoratet", "collaborates_with", "KS")}


# -- assigns_task_to -------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Regjeringen har nedsatt et ekspertutvalg som skal se på legevakt. Ekspertutvalget leverer i mai.\n",
    "Regjeringa har oppnemnd eit ekspertutval som skal sjå på legevakt. Ekspertutvalet leverer i mai.\n",
])
def test_appointing_a_committee_assigns_it_its_task(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text, "assigns_task_to")
    assert len(found) == 1
    issuer, _, committee = next(iter(found))
    assert issuer == "Regjeringen" and committee.lower().startswith("ekspertutval")


@pytest.mark.parametrize("text", [
    "Helse- og omsorgsdepartementet har allerede sendt tildelingsbrev for Helsedirektoratet for 2032.\n",
    "Helse- og omsorgsdepartementet har alt sendt tildelingsbrev for Helsedirektoratet for 2032.\n",
])
def test_an_assignment_letter_for_a_body(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text)
    assert ("Helse- og omsorgsdepartementet", "assigns_task_to", "Helsedirektoratet") in found
    assert any(p == "publishes" and o.startswith("tildelingsbrev for Helsedirektoratet") for _, p, o in found)


# -- publishes, announces --------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Strategi for trygg pleie 2031–2035 og Plan for trygg pleie 2031–2033 er utarbeidet av Helsedirektoratet.\n",
    "Strategi for trygg pleie 2031–2035 og Plan for trygg pleie 2031–2033 er utarbeidd av Helsedirektoratet.\n",
])
def test_passive_with_an_agent_publishes_every_subject(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text, "publishes")
    assert {(s, o) for s, _, o in found} == {("Helsedirektoratet", "Strategi for trygg pleie 2031–2035"),
                                              ("Helsedirektoratet", "Plan for trygg pleie 2031–2033")}


@pytest.mark.parametrize("text", [
    "Fredag la Ingvild Kjerkol fram Strategi for trygg pleie 2031–2035.\n",
    "Fredag la Ingvild Kjerkol fram Strategi for trygg pleie 2031–2035 for Stortinget.\n",
    "Helse- og omsorgsminister Ingvild Kjerkol lanserte Strategi for trygg pleie 2031–2035.\n",
])
def test_presenting_a_document_announces_it(extractor: Extractor, text: str) -> None:
    assert rels(extractor, text) == {("Ingvild Kjerkol", "announces", "Strategi for trygg pleie 2031–2035")}


@pytest.mark.parametrize("text", [
    "Ingvild Kjerkol la ikke fram Strategi for trygg pleie 2031–2035.\n",
    "Ingvild Kjerkol legg ikkje fram Strategi for trygg pleie 2031–2035.\n",
])
def test_not_presenting_is_not_announcing(extractor: Extractor, text: str) -> None:
    assert rels(extractor, text) == set()


def test_a_committee_presenting_its_own_report_publishes_it(extractor: Extractor) -> None:
    text = ("Regjeringa har oppnemnd Tannlegeutvalet. Tannlegeutvalet legg fram si utgreiing (NOU) "
            "hausten 2032.\n")
    found = rels(extractor, text)
    # the possessive "si" says whose it is; it is not part of the document's name
    assert ("Tannlegeutvalet", "publishes", "utgreiing (NOU)") in found
    assert not any(p == "announces" for _, p, _ in found)


@pytest.mark.parametrize("text", [
    "Regjeringen legger fram en ny alkoholstrategi i Nasjonal helse- og samhandlingsplan.\n",
    "Regjeringa legg fram ein ny alkoholstrategi i Nasjonal helse- og samhandlingsplan.\n",
])
def test_presenting_a_document_inside_another(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text)
    assert ("Regjeringen", "announces", "ny alkoholstrategi") in found
    assert ("ny alkoholstrategi", "part_of", "Nasjonal helse- og samhandlingsplan") in found


@pytest.mark.parametrize("text", [
    "Sykepleierne jublet da regjeringens handlingsplan for trygg pleie ble presentert på en pressekonferanse.\n",
    "Sjukepleiarane jubla, og regjeringens handlingsplan for trygg pleie vart presentert på ein pressekonferanse.\n",
])
def test_a_passive_launch_names_its_agent_by_the_genitive(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text, "announces")
    # (whether the document's name keeps the genitive is the name finder's business)
    assert len(found) == 1
    agent, _, doc = next(iter(found))
    assert agent == "Regjeringen" and doc.lower().endswith("handlingsplan for trygg pleie")


def test_a_passive_launch_with_no_agent_announces_nothing(extractor: Extractor) -> None:
    assert rels(extractor, "Handlingsplan for trygg pleie ble lansert i mai.\n", "announces") == set()


@pytest.mark.parametrize("text", [
    "I år vil regjeringen sette i gang et nytt utredningsarbeid om saltinntaket.\n",
    "I år vil regjeringa setje i gang eit nytt utgreiingsarbeid om saltinntaket.\n",
])
def test_an_intent_with_the_agent_after_the_auxiliary_announces(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text, "announces")
    assert len(found) == 1
    agent, _, doc = next(iter(found))
    assert agent == "Regjeringen" and (doc.startswith("nytt utre") or doc.startswith("nytt utgrei"))


def test_an_intent_that_is_only_considered_is_not_announced(extractor: Extractor) -> None:
    text = "Regjeringen vil vurdere å sette i gang et nytt utredningsarbeid.\n"
    assert rels(extractor, text, "announces") == set()


@pytest.mark.parametrize("text", [
    "Etter nyttår fikk Helse Nord RHF oppdragsdokumentet sitt fra Helse- og omsorgsdepartementet, med nye krav.\n",
    "Etter nyttår fekk Helse Nord RHF oppdragsdokumentet sitt frå Helse- og omsorgsdepartementet, med nye krav.\n",
])
def test_receiving_an_assignment_document_from_a_body(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text, "assigns_task_to")
    assert found == {("Helse- og omsorgsdepartementet", "assigns_task_to", "Helse Nord")} or found == {
        ("Helse- og omsorgsdepartementet", "assigns_task_to", "Helse Nord RHF")}


@pytest.mark.parametrize("text", [
    "Strategi for trygge hjem 2030\n\nStrategien bygger dessuten på anbefalinger som står i Plan for "
    "aktiv aldring 2025–2029.\n",
    "Strategi for trygge heimar 2030\n\nStrategien byggjer dessutan på tilrådingar som står i Plan for "
    "aktiv aldring 2025–2029.\n",
])
def test_building_on_guidance_in_a_document_follows_it_up(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text, "follows_up")
    assert {o for _, _, o in found} == {"Plan for aktiv aldring 2025–2029"}


def test_work_on_a_document_is_the_document(extractor: Extractor) -> None:
    text = ("Strategi for trygge hjem 2030\n\nDen nye strategien bygger videre på arbeidet med "
            "Handlingsplan for aktiv aldring 2025–2029.\n")
    assert objects(rels(extractor, text, "follows_up"), "follows_up") == {"Handlingsplan for aktiv aldring 2025–2029"}


def test_two_dated_documents_with_one_head_but_different_subjects_stay_apart(extractor: Extractor) -> None:
    text = ("Reformen bygger på disse:\n• Strategi for god søvn 2020–2024\n• Strategi for sunn mat 2020–2024\n\n"
            "Strategien 2020–2024 for søvn kom først.\n")
    x = extract(extractor, text)
    labels = {m.entity.label for m in x.mentions if m.span.text.startswith("Strategi for")}
    assert labels == {"Strategi for god søvn 2020–2024", "Strategi for sunn mat 2020–2024"}


@pytest.mark.parametrize("text", [
    "Helsedirektoratet beskriver i dette høringsnotatet en ny modell for legevakt.\n",
    "Helsedirektoratet skildrar i dette høyringsnotatet ein ny modell for legevakt.\n",
])
def test_a_body_speaking_in_this_document_issues_it(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text, "publishes")
    assert {(s, o.lower()) for s, _, o in found} in ({("Helsedirektoratet", "høringsnotatet")},
                                                     {("Helsedirektoratet", "høyringsnotatet")})


@pytest.mark.parametrize("text", [
    "Regjeringen har nedsatt Legevaktutvalget. Helsedirektoratet blir sekretariat for arbeidet i utvalget.\n",
    "Regjeringa har oppnemnd Legevaktutvalet. Helsedirektoratet vert sekretariat for arbeidet i utvalet.\n",
])
def test_the_secretariat_gets_its_task_from_who_set_the_committee_up(extractor: Extractor, text: str) -> None:
    assert ("Regjeringen", "assigns_task_to", "Helsedirektoratet") in rels(extractor, text, "assigns_task_to")


def test_a_secretariat_with_no_known_issuer_is_no_assignment(extractor: Extractor) -> None:
    text = "Helsedirektoratet er sekretariat for arbeidet.\n"
    assert rels(extractor, text, "assigns_task_to") == set()


@pytest.mark.parametrize("text", [
    "Nasjonal tannhelsestrategi 2031–2035\n\nHelsedirektoratet fikk i oppdrag å revidere og fornye "
    "eksisterende tannhelsestrategi, Nasjonal tannhelsestrategi 2025–2030.\n",
    "Nasjonal tannhelsestrategi 2031–2035\n\nHelsedirektoratet fekk i oppdrag å revidere og fornye "
    "eksisterande tannhelsestrategi, Nasjonal tannhelsestrategi 2025–2030.\n",
])
def test_revising_the_existing_document_of_the_same_kind_replaces_it(extractor: Extractor, text: str) -> None:
    assert ("Nasjonal tannhelsestrategi 2031–2035", "replaces", "Nasjonal tannhelsestrategi 2025–2030") in rels(
        extractor, text, "replaces")


def test_revising_a_document_of_another_kind_replaces_nothing(extractor: Extractor) -> None:
    text = ("Nasjonal tannhelsestrategi 2031–2035\n\nHelsedirektoratet skal revidere eksisterende veileder, "
            "Veileder for tannpleie 2020.\n")
    assert rels(extractor, text, "replaces") == set()


@pytest.mark.parametrize("text", [
    "Ekspertutvalget skal levere en delrapport om vaktordninger innen 1. mai 2031.\n",
    "Ekspertutvalet skal levere ein delrapport om vaktordningar innan 1. mai 2031.\n",
])
def test_a_committee_delivering_a_report_publishes_it(extractor: Extractor, text: str) -> None:
    found = rels(extractor, "Regjeringen har nedsatt Ekspertutvalget.\n" + text, "publishes")
    assert len(found) == 1
    assert next(iter(found))[2].startswith("delrapport om vaktordning")


def test_a_made_summary_of_reports_is_the_summary(extractor: Extractor) -> None:
    text = ("Fylkene sendte sine rapporter til Helsedirektoratet. Helsedirektoratet har nå laget en "
            "felles oppsummering av kommunenes rapporter.\n")
    assert ("Helsedirektoratet", "publishes", "felles oppsummering av kommunenes rapporter") in rels(extractor, text)


@pytest.mark.parametrize("text", [
    "Trygg alderdom-reformen gjelder alle kommuner.\n\nSamarbeidsavtalen tar også utgangspunkt i "
    "Trygg alderdom-reformen.\n",
    "Trygg alderdom-reforma gjeld alle kommunar.\n\nSamarbeidsavtalen tek òg utgangspunkt i "
    "Trygg alderdom-reforma.\n",
])
def test_a_definite_noun_that_names_no_known_document_is_its_own_end(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text, "follows_up")
    assert {(s, p) for s, p, _ in found} == {("Samarbeidsavtalen", "follows_up")}


@pytest.mark.parametrize("text", [
    "Legevaktutvalget skal levere en delrapport om vaktordninger innen mai. Sluttrapport om "
    "bemanning skal leveres innen desember.\n",
    "Legevaktutvalet skal levere ein delrapport om vaktordningar innan mai. Sluttrapport om "
    "bemanning skal leverast innan desember.\n",
])
def test_a_later_delivery_in_the_passive_is_by_the_same_committee(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text, "publishes")
    assert len(found) == 2 and {s for s, _, _ in found} == {next(iter(found))[0]}
    assert any(o.startswith("Sluttrapport om bemanning") for _, _, o in found)


def test_a_passive_delivery_with_no_known_deliverer_publishes_nothing(extractor: Extractor) -> None:
    assert rels(extractor, "Rapporten skal leveres innen desember.\n", "publishes") == set()


@pytest.mark.parametrize("text", [
    "Regional plan for sykehus 2035\n\nAnbefalingene fra Nasjonal helse- og "
    "samhandlingsplan skal innarbeides ved neste revisjon.\n",
    "Regional plan for sjukehus 2035\n\nTilrådingane frå Nasjonal helse- og "
    "samhandlingsplan skal innarbeidast ved neste revisjon.\n",
])
def test_guidance_from_a_document_taken_into_the_text_s_own(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text, "follows_up")
    assert {o for _, _, o in found} == {"Nasjonal helse- og samhandlingsplan"}
    # (whether the name keeps its first adjective is the name finder's business)
    assert "plan for sjukehus 2035" in next(iter(found))[0] or "plan for sykehus 2035" in next(iter(found))[0]


def test_a_verb_whose_object_is_a_clause_publishes_nothing(extractor: Extractor) -> None:
    text = "Helsedirektoratet skriver at Nasjonal helse- og samhandlingsplan er viktig.\n"
    assert rels(extractor, text, "publishes") == set()


@pytest.mark.parametrize("text", [
    "Meldingen skal erstatte Nasjonal helse- og sykehusplan 2020–2023 og bygge videre på Strategi for "
    "trygge hjem 2030.\n",
    "Meldinga skal erstatte Nasjonal helse- og sykehusplan 2020–2023 og byggje vidare på Strategi for "
    "trygge heimar 2030.\n",
])
def test_a_second_coordinated_verb_keeps_the_sentence_s_subject(extractor: Extractor, text: str) -> None:
    found = rels(extractor, "Nasjonal helse- og samhandlingsplan\n\n" + text)
    subjects = {s for s, p, _ in found if p in ("replaces", "follows_up")}
    assert subjects == {"Nasjonal helse- og samhandlingsplan"}
    assert {p for _, p, _ in found} >= {"replaces", "follows_up"}


@pytest.mark.parametrize("text", [
    "Nasjonal helse- og samhandlingsplan avløser en eldre plan. Den følger opp Strategi for trygge hjem 2030.\n",
    "Nasjonal helse- og samhandlingsplan avløyser ein eldre plan. Ho følgjer opp Strategi for trygge heimar 2030.\n",
])
def test_a_pronoun_takes_up_the_document_the_sentence_before_opened_with(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text, "follows_up")
    assert {s for s, _, _ in found} == {"Nasjonal helse- og samhandlingsplan"}


def test_a_pronoun_with_no_document_before_it_is_no_subject(extractor: Extractor) -> None:
    assert rels(extractor, "Den følger opp Strategi for trygge hjem 2030.\n", "follows_up") == set()


@pytest.mark.parametrize("text", [
    "Nasjonal helse- og samhandlingsplan følger opp Sykehusutvalget på flere punkter.\n",
    "Nasjonal helse- og samhandlingsplan følgjer opp Sykehusutvalet på fleire punkt.\n",
])
def test_a_modifier_of_the_verb_is_not_part_of_the_object(extractor: Extractor, text: str) -> None:
    found = rels(extractor, text, "follows_up")
    assert {o for _, _, o in found} == {"Sykehusutvalget"}


@pytest.mark.parametrize("text", [
    "Pasientforbundet skal levere synspunkter til departementets arbeid med en kommende melding om legevakt.\n",
    "Pasientforbundet skal levere synspunkt til departementet sitt arbeid med ei kommande melding om legevakt.\n",
])
def test_a_document_behind_a_preposition_is_not_the_verb_s_object(extractor: Extractor, text: str) -> None:
    assert rels(extractor, text, "publishes") == set()


def test_a_proposal_in_a_document_that_mentions_a_law_puts_nothing_in_the_law(extractor: Extractor) -> None:
    text = ("Helsedirektoratet foreslår i dette høringsnotatet at lov 2. mai 2001 nr. 9 "
            "om helsetjenester (helsetjenesteloven) skal oppheves.\n")
    assert rels(extractor, text, "part_of") == set()


@pytest.mark.parametrize(("text", "cue", "stated"), [
    ("Planen følgjer ikkje opp utgreiinga.", "følgjer ikkje opp", False),
    ("Meldinga vil aldri erstatte planen.", "erstatte", False),
    ("Viss meldinga vert lagd fram, byggjer ho på planen.", "byggjer", False),
    ("Kan meldinga byggje på planen?", "byggje", False),
    ("Direktoratet bør vurdere å samarbeide med KS.", "samarbeide", False),
    ("Meldinga om det nye tilbodet byggjer på planen.", "byggjer", True),
    ("Regjeringa skal leggje fram ei ny melding.", "leggje fram", True),
])
def test_modality_of_a_cue_in_nynorsk(text: str, cue: str, stated: bool) -> None:
    start = text.index(cue)
    assert asserted(text, start, start + len(cue)) is stated
