"""One cue sentence as the rules see it: its resolved mentions, what lies before and after a
cue, and the relation ends it names (a subject left to context, the items after a cue, a
document named right after a verb).

A subject left to context ("Reformen bygger på ...", "Lovforslagene må også ses i sammenheng med ...")
is the document the text is about where the noun fits it; the objects after a cue are the items
of its enumeration, or the bullets under a sentence that ends in a colon.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from healthplan_kg.extract.casefree import lowered
from healthplan_kg.extract.cue_filter import CueFilter
from healthplan_kg.extract.relations import cues
from healthplan_kg.extract.relations.ends import (
    AGENTS,
    DOCUMENTISH,
    EndFinder,
    Resolved,
    documentish,
    enumeration,
    lower_case,
    strip_classifier,
    tail_until_clause_end,
)
from healthplan_kg.extract.relations.modality import asserted
from healthplan_kg.model import EntityRef, Relation, Span

#: Each rule pattern's member of the cue set, by the pattern's id: a compiled pattern's hash is
#: made from its whole compiled program each time it is asked (a long alternation costs as much
#: as a short search), and the patterns are the module's own, alive as long as it is.
_RULE_CUES_GET = {id(pattern): cue for pattern, cue in cues.RULE_CUES.items()}.get

_Rule = TypeVar("_Rule", bound=Callable[..., None])
#: Each rule with the cue patterns it acts on (``acts_on``).
ACTS_ON: dict[Callable[..., None], tuple[re.Pattern[str], ...]] = {}


def acts_on(*patterns: re.Pattern[str]) -> Callable[[_Rule], _Rule]:
    """Mark a rule with the cue patterns its work starts from: in a sentence where none of them is
    found it adds nothing and changes no context, so ``rules.extract_relations`` calls it only
    where the sentence's words allow one of them (``cue_filter``), which most sentences do not.

    Every pattern whose matches the rule acts on must be listed, each searched in the sentence's
    own text. A rule that acts only where two patterns are both found (a source and a task) may
    list just one of them."""
    def mark(rule: _Rule) -> _Rule:
        ACTS_ON[rule] = patterns
        return rule
    return mark
#: A definite document noun standing for the document the text is about ("Lovforslagene", "Planen").
_DEFINITE_DOCUMENT = re.compile(
    r"\b(?:meldingen|meldinga|stortingsmeldingen|stortingsmeldinga|planen|strategien|strategia|utredningen|"
    r"utgreiinga|rapporten|reformen|reforma|lovforslaget|lovforslagene|lovforslaga|forslaget|proposisjonen|avtalen|"
    r"avtala|samarbeidsavtalen|utviklingsavtalen|veilederen|rettleiaren|høringsnotatet|høyringsnotatet|"
    r"statsbudsjettet|budsjettet|budsjettforslaget|dokumentet|handlingsplanen)\b",
    re.IGNORECASE)
_DEFINITE_DOCUMENT_LOW = lower_case(_DEFINITE_DOCUMENT)
#: Which kinds of document a definite document noun may stand for (as the mention finder's anaphors).
NOUN_KINDS: dict[str, tuple[str, ...]] = {
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
#: The head nouns a phrase after a verb must open with to name a document.
_PHRASE_HEAD = re.compile(r"(?:melding|plan|strategi|reform|utredning|utgreiing|rapport|notat|brev|avtale|"
                          r"oppsummering|evaluering|veileder|rettleiar|retningslinje|retningsline|faglige\s+råd|faglege\s+råd|faglig\s+råd|fagleg\s+råd|"
                          r"høringssvar|høyringssvar|høringsuttalelse|høyringsfråsegn|innspill|innspel)", re.IGNORECASE)
#: Words between a verb and its object that say when, not what.
_TIME_ADVERBIAL = re.compile(r"\b(?:i\s+(?:dag|går|år|fjor|morgen|morgon|kveld)|nå|no|også|òg|endelig|endeleg|"
                             r"offisielt|formelt|for\s+tida|for\s+tiden)\b", re.IGNORECASE)
_PREPOSITION = re.compile(r"\b(?:av|om|for|til|med|frå|fra|i|på|mot|etter|under|over|ved|hos|hjå)\b", re.IGNORECASE)
#: A coordinating "og"/"samt" ending the words between a document and a cue.
_AND_AT_END = re.compile(r"\s(?:og|samt)\s*$")
#: Between a verb and its object there is no new clause ("skriver at planen ...").
_CLAUSE_BETWEEN = re.compile(r"\b(?:at|som|hvordan|korleis|der|når|fordi|dersom|hvis|viss|og|men)\b", re.IGNORECASE)
REFLEXIVE = re.compile(r"\b(?:sin|si|sitt|sine)\s+$", re.IGNORECASE)
REFLEXIVE_START = re.compile(r"(?:sin|si|sitt|sine)\s", re.IGNORECASE)
_DEMONSTRATIVE_DOC = re.compile(r"^\s*(?:dette|denne|desse|disse)\s+(\w+)", re.IGNORECASE)
#: Where a document phrase after a verb ends ("si utgreiing (NOU) hausten 2032").
_PHRASE_END = re.compile(r"[,.;:!?]|(?<!-)\s(?:innen|innan|i\s+løpet|som|at|der|og|skal|vil|er|blir|vert|kan|må|har|"
                         r"for\s+å|til\s+stortinget|(?:våren|hausten|høsten|sommaren|sommeren|vinteren)\s+\d{4}|fram\s+mot|"
                         r"frem\s+mot|neste|i\s+dag|i\s+år|i\s+\d{4}|den\s+\d)\b",
                         re.IGNORECASE)
_PHRASE_END_LOW = lower_case(_PHRASE_END)


#: What a cue may be "built on" that is no document: goals, principles, values ("bygger på fem mål:").
_NOT_DOCUMENTS = re.compile(r"\s+(?:\w+\s+){0,2}?(?:mål|måla|målene|hovedmål|hovudmål|målsettinger|målsetjingar|"
                            r"prinsipp|prinsipper|prinsippene|prinsippa|verdier|verdiar|verdiene|verdiane|pilarer|"
                            r"pilarar|grep|hovedgrep|hovudgrep|innsatsområder|innsatsområde|satsingsområder|"
                            r"satsingsområde|forutsetninger|føresetnader)\s*:", re.IGNORECASE)
#: Where a second, coordinated cue starts ("følger opp X og bygger videre på Y"): X's list ends there.
_COORDINATED_CUE_LEAD = re.compile(r"\s*(?:,\s*)?(?:og|samt)?\s*$", re.IGNORECASE)


#: The words ``cues.ANY_CUE`` cannot match without: most tails after a cue hold no second cue.
_ANY_CUE_WORDS = CueFilter(*cues.RULE_PATTERNS)


def _until_next_cue(tail: Span) -> Span:
    """``tail`` up to a second relation cue coordinated with the first ("... og bygger videre på")."""
    if not _ANY_CUE_WORDS.may_match(tail.text):
        return tail
    m = cues.ANY_CUE.search(tail.text, 1)
    if m is None:
        return tail
    lead = _COORDINATED_CUE_LEAD.search(tail.text[:m.start()])
    if lead is None or not re.search(r"(?:,|\bog|\bsamt)\s*$", tail.text[:m.start()]):
        return tail
    end = lead.start()
    return Span(tail.start, tail.start + end, tail.text[:end])


#: A phrase opened by a number names how many documents, not which.
_COUNTED = re.compile(r"(?:\d+|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|flere|fleire|mange|noen|nokre|"
                      r"ulike|en\s+rekke|ei\s+rekkje)\s", re.IGNORECASE)
_WORK_ON = re.compile(r"(?:arbeidet|oppfølgingen|oppfølginga|innføringen|innføringa)\s+(?:med|av|til|fra|frå)\s+",
                      re.IGNORECASE)
#: How far a mention found before a cue may run into it (a name that swallowed the cue verb).
_CUE_OVERLAP = 9


#: Predicates whose ends are documents (a commission may stand for its report at one end, not both).
_BETWEEN_DOCUMENTS = frozenset({"follows_up", "seen_in_connection_with"})
_WRITTEN = ("PolicyDocument", "Initiative", "Instrument")


@dataclass
class RelationContext:
    """What one sentence's rules may borrow from the sentences before it."""

    last_issuer: EntityRef | None = None
    last_deliverer: EntityRef | None = None
    #: The document that opened the sentence before ("Planen erstatter X. Den følger opp Y").
    previous_opening: EntityRef | None = None
    #: A steering document's issuer and the document, handed over to bodies the next sentence names.
    steering: tuple[EntityRef, EntityRef] | None = None
    #: The body that last opened a sentence as its subject ("Helsedirektoratet har utarbeidet ...").
    last_actor: EntityRef | None = None
    #: Units of organisations the text has named, for a later "Senteret ..." (``units.py``).
    units: list[EntityRef] = field(default_factory=list)
    #: The documents (surface, entity) each of the last few sentences named (``anaphora.py``).
    recent_documents: list[list[tuple[str, EntityRef]]] = field(default_factory=list)


