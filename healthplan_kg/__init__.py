"""healthplan-kg: Norwegian health-policy documents in, a validated knowledge graph out."""

__version__ = "0.1.0"
