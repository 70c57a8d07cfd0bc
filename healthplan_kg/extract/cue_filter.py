"""A pre-filter for cue patterns: the words a pattern cannot match without, read off the pattern.

Most sentences hold no cue, yet every cue pattern (relations, priority groups, scope, counts,
events) used to be searched in every sentence. Each pattern needs some literal words: a match of
``\\b(?:følger|følgjer)\\s+(?:\\w+\\s+){0,2}?opp\\b`` holds the word "følger" or "følgjer"
(or "opp"), each a whole word of the text. ``need_of`` derives such a set from the compiled
pattern's own parse tree (so it can never drift from the pattern), and ``CueFilter.may_match``
answers "can the pattern match this text?" with a set look-up over the text's words, made once
per text and shared by every filter. Only when the words are there does the pattern run.

The derivation is conservative: where it cannot prove that a word is needed it derives nothing,
and the filter then lets every text through. The proof works on positions that are not inside a
word (a position between two word characters is inside one): a run of literal word characters
starts a word of the text when the position before it is not inside a word (a ``\\b``, a ``^``,
a non-word character before it such as ``\\s``), and is a whole word when the position after it
is not inside one either. A group, an alternation and a repetition that must occur pass these
facts on to what they hold; an alternation needs one of its branches' words.

The words are looked up in the lower-cased text (``casefree.lowered``: one character for one,
so words keep their places and lower-casing never turns a word character into another kind),
which answers for a case-insensitive pattern whose letters are lower case, and for a
case-sensitive one through the lower case of its words.
"""

from __future__ import annotations

import re
import re._constants as C
import re._parser as P
from dataclasses import dataclass
from functools import lru_cache

from healthplan_kg.extract.casefree import CaselessCue, lowered

_WORD_CHAR = re.compile(r"\w")
_WORDS = re.compile(r"\w+")
#: Letters whose case-insensitive match the regex engine and ``str.lower`` agree on (casefree).
_CASELESS_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzæøåéüö")
#: At most this many strings in the finite language of a run of literals (an alternation of
#: words, an optional ending); a bigger run is cut to a shorter one that needs a word start.
_MAX_STRINGS = 512
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)
#: Positions these assertions hold at are never inside a word.
_OUTSIDE_WORD_AT = (C.AT_BOUNDARY, C.AT_BEGINNING, C.AT_BEGINNING_STRING, C.AT_END, C.AT_END_STRING,
                    C.AT_BEGINNING_LINE, C.AT_END_LINE)
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)


def _is_word_char(char: str) -> bool:
    return _WORD_CHAR.match(char) is not None


@dataclass(frozen=True)
class Need:
    """What a match needs: one of ``words`` as a whole word of the text, or a word of the text
    that starts with one of ``prefixes``."""

    words: frozenset[str]
    prefixes: tuple[str, ...]

    def met_by(self, words: frozenset[str]) -> bool:
        if not self.words.isdisjoint(words):
            return True
        prefixes = self.prefixes
        return bool(prefixes) and any(word.startswith(prefixes) for word in words)

    def cost(self) -> float:
        """How often a text is likely to hold one of the words: short words are common ones."""
        return sum(4.0 ** -len(w) for w in self.words) + sum(4.0 * 4.0 ** -len(p) for p in self.prefixes)


def _need(words: set[str], prefixes: set[str]) -> Need:
    """A ``Need`` without redundant entries: a prefix that another prefix starts, a word a prefix starts."""
    kept = sorted(p for p in prefixes if not any(p != q and p.startswith(q) for q in prefixes))
    whole = frozenset(w for w in words if not w.startswith(tuple(kept)))
    return Need(whole, tuple(kept))


def _union(needs: list[Need]) -> Need:
    return _need({w for n in needs for w in n.words}, {p for n in needs for p in n.prefixes})


def _best(needs: list[Need | None]) -> Need | None:
    found = [n for n in needs if n is not None]
    return min(found, key=lambda n: (n.cost(), sorted(n.words), n.prefixes)) if found else None


# -- properties of parsed items ------------------------------------------------------------------


def _min_width(state: P.State, items: list) -> int:
    return P.SubPattern(state, list(items)).getwidth()[0]


