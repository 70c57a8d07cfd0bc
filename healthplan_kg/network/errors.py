"""Errors of the network commands: a name that does not pick out one entity, a picture that cannot be drawn.

They subclass ``HealthplanError`` so the command line turns them into one line and exit 2; the
candidates travel with the error, because the user's next step is to pick one of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from healthplan_kg.errors import HealthplanError


class NetworkError(HealthplanError):
    """Base of the network package's errors."""


@dataclass(frozen=True)
class Candidate:
    """One entity a name could mean: enough to tell it apart from the others."""

    iri: str
    label: str
    kind: str
    matched: str  # what matched: the identifier, the label and which property


def _listing(candidates: list[Candidate]) -> str:
    return "\n".join(f"  {c.iri}  {c.label} ({c.kind}; {c.matched})" for c in candidates)


class AmbiguousEntityError(NetworkError):
    """A name that matches more than one entity; name one of the candidates by IRI instead."""

    def __init__(self, name: str, candidates: list[Candidate]) -> None:
        super().__init__(f"'{name}' names {len(candidates)} entities; give one of these IRIs:\n"
                         + _listing(candidates))
        self.name = name
        self.candidates = candidates


class UnknownEntityError(NetworkError):
    """A name no IRI, identifier or label in the store matches; near misses become candidates."""

    def __init__(self, name: str, candidates: list[Candidate]) -> None:
        hint = (";\nlabels that contain it:\n" + _listing(candidates)) if candidates else \
            " (no label contains it either)"
        super().__init__(f"no entity in the store is named '{name}'{hint}")
        self.name = name
        self.candidates = candidates


class PlotError(NetworkError):
    """A picture that cannot be made: matplotlib missing, an unknown file type, nothing to draw."""
