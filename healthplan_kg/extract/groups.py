"""Priority groups: noun phrases naming groups of people, and the cues that prioritise them.

A priority group is found by the grammar of the phrase, not by a list of known groups: a head
noun for people ("personer", "barn", "eldre", "pårørende", a compound such as "kreftpasienter"),
adjectives before it ("skrøpelige eldre"), a coordinated second head ("barn og unge") and the
modifiers after it: a prepositional phrase ("personar med langvarige og samansette behov",
"eldre over 65 år") or a relative clause ("ungdom som har falle ut av skulen").

The phrase counts as prioritised when a cue puts it there: a cue before it ("særlig blant",
"prioritere", "målgruppa er", "rettet mot", "styrke tilbudet til", "løfte fram", "fokus på")
or after it ("... skal prioriteres", "... er ein hovudprioritet", "... står i fokus"), in both
written standards.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from healthplan_kg.extract.cue_filter import CueFilter
from healthplan_kg.extract.tokens import ARTICLES, CLAUSE_WORDS
from healthplan_kg.model import Span

#: Nouns that head a phrase naming a group of people (a closed word class, nb and nn forms).
GROUP_HEADS = frozenset("""
    personer personar barn born ungar unge ungdom ungdommar ungdommer eldre kvinner menn pasienter
    pasientar brukere brukarar pårørende pårørande familier familiar foreldre innvandrere innvandrarar
    flyktninger flyktningar studenter studentar gravide mødre fedre jenter gutter gutar mennesker
    menneske folk beboere bebuarar ansatte tilsette
""".split())
#: Heads too general to name a group without a modifier ("brukere", "personer").
_GENERIC_HEADS = frozenset("""
    personer personar pasienter pasientar brukere brukarar mennesker menneske folk ansatte tilsette
    kvinner menn familier familiar studenter studentar beboere bebuarar innvandrere innvandrarar
