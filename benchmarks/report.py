"""Turn the harness's figures into ``report.json``, ``report.md`` and a rich table on screen.

One row per figure, one column per corpus size, so growth with the corpus reads across a row.
"""

from __future__ import annotations

import json
import platform
import time
from pathlib import Path

#: (figure key without the size prefix, what a reader sees) in table order; query rows are added.
ROWS = [
    ("documents", "documents"),
    ("quads", "quads"),
    ("generate_seconds", "generate corpus (s)"),
    ("build_seconds", "build, end to end, no validation (s)"),
    ("build_docs_per_s", "build throughput (docs/s)"),
    ("build_optimize_seconds", "of the build: compacting the store (s)"),
    ("build_rss_main_mib", "build peak RSS, main process (MiB)"),
    ("build_rss_worker_mib", "build peak RSS, largest worker (MiB)"),
    ("build_rss_tree_mib", "build peak RSS, main + workers together (MiB)"),
    ("extract_docs_per_s", "extraction, all cores (docs/s)"),
    ("extract_docs_per_s_core", "extraction, one core (docs/s/core)"),
    ("load_export_gib", "N-Quads the load stage is compared on (GiB)"),
    ("load_seconds", "load stage: streamed bulk load (s)"),
    ("load_raw_seconds", "raw pyoxigraph bulk_load, same quads (s)"),
    ("load_ratio", "load stage / raw bulk load (×)"),
    ("incremental_seconds", "rebuild after one changed document (s)"),
    ("validate_seconds", "validation, healthplan-kg (s)"),
    ("validate_violations", "violations found, healthplan-kg"),
    ("naive_validate_seconds", "validation, pySHACL over rdflib, ontology merged (s)"),
    ("naive_validate_violations", "violations found, pySHACL over rdflib"),
    ("validate_speedup", "validation speed-up (×)"),
    ("naive_load_seconds", "rdflib Dataset load (s)"),
]


def over_budget(seconds: float) -> str:
    """The figure of a step stopped at its budget: "> 60 s" (read back by ``_budget_ms``)."""
    return f"> {seconds:.0f} s"


def _budget_ms(value) -> float | None:
    """The budget a step ran out of, from its ``over_budget`` figure, in ms; None for a measured
    value."""
    if isinstance(value, str) and value.startswith("> ") and value.endswith(" s"):
        try:
            return float(value[2:-2]) * 1000
        except ValueError:
            return None
    return None


def _ratio(naive, ours, scale: float = 1.0):
    """How many times faster ours is: measured on both sides, or a lower bound ("> 16") where the
    naive stack ran out of its budget, which still answers whether a target of N× is met."""
    if not isinstance(ours, (int, float)) or ours <= 0:
        return None
    if isinstance(naive, (int, float)):
        return round(naive / ours, 1)
    bound = _budget_ms(naive)
    return None if bound is None else f"> {bound / scale / ours:,.0f}"


def with_ratios(figures: dict) -> dict:
    """``figures`` plus the speed-ups over the naive stack, derived from the measured times so a
    report re-rendered from ``report.json`` gives the same ratios as the run that measured it."""
    derived = dict(figures)
    for key_name, naive in figures.items():
        parts = key_name.split(".")
        if len(parts) == 4 and parts[1] == "naive" and parts[3] == "p50_ms":
            size, name = parts[0], parts[2]
            ratio = _ratio(naive, figures.get(f"{size}.query.{name}.p50_ms"))
            if ratio is not None:
                derived[f"{size}.query.{name}.speedup"] = ratio
        elif len(parts) == 2 and parts[1] == "naive_validate_seconds":
            ratio = _ratio(naive, figures.get(f"{parts[0]}.validate_seconds"), scale=1000)
            if ratio is not None:
                derived[f"{parts[0]}.validate_speedup"] = ratio
    return derived


def _query_rows(figures: dict) -> list[tuple[str, str]]:
    names = sorted({k.split(".")[2] for k in figures if k.split(".")[1:2] == ["query"]})
    rows = []
    for name in names:
        rows += [(f"query.{name}.rows", f"{name}: rows"),
                 (f"query.{name}.p50_ms", f"{name}: p50 (ms)"), (f"query.{name}.p95_ms", f"{name}: p95 (ms)"),
                 (f"query.{name}.runs", f"{name}: runs"),
                 (f"query.{name}.page_p50_ms", f"{name}, first page of 100 rows: p50 (ms)"),
                 (f"query.{name}.page_p95_ms", f"{name}, first page of 100 rows: p95 (ms)"),
                 (f"query.{name}.param_rows", f"{name}, one value of its parameter: rows"),
                 (f"query.{name}.param_p50_ms", f"{name}, one value of its parameter: p50 (ms)"),
                 (f"query.{name}.param_p95_ms", f"{name}, one value of its parameter: p95 (ms)"),
                 (f"naive.{name}.p50_ms", f"{name}: rdflib p50 (ms)"),
                 (f"query.{name}.speedup", f"{name}: speed-up over rdflib (×)")]
    return rows


def table_rows(figures: dict, sizes: list[str]) -> list[list[str]]:
    rows = []
    for suffix, title in ROWS + _query_rows(figures):
        values = [figures.get(f"{size}.{suffix}") for size in sizes]
        if any(v is not None for v in values):
            rows.append([title] + ["–" if v is None else _fmt(v) for v in values])
    return rows


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}" if value < 100 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def write_reports(figures: dict, notes: list[str], sizes: list[str], out: Path) -> None:
    figures = with_ratios(figures)
    stamp = {"generated": time.strftime("%Y-%m-%dT%H:%M:%S"), "python": platform.python_version(),
             "machine": platform.machine()}
    (out / "report.json").write_text(json.dumps({**stamp, **figures, "notes": notes}, indent=2,
                                                ensure_ascii=False) + "\n", encoding="utf-8")
    lines = ["# Benchmark report", "",
             f"Generated {stamp['generated']} by `make bench SIZES={','.join(sizes)}` "
             f"on {figures.get('machine.cores')} cores (Python {stamp['python']}). "
             "See docs/benchmarks.md for what each figure measures.", "",
             "| figure | " + " | ".join(sizes) + " |", "| --- |" + " ---: |" * len(sizes)]
    lines += ["| " + " | ".join(row) + " |" for row in table_rows(figures, sizes)]
    if notes:
        lines += ["", "Notes:", ""] + [f"- {note}" for note in notes]
    (out / "report.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def print_table(figures: dict, notes: list[str], sizes: list[str]) -> None:
    from rich.console import Console
    from rich.table import Table
    figures = with_ratios(figures)
    table = Table(title="healthplan-kg benchmarks")
    table.add_column("figure")
    for size in sizes:
        table.add_column(size, justify="right")
    for row in table_rows(figures, sizes):
        table.add_row(*row)
    console = Console()
    console.print(table)
    for note in notes:
        console.print(f"[yellow]note:[/yellow] {note}")
