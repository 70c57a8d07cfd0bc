"""The ends of a relation: the sentence's resolved mentions, the items of an enumeration or of a
bulleted list after a cue, and the phrases that name a document the mention finder did not name.

A rule asks for "the documents after the cue"; this module answers with one entity per item of
"X, Y og Z" (a name with "og" inside it, already found as one mention, stays one item), with the
items of the bullets under a cue sentence that ends in a colon, and with a minted end where an
item names a document or body by words alone ("eldrereformen Trygg alderdom (2022)").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from healthplan_kg.extract.casefree import lowered
from healthplan_kg.extract.lists import split_enumeration
from healthplan_kg.extract.tokens import CLAUSE_WORDS
from healthplan_kg.model import EntityRef, Span

DOCUMENTISH = ("PolicyDocument", "Commission", "Initiative")
BODIES = ("Organisation", "Commission")
AGENTS = ("Organisation", "Commission", "Person")


@dataclass(frozen=True)
class Resolved:
    """A mention in a sentence with the entity it was resolved to."""

    span: Span
    entity: EntityRef


class EndFinder(Protocol):
    """What the rules need from the mention finder (``MentionFinder`` is one)."""

    def item_end(self, item: Span, *, mint: bool, kinds: tuple[str, ...] = ()) -> Resolved | None: ...

    def main_document(self) -> EntityRef | None: ...

    def commission_named(self, noun: str) -> EntityRef | None: ...


#: Letters whose case-insensitive match the regex engine and ``str.lower`` agree on (``casefree``).
_LOWER_CASE_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzæøåéüö")


def lower_case(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The IGNORECASE pattern without IGNORECASE, for the lower-cased text (``casefree.lowered``:
    one character for one): its letters are all lower case, so it finds what the pattern finds in
    the text, at the same places, several times faster."""
    letters = re.sub(r"\\.", "", pattern.pattern)   # \s, \b, \d ... are classes, not letters
    if not pattern.flags & re.IGNORECASE or any(c.isalpha() and c not in _LOWER_CASE_LETTERS for c in letters):
        raise ValueError(f"not a lower-case IGNORECASE pattern: {pattern.pattern}")
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


#: Head nouns (as stems inside a word) of policy documents and policy work.
DOCUMENT_STEM = re.compile(r"(?:melding|plan|strategi|reform|utredning|utgreiing|rapport|nou\b|lov\b|loven|"
                            r"avtale|veileder|rettleiar|retningslinje|løft|program|satsing|arbeid|notat|brev|"
                            r"budsjett|dokument|forskrift|proposisjon|handlingsplan|høringssvar|høyringssvar|"
                            r"høringsuttalelse|høyringsfråsegn)", re.IGNORECASE)
_DOCUMENT_STEM_LOW = lower_case(DOCUMENT_STEM)
#: Words that open an item naming no particular document ("tilsvarande planar frå ...").
_GENERIC_OPENING = re.compile(r"^(?:tilsvarende|tilsvarande|andre|dei\s+andre|de\s+andre|slike|liknande|"
                              r"lignende|ulike|mange|fleire|flere|alle|eksisterende|eksisterande)\b", re.IGNORECASE)
#: Where the objects of a cue end: a new clause, a purpose, a relative clause.
_TAIL_END = re.compile(r",\s+(?:og|men|som|der|slik)\b|\s+(?:for\s+å|slik\s+at|fordi|ettersom|samtidig\s+som|"
                       r"som\s+skal|som\s+vil|som\s+har|som\s+er|og\s+skal|og\s+vil|og\s+er|og\s+har|og\s+innrettes)\b|"
                       r"[.;:!?](?:\s|$)", re.IGNORECASE)
_TAIL_END_LOW = lower_case(_TAIL_END)
#: Words that end an item's name: verbs and subjunctions, not determiners ("av det allmenne").
_ITEM_STOP = CLAUSE_WORDS - {"det", "den", "de", "dei", "dette", "denne", "disse", "desse", "både"}
#: Words before an item that are not part of its name ("blant annet", "både").
_FILLER = re.compile(r"^(?:(?:blant\s+annet|mellom\s+anna|bl\.\s?a\.|f\.\s?eks\.|for\s+eksempel|både|og|eller|"
                     r"samt|også|òg)\s+)+", re.IGNORECASE)
