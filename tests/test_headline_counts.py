"""The head line tests count characters with ``map`` (``headline``): the same answers as counting
token by token and character by character."""

from __future__ import annotations

from healthplan_kg.extract.headline import _clean, _mostly_capitalised

LINES = ["Nyheter Arkiv 2019 2018 Om oss Kontakt", "Regjeringen la fram planen i dag, og den følger opp NOU",
         "ÆØÅ æøå 12 ǅ dž Ⅻ ½ ² x", "  • Kapittel 3.2  Tiltak for eldre ", "kap.4 Oppsummering", "", "   "]


def test_mostly_capitalised_as_counted_token_by_token() -> None:
    for line in LINES:
        tokens = line.split()
        expected = sum(t[:1].isupper() or t[:1].isdigit() for t in tokens) > 0.6 * len(tokens)
        assert _mostly_capitalised(line) == expected, line


def test_chapter_prefix_cut_as_sub_cuts_it() -> None:
    import re

    from healthplan_kg.extract.headline import _CHAPTER, _LEADING_MARKS
    for line in LINES:
        assert _clean(line) == _CHAPTER.sub("", line.strip().lstrip(_LEADING_MARKS).strip())
    assert re.match(_CHAPTER, "Kapittel 3.2  Tiltak") is not None
