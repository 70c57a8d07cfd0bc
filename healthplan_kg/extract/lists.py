"""Lists of measures, themes and priority groups, in order, with the sentence that introduces them.

Three shapes carry them: bulleted or numbered lines after an introducing sentence or heading;
an enumeration inside one sentence after a colon ("…satsingsområder: a / b / c"); and an
enumeration in the sentence after one that announces it ("flere tiltak …. Både a, b og c …").
What a list holds is decided by the cue words of its introduction, in both written standards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from healthplan_kg.extract.casefree import CaselessCue
from healthplan_kg.extract.groups import group_phrases
from healthplan_kg.extract.text import BULLET, Paragraph, sentences
from healthplan_kg.extract.tokens import CLAUSE_WORDS
from healthplan_kg.model import Span

MEASURE_CUES = re.compile(
    r"\b(?:hoved|hovud)grep\w*|\btiltak\w*|\bsatsings?område\w*|\binnsatsområde\w*|\btiltaksområde\w*|"
    r"\bfokusområde\w*|\bhoved(?:mål|trekk|prioritering)\w*|\bhovud(?:mål|trekk|prioritering)\w*|"
    r"\bprioriteringe[nr]\w*|\bprioriteringa\w*|\bgrep\b|\bmålsetting\w*|\bstrategiske\s+mål\w*|"
    r"\bovergripande\s+mål|\boverordnede\s+mål", re.IGNORECASE)
THEME_CUES = re.compile(r"\btema(?:er|ene|a|et|ne|område\w*)?\b|\bemne(?:r|ne)?\b", re.IGNORECASE)
# "prioriterte grupper", "målgruppene er", "grupper som ... bør prioriteres" (same clause).
GROUP_CUES = re.compile(r"\bprioriter\w*\s+(?:\w+\s+)?(?:pasient|brukar|bruker|mål)?grupp\w*|"
                        r"\b(?:pasient|brukar|bruker)?grupp\w*\s+som\s+(?:[^\s.;:]+\s+){0,10}?"
                        r"(?:skal\s+|bør\s+|må\s+)?(?:\w+\s+)?prioriter\w*", re.IGNORECASE)
_QUANTIFIER = re.compile(r"\b(?:flere|fleire|følgende|følgjande|noen|nokre|to|tre|fire|fem|seks|sju|syv|"
                         r"åtte|ni|ti|\d+)\b", re.IGNORECASE)
_QUESTION = re.compile(r"\?\s*$")

@dataclass(frozen=True)
class FoundList:
    kind: str                       # measures | themes | priority_groups
    context: Span                   # the introducing sentence or heading
    items: tuple[Span, ...]


_ANY_CUE_STEM = re.compile(r"grep|tiltak|satsing|innsats|område|mål|prior|tema|emne|trekk|fokus", re.IGNORECASE)
_HAS_CUE_STEM = CaselessCue(_ANY_CUE_STEM)


@lru_cache(maxsize=4096)
def classify(intro: str) -> str | None:
    """What a list introduced by ``intro`` holds: measures, themes, priority groups, or None."""
    if not _HAS_CUE_STEM.found_in(intro):
        return None
    if GROUP_CUES.search(intro):
        return "priority_groups"
    if THEME_CUES.search(intro):
        return "themes"
    if MEASURE_CUES.search(intro):
        return "measures"
    return None


def _strip_item(text: str, span: Span) -> Span | None:
    start, end = span.start, span.end
    while start < end and (text[start] in " \t•·▪*-–/;:" or text[start].isspace()):
        start += 1
    while end > start and text[end - 1] in " \t.;,:":
        end -= 1
    return Span(start, end, text[start:end]) if end > start else None


def bullet_lists(text: str, paragraphs: list[Paragraph]) -> list[FoundList]:
    """Runs of bullet paragraphs, classified by the paragraph (or heading) before them."""
    found: list[FoundList] = []
    i = 0
    while i < len(paragraphs):
        if not paragraphs[i].bullet:
            i += 1
            continue
        j = i
        while j < len(paragraphs) and paragraphs[j].bullet:
            j += 1
        intro = _introduction(text, paragraphs, i)
        if intro is not None:
            kind = classify(intro.text)
            if kind is None and i >= 2 and not paragraphs[i - 2].bullet:
                heading = paragraphs[i - 2].span
                if len(heading.text) < 60:
                    kind = classify(heading.text)
            items = []
            for para in paragraphs[i:j]:
                marker = BULLET.match(para.span.text)
                item = _strip_item(text, Span(para.span.start + (marker.end() if marker else 0), para.span.end,
                                              ""))
                if item is not None:
                    items.append(item)
            if kind and items and not all(_QUESTION.search(it.text) for it in items):
                found.append(FoundList(kind, intro, tuple(items)))
        i = j
    return found


def _introduction(text: str, paragraphs: list[Paragraph], first_bullet: int) -> Span | None:
    if first_bullet == 0:
        return None
    para = paragraphs[first_bullet - 1].span
    sents = sentences(text, para)
    return sents[-1] if sents else para


def inline_lists(text: str, sentence: Span, next_sentence: Span | None) -> list[FoundList]:
    """Enumerations inside one sentence after a colon, or in the sentence after an announcing one."""
    kind = classify(sentence.text)
    if kind is None:
        return []
    colon = sentence.text.find(":")
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


def split_enumeration(text: str, span: Span) -> list[Span]:
    """Items of "a / b / c", "a; b; c" or "a, b og c" (hyphen coordination "helse- og" kept)."""
    body = span.text
    if " / " in body or ";" in body:
        parts = re.split(r"\s+/\s+|;\s*", body)
    else:
        parts = re.split(r",\s+", body)
        if parts:
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
        if item and 0 < len(item.text.split()) <= 12:
            items.append(item)
    return items
