"""The grammar of a phrase naming a group of people (the cues that prioritise one are in ``groups``).

A priority group is found by the grammar of the phrase, not by a list of known groups: a head
noun for people ("personer", "barn", "eldre", "pårørende", "innbyggjarar", a compound such as
"kreftpasienter" or "innvandrarkvinner"), or an adjective used as a noun for people, recognised
by its ending and by no noun following it ("rusavhengige", "langtidssjukmelde", "uføre");
adjectives before the head ("skrøpelige eldre"), a coordinated second head ("barn og unge") and
the modifiers after it: a prepositional phrase ("personar med langvarige og samansette behov",
"eldre over 65 år") or a relative clause ("ungdom som har falle ut av skulen"). A phrase stops
at a clause boundary: punctuation, a finite verb or subjunction, "for å", an article that opens
the verb's next object, "til gode"; a preposition left dangling at its end is dropped.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import repeat
from typing import NamedTuple

from healthplan_kg.extract.cue_filter import text_words
from healthplan_kg.extract.tokens import ARTICLES, CLAUSE_WORDS
from healthplan_kg.model import Span

#: Nouns that head a phrase naming a group of people (a closed word class, nb and nn forms).
GROUP_HEADS = frozenset("""
    personer personar barn born ungar unge ungdom ungdommar ungdommer eldre kvinner menn pasienter
    pasientar brukere brukarar pårørende pårørande familier familiar foreldre innvandrere innvandrarar
    flyktninger flyktningar studenter studentar gravide mødre fedre jenter gutter gutar mennesker
    menneske folk beboere bebuarar ansatte tilsette innbyggere innbyggjarar innbyggarar borgere borgarar
    voksne vaksne elever elevar søsken arbeidstakere arbeidstakarar
""".split())
#: Heads too general to name a group without a modifier ("brukere", "personer").
_GENERIC_HEADS = frozenset("""
    personer personar pasienter pasientar brukere brukarar mennesker menneske folk ansatte tilsette
    kvinner menn familier familiar studenter studentar beboere bebuarar innvandrere innvandrarar
    innbyggere innbyggjarar innbyggarar borgere borgarar voksne vaksne elever elevar arbeidstakere
    arbeidstakarar søsken
