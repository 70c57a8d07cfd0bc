"""Steering documents handed down a chain of bodies: an oppdragsdokument, styringsdokument,
tildelingsbrev or oppdragsbrev is issued by one body and gives tasks to the bodies it goes to.

Real texts say so over two sentences as often as in one: "Helseføretaka tek imot eit nytt
styringsdokument frå styret i Helse Midt-Noreg RHF. Dokumentet fortel A, B og C kva dei må
halde fram med." The issuer publishes the document and gives each receiver a task
(``assigns_task_to``); receivers are the bodies the handover sentence names after the giving verb
("har gjeve Helse Nord RHF oppdragsdokumentet"), or before the steering noun ("i mars tok Helse
Nord RHF imot oppdragsdokumentet overlevert frå X"), else the bodies the next sentence names when it opens by
taking the document up ("Dokumentet ...", "Styringsdokumenta går til ..."). A document that
"byggjer på dette" in the handover sentence ("..., og tildelingsbreva til helseføretaka byggjer på
dette") follows the handed-over one up.
"""

from __future__ import annotations

import re

from healthplan_kg.extract.casefree import CaselessCue
from healthplan_kg.extract.relations import cues
from healthplan_kg.extract.relations.ends import BODIES, Resolved
from healthplan_kg.extract.relations.modality import asserted
from healthplan_kg.extract.relations.sentence import CueSentence, RelationContext, acts_on
from healthplan_kg.model import EntityRef, Relation, Span

#: The steering nouns, in every form (definite, plural, both written standards).
STEERING_NOUN = cues.STEERING_NOUN
_HAS_STEERING = CaselessCue(STEERING_NOUN)
#: Where the issuer is named after the noun: "... av styret i X", "... overlevert frå X".
_ISSUER_AFTER = re.compile(r"\s+(?:\w+\s+){0,2}?(?:av|fra|frå)\s+(?:styret\s+i\s+|styret\s+for\s+)?$", re.IGNORECASE)
#: A verb of handing over or issuing before the noun, with the issuer as its subject.
_GIVEN = re.compile(r"\b(?:gitt|gjeve|gjev|gir|gav|ga|sendt|sender|sende|sendte|overlevert|overleverte|"
                    r"overleverer)\b", re.IGNORECASE)
_WRITTEN = re.compile(r"\b(?:utarbeidet|utarbeidd|utarbeida|laget|laga|fastsatt|fastsett|vedtatt|vedteke|"
                      r"sendt\s+ut|sende\s+ut|sender\s+ut|sendte\s+ut|gitt\s+ut|gjeve\s+ut)\b", re.IGNORECASE)
#: A sentence that opens by taking the document up ("Dokumentet gir ...", "Styringsdokumenta går til ...").
_TAKEN_UP = re.compile(r"\s*(?:dokumentet|dokumenta|dokumentene|(?:styrings|oppdrags)dokument(?:et|a|ene)|"
                       r"tildelingsbrevet|oppdragsbrevet|det|dei|de|disse|desse)\b", re.IGNORECASE)
#: "... byggjer på dette": the document just handed over is what is built on.
_BUILDS_ON_THIS = re.compile(r"\b(?:bygger|byggjer|bygde|bygget|bygd)\s+(?:videre\s+|vidare\s+)?på\s+"
                             r"(?:dette|denne|det)\b", re.IGNORECASE)


def handed_on(sentence: Span, mentions: list[Resolved], context: RelationContext) -> list[Relation]:
    """The tasks a steering document handed over in the sentence before gives the bodies this
    sentence names, when it opens by taking the document up."""
    pending, context.steering = context.steering, None
    if pending is None or not _TAKEN_UP.match(sentence.text):
        return []
    issuer, _ = pending
    out = []
    for body in _distinct_bodies(mentions):
        if body.entity.kind == "Organisation" and body.entity != issuer:
            out.append(Relation("assigns_task_to", issuer, body.entity, sentence))
    return out


