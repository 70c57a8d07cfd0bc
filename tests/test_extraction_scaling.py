"""Extraction time grows linearly with a document's size, and a document past the user's time or
size limit is skipped by name instead of hanging the build.

Regression tests for issue 15: extraction time grew with the square of a document's size (a
single 200 KB line took 8 s, 8,000 bullet lines 3.6 s), and no limit could stop a document.
Times are CPU seconds of this process, so other work on a shared machine does not count, and the
bounds are loose: quadratic growth over a tenfold size step gives a ratio near 10, linear near 1.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.pool import load_pool
from benchmarks.scaling import documents_of
from healthplan_kg.build import build
from healthplan_kg.errors import InputError
from healthplan_kg.extract.gazetteer import GazetteerHit, longest_first
from healthplan_kg.extraction_pool import DocumentLimits, extractor
from healthplan_kg.model import SourceText, Span
from healthplan_kg.readers import ReadOptions

#: The most the time per character may grow from a tenfold smaller document to a larger one.
MAX_GROWTH = 2.5


def cpu_seconds_per_char(texts: list[str]) -> float:
    compiled = extractor()
    sources = [SourceText(path=Path(f"{i}.txt"), source=f"{i}.txt", format="txt", text=text,
                          content_hash=f"{i:064x}") for i, text in enumerate(texts)]
    started = time.process_time()
    for source in sources:
        compiled.extract(source)
    return (time.process_time() - started) / sum(len(t) for t in texts)


@pytest.fixture(scope="module")
def pool():
    extractor()   # compiled outside every timing
    return load_pool()


def test_time_per_character_does_not_grow_with_document_size(pool):
    small = cpu_seconds_per_char(documents_of(25_000, 10, pool))
    large = cpu_seconds_per_char(documents_of(250_000, 1, pool, first=5_000))
    assert large / small < MAX_GROWTH, f"{large / small:.1f}x more time per character at 250 KB"


def test_one_long_line_extracts_in_linear_time(pool):
    small = cpu_seconds_per_char([t.replace("\n", " ") for t in documents_of(20_000, 10, pool)])
    large = cpu_seconds_per_char([documents_of(200_000, 1, pool, first=5_000)[0].replace("\n", " ")])
    assert large / small < MAX_GROWTH, f"{large / small:.1f}x more time per character on a 200 KB line"


def test_thousands_of_bullet_lines_extract_in_linear_time(pool):
    def bullets(count: int) -> str:
        return "Regjeringa vil gjennomføre desse tiltaka:\n" + "\n".join(
            f"• Styrkje tilbodet nummer {i} til eldre i kommunane" for i in range(count))

    small = cpu_seconds_per_char([bullets(800) for _ in range(5)])
    large = cpu_seconds_per_char([bullets(8_000)])
    assert large / small < MAX_GROWTH, f"{large / small:.1f}x more time per character with 8,000 bullets"


def _hit(start: int, end: int) -> GazetteerHit:
    return GazetteerHit(None, Span(start, end, "x" * (end - start)))  # type: ignore[arg-type]


def _longest_first_by_pairs(hits: list[GazetteerHit]) -> list[tuple[int, int]]:
    """The definition, checked against every hit chosen so far (quadratic: the oracle)."""
    chosen: list[GazetteerHit] = []
    for hit in sorted(hits, key=lambda h: (-(h.span.end - h.span.start), h.span.start)):
        if all(hit.span.end <= c.span.start or hit.span.start >= c.span.end for c in chosen):
            chosen.append(hit)
    return [(h.span.start, h.span.end) for h in sorted(chosen, key=lambda h: h.span.start)]


def test_longest_first_keeps_the_longest_of_overlapping_hits_in_text_order():
    hits = [_hit(0, 5), _hit(3, 12), _hit(10, 14), _hit(14, 16), _hit(15, 20), _hit(2, 4)]
    assert [(h.span.start, h.span.end) for h in longest_first(hits)] == [(3, 12), (15, 20)]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)), max_size=40))
def test_longest_first_matches_its_definition(pairs):
    hits = [_hit(start, start + length) for start, length in pairs]
    assert [(h.span.start, h.span.end) for h in longest_first(hits)] == _longest_first_by_pairs(hits)


# -- limits -----------------------------------------------------------------------------------

SMALL = "Helsedirektoratet fekk i oppdrag å følgje opp planen.\n"


def big_and_small_corpus(tmp_path: Path, pool) -> Path:
    corpus = tmp_path / "korpus"
    corpus.mkdir()
    # text no other test extracts, so nothing the extractor may have cached shortens its work
    (corpus / "stor.txt").write_text(documents_of(400_000, 1, pool, first=20_000)[0], encoding="utf-8")
    (corpus / "liten.txt").write_text(SMALL, encoding="utf-8")
    return corpus


def test_a_document_past_the_time_limit_is_skipped_by_name(tmp_path, pool):
    corpus = big_and_small_corpus(tmp_path, pool)
    cpu_seconds_per_char([SMALL])   # first use of every pattern, outside the limit
    limits = DocumentLimits(max_seconds=0.25)
    report = build([corpus], store_path=tmp_path / "s", jobs=1, progress=False, check=False, limits=limits)
    assert report.documents == 1
    assert [(s.path.name, s.reason) for s in report.skipped] == [
        ("stor.txt", "took longer than the time limit of 0.25 s")]
    with pytest.raises(InputError, match="stor.txt: took longer than the time limit"):
        build([corpus], store_path=tmp_path / "s2", strict=True, jobs=1, progress=False, check=False,
              limits=limits)


def test_a_document_past_the_size_limit_is_skipped_with_one_line(tmp_path, pool):
    corpus = big_and_small_corpus(tmp_path, pool)
    proc = subprocess.run([sys.executable, "-m", "healthplan_kg.cli", "build", "--corpus", str(corpus),
                           "--store", str(tmp_path / "s"), "--no-validate", "-j", "1",
                           "--max-document-bytes", "100000"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    skipped = [line for line in proc.stderr.splitlines() if line.startswith("healthplan-kg: skipped ")]
    assert len(skipped) == 1 and "stor.txt: " in skipped[0] and "over the size limit of 100000 bytes" in skipped[0]
    report = build([corpus], store_path=tmp_path / "s2", jobs=1, progress=False, check=False,
                   limits=DocumentLimits(ReadOptions(max_bytes=10)))
    assert report.documents == 0 and len(report.skipped) == 2
