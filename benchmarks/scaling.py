"""Extraction time per MB for documents from 2 KB to 2 MB: does extraction stay linear in size?

A white paper or an NOU is 0.5–2 MB of text; a news item is 2 KB. If any stage of extraction grew
faster than the size of a document, a large document would cost more per MB than a small one (the
issue this answers: 8 s for one 200 KB line). The figure is the ratio of the time per MB at the
largest size to that at the smallest; 1.0 is perfectly linear, the target is at most 1.5.

Documents of each size are cut from the synthetic corpus (``generate.document``: varied bokmål and
nynorsk sentences with names, identifiers, lists and quotes written for this project), joined
until the size is reached, so a 2 MB document holds as many kinds of construction per MB as a
2 KB one. Each size is measured over about ``volume`` bytes (many small documents, or one large
one, at least once), in CPU seconds of one core, with the gazetteer compiled beforehand.

    python benchmarks/scaling.py                       # prints the figures as JSON
    python benchmarks/run.py --only scaling            # the same, into the benchmark report
    BENCH_SCALING_SIZES=2000,20000 BENCH_SCALING_VOLUME=200000 python benchmarks/scaling.py   # quick
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

#: Document sizes in bytes, smallest first, and how they are labelled in the report.
SIZES = (2_000, 20_000, 200_000, 2_000_000)
#: Bytes extracted per size: enough for the small documents to average out timer noise.
VOLUME = 2_000_000


def label(size: int) -> str:
    return f"{size // 1_000_000} MB" if size >= 1_000_000 else f"{size // 1_000} KB"


def documents_of(size: int, count: int, pool, first: int = 0) -> list[str]:
    """``count`` texts of ``size`` UTF-8 bytes (cut at a paragraph where one is near), each
    joined from consecutive synthetic documents, none repeating another."""
    from benchmarks.generate import document

    texts, index = [], first
    for _ in range(count):
        parts: list[str] = []
        total = 0
        while total < size:
            text = document(pool, index)[1]
            index += 1
            parts.append(text)
            total += len(text.encode("utf-8")) + 2
        joined = "\n\n".join(parts).encode("utf-8")[:size].decode("utf-8", errors="ignore")
        cut = joined.rfind("\n\n", int(len(joined) * 0.9))
        texts.append(joined[:cut] if cut > 0 else joined)
    return texts


def seconds_per_mb(sizes: tuple[int, ...] = SIZES, volume: int = VOLUME) -> dict:
    """Extraction seconds per MB at each size, and the ratio of the largest size's to the smallest's."""
    from benchmarks.pool import load_pool
    from healthplan_kg.extraction_pool import extractor
    from healthplan_kg.model import SourceText

    pool = load_pool()
    compiled = extractor()
    figures: dict = {}
    first = 0
    for size in sizes:
        texts = documents_of(size, max(1, volume // size), pool, first)
        first += 10_000
        sources = [SourceText(path=Path(f"{size}-{i}.txt"), source=f"{size}-{i}.txt", format="txt",
                              text=text, content_hash=f"{i:064x}") for i, text in enumerate(texts)]
        megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        started = time.process_time()   # CPU time: other processes on a shared machine do not count
        for source in sources:
            compiled.extract(source)
        figures[label(size)] = round((time.process_time() - started) / megabytes, 3)
    figures["ratio"] = round(figures[label(sizes[-1])] / figures[label(sizes[0])], 2)
    return figures


def from_environment() -> dict:
    """``seconds_per_mb`` with ``BENCH_SCALING_SIZES`` (comma-separated bytes) and
    ``BENCH_SCALING_VOLUME`` (bytes per size) from the environment, for a quick run."""
    sizes = tuple(int(s) for s in os.environ.get("BENCH_SCALING_SIZES", "").split(",") if s.strip()) or SIZES
    return seconds_per_mb(sizes, int(os.environ.get("BENCH_SCALING_VOLUME", VOLUME)))


if __name__ == "__main__":
    print(json.dumps(from_environment()))
