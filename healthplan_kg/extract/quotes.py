"""Dash quotes and who said them.

Norwegian journalism opens a quote paragraph with a dash ("– Vi ønsker …") and attributes it
inside the paragraph (", sier NAME" / ", seier NAME" / ", påpeikar NAME"). A quote paragraph
without attribution continues the previous speaker, or belongs to the person the lead names; a
quote whose attribution comes in a following undashed paragraph is kept whole across both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from healthplan_kg.extract.people import SPEECH_VERBS
from healthplan_kg.extract.text import Paragraph
from healthplan_kg.model import Span

_DASH_START = re.compile(r"^(?:[A-ZÆØÅ][\wæøå.-]*(?:\s+[A-ZÆØÅ][\wæøå.-]*){0,3})?\s*[–—]\s*(?=\S)")
_ATTRIBUTION = re.compile(rf"(?P<lead>[,.!?»\"”]\s*)(?<![\wæøå]){SPEECH_VERBS}\s+"
                          rf"(?P<speaker>[^.!?]*?[\wæøå)])\s*(?:[.!?]|$)")
_PRONOUN = re.compile(r"^(?:hun|han|ho|hen|de|dei)\b", re.IGNORECASE)


@dataclass(frozen=True)
class FoundQuote:
    span: Span                      # the quoted words, without dash and attribution
    speaker_span: Span | None       # the attribution's speaker phrase ("Siw Bratli, leder ved ...")


_GUILLEMET = re.compile(rf"«(?P<quote>[^»]{{8,}}?)[,.!?]?»\s*,?\s*{SPEECH_VERBS}\s+"
                        rf"(?P<speaker>[^.!?«]*?[\wæøå)])\s*(?:[.!?]|$)")


def find_quotes(text: str, paragraphs: list[Paragraph]) -> list[FoundQuote]:
    """Dash quotes, and quotes in «guillemets» followed by their attribution."""
    quotes = _dash_quotes(text, paragraphs)
    for para in paragraphs:
        for m in _GUILLEMET.finditer(para.span.text):
            start = para.span.start + m.start("quote")
            speaker = Span(para.span.start + m.start("speaker"), para.span.start + m.end("speaker"),
                           m.group("speaker"))
            if not any(q.span.start <= start < q.span.end for q in quotes):
                quotes.append(FoundQuote(Span(start, start + len(m.group("quote")), m.group("quote")), speaker))
    return sorted(quotes, key=lambda q: q.span.start)


def _dash_quotes(text: str, paragraphs: list[Paragraph]) -> list[FoundQuote]:
    quotes: list[FoundQuote] = []
    i = 0
    while i < len(paragraphs):
        para = paragraphs[i].span
        start = _DASH_START.match(para.text)
        if not start or paragraphs[i].bullet:
            i += 1
            continue
        body_start = para.start + start.end()
        attribution = _first_attribution(text, body_start, para.end)
        end_para = i
        if attribution is None:
            # A quote may run on in undashed paragraphs until its attribution.
            for j in range(i + 1, min(i + 3, len(paragraphs))):
                nxt = paragraphs[j].span
                if _DASH_START.match(nxt.text) or paragraphs[j].bullet:
                    break
                attribution = _first_attribution(text, nxt.start, nxt.end)
                if attribution is not None:
                    end_para = j
                    break
        if attribution is not None:
            quote_end, speaker = attribution
        elif para.text.rstrip()[-1:] in ".!?»\"”":
            quote_end, speaker = para.end, None
        else:               # a dashed subtitle, not a quote
            i += 1
            continue
        quote_text = text[body_start:quote_end].rstrip(" ,")
        quotes.append(FoundQuote(Span(body_start, body_start + len(quote_text), quote_text), speaker))
        i = end_para + 1
    return quotes


def _first_attribution(text: str, start: int, end: int) -> tuple[int, Span] | None:
    """Where the quote ends and who the attribution names, if this stretch attributes it."""
    chunk = text[start:end]
    pos = 0
    while (m := _ATTRIBUTION.search(chunk, pos)) is not None:
        pos = m.start() + 1
        speaker = m.group("speaker")
        if not (any(w[:1].isupper() for w in speaker.split()) or _PRONOUN.match(speaker)):
            continue
        s = start + m.start("speaker")
        quote_end = start + m.start() + (1 if m.group("lead")[0] in ".!?»\"”" else 0)
        return quote_end, Span(s, s + len(speaker), speaker)
    return None
