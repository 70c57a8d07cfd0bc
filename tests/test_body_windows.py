"""The shortcuts of the body and people finders give exactly what the whole-text work they
replace gives (generated texts, compared with the plain definitions)."""

from __future__ import annotations

import re

import ahocorasick
from hypothesis import given, settings
from hypothesis import strategies as st

from healthplan_kg.extract import anchored, organisations, people
from healthplan_kg.extract.anchored import finditer_at, is_word, word_starts_before
from healthplan_kg.extract.lines import LineIndex
from healthplan_kg.extract.organisations import _KIND_WORD, _kind_word_candidates, _kind_words, _words

_PIECES = ["forbund", "Forbundet", "lag", "Mållag", "råd", "RÅDET", "senter", "etat", "styre", "x", "Norsk",
           "foreininga", "utvalg", "sykehus", " ", " ", "  ", "-", "--", "\n", ",", "s", "en", "et", "a", "ı", "ø",
           "2", "_", "Den", "for", "og", "i", "Bergen", "«", "»"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=200))
def test_kind_word_windows_read_as_the_whole_word_list(pieces):
    text = "".join(pieces)
    words = _words(text)
    kind_words = {i for i, w in enumerate(words) if _KIND_WORD.fullmatch(w.group(0))}
    seen = []
    for window, index in _kind_words(text):
        start = window[index].start()
        whole = next(i for i, w in enumerate(words) if w.start() == start)
        seen.append(whole)
        # the words a check reads around a candidate are the whole list's, and so are its edges
        assert index >= 5 or [w.span() for w in window[:index + 1]] == [w.span() for w in words[:whole + 1]]
        before = min(index, 5)
        assert [w.span() for w in window[index - before:index + 8]] == \
            [w.span() for w in words[whole - before:whole + 8]]
        assert (len(window) >= index + 8) == (len(words) >= whole + 8)
    assert seen == sorted(set(seen))
    assert kind_words <= set(seen) <= set(_kind_word_candidates(text, words))


_TEXT_PIECES = ["Kari", "Nordvik", "Ola", "Dahl-Vik", "von", "der", "K.", "leder", "professor", "sier", "meiner",
                "er", "ny", "direktør", ",", ", ", " ", "\t", "\n", "(", ")", "(leiar)", "ved", "NTNU", "ø", "É", "2",
                "_", "-", "Med vennlig hilsen", "MED HELSING", "hilsen", "İ", "ſ", "ka"]


def _walk_back(text: str, end: int, words: int) -> list[int]:
    """What ``word_starts_before`` answered before: a walk back, character by character."""
    out = []
    i = end - 1
    for _ in range(words + 1):
        while i >= 0 and is_word(text[i]):
            i -= 1
        out.append(i + 1)
        while i >= 0 and not is_word(text[i]):
            i -= 1
        if i < 0:
            break
    return out


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_TEXT_PIECES), max_size=60), st.integers(0, 6), st.data())
def test_word_starts_before_is_the_walk_back(pieces, words, data):
    text = "".join(pieces)
    end = data.draw(st.integers(0, len(text)))
    assert word_starts_before(text, end, words) == _walk_back(text, end, words)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_TEXT_PIECES), max_size=60))
def test_name_first_patterns_start_only_where_a_name_can(pieces):
    text = "".join(pieces)
    names = people.name_starts(text)
    for pattern in (people._NAME_THEN_ROLE, people._NAME_IS_ROLE, people._NAME_PAREN_ROLE, people._NAME_THEN_VERB,
                    re.compile(people.NAME)):
        assert [(m.span(), m.groups()) for m in finditer_at(pattern, text, names)] == \
            [(m.span(), m.groups()) for m in pattern.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_TEXT_PIECES), max_size=60))
def test_greeting_lines_are_every_line_a_greeting_can_be(pieces):
    text = "".join(pieces)
    lines = LineIndex(text)
    every, pos = [], 0
    for line in text.split("\n"):
        every.append((pos, line))
        pos += len(line) + 1
    starts = people._greeting_line_starts(text, lines)
    assert {s for s, line in every if people.SIGN_OFF.match(line)} <= set(starts) <= {s for s, _ in every}
    for i, (start, line) in enumerate(every):
        assert people._lines_after(text, start + len(line), 11, lines) == every[i + 1:i + 12]


