"""The search box's index: every label, alternative label, identifier and title in memory.

The saved query ``search`` answers by reading every label of the store and testing each one with
``CONTAINS``: at 1,000 documents (1.8M quads) a single keystroke's suggestion ran past the
30-second limit. An embedded store never changes under the server (a build swaps in a new folder,
see ``store/layout.py``), so the labels are read once per opened build, a few saved-query-shaped
look-ups, and each search is a scan of a list of lower-cased strings in Python (milliseconds).

``SearchIndex.search`` gives the rows ``search.rq`` gives for the same words and written standard,
in the same order (the tests compare them on the sample graph): an entity once, its rank the best
of its matches (0 the whole text, 1 its start, 2 anywhere in it), ``matched`` the least of its
matching texts, ``label`` its preferred label in the chosen written standard, else in bokmål,
else its name or title, else the least matching text, ``kind`` the least of its classes' local
names. A SPARQL endpoint may change behind the server, so the web app keeps the saved query there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pyoxigraph as ox

from healthplan_kg.store.base import GraphStore, QueryResult

#: The saved query's columns, and its LIMIT.
COLUMNS = ["entity", "label", "kind", "matched", "rank"]
LIMIT = 200
_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")

_PREFIXES = """PREFIX graph: <https://w3id.org/healthplan-kg/graph/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""

#: What is searched: the same triples as ``search.rq``'s first group.
_SEARCHED = _PREFIXES + """
SELECT DISTINCT ?entity ?found WHERE {
  VALUES ?property { skos:prefLabel skos:altLabel skos:hiddenLabel foaf:name dcterms:identifier
                     dcterms:title rdfs:label }
  GRAPH ?g { ?entity ?property ?found }
  FILTER(isIRI(?entity) && ?g != graph:ontology)
  FILTER(!STRSTARTS(STR(?entity), "https://w3id.org/healthplan-kg/id/fact/"))
}"""

#: What a hit shows, for the entities searched: classes, preferred labels, names and titles.
_CLASSES = _PREFIXES + """
SELECT DISTINCT ?entity ?class WHERE {
  { SELECT DISTINCT ?entity WHERE {
      VALUES ?property { skos:prefLabel skos:altLabel skos:hiddenLabel foaf:name dcterms:identifier
                         dcterms:title rdfs:label }
      GRAPH ?g { ?entity ?property ?found }
      FILTER(isIRI(?entity) && ?g != graph:ontology) } }
  GRAPH ?kg { ?entity a ?class } FILTER(?class != owl:NamedIndividual)
}"""

_PREFERRED = _PREFIXES + "SELECT DISTINCT ?entity ?label WHERE { GRAPH ?g { ?entity skos:prefLabel ?label } }"

_NAMES = _PREFIXES + "SELECT DISTINCT ?entity ?label WHERE { GRAPH ?g { ?entity foaf:name|dcterms:title ?label } }"

_LOCAL_NAME = re.compile(r"^.*[#/]", re.DOTALL)


@dataclass
class _Entry:
    """One searchable entity: its texts, and what a hit on it shows."""

    entity: str
    texts: list[tuple[str, str]] = field(default_factory=list)   # (lower-cased, as written)
    kind: str | None = None
    preferred: dict[str, str] = field(default_factory=dict)      # language -> least label
    name: str | None = None                                      # least foaf:name or title


class SearchIndex:
    """Every searchable text of one store, read once (``load``); ``search`` is pure Python."""

    def __init__(self, entries: list[_Entry]) -> None:
        self._entries = entries
        # one flat list to scan: (lower-cased text, entry index)
        self._keys = [(key, index) for index, entry in enumerate(entries) for key, _ in entry.texts]

    @classmethod
    def load(cls, store: GraphStore) -> SearchIndex:
        entries: dict[str, _Entry] = {}
        for row in store.query(_SEARCHED, nested_optionals=False).rows:
            entity, found = row[0].value, row[1].value
            entries.setdefault(entity, _Entry(entity)).texts.append((found.lower(), found))
        for row in store.query(_CLASSES, nested_optionals=False).rows:
            entry = entries.get(row[0].value)
            if entry is not None:
                kind = _LOCAL_NAME.sub("", row[1].value)
                entry.kind = kind if entry.kind is None else min(entry.kind, kind)
        for row in store.query(_PREFERRED, nested_optionals=False).rows:
            entry = entries.get(row[0].value)
            if entry is not None:
                language = getattr(row[1], "language", None) or ""
                known = entry.preferred.get(language)
                entry.preferred[language] = row[1].value if known is None else min(known, row[1].value)
        for row in store.query(_NAMES, nested_optionals=False).rows:
            entry = entries.get(row[0].value)
            if entry is not None:
                entry.name = row[1].value if entry.name is None else min(entry.name, row[1].value)
        for entry in entries.values():
            entry.texts = sorted(set(entry.texts))
        return cls([entries[key] for key in sorted(entries)])

    def __len__(self) -> int:
        return len(self._keys)

    def result(self, text: str, *, lang: str = "nb") -> QueryResult:
        """``search``'s answer as the saved query gives it: RDF terms in its columns."""
        rows = [(ox.NamedNode(r["entity"]), ox.Literal(r["label"]),
                 None if r["kind"] is None else ox.Literal(r["kind"]), ox.Literal(r["matched"]),
                 ox.Literal(r["rank"], datatype=_INTEGER)) for r in self.search(text, lang=lang)]
        return QueryResult(columns=list(COLUMNS), rows=rows)

    def search(self, text: str, *, lang: str = "nb", limit: int = LIMIT) -> list[dict[str, str | None]]:
        """The rows ``search.rq`` gives for ``text`` and ``lang`` (its columns but the parameters)."""
        key = text.lower()
        best: dict[int, tuple[int, str]] = {}   # entry index -> (rank, least matching text)
        for found_key, index in self._keys:
            if key in found_key:
                rank = 0 if found_key == key else 1 if found_key.startswith(key) else 2
                known = best.get(index)
                best[index] = (rank, found_key) if known is None else (min(known[0], rank), known[1])
        rows: list[tuple[int, str, str, dict[str, str | None]]] = []
        for index, (rank, _) in best.items():
            entry = self._entries[index]
            matched = min(found for lowered, found in entry.texts if key in lowered)
            label = entry.preferred.get(lang) or entry.preferred.get("nb") or entry.name or matched
            rows.append((rank, label, entry.entity, {"entity": entry.entity, "label": label, "kind": entry.kind,
                                                     "matched": matched, "rank": str(rank)}))
        rows.sort(key=lambda row: row[:3])
        return [row[3] for row in rows[:limit]]
