"""A query result as a page of a table: sorted over the whole answer, sliced, and written as CSV or JSON.

The HTML table, the JSON API and the CSV download all go through here, so a sort or a page means
the same rows everywhere, and a download is always the whole answer in the query's own order
unless the URL asks for another.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass

from healthplan_kg.errors import ParameterError
from healthplan_kg.store.base import QueryResult

#: Query-string keys the paging and sorting own; a saved query's parameters never use them.
RESERVED = ("limit", "offset", "sort", "desc", "hl")
MAX_LIMIT = 100_000


@dataclass
class Page:
    columns: list[str]
    rows: list[dict[str, str | None]]
    #: the rows of the whole answer; None when the page was found without it and more rows follow
    total: int | None
    offset: int
    limit: int | None

    @property
    def end(self) -> int:
        return self.offset + len(self.rows)

    @property
    def more(self) -> bool:
        """Whether rows follow this page."""
        return self.total is None or self.end < self.total


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def sort_key(value: str | None):
    """Numbers by value before texts, texts case-free; unbound cells last."""
    if value is None:
        return (2, 0.0, "")
    number = _number(value)
    return (0, number, "") if number is not None else (1, 0.0, value.casefold())


def paging(limit: str | None, offset: str | None, default_limit: int | None) -> tuple[int | None, int]:
    """Checked ``limit`` and ``offset`` from the query string (a 400 message for a bad one)."""
    def number(name: str, text: str | None, default: int | None) -> int | None:
        if text is None or text == "":
            return default
        if not text.isdigit() or int(text) > MAX_LIMIT * 1000:
            raise ParameterError(f"'{name}' must be a whole number from 0, got {text!r}")
        return int(text)

    parsed_limit = number("limit", limit, default_limit)
    if parsed_limit is not None:
        parsed_limit = min(parsed_limit, MAX_LIMIT)
    return parsed_limit, number("offset", offset, 0) or 0


def page(result: QueryResult, *, limit: int | None, offset: int = 0, sort: str | None = None,
         descending: bool = False) -> Page:
    """One page of the answer, sorted over the whole of it if asked. Only the rows shown are turned
    into strings: a first page of a 25,000-row answer converts 50 rows, not 25,000."""
    rows = result.rows
    if sort:
        if sort not in result.columns:
            raise ParameterError(f"'sort' must be one of the columns {', '.join(result.columns)}, got {sort!r}")
        column = result.columns.index(sort)
        rows = sorted(rows, key=lambda row: sort_key(None if row[column] is None else row[column].value),
                      reverse=descending)
    chosen = rows[offset:] if limit is None else rows[offset:offset + limit]
    shown = QueryResult(columns=result.columns, rows=chosen).values()
    return Page(columns=list(result.columns), rows=shown, total=len(rows), offset=offset, limit=limit)


def first_page(result: QueryResult, more: bool, *, limit: int, offset: int) -> Page:
    """A page found without the whole answer (``GraphService.first_rows``): its total is known
    only when no rows follow it."""
    shown = result.values()
    return Page(columns=list(result.columns), rows=shown, total=None if more else offset + len(shown),
                offset=offset, limit=limit)


def csv_chunks(columns: list[str], rows: list[dict[str, str | None]], chunk: int = 2000) -> Iterator[str]:
    """CSV text in chunks (header first), so a large answer streams instead of being built whole."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for i, row in enumerate(rows, 1):
        writer.writerow(["" if row[c] is None else row[c] for c in columns])
        if i % chunk == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def json_text(rows: list[dict[str, str | None]]) -> str:
    """The contract's shape: one JSON array of objects keyed by column name, unbound as null."""
    return json.dumps(rows, ensure_ascii=False)
