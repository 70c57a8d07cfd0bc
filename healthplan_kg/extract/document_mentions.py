"""Documents a text names: by identifier, by a head noun and its modifiers ("ny strategi for
..."), as a commission's report, and the definite descriptions that point back at one
("planen", "den meldinga"), resolved by salience."""

from __future__ import annotations

import re
from collections import Counter

from healthplan_kg.extract.identifiers import find_identifiers
from healthplan_kg.extract.mention_state import MentionState
from healthplan_kg.extract.named_documents import _GENERIC_COMPOUNDS, HeadPlaces, find_named_documents
from healthplan_kg.extract.normalise import fold
from healthplan_kg.extract.resolved_index import LastEndingBy
from healthplan_kg.model import EntityRef, Span
from healthplan_kg.namespaces import document_iri

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
_DEMONSTRATIVE = re.compile(r"\b(?:den|denne|dette|det|dei|desse|disse)\s+$", re.IGNORECASE)
_REPORT_HEADS = ("utredning", "utgreiing", "rapport", "innstilling")
_MORE_NAMES = re.compile(r"\s*(?:,|og|eller)\s+[A-ZÆØÅ]")
_FROM = re.compile(r"\s+(?:fra|frå)\s+")
_FROM_NAME = re.compile(r"\s+(?:fra|frå)\s+[A-ZÆØÅ]")
#: "X-kommisjonens rapport(er)", "X-utvalets utgreiing": the head after a commission's genitive.
_REPORT_AFTER_GENITIVE = re.compile(r"\s+(rapport|utredning|utgreiing)(?:en|a|er|ar|ene|ane)?\b", re.IGNORECASE)
_COMPLEMENT = re.compile(r"\s(?:for|om|mot|til|innen|innan)\s", re.IGNORECASE)


class DocumentMentions(MentionState):
    """The steps of ``MentionFinder`` that find and resolve documents."""

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
        m = _FROM.match(self.text, span.end)     # at the head's end, not in a copy of the rest
        if not m:
            return False
        pos = m.end()
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


def _definite_report(head: str) -> str:
    """The singular definite form a report head names its document with ("utredningen")."""
    base = next((h for h in _REPORT_HEADS if head.lower().endswith(h)), head.lower())
    return "utgreiinga" if base == "utgreiing" else base + "en"


def _strip_article(label: str) -> str:
    return re.sub(r"^(?:en|ein|et|eit|ei)\s+", "", label, flags=re.IGNORECASE)


def _head_key(head: str, label: str) -> str:
    years = "-".join(re.findall(r"\d{4}", label))
    return f"{head}|{years}" if years else f"{head}|{fold(label)}"
