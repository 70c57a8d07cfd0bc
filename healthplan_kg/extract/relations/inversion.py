"""Verb-second word order: after a fronted adverbial the subject follows the finite verb.

"Nå erstatter Handlingsplan A Omsorgsplan 2020", "I 2030 utarbeidet Folkehelseinstituttet
Rapport B", "Sammen med KS har Helsedirektoratet laget C": nothing before the verb can be its
subject, so the name right after the verb is. Only where no subject stands before the cue (the
rules for the usual order have found nothing), and only with the subject right after the verb.
"""

from __future__ import annotations

import re

from healthplan_kg.extract.relations import cues
from healthplan_kg.extract.relations.ends import AGENTS, BODIES, DOCUMENTISH, Resolved
from healthplan_kg.extract.relations.sentence import CueSentence, acts_on
from healthplan_kg.extract.relations.together import TOGETHER

_FINITE_AUX = re.compile(r"\s*(?:har|hadde|skal|vil|kan|må|er|var|blir|vert)\s+", re.IGNORECASE)


def _right_after(s: CueSentence, rel: int, kinds: tuple[str, ...]) -> Resolved | None:
    return next((m for m in s.mentions if m.entity.kind in kinds and s.base + rel <= m.span.start <= s.base + rel + 1),
                None)


@acts_on(cues.REPLACES_ACTIVE)
def inverted_replaces(s: CueSentence) -> None:
    if any(r.predicate == "replaces" for r in s.out):
        return
    for m in s.each(cues.REPLACES_ACTIVE):
        if s.before(m.start(), DOCUMENTISH):
            continue
        subject = _right_after(s, m.end(), ("PolicyDocument", "Initiative"))
        if subject is None:
            continue
        old = _right_after(s, subject.span.end - s.base, DOCUMENTISH)
        if old is not None:
            s.add("replaces", subject.entity, old.entity)


@acts_on(cues.PUBLISHES)
def inverted_publishes(s: CueSentence) -> None:
    for m in s.each(cues.PUBLISHES):
        if s.before(m.start(), AGENTS) or re.match(r"\s+i\b", s.text[m.end():]):
            continue
        agent = _right_after(s, m.end(), BODIES)
        if agent is None:
            continue
        doc = s.document_after(agent.span.end - s.base)
        if doc is not None:
            s.add("publishes", agent.entity, doc.entity)


@acts_on(TOGETHER)
def fronted_together(s: CueSentence) -> None:
    """"Sammen med KS har Helsedirektoratet laget X": the partners open the sentence."""
    m = TOGETHER.match(s.text.lstrip())
    if m is None:
        return
    lead = len(s.text) - len(s.text.lstrip())
    partners = []
    pos = lead + m.end()
    while True:
        body = _right_after(s, pos, BODIES)
        if body is None:
            break
        partners.append(body)
        join = re.match(r"\s*(?:,|og|samt)\s*", s.text[body.span.end - s.base:])
        if join is None:
            pos = body.span.end - s.base
            break
        pos = body.span.end - s.base + join.end()
    aux = _FINITE_AUX.match(s.text, pos) if partners else None
    subject = _right_after(s, aux.end(), BODIES) if aux else None
    if subject is None:
        return
    for partner in partners:
        s.add("collaborates_with", subject.entity, partner.entity)
