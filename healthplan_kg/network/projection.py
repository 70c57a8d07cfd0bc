"""The graph as a network: documents, commissions, bodies, measures, assignments and priority groups.

The RDF graph is the record; analysts reason about chains and neighbourhoods, which networkx does
well. This module reads the store only through SPARQL (so an Oxigraph server works as well as the
embedded store) and keeps, on every edge, the source documents and sentences behind it, so a
chain drawn from the network can always be checked against the texts.

Edge kinds: the contract's relation names (``follows_up``, ``replaces``, ...), plus
``report_of`` (commission -> its NOU), ``measure_of`` (measure -> the plan that lists it),
``prioritised_in`` (priority group -> the plan that names it), and for each extracted assignment
``issues`` (issuing body -> assignment) and ``assigned_to`` (assignment -> receiving body).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import networkx as nx

from healthplan_kg.namespaces import CONCEPT, FOAF, GRAPH, HP, ID, ORG, REFERENCE_GRAPH
from healthplan_kg.store.base import GraphStore
from healthplan_kg.transitive import transitive_pairs

#: Contract relation name -> ontology property (docs/graph-model.md, "Relation properties").
RELATIONS = {
    "follows_up": HP + "followsUp",
    "replaces": HP + "replaces",
    "seen_in_connection_with": HP + "seenInConnectionWith",
    "assigns_task_to": HP + "assignsTaskTo",
    "collaborates_with": HP + "collaboratesWith",
    "part_of": HP + "partOf",
    "publishes": HP + "publishes",
    "announces": HP + "announces",
}
EXTRA_EDGE_KINDS = ("report_of", "measure_of", "prioritised_in", "issues", "assigned_to")
EDGE_KINDS = (*RELATIONS, *EXTRA_EDGE_KINDS)
NODE_KINDS = ("document", "commission", "body", "measure", "assignment", "priority_group", "instrument")

_DOCUMENT_CLASSES = {HP + c for c in (
    "PolicyDocument WhitePaper OfficialReport Proposition Plan ActionPlan Strategy Guideline Letter "
    "NewsArticle Report Regulation Law Reform ParliamentaryRecommendation").split()}
_BODY_CLASSES = {ORG + "Organization"} | {HP + c for c in (
    "Ministry Directorate Agency RegionalHealthAuthority HealthTrust CompetenceService Government "
    "Parliament MunicipalOrganisation ProfessionalAssociation HealthCommunity StateEnterprise "
    "ElectedAssembly AdvisoryBody").split()}
#: Class -> node kind; the most specific wins (a commission is also an organisation).
_KIND_OF_CLASS = {**{c: "document" for c in _DOCUMENT_CLASSES}, **{c: "body" for c in _BODY_CLASSES},
                  HP + "Commission": "commission", HP + "MainMeasure": "measure",
                  HP + "Assignment": "assignment", HP + "PriorityGroup": "priority_group",
                  **{HP + c: "instrument"
                     for c in "Instrument Grant Register DigitalService FinancingMechanism".split()}}
_KIND_PRECEDENCE = {"assignment": 0, "measure": 1, "priority_group": 2, "instrument": 3, "commission": 4,
                    "document": 5, "body": 6}
#: For entities the graph names but types nowhere (a fixture, a partial store): their IRI's folder.
_KIND_OF_PREFIX = {ID + "document/": "document", ID + "organisation/": "body", ID + "measure/": "measure",
                   ID + "instrument/": "instrument",
                   CONCEPT + "priority-group/": "priority_group"}

PREFIXES = f"""PREFIX hp: <{HP}>
PREFIX graph: <{GRAPH}>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX foaf: <{FOAF}>
PREFIX org: <{ORG}>
"""

#: The fact's own words: cut by its offsets from the sentence (or list) its annotation selects.
FACT_WORDS = ("OPTIONAL { ?fact hp:start ?fact_start ; hp:end ?fact_end ; hp:evidence/oa:hasTarget ?target . "
          "?target oa:hasSelector ?unit_quote, ?unit_position . ?unit_quote oa:exact ?unit_text . "
          "?unit_position oa:start ?unit_start . BIND(SUBSTR(STR(?unit_text), "
          "?fact_start - xsd:integer(?unit_start) + 1, ?fact_end - ?fact_start) AS ?evidence) }")

_RELATIONS_SPARQL = PREFIXES + f"""
SELECT ?s ?p ?o ?g ?doc ?evidence WHERE {{
  VALUES ?p {{ {' '.join(f'<{p}>' for p in RELATIONS.values())} }}
  {{ GRAPH ?g {{ ?fact a hp:RelationAssertion ; rdf:predicate ?p ; rdf:subject ?s ; rdf:object ?o .
                 ?doc a hp:SourceDocument . {FACT_WORDS} }} }}
  UNION
  {{ GRAPH ?g {{ ?s ?p ?o }} FILTER NOT EXISTS {{ GRAPH ?g {{ ?any a hp:RelationAssertion ; rdf:subject ?s ;
                                                            rdf:predicate ?p ; rdf:object ?o }} }} }}
}}"""

_REPORTS_SPARQL = PREFIXES + """
SELECT DISTINCT ?commission ?report ?g WHERE {
  { GRAPH ?g { ?commission hp:report ?report } }
  UNION
  { GRAPH ?g { ?report dcterms:creator ?commission } GRAPH ?tg { ?commission a hp:Commission } }
}"""

_LIST_ITEMS_SPARQL = PREFIXES + f"""
SELECT ?kind ?item ?entity ?about ?doc ?context ?text ?evidence WHERE {{
  GRAPH ?g {{
    ?list a hp:ItemList ; hp:listKind ?kind .
    ?fact hp:inList ?list ; hp:item ?entity .
    OPTIONAL {{ ?fact rdfs:label ?text }}
    OPTIONAL {{ ?list hp:about ?about }}
    OPTIONAL {{ ?list hp:context ?context }}
    OPTIONAL {{ ?doc a hp:SourceDocument }}
    {FACT_WORDS}
  }}
  FILTER(?kind IN ("measures", "priority_groups"))
  BIND(?fact AS ?item)
}}"""

_ASSIGNMENTS_SPARQL = PREFIXES + f"""
SELECT ?fact ?issuer ?assignee ?task ?date ?doc ?evidence WHERE {{
  GRAPH ?g {{
    ?fact a hp:Assignment ; hp:issuer ?issuer ; hp:assignee ?assignee .
    OPTIONAL {{ ?doc a hp:SourceDocument }}
    OPTIONAL {{ ?fact hp:task ?task }}
    OPTIONAL {{ ?fact dcterms:date ?date }}
    {FACT_WORDS}
  }}
}}"""

_TYPES_SPARQL = PREFIXES + "SELECT DISTINCT ?node ?type WHERE { GRAPH ?g { ?node a ?type } }"
#: The direct statements, closed in Python (``transitive``): not every engine answers ``subClassOf+``.
_SUBCLASSES_SPARQL = PREFIXES + "SELECT DISTINCT ?class ?super WHERE { GRAPH ?g { ?class rdfs:subClassOf ?super } }"

_LABELS_SPARQL = PREFIXES + """
SELECT DISTINCT ?node ?property ?label WHERE {
  VALUES ?property { skos:prefLabel foaf:name dcterms:identifier rdfs:label }
  GRAPH ?g { ?node ?property ?label }
  FILTER(isIRI(?node))
}"""

_PAGES_SPARQL = PREFIXES + "SELECT ?node ?page WHERE { GRAPH graph:reference { ?node dcterms:source ?page } }"

_SOURCES_SPARQL = PREFIXES + """
SELECT ?doc ?language ?title WHERE {
  GRAPH ?g { ?doc a hp:SourceDocument . OPTIONAL { ?doc dcterms:language ?language }
             OPTIONAL { ?doc dcterms:title ?title } }
}"""

_MENTION_COUNTS_SPARQL = PREFIXES + """
SELECT ?doc ?entity (COUNT(DISTINCT ?fact) AS ?count) WHERE {
  GRAPH ?g { ?fact a hp:Mention ; hp:mentionOf ?entity . ?doc a hp:SourceDocument }
} GROUP BY ?doc ?entity"""


@dataclass(frozen=True)
class Evidence:
    """Why an edge is there: a sentence of a source text, or the reference data and its pages.

    ``origin`` is ``text`` (a sentence states it), ``reference`` (the curated reference data),
    or ``inferred`` (it follows from a stated fact, e.g. following up a commission is following
    up its report; ``doc`` and ``sentence`` are then those of the stated fact, if any).
    """

    origin: str
    doc: str | None = None
    sentence: str | None = None
    pages: tuple[str, ...] = ()

    def describe(self) -> str:
        """One line for a reader: the sentence and the document, or where the reference data has it."""
        if self.sentence:
            where = f" [{self.doc}]" if self.doc else ""
            prefix = "inferred from: " if self.origin == "inferred" else ""
            return f"{prefix}“{self.sentence}”{where}"
        if self.origin == "reference" or (self.origin == "inferred" and not self.doc):
            pages = f": {', '.join(self.pages)}" if self.pages else ""
            prefix = "inferred from " if self.origin == "inferred" else ""
            return f"{prefix}reference data{pages}"
        return f"{self.origin} [{self.doc}]"

    def as_dict(self) -> dict[str, object]:
        return {"origin": self.origin, "doc": self.doc, "sentence": self.sentence, "pages": list(self.pages)}


@dataclass
class Network:
    """The projection: a ``networkx.MultiDiGraph`` (one edge per kind between two nodes) and what
    the pictures and timelines need to label it: source languages, titles, document subjects."""

    graph: nx.MultiDiGraph
    source_languages: dict[str, str] = field(default_factory=dict)
    source_titles: dict[str, str] = field(default_factory=dict)
    #: source document -> the policy document it is mainly about (see ``_document_subjects``)
    subjects: dict[str, str] = field(default_factory=dict)

    def kind(self, node: str) -> str:
        return self.graph.nodes[node].get("kind", "other") if node in self.graph else "other"

    def label(self, node: str, language: str | None = None) -> str:
        """The node's label in ``language``, else in the written standard of the texts that state
        its edges, else bokmål, else any label, else the IRI's last segment."""
        data = self.graph.nodes[node] if node in self.graph else {}
        labels: dict[str, str] = data.get("labels", {})
        for lang in (language, data.get("language"), "nb", "nn", "", "en"):
            if lang is not None and labels.get(lang):
                return labels[lang]
        if labels:
            return next(iter(labels.values()))
        return data.get("identifier") or node.rstrip("/").rsplit("/", 1)[-1]

    def evidence(self, source: str, target: str, kind: str) -> list[Evidence]:
        data = self.graph.get_edge_data(source, target, key=kind)
        return list(data["evidence"]) if data else []

    def edges_of(self, *kinds: str) -> list[tuple[str, str, str]]:
        wanted = set(kinds)
        return [(u, v, k) for u, v, k in self.graph.edges(keys=True) if k in wanted]

    def nodes_of(self, kind: str) -> list[str]:
        return [n for n, data in self.graph.nodes(data=True) if data.get("kind") == kind]


