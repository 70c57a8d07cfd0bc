"""healthplan-kg: Norwegian health-policy documents in, a validated knowledge graph out.

``KnowledgeGraph`` is the entry point (open or build a graph, run saved queries, validate); it
is imported lazily so ``import healthplan_kg`` stays cheap for the command line and workers.
"""

__version__ = "0.1.0"

__all__ = ["KnowledgeGraph", "QueryResult", "ValidationReport", "__version__"]


def __getattr__(name: str):
    if name == "KnowledgeGraph":
        from healthplan_kg.api import KnowledgeGraph
        return KnowledgeGraph
    if name == "QueryResult":
        from healthplan_kg.store.base import QueryResult
        return QueryResult
    if name == "ValidationReport":
        from healthplan_kg.validate import ValidationReport
        return ValidationReport
    raise AttributeError(f"module 'healthplan_kg' has no attribute {name!r}")
