"""Run OPTIONAL as a nested loop in Oxigraph, by wrapping each ``OPTIONAL {…}`` in ``LATERAL {…}``.

Why: Oxigraph evaluates ``P OPTIONAL { X }`` as a hash join, so X is evaluated on its own, over
the whole store, whatever P bound. A saved query that looks up a label or an evidence selector for
each of its rows then costs the size of the store, not the size of its answer: at 1,000
documents a query for one entity's mentions read every mention of every entity.
``LATERAL { OPTIONAL { X } }`` (SPARQL 1.2 draft, SEP-0006, which Oxigraph implements) evaluates X
once per row of P with that row's bindings in place, which uses the indexes and gives the same
solutions for the well-designed patterns the saved queries are made of (every variable X shares
with the rest of the group is bound by P before the OPTIONAL).

One form of OPTIONAL is left as written, for a query to choose the hash join where it is the
cheaper plan: a sub-select in a group of its own, ``OPTIONAL { { SELECT … } }``. The hash join
answers the sub-select once for the whole query. The saved queries write their look-ups of curated
labels that way: the curated graphs hold a few hundred labels, while the rows that need one can
number tens of thousands (`mentions` at 1,000 documents: 3.9 s before, 2.9 s after). A
sub-select that is the OPTIONAL's group itself, ``OPTIONAL { SELECT … GROUP BY ?key }``, still
runs once per row with the row's key bound, which is the cheaper plan for an aggregate over the
whole store (`plan-overview` at 1,000 documents: 0.12 s looping over its 20 plans, 0.6 s as hash
joins).

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


_SELECT = re.compile(r"SELECT\b", re.IGNORECASE)


def _skip_blank(text: str, index: int, limit: int) -> int:
    """The first index from ``index`` that is neither whitespace nor inside a comment."""
    while index < limit and (text[index].isspace() or text[index] == "#"):
        if text[index] == "#":
            newline = text.find("\n", index)
            index = limit if newline < 0 else newline + 1
        else:
            index += 1
    return index


def _only_a_subselect(text: str, opening: int, closing: int, code: list[tuple[int, int]]) -> bool:
    """Whether the group ``{ … }`` from ``opening`` to ``closing`` holds a sub-select in a group of
    its own and nothing else: ``{ { SELECT … } }``."""
    inner = _skip_blank(text, opening + 1, closing)
    if inner >= closing or text[inner] != "{":
        return False
    if not _SELECT.match(text, _skip_blank(text, inner + 1, closing)):
        return False
    return _skip_blank(text, _matching_brace(text, inner, code) + 1, closing) == closing


def lateral_optionals(sparql: str) -> str:
    """``sparql`` with every ``OPTIONAL { X }`` written as ``LATERAL { OPTIONAL { X } }``, except
    where X is a sub-select in a group of its own (``{ SELECT … }``).

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
                close = _matching_brace(sparql, match.end() - 1, code)
            except ValueError:
                return sparql
            if not _only_a_subselect(sparql, match.end() - 1, close, code):
                found.append((match.start(), close))
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
