"""Priority groups: noun phrases naming groups of people, and the cues that prioritise them.

A priority group is found by the grammar of the phrase, not by a list of known groups: a head
noun for people ("personer", "barn", "eldre", "pårørende", "innbyggjarar", a compound such as
"kreftpasienter" or "innvandrarkvinner"), or an adjective used as a noun for people, recognised
by its ending and by no noun following it ("rusavhengige", "langtidssjukmelde", "uføre");
adjectives before the head ("skrøpelige eldre"), a coordinated second head ("barn og unge") and
the modifiers after it: a prepositional phrase ("personar med langvarige og samansette behov",
"eldre over 65 år") or a relative clause ("ungdom som har falle ut av skulen"). A phrase stops
at a clause boundary: punctuation, a finite verb or subjunction, "for å", an article that opens
the verb's next object, "til gode"; a preposition left dangling at its end is dropped.

The phrase counts as prioritised when a cue puts it there, in both written standards:

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
def _adjectival(word: str) -> bool:
    """Whether ``word`` has the ending of an adjective used as a noun for people (a compound
    for the short endings that are verbs or adjectives alone: "løse", "melde")."""
    if not word.endswith(_ADJECTIVAL_ENDINGS) or not word.isalpha():
        return False
    ending = next(e for e in _ADJECTIVAL_ENDINGS if word.endswith(e))
    return len(word) >= len(ending) + (3 if ending in ("løse", "lause", "melde") else 0)


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
        if _head_at(toks, k):
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
_NEGATION = re.compile(r"\b(?:ikke|ikkje|aldri|ingen|inga|verken|korkje)\b(?!\s+(?:minst|bare|berre|berre))",
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


def prioritised_groups(text: str, sentence: Span) -> list[Span]:
    """The groups ``sentence`` names as prioritised, targeted or to be strengthened."""
    words = sentence.text   # the cue filters look up the words of the sentence (``cue_filter``)
    if not _ANY_WORDS.may_match(words) or words.rstrip(" »\"").endswith("?"):
        return []   # most sentences: none of the words any cue needs; a question asks
    cues = list(_CUE_BEFORE.finditer(text, sentence.start, sentence.end)) if _BEFORE_WORDS.may_match(words) else []
    if _ATTENTION_WORDS.may_match(words):
        cues += _CUE_ATTENTION.finditer(text, sentence.start, sentence.end)
    if _EFFECT_WORDS.may_match(words):
        cues += _CUE_EFFECT.finditer(text, sentence.start, sentence.end)
    goals = list(_CUE_GOAL.finditer(text, sentence.start, sentence.end)) if _GOAL_WORDS.may_match(words) else []
    if _ESPECIALLY_WORDS.may_match(words) and _EFFORT_WORDS.may_match(words) \
            and _EFFORT.search(text, sentence.start, sentence.end):
        cues += _CUE_ESPECIALLY.finditer(text, sentence.start, sentence.end)
        cues += _CUE_AMONG.finditer(text, sentence.start, sentence.end)
    # "gode" closes the frame "kome X til gode" (lower case inside a sentence)
    benefit = list(_CUE_BENEFIT.finditer(text, sentence.start, sentence.end)) if "gode" in words else []
    cues_after = list(_CUE_AFTER.finditer(text, sentence.start, sentence.end)) \
        if _AFTER_WORDS.may_match(words) else []
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
