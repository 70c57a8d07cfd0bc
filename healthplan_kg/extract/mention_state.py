"""The state one text's mention finding shares between its steps: the mentions found so far (with
position indexes), the documents minted, the people noted, and where the text's addresses are."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from healthplan_kg.extract.gazetteer import Gazetteer
from healthplan_kg.extract.relations import Resolved
from healthplan_kg.extract.resolved_index import ResolvedList
from healthplan_kg.model import EntityRef, Span
from healthplan_kg.reference import ReferenceIndex

_ADDRESS = re.compile(r"\S+@\S+|\bhttps?://\S+|\bwww\.\S+|\b[\w.-]+\.(?:no|com|org|net)(?:/\S*)?\b")
#: What every address above holds; the address pattern is slow, and most texts hold none.
_ADDRESS_MARKS = ("@", "://", "www.", ".no", ".com", ".org", ".net")


class MentionState:
    """What the steps of ``MentionFinder`` read and add to, for one text."""

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
        #: ``main_document``'s last answer, with the document mentions (and their number) it read.
        self._main_document: tuple[list[Resolved], int, EntityRef | None] | None = None
        self._addresses = [(m.start(), m.end()) for m in _ADDRESS.finditer(text)] \
            if any(mark in text for mark in _ADDRESS_MARKS) else []

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
