"""Run a costly pattern only where a match can start, with exactly ``finditer``'s result.

Some patterns (a role phrase before a name) are tried by the regex engine at every word of a
text, although a match needs a rare anchor (a word ending in a title). When a cheap scan lists
every position where a match could start, trying the pattern only there, left to right and
skipping positions inside the last match, gives the same matches as ``finditer`` at a fraction of
the cost.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import ahocorasick


def finditer_at(pattern: re.Pattern[str], text: str, starts: Iterable[int] | None) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, trying only ``starts`` (ascending).

    Exact only if every position where ``pattern`` matches is in ``starts`` and the pattern
    cannot match the empty string; ``starts=None`` means "no such list": a plain ``finditer``.
    """
    if starts is None:
        yield from pattern.finditer(text)
        return
    end = 0
    for start in starts:
        if start < end:
            continue
        match = pattern.match(text, start)
        if match is not None:
            yield match
            end = match.end()


def is_word(ch: str) -> bool:
    """The regex class ``[\\w]`` for one character (re's \\w is "alphanumeric or underscore")."""
    return ch.isalnum() or ch == "_"


_WORD_RUN = re.compile(r"\w+")
#: Characters read back per word wanted at first (most words are shorter); twice as many each
#: time the stretch read holds too few whole words.
_READ_BACK = 12


def word_starts_before(text: str, end: int, words: int) -> list[int]:
    """The start of the word that ends at ``end`` and of up to ``words`` words before it.

    Read from the runs of word characters in a stretch before ``end`` (one regex call, not a
    Python step per character), the stretch doubled until it holds enough whole words or
    reaches the text's start.
    """
    ends_in_word = end > 0 and is_word(text[end - 1])
    need = words + 1 if ends_in_word else words
    span = _READ_BACK * (words + 1)
    while True:
        start = max(0, end - span)
        runs = [m.start() for m in _WORD_RUN.finditer(text, start, end)] if need else []
        taken = runs[-need:] if need else []
        # whole runs only: the earliest must not start the stretch in the middle of a word
        if start == 0 or (len(taken) == need and (not taken or taken[0] > start or not is_word(text[start - 1]))):
            return taken[::-1] if ends_in_word else [end, *taken[::-1]]
        span *= 2


