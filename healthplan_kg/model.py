"""Plain data passed between the stages: read -> extract -> map.

Each stage takes and returns these dataclasses and nothing else, so a stage can be tested alone
and swapped (another reader, another extractor) without touching the others. Offsets are
character offsets into ``SourceText.text`` (the cleaned text that is also stored in the graph),
so every fact can be traced back to the exact characters that state it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

#: The entity kinds of the analyst contract (`mentions.entity_kind`).
EntityKind = Literal["Organisation", "Person", "PolicyDocument", "Commission", "MainMeasure",
                     "PriorityGroup", "Theme", "Instrument", "Initiative"]
#: An "Initiative" is a piece of policy work named only as a relation's end ("arbeidet for
#: betre legevakt i distrikta"): it enters the graph but is not a mention kind.
#: The relation names of the analyst contract (`relations.predicate`).
Predicate = Literal["follows_up", "replaces", "seen_in_connection_with", "assigns_task_to",
                    "collaborates_with", "part_of", "publishes", "announces"]
PREDICATES: tuple[str, ...] = ("follows_up", "replaces", "seen_in_connection_with", "assigns_task_to",
                               "collaborates_with", "part_of", "publishes", "announces")
#: Document kinds of the contract (`document-references.ref_kind`).
DOCUMENT_KINDS: tuple[str, ...] = ("white_paper", "nou", "proposition", "plan", "strategy", "guideline",
                                   "letter", "report", "law", "other")
ListKind = Literal["measures", "themes", "priority_groups"]


@dataclass(frozen=True)
class Span:
    """A stretch of the source text: ``text == source.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass
class SourceText:
    """What a reader gives: the cleaned text of one file and the metadata the file itself carries.

    ``content_hash`` is the SHA-256 of the file's bytes; it names the source in the graph.
    Metadata fields come from the file format (HTML meta tags, PDF info) or a sidecar
    ``NAME.meta.json``; the extractor fills what is still missing from the text.
    """

    path: Path
    source: str                      # the file name as read, e.g. "000_1badd12571b0ae26.txt"
    format: str                      # "txt", "html" or "pdf"
    text: str
    content_hash: str
    title: str | None = None
    published: str | None = None     # YYYY-MM-DD or YYYY-MM
    modified: str | None = None
    publisher: str | None = None
    author: str | None = None
    url: str | None = None
    language: str | None = None      # "nb" or "nn" when the file says so
    #: What the reader had to say about the file without refusing it, one line each.
    warnings: list[str] = field(default_factory=list)
    #: Where each page begins in ``text`` (page 1 at 0), for a paged format (PDF); else empty.
    page_starts: tuple[int, ...] = ()

    def page_at(self, offset: int) -> int | None:
        """The 1-based page (as a PDF viewer counts) that ``offset`` lies on; None without pages."""
        if not self.page_starts:
            return None
        return max(1, bisect.bisect_right(self.page_starts, offset))


@dataclass(frozen=True)
class EntityRef:
    """Something a fact points at: linked to the reference data (``iri``) or not (``iri`` None).

    An unlinked entity still enters the graph: the mapper mints a deterministic IRI from its
    kind and label and flags it as unlinked for a curator.
    """

    label: str
    kind: EntityKind
    iri: str | None = None
    sub_kind: str | None = None      # a document kind (DOCUMENT_KINDS) or an organisation kind
    identifier: str | None = None    # official identifier, e.g. "NOU 2023: 4"

    @property
    def linked(self) -> bool:
        return self.iri is not None


@dataclass(frozen=True)
class Mention:
    entity: EntityRef
    span: Span


@dataclass(frozen=True)
class PersonRole:
    """A person named in the text, with the role and organisation the text gives them."""

    person: EntityRef
    span: Span
    role: str | None = None
    organisation: EntityRef | None = None


@dataclass(frozen=True)
class Quote:
    speaker: EntityRef
    text: str
    span: Span                       # the whole quote, possibly over several paragraphs
    role: str | None = None


@dataclass(frozen=True)
class ListItem:
    label: str
    position: int                    # 1-based
    span: Span
    entity: EntityRef | None = None  # the concept an item links to (priority group, theme)


@dataclass
class ItemList:
    """A bulleted, numbered or in-sentence list with the sentence that introduces it."""

    kind: ListKind
    context: str                     # the introducing sentence or heading
    context_span: Span
    items: list[ListItem] = field(default_factory=list)
    about: EntityRef | None = None   # the plan or body whose list it is, where the text says


@dataclass(frozen=True)
class Relation:
    predicate: str                   # one of PREDICATES
    subject: EntityRef
    object: EntityRef
    evidence: Span                   # the sentence or list item that states it


@dataclass(frozen=True)
class Event:
    """A dated happening: a plan presented, a deadline for input, an article published."""

    kind: str                        # presented, published, modified, deadline, launched, delivered, ...
    date: str                        # YYYY-MM-DD or YYYY-MM
    label: str
    evidence: Span
    about: EntityRef | None = None


@dataclass
class DocumentMetadata:
    title: str | None = None
    language: str = "nb"
    published: str | None = None
    modified: str | None = None
    publisher: EntityRef | None = None
    author: EntityRef | None = None


@dataclass
class Extraction:
    """Everything extracted from one source text; the mapper turns it into one named graph."""

    source: SourceText
    metadata: DocumentMetadata
    mentions: list[Mention] = field(default_factory=list)
    people: list[PersonRole] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    lists: list[ItemList] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


@dataclass(frozen=True)
class GazetteerEntry:
    """One name the linker looks for, and the reference entity it stands for."""

    label: str
    iri: str
    kind: EntityKind
    sub_kind: str | None = None
    identifier: str | None = None
    preferred: str | None = None     # the entity's preferred label (bokmål)
    weight: int = 0                  # 3 preferred, 2 alternative, 1 hidden label: wins a tie