def _class_is_non_word(members: list) -> bool:
    """Whether every character a character class (``[...]``, ``\\s``) matches is a non-word one."""
    if members and members[0][0] == C.NEGATE:
        return any(op == C.CATEGORY and av == C.CATEGORY_WORD for op, av in members[1:])
    for op, av in members:
        if op == C.LITERAL:
            if _is_word_char(chr(av)):
                return False
        elif op == C.RANGE:
            low, high = av
            if high - low > 1024 or any(_is_word_char(chr(c)) for c in range(low, high + 1)):
                return False
        elif op == C.CATEGORY:
            if av not in (C.CATEGORY_SPACE, C.CATEGORY_NOT_WORD):
                return False
        else:
            return False
    return True


def _edge_non_word(state: P.State, item: tuple, first: bool) -> bool:
    """Whether every non-empty match of ``item`` starts (``first``) or ends with a non-word character."""
    op, av = item
    if op == C.LITERAL:
        return not _is_word_char(chr(av))
    if op == C.IN:
        return _class_is_non_word(av)
    if op in _ZERO_WIDTH:
        return True   # never matches a character
    if op == C.SUBPATTERN:
        return _seq_edge_non_word(state, list(av[3]), first)
    if op == C.BRANCH:
        return all(_seq_edge_non_word(state, list(alt), first) for alt in av[1])
    if op in _REPEATS:
        return _seq_edge_non_word(state, list(av[2]), first)
    return False


def _seq_edge_non_word(state: P.State, items: list, first: bool) -> bool:
    """The same for a sequence: every item that may hold the first (last) character must."""
    for item in (items if first else reversed(items)):
        if not _edge_non_word(state, item, first):
            return False
        if _min_width(state, [item]) > 0:
            return True
    return True


def _finite(state: P.State, item: tuple) -> set[str] | None:
    """The strings ``item`` can match, when they are few; None otherwise."""
    op, av = item
    if op == C.LITERAL:
        return {chr(av)}
    if op == C.IN:
        if not av or av[0][0] == C.NEGATE or any(o != C.LITERAL for o, _ in av):
            return None
        return {chr(v) for _, v in av}
    if op == C.SUBPATTERN:
        group, add_flags, del_flags, sub = av
        if add_flags or del_flags:
            return None
        return _finite_seq(state, list(sub))
    if op == C.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            strings = _finite_seq(state, list(alt))
            if strings is None:
                return None
            out |= strings
            if len(out) > _MAX_STRINGS:
                return None
        return out
    if op in _REPEATS:
        low, high, sub = av
        if high == C.MAXREPEAT or high > 4:
            return None
        once = _finite_seq(state, list(sub))
        if once is None:
            return None
        out, level = set(), {""}
        for count in range(high + 1):
            if count >= low:
                out |= level
            if count < high:
                level = {a + b for a in level for b in once}
            if len(out) > _MAX_STRINGS or len(level) > _MAX_STRINGS:
                return None
        return out
    return None


def _finite_seq(state: P.State, items: list) -> set[str] | None:
    out = {""}
    for item in items:
        strings = _finite(state, item)
        if strings is None:
            return None
        out = {a + b for a in out for b in strings}
        if len(out) > _MAX_STRINGS:
            return None
    return out


def _word_strings(state: P.State, item: tuple) -> set[str] | None:
    """The finite language of ``item`` when every string in it is made of word characters."""
    if item[0] in _ZERO_WIDTH:
        return None
    strings = _finite(state, item)
    if strings is None or not all(_is_word_char(c) for s in strings for c in s):
        return None
    return strings


# -- the derivation ------------------------------------------------------------------------------


