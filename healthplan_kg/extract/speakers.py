"""Who a quote's attribution names, the way a reader resolves it.

An attribution names its speaker by name ("sier Kari Vik", "seier ein glad Ola Dahl"), by surname
alone ("sier Vestre", also when the text never gives the full name), by pronoun ("seier ho": the
person last named before the quote), or by title once the person is known ("mener fungerende
president": the person the text gave that title). A sentence that introduces a quote ("I en kommentar
uttaler forbundsleder Kari Vik dette:") names its speaker after the speech verb; one that opens
with a pronoun ("Ho er nøgd:") points back to the person last named.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence

from healthplan_kg.extract.organisations import find_named_bodies
from healthplan_kg.extract.people import NAME, ROLE, ROLE_ENDINGS, SPEECH_VERBS, is_title_word
from healthplan_kg.extract.relations import Resolved
from healthplan_kg.model import EntityRef, Span

_PRONOUN = re.compile(r"^(?:hun|han|ho|hen)\b", re.IGNORECASE)
#: Determiners and adjectives before a title in an attribution ("den nye leiaren").
_LEADING_WORDS = re.compile(r"^(?:(?:den|det|dei|de|ein|en|eit|et|nye|nyvalde|nyvalgte)\s+)+", re.IGNORECASE)
_ROLE_AT_START = re.compile(rf"^{ROLE}", re.IGNORECASE)
_ROLE_ANYWHERE = re.compile(rf"(?<![\wæøå]){ROLE}(?![\wæøå])", re.IGNORECASE)
_SPEECH_BEFORE = re.compile(rf"(?<![\wæøå]){SPEECH_VERBS}\s+(?:[\wæøå-]+\s+){{0,3}}$", re.IGNORECASE)
#: A surname alone: one capitalised word, where the attribution ends or a clause goes on.
_SURNAME = re.compile(r"^([A-ZÆØÅ][a-zæøåé]+(?:-[A-ZÆØÅ][a-zæøåé]+)?)(?=\s*(?:[,:]|$)|\s+(?:og|i|på|til|om|etter|"
                      r"under|med|frå|fra|ved)\b)")
#: Titles that name the same office ("statsråden" is the minister).
_SAME_OFFICE = {"statsråd": "minister"}
_FAMILIES = sorted(ROLE_ENDINGS, key=len, reverse=True)


def role_family(word: str) -> str | None:
    """The title a role word is a kind of: "helseministeren" -> "minister", "leiaren" -> "leiar"."""
    word = word.lower()
    for ending in _FAMILIES:
        if word.endswith((ending, ending + "en", ending + "n")):
            return _SAME_OFFICE.get(ending, ending)
    return None


class SpeakerResolver:
    """Resolves attribution phrases against the people a text has named (its person mentions and
    the roles it gave them); ``name_person`` adds a person the attribution alone names."""

    def __init__(self, text: str, resolved: Sequence[Resolved], roles: dict[EntityRef, str | None],
                 name_person: Callable[[str, Span], EntityRef | None]) -> None:
        self.text = text
        self.people = sorted((r for r in resolved if r.entity.kind == "Person"), key=lambda r: r.span.start)
        self._people_starts = [r.span.start for r in self.people]
        self.others = [r for r in resolved if r.entity.kind != "Person"]
        self.roles = roles
        self.name_person = name_person

    def last_named_before(self, pos: int) -> EntityRef | None:
        before = [r for r in self.people if r.span.end <= pos]
        return before[-1].entity if before else None

    def speaker(self, phrase: Span, quote_start: int) -> EntityRef | None:
        """The person ``phrase`` names, or None when it names nobody a reader could tell."""
        inside = self.people[bisect_left(self._people_starts, phrase.start):
                             bisect_left(self._people_starts, phrase.end)]
        if inside:
            after_verb = [r for r in inside if _SPEECH_BEFORE.search(self.text[phrase.start:r.span.start])]
            return (after_verb or inside)[0].entity
        words = _LEADING_WORDS.sub("", phrase.text)
        if _PRONOUN.match(words):
            return self.last_named_before(min(phrase.start, quote_start))
        # A title: at the start of an attribution ("mener fungerende president"), or the subject
        # of a sentence that names the speaker ("Med disse ordene åpnet helseministeren …").
        role = _ROLE_AT_START.match(words) or _ROLE_ANYWHERE.search(words)
        if role and is_title_word(role.group(0)):
            return self._holder_of(role.group(0), min(phrase.start, quote_start))
        surname = _SURNAME.match(phrase.text)
        # "sier Fylkesmannen", "seier Statsforvaltaren": a title in the definite form, not a surname
        if surname and role_family(surname.group(1)) is None:
            span = Span(phrase.start, phrase.start + surname.end(1), surname.group(1))
            if not self._names_a_body(span):
                return self.name_person(surname.group(1), span)
        name = re.search(NAME, phrase.text)
        if name:
            span = Span(phrase.start + name.start(), phrase.start + name.end(), name.group(0))
            if not self._names_a_body(span):
                return self.name_person(name.group(0), span)
        return None

    def _holder_of(self, role: str, before: int) -> EntityRef | None:
        """The person named last before ``before`` whose stated role is of the same title."""
        family = role_family(role.split()[-1])
        if family is None:
            return None
        holders = {ref for ref, stated in self.roles.items()
                   if stated and any(role_family(w) == family for w in re.findall(r"[\wæøå-]+", stated))}
        named = [r for r in self.people if r.entity in holders and r.span.start < before]
        if named:
            return named[-1].entity
        return next(iter(holders)) if len(holders) == 1 else None

    def _names_a_body(self, span: Span) -> bool:
        if any(r.span.start < span.end and span.start < r.span.end for r in self.others):
            return True
        return bool(find_named_bodies(span.text))
