"""Rules for relations of bodies and people: assigns_task_to, collaborates_with, publishes and
announces, each cue with the side of it that holds the agent and the side that holds the other end.
"""

from __future__ import annotations

import re

from healthplan_kg.extract.relations import cues
from healthplan_kg.extract.relations.ends import (
    AGENTS,
    BODIES,
    Resolved,
    enumeration,
    named,
    tail_until_clause_end,
)
from healthplan_kg.extract.relations.sentence import (
    REFLEXIVE,
    REFLEXIVE_START,
    CueSentence,
    RelationContext,
    acts_on,
    distinct,
)
from healthplan_kg.model import EntityRef, Span


@acts_on(cues.ASSIGN_TO, cues.ASSIGN_FROM, cues.MANDATE_BY, cues.ASSIGN_GIVE, cues.ASK, cues.APPOINTS,
         cues.SECRETARIAT, cues.TASK_LETTER)
def assignments(s: CueSentence, context: RelationContext) -> None:
    bodies = [m for m in s.mentions if m.entity.kind in BODIES]
    if not bodies:
        return

    def from_issuer(rel: int) -> EntityRef | None:
        m = re.search(r"\b(?:fra|frå)\b", s.text[rel:])
        if m:
            found = s.after(rel + m.end(), BODIES)
            if found and found[0].span.start - (s.base + rel + m.end()) < 20:
                return found[0].entity
        return None

    def give(issuer: EntityRef, assignee: EntityRef) -> None:
        s.add("assigns_task_to", issuer, assignee)
        context.last_issuer = issuer

    for m in s.each(cues.ASSIGN_TO):
        assignees = s.after(m.end(), BODIES)
        issuer = from_issuer(m.end())
        if assignees and issuer is not None:
            return give(issuer, assignees[0].entity)
    for m in s.each(cues.ASSIGN_FROM):
        # "A har fått oppdrag fra B" / "Tilsvarende fikk A i oppdrag" (V2: A after the verb).
        inside = [b for b in bodies if s.base + m.start() <= b.span.start < s.base + m.end()]
        before = s.before(m.start(), BODIES)
        assignee = inside[0].entity if inside else (before[-1].entity if before else None)
        issuer = from_issuer(m.end()) or context.last_issuer
        if assignee is not None and issuer is not None:
            return give(issuer, assignee)
    for m in s.each(cues.MANDATE_BY):
        issuers = s.after(m.end(), BODIES)
        assignees = s.before(m.start(), BODIES)
        if issuers and assignees:
            return give(issuers[0].entity, assignees[-1].entity)
    for pattern in (cues.ASSIGN_GIVE, cues.ASK):
        for m in s.each(pattern):
            issuers = s.before(m.start(), BODIES)
            between = [b for b in bodies if s.base + m.start("between") <= b.span.start < s.base + m.end("between")]
            by = [b for b in between if re.search(r"\bav\s+$", s.text[:b.span.start - s.base])]
            if by and issuers and _is_passive(s.text, m.start(), adverbial=True):
                # "X ble i 2030 bedt av Y om å ...": Y asks X.
                return give(by[0].entity, issuers[-1].entity)
            if issuers and between:
                return give(issuers[-1].entity, between[0].entity)
    for m in s.each(cues.APPOINTS):
        if _is_passive(s.text, m.start()):
            # "A har leia X sidan den vart oppnemnd": the one appointing is named after "av", or not at all.
            by = re.match(r"\s+av\s+", s.text[m.end():])
            issuers = s.after(m.end() + by.end(), BODIES, m.end() + by.end() + 2) if by else []
            appointed = s.before(m.start(), ("Commission",))
            if issuers and appointed:
                return give(issuers[0].entity, appointed[-1].entity)
            continue
        issuer = s.agent_before(m.start(), BODIES)
        if issuer is None:
            continue
        appointed = s.after(m.end(), ("Commission",), m.end() + 60)
        if appointed:
            return give(issuer, appointed[0].entity)
        noun = re.match(r"\s+(?:et|eit|en|ein|ei|ny|nytt|nye|\w+e)?\s*(?:\w+\s+)?(\w*(?:utvalg|utval|kommisjon|"
                        r"arbeidsgruppe|ekspertgruppe))\b", s.text[m.end():], re.IGNORECASE)
        commission = s.ends.commission_named(noun.group(1)) if noun else None
        if commission is not None:
            return give(issuer, commission)
    for m in s.each(cues.SECRETARIAT):
        staff = s.agent_before(m.start(), BODIES)
        if staff is not None and context.last_issuer is not None:
            s.add("assigns_task_to", context.last_issuer, staff)
            return
    for m in s.each(cues.TASK_LETTER):
        issuer = s.agent_before(m.start(), BODIES)
        receivers = s.after(m.end(), BODIES, m.end() + 30)
        if issuer is None or not receivers:
            continue
        give(issuer, receivers[0].entity)
        letter_end = receivers[0].span.end - s.base
        year = re.match(r"\s+(?:i\s+|for\s+)?\d{4}\b", s.text[letter_end:])
        if year:
            letter_end += year.end()
        letter = s.ends.item_end(Span(s.base + m.start(), s.base + letter_end, s.text[m.start():letter_end]),
                                 mint=True)
        if letter is not None and re.search(r"\b(?:har|hadde)\s+(?:\w+\s+)?(?:utarbeidet|utarbeidd|sendt|gitt|"
                                            r"laget|skrevet)\s+$|\b(?:sender|sende|sendte|gir|gav)\s+$",
                                            s.text[:m.start()]):
            s.add("publishes", issuer, letter.entity)
        return


