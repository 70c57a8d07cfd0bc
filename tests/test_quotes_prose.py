"""Quotes and their speakers as news texts attribute them, on passages written for these tests (nb, nn).

Each attribution construction is tested alone, with the cases that must give no quote.
"""

from __future__ import annotations

import pytest

from healthplan_kg.extract import Extractor
from healthplan_kg.extract.quotes import find_quotes
from healthplan_kg.extract.text import paragraphs
from healthplan_kg.model import SourceText
from healthplan_kg.readers.furniture import clean_text


def quotes(text: str) -> list[tuple[str, str | None]]:
    return [(q.span.text, q.speaker_span.text if q.speaker_span else None)
            for q in find_quotes(text, paragraphs(text))]


def test_a_hyphen_opens_an_attributed_quote_but_not_a_list_item() -> None:
    text = clean_text("Tittel\n\n- Dette er bra for pasientane, seier Kari Vik.\n\nTiltak:\n"
                      "- Betre samhandling mellom tenestene.\n- Fleire fastlegar i kommunane.\n")
    assert quotes(text) == [("Dette er bra for pasientane", "Kari Vik")]


def test_the_reader_keeps_the_hyphen_of_speech_and_bullets_the_rest() -> None:
    assert clean_text("- Det er bra, sier hun.") == "- Det er bra, sier hun."
    assert clean_text("- Vi har venta lenge, seier ein glad og nøgd Ola Dahl.").startswith("- Vi")
    assert clean_text("- Bedre samhandling, mellom kommunen og Helse Vest") == \
        "• Bedre samhandling, mellom kommunen og Helse Vest"
    assert clean_text("- fem") == "• fem"


def test_a_dash_after_the_attribution_goes_on_with_the_same_speaker() -> None:
    text = "- Mange har venta lenge, seier Vik. - No kan vi starte arbeidet.\n"
    assert quotes(text) == [("Mange har venta lenge", "Vik"), ("No kan vi starte arbeidet.", "Vik")]


def test_an_initial_does_not_end_the_speaker() -> None:
    assert quotes("— Dette er ein god dag for fylket, sa Nils K. Dahl.\n") == [
        ("Dette er ein god dag for fylket", "Nils K. Dahl")]


def test_a_quote_cut_off_before_any_attribution_is_dropped() -> None:
    text = "Tittel\n\n– Vi er glade for planen, sier Kari Vik.\n\n– Fastlegane spelar ei nøkkelrolle i tenesta og"
    assert [q for q, _ in quotes(text)] == ["Vi er glade for planen"]


@pytest.mark.parametrize("intro", [
    "I en e-post til avisa uttaler generalsekretær Kari Vik dette:",
    "Ho ser fram til resten av prosessen:",
])
def test_a_quote_introduced_by_a_colon_is_kept_even_when_cut_off(intro: str) -> None:
    text = f"Tittel\n\n{intro}\n\n– Vi er bekymret for at kommisjonen mangler bredde og at"
    [(quote, speaker)] = quotes(text)
    assert quote.startswith("Vi er bekymret") and speaker == intro


def test_a_dashed_list_after_a_colon_is_not_speech() -> None:
    assert quotes("Statsråden peika på tre ting:\n\n– Betre tenester\n\n– Meir pengar\n") == []


def test_a_word_in_guillemets_inside_a_quote_is_not_a_quote() -> None:
    text = "– Dei skal kalle seg «sjukehus» no, seier Kari Vik.\n"
    assert quotes(text) == [("Dei skal kalle seg «sjukehus» no", "Kari Vik")]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.from_reference()


def speakers(extractor: Extractor, text: str, language: str = "nb") -> list[tuple[str, str]]:
    source = SourceText(path=None, source="t.txt", format="txt", text=text, content_hash="0" * 64,
                        language=language)
    return [(q.speaker.label, q.text[:20]) for q in extractor.extract(source).quotes]