""".split())
#: Endings of compounds that name people ("kreftpasienter", "småbarnsforeldre").
_COMPOUND_ENDINGS = ("pasienter", "pasientar", "brukere", "brukarar", "pårørende", "pårørande",
                     "foreldre", "familier", "familiar", "barn", "kvinner", "mødre", "fedre",
                     "innvandrere", "innvandrarar", "flyktninger", "flyktningar", "studenter", "studentar",
                     "ungdommer", "ungdommar", "elever", "elevar")
#: Endings of adjectives used as nouns for people ("rusavhengige", "langtidssjukmelde", "uføre"):
#: a head only where no noun follows ("rusavhengige pasientar" is headed by the noun).
_ADJECTIVAL_ENDINGS = ("avhengige", "syke", "sjuke", "hemmede", "hemma", "ledige", "trengende",
                       "trengande", "meldte", "melde", "uføre", "innsatte", "etterlatte", "løse", "lause")
#: Words that open a modifier of the head.
_MODIFIER_OPENERS = frozenset("med over under uten utan i født fødd fødde fødte frå fra på mellom utenfor utanfor "
                              "gjennom".split())
#: Heads naming people by their relation to others, whose "til"/"av" phrase belongs to them
#: ("pårørende til personer med demens", "barn av foreldre med rusproblem").
_RELATIONAL_HEADS = ("pårørende", "pårørande", "foreldre", "barn", "born", "søsken", "etterlatte")
#: Words that end a modifier: adverbials that attach to the verb, not to the group.
_MODIFIER_STOPS = CLAUSE_WORDS | frozenset("ved gjennom innen innan slik".split())
_COORDINATORS = frozenset({"og", "eller", "og/eller", "samt"})
#: A time adverbial that ends a modifier ("i løpet av", "innan 2030"); "født etter 2010" is no
#: adverbial ("etter", "før" are left out).
_TIME_OPENERS = frozenset("i innen innan fra frå fram frem mot til".split())
_TIME_NOUNS = frozenset("løpet perioden planperioden år året dag fjor framtida fremtiden tida tiden".split())
#: Words that may stand before the head as part of the phrase.
_PREMODIFIERS = frozenset({"alle"})
_NOT_ADJECTIVES = frozenset("flere fleire mange andre noen nokre disse desse de dei alle ingen store "
                            # infinitives of benefit verbs stand before a group ("særleg nå unge")
                            "kome komme koma hjelpe hjelpa gi gje følge følgje støtte støtta sikre "
                            "sikra treffe treffa ivareta inkludere inkludera".split())
#: Words after which a word with an adjectival ending is used as a noun: nothing, or these.
_AFTER_NOMINAL = frozenset("med over under uten utan i som og eller samt til for på frå fra".split())
#: Prepositions that may end a phrase only when something follows them.
_DANGLING = frozenset("med over under uten utan i født fødd frå fra på mellom til for av om mot gjennom".split())
_PUNCT = frozenset(",.;:!?()«»\"–—")
_RELATIVE_ENDS = frozenset("sier seier sa skriv skriver meiner mener".split())
_MAX_MODIFIER = 10

_TOKEN = re.compile(r"[\wæøåÆØÅ]+(?:[-/][\wæøåÆØÅ]+)*-?|[^\s\w]")


class _Tok(NamedTuple):
    """A token of a sentence (a named tuple: sentences are tokenised often, and a tuple is made
    several times faster than a frozen dataclass)."""

    text: str
    low: str
    start: int
    end: int


def _tokens(text: str, span: Span) -> list[_Tok]:
    """The tokens of ``span`` (the list is shared: callers only read it).

    Why kept: the list steps ask for the same sentence's tokens several times (its groups, the
    groups its cues prioritise), and making them is most of the cost of a short phrase.
    The tokens of the last document's spans are kept, by the span's offsets.
    """
    tokens = _kept(text)[0]
    key = (span.start, span.end)
    toks = tokens.get(key)
    if toks is None:
        toks = tokens[key] = _joined_tokens(text, span.start, span.end, tokens)
    return toks


def _joined_tokens(text: str, start: int, end: int, tokens: dict[tuple[int, int], list[_Tok]]) -> list[_Tok]:
    """The tokens of ``start:end``, those after its first colon taken from ``tokens`` when kept.

    Why: the stretch after a colon ("... desse gruppene: a, b og c") is tokenised for the list it
    introduces before the whole sentence is. A colon is a token of its own (no word token holds
    one), and tokenising goes on after it as it would from the next character, so the tokens of
    the whole are those up to the colon followed by those after it.
    """
    colon = text.find(":", start, end)
    if colon >= 0:
        after = tokens.get((colon + 1, end))
        if after is not None:
            return _make_tokens(text, start, colon + 1) + after
    return _make_tokens(text, start, end)


#: The document whose tokens and group phrases are kept, and those of its spans by (start, end).
_KEPT: tuple[str | None, dict[tuple[int, int], list[_Tok]], dict[tuple[int, int], list[Span]]] = (None, {}, {})


def _kept(text: str) -> tuple[dict[tuple[int, int], list[_Tok]], dict[tuple[int, int], list[Span]]]:
    global _KEPT
    kept = _KEPT   # one tuple, read once: a thread never pairs one text with another's tokens
    if kept[0] is not text:
        kept = _KEPT = (text, {}, {})
    return kept[1], kept[2]


def _make_tokens(text: str, start: int, end: int, _make=tuple.__new__, _match=re.Match) -> list[_Tok]:
    # the fields of every token taken by ``map`` (no Python code per token), and each tuple made
    # as ``_Tok(...)`` would make it, without the keyword layer
    found = list(_TOKEN.finditer(text, start, end))
    words = list(map(_match.group, found))
    fields = zip(words, map(str.lower, words), map(_match.start, found), map(_match.end, found),
                 strict=True)
    return list(map(_make, repeat(_Tok), fields))


@lru_cache(maxsize=16384)
def is_head(word: str) -> bool:
    """Whether ``word`` (lower case) is a noun naming people (cached: asked of every token of
    a sentence up to three times, as the start of a phrase is tried at each token)."""
    if word in GROUP_HEADS:
        return True
    # most words end in none of the endings: one C-level test before the per-ending check
    return word.endswith(_COMPOUND_ENDINGS) and any(word.endswith(e) and len(word) >= len(e) + 3
                                                    for e in _COMPOUND_ENDINGS)


@lru_cache(maxsize=16384)
def _adjectival(word: str) -> bool:
    """Whether ``word`` has the ending of an adjective used as a noun for people (a compound
    for the short endings that are verbs or adjectives alone: "løse", "melde")."""
    if not word.endswith(_ADJECTIVAL_ENDINGS) or not word.isalpha():
        return False
    ending = next(e for e in _ADJECTIVAL_ENDINGS if word.endswith(e))
    return len(word) >= len(ending) + (3 if ending in ("løse", "lause", "melde") else 0)


#: The pronouns that head a phrase before "som" ("de som", "alle som": ``_pronoun_head``).
_PRONOUN_HEADS = frozenset({"de", "dei", "alle"})
_HEAD_ENDINGS = _COMPOUND_ENDINGS + _ADJECTIVAL_ENDINGS


@lru_cache(maxsize=16384)
def _may_head(word: str) -> bool:
    """Whether ``word`` (a run of word characters, lower case) may be, or end, a token that heads
    a group: a head noun, a pronoun before "som", or a word with a head's or an adjectival ending."""
    return word in GROUP_HEADS or word in _PRONOUN_HEADS or word.endswith(_HEAD_ENDINGS)