@acts_on(cues.COLLABORATES)
def collaborates(s: CueSentence) -> None:
    for m in s.each(cues.COLLABORATES):
        tail = tail_until_clause_end(s.sentence, s.base + m.end())
        topic = re.search(r"\s(?:om|omkring|rundt)\s", tail.text)
        if topic:
            # "samarbeider med A og B om utviklingen av helsefellesskapene": what about is no partner.
            tail = Span(tail.start, tail.start + topic.start(), tail.text[:topic.start()])
        partners = [r for r in s.mentions if tail.start <= r.span.start < tail.end and r.entity.kind in BODIES]
        for item in enumeration(s.sentence, tail, s.mentions):
            if not any(item.start <= p.span.start < item.end for p in partners):
                end = s.item(item, named, BODIES)
                if end is not None:
                    partners.append(end)
        partners = distinct(sorted(partners, key=lambda r: r.span.start))
        if "mellom" in m.group(0).lower():
            subject, partners = (partners[0].entity, partners[1:]) if partners else (None, [])
        else:
            # "I fjor samarbeidde X med Y" (V2): the subject stands inside the cue, after the verb.
            inside = [b for b in s.mentions if b.entity.kind in BODIES
                      and s.base + m.start() <= b.span.start < s.base + m.end()]
            subject = s.agent_before(m.start(), BODIES) or (inside[0].entity if inside else None)
        if subject is None:
            continue
        for partner in partners:
            s.add("collaborates_with", subject, partner.entity)


@acts_on(cues.DELIVERED, cues.PUBLISHED_BY, cues.PUBLISHES, cues.AUTHOR_IN, cues.PRESENTED_BY,
         cues.PRESENTS, cues.ANNOUNCES)
