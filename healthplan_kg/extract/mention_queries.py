"""What later steps (lists, relations, events, metadata) ask of a text's mentions: those in a
sentence or an item, the document a text is about, the entity an enumerated item names."""

from __future__ import annotations

import re
from collections import Counter

from healthplan_kg.extract.lists import split_enumeration
from healthplan_kg.extract.mention_state import MentionState
from healthplan_kg.extract.normalise import fold
from healthplan_kg.extract.relations import Resolved
from healthplan_kg.extract.tokens import CLAUSE_WORDS
from healthplan_kg.model import EntityRef, Mention, Span

_ARTICLE = re.compile(r"^(?:en|ein|et|eit|ei)\s+", re.IGNORECASE)
#: What an enumerated item may name as a relation end.
_ITEM_KINDS = ("PolicyDocument", "Commission", "Organisation", "Instrument", "Initiative", "Person")
_LEADING = re.compile(r"^(?:blant annet|mellom anna|bl\.a\.|både|og|eller|samt|det|den|de|dei)\s+",
                      re.IGNORECASE)
#: Words that end an initiative's name: verbs and subjunctions, not determiners.
_INITIATIVE_STOP = CLAUSE_WORDS - {"det", "den", "de", "dei", "dette", "denne", "disse", "desse", "både"}


class MentionQueries(MentionState):
    """The questions later steps ask of ``MentionFinder`` once it has run."""

    def mentions(self) -> list[Mention]:
        return [Mention(r.entity, r.span) for r in self.resolved if r.entity.kind != "Initiative"]

    def resolved_in(self, sentence: Span) -> list[Resolved]:
        found = self.resolved.starting_in(sentence.start, sentence.end + 1)
        hidden = self._relation_hidden
        if not hidden:      # most texts hide nothing: no key (and no entity hash) per mention
            return [r for r in found if r.span.end <= sentence.end]
        return [r for r in found if r.span.end <= sentence.end and (r.span.start, r.span.end, r.entity) not in hidden]

    def document_in(self, span: Span) -> EntityRef | None:
        docs = [r.entity for r in self.resolved.starting_in(span.start, span.end)
                if r.entity.kind == "PolicyDocument"]
        return docs[0] if docs else None

    def concept_for(self, label: str, kind: str) -> EntityRef | None:
        wanted = {"priority_groups": "PriorityGroup", "themes": "Theme"}.get(kind)
        if wanted is None:
            return None
        for hit in self.gazetteer.find_in_name(label):
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
        docs = self.resolved.of_kind("PolicyDocument")
        # Relation rules ask this for many sentences: the answer is kept until a document is added.
        kept = self._main_document
        if kept is not None and kept[0] is docs and kept[1] == len(docs):
            return kept[2]
        main = self._most_about(docs)
        self._main_document = (docs, len(docs), main)
        return main

    def _most_about(self, docs: list[Resolved]) -> EntityRef | None:
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
        found = Counter(r.entity for r in self.resolved.of_kind("Commission") if stem
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

    def organisation_named(self, name: str) -> EntityRef:
        for hit in self.gazetteer.find_in_name(name):
            if hit.entry.kind in ("Organisation", "Commission") and hit.span.end - hit.span.start == len(name):
                return hit.ref()
        return EntityRef(name, "Organisation")
