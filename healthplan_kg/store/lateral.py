"""Run OPTIONAL as a nested loop in Oxigraph, by wrapping each ``OPTIONAL {…}`` in ``LATERAL {…}``.

Why: Oxigraph evaluates ``P OPTIONAL { X }`` as a hash join, so X is evaluated on its own, over
the whole store, whatever P bound. A saved query that looks up a label or an evidence selector for
each of its rows then costs the size of the store, not the size of its answer: at 1,000
documents a query for one entity's mentions read every mention of every entity.
``LATERAL { OPTIONAL { X } }`` (SPARQL 1.2 draft, SEP-0006, which Oxigraph implements) evaluates X
once per row of P with that row's bindings in place, which uses the indexes and gives the same
solutions for the well-designed patterns the saved queries are made of (every variable X shares
with the rest of the group is bound by P before the OPTIONAL).

The saved query files stay plain SPARQL 1.1, so any SPARQL server can run them; only the
embedded store rewrites, at the moment it runs a query, and only the project's own queries (saved
queries, validation, network), which the tests run both ways. A user's SPARQL through
``KnowledgeGraph.sparql`` runs as written unless they ask for the rewrite. A rewritten query the
engine refuses (LATERAL forbids re-binding, e.g. by VALUES, a variable bound on its left) runs
as written.
"""

from __future__ import annotations

import re

_KEYWORD = re.compile(r"OPTIONAL\s*\{", re.IGNORECASE)
_IRI = re.compile(r"<[^<>\"{}|^`\\\s]*>")
_WORD_CHAR = re.compile(r"[A-Za-z0-9_:?$]")


def _skip_string(text: str, start: int) -> int:
    """The index just past the string literal that opens at ``start``."""
    quote = text[start]
    if text.startswith(quote * 3, start):
        end = start + 3
        while end < len(text):
            if text[end] == "\\":
                end += 2
                continue
            if text.startswith(quote * 3, end):
                return end + 3
            end += 1
        return len(text)
    end = start + 1
    while end < len(text):
        if text[end] == "\\":
            end += 2
            continue
        if text[end] == quote or text[end] == "\n":
            return end + 1
        end += 1
    return len(text)


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that are neither strings, IRIs nor comments (where keywords and braces
    mean something)."""
    spans: list[tuple[int, int]] = []
    start = index = 0
    while index < len(text):
        char = text[index]
        if char in "\"'":
            end = _skip_string(text, index)
        elif char == "#":
            newline = text.find("\n", index)
            end = len(text) if newline < 0 else newline
        elif char == "<" and (iri := _IRI.match(text, index)):
            end = iri.end()
        else:
            index += 1
            continue
        spans.append((start, index))
        start = index = end
    spans.append((start, len(text)))
    return spans


def _matching_brace(text: str, opening: int, code: list[tuple[int, int]]) -> int:
    """The index of the ``}`` that closes the ``{`` at ``opening``, counting only braces in code."""
    depth = 0
    for start, end in code:
        if end <= opening:
            continue
        for index in range(max(start, opening), end):
            if text[index] == "{":
                depth += 1
            elif text[index] == "}":
                depth -= 1
                if depth == 0:
                    return index
    raise ValueError("unbalanced braces in the query")


def lateral_optionals(sparql: str) -> str:
    """``sparql`` with every ``OPTIONAL { X }`` written as ``LATERAL { OPTIONAL { X } }``.

    Text inside strings, IRIs and comments is left alone; a query whose braces do not balance is
    returned unchanged, for the store to report its syntax error as it stands.
    """
    code = _code_spans(sparql)
    found: list[tuple[int, int]] = []   # (start of OPTIONAL, index of its closing brace)
    for start, end in code:
        for match in _KEYWORD.finditer(sparql, start, end):
            before = sparql[match.start() - 1] if match.start() > 0 else " "
            if _WORD_CHAR.match(before):
                continue
            try:
                found.append((match.start(), _matching_brace(sparql, match.end() - 1, code)))
            except ValueError:
                return sparql
    if not found:
        return sparql
    inserts: dict[int, list[str]] = {}
    for start, close in found:
        inserts.setdefault(start, []).append("LATERAL { ")
        inserts.setdefault(close + 1, []).insert(0, " }")
    pieces, previous = [], 0
    for position in sorted(inserts):
        pieces.append(sparql[previous:position])
        pieces.extend(inserts[position])
        previous = position
    pieces.append(sparql[previous:])
    return "".join(pieces)
