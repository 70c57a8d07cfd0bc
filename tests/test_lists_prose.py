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
    ("Kommunen vil styrke tilbudet til personer med behov for langvarig hjelp for å sikre trygghet.",
     ["personer med behov for langvarig hjelp"]),
    ("Regjeringa vil styrkje tilbodet til personar med ein kronisk sjukdom.", ["personar med ein kronisk sjukdom"]),
    ("Regjeringa vil styrkje tilbodet for personar med langvarige og samansette behov.",
     ["personar med langvarige og samansette behov"]),
    # "målgruppen er", "retta mot"
    ("Målgruppen for tiltaket er alle eldre over 70 år, både hjemmeboende og andre.",
     ["alle eldre over 70 år"]),
    ("Ordninga er retta mot gravide kvinner og småbarnsforeldre.", ["gravide kvinner og småbarnsforeldre"]),
    # the beneficiary of a measure
    ("Ordningen skal gi eldre over 80 år et gratis hjemmebesøk.", ["eldre over 80 år"]),
    ("Ordninga skal hjelpe familiar med låg inntekt, seier ho.", ["familiar med låg inntekt"]),
    # a pronoun head with a relative clause
    ("Kommunen vil prioritere dei som har størst behov, seier ho.", ["dei som har størst behov"]),
    # a cue after the group: passive, "ein hovudprioritet", "i fokus"
    ("– Eldre med skrøpelighet skal prioriteres i helsefellesskapene.", ["Eldre med skrøpelighet"]),
    ("Born med funksjonsnedsetjingar er ein hovudprioritet for kommunen.", ["Born med funksjonsnedsetjingar"]),
    ("I arbeidet har rusavhengige pasientar stått i fokus.", ["rusavhengige pasientar"]),
    ("Born med astma, eldre med demens og unge utan arbeid skal framleis vere prioritert, og fylket vil "
     "i tillegg løfte fram foreldre med rusvanskar, gjeld og einsemd.",
     ["Born med astma", "eldre med demens", "unge utan arbeid",
      "foreldre med rusvanskar, gjeld og einsemd"]),
])
def test_groups_named_as_prioritised(sentence: str, expected: list[str]) -> None:
    assert groups_in(sentence) == expected


@pytest.mark.parametrize("sentence", [
    # groups mentioned without a cue are not priority groups
    "Over tid har talet på unge som søkjer hjelp, auka.",
    "Mange eldre bor alene, og flere pasienter venter lenge.",
    # a cue followed by something that is not a group of people
    "Regjeringen vil særlig styrke beredskapen og prioritere digitalisering.",
    # "særlig blant" in a sentence that describes rather than prioritises
    "Sykdomsbyrden er høyest, særlig blant eldre med lav inntekt.",
    "Talet på ventande har auka, særleg blant born.",
    # the effect a measure has on a group describes the measure; it does not prioritise the group
    "Tiltaket har størst effekt for eldre med demens.",
    "Tiltaka har større effekt for born enn for vaksne, seier ho.",
    # a service to a group is not a priority without a cue
    "Kommunen har i dag et tilbud til personer med demens.",
    # a bare general head names no group
    "Ordningen skal gi pasienter mer innsyn.",
    "Tilbudet skal styrkes for brukere, sier direktøren.",
    "Tenesta er retta mot pasientar.",
])
def test_no_group_without_a_cue_and_a_group_phrase(sentence: str) -> None:
    assert groups_in(sentence) == []


def test_an_enumeration_of_groups_keeps_each_group_with_its_modifiers() -> None:
    sentence = "born og unge, einslege eldre, personar med langvarige smerter og søvnvanskar"
    assert [g.text for g in group_phrases(sentence, whole(sentence))] == [
        "born og unge", "einslege eldre", "personar med langvarige smerter og søvnvanskar"]


def test_groups_a_goal_is_for_but_not_a_generic_head() -> None:
    item = "Meir tryggleik for brukarar og god støtte til pårørande"
    assert [g.text for g in groups_served_by(item, whole(item))] == ["pårørande"]
    item = "Kortere ventetid for hjertepasienter og pårørende"
    assert [g.text for g in groups_served_by(item, whole(item))] == ["hjertepasienter og pårørende"]
    item = "Bedre kvalitet i tjenestene for alle"
    assert groups_served_by(item, whole(item)) == []


# -- lists ---------------------------------------------------------------------------------------