""".split())
#: Endings of compounds that name people ("kreftpasienter", "småbarnsforeldre").
_COMPOUND_ENDINGS = ("pasienter", "pasientar", "brukere", "brukarar", "pårørende", "pårørande",
                     "foreldre", "familier", "familiar", "barn")
#: Words that open a modifier of the head.
_MODIFIER_OPENERS = frozenset("med over under uten utan i født fødd frå fra på mellom utenfor utanfor "
                              "gjennom".split())
#: Words that end a modifier: adverbials that attach to the verb, not to the group.
_MODIFIER_STOPS = CLAUSE_WORDS | frozenset("ved gjennom innen innan slik".split())
_COORDINATORS = frozenset({"og", "eller", "og/eller", "samt"})
#: Words that may stand before the head as part of the phrase.
_PREMODIFIERS = frozenset({"alle"})
_NOT_ADJECTIVES = frozenset("flere fleire mange andre noen nokre disse desse de dei alle ingen store".split())
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


def _tokens(text: str, span: Span, _make=tuple.__new__) -> list[_Tok]:
    out = []
    for m in _TOKEN.finditer(text, span.start, span.end):
        word = m.group()
        start, end = m.span()
        out.append(_make(_Tok, (word, word.lower(), start, end)))   # _Tok(...) without the keyword layer
    return out


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
def _adjective(word: str) -> bool:
    return (word.endswith("e") and word.isalpha() and word not in CLAUSE_WORDS
            and word not in _NOT_ADJECTIVES and word not in _COORDINATORS and not is_head(word))


def _starts_group(toks: list[_Tok], i: int) -> bool:
    """A group phrase starts at token ``i``: a head, or up to two adjectives before one."""
    for k in range(i, min(i + 3, len(toks))):
        if is_head(toks[k].low):
            return True
        if not (_adjective(toks[k].low) or (k == i and toks[k].low in _PREMODIFIERS)):
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
        # "for å ..." is the purpose of the clause; "behov for hjelp" belongs to the group
        if tok.low == "for" and k + 1 < len(toks) and toks[k + 1].low in ("å", "at"):
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
    while j + 1 < len(toks) and toks[j].low in _COORDINATORS and is_head(toks[j + 1].low):
        j += 2
    if j < len(toks) and toks[j].low in _MODIFIER_OPENERS and j + 1 < len(toks) \
            and toks[j + 1].text not in _PUNCT:
        j = _modifier(toks, j)
    if j < len(toks) and toks[j].low == "som":
        j = _relative_clause(toks, j)
    while j > head + 1 and (toks[j - 1].low in _COORDINATORS or toks[j - 1].low in CLAUSE_WORDS):
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
    while not is_head(toks[head].low):
        head += 1
    # "gravide kvinner", "eldre pasientar": an adjectival head before a noun head modifies it.
    while head + 1 < len(toks) and is_head(toks[head + 1].low) and toks[head].low.endswith("e"):
        head += 1
    end = _phrase_end(toks, i, head)
    if end == head + 1 and i == head and toks[head].low in _GENERIC_HEADS:
        return None
    return Span(toks[i].start, toks[end - 1].end, text[toks[i].start:toks[end - 1].end]), end


def group_phrases(text: str, span: Span) -> list[Span]:
    """Every group phrase in ``span``, in order ("barn og unge, personar med ... og eldre")."""
    toks = _tokens(text, span)
    groups: list[Span] = []
    i = 0
    while i < len(toks):
        found = _group_at(text, toks, i, pronouns=False)
        if found is None:
            i += 1
            continue
        groups.append(found[0])
        i = found[1]
    return groups


_BEFORE = (
    r"prioriter(?:e|er|ar|a|te|ast|es)(?:\s+(?:fram|frem|opp))?",
    r"løft(?:e|a|er|ar)\s+(?:fram|frem)",
    r"(?:satse|satsar|satser|satsing|satsinga|satsingen|fokus|fokusere|fokuserer|fokuserar)\s+(?:\w+\s+)?på",
    r"målgrupp\w*(?:\s+(?:for|i|til)\s+[\w-]+)?(?:\s+(?:er|var|blir|vert)|\s*:)",
    r"(?:rett|retta|rettet|rettes|innretta|innrettet|målretta|målrettet|spissa|spisset)\s+(?:inn\s+)?mot",
    r"(?:styrke|styrkje|styrka|styrker|styrkjer|bedre|betre|forbedre|forbetre|tilby|"
    r"prioritere|løfte|løfta)\s+(?:[\w-]+\s+){0,4}?(?:til|for|overfor)",
    # the beneficiary of a measure: "ordninga skal gi eldre over 80 år eit heimebesøk"
    r"(?:skal|vil|må|bør)\s+(?:gi|gje|sikre|sikra|tilby|hjelpe|hjelpa)",
)
_CUE_BEFORE = re.compile(r"\b(?:" + "|".join(_BEFORE) + r")\s+", re.IGNORECASE)
#: "særlig blant barn og unge" prioritises only in a sentence about effort; "the burden is
#: highest, særlig blant eldre" describes.
_CUE_ESPECIALLY = re.compile(r"\b(?:særlig|særleg|spesielt|særskilt|især|framfor alt|fremfor alt|først og fremst)"
                             r"(?:\s+(?:til|blant|for|på|mot|overfor|hos|om))?\s+", re.IGNORECASE)
_EFFORT = re.compile(r"\b(?:skal|vil|må|bør|satse\w*|satsing\w*|styrk\w*|forebygg\w*|førebygg\w*|tiltak\w*|"
                     r"innsats\w*|tilby\w*|hjelp\w*|prioriter\w*|tilbud\w*|tilbod\w*)\b", re.IGNORECASE)
_CUE_AFTER = re.compile(
    r"\s+(?:(?:skal|bør|må|vil|er|blir|vert|har|hadde)\s+)?(?:(?:fortsatt|framleis|særlig|særleg)\s+)?"
    r"(?:(?:være|vere|vera|bli|blitt|vorte)\s+)?"
    r"(?:prioriteres|prioriterast|prioritert|prioriterte|ein\s+(?:hovud)?prioritet|en\s+(?:hoved)?prioritet|"
    r"(?:ei|en|ein)\s+(?:særlig\s+|særleg\s+|viktig\s+)?målgruppe|"
    r"(?:står|stått|stod|sto)\s+i\s+fokus)\b", re.IGNORECASE)

_BEFORE_WORDS, _ESPECIALLY_WORDS, _EFFORT_WORDS, _AFTER_WORDS = (
    CueFilter(_CUE_BEFORE), CueFilter(_CUE_ESPECIALLY), CueFilter(_EFFORT), CueFilter(_CUE_AFTER))
#: A cue before needs ``_CUE_BEFORE`` or ``_CUE_ESPECIALLY``; a cue after needs ``_CUE_AFTER``.
_ANY_WORDS = CueFilter(_CUE_BEFORE, _CUE_ESPECIALLY, _CUE_AFTER)


def prioritised_groups(text: str, sentence: Span) -> list[Span]:
    """The groups ``sentence`` names as prioritised, targeted or to be strengthened."""
    words = sentence.text   # the cue filters look up the words of the sentence (``cue_filter``)
    if not _ANY_WORDS.may_match(words):
        return []   # most sentences: none of the words any cue needs
    cues = list(_CUE_BEFORE.finditer(text, sentence.start, sentence.end)) if _BEFORE_WORDS.may_match(words) else []
    if _ESPECIALLY_WORDS.may_match(words) and _EFFORT_WORDS.may_match(words) \
            and _EFFORT.search(text, sentence.start, sentence.end):
        cues += _CUE_ESPECIALLY.finditer(text, sentence.start, sentence.end)
    cues_after = list(_CUE_AFTER.finditer(text, sentence.start, sentence.end)) \
        if _AFTER_WORDS.may_match(words) else []
    if not cues and not cues_after:
        return []  # most sentences: no tokens made
    toks = _tokens(text, sentence)
    index = {t.start: n for n, t in enumerate(toks)}
    found: dict[int, Span] = {}
    for cue in cues:
        n = index.get(cue.end())
        while n is not None:
            got = _group_at(text, toks, n, pronouns=True)
            if got is None:
                break
            found.setdefault(got[0].start, got[0])
            # "særlig blant barn og unge, eldre og ...": an enumeration after one cue.
            n = got[1] + 1 if got[1] < len(toks) and toks[got[1]].low in {",", *_COORDINATORS} else None
    for cue in cues_after:
        for group in _groups_ending_at(text, toks, cue.start()):
            found.setdefault(group.start, group)
    return [found[k] for k in sorted(found)]


def _groups_ending_at(text: str, toks: list[_Tok], end: int) -> list[Span]:
    """The group phrase (or enumeration of them) that ends right before offset ``end``."""
    last = next((n for n in range(len(toks) - 1, -1, -1) if toks[n].end <= end), None)
    # auxiliaries and adverbs between the group and the cue ("... framleis skal vere prioritert")
    while last is not None and last > 0 and toks[last].low in CLAUSE_WORDS:
        last -= 1
    if last is None:
        return []
    first = last
    while first > 0 and last - first < 30 and toks[first - 1].low not in CLAUSE_WORDS - {"som", "eller"} \
            and toks[first - 1].text not in ".;:!?()«»\"–—":
        first -= 1
    run = group_phrases(text, Span(toks[first].start, toks[last].end, text[toks[first].start:toks[last].end]))
    if not run or run[-1].end != toks[last].end:
        return []
    return run


def groups_served_by(text: str, item: Span) -> list[Span]:
    """Groups a goal or measure is for ("Betre livskvalitet for kreftpasientar og pårørande").

    Inside a list item of goals or measures, a group after "for" or "til" is one the item
    serves; a bare general head ("brukere") is too generic and left out.
    """
    toks = _tokens(text, item)
    out: list[Span] = []
    for n, tok in enumerate(toks[:-1]):
        if tok.low in ("for", "til", "overfor"):
            got = _group_at(text, toks, n + 1, pronouns=True)
            if got is not None:
                out.append(got[0])
    return out
