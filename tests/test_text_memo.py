"""The paragraphs and sentences of the last text are kept for the next step that asks
(``extract.text``), and the lower case of the last long text (``casefree.lowered``): the kept
results must be exactly what splitting anew gives, and no caller may change another's."""

from __future__ import annotations

from healthplan_kg.extract import text as text_module
from healthplan_kg.extract.casefree import _lowered, lowered
from healthplan_kg.extract.text import all_sentences, paragraphs

_ONE = "Planen følger opp Meld. St. 7 (2019–2020). Den bygger på NOU 2023: 4.\n• Eldre\n• Barn og unge\n"
_TWO = "Helsedirektoratet har utarbeidet en veileder. Den ble lagt fram i går.\n"


def _fresh_sentences(text: str) -> list:
    return [s for p in text_module._paragraphs(text) for s in text_module.sentences(text, p.span)]


def test_repeated_and_alternating_texts_give_what_splitting_anew_gives() -> None:
    for text in (_ONE, _ONE, _TWO, _ONE, "".join(list(_ONE)), _TWO):
        assert paragraphs(text) == text_module._paragraphs(text)
        assert all_sentences(text) == _fresh_sentences(text)
        assert all_sentences(text, paragraphs(text)) == _fresh_sentences(text)


def test_a_caller_changing_its_list_changes_no_other_callers() -> None:
    first = all_sentences(_ONE)
    expected = list(first)
    first.clear()
    paragraphs(_ONE).clear()
    assert all_sentences(_ONE) == expected
    assert paragraphs(_ONE) == text_module._paragraphs(_ONE)


def test_lowered_long_texts_are_kept_per_text() -> None:
    long_one, long_two = "Å" * 1500 + " Planen", "İ" * 1500
    assert lowered(long_one) == _lowered(long_one) == long_one.lower()
    assert lowered(long_two) is None
    assert lowered(long_one) == long_one.lower()
    assert lowered(long_one.upper()) == _lowered(long_one.upper())
