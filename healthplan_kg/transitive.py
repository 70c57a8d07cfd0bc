"""The transitive closure of a relation given as pairs, computed here rather than asked of the store.

Why: ``rdfs:subClassOf+`` inside a ``GRAPH`` pattern is valid SPARQL 1.1, but not every engine
answers it (Virtuoso 7 refuses a transitive path there). Reading the direct statements and
closing them in Python works on any SPARQL server and costs nothing: an ontology has a few
hundred such statements.
"""

from __future__ import annotations

from collections.abc import Iterable


def transitive_pairs(pairs: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """The transitive closure of (subclass, superclass) pairs: what ``rdfs:subClassOf+`` gives."""
    above: dict[str, set[str]] = {}
    for sub, sup in pairs:
        above.setdefault(sub, set()).add(sup)
    closed: set[tuple[str, str]] = set()
    for start in above:
        todo, seen = list(above[start]), set()
        while todo:
            sup = todo.pop()
            if sup not in seen:
                seen.add(sup)
                todo.extend(above.get(sup, ()))
        closed.update((start, sup) for sup in seen)
    return closed
