"""Priority groups: the cues that mark a group of people as prioritised or targeted.

A priority group is found by the grammar of the phrase (``group_grammar``), not by a list of
known groups. The phrase counts as prioritised when a cue puts it there, in both written standards:

- a verb before it, active or passive: "prioritere", "satse (særlig) på", "løfte fram",
  "rette (seg/innsatsen) (særleg) mot", "rettast mot", "styrke tilbudet til", "skal gi/hjelpe";
- a noun phrase before it: "målgruppa/hovudmålgruppa for X er", "et særlig ansvar for",
  "særleg merksemd mot", "med (særlig) vekt på", "fokus på";
- an adverb of emphasis in a sentence about effort: "særlig blant/for/til", "særleg nå/hjelpe",
  "blant annet for", "mellom anna til";
- a beneficiary frame around it: "skal særleg kome X til gode";
- an intended effect: "tiltaka skal ha størst effekt for X" ("har størst effekt" describes);
- a goal about it: "målet er at X skal ...", "ein ambisjon om at X skal ...", "eit mål å
  redusere X sine ..." (a group of everyone, "alle innbyggjarar", is not prioritised);
- a cue after it: "... skal prioriteres", "... er ein hovudprioritet", "... står i fokus".

Between the cue and the group there may stand a service or body and a preposition ("satse på
tilbud til unge uføre", "nå kommunar med mange innbyggjarar med låg inntekt"). A coordinated
run of groups after one cue gives one group each, each with its own modifiers. A negated cue
("vil ikke prioritere", "skal ikkje rettast mot"), a cue inside a condition ("dersom eldre
prioriteres") and a question prioritise nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from healthplan_kg.extract.casefree import CaselessCue, lowered
from healthplan_kg.extract.cue_filter import CueFilter, text_words
from healthplan_kg.extract.group_grammar import (
    _COORDINATORS,
    _GENERIC_HEADS,
    _PUNCT,
    _group_at,
    _Tok,
    _tokens,
    group_phrases,
    groups_served_by,
    may_hold_group,
    phrases_in,
)
from healthplan_kg.extract.tokens import CLAUSE_WORDS
from healthplan_kg.model import Span

__all__ = ["group_phrases", "groups_served_by", "may_prioritise", "prioritised_groups"]

_EMPHASIS = (r"(?:særlig|særleg|spesielt|primært|hovedsakelig|hovudsakleg|først\s+og\s+fremst|"
             r"fyrst\s+og\s+fremst|framfor\s+alt|fremfor\s+alt|især|direkte)")
_BEFORE = (
    r"prioriter(?:e|er|ar|a|te|ast|es)(?:\s+(?:fram|frem|opp))?",
    r"løft(?:e|a|er|ar)\s+(?:fram|frem)",
    r"(?:sats(?:e|ar|er|a|es|ast|as|ing|inga|ingen)|fokus|fokusere|fokuserer|fokuserar)\s+(?:\w+\s+)?på",
    # "målgruppa er", "hovudmålgruppa for den nye ordninga er", "Målgrupper:"
    r"(?:målgrupp\w*|(?:hoved|hovud|primær)målgrupp(?:e|a|en|ene|ane|er|ar))(?:\s+(?:for|i|til)(?:\s+[\w-]+){1,3}?)?(?:\s+(?:er|var|blir|vert)|\s*:)",
    # "retta mot", "rettar seg særleg mot", "skal rettast mot", "rette innsatsen mot"
    r"(?:inn|mål)?rett(?:e|er|ar|a|et|es|ast)?(?:\s+seg)?(?:\s+[\w-]+){0,2}?\s+mot",
    r"spiss(?:a|et|e|er|ar|es|ast)(?:\s+seg)?\s+(?:inn\s+)?mot",
    r"(?:styrke|styrkje|styrka|styrker|styrkjer|bedre|betre|forbedre|forbetre|tilby|"
    r"prioritere|løfte|løfta)\s+(?:[\w-]+\s+){0,4}?(?:til|for|overfor)",
    # the beneficiary of a measure: "ordninga skal gi eldre over 80 år eit heimebesøk"
    r"(?:skal|vil|må|bør)\s+(?:gi|gje|sikre|sikra|tilby|hjelpe|hjelpa)",
    r"med\s+(?:særlig\s+|særleg\s+|spesiell\s+|særskilt\s+)?vekt\s+på",
)
#: A responsibility or attention given to a group: "et særlig ansvar for", "særleg merksemd mot"
#: (its filter needs the adverb: "ansvar" alone is in many sentences).
_CUE_ATTENTION = re.compile(
    r"\b(?:særlig|særleg|spesielt|spesiell|særskilt|særskild)\s+"
    r"(?:ansvar|oppmerksomhet|merksemd|fokus|vekt|innsats|prioritet)\s+(?:for|på|mot|overfor|til)\s+",
    re.IGNORECASE)
#: An intended effect for a group: "tiltaka skal ha størst effekt for ..." (a modal: "har størst
#: effekt for" describes a measure).
_CUE_EFFECT = re.compile(
    r"\b(?:skal|vil|må|bør)\s+(?:[\w-]+\s+)?(?:ha|gi|gje)\s+(?:størst|større|best|mest)\s+(?:[\w-]+\s+)?"
    r"(?:effekt|nytte|verknad|virkning|betydning|tyding)\s+(?:for|blant|hos)\s+", re.IGNORECASE)
_EFFECT_WORDS = CueFilter(re.compile(r"\b(?:størst|større|best|mest)\b"))
#: A goal whose subject is a group ("målet er at eldre med demens skal ...", "ambisjonen om at
#: born fødde etter 2015 skal ..."), or whose object is one ("eit mål å redusere unge sine ...").
_CUE_GOAL = re.compile(
    r"\b(?:mål|målet|måla|målene|hovudmålet|hovedmålet|målsetjinga|målsettingen|ambisjon(?:en|ar|er|ane|ene)?|visjon(?:en|ar|er|ane|ene)?)"
    r"\s+(?:[\w-]+\s+){0,3}?(?:om\s+)?(at|å)\s+", re.IGNORECASE)
_GOAL_WORDS = CueFilter(re.compile(
    r"\b(?:mål|målet|måla|målene|hovudmålet|hovedmålet|målsetjinga|målsettingen|"
    r"ambisjon(?:en|ar|er|ane|ene)?|visjon(?:en|ar|er|ane|ene)?)\b", re.IGNORECASE))
#: What follows the subject of a goal (a modal) and the object of its verb (a possessive).
_GOAL_MODALS = frozenset("skal vil kan får bør må blir vert".split())
_POSSESSIVES = frozenset("sin si sitt sine".split())
_ATTENTION_WORDS = CueFilter(re.compile(r"\b(?:særlig|særleg|spesielt|spesiell|særskilt|særskild)\b"))
_CUE_BEFORE = re.compile(r"\b(?:" + "|".join(_BEFORE) + r")\s+", re.IGNORECASE)
#: "særlig blant barn og unge" prioritises only in a sentence about effort; "the burden is
#: highest, særlig blant eldre" describes. A verb of benefit may follow ("særleg nå unge").
_CUE_ESPECIALLY = re.compile(
    r"\b(?:særlig|særleg|spesielt|særskilt|især|framfor alt|fremfor alt|først og fremst)"
    r"(?:\s+(?:til|blant|for|på|mot|overfor|hos|om|nå|hjelpe|hjelpa|treffe|treffa|støtte|støtta|"
    r"ivareta|følge\s+opp|følgje\s+opp|ta\s+vare\s+på|gå\s+til))?\s+", re.IGNORECASE)
#: "blant annet for", "mellom anna til": like an adverb of emphasis, in a sentence about effort.
_CUE_AMONG = re.compile(r"\b(?:blant\s+annet|blant\s+anna|mellom\s+anna)\s+(?:for|til|overfor)\s+", re.IGNORECASE)
#: The words the filters look for: "annet"/"anna" and "gode" are rarer than "blant" and "kommer".
_AMONG_WORD = re.compile(r"\b(?:annet|anna)\b")
_EFFORT = re.compile(r"\b(?:skal|vil|må|bør|satse\w*|satsing\w*|styrk\w*|forebygg\w*|førebygg\w*|tiltak\w*|"
                     r"innsats\w*|tilby\w*|hjelp\w*|prioriter\w*|tilbud\w*|tilbod\w*)\b", re.IGNORECASE)
#: "skal særleg kome X til gode": the group stands inside the frame (checked after it).
_CUE_BENEFIT = re.compile(r"\b(?:kome|komme|koma|kjem|kommer)\s+(?:" + _EMPHASIS + r"\s+)?", re.IGNORECASE)
_TIL_GODE = re.compile(r"\s*til\s+gode\b", re.IGNORECASE)
_CUE_AFTER = re.compile(
    r"\s+(?:(?:skal|bør|må|vil|er|blir|vert|har|hadde)\s+)?(?:(?:fortsatt|framleis|særlig|særleg)\s+)?"
    r"(?:(?:være|vere|vera|bli|blitt|vorte)\s+)?"
    r"(?:prioriteres|prioriterast|prioritert|prioriterte|ein\s+(?:hovud)?prioritet|en\s+(?:hoved)?prioritet|"
    r"(?:ei|en|ein)\s+(?:særlig\s+|særleg\s+|viktig\s+)?målgruppe|"
    r"(?:står|stått|stod|sto)\s+i\s+fokus)\b", re.IGNORECASE)
#: A negation before a cue (or between a group and its cue after) takes the priority back;
#: "ikke minst" and "ikke bare" add to it instead.
_NEGATION = re.compile(r"\b(?:ikke|ikkje|aldri|ingen|inga|verken|korkje)\b(?!\s+(?:minst|bare|berre))",
                       re.IGNORECASE)
#: The window before a cue in which a negation belongs to it ("vil ikke lenger prioritere").
_NEGATION_REACH = 30
#: The last clause boundary before a cue: a punctuation mark or a subjunction.
_BOUNDARY = r"(?:[,;:–]|\b(?:at|som|fordi|mens|medan)\b)"
_CLAUSE_START = re.compile(_BOUNDARY + r"(?!.*" + _BOUNDARY + r")", re.IGNORECASE | re.DOTALL)
#: A condition open before the cue ("Dersom eldre skulle prioriteres, ...").
_CONDITION = re.compile(r"\b(?:hvis|viss|dersom|såfremt|i\s+fall)\b[^,;:]*$", re.IGNORECASE)
#: Words a cue may be separated from its group by: a service or body and a preposition ("satse
#: på tilbud til unge", "nå kommunar med mange innbyggjarar"), a quantifier after it.
_BRIDGE_PREPOSITIONS = frozenset("til for overfor blant med i av".split())
_QUANTIFIERS = frozenset("mange fleire flere mest størst høg høy stor del andel".split())

_BEFORE_WORDS, _EFFORT_WORDS, _AFTER_WORDS = CueFilter(_CUE_BEFORE), CueFilter(_EFFORT), CueFilter(_CUE_AFTER)
_ESPECIALLY_WORDS = CueFilter(_CUE_ESPECIALLY, _AMONG_WORD)
#: A cue before needs ``_CUE_BEFORE``, ``_CUE_ESPECIALLY``, ``_CUE_AMONG`` or the frame "kome X
#: til gode" (the word "gode": "kommer" alone is in most texts); a cue after needs ``_CUE_AFTER``.
_ANY_WORDS = CueFilter(_CUE_BEFORE, _CUE_ESPECIALLY, _CUE_AFTER, _AMONG_WORD, re.compile(r"\bgode\b"),
                       *_ATTENTION_WORDS.patterns, *_EFFECT_WORDS.patterns, *_GOAL_WORDS.patterns)


def _taken_back(text: str, sentence: Span, start: int, end: int) -> bool:
    """Whether the cue between ``start`` and ``end`` is negated or inside a condition (the
    negation in its own clause: "Vi har ikke glemt at kommunen vil prioritere ..." prioritises)."""
    begin = max(sentence.start, start - _NEGATION_REACH)
    clause = _CLAUSE_START.search(text, begin, start)
    window = text[clause.end() if clause else begin:end]
    if _NEGATION.search(window):
        return True
    return _CONDITION.search(text, sentence.start, start) is not None


def _bridged(toks: list[_Tok], n: int) -> int | None:
    """The start of a group after a service or body and a preposition at token ``n`` ("tilbud
    til", "gode tilbod for", "kommunar med mange"), else None."""
    for k in range(n, min(n + 3, len(toks) - 1)):
        tok = toks[k]
        if tok.text in _PUNCT or tok.low in CLAUSE_WORDS or tok.low in _COORDINATORS:
            return None
        if tok.low in _BRIDGE_PREPOSITIONS and k > n:
            nxt = k + 1
            while nxt < len(toks) - 1 and toks[nxt].low in _QUANTIFIERS:
                nxt += 1
            # "samarbeid med pårørende" is a partner; "kommunar med mange eldre" a share of them
            return None if tok.low == "med" and nxt == k + 1 else nxt
    return None


_BEFORE_CUE, _ATTENTION_CUE, _EFFECT_CUE, _GOAL_CUE, _EFFORT_CUE, _ESPECIALLY_CUE, _AMONG_CUE, _BENEFIT_CUE, \
    _AFTER_CUE = (CaselessCue(p) for p in (_CUE_BEFORE, _CUE_ATTENTION, _CUE_EFFECT, _CUE_GOAL, _EFFORT,
                                            _CUE_ESPECIALLY, _CUE_AMONG, _CUE_BENEFIT, _CUE_AFTER))


def may_prioritise(text: str, sents: Sequence[Span],
                   words: Sequence[frozenset[str] | None] | None = None) -> list[Span]:
    """The sentences ``prioritised_groups`` may find a group in, in order: every other one holds
    none of the words any of its cues needs (``_ANY_WORDS``).

    Why: the step asks every sentence, and most hold none. The same answer as the filter's, with
    the sentence's words (``cue_filter.text_words``) looked up directly and its word starts
    ("målgrupp...") looked for once in the whole document's lower case. ``words`` are the
    sentences' ``text_words`` where the caller has them.
    """
    need = _ANY_WORDS.need
    if need is None:
        return list(sents)
    low = lowered(text)
    starts: list[int] | None = None
    if low is not None:
        starts = sorted(at for prefix in need.prefixes for at in _occurrences(low, prefix))
    out = []
    needed = need.words
    for k, sentence in enumerate(sents):
        held = text_words(sentence.text) if words is None else words[k]
        if held is None or starts is None or not needed.isdisjoint(held):
            out.append(sentence)
            continue
        if not starts:
            continue   # most texts: no word start anywhere
        first = bisect_left(starts, sentence.start)
        if first < len(starts) and starts[first] < sentence.end:
            out.append(sentence)   # a word start in it: the filter looks at its words
    return out


def _occurrences(text: str, needle: str) -> list[int]:
    out = []
    at = text.find(needle)
    while at >= 0:
        out.append(at)
        at = text.find(needle, at + 1)
    return out


def prioritised_groups(text: str, sentence: Span) -> list[Span]:
    """The groups ``sentence`` names as prioritised, targeted or to be strengthened."""
    words = sentence.text   # the cue filters look up the words of the sentence (``cue_filter``)
    if not _ANY_WORDS.may_match(words) or words.rstrip(" »\"").endswith("?"):
        return []   # most sentences: none of the words any cue needs; a question asks
    if not may_hold_group(text, sentence):
        return []   # every way to a group below ends in a phrase with a head: none can start here
    low = lowered(text)
    start, end = sentence.start, sentence.end
    cues = _BEFORE_CUE.finditer_lowered(text, low, start, end) if _BEFORE_WORDS.may_match(words) else []
    if _ATTENTION_WORDS.may_match(words):
        cues += _ATTENTION_CUE.finditer_lowered(text, low, start, end)
    if _EFFECT_WORDS.may_match(words):
        cues += _EFFECT_CUE.finditer_lowered(text, low, start, end)
    goals = _GOAL_CUE.finditer_lowered(text, low, start, end) if _GOAL_WORDS.may_match(words) else []
    if _ESPECIALLY_WORDS.may_match(words) and _EFFORT_WORDS.may_match(words) \
            and _EFFORT_CUE.found_in_lowered(text, low, start, end):
        cues += _ESPECIALLY_CUE.finditer_lowered(text, low, start, end)
        cues += _AMONG_CUE.finditer_lowered(text, low, start, end)
    # "gode" closes the frame "kome X til gode" (lower case inside a sentence)
    benefit = _BENEFIT_CUE.finditer_lowered(text, low, start, end) if "gode" in words else []
    cues_after = _AFTER_CUE.finditer_lowered(text, low, start, end) if _AFTER_WORDS.may_match(words) else []
    if not cues and not cues_after and not benefit and not goals:
        return []  # most sentences: no tokens made
    toks = _tokens(text, sentence)
    index = {t.start: n for n, t in enumerate(toks)}
    found: dict[int, Span] = {}
    for cue in cues:
        if not _taken_back(text, sentence, cue.start(), cue.end()):
            for group in _groups_after(text, toks, index.get(cue.end())):
                found.setdefault(group.start, group)
    for cue in benefit:
        n = index.get(cue.end())
        got = _group_at(text, toks, n, pronouns=True) if n is not None else None
        if got is not None and _TIL_GODE.match(text, got[0].end) \
                and not _taken_back(text, sentence, cue.start(), cue.end()):
            found.setdefault(got[0].start, got[0])
    for cue in goals:
        group = _goal_group(text, toks, index.get(cue.end()), cue.group(1).lower() == "at")
        if group is not None and not _taken_back(text, sentence, cue.start(), cue.end()):
            found.setdefault(group.start, group)
    for cue in cues_after:
        for group in _groups_ending_at(text, toks, cue.start()):
            if not _taken_back(text, sentence, group.end, cue.end()):
                found.setdefault(group.start, group)
    return [found[k] for k in sorted(found)]


def _goal_group(text: str, toks: list[_Tok], n: int | None, subject: bool) -> Span | None:
    """The group a goal is about: the subject of "at" before a modal ("at eldre skal ..."), or
    the object of the verb after "å" with a possessive after it ("å redusere unge sine ...").
    A group of everyone ("alle innbyggjarar") is universal, not prioritised."""
    if n is None:
        return None
    if not subject:
        n += 1   # the verb of the goal
    elif n < len(toks) and toks[n].low in ("flere", "fleire"):
        n += 1   # "at flere eldre skal ...": the group is the head phrase
    if n >= len(toks) or toks[n].low == "alle":
        return None
    got = _group_at(text, toks, n, pronouns=False)
    if got is None or got[1] >= len(toks):
        return None
    after = got[1] + 1 if toks[got[1]].text == "," and subject else got[1]   # "ungdom som ..., skal"
    if after >= len(toks) or toks[after].low not in (_GOAL_MODALS if subject else _POSSESSIVES):
        return None
    # "kvinner og menn", "pasientar og brukarar": general heads together name everyone
    words = [t.low for t in toks[n:got[1]]]
    return None if all(w in _GENERIC_HEADS or w in _COORDINATORS for w in words) else got[0]


def _groups_after(text: str, toks: list[_Tok], n: int | None) -> list[Span]:
    """The group phrase (or enumeration of them) that starts at token ``n``, or after a bridge."""
    out: list[Span] = []
    if n is None or n >= len(toks):
        return out
    got = _group_at(text, toks, n, pronouns=True)
    if got is None:
        bridge = _bridged(toks, n)
        got = _group_at(text, toks, bridge, pronouns=False) if bridge is not None else None
    while got is not None:
        out.append(got[0])
        # "særlig blant barn og unge, eldre og ...": an enumeration after one cue.
        n = got[1] + 1 if got[1] < len(toks) and toks[got[1]].low in {",", *_COORDINATORS} else None
        got = _group_at(text, toks, n, pronouns=True) if n is not None and n < len(toks) else None
    return out


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
    # the tokens of that stretch are these (it starts and ends at a token's edge)
    run = phrases_in(text, toks[first:last + 1])
    if not run or run[-1].end != toks[last].end:
        return []
    return run
