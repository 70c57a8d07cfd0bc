"""The ``#+`` comment header of a saved query (grlc's style, YAML inside the comment).

A saved query is data: its name, what it answers, its typed parameters and its columns sit in the
file beside the SPARQL, so the command line, the Python API and the tests all read one source.
The header is the run of ``#+`` lines at the top of the file; everything after it is the SPARQL,
kept byte for byte because that exact text is what the store receives.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from healthplan_kg.errors import QueryError

MARK = "#+"
KNOWN_KEYS = frozenset({"summary", "description", "params", "columns", "tags", "contract", "paged_by"})


@dataclass(frozen=True)
class Header:
    """The parsed header fields, still untyped apart from being checked for shape."""

    summary: str
    description: str
    params: list[dict[str, Any]]
    columns: list[str]
    tags: list[str]
    #: True for the saved queries the analyst contract fixes (their names and columns never change);
    #: recorded here so the project knows its contract without reading anything outside itself.
    contract: bool = False


def split(text: str) -> tuple[str, str]:
    """Split a file into (YAML of the header with the ``#+`` marks removed, the SPARQL after it)."""
    yaml_lines: list[str] = []
    consumed = 0
    for line in text.splitlines(keepends=True):
        if not line.startswith(MARK):
            break
        consumed += len(line)
        body = line[len(MARK):].rstrip("\r\n")
        yaml_lines.append(body[1:] if body.startswith(" ") else body)
    return "\n".join(yaml_lines), text[consumed:]


def parse(text: str, where: Path | str) -> tuple[Header, str]:
    """The header and the SPARQL of one ``.rq`` file; ``where`` names the file in errors."""
    header_yaml, sparql = split(text)
    if not header_yaml.strip():
        raise QueryError(f"{where}: no '#+' header at the top of the file")
    try:
        fields = yaml.safe_load(header_yaml)
    except yaml.YAMLError as error:
        raise QueryError(f"{where}: the '#+' header is not valid YAML: {error}") from error
    if not isinstance(fields, dict):
        raise QueryError(f"{where}: the '#+' header must be a mapping of 'key: value' lines")
    unknown = sorted(set(fields) - KNOWN_KEYS)
    if unknown:
        raise QueryError(f"{where}: unknown header key(s) {', '.join(unknown)}; "
                         f"known: {', '.join(sorted(KNOWN_KEYS))}")
    summary = fields.get("summary")
    if not isinstance(summary, str) or not summary.strip():
        raise QueryError(f"{where}: the header needs a one-line 'summary'")
    description = fields.get("description") or ""
    if not isinstance(description, str):
        raise QueryError(f"{where}: 'description' must be text")
    params = fields.get("params") or []
    if not isinstance(params, list) or not all(isinstance(p, dict) for p in params):
        raise QueryError(f"{where}: 'params' must be a list of mappings (name, type, ...)")
    columns = fields.get("columns")
    if (not isinstance(columns, list) or not columns
            or not all(isinstance(c, str) and c for c in columns)):
        raise QueryError(f"{where}: 'columns' must be a non-empty list of column names")
    if len(set(columns)) != len(columns):
        raise QueryError(f"{where}: 'columns' names a column twice: {columns}")
    tags = fields.get("tags") or []
    if not isinstance(tags, list):
        raise QueryError(f"{where}: 'tags' must be a list")
    contract = fields.get("contract", False)
    if not isinstance(contract, bool):
        raise QueryError(f"{where}: 'contract' must be true or false")
    if not sparql.strip():
        raise QueryError(f"{where}: no SPARQL after the header")
    return Header(summary.strip(), description.strip(), params, columns, [str(t) for t in tags],
                  contract), sparql
