"""Lists of measures, themes and priority groups, in order, with the sentence that introduces them.

The shapes that carry them: item lines (bullets "•", "-", "–", "*", "▪", "·"; numbers "1." "1)";
letters "a)") after an introducing sentence or heading, an item that wraps over several lines
joined again and explanatory sub-lines under an item left out; lines without a marker after
an introduction that ends in a colon; an enumeration inside one sentence after a colon
("…satsingsområder: a / b / c"); and an enumeration in the sentence after (or before) one that
announces it with a count ("tre innsatsområde. … a, b og c", "a, b, c og d. Det er fire sentrale
tema …"). What a list holds is decided by its introduction (``list_cues``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from healthplan_kg.extract.groups import group_phrases
from healthplan_kg.extract.list_cues import THEME_CUES, classify
from healthplan_kg.extract.text import Paragraph, sentences
from healthplan_kg.extract.tokens import CLAUSE_WORDS
from healthplan_kg.model import Span

_QUANTIFIER = re.compile(r"\b(?:flere|fleire|følgende|følgjande|noen|nokre|to|tre|fire|fem|seks|sju|syv|"
                         r"åtte|ni|ti|\d+)\b", re.IGNORECASE)
_QUESTION = re.compile(r"\?\s*$")
#: The marker that opens an item line; an en dash opens quotes too, so it needs a colon before it.
ITEM_MARKER = re.compile(r"^\s*(?:[•·▪◦*\-–]|\d{1,2}[.)]|[a-h]\))\s+")
_COUNTS = {"to": 2, "tvo": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "sju": 7, "syv": 7, "åtte": 8,
           "ni": 9, "ti": 10}
#: Lines after a colon without markers are items while they are this short.
_MAX_UNMARKED_WORDS = 25
#: Lines of explanation under one item, between two item lines.
_MAX_SUB_LINES = 2


@dataclass(frozen=True)
class FoundList:
    kind: str                       # measures | themes | priority_groups
    context: Span                   # the introducing sentence or heading
    items: tuple[Span, ...]


def _strip_item(text: str, span: Span) -> Span | None:
    start, end = span.start, span.end
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


def _item_run(text: str, paragraphs: list[Paragraph], i: int) -> tuple[list[Span], int]:
    """The items of the run of item lines starting at ``i``, and the index after the run.

    A line without a marker that wraps the item before it is joined to it; up to two lines
    between two item lines explain the item above them and are left out.
    """
    items: list[Span] = []
    first_marker = _marker_kind(_marker(paragraphs[i]))
    j = i
    last_line = paragraphs[i].span
    while j < len(paragraphs):
        para = paragraphs[j]
        marker = _marker(para)
        if marker is not None and _marker_kind(marker) != first_marker:
            break
        if marker is not None:
            item = _strip_item(text, Span(para.span.start + marker.end(), para.span.end, ""))
            if item is not None:
                items.append(item)
            last_line = para.span
            j += 1
            continue
        if items and _wraps_into(text, last_line, para):
            item = _strip_item(text, Span(items[-1].start, para.span.end, ""))
            items[-1] = item or items[-1]
            last_line = para.span
            j += 1
            continue
        if items:
            # Explanatory lines under an item: skipped when an item line of the same list follows.
            k = j
            while k < len(paragraphs) and k - j < _MAX_SUB_LINES and _marker(paragraphs[k]) is None \
                    and not paragraphs[k].span.text.endswith(":"):
                k += 1
            following = _marker(paragraphs[k]) if k < len(paragraphs) else None
            if _marker_kind(following) == first_marker:
                j = k
                continue
        break
    return items, j


def bullet_lists(text: str, paragraphs: list[Paragraph]) -> list[FoundList]:
    """Runs of item lines, classified by the paragraph (or heading) before them; and lines
    without markers after an introduction that ends in a colon."""
    found: list[FoundList] = []
    i = 0
    while i < len(paragraphs):
        marker = _marker(paragraphs[i])
        if marker is None:
            unmarked = _unmarked_list(text, paragraphs, i)
            if unmarked is not None:
                found.append(unmarked[0])
                i = unmarked[1]
            else:
                i += 1
            continue
        items, j = _item_run(text, paragraphs, i)
        intro = _introduction(text, paragraphs, i)
        if intro is not None and marker.group(0).strip() == "–" \
                and (not intro.text.rstrip().endswith(":") or len(items) < 2):
            intro = None  # a dash paragraph is a quote unless a colon announces a list
        if intro is not None:
            kind = classify(intro.text)
            if kind is None and i >= 2 and _marker(paragraphs[i - 2]) is None:
                heading = paragraphs[i - 2].span
                if len(heading.text) < 60:
                    kind = classify(heading.text)
            if kind and items and not all(_QUESTION.search(it.text) for it in items):
                found.append(FoundList(kind, intro, tuple(items)))
        i = max(j, i + 1)
    return found


#: "Innsatsområde 2: Gode tenester der folk bur": a heading that names one part of a plan by number.
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
        if len(line.split()) > _NUMBERED_PART_WORDS:
            continue
        m = _NUMBERED_PART.match(line)
        if m is None:
            continue
        item = _strip_item(text, Span(para.span.start + m.start(3), para.span.end, ""))
        if item is not None:
            head = Span(para.span.start, para.span.start + m.end(1), m.group(1))
            runs.setdefault(m.group(1).lower(), []).append((head, item))
    found: list[FoundList] = []
    for word, parts in runs.items():
        if len(parts) >= 2:
            kind = "themes" if word.startswith("tema") else "measures"
            found.append(FoundList(kind, parts[0][0], tuple(item for _, item in parts)))
    return found


def _unmarked_list(text: str, paragraphs: list[Paragraph], i: int) -> tuple[FoundList, int] | None:
    """Short lines after a paragraph ending in a colon that announces measures or themes."""
    intro_para = paragraphs[i]
    if not intro_para.span.text.rstrip().endswith(":") or i + 2 >= len(paragraphs):
        return None
    intro = _last_sentences(text, intro_para.span)
    kind = classify(intro.text)
    if kind is None or _marker(paragraphs[i + 1]) is not None:
        return None
    items: list[Span] = []
    j = i + 1
    ending = paragraphs[j].span.text.endswith(".")
    while j < len(paragraphs):
        line = paragraphs[j].span
        # Items are alike: short, one sentence each, no colon, all with or all without a full stop.
        if _marker(paragraphs[j]) is not None or ":" in line.text or line.text.endswith(".") != ending \
                or len(line.text.split()) > _MAX_UNMARKED_WORDS or len(sentences(text, line)) > 1:
            break
        item = _strip_item(text, line)
        if item is not None:
            items.append(item)
        j += 1
    count = _ANNOUNCED_COUNT.search(intro.text)
    if len(items) < 2 or (count is not None and _COUNTS[count.group(1).lower()] != len(items)):
        return None
    return FoundList(kind, intro, tuple(items)), j


def _last_sentences(text: str, para: Span) -> Span:
    """The sentence that introduces what follows; a short last sentence without a cue ("Mer
    presist:", "Dette er:") is read with the one or two sentences before it."""
    sents = sentences(text, para)
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


def _introduction(text: str, paragraphs: list[Paragraph], first_bullet: int) -> Span | None:
    if first_bullet == 0:
        return None
    return _last_sentences(text, paragraphs[first_bullet - 1].span)


def inline_lists(text: str, sentence: Span, next_sentence: Span | None) -> list[FoundList]:
    """Enumerations inside one sentence after a colon, or in the sentence after an announcing one."""
    colon = sentence.text.find(":")
    kind = classify(sentence.text[:colon + 1]) if colon > 0 else None
    kind = kind or classify(sentence.text)
    if kind is None:
        return _scope_enumeration(text, sentence)
    if colon < 0 and kind in ("themes", "measures"):
        copular = _copular_enumeration(text, sentence, kind)
        if copular:
            return copular
    if colon > 0 and colon < len(sentence.text) - 3:
        after = Span(sentence.start + colon + 1, sentence.end, sentence.text[colon + 1:])
        # Group names hold commas and "og" themselves ("kvinner gjennom svangerskap, fødsel og
        # barseltid"): they are split where the next group starts, not at every comma.
        items = group_phrases(text, after) if kind == "priority_groups" else split_enumeration(text, after)
        if len(items) >= 2:
            return [FoundList(kind, Span(sentence.start, sentence.start + colon,
                                         sentence.text[:colon]), tuple(items))]
    if kind == "measures" and next_sentence is not None and _QUANTIFIER.search(sentence.text) \
            and not sentence.text.rstrip().endswith(":"):
        body = _enumeration_prefix(text, next_sentence)
        if body is not None:
            items = split_enumeration(text, body)
            if len(items) >= 3:
                return [FoundList(kind, sentence, tuple(items))]
    return []


#: "Sentrale tema i planen er a, b og c", "Hovudgrepa er a, b og c": the list noun, then the copula.
_COPULA = re.compile(r"\b(?:er|var|blir|vert)\s+(?:blant\s+anna[et]?\s+|mellom\s+anna\s+)?", re.IGNORECASE)
#: "Meldinga skal handle om a, b og c": a document, then what it covers.
_SCOPE_VERB = re.compile(
    r"\b(?:meldingen|meldinga|planen|strategien|strategia|rapporten|utredningen|utgreiinga|"
    r"handlingsplanen|opptrappingsplanen)\s+(?:skal\s+|vil\s+)?(?:blant\s+annet\s+|mellom\s+anna\s+)?"
    r"(?:handle\s+om|handla\s+om|handler\s+om|handlar\s+om|omfatte|omfatta|omfatter|omfattar|"
    r"ta\s+for\s+seg|tar\s+for\s+seg|tek\s+for\s+seg|ta\s+opp|tar\s+opp|tek\s+opp)\s+", re.IGNORECASE)
_SHORT_ITEM_WORDS = 6
_PART_NOUNS = re.compile(r"\b(?:hoved|hovud)(?:grep|mål|satsing|område)\w*|\bsatsn?ings?område\w*|"
                         r"\binnsatsområde\w*|\bfokusområde\w*|\btiltaksområde\w*", re.IGNORECASE)
_CUE_TO_COPULA = 40


def _short_items(text: str, body: Span, least: int) -> list[Span]:
    """An enumeration of at least ``least`` short noun phrases, else nothing."""
    items = split_enumeration(text, body, max_words=_SHORT_ITEM_WORDS)
    whole = len(split_enumeration(text, body, max_words=1000))
    if len(items) < least or len(items) != whole:
        return []
    if any(word.lower() in CLAUSE_WORDS or word.lower() == "å" for it in items for word in it.text.split()):
        return []
    return items


def _copular_enumeration(text: str, sentence: Span, kind: str) -> list[FoundList]:
    """"Sentrale tema i planen er a, b og c": the items after the copula that closely follows a
    noun naming the parts of a plan (not "tiltak", whose copula is followed by descriptions)."""
    cue = (THEME_CUES if kind == "themes" else _PART_NOUNS).search(sentence.text)
    if cue is None:
        return []
    copula = _COPULA.search(sentence.text, cue.end(), cue.end() + _CUE_TO_COPULA)
    if copula is None:
        return []
    body = _body(text, sentence, sentence.start + copula.end())
    items = _short_items(text, body, 2 if kind == "themes" else 3)
    return [FoundList(kind, sentence, tuple(items))] if items else []


def _scope_enumeration(text: str, sentence: Span) -> list[FoundList]:
    """"Meldinga skal handle om a, b og c": a document's own themes in running text."""
    verb = _SCOPE_VERB.search(sentence.text)
    if verb is None:
        return []
    items = _short_items(text, _body(text, sentence, sentence.start + verb.end()), 3)
    return [FoundList("themes", sentence, tuple(items))] if items else []


def _enumeration_prefix(text: str, sentence: Span) -> Span | None:
    """"Både a, b og c trekkes frem": the enumerated stretch before the verb."""
    m = re.match(r"^(?:både|baade|blant annet|mellom anna|bl\.a\.)?\s*", sentence.text, re.IGNORECASE)
    start = sentence.start + (m.end() if m else 0)
    words = list(re.finditer(r"[\wæøåÆØÅ-]+", text[start:sentence.end]))
    for w in words:
        token = w.group(0).lower()
        if token in CLAUSE_WORDS or (token.endswith(("es", "ast")) and len(token) > 5 and w.start() > 0):
            end = start + w.start()
            stretch = text[start:end].rstrip()
            if "," in stretch and " og " in f" {stretch} ":
                return Span(start, start + len(stretch), stretch)
            return None
    return None


_ANNOUNCED_COUNT = re.compile(r"\b(" + "|".join(_COUNTS) + r")\s+(?:[\w-]+\s+){0,2}?[\w-]+", re.IGNORECASE)
_ANAPHOR = re.compile(r"^(?:det|dette|dei|de|desse|disse)\s+(?:er|var|blir|vert)\b", re.IGNORECASE)
_OXFORD_AND = re.compile(r"^(?:og|eller|samt)\s+", re.IGNORECASE)
#: Words after which an enumeration may start in the sentence after its announcement.
_ENUMERATION_OPENERS = frozenset("på om mot til er blir vert med : innføre innføra etablere".split())
_SPEECH_TAIL = re.compile(r",?\s+(?:sier|seier|skriv|skriver|sa|meiner|mener)\s+[^,]*$")


def counted_lists(text: str, sents: list[Span]) -> list[FoundList]:
    """Enumerations a neighbouring sentence announces with a count.

    "Vi har tre innsatsområde. Me vil satse på a, b og c." and "a, b, c og d. Det er fire
    sentrale tema ...": the count must equal the number of items, which is what tells an
    announced enumeration from any sentence with commas in it.
    """
    found: list[FoundList] = []
    for k, sentence in enumerate(sents):
        count_match = _ANNOUNCED_COUNT.search(sentence.text)
        if count_match is None or sentence.text.rstrip().endswith(":"):
            continue
        kind = classify(sentence.text)
        if kind is None:
            continue
        count = _COUNTS[count_match.group(1).lower()]
        if _ANAPHOR.match(sentence.text) and k > 0:
            items = split_enumeration(text, _body(text, sents[k - 1], sents[k - 1].start))
            if len(items) == count:
                found.append(FoundList(kind, sentence, tuple(items)))
                continue
        if k + 1 < len(sents):
            items = _enumeration_of(text, sents[k + 1], count)
            if items:
                found.append(FoundList(kind, sentence, tuple(items)))
    return found


def _body(text: str, sentence: Span, start: int) -> Span:
    """The stretch of ``sentence`` from ``start`` without end punctuation or a speech tag."""
    end = sentence.end
    tail = _SPEECH_TAIL.search(text, start, end)
    if tail is not None:
        end = tail.start()
    while end > start and text[end - 1] in ".!?»\"' ":
        end -= 1
    return Span(start, end, text[start:end])


def _enumeration_of(text: str, sentence: Span, count: int) -> list[Span]:
    """An enumeration of exactly ``count`` items in ``sentence``, after a verb or preposition."""
    words = list(re.finditer(r"[\wæøåÆØÅ-]+|:", sentence.text))
    first_comma = sentence.text.find(",")
    for w in words:
        if first_comma >= 0 and w.start() > first_comma:
            break
        if w.group(0).lower() not in _ENUMERATION_OPENERS:
            continue
        items = split_enumeration(text, _body(text, sentence, sentence.start + w.end()), max_words=16)
        if len(items) == count and not any(t.lower() in CLAUSE_WORDS for t in items[0].text.split()):
            return items
    return []


def split_enumeration(text: str, span: Span, *, max_words: int = 12) -> list[Span]:
    """Items of "a / b / c", "a; b; c" or "a, b og c" (hyphen coordination "helse- og" kept;
    "a, b, og c" with a comma before "og" splits at the commas only)."""
    body = span.text
    if " / " in body or ";" in body:
        parts = re.split(r"\s+/\s+|;\s*", body)
    else:
        parts = re.split(r",\s+", body)
        if parts and _OXFORD_AND.match(parts[-1]) and len(parts) > 1:
            parts[-1] = _OXFORD_AND.sub("", parts[-1])
        elif parts:
            tail = re.split(r"(?<!-)\s+(?:og|eller|samt)\s+", parts[-1])
            parts = parts[:-1] + tail
    items: list[Span] = []
    pos = span.start
    for part in parts:
        idx = text.find(part, pos, span.end)
        if idx < 0:
            continue
        pos = idx + len(part)
        item = _strip_item(text, Span(idx, idx + len(part), part))
        if item and 0 < len(item.text.split()) <= max_words:
            items.append(item)
    return items
