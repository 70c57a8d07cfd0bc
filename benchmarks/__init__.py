"""Benchmarks: a seeded synthetic policy corpus and the harness that measures builds, queries and
validation on it, side by side with the naive rdflib + pySHACL stack (see docs/benchmarks.md)."""
