"""Extraction never fails on text it was not written for, and every span it reports is exact.

Random cuts of real documents (the bundled corpus) and random character soup, seeded so a
failure is reproducible: whatever the input, extraction returns, mapping returns, and every
mention, quote, list item and relation points at exactly the characters it quotes.
"""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import pytest

from healthplan_kg.extract import Extractor
from healthplan_kg.mapping import to_quads
from healthplan_kg.model import SourceText
from healthplan_kg.readers import find_documents, read_document
from healthplan_kg.resources import corpus_dir

_ALPHABET = "abcæøå ABCÆØÅ–-•.,:;!?«»()\n0123456789"


def _inputs(count: int) -> list[str]:
    texts = [read_document(f).text for f in find_documents(corpus_dir())]
    rnd = random.Random(20261122)
    out = []
    for _ in range(count):
        text = rnd.choice(texts)
        start, end = sorted(rnd.sample(range(len(text)), 2))
        piece = text[start:end]
        if rnd.random() < 0.25:
            piece = "".join(rnd.choice(_ALPHABET) for _ in range(rnd.randint(0, 300)))
        if rnd.random() < 0.2:
            piece = piece.replace(" ", "\n", rnd.randint(0, 5))
        out.append(piece)
    return out


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.from_reference()


def test_random_cuts_extract_and_map_with_exact_spans(extractor: Extractor) -> None:
    for text in _inputs(300):
        source = SourceText(path=Path("cut.txt"), source="cut.txt", format="txt", text=text,
                            content_hash=hashlib.sha256(text.encode()).hexdigest())
        extraction = extractor.extract(source)
        assert to_quads(extraction) is not None
        spans = [m.span for m in extraction.mentions] + [q.span for q in extraction.quotes]
        spans += [r.evidence for r in extraction.relations]
        spans += [i.span for lst in extraction.lists for i in lst.items]
        for span in spans:
            assert text[span.start:span.end] == span.text, (text, span)
