"""Relations of the analyst contract, from sentence-level cues in bokmål and nynorsk.

Each rule names a cue ("følger opp"/"følgjer opp", "sees i sammenheng med", "fikk i oppdrag
fra", "samarbeider med", ...) and which side of it holds the subject and which the objects;
an enumeration after the cue gives one relation per item ("Utredningene fra X og Y vil følges
opp i meldingen" gives two). The entities are the sentence's resolved mentions; a relation end
the text names without a known entity becomes a minted initiative.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from healthplan_kg.extract.casefree import CaselessCue, lowered
from healthplan_kg.model import EntityRef, Relation, Span

DOCUMENTISH = ("PolicyDocument", "Commission", "Initiative")
BODIES = ("Organisation", "Commission")


@dataclass(frozen=True)
class Resolved:
    """A mention in a sentence with the entity it was resolved to."""

    span: Span
    entity: EntityRef


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


FOLLOWS_UP_ACTIVE = _rx(r"\b(?:følger|følgjer|fulgte|følgde|følgte|fulgt|følge|følgje)\s+(?:\w+\s+){0,2}?opp\b|"
                        r"\ber\s+(?:en|ei|ein)\s+oppfølging\s+av\b|\bsom\s+oppfølging\s+av\b|"
                        r"\boppfølgingen\s+av\b|\boppfølginga\s+av\b")
FOLLOWS_UP_PASSIVE = _rx(r"\b(?:følges|følgjast|følgjes|(?:bli|blir|blitt|ble|blei|vert|vart|verte|er|vere|være)"
                         r"\s+(?:fulgt|følgd|følgt|følgde))\s+opp\b")
REPLACES_ACTIVE = _rx(r"\b(?:erstatter|erstattar|avløser|avløyser|avløste|avløyste|erstattet|"
                      r"erstatta|tar\s+over\s+etter|tek\s+over\s+etter)\b")
REPLACES_PASSIVE = _rx(r"\b(?:erstattes|erstattast|avløses|avløysast|blir\s+erstattet|blir\s+avløst|"
                       r"vert\s+avløyst|vert\s+erstatta)\s+av\b")
SEEN_WITH = _rx(r"\b(?:sees|ses|sjåast|sjåas|blir\s+sett|vert\s+sett)\s+i\s+(?:sammenheng|samanheng)\s+med\b|"
                r"\bi\s+(?:sammenheng|samanheng)\s+med\b")
TOGETHER_WITH = _rx(r"\b(?:sammen|saman)\s+med\b")
PART_OF = _rx(r"\b(?:inngår|inngå|gjekk\s+inn|går\s+inn)\s+i\b|\ber\s+(?:en\s+|ein\s+)?del\s+av\b|"
              r"\bsom\s+(?:en\s+|ein\s+)?del\s+av\b")
PRESENTED_IN = _rx(r"\b(?:presenterer|presenterte|lanserer|lanserte|legger\s+fram|legg\s+fram|"
                   r"legger\s+frem|la\s+fram|la\s+frem|varsler|varslar|foreslår|gjer\s+framlegg\s+om)\s+i\b")
ASSIGN_FROM = _rx(r"\b(?:fått|fikk|fekk|får|har\s+fått)\s+(?:\w+\s+){0,2}?(?:i\s+)?(?:oppdrag|oppdraget|"
                  r"tilleggsoppdrag|mandat|bestilling)\b")
ASSIGN_TO = _rx(r"\b(?:tilleggsoppdrag|oppdrag|oppdraget|bestilling|mandat)\s+til\b")
ASSIGN_GIVE = _rx(r"\b(?:gitt|gav|ga|gir|gjev|gjeve)\s+(?P<between>.{2,80}?)\s+(?:i\s+)?(?:et\s+|eit\s+)?"
                  r"(?:oppdrag|tilleggsoppdrag)\b")
MANDATE_BY = _rx(r"\bmandat(?:et)?\s+(?:er|blir|ble|vart|blei|vert)\s+gitt\s+av\b|"
                 r"\bpå\s+oppdrag\s+(?:fra|frå)\b|\better\s+oppdrag\s+(?:fra|frå)\b")
ASK = _rx(r"\b(?:ber|bad|bedt|bede|bedd)\s+(?P<between>.{2,80}?)\s+om\s+(?:å|at)\b")
COLLABORATES = _rx(r"\b(?:samarbeider|samarbeidar|samarbeidde|samarbeidet|samarbeida)\b|"
                   r"\bi\s+samarbeid\s+med\b")
PUBLISHES = _rx(r"\b(?:har\s+|hadde\s+)?(?:utarbeidet|utarbeidd|utarbeida|publisert|publiserte|publiserer|"
                r"gitt\s+ut|gav\s+ut|ga\s+ut|gir\s+ut|gjev\s+ut|lansert|lanserte|lanserer|lagt\s+fram|"
                r"lagt\s+frem|la\s+fram|la\s+frem|legger\s+fram|legg\s+fram|presentert|presenterte)\b")
ANNOUNCES = _rx(r"\b(?:vil|skal|ønsker|ønskjer|planlegger|planlegg|tar\s+sikte\s+på|tek\s+sikte\s+på|"
                r"kommer\s+til|kjem\s+til)\s+(?:\S+\s+){0,4}?(?:å\s+)?(?:legge|leggje|legga|publisere|"
                r"publisera|lansere|lansera|komme\s+med|kome\s+med|utarbeide|utarbeida|presentere|"
                r"presentera|lage|laga)\b(?:\s+(?:frem|fram))?|\b(?:varsler|varslar|kunngjør|"
                r"kunngjer)\b")
#: One pass that tells whether a sentence holds any cue at all (most sentences hold none).
_ANY_CUE = re.compile("|".join(f"(?:{re.sub(r'[?]P<[a-z]+>', '?:', p.pattern)})" for p in (
    FOLLOWS_UP_ACTIVE, FOLLOWS_UP_PASSIVE, REPLACES_ACTIVE, REPLACES_PASSIVE, SEEN_WITH, TOGETHER_WITH,
    PART_OF, PRESENTED_IN, ASSIGN_FROM, ASSIGN_TO, ASSIGN_GIVE, MANDATE_BY, ASK, COLLABORATES, PUBLISHES,
    ANNOUNCES)), re.IGNORECASE)
_HAS_CUE = CaselessCue(_ANY_CUE)
#: Each rule's pattern as a quick "is it there at all" test: most rules find nothing in a sentence
#: that holds some cue, and the test in lower-cased text is much cheaper than the search.
_RULE_CUES = {pattern: CaselessCue(pattern) for pattern in (
    FOLLOWS_UP_ACTIVE, FOLLOWS_UP_PASSIVE, REPLACES_ACTIVE, REPLACES_PASSIVE, SEEN_WITH, TOGETHER_WITH,
    PART_OF, PRESENTED_IN, ASSIGN_FROM, ASSIGN_TO, ASSIGN_GIVE, MANDATE_BY, ASK, COLLABORATES, PUBLISHES,
    ANNOUNCES)}


def _each(pattern: re.Pattern[str], text: str, low: str | None) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, skipped when the quick test (on ``low = lowered(text)``) says
    there is no match."""
    if _RULE_CUES[pattern].found_in_lowered(text, low):
        yield from pattern.finditer(text)