def _outside_word(state: P.State, items: list, left: bool, right: bool) -> list[bool]:
    """For each position between the items (``len(items) + 1`` of them), whether every match
    has that position outside a word (not between two word characters)."""
    n = len(items)
    known = [False] * (n + 1)
    known[0], known[n] = left, right
    for k, (op, av) in enumerate(items):
        if op == C.AT and av in _OUTSIDE_WORD_AT:
            known[k] = known[k + 1] = True
    widths = [_min_width(state, [item]) for item in items]
    for _ in range(3):   # facts flow both ways through zero-width and optional items
        for k, item in enumerate(items):
            if item[0] in _ZERO_WIDTH:
                known[k + 1] = known[k + 1] or known[k]
            elif _edge_non_word(state, item, first=False) and (widths[k] > 0 or known[k]):
                known[k + 1] = True
        for k in range(n - 1, -1, -1):
            item = items[k]
            if item[0] in _ZERO_WIDTH:
                known[k] = known[k] or known[k + 1]
            elif _edge_non_word(state, item, first=True) and (widths[k] > 0 or known[k + 1]):
                known[k] = True
    return known


def _run_need(strings_per_item: list[set[str]], left: bool, right: bool) -> Need | None:
    """The need of a run of literal word items: whole words, or word starts when only the
    position before the run is known to be outside a word."""
    if not left:
        return None
    out, taken = {""}, 0
    for strings in strings_per_item:
        longer = {a + b for a in out for b in strings}
        if len(longer) > _MAX_STRINGS:
            right = False   # cut here: what is kept is the start of a word
            break
        out, taken = longer, taken + 1
    if taken == 0 or "" in out:
        return None
    return _need(set(out), set()) if right else _need(set(), set(out))


def _seq_need(state: P.State, items: list, left: bool, right: bool) -> Need | None:
    items = list(items)
    known = _outside_word(state, items, left, right)
    found: list[Need | None] = []
    k = 0
    while k < len(items):
        strings = _word_strings(state, items[k])
        if strings is not None:
            run = [strings]
            end = k + 1
            while end < len(items) and (more := _word_strings(state, items[end])) is not None:
                run.append(more)
                end += 1
            found.append(_run_need(run, known[k], known[end]))
            k = end
            continue
        found.append(_item_need(state, items[k], known[k], known[k + 1]))
        k += 1
    return _best(found)


def _item_need(state: P.State, item: tuple, left: bool, right: bool) -> Need | None:
    op, av = item
    if op == C.SUBPATTERN:
        group, add_flags, del_flags, sub = av
        if add_flags or del_flags:
            return None
        return _seq_need(state, list(sub), left, right)
    if op == C.BRANCH:
        alternatives = [_seq_need(state, list(alt), left, right) for alt in av[1]]
        if any(a is None for a in alternatives):
            return None
        return _union([a for a in alternatives if a is not None])
    if op in _REPEATS:
        low, high, sub = av
        if low < 1:
            return None
        # the first repetition: what follows it is the next repetition or what follows them all
        after = right if high == 1 else right and _seq_edge_non_word(state, list(sub), first=True)
        return _seq_need(state, list(sub), left, after)
    return None


def need_of(pattern: re.Pattern[str]) -> Need | None:
    """The words a match of ``pattern`` needs (``Need``), or None where none can be proved."""
    if not isinstance(pattern.pattern, str) or pattern.flags & (re.ASCII | re.LOCALE):
        return None
    parsed = P.parse(pattern.pattern, pattern.flags)
    need = _seq_need(parsed.state, list(parsed.data), left=False, right=False)
    if need is None:
        return None
    caseless = bool(pattern.flags & re.IGNORECASE)
    for word in (*need.words, *need.prefixes):
        low = word.lower()
        if len(low) != len(word) or (caseless and any(c.isalpha() and c not in _CASELESS_LETTERS for c in low)):
            return None   # a letter whose case-insensitive match lower-casing does not answer
    return _need({w.lower() for w in need.words}, {p.lower() for p in need.prefixes})


# -- needs together: every word a match is made of ------------------------------------------------

#: A pattern's needs as alternatives, each a list of needs a match holds all at once: a match of
#: ``\\btar\\s+over\\s+etter\\b|\\berstatter\\b`` holds "tar", "over" and "etter", or "erstatter".
#: ``[[]]``: one alternative that needs nothing (nothing is known).
Alternatives = list[list[Need]]
#: At most this many alternatives; more are folded into one (``_folded``).
_MAX_ALTERNATIVES = 16


def _folded(alternatives: Alternatives) -> Alternatives:
    """One alternative that each of ``alternatives`` implies: the union of their best needs."""
    if any(not needs for needs in alternatives):
        return [[]]
    best = [_best(list(needs)) for needs in alternatives]
    return [[_union([n for n in best if n is not None])]]