def _work_on(item: Span, mentions: Sequence[Resolved]) -> Span:
    """"arbeidet med Handlingsplan for X" names the work on a document: the document is the end."""
    m = _WORK_ON.match(item.text)
    if not m:
        return item
    rest = Span(item.start + m.end(), item.end, item.text[m.end():])
    named_rest = any(r.span.start == rest.start and r.span.end >= rest.end - 1 for r in mentions)
    return rest if named_rest else item


def entity_key(entity: EntityRef) -> tuple[str, str]:
    return (entity.iri or "", entity.label.casefold())


def distinct(items: Sequence[Resolved]) -> list[Resolved]:
    seen: list[tuple[str, str]] = []
    out = []
    for item in items:
        if entity_key(item.entity) not in seen:
            seen.append(entity_key(item.entity))
            out.append(item)
    return out


@dataclass
class CueSentence:
    sentence: Span
    mentions: list[Resolved]
    ends: EndFinder
    bullets: Sequence[Span]
    previous_opening: EntityRef | None = None
    out: list[Relation] = field(default_factory=list)
    #: The indices (in ``cues.CUE_SET``) of the patterns found in the sentence, where the caller
    #: has asked already (``CueSet.found_indices``); None: each pattern is asked when a rule asks.
    found: frozenset[int] | None = None

    def __post_init__(self) -> None:
        self.text = self.sentence.text
        self.base = self.sentence.start
        self.low = lowered(self.text)
        #: Each pattern's stated matches, once asked: several rules walk the same cue. Kept by the
        #: pattern's id (``_RULE_CUES_GET``), with the pattern, which keeps the id its own.
        self._stated: dict[int, tuple[re.Pattern[str], tuple[re.Match[str], ...]]] = {}

    # -- finding -------------------------------------------------------------------------------

    def each(self, pattern: re.Pattern[str]) -> Sequence[re.Match[str]]:
        """The pattern's matches that state a fact (not negated, not hypothetical).

        A tuple, not a generator: the rules ask for some 27 patterns in every cue sentence and
        nearly all are absent, so the common answer is the empty tuple, made without a generator
        (``asserted`` reads only the text, so testing every match at once changes nothing)."""
        key = id(pattern)
        kept = self._stated.get(key)
        if kept is not None and kept[0] is pattern:
            return kept[1]
        text = self.text
        cue = _RULE_CUES_GET(key)
        if cue is not None:
            found = self.found
            if (cue.index not in found) if found is not None else not cue.found_in_lowered(text, self.low):
                return ()
        matches: Iterable[re.Match[str]] = pattern.finditer(text) if cue is None \
            else cue.finditer_lowered(text, self.low)
        stated = tuple([m for m in matches if asserted(text, m.start(), m.end())])
        self._stated[key] = (pattern, stated)
        return stated

    def before(self, rel: int, kinds: tuple[str, ...]) -> list[Resolved]:
        return [m for m in self.mentions if m.span.start < self.base + rel and m.entity.kind in kinds
                and m.span.end <= self.base + rel + _CUE_OVERLAP]

    def after(self, rel: int, kinds: tuple[str, ...], until: int | None = None) -> list[Resolved]:
        return [m for m in self.mentions if m.span.start >= self.base + rel and m.entity.kind in kinds
                and (until is None or m.span.start < self.base + until)]

    def add(self, predicate: str, subject: EntityRef, obj: EntityRef) -> None:
        if predicate in _BETWEEN_DOCUMENTS and subject.kind not in _WRITTEN and obj.kind not in _WRITTEN:
            # "Utvalet byggjer vidare på arbeidet til Helsepersonellkommisjonen": two bodies, no document.
            return
        if entity_key(subject) != entity_key(obj):
            self.out.append(Relation(predicate, subject, obj, self.sentence))

    # -- ends ----------------------------------------------------------------------------------

    def subject_document(self, rel: int) -> EntityRef | None:
        """The document before the cue, else the one a definite document noun stands for
        ("Lovforslagene", "Samarbeidsavtalen")."""
        docs = self.before(rel, DOCUMENTISH)
        if docs:
            last = docs[-1]
            between = self.text[last.span.end - self.base:rel]
            if _AND_AT_END.search(between) and not _CLAUSE_BETWEEN.search(between.replace(" og ", " ")):
                earlier = [c for c in cues.ANY_CUE.finditer(self.text, 0, last.span.start - self.base)]
                if earlier:
                    # "Meldingen følger opp X-s rapporter og bygger på Y": X is the first verb's
                    # object; the second verb has the first one's subject.
                    return self.subject_document(earlier[-1].start())
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
        noun = self._last_definite_document(rel)
        if noun is None:
            return None
        end = self.noun_document(noun)
        return end.entity if end is not None else None

    def _last_definite_document(self, rel: int) -> re.Match[str] | None:
        """The last definite document noun before ``rel``: found by the lower-case twin in the
        lower-cased sentence, then matched as written at its place (the same match: ``casefree``)."""
        if self.low is not None:
            found = list(_DEFINITE_DOCUMENT_LOW.finditer(self.low, 0, rel))
            if not found:
                return None
            last = found[-1]
            noun = _DEFINITE_DOCUMENT.match(self.text, last.start(), rel)
            if noun is not None and noun.end() == last.end():
                return noun
        nouns = list(_DEFINITE_DOCUMENT.finditer(self.text, 0, rel))
        return nouns[-1] if nouns else None

    def noun_document(self, noun: re.Match[str]) -> Resolved | None:
        """The document a definite document noun stands for: the text's own document where its
        name holds the noun ("Planen" in a text about a plan), else the noun as the text names it."""
        main = self.ends.main_document()
        stem = re.sub(r"(?:ene|ane|en|a|et)$", "", noun.group(0).lower())
        kinds = next((k for head, k in NOUN_KINDS.items() if stem.endswith(head)), ())
        if main is not None and stem and (stem in main.label.lower() or main.sub_kind in kinds):
            return Resolved(Span(self.base + noun.start(), self.base + noun.end(), noun.group(0)), main)
        start = self.base + noun.start()
        return self.ends.item_end(Span(start, start + len(noun.group(0)), noun.group(0)), mint=True)

    def listed(self, rel: int, accept: Callable[[str], bool], kinds: tuple[str, ...]) -> list[Resolved]:
        """The objects after the cue at ``rel``: the bullets under a sentence ending in a colon,
        else the items of the enumeration that follows the cue in its clause."""
        if self.bullets and self.text.rstrip().endswith(":"):
            if _NOT_DOCUMENTS.match(self.text, rel):
                return []
            items = list(self.bullets)
        else:
            tail = _until_next_cue(tail_until_clause_end(self.sentence, self.base + rel))
            items = enumeration(self.sentence, tail, self.mentions)
        out = []
        for item in items:
            end = self.item(item, accept, kinds)
            if end is not None:
                out.append(end)
        return distinct(out)

    def item(self, item: Span, accept: Callable[[str], bool], kinds: tuple[str, ...]) -> Resolved | None:
        """The entity one item names: a mention covering most of it, else a minted end."""
        item = _work_on(item, self.mentions)
        leading = next((m for m in self.mentions if m.span.start == item.start and m.span.end < item.end
                        and m.entity.kind in kinds and _ADVERBIAL.match(self.text, m.span.end - self.base)), None)
        if leading is not None:
            return leading
        words = strip_classifier(item) if "Organisation" in kinds else item
        if accept(words.text):
            end = self._as_here(self.ends.item_end(words, mint=True))
            if end is not None and end.entity.kind in kinds + ("Initiative",):
                return end
        end = self._as_here(self.ends.item_end(item, mint=False))
        if end is not None and end.entity.kind in kinds:
            return end
        inside = [m for m in self.mentions if item.start <= m.span.start < item.end and m.entity.kind in kinds]
        return inside[0] if inside else None

    def _as_here(self, end: Resolved | None) -> Resolved | None:
        """The end as this sentence resolved its span (an identifier in apposition, a definite
        noun taken up, may have re-resolved a mention the mention finder holds)."""
        if end is None:
            return None
        return next((m for m in self.mentions if m.span == end.span), end)

    def document_phrase(self, rel: int) -> Resolved | None:
        """A document named by words right after the cue ("si utgreiing (NOU)"), minted."""
        rest = self.text[rel:]
        lead = len(rest) - len(rest.lstrip())
        m = _PHRASE_END_LOW.search(self.low[rel:], lead) if self.low is not None else _PHRASE_END.search(rest, lead)
        end = m.start() if m else len(rest)
        nxt = [r.span.start - self.base - rel for r in self.mentions
               if self.base + rel + lead < r.span.start < self.base + rel + end
               and re.search(r"\si\s+$", self.text[:r.span.start - self.base])]
        if nxt:
            # A name after the phrase starts another phrase ("ein ny strategi i Folkehelsemeldinga").
            end = re.sub(r"\s+(?:i|for|om|av|til|med|på)\s*$", "", rest[:min(nxt)]).__len__()
        owner = REFLEXIVE_START.match(rest, lead)
        if owner:
            # "levert sitt høringssvar til X": the possessive is not part of the name.
            lead = owner.end()
        words = rest[lead:end].rstrip()
        head = " ".join(words.split()[:3])
        if not words or len(words.split()) > 9 or not documentish(words) or not _PHRASE_HEAD.search(head):
            return None
        if _COUNTED.match(words):
            # "sju høringsuttalelser": a number of documents, none of them named.
            return None
        start = self.base + rel + lead
        phrase = Span(start, start + len(words), words)
        end = self.ends.item_end(phrase, mint=True, kinds=("PolicyDocument", "Initiative"))
        if end is not None and end.span.start != start:
            # "høringssvar til Nasjonal helse- og samhandlingsplan": the name inside is not the document.
            end = self.ends.item_end(phrase, mint=True, kinds=("Initiative",))
        return end

    def document_after(self, rel: int, within: int = 40) -> Resolved | None:
        """The object document of a verb: a mention right after it (a determiner, a possessive or
        an adjective between), a demonstrative with a document noun, or a phrase naming one."""
        docs = [d for d in self.after(rel, ("PolicyDocument", "Initiative"), rel + within)
                if not _CLAUSE_BETWEEN.search(self.text[rel:d.span.start - self.base])]
        if docs:
            between = _TIME_ADVERBIAL.sub(" ", self.text[rel:docs[0].span.start - self.base])
            if len(between.split()) <= 3 and not _PREPOSITION.search(between):
                return docs[0]
        demonstrative = _DEMONSTRATIVE_DOC.match(self.text[rel:])
        noun = _DEFINITE_DOCUMENT.match(self.text, rel + demonstrative.end() - len(demonstrative.group(1))) \
            if demonstrative else None
        if noun:
            return self.noun_document(noun)
        # "laget en felles oppsummering av rapportene": the phrase after the verb names the document.
        return self.document_phrase(rel)

    def agent_before(self, rel: int, kinds: tuple[str, ...] = AGENTS) -> EntityRef | None:
        found = self.before(rel, kinds)
        return found[-1].entity if found else None