@dataclass
class RelationContext:
    """What one sentence's rules may borrow from the sentences before it."""

    last_issuer: EntityRef | None = None


def _before(mentions: list[Resolved], pos: int, kinds: tuple[str, ...]) -> list[Resolved]:
    return [m for m in mentions if m.span.end <= pos and m.entity.kind in kinds]


def _after(mentions: list[Resolved], pos: int, kinds: tuple[str, ...], until: int | None = None) -> list[Resolved]:
    return [m for m in mentions if m.span.start >= pos and m.entity.kind in kinds
            and (until is None or m.span.start < until)]


def _distinct(items: list[Resolved]) -> list[EntityRef]:
    seen: list[EntityRef] = []
    for item in items:
        if all(_key(item.entity) != _key(s) for s in seen):
            seen.append(item.entity)
    return seen


def _key(entity: EntityRef) -> tuple[str, str]:
    return (entity.iri or "", entity.label.casefold())


def extract_relations(sentence: Span, mentions: list[Resolved], context: RelationContext,
                      initiatives: Callable[[Span], list[Resolved]]) -> list[Relation]:
    """Relations one sentence states. ``initiatives`` mints ends for unnamed list items."""
    text = sentence.text
    base = sentence.start
    out: list[Relation] = []
    if not mentions:
        return out
    low = lowered(text)
    if not _HAS_CUE.found_in_lowered(text, low):
        return out

    def add(predicate: str, subject: EntityRef, obj: EntityRef) -> None:
        if _key(subject) != _key(obj):
            out.append(Relation(predicate, subject, obj, sentence))

    for m in _each(FOLLOWS_UP_PASSIVE, text, low):
        objects = _distinct(_before(mentions, base + m.start(), DOCUMENTISH))
        subjects = _after(mentions, base + m.end(), DOCUMENTISH)
        if subjects:
            for obj in objects:
                add("follows_up", subjects[0].entity, obj)
    passive = [(m.start(), m.end()) for m in _each(FOLLOWS_UP_PASSIVE, text, low)]
    for m in _each(FOLLOWS_UP_ACTIVE, text, low):
        if any(a <= m.start() < b for a, b in passive):
            continue
        subjects = _before(mentions, base + m.start(), DOCUMENTISH)
        if subjects:
            for obj in _distinct(_after(mentions, base + m.end(), DOCUMENTISH + BODIES)):
                add("follows_up", subjects[-1].entity, obj)
    for m in _each(REPLACES_PASSIVE, text, low):
        objects = _before(mentions, base + m.start(), DOCUMENTISH)
        subjects = _after(mentions, base + m.end(), DOCUMENTISH)
        if objects and subjects:
            add("replaces", subjects[0].entity, objects[-1].entity)
    for m in _each(REPLACES_ACTIVE, text, low):
        subjects = _before(mentions, base + m.start(), DOCUMENTISH)
        objects = _after(mentions, base + m.end(), DOCUMENTISH)
        if subjects and objects:
            add("replaces", subjects[-1].entity, objects[0].entity)
    for pattern in (SEEN_WITH, TOGETHER_WITH):
        for m in _each(pattern, text, low):
            subjects = _before(mentions, base + m.start(), DOCUMENTISH)
            if not subjects:
                continue
            tail = Span(base + m.end(), sentence.end, sentence.text[m.end():])
            objects = initiatives(tail) if pattern is SEEN_WITH else _after(mentions, base + m.end(),
                                                                            ("PolicyDocument",))
            for obj in _distinct(objects):
                add("seen_in_connection_with", subjects[-1].entity, obj)
    for m in _each(PRESENTED_IN, text, low):
        containers = _after(mentions, base + m.end(), ("PolicyDocument",))
        if containers:
            container = containers[0]
            parts = [r for r in _after(mentions, container.span.end, ("PolicyDocument", "Instrument"))]
            for part in _distinct(parts[:1]):
                add("part_of", part, container.entity)
    for m in _each(PART_OF, text, low):
        subjects = _before(mentions, base + m.start(), DOCUMENTISH + ("Instrument",))
        if not subjects:
            continue
        tail = Span(base + m.end(), sentence.end, sentence.text[m.end():])
        objects = initiatives(tail)[:1]
        for obj in _distinct(objects):
            add("part_of", subjects[-1].entity, obj)
    _assignments(text, low, base, mentions, context, add)
    for m in _each(COLLABORATES, text, low):
        subjects = _before(mentions, base + m.start(), BODIES)
        if not subjects:
            continue
        for obj in _distinct(_after(mentions, base + m.end(), BODIES)):
            add("collaborates_with", subjects[-1].entity, obj)
    if not any(r.predicate == "part_of" for r in out):
        for m in _each(PUBLISHES, text, low):
            if re.match(r"\s+i\b", text[m.end():]):
                continue
            docs = _after(mentions, base + m.end(), ("PolicyDocument",))
            bodies = _before(mentions, base + m.start(), BODIES) or _after(
                mentions, base + m.end(), BODIES, docs[0].span.start if docs else None)
            if docs and bodies and not _is_passive(text, m.start()):
                add("publishes", bodies[-1].entity if bodies[-1].span.end <= base + m.start()
                    else bodies[0].entity, docs[0].entity)
    for m in _each(ANNOUNCES, text, low):
        docs = _after(mentions, base + m.end(), ("PolicyDocument",))
        if not docs:
            continue
        bodies = [b for b in mentions if b.entity.kind in BODIES and b.span.end <= docs[0].span.start]
        if bodies:
            add("announces", bodies[-1].entity, docs[0].entity)
    return out


