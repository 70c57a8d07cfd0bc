"""Whether a cue states a fact: negated and hypothetical statements are not relations.

"Planen er ikke fulgt opp", "meldinga følgjer ikkje opp utgreiinga", "departementet kan be
direktoratet om å ...", "dersom strategien erstatter ...", "bør vurdere å se planen i sammenheng
med ..." and questions state no relation. Statements of intent ("skal", "vil") do: a government
that says it will present a plan has announced it. The test looks at the clause the cue stands
in (from the last clause boundary before it to the word after it), because a negation in another
clause of the sentence ("men", a comma) says nothing about this one.
"""

from __future__ import annotations

import re

from healthplan_kg.extract.casefree import lowered
from healthplan_kg.extract.cue_filter import CueFilter, text_words

_NEGATION = re.compile(r"\b(?:ikke|ikkje|aldri|verken|korkje|ingen|inga|intet|inkje)\b", re.IGNORECASE)
_HYPOTHETICAL = re.compile(r"\b(?:kan|kunne|kanskje|muligens|moglegvis|eventuelt|bør|burde|vurdere|vurderer|"
                           r"vurderar|ville)\b", re.IGNORECASE)
_CONDITION = re.compile(r"\b(?:dersom|hvis|viss|i\s+tilfelle|forutsatt\s+at|føresett\s+at)\b",
                        re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:–—]\s|\s(?:men|mens|medan)\s", re.IGNORECASE)
_NEXT_WORD = re.compile(r"\s*\S+")
#: Two word characters: a word running on across a position.
_RUNS_ON = re.compile(r"\w\w")


def _lower_case(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern without IGNORECASE. Its letters are all lower case (ASCII and æøå), so in the
    lower-cased sentence (``casefree.lowered``: one character for one) it finds what the pattern
    finds in the sentence, at the same places, several times faster."""
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


_CLAUSE_BREAK_LOW = _lower_case(_CLAUSE_BREAK)
_NEGATION_LOW = _lower_case(_NEGATION)
_HYPOTHETICAL_LOW = _lower_case(_HYPOTHETICAL)
_CONDITION_LOW = _lower_case(_CONDITION)
#: The words a negation or hedge cannot be found without, and those of a condition (``cue_filter``):
#: most sentences hold none of them, and their words are known already.
_DOUBT = CueFilter(_NEGATION, _HYPOTHETICAL).need
_IF = CueFilter(_CONDITION).need


def asserted(text: str, start: int, end: int) -> bool:
    """Whether the cue at ``text[start:end]`` (a sentence) is stated as a fact."""
    if text.rstrip().endswith("?"):
        return False
    low = lowered(text)
    words = text_words(text) if low is not None else None
    if low is None or words is None:
        return _asserted(text, start, end)
    # The clause is bounded by spaces (or the sentence's ends), so a word found in it is a word
    # of the sentence: where the sentence holds no negation or hedge, neither does the clause.
    if _DOUBT is None or _DOUBT.met_by(words):
        clause_start = 0
        for m in _CLAUSE_BREAK_LOW.finditer(low, 0, start):
            clause_start = m.end()
        after = _NEXT_WORD.match(low, end)
        clause = low[clause_start:after.end() if after else end]
        if _NEGATION_LOW.search(clause) or _HYPOTHETICAL_LOW.search(clause):
            return False
    # Before ``start`` the words are the sentence's, unless a word runs on across ``start``.
    if _IF is not None and not _IF.met_by(words) and not (start > 0 and _RUNS_ON.match(low, start - 1)):
        return True
    return not _CONDITION_LOW.search(low, 0, start)


def _asserted(text: str, start: int, end: int) -> bool:
    """``asserted`` for a sentence that does not lower-case character for character."""
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)]
    clause_start = breaks[-1] if breaks else 0
    after = _NEXT_WORD.match(text, end)
    clause_end = after.end() if after else end
    clause = text[clause_start:clause_end]
    if _NEGATION.search(clause) or _HYPOTHETICAL.search(clause):
        return False
    return not _CONDITION.search(text, 0, start)