def publishes_and_announces(s: CueSentence, context: RelationContext) -> None:
    if any(r.predicate == "part_of" for r in s.out):
        return
    for m in s.each(cues.DELIVERED):
        docs = s.before(m.start(), ("PolicyDocument", "Initiative"))
        doc = docs[-1] if docs else s.document_phrase(0)
        if doc is not None and context.last_deliverer is not None and doc.span.start < s.base + m.start():
            s.add("publishes", context.last_deliverer, doc.entity)
    for m in s.each(cues.PUBLISHED_BY):
        issuers = s.after(m.end(), AGENTS, m.end() + 40)
        if issuers:
            for doc in distinct(s.before(m.start(), ("PolicyDocument",))):
                s.add("publishes", issuers[0].entity, doc.entity)
    for m in s.each(cues.PUBLISHES):
        if re.match(r"\s+i\b", s.text[m.end():]) or _is_passive(s.text, m.start()):
            continue
        agent = s.agent_before(m.start())
        if agent is None or any(r.predicate == "publishes" and r.subject == agent for r in s.out):
            continue
        doc = s.document_after(m.end())
        if doc is not None:
            s.add("publishes", agent, doc.entity)
            if m.group(0).lower().startswith("lever"):
                context.last_deliverer = agent
    for m in s.each(cues.AUTHOR_IN):
        agents = s.before(m.start(), BODIES)
        if not agents or m.start() + s.base - agents[-1].span.end > 2:
            continue
        doc = s.document_after(m.end(), within=25)
        if doc is not None:
            s.add("publishes", agents[-1].entity, doc.entity)
    for m in s.each(cues.PRESENTED_BY):
        agents = s.after(m.end(), AGENTS, m.end() + 40)
        if agents:
            for doc in distinct(s.before(m.start(), ("PolicyDocument",))[-1:]):
                s.add("announces", agents[0].entity, doc.entity)
    for m in s.each(cues.PRESENTS):
        if _is_passive(s.text, m.start()):
            _presented_by_genitive(s, m)
            continue
        if re.match(r"\s+i\b", s.text[m.end():]):
            continue
        inside = [a for a in s.mentions if a.entity.kind in AGENTS
                  and s.base + m.start() <= a.span.start < s.base + m.end()]
        agent = inside[0].entity if inside else s.agent_before(m.start())
        doc = s.document_after(m.end())
        if doc is None and re.search(r"\s(?:dette|denne|det)\s", m.group(0), re.IGNORECASE):
            main = s.ends.main_document()
            doc = Resolved(Span(s.base + m.end(), s.base + m.end(), ""), main) if main is not None else None
        if agent is None or doc is None:
            continue
        own = REFLEXIVE.search(s.text[:doc.span.start - s.base]) or REFLEXIVE_START.match(doc.span.text)
        s.add("publishes" if own and agent.kind == "Commission" else "announces", agent, doc.entity)
        container = re.match(r"\s+i\s+", s.text[doc.span.end - s.base:])
        if container and doc.span.text:
            holders = s.after(doc.span.end - s.base + container.end(), ("PolicyDocument",),
                              doc.span.end - s.base + container.end() + 1)
            if holders:
                s.add("part_of", doc.entity, holders[0].entity)
    for m in s.each(cues.ANNOUNCES):
        doc = s.document_after(m.end())
        inside = [a for a in s.mentions if a.entity.kind in AGENTS
                  and s.base + m.start() <= a.span.start < s.base + m.end()]
        agent = inside[0].entity if inside else s.agent_before(m.start())
        if agent is not None and doc is not None:
            s.add("announces", agent, doc.entity)


def _presented_by_genitive(s: CueSentence, m: re.Match[str]) -> None:
    """"regjeringens handlingsplan ble lansert": the genitive names who presented it."""
    docs = s.before(m.start(), ("PolicyDocument",))
    if not docs:
        return
    doc = docs[-1]
    owners = [a for a in s.mentions if a.entity.kind in BODIES and a.span.text.lower().endswith("s")
              and (0 <= doc.span.start - a.span.end <= 1 or a.span.start == doc.span.start)]
    if owners:
        s.add("announces", owners[-1].entity, doc.entity)


_PASSIVE_BEFORE = re.compile(r"\b(?:ble|blei|vart|er|blir|vert|blitt)\s+$")
_PASSIVE_BEFORE_ADVERBIAL = re.compile(r"\b(?:ble|blei|vart|er|blir|vert|blitt)\s+"
                                       r"(?:(?:i|om|for)\s+\S+\s+|nå\s+|no\s+|også\s+|òg\s+)?$")


def _is_passive(text: str, pos: int, *, adverbial: bool = False) -> bool:
    """Whether an auxiliary of the passive stands right before ``pos`` (with ``adverbial``, a
    short time adverbial may stand between: "ble i 2030 bedt")."""
    return bool((_PASSIVE_BEFORE_ADVERBIAL if adverbial else _PASSIVE_BEFORE).search(text[:pos]))
