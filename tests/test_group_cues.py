"""Priority groups in running text, found by the cue and the grammar of the group phrase.

Every sentence here is written for these tests (bokmål and nynorsk); none is taken from a
published text. Each case checks the exact labels extracted, so a phrase that runs on past its
group ("eldre med demens i") or stops short of it ("pårørende") fails.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from healthplan_kg.extract import Extractor
from healthplan_kg.extract.group_grammar import _joined_tokens, _make_tokens, group_phrases, may_hold_group
from healthplan_kg.extract.groups import prioritised_groups
from healthplan_kg.extract.list_cues import classify
from healthplan_kg.model import SourceText, Span


def whole(text: str) -> Span:
    return Span(0, len(text), text)


def groups_in(sentence: str) -> list[str]:
    return [g.text for g in prioritised_groups(sentence, whole(sentence))]


@pytest.mark.parametrize(("sentence", "expected"), [
    # a verb of priority with a coordinated run of groups, each with its own modifiers
    ("Departementet vil prioritere barn og unge med angst og eldre med sammensatte behov.",
     ["barn og unge med angst", "eldre med sammensatte behov"]),
    ("Fylket skal prioritera ungdom utan læreplass og vaksne med lite skulegang.",
     ["ungdom utan læreplass", "vaksne med lite skulegang"]),
    # "rette seg mot", with an adverb between, and the passive "rettast mot"
    ("Prosjektet retter seg mot familier med lav inntekt.", ["familier med lav inntekt"]),
    ("Tilbodet rettar seg særleg mot unge vaksne utan fast arbeid.", ["unge vaksne utan fast arbeid"]),
    ("Tiltaka skal særleg rettast mot eldre som bur åleine.", ["eldre som bur åleine"]),
    ("Kommunen vil rette innsatsen mot søsken av barn med alvorlig sykdom.",
     ["søsken av barn med alvorlig sykdom"]),
    # a relational head keeps its "til" phrase
    ("Kurset retter seg primært mot pårørende til personer med spiseforstyrrelser.",
     ["pårørende til personer med spiseforstyrrelser"]),
    # "målgruppa er", with a compound head and a prefix on the cue noun
    ("Hovudmålgruppa for ordninga er innvandrarkvinner med lite norskopplæring.",
     ["innvandrarkvinner med lite norskopplæring"]),
    ("Ei viktig målgruppe er langtidssjukmelde.", ["langtidssjukmelde"]),
    # the beneficiary frame "kome X til gode", with and without an adverb of emphasis
    ("Midlane skal særleg kome personar med utviklingshemming til gode.",
     ["personar med utviklingshemming"]),
    ("Pengene skal først og fremst komme pasienter med sjeldne diagnoser til gode.",
     ["pasienter med sjeldne diagnoser"]),
    # nominal cues: a responsibility, attention or weight given to a group
    ("Bydelene har et særlig ansvar for barn i lavinntektsfamilier.", ["barn i lavinntektsfamilier"]),
    ("Fylkeskommunen har eit særskilt ansvar for ungdom i vidaregåande opplæring.",
     ["ungdom i vidaregåande opplæring"]),
    ("Planen legger opp til en bred innsats, med vekt på eldre med hørselstap.",
     ["eldre med hørselstap"]),
    # "blant annet for" in a sentence about effort
    ("Strategien skal gi bedre tjenester, blant annet for personer med utviklingshemming.",
     ["personer med utviklingshemming"]),
    # a verb of benefit after the adverb, and a body or service between the cue and the group
    ("Direktoratet vil særlig følge opp gravide som bruker rusmidler.", ["gravide som bruker rusmidler"]),
    ("Satsinga skal særleg nå skular med mange elevar med minoritetsbakgrunn.",
     ["elevar med minoritetsbakgrunn"]),
    ("Kommunen satser særlig på tilbud til unge uføre.", ["unge uføre"]),
    # an adjective used as a noun for people heads the phrase; the passive "satses på"
    ("Det skal satses mer på rusavhengige med psykiske lidelser.", ["rusavhengige med psykiske lidelser"]),
    # an intended effect for a group (a modal before "ha størst effekt for")
    ("Tiltaka skal ha størst effekt for dei som har minst frå før.", ["dei som har minst frå før"]),
    # inside a goal: the subject of "at" before a modal, the object of "å" before a possessive
    ("Målet er at eldre med hjelpebehov skal kunne bu heime lenger.", ["eldre med hjelpebehov"]),
    ("Regjeringa har ein ambisjon om at born fødde etter 2015 skal vekse opp utan snus.",
     ["born fødde etter 2015"]),
    ("Det er et mål å halvere unge sine rusproblemer innen 2030.", ["unge"]),
    ("Det er et mål at flere eldre skal kunne delta i frivillig arbeid.", ["eldre"]),
    ("Målet er at ungdom som dropper ut, skal få en ny sjanse.", ["ungdom som dropper ut"]),
    ("Midlane skal særleg gå til tiltak for unge utan jobb.", ["unge utan jobb"]),
    # a negation in another clause does not take the cue back
    ("Vi har ikke glemt at kommunen vil prioritere eldre med demens.", ["eldre med demens"]),
    # a dangling preposition is not part of the group
    ("Fylket vil styrkje tilbodet til eldre med demens i løpet av planperioden.", ["eldre med demens"]),
])
def test_a_cue_in_running_text_and_the_group_it_names(sentence: str, expected: list[str]) -> None:
    assert groups_in(sentence) == expected


@pytest.mark.parametrize("sentence", [
    # a group merely mentioned: no cue
    "Mange eldre med demens bor alene.",
    "Talet på unge vaksne som søkjer hjelp, har auka.",
    # negation before the cue, or between the group and a cue after it
    "Regjeringen vil ikke prioritere eldre med demens i denne omgang.",
    "Kommunen skal ikkje rette tiltaket mot ungdom under 18 år.",
    "Rusavhengige skal ikke lenger prioriteres i køen.",
    # a partner after "med" is no group served ("med mange" is: a share of a population)
    "Kommunen vil satse på samarbeid med pårørende.",
    # a condition or a question prioritises nothing
    "Hvis eldre skulle prioriteres, ville andre grupper få mindre.",
    "Dersom kommunen rettar tilbodet mot unge, må budsjettet aukast.",
    "Skal eldre med demens prioriteres?",
    # the cue points at something other than people
    "Rådet prioriterer digitalisering og beredskap.",
    "Prosjektet rettar seg mot kommunane i Vestland.",
    "Kritikken retter seg mot ventetidene i spesialisthelsetjenesten.",
    "Regjeringen vil satse på trådløse løsninger i hjemmetjenesten.",
    # an effect a measure has, not one it is meant to have
    "Ordningen har størst effekt for eldre med demens.",
    # a goal for everyone, for a bare general head, for no one, or negated
    "Målet er at alle innbyggjarar skal ha ein fastlege.",
    "Målet er at pasienter skal få raskere behandling.",
    "Regjeringen har som mål at kvinner og menn skal ha lik tilgang til behandling.",
    "Vi har som mål at ventetidene skal ned.",
    "Målet er ikke at eldre skal flytte på institusjon.",
    # "kome ... til gode" needs the frame closed by "til gode"
    "Pengene skal komme fram til kommunene før sommeren.",
    # a service to a group without a cue
    "Tjenesten skal være tilpasset behovene til personer med nedsatt funksjonsevne.",
])
def test_no_priority_group(sentence: str) -> None:
    assert groups_in(sentence) == []


@pytest.mark.parametrize(("intro", "kind"), [
    ("Tiltakene retter seg særlig mot disse gruppene:", "priority_groups"),
    ("Tilbodet er særleg viktig for følgjande pasientgrupper:", "priority_groups"),
    ("Programmet er retta mot desse gruppene:", "priority_groups"),
    ("Målgrupper", "priority_groups"),
    ("Hovudmålgruppe", "priority_groups"),
    # groups of people working, not groups served
    ("Arbeidsgruppen består av:", None),
    ("Deltakarane vart delte i tre grupper:", None),
])
def test_an_introduction_or_heading_that_announces_target_groups(intro: str, kind: str | None) -> None:
    assert classify(intro) == kind


def test_an_adjectival_head_needs_no_noun_after_it() -> None:
    sentence = "trådløse løsninger og rusavhengige med psykiske plager"
    assert [g.text for g in group_phrases(sentence, whole(sentence))] == ["rusavhengige med psykiske plager"]


@lru_cache(maxsize=1)
def _extractor() -> Extractor:
    return Extractor.from_reference()


def lists_in(text: str) -> list[tuple[str, list[str]]]:
    source = SourceText(path=Path("t.txt"), source="t.txt", format="txt", text=text, content_hash="t")
    return [(lst.kind, [i.label for i in lst.items]) for lst in _extractor().extract(source).lists]


@pytest.mark.parametrize(("text", "expected"), [
    # themes in apposition to "temaene" after a verb of scope
    ("Planen skal omhandle temaene legemiddelberedskap, antibiotikaresistens og smittevern.",
     [("themes", ["legemiddelberedskap", "antibiotikaresistens", "smittevern"])]),
    # "blant annet" after the verb of scope, and the nynorsk "omhandlar"
    ("Handlingsplanen omfatter blant annet fysisk aktivitet, kosthold og søvn.",
     [("themes", ["fysisk aktivitet", "kosthold", "søvn"])]),
    ("Rapporten omhandlar einsemd, meistring og deltaking.",
     [("themes", ["einsemd", "meistring", "deltaking"])]),
    # bullets under an introduction of target groups
    ("Tilbudet retter seg særlig mot disse gruppene:\n\n- eldre som bor alene\n- unge uføre\n",
     [("priority_groups", ["eldre som bor alene", "unge uføre"])]),
])
def test_themes_and_groups_a_document_lists_as_its_own(text: str, expected: list) -> None:
    assert lists_in(text) == expected


@pytest.mark.parametrize("text", [
    # a theme word without a verb of scope, and a verb of scope with no enumeration after it
    "Temaene rekruttering, kompetanse og arbeidsvilkår ble diskutert på møtet.",
    "Meldinga tek for seg korleis kommunane kan samarbeide betre.",
])
def test_no_theme_list(text: str) -> None:
    assert [kind for kind, _ in lists_in(text)] == []


@pytest.mark.parametrize(("sentence", "expected"), [
    # a head noun (bokmål) and a head noun after a service (nynorsk)
    ("Kommunen vil prioritere eldre som bor alene.", ["eldre som bor alene"]),
    ("Fylket vil styrkje tilbodet til unge vaksne utan arbeid.", ["unge vaksne utan arbeid"]),
    # a hyphenated compound whose last part ends in a head, an adjectival head, a pronoun head
    ("Sykehuset skal prioritere kreft-pasienter med spredning.", ["kreft-pasienter med spredning"]),
    ("Tiltaka skal rettast mot langtidssjukmelde i kommunen.", ["langtidssjukmelde i kommunen"]),
    ("Ordninga skal særleg hjelpe dei som har mista jobben.", ["dei som har mista jobben"]),
])
def test_the_head_word_gate_lets_every_group_through(sentence: str, expected: list[str]) -> None:
    assert may_hold_group(sentence, whole(sentence))
    assert groups_in(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Regjeringen vil satse på digitale verktøy i hjemmetjenesten.",
    "Direktoratet skal styrkje beredskapen i regionane.",
])
def test_the_head_word_gate_stops_a_sentence_without_a_head(sentence: str) -> None:
    assert not may_hold_group(sentence, whole(sentence))
    assert groups_in(sentence) == []


@pytest.mark.parametrize("sentence", [
    "Planen prioriterer tre grupper: eldre med demens, barn og unge og personar med rusvanskar.",
    "Tiltakene: a/b- og c:d:e",
    "Målgruppa er:",
])
def test_tokens_joined_at_a_colon_are_those_of_the_whole(sentence: str) -> None:
    colon = sentence.index(":")
    kept = {(colon + 1, len(sentence)): _make_tokens(sentence, colon + 1, len(sentence))}
    assert _joined_tokens(sentence, 0, len(sentence), kept) == _make_tokens(sentence, 0, len(sentence))
