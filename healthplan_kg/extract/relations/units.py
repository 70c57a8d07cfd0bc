"""Units of an organisation: "Senter for klinisk forsking ved Helse Bergen", "Avdeling for
psykisk helse i Helsedirektoratet", a member list's "Institutt for folkehelsevitenskap; NMBU".

A body whose name opens (or, as a compound, ends) with a unit noun (senter, institutt, avdeling,
seksjon, klinikk, divisjon, fakultet …) and is followed by "ved", "i", "på" or "under" and another
organisation's name is part of that organisation. In a line of its own (a bullet of a member
list) a semicolon or comma joins them the same way. A definite unit noun opening a sentence
("Senteret skal ...") stands for the last unit of that noun the text named. A body "er en del av"
another body is part of it; a definite noun for a body ("Føretaket") opening the sentence is the
body that last acted.
"""

from __future__ import annotations

import re
from functools import lru_cache

from healthplan_kg.extract.relations import cues
from healthplan_kg.extract.relations.ends import BODIES, Resolved
from healthplan_kg.extract.relations.sentence import CueSentence, RelationContext, acts_on
from healthplan_kg.model import EntityRef

_HEADS = ("senter", "institutt", "avdeling", "seksjon", "klinikk", "divisjon", "fakultet", "enhet", "eining",
          "kompetansesenter", "forskningsgruppe", "forskingsgruppe", "laboratorium")
#: A unit's name: opened by a unit noun ("Senter for ...") or a compound ending in one ("Kreftklinikken").
UNIT_NAME = re.compile(r"^(?:" + "|".join(_HEADS) + r")\b|(?:senteret|instituttet|avdelingen|avdelinga|"
                       r"seksjonen|klinikken|divisjonen|fakultetet)$", re.IGNORECASE)


@lru_cache(maxsize=4096)
def is_unit_name(label: str) -> bool:
    """``UNIT_NAME.search(label)``, kept per label: every sentence asks it of each body it names,
    and a text names the same bodies sentence after sentence."""
    return UNIT_NAME.search(label) is not None


_IN = re.compile(r"\s+(?:ved|i|på|under)\s+", re.IGNORECASE)
_IN_LINE = re.compile(r"\s*[;,]\s*|\s+[–-]\s+")
#: A definite unit noun opening a sentence ("Senteret", "Avdelinga").
_DEFINITE_UNIT = re.compile(r"\s*(?:[•*-]\s*)?(senteret|instituttet|avdelingen|avdelinga|seksjonen|klinikken|"
                            r"divisjonen|fakultetet)\b", re.IGNORECASE)


def units_of(s: CueSentence, context: RelationContext) -> None:
    """Each unit named with the organisation it belongs to."""
    if not names_a_unit(s.mentions):
        return
    one_line = "\n" not in s.text.strip() and len(s.text.split()) <= 12
    for unit in s.mentions:
        if unit.entity.kind != "Organisation" or not is_unit_name(unit.entity.label):
            continue
        rel = unit.span.end - s.base
        link = _IN.match(s.text, rel) or (_IN_LINE.match(s.text, rel) if one_line else None)
        if link is None:
            continue
        owner = next((m for m in s.mentions if m.span.start == s.base + link.end()
                      and m.entity.kind == "Organisation" and m.entity != unit.entity), None)
        if owner is None or (link.re is _IN_LINE and s.text[owner.span.end - s.base:].strip(" .")):
            continue
        s.add("part_of", unit.entity, owner.entity)
        context.units.append(unit.entity)


def names_a_unit(mentions: list[Resolved]) -> bool:
    """Whether a sentence names a unit of an organisation (the rule is worth running there)."""
    return any(m.entity.kind == "Organisation" and is_unit_name(m.entity.label) for m in mentions)


def unit_named(sentence_text: str, context: RelationContext) -> EntityRef | None:
    """The unit a definite unit noun opening the sentence stands for ("Senteret" after "Senter for X")."""
    m = _DEFINITE_UNIT.match(sentence_text)
    if m is None:
        return None
    stem = re.sub(r"(?:et|en|a)$", "", m.group(1).lower())
    return next((u for u in reversed(context.units) if stem in u.label.lower()), None)


def remember_units(mentions: list[Resolved], context: RelationContext) -> None:
    """Units a sentence names, for a later "Senteret ..." (whether or not their owner is named)."""
    for m in mentions:
        if m.entity.kind == "Organisation" and is_unit_name(m.entity.label) and m.entity not in context.units:
            context.units.append(m.entity)


#: A definite noun for a body of a kind, opening a sentence ("Føretaket er ein del av ...").
_BODY_NOUN = re.compile(r"\s*(?:foretaket|føretaket|helseforetaket|helseføretaket|sykehuset|sjukehuset|"
                        r"direktoratet|etaten|tilsynet|instituttet|forbundet|foreningen|foreininga|organisasjonen|"
                        r"organisasjonen)\b", re.IGNORECASE)


@acts_on(cues.PART_OF)
def member_of(s: CueSentence, context: RelationContext) -> None:
    """"Helse Førde er en del av Helse Vest", "Føretaket er ein del av Helse Vest": a body in a body."""
    for m in s.each(cues.PART_OF):
        wholes = s.after(m.end(), BODIES, m.end() + 2)
        if not wholes:
            continue
        before = s.before(m.start(), BODIES)
        if before:
            part = before[-1].entity
        elif _BODY_NOUN.match(s.text) and context.last_actor is not None \
                and context.last_actor.kind == "Organisation":
            part = context.last_actor
        else:
            continue
        if part != wholes[0].entity:
            s.add("part_of", part, wholes[0].entity)
