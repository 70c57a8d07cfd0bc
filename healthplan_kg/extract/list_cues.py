"""What a list holds, decided by the words that introduce it (both written standards).

An introduction ("Strategien har tre hovudgrep:", "Rapporten skal omfatte disse temaene:",
"Planen peikar ut tre brukargrupper som skal prioriterast:") names what follows: measures (main
grips, focus areas, goals, actions), themes of the document, or priority groups. Themes are
also what a document says it covers ("meldinga gir ein gjennomgang av ..., mellom anna:"), and
a sentence that ends in a colon after a goal or an action verb ("har desse måla for ...:",
"skal strategien bidra til:", "Kommunen vil innføre:") introduces goals or measures, and so does the
heading of a fact box about a plan ("Fakta om planen", "Kort om reforma"). Priority groups are
announced by "prioriterte grupper", "målgruppa er:", a verb of targeting or an adverb of
emphasis before a group noun and a colon ("Tiltaka rettar seg særleg mot desse gruppene:"), or
a heading that is the target-group noun alone ("Målgrupper"); a group of people at work
("arbeidsgruppa", "delt i tre grupper") announces none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from healthplan_kg.extract.casefree import CaselessCue, lowered
from healthplan_kg.extract.cue_filter import CueFilter, text_words
from healthplan_kg.model import Span

MEASURE_CUES = re.compile(
    r"\b(?:hoved|hovud)grep\w*|\btiltak\w*|\bsatsn?ings?område\w*|\binnsatsområde\w*|\btiltaksområde\w*|"
    r"\bfokusområde\w*|\bhoved(?:mål|trekk|prioritering)\w*|\bhovud(?:mål|trekk|prioritering)\w*|"
    r"\bprioriteringe[nr]\w*|\bprioriteringa\w*|\bgrep\b|\bmålsetting\w*|\bmålsetjing\w*|"
    r"\bstrategiske\s+mål\w*|\bovergripande\s+mål|\boverordn(?:ede|a|a)\s+mål\w*", re.IGNORECASE)
THEME_CUES = re.compile(r"\btema(?:er|ene|a|et|ne|område\w*)?\b|\bemne(?:r|ne)?\b", re.IGNORECASE)
# "prioriterte grupper", "grupper som ... bør prioriteres" (in the same clause).
GROUP_CUES = re.compile(r"\bprioriter\w*\s+(?:\w+\s+)?(?:pasient|brukar|bruker|mål)?grupp\w*|"
                        r"\b(?:pasient|brukar|bruker)?grupp\w*\s+som\s+(?:[^\s.;:]+\s+){0,10}?"
                        r"(?:skal\s+|bør\s+|må\s+)?(?:\w+\s+)?prioriter\w*", re.IGNORECASE)
_TARGET_GROUP = re.compile(r"\b(?:hoved|hovud|primær)?målgrupp\w*", re.IGNORECASE)
#: Groups a verb of targeting or an adverb of emphasis points at ("Tiltaka rettar seg særleg mot
#: desse gruppene:", "Tilbodet er særleg viktig for følgjande pasientgrupper:"): a colon follows.
_GROUP_NOUN = r"(?:pasient|brukar|bruker|befolknings|person|risiko|mål)?grupp(?:e|ene|er|a|ane|ar|ene)\b"
TARGETED_GROUPS = re.compile(
    r"\b(?:(?:inn|mål)?rett\w*(?:\s+seg)?|spiss\w*(?:\s+seg)?)\s+(?:[\w-]+\s+){0,3}?mot\s+(?:[\w-]+\s+){0,2}?"
    + _GROUP_NOUN + r"|\b(?:særlig|særleg|spesielt|især)\s+(?:[\w-]+\s+){0,4}?" + _GROUP_NOUN, re.IGNORECASE)
#: A heading that names the target groups alone ("Målgrupper", "Hovudmålgruppe").
_TARGET_HEADING = re.compile(r"^\s*(?:hoved|hovud|primær)?målgrupp(?:e|ene|er|a|ane|ar)?\s*:?\s*$",
                             re.IGNORECASE)
#: Before a colon only: goals ("følgjande mål", "måla er"), "skal ... bidra til", action verbs.
COLON_MEASURE_CUES = re.compile(
    r"\bmål(?:a|ene|et)?\b|\bskal\b.*\bbidra\s+til\s*:\s*$|"
    r"\b(?:vil|skal|ønsker|ønskjer|foreslår|føreslår)\s+(?:\w+\s+){0,2}?"
    r"(?:innføre|innføra|etablere|etablera|gjennomføre|gjennomføra|foreslå|føreslå|prioritere|"
    r"prioritera|styrke|styrkje|satse\s+på)?\s*:\s*$", re.IGNORECASE)
#: A document and what it covers ("meldingen omfatter", "planen tek for seg", "gjennomgang av").
SCOPE_CUES = re.compile(
    r"\b(?:meldingen|meldinga|planen|strategien|strategia|rapporten|utredningen|utgreiinga|"
    r"proposisjonen|dokumentet|veilederen|rettleiaren|handlingsplanen|høringsnotatet)\b.*"
    r"\b(?:omfatte\w*|omfatta\w*|handle\w*\s+om|handla\w*\s+om|ta\w*\s+for\s+seg|tek\s+for\s+seg|"
    r"gjennomgang\w*\s+av|drøft\w*|omtal\w*|ta\w*\s+opp|tek\s+opp|ser\s+(?:nærmere\s+|nærare\s+)?på)\b"
    r"|\b(?:gjennomgang\w*|drøfting\w*|omtale)\s+av\b.*\bi\s+(?:meldingen|meldinga|planen|strategien|rapporten)\b"
    r"|\bi\s+(?:meldingen|meldinga|planen|strategien|rapporten)\b.*\b(?:gjennomgang\w*|drøfting\w*|omtale)\s+av\b",
    re.IGNORECASE)

#: The heading of a fact box about a plan's content ("Fakta om planen", "Dette er reforma").
FACT_BOX_CUES = re.compile(
    r"^(?:fakta|faktaboks|kort om|hovedpunkter(?:ne)?\s+i|hovudpunkt(?:a)?\s+i|dette er|det viktigste i|"
    r"innhold(?:et)?\s+i|innhaldet\s+i)\b.*\b(?:plan\w*|meld\w*|strategi\w*|reform\w*|satsing\w*|"
    r"proposisjon\w*|avtale\w*|opptrappingsplan\w*)\b", re.IGNORECASE)
_FACT_BOX_WORDS = 8

#: Stems (lower case) one of which every cue above holds; the colon stands for the cues asked only
#: of an introduction that ends in one.
_CUE_STEMS = ("grep", "tiltak", "satsing", "satsning", "innsats", "område", "mål", "prior", "tema", "emne",
              "trekk", "fokus", ":")
_ANY_CUE_STEM = re.compile("|".join(_CUE_STEMS), re.IGNORECASE)
_HAS_CUE_STEM = CaselessCue(_ANY_CUE_STEM)
#: The cue patterns asked as "is it there" in lower-cased text (``casefree``): the same answers,
#: several times faster than the case-insensitive searches, on nearly every sentence of a text.
_FACT_BOX, _GROUP, _TARGET, _TARGETED, _THEME, _MEASURE, _SCOPE, _COLON_MEASURE = (CaselessCue(p) for p in (
    FACT_BOX_CUES, GROUP_CUES, _TARGET_GROUP, TARGETED_GROUPS, THEME_CUES, MEASURE_CUES, SCOPE_CUES,
    COLON_MEASURE_CUES))


@lru_cache(maxsize=4096)
def classify(intro: str) -> str | None:
    """What a list introduced by ``intro`` holds: measures, themes, priority groups, or None."""
    if _fact_box_heading(intro):
        return "measures"
    low = lowered(intro)
    if not _HAS_CUE_STEM.found_in_lowered(intro, low):
        return None
    if _GROUP.found_in_lowered(intro, low) or _TARGET_HEADING.match(intro) or (intro.rstrip().endswith(":") and (
            _TARGET.found_in_lowered(intro, low) or _TARGETED.found_in_lowered(intro, low))):
        return "priority_groups"
    if _THEME.found_in_lowered(intro, low):
        return "themes"
    if _MEASURE.found_in_lowered(intro, low):
        return "measures"
    if intro.rstrip().endswith(":"):
        if _SCOPE.found_in_lowered(intro, low):
            return "themes"
        if _COLON_MEASURE.found_in_lowered(intro, low):
            return "measures"
    return None


def _fact_box_heading(intro: str) -> bool:
    """A short heading without a full stop that names a fact box about a plan ("Fakta om planen").
    Most sentences end in a full stop: that is asked first."""
    return not intro.rstrip().endswith(".") and len(intro.split()) <= _FACT_BOX_WORDS \
        and _FACT_BOX.found_in(intro.strip())


#: The cue stems made of letters: each stands inside one word of a text's lower case.
_WORD_STEMS = tuple(stem for stem in _CUE_STEMS if stem.isalpha())
_WORD_STEM = re.compile("|".join(_WORD_STEMS))
#: Words seen that hold a stem, and words seen that hold none (each word tested once; both
#: emptied when they grow past ``_MAX_KNOWN_WORDS``).
_STEM_WORDS: set[str] = set()
_PLAIN_WORDS: set[str] = set()
_MAX_KNOWN_WORDS = 200_000
#: The words a fact box heading cannot be without (``cue_filter``).
_FACT_BOX_FILTER = CueFilter(FACT_BOX_CUES)


def _holds_stem(words: frozenset[str]) -> bool:
    """Whether one of ``words`` (lower case) holds a stem of ``_WORD_STEMS``.

    Why: asked of every sentence of every text, and nearly every word has been seen before: two
    set operations answer most sentences; only words not seen yet are looked through.
    """
    if not words.isdisjoint(_STEM_WORDS):
        return True
    if words <= _PLAIN_WORDS:
        return False
    if len(_STEM_WORDS) + len(_PLAIN_WORDS) > _MAX_KNOWN_WORDS:
        _STEM_WORDS.clear()
        _PLAIN_WORDS.clear()
    unknown = words - _PLAIN_WORDS
    # (the words not seen yet, looked through at once: a stem of letters never spans the space)
    if _WORD_STEM.search(" ".join(unknown)) is None:
        _PLAIN_WORDS.update(unknown)
        return False
    for word in unknown:
        (_PLAIN_WORDS if _WORD_STEM.search(word) is None else _STEM_WORDS).add(word)
    return True


def cue_sentences(text: str, sents: Sequence[Span],
                  words: Sequence[frozenset[str] | None] | None = None) -> list[int]:
    """The indices of the sentences that ``classify`` may give a kind, in order.

    Why: the list steps ask ``classify`` of every sentence, and most sentences hold none of the
    cue stems it needs before anything else (``_HAS_CUE_STEM``): only the sentences that hold
    one, or are a fact box heading, are asked. Every other sentence, and every part of it
    (a sentence holding no colon has no part before one), ``classify`` gives None.
    A stem is a colon or a run of letters, which stands inside one word of the sentence's lower
    case: the sentence's words (``cue_filter.text_words``, made once per sentence for every
    step's cue filters) are asked (``_holds_stem``), not its text; so are the words a fact box
    heading needs (``_FACT_BOX_FILTER``). ``words`` are the sentences' ``text_words`` where the
    caller has them.
    """
    out = []
    for k, sentence in enumerate(sents):
        intro = sentence.text
        held = text_words(intro) if words is None else words[k]
        # (most sentences end in a full stop, which no fact box heading does: asked before the rest)
        if held is None or ":" in intro or _holds_stem(held) or (
                not intro.rstrip().endswith(".") and _FACT_BOX_FILTER.may_match(intro)
                and _fact_box_heading(intro)):
            out.append(k)
    return out
