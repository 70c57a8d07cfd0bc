"""The shortcuts of the body and people finders give exactly what the whole-text work they
replace gives (generated texts, compared with the plain definitions)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

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
