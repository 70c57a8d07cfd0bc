"""Rules for relations between documents: follows_up, replaces, seen_in_connection_with and
part_of, each cue with the side of it that holds the subject and the side that holds the objects.
"""

from __future__ import annotations

import re

from healthplan_kg.extract.relations import cues
from healthplan_kg.extract.relations.ends import (
    BODIES,
    DOCUMENTISH,
    documentish,
    named,
    same_kind_of_document,
)
from healthplan_kg.extract.relations.modality import asserted
from healthplan_kg.extract.relations.sentence import CueSentence, acts_on, distinct
from healthplan_kg.model import EntityRef, Span


@acts_on(cues.FOLLOWS_UP_PASSIVE, cues.FOLLOWS_UP_ACTIVE, cues.FOLLOWS_UP_GROUNDS)
def follows_up(s: CueSentence) -> None:
    passive = []
    for m in s.each(cues.FOLLOWS_UP_PASSIVE):
        passive.append((m.start(), m.end()))
        objects = distinct(s.before(m.start(), DOCUMENTISH))
        subjects = s.after(m.end(), DOCUMENTISH)
        if subjects:
            for obj in objects:
                s.add("follows_up", subjects[0].entity, obj.entity)
    for m in s.each(cues.FOLLOWS_UP_ACTIVE):
        if any(a <= m.start() < b for a, b in passive):
            continue
        subject = s.subject_document(m.start())
        if subject is None:
            continue
        followed = s.listed(m.end(), documentish, DOCUMENTISH)
        if not followed:
            # "bygger på anbefalinger som står i X": the document the guidance comes from.
            followed = s.after(m.end(), ("PolicyDocument",), m.end() + 60)[:1]
        for obj in followed:
            s.add("follows_up", subject, obj.entity)
    for m in s.each(cues.FOLLOWS_UP_GROUNDS):
        grounds = s.before(m.start(), DOCUMENTISH) or _opening_documents(s, m.start())
        built = s.after(m.end(), ("PolicyDocument", "Initiative"))
        if grounds and built:
            s.add("follows_up", built[0].entity, grounds[-1].entity)


#: A subject phrase naming documents by words alone ("Helseforetakenes lokale utviklingsplaner skal ...").
_OPENING_DOCUMENTS = re.compile(r"\s*((?:[\wæøåÆØÅ-]+\s+){0,3}?[\wæøåÆØÅ-]*(?:plan|planer|planar|planane|planene|"
                                r"strategi|strategier|strategiar|rapport|rapporter|rapportar|melding|meldinger|"
                                r"meldingar|utredning|utredninger|utgreiing|utgreiingar|veileder|rettleiar))"
                                r"\s+(?:skal|vil|kan|må|har|danner|dannar|danna|ligger|ligg|la|legg)\b", re.IGNORECASE)


def _opening_documents(s: CueSentence, rel: int) -> list:
    """The documents the words opening the sentence name, minted, when no mention names them."""
    m = _OPENING_DOCUMENTS.match(s.text[:rel])
    if m is None or re.match(r"(?:den|det|denne|dette|dei|de|disse|desse)\b", m.group(1), re.IGNORECASE):
        return []
    end = s.ends.item_end(Span(s.base + m.start(1), s.base + m.end(1), m.group(1)), mint=True,
                          kinds=("PolicyDocument", "Initiative"))
    return [end] if end is not None else []


@acts_on(cues.REPLACES_PASSIVE, cues.REPLACES_ACTIVE, cues.RENAMED)
def replaces(s: CueSentence) -> None:
    for m in s.each(cues.REPLACES_PASSIVE):
        objects = s.before(m.start(), DOCUMENTISH)
        subjects = s.after(m.end(), DOCUMENTISH)
        if objects and subjects:
            s.add("replaces", subjects[0].entity, objects[-1].entity)
    passive = [m.start() for m in cues.REPLACES_PASSIVE.finditer(s.text)]
    for m in s.each(cues.REPLACES_ACTIVE):
        if any(p <= m.start() <= p + 12 for p in passive):
            continue
        subject = s.subject_document(m.start())
        objects = s.after(m.end(), DOCUMENTISH)
        if subject is not None and objects:
            s.add("replaces", subject, objects[0].entity)
    for m in cues.RENAMED.finditer(s.text):
        if not asserted(s.text, m.start(), m.end()):
            continue
        old = s.item(Span(s.base + m.start("old"), s.base + m.end("old"), m.group("old")), named,
                     DOCUMENTISH + BODIES)
        new = s.item(Span(s.base + m.start("new"), s.base + m.end("new"), m.group("new")), named,
                     DOCUMENTISH + BODIES)
        if old is not None and new is not None:
            s.add("replaces", new.entity, old.entity)


