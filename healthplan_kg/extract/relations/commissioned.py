"""Assignments stated through a source or through the work itself, not with the giver as subject.

- "ifølge X": "Kommisjonen får ifølge departementet i oppgave å ...", "Ifølge X får Y i oppdrag å ..."
  name the giver of the task after "ifølge"/"ifølgje".
- The work of the body last acting: "Helsedirektoratet har utarbeidet nye råd. ... Arbeidet er gjort
  på oppdrag fra X og i samarbeid med Y": the work is that body's, so X gave it the task and it
  worked with Y (X is the giver, never a partner).
- Goals set for a body: "Departementet har sett to hovudmål, som Helse Sør-Aust RHF skal
  arbeide mot" — the setter gives the body the task of meeting them.
"""

from __future__ import annotations

import re

from healthplan_kg.extract.casefree import CaselessCue
from healthplan_kg.extract.relations import cues
from healthplan_kg.extract.relations.ends import BODIES
from healthplan_kg.extract.relations.modality import asserted
from healthplan_kg.extract.relations.sentence import CueSentence, RelationContext, acts_on

ACCORDING = re.compile(r"\b(?:ifølge|ifølgje|i\s+følge)\s+", re.IGNORECASE)
TASKED = cues.TASKED
#: A sentence about the work itself: "Arbeidet er gjort ...", "Rapporten er laga ...".
_WORK_OPENING = re.compile(r"\s*(?:arbeidet|dette\s+arbeidet|rapporten|oppdraget|prosjektet|evalueringen|"
                           r"evalueringa|kartleggingen|kartlegginga|rådene|råda|veilederen|rettleiaren)\s+"
                           r"(?:er|blir|ble|vart|vert|blei|har\s+vore|har\s+vært)\s+(?:\w+\s+)?"
                           r"(?:gjort|gjennomført|gjennomførd|utført|laget|laga|utarbeidet|utarbeidd|skrevet|skrive)\b",
                           re.IGNORECASE)


@acts_on(TASKED)
def according_to(s: CueSentence) -> None:
    """A task whose giver is named after "ifølge"."""
    if not _HAS_ACCORDING.found_in_lowered(s.text, s.low):
        return
    sources = list(ACCORDING.finditer(s.text))
    for m in TASKED.finditer(s.text):
        if not asserted(s.text, m.start(), m.end()):
            continue
        issuer = None
        for src in sources:
            named = s.after(src.end(), BODIES, src.end() + 2)
            if named:
                issuer = named[0]
        if issuer is None:
            continue
        before = [b for b in s.before(m.start(), BODIES) if b.entity != issuer.entity]
        inside = [b for b in s.mentions if s.base + m.start("between") <= b.span.start < s.base + m.end("between")
                  and b.entity.kind in BODIES and b.entity != issuer.entity]
        assignee = before[-1] if before else (inside[0] if inside else None)
        if assignee is not None:
            s.add("assigns_task_to", issuer.entity, assignee.entity)


@acts_on(cues.MANDATE_BY, cues.COLLABORATES)
def work_of_last_actor(s: CueSentence, context: RelationContext) -> None:
    """"Arbeidet er gjort på oppdrag fra X og i samarbeid med Y": the last acting body's work."""
    actor = context.last_actor
    if actor is None or not _WORK_OPENING.match(s.text):
        return
    issuers = []
    for m in s.each(cues.MANDATE_BY):
        found = s.after(m.end(), BODIES, m.end() + 2)
        if found and found[0].entity != actor:
            issuers.append(found[0].entity)
            s.add("assigns_task_to", found[0].entity, actor)
    # The giver of the task is not a partner ("på oppdrag fra X og i samarbeid med Y").
    s.out[:] = [r for r in s.out if not (r.predicate == "collaborates_with" and r.subject in issuers)]
    for m in s.each(cues.COLLABORATES):
        if "mellom" in m.group(0).lower():
            continue
        for partner in s.after(m.end(), BODIES, m.end() + 2):
            s.add("collaborates_with", actor, partner.entity)


#: Goals or requirements one body sets for another: "Departementet har sett to hovudmål, som Helse
#: Sør-Aust RHF skal arbeide mot", "Departementet har satt klare krav til Helsedirektoratet".
GOALS_SET = cues.GOALS_SET
_FOR_WHOM = re.compile(r"\s*,?\s*(?:som|for|til)\s+", re.IGNORECASE)


@acts_on(GOALS_SET)
def goals_set(s: CueSentence) -> None:
    """The body that sets goals or requirements gives a task to the body named to meet them."""
    if not _HAS_GOALS_SET.found_in_lowered(s.text, s.low):
        return
    for m in GOALS_SET.finditer(s.text):
        if not asserted(s.text, m.start(), m.end()):
            continue
        setters = s.before(m.start(), BODIES)
        link = _FOR_WHOM.match(s.text, m.end())
        if not setters or link is None:
            continue
        bound = s.after(link.end(), BODIES, link.end() + 2)
        if bound and bound[0].entity != setters[-1].entity:
            s.add("assigns_task_to", setters[-1].entity, bound[0].entity)


_HAS_ACCORDING = CaselessCue(ACCORDING)
_HAS_GOALS_SET = CaselessCue(GOALS_SET)
