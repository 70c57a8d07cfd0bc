"""Case-insensitive cue tests run as case-sensitive searches in lower-cased text.

A pattern compiled with ``re.IGNORECASE`` is several times slower than the same pattern without
it, and the cue tests that decide whether a sentence is worth a closer look (does it hold a
relation cue, a document head noun, a list cue?) run on every sentence. When the pattern's
letters are all lower case and the text lower-cases character for character, "the
case-insensitive pattern is found in the text" is the same question as "the case-sensitive
pattern is found in the lower-cased text". Where that does not hold, the original pattern runs.

The equivalence holds for patterns whose letters are ASCII or æøåéüö in lower case, with
classes such as ``\\w``, ``\\s``, ``\\S``, ``\\b`` and ``.``: for every character except dotted
and dotless I and long s (which the regex engine pairs with ASCII letters although
``str.lower`` does not), the regex engine's case-insensitive match agrees with ``str.lower``, and
lower-casing never changes whether a character is a word character, a space or a digit.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: Characters the regex engine's case-insensitive matching pairs with an ASCII letter although
#: ``str.lower`` does not.
_CASE_ODD = re.compile("[\u0130\u0131\u017f]")
#: What in a pattern's source is syntax, not letters to match: escapes (``\\S``, ``\\b``) and
#: group names (``(?P<kind>``, ``(?P=kind)``).
_NOT_LETTERS = re.compile(r"\\.|\(\?P<\w+>|\(\?P=\w+\)")
_ALLOWED_LETTERS = set("abcdefghijklmnopqrstuvwxyzæøåéüö")


#: Texts up to this long (sentences, headings) are lowered once: several cue tests of several
#: steps ask for the same sentence.
_CACHED_TEXT = 1000


def lowered(text: str) -> str | None:
    """``text.lower()`` when it keeps every character at its offset and every case rule agrees
    with the regex engine's; None otherwise."""
    if len(text) <= _CACHED_TEXT:
        return _lowered_cached(text)
    global _LAST_LONG
    last_text, last_low = _LAST_LONG   # one tuple, read once: a thread never sees half an update
    if last_text is text:
        return last_low
    low = _lowered(text)
    _LAST_LONG = (text, low)
    return low


#: The last long text (a whole document) lowered, and its lower case: the mention finders of
#: bodies, people and documents and the metadata reader each ask for the whole document's.
_LAST_LONG: tuple[str | None, str | None] = (None, None)


def _lowered(text: str) -> str | None:
    low = text.lower()
    if len(low) != len(text) or _CASE_ODD.search(text):
        return None
    return low


_lowered_cached = lru_cache(maxsize=4096)(_lowered)


def lower_case_twin(pattern: re.Pattern[str] | None) -> re.Pattern[str] | None:
    """The same pattern without IGNORECASE, when every letter it matches is lower case: searched
    in ``lowered(text)`` it finds what ``pattern`` finds in ``text``, at the same offsets. None
    for a pattern that is not case-insensitive or has other letters (then ask the pattern)."""
    if pattern is None or not pattern.flags & re.IGNORECASE:
        return None
    source = _NOT_LETTERS.sub("", pattern.pattern)
    if "(?i" in pattern.pattern or any(c.isalpha() and c not in _ALLOWED_LETTERS for c in source):
        return None
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


class CaselessCue:
    """``pattern.search(text) is not None`` for an IGNORECASE pattern, answered faster."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._twin = lower_case_twin(pattern)
        #: The twin, where a match has no groups: its match at a place in the text as written,
        #: where it ends where the pattern's does, holds what the pattern's match there holds.
        self._groupless_twin = self._twin if self._twin is not None and not pattern.groups else None

    def found_in(self, text: str) -> bool:
        return self.found_in_lowered(text, lowered(text) if self._twin is not None else None)

    def found_in_lowered(self, text: str, low: str | None, start: int = 0, end: int | None = None) -> bool:
        """``found_in(text)`` where ``low`` is ``lowered(text)``, made once for several cues;
        ``start``/``end``: searched only there, as ``pattern.search(text, start, end)``."""
        stop = len(text) if end is None else end
        if self._twin is not None and low is not None:
            return self._twin.search(low, start, stop) is not None
        return self.pattern.search(text, start, stop) is not None

    def first_in_lowered(self, text: str, low: str | None) -> int:
        """Where the pattern's first match in ``text`` starts, or -1 (``found_in_lowered``)."""
        twin = self._twin
        found = twin.search(low) if twin is not None and low is not None else self.pattern.search(text)
        return -1 if found is None else found.start()

    def finditer_lowered(self, text: str, low: str | None, first: int = 0,
                         end: int | None = None) -> list[re.Match[str]]:
        """``list(pattern.finditer(text, first, end))``, searched for with the lower-case twin in
        ``low``. ``first``: where the search starts (``first_in_lowered`` tells where the first
        match of the whole text starts); ``end``: where it stops (a sentence's end).

        Why: a rule walks its cue's matches in every sentence that holds the cue, and the
        case-insensitive search tries the pattern at every position. The twin finds the same
        matches at the same places (the equivalence above, character for character); each is then
        matched again by the pattern itself at its place, so its groups hold the text as written.
        A pattern without groups is matched again by its twin first: where the cue is written in
        lower case (most cues: inside a sentence), the case-sensitive match there succeeds, much
        faster, and a match of the same span over the same text holds the same (only its ``re``
        is the twin); elsewhere the pattern itself is asked.
        """
        twin = self._twin
        stop = len(text) if end is None else end
        if twin is None or low is None:
            return list(self.pattern.finditer(text, first, stop))
        out = []
        plain = self._groupless_twin
        for found in twin.finditer(low, first, stop):
            start = found.start()
            if plain is not None:
                match = plain.match(text, start, stop)
                if match is not None and match.end() == found.end():
                    out.append(match)
                    continue
            match = self.pattern.match(text, start, stop)
            if match is None or match.end() != found.end():
                return list(self.pattern.finditer(text, first, stop))   # the equivalence failed: ask the pattern
            out.append(match)
        return out