def lists_in(text: str) -> list[tuple[str, list[str]]]:
    from healthplan_kg.extract.lists import bullet_lists
    from healthplan_kg.extract.text import paragraphs
    return [(found.kind, [i.text for i in found.items]) for found in bullet_lists(text, paragraphs(text))]


@pytest.mark.parametrize(("text", "expected"), [
    # numbers, letters and en dashes after a colon
    ("Planen har tre innsatsområder:\n1) Bedre samhandling\n2) Kortere ventetider\n3) Flere fagfolk\n",
     [("measures", ["Bedre samhandling", "Kortere ventetider", "Flere fagfolk"])]),
    ("Strategien har desse måla for arbeidet:\na) Tryggare skulevegar\nb) Mindre sosial ulikskap\n",
     [("measures", ["Tryggare skulevegar", "Mindre sosial ulikskap"])]),
    ("Regjeringen vil innføre:\n– Et nytt tilskudd\n– En ny veileder\n",
     [("measures", ["Et nytt tilskudd", "En ny veileder"])]),
    # an item that wraps onto the next line is one item
    ("Meldinga har to hovudgrep:\n• Betre bruk av kompetansen i\nkommunane og sjukehusa\n• Enklare regelverk\n",
     [("measures", ["Betre bruk av kompetansen i\nkommunane og sjukehusa", "Enklare regelverk"])]),
    # explanation lines under each item are left out
    ("Meldingen foreslår to grep:\n• Ny modell\nModellen gir klarere roller.\n\n"
     "• Mer øving\nØvelser holdes hvert år.\n",
     [("measures", ["Ny modell", "Mer øving"])]),
    # goals: "skal ... bidra til:", the cue in a sentence before a short "Mer presist:"
    ("Samla skal reforma bidra til:\n• Kortare ventetid\n• Tryggare overgangar mellom tenestene\n",
     [("measures", ["Kortare ventetid", "Tryggare overgangar mellom tenestene"])]),
    ("Måla for tenesta er enkle. Kort sagt:\n• pasientar skal få rett hjelp\n• ventetida skal vere kort\n",
     [("measures", ["pasientar skal få rett hjelp", "ventetida skal vere kort"])]),
    # a document's own themes: what it covers
    ("I meldingen følger en bred gjennomgang av sektoren, blant annet:\n• finansiering\n• apotekdekning\n",
     [("themes", ["finansiering", "apotekdekning"])]),
    ("Rapporten tek for seg desse spørsmåla:\n• kompetanse\n• leiing\n",
     [("themes", ["kompetanse", "leiing"])]),
    ("I rapporten omtales blant annet:\n• legedekning\n• legevakt\n", [("themes", ["legedekning", "legevakt"])]),
    # a fact box about a plan's content
    ("Fakta om planen\n• Ny tilskotsordning\n• Eit nasjonalt kompetansesenter\n",
     [("measures", ["Ny tilskotsordning", "Eit nasjonalt kompetansesenter"])]),
    # lines without markers after a colon, alike in length and punctuation
    ("Kommunen vil innføre:\n\nGratis tannhelsesjekk for born.\n\nEit nytt lågterskeltilbod for unge.\n\nMeir om saka",
     [("measures", ["Gratis tannhelsesjekk for born", "Eit nytt lågterskeltilbod for unge"])]),
])
def test_lists_as_texts_write_them(text: str, expected: list) -> None:
    assert lists_in(text) == expected


@pytest.mark.parametrize("text", [
    # contact details and links are not measures
    "Kontakt oss:\n• Telefon 22 00 00 00\n• E-post post@eksempel.no\n",
    "Les meir:\n• Lenke til rapporten\n• Lenke til høyringa\n",
    # a quote opened by a dash after a sentence without a colon is not a list
    "Planen har tre satsingsområde.\n– Vi skal gjere mykje, seier ho.\n",
    # lines after a colon that differ in punctuation are headings and captions, not items
    "Senteret har valt fire satsingsområde:\nStrategi og plan\nDette er ei setning.\nNamn Namnesen\n",
    # a document that was handled is not a document that covers themes
    "Rapporten ble behandlet i styret, som vedtok:\n• å sende saken videre\n• å be om en ny vurdering\n",
    # a fact box about an organisation, not a plan
    "Fakta om sjukehuset\n• 12 000 tilsette\n• Fire klinikkar\n",
    # a count that does not match the lines
    "Planen har tre hovudgrep:\nBetre leiing\nMeir opplæring\n",
])
def test_no_list_of_measures(text: str) -> None:
    assert lists_in(text) == []


