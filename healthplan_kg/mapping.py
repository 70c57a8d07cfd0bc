"""Mapping: one ``Extraction`` -> the quads of its own named graph, with evidence on every fact.

Follows docs/graph-model.md. Every IRI is derived from the source's content hash and the fact's
place in the extraction, never from a clock or a counter shared between documents, so the same
text always maps to the same quads (a build is deterministic) and documents can be mapped in
parallel.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from healthplan_kg import __version__
from healthplan_kg.evidence_units import DATATYPES, IRI, NON_NEGATIVE, POSITIVE, STRING, EvidenceUnits, Unit
from healthplan_kg.extract.identifiers import identifier_class
from healthplan_kg.measure_identity import measure_iri
from healthplan_kg.model import EntityRef, Extraction, Span
from healthplan_kg.namespaces import (
    DCTERMS,
    FOAF,
    HP,
    ID,
    OA,
    ORG,
    PROV,
    RDF,
    RDFS,
    SKOS,
    XSD,
    concept_iri,
    document_iri,
    instrument_iri,
    organisation_iri,
    person_iri,
    slug,
    source_graph_iri,
    source_iri,
)

#: Contract relation name -> ontology property.
PREDICATE_PROPERTIES = {
    "follows_up": HP + "followsUp", "replaces": HP + "replaces",
    "seen_in_connection_with": HP + "seenInConnectionWith", "assigns_task_to": HP + "assignsTaskTo",
    "collaborates_with": HP + "collaboratesWith", "part_of": HP + "partOf",
    "publishes": HP + "publishes", "announces": HP + "announces",
}
#: Contract document kind -> the class a minted document gets.
DOCUMENT_CLASSES = {
    "white_paper": "WhitePaper", "nou": "OfficialReport", "proposition": "Proposition", "plan": "Plan",
    "strategy": "Strategy", "guideline": "Guideline", "letter": "Letter", "report": "Report",
    "law": "Law", "other": "PolicyDocument",
}


class _Mapper:
    """The graph model of one source graph, written once for both outputs.

    Subclasses say how a term and a quad are made: ``_QuadWriter`` makes pyoxigraph objects (the
    reference, used by ``to_quads``), ``_LineWriter`` writes N-Quads lines as strings, which is
    several times faster and is what a build stores. The methods below decide which triples exist;
    the subclasses only decide their spelling, so the two can never describe different graphs.
    """

    def __init__(self, extraction: Extraction) -> None:
        self.x = extraction
        source = extraction.source
        self.lang = extraction.metadata.language if extraction.metadata.language in ("nb", "nn") else "nb"
        self.hash16 = source.content_hash[:16]
        self.source_iri = source_iri(source.content_hash)
        self.source = self.node(self.source_iri)
        self.units = EvidenceUnits(source, ((lst.context_span, [item.span for item in lst.items])
                                            for lst in extraction.lists))
        self.graph = self.node(source_graph_iri(source.content_hash))
        self.activity = self.minted(f"{ID}extraction/{self.hash16}")
        self._entities: dict[str, object] = {}
        self._counters: dict[str, int] = {}

    # -- terms and quads (the spelling) ------------------------------------------------------

    def node(self, iri: str):
        """A named node whose IRI is checked (it may come from reference data or a label)."""
        raise NotImplementedError

    def minted(self, iri: str):
        """A named node for an IRI this module built from a content hash and counters only."""
        return self.node(iri)

    def plain(self, value: str):
        """A plain (xsd:string) literal."""
        raise NotImplementedError

    def text(self, value: str):
        """A literal in the document's language."""
        raise NotImplementedError

    def typed(self, value: str, datatype: str):
        raise NotImplementedError

    def add(self, s, p: str, o) -> None:
        raise NotImplementedError

    def own(self, fact, p: str, o) -> None:
        """A line about a fact node: ``add`` for a line no other can repeat. A fact's IRI is
        its kind and number in this graph, so only its own lines have it as subject, and each
        of them has its own predicate (the writers may skip the check for lines written twice)."""
        self.add(fact, p, o)

    def date(self, value: str):
        datatype = "date" if len(value) == 10 else "gYearMonth" if len(value) == 7 else "gYear"
        return self.typed(value, XSD + datatype)

    def integer(self, value: int, datatype: str = "integer"):
        return self.typed(str(value), XSD + datatype)

    # -- entities --------------------------------------------------------------------------

    def entity(self, ref: EntityRef):
        if ref.iri:
            return self.node(ref.iri)
        iri = self._minted_iri(ref)
        if iri not in self._entities:
            node = self.node(iri)
            self._entities[iri] = node
            for cls in self._classes(ref):
                self.add(node, RDF + "type", self.node(cls))
            self.add(node, SKOS + "prefLabel", self.text(ref.label))
            self.add(node, HP + "unlinked", self.typed("true", XSD + "boolean"))
            if ref.identifier:
                self.add(node, DCTERMS + "identifier", self.plain(ref.identifier))
            if ref.kind == "PolicyDocument" and ref.sub_kind:
                self.add(node, HP + "documentKind", self.node(concept_iri("document-kind", ref.sub_kind)))
            if ref.kind in ("Organisation", "Commission") and ref.sub_kind:
                self.add(node, HP + "organisationKind", self.node(concept_iri("organisation-kind", ref.sub_kind)))
            if ref.kind == "Commission":
                self.add(node, HP + "organisationKind", self.node(concept_iri("organisation-kind", "commission")))
            if ref.kind in ("PriorityGroup", "Theme"):
                scheme = "priority-group" if ref.kind == "PriorityGroup" else "theme"
                self.add(node, SKOS + "inScheme", self.node(f"{concept_iri(scheme, '')}".rstrip("/")))
        return self._entities[iri]

    def _minted_iri(self, ref: EntityRef) -> str:
        kind = ref.kind
        if kind in ("Organisation", "Commission"):
            return organisation_iri(ref.label)
        if kind == "Person":
            return person_iri(ref.label)
        if kind == "PolicyDocument":
            return document_iri(ref.identifier or ref.label)
        if kind == "Instrument":
            return instrument_iri(ref.label)
        if kind == "PriorityGroup":
            return concept_iri("priority-group", slug(ref.label))
        if kind == "Theme":
            return concept_iri("theme", slug(ref.label))
        return f"{ID}{kind.lower()}/{slug(ref.label)}"

    @staticmethod
    def _classes(ref: EntityRef) -> list[str]:
        if ref.kind == "Organisation":
            return [ORG + "Organization"]
        if ref.kind == "Commission":
            return [HP + "Commission"]
        if ref.kind == "Person":
            return [FOAF + "Person"]
        if ref.kind == "PolicyDocument":
            cls = identifier_class(ref.identifier) or DOCUMENT_CLASSES.get(ref.sub_kind or "other", "PolicyDocument")
            if cls == "PolicyDocument" and "reform" in ref.label.casefold():
                cls = "Reform"
            return [HP + cls]
        return [HP + ref.kind]

    # -- facts and evidence ----------------------------------------------------------------

    def fact(self, kind: str, cls: str, span: Span):
        """A fact node: its class, the evidence unit of its sentence (written once per unit, by
        ``evidence_units``) and its own offsets. Its source is its named graph's source text."""
        n = self._counters.get(kind, 0) + 1
        self._counters[kind] = n
        node = self.minted(f"{ID}fact/{self.hash16}/{kind}/{n}")
        self.add(node, RDF + "type", self.node(HP + cls))
        self.add(node, HP + "evidence", self.evidence(span))
        self.add(node, HP + "start", self.integer(span.start))
        self.add(node, HP + "end", self.integer(span.end))
        return node

    def evidence(self, span: Span):
        """The Web Annotation of the sentence (or list item) ``span`` lies in; its quads are
        written the first time a fact of that unit asks."""
        unit, new = self.units.unit_of(span)
        if new:
            for s, p, kind, value in self.units.triples(unit, self.source_iri):
                if kind == IRI:
                    o = self.node(value) if value == self.source_iri else self.minted(value)
                elif kind == STRING:
                    o = self.plain(value)
                else:
                    o = self.typed(str(value), DATATYPES[kind])
                self.add(self.minted(s), p, o)
        return self.minted(unit.iri)

    # -- the document and its facts --------------------------------------------------------

    def document(self) -> None:
        source, meta = self.x.source, self.x.metadata
        s = self.source
        self.add(s, RDF + "type", self.node(HP + "SourceDocument"))
        self.add(s, HP + "sourceFile", self.plain(source.source))
        self.add(s, HP + "format", self.plain(source.format))
        self.add(s, HP + "contentHash", self.plain(source.content_hash))
        self.add(s, DCTERMS + "language", self.plain(self.lang))
        if meta.title:
            self.add(s, DCTERMS + "title", self.text(meta.title))
        if meta.published:
            self.add(s, DCTERMS + "issued", self.date(meta.published))
        if meta.modified:
            self.add(s, DCTERMS + "modified", self.date(meta.modified))
        if meta.publisher:
            self.add(s, DCTERMS + "publisher", self.entity(meta.publisher))
        if meta.author:
            self.add(s, DCTERMS + "creator", self.entity(meta.author))
        if source.url:
            self.add(s, DCTERMS + "source", self.typed(source.url, XSD + "anyURI"))
        self.add(s, HP + "fullText", self.plain(source.text))
        self.add(s, HP + "textLength", self.integer(len(source.text)))
        if source.page_starts:
            self.add(s, HP + "pageCount", self.integer(len(source.page_starts), "positiveInteger"))
        self.add(s, PROV + "wasGeneratedBy", self.activity)
        software = self.node(f"{ID}software/healthplan-kg/{__version__}")
        self.add(self.activity, RDF + "type", self.node(PROV + "Activity"))
        self.add(self.activity, PROV + "used", s)
        self.add(self.activity, PROV + "wasAssociatedWith", software)
        self.add(software, RDF + "type", self.node(PROV + "SoftwareAgent"))
        self.add(software, RDFS + "label", self.plain(f"healthplan-kg {__version__}"))

    def facts(self) -> None:
        x = self.x
        for m in x.mentions:
            f = self.fact("mention", "Mention", m.span)
            self.own(f, HP + "mentionOf", self.entity(m.entity))
            self.own(f, HP + "surface", self.plain(m.span.text))
            self.own(f, HP + "entityKind", self.plain(m.entity.kind))
        for p in x.people:
            f = self.fact("person", "PersonRole", p.span)
            self.own(f, HP + "person", self.entity(p.person))
            if p.role:
                self.own(f, HP + "roleLabel", self.text(p.role))
            if p.organisation:
                self.own(f, HP + "organisation", self.entity(p.organisation))
        for q in x.quotes:
            f = self.fact("quote", "Statement", q.span)
            self.own(f, HP + "speaker", self.entity(q.speaker))
            self.own(f, RDF + "value", self.plain(q.text))
            if q.role:
                self.own(f, HP + "roleLabel", self.text(q.role))
        for lst in x.lists:
            node = self.fact("list", "ItemList", lst.context_span)
            self.own(node, HP + "listKind", self.plain(lst.kind))
            self.own(node, HP + "context", self.text(lst.context))
            if lst.about:
                self.own(node, HP + "about", self.entity(lst.about))
            plan_iri = self._iri_of(lst.about) if lst.about else source_iri(self.x.source.content_hash)
            for item in lst.items:
                f = self.fact("item", "ListItem", item.span)
                self.own(f, HP + "inList", node)
                self.own(f, HP + "position", self.integer(item.position))
                self.own(f, RDFS + "label", self.text(item.label))
                self.own(f, HP + "item", self._item_entity(lst.kind, item, plan_iri))
        for r in x.relations:
            f = self.fact("relation", "RelationAssertion", r.evidence)
            s, o = self.entity(r.subject), self.entity(r.object)
            prop = PREDICATE_PROPERTIES[r.predicate]
            self.own(f, RDF + "subject", s)
            self.own(f, RDF + "predicate", self.node(prop))
            self.own(f, RDF + "object", o)
            self.add(s, prop, o)
            if r.predicate == "assigns_task_to":
                a = self.fact("assignment", "Assignment", r.evidence)
                self.own(a, HP + "issuer", s)
                self.own(a, HP + "assignee", o)
                self.own(a, HP + "task", self.text(r.evidence.text))
        for e in x.events:
            f = self.fact("event", "Event", e.evidence)
            self.own(f, HP + "eventKind", self.plain(e.kind))
            self.own(f, DCTERMS + "date", self.date(e.date))
            self.own(f, RDFS + "label", self.text(e.label))
            if e.about:
                self.own(f, HP + "about", self.entity(e.about))

    def _iri_of(self, ref: EntityRef) -> str:
        return ref.iri or self._minted_iri(ref)

    def _item_entity(self, kind: str, item, plan_iri: str):
        if item.entity is not None:
            return self.entity(item.entity)
        if kind == "measures":
            # One measure, one node: the plan and the folded words (measure_identity), so every
            # text and both written standards that state it meet here, each adding its label.
            iri = measure_iri(plan_iri, item.label)
            node = self._entities.get(iri)
            if node is None:
                node = self._entities[iri] = self.node(iri)
                self.add(node, RDF + "type", self.node(HP + "MainMeasure"))
                self.add(node, RDFS + "label", self.text(item.label))
            return node
        ref_kind = "PriorityGroup" if kind == "priority_groups" else "Theme"
        return self.entity(EntityRef(item.label, ref_kind))

    def write(self) -> None:
        self.document()
        self.facts()


