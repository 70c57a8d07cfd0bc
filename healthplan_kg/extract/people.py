"""People, their roles and organisations, from the ways Norwegian texts introduce them.

"helsedirektør Bjørn Guldvog" (role before name), "Siw Bratli, leder ved NK LMH" (role after
name), "leder for NK LMHs faglige referansegruppe, Borghild Lomundal" (role phrase, then name).
Roles are recognised by the endings Norwegian titles share (-direktør, -minister, -leder/-leiar,
-president, -rådgiver, -sekretær, -lege ...), so titles nobody listed are still found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import ahocorasick

from healthplan_kg.extract.anchored import finditer_at, is_word, word_starts_before
from healthplan_kg.model import Span

_ROLE_ENDINGS = ("direktør", "minister", "leder", "leiar", "president", "sekretær", "rådgiver", "rådgjevar",
                 "ordfører", "ordførar", "professor", "forsker", "forskar", "lege", "sjef", "statsråd",
                 "sykepleier", "sjukepleiar", "koordinator", "rektor", "dekan", "talsperson", "talsmann",
                 "talskvinne", "ombud", "saksbehandler", "sakshandsamar", "psykolog", "jordmor",
                 "fysioterapeut", "ergoterapeut")
# A whole word, taken possessively, that ends in a title: linear in the text, no backtracking
# into the word to look for where a title might start.
_ROLE_WORD = r"(?:[\wæøå]++(?:" + "|".join(f"(?<={e})" for e in _ROLE_ENDINGS) + r"))"
ROLE = (rf"(?:(?:assisterende|assisterande|konstituert|fungerende|fungerande|administrerende|"
        rf"administrerande|påtroppende|avtroppende|tidligere|tidlegare)\s+)?"
        rf"(?:[\wæøå]+-\s+og\s+)?{_ROLE_WORD}")
_UPPER = "A-ZÆØÅÉ"
_UPPER_CHARS = _UPPER
_LOWER = "a-zæøåéüö"
_NAME_PART = rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?"
NAME = rf"{_NAME_PART}(?:\s+(?:[{_UPPER}]\.|{_NAME_PART})){{1,3}}"

_ROLE_THEN_NAME = re.compile(
    rf"(?<![\wæøå])({ROLE})\s+({NAME})((?:\s+(?:ved|i|på|hos|frå|fra|for)\s+[{_UPPER_CHARS}][^,.;:!?–]*)?)")
_NAME_THEN_ROLE = re.compile(
    rf"({NAME}),\s+({ROLE})((?:\s+(?:ved|i|for|på|hos|til|av|frå|fra)\s+[^,.;:!?–]+)?)")
_ROLE_PHRASE_THEN_NAME = re.compile(
    rf"(?<![\wæøå])({ROLE}(?:\s+(?:ved|i|for|på|hos|til|av|frå|fra)\s+[^,.;:!?–]+)?),\s+({NAME})(?=\s*[.,;:!?]|\s*$)",
    re.IGNORECASE)
SPEECH_VERBS = (r"(?:sier|seier|sa|påpeiker|påpeikar|mener|meiner|understreker|understrekar|forteller|"
                r"fortel|legger\s+til|legg\s+til|uttaler|uttalar|skriver|skriv|konkluderer|"
                r"konkluderar|poengterer|poengterar|framhever|framhevar|fremhever|svarer|svarar|"
                r"sier\s+også|seier\s+òg|tror|trur|opplyser|opplyser)")
_NAME_IS_ROLE = re.compile(
    rf"({NAME}),?\s+(?:er|var|blir|vert|blei|ble)\s+(?:ny\s+|nytt\s+|konstituert\s+|fungerende\s+|"
    rf"fungerande\s+)?({ROLE})((?:\s+(?:ved|i|for|på|hos|til|av|frå|fra)\s+[{_UPPER_CHARS}][^,.;:!?–]*)?)")
_VERB_THEN_NAME = re.compile(rf"\b{SPEECH_VERBS}\s+({NAME})")


@dataclass(frozen=True)
class FoundPerson:
    name: str
    span: Span                 # the name
    role: str | None = None
    role_span: Span | None = None
    org_text: Span | None = None   # the stretch that names the organisation, if any


def _ending_automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for ending in _ROLE_ENDINGS:
        automaton.add_word(ending, ending)
    automaton.make_automaton()
    return automaton


_ENDINGS = _ending_automaton()
#: Characters the regex engine's case-insensitive matching pairs with an ASCII letter although
#: ``str.lower`` does not (dotted and dotless I, long s): texts holding one take the slow path.
_CASE_ODD = re.compile("[\u0130\u0131\u017f]")


def _role_phrase_starts(text: str) -> list[int] | None:
    """Every position where a pattern that opens with ``ROLE`` can match, in order.

    ``ROLE`` is at most three words (an optional qualifier, an optional "X- og") before a word
    that ends in a title, each a whole word, so a match starts at such a title word or at one of
    the three words before it. The title words are found with one Aho-Corasick pass over the
    lower-cased text (a superset of what the case-insensitive pattern accepts). None when
    lower-casing would not keep every offset or case rules differ: then search everywhere.
    """
    lowered = text.lower()
    if len(lowered) != len(text) or _CASE_ODD.search(text):
        return None
    starts: set[int] = set()
    size = len(text)
    for end_index, _ in _ENDINGS.iter(lowered):
        end = end_index + 1
        if end < size and is_word(text[end]):
            continue
        starts.update(word_starts_before(text, end, 3))
    return sorted(starts)


def _span(m: re.Match[str], group: int) -> Span:
    return Span(m.start(group), m.end(group), m.group(group))


def _clean_name(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip()


def find_people(text: str) -> list[FoundPerson]:
    """People introduced with a role, or as the speaker after a speech verb."""
    found: list[FoundPerson] = []
    role_starts = _role_phrase_starts(text)
    for m in finditer_at(_ROLE_PHRASE_THEN_NAME, text, role_starts):
        role = m.group(1)
        found.append(FoundPerson(_clean_name(m.group(2)), _span(m, 2), role, _span(m, 1), _span(m, 1)))
    for m in _NAME_THEN_ROLE.finditer(text):
        org = _span(m, 3) if m.group(3).strip() else None
        found.append(FoundPerson(_clean_name(m.group(1)), _span(m, 1), m.group(2), _span(m, 2), org))
    for m in finditer_at(_ROLE_THEN_NAME, text, role_starts):
        if not m.group(1)[:1].isalpha():
            continue
        org = _span(m, 3) if m.group(3).strip() else None
        found.append(FoundPerson(_clean_name(m.group(2)), _span(m, 2), m.group(1).lower()
                                 if m.group(1)[:1].isupper() and m.start() == _line_start(text, m.start())
                                 else m.group(1), _span(m, 1), org))
    for m in _NAME_IS_ROLE.finditer(text):
        org = _span(m, 3) if m.group(3).strip() else None
        found.append(FoundPerson(_clean_name(m.group(1)), _span(m, 1), m.group(2), _span(m, 2), org))
    for m in _VERB_THEN_NAME.finditer(text):
        found.append(FoundPerson(_clean_name(m.group(1)), _span(m, 1)))
    return found


def _line_start(text: str, pos: int) -> int:
    """Where the sentence or line holding ``pos`` starts (a capitalised role there is not a name)."""
    cut = max(text.rfind("\n", 0, pos), text.rfind(". ", 0, pos) + 1)
    while cut + 1 < len(text) and text[cut + 1:cut + 2].isspace():
        cut += 1
    return cut + 1 if cut >= 0 else 0
