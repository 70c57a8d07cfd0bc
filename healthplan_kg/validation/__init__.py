"""Validation engines. ``healthplan_kg.validate`` is the public face (report, ``validate()``);
``sparql_core`` compiles the SHACL Core shapes into whole-store SPARQL queries."""
