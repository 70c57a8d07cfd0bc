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
from healthplan_kg.model import Span

_PLAIN_END = re.compile(r"[.!?…]+[»\"”']?(?=\s+[«\"“(–—]?[A-ZÆØÅ0-9])|[.!?…]+[»\"”']?\s*$")
_PLAIN_LAST_WORD = re.compile(r"([A-Za-zÆØÅæøå]+)\.*$")
_ALPHABET = list(".!?…»\"”'«“(–— \n\tAZÆØÅ09azæøåbkmeldstnr") + ["\u00a0", "\u2003", "ſ", "K", "٣"]
_LINE_ALPHABET = list("•·▪*-–)(.  \t\n\r\x0b\x1c1234567890aA") + ["\u00a0", "\u2028", "٣", "²", "¼"]


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


def _plain_paragraphs(text: str) -> list[text_module.Paragraph]:
    out, pos = [], 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            chunk = text[pos:end]
            start = pos + len(chunk) - len(chunk.lstrip())
            span = Span(start, start + len(chunk.strip()), chunk.strip())
            out.append(text_module.Paragraph(span, bool(text_module.BULLET.match(line))))
        pos = end + 1
    return out


def test_paragraphs_and_bullets_are_the_plain_splits() -> None:
    """``_paragraphs`` tries ``BULLET`` only on lines whose first non-space character is a mark
    or a digit, and spans the stripped line it has: the same paragraphs as the plain split."""
    rng = random.Random(11)
    for _ in range(20000):
        value = "".join(rng.choice(_LINE_ALPHABET) for _ in range(rng.randint(0, 20)))
        assert text_module._paragraphs(value) == _plain_paragraphs(value), repr(value)