def _both(first: Alternatives, then: Alternatives) -> Alternatives:
    """What a sequence of two parts needs: an alternative of each, together."""
    if len(first) * len(then) > _MAX_ALTERNATIVES:
        then = _folded(then)
    if len(first) * len(then) > _MAX_ALTERNATIVES:
        first = _folded(first)
    return [a + b for a in first for b in then]


def _seq_alternatives(state: P.State, items: list, left: bool, right: bool) -> Alternatives:
    """``_seq_need``, keeping every item's need (each one is needed) and each alternative of an
    alternation apart."""
    items = list(items)
    known = _outside_word(state, items, left, right)
    out: Alternatives = [[]]
    k = 0
    while k < len(items):
        strings = _word_strings(state, items[k])
        if strings is not None:
            run = [strings]
            end = k + 1
            while end < len(items) and (more := _word_strings(state, items[end])) is not None:
                run.append(more)
                end += 1
            need = _run_need(run, known[k], known[end])
            part: Alternatives = [[need]] if need is not None else [[]]
            k = end
        else:
            part = _item_alternatives(state, items[k], known[k], known[k + 1])
            k += 1
        out = _both(out, part)
    return out


def _item_alternatives(state: P.State, item: tuple, left: bool, right: bool) -> Alternatives:
    """``_item_need`` with the alternatives of an alternation kept apart."""
    op, av = item
    if op == C.SUBPATTERN:
        group, add_flags, del_flags, sub = av
        if add_flags or del_flags:
            return [[]]
        return _seq_alternatives(state, list(sub), left, right)
    if op == C.BRANCH:
        out = [needs for alt in av[1] for needs in _seq_alternatives(state, list(alt), left, right)]
        if any(not needs for needs in out):
            return [[]]   # an alternative that needs nothing: the alternation needs nothing
        return out if len(out) <= _MAX_ALTERNATIVES else _folded(out)
    if op in _REPEATS:
        low, high, sub = av
        if low < 1:
            return [[]]
        after = right if high == 1 else right and _seq_edge_non_word(state, list(sub), first=True)
        return _seq_alternatives(state, list(sub), left, after)
    return [[]]


def _lower_case_need(need: Need, caseless: bool) -> Need | None:
    """The need in lower case, or None where lower-casing does not answer for a letter (``need_of``)."""
    for word in (*need.words, *need.prefixes):
        low = word.lower()
        if len(low) != len(word) or (caseless and any(c.isalpha() and c not in _CASELESS_LETTERS for c in low)):
            return None
    return _need({w.lower() for w in need.words}, {p.lower() for p in need.prefixes})


def needs_together(pattern: re.Pattern[str]) -> tuple[frozenset[str], ...]:
    """Sets of words a match of ``pattern`` holds one of each, all at once (finer than
    ``need_of``, which gives one such set): each alternative of the pattern needs every word
    item it is made of, so the rarest need of each alternative, taken together, is one set; the
    second rarest of each, another; and so on. Empty where nothing can be proved."""
    if not isinstance(pattern.pattern, str) or pattern.flags & (re.ASCII | re.LOCALE):
        return ()
    parsed = P.parse(pattern.pattern, pattern.flags)
    caseless = bool(pattern.flags & re.IGNORECASE)
    ranked = []
    for needs in _seq_alternatives(parsed.state, list(parsed.data), left=False, right=False):
        # a need of word starts, or one lower case does not answer for, is left out (a weaker need)
        lower = [_lower_case_need(n, caseless) for n in needs if not n.prefixes]
        kept = sorted((n for n in lower if n is not None), key=lambda n: (n.cost(), sorted(n.words)))
        if not kept:
            return ()
        ranked.append(kept)
    return tuple(frozenset().union(*(r[j].words for r in ranked)) for j in range(min(len(r) for r in ranked)))


#: Texts up to this long (sentences, list items) keep their words in a cache: every cue filter of
#: every step asks for the words of the same sentence.
_CACHED_TEXT = 1000


@lru_cache(maxsize=4096)
def _cached_words(text: str) -> tuple[str, frozenset[str]] | None:
    return _lowered_words(text)


