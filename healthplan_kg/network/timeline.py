"""Timelines: the dated events of a plan or a body, in order, each with where it is stated.

Events come from three places: ``hp:Event`` facts the texts state (presented, deadline,
appointed...), the publication dates of the source texts, and the dates the reference data
records (presented, appointed, delivered). An event belongs to an entity's timeline when it is
about the entity (or the entity's report or commission: their history is one), when a text the
entity publishes appears, or when it is stated, about nothing in particular, in a text that is
mainly about the entity: "Frist for innspill er 1. oktober 2022." in the invitation to give input
to a plan is that plan's deadline. Appointments and deliveries about nothing in particular are
left out there, because they happen to commissions, not plans.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from healthplan_kg.network.projection import FACT_WORDS, PREFIXES, Network
from healthplan_kg.store.base import GraphStore

_EVENTS_SPARQL = PREFIXES + """
SELECT ?date ?kind ?label ?about ?doc ?publisher ?evidence ?origin WHERE {
  {
    GRAPH ?g {
      ?fact a hp:Event ; dcterms:date ?when .
      ?doc a hp:SourceDocument .
      OPTIONAL { ?fact hp:eventKind ?kind }
      OPTIONAL { ?fact rdfs:label ?label }
      OPTIONAL { ?fact hp:about ?about }
""" + FACT_WORDS + """
    }
    BIND("text" AS ?origin)
  } UNION {
    GRAPH ?g {
      ?doc a hp:SourceDocument ; dcterms:issued ?when .
      OPTIONAL { ?doc dcterms:title ?label }
      OPTIONAL { ?doc dcterms:publisher ?publisher }
    }
    BIND("published" AS ?kind)
    BIND(?doc AS ?about)
    BIND("text" AS ?origin)
  } UNION {
    GRAPH graph:reference {
      VALUES (?property ?kind) { (hp:datePresented "presented") (hp:appointed "appointed")
                                 (hp:delivered "delivered") }
      ?about ?property ?when .
    }
    BIND("reference" AS ?origin)
  }
  BIND(STR(?when) AS ?date)
}
ORDER BY ?date ?kind"""

#: Kinds that happen to a body, so an event of this kind about nothing named is not a plan's.
_BODY_EVENT_KINDS = {"appointed", "delivered"}


@dataclass(frozen=True)
class Event:
    """One dated event: ``date`` is YYYY-MM-DD, YYYY-MM or YYYY, as precise as its source."""

    date: str
    kind: str
    label: str
    about: str | None
    about_label: str
    doc: str | None
    evidence: str | None
    origin: str

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class Timeline:
    entity: str
    label: str
    events: list[Event]

    @property
    def span(self) -> tuple[str, str] | None:
        return (self.events[0].date, self.events[-1].date) if self.events else None


def _related(network: Network, entity: str) -> set[str]:
    """The entity and the nodes whose history is its own: a commission's report and the other way."""
    related = {entity}
    if entity in network.graph:
        related |= {v for _, v, k in network.graph.out_edges(entity, keys=True) if k == "report_of"}
        related |= {u for u, _, k in network.graph.in_edges(entity, keys=True) if k == "report_of"}
    return related


def timeline(store: GraphStore, network: Network, entity: str, *, language: str | None = None) -> Timeline:
    """The entity's events in date order (then kind, then document)."""
    related = _related(network, entity)
    events: list[Event] = []
    seen: set[tuple] = set()
    for row in store.query(_EVENTS_SPARQL).values():
        about, doc, kind = row["about"], row["doc"], row["kind"] or "event"
        in_subject_text = doc is not None and network.subjects.get(doc) in related
        belongs = (about in related
                   or (row["publisher"] in related and kind == "published")
                   or (in_subject_text and about == doc)
                   or (in_subject_text and about is None and kind not in _BODY_EVENT_KINDS))
        if not belongs:
            continue
        label = row["label"] or kind
        about_label = network.label(about, language) if about and about in network.graph else \
            (network.source_titles.get(about or "") or (network.label(about, language) if about else ""))
        event = Event(date=row["date"], kind=kind, label=label, about=about, about_label=about_label, doc=doc,
                      evidence=row["evidence"], origin=row["origin"])
        key = (event.date, event.kind, event.label, event.about, event.doc)
        if key not in seen:
            seen.add(key)
            events.append(event)
    events.sort(key=lambda e: (e.date, e.kind, e.doc or "", e.label))
    return Timeline(entity=entity, label=network.label(entity, language) if entity in network.graph else entity,
                    events=events)
