"""Organisations the reference data does not know, found by the shape of their names.

Norwegian public bodies carry their kind in the last part of the name ("-direktoratet",
"-kommisjonen", "-utvalget", "-tilsynet", "-forbundet", "-foreningen", "Helse X", "X kommune"),
and sub-bodies are named through their parent ("NK LMHs faglige referansegruppe"). Those shapes
are general; everything found here enters the graph unlinked, for a curator to confirm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import ahocorasick

from healthplan_kg.extract.anchored import finditer_at, is_word
from healthplan_kg.model import Span

_BODY_SUFFIX = (r"(?:direktoratet|departementet|kommisjonen|utvalget|utvalet|tilsynet|instituttet|"
                r"forbundet|foreningen|foreninga|rådet|etaten|nemnda|nemda|senteret|sekretariatet|"
                r"ombudet|akademiet|universitetet|sykehuset|sjukehuset|helseforetaket|helseføretaket)")
_NAMED_BODY = re.compile(rf"\b[A-ZÆØÅ][\wæøå]*{_BODY_SUFFIX}\b")
_MULTIWORD_KINDS = ("kommune", "fylkeskommune", "HF", "RHF", "SF", "universitetssykehus", "sykehus", "sjukehus")
_MULTIWORD_BODY = re.compile(rf"\b(?:[A-ZÆØÅ][\wæøå-]+\s+){{1,3}}(?:{'|'.join(_MULTIWORD_KINDS)})\b")
#: Health trusts and state offices named by a fixed first word ("Helse Bergen", "Statsforvalteren i Vestland").
_FIXED_HEAD_BODY = re.compile(
    r"\b(?:Helse\s+[A-ZÆØÅ][\wæøå]+(?:-[A-ZÆØÅ][\wæøå]+)?(?:\s+(?:HF|RHF))?|"
    r"(?:Statsforvalteren|Statsforvaltaren|Fylkesmannen|Universitetet|Høgskulen|Høgskolen)\s+i\s+"
    r"[A-ZÆØÅ][\wæøå]+(?:\s+og\s+[A-ZÆØÅ][\wæøå]+)?)")
_ACRONYM_DEFINITION = re.compile(r"\(([A-ZÆØÅ][A-ZÆØÅa-zæøå]{1,7}(?:\s[A-ZÆØÅ]{2,5})?)\)")
_LEADING_WORDS = {"ved", "i", "for", "og", "det", "den", "til", "fra", "frå", "hos", "både", "med", "av", "på",
                  "mens", "når", "etter", "før", "under", "over", "mot", "som", "om", "men", "at"}
_MINOR_WORDS = {"og", "for", "i", "av", "med", "innen", "innan", "til", "på", "ved", "om", "de", "dei", "den", "det"}
_SUB_BODY_NOUNS = (r"(?:referansegruppe|referansegruppa|referansegruppen|brukerråd|brukarråd|brukerrådet|"
                   r"brukarrådet|fagråd|fagrådet|styre|styret|arbeidsgruppe|arbeidsgruppa|arbeidsgruppen|"
                   r"ekspertgruppe|ekspertgruppa|ekspertgruppen|styringsgruppe|styringsgruppa|"
                   r"styringsgruppen|prosjektgruppe|prosjektgruppa|ledergruppe|leiargruppe|sekretariat|"
                   r"sekretariatet|nettverk|nettverket|råd|rådet|utvalg|utval)")
_ADJECTIVES = r"(?:[a-zæøå]+e\s+){0,2}"


@dataclass(frozen=True)
class FoundBody:
    label: str
    span: Span
    head: str           # the body noun, for later definite references ("referansegruppa")


def _automaton(words) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, len(word))
    automaton.make_automaton()
    return automaton


_SUFFIXES = _automaton(_BODY_SUFFIX[3:-1].split("|"))
_KINDS = _automaton(_MULTIWORD_KINDS)


def _word_start(text: str, pos: int) -> int:
    while pos > 0 and is_word(text[pos - 1]):
        pos -= 1
    return pos


def _named_body_starts(text: str) -> list[int]:
    """Where ``_NAMED_BODY`` can match: a match is one whole word that ends in a body suffix, so
    it starts where the word holding a suffix starts."""
    return sorted({_word_start(text, end - length + 1) for end, length in _SUFFIXES.iter(text)})


def _multiword_body_starts(text: str) -> list[int]:
    """Where ``_MULTIWORD_BODY`` can match: at a word start (after a non-word character) within
    the one to three space-separated words of word characters and hyphens before a kind word
    ("Oslo kommune", "Helse Møre og Romsdal HF")."""
    starts: set[int] = set()
    for end, length in _KINDS.iter(text):
        pos = end - length + 1
        for _ in range(3):
            if pos == 0 or not text[pos - 1].isspace():
                break
            while pos > 0 and text[pos - 1].isspace():
                pos -= 1
            word_end = pos
            while pos > 0 and (is_word(text[pos - 1]) or text[pos - 1] == "-"):
                pos -= 1
            starts.update(i for i in range(pos, word_end) if i == 0 or not is_word(text[i - 1]))
    return sorted(starts)


def find_named_bodies(text: str) -> list[FoundBody]:
    """Bodies named by the shape of their name alone."""
    found = []
    # The first two patterns are tried only where a match can start (see the *_starts
    # functions): the same matches as a full search, without trying the pattern at every word.
    for pattern, starts in ((_NAMED_BODY, _named_body_starts(text)),
                            (_MULTIWORD_BODY, _multiword_body_starts(text)), (_FIXED_HEAD_BODY, None)):
        for m in finditer_at(pattern, text, starts):
            start = m.start()
            # A capitalised word that opens the sentence is not part of the name ("Ved Oslo kommune").
            lead = re.match(r"(?:[A-ZÆØÅ][a-zæøå]*\s+)", m.group(0))
            if lead and lead.group(0).strip().lower() in _LEADING_WORDS:
                start += lead.end()
            label = text[start:m.end()]
            if len(label.split()) >= 1 and label[:1].isupper():
                found.append(FoundBody(label, Span(start, m.end(), label), label.split()[-1]))
    return found


def find_sub_bodies(text: str, parent_spans: list[Span]) -> list[FoundBody]:
    """"PARENTs faglige referansegruppe": a body named through a parent found before."""
    found = []
    for parent in parent_spans:
        if not parent.text.endswith("s"):
            continue
        m = re.compile(rf"\s+{_ADJECTIVES}({_SUB_BODY_NOUNS})\b").match(text, parent.end)
        if m:
            label = text[parent.start:m.end()]
            found.append(FoundBody(label, Span(parent.start, m.end(), label), _stem(m.group(1))))
    return found


def _stem(noun: str) -> str:
    for ending in ("en", "et", "a"):
        if noun.endswith(ending) and len(noun) > 6:
            return noun[: -len(ending)]
    return noun


def definite_forms(head: str) -> set[str]:
    """The definite forms a later sentence uses for a body noun ("referansegruppa")."""
    stem = _stem(head.lower())
    return {stem + e for e in ("en", "a", "et", "")}


def find_acronym_definitions(text: str) -> list[FoundBody]:
    """"Funksjonshemmedes Fellesorganisasjon (FFO)": a name defined with its acronym.

    The name is the shortest run of words before the parenthesis whose initials spell the
    acronym in order (the Schwartz-Hearst heuristic), so only a real definition is taken.
    """
    found = []
    for m in _ACRONYM_DEFINITION.finditer(text):
        acronym = m.group(1).replace(" ", "")
        letters = [c.lower() for c in acronym if c.isalpha()]
        words = list(re.finditer(r"[\wæøåÆØÅ-]+", text[max(0, m.start() - 150):m.start()]))
        offset = max(0, m.start() - 150)
        if not words or not letters:
            continue
        for size in range(1, min(len(words), 2 * len(letters) + 2) + 1):
            run = words[-size:]
            if not run[0].group(0)[:1].isupper() or run[0].group(0).lower() in _MINOR_WORDS:
                continue
            if _spells(letters, [w.group(0) for w in run]):
                start, end = offset + run[0].start(), offset + run[-1].end()
                found.append(FoundBody(text[start:end], Span(start, end, text[start:end]), acronym))
                break
    return found


def _spells(letters: list[str], words: list[str]) -> bool:
    """Do the words' initials (and the letters inside compounds) give the acronym in order?"""
    if words[0][0].lower() != letters[0]:
        return False
    joined = " ".join(words).lower()
    pos = 0
    for letter in letters:
        pos = joined.find(letter, pos)
        if pos < 0:
            return False
        pos += 1
    significant = [w for w in words if w.lower() not in _MINOR_WORDS]
    return len(significant) <= len(letters) + 1