def _lowered_words(text: str) -> tuple[str, frozenset[str]] | None:
    """The lower-cased text and its words, or None (see ``text_words``)."""
    low = lowered(text)
    return None if low is None else (low, frozenset(_WORDS.findall(low)))


def text_words(text: str) -> frozenset[str] | None:
    """The words of the lower-cased text (maximal runs of word characters), or None when
    lower-casing would move or change a character the patterns see (``casefree.lowered``)."""
    found = _cached_words(text) if len(text) <= _CACHED_TEXT else _lowered_words(text)
    return None if found is None else found[1]


class CueFilter:
    """``may_match(text)``: False only where ``pattern`` cannot match ``text`` (nor any part of
    it); with several patterns, only where none of them can."""

    def __init__(self, *patterns: re.Pattern[str]) -> None:
        self.patterns = patterns
        needs = [need_of(p) for p in patterns]
        self.need = None if any(n is None for n in needs) else _union([n for n in needs if n is not None])
        self._words = self.need.words if self.need is not None else frozenset()
        self._prefixes = self.need.prefixes if self.need is not None else ()

    def may_match(self, text: str) -> bool:
        if self.need is None:
            return True
        found = _cached_words(text) if len(text) <= _CACHED_TEXT else _lowered_words(text)
        if found is None:
            return True
        low, words = found
        if not self._words.isdisjoint(words):
            return True
        prefixes = self._prefixes
        # a word that starts with a prefix holds it: most texts hold none anywhere (one C-level
        # substring search per prefix), and only those that do have their words looked through
        return (bool(prefixes) and any(prefix in low for prefix in prefixes)
                and any(word.startswith(prefixes) for word in words))


_NONE: frozenset[int] = frozenset()
#: At most this many picks kept per ``CueSet`` (``CueSet._picks``); more start the memory anew.
_MAX_PICKS = 4096


def _holds_all(word_sets: tuple[frozenset[str], ...], words: frozenset[str]) -> bool:
    """Whether ``words`` hold a word of each of ``word_sets`` (a loop, not ``all``: no generator
    for each pattern of each sentence)."""
    for needed in word_sets:  # noqa: SIM110
        if needed.isdisjoint(words):
            return False
    return True


