"""The sentence rules: each cue (``cues.py``) with the side of it that holds the subject and the
side that holds the objects.

A rule reads the sentence's resolved mentions; an enumeration after the cue gives one relation
per item, and a cue sentence that ends in a colon takes the bullets under it as its objects. A
subject left to context ("Reformen bygger på ...", "Lovforslagene må ses i sammenheng med ...")
is the document the text is about. Negated and hypothetical statements give nothing
(``modality.py``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from healthplan_kg.extract.casefree import lowered
from healthplan_kg.extract.relations import cues
from healthplan_kg.extract.relations.ends import (
    AGENTS,
    BODIES,
    DOCUMENTISH,
    EndFinder,
    Resolved,
    documentish,
    enumeration,
    named,
    same_kind_of_document,
    strip_classifier,
    tail_until_clause_end,
)
from healthplan_kg.extract.relations.modality import asserted
from healthplan_kg.model import EntityRef, Relation, Span

#: A definite document noun standing for the document the text is about ("Lovforslagene", "Planen").
_DEFINITE_DOCUMENT = re.compile(
    r"\b(?:meldingen|meldinga|stortingsmeldingen|stortingsmeldinga|planen|strategien|strategia|utredningen|"
    r"utgreiinga|rapporten|reformen|reforma|lovforslaget|lovforslagene|lovforslaga|forslaget|proposisjonen|avtalen|"
    r"avtala|samarbeidsavtalen|utviklingsavtalen|veilederen|rettleiaren|høringsnotatet|høyringsnotatet|"
    r"statsbudsjettet|budsjettet|budsjettforslaget|dokumentet|handlingsplanen)\b",
    re.IGNORECASE)
#: Which kinds of document a definite document noun may stand for (as the mention finder's anaphors).
_NOUN_KINDS: dict[str, tuple[str, ...]] = {
    "melding": ("white_paper",), "plan": ("plan", "white_paper", "strategy"), "strategi": ("strategy", "plan"),
    "utredning": ("nou", "report"), "utgreiing": ("nou", "report"), "rapport": ("report", "nou"),
    "reform": ("other", "white_paper"), "forslag": ("proposition",), "proposisjon": ("proposition",),
    "veileder": ("guideline",), "rettleiar": ("guideline",), "dokument": ("other", "report", "letter"),
}
#: A sentence opened by a pronoun that takes up the document the sentence before opened with.
_PRONOUN_OPENING = re.compile(r"(?:Den|Det|Ho|Han)\s+(?:\w+\s+)?(?:følger|følgjer|bygger|byggjer|erstatter|erstattar|"
                              r"avløser|avløyser|tar|tek|skal|vil|er|inngår)\b")
#: What stands between a first verb's object and a second, coordinated verb.
_COORDINATED = re.compile(r"\s*,?\s*(?:og|samt)\s")
#: A name followed by a modifier of the verb, not of the name ("Sykehusutvalet på fleire punkt").
_ADVERBIAL = re.compile(r"\s+(?:på|i|med|gjennom|etter|innen|innan|over|under)\s")
#: Between a verb and its object there is no new clause ("skriver at planen ...").
_CLAUSE_BETWEEN = re.compile(r"\b(?:at|som|hvordan|korleis|der|når|fordi|dersom|hvis|viss|og|men)\b", re.IGNORECASE)
_REFLEXIVE = re.compile(r"\b(?:sin|si|sitt|sine)\s+$", re.IGNORECASE)
_REFLEXIVE_START = re.compile(r"(?:sin|si|sitt|sine)\s", re.IGNORECASE)
_DEMONSTRATIVE_DOC = re.compile(r"^\s*(?:dette|denne|desse|disse)\s+(\w+)", re.IGNORECASE)
#: Where a document phrase after a verb ends ("si utgreiing (NOU) innan utgangen av juni").
_PHRASE_END = re.compile(r"[,.;:!?]|\s(?:innen|innan|i\s+løpet|som|der|og|skal|vil|er|blir|vert|kan|må|har|"
                         r"for\s+å|til\s+Stortinget|(?:våren|hausten|høsten|sommaren|sommeren|vinteren)\s+\d{4}|fram\s+mot|frem\s+mot|neste|i\s+dag|i\s+år|i\s+\d{4}|den\s+\d)\b",
                         re.IGNORECASE)


_WORK_ON = re.compile(r"(?:arbeidet|oppfølgingen|oppfølginga|innføringen|innføringa)\s+(?:med|av|til|fra|frå)\s+",
                      re.IGNORECASE)
#: How far a mention found before a cue may run into it (a name that swallowed the cue verb).
_CUE_OVERLAP = 9


@dataclass
class RelationContext:
    """What one sentence's rules may borrow from the sentences before it."""

    last_issuer: EntityRef | None = None
    last_deliverer: EntityRef | None = None
    #: The document that opened the sentence before ("Planen erstatter X. Den følger opp Y").
    previous_opening: EntityRef | None = None


