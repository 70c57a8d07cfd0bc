"""Mention finding does work in proportion to a text's size, and its shortcuts find exactly what
the plain searches they replace find.

Regression tests for issue 15 (linear-time extraction): work is counted, not timed. The patterns
a finder uses are wrapped in a counter that records how many characters each call was handed
(or, for a call anchored at one position, that it was made), so quadratic work (a search of the
line up to every name, a search of the whole text per person) shows as a count that grows with
the square of the text. The shortcuts are checked against their definitions on generated texts.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from healthplan_kg.extract import organisations
from healthplan_kg.extract.organisations import (
    _KIND_WORD,
    _PHOTO_CREDIT,
    _CreditLines,
    _kind_word_candidates,
    _photo_credits,
    _words,
    find_named_bodies,
    find_shaped_bodies,
)


class CountingPattern:
    """A compiled pattern that counts the characters its searches are handed; ``match`` at one
    position counts one (the patterns counted here read a word and a few spaces from there)."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.work = 0

    def search(self, text: str, *args):
        self.work += len(text)
        return self.pattern.search(text, *args)

    def finditer(self, text: str, *args):
        self.work += len(text)
        return self.pattern.finditer(text, *args)

    def match(self, text: str, *args):
        self.work += 1
        return self.pattern.match(text, *args)

    def fullmatch(self, text: str, *args):
        self.work += 1
        return self.pattern.fullmatch(text, *args)


#: A line of running text with bodies named by their shape, written for this test (bokmål and
#: nynorsk), and a photo credit that opens the line.
_BOKMAL = "Norsk Ergoterapeutforbund og Landsforeningen for Hjerte- og lungesyke møtte Helsetilsynet. "
_NYNORSK = "Noregs Mållag og Den norske tannlegeforening skreiv til Sjukehusutvalet om tilbodet. "


def _credit_work(monkeypatch, text: str) -> int:
    counter = CountingPattern(_PHOTO_CREDIT)
    monkeypatch.setattr(organisations, "_PHOTO_CREDIT", counter)
    find_named_bodies(text)
    find_shaped_bodies(text)
    return counter.work


def test_photo_credit_checks_on_one_long_line_grow_linearly(monkeypatch):
    # One line (an HTML page read as one): the credit check used to search the line up to
    # every name, so doubling the line quadrupled the work.
    line = "Foto: Kari Vik. " + (_BOKMAL + _NYNORSK) * 50
    longer = "Foto: Kari Vik. " + (_BOKMAL + _NYNORSK) * 100
    small, large = _credit_work(monkeypatch, line), _credit_work(monkeypatch, longer)
    assert 0 < large <= 2.2 * small, (small, large)


def test_names_after_a_photo_credit_on_its_line_are_credits_not_bodies():
    text = "Illustrasjonsfoto: Norsk Ergoterapeutforbund\nNoregs Mållag skreiv til Sjukehusutvalet."
    labels = [b.label for b in find_shaped_bodies(text)] + [b.label for b in find_named_bodies(text)]
    assert "Norsk Ergoterapeutforbund" not in labels
    assert "Noregs Mållag" in labels and "Sjukehusutvalet" in labels


_PIECES = ["Foto", "foto", "Fotograf", "Illustrasjonsfoto", "BILDE", "Grafikk", "Photo", ":", " ", "  ",
           "\n", "\t", "x", "Kari", "_", "2", "-", "«", "sfoto", "Bildet", "\u00a0"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_photo_credits_are_the_pattern_searched_over_the_text(pieces):
    text = "".join(pieces)
    found = list(_PHOTO_CREDIT.finditer(text))
    assert _photo_credits(text) == ([m.start() for m in found], [m.end() for m in found])
    lines = _CreditLines(text)
    for pos in range(len(text) + 1):
        line_start = text.rfind("\n", 0, pos) + 1
        assert lines.line_start(pos) == line_start
        assert lines.credited_before(pos) == (_PHOTO_CREDIT.search(text[line_start:pos]) is not None)


_WORD_PIECES = ["forbund", "Forbundet", "lag", "Mållag", "råd", "RÅDET", "senter", "etat", "styre", "x", "Norsk",
                "foreininga", "utvalg", " ", "-", "\n", "s", "en", "ı", "ſ", "İ", "ø", "2", "_"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORD_PIECES), max_size=30))
def test_kind_word_candidates_hold_every_kind_word(pieces):
    text = "".join(pieces)
    words = _words(text)
    candidates = list(_kind_word_candidates(text, words))
    assert candidates == sorted(set(candidates))
    assert {i for i, w in enumerate(words) if _KIND_WORD.fullmatch(w.group(0))} <= set(candidates)


def test_the_kind_word_pattern_is_tried_only_on_words_holding_a_kind_stem(monkeypatch):
    counter = CountingPattern(_KIND_WORD)
    monkeypatch.setattr(organisations, "_KIND_WORD", counter)
    prose = "Kommunane skal styrkje tilbodet til eldre og gje betre hjelp heime. " * 40
    find_shaped_bodies(prose + "Norsk Ergoterapeutforbund skreiv til departementet.")
    # tried on the two words holding a kind stem ("-forbund", "departement-"), not on every
    # word of the prose before them
    assert counter.work == 2
