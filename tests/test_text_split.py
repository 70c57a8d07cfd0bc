"""The sentence splitter's fast spellings find what their plain spellings find (``extract.text``).

``_SENTENCE_END`` starts with one end mark so the regex engine can skip to the next mark, and
``_is_abbreviation`` cuts the word before a full stop with ``rstrip`` instead of a search: both
must give exactly the matches and answers of the plain forms below, on strings made of the
characters that matter (end marks, quotes, dashes, spaces of every kind, letters, digits, breaks).
"""

from __future__ import annotations

import random
import re

from healthplan_kg.extract import text as text_module

_PLAIN_END = re.compile(r"[.!?…]+[»\"”']?(?=\s+[«\"“(–—]?[A-ZÆØÅ0-9])|[.!?…]+[»\"”']?\s*$")
_PLAIN_LAST_WORD = re.compile(r"([A-Za-zÆØÅæøå]+)\.*$")
_ALPHABET = list(".!?…»\"”'«“(–— \n\tAZÆØÅ09azæøåbkmeldstnr") + ["\u00a0", "\u2003", "ſ", "K", "٣"]


def _plain_is_abbreviation(text: str, dot: int) -> bool:
    match = _PLAIN_LAST_WORD.search(text[max(0, dot - 40):dot])
    if not match:
        return False
    word = match.group(1)
    return word.casefold() in text_module._ABBREVIATIONS or len(word) == 1


def _strings(count: int) -> list[str]:
    rng = random.Random(20240601)
    written = ["Meld. St. 9 (2023–2024). Neste.", "Se bl.a. kap. 3.\nNy linje", "«Ja.» Hun gikk…  ",
               "f.eks. A. B. Hansen sa: «Nei!» (Og så?) 12. mai.", "ord..\n", "x" * 45 + ". Slutt."]
    return written + ["".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 30))) for _ in range(count)]


def test_sentence_ends_are_the_plain_patterns_matches() -> None:
    for value in _strings(20000):
        fast = [(m.span(), m.group(0)) for m in text_module._SENTENCE_END.finditer(value)]
        assert fast == [(m.span(), m.group(0)) for m in _PLAIN_END.finditer(value)], repr(value)


def test_the_word_before_a_stop_is_the_plain_searchs_word() -> None:
    for value in _strings(5000):
        for dot in range(len(value) + 1):
            assert text_module._is_abbreviation(value, dot) == _plain_is_abbreviation(value, dot), (value, dot)