def without_leading_boundary(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """``pattern`` minus a leading ``\\b``, when what follows is a literal word character.

    A pattern that opens with ``\\b`` loses the regex engine's fast scan for its literal start
    (``\\bNOU`` is many times slower to search for than ``NOU``); ``finditer_at_word_start`` puts
    the boundary test back.
    """
    source = pattern.pattern
    if source.startswith(r"\b") and len(source) > 2 and is_word(source[2]):
        return re.compile(source[2:], pattern.flags)
    return None


def finditer_at_word_start(rest: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``re.finditer(r"\\b" + rest.pattern, text)``, for a ``rest`` whose every match starts with a
    word character (so it never matches empty, and ``\\b`` before it means "no word character
    just before").

    The leftmost match of ``rest`` whose start passes the boundary test is the leftmost match of
    the whole pattern, with the same groups; one that fails it is skipped by a single character.
    """
    pos = 0
    while True:
        match = rest.search(text, pos)
        if match is None:
            return
        start = match.start()
        if start == 0 or not is_word(text[start - 1]):
            yield match
            pos = match.end()
        else:
            pos = start + 1


class SharedScan:
    """Literal sets of several finders, searched in one Aho-Corasick pass per text.

    Why: each finder read the whole document again with its own automaton (the endings of
    titles, the stems of body kinds, body suffixes, document heads, speech verbs ...), and a
    pass costs about the same whatever few literals it looks for: most of it is reading the
    text. One automaton holds every set's literals; the first set asked about a text gets the
    hits of all of them, kept for the next asker of the same text (one text kept, as
    ``casefree.lowered`` keeps one). Each set's hits are what its own automaton's ``iter``
    gives: (end index, the literal's value), by end, longer literals first at one end.
    """

    def __init__(self) -> None:
        self._sets: list[dict[str, object]] = []
        #: the automaton of every set's literals, made at the first scan after a set was added
        self._automaton: ahocorasick.Automaton | None = None
        #: the last text scanned and each set's hits in it: one tuple, read and replaced whole
        self._last: tuple[str | None, list[list[tuple[int, object]]]] = (None, [])

    def literal_set(self, pairs: Iterable[tuple[str, object]]) -> LiteralSet:
        """A set of (literal, value) searched with the others (a literal given twice keeps its
        last value, as ``add_word`` does). Sets are added when modules load, before any text."""
        self._sets.append(dict(pairs))
        self._automaton = None
        self._last = (None, [])
        return LiteralSet(self, len(self._sets) - 1)

    def _compiled(self) -> ahocorasick.Automaton:
        """One automaton of every set's literals, each literal valued with (set, value) per set
        that holds it; made once, when the first text is scanned (sets are added at import)."""
        if self._automaton is None:
            every: dict[str, list[tuple[int, object]]] = {}
            for which, literals in enumerate(self._sets):
                for literal, value in literals.items():
                    every.setdefault(literal, []).append((which, value))
            automaton = ahocorasick.Automaton()
            for literal, owners in every.items():
                automaton.add_word(literal, tuple(owners))
            if every:
                automaton.make_automaton()
            self._automaton = automaton
        return self._automaton

    def hits(self, text: str, which: int) -> list[tuple[int, object]]:
        """Set ``which``'s hits in ``text`` (a list the caller only reads)."""
        last_text, found = self._last
        if last_text is not text or len(found) != len(self._sets):
            found = [[] for _ in self._sets]
            automaton = self._compiled()
            if len(automaton):
                for end, owners in automaton.iter(text):
                    for owner, value in owners:
                        found[owner].append((end, value))
            self._last = (text, found)
        return found[which]


class LiteralSet:
    """One set of literals of a ``SharedScan``: ``iter`` answers as its own automaton's would."""

    def __init__(self, scan: SharedScan, which: int) -> None:
        self._scan = scan
        self._which = which

    def iter(self, text: str) -> list[tuple[int, object]]:
        return self._scan.hits(text, self._which)


#: The shared scans of whole documents: as written (case-sensitive literals), and lower-cased
#: (``casefree.lowered``'s text, for literals of case-insensitive patterns).
SCAN_AS_WRITTEN = SharedScan()
SCAN_LOWERED = SharedScan()


class WordStartLiterals:
    """A set of literals compiled once into an Aho-Corasick automaton, to find where any of them
    stands at a word's start (no word character just before it): where ``\\bLITERAL`` can match,
    for every literal in one pass, however many there are.

    A pattern per name searched over the whole text made the work grow with the number of names
    times the size of the text (a white paper names hundreds of people); and a pattern that opens
    with a case-insensitive alternation is tried by the regex engine at every position. With
    these positions, ``finditer_at`` tries the pattern only where it can match.
    """

    def __init__(self, literals: Iterable[str], scan: SharedScan | None = None) -> None:
        """``scan``: searched with the other sets of that scan (for fixed literals searched in
        every document); else with an automaton of their own."""
        self.literals = frozenset(literal for literal in literals if literal)
        pairs = ((literal, (literal, len(literal) - 1)) for literal in self.literals)
        if scan is not None:
            self._automaton: ahocorasick.Automaton | LiteralSet = scan.literal_set(pairs)
            return
        self._automaton = ahocorasick.Automaton()
        for literal, value in pairs:
            self._automaton.add_word(literal, value)
        if self.literals:
            self._automaton.make_automaton()

    def occurrences(self, text: str, lowered: str | None = None) -> dict[str, list[int]]:
        """For each literal, its places (ascending) in ``text``; searched in ``lowered`` instead
        when given (``text`` lower-cased character for character, ``casefree.lowered``), for
        lower-case literals a case-insensitive pattern is to match."""
        found: dict[str, list[int]] = {literal: [] for literal in self.literals}
        if not self.literals:
            return found
        for end, (literal, back) in self._automaton.iter(text if lowered is None else lowered):
            start = end - back
            if start == 0 or not ((before := text[start - 1]).isalnum() or before == "_"):   # is_word, inlined
                found[literal].append(start)
        return found

    def starts(self, text: str, lowered: str | None = None) -> list[int]:
        """Every place where one of the literals stands at a word's start, ascending."""
        if not self.literals:
            return []
        # is_word inlined: this runs for every hit, most of them inside a word
        return sorted({end - back for end, (_, back) in self._automaton.iter(text if lowered is None else lowered)
                       if end == back or not ((before := text[end - back - 1]).isalnum() or before == "_")})


def word_start_occurrences(text: str, literals: Iterable[str], lowered: str | None = None) -> dict[str, list[int]]:
    """``WordStartLiterals(literals).occurrences(text, lowered)``, for literals known only with the
    text (the surnames a text gives, its acronyms)."""
    return WordStartLiterals(literals).occurrences(text, lowered)
