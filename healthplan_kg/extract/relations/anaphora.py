"""A definite document noun that takes up the document just named: "Kommunene gjør seg nå
klare for Bo trygt hjemme-reformen. Reformen tar med seg det de har lært av ..." — "Reformen" is
the reform named a sentence before, not the text's main document.

A mention whose surface is a bare definite document noun ("Reformen", "Strategien") and whose
entity's name does not hold that noun is taken to be the last document of the last few sentences
whose name or surface holds it, when the entity is not of the noun's kind or the sentence names it
besides ("Reformen tar med seg det de har lært av Leve hele livet" cannot mean that Leve hele livet
learns from itself). The mention finder resolves such nouns to the text's main document; that is right when
the main document is what the noun names ("Meldinga" in a text about a white paper), and the test
above keeps it then.
"""

from __future__ import annotations

import re

from healthplan_kg.extract.relations.ends import DOCUMENTISH, Resolved
from healthplan_kg.extract.relations.sentence import NOUN_KINDS, RelationContext
from healthplan_kg.model import EntityRef

#: A bare definite document noun (the whole mention).
_BARE_NOUN = re.compile(r"(?:reformen|reforma|strategien|strategia|planen|meldingen|meldinga|rapporten|"
                        r"handlingsplanen|veilederen|rettleiaren)", re.IGNORECASE)
#: How many sentences back a document may be taken up from.
WINDOW = 3


def _stem(noun: str) -> str:
    return re.sub(r"(?:en|a)$", "", noun.lower())


def reresolved(mentions: list[Resolved], context: RelationContext) -> list[Resolved]:
    """The sentence's mentions, a definite noun re-resolved to the document it takes up; the
    documents named here are remembered for the sentences after."""
    if not any(m.entity.kind in DOCUMENTISH for m in mentions):
        remember(context, [])
        return mentions
    recent: list[tuple[str, EntityRef]] | None = None
    out = []
    named = []
    for m in mentions:
        if m.entity.kind in DOCUMENTISH:
            if not _BARE_NOUN.fullmatch(m.span.text):
                named.append((m.span.text, m.entity))
            else:
                if recent is None:
                    recent = [pair for sentence in context.recent_documents for pair in sentence]
                m = _taken_up(m, mentions, recent)
        out.append(m)
    remember(context, named)
    return out


def _taken_up(m: Resolved, mentions: list[Resolved], recent: list[tuple[str, EntityRef]]) -> Resolved:
    """A bare definite noun as the document it takes up, where its entity cannot be meant."""
    stem = _stem(m.span.text)
    kinds = next((k for head, k in NOUN_KINDS.items() if stem.endswith(head)), ())
    named_too = any(o is not m and o.entity == m.entity for o in mentions)
    if stem not in m.entity.label.lower() and (m.entity.sub_kind not in kinds or named_too):
        taken_up = next((entity for surface, entity in reversed(recent)
                         if stem in surface.lower() or stem in entity.label.lower()), None)
        if taken_up is not None:
            return Resolved(m.span, taken_up)
    return m


def remember(context: RelationContext, named: list[tuple[str, EntityRef]]) -> None:
    """Keep the documents one sentence named (surface, entity) for the ``WINDOW`` sentences after it."""
    recent = context.recent_documents
    if not named and len(recent) == WINDOW and not any(recent):
        return   # nothing named lately, nor now: the window stays as it is
    context.recent_documents = (recent + [named])[-WINDOW:]
