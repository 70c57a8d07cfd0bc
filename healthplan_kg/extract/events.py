"""Dated events: a document presented or launched, a deadline for input, an article published.

A date in a sentence becomes an event when a cue in the same sentence says what happened
("lansert 1. mars", "innen 15. september 2022", "legges fram … i juni 2020"); a day without a
year takes the year of the document's own publication date. The document's own publication
and update dates are events too.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from healthplan_kg.extract.cue_filter import CueFilter
from healthplan_kg.extract.dates import find_dates
from healthplan_kg.model import DocumentMetadata, Event, Span

if TYPE_CHECKING:
    from healthplan_kg.extract.mentions import MentionFinder

_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("deadline", re.compile(r"\b(?:innen|innan|frist|fristen|seinast|senest|seinast)\b", re.IGNORECASE)),
    ("presented", re.compile(r"\b(?:lansert|lanserte|lanseres|lanserast|lagt\s+fram|lagt\s+frem|la\s+fram|"
                             r"la\s+frem|legges\s+fram|leggjast\s+fram|presentert|presenterte|"
                             r"presenteres|overlevert|overleverte|levert|leverte|fremmes|fremja)\b",
                             re.IGNORECASE)),
    ("appointed", re.compile(r"\b(?:oppnevnt|oppnemnd|nedsatt|sett\s+ned|satt\s+ned)\b", re.IGNORECASE)),
    ("published", re.compile(r"\b(?:publisert|publiserte|publisera|publisere|kom\s+ut|gitt\s+ut)\b",
                             re.IGNORECASE)),
    ("updated", re.compile(r"\b(?:oppdatert|revidert|endret|endra)\b", re.IGNORECASE)),
]

#: The words some cue above cannot be found without (``cue_filter``): a sentence holding none of
#: them has no event, so its dates are not looked for (most sentences; their words are known).
_ANY_CUE_WORDS = CueFilter(*(cue for _, cue in _CUES))

#: A sentence that is the document's own date line ("Publisert 1. mars", "Sist endra").
_DATE_LINE = re.compile(r"^\s*(?:•\s*)?(?:først\s+|fyrst\s+)?(?:publisert|sist|siste)\b", re.IGNORECASE)


def find_events(text: str, sentences: list[Span], finder: MentionFinder,
                metadata: DocumentMetadata) -> list[Event]:
    year = int(metadata.published[:4]) if metadata.published else None
    events: list[Event] = []
    for sentence in sentences:
        if _DATE_LINE.match(sentence.text) or not _ANY_CUE_WORDS.may_match(sentence.text):
            continue
        dates = find_dates(sentence.text, default_year=year)
        if not dates:
            continue
        kind = next((k for k, cue in _CUES if cue.search(sentence.text)), None)
        if kind is None:
            continue
        about = finder.document_in(sentence)
        for found in dates:
            label = sentence.text if len(sentence.text) <= 160 else sentence.text[:157] + "..."
            events.append(Event(kind=kind, date=found.iso, label=label, evidence=sentence, about=about))
    return events
