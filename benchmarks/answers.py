"""The contract queries' answers on one store, for side-by-side runs of two versions of the code.

Why a script of its own: the machine is shared, so a before/after comparison is only fair when
both versions run in the same period, alternating. Run it once per version and query, e.g.::

    for q in mentions measures; do
      PYTHONPATH=/tmp/before .venv/bin/python benchmarks/answers.py STORE 3 $q | sed 's/^/before /'
      .venv/bin/python benchmarks/answers.py STORE 3 $q | sed 's/^/after /'
    done

Prints one JSON line per query: rows, full answer p50/p95 (``SavedQuery.run``, as the command line
and the web app run it) and rows/s; the first page as the engine answers the saved SPARQL with
``LIMIT 100`` appended (``page_*``) and as the product asks for it (``SavedQuery.page``, graph by
graph for a query paged by source graph: ``paged_*``); and, for a query with a parameter, the call
with the value found in most rows of its answer (as ``benchmarks/run.py`` picks it).
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter

from healthplan_kg.queries import QueryRegistry
from healthplan_kg.queries.names import resolve_names
from healthplan_kg.store import EmbeddedStore

#: The parameter of each contract query that takes one, and the column its values are read from.
PARAMETERS = {"mentions": ("entity", "entity"), "follow-ups": ("followed", "followed"),
              "relations": ("predicate", None)}
FIXED = {"relations": "follows_up"}


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _timed(work, runs: int) -> tuple[list[float], object]:
    seconds, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        seconds.append(time.perf_counter() - started)
    return seconds, result


def main(argv: list[str]) -> None:
    store = EmbeddedStore.open(argv[0], read_only=True)
    runs = int(argv[1])
    registry = QueryRegistry.load()
    for name in argv[2:] or registry.contract_names():
        saved = registry.get(name)
        full, result = _timed(lambda saved=saved: saved.run(store, {}), runs)
        out = {"name": name, "rows": len(result.rows), "full_p50_ms": _quantile(full, .5) * 1000,
               "full_p95_ms": _quantile(full, .95) * 1000, "rows_per_s": len(result.rows) / _quantile(full, .5)}
        page, _ = _timed(lambda saved=saved: store.query(saved.sparql + "\nLIMIT 100").rows, runs * 3)
        out.update(page_p50_ms=_quantile(page, .5) * 1000, page_p95_ms=_quantile(page, .95) * 1000)
        paged, _ = _timed(lambda saved=saved: saved.page(store, limit=100).rows, runs * 3)
        out.update(paged_p50_ms=_quantile(paged, .5) * 1000, paged_p95_ms=_quantile(paged, .95) * 1000)
        if name in PARAMETERS:
            key, column = PARAMETERS[name]
            value = FIXED.get(name)
            if column is not None:
                index = result.columns.index(column)
                value = Counter(row[index].value for row in result.rows if row[index] is not None).most_common(1)[0][0]
            raw = resolve_names(store, saved, {key: value})
            one, answer = _timed(lambda saved=saved, raw=raw: saved.run(store, raw), runs * 3)
            out.update(param=value, param_rows=len(answer.rows), param_p50_ms=_quantile(one, .5) * 1000,
                       param_p95_ms=_quantile(one, .95) * 1000)
        print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
