"""Saved SPARQL queries: files in ``queries/`` with a typed ``#+`` header, run with bound parameters."""

from healthplan_kg.queries.parameters import Parameter
from healthplan_kg.queries.registry import QueryRegistry, SavedQuery

__all__ = ["Parameter", "QueryRegistry", "SavedQuery"]
