"""The OpenAPI document of the HTTP API, generated from the saved queries' typed ``#+`` headers.

grlc's idea: the ``.rq`` files are the API's source. Each saved query becomes
``GET /api/queries/{name}`` with one query-string parameter per declared parameter (its type as a
JSON Schema; ``list[T]`` as a repeated key; an enum's allowed values), ``limit``/``offset``, and
its columns as the properties of the answer's objects.
"""

from __future__ import annotations

from healthplan_kg import __version__
from healthplan_kg.queries import Parameter, QueryRegistry

_SCALAR_SCHEMAS = {
    "iri": {"type": "string", "description": "an IRI, a CURIE (id:…), an official identifier or a label"},
    "string": {"type": "string"},
    "langString": {"type": "string", "pattern": "^.*@[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$"},
    "date": {"type": "string", "format": "date"},
    "integer": {"type": "integer"},
}


def _schema(parameter: Parameter) -> dict:
    if parameter.item_type == "enum":
        item = {"type": "string", "enum": list(parameter.allowed or [])}
    else:
        item = dict(_SCALAR_SCHEMAS[parameter.item_type])
    if parameter.default is not None:
        item["default"] = parameter.default
    return {"type": "array", "items": item, "maxItems": 50} if parameter.is_list else item


def _paging() -> list[dict]:
    return [{"name": "limit", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 0},
             "description": "at most this many rows (default: all)"},
            {"name": "offset", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 0},
             "description": "skip this many rows first"},
            {"name": "sort", "in": "query", "required": False, "schema": {"type": "string"},
             "description": "a column to sort the whole answer by before paging (numbers by value)"},
            {"name": "desc", "in": "query", "required": False, "schema": {"type": "string", "enum": ["1"]},
             "description": "1: sort descending"}]


def _error() -> dict:
    return {"content": {"application/json": {"schema": {"type": "object", "properties": {
        "error": {"type": "string"}, "candidates": {"type": "array", "items": {"type": "object"}}}}}}}


def openapi_document(registry: QueryRegistry) -> dict:
    paths: dict[str, dict] = {
        "/api/queries": {"get": {"summary": "The saved queries: name, summary, parameters, columns",
                                 "operationId": "list_queries",
                                 "responses": {"200": {"description": "the saved queries",
                                                       "content": {"application/json": {}}}}}},
        "/api/search": {"get": {"summary": "Entities by label, alternative label or official identifier",
                                "operationId": "search",
                                "parameters": [{"name": "q", "in": "query", "required": True,
                                                "schema": {"type": "string"}}],
                                "responses": {"200": {"description": "matches, best first",
                                                      "content": {"application/json": {}}}}}},
        "/sparql": {"get": {"summary": "SPARQL 1.1 Protocol query (read-only)", "operationId": "sparql",
                            "parameters": [{"name": "query", "in": "query", "required": True,
                                            "schema": {"type": "string"}}],
                            "responses": {"200": {"description": "SPARQL results (JSON or CSV)"},
                                          "400": {"description": "a malformed query or an update"}}}},
    }
    for saved in registry:
        parameters = [{"name": p.name, "in": "query", "required": p.required, "schema": _schema(p),
                       "description": p.description, **({"explode": True, "style": "form"} if p.is_list else {})}
                      for p in saved.parameters]
        row = {"type": "object", "properties": {c: {"type": ["string", "null"]} for c in saved.columns}}
        paths[f"/api/queries/{saved.name}"] = {"get": {
            "summary": saved.summary, "description": saved.description, "operationId": f"query_{saved.name}",
            "tags": ["saved queries"], "parameters": parameters + _paging(),
            "responses": {
                "200": {"description": "the rows (X-Total-Count: rows before paging)",
                        "content": {"application/json": {"schema": {"type": "array", "items": row}},
                                    "text/csv": {"schema": {"type": "string"}}}},
                "400": {"description": "a bad parameter (the message the command line gives)", **_error()},
                "503": {"description": "the query ran longer than the server's limit", **_error()}}}}
    return {"openapi": "3.1.0",
            "info": {"title": "healthplan-kg", "version": __version__,
                     "description": "Read-only HTTP API over a Norwegian health-policy knowledge graph. "
                                    "Every saved query is an endpoint."},
            "paths": paths}
