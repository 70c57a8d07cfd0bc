"""Query results as text: an aligned table for people, CSV and JSON for scripts, Markdown for notes.

Every format shows a cell the same way: an IRI's text, a literal's lexical form, nothing (or JSON
``null``) for an unbound cell, so a script reading CSV and one reading JSON see the same values.
"""

from __future__ import annotations

import csv
import io
import json

from healthplan_kg.store.base import QueryResult

FORMATS = ("table", "csv", "json", "md")


def to_json(result: QueryResult) -> str:
    """One JSON array of objects keyed by column name (the analyst contract's shape)."""
    return json.dumps(result.values(), ensure_ascii=False, indent=2)


def to_csv(result: QueryResult) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(result.columns)
    for row in result.values():
        writer.writerow(["" if row[c] is None else row[c] for c in result.columns])
    return buffer.getvalue()


def _cell(value: str | None, width: int) -> str:
    text = "" if value is None else " ".join(value.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def to_table(result: QueryResult, *, max_width: int = 60) -> str:
    """Columns aligned with spaces; long cells cut to ``max_width`` characters with an ellipsis."""
    rows = [[_cell(row[c], max_width) for c in result.columns] for row in result.values()]
    widths = [max([len(c), *(len(r[i]) for r in rows)]) for i, c in enumerate(result.columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(result.columns, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def to_markdown(result: QueryResult) -> str:
    def cell(value: str | None) -> str:
        return "" if value is None else " ".join(value.split()).replace("|", "\\|")

    lines = ["| " + " | ".join(result.columns) + " |", "|" + "---|" * len(result.columns)]
    lines += ["| " + " | ".join(cell(row[c]) for c in result.columns) + " |" for row in result.values()]
    return "\n".join(lines) + "\n"


def format_result(result: QueryResult, fmt: str) -> str:
    """``result`` in one of ``FORMATS``."""
    writers = {"table": to_table, "csv": to_csv, "json": lambda r: to_json(r) + "\n", "md": to_markdown}
    if fmt not in writers:
        raise ValueError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return writers[fmt](result)
