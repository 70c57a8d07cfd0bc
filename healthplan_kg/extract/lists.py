"""Lists written line by line: measures, themes and priority groups, in order, with the
sentence or heading that introduces them.

The shapes: item lines (bullets "•", "-", "–", "*", "▪", "·"; numbers "1." "1)"; letters "a)")
after an introducing sentence or heading, an item that wraps over several lines joined again,
explanatory lines and sub-items under an item left out; lines without a marker after an
introduction that ends in a colon; a plan's parts named by numbered headings ("Innsatsområde
1: …"). What a list holds is decided by its introduction (``list_cues``); enumerations inside
running text are in ``sentence_lists``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from healthplan_kg.extract.list_cues import classify
from healthplan_kg.extract.text import Paragraph, sentences
from healthplan_kg.model import Span

QUANTIFIER = re.compile(r"\b(?:flere|fleire|følgende|følgjande|noen|nokre|to|tre|fire|fem|seks|sju|syv|"
                        r"åtte|ni|ti|\d+)\b", re.IGNORECASE)
_QUESTION = re.compile(r"\?\s*$")
#: The marker that opens an item line; an en dash opens quotes too, so it needs a colon before it.
ITEM_MARKER = re.compile(r"^\s*(?:[•·▪◦*\-–]|\d{1,2}[.)]|[a-h]\))\s+")
COUNTS = {"to": 2, "tvo": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "sju": 7, "syv": 7, "åtte": 8,
          "ni": 9, "ti": 10}
#: A count before a list noun: "tre innsatsområde", "fire sentrale tema".
ANNOUNCED_COUNT = re.compile(r"\b(" + "|".join(COUNTS) + r")\s+(?:[\w-]+\s+){0,2}?[\w-]+", re.IGNORECASE)
#: Lines after a colon without markers are items while they are this short.
_MAX_UNMARKED_WORDS = 25
#: Lines of explanation under one item, between two item lines.
_MAX_SUB_LINES = 2
#: Sub-items (another kind of marker) under one item.
_MAX_SUB_ITEMS = 8


@dataclass(frozen=True)
class FoundList:
    kind: str                       # measures | themes | priority_groups
    context: Span                   # the introducing sentence or heading
    items: tuple[Span, ...]


def strip_item(text: str, span: Span) -> Span | None:
    return _stripped(text, span.start, span.end)


def _stripped(text: str, start: int, end: int) -> Span | None:
    """``strip_item`` of the stretch ``start:end`` (no span made for the stretch itself)."""
    while start < end and (text[start] in " \t•·▪◦*-–/;:" or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in " \t.;,:" or text[end - 1].isspace()):
        end -= 1
    return Span(start, end, text[start:end]) if end > start else None


def _marker(para: Paragraph) -> re.Match[str] | None:
    return ITEM_MARKER.match(para.span.text)


def _marker_kind(marker: re.Match[str] | None) -> str:
    """Items of one list share their kind of marker: the symbol, or "1" for numbers, "a" for letters."""
    if marker is None:
        return ""
    sign = marker.group(0).strip()[:1]
    return "1" if sign.isdigit() else "a" if sign.isalpha() else sign


def _wraps_into(text: str, line: Span, para: Paragraph) -> bool:
    """``para`` continues the item ending on ``line`` (no blank line, no end punctuation, lower case)."""
    gap = text[line.end:para.span.start]
    return gap.count("\n") == 1 and not line.text.endswith((".", "!", "?", ":")) \
        and para.span.text[:1].islower()


#: Each paragraph's item marker (``_marker``) and kind of marker (``_marker_kind``), by index:
#: a run of items asks them of each line several times.
_Marks = tuple[list[re.Match[str] | None], list[str]]


def _item_run(text: str, paragraphs: list[Paragraph], i: int, marks: _Marks) -> tuple[list[Span], int]:
    """The items of the run of item lines starting at ``i``, and the index after the run.

    A line without a marker that wraps the item before it is joined to it; up to two lines
    without a marker, or sub-items under another kind of marker, between two item lines belong
    to the item above them and are left out.
    """
    items: list[Span] = []
    markers, kinds = marks
    first_marker = kinds[i]
    j, n = i, len(paragraphs)
    last_line = paragraphs[i].span
    while j < n:
        para = paragraphs[j]
        marker = markers[j]
        if marker is not None and kinds[j] == first_marker:
            item = _stripped(text, para.span.start + marker.end(), para.span.end)
            if item is not None:
                items.append(item)
            last_line = para.span
            j += 1
            continue
        if marker is None and items and _wraps_into(text, last_line, para):
            item = _stripped(text, items[-1].start, para.span.end)
            items[-1] = item or items[-1]
            last_line = para.span
            j += 1
            continue
        if items:
            # Explanatory lines and sub-items under an item: skipped when an item line of the
            # same list follows.
            k, unmarked, nested = j, 0, 0
            while k < n and kinds[k] != first_marker \
                    and not paragraphs[k].span.text.endswith(":"):
                if markers[k] is None:
                    unmarked += 1
                else:
                    nested += 1
                if unmarked > _MAX_SUB_LINES or nested > _MAX_SUB_ITEMS:
                    break
                k += 1
            if k < n and kinds[k] == first_marker \
                    and unmarked <= _MAX_SUB_LINES and nested <= _MAX_SUB_ITEMS:
                j = k
                continue
        break
    return items, j


def _marks(paragraphs: list[Paragraph]) -> _Marks:
    # ``_marker`` and ``_marker_kind`` of each paragraph, without a call for each (most have no marker)
    match = ITEM_MARKER.match
    markers = [match(para.span.text) for para in paragraphs]
    return markers, ["" if marker is None else _marker_kind(marker) for marker in markers]


class _SentencesOf:
    """The sentences of one paragraph: ``text.sentences(text, paragraph)``, or the same taken
    from the document's sentences when they are given (each paragraph's, in order)."""

    def __init__(self, text: str, sents: list[Span] | None) -> None:
        self.text, self.sents = text, sents
        self.starts = [s.start for s in sents] if sents is not None else []

    def __call__(self, para: Span) -> list[Span]:
        if self.sents is None:
            return sentences(self.text, para)
        first = bisect_left(self.starts, para.start)
        return self.sents[first:bisect_left(self.starts, para.end, first)]


def bullet_lists(text: str, paragraphs: list[Paragraph], sents: list[Span] | None = None) -> list[FoundList]:
    """Runs of item lines, classified by the paragraph (or heading) before them; and lines
    without markers after an introduction that ends in a colon.

    ``sents`` are ``text.all_sentences(text, paragraphs)`` where the caller has them: a
    paragraph's sentences are then taken from them, not split again.
    """
    found: list[FoundList] = []
    marks = _marks(paragraphs)
    markers = marks[0]
    split = _SentencesOf(text, sents)
    i = 0
    while i < len(paragraphs):
        marker = markers[i]
        if marker is None:
            # (most paragraphs do not end in a colon, which ``_unmarked_list`` asks first)
            unmarked = _unmarked_list(text, paragraphs, i, markers, split) \
                if paragraphs[i].span.text.rstrip().endswith(":") else None
            if unmarked is not None:
                found.append(unmarked[0])
                i = unmarked[1]
            else:
                i += 1
            continue
        items, j = _item_run(text, paragraphs, i, marks)
        intro = _introduction(text, paragraphs, i, split)
        if intro is not None and marker.group(0).strip() == "–" \
                and (not intro.text.rstrip().endswith(":") or len(items) < 2):
            intro = None  # a dash paragraph is a quote unless a colon announces a list
        if intro is not None:
            kind = classify(intro.text)
            if kind is None and i >= 2 and markers[i - 2] is None:
                heading = paragraphs[i - 2].span
                if len(heading.text) < 60:
                    kind = classify(heading.text)
            if kind and items and not all(_QUESTION.search(it.text) for it in items):
                found.append(FoundList(kind, intro, tuple(items)))
        i = max(j, i + 1)
    return found


#: "Innsatsområde 2: Betre leiing i kommunane": a heading that names one part of a plan by number.
_NUMBERED_PART = re.compile(
    r"^((?:hoved|hovud)grep|(?:hoved|hovud)mål|mål|satsn?ings?område|innsatsområde|fokusområde|"
    r"tiltaksområde|tema|temaområde|tiltak)\s+(\d{1,2})\s*[:.–-]\s+(\S.*)$", re.IGNORECASE)
_NUMBERED_PART_WORDS = 15


def numbered_parts(text: str, paragraphs: list[Paragraph]) -> list[FoundList]:
    """A plan's parts named by numbered headings ("Innsatsområde 1: …", "Innsatsområde 2: …"),
    wherever they stand in the text: one list per heading word, items in the order written."""
    runs: dict[str, list[tuple[Span, Span]]] = {}
    for para in paragraphs:
        line = para.span.text
        m = _NUMBERED_PART.match(line)   # asked first: most lines fail it at their first word
        if m is None or len(line.split()) > _NUMBERED_PART_WORDS:
            continue
        item = _stripped(text, para.span.start + m.start(3), para.span.end)
        if item is not None:
            head = Span(para.span.start, para.span.start + m.end(1), m.group(1))
            runs.setdefault(m.group(1).lower(), []).append((head, item))
    found: list[FoundList] = []
    for word, parts in runs.items():
        if len(parts) >= 2:
            kind = "themes" if word.startswith("tema") else "measures"
            found.append(FoundList(kind, parts[0][0], tuple(item for _, item in parts)))
    return found


def _unmarked_list(text: str, paragraphs: list[Paragraph], i: int, markers: list[re.Match[str] | None],
                   split: _SentencesOf) -> tuple[FoundList, int] | None:
    """Short lines after a paragraph ending in a colon that announces measures or themes."""
    intro_para = paragraphs[i]
    if not intro_para.span.text.rstrip().endswith(":") or i + 2 >= len(paragraphs):
        return None
    intro = _last_sentences(text, intro_para.span, split(intro_para.span))
    kind = classify(intro.text)
    if kind is None or markers[i + 1] is not None:
        return None
    items: list[Span] = []
    j = i + 1
    ending = paragraphs[j].span.text.endswith(".")
    while j < len(paragraphs):
        line = paragraphs[j].span
        # Items are alike: short, one sentence each, no colon, all with or all without a full stop.
        if markers[j] is not None or ":" in line.text or line.text.endswith(".") != ending \
                or len(line.text.split()) > _MAX_UNMARKED_WORDS or len(split(line)) > 1:
            break
        item = strip_item(text, line)
        if item is not None:
            items.append(item)
        j += 1
    count = ANNOUNCED_COUNT.search(intro.text)
    if len(items) < 2 or (count is not None and COUNTS[count.group(1).lower()] != len(items)):
        return None
    return FoundList(kind, intro, tuple(items)), j


def _last_sentences(text: str, para: Span, sents: list[Span]) -> Span:
    """The sentence that introduces what follows; a short last sentence without a cue ("Mer
    presist:", "Dette er:") is read with the one or two sentences before it (``sents`` are
    those of ``para``)."""
    if not sents:
        return para
    last = sents[-1]
    if len(last.text.split()) < 5 and classify(last.text) is None:
        for back in (2, 3):
            if len(sents) >= back:
                joined = Span(sents[-back].start, last.end, text[sents[-back].start:last.end])
                if classify(joined.text) is not None:
                    return joined
    return last


def _introduction(text: str, paragraphs: list[Paragraph], first_bullet: int, split: _SentencesOf) -> Span | None:
    if first_bullet == 0:
        return None
    before = paragraphs[first_bullet - 1].span
    return _last_sentences(text, before, split(before))


_OXFORD_AND = re.compile(r"^(?:og|eller|samt)\s+", re.IGNORECASE)
#: Where an enumeration splits: slashes or semicolons, commas, and a last "og" (not "helse- og").
_SLASH_OR_SEMICOLON = re.compile(r"\s+/\s+|;\s*")
_COMMA = re.compile(r",\s+")
_LAST_AND = re.compile(r"(?<!-)\s+(?:og|eller|samt)\s+")


def split_enumeration(text: str, span: Span, *, max_words: int = 12) -> list[Span]:
    """Items of "a / b / c", "a; b; c" or "a, b og c" (hyphen coordination "helse- og" kept;
    "a, b, og c" with a comma before "og" splits at the commas only)."""
    body = span.text
    if " / " in body or ";" in body:
        parts = _SLASH_OR_SEMICOLON.split(body)
    else:
        parts = _COMMA.split(body)
        if parts and _OXFORD_AND.match(parts[-1]) and len(parts) > 1:
            parts[-1] = _OXFORD_AND.sub("", parts[-1])
        elif parts:
            tail = _LAST_AND.split(parts[-1])
            parts = parts[:-1] + tail
    items: list[Span] = []
    pos = span.start
    for part in parts:
        idx = text.find(part, pos, span.end)
        if idx < 0:
            continue
        pos = idx + len(part)
        item = _stripped(text, idx, idx + len(part))
        if item and 0 < len(item.text.split()) <= max_words:
            items.append(item)
    return items
