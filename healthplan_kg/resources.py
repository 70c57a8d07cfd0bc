"""Where the ontology, shapes, reference data, bundled corpus and saved queries live.

In an installed wheel they are package data under ``healthplan_kg/_resources``; in a checkout
(editable install) they are the top-level folders beside the package. Callers never care which.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_root() -> Path:
    """The folder that holds ``ontology/``, ``data/`` and ``queries/``."""
    bundled = _PACKAGE / "_resources"
    if (bundled / "ontology").is_dir():
        return bundled
    return _PACKAGE.parent


def ontology_dir() -> Path:
    return resource_root() / "ontology"


def ontology_file() -> Path:
    return ontology_dir() / "healthplan.ttl"


def schemes_file() -> Path:
    return ontology_dir() / "schemes.ttl"


def shapes_file() -> Path:
    return ontology_dir() / "shapes.ttl"


def reference_dir() -> Path:
    return resource_root() / "data" / "reference"


def corpus_dir() -> Path:
    return resource_root() / "data" / "corpus"


def queries_dir() -> Path:
    return resource_root() / "queries"
