"""People and their roles as real texts give them, on sentences written for these tests (nb and nn).

The rules are tested one construction at a time, each with cases that must not give a person.
"""

from __future__ import annotations

import pytest

from healthplan_kg.extract import Extractor
from healthplan_kg.extract import people as people_module
from healthplan_kg.extract.anchored import finditer_at
from healthplan_kg.extract.people import RANK_FORMER, RANK_MEMBER, find_people, is_title_word
from healthplan_kg.model import SourceText


def roles(text: str) -> dict[str, set[str | None]]:
    found: dict[str, set[str | None]] = {}
    for person in find_people(text):
        found.setdefault(person.name, set()).add(person.role)
    return found


@pytest.mark.parametrize("text, name, role", [
    # titles as written, before the name
    ("Brevet er signert av ekspedisjonssjef Mona Lunde.", "Mona Lunde", "ekspedisjonssjef"),
    ("Det opplyser kommunedirektør Per Arne Vold.", "Per Arne Vold", "kommunedirektør"),
    ("Saka vart teken opp av generalsekretær Siri Bakken.", "Siri Bakken", "generalsekretær"),
    ("Det meiner fungerande president Eirik Haug.", "Eirik Haug", "fungerande president"),
    ("Arbeidet skal styrast av tidlegare fylkesrådmann Anne-Lise Tveit.", "Anne-Lise Tveit",
     "tidlegare fylkesrådmann"),
    ("Møtet ble ledet av viseadministrerende direktør Trond Moe.", "Trond Moe", "viseadministrerende direktør"),
    # a definite title before the name's apposition
    ("Ordet gjekk så til fylkesordføraren i Vestfold, Knut R. Aas, som var kort.", "Knut R. Aas",
     "fylkesordføraren i Vestfold"),
    # a title with its field before the name
    ("Det sier professor i helseøkonomi Jon Aasen ved Eksempeluniversitetet.", "Jon Aasen",
     "professor i helseøkonomi"),
    ("Dette seier forskar i folkehelse Liv Hauge.", "Liv Hauge", "forskar i folkehelse"),
    # after the name, in an apposition, with a coordinated second title
    ("Kari Moen, leder av referansegruppen, sier at arbeidet går bra.", "Kari Moen", "leder"),
    ("Marit Sæther, viseadministrerande direktør og fag- og kvalitetsdirektør, var til stades.",
     "Marit Sæther", "viseadministrerande direktør og fag- og kvalitetsdirektør"),
    ("Ordet fikk Ola Lie, ALIS-lege i Eksempel kommune.", "Ola Lie", "ALIS-lege"),
])
def test_roles_before_and_after_the_name(text: str, name: str, role: str) -> None:
    assert role in roles(text).get(name, set())


def test_an_apposition_keeps_the_complement_apart_for_the_organisation() -> None:
    [person] = [p for p in find_people("Kari Moen, leder av referansegruppen, sier dette.") if p.role]
    assert person.complement == "av referansegruppen"


@pytest.mark.parametrize("text", [
    # nynorsk adjectives in "-lege" are not doctors
    "Dei offentlege Eksempel Helse og dei vennlege Ola Nordmann kom.",
    # a speech verb before a surname is not a title before a name
    "Tenestene skal bli meir brukarvennlege, seier Brekke.",
    # forms of address, and people addressed in a salutation
    "Deres Kongelige Høyhet,\nStatsråd Kari Lunde,\nMine damer og herrer,\n\nDet er ei glede å vere her.",
    # a name does not run over a line break, and a role word alone names nobody
    "Leder\nKari Moen\n",
])
def test_what_is_not_a_person_with_a_role(text: str) -> None:
    assert not [p for p in find_people(text) if p.role], find_people(text)
    assert "Deres Kongelige Høyhet" not in roles(text)


def test_a_title_ending_in_lege_is_told_from_an_adjective() -> None:
    assert is_title_word("fastlege") and is_title_word("overtannlege") and is_title_word("ALIS-lege")
    assert not is_title_word("offentlege") and not is_title_word("brukarvennlege")