# -- pyoxigraph objects ----------------------------------------------------------------------

_NODES: dict[str, ox.NamedNode] = {}


def _named_node(iri: str) -> ox.NamedNode:
    """A named node; vocabulary terms are made once and reused (mapping makes thousands)."""
    node = _NODES.get(iri)
    if node is None:
        node = ox.NamedNode(iri)
        if len(_NODES) < 4096 and not iri.startswith(ID):
            _NODES[iri] = node
    return node


class _QuadWriter(_Mapper):
    """Collects the quads of one source graph as pyoxigraph objects."""

    def __init__(self, extraction: Extraction) -> None:
        self.quads: list[ox.Quad] = []
        super().__init__(extraction)

    def node(self, iri: str) -> ox.NamedNode:
        return _named_node(iri)

    def plain(self, value: str) -> ox.Literal:
        return ox.Literal(value)

    def text(self, value: str) -> ox.Literal:
        return ox.Literal(value, language=self.lang)

    def typed(self, value: str, datatype: str) -> ox.Literal:
        return ox.Literal(value, datatype=_named_node(datatype))

    def add(self, s: ox.NamedNode, p: str, o: ox.NamedNode | ox.Literal) -> None:
        self.quads.append(ox.Quad(s, _named_node(p), o, self.graph))


