"""Finding and resolving every mention in one text: reference names, identifiers, named
documents and bodies, people, and the definite descriptions that point back at them.

Resolution is by salience, the way a reader does it: "direktoratet" is the directorate the text
last named; "planen" is the plan the text is about (the document it names most); "departementet"
in a letter about a white paper with no ministry named is that white paper's responsible
ministry. What cannot be resolved is left out rather than guessed.
"""

from __future__ import annotations

from healthplan_kg.extract.body_mentions import BodyMentions
from healthplan_kg.extract.document_mentions import DocumentMentions
from healthplan_kg.extract.mention_queries import MentionQueries
from healthplan_kg.extract.people_mentions import PeopleMentions
from healthplan_kg.model import Span


class MentionFinder(DocumentMentions, BodyMentions, PeopleMentions, MentionQueries):
    """All mentions of one text, resolved to entities; built once per extraction.

    Each step has its module: documents (``document_mentions``), bodies (``body_mentions``),
    people (``people_mentions``), and what later steps ask (``mention_queries``), over the state
    they share (``mention_state``). The order of the steps matters: each reads what the earlier
    ones found, and a later one never takes words an earlier one did.
    """

    def run(self) -> None:
        self._reference_names()
        self._identifiers()
        self._named_documents()
        self._bodies()
        self._commission_reports()
        self._org_anaphors()
        self._people_mentions()
        self.resolved.sort(key=lambda r: (r.span.start, -r.span.end))

    def _reference_names(self) -> None:
        text, in_address = self.text, self._in_address if self._addresses else None
        for start, end, entry, ref in self.gazetteer.matches(text):
            # Themes and groups are linked where a list names them, not wherever a word occurs.
            if entry.kind in _LINKED_IN_LISTS:
                continue
            span = Span(start, end, text[start:end])
            if in_address is None or not in_address(span):
                self._add(span, ref)


#: Reference kinds whose names count only where a list names them.
_LINKED_IN_LISTS = ("Theme", "PriorityGroup")
