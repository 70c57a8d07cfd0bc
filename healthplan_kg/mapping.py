"""Mapping: one ``Extraction`` -> the quads of its own named graph, with evidence on every fact.

Follows docs/graph-model.md. Every IRI is derived from the source's content hash and the fact's
place in the extraction, never from a clock or a counter shared between documents, so the same
text always maps to the same quads (a build is deterministic) and documents can be mapped in
parallel.
"""

from __future__ import annotations

import pyoxigraph as ox

from healthplan_kg import __version__
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
_CONTEXT = 32


_NODES: dict[str, ox.NamedNode] = {}


def _n(iri: str) -> ox.NamedNode:
    """A named node; vocabulary terms are made once and reused (mapping makes thousands)."""
    node = _NODES.get(iri)
    if node is None:
        node = ox.NamedNode(iri)
        if len(_NODES) < 4096 and not iri.startswith(ID):
            _NODES[iri] = node
    return node


def _date(value: str) -> ox.Literal:
    datatype = "date" if len(value) == 10 else "gYearMonth" if len(value) == 7 else "gYear"
    return ox.Literal(value, datatype=_n(XSD + datatype))


def _int(value: int, datatype: str = "integer") -> ox.Literal:
    return ox.Literal(str(value), datatype=_n(XSD + datatype))


