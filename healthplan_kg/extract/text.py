"""Paragraphs and sentences with their character offsets.

Every later step works on these spans, so a fact can always point back at the sentence that
states it. Sentence splitting knows the abbreviations Norwegian policy texts are full of
(``Meld. St.``, ``St.meld. nr.``, ``bl.a.``, ``f.eks.``) so an identifier is never cut in two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from healthplan_kg.model import Span

BULLET = re.compile(r"^\s*(?:[•·▪*\-]|\d{1,2}[.)])\s+")
#: What a ``BULLET`` line starts with after its space, but for a digit (``\d``: ``str.isdecimal``).
_BULLET_FIRST = "•·▪*-"
QUOTE_DASH = re.compile(r"^\s*[–—]\s*")

# Tokens after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "meld", "st", "nr", "prop", "innst", "bl", "a", "f", "eks", "jf", "jfr", "ca", "kl", "dvs", "mv",
    "mfl", "pkt", "kap", "ref", "evt", "inkl", "ekskl", "tlf", "hhv", "bla", "osv", "m", "fl", "dr",
    "prof", "stud", "ass", "adm", "dir", "avd", "nasj", "s", "t", "o", "v", "nou",
}
#: The letters a word before a full stop is made of (see ``_is_abbreviation``).
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzÆØÅæøå"
#: A sentence ends in end marks (and perhaps a closing quote) before a capital or a number, or
#: at the paragraph's end. Written with one mark first, then the rest: a pattern that starts
#: with a character class lets the regex engine skip to the next mark instead of trying every
#: position (``[.!?…]+`` first would not); the two endings share the marks, which either takes
#: in full (taking fewer leaves a mark where space must follow).
_SENTENCE_END = re.compile(r"[.!?…][.!?…]*[»\"”']?(?:(?=\s+[«\"“(–—]?[A-ZÆØÅ0-9])|\s*$)")


@dataclass(frozen=True)
class Paragraph:
    """A block of text between line breaks; ``bullet`` says whether it is a list item."""

    span: Span
    bullet: bool


def _span(text: str, start: int, end: int) -> Span:
    """``text[start:end]`` without the white space at either end (``str.strip`` strips exactly
    the characters ``str.isspace`` holds to be space)."""
    chunk = text[start:end]
    stripped = chunk.strip()
    if len(stripped) == len(chunk):
        return Span(start, end, chunk)
    if not stripped:
        return Span(end, end, "")
    start += len(chunk) - len(chunk.lstrip())
    return Span(start, start + len(stripped), stripped)


class _LastText:
    """The result of one function for the last text it was asked about.

    Why: a document's paragraphs and sentences are asked for by several steps (the extractor,
    the body finder, the evidence units of the mapping) which do not share objects; splitting
    the same text again was a tenth of the extraction. One entry suffices, since a process works
    on one document at a time. Callers get a copy of the list, so none can change another's.
    """

    def __init__(self) -> None:
        # one tuple, replaced whole: a thread reading it never pairs one text with another's value
        self.entry: tuple[str | None, list] = (None, [])

    def get(self, text: str) -> list | None:
        kept, value = self.entry
        if kept is not None and (kept is text or kept == text):
            return list(value)
        return None

    def put(self, text: str, value: list) -> list:
        self.entry = (text, value)
        return list(value)


_PARAGRAPHS = _LastText()
_SENTENCES = _LastText()


def paragraphs(text: str) -> list[Paragraph]:
    """Every non-empty line as a paragraph (texts put one paragraph or list item per line)."""
    cached = _PARAGRAPHS.get(text)
    if cached is not None:
        return cached
    return _PARAGRAPHS.put(text, _paragraphs(text))


def _paragraphs(text: str) -> list[Paragraph]:
    out: list[Paragraph] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            # ``_span(text, pos, pos + len(line))`` from the stripped line at hand (``BULLET``'s
            # ``\s`` is the space ``strip`` removes: a bullet's line starts with its mark or a digit)
            start = pos + len(line) - len(line.lstrip())
            first = stripped[0]
            bullet = (first in _BULLET_FIRST or first.isdecimal()) and BULLET.match(line) is not None
            out.append(Paragraph(Span(start, start + len(stripped), stripped), bullet))
        pos += len(line) + 1
    return out


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` ends an abbreviation: the word before it (its last run
    of letters, with nothing but full stops after it, within 40 characters; a final line break
    aside) is a known abbreviation or a single letter. Cut with ``rstrip``, which finds the
    same word the search ``([A-Za-zÆØÅæøå]+)\\.*$`` finds, without a regex match per stop."""
    before = text[max(0, dot - 40):dot]
    if before.endswith("\n"):
        before = before[:-1]
    stem = before.rstrip(".")
    word = stem[len(stem.rstrip(_LETTERS)):]
    if not word:
        return False
    return len(word) == 1 or word.casefold() in _ABBREVIATIONS


def sentences(text: str, within: Span | None = None) -> list[Span]:
    """The sentences of ``text`` (or of one span of it), each as a span of the whole text."""
    base = within.start if within else 0
    chunk = within.text if within else text
    out: list[Span] = []
    start = 0
    for match in _SENTENCE_END.finditer(chunk):
        if chunk[match.start()] == "." and _is_abbreviation(chunk, match.start()):
            continue
        end = match.end()
        span = _span(text, base + start, base + end)
        if span.text:
            out.append(span)
        start = end
    if start < len(chunk):
        span = _span(text, base + start, base + len(chunk))
        if span.text:
            out.append(span)
    return out


def all_sentences(text: str, paras: list[Paragraph] | None = None) -> list[Span]:
    """Sentences of every paragraph: a sentence never runs over a line break. ``paras`` are
    ``paragraphs(text)`` where the caller has them already (so the result depends on ``text``
    alone, and is kept for the next caller that asks about the same text)."""
    cached = _SENTENCES.get(text)
    if cached is not None:
        return cached
    out: list[Span] = []
    for para in paras if paras is not None else paragraphs(text):
        out.extend(sentences(text, para.span))
    return _SENTENCES.put(text, out)


def containing(spans: list[Span], start: int, end: int) -> Span | None:
    """The span (sentence, paragraph) that contains the stretch ``start:end``."""
    for span in spans:
        if span.start <= start and end <= span.end:
            return span
    return None