def _is_passive(text: str, pos: int) -> bool:
    return bool(re.search(r"\b(?:ble|blei|vart|er|blir|vert)\s+$", text[:pos]))


def _assignments(text: str, low: str | None, base: int, mentions: list[Resolved], context: RelationContext,
                 add: Callable[[str, EntityRef, EntityRef], None]) -> None:
    bodies = [m for m in mentions if m.entity.kind in BODIES]
    if not bodies:
        return

    def from_issuer(pos: int) -> EntityRef | None:
        after = text[pos - base:]
        m = re.search(r"\b(?:fra|frå)\b", after)
        if m:
            found = _after(bodies, pos + m.end(), BODIES)
            if found and found[0].span.start - (pos + m.end()) < 20:
                return found[0].entity
        return None

    for m in _each(ASSIGN_TO, text, low):
        assignees = _after(bodies, base + m.end(), BODIES)
        issuer = from_issuer(base + m.end())
        if assignees and issuer is not None:
            add("assigns_task_to", issuer, assignees[0].entity)
            context.last_issuer = issuer
            return
    for m in _each(ASSIGN_FROM, text, low):
        # "A har fått oppdrag fra B" / "Tilsvarende fikk A i oppdrag" (V2: A after the verb).
        assignee = None
        inside = [b for b in bodies if base + m.start() <= b.span.start < base + m.end()]
        before = _before(bodies, base + m.start(), BODIES)
        if inside:
            assignee = inside[0].entity
        elif before:
            assignee = before[-1].entity
        issuer = from_issuer(base + m.end()) or context.last_issuer
        if assignee is not None and issuer is not None:
            add("assigns_task_to", issuer, assignee)
            context.last_issuer = issuer
            return
    for m in _each(MANDATE_BY, text, low):
        issuers = _after(bodies, base + m.end(), BODIES)
        assignees = _before(bodies, base + m.start(), BODIES)
        if issuers and assignees:
            add("assigns_task_to", issuers[0].entity, assignees[-1].entity)
            context.last_issuer = issuers[0].entity
            return
    for pattern in (ASSIGN_GIVE, ASK):
        for m in _each(pattern, text, low):
            issuers = _before(bodies, base + m.start(), BODIES)
            between = [b for b in bodies if base + m.start("between") <= b.span.start < base + m.end("between")]
            if issuers and between:
                add("assigns_task_to", issuers[-1].entity, between[0].entity)
                context.last_issuer = issuers[-1].entity
                return
