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

_NEGATION = re.compile(r"\b(?:ikke|ikkje|aldri|verken|korkje|ingen|inga|intet|inkje)\b", re.IGNORECASE)
_HYPOTHETICAL = re.compile(r"\b(?:kan|kunne|kanskje|muligens|moglegvis|eventuelt|bør|burde|vurdere|vurderer|"
                           r"vurderar|ville)\b", re.IGNORECASE)
_CONDITION = re.compile(r"\b(?:dersom|hvis|viss|om\s+det|i\s+tilfelle|forutsatt\s+at|føresett\s+at)\b",
                        re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:–—]\s|\s(?:men|mens|medan)\s", re.IGNORECASE)
_NEXT_WORD = re.compile(r"\s*\S+")


def asserted(text: str, start: int, end: int) -> bool:
    """Whether the cue at ``text[start:end]`` (a sentence) is stated as a fact."""
    if text.rstrip().endswith("?"):
        return False
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)]
    clause_start = breaks[-1] if breaks else 0
    after = _NEXT_WORD.match(text, end)
    clause_end = after.end() if after else end
    clause = text[clause_start:clause_end]
    if _NEGATION.search(clause) or _HYPOTHETICAL.search(clause):
        return False
    return not _CONDITION.search(text, 0, start)