# -- N-Quads text ----------------------------------------------------------------------------

#: How pyoxigraph's N-Quads writer spells the characters it escapes in a literal (checked over
#: every code point in tests/test_extraction_output_stable.py); every other character is written
#: as is. The common ones are replaced with ``str.replace`` (far faster than ``translate`` on a
#: whole text), the rare control characters then with a table.
_COMMON_ESCAPES = (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t"))
_RARE_ESCAPES = {code: f"\\u{code:04X}" for code in (*range(0x20), 0x7F, 0xFFFE, 0xFFFF)
                 if chr(code) not in "\n\r\t"} | {0x08: "\\b", 0x0C: "\\f"}
_RARE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
#: A character that needs an escape, or a lone surrogate (which no RDF literal may hold).
_SPECIAL = re.compile(r'[\x00-\x1f"\\\x7f\ufffe\uffff\ud800-\udfff]')
_SURROGATE = re.compile(r"[\ud800-\udfff]")
#: IRIs already checked by pyoxigraph, with their N-Quads spelling (vocabulary, reference data).
_CHECKED: dict[str, str] = {}


def _quoted(value: str) -> str:
    """A string as an N-Quads literal's quoted lexical form, byte for byte as pyoxigraph writes it."""
    # No printable character but '"' and '\\' is special (checked over every code point in
    # tests/test_extraction_output_stable.py): most values need neither the search nor an escape.
    if value.isprintable() and '"' not in value and "\\" not in value:
        return f'"{value}"'
    escaped = value
    for char, escape in _COMMON_ESCAPES:
        if char in escaped:
            escaped = escaped.replace(char, escape)
    # A lone surrogate and every rarely escaped character are not printable: a text printable
    # once its line breaks are escaped (most texts) needs no search for them.
    if escaped.isprintable():
        return f'"{escaped}"'
    if _SURROGATE.search(value) is not None:
        ox.Literal(value)  # raises the error the object path raises for the same value
    if _RARE.search(escaped) is not None:
        escaped = escaped.translate(_RARE_ESCAPES)
    return f'"{escaped}"'


def _iri(iri: str) -> str:
    """``<iri>``, checked once by pyoxigraph (an invalid IRI raises its ValueError)."""
    term = _CHECKED.get(iri)
    if term is None:
        term = f"<{ox.NamedNode(iri).value}>"
        if len(_CHECKED) < 65536:
            _CHECKED[iri] = term
    return term


class _LineWriter(_Mapper):
    """Writes the N-Quads lines of one source graph as strings, never making a term object.

    Terms are their N-Quads spelling. A line already written is not written again, as
    ``to_quads`` drops duplicate quads, keeping the first. A fact's own lines and its evidence, the
    bulk of every graph, are written as one string and skip that check: each of those lines has
    as subject the fact or an IRI made from the fact's own (unique) IRI, with a predicate and
    object that no other line gives that subject.
    """

    def __init__(self, extraction: Extraction) -> None:
        self.lines: list[str] = []
        self._seen: set[str] = set()
        super().__init__(extraction)
        self._tail = f" {self.graph} .\n"
        self._lang = f"@{self.lang}"

    def node(self, iri: str) -> str:
        return _iri(iri)

    def minted(self, iri: str) -> str:
        return f"<{iri}>"

    def plain(self, value: str) -> str:
        return _quoted(value)

    def text(self, value: str) -> str:
        return _quoted(value) + self._lang

    def typed(self, value: str, datatype: str) -> str:
        return f"{_quoted(value)}^^{_iri(datatype)}"

    def add(self, s: str, p: str, o: str) -> None:
        line = f"{s} {_CHECKED.get(p) or _iri(p)} {o}{self._tail}"
        if line not in self._seen:
            self._seen.add(line)
            self.lines.append(line)

    def own(self, fact: str, p: str, o: str) -> None:
        self.lines.append(f"{fact} {_CHECKED.get(p) or _iri(p)} {o}{self._tail}")

    def integer(self, value: int, datatype: str = "integer") -> str:
        # a number's digits are written as they are (``_quoted`` leaves them so)
        return f'"{value}"^^{_iri(XSD + datatype)}'

    def fact(self, kind: str, cls: str, span: Span) -> str:
        """``_Mapper.fact`` as one string: the same lines in the same order, a new unit's lines
        (see ``_unit_lines``) between the fact's class and the rest."""
        n = self._counters.get(kind, 0) + 1
        self._counters[kind] = n
        fact = f"<{ID}fact/{self.hash16}/{kind}/{n}>"
        g = self._tail
        unit, new = self.units.unit_of(span)
        self.lines.append(
            f"{fact} {_E_TYPE} {_CHECKED.get(HP + cls) or _iri(HP + cls)}{g}"
            f"{self._unit_lines(unit) if new else ''}"
            f"{fact} {_E_EVIDENCE} <{unit.iri}>{g}"
            f'{fact} {_E_START} "{span.start}"^^{_E_INTEGER}{g}'
            f'{fact} {_E_END} "{span.end}"^^{_E_INTEGER}{g}'
        )
        return fact

    def _unit_lines(self, unit: Unit) -> str:
        """The lines of a new unit, written past the check for lines written twice: each has as
        subject the unit's IRI or one made from it, which no other line has as subject (facts
        point at the unit only as object), and no two of them are the same.

        ``EvidenceUnits.triples`` spelled at once, in its order (``to_quads`` spells those
        triples one by one, and tests/test_extraction_output_stable.py holds the two to the
        same bytes, paged sources included): one string instead of eight lines' calls."""
        iri, g, start = unit.iri, self._tail, unit.span.start
        target = f"<{iri}/target>"
        page = self.x.source.page_at(start)
        paged = "" if page is None else f'{target} {_U_PAGE} "{page}"^^{_U_POSITIVE}{g}'
        return (f"<{iri}> {_E_TYPE} {_U_ANNOTATION}{g}<{iri}> {_U_HAS_TARGET} {target}{g}"
                f"{target} {_U_HAS_SOURCE} {self.source}{g}"
                f"{target} {_U_HAS_SELECTOR} <{iri}/position>{g}{target} {_U_HAS_SELECTOR} <{iri}/quote>{g}"
                f'{paged}<{iri}/position> {_U_START} "{start}"^^{_U_NON_NEGATIVE}{g}'
                f'<{iri}/position> {_U_END} "{unit.span.end}"^^{_U_NON_NEGATIVE}{g}'
                f"<{iri}/quote> {_U_EXACT} {_quoted(unit.span.text)}{g}")


_E_EVIDENCE, _E_TYPE, _E_START, _E_END, _E_INTEGER = (
    _iri(HP + "evidence"), _iri(RDF + "type"), _iri(HP + "start"), _iri(HP + "end"), _iri(XSD + "integer"))
_U_ANNOTATION, _U_HAS_TARGET, _U_HAS_SOURCE, _U_HAS_SELECTOR, _U_PAGE, _U_START, _U_END, _U_EXACT = (
    _iri(OA + "Annotation"), _iri(OA + "hasTarget"), _iri(OA + "hasSource"), _iri(OA + "hasSelector"),
    _iri(HP + "page"), _iri(OA + "start"), _iri(OA + "end"), _iri(OA + "exact"))
_U_POSITIVE, _U_NON_NEGATIVE = _iri(DATATYPES[POSITIVE]), _iri(DATATYPES[NON_NEGATIVE])


def to_quads(extraction: Extraction) -> list[ox.Quad]:
    """All quads for one source text, in one deterministic order, without duplicates."""
    writer = _QuadWriter(extraction)
    writer.write()
    return list(dict.fromkeys(writer.quads))


def to_nquads(extraction: Extraction) -> bytes:
    """The same graph as ``to_quads``, as the N-Quads bytes ``pyoxigraph.serialize`` would write
    for it, but made directly as text: a build stores this, and skipping the term objects makes
    mapping several times faster.
    """
    writer = _LineWriter(extraction)
    writer.write()
    # Encoded entry by entry: most are ASCII, which encodes as a copy, while the whole text at
    # once would take the slow path for every byte as soon as one line holds a "–" or "ø".
    return b"".join([entry.encode() for entry in writer.lines])
