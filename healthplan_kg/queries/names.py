"""Names where a saved query asks for an IRI: "NOU 2023: 4" or "Helsedirektoratet" instead of the IRI.

A layer above the typed parameters: ``resolve_names`` rewrites the raw value of every ``iri`` (or
``list[iri]``) parameter that is not written as an IRI into the IRI the name picks out, resolved as
the ``lineage`` command resolves names (official identifier, then label; see
``network.resolve``). Everything else is left for ``Parameter.convert`` to check, so a value that
is meant as an IRI (``https://…``, ``<…>``, ``id:…``) still gets the IRI error it always got, and a
resolved name is still bound as a term, never pasted into the query. A name that picks out no
entity, or several, is a ``ParameterError`` that carries the candidates.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from healthplan_kg.errors import ParameterError
from healthplan_kg.namespaces import PREFIXES
from healthplan_kg.queries.registry import SavedQuery
from healthplan_kg.store.base import GraphStore

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://")


class EntityNameError(ParameterError):
    """A name given for an IRI parameter that matches no entity or several; ``candidates`` lists
    what it could mean (``network.errors.Candidate``), so a caller can offer them."""

    def __init__(self, message: str, candidates: list, parameter: str = "") -> None:
        super().__init__(message)
        self.candidates = candidates
        self.parameter = parameter


def written_as_iri(value: str) -> bool:
    """Whether the value is meant as an IRI: ``<…>``, ``scheme://…``, ``urn:…`` or a CURIE with one
    of the project's prefixes. Such a value is never looked up as a name."""
    text = value.strip()
    if text.startswith("<") or _SCHEME.match(text) or text.lower().startswith("urn:"):
        return True
    prefix, colon, local = text.partition(":")
    return bool(colon) and prefix in PREFIXES and not local.startswith(" ")


def resolve_names(store: GraphStore, query: SavedQuery, raw_params: Mapping[str, str]) -> dict[str, str]:
    """``raw_params`` with every name given for an IRI parameter replaced by the entity's IRI."""
    from healthplan_kg.network.errors import AmbiguousEntityError, UnknownEntityError
    from healthplan_kg.network.resolve import resolve_entity

    resolved: dict[str, str] = {}
    for key, raw in raw_params.items():
        parameter = next((p for p in query.parameters if p.name == key), None)
        if parameter is None or parameter.item_type != "iri" or not isinstance(raw, str):
            resolved[key] = raw   # unknown names and other types: Parameter's own checks refuse or take them
            continue
        items = [item.strip() for item in raw.split(",")] if parameter.is_list else [raw]
        out: list[str] = []
        for item in items:
            if not item.strip() or written_as_iri(item):
                out.append(item)
                continue
            try:
                out.append(resolve_entity(store, item).iri)
            except (AmbiguousEntityError, UnknownEntityError) as error:
                raise EntityNameError(f"parameter '{key}': {error}", error.candidates, key) from None
        resolved[key] = ",".join(out) if parameter.is_list else out[0]
    return resolved
