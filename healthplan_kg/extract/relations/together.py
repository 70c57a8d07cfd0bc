"""Working "sammen med"/"saman med" another body is collaboration: "Helse Førde har laga planen
saman med Høgskulen på Vestlandet", "Kreftforeningen har sammen med Kreftregisteret gitt innspill".

The partners are the bodies listed right after the phrase ("sammen med A og B"); the other side is
the body before it in the same clause, else a unit the sentence opens with ("Senteret skal
arbeide saman med ..."). Documents "sett sammen med" each other are the business of
``documents.seen_with``; a person alongside a body is not a collaboration between bodies.
"""

from __future__ import annotations

import re

from healthplan_kg.extract.casefree import CaselessCue
from healthplan_kg.extract.relations import cues
from healthplan_kg.extract.relations.ends import BODIES, Resolved
from healthplan_kg.extract.relations.modality import asserted
from healthplan_kg.extract.relations.sentence import CueSentence, RelationContext, acts_on
from healthplan_kg.extract.relations.units import unit_named

TOGETHER = cues.TOGETHER
#: Between the body and the phrase, no new clause ("X, som samarbeider ..." is ``collaborates``).
_NEW_CLAUSE = re.compile(r"\b(?:som|at|der|fordi|men|når|da|og)\b|[.;:]", re.IGNORECASE)
_HAS_TOGETHER = CaselessCue(TOGETHER)
_JOIN = re.compile(r"\s*(?:,|og|samt)\s*(?:og\s+)?", re.IGNORECASE)


@acts_on(TOGETHER)
def together(s: CueSentence, context: RelationContext) -> None:
    if not _HAS_TOGETHER.found_in_lowered(s.text, s.low):
        return
    for m in TOGETHER.finditer(s.text):
        if not asserted(s.text, m.start(), m.end()):
            continue
        partners = _listed_bodies(s, m.end())
        if not partners:
            continue
        before = [b for b in s.before(m.start(), BODIES)
                  if not _NEW_CLAUSE.search(s.text[b.span.end - s.base:m.start()])]
        subject = before[-1].entity if before else unit_named(s.text, context)
        if subject is None:
            continue
        for partner in partners:
            s.add("collaborates_with", subject, partner.entity)


def _listed_bodies(s: CueSentence, rel: int) -> list[Resolved]:
    """The bodies of "A, B og C" starting at ``rel``: each right after the one before it."""
    out: list[Resolved] = []
    pos = s.base + rel
    for body in sorted((b for b in s.mentions if b.span.start >= pos), key=lambda b: b.span.start):
        gap = s.text[pos - s.base:body.span.start - s.base]
        if out and not _JOIN.fullmatch(gap) or not out and gap.strip():
            break
        if body.entity.kind not in BODIES:
            break
        out.append(body)
        pos = body.span.end
    return out
