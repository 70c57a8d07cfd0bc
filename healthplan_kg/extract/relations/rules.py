"""The sentence rules in their order: each predicate's rules (``documents.py``, ``bodies.py``) run on
one cue sentence (``sentence.py``). Negated and hypothetical statements give nothing
(``modality.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

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
    BODIES,
    DOCUMENTISH,
    EndFinder,
    Resolved,
)
from healthplan_kg.extract.relations.sentence import ACTS_ON, CueSentence, RelationContext
from healthplan_kg.model import EntityRef, Relation, Span

#: The rules in their order, each with whether it borrows from (and lends to) the sentences around
#: it. Each acts only on the cue patterns it is marked with (``sentence.acts_on``), except
#: ``units_of``, which acts on the units a sentence names.
_RULES: tuple[tuple[Callable[..., None], bool], ...] = (
    (follows_up, False), (replaces, False), (revises, False), (seen_with, False), (part_of, False),
    (assignments, True), (collaborates, False), (publishes_and_announces, True), (incorporated, False),
    (steering.steering_documents, True), (units.units_of, True), (units.member_of, True),
    (together.together, True), (commissioned.according_to, False), (commissioned.goals_set, False),
    (commissioned.work_of_last_actor, True), (we.we_the_government, True), (inversion.inverted_replaces, False),
    (inversion.inverted_publishes, False), (inversion.fronted_together, False))
_PATTERNS = cues.CUE_SET.patterns


@lru_cache(maxsize=1024)
def _due(found: frozenset[int], unit: bool) -> tuple[tuple[Callable[..., None], bool], ...]:
    """The rules worth running in a sentence where the patterns ``found`` (indices in
    ``cues.CUE_SET``) are found, and that names a unit of an organisation or not: a rule none of
    whose patterns is found adds nothing there."""
    due = []
    for rule, with_context in _RULES:
        if rule is units.units_of:
            if unit:
                due.append((rule, with_context))
        elif any(_PATTERNS.index(p) in found for p in ACTS_ON[rule]):
            due.append((rule, with_context))
    return tuple(due)


def extract_relations(sentence: Span, mentions: list[Resolved], context: RelationContext, ends: EndFinder,
                      bullets: Sequence[Span] = ()) -> list[Relation]:
    """Relations one sentence states. ``bullets`` are the list items under it, when it ends in a
    colon; ``ends`` resolves items and mints ends no mention names."""
    previous_opening = context.previous_opening
    actor = context.last_actor
    if mentions:
        # Each step below looks only at mentions of some kinds, and does nothing without them.
        kinds = {m.entity.kind for m in mentions}
        if "PolicyDocument" in kinds:
            mentions = apposition.by_identifier(sentence, mentions)
        if kinds.isdisjoint(DOCUMENTISH):
            anaphora.remember(context, [])
            context.previous_opening = None
        else:
            mentions = anaphora.reresolved(mentions, context)
            kinds = {m.entity.kind for m in mentions}   # a document taken up may be of another kind
            context.previous_opening = _opening_document(sentence, mentions)
        carried = steering.handed_on(sentence, mentions, context)
        organisation = "Organisation" in kinds
        owned = owners.owned(sentence, mentions, previous_opening) if organisation else []
        if organisation:
            units.remember_units(mentions, context)
        if not kinds.isdisjoint(BODIES):
            context.last_actor = _opening_body(sentence, mentions) or actor
        found = cues.CUE_SET.found_indices(sentence.text)
        due = _due(found, organisation and units.names_a_unit(mentions))
    else:
        # Most sentences name nothing: what the steps above come to then.
        anaphora.remember(context, [])
        context.previous_opening = None
        carried = steering.handed_on(sentence, mentions, context) if context.steering is not None else []
        found = cues.CUE_SET.found_indices(sentence.text)
        owned = []
        due = _due(found, False)
    if not due:
        return carried + owned
    s = CueSentence(sentence, mentions, ends, bullets, previous_opening, found=found)
    s.out.extend(carried)
    context.last_actor, opened = actor, context.last_actor
    for rule, with_context in due:
        if with_context:
            rule(s, context)
        else:
            rule(s)
    context.last_actor = opened
    if not owned:
        return s.out
    # A possessive owner issues its document, unless the sentence says it presented it.
    stated = {(r.subject, r.object) for r in s.out}
    return s.out + [r for r in owned if (r.subject, r.object) not in stated]


def _opening_document(sentence: Span, mentions: list[Resolved]) -> EntityRef | None:
    """The document a sentence opens with (its subject, in a main clause that starts with it)."""
    first = next((m for m in mentions if m.entity.kind in DOCUMENTISH), None)
    # more than one word before it (split no further than the second word)
    if first is None or len(sentence.text[:first.span.start - sentence.start].split(None, 1)) > 1:
        return None
    return first.entity


def _opening_body(sentence: Span, mentions: list[Resolved]) -> EntityRef | None:
    """The body a sentence opens with as its subject ("Helsedirektoratet har ...")."""
    first = next((m for m in mentions if m.entity.kind in ("Organisation", "Commission")), None)
    if first is None or sentence.text[:first.span.start - sentence.start].strip(" •*-–"):
        return None
    return first.entity
