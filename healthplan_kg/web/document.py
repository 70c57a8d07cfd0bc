"""A source text cut into segments at every fact's boundaries, so each extracted fact can be marked at its span.

Facts overlap (a mention inside a quote inside a sentence an event was read from), so the text is
split at every start and end offset, and each segment knows every fact that covers it. One sweep
over the sorted boundaries: linear in the text's facts, not facts x segments.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass
class Segment:
    text: str
    facts: list[int]        # indexes into the facts list, outermost (earliest, longest) first


def annotate(text: str, facts: Sequence[dict]) -> list[Segment]:
    """``text`` as segments; ``facts`` rows with integer-like ``start`` and ``end`` (end exclusive).
    A fact whose offsets fall outside the text is left out rather than marking the wrong words."""
    spans: list[tuple[int, int, int]] = []
    for index, fact in enumerate(facts):
        try:
            start, end = int(fact["start"]), int(fact["end"])
        except (TypeError, ValueError, KeyError):
            continue
        if 0 <= start < end <= len(text):
            spans.append((start, end, index))
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    starting: dict[int, list[tuple[int, int, int]]] = {}
    for span in sorted(spans, key=lambda s: (s[0], -s[1], s[2])):
        starting.setdefault(span[0], []).append(span)
    open_spans: list[tuple[int, int, int]] = []
    segments: list[Segment] = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        open_spans = [s for s in open_spans if s[1] > left] + starting.get(left, [])
        segments.append(Segment(text[left:right], [s[2] for s in open_spans]))
    return segments