def may_hold_group(text: str, span: Span) -> bool:
    """False only where no group phrase can be found in ``span`` (it holds no word that may head one).

    Why: the list steps ask for the groups of many sentences and items that name none, and
    tokenising them is most of the cost. Every phrase has a head token (``_head_at``: a head noun,
    a compound ending in one, an adjectival ending on a word of letters only) or a pronoun
    before "som" (``_pronoun_head``). Such a token, or the last run of word characters of a
    hyphenated compound ("kreft-pasienter"), is a whole word of the lower-cased span
    (``cue_filter.text_words``; lower case keeps every word's letters and bounds), and that word
    is in ``GROUP_HEADS``, is a pronoun or ends in one of the endings: ``_may_head`` asks just that.
    """
    words = text_words(text[span.start:span.end])
    return words is None or any(map(_may_head, words))


def _head_at(toks: list[_Tok], k: int) -> bool:
    """Whether token ``k`` heads a group: a noun for people, or an adjective for people used as
    a noun (nothing but a preposition, a coordinator, a clause word or punctuation after it)."""
    low = toks[k].low
    if is_head(low):
        return True
    if not _adjectival(low):
        return False
    if k + 1 == len(toks):
        return True
    nxt = toks[k + 1]
    return nxt.text in _PUNCT or nxt.low in _AFTER_NOMINAL or nxt.low in CLAUSE_WORDS


@lru_cache(maxsize=16384)
def _adjective(word: str) -> bool:
    return (word.endswith("e") and word.isalpha() and word not in CLAUSE_WORDS
            and word not in _NOT_ADJECTIVES and word not in _COORDINATORS and not is_head(word))


def _starts_group(toks: list[_Tok], i: int) -> bool:
    """A group phrase starts at token ``i``: a head, or up to two adjectives before one."""
    for k in range(i, min(i + 3, len(toks))):
        low = toks[k].low
        if is_head(low) or (_adjectival(low) and _head_at(toks, k)):   # ``_head_at``, its first test inline
            return True
        if not (_adjective(low) or (k == i and low in _PREMODIFIERS)):
            return False
    return False


