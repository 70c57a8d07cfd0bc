"""A body's own document, stated with a possessive: "Helse Nords regionale utviklingsplan",
"Helsedirektoratets veileder" — the body issues the document (``publishes``).

The body's name in the genitive (ending in -s) stands right before the document's name. A
commission's genitive is left alone: "Koronakommisjonens rapport" is already the commission's
report, which the mention finder names through the commission.
"""

from __future__ import annotations

from healthplan_kg.extract.relations.ends import Resolved
from healthplan_kg.model import Relation, Span


def owned(sentence: Span, mentions: list[Resolved]) -> list[Relation]:
    out = []
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
