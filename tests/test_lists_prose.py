"""Lists, priority groups and themes as policy prose states them (sentences written for the tests)."""

from __future__ import annotations

import pytest

from healthplan_kg.extract.groups import group_phrases, groups_served_by, prioritised_groups
from healthplan_kg.model import Span


def whole(text: str) -> Span:
    return Span(0, len(text), text)


def groups_in(sentence: str) -> list[str]:
    return [g.text for g in prioritised_groups(sentence, whole(sentence))]


@pytest.mark.parametrize(("sentence", "expected"), [
    # a cue before the group: "særlig blant/til", in both written standards
    ("Kommunen skal styrke det forebyggende arbeidet, særlig blant barn og unge.", ["barn og unge"]),
    ("Fylket vil satse på tidleg innsats, særleg for ungdom som har falle ut av skulen, seier ho.",
     ["ungdom som har falle ut av skulen"]),
    # a verb of strengthening and an object before "til"/"for"
    ("Vi skal gi et bedre tilbud til personer med demens.", ["personer med demens"]),
    ("Regjeringa vil styrkje tilbodet for personar med langvarige og samansette behov.",
     ["personar med langvarige og samansette behov"]),
    # "målgruppen er", "retta mot"
    ("Målgruppen for tiltaket er alle eldre over 70 år, både hjemmeboende og andre.",
     ["alle eldre over 70 år"]),
    ("Ordninga er retta mot gravide kvinner og småbarnsforeldre.", ["gravide kvinner og småbarnsforeldre"]),
    # a pronoun head with a relative clause
    ("Tiltaka skal ha størst effekt for dei som treng det mest, men vere gode for alle.",
     ["dei som treng det mest"]),
    # a cue after the group: passive, "ein hovudprioritet", "i fokus"
    ("– Eldre med skrøpelighet skal prioriteres i helsefellesskapene.", ["Eldre med skrøpelighet"]),
    ("Barn og unge er ein hovudprioritet i planen.", ["Barn og unge"]),
    ("I arbeidet har rusavhengige pasientar stått i fokus.", ["rusavhengige pasientar"]),
    ("I tillegg til at barn og unge, personar med demens og eldre med skrøpelegheit framleis skal vere "
     "prioritert, vil fylket løfte fram kvinner i svangerskap, fødsel og barseltid.",
     ["barn og unge", "personar med demens", "eldre med skrøpelegheit",
      "kvinner i svangerskap, fødsel og barseltid"]),
])
def test_groups_named_as_prioritised(sentence: str, expected: list[str]) -> None:
    assert groups_in(sentence) == expected


@pytest.mark.parametrize("sentence", [
    # groups mentioned without a cue are not priority groups
    "Over tid har talet på unge som søkjer hjelp, auka.",
    "Mange eldre bor alene, og flere pasienter venter lenge.",
    # a cue followed by something that is not a group of people
    "Regjeringen vil særlig styrke beredskapen og prioritere digitalisering.",
    # a bare general head names no group
    "Tilbudet skal styrkes for brukere, sier direktøren.",
    "Tenesta er retta mot pasientar.",
])
def test_no_group_without_a_cue_and_a_group_phrase(sentence: str) -> None:
    assert groups_in(sentence) == []


def test_an_enumeration_of_groups_keeps_each_group_with_its_modifiers() -> None:
    sentence = "barn og unge, skrøpelige eldre, personar med fleire kroniske lidingar og rusmiddelproblem"
    assert [g.text for g in group_phrases(sentence, whole(sentence))] == [
        "barn og unge", "skrøpelige eldre", "personar med fleire kroniske lidingar og rusmiddelproblem"]


def test_groups_a_goal_is_for_but_not_a_generic_head() -> None:
    item = "Tryggleik for brukarar og støtte til pårørande"
    assert [g.text for g in groups_served_by(item, whole(item))] == ["pårørande"]
    item = "Best mulig livskvalitet for kreftpasienter og pårørende"
    assert [g.text for g in groups_served_by(item, whole(item))] == ["kreftpasienter og pårørende"]
    item = "Bedre kvalitet i tjenestene for alle"
    assert groups_served_by(item, whole(item)) == []