def _value(term) -> str | None:
    return None if term is None else term.value


def _source_of_graph(graph_iri: str | None) -> str | None:
    """``graph:source/{hash16}`` -> ``id:source/{hash16}``: the text a source graph was made from."""
    prefix = GRAPH + "source/"
    if graph_iri and graph_iri.startswith(prefix):
        return ID + "source/" + graph_iri[len(prefix):]
    return None


class _Builder:
    """Collects nodes and edges from the query results, then types and labels the nodes."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.graph = nx.MultiDiGraph()
        self.pages: dict[str, list[str]] = defaultdict(list)
        self.kinds: dict[str, str] = {}

    def rows(self, sparql: str) -> list[dict[str, str | None]]:
        return self.store.query(sparql).values()

    def add_edge(self, source: str, target: str, kind: str, evidence: Evidence) -> None:
        if self.graph.has_edge(source, target, key=kind):
            found: list[Evidence] = self.graph.edges[source, target, kind]["evidence"]
            if evidence not in found:
                found.append(evidence)
        else:
            self.graph.add_edge(source, target, key=kind, kind=kind, evidence=[evidence])

    def reference_evidence(self, subject: str, origin: str = "reference") -> Evidence:
        return Evidence(origin=origin, pages=tuple(sorted(self.pages.get(subject, ()))))

    def evidence_in(self, graph_iri: str | None, doc: str | None, sentence: str | None,
                    subject: str) -> Evidence:
        if graph_iri == REFERENCE_GRAPH:
            return self.reference_evidence(subject)
        return Evidence(origin="text", doc=doc or _source_of_graph(graph_iri), sentence=sentence)

    # -- edges ---------------------------------------------------------------------------------
    def relations(self) -> None:
        names = {prop: name for name, prop in RELATIONS.items()}
        stated_follow_ups: set[tuple[str, str]] = set()
        for row in self.rows(_RELATIONS_SPARQL):
            kind = names[row["p"]]
            if kind == "follows_up":  # from the saved query, which adds what follows from commissions
                stated_follow_ups.add((row["s"], row["o"]))
                continue
            self.add_edge(row["s"], row["o"], kind,
                          self.evidence_in(row["g"], row["doc"], row["evidence"], row["s"]))
        self.follow_ups(stated_follow_ups)

    def follow_ups(self, stated: set[tuple[str, str]]) -> None:
        """The saved ``follow-ups`` query: stated follow-ups and those that follow from a
        commission-report pair, each with the document and sentence it rests on."""
        from healthplan_kg.queries import QueryRegistry

        for row in QueryRegistry.load().run(self.store, "follow-ups").values():
            follower, followed = row["follower"], row["followed"]
            origin = "text" if row["doc"] else "reference"
            if (follower, followed) not in stated:
                origin = "inferred"
            evidence = Evidence(origin=origin, doc=row["doc"], sentence=row["evidence"],
                                pages=() if row["doc"] else tuple(sorted(self.pages.get(follower, ()))))
            self.add_edge(follower, followed, "follows_up", evidence)

    def reports(self) -> None:
        for row in self.rows(_REPORTS_SPARQL):
            self.kinds.setdefault(row["commission"], "commission")
            self.add_edge(row["commission"], row["report"], "report_of",
                          self.evidence_in(row["g"], None, None, row["commission"]))

    def list_items(self, subjects: dict[str, str]) -> None:
        """Measures and priority groups, tied to the plan their list is about; a list that names
        no plan is tied to the document its text is mainly about (marked ``inferred``)."""
        for row in self.rows(_LIST_ITEMS_SPARQL):
            kind = "measure_of" if row["kind"] == "measures" else "prioritised_in"
            target, origin = row["about"], "text"
            if target is None:
                target, origin = subjects.get(row["doc"] or ""), "inferred"
            if target is None:
                continue
            sentence = row["evidence"] or row["text"]
            if row["context"] and sentence and row["context"] not in sentence:
                sentence = f"{row['context']} … {sentence}"  # an item alone does not say whose it is
            self.kinds.setdefault(row["entity"], "measure" if kind == "measure_of" else "priority_group")
            self.add_edge(row["entity"], target, kind, Evidence(origin=origin, doc=row["doc"], sentence=sentence))

    def assignments(self) -> None:
        for row in self.rows(_ASSIGNMENTS_SPARQL):
            fact = row["fact"]
            self.kinds[fact] = "assignment"
            self.graph.add_node(fact, task=row["task"] or "", date=row["date"] or "")
            evidence = Evidence(origin="text", doc=row["doc"], sentence=row["evidence"])
            self.add_edge(row["issuer"], fact, "issues", evidence)
            self.add_edge(fact, row["assignee"], "assigned_to", evidence)

    # -- nodes ---------------------------------------------------------------------------------
    def node_kinds(self) -> None:
        supers: dict[str, set[str]] = defaultdict(set)
        for sub, sup in transitive_pairs((row["class"], row["super"]) for row in self.rows(_SUBCLASSES_SPARQL)
                                         if row["class"] and row["super"]):
            supers[sub].add(sup)
        found: dict[str, str] = {}
        for row in self.rows(_TYPES_SPARQL):
            node = row["node"]
            if node not in self.graph:
                continue
            for cls in (row["type"], *supers.get(row["type"], ())):
                kind = _KIND_OF_CLASS.get(cls)
                if kind and (node not in found or _KIND_PRECEDENCE[kind] < _KIND_PRECEDENCE[found[node]]):
                    found[node] = kind
        for node in self.graph.nodes:
            kind = found.get(node) or self.kinds.get(node)
            if kind is None:
                kind = next((k for prefix, k in _KIND_OF_PREFIX.items() if node.startswith(prefix)), "other")
            if kind == "body" and self.kinds.get(node) == "commission":
                kind = "commission"
            self.graph.nodes[node]["kind"] = kind

    def node_labels(self) -> None:
        labels: dict[str, dict[str, str]] = defaultdict(dict)
        fallback: dict[str, str] = {}
        for row in self.store.query(_LABELS_SPARQL):
            node = _value(row["node"])
            if node not in self.graph:
                continue
            term, prop = row["label"], _value(row["property"])
            text = _value(term) or ""
            if prop == "http://purl.org/dc/terms/identifier":
                self.graph.nodes[node]["identifier"] = text
            elif prop.endswith("prefLabel"):
                language = getattr(term, "language", None) or ""
                labels[node].setdefault(language, text)
            else:
                fallback.setdefault(node, text)
        for node in self.graph.nodes:
            found = labels.get(node) or ({"": fallback[node]} if node in fallback else {})
            if not found and self.graph.nodes[node].get("kind") == "assignment":
                task = self.graph.nodes[node].get("task") or "oppdrag"
                found = {"": task if len(task) <= 60 else task[:59] + "…"}
            self.graph.nodes[node]["labels"] = dict(sorted(found.items()))

    def node_languages(self, languages: dict[str, str]) -> None:
        """Each node's written standard: the one most of the texts stating its edges are in."""
        counts: dict[str, Counter] = defaultdict(Counter)
        for u, v, data in self.graph.edges(data=True):
            for evidence in data["evidence"]:
                language = languages.get(evidence.doc or "")
                if language:
                    counts[u][language] += 1
                    counts[v][language] += 1
        for node, counter in counts.items():
            ranked = sorted(counter.items(), key=lambda item: (-item[1], item[0]))  # a tie goes to nb
            self.graph.nodes[node]["language"] = ranked[0][0]


