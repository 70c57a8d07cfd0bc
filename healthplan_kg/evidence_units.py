"""Evidence units: one Web Annotation per sentence (or list item), shared by the facts stated there.

Why: a fact used to carry its own annotation, target and two selectors, the quote selector
repeating the sentence, ~19 quads per fact and four fifths of the graph. A sentence states
several facts (the mentions in it, its relation, its event), so the annotation is written once
per *unit* and each fact keeps only what is its own: its class, ``hp:evidence`` (the unit's
annotation), and its own character offsets ``hp:start``/``hp:end`` into the source's
``hp:fullText``. Every fact still gives its source (the named graph's ``hp:SourceDocument``,
which is also the annotation target's ``oa:hasSource``), its exact span and its sentence.

The unit of a span is the list it lies in, when that list's items stand on lines of their own (a
bulleted or numbered list, with the sentence that introduces it right above: one annotation for
the whole list rather than one per item, as its items are short and each states a fact or two);
else the sentence (``extract.text.all_sentences``) that contains it; else, for a span no
sentence contains (a quote over several sentences or paragraphs), the span itself. A fact's own
words are always at hand: its ``hp:start``/``hp:end`` cut them out of the unit's ``oa:exact``.
A unit's IRI is derived from the source's content hash and the unit's offsets, so the same text
always gives the same units (a build is deterministic) and documents can be mapped in parallel.

The unit, written with the W3C Web Annotation vocabulary (docs/graph-model.md)::

    id:evidence/{hash16}/{start}-{end}          a oa:Annotation ; oa:hasTarget …/target .
    id:evidence/{hash16}/{start}-{end}/target   oa:hasSource id:source/{hash16} ;
                                                oa:hasSelector …/position, …/quote ;
                                                hp:page 17 .   # a paged source (PDF) only
    id:evidence/{hash16}/{start}-{end}/position oa:start 120 ; oa:end 245 .
    id:evidence/{hash16}/{start}-{end}/quote    oa:exact "…the sentence…" .

The target and selectors are untyped: what they are follows from the property that reaches them
(``oa:hasTarget``, ``oa:hasSelector`` with ``oa:start`` or ``oa:exact``), which is how the shapes
and queries find them, and the ontology declares the ranges.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from healthplan_kg.extract.text import all_sentences
from healthplan_kg.model import SourceText, Span
from healthplan_kg.namespaces import HP, ID, OA, RDF, XSD

#: What may stand between a list's introducing sentence and its first item for the two to share
#: one unit: blank space and bullet or number marks.
_BETWEEN = " \t\r\n\u00a0•·▪*-–—0123456789.)"
#: Object kinds of a unit triple: an IRI, a non-negative / positive integer, a plain string.
IRI, NON_NEGATIVE, POSITIVE, STRING = "iri", "nonNegativeInteger", "positiveInteger", "string"


@dataclass(frozen=True)
class Unit:
    """One annotated stretch of the source: its IRI and its span."""

    iri: str
    span: Span


class EvidenceUnits:
    """The evidence units of one source text, found as facts ask for them.

    ``unit_of(span)`` gives the unit a fact stated at ``span`` points to, and whether it is new
    (its quads not yet written); the sentences are split once, on the first request.
    """

    def __init__(self, source: SourceText, lists: Iterable[tuple[Span, Iterable[Span]]] = ()) -> None:
        """``lists``: each list the extraction found, as (its introducing sentence, its items)."""
        self.source = source
        self.prefix = f"{ID}evidence/{source.content_hash[:16]}/"
        self._sentences: list[Span] | None = None
        self._starts: list[int] = []
        self._units: dict[tuple[int, int], Unit] = {}
        self._lists = sorted(self._list_blocks(lists), key=lambda span: (span.start, -span.end))
        self._list_starts = [span.start for span in self._lists]

    def _list_blocks(self, lists: Iterable[tuple[Span, Iterable[Span]]]) -> Iterator[Span]:
        """Each list from its first item to its last, when no one sentence holds them all; with
        the sentence that introduces it when nothing but blank space and bullets stands between."""
        text = self.source.text
        for context, items in lists:
            spans = list(items)
            if len(spans) < 2:
                continue
            start, end = min(s.start for s in spans), max(s.end for s in spans)
            if self._sentence_around(Span(start, end, text[start:end])) is not None:
                continue
            if context.end <= start and not text[context.end:start].strip(_BETWEEN):
                start = min(start, context.start)
            yield Span(start, end, text[start:end])

    def _sentence_around(self, span: Span) -> Span | None:
        if self._sentences is None:
            self._sentences = all_sentences(self.source.text)
            self._starts = [s.start for s in self._sentences]
        i = bisect.bisect_right(self._starts, span.start) - 1
        if i >= 0:
            sentence = self._sentences[i]
            if sentence.start <= span.start and span.end <= sentence.end:
                return sentence
        return None

    def _list_around(self, span: Span) -> Span | None:
        i = bisect.bisect_right(self._list_starts, span.start) - 1
        while i >= 0:
            block = self._lists[i]
            if block.start <= span.start and span.end <= block.end:
                return block
            i -= 1
        return None

    def unit_of(self, span: Span) -> tuple[Unit, bool]:
        """The unit that holds ``span``, and True when it is asked for the first time."""
        around = self._list_around(span) or self._sentence_around(span) or span
        key = (around.start, around.end)
        unit = self._units.get(key)
        if unit is not None:
            return unit, False
        unit = self._units[key] = Unit(f"{self.prefix}{around.start}-{around.end}", around)
        return unit, True

    def triples(self, unit: Unit, source_iri: str) -> Iterator[tuple[str, str, str, object]]:
        """The unit's quads as ``(subject IRI, predicate IRI, object kind, object value)``; the
        mapper spells them (pyoxigraph terms or N-Quads text)."""
        target, position, quote = unit.iri + "/target", unit.iri + "/position", unit.iri + "/quote"
        yield unit.iri, RDF + "type", IRI, OA + "Annotation"
        yield unit.iri, OA + "hasTarget", IRI, target
        yield target, OA + "hasSource", IRI, source_iri
        yield target, OA + "hasSelector", IRI, position
        yield target, OA + "hasSelector", IRI, quote
        page = self.source.page_at(unit.span.start)
        if page is not None:   # a paged source (PDF): the page the unit begins on
            yield target, HP + "page", POSITIVE, page
        yield position, OA + "start", NON_NEGATIVE, unit.span.start
        yield position, OA + "end", NON_NEGATIVE, unit.span.end
        yield quote, OA + "exact", STRING, unit.span.text


#: The datatype IRI of each integer kind.
DATATYPES = {NON_NEGATIVE: XSD + NON_NEGATIVE, POSITIVE: XSD + POSITIVE}