def test_an_enumeration_announced_by_a_count_in_the_sentence_before_or_after() -> None:
    from healthplan_kg.extract.sentence_lists import counted_lists
    from healthplan_kg.extract.text import all_sentences
    text = ("Fylket har valt ut tre innsatsområde.\n\n– Me vil satse på betre leiing, fleire lærlingar, "
            "og kortare ventetid, seier ho.")
    [found] = counted_lists(text, all_sentences(text))
    assert found.kind == "measures"
    assert [i.text for i in found.items] == ["betre leiing", "fleire lærlingar", "kortare ventetid"]
    text = "Kvalitet, ventetider og digitalisering. Det er tre sentrale temaer i planen."
    [found] = counted_lists(text, all_sentences(text))
    assert (found.kind, [i.text for i in found.items]) == ("themes", ["Kvalitet", "ventetider", "digitalisering"])
    # the count must match: four items are not "tre"
    text = "Kvalitet, ventetider, bemanning og digitalisering. Det er tre sentrale temaer i planen."
    assert counted_lists(text, all_sentences(text)) == []


def test_a_quote_after_a_dash_list_is_not_an_item() -> None:
    text = "Planen handlar om følgjande tema:\n\n- Folkehelse\n- Beredskap\n\n– Dette er bra, seier ho.\n"
    assert lists_in(text) == [("themes", ["Folkehelse", "Beredskap"])]


def test_extraction_gives_groups_from_prose_and_from_goals_once_each() -> None:
    import hashlib
    from pathlib import Path

    from healthplan_kg.extract import Extractor
    from healthplan_kg.model import SourceText

    text = ("Strategien skal styrke tilbodet, særleg for personar med langvarige behov.\n\n"
            "Strategien har to hovudmål:\n• Betre livskvalitet for kreftpasientar og pårørande\n"
            "• Tryggleik for brukarar\n\nMange eldre bur heime.\n")
    source = SourceText(path=Path("t.txt"), source="t.txt", format="txt", text=text,
                        content_hash=hashlib.sha256(text.encode()).hexdigest())
    lists = Extractor([]).extract(source).lists
    measures = [[i.label for i in lst.items] for lst in lists if lst.kind == "measures"]
    groups = [i.label for lst in lists if lst.kind == "priority_groups" for i in lst.items]
    assert measures == [["Betre livskvalitet for kreftpasientar og pårørande", "Tryggleik for brukarar"]]
    assert groups == ["personar med langvarige behov", "kreftpasientar og pårørande"]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Sentrale tema i planen er kvalitet, kompetanse og digitalisering.",
     ("themes", ["kvalitet", "kompetanse", "digitalisering"])),
    ("Meldinga skal handle om folkehelse, beredskap og digitale tenester.",
     ("themes", ["folkehelse", "beredskap", "digitale tenester"])),
    ("Hovudgrepa i strategien er betre leiing, meir opplæring og nye arbeidsformer.",
     ("measures", ["betre leiing", "meir opplæring", "nye arbeidsformer"])),
    ("Kommunen vil innføre: gratis tannhelsesjekk, fleire helsesjukepleiarar og eit lågterskeltilbod for unge.",
     ("measures", ["gratis tannhelsesjekk", "fleire helsesjukepleiarar", "eit lågterskeltilbod for unge"])),
])
def test_enumerations_inside_one_sentence(sentence: str, expected: tuple) -> None:
    from healthplan_kg.extract.sentence_lists import inline_lists
    [found] = inline_lists(sentence, whole(sentence), None)
    assert (found.kind, [i.text for i in found.items]) == expected


@pytest.mark.parametrize("sentence", [
    "Planen handlar om å gi folk betre tenester der dei bur, seier ho.",
    "Tiltaka er dyre, krevjande og tidkrevjande.",
    "Saka handler om penger, tid og folk.",
    "Meldingen tar for seg hvordan tjenestene kan bli bedre, billigere og raskere.",
])
def test_no_enumeration_inside_one_sentence(sentence: str) -> None:
    from healthplan_kg.extract.sentence_lists import inline_lists
    assert inline_lists(sentence, whole(sentence), None) == []