def test_a_pronoun_attribution_is_the_person_last_named(extractor: Extractor) -> None:
    text = ("Ny plan\n\nProfessor Ola Dahl har lest planen. Statsråd Kari Vik la fram planen i dag.\n\n"
            "– Dette er ein god dag for alle pasientar, seier ho.\n")
    assert speakers(extractor, text, "nn") == [("Kari Vik", "Dette er ein god dag")]


def test_a_title_alone_names_the_person_given_it(extractor: Extractor) -> None:
    text = ("Budsjettet\n\nFungerende president Eirik Haug og professor Ola Dahl kommenterte budsjettet.\n\n"
            "– Dette er altfor lite til fastlegene, mener fungerende president.\n")
    assert speakers(extractor, text) == [("Eirik Haug", "Dette er altfor lite")]


def test_the_next_sentence_names_the_speaker(extractor: Extractor) -> None:
    text = ("Konferansen\n\nProfessor Ola Dahl og helseminister Kari Vik var til stede.\n\n"
            "– Vi skal bygge ut tjenestene i hele landet.\n\n"
            "Med disse ordene åpnet helseministeren konferansen.\n")
    assert speakers(extractor, text) == [("Kari Vik", "Vi skal bygge ut tje")]


def test_a_surname_alone_is_a_speaker_but_a_body_is_not(extractor: Extractor) -> None:
    text = ("Avtalen\n\n– Avtalen gjør arbeidet enklere for oss, sier Lunde.\n\n"
            "– Beløpet er for lavt, mener Legeforeningen.\n\n– Vi følger saken tett, sier Statsforvalteren.\n")
    assert speakers(extractor, text) == [("Lunde", "Avtalen gjør arbeide")]
    people = {p.person.label for p in extractor.extract(SourceText(
        path=None, source="t.txt", format="txt", text=text, content_hash="0" * 64, language="nb")).people}
    assert people == {"Lunde"}


def test_the_speaker_named_after_the_speech_verb_of_an_introduction(extractor: Extractor) -> None:
    text = ("Brevet\n\nI en kommentar til statsråd Kari Vik uttaler forbundsleder Per Lunde dette:\n\n"
            "– Vi er bekymret for at kommisjonen mangler bredde og at")
    assert speakers(extractor, text) == [("Per Lunde", "Vi er bekymret for a")]


def test_guillemets_after_an_attributing_clause() -> None:
    assert quotes("Møtet\n\nKari Vik sier: «Vi er klare til å begynne.» Så gikk hun.\n") == [
        ("Vi er klare til å begynne.", "Kari Vik sier")]
    assert quotes("Møtet\n\nPlanen har tre mål: «kvalitet og tryggleik».\n") == []


def test_guillemets_with_the_speaker_before_them(extractor: Extractor) -> None:
    text = "Møtet\n\nDet seier Ola Dahl i ein kommentar: «Dette er ein god plan for fylket.»\n"
    assert speakers(extractor, text, "nn") == [("Ola Dahl", "Dette er ein god pla")]


@pytest.mark.parametrize(("text", "quote", "speaker"), [
    ("Tittel\n\n– Dette er bra for pasientene, sier Kari Vik.\n", "Dette er bra for pasientene", "Kari Vik"),
    ("Tittel\n\n— Dette er bra for pasientane, seier Kari Vik.\n", "Dette er bra for pasientane", "Kari Vik"),
    ("Tittel\n\nOslo – Vi har ventet lenge, sier Ola Dahl.\n", "Vi har ventet lenge", "Ola Dahl"),
    ("Tittel\n\nNy Plan Bergen —Vi har venta lenge, seier Ola Dahl.\n", "Vi har venta lenge", "Ola Dahl"),
])
def test_a_paragraph_opened_by_a_dash_is_looked_at(text: str, quote: str, speaker: str) -> None:
    """Only paragraphs holding an en or em dash are matched for an opening dash: both dashes, after
    a place name or right before the words, still open a quote (bokmål and nynorsk)."""
    assert quotes(text) == [(quote, speaker)]
