"""A body's own document, stated with a possessive: "Helse Nords regionale utviklingsplan",
"Helsedirektoratets veileder", "Planen er Helse Midt-Norge RHFs viktigste strategi" — the body
issues the document (``publishes``).

The body's name in the genitive (ending in -s) stands right before the document's name. A
commission's genitive is left alone: "Koronakommisjonens rapport" is already the commission's
report, which the mention finder names through the commission.
"""

from __future__ import annotations

import re

from healthplan_kg.extract.relations.ends import DOCUMENTISH, Resolved
from healthplan_kg.model import EntityRef, Relation, Span

#: "Denne er Helse Nords førende strategi": a document said to be a body's (a pronoun or a
#: definite document noun as the subject, the body's genitive and a document noun after "er").
_IS_OWNED = re.compile(r"\s*(?:denne|dette|den|det|dei|desse|disse)\s+er\s+", re.IGNORECASE)
_DOCUMENT_NOUN = re.compile(r"\s+(?:[\wæøå-]+\s+){0,2}?[\wæøå-]*(?:strategi|plan|melding|rapport|veileder|"
                            r"rettleiar|utredning|utgreiing)\b", re.IGNORECASE)


def owned(sentence: Span, mentions: list[Resolved], previous_opening: EntityRef | None = None) -> list[Relation]:
    """The documents the sentence says are a body's own. ``previous_opening`` is the document the
    sentence before opened with, which "Denne er ..." takes up."""
    if not any(m.entity.kind == "Organisation" and m.span.text.endswith("s") for m in mentions):
        return []
    out = []
    said = _IS_OWNED.match(sentence.text)
    if said and previous_opening is not None and previous_opening.kind in DOCUMENTISH:
        owner = next((m for m in mentions if m.span.start == sentence.start + said.end()), None)
        if owner is not None and owner.entity.kind == "Organisation" and owner.span.text.endswith("s") \
                and _DOCUMENT_NOUN.match(sentence.text, owner.span.end - sentence.start):
            out.append(Relation("publishes", owner.entity, previous_opening, sentence))
    for owner in mentions:
        if owner.entity.kind != "Organisation" or not owner.span.text.endswith("s") \
                or owner.entity.label.endswith("s"):
            continue
        doc = next((m for m in mentions if m.entity.kind == "PolicyDocument"
                    and m.span.start == owner.span.end + 1
                    and sentence.text[owner.span.end - sentence.start] == " "), None)
        if doc is not None:
            out.append(Relation("publishes", owner.entity, doc.entity, sentence))
    return out