def _multiword_starts_walked(text: str) -> list[int]:
    """What ``_multiword_body_starts`` answered before: every word start, character by character."""
    starts: set[int] = set()
    for end, length in organisations._KINDS.iter(text):
        if not organisations._word_ends_at(text, end + 1):
            continue
        pos = end - length + 1
        for _ in range(3):
            if pos == 0 or not text[pos - 1].isspace():
                break
            while pos > 0 and text[pos - 1].isspace():
                pos -= 1
            word_end = pos
            while pos > 0 and (is_word(text[pos - 1]) or text[pos - 1] == "-"):
                pos -= 1
            starts.update(i for i in range(pos, word_end) if i == 0 or not is_word(text[i - 1]))
    return sorted(starts)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(["Helse", "-", "--", " ", "  ", "\n", "kommune", "HF", "AS", "x", "_", "2", "ø", ",",
                                 "Møre-og", "-a"]), max_size=30))
def test_multiword_starts_are_the_walked_word_starts(pieces):
    text = "".join(pieces)
    assert organisations._multiword_body_starts(text) == _multiword_starts_walked(text)


_ROLE_PIECES = ["Kari", "Nordvik", "Ola", "K.", "leder", "leiar", "lege", "Lege", "direktør", "DIREKTØR", "helse",
                "konstituert", "Fungerande", "ass.", "ny", "tidligere", "og", "Og", "for", "i", "ved", "NTNU", ",",
                ", ", " ", "  ", "\t", "\n", "-", "- ", ".", "(", "ø", "ı", "_", "2", "x", "ALIS"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_ROLE_PIECES), max_size=40))
def test_role_patterns_start_only_where_a_role_can(pieces):
    text = "".join(pieces)
    starts = people._role_phrase_starts(text)
    for pattern in (people._ROLE_PHRASE_THEN_NAME, people._ROLE_THEN_NAME):
        assert [(m.span(), m.groups()) for m in finditer_at(pattern, text, starts)] == \
            [(m.span(), m.groups()) for m in pattern.finditer(text)]


def _own_automaton(literals: dict[str, object]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for literal, value in literals.items():
        automaton.add_word(literal, value)
    automaton.make_automaton()
    return automaton


_SCAN_TEXTS = [
    "Helsedirektøren og fylkeslegen sa at Legeforeningen og Norsk Sykepleierforbund deltok.",
    "Fylkesordføraren seier at utvalet og Kreftforeininga har lagt fram handlingsplanen for 2024.",
    "Følgende organisasjoner deltok: Oslo kommune, Helse Bergen HF og Statsforvalteren i Vestland.",
    "Høyringsinstansar: Sjukehuset i Vestfold, Senter for omsorgsforsking og Nasjonalt råd for ernæring.",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_SCAN_TEXTS + _PIECES + _ROLE_PIECES), max_size=30), st.data())
def test_a_shared_scan_gives_each_set_what_its_own_automaton_gives(pieces, data):
    # texts asked in any order, again and again: the scan kept for one text never answers another
    texts = ["".join(pieces), "".join(reversed(pieces)), *_SCAN_TEXTS]
    texts += [t.lower() for t in texts]
    for scan in (anchored.SCAN_AS_WRITTEN, anchored.SCAN_LOWERED):
        own = [_own_automaton(literals) for literals in scan._sets]
        for _ in range(6):
            text = data.draw(st.sampled_from(texts))
            which = data.draw(st.integers(0, len(own) - 1))
            assert scan.hits(text, which) == list(own[which].iter(text))


_ITEM_PIECES = ["\n", "\n\n", " ", "\t", "•", "·", "*", "-", "1.", "12)", "3", "Kari Nordvik", "Ola Dahl",
                "(leiar)", "(leder)", ",", ".", "professor", "ved", "NTNU", "mellom anna", "bl.a.", "og", "x", "٣"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_ITEM_PIECES), max_size=40))
def test_member_list_items_are_tried_only_on_lines_opening_like_one(pieces):
    text = "".join(pieces)
    assert [(m.span(), m.groups()) for m in finditer_at(people._LIST_ITEM, text, people._item_line_starts(text))] \
        == [(m.span(), m.groups()) for m in people._LIST_ITEM.finditer(text)]
