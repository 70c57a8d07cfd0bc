"""CPU milliseconds per document of one pass of extraction (read, extract, map), to compare two
versions of the code side by side.

Why: `make bench` reports docs/s/core for one version; whether a change made extraction cheaper
or dearer needs both versions timed in the same minutes on the same machine. Each run is its own
process, warmed up on texts other than the ones it times (compiling the gazetteer and filling
per-word memories on the documents timed would flatter any version that keeps such memories), and
reads each timed document once, as a build does. Run it alternately from two checkouts and
compare medians:

    for i in 1 2 3 4 5 6; do
      for tree in /path/to/before /path/to/after; do
        PYTHONPATH=$tree .venv/bin/python benchmarks/extraction_cpu.py /tmp/bcorp1k 300 --warm-up DIR
      done
    done
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    # appended, not put first: a PYTHONPATH naming another checkout must win (that is the point)
    sys.path.append(str(Path(__file__).resolve().parent.parent))


def main() -> None:
    from healthplan_kg.errors import InputError
    from healthplan_kg.extraction_pool import extract_job, reference_digest
    from healthplan_kg.readers import find_documents

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="the folder of documents to time")
    parser.add_argument("docs", type=int, nargs="?", default=300, help="how many of them (the first)")
    parser.add_argument("--warm-up", type=Path, default=None,
                        help="a folder of other documents extracted before the timing "
                             "(default: the bundled corpus)")
    args = parser.parse_args()
    warm_up = args.warm_up or Path(__file__).resolve().parent.parent / "data" / "corpus"
    try:
        paths = find_documents(args.corpus)[: args.docs]
    except InputError as error:
        parser.error(str(error))
    if not paths:
        parser.error(f"no documents in {args.corpus}")
    key = reference_digest()
    for path in find_documents(warm_up):
        extract_job((path, key))
    started = time.process_time()
    for path in paths:
        extract_job((path, key))
    spent = time.process_time() - started
    print(f"{len(paths)} documents, {1000 * spent / len(paths):.2f} ms CPU per document")


if __name__ == "__main__":
    main()
