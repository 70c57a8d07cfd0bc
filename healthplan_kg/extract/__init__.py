"""Extraction: one ``SourceText`` in, one ``Extraction`` (mentions, lists, quotes, relations) out.

Deterministic, explainable and offline: a gazetteer from the reference data's labels, patterns for
identifiers and Norwegian dates, and sentence-level cues for relations, in bokmål and nynorsk.
The steps run in a fixed order (metadata, mentions, anaphora, people, quotes, lists, relations,
events), each reading what the earlier ones found.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from pathlib import Path

from healthplan_kg.extract.cue_filter import text_words
from healthplan_kg.extract.events import find_events
from healthplan_kg.extract.gazetteer import Gazetteer
from healthplan_kg.extract.groups import group_phrases, groups_served_by, may_prioritise, prioritised_groups
from healthplan_kg.extract.language import detect_language
from healthplan_kg.extract.list_cues import classify, cue_sentences
from healthplan_kg.extract.lists import FoundList, bullet_lists, numbered_parts
from healthplan_kg.extract.mentions import MentionFinder
from healthplan_kg.extract.metadata import read_metadata
from healthplan_kg.extract.quotes import find_quotes
from healthplan_kg.extract.relations import RelationContext, extract_relations
from healthplan_kg.extract.sentence_lists import counted_lists, inline_lists, scope_lists, scope_sentences
from healthplan_kg.extract.text import BULLET, all_sentences, paragraphs
from healthplan_kg.model import (
    DocumentMetadata,
    EntityRef,
    Extraction,
    GazetteerEntry,
    ItemList,
    ListItem,
    SourceText,
    Span,
)
from healthplan_kg.reference import ReferenceIndex, gazetteer_entries, reference_files


class Extractor:
    """Holds the compiled gazetteer and patterns; ``extract`` is then pure and cheap per text."""

    def __init__(self, entries: Sequence[GazetteerEntry], index: ReferenceIndex | None = None) -> None:
        self.entries = list(entries)
        self.gazetteer = Gazetteer(self.entries)
        # Without an explicit index, the facts come from the bundled reference data the
        # default gazetteer is built from (commission reports, responsible bodies).
        self.index = index or ReferenceIndex(self.entries, reference_files() if self.entries else [])

    @classmethod
    def from_reference(cls, files: Sequence[Path] | None = None) -> Extractor:
        """An extractor linked to the bundled reference data (or the given Turtle files)."""
        paths = list(files) if files is not None else reference_files()
        entries = gazetteer_entries(paths)
        return cls(entries, ReferenceIndex(entries, paths))

    def extract(self, source: SourceText) -> Extraction:
        text = source.text
        paras = paragraphs(text)
        sents = all_sentences(text, paras)
        language = source.language or detect_language(text)
        meta = read_metadata(text)
        finder = MentionFinder(text, sents, self.gazetteer, self.index, language)
        finder.run()

        metadata = DocumentMetadata(
            title=source.title or meta.title,
            language=language,
            published=source.published or meta.published,
            modified=source.modified or meta.modified,
            publisher=finder.organisation_named(source.publisher) if source.publisher else None,
            author=finder.person_named(source.author or meta.author, meta.author_span)
            if (source.author or meta.author) else None,
        )
        extraction = Extraction(source=source, metadata=metadata)
        quotes = finder.quotes(find_quotes(text, paras))
        extraction.quotes = quotes
        extraction.people = finder.people_roles()
        extraction.mentions = finder.mentions()
        extraction.lists = self._lists(text, paras, sents, finder)
        extraction.relations = _unique(_relations_of(text, sents, paras, finder))
        extraction.events = find_events(text, sents, finder, metadata)
        return extraction

    def _lists(self, text: str, paras: list, sents: list, finder: MentionFinder) -> list[ItemList]:
        found = list(bullet_lists(text, paras, sents))
        taken = {item.start for lst in found for item in lst.items}
        for lst in numbered_parts(text, paras):
            if not any(item.start in taken for item in lst.items):
                found.append(lst)
                taken.update(item.start for item in lst.items)
        # Only these sentences can have a kind of list (``classify``); the others can hold only
        # a document's scope (no colon, no kind: ``inline_lists`` comes to ``scope_lists``).
        # Each sentence's words, asked by the filters of several steps below.
        words = [text_words(sentence.text) for sentence in sents]
        cued = cue_sentences(text, sents, words)
        has_cue = set(cued)
        for i in sorted(has_cue.union(scope_sentences(sents, words))):
            sentence = sents[i]
            nxt = sents[i + 1] if i + 1 < len(sents) else None
            inline = inline_lists(text, sentence, nxt) if i in has_cue else scope_lists(text, sentence)
            for lst in inline:
                if not any(item.start in taken for item in lst.items):
                    found.append(lst)
                    taken.update(item.start for item in lst.items)
        for lst in counted_lists(text, sents, cued):
            if not any(item.start in taken for item in lst.items):
                found.append(lst)
                taken.update(item.start for item in lst.items)
        # Groups named as prioritised in running text, in the cue sentence or the one after it.
        for i in cued:
            sentence = sents[i]
            if classify(sentence.text) != "priority_groups":
                continue
            for candidate in sents[i:i + 2]:
                groups = [g for g in group_phrases(text, candidate) if g.start not in taken]
                if len(groups) >= 2 or (groups and candidate is sentence):
                    found.append(FoundList("priority_groups", sentence, tuple(groups)))
                    taken.update(g.start for g in groups)
        found.extend(_groups_named_as_prioritised(text, sents, found, taken, words))
        # The same item is asked for again when two are joined, and lists repeat items: each
        # label's concept is looked up once per document.
        concepts: dict[tuple[str, str], EntityRef | None] = {}

        def concept(label: str, kind: str) -> EntityRef | None:
            key = (label, kind)
            if key not in concepts:
                concepts[key] = finder.concept_for(label, kind)
            return concepts[key]

        lists: list[ItemList] = []
        for lst in sorted(found, key=lambda f: f.context.start):
            about = finder.document_in(lst.context)
            items = []
            for position, span in enumerate(_rejoin_coordinated(text, lst, concept), start=1):
                entity = concept(span.text, lst.kind)
                # an item wrapped over lines is labelled as one line
                label = " ".join(span.text.split())
                items.append(ListItem(label=label, position=position, span=span, entity=entity))
            lists.append(ItemList(kind=lst.kind, context=lst.context.text, context_span=lst.context,
                                  items=items, about=about))
        return lists


def _groups_named_as_prioritised(text: str, sents: list[Span], found: list[FoundList], taken: set[int],
                                 words: list[frozenset[str] | None] | None = None) -> list[FoundList]:
    """Groups a cue in running text prioritises, and groups the goals of a list are for.

    Each is a one-item list of priority groups whose context is the sentence (or the list
    item) that names it; a group already an item of a list is not repeated. ``words`` are the
    sentences' ``cue_filter.text_words``.
    """
    out: list[FoundList] = []
    for sentence in may_prioritise(text, sents, words):
        for group in prioritised_groups(text, sentence):
            if group.start not in taken:
                taken.add(group.start)
                out.append(FoundList("priority_groups", sentence, (group,)))
    for lst in found:
        if lst.kind != "measures":
            continue
        for item in lst.items:
            for group in groups_served_by(text, item):
                if group.start not in taken:
                    taken.add(group.start)
                    out.append(FoundList("priority_groups", item, (group,)))
    return out


def _rejoin_coordinated(text: str, found: FoundList,
                        concept: Callable[[str, str], EntityRef | None]) -> list[Span]:
    """Items split at an "og" that belongs to a concept's own name, joined again.

    "a, b, psykisk helse og rus og beredskap" has one "og" too many for the enumeration: the
    splitter cannot tell which one separates items. Where two neighbours joined only by "og"
    together name one concept of the list's scheme ("psykisk helse og rus"), they are one item.
    ``concept`` is ``MentionFinder.concept_for`` (or the same answers, kept).
    """
    items = list(found.items)
    if found.kind not in ("themes", "priority_groups"):
        return items
    joined: list[Span] = []
    for item in items:
        if joined:
            previous = joined[-1]
            between = text[previous.end:item.start]
            whole = text[previous.start:item.end]
            if between.strip().lower() == "og" and concept(whole, found.kind) is not None:
                joined[-1] = Span(previous.start, item.end, whole)
                continue
        joined.append(item)
    return joined


def _relations_of(text: str, sents: list[Span], paras: list, finder: MentionFinder) -> list:
    """The relations every sentence states, in order (each sentence's rules borrow from those before)."""
    context = RelationContext()
    relations = []
    para_starts: list[int] | None = None
    for sentence in sents:
        words = sentence.text
        bullets: Sequence[Span] = ()
        # Most sentences end otherwise: the last character tells, without stripping the sentence.
        if words.endswith(":") or (words[-1:].isspace() and words.rstrip().endswith(":")):
            if para_starts is None:
                para_starts = [p.span.start for p in paras]
            bullets = _bullets_under(sentence, paras, para_starts)
        # Most sentences name nothing: their (empty) mentions are known without the look-up. The
        # rules mint mentions as they go, so the finder's list is asked each time.
        any_named = finder.resolved.any_starting_in(sentence.start, sentence.end + 1)
        resolved = finder.resolved_in(sentence) if any_named else []
        relations.extend(extract_relations(sentence, resolved, context, finder, bullets))
    return relations


def _bullets_under(sentence: Span, paras: list, starts: list[int]) -> list[Span]:
    """The bullet items right under a sentence that ends in a colon (the items of "Planen bygger
    på: • A • B" are the cue's objects); ``starts`` are the paragraphs' starts."""
    items: list[Span] = []
    i = bisect_right(starts, sentence.start)
    while i < len(paras) and paras[i].bullet:
        line = paras[i].span
        marker = BULLET.match(line.text)
        body = line.text[marker.end():] if marker else line.text
        body_start = line.end - len(body)
        stripped = body.rstrip(" .;,:")
        if stripped:
            items.append(Span(body_start, body_start + len(stripped), stripped))
        i += 1
    return items


def _unique(relations: list) -> list:
    seen = set()
    out = []
    for r in relations:
        key = (r.predicate, r.subject.iri or r.subject.label, r.object.iri or r.object.label, r.evidence.start)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


__all__ = ["Extractor", "EntityRef"]