def test_member_lists_in_both_written_standards() -> None:
    text = ("Medlemmer av utvalget:\n\n"
            "• Kari Holm (leder). Avdelingsdirektør ved Eksempeldirektoratet.\n"
            "• Per Vik. Forsker ved Eksempelinstituttet.\n"
            "• Anne Li. Professor i sykepleie ved Eksempeluniversitetet\n\n"
            "Medlem av utvalet\n\n"
            " 1. Liv Dale (leiar), mellom anna tidlegare rådmann i Eksempel kommune, Voss\n"
            " 2. Odd Lunde, overlege hjå Eksempel sjukehus, Førde\n")
    found = {(p.name, p.role, p.rank) for p in find_people(text)}
    assert ("Kari Holm", "leder", RANK_MEMBER) in found
    assert any(name == "Per Vik" and role == "Forsker" for name, role, _ in found)
    assert any(name == "Anne Li" and role == "Professor" for name, role, _ in found)
    assert ("Liv Dale", "leiar", RANK_MEMBER) in found
    assert ("Liv Dale", "tidlegare rådmann", RANK_FORMER) in found
    assert any(name == "Odd Lunde" and role == "overlege" for name, role, _ in found)


def test_a_list_of_things_is_not_a_member_list() -> None:
    text = "Tiltak:\n• Betre Samhandling. Meir ressursar til kommunane.\n• Nye Tenester (pilot)\n"
    assert not [p for p in find_people(text) if p.role]


def test_the_signatories_of_a_letter() -> None:
    text = ("Vi ber om svar innen fristen.\n\nMed hilsen\n\nMona Lunde (e.f.)\nekspedisjonssjef\n\n"
            "Ola Berg\nseniorrådgiver\n")
    found = {(p.name, p.role) for p in find_people(text)}
    assert ("Mona Lunde", "ekspedisjonssjef") in found and ("Ola Berg", "seniorrådgiver") in found


def test_a_name_line_without_a_greeting_above_is_not_a_signature() -> None:
    assert not find_people("Rapporten\n\nMona Lunde\nekspedisjonssjef\n")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.from_reference()


def _people(extractor: Extractor, text: str, language: str = "nb") -> dict[str, str | None]:
    source = SourceText(path=None, source="t.txt", format="txt", text=text, content_hash="0" * 64,
                        language=language)
    return {p.person.label: p.role for p in extractor.extract(source).people}


def test_the_best_stated_role_wins_and_a_former_role_gives_way(extractor: Extractor) -> None:
    text = ("Utval for betre tenester\n\nRegjeringa har oppnemnt eit utval. Utvalet får tidlegare "
            "rådmann Liv Dale som leiar.\n\nMedlem av utvalet\n\n 1. Liv Dale (leiar), mellom anna tidlegare rådmann "
            "i Eksempel kommune\n 2. Odd Lunde, professor i helserett ved Eksempeluniversitetet\n")
    people = _people(extractor, text, "nn")
    assert people["Liv Dale"] == "leiar"
    assert people["Odd Lunde"].startswith("professor i helserett")


def test_bylines_and_photo_credits_are_not_people(extractor: Extractor) -> None:
    text = ("Ny plan for legevakt\n\nAv Kari Nordmann\n\nFoto: Ola Vik\n\nIllustrasjon: Per Hansen\n\n"
            "Publisert av Anne Berg\n\nKommunene får nye krav til legevakt fra neste år.")
    assert _people(extractor, text) == {}


