"""The sentence rules in their order: each predicate's rules (``documents.py``, ``bodies.py``) run on
one cue sentence (``sentence.py``). Negated and hypothetical statements give nothing
(``modality.py``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from healthplan_kg.extract.casefree import CaselessCue, lowered
from healthplan_kg.extract.relations import (
    anaphora,
    apposition,
    commissioned,
    cues,
    inversion,
    owners,
    steering,
    together,
    units,
    we,
)
from healthplan_kg.extract.relations.bodies import assignments, collaborates, publishes_and_announces
from healthplan_kg.extract.relations.documents import follows_up, incorporated, part_of, replaces, revises, seen_with
from healthplan_kg.extract.relations.ends import (
    DOCUMENTISH,
    EndFinder,
    Resolved,
)
from healthplan_kg.extract.relations.sentence import CueSentence, RelationContext
from healthplan_kg.model import EntityRef, Relation, Span

#: Words that make a sentence worth the context rules although no cue verb is in it: a steering
#: noun, "sammen med", "ifølge", goals one body sets another (and a unit of an organisation named).
_CONTEXT_GATE = CaselessCue(re.compile("|".join(f"(?:{p.pattern})" for p in (
    steering.STEERING_NOUN, together.TOGETHER, commissioned.ACCORDING, commissioned.GOALS_SET)), re.IGNORECASE))


def extract_relations(sentence: Span, mentions: list[Resolved], context: RelationContext, ends: EndFinder,
                      bullets: Sequence[Span] = ()) -> list[Relation]:
    """Relations one sentence states. ``bullets`` are the list items under it, when it ends in a
    colon; ``ends`` resolves items and mints ends no mention names."""
    mentions = anaphora.reresolved(apposition.by_identifier(sentence, mentions), context)
    previous_opening = context.previous_opening
    context.previous_opening = _opening_document(sentence, mentions)
    carried = steering.handed_on(sentence, mentions, context)
    owned = owners.owned(sentence, mentions, previous_opening)
    units.remember_units(mentions, context)
    low = lowered(sentence.text)
    actor = context.last_actor
    context.last_actor = _opening_body(sentence, mentions) or actor
    if not cues.HAS_CUE.found_in_lowered(sentence.text, low) and \
            not _CONTEXT_GATE.found_in_lowered(sentence.text, low) and \
            not units.names_a_unit(mentions):
        return carried + owned
    s = CueSentence(sentence, mentions, ends, bullets, previous_opening)
    s.out.extend(carried)
    context.last_actor, opened = actor, context.last_actor
    follows_up(s)
    replaces(s)
    revises(s)
    seen_with(s)
    part_of(s)
    assignments(s, context)
    collaborates(s)
    publishes_and_announces(s, context)
    incorporated(s)
    steering.steering_documents(s, context)
    units.units_of(s, context)
    units.member_of(s, context)
    together.together(s, context)
    commissioned.according_to(s)
    commissioned.goals_set(s)
    commissioned.work_of_last_actor(s, context)
    we.we_the_government(s, context)
    inversion.inverted_replaces(s)
    inversion.inverted_publishes(s)
    inversion.fronted_together(s)
    context.last_actor = opened
    # A possessive owner issues its document, unless the sentence says it presented it.
    stated = {(r.subject, r.object) for r in s.out}
    return s.out + [r for r in owned if (r.subject, r.object) not in stated]


def _opening_document(sentence: Span, mentions: list[Resolved]) -> EntityRef | None:
    """The document a sentence opens with (its subject, in a main clause that starts with it)."""
    first = next((m for m in mentions if m.entity.kind in DOCUMENTISH), None)
    if first is None or len(sentence.text[:first.span.start - sentence.start].split()) > 1:
        return None
    return first.entity


def _opening_body(sentence: Span, mentions: list[Resolved]) -> EntityRef | None:
    """The body a sentence opens with as its subject ("Helsedirektoratet har ...")."""
    first = next((m for m in mentions if m.entity.kind in ("Organisation", "Commission")), None)
    if first is None or sentence.text[:first.span.start - sentence.start].strip(" •*-–"):
        return None
    return first.entity