def _pronoun_head(toks: list[_Tok], i: int) -> int | None:
    """"de som", "dei av oss som", "alle som": the index of the "som" that follows, else None."""
    if i >= len(toks) or toks[i].low not in ("de", "dei", "alle"):
        return None
    k = i + 1
    if toks[i].low != "alle" and k + 2 < len(toks) and toks[k].low == "av" and toks[k + 1].low in ("oss", "dem"):
        k += 2
    return k if k < len(toks) and toks[k].low == "som" else None


def _relative_clause(toks: list[_Tok], k: int) -> int:
    """The end of a relative clause opened by "som" at ``k``: the next comma or sentence end."""
    j = k + 1
    while j < len(toks) and j - k <= 14 and toks[j].text not in _PUNCT and toks[j].low not in _RELATIVE_ENDS:
        j += 1
    return j if j - k <= 14 and j > k + 1 else k


def _modifier(toks: list[_Tok], j: int) -> int:
    """The end of a prepositional modifier opened at ``j``; "og" before a new group ends it."""
    k = j + 1
    while k < len(toks) and k - j <= _MAX_MODIFIER:
        tok = toks[k]
        if tok.low in _COORDINATORS and k + 1 < len(toks) and _starts_group(toks, k + 1):
            break
        if tok.text == ",":
            # "rusvanskar, gjeld og einsemd": a comma inside an enumeration of nouns.
            nxt = k + 1
            while nxt < len(toks) and toks[nxt].text not in _PUNCT and toks[nxt].low not in _COORDINATORS:
                nxt += 1
            if (nxt < len(toks) and toks[nxt].low in _COORDINATORS and nxt - k <= 2
                    and not _starts_group(toks, k + 1)):
                k = nxt
                continue
            break
        if tok.text in _PUNCT or tok.low in _MODIFIER_STOPS:
            break
        # a time adverbial attaches to the verb: "i løpet av planperioden", "innan 2030"
        if tok.low in _TIME_OPENERS and k + 1 < len(toks) and (
                toks[k + 1].low in _TIME_NOUNS or toks[k + 1].low.isdigit()):
            break
        # "for å ..." is the purpose of the clause; "behov for hjelp" belongs to the group;
        # "til gode" closes the frame "kome X til gode" around the group
        if tok.low in ("for", "til") and k + 1 < len(toks) and toks[k + 1].low in ("å", "at", "gode"):
            break
        # an article after the preposition's noun starts the next phrase ("gi eldre over 80 år
        # eit heimebesøk"); right after the preposition it belongs ("med ein kronisk sjukdom")
        if tok.low in ARTICLES and k > j + 1:
            break
        k += 1
    return k


def _phrase_end(toks: list[_Tok], i: int, head: int) -> int:
    """The index after the last token of the group whose head is at ``head``."""
    j = head + 1
    while j + 1 < len(toks) and toks[j].low in _COORDINATORS and _head_at(toks, j + 1):
        j += 2
    opens = j < len(toks) and (toks[j].low in _MODIFIER_OPENERS or (
        toks[j].low in ("til", "av") and toks[head].low.endswith(_RELATIONAL_HEADS)))
    if opens and j + 1 < len(toks) and toks[j + 1].text not in _PUNCT and toks[j + 1].low != "gode":
        j = _modifier(toks, j)
    if j < len(toks) and toks[j].low == "som":
        j = _relative_clause(toks, j)
    while j > head + 1 and (toks[j - 1].low in _COORDINATORS or toks[j - 1].low in CLAUSE_WORDS
                            or toks[j - 1].low in _DANGLING):
        j -= 1
    return j


