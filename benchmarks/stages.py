"""CPU seconds per extraction stage, to see where a document's time goes (no profiler overhead).

Why: a profiler's overhead falls unevenly (many small calls look dearer than they are), and the
benchmark's docs/s/core says only the total. This wraps each stage's entry point with a
``time.process_time`` counter (stages nest: "mentions" holds its sub-stages; "relations" is
every sentence's rules) and prints each stage's share of the whole.

    python benchmarks/stages.py CORPUS [DOCS]      # e.g. /tmp/bcorp1k 200
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from functools import wraps
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SPENT: Counter[str] = Counter()


def _timed(owner: object, attribute: str, stage: str) -> None:
    inner = getattr(owner, attribute, None)
    if inner is None:   # a stage an older revision does not have
        return

    @wraps(inner)
    def timed(*args, **kwargs):
        started = time.process_time()
        try:
            return inner(*args, **kwargs)
        finally:
            SPENT[stage] += time.process_time() - started

    setattr(owner, attribute, timed)


def _instrument() -> None:
    import healthplan_kg.extract as extract
    import healthplan_kg.mapping as mapping
    import healthplan_kg.readers as readers
    from healthplan_kg.extract.mentions import MentionFinder

    _timed(readers, "read_document", "read")
    _timed(extract, "paragraphs", "paragraphs")
    _timed(extract, "all_sentences", "sentences")
    _timed(extract, "detect_language", "language")
    _timed(extract, "read_metadata", "metadata")
    _timed(MentionFinder, "run", "mentions")
    for step in ("_reference_names", "_identifiers", "_named_documents", "_bodies", "_commission_reports",
                 "_org_anaphors", "_people_mentions"):
        _timed(MentionFinder, step, f"mentions.{step.lstrip('_')}")
    _timed(extract, "find_quotes", "quotes")
    _timed(extract.Extractor, "_lists", "lists")
    _timed(extract, "extract_relations", "relations")
    _timed(extract, "find_events", "events")
    _timed(mapping, "to_nquads", "map")   # the pool imports both inside each job: patched here


def main(corpus: str, docs: str = "200") -> None:
    from healthplan_kg.extraction_pool import extract_job, reference_digest
    from healthplan_kg.readers import find_documents
    _instrument()
    paths = find_documents(Path(corpus))[: int(docs)]
    key = reference_digest()
    extract_job((paths[0], key))
    SPENT.clear()
    started = time.process_time()
    for path in paths:
        extract_job((path, key))
    total = time.process_time() - started
    print(f"{len(paths)} documents, {1000 * total / len(paths):.2f} ms CPU per document")
    for stage, seconds in sorted(SPENT.items(), key=lambda kv: (kv[0].split(".")[0], kv[0])):
        print(f"  {stage:32s} {1000 * seconds / len(paths):7.3f} ms  {100 * seconds / total:5.1f}%")


if __name__ == "__main__":
    main(*sys.argv[1:])
