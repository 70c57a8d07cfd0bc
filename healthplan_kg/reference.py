"""The curated reference data: where its files are, and the gazetteer built from its labels.

The linker only knows what the reference data names, so every label (preferred, alternative,
hidden; both written standards) becomes a gazetteer entry pointing at its entity, with the
entity's kind as the analyst contract spells it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox

from healthplan_kg.errors import ReferenceDataError
from healthplan_kg.model import EntityKind, GazetteerEntry
from healthplan_kg.namespaces import FOAF, HP, ORG
from healthplan_kg.resources import reference_dir, schemes_file

_POLICY_DOCUMENT_CLASSES = ("PolicyDocument", "WhitePaper", "OfficialReport", "Proposition", "Plan",
                            "ActionPlan", "Strategy", "Guideline", "Letter", "NewsArticle", "Report",
                            "Regulation", "Law", "Reform", "ParliamentaryRecommendation")
_ORGANISATION_CLASSES = ("Ministry", "Directorate", "Agency", "RegionalHealthAuthority", "HealthTrust",
                         "CompetenceService", "Government", "Parliament", "MunicipalOrganisation",
                         "ProfessionalAssociation", "HealthCommunity", "StateEnterprise",
                         "ElectedAssembly", "AdvisoryBody", "SupervisoryAuthority", "TradeUnion")
_INSTRUMENT_CLASSES = ("Instrument", "Grant", "Register", "DigitalService", "FinancingMechanism")

#: rdf:type -> the contract's entity kind; the most specific kind wins (Commission over Organisation).
CLASS_KINDS: dict[str, EntityKind] = {
    **{HP + c: "PolicyDocument" for c in _POLICY_DOCUMENT_CLASSES},
    **{HP + c: "Organisation" for c in _ORGANISATION_CLASSES},
    ORG + "Organization": "Organisation",
    HP + "Commission": "Commission",
    FOAF + "Person": "Person",
    **{HP + c: "Instrument" for c in _INSTRUMENT_CLASSES},
    HP + "PriorityGroup": "PriorityGroup",
    HP + "Theme": "Theme",
    HP + "MainMeasure": "MainMeasure",
}
_KIND_RANK = {"Commission": 0, "PolicyDocument": 1, "Person": 1, "Instrument": 2, "PriorityGroup": 2,
              "Theme": 2, "MainMeasure": 2, "Organisation": 3}

_LABELS = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX hp: <https://w3id.org/healthplan-kg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
SELECT ?entity ?type ?label ?weight ?preferred ?identifier ?docKind ?orgKind WHERE {
  ?entity a ?type .
  { ?entity skos:prefLabel ?label BIND(3 AS ?weight) }
  UNION { ?entity skos:altLabel ?label BIND(2 AS ?weight) }
  UNION { ?entity skos:hiddenLabel ?label BIND(1 AS ?weight) }
  UNION { ?entity dcterms:identifier ?label BIND(3 AS ?weight) }
  UNION { ?entity foaf:name ?label BIND(3 AS ?weight) }
  UNION { ?entity hp:abbreviation ?label BIND(2 AS ?weight) }
  OPTIONAL { ?entity skos:prefLabel ?preferred FILTER(LANG(?preferred) = "nb") }
  OPTIONAL { ?entity dcterms:identifier ?identifier }
  OPTIONAL { ?entity hp:documentKind ?docKind }
  OPTIONAL { ?entity hp:organisationKind ?orgKind }
}
"""


def reference_files(folder: Path | None = None) -> list[Path]:
    """The Turtle files of the reference data, sorted so every build reads them in one order."""
    return sorted((folder or reference_dir()).glob("*.ttl"))


def load_graph(files: Sequence[Path]) -> ox.Store:
    """The reference files (and the concept schemes, whose groups and themes are linkable) in
    an in-memory store; a file that does not parse is named in the error."""
    store = ox.Store()
    paths = list(files)
    if schemes_file().exists() and schemes_file() not in paths:
        paths.append(schemes_file())
    for path in paths:
        try:
            store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
        except (SyntaxError, ValueError, OSError) as exc:
            raise ReferenceDataError(f"{path}: cannot read reference data: {exc}") from exc
    return store


def _code(iri: ox.NamedNode | None) -> str | None:
    return iri.value.rsplit("/", 1)[-1] if iri is not None else None


def gazetteer_entries(files: Sequence[Path]) -> list[GazetteerEntry]:
    """Every label of every reference entity, with the entity it names, in a stable order."""
    store = load_graph(files)
    kinds: dict[str, EntityKind] = {}
    rows = []
    for row in store.query(_LABELS):
        kind = CLASS_KINDS.get(row["type"].value)
        if kind is None:
            continue
        iri = row["entity"].value
        if iri not in kinds or _KIND_RANK[kind] < _KIND_RANK[kinds[iri]]:
            kinds[iri] = kind
        rows.append(row)
    entries: set[GazetteerEntry] = set()
    for row in rows:
        iri = row["entity"].value
        if CLASS_KINDS.get(row["type"].value) != kinds[iri]:
            continue
        kind = kinds[iri]
        sub_kind = _code(row["docKind"]) if kind == "PolicyDocument" else _code(row["orgKind"])
        preferred = row["preferred"].value if row["preferred"] is not None else None
        identifier = row["identifier"].value if row["identifier"] is not None else None
        entries.add(GazetteerEntry(label=row["label"].value, iri=iri, kind=kind, sub_kind=sub_kind,
                                   identifier=identifier, preferred=preferred,
                                   weight=int(row["weight"].value)))
    return sorted(entries, key=lambda e: (e.iri, e.label, -e.weight))


_FACTS = """
PREFIX hp: <https://w3id.org/healthplan-kg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?s ?p ?o WHERE {
  VALUES ?p { hp:report dcterms:creator hp:responsibleBody }
  ?s ?p ?o .
}
"""


class ReferenceIndex:
    """What the extractor needs to know about reference entities beyond their names.

    A commission's report ("utredningen fra Helsepersonellkommisjonen" is NOU 2023: 4) and a
    document's responsible body ("departementet" in a letter about a white paper is the
    ministry responsible for it).
    """

    def __init__(self, entries: Sequence[GazetteerEntry], files: Sequence[Path]) -> None:
        self.by_iri: dict[str, GazetteerEntry] = {}
        for entry in sorted(entries, key=lambda e: -e.weight):
            self.by_iri.setdefault(entry.iri, entry)
        self.report_of: dict[str, str] = {}
        self.responsible: dict[str, str] = {}
        store = load_graph(files)
        for row in store.query(_FACTS):
            s, p, o = row["s"].value, row["p"].value, row["o"].value
            if p.endswith("#report"):
                self.report_of.setdefault(s, o)
            elif p.endswith("/creator") and o in self.by_iri and self.by_iri[o].kind == "Commission":
                self.report_of.setdefault(o, s)
            elif p.endswith("#responsibleBody"):
                self.responsible.setdefault(s, o)

    @classmethod
    def empty(cls) -> ReferenceIndex:
        return cls([], [])
