"""Bodies a text names that the reference data may lack (by the shape of their names, in a list
of organisations, with an acronym, through a parent body), and the definite common nouns that
point back at one ("direktoratet": the directorate the text last named)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter

from healthplan_kg.extract.anchored import (
    SCAN_LOWERED,
    WordStartLiterals,
    finditer_at,
    is_word,
    word_start_occurrences,
)
from healthplan_kg.extract.casefree import lowered
from healthplan_kg.extract.mention_state import MentionState
from healthplan_kg.extract.named_documents import find_named_documents
from healthplan_kg.extract.normalise import fold
from healthplan_kg.extract.organisations import (
    definite_forms,
    find_acronym_definitions,
    find_listed_bodies,
    find_named_bodies,
    find_shaped_bodies,
    find_sub_bodies,
)
from healthplan_kg.extract.relations import Resolved
from healthplan_kg.extract.resolved_index import ResolvedList
from healthplan_kg.model import EntityRef, Span

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
_ORG_ANAPHOR_WORDS = WordStartLiterals(ORG_ANAPHORS, SCAN_LOWERED)
_BODY_WORDS = set(ORG_ANAPHORS) | {
    "forbundet", "foreningen", "foreninga", "rådet", "etaten", "nemnda", "senteret", "sekretariatet",
    "ombudet", "akademiet", "universitetet", "sykehuset", "sjukehuset", "utvalget", "utvalet"}


class BodyMentions(MentionState):
    """The steps of ``MentionFinder`` that find bodies and resolve the nouns pointing back at them."""

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


def _stem_of(word: str) -> str:
    """A body's one-word name without its definite ending ("Ekspertutvalget" -> "ekspertutvalg")."""
    low = word.lower()
    for ending in ("et", "en", "a"):
        if low.endswith(ending) and len(low) > len(ending) + 4:
            return low[: -len(ending)]
    return low