def _work_on(item: Span, mentions: Sequence[Resolved]) -> Span:
    """"arbeidet med Leve hele livet" names the work on a document: the document is the end."""
    m = _WORK_ON.match(item.text)
    if not m:
        return item
    rest = Span(item.start + m.end(), item.end, item.text[m.end():])
    named_rest = any(r.span.start == rest.start and r.span.end >= rest.end - 1 for r in mentions)
    return rest if named_rest else item


def _key(entity: EntityRef) -> tuple[str, str]:
    return (entity.iri or "", entity.label.casefold())


def _distinct(items: Sequence[Resolved]) -> list[Resolved]:
    seen: list[tuple[str, str]] = []
    out = []
    for item in items:
        if _key(item.entity) not in seen:
            seen.append(_key(item.entity))
            out.append(item)
    return out


@dataclass
class _Sentence:
    sentence: Span
    mentions: list[Resolved]
    ends: EndFinder
    bullets: Sequence[Span]
    previous_opening: EntityRef | None = None
    out: list[Relation] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.text = self.sentence.text
        self.base = self.sentence.start
        self.low = lowered(self.text)

    # -- finding -------------------------------------------------------------------------------

    def each(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """The pattern's matches that state a fact (not negated, not hypothetical)."""
        cue = cues.RULE_CUES.get(pattern)
        if cue is not None and not cue.found_in_lowered(self.text, self.low):
            return
        for m in pattern.finditer(self.text):
            if asserted(self.text, m.start(), m.end()):
                yield m

    def before(self, rel: int, kinds: tuple[str, ...]) -> list[Resolved]:
        return [m for m in self.mentions if m.span.start < self.base + rel and m.entity.kind in kinds
                and m.span.end <= self.base + rel + _CUE_OVERLAP]

    def after(self, rel: int, kinds: tuple[str, ...], until: int | None = None) -> list[Resolved]:
        return [m for m in self.mentions if m.span.start >= self.base + rel and m.entity.kind in kinds
                and (until is None or m.span.start < self.base + until)]

    def add(self, predicate: str, subject: EntityRef, obj: EntityRef) -> None:
        if _key(subject) != _key(obj):
            self.out.append(Relation(predicate, subject, obj, self.sentence))

    # -- ends ----------------------------------------------------------------------------------

    def subject_document(self, rel: int) -> EntityRef | None:
        """The document before the cue, else the one a definite document noun stands for
        ("Lovforslagene", "Samarbeidsavtalen")."""
        docs = self.before(rel, DOCUMENTISH)
        if docs:
            last = docs[-1]
            if not _COORDINATED.match(self.text, last.span.end - self.base, rel):
                return last.entity
            # "Meldingen skal erstatte X og bygge på Y": X is the first verb's object; the subject
            # of both verbs opens the sentence (else it is not in the sentence).
            first = docs[0]
            opens = len(self.text[:first.span.start - self.base].split()) <= 2
            if first is not last and opens:
                return first.entity
            return self.previous_opening if _PRONOUN_OPENING.match(self.text) else None
        if _PRONOUN_OPENING.match(self.text) and self.previous_opening is not None:
            return self.previous_opening
        nouns = list(_DEFINITE_DOCUMENT.finditer(self.text, 0, rel))
        if not nouns:
            return None
        end = self.noun_document(nouns[-1])
        return end.entity if end is not None else None

    def noun_document(self, noun: re.Match[str]) -> Resolved | None:
        """The document a definite document noun stands for: the text's own document where its
        name holds the noun ("Planen" in a text about a plan), else the noun as the text names it."""
        main = self.ends.main_document()
        stem = re.sub(r"(?:ene|ane|en|a|et)$", "", noun.group(0).lower())
        kinds = next((k for head, k in _NOUN_KINDS.items() if stem.endswith(head)), ())
        if main is not None and stem and (stem in main.label.lower() or main.sub_kind in kinds):
            return Resolved(Span(self.base + noun.start(), self.base + noun.end(), noun.group(0)), main)
        start = self.base + noun.start()
        return self.ends.item_end(Span(start, start + len(noun.group(0)), noun.group(0)), mint=True)

    def listed(self, rel: int, accept: Callable[[str], bool], kinds: tuple[str, ...]) -> list[Resolved]:
        """The objects after the cue at ``rel``: the bullets under a sentence ending in a colon,
        else the items of the enumeration that follows the cue in its clause."""
        if self.bullets and self.text.rstrip().endswith(":"):
            items = list(self.bullets)
        else:
            tail = tail_until_clause_end(self.sentence, self.base + rel)
            items = enumeration(self.sentence, tail, self.mentions)
        out = []
        for item in items:
            end = self.item(item, accept, kinds)
            if end is not None:
                out.append(end)
        return _distinct(out)

    def item(self, item: Span, accept: Callable[[str], bool], kinds: tuple[str, ...]) -> Resolved | None:
        """The entity one item names: a mention covering most of it, else a minted end."""
        item = _work_on(item, self.mentions)
        leading = next((m for m in self.mentions if m.span.start == item.start and m.span.end < item.end
                        and m.entity.kind in kinds and _ADVERBIAL.match(self.text, m.span.end - self.base)), None)
        if leading is not None:
            return leading
        words = strip_classifier(item) if "Organisation" in kinds else item
        if accept(words.text):
            end = self.ends.item_end(words, mint=True)
            if end is not None and end.entity.kind in kinds + ("Initiative",):
                return end
        end = self.ends.item_end(item, mint=False)
        if end is not None and end.entity.kind in kinds:
            return end
        inside = [m for m in self.mentions if item.start <= m.span.start < item.end and m.entity.kind in kinds]
        return inside[0] if inside else None

    def document_phrase(self, rel: int) -> Resolved | None:
        """A document named by words right after the cue ("si utgreiing (NOU)"), minted."""
        rest = self.text[rel:]
        lead = len(rest) - len(rest.lstrip())
        m = _PHRASE_END.search(rest, lead)
        end = m.start() if m else len(rest)
        nxt = [r.span.start - self.base - rel for r in self.mentions
               if self.base + rel + lead < r.span.start < self.base + rel + end
               and re.search(r"\si\s+$", self.text[:r.span.start - self.base])]
        if nxt:
            # A name after the phrase starts another phrase ("ein ny strategi i Folkehelsemeldinga").
            end = re.sub(r"\s+(?:i|for|om|av|til|med|på)\s*$", "", rest[:min(nxt)]).__len__()
        words = rest[lead:end].rstrip()
        if not words or len(words.split()) > 9 or not documentish(words) or not re.search(
                r"(?:melding|plan|strategi|reform|utredning|utgreiing|rapport|notat|brev|avtale)", words, re.I):
            return None
        start = self.base + rel + lead
        return self.ends.item_end(Span(start, start + len(words), words), mint=True,
                                  kinds=("PolicyDocument", "Initiative"))

    def document_after(self, rel: int, within: int = 40) -> Resolved | None:
        """The document right after a verb (within a few words), mentioned or named by words."""
        docs = [d for d in self.after(rel, ("PolicyDocument", "Initiative"), rel + within)
                if not _CLAUSE_BETWEEN.search(self.text[rel:d.span.start - self.base])]
        if docs and re.search(r"\s(?:av|om|for|til|med|frå|fra)\s*$", self.text[rel:docs[0].span.start - self.base]):
            # "laget en oppsummering av rapportene": the mention is the complement of another
            # head; the phrase after the verb names the document.
            phrase = self.document_phrase(rel)
            if phrase is not None:
                return phrase
        if docs:
            return docs[0]
        demonstrative = _DEMONSTRATIVE_DOC.match(self.text[rel:])
        noun = _DEFINITE_DOCUMENT.match(self.text, rel + demonstrative.end() - len(demonstrative.group(1))) \
            if demonstrative else None
        if noun:
            return self.noun_document(noun)
        return self.document_phrase(rel)

    def agent_before(self, rel: int, kinds: tuple[str, ...] = AGENTS) -> EntityRef | None:
        found = self.before(rel, kinds)
        return found[-1].entity if found else None


def extract_relations(sentence: Span, mentions: list[Resolved], context: RelationContext, ends: EndFinder,
                      bullets: Sequence[Span] = ()) -> list[Relation]:
    """Relations one sentence states. ``bullets`` are the list items under it, when it ends in a
    colon; ``ends`` resolves items and mints ends no mention names."""
    previous_opening = context.previous_opening
    context.previous_opening = _opening_document(sentence, mentions)
    if not cues.HAS_CUE.found_in_lowered(sentence.text, lowered(sentence.text)):
        return []
    s = _Sentence(sentence, mentions, ends, bullets, previous_opening)
    _follows_up(s)
    _replaces(s)
    _revises(s)
    _seen_with(s)
    _part_of(s)
    _assignments(s, context)
    _collaborates(s)
    _publishes_and_announces(s, context)
    _incorporated(s)
    return s.out


def _opening_document(sentence: Span, mentions: list[Resolved]) -> EntityRef | None:
    """The document a sentence opens with (its subject, in a main clause that starts with it)."""
    first = next((m for m in mentions if m.entity.kind in DOCUMENTISH), None)
    if first is None or len(sentence.text[:first.span.start - sentence.start].split()) > 1:
        return None
    return first.entity


def _follows_up(s: _Sentence) -> None:
    passive = []
    for m in s.each(cues.FOLLOWS_UP_PASSIVE):
        passive.append((m.start(), m.end()))
        objects = _distinct(s.before(m.start(), DOCUMENTISH))
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
            # "bygger på føringer som ligger i X": the document the guidance comes from.
            followed = s.after(m.end(), ("PolicyDocument",), m.end() + 60)[:1]
        for obj in followed:
            s.add("follows_up", subject, obj.entity)
    for m in s.each(cues.FOLLOWS_UP_GROUNDS):
        grounds = s.before(m.start(), DOCUMENTISH)
        built = s.after(m.end(), ("PolicyDocument", "Initiative"))
        if grounds and built:
            s.add("follows_up", built[0].entity, grounds[-1].entity)


def _replaces(s: _Sentence) -> None:
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


def _revises(s: _Sentence) -> None:
    """"... å revidere og fornye eksisterende kreftstrategi, Nasjonal kreftstrategi 2018-2022": the
    text's own (new) document of the same kind replaces the existing one."""
    for m in s.each(cues.REVISES):
        olds = s.after(m.end(), ("PolicyDocument",), m.end() + 120)
        new = s.ends.main_document()
        if not olds or new is None:
            continue
        old = max(olds, key=lambda d: len(d.entity.label))
        if same_kind_of_document(new.label, old.entity.label):
            s.add("replaces", new, old.entity)


def _seen_with(s: _Sentence) -> None:
    for m in s.each(cues.SEEN_WITH):
        subject = s.subject_document(m.start())
        if subject is None:
            continue
        for obj in s.listed(m.end(), documentish, DOCUMENTISH + ("Instrument",)):
            s.add("seen_in_connection_with", subject, obj.entity)
    for m in s.each(cues.TOGETHER_WITH):
        subjects = s.before(m.start(), DOCUMENTISH)
        if subjects:
            for obj in _distinct(s.after(m.end(), ("PolicyDocument",))):
                s.add("seen_in_connection_with", subjects[-1].entity, obj.entity)


def _part_of(s: _Sentence) -> None:
    for m in s.each(cues.PRESENTED_IN):
        containers = s.after(m.end(), ("PolicyDocument",), m.end() + 60)
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
        wholes = s.before(m.start(), BODIES + DOCUMENTISH)
        whole = wholes[-1].entity if wholes else _quoted_name_before(s, m.start())
        if whole is None:
            continue
        for part in s.listed(m.end(), named, BODIES + DOCUMENTISH):
            s.add("part_of", part.entity, whole)


def _quoted_name_before(s: _Sentence, rel: int) -> EntityRef | None:
    """A name in guillemets right before the cue («Fellesaksjonen for ...», består av ...)."""
    m = re.search(r"«([^»]{3,120})»\s*,?\s*$", s.text[:rel])
    if not m:
        return None
    end = s.ends.item_end(Span(s.base + m.start(1), s.base + m.end(1), m.group(1)), mint=True)
    return end.entity if end is not None else None


def _assignments(s: _Sentence, context: RelationContext) -> None:
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
            if issuers and between:
                return give(issuers[-1].entity, between[0].entity)
    for m in s.each(cues.APPOINTS):
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


def _collaborates(s: _Sentence) -> None:
    for m in s.each(cues.COLLABORATES):
        tail = tail_until_clause_end(s.sentence, s.base + m.end())
        partners = [r for r in s.mentions if tail.start <= r.span.start < tail.end and r.entity.kind in BODIES]
        for item in enumeration(s.sentence, tail, s.mentions):
            if not any(item.start <= p.span.start < item.end for p in partners):
                end = s.item(item, named, BODIES)
                if end is not None:
                    partners.append(end)
        partners = _distinct(sorted(partners, key=lambda r: r.span.start))
        if "mellom" in m.group(0).lower():
            subject, partners = (partners[0].entity, partners[1:]) if partners else (None, [])
        else:
            subject = s.agent_before(m.start(), BODIES)
        if subject is None:
            continue
        for partner in partners:
            s.add("collaborates_with", subject, partner.entity)


def _incorporated(s: _Sentence) -> None:
    """"nye føringer fra Nasjonal helse- og sykehusplan innarbeides": the text's own document
    (or the one the clause names after "i") takes the named document up."""
    for m in s.each(cues.INCORPORATED):
        sources = [d for d in s.before(m.start(), ("PolicyDocument",))
                   if re.search(r"\b(?:fra|frå)\s+$", s.text[:d.span.start - s.base])]
        into = re.match(r"\s+i\s+", s.text[m.end():])
        targets = s.after(m.end() + into.end(), ("PolicyDocument",), m.end() + into.end() + 2) if into else []
        target = targets[0].entity if targets else s.ends.main_document()
        if target is None:
            continue
        for source in _distinct(sources):
            s.add("follows_up", target, source.entity)


def _publishes_and_announces(s: _Sentence, context: RelationContext) -> None:
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
            for doc in _distinct(s.before(m.start(), ("PolicyDocument",))):
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
            for doc in _distinct(s.before(m.start(), ("PolicyDocument",))[-1:]):
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
        own = _REFLEXIVE.search(s.text[:doc.span.start - s.base]) or _REFLEXIVE_START.match(doc.span.text)
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


def _presented_by_genitive(s: _Sentence, m: re.Match[str]) -> None:
    """"regjeringens handlingsplan ble lansert": the genitive names who presented it."""
    docs = s.before(m.start(), ("PolicyDocument",))
    if not docs:
        return
    doc = docs[-1]
    owners = [a for a in s.mentions if a.entity.kind in BODIES and a.span.text.lower().endswith("s")
              and (0 <= doc.span.start - a.span.end <= 1 or a.span.start == doc.span.start)]
    if owners:
        s.add("announces", owners[-1].entity, doc.entity)


def _is_passive(text: str, pos: int) -> bool:
    return bool(re.search(r"\b(?:ble|blei|vart|er|blir|vert|blitt)\s+$", text[:pos]))