def test_target_groups_after_a_colon_inline_and_as_bullets() -> None:
    sentence = "Målgrupper: barn og unge, eldre med demens og pårørande."
    assert groups_in(sentence) == ["barn og unge", "eldre med demens", "pårørande"]
    assert lists_in("Målgruppa for tilskotet:\n• barn og unge\n• eldre med demens\n") == [
        ("priority_groups", ["barn og unge", "eldre med demens"])]


def test_a_plans_parts_named_by_numbered_headings() -> None:
    from healthplan_kg.extract.lists import numbered_parts
    from healthplan_kg.extract.text import paragraphs
    text = ("Planen er delt i tre.\n\nInnsatsområde 1: Betre leiing i kommunane\n\nKommunane skal ...\n\n"
            "Innsatsområde 2: Førebygging og tidleg innsats\n\nMeir tekst.\n\n"
            "Innsatsområde 3 – Kompetanse\n\nMål 2024: Dette er eit årstal, ikkje ein del.\n")
    [found] = numbered_parts(text, paragraphs(text))
    assert (found.kind, [i.text for i in found.items]) == (
        "measures", ["Betre leiing i kommunane", "Førebygging og tidleg innsats", "Kompetanse"])
    text = "Tema 1: Folkehelse\n\nTema 2: Beredskap\n"
    [found] = numbered_parts(text, paragraphs(text))
    assert (found.kind, [i.text for i in found.items]) == ("themes", ["Folkehelse", "Beredskap"])
    # one numbered heading alone is no list
    assert numbered_parts("Kapittel 3\n\nTiltak 1: Ny lov\n", paragraphs("Kapittel 3\n\nTiltak 1: Ny lov\n")) == []


def test_sub_items_under_an_item_are_left_out() -> None:
    text = ("Strategien har tre satsingsområde:\n• Kvalitet\n– betre rutinar\n– meir opplæring\n"
            "• Kompetanse\n– fleire lærlingar\n• Digitalisering\n")
    assert lists_in(text) == [("measures", ["Kvalitet", "Kompetanse", "Digitalisering"])]


def test_a_quote_after_an_announced_list_is_not_its_items() -> None:
    from healthplan_kg.extract.sentence_lists import counted_lists
    from healthplan_kg.extract.text import all_sentences
    text = ("Arbeidet er delt inn i fire temaområder: kvalitet, ventetider, bemanning og digitalisering.\n\n"
            "– Dette er et viktig steg for pasientene, og vi følger arbeidet tett, sier Kari Nordmann, leder i "
            "Eksempelforbundet, og styreleder i Testforeningen.")
    assert counted_lists(text, all_sentences(text)) == []
    text = ("Planen har fire hovedgrep.\n\n– Det gjelder kvalitet, og vi følger arbeidet tett, og det er bra, "
            "sier leder Kari Nordmann.")
    assert counted_lists(text, all_sentences(text)) == []


@pytest.mark.parametrize("text", [
    # a cue stem inside a word (bokmål, nynorsk), a colon, a fact box heading without a stem
    "Det var et godt år. Regjeringen har valgt ut fire satsingsområder for perioden.",
    "Det var eit godt år. Kommunen peikar ut fleire hovudmål for arbeidet i fylket.",
    "Det var et godt år. Dette trenger vi nå:",
    "Det var eit godt år.\n\nKort om reforma",
])
def test_the_cue_sentence_gate_lets_a_cue_through(text: str) -> None:
    from healthplan_kg.extract.list_cues import classify, cue_sentences
    from healthplan_kg.extract.text import all_sentences
    sents = all_sentences(text)
    assert classify(sents[1].text) is not None or ":" in sents[1].text
    # asked twice: the second time the words are known from the first
    assert cue_sentences(text, sents) == cue_sentences(text, sents) == [1]


def test_the_scope_gate_lets_a_document_noun_through() -> None:
    from healthplan_kg.extract.cue_filter import text_words
    from healthplan_kg.extract.sentence_lists import scope_sentences
    from healthplan_kg.extract.text import all_sentences
    text = ("Det var et godt år. Strategien omfatter blant annet søvn, kosthold og fysisk aktivitet. "
            "Meldinga skal handle om einsemd, meistring og deltaking.")
    sents = all_sentences(text)
    assert scope_sentences(sents, [text_words(s.text) for s in sents]) == [1, 2]