#: A plural definite noun in apposition before a name ("brukarorganisasjonane Aurora").
_CLASSIFIER = re.compile(r"^[a-zæøå]+(?:ene|ane|erne)\s+(?=[A-ZÆØÅ])")


def documentish(label: str) -> bool:
    """Whether an item's words name a document or a piece of policy work."""
    label = label.strip()
    if not label or _GENERIC_OPENING.match(label):
        return False
    low = lowered(label)
    found = _DOCUMENT_STEM_LOW.search(low) if low is not None else DOCUMENT_STEM.search(label)
    return found is not None or label[:1].isupper()


def same_kind_of_document(a: str, b: str) -> bool:
    """Whether two document names have the same head ("Nasjonal kreftstrategi 2024-2028" and
    "kreftstrategi 2018-2022"): a new one can then replace the old."""
    head_a, head_b = DOCUMENT_STEM.findall(a), DOCUMENT_STEM.findall(b)
    return bool(head_a and head_b and head_a[-1].lower() == head_b[-1].lower())


def named(label: str) -> bool:
    """Whether an item's words are a proper name (a body named in an enumeration)."""
    label = label.strip()
    return bool(label[:1].isupper()) and not _GENERIC_OPENING.match(label)


def tail_until_clause_end(sentence: Span, start: int) -> Span:
    """The stretch of ``sentence`` from ``start`` (an offset in the text) to the end of its clause."""
    rel = start - sentence.start
    low = lowered(sentence.text)
    m = _TAIL_END_LOW.search(low, rel) if low is not None else _TAIL_END.search(sentence.text, rel)
    end = m.start() if m else len(sentence.text)
    return Span(start, sentence.start + end, sentence.text[rel:end])


def enumeration(sentence: Span, tail: Span, mentions: Sequence[Resolved]) -> list[Span]:
    """The items of "X, Y og Z" in ``tail`` (a stretch of ``sentence``); a mention that spans a
    split point stays whole."""
    local = Span(tail.start - sentence.start, tail.end - sentence.start, tail.text)
    items = [Span(i.start + sentence.start, i.end + sentence.start, i.text)
             for i in split_enumeration(sentence.text, local)] if tail.text.strip() else []
    out: list[Span] = []
    for item in items:
        covering = next((m for m in mentions if m.span.start <= item.start and item.end <= m.span.end
                         and (m.span.start < item.start or m.span.end > item.end)), None)
        if covering is not None:
            out.append(Span(covering.span.start, covering.span.end, covering.span.text))
            continue
        item = _without_filler(item)
        words = list(re.finditer(r"\S+", item.text))
        clause = next((w for w in words[1:] if w.group(0).lower() in _ITEM_STOP), None)
        if clause is None:
            out.append(item)
            continue
        # "den viktige meldinga som kom før jul": the item ends where its clause starts, and so
        # does the enumeration.
        kept = item.text[:clause.start()].rstrip()
        if kept:
            out.append(Span(item.start, item.start + len(kept), kept))
        break
    return _unique_spans(out)


def _without_filler(item: Span) -> Span:
    m = _FILLER.match(item.text)
    return Span(item.start + m.end(), item.end, item.text[m.end():]) if m else item


def _unique_spans(spans: list[Span]) -> list[Span]:
    seen: set[tuple[int, int]] = set()
    out = []
    for s in spans:
        if (s.start, s.end) not in seen:
            seen.add((s.start, s.end))
            out.append(s)
    return out


def strip_classifier(item: Span) -> Span:
    """"brukarorganisasjonane Aurora" -> "Aurora": the plural noun before a name classifies it."""
    m = _CLASSIFIER.match(item.text)
    if not m:
        return item
    return Span(item.start + m.end(), item.end, item.text[m.end():])
