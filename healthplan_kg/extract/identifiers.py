"""Official Norwegian document identifiers, recognised and written the way the government does.

``Meld. St. 9 (2023–2024)``, ``NOU 2023: 4``, ``Prop. 121 S (2022–2023)``,
``St.meld. nr. 47 (2008–2009)``, ``Innst. 387 S (2023–2024)``: texts write them with varying
spaces, hyphens and dashes, and a white paper also written out ("Stortingsmelding 5 (2023-2024)");
the canonical form (en dash, single spaces) is what the graph stores
and what ``namespaces.document_iri`` turns into the node both texts meet in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from healthplan_kg.extract.anchored import finditer_at_word_start, without_leading_boundary
from healthplan_kg.extract.casefree import lower_case_twin, lowered
from healthplan_kg.model import Span

_DASH = r"\s*[-\u2010-\u2015\u2212/]\s*"
_SESSION = rf"\(\s*(\d{{4}}){_DASH}(\d{{4}})\s*\)"
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("white_paper", re.compile(rf"\bMeld\.\s*St\.\s*(\d+)\s*{_SESSION}")),
    ("white_paper", re.compile(rf"\bSt\.\s*meld\.\s*(?:nr\.\s*)?(\d+)\s*{_SESSION}")),
    ("nou", re.compile(r"\bNOU\s+(\d{4})\s*:\s*(\d+)\b")),
    ("proposition", re.compile(rf"\bProp\.\s*(\d+)\s*(LS|L|S)\s*{_SESSION}")),
    ("proposition", re.compile(rf"\bOt\.\s*prp\.\s*(?:nr\.\s*)?(\d+)\s*{_SESSION}")),
    ("other", re.compile(rf"\bInnst\.\s*(\d+)\s*(L|S)\s*{_SESSION}")),
    # Written out: "Stortingsmelding nr. 18 (2004-2005)", "stortingsmelding 34, 2012-2013".
    ("white_paper", re.compile(
        rf"\bstortingsmelding(?:a|en)?\s+(?:nr\.\s*)?(\d+)\s*(?:{_SESSION}|,\s*(\d{{4}}){_DASH}(\d{{4}})\b)",
        re.IGNORECASE)),
]
#: The session from which white papers are numbered "Meld. St." rather than "St.meld. nr.".
_MELD_ST_FROM = 2009
#: The same patterns searched by their literal start ("Meld.", "NOU"), the boundary tested after.
_SEARCHED = [(kind, without_leading_boundary(pattern)) for kind, pattern in PATTERNS]


#: Each pattern's lower-case twin: searched in the lower-cased text it finds the same matches, by
#: its literal start (with IGNORECASE the regex engine tries it at every position: most of the
#: identifiers' cost).
_LOWER_CASE_TWINS = [lower_case_twin(rest) for _, rest in _SEARCHED]


@dataclass(frozen=True)
class Identifier:
    identifier: str
    kind: str
    span: Span


def _canonical(kind_index: int, m: re.Match[str]) -> str:
    g = m.groups()
    if kind_index == 0:
        return f"Meld. St. {int(g[0])} ({g[1]}–{g[2]})"
    if kind_index == 1:
        return f"St.meld. nr. {int(g[0])} ({g[1]}–{g[2]})"
    if kind_index == 2:
        return f"NOU {g[0]}: {int(g[1])}"
    if kind_index == 3:
        return f"Prop. {int(g[0])} {g[1]} ({g[2]}–{g[3]})"
    if kind_index == 4:
        return f"Ot.prp. nr. {int(g[0])} ({g[1]}–{g[2]})"
    if kind_index == 5:
        return f"Innst. {int(g[0])} {g[1]} ({g[2]}–{g[3]})"
    first, second = (g[1], g[2]) if g[1] else (g[3], g[4])
    if int(first) >= _MELD_ST_FROM:
        return f"Meld. St. {int(g[0])} ({first}–{second})"
    return f"St.meld. nr. {int(g[0])} ({first}–{second})"


def find_identifiers(text: str) -> list[Identifier]:
    found = []
    low = lowered(text)     # same offsets; digits, spaces and word characters where they were
    for index, (kind, pattern) in enumerate(PATTERNS):
        rest, twin = _SEARCHED[index][1], _LOWER_CASE_TWINS[index]
        if twin is not None and low is not None:
            matches = finditer_at_word_start(twin, low)
        else:
            matches = finditer_at_word_start(rest, text) if rest is not None else pattern.finditer(text)
        for m in matches:
            # the text as written (a twin's match is in the lower-cased text; its groups are digits)
            found.append(Identifier(_canonical(index, m), kind, Span(m.start(), m.end(), text[m.start():m.end()])))
    return sorted(found, key=lambda i: i.span.start)


#: The ontology class each identifier's prefix names. The contract's ``ref_kind`` is coarser (a
#: Storting recommendation is "other"), so a document minted from an identifier takes its class
#: from here, not from its kind: an "Innst." is a ParliamentaryRecommendation, as its shape demands.
_CLASS_BY_PREFIX = (("Meld. St.", "WhitePaper"), ("St.meld.", "WhitePaper"), ("NOU ", "OfficialReport"),
                    ("Prop.", "Proposition"), ("Ot.prp.", "Proposition"), ("Innst.", "ParliamentaryRecommendation"))


def identifier_class(identifier: str | None) -> str | None:
    """The ontology class (local name) of the document a canonical identifier names, else None."""
    if not identifier:
        return None
    return next((cls for prefix, cls in _CLASS_BY_PREFIX if identifier.startswith(prefix)), None)


def canonical_identifier(text: str) -> str | None:
    """The canonical form of one identifier, or None if ``text`` is not one."""
    found = find_identifiers(text)
    return found[0].identifier if found else None