@pytest.mark.parametrize("text, names", [
    ("Kari Vik meiner at planen kjem for seint.", {"Kari Vik"}),
    ("Ola Dahl (Ap) sier at budsjettet er for stramt.", {"Ola Dahl"}),
    # a capitalised title or function word at the sentence start is not part of the name
    ("Helsedirektør Kari Vik mener planen er god.", {"Kari Vik"}),
    ("Også Kari Vik meiner at planen er god.", {"Kari Vik"}),
    # bodies named like people are not people
    ("Norsk Sykepleierforbund mener planen er for svak.", set()),
    ("Dette meiner Eksempel Helselag og Mental Helse.", set()),
])
def test_a_speaker_named_as_the_subject(text: str, names: set[str]) -> None:
    assert {p.name for p in find_people(text)} == names


@pytest.mark.parametrize("text, name, role", [
    # The role patterns are tried only where the words up to a title have a role's shape
    # (``people._ROLE_SHAPE``): qualifiers, "X- og", a hyphenated title. Each of these must pass.
    ("Saka vart lagd fram av konstituert assisterande helsedirektør Eva Lund.", "Eva Lund",
     "konstituert assisterande helsedirektør"),
    ("Planen ble presentert av tidligere helse- og omsorgsminister Per Holm.", "Per Holm",
     "tidligere helse- og omsorgsminister"),
    ("Svaret kom frå ALIS-lege Siv Rønning.", "Siv Rønning", "ALIS-lege"),
    ("Det sa nyvalgt fag- og kvalitetsdirektør Kari Strand i går.", "Kari Strand",
     "nyvalgt fag- og kvalitetsdirektør"),
    ("Innlegget heldt dagleg leiar og fungerande styreleiar Odd Nes.", "Odd Nes",
     "dagleg leiar og fungerande styreleiar"),
    ("Prosjektet ble ledet av ass. direktør Tone Wik.", "Tone Wik", "ass. direktør"),
    ("Fungerende avdelingsdirektør for helseberedskap, Lars Eng.", "Lars Eng", "Fungerende avdelingsdirektør"),
    ("Tidlegare fylkeslege i Nordland, Mari Sand.", "Mari Sand", "Tidlegare fylkeslege"),
])
def test_roles_with_qualifiers_and_coordinations_are_tried_where_they_start(text: str, name: str,
                                                                             role: str) -> None:
    assert any(r is not None and r.startswith(role) for r in roles(text).get(name, set())), roles(text)
    starts = people_module._role_phrase_starts(text)
    for pattern in (people_module._ROLE_PHRASE_THEN_NAME, people_module._ROLE_THEN_NAME):
        assert [m.span() for m in finditer_at(pattern, text, starts)] == \
            [m.span() for m in pattern.finditer(text)]


@pytest.mark.parametrize("name", [
    # ``_names_a_body`` answers as the case-insensitive ``_BODY_NAME_END`` (in the lower case)
    "Norsk Sykepleierforbund", "Eksempel HELSELAG", "Vestland Fylkeskommune", "Kreftforeininga",
    "Noregs Mållag", "Ola Dahl", "Kari Vik-Helse", "Liv Helsestasjon", "Per Laget", "Siv Råd",
    "Odd Kommunen", "İnger Forbund", "Jon Rådſ", "Tone Selskapet", "Eva Gruppa",
])
def test_a_name_ending_in_a_body_word_is_told_as_the_pattern_tells_it(name: str) -> None:
    assert people_module._names_a_body(name) == (people_module._BODY_NAME_END.search(name) is not None)


@pytest.mark.parametrize("text, name, role", [
    # member lists are read only on lines that open like an item (``people._item_line_starts``)
    ("Utvalet har hatt desse medlemmene:\n• Kari Nordvik (leiar), professor ved Eksempeluniversitetet\n",
     "Kari Nordvik", "leiar"),
    ("Utvalget består av:\n  1. Ola Vik. Forsker ved Eksempelinstituttet\n 2. Liv Berg (leder)", "Liv Berg", "leder"),
    ("- Per Dal, rådgjevar i Eksempel kommune", "Per Dal", "rådgjevar"),
])
def test_member_list_lines_are_read(text: str, name: str, role: str) -> None:
    assert role in roles(text).get(name, set())