def _document_subjects(builder: _Builder, titles: dict[str, str]) -> dict[str, str]:
    """Which policy document or commission each source text is mainly about: the one its title
    names, else the one it mentions most. Lists that name no plan, and timelines, lean on this."""
    commissions = {row["node"] for row in builder.rows(_TYPES_SPARQL) if row["type"] == HP + "Commission"}

    def candidate(entity: str) -> bool:
        return entity.startswith(ID + "document/") or entity in commissions

    counts: dict[str, Counter] = defaultdict(Counter)
    for row in builder.rows(_MENTION_COUNTS_SPARQL):
        if candidate(row["entity"]):
            counts[row["doc"]][row["entity"]] = int(row["count"] or 0)
    labels: dict[str, list[str]] = defaultdict(list)
    for row in builder.rows(_LABELS_SPARQL):
        if candidate(row["node"]) and row["property"].endswith(("prefLabel", "identifier")):
            labels[row["node"]].append(row["label"].casefold())
    subjects: dict[str, str] = {}
    for doc, counter in counts.items():
        title = (titles.get(doc) or "").casefold()

        def rank(entity: str, counter: Counter = counter, title: str = title) -> tuple[int, int, str]:
            named = any(label and label in title for label in labels.get(entity, ()))
            return (0 if named else 1, -counter[entity], entity)

        subjects[doc] = min(counter, key=rank)
    return subjects


def build_network(store: GraphStore) -> Network:
    """Project the stored graph into a ``Network`` through SPARQL alone."""
    builder = _Builder(store)
    for row in builder.rows(_PAGES_SPARQL):
        builder.pages[row["node"]].append(row["page"])
    languages: dict[str, str] = {}
    titles: dict[str, str] = {}
    for row in builder.rows(_SOURCES_SPARQL):
        if row["language"]:
            languages[row["doc"]] = row["language"]
        if row["title"]:
            titles[row["doc"]] = row["title"]
    subjects = _document_subjects(builder, titles)
    builder.relations()
    builder.reports()
    builder.list_items(subjects)
    builder.assignments()
    builder.node_kinds()
    builder.node_labels()
    builder.node_languages(languages)
    return Network(graph=builder.graph, source_languages=languages, source_titles=titles, subjects=subjects)