@acts_on(cues.REVISES)
def revises(s: CueSentence) -> None:
    """"... å fornye eksisterende tannhelsestrategi, Nasjonal tannhelsestrategi 2025–2030": the
    text's own (new) document of the same kind replaces the existing one."""
    for m in s.each(cues.REVISES):
        olds = s.after(m.end(), ("PolicyDocument",), m.end() + 120)
        new = s.ends.main_document()
        if not olds or new is None:
            continue
        old = max(olds, key=lambda d: len(d.entity.label))
        if same_kind_of_document(new.label, old.entity.label):
            s.add("replaces", new, old.entity)


@acts_on(cues.SEEN_WITH, cues.TOGETHER_WITH)
def seen_with(s: CueSentence) -> None:
    for m in s.each(cues.SEEN_WITH):
        subject = s.subject_document(m.start())
        if subject is None:
            continue
        for obj in s.listed(m.end(), documentish, DOCUMENTISH + ("Instrument",)):
            s.add("seen_in_connection_with", subject, obj.entity)
    for m in s.each(cues.TOGETHER_WITH):
        subjects = s.before(m.start(), DOCUMENTISH)
        if subjects:
            for obj in distinct(s.after(m.end(), ("PolicyDocument",))):
                s.add("seen_in_connection_with", subjects[-1].entity, obj.entity)


@acts_on(cues.PRESENTED_IN, cues.PART_OF, cues.CONSISTS_OF)
def part_of(s: CueSentence) -> None:
    for m in s.each(cues.PRESENTED_IN):
        containers = [c for c in s.after(m.end(), ("PolicyDocument",), m.end() + 60)
                      if len(s.text[m.end():c.span.start - s.base].split()) <= 2]
        if containers:
            container = containers[0]
            parts = [r for r in s.mentions if r.span.start >= container.span.end
                     and r.entity.kind in ("PolicyDocument", "Instrument")]
            if parts:
                s.add("part_of", parts[0].entity, container.entity)
    for m in s.each(cues.PART_OF):
        subjects = s.before(m.start(), DOCUMENTISH + ("Instrument",))
        if not subjects:
            continue
        objects = s.listed(m.end(), documentish, DOCUMENTISH + ("Instrument",))[:1]
        for obj in objects:
            s.add("part_of", subjects[-1].entity, obj.entity)
    for m in s.each(cues.CONSISTS_OF):
        # A name in guillemets right before the cue is the whole name, whatever was found inside it.
        wholes = s.before(m.start(), BODIES + DOCUMENTISH)
        whole = _quoted_name_before(s, m.start()) or (wholes[-1].entity if wholes else None)
        if whole is None:
            continue
        for part in s.listed(m.end(), named, BODIES + DOCUMENTISH):
            s.add("part_of", part.entity, whole)


def _quoted_name_before(s: CueSentence, rel: int) -> EntityRef | None:
    """A name in guillemets right before the cue («Fellesaksjonen for ...», består av ...)."""
    m = re.search(r"«([^»]{3,120})»\s*,?\s*$", s.text[:rel])
    if not m:
        return None
    end = s.ends.item_end(Span(s.base + m.start(1), s.base + m.end(1), m.group(1)), mint=True)
    return end.entity if end is not None else None


@acts_on(cues.INCORPORATED)
def incorporated(s: CueSentence) -> None:
    """"anbefalingene fra X-planen skal innarbeides": the text's own document
    (or the one the clause names after "i") takes the named document up."""
    for m in s.each(cues.INCORPORATED):
        sources = [d for d in s.before(m.start(), ("PolicyDocument",))
                   if re.search(r"\b(?:fra|frå)\s+$", s.text[:d.span.start - s.base])]
        into = re.match(r"\s+i\s+", s.text[m.end():])
        targets = s.after(m.end() + into.end(), ("PolicyDocument",), m.end() + into.end() + 2) if into else []
        target = targets[0].entity if targets else s.ends.main_document()
        if target is None:
            continue
        for source in distinct(sources):
            s.add("follows_up", target, source.entity)