class CueSet:
    """Several cue patterns asked of one text at a time: is any of them found (as one
    alternation of them all would be), and is this one found.

    The text's words pick the patterns that may match (an index from each needed word to the
    patterns that need it, then each picked pattern's ``needs_together``); only those run, each
    at most once per text. One alternation of
    every pattern would try each of them at every position of every text, and the rules ask
    for the patterns one by one, many of them for every sentence that holds any cue.
    """

    def __init__(self, patterns: tuple[re.Pattern[str], ...]) -> None:
        self.patterns = patterns
        self.cues = tuple(CaselessCue(p) for p in patterns)
        self.filters = tuple(CueFilter(p) for p in patterns)
        self._by_word: dict[str, list[int]] = {}
        self._always: list[int] = []      # patterns without a provable need, or needing a word start
        for n, cue_filter in enumerate(self.filters):
            need = cue_filter.need
            if need is None or need.prefixes:
                self._always.append(n)
                continue
            for word in need.words:
                self._by_word.setdefault(word, []).append(n)
        self._words = frozenset(self._by_word)
        #: Each pattern's word sets needed all at once (``needs_together``), asked of the patterns
        #: the index picks: a common word ("oppdrag") picks many that then lack another ("til").
        self._together = tuple(needs_together(p) for p in patterns)
        #: Every word the pick reads (the index's and the needs-together sets'): with no pattern
        #: picked by a word start (``_always``), a text's pick depends only on which of these it
        #: holds, so the pick is kept per such set of words (texts share a few of them).
        self._universe = self._words.union(*(w for sets in self._together for w in sets))
        self._picks: dict[frozenset[str], frozenset[int]] = {}
        #: (text, the patterns that may match it, where each asked so far is first found: -1 for not)
        self._memo: tuple[str | None, frozenset[int] | None, dict[int, int]] = (None, None, {})

    def _for(self, text: str) -> tuple[str | None, frozenset[int] | None, dict[int, int]]:
        memo = self._memo
        if memo[0] == text:
            return memo
        words = text_words(text)
        if words is None:
            candidates = None   # no words to go by: every pattern may match
        else:
            if self._words.isdisjoint(words) and not self._always:
                candidates = _NONE   # most texts: none of the words any pattern needs
            elif self._always:
                candidates = self._pick(text, words)
            else:
                key = self._universe.intersection(words)
                candidates = self._picks.get(key)
                if candidates is None:
                    if len(self._picks) >= _MAX_PICKS:
                        self._picks.clear()
                    candidates = self._picks[key] = self._pick(text, key)
        memo = (text, candidates, {})
        self._memo = memo
        return memo

    def _pick(self, text: str, words: frozenset[str]) -> frozenset[int]:
        """The patterns that may match a text holding ``words`` (all its words, or all of them the
        pick reads): those the index picks by a needed word, that hold a word of each set they
        need together."""
        chosen = set(self._always)
        for word in self._words.intersection(words):
            chosen.update(self._by_word[word])
        if self._always:
            chosen.difference_update(n for n in self._always if not self.filters[n].may_match(text))
        together = self._together
        return frozenset([n for n in chosen if _holds_all(together[n], words)])

    def _found(self, n: int, text: str, low: str | None) -> bool:
        _, candidates, results = self._for(text)
        if candidates is not None and n not in candidates:
            return False
        found = results.get(n)
        if found is None:
            found = results[n] = self.cues[n].first_in_lowered(text, low)
        return found >= 0

    def found_in_lowered(self, text: str, low: str | None) -> bool:
        """Whether any pattern is found in ``text`` (``low`` is ``casefree.lowered(text)``)."""
        candidates = self._for(text)[1]
        if candidates is not None and not candidates:
            return False   # most texts: no pattern's words are there, so none is searched
        indices = range(len(self.patterns)) if candidates is None else sorted(candidates)
        return any(self._found(n, text, low) for n in indices)

    def found_indices(self, text: str) -> frozenset[int]:
        """The indices (in ``patterns``) of the patterns found in ``text``: only those whose words
        the text holds are searched (in lower case where they can be, ``casefree``), and the
        answers are kept for the members' questions about the same text."""
        memo = self._memo
        if memo[0] != text:
            memo = self._for(text)
        candidates, results = memo[1], memo[2]
        if candidates is not None and not candidates:
            return _NONE
        low = lowered(text)
        cues = self.cues
        found = []
        for n in range(len(self.patterns)) if candidates is None else candidates:
            answer = results.get(n)
            if answer is None:
                answer = results[n] = cues[n].first_in_lowered(text, low)
            if answer >= 0:
                found.append(n)
        return frozenset(found)

    def member(self, pattern: re.Pattern[str]) -> CueSetMember:
        return CueSetMember(self, self.patterns.index(pattern))


class CueSetMember:
    """One pattern of a ``CueSet``, answering ``found_in_lowered`` as ``CaselessCue`` does."""

    def __init__(self, cue_set: CueSet, index: int) -> None:
        self.cue_set, self.index = cue_set, index
        self.pattern = cue_set.patterns[index]

    def found_in_lowered(self, text: str, low: str | None) -> bool:
        # ``CueSet._found`` inlined: the rules ask this for every pattern of every cue sentence
        cue_set, n = self.cue_set, self.index
        memo = cue_set._memo
        if memo[0] != text:
            memo = cue_set._for(text)
        candidates, results = memo[1], memo[2]
        if candidates is not None and n not in candidates:
            return False
        found = results.get(n)
        if found is None:
            found = results[n] = cue_set.cues[n].first_in_lowered(text, low)
        return found >= 0

    def finditer_lowered(self, text: str, low: str | None) -> list[re.Match[str]]:
        """``list(pattern.finditer(text))`` (``CaselessCue.finditer_lowered``), looked for from
        where the set's search of the same text found the first one (the text before holds none)."""
        cue_set, n = self.cue_set, self.index
        memo = cue_set._memo
        first = memo[2].get(n, 0) if memo[0] == text else 0
        if first < 0:
            return []
        return cue_set.cues[n].finditer_lowered(text, low, first)
