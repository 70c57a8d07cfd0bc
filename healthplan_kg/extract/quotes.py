"""Direct speech and who said it.

Norwegian journalism opens a quote paragraph with a dash ("– Vi ønsker …", "- Vi ønsker …", "— …")
and attributes it inside the paragraph (", sier NAME" / ", seier ho" / ", påpeikar leiaren"), or
puts the attribution around it:

- after the quote, in the same paragraph or a following undashed one (the quote is kept whole);
- before it, in a paragraph that ends with a colon ("Ho ser fram til resten:", "skriver
  forbundsleder Kari Vik følgende:"); such a quote is kept even when the text is cut off in it;
- in the next sentence ("Med disse ordene åpnet helseministeren …");
- in the same paragraph, a second dash after the attribution continues the speaker ("…, seier
  Vik. – No kan vi starte.").

A dashed paragraph with no attribution continues the previous speaker when it is a whole
sentence; one cut off before any attribution is not a quote. A hyphen also opens list items, so a
hyphen paragraph is a quote only when it is attributed or continues a quote just before it.
Quotes in «guillemets» followed by their attribution are found too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from healthplan_kg.extract.people import ROLE, SPEECH_VERBS, is_title_word
from healthplan_kg.extract.text import Paragraph, sentences
from healthplan_kg.model import Span

_DASH_START = re.compile(r"^(?:[A-ZÆØÅ][\wæøå.-]*(?:\s+[A-ZÆØÅ][\wæøå.-]*){0,3})?\s*[–—]\s*(?=\S)")
_HYPHEN_START = re.compile(r"^-\s*(?=\S)")
#: The speaker phrase runs to the end of its sentence; an initial's full stop ("Knut R. Aas")
#: does not end it, and a colon may ("…, sier Vik, og fortsetter:").
_ATTRIBUTION = re.compile(rf"(?P<lead>[,.!?»\"”]\s*)(?<![\wæøå]){SPEECH_VERBS}\s+"
                          rf"(?P<speaker>(?:(?<![\wæøå])[A-ZÆØÅ]\.\s*|[^.!?])*?[\wæøå)])\s*(?:(?<!\b[A-ZÆØÅ])[.!?:]|$)")
_PRONOUN = re.compile(r"^(?:hun|han|ho|hen|de|dei)\b", re.IGNORECASE)
_ROLE_START = re.compile(rf"^{ROLE}", re.IGNORECASE)
#: A dash after a sentence end, in the middle of a paragraph: the same speaker goes on.
_INLINE_DASH = re.compile(r"[.!?]\s+[–—-]\s+(?=[A-ZÆØÅ«])")
#: The next sentence names who spoke: "Med disse ordene åpnet …", "Med desse orda …".
_NEXT_SENTENCE_ATTRIBUTION = re.compile(
    r"^(?:med|slik)\s+(?:disse|desse|dei|de|dette|så)\s+(?:ordene|orda|ord|orde)\b", re.IGNORECASE)


#: A dashed line after a colon is a list item ("– Betre tenester") unless it is speech-length.
_MIN_INTRODUCED_WORDS = 5


@dataclass(frozen=True)
class FoundQuote:
    span: Span                      # the quoted words, without dash and attribution
    speaker_span: Span | None       # the attribution's speaker phrase ("Siw Bratli, leder ved ...")


_GUILLEMET = re.compile(rf"«(?P<quote>[^»\s]+\s[^»]{{5,}}?)[,.!?]?»\s*,?\s*{SPEECH_VERBS}\s+"
                        rf"(?P<speaker>[^.!?«]*?[\wæøå)])\s*(?:[.!?]|$)")


#: «Guillemets» after a colon; the clause before the colon attributes them when it holds a speech
#: verb ("Kari Vik sier: «Vi er klare.»"). The clause is looked at only where such a colon stands.
_COLON_GUILLEMET = re.compile(r":\s*«(?P<quote>[^»\s]+\s[^»]{5,}?)»")
_SPEECH_VERB = re.compile(rf"(?<![\wæøå]){SPEECH_VERBS}\b", re.IGNORECASE)
_CLAUSE_START = re.compile(r"[.!?«»:][^.!?«»:]*$")


def find_quotes(text: str, paragraphs: list[Paragraph]) -> list[FoundQuote]:
    """Dash quotes, and quotes in «guillemets» with their attribution after or before them."""
    quotes = _dash_quotes(text, paragraphs)
    for para in paragraphs:
        if "«" not in para.span.text:
            continue
        for quote, speaker in (*_guillemets_then_attribution(para.span), *_attribution_then_guillemets(para.span)):
            if not any(q.span.start <= quote.start < q.span.end for q in quotes):
                quotes.append(FoundQuote(quote, speaker))
    return sorted(quotes, key=lambda q: q.span.start)


def _guillemets_then_attribution(para: Span) -> list[tuple[Span, Span]]:
    found = []
    for m in _GUILLEMET.finditer(para.text):
        start = para.start + m.start("quote")
        found.append((Span(start, start + len(m.group("quote")), m.group("quote")),
                      Span(para.start + m.start("speaker"), para.start + m.end("speaker"), m.group("speaker"))))
    return found


def _attribution_then_guillemets(para: Span) -> list[tuple[Span, Span]]:
    found = []
    for m in _COLON_GUILLEMET.finditer(para.text):
        before = para.text[max(0, m.start() - 300):m.start()]
        cut = _CLAUSE_START.search(before)
        clause_start = m.start() - len(before) + (cut.start() + 1 if cut else 0)
        clause = para.text[clause_start:m.start()]
        if not _SPEECH_VERB.search(clause):
            continue
        lead = len(clause) - len(clause.lstrip())
        start = para.start + m.start("quote")
        quote = m.group("quote").rstrip(" ,")
        found.append((Span(start, start + len(quote), quote),
                      Span(para.start + clause_start + lead, para.start + m.start(), clause.strip())))
    return found


def _opening(para: Paragraph) -> re.Match[str] | None:
    """The dash that opens a quote paragraph; a hyphen only where the reader kept it (not a bullet)."""
    if para.span.text.startswith("-"):
        return _HYPHEN_START.match(para.span.text)
    if para.bullet:
        return None
    words = para.span.text
    if "–" not in words and "—" not in words:
        return None   # most paragraphs: no dash anywhere, so none opens them (a C-level look)
    return _DASH_START.match(words)


def _dash_quotes(text: str, paragraphs: list[Paragraph]) -> list[FoundQuote]:
    quotes: list[FoundQuote] = []
    last_quote_para = -2
    i = 0
    while i < len(paragraphs):
        para = paragraphs[i].span
        start = _opening(paragraphs[i])
        if not start:
            i += 1
            continue
        hyphen = para.text.startswith("-")
        body_start = para.start + start.end()
        attribution = _first_attribution(text, body_start, para.end)
        end_para = i
        if attribution is None and not hyphen:
            # A quote may run on in undashed paragraphs until its attribution.
            for j in range(i + 1, min(i + 3, len(paragraphs))):
                if _opening(paragraphs[j]) or paragraphs[j].bullet:
                    break
                attribution = _first_attribution(text, paragraphs[j].span.start, paragraphs[j].span.end)
                if attribution is not None:
                    end_para = j
                    break
        if attribution is not None:
            quote_end, speaker = attribution
            quotes.append(_quote(text, body_start, quote_end, speaker))
            quotes.extend(_continued_in_paragraph(text, speaker, paragraphs[end_para].span))
            last_quote_para = end_para
            i = end_para + 1
            continue
        intro = _introduction(text, paragraphs, i)
        whole = para.text.rstrip()[-1:] in ".!?»\"”"
        follows_quote = last_quote_para == i - 1
        if intro is not None and len(para.text.split()) >= _MIN_INTRODUCED_WORDS \
                and (not hyphen or follows_quote or whole):
            quotes.append(_quote(text, body_start, para.end, intro))
            last_quote_para = i
        elif whole and (not hyphen or follows_quote):
            nxt = _next_sentence_attribution(text, paragraphs, i)
            quotes.append(_quote(text, body_start, para.end, nxt))
            last_quote_para = i
        # else: a dashed subtitle, a list item, or a quote cut off before its attribution
        i += 1
    return quotes


def _quote(text: str, start: int, end: int, speaker: Span | None) -> FoundQuote:
    quote_text = text[start:end].rstrip(" ,")
    return FoundQuote(Span(start, start + len(quote_text), quote_text), speaker)


def _continued_in_paragraph(text: str, speaker: Span, para: Span) -> list[FoundQuote]:
    """"…, seier Vik. – No kan vi starte.": a dash after the attribution opens more of the same speech."""
    m = _INLINE_DASH.search(text, speaker.end, para.end)
    if m is None:
        return []
    start = m.end()
    attribution = _first_attribution(text, start, para.end)
    if attribution is not None:
        return [_quote(text, start, attribution[0], attribution[1])]
    return [_quote(text, start, para.end, speaker)]


def _introduction(text: str, paragraphs: list[Paragraph], i: int) -> Span | None:
    """The sentence before a quote that introduces it with a colon ("Ho seier:"), if any."""
    if i == 0:
        return None
    before = paragraphs[i - 1]
    if before.bullet or not before.span.text.rstrip().endswith(":"):
        return None
    found = sentences(text, before.span)
    return found[-1] if found else None


def _next_sentence_attribution(text: str, paragraphs: list[Paragraph], i: int) -> Span | None:
    """"Med disse ordene åpnet helseministeren …" right after the quote names its speaker."""
    if i + 1 >= len(paragraphs) or paragraphs[i + 1].bullet:
        return None
    first = sentences(text, paragraphs[i + 1].span)
    if first and _NEXT_SENTENCE_ATTRIBUTION.match(first[0].text):
        return first[0]
    return None


def _names_a_speaker(phrase: str) -> bool:
    """A name (a capitalised word), a pronoun, or a title ("fungerende president")."""
    if any(w[:1].isupper() for w in phrase.split()) or _PRONOUN.match(phrase):
        return True
    role = _ROLE_START.match(phrase)
    return role is not None and is_title_word(role.group(0))


def _first_attribution(text: str, start: int, end: int) -> tuple[int, Span] | None:
    """Where the quote ends and who the attribution names, if this stretch attributes it."""
    chunk = text[start:end]
    pos = 0
    while (m := _ATTRIBUTION.search(chunk, pos)) is not None:
        pos = m.start() + 1
        speaker = m.group("speaker")
        if not _names_a_speaker(speaker):
            continue
        s = start + m.start("speaker")
        quote_end = start + m.start() + (1 if m.group("lead")[0] in ".!?»\"”" else 0)
        return quote_end, Span(s, s + len(speaker), speaker)
    return None