def _group_at(text: str, toks: list[_Tok], i: int, *, pronouns: bool) -> tuple[Span, int] | None:
    """The group phrase starting at token ``i`` and the index after it, or None."""
    som = _pronoun_head(toks, i) if pronouns else None
    if som is not None:
        end = _relative_clause(toks, som)
        if end == som:
            return None
        return Span(toks[i].start, toks[end - 1].end, text[toks[i].start:toks[end - 1].end]), end
    if not _starts_group(toks, i):
        return None
    head = i
    while not _head_at(toks, head):
        head += 1
    # "gravide kvinner", "eldre pasientar": an adjectival head before a noun head modifies it.
    while head + 1 < len(toks) and _head_at(toks, head + 1) and toks[head].low.endswith("e"):
        head += 1
    end = _phrase_end(toks, i, head)
    if end == head + 1 and i == head and toks[head].low in _GENERIC_HEADS:
        return None
    return Span(toks[i].start, toks[end - 1].end, text[toks[i].start:toks[end - 1].end]), end


def group_phrases(text: str, span: Span) -> list[Span]:
    """Every group phrase in ``span``, in order ("barn og unge, personar med ... og eldre")."""
    found = _kept(text)[1].get((span.start, span.end))
    if found is None:
        if not may_hold_group(text, span):
            return []   # many spans asked: no word that may head a group, so no tokens made
        found = _phrases(text, span.start, span.end, _tokens(text, span))
    return list(found)


def _phrases(text: str, start: int, end: int, toks: list[_Tok]) -> list[Span]:
    """The group phrases of the stretch ``start:end`` whose tokens are ``toks`` (kept per document).

    No phrase runs over a colon (a phrase, its modifier and its relative clause stop at any
    punctuation but a comma, and nothing looks back before a phrase's start), so the phrases are
    those before the first colon and those after it: the list "Planen har tre prioriterte
    grupper: a, b og c" introduces, asked for after its colon first, is not searched again.
    """
    phrases = _kept(text)[1]
    key = (start, end)
    found = phrases.get(key)
    if found is None:
        colon = next((n for n, tok in enumerate(toks) if tok.text == ":"), None)
        if colon is None:
            found = phrases_in(text, toks)
        else:
            found = phrases_in(text, toks[:colon]) + _phrases(text, toks[colon].end, end, toks[colon + 1:])
        phrases[key] = found
    return found


def phrases_in(text: str, toks: list[_Tok]) -> list[Span]:
    """Every group phrase in the tokens ``toks``, in order (``group_phrases``).

    A phrase starts at most two tokens before its head (``_starts_group``): the heads are found
    once, and a token with no head in reach is passed over without trying a phrase at it.
    """
    # (``_head_at`` asked only of the words with an adjectival ending: a head noun is one anywhere)
    heads = [k for k, tok in enumerate(toks) if is_head(tok.low) or (_adjectival(tok.low) and _head_at(toks, k))]
    groups: list[Span] = []
    i = 0
    for head in heads:
        if head < i:
            continue   # inside the phrase found last
        i = max(i, head - 2)
        while i <= head:
            found = _group_at(text, toks, i, pronouns=False)
            if found is None:
                i += 1
                continue
            groups.append(found[0])
            i = found[1]
    return groups


def groups_served_by(text: str, item: Span) -> list[Span]:
    """Groups a goal or measure is for ("Betre livskvalitet for kreftpasientar og pårørande").

    Inside a list item of goals or measures, a group after "for" or "til" is one the item
    serves; a bare general head ("brukere") is too generic and left out.
    """
    low = item.text.lower()
    if "for" not in low and "til" not in low:
        return []   # most items: no "for", "til" or "overfor" (lower case is made character by character)
    if not may_hold_group(text, item):
        return []   # nor a word that may head a group: no tokens made
    toks = _tokens(text, item)
    out: list[Span] = []
    for n, tok in enumerate(toks[:-1]):
        if tok.low in ("for", "til", "overfor"):
            got = _group_at(text, toks, n + 1, pronouns=True)
            if got is not None:
                out.append(got[0])
    return out
