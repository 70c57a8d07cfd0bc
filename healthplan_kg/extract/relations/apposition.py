"""A document's name with its official identifier in apposition: the identifier decides which
document the name stands for. "Folkehelsemeldinga (Meld. St. 19 (2018–2019))" is the 2019 white
paper, though the bare name "Folkehelsemeldinga" is linked to the newest white paper of that name.

A document mention followed by a comma or an opening parenthesis and a mention of another
document named by its identifier is re-resolved to that document, so a relation to the pair gives
one end, the one the identifier names.
"""

from __future__ import annotations

import re

from healthplan_kg.extract.relations.ends import Resolved
from healthplan_kg.model import Span

_BETWEEN = re.compile(r"\s*[,(]\s*|\s+[–-]\s+")


def by_identifier(sentence: Span, mentions: list[Resolved]) -> list[Resolved]:
    documents = [m for m in mentions if m.entity.kind == "PolicyDocument"]
    if len(documents) < 2:
        return mentions
    out = []
    for i, m in enumerate(mentions):
        if m.entity.kind == "PolicyDocument" and not _is_identifier(m):
            nxt = next((n for n in mentions[i + 1:] if n.span.start >= m.span.end), None)
            if nxt is not None and nxt.entity.kind == "PolicyDocument" and _is_identifier(nxt) \
                    and nxt.entity != m.entity \
                    and _BETWEEN.fullmatch(sentence.text[m.span.end - sentence.start:nxt.span.start - sentence.start]):
                m = Resolved(m.span, nxt.entity)
        out.append(m)
    return out


#: How an official identifier opens (white papers, NOUs, propositions, recommendations).
_IDENTIFIER = re.compile(r"(?:Meld\.\s?St\.|St\.\s?meld\.|NOU\s+\d|Prop\.|Innst\.)\s*\S")


def _is_identifier(m: Resolved) -> bool:
    """Whether the mention is a document's official identifier as written."""
    return bool(_IDENTIFIER.match(m.span.text))
