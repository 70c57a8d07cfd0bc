"""Finding and resolving every mention in one text: reference names, identifiers, named
documents and bodies, people, and the definite descriptions that point back at them.

Resolution is by salience, the way a reader does it: "direktoratet" is the directorate the text
last named; "planen" is the plan the text is about (the document it names most); "departementet"
in a letter about a white paper with no ministry named is that white paper's responsible
ministry. What cannot be resolved is left out rather than guessed.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence

from healthplan_kg.extract.anchored import WordStartLiterals, finditer_at, is_word, word_start_occurrences
from healthplan_kg.extract.casefree import lowered
from healthplan_kg.extract.gazetteer import Gazetteer
from healthplan_kg.extract.identifiers import find_identifiers
from healthplan_kg.extract.lists import split_enumeration
from healthplan_kg.extract.named_documents import _GENERIC_COMPOUNDS, HeadPlaces, find_named_documents
from healthplan_kg.extract.normalise import fold
from healthplan_kg.extract.organisations import (
    definite_forms,
    find_acronym_definitions,
    find_listed_bodies,
    find_named_bodies,
    find_shaped_bodies,
    find_sub_bodies,
)
from healthplan_kg.extract.people import RANK_STATED, find_people
from healthplan_kg.extract.quotes import FoundQuote
from healthplan_kg.extract.relations import Resolved
from healthplan_kg.extract.resolved_index import LastEndingBy, ResolvedList
from healthplan_kg.extract.speakers import SpeakerResolver
from healthplan_kg.extract.tokens import CLAUSE_WORDS
from healthplan_kg.model import EntityRef, Mention, PersonRole, Quote, Span
from healthplan_kg.namespaces import document_iri
from healthplan_kg.reference import ReferenceIndex

#: Definite common nouns that refer back to a body, and the kind of body they fit.
ORG_ANAPHORS: dict[str, tuple[str, ...]] = {
    "direktoratet": ("directorate",), "departementet": ("ministry",),
    "kompetansetjenesten": ("competence_service",), "kompetansetenesta": ("competence_service",),
    "kommisjonen": ("commission",), "utvalget": ("commission",), "utvalet": ("commission",),
    "tilsynet": ("supervisory_authority", "agency"), "instituttet": ("agency",),
    "helseforetaket": ("health_trust", "regional_health_authority"),
    "helseføretaket": ("health_trust", "regional_health_authority"),
}
_ORG_ANAPHOR = re.compile(r"\b(" + "|".join(ORG_ANAPHORS) + r")s?\b", re.IGNORECASE)
_ORG_ANAPHOR_WORDS = WordStartLiterals(ORG_ANAPHORS)
#: Which document kinds a bare definite head may point back at.
_ANAPHOR_KINDS: dict[str, tuple[str, ...]] = {
    "melding": ("white_paper",), "stortingsmelding": ("white_paper",),
    "plan": ("plan", "white_paper", "strategy"), "handlingsplan": ("plan",), "strategiplan": ("plan",),
    "strategi": ("strategy", "plan"), "reform": ("other", "white_paper"), "rapport": ("report", "nou"),
    "utredning": ("nou", "report"), "utgreiing": ("nou", "report"), "veileder": ("guideline",),
    "rettleiar": ("guideline",), "retningslinje": ("guideline",), "forskrift": ("law",),
    "lov": ("law",), "tildelingsbrev": ("letter",),
}
_ANAPHOR_HEADS_LONGEST_FIRST = sorted(_ANAPHOR_KINDS, key=len, reverse=True)
_ADDRESS = re.compile(r"\S+@\S+|\bhttps?://\S+|\bwww\.\S+|\b[\w.-]+\.(?:no|com|org|net)(?:/\S*)?\b")
#: What every address above holds; the address pattern is slow, and most texts hold none.
_ADDRESS_MARKS = ("@", "://", "www.", ".no", ".com", ".org", ".net")
#: Words that end an initiative's name: verbs and subjunctions, not determiners.
_INITIATIVE_STOP = CLAUSE_WORDS - {"det", "den", "de", "dei", "dette", "denne", "disse", "desse", "både"}
_BODY_WORDS = set(ORG_ANAPHORS) | {
    "forbundet", "foreningen", "foreninga", "rådet", "etaten", "nemnda", "senteret", "sekretariatet",
    "ombudet", "akademiet", "universitetet", "sykehuset", "sjukehuset", "utvalget", "utvalet"}
_DEMONSTRATIVE = re.compile(r"\b(?:den|denne|dette|det|dei|desse|disse)\s+$", re.IGNORECASE)
_REPORT_HEADS = ("utredning", "utgreiing", "rapport", "innstilling")
_MORE_NAMES = re.compile(r"\s*(?:,|og|eller)\s+[A-ZÆØÅ]")
_FROM_NAME = re.compile(r"\s+(?:fra|frå)\s+[A-ZÆØÅ]")
#: "X-kommisjonens rapport(er)", "X-utvalets utgreiing": the head after a commission's genitive.
_REPORT_AFTER_GENITIVE = re.compile(r"\s+(rapport|utredning|utgreiing)(?:en|a|er|ar|ene|ane)?\b", re.IGNORECASE)
_ARTICLE = re.compile(r"^(?:en|ein|et|eit|ei)\s+", re.IGNORECASE)
#: What an enumerated item may name as a relation end.
_ITEM_KINDS = ("PolicyDocument", "Commission", "Organisation", "Instrument", "Initiative", "Person")
_LEADING = re.compile(r"^(?:blant annet|mellom anna|bl\.a\.|både|og|eller|samt|det|den|de|dei)\s+",
                      re.IGNORECASE)


class MentionFinder:
    """All mentions of one text, resolved to entities; built once per extraction."""

    def __init__(self, text: str, sentences: Sequence[Span], gazetteer: Gazetteer, index: ReferenceIndex,
                 language: str) -> None:
        self.text = text
        self.sentences = list(sentences)
        self.gazetteer = gazetteer
        self.index = index
        self.language = language
        #: Every mention found, with position indexes (``resolved_index``): append-only.
        self.resolved = ResolvedList()
        self._relation_hidden: set[tuple[int, int, EntityRef]] = set()
        self._minted_documents: dict[str, EntityRef] = {}
        #: The first document minted under each head (a key's part before "|"): keys are only added.
        self._first_minted_by_head: dict[str, EntityRef] = {}
        self._pending_reports: list = []        # "utredningen fra X": X may be found later
        self._minted_ends: dict[str, EntityRef] = {}
        self._people: dict[str, tuple[EntityRef, str | None, EntityRef | None, Span]] = {}
        #: The first person noted with each surname (people are only added, each keeps its ref).
        self._first_by_surname: dict[str, EntityRef] = {}
        self._role_ranks: dict[str, int] = {}
        self._addresses = [(m.start(), m.end()) for m in _ADDRESS.finditer(text)] \
            if any(mark in text for mark in _ADDRESS_MARKS) else []

    # -- finding -------------------------------------------------------------------------------

    def run(self) -> None:
        self._reference_names()
        self._identifiers()
        self._named_documents()
        self._bodies()
        self._commission_reports()
        self._org_anaphors()
        self._people_mentions()
        self.resolved.sort(key=lambda r: (r.span.start, -r.span.end))

    def _add(self, span: Span, entity: EntityRef) -> None:
        self.resolved.append(Resolved(span, entity))

    def _in_address(self, span: Span) -> bool:
        """Inside an e-mail address or a web address: names there are not mentions. The addresses
        are found left to right without overlapping, so the only one that can hold ``span.start``
        is the last one starting at or before it (a binary search, not a scan per mention)."""
        i = bisect_right(self._addresses, (span.start, len(self.text) + 1)) - 1
        return i >= 0 and self._addresses[i][0] <= span.start < self._addresses[i][1]

    def _overlaps(self, span: Span, kinds: tuple[str, ...] | None = None) -> bool:
        return self.resolved.overlaps(span, kinds)

    def _reference_names(self) -> None:
        for hit in self.gazetteer.find(self.text):
            # Themes and groups are linked where a list names them, not wherever a word occurs.
            if hit.entry.kind not in ("Theme", "PriorityGroup") and not self._in_address(hit.span):
                self._add(hit.span, hit.ref())

    def _identifiers(self) -> None:
        for found in find_identifiers(self.text):
            if self._overlaps(found.span, ("PolicyDocument",)):
                continue
            iri = document_iri(found.identifier)
            entry = self.index.by_iri.get(iri)
            if entry is not None:
                ref = EntityRef(entry.preferred or entry.label, "PolicyDocument", iri, entry.sub_kind,
                                found.identifier)
            else:
                ref = EntityRef(found.identifier, "PolicyDocument", None, found.kind, found.identifier)
            self._add(found.span, ref)

    def _named_documents(self) -> None:
        anaphors = []
        heads = HeadPlaces(self.text)
        for sentence in self.sentences:
            if not heads.may_hold(sentence):
                continue                    # no document head noun: no named document
            named: list[Span] = []          # names found in this sentence, which may hold others
            for doc in find_named_documents(self.text, sentence):
                if self._in_address(doc.span) or self._overlaps_document_outside(doc.span, named):
                    continue
                named.append(doc.span)
                if doc.bare and doc.definite:
                    if self._report_of_commissions(doc.span, doc.head, final=False):
                        continue
                    if doc.head.endswith(_REPORT_HEADS) and _FROM_NAME.match(self.text, doc.span.end):
                        self._pending_reports.append(doc)   # the commission may be found later
                        continue
                    anaphors.append(doc)
                    continue
                self._add(doc.span, self._mint_document(doc.label, doc.kind, doc.head, doc.span))
        counts = Counter(r.entity for r in self.resolved if r.entity.kind == "PolicyDocument")
        first_seen: dict[EntityRef, int] = {}
        for r in self.resolved:
            if r.entity.kind == "PolicyDocument":
                first_seen.setdefault(r.entity, r.span.start)
        # Per kind of head, computed once: the documents it may point back at, the most salient
        # of them, and the one named last before a place (``LastEndingBy``).
        fitting: dict[tuple[str, ...], tuple[list[EntityRef], EntityRef | None, LastEndingBy]] = {}
        for doc in anaphors:
            same_head = None
            if doc.head not in _GENERIC_COMPOUNDS:
                same_head = self._minted_documents.get(_head_key(doc.head, doc.label)) \
                    or self._first_minted_by_head.get(doc.head)
            if same_head is not None:
                self._add(doc.span, same_head)
                continue
            if doc.head not in _GENERIC_COMPOUNDS and doc.head not in _ANAPHOR_KINDS:
                self._add(doc.span, self._mint_document(doc.label, doc.kind, doc.head, doc.span))
                continue
            base_head = next((h for h in _ANAPHOR_HEADS_LONGEST_FIRST if doc.head.endswith(h)), None)
            kinds = _ANAPHOR_KINDS.get(base_head or "", ())
            if kinds not in fitting:
                candidates = [e for e in counts if (e.sub_kind in kinds or (e.sub_kind is None and e.kind))]
                best = max(candidates, key=lambda e: (counts[e], -first_seen[e])) if candidates else None
                fits = set(candidates)
                fitting[kinds] = (candidates, best, LastEndingBy(self.resolved, lambda r, fits=fits: r.entity in fits))
            candidates, best, named_last = fitting[kinds]
            if _DEMONSTRATIVE.search(self.text[max(0, doc.span.start - 8):doc.span.start]):
                # "Den planen": the compatible document named last, not the most salient one.
                earlier = named_last.at(doc.span.start)
                if earlier is not None:
                    self._add(doc.span, earlier.entity)
                    continue
            if best is not None:
                self._add(doc.span, best)

    def _overlaps_document_outside(self, span: Span, containers: list[Span]) -> bool:
        """Does ``span`` overlap a document mention other than a name it lies inside?

        A name nested in another's complement ("høringsnotat om endringer i X-loven") is a
        document too; any other overlap means the words are already taken.
        """
        inside = [c for c in containers if c.start <= span.start and span.end <= c.end]
        return any(r.entity.kind == "PolicyDocument"
                   and not any(r.span.start == c.start and r.span.end == c.end for c in inside)
                   for r in self.resolved.overlapping(span))

    def _report_of_commissions(self, span: Span, head: str, *, final: bool = True) -> bool:
        """"Utredningene fra X-kommisjonen og Y-utvalget": the commissions' reports.

        Not ``final`` (before bodies found by their shape are known), a coordination that goes on
        past the last known commission is left for later, so no commission of it is missed.
        """
        if not head.endswith(_REPORT_HEADS):
            return False
        m = re.match(r"\s+(?:fra|frå)\s+", self.text[span.end:])
        if not m:
            return False
        pos = span.end + m.end()
        commissions = []
        for r in self.resolved.by_start_from(pos):
            gap = self.text[pos:r.span.start]
            if gap.strip(" ,") not in ("", "og", "eller") or r.entity.kind != "Commission":
                break
            commissions.append(r)
            pos = r.span.end
        if not final and (not commissions or _MORE_NAMES.match(self.text, pos)):
            return False
        found = False
        for i, commission in enumerate(commissions):
            ref = self._report_of(commission.entity, f"{_definite_report(head)} {m.group(0).strip()}")
            where = Span(span.start, commission.span.end, self.text[span.start:commission.span.end]) \
                if i == 0 else commission.span
            self._add(where, ref)
            # Relations name the commission, as the text does; its report follows by inference.
            self._relation_hidden.add((where.start, where.end, ref))
            found = True
        return found

    def _report_of(self, commission: EntityRef, phrase: str) -> EntityRef:
        """A commission's report: the reference data's where it has one, else one named after the
        commission as the text first names it ("utredningen fra X-kommisjonen" for ``phrase``
        "utredningen fra", "X-kommisjonens rapport" for ``phrase`` "rapport"), an NOU when the
        text calls it an "utredning"/"utgreiing"."""
        entry = self.index.by_iri.get(self.index.report_of.get(commission.iri or "", ""))
        if entry is not None:
            return EntityRef(entry.preferred or entry.label, "PolicyDocument", entry.iri, entry.sub_kind,
                             entry.identifier)
        key = f"report-of|{fold(commission.label)}"     # one report per commission, however named
        if key not in self._minted_documents:
            kind = "nou" if phrase.lower().startswith(("utredning", "utgreiing")) else "report"
            label = f"{commission.label}s {phrase}" if " " not in phrase else f"{phrase} {commission.label}"
            self._remember_minted(key, EntityRef(label, "PolicyDocument", None, kind))
        return self._minted_documents[key]

    def _commission_reports(self) -> None:
        """Commission reports named through a commission found after the documents were:
        "utredningene fra X-kommisjonen" left pending, and the genitive "X-kommisjonens rapport"."""
        genitives = []
        for r in self.resolved:
            m = _REPORT_AFTER_GENITIVE.match(self.text, r.span.end) \
                if r.entity.kind == "Commission" and r.span.text.endswith("s") else None
            if m is not None:
                genitives.append((r, m))
        # In text order, so the report is named as the text first names it.
        for _, doc, genitive in sorted([(d.span.start, d, None) for d in self._pending_reports]
                                       + [(r.span.start, None, (r, m)) for r, m in genitives],
                                       key=lambda event: event[0]):
            if doc is not None:
                self._report_of_commissions(doc.span, doc.head)
                continue
            r, m = genitive
            span = Span(r.span.start, m.end(), self.text[r.span.start:m.end()])
            if self._overlaps(span, ("PolicyDocument",)):
                continue
            ref = self._report_of(r.entity, m.group(1).lower())
            self._add(span, ref)
            self._relation_hidden.add((span.start, span.end, ref))

    def _mint_document(self, label: str, kind: str, head: str, span: Span) -> EntityRef:
        key = _head_key(head, label)
        known = self._minted_documents.get(key)
        if known is not None and _COMPLEMENT.search(label) and _COMPLEMENT.search(known.label) \
                and fold(_strip_article(label)) != fold(known.label):
            # Two plans of one period, each with its own complement ("Strategi for A 2031–2034",
            # "Strategi for B 2031–2034"), are two documents.
            key = f"{head}|{fold(label)}"
            known = self._minted_documents.get(key)
        if known is not None:
            return known
        clean = _strip_article(label)
        ref = EntityRef(clean, "PolicyDocument", None, kind)
        self._remember_minted(key, ref)
        return ref

    def _remember_minted(self, key: str, ref: EntityRef) -> None:
        """A minted document under a new key, and the first one minted for its head."""
        self._minted_documents[key] = ref
        self._first_minted_by_head.setdefault(key.split("|")[0], ref)

    def _bodies(self) -> None:
        # Names closed by a kind word are tried first: they are longer than the one-word names
        # inside them ("Landsforeningen for ..." before "Landsforeningen").
        short_forms: dict[str, list[EntityRef]] = {}   # the kind word opening a name -> those names
        for body in find_shaped_bodies(self.text):
            if self._in_address(body.span):
                continue
            inside = [r for r in self.resolved.starting_in(body.span.start + 1, body.span.end)
                      if r.entity.kind == "PolicyDocument" and r.span.end <= body.span.end]
            if inside and body.head in ("kommisjon", "utvalg", "utval"):
                # "Ekspertutvalg for gjennomgang av X": a report's title inside a commission's
                # name is part of the name.
                self.resolved = ResolvedList(r for r in self.resolved if r not in inside)
            if self._overlaps(body.span):
                continue
            kind = "Commission" if body.head in ("kommisjon", "utvalg", "utval") else "Organisation"
            ref = EntityRef(body.label, kind)
            self._add(body.span, ref)
            leading = body.label.split()[0]
            if leading.lower().endswith(body.head) or _stem_of(leading).endswith(body.head):
                short_forms.setdefault(_stem_of(leading), []).append(ref)
        for body in find_named_bodies(self.text):
            # A bare kind word ("Departementet") refers back; it does not name a new body.
            if self._overlaps(body.span) or body.label.lower() in _BODY_WORDS:
                continue
            # "Ekspertutvalget" after "Ekspertutvalg for ...": the one body its kind word opens.
            named_before = set(short_forms.get(_stem_of(body.label), []))
            if len(named_before) == 1:
                self._add(body.span, named_before.pop())
                continue
            kind = "Commission" if re.search(r"(kommisjonen|utvalget|utvalet)$", body.label) else "Organisation"
            self._add(body.span, EntityRef(body.label, kind))
        # Items of a list introduced as organisations ("Følgende organisasjoner deltok:").
        for body in find_listed_bodies(self.text):
            if not self._overlaps(body.span):
                self._add(body.span, EntityRef(body.label, "Organisation"))
        definitions = find_acronym_definitions(self.text)
        # Where each acronym can stand, for all of them in one pass (``word_start_occurrences``).
        acronym_places = word_start_occurrences(self.text, (b.head for b in definitions if is_word(b.head[:1])))
        for body in definitions:
            if self._overlaps(body.span) or find_named_documents(self.text, body.span):
                continue
            ref = EntityRef(body.label, "Organisation")
            self._add(body.span, ref)
            for m in finditer_at(re.compile(rf"\b{re.escape(body.head)}\b"), self.text,
                                 acronym_places.get(body.head)):
                span = Span(m.start(), m.end(), m.group(0))
                if not self._overlaps(span):
                    self._add(span, ref)
        parents = [r.span for r in self.resolved if r.entity.kind in ("Organisation", "Commission")]
        sub_bodies = []
        known: dict[tuple[str, str], EntityRef] = {}
        for body in find_sub_bodies(self.text, parents):
            if self.resolved.has_span(body.span):
                continue
            parent = body.label.split()[0] if body.label.split() else body.label
            ref = known.setdefault((fold(body.label[: body.label.find("s ")] if "s " in body.label else parent),
                                    body.head), EntityRef(body.label, "Organisation"))
            self._add(body.span, ref)
            sub_bodies.append((body, ref))
        # The later definite forms of every sub-body's noun, found in one pass of the lower-cased
        # text (when lower-casing keeps offsets and case rules: ``casefree.lowered``).
        low = lowered(self.text) if sub_bodies else None
        all_forms = {form for body, _ in sub_bodies for form in definite_forms(body.head)}
        form_places = word_start_occurrences(self.text, all_forms, low) if low is not None else {}
        for body, ref in sub_bodies:
            forms = sorted(definite_forms(body.head), key=len, reverse=True)
            places = sorted({p for f in forms for p in form_places[f]}) if low is not None else None
            pattern = re.compile(rf"\b(?:{'|'.join(forms)})\b", re.IGNORECASE)
            for m in finditer_at(pattern, self.text, places):
                span = Span(m.start(), m.end(), m.group(0))
                if m.start() > body.span.end and not self._overlaps(span):
                    self._add(span, ref)

    def _org_anaphors(self) -> None:
        bodies = sorted((r for r in self.resolved if r.entity.kind in ("Organisation", "Commission")),
                        key=lambda r: r.span.start)
        # Per kind of anaphor, computed once: the bodies that fit it, and the lowest end from each
        # one on, so "the last fitting body that ends before here" is a binary search.
        fitting: dict[tuple[str, ...], tuple[list[Resolved], list[int]]] = {}
        responsible: dict[tuple[str, ...], EntityRef | None] = {}
        # tried only where a definite body noun starts (one pass of the lower-cased text for all)
        low = lowered(self.text)
        starts = _ORG_ANAPHOR_WORDS.starts(self.text, low) if low is not None else None
        for m in finditer_at(_ORG_ANAPHOR, self.text, starts):
            span = Span(m.start(), m.end(), m.group(0))
            if self._overlaps(span):
                continue
            kinds = ORG_ANAPHORS[m.group(1).lower()]
            if kinds not in fitting:
                fits = [b for b in bodies if b.entity.sub_kind in kinds
                        or (b.entity.kind == "Commission" and "commission" in kinds)]
                lowest_end = [b.span.end for b in fits]
                for i in range(len(lowest_end) - 2, -1, -1):
                    lowest_end[i] = min(lowest_end[i], lowest_end[i + 1])
                fitting[kinds] = (fits, lowest_end)
            fits, lowest_end = fitting[kinds]
            last_before = bisect_right(lowest_end, span.start) - 1
            if last_before >= 0:
                chosen = fits[last_before].entity
            elif fits:
                chosen = fits[0].entity
            else:
                # what the document is most about does not change while anaphors are added
                if kinds not in responsible:
                    responsible[kinds] = self._responsible(kinds)
                chosen = responsible[kinds]
            if chosen is not None:
                self._add(span, chosen)

    def _responsible(self, kinds: tuple[str, ...]) -> EntityRef | None:
        """The responsible body, of a fitting kind, of the document the text is most about."""
        counts = Counter(r.entity.iri for r in self.resolved if r.entity.kind == "PolicyDocument" and r.entity.iri)
        for iri, _ in counts.most_common():
            body = self.index.by_iri.get(self.index.responsible.get(iri or "", ""))
            if body is not None and body.sub_kind in kinds:
                return EntityRef(body.preferred or body.label, body.kind, body.iri, body.sub_kind)
        return None

    # -- people --------------------------------------------------------------------------------

    def _person_ref(self, name: str) -> EntityRef:
        for hit in self.gazetteer.find(name):
            if hit.entry.kind == "Person" and hit.span.start == 0 and hit.span.end == len(name):
                return hit.ref()
        return EntityRef(name, "Person")

    def _people_mentions(self) -> None:
        for person in find_people(self.text):
            if self._overlaps(person.span, ("Organisation", "Commission", "PolicyDocument")) \
                    or self._in_address(person.span):
                continue
            ref = self._person_ref(person.name)
            org = None
            inside: list[Resolved] = []
            if person.org_text is not None:
                inside = [r for r in self.resolved.starting_in(person.org_text.start, person.org_text.end)
                          if r.entity.kind in ("Organisation", "Commission")]
                if inside:
                    org = max(inside, key=lambda r: r.span.end - r.span.start).entity
            role = _role_text(person.role) if person.role else None
            if role and person.complement and not _names_only(person.complement, inside):
                # "professor i folkehelse", "prosjektleiar for Strategi 2040": the complement
                # is part of the role; "styreleder i KS" keeps the body apart, as its organisation.
                role = f"{role} {person.complement}"
            self._note_person(ref, role, org, person.span, person.rank)
        for r in list(self.resolved):
            if r.entity.kind == "Person":
                self._note_person(r.entity, None, None, r.span)
        for ref, _, _, span in list(self._people.values()):
            if not self.resolved.has_span(span):
                self._add(span, ref)
        # Later mentions by surname alone ("seier Guldvog"): every surname's possible places
        # found in one pass, each surname's pattern tried only there.
        people = [(ref, ref.label.split()[-1]) for ref, _, _, _ in self._people.values()]
        places = word_start_occurrences(self.text, (surname for _, surname in people if is_word(surname[0])))
        for ref, surname in people:
            whole_word = re.compile(rf"\b{re.escape(surname)}\b")
            for m in finditer_at(whole_word, self.text, places.get(surname)):
                span = Span(m.start(), m.end(), m.group(0))
                if not self._overlaps(span):
                    self._add(span, ref)

    def _note_person(self, ref: EntityRef, role: str | None, org: EntityRef | None, span: Span,
                     rank: int = RANK_STATED) -> None:
        """One entry per person; of several roles, the best stated (a member list's bracketed
        role, then a current one, then a former one), and of those the fullest."""
        key = fold(ref.label)
        old = self._people.get(key)
        if old is None:
            self._people[key] = (ref, role, org, span)
            names = ref.label.split()
            if names:
                self._first_by_surname.setdefault(names[-1], ref)
            self._role_ranks[key] = rank if role else 0
            return
        old_rank = self._role_ranks.get(key, 0)
        better = role is not None and (not old[1] or rank > old_rank
                                       or (rank == old_rank and len(role) > len(old[1])))
        if better:
            self._role_ranks[key] = rank
            self._people[key] = (old[0], role, org or old[2], old[3])
        else:
            # An organisation comes with its role: a former role's body is not the current one's.
            take_org = old[2] is None and (role is None or rank >= old_rank)
            self._people[key] = (old[0], old[1], org if take_org else old[2], old[3])

    def person_named(self, name: str | None, span: Span | None) -> EntityRef | None:
        if not name:
            return None
        key = fold(name)
        if key in self._people:
            return self._people[key][0]
        ref = self._person_ref(name)
        if span is not None:
            self._note_person(ref, None, None, span)
            self._add(span, ref)
        return ref

    def organisation_named(self, name: str) -> EntityRef:
        for hit in self.gazetteer.find(name):
            if hit.entry.kind in ("Organisation", "Commission") and hit.span.end - hit.span.start == len(name):
                return hit.ref()
        return EntityRef(name, "Organisation")

    def people_roles(self) -> list[PersonRole]:
        return [PersonRole(person=ref, span=span, role=role, organisation=org)
                for ref, role, org, span in sorted(self._people.values(), key=lambda p: p[3].start)]

    def quotes(self, found: Sequence[FoundQuote]) -> list[Quote]:
        """Each quote with its speaker; a quote whose attribution names nobody is dropped."""
        resolver = SpeakerResolver(self.text, self.resolved,
                                   {ref: role for ref, role, _, _ in self._people.values()},
                                   self._person_named_by_attribution)
        out: list[Quote] = []
        previous: EntityRef | None = None
        previous_end = -1
        for q in found:
            if q.speaker_span is not None:
                speaker = resolver.speaker(q.speaker_span, q.span.start)
            else:
                # An unattributed quote right after another continues it; else the lead's person.
                gap = self.text[previous_end:q.span.start] if previous_end >= 0 else ""
                continues = previous is not None and gap.count("\n") <= 3
                speaker = previous if continues else self._lead_person(q.span.start)
            if speaker is None:
                continue
            entry = self._people.get(fold(speaker.label))
            role = entry[1] if entry and q.speaker_span is not None else None
            out.append(Quote(speaker=speaker, text=q.span.text, span=q.span, role=role))
            previous, previous_end = speaker, q.span.end
        return out

    def _person_named_by_attribution(self, name: str, span: Span) -> EntityRef | None:
        """A person the attribution alone names ("sier Vestre"): noted, and mentioned there."""
        known = self._people.get(fold(name))
        if known is not None:
            return known[0]
        surname_of = self._first_by_surname.get(name)
        if surname_of is not None:
            return surname_of
        return self.person_named(name, span)

    def _lead_person(self, before: int) -> EntityRef | None:
        first = self.resolved.first_of_kind_before("Person", before)
        return first.entity if first is not None else None

    # -- queries for later steps ---------------------------------------------------------------

    def mentions(self) -> list[Mention]:
        return [Mention(r.entity, r.span) for r in self.resolved if r.entity.kind != "Initiative"]

    def resolved_in(self, sentence: Span) -> list[Resolved]:
        return [r for r in self.resolved.starting_in(sentence.start, sentence.end + 1) if r.span.end <= sentence.end
                and (r.span.start, r.span.end, r.entity) not in self._relation_hidden]

    def document_in(self, span: Span) -> EntityRef | None:
        docs = [r.entity for r in self.resolved.starting_in(span.start, span.end)
                if r.entity.kind == "PolicyDocument"]
        return docs[0] if docs else None

    def concept_for(self, label: str, kind: str) -> EntityRef | None:
        wanted = {"priority_groups": "PriorityGroup", "themes": "Theme"}.get(kind)
        if wanted is None:
            return None
        for hit in self.gazetteer.find(label):
            if hit.entry.kind == wanted and hit.span.end - hit.span.start >= len(label.strip()) - 1:
                return hit.ref()
        return None

    def item_end(self, item: Span, *, mint: bool, kinds: tuple[str, ...] = ()) -> Resolved | None:
        """The entity one enumerated or bulleted item names: the mention (of ``kinds``, default
        any) that covers most of it; else, with ``mint``, an initiative named by the item's words
        (a relation end the text names by words alone)."""
        inner = [r for r in self.resolved.starting_in(item.start, item.end) if r.span.end <= item.end
                 and r.entity.kind in (kinds or _ITEM_KINDS)
                 and (r.span.start, r.span.end, r.entity) not in self._relation_hidden]
        best = max(inner, key=lambda r: r.span.end - r.span.start, default=None)
        if best is not None:
            share = (best.span.end - best.span.start) / max(1, len(item.text.strip()))
            # A linked name is worth keeping when it is most of the item; an unlinked one only
            # when the item adds little to it (else the item's own words name the end better).
            if share >= 0.8 or (share >= 0.5 and best.entity.iri) or (share >= 0.6 and not mint):
                return best
        words = _ARTICLE.sub("", _LEADING.sub("", item.text.strip()))
        if not mint or not words or len(words.split()) > 12 or not words[:1].isalnum():
            return None
        start = item.start + item.text.find(words)
        ref = self._minted_ends.setdefault(fold(words), EntityRef(words, "Initiative"))
        resolved = Resolved(Span(start, start + len(words), words), ref)
        self.resolved.append(resolved)
        return resolved

    def main_document(self) -> EntityRef | None:
        """The document the text is about: the one its first line (the title) names, else the one
        it mentions most (the first named on a tie)."""
        docs = [r for r in self.resolved if r.entity.kind == "PolicyDocument"]
        if not docs:
            return None
        first_line = len(self.text) - len(self.text.lstrip())
        first_line_end = self.text.find("\n", first_line)
        titled = [r for r in docs if r.span.end <= (first_line_end if first_line_end >= 0 else len(self.text))]
        if titled:
            return titled[0].entity
        counts = Counter(r.entity for r in docs)
        first: dict[EntityRef, int] = {}
        for r in docs:
            first.setdefault(r.entity, r.span.start)
        return max(counts, key=lambda e: (counts[e], -first[e]))

    def commission_named(self, noun: str) -> EntityRef | None:
        """The committee or commission of the text that a common noun ("eit utval",
        "ekspertutvalg") names: the most mentioned one whose name holds the noun."""
        stem = fold(noun)
        found = Counter(r.entity for r in self.resolved if r.entity.kind == "Commission" and stem
                        and stem in fold(r.entity.label))
        return found.most_common(1)[0][0] if found else None

    def initiatives(self, tail: Span) -> list[Resolved]:
        """The items of an enumeration after a relation cue, as entities: a mention where the item
        names one, else a minted initiative named by the item's words."""
        out: list[Resolved] = []
        for item in split_enumeration(self.text, tail):
            inner = [r for r in self.resolved.starting_in(item.start, item.end)
                     if r.entity.kind in ("PolicyDocument", "Commission", "Organisation", "Instrument")
                     and (r.span.start, r.span.end, r.entity) not in self._relation_hidden]
            if inner:
                out.append(inner[0])
                continue
            words = _LEADING.sub("", item.text)
            words = _LEADING.sub("", words)
            first_clause = next((w for w in words.split() if w.lower() in _INITIATIVE_STOP), None)
            if first_clause or not words or len(words.split()) > 10 or not words[:1].isalpha():
                break
            start = item.end - len(words)
            span = Span(start, item.end, words)
            ref = EntityRef(words, "Initiative")
            resolved = Resolved(span, ref)
            self.resolved.append(resolved)
            out.append(resolved)
        return out