@acts_on(STEERING_NOUN)
def steering_documents(s: CueSentence, context: RelationContext) -> None:
    """A steering document issued (and handed over) in this sentence."""
    if not _HAS_STEERING.found_in_lowered(s.text, s.low):
        return
    for noun in STEERING_NOUN.finditer(s.text):
        if not asserted(s.text, noun.start(), noun.end()):
            continue
        issuer, receivers = _issuer_and_receivers(s, noun)
        if issuer is None:
            continue
        document = _document(s, noun)
        if document is None:
            continue
        s.add("publishes", issuer, document.entity)
        for receiver in receivers:
            if receiver.entity != issuer:
                s.add("assigns_task_to", issuer, receiver.entity)
        if not receivers:
            context.steering = (issuer, document.entity)
        builds = _BUILDS_ON_THIS.search(s.text, noun.end())
        if builds:
            subject = s.subject_document(builds.start())
            if subject is None or subject == document.entity:
                # "..., og tildelingsbreva vidare byggjer på dette": a second steering noun.
                other = [n for n in STEERING_NOUN.finditer(s.text, noun.end(), builds.start())]
                named = _document(s, other[-1]) if other else None
                subject = named.entity if named is not None else None
            if subject is not None and subject != document.entity:
                s.add("follows_up", subject, document.entity)
        return


def _issuer_and_receivers(s: CueSentence, noun: re.Match[str]) -> tuple[EntityRef | None, list[Resolved]]:
    after = s.after(noun.end(), BODIES, noun.end() + 60)
    for body in after:
        if _ISSUER_AFTER.search(s.text[noun.end():body.span.start - s.base]):
            # "tok Helse Nord RHF imot oppdragsdokumentet overlevert frå X": the receiver comes first.
            before = [b for b in s.before(noun.start(), BODIES) if b.entity != body.entity]
            # "tildelingsbrevet frå X til Y": the receiver after the issuer.
            to = [b for b in s.after(body.span.end - s.base, BODIES, body.span.end - s.base + 40)
                  if re.fullmatch(r"\s+til\s+", s.text[body.span.end - s.base:b.span.start - s.base])]
            return body.entity, (before[-1:] + to[:1])
    given = list(_GIVEN.finditer(s.text, 0, noun.start()))
    if given:
        verb = given[-1]
        issuers = s.before(verb.start(), BODIES)
        receivers = [b for b in s.after(verb.end(), BODIES, noun.start())]
        between = s.text[issuers[-1].span.end - s.base:verb.start()] if issuers else ""
        if issuers and not re.search(r"\b(?:at|som|fordi|når|da)\b", between):
            return issuers[-1].entity, receivers
    written = list(_WRITTEN.finditer(s.text, 0, noun.start()))
    if written and len(s.text[written[-1].end():noun.start()].split()) <= 2:
        issuers = s.before(written[-1].start(), BODIES)
        if issuers:
            return issuers[-1].entity, []
    return None, []


def _document(s: CueSentence, noun: re.Match[str]) -> Resolved | None:
    """The steering document as the text names it: the mention over the noun, else the noun
    (with a year after it) as a minted end."""
    start = s.base + noun.start()
    over = [m for m in s.mentions if m.span.start <= start < m.span.end and m.entity.kind == "PolicyDocument"]
    if over:
        return over[0]
    end = noun.end()
    year = re.match(r"\s+(?:for\s+)?\d{4}\b", s.text[end:])
    if year:
        end += year.end()
    words = s.text[noun.start():end]
    return s.ends.item_end(Span(start, start + len(words), words), mint=True, kinds=("PolicyDocument", "Initiative"))


def _distinct_bodies(mentions: list[Resolved]) -> list[Resolved]:
    seen: set[tuple[str, str]] = set()
    out = []
    for m in mentions:
        key = (m.entity.iri or "", m.entity.label.casefold())
        if m.entity.kind in BODIES and key not in seen:
            seen.add(key)
            out.append(m)
    return out