class _Writer:
    """Collects the quads of one source graph."""

    def __init__(self, extraction: Extraction) -> None:
        self.x = extraction
        source = extraction.source
        self.lang = extraction.metadata.language if extraction.metadata.language in ("nb", "nn") else "nb"
        self.hash16 = source.content_hash[:16]
        self.source = _n(source_iri(source.content_hash))
        self.graph = _n(source_graph_iri(source.content_hash))
        self.activity = _n(f"{ID}extraction/{self.hash16}")
        self.quads: list[ox.Quad] = []
        self._entities: dict[str, ox.NamedNode] = {}
        self._counters: dict[str, int] = {}

    def add(self, s: ox.NamedNode, p: str, o: ox.NamedNode | ox.Literal) -> None:
        self.quads.append(ox.Quad(s, _n(p), o, self.graph))

    def text(self, value: str, lang: str | None = None) -> ox.Literal:
        return ox.Literal(value, language=lang or self.lang)

    # -- entities --------------------------------------------------------------------------

    def entity(self, ref: EntityRef) -> ox.NamedNode:
        if ref.iri:
            return _n(ref.iri)
        iri = self._minted_iri(ref)
        if iri not in self._entities:
            node = _n(iri)
            self._entities[iri] = node
            for cls in self._classes(ref):
                self.add(node, RDF + "type", _n(cls))
            self.add(node, SKOS + "prefLabel", self.text(ref.label))
            self.add(node, HP + "unlinked", ox.Literal("true", datatype=_n(XSD + "boolean")))
            if ref.identifier:
                self.add(node, DCTERMS + "identifier", ox.Literal(ref.identifier))
            if ref.kind == "PolicyDocument" and ref.sub_kind:
                self.add(node, HP + "documentKind", _n(concept_iri("document-kind", ref.sub_kind)))
            if ref.kind in ("Organisation", "Commission") and ref.sub_kind:
                self.add(node, HP + "organisationKind", _n(concept_iri("organisation-kind", ref.sub_kind)))
            if ref.kind == "Commission":
                self.add(node, HP + "organisationKind", _n(concept_iri("organisation-kind", "commission")))
            if ref.kind in ("PriorityGroup", "Theme"):
                scheme = "priority-group" if ref.kind == "PriorityGroup" else "theme"
                self.add(node, SKOS + "inScheme", _n(f"{concept_iri(scheme, '')}".rstrip("/")))
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
            cls = DOCUMENT_CLASSES.get(ref.sub_kind or "other", "PolicyDocument")
            if cls == "PolicyDocument" and "reform" in ref.label.casefold():
                cls = "Reform"
            return [HP + cls]
        return [HP + ref.kind]

    # -- facts and evidence ----------------------------------------------------------------

    def fact(self, kind: str, cls: str, span: Span) -> ox.NamedNode:
        n = self._counters.get(kind, 0) + 1
        self._counters[kind] = n
        node = _n(f"{ID}fact/{self.hash16}/{kind}/{n}")
        self.add(node, RDF + "type", _n(HP + cls))
        self.add(node, PROV + "wasDerivedFrom", self.source)
        self.add(node, PROV + "wasGeneratedBy", self.activity)
        self.add(node, HP + "inDocument", self.source)
        self.evidence(node, span)
        return node

    def evidence(self, fact: ox.NamedNode, span: Span) -> None:
        text = self.x.source.text
        base = fact.value
        annotation, target = _n(base + "/evidence"), _n(base + "/target")
        position, quote = _n(base + "/position"), _n(base + "/quote")
        self.add(fact, HP + "evidence", annotation)
        self.add(annotation, RDF + "type", _n(OA + "Annotation"))
        self.add(annotation, OA + "hasBody", fact)
        self.add(annotation, OA + "hasTarget", target)
        self.add(target, RDF + "type", _n(OA + "SpecificResource"))
        self.add(target, OA + "hasSource", self.source)
        self.add(target, OA + "hasSelector", position)
        self.add(target, OA + "hasSelector", quote)
        self.add(position, RDF + "type", _n(OA + "TextPositionSelector"))
        self.add(position, OA + "start", _int(span.start, "nonNegativeInteger"))
        self.add(position, OA + "end", _int(span.end, "nonNegativeInteger"))
        self.add(quote, RDF + "type", _n(OA + "TextQuoteSelector"))
        self.add(quote, OA + "exact", ox.Literal(span.text))
        self.add(quote, OA + "prefix", ox.Literal(text[max(0, span.start - _CONTEXT):span.start]))
        self.add(quote, OA + "suffix", ox.Literal(text[span.end:span.end + _CONTEXT]))

    # -- the document and its facts --------------------------------------------------------

    def document(self) -> None:
        source, meta = self.x.source, self.x.metadata
        s = self.source
        self.add(s, RDF + "type", _n(HP + "SourceDocument"))
        self.add(s, HP + "sourceFile", ox.Literal(source.source))
        self.add(s, HP + "format", ox.Literal(source.format))
        self.add(s, HP + "contentHash", ox.Literal(source.content_hash))
        self.add(s, DCTERMS + "language", ox.Literal(self.lang))
        if meta.title:
            self.add(s, DCTERMS + "title", self.text(meta.title))
        if meta.published:
            self.add(s, DCTERMS + "issued", _date(meta.published))
        if meta.modified:
            self.add(s, DCTERMS + "modified", _date(meta.modified))
        if meta.publisher:
            self.add(s, DCTERMS + "publisher", self.entity(meta.publisher))
        if meta.author:
            self.add(s, DCTERMS + "creator", self.entity(meta.author))
        if source.url:
            self.add(s, DCTERMS + "source", ox.Literal(source.url, datatype=_n(XSD + "anyURI")))
        self.add(s, HP + "fullText", ox.Literal(source.text))
        self.add(s, HP + "textLength", _int(len(source.text)))
        self.add(s, PROV + "wasGeneratedBy", self.activity)
        software = _n(f"{ID}software/healthplan-kg/{__version__}")
        self.add(self.activity, RDF + "type", _n(PROV + "Activity"))
        self.add(self.activity, PROV + "used", s)
        self.add(self.activity, PROV + "wasAssociatedWith", software)
        self.add(software, RDF + "type", _n(PROV + "SoftwareAgent"))
        self.add(software, RDFS + "label", ox.Literal(f"healthplan-kg {__version__}"))

    def facts(self) -> None:
        x = self.x
        for m in x.mentions:
            f = self.fact("mention", "Mention", m.span)
            self.add(f, HP + "mentionOf", self.entity(m.entity))
            self.add(f, HP + "surface", ox.Literal(m.span.text))
            self.add(f, HP + "entityKind", ox.Literal(m.entity.kind))
        for p in x.people:
            f = self.fact("person", "PersonRole", p.span)
            self.add(f, HP + "person", self.entity(p.person))
            if p.role:
                self.add(f, HP + "roleLabel", self.text(p.role))
            if p.organisation:
                self.add(f, HP + "organisation", self.entity(p.organisation))
        for q in x.quotes:
            f = self.fact("quote", "Statement", q.span)
            self.add(f, HP + "speaker", self.entity(q.speaker))
            self.add(f, RDF + "value", ox.Literal(q.text))
            if q.role:
                self.add(f, HP + "roleLabel", self.text(q.role))
        for lst in x.lists:
            node = self.fact("list", "ItemList", lst.context_span)
            self.add(node, HP + "listKind", ox.Literal(lst.kind))
            self.add(node, HP + "context", self.text(lst.context))
            if lst.about:
                self.add(node, HP + "about", self.entity(lst.about))
            list_n = self._counters["list"]
            for item in lst.items:
                f = self.fact("item", "ListItem", item.span)
                self.add(f, HP + "inList", node)
                self.add(f, HP + "position", _int(item.position))
                self.add(f, RDFS + "label", self.text(item.label))
                self.add(f, HP + "item", self._item_entity(lst.kind, item, list_n))
        for r in x.relations:
            f = self.fact("relation", "RelationAssertion", r.evidence)
            s, o = self.entity(r.subject), self.entity(r.object)
            prop = PREDICATE_PROPERTIES[r.predicate]
            self.add(f, RDF + "subject", s)
            self.add(f, RDF + "predicate", _n(prop))
            self.add(f, RDF + "object", o)
            self.add(s, prop, o)
            if r.predicate == "assigns_task_to":
                a = self.fact("assignment", "Assignment", r.evidence)
                self.add(a, HP + "issuer", s)
                self.add(a, HP + "assignee", o)
                self.add(a, HP + "task", self.text(r.evidence.text))
        for e in x.events:
            f = self.fact("event", "Event", e.evidence)
            self.add(f, HP + "eventKind", ox.Literal(e.kind))
            self.add(f, DCTERMS + "date", _date(e.date))
            self.add(f, RDFS + "label", self.text(e.label))
            if e.about:
                self.add(f, HP + "about", self.entity(e.about))

    def _item_entity(self, kind: str, item, list_n: int) -> ox.NamedNode:
        if item.entity is not None:
            return self.entity(item.entity)
        if kind == "measures":
            node = _n(f"{ID}measure/{self.hash16}/{list_n}-{item.position}")
            if node.value not in self._entities:
                self._entities[node.value] = node
                self.add(node, RDF + "type", _n(HP + "MainMeasure"))
                self.add(node, SKOS + "prefLabel", self.text(item.label))
                self.add(node, RDFS + "label", self.text(item.label))
            return node
        ref_kind = "PriorityGroup" if kind == "priority_groups" else "Theme"
        return self.entity(EntityRef(item.label, ref_kind))


def to_quads(extraction: Extraction) -> list[ox.Quad]:
    """All quads for one source text, in one deterministic order, without duplicates."""
    writer = _Writer(extraction)
    writer.document()
    writer.facts()
    return list(dict.fromkeys(writer.quads))