_COMPLEMENT = re.compile(r"\s(?:for|om|mot|til|innen|innan)\s", re.IGNORECASE)


def _stem_of(word: str) -> str:
    """A body's one-word name without its definite ending ("Ekspertutvalget" -> "ekspertutvalg")."""
    low = word.lower()
    for ending in ("et", "en", "a"):
        if low.endswith(ending) and len(low) > len(ending) + 4:
            return low[: -len(ending)]
    return low


def _definite_report(head: str) -> str:
    """The singular definite form a report head names its document with ("utredningen")."""
    base = next((h for h in _REPORT_HEADS if head.lower().endswith(h)), head.lower())
    return "utgreiinga" if base == "utgreiing" else base + "en"


def _strip_article(label: str) -> str:
    return re.sub(r"^(?:en|ein|et|eit|ei)\s+", "", label, flags=re.IGNORECASE)


def _head_key(head: str, label: str) -> str:
    years = "-".join(re.findall(r"\d{4}", label))
    return f"{head}|{years}" if years else f"{head}|{fold(label)}"


_WORKPLACE_PREPOSITIONS = frozenset("i ved hos hjå på fra frå".split())


def _names_only(complement: str, orgs: Sequence[Resolved]) -> bool:
    """Whether a role's complement names the body a person works at ("i KS", "ved UiO"): then the
    body is the organisation, not part of the role ("leiar for utvalet" keeps it)."""
    words = complement.split(maxsplit=1)
    if len(words) < 2 or words[0].lower() not in _WORKPLACE_PREPOSITIONS:
        return False
    return any(fold(r.span.text) == fold(words[1]) for r in orgs)


def _role_text(role: str) -> str:
    role = re.sub(r"\s+", " ", role).strip()
    if len(role) > 1 and role[0].isupper() and role[1].islower():
        role = role[0].lower() + role[1:]
    return role
