"""Word tokens with offsets, and the small closed word classes the pattern rules lean on."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\d{4}\s*[–-]\s*\d{4}|[\wÆØÅæøå]+(?:[-–][\wÆØÅæøå]+)*-?|[^\s\w]")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def tokenize(text: str, offset: int = 0) -> list[Token]:
    return [Token(m.group(0), offset + m.start(), offset + m.end()) for m in _TOKEN.finditer(text)]


class LightToken:
    """A token (``tokenize``'s, the same stretches) as the name rules read it, its lower case
    made once. Why not ``Token``: a frozen dataclass sets each field through
    ``object.__setattr__``, and making the tokens of every sentence with a head noun (then
    lower-casing the same ones again and again) was the largest part of finding the names."""

    __slots__ = ("text", "start", "end", "lower")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.lower = text.lower()

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def light_tokenize(text: str, offset: int = 0) -> list[LightToken]:
    """``tokenize(text, offset)``, as ``LightToken``s."""
    return [LightToken(m.group(0), offset + m.start(), offset + m.end()) for m in _TOKEN.finditer(text)]


#: Words that end a noun phrase: finite verbs, auxiliaries, subjunctions, pronouns (nb and nn).
CLAUSE_WORDS = frozenset("""
    skal vil er var blir ble vart vert blei har hadde kan kunne må måtte bør burde får fikk fekk
    gir gav ga går gikk kom kommer kjem seg sier seier mener meiner ønsker ønskjer som der når
    fordi at slik men eller hvis viss dersom mens medan så da då nå no også òg hun han ho de dei
    vi eg jeg du dere dykk det den dette denne disse desse hvor kor hva kva hvem kven hvilke kva
    skulle ville trekkes nevnes omtales foreslås inngår handler handlar gjelder gjeld gjeldt viser
    legges leggjast presenteres presenterast lanseres lanserast følges følgjast sees sjåast ses
    samt både bl.a blant annet allerede alt allereie fortsatt framleis kun berre bare
    ikke ikkje heller aldri alltid ofte gjerne
    bygger byggjer bygde tar tek tok danner dannar erstatter erstattar avløser avløyser følger følgjer
    består utgjør samarbeider samarbeidar lanserer lanserte presenterer presenterte legger
""".split())

#: Prepositions that may continue a name's complement ("veileder for læring i ...").
COMPLEMENT_PREPOSITIONS = frozenset("for om til innen innan mot på i av ved med fra frå over under".split())

ARTICLES = frozenset("en ein et eit ei den det de dei".split())
