"""The sentence rules in their order: each predicate's rules (``documents.py``, ``bodies.py``) run on
one cue sentence (``sentence.py``). Negated and hypothetical statements give nothing
(``modality.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

from healthplan_kg.extract.casefree import CaselessCue, lowered
from healthplan_kg.extract.relations import cues, steering
from healthplan_kg.extract.relations.bodies import assignments, collaborates, publishes_and_announces
from healthplan_kg.extract.relations.documents import follows_up, incorporated, part_of, replaces, revises, seen_with
from healthplan_kg.extract.relations.ends import (
    DOCUMENTISH,
    EndFinder,
    Resolved,
)
from healthplan_kg.extract.relations.sentence import CueSentence, RelationContext
from healthplan_kg.model import EntityRef, Relation, Span

#: A steering noun makes a sentence worth the rules although no cue verb is in it.
_STEERING = CaselessCue(steering.STEERING_NOUN)


def extract_relations(sentence: Span, mentions: list[Resolved], context: RelationContext, ends: EndFinder,
                      bullets: Sequence[Span] = ()) -> list[Relation]:
    """Relations one sentence states. ``bullets`` are the list items under it, when it ends in a
    colon; ``ends`` resolves items and mints ends no mention names."""
    previous_opening = context.previous_opening
    context.previous_opening = _opening_document(sentence, mentions)
    carried = steering.handed_on(sentence, mentions, context)
    low = lowered(sentence.text)
    if not cues.HAS_CUE.found_in_lowered(sentence.text, low) and not _STEERING.found_in_lowered(sentence.text, low):
        return carried
    s = CueSentence(sentence, mentions, ends, bullets, previous_opening)
    s.out.extend(carried)
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
    return s.out


def _opening_document(sentence: Span, mentions: list[Resolved]) -> EntityRef | None:
    """The document a sentence opens with (its subject, in a main clause that starts with it)."""
    first = next((m for m in mentions if m.entity.kind in DOCUMENTISH), None)
    if first is None or len(sentence.text[:first.span.start - sentence.start].split()) > 1:
        return None
    return first.entity
