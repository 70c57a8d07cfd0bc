"""Write the generated reference data (data/reference/*-generated.ttl) from the shared YAML records.

The hand-curated files (organisations.ttl, documents.ttl, people.ttl, instruments.ttl) came from
facts.yaml. organisations.yaml and documents-and-people.yaml add some 300 verified entries, too many
to write by hand and keep right. This script turns their verified facts into Turtle in the shape of
docs/graph-model.md ("Reference data"), so the project keeps working without ../shared: the output
is committed.

What it guarantees, so a rerun is safe:
- Only ``status: verified`` entries come in, and no field named (or quoted) in an entry's
  ``unverified_fields`` does: a label quoted there, a date when the gaps speak of dates, a
  relation when they call it inferred.
- An entry the curated files already describe is merged, not duplicated: it gets only labels
  and links it lacks, under the curated IRI.
- No label names two entities (the gazetteer would link at random): a label another entity
  already uses is left out, and a preferred label falls back to the next name.
- Labels that are ordinary words or phrases of Norwegian prose are left out (see
  ``_is_prose_word``), so the gazetteer does not link every "spekter" or "først og fremst".
- The same input gives the same bytes.

Usage: ``python scripts/generate_reference.py --shared ../shared/reference [--out data/reference]``
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import yaml
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from healthplan_kg import namespaces as ns  # noqa: E402
from healthplan_kg.extract.gazetteer import NYNORSK_SPELLINGS  # noqa: E402

HP = ns.HP
ORG = ns.ORG
DCT = ns.DCTERMS
FOAF = ns.FOAF
SCHEMA = ns.SCHEMA
XSD = ns.XSD
CURATED_FILES = ("organisations.ttl", "documents.ttl", "people.ttl", "instruments.ttl")

# --- Vocabulary of the YAML records ---------------------------------------------------------------

#: organisations.yaml `kind` -> (class, organisation-kind code). Kinds the scheme lacks
#: (universities, institutes, patient organisations, county governors) are `other`.
ORGANISATION_KINDS = {
    "ministry": ("Ministry", "ministry"),
    "directorate": ("Directorate", "directorate"),
    "agency": ("Agency", "agency"),
    "regional_health_authority": ("RegionalHealthAuthority", "regional_health_authority"),
    "health_trust": ("HealthTrust", "health_trust"),
    "competence_service": ("CompetenceService", "competence_service"),
    "parliament": ("Parliament", "parliament"),
    "professional_association": ("ProfessionalAssociation", "professional_association"),
    "commission": ("Commission", "commission"),
}
#: documents `kind` -> (class, document-kind code).
DOCUMENT_KINDS = {
    "white_paper": ("WhitePaper", "white_paper"),
    "nou": ("OfficialReport", "nou"),
    "proposition": ("Proposition", "proposition"),
    "plan": ("Plan", "plan"),
    "action_plan": ("ActionPlan", "plan"),
    "strategy": ("Strategy", "strategy"),
    "law": ("Law", "law"),
    "report": ("Report", "report"),
    "reform": ("Reform", "other"),
    "other": ("PolicyDocument", "other"),
}
#: Identifier forms the shapes accept as a document's dcterms:identifier (and so its IRI).
OFFICIAL_IDENTIFIER = re.compile(
    r"Meld\. St\. \d+ \(\d{4}–\d{4}\)|St\.meld\. nr\. \d+ \(\d{4}–\d{4}\)|NOU \d{4}: \d+"
    r"|Prop\. \d+ [LS] \(\d{4}–\d{4}\)|(?:Ot|St)\.prp\. nr\. \d+ \(\d{4}–\d{4}\)")
#: A date as precise as the source gives it, optionally followed by a note in brackets.
DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:\s*\((?P<note>[^)]*)\))?")
#: Words in a date's note that say the date itself is a guess.
UNSURE = re.compile(r"\?|\b(?:inferred|assumed|probabl|c\.|circa|about|filed|or)\b", re.I)
#: Former-ministry slugs the YAML uses for the same body under an earlier name.
SLUG_ALIASES = {"helsedepartementet": "helse-og-omsorgsdepartementet",
                "stortingets-helse-og-omsorgskomite": "helse-og-omsorgskomiteen"}
#: Organisation-name fields that hold other names of the same body.
OTHER_NAME_FIELDS = ("name_full", "name_long", "legal_name", "name_official", "official_name_snl",
                     "name_variants", "name_full_variant", "name_full_hdir", "name_original")
#: Legal-form suffixes a body's everyday name drops ("Sykehuset Innlandet HF" -> "Sykehuset Innlandet").
LEGAL_SUFFIX = re.compile(r"\s+(?:HF|RHF|AS|ANS|SF)$")


@dataclass
class Entity:
    """One subject with its predicate -> objects, in insertion order (written sorted)."""

    iri: str
    comment: str = ""
    triples: dict[str, list[object]] = field(default_factory=lambda: defaultdict(list))

    def add(self, predicate: str, obj: object) -> None:
        if obj not in self.triples[predicate]:
            self.triples[predicate].append(obj)

    def has(self, predicate: str) -> bool:
        return bool(self.triples.get(predicate))


# --- Reading the YAML: what is verified ----------------------------------------------------------


def gaps(entry: dict) -> list[str]:
    """The entry's unverified fields as plain strings (flow lists may split them at commas)."""
    raw = entry.get("unverified_fields") or []
    return [str(item) for item in (raw if isinstance(raw, list) else [raw])]


def unverified(entry: dict, *words: str) -> bool:
    """Whether the entry's gaps speak of any of ``words`` (field names or their topic)."""
    text = " ".join(gaps(entry)).casefold()
    return any(word.casefold() in text for word in words)


def label_is_doubted(entry: dict, label: str) -> bool:
    """A name quoted or named in the gaps (e.g. "abbreviation SiV (only seen in a path)")."""
    return any(re.search(rf"(?<!\w){re.escape(label)}(?!\w)", gap) for gap in gaps(entry))


def as_list(value: object) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def typed_date(value: object) -> Literal | None:
    """``"2013-06-21"`` -> xsd:date, ``"2016-06 (news item)"`` -> xsd:gYearMonth; a guess -> None."""
    match = DATE.fullmatch(str(value).strip())
    if match is None or (match["note"] and UNSURE.search(match["note"])):
        return None
    year, month, day = match.group(1, 2, 3)
    if day:
        return Literal(f"{year}-{month}-{day}", datatype=URIRef(XSD + "date"))
    if month:
        return Literal(f"{year}-{month}", datatype=URIRef(XSD + "gYearMonth"))
    return Literal(year, datatype=URIRef(XSD + "gYear"))


def source_iris(entry: dict) -> list[URIRef]:
    return [URIRef(quote(str(url).strip(), safe=":/?&=#%+~,;@!$'()*[]")) for url in as_list(entry.get("sources"))]


def clean_name(name: object) -> str | None:
    """A name without its bracketed comment; None for a comment that is not a name."""
    text = str(name.get("name") if isinstance(name, dict) else name).strip()
    if not text or text.startswith("("):
        return None
    text = re.sub(r"\s*\([^)]*\)\s*$", "", text).strip()
    return text or None


# --- Labels: which names may enter the gazetteer --------------------------------------------------

#: Names that are also ordinary words, phrases or terms of Norwegian prose (a verb, a common
#: noun, a direction, an idiom, a diagnosis group). Written as data because no rule can tell
#: "Spekter" the employers' association from "et bredt spekter"; the longer official names stay.
#: A name that is a common noun once its legal form is dropped ("Pasientreiser HF" ->
#: "pasientreiser", "Sykehusbygg HF" -> "nye sykehusbygg") keeps its legal form.
PROSE_WORDS = frozenset({"delta", "spekter", "virke", "nord", "erfaringskompetanse", "aldring og helse",
                         "først og fremst", "rop", "ergoterapeutene", "pasientreiser", "sykehusbygg",
                         "sykehusinnkjøp", "sykehusapotekene", "luftambulansetjenesten"})
#: Short names the curated data leaves out because they name more than one thing
#: (data/reference/README.md, "Left out, and why"); the YAML must not bring them back.
AMBIGUOUS_NAMES = frozenset({"sykehusplanen", "opptrappingsplanen", "eldrereformen", "rusreformen",
                             "strategi for kvinnehelse", "nasjonal helse- og sykehusplan",
                             "folkehelsemeldinga", "folkehelsemeldingen"})


#: Names that describe rather than name: "Melding om prioritering" is what any white paper on
#: priorities is called, and "ny prioriteringsmelding" is whichever one was new when written.
DESCRIPTION = re.compile(r"(?:stortings)?melding (?:om|for) |(?:ny|nye|nytt) ", re.I)


def _is_prose_word(label: str) -> bool:
    folded = label.casefold()
    return folded in PROSE_WORDS or folded in AMBIGUOUS_NAMES or DESCRIPTION.match(label) is not None


def series_stem(label: str) -> str | None:
    """``"kreftstrategien"`` -> ``"kreftstrategi"``: the genre noun of a one-word definite name.

    Such a name ("kreftstrategien", "omsorgsmeldingen") is what a text calls whichever document
    of the series it has in mind; when another document's name holds the same noun, the bare
    name cannot be linked to one of them.
    """
    if " " in label or not label[:1].islower():
        return None
    for ending in ("ene", "ane", "en", "et", "a"):
        if label.endswith(ending) and len(label) - len(ending) >= 6:
            return label[: -len(ending)].casefold()
    return None


def is_acronym(name: str) -> bool:
    """``"LHL"``, ``"NIFU"``: a name written in capitals only, with no space."""
    return " " not in name and name.isupper() and len(name) <= 8


def _is_usable_abbreviation(label: str) -> bool:
    """Two-letter abbreviations ("SI", "SØ", "Of") and lowercase law abbreviations ("hpl.") name
    too many things in running text; the gazetteer gets three letters or more, written as a word."""
    letters = [c for c in label if c.isalpha()]
    return len(letters) >= 3 and " " not in label.strip() or len(letters) >= 4


class Labels:
    """Who owns which label (casefolded), across the curated and the generated data."""

    def __init__(self) -> None:
        self.owners: dict[str, set[str]] = defaultdict(set)

    def claim(self, iri: str, label: str) -> None:
        self.owners[label.casefold()].add(iri)

    def free_for(self, iri: str, label: str) -> bool:
        return self.owners.get(label.casefold(), set()) <= {iri}


# --- The curated data: what exists already --------------------------------------------------------


def load_curated(folder: Path) -> Graph:
    graph = Graph()
    for name in CURATED_FILES:
        path = folder / name
        if path.is_file():
            graph.parse(path, format="turtle")
    return graph


# --- Building the entities ------------------------------------------------------------------------


class Builder:
    """Turns verified YAML records into entities, merging with the curated graph."""

    def __init__(self, curated: Graph, organisations: dict, documents: dict, people: dict) -> None:
        self.curated = curated
        self.org_records = {k: v for k, v in organisations.items() if v.get("status") == "verified"}
        self.doc_records = {k: v for k, v in documents.items() if v.get("status") == "verified"}
        self.person_records = {k: v for k, v in people.items() if v.get("status") == "verified"}
        self.entities: dict[str, Entity] = {}
        self.families: dict[str, str] = {}
        self.labels = Labels()
        self.curated_iris = frozenset(str(s) for s in curated.subjects(RDF.type, None))
        #: What a link may point at: the curated entities and the generated ones planned so far.
        self.described = set(self.curated_iris)
        for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
            for subject, label in curated.subject_objects(prop):
                self.labels.claim(str(subject), str(label))
        self.org_iri: dict[str, str] = {}
        self.doc_iri: dict[str, str] = {}
        self.commission_of: dict[str, str] = {}
        #: Short names two entities wanted: a first-come owner would be a guess, so neither gets it.
        self.contested: set[str] = set()
        #: Every name the records give a document, bracketed ones too: evidence of a series.
        self.raw_names: dict[str, set[str]] = defaultdict(set)

    # -- helpers ---------------------------------------------------------------------------------

    def entity(self, iri: str, family: str) -> Entity:
        if iri not in self.entities:
            self.entities[iri] = Entity(iri)
            self.families[iri] = family
        return self.entities[iri]

    def is_curated(self, iri: str) -> bool:
        return iri in self.curated_iris

    def curated_has(self, iri: str, predicate: str) -> bool:
        return (URIRef(iri), URIRef(predicate), None) in self.curated

    def add_label(self, entity: Entity, prop: str, label: str, lang: str = "nb") -> bool:
        """A label the entity may have: not a prose word, not another entity's, not present."""
        label = label.strip()
        if not label or _is_prose_word(label):
            return False
        if not self.labels.free_for(entity.iri, label):
            self.contested.add(label.casefold())
            return False
        existing = {str(o).casefold() for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
                    for o in self.curated.objects(URIRef(entity.iri), p)}
        existing |= {str(o).casefold() for p in (SKOS + "prefLabel", SKOS + "altLabel", SKOS + "hiddenLabel")
                     for o in entity.triples.get(str(p), []) if getattr(o, "language", None) == lang}
        if label.casefold() in existing and prop != str(SKOS.prefLabel):
            return False
        entity.add(prop, Literal(label, lang=lang))
        self.labels.claim(entity.iri, label)
        return True

    def set_pref_label(self, entity: Entity, candidates: Iterable[str], lang: str) -> bool:
        """The first candidate no other entity names; an entity keeps a curated prefLabel."""
        if self.is_curated(entity.iri) and any(
                o.language == lang for o in self.curated.objects(URIRef(entity.iri), SKOS.prefLabel)):
            return True
        if any(getattr(o, "language", None) == lang for o in entity.triples.get(str(SKOS.prefLabel), [])):
            return True
        for candidate in candidates:
            if candidate and not _is_prose_word(candidate) and self.labels.free_for(entity.iri, candidate):
                entity.add(str(SKOS.prefLabel), Literal(candidate.strip(), lang=lang))
                self.labels.claim(entity.iri, candidate)
                return True
        return False

    def add_sources(self, entity: Entity, record: dict) -> None:
        for iri in source_iris(record):
            entity.add(DCT + "source", iri)

    # -- organisations ---------------------------------------------------------------------------

    def resolve_org(self, key: object) -> str | None:
        """The IRI of an organisation slug, if it is described (curated or generated)."""
        if not isinstance(key, str):
            return None
        key = SLUG_ALIASES.get(key, key)
        iri = self.org_iri.get(key) or ns.organisation_iri(key)
        return iri if iri in self.described or key in self.org_iri else None

    def plan_organisations(self) -> None:
        """Decide every organisation's IRI first, so parents can point forward."""
        for key, record in self.org_records.items():
            target = SLUG_ALIASES.get(record.get("extends_existing") or key, record.get("extends_existing") or key)
            iri = ns.organisation_iri(target)
            if not self.is_curated(iri) and not (record.get("name_nb") and record.get("kind")):
                continue
            self.org_iri[key] = iri
        # Claim every planned preferred name first, so a short name of one body cannot take
        # another body's own name.
        for key, record in self.org_records.items():
            if key in self.org_iri and record.get("name_nb") and not self.is_curated(self.org_iri[key]):
                self.labels.claim(self.org_iri[key], LEGAL_SUFFIX.sub("", record["name_nb"]))

    def build_organisation(self, key: str, record: dict) -> None:
        iri = self.org_iri[key]
        org = self.entity(iri, "organisation")
        curated = self.is_curated(iri)
        if not curated:
            cls, code = ORGANISATION_KINDS.get(record["kind"], ("", "other"))
            org.add(str(RDF.type), URIRef(HP + cls) if cls else URIRef(ORG + "Organization"))
            org.add(HP + "organisationKind", URIRef(ns.concept_iri("organisation-kind", code)))
        name = record.get("name_nb")
        full = clean_name(record.get("name_full") or "")
        # "LHL": the full name is the preferred label, the acronym an abbreviation of it.
        if (name and full and is_acronym(name) and not label_is_doubted(record, full)
                and not label_is_doubted(record, name)
                and self.set_pref_label(org, [full], "nb") and self.add_label(org, str(SKOS.altLabel), name)):
            org.add(HP + "abbreviation", Literal(name))
        if name:
            short = LEGAL_SUFFIX.sub("", name)
            if not self.set_pref_label(org, [short, name], "nb"):
                # A body whose only name is an ordinary word ("Delta") would be linked to every
                # use of the word; it stays out.
                del self.entities[iri]
                self.described.discard(iri)
                del self.org_iri[key]
                return
            if short != name:
                self.add_label(org, str(SKOS.altLabel), name)
        if record.get("name_nn") and not unverified(record, "name_nn"):
            nn_short = LEGAL_SUFFIX.sub("", record["name_nn"])
            if not self.set_pref_label(org, [nn_short], "nn"):
                self.add_label(org, str(SKOS.altLabel), nn_short, "nn")
        english = clean_name(str(record.get("name_en") or "").split(";")[0])
        if english and not unverified(record, "name_en"):
            self.set_pref_label(org, [english], "en")
        for abbreviation in as_list(record.get("abbreviations")):
            text = clean_name(abbreviation)
            if (text and "(" not in str(abbreviation) and _is_usable_abbreviation(text)
                    and not label_is_doubted(record, text) and self.add_label(org, str(SKOS.altLabel), text)):
                org.add(HP + "abbreviation", Literal(text))
        others = [*as_list(record.get("short_names"))]
        if not unverified(record, "former name"):
            others += as_list(record.get("former_names"))
        for field_name in OTHER_NAME_FIELDS:
            others += as_list(record.get(field_name))
        for other in others:
            text = clean_name(other)
            # Three-letter names only as the body writes them ("Nav", "NAV"), never lower case.
            long_enough = len(text or "") > 4 or (len(text or "") >= 3 and (text or " ")[0].isupper())
            if text and long_enough and not label_is_doubted(record, text):
                self.add_label(org, str(SKOS.altLabel), text)
        for parent in as_list(record.get("parent")):
            parent_iri = self.resolve_org(parent)
            if parent_iri and parent_iri != iri and not curated and not unverified(record, "parent"):
                org.add(ORG + "subOrganizationOf", URIRef(parent_iri))
        homepage = record.get("homepage")
        if homepage and not curated and not unverified(record, "homepage"):
            url = homepage if str(homepage).startswith("http") else f"https://{homepage}"
            org.add(FOAF + "homepage", URIRef(url.rstrip("/") + "/"))
        self.add_sources(org, record)

    # -- documents -------------------------------------------------------------------------------

    def plan_documents(self) -> None:
        for key, record in self.doc_records.items():
            identifier = record.get("identifier")
            official = (isinstance(identifier, str) and OFFICIAL_IDENTIFIER.fullmatch(identifier)
                        and not unverified(record, "identifier", "session"))
            iri = ns.document_iri(identifier if official else key)
            if not self.is_curated(iri) and ns.document_iri(key) in self.described:
                iri = ns.document_iri(key)
            if not self.is_curated(iri) and not (record.get("kind") in DOCUMENT_KINDS
                                                 and self.pref_candidates(key, record)):
                continue
            self.doc_iri[key] = iri
        for key, iri in self.doc_iri.items():
            if not self.is_curated(iri):
                for candidate in self.pref_candidates(key, self.doc_records[key])[:1]:
                    self.labels.claim(iri, candidate)

    @staticmethod
    def title_of(record: dict) -> str | None:
        title = record.get("title_nb")
        if not title or any(re.search(r"(?<!sub)title", gap, re.I) for gap in gaps(record)):
            return None
        return str(title)

    def pref_candidates(self, key: str, record: dict) -> list[str]:
        """Names to try as the preferred label: the name texts use first, the identifier last."""
        title = self.title_of(record) or ""
        main, _, subtitle = title.partition(" — ")
        candidates = []
        law_name = re.search(r"\(([^()]+lov(?:en)?)\)$", title)
        # A law goes by its short title, unless its key tells it from a namesake by year
        # ("sosialtjenesteloven-1991"): texts then mean the law in force.
        if record.get("kind") == "law" and law_name and ns.slug(law_name.group(1)) == key:
            candidates.append(law_name.group(1))
        candidates += [main, subtitle] if subtitle and not unverified(record, "subtitle") else [main]
        if not title:  # the exact title is in doubt: the short names texts use are not
            candidates += [str(n) for n in as_list(record.get("short_names"))
                           if "(" not in str(n) and not label_is_doubted(record, str(n))]
        if record.get("identifier"):
            candidates.append(str(record["identifier"]))
        return [c.strip() for c in candidates if c and c.strip()]

    def build_document(self, key: str, record: dict) -> None:
        iri = self.doc_iri[key]
        doc = self.entity(iri, "document")
        curated = self.is_curated(iri)
        if not curated:
            cls, code = DOCUMENT_KINDS[record["kind"]]
            doc.add(str(RDF.type), URIRef(HP + cls))
            doc.add(HP + "documentKind", URIRef(ns.concept_iri("document-kind", code)))
            identifier = record.get("identifier")
            identifier = identifier if isinstance(identifier, str) else ""
            if ns.document_iri(identifier) == iri and OFFICIAL_IDENTIFIER.fullmatch(identifier):
                doc.add(DCT + "identifier", Literal(identifier))
            elif identifier.startswith("LOV-") and not unverified(record, "LOV id", "number"):
                doc.add(str(SKOS.hiddenLabel), Literal(identifier, lang="nb"))
            title = self.title_of(record)
            if title and not unverified(record, "subtitle"):
                doc.add(DCT + "title", Literal(title, lang="nb"))
            elif title:
                doc.add(DCT + "title", Literal(title.partition(" — ")[0], lang="nb"))
            if not self.set_pref_label(doc, self.pref_candidates(key, record), "nb"):
                return
        title_nn = str(record.get("title_nn") or "")
        if title_nn and not unverified(record, "title_nn") and not self.set_pref_label(doc, [title_nn], "nn"):
            self.add_label(doc, str(SKOS.altLabel), title_nn, "nn")
        names = [*as_list(record.get("short_names")), *as_list(record.get("title_variants")),
                 *as_list(record.get("alt_names"))]
        title = self.title_of(record)
        if title and " — " in title:
            names.append(title.partition(" — ")[0])
        self.raw_names[iri] |= {str(name).casefold() for name in names}
        for name in names:
            text = str(name).strip()
            # A name with a bracketed qualifier ("prioriteringsmeldingen (2021)") is that
            # document's name only in a context the bracket gives; bare, it names another.
            if "(" in text or label_is_doubted(record, text) or len(text) < 4 or text.endswith("."):
                continue
            self.add_label(doc, str(SKOS.altLabel), text)
        self.add_sources(doc, record)
        if curated:
            return
        self.add_document_facts(doc, key, record)

    def add_document_facts(self, doc: Entity, key: str, record: dict) -> None:
        responsible = record.get("responsible") or (record.get("owner") if record.get("kind") != "nou" else None)
        body = self.resolve_org(responsible)
        if body and not unverified(record, "responsible", "lead ministry"):
            doc.add(HP + "responsibleBody", URIRef(body))
        presenter = record.get("presented_by")
        if presenter in self.person_records and not unverified(record, "presented_by", "presenting"):
            doc.add(HP + "presentedBy", URIRef(ns.person_iri(presenter)))
        if not unverified(record, "date"):
            for field_name in ("date_presented", "date_published", "launched", "date"):
                value = typed_date(record.get(field_name)) if record.get(field_name) else None
                if value is not None and not unverified(record, field_name):
                    doc.add(HP + "datePresented", value)
                    break

    def add_document_links(self, key: str, record: dict) -> None:
        """Links between documents, written once and only between described documents."""
        iri = self.doc_iri[key]
        if iri not in self.entities:
            return
        doc = self.entities[iri]

        def target(slug: object) -> str | None:
            if not isinstance(slug, str):
                return None
            other = self.doc_iri.get(slug) or ns.document_iri(slug)
            return other if other in self.doc_iri.values() or other in self.described else None

        def doubted(field_name: str) -> bool:
            return unverified(record, field_name, "inferred")

        for field_name, predicate, forward in (
                ("follows_up", "followsUp", True), ("followed_up_by", "followsUp", False),
                ("replaces", "replaces", True), ("replaced_by", "replaces", False),
                ("seen_together_with", "seenInConnectionWith", True), ("part_of", "partOf", True),
                ("builds_on", None, True)):
            if doubted(field_name):
                continue
            for other in as_list(record.get(field_name)):
                other_iri = target(other)
                if other_iri is None or other_iri == iri:
                    continue
                prop = HP + predicate if predicate else DCT + "references"
                if forward:
                    if not self.curated_has(iri, prop):
                        doc.add(prop, URIRef(other_iri))
                elif other_iri in self.entities and not self.is_curated(other_iri):
                    self.entities[other_iri].add(prop, URIRef(iri))

    # -- commissions (the committees behind NOUs) ----------------------------------------------

    def build_commission(self, key: str, record: dict) -> None:
        if record.get("kind") != "nou" or key not in self.doc_iri:
            return
        name = record.get("committee")
        if not name or unverified(record, "committee"):
            return
        name = str(name).replace("«", "").replace("»", "")
        iri = ns.organisation_iri(name)
        report = self.doc_iri[key]
        commission = self.entity(iri, "organisation")
        if not self.is_curated(iri) and not commission.has(str(RDF.type)):
            commission.add(str(RDF.type), URIRef(HP + "Commission"))
            commission.add(HP + "organisationKind", URIRef(ns.concept_iri("organisation-kind", "commission")))
            if not self.set_pref_label(commission, [name], "nb"):
                del self.entities[iri]
                return
            short = record.get("committee_short_name")
            if short and not unverified(record, "committee_short_name"):
                self.add_label(commission, str(SKOS.altLabel), str(short))
            for field_name in ("appointed", "delivered"):
                value = typed_date(record.get(field_name)) if record.get(field_name) else None
                if value is not None and not unverified(record, field_name, "deliver"):
                    commission.add(HP + field_name, value)
            chair = record.get("chair")
            if chair in self.person_records and not unverified(record, "chair"):
                commission.add(HP + "chair", URIRef(ns.person_iri(chair)))
                self.commission_of.setdefault(str(chair), iri)
        commission.add(HP + "report", URIRef(report))
        if report in self.entities and not self.curated_has(report, DCT + "creator"):
            self.entities[report].add(DCT + "creator", URIRef(iri))
        self.add_sources(commission, record)
        self.described.add(iri)

    # -- people and their posts ----------------------------------------------------------------

    def organisation_names(self) -> list[tuple[str, str]]:
        """(name, IRI) of every described organisation, longest first, for finding bodies in roles."""
        names: dict[str, str] = {}
        graph = self.curated
        for subject, label in ((s, o) for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
                               for s, o in graph.subject_objects(p)):
            if "/organisation/" in str(subject):
                names.setdefault(str(label), str(subject))
        for iri, entity in self.entities.items():
            if self.families[iri] != "organisation":
                continue
            for prop in (str(SKOS.prefLabel), str(SKOS.altLabel)):
                for label in entity.triples.get(prop, []):
                    names.setdefault(str(label), iri)
        return sorted(names.items(), key=lambda item: (-len(item[0]), item[0]))

    def build_person(self, key: str, record: dict, org_names: list[tuple[str, str]]) -> None:
        iri = ns.person_iri(key)
        person = self.entity(iri, "person")
        curated = self.is_curated(iri)
        if not curated:
            if not record.get("name"):
                del self.entities[iri]
                return
            person.add(str(RDF.type), URIRef(FOAF + "Person"))
            person.add(FOAF + "name", Literal(record["name"]))
            self.set_pref_label(person, [record["name"]], "nb")
            self.set_pref_label(person, [record["name"]], "nn")
        for alt in as_list(record.get("alt_names")):
            if not label_is_doubted(record, str(alt)) and not unverified(record, "identity"):
                self.add_label(person, str(SKOS.altLabel), str(alt))
        self.add_sources(person, record)
        dates_doubted = unverified(record, "date", "start", "end", "from", " to", "year", "term", "period")
        taken = {str(m) for m in self.curated.objects(URIRef(iri), URIRef(ORG + "hasMembership"))}
        for role in as_list(record.get("roles")):
            self.build_post(key, record, person, role, org_names, dates_doubted, taken)
        chaired = self.commission_of.get(key)
        if chaired and not any(str(self.entities[m].triples[ORG + "organization"][0]) == chaired
                               for m in map(str, person.triples.get(ORG + "hasMembership", []))):
            post = self.post(key, person, chaired, "leder", taken)
            self.add_sources(post, record)

    def post(self, key: str, person: Entity, org_iri: str, role: str, taken: set[str]) -> Entity:
        org_key = org_iri.rsplit("/", 1)[-1]
        iri = ns.membership_iri(key, org_key)
        if iri in taken:
            iri = ns.membership_iri(key, f"{org_key}-{role}")
        taken.add(iri)
        post = self.entity(iri, "membership")
        post.add(str(RDF.type), URIRef(ORG + "Membership"))
        name = (person.triples.get(FOAF + "name")
                or list(self.curated.objects(URIRef(person.iri), URIRef(FOAF + "name"))))
        post.add(str(RDFS.label), Literal(f"{name[0]}, {role}", lang="nb"))
        post.add(ORG + "member", URIRef(person.iri))
        post.add(ORG + "organization", URIRef(org_iri))
        post.add(HP + "roleLabel", Literal(role, lang="nb"))
        person.add(ORG + "hasMembership", URIRef(iri))
        return post

    def build_post(self, key: str, record: dict, person: Entity, role: dict, org_names: list[tuple[str, str]],
                   dates_doubted: bool, taken: set[str]) -> None:
        text = str(role.get("role") or "")
        found = find_organisation(text, org_names)
        if found is None:
            return
        org_iri, at = found
        if any((URIRef(m), URIRef(ORG + "organization"), URIRef(org_iri)) in self.curated
               for m in self.curated.objects(URIRef(person.iri), URIRef(ORG + "hasMembership"))):
            return  # the curated post in this body is the one to keep
        label = role_label(text[:at])
        if label is None or label_is_doubted(record, label):
            return
        post = self.post(key, person, org_iri, label, taken)
        if not dates_doubted:
            start = typed_date(role.get("from")) if role.get("from") else None
            end = typed_date(role.get("to")) if role.get("to") else None
            if start is not None:
                post.add(SCHEMA + "startDate", start)
            if end is not None and (start is None or str(start) <= str(end)):
                post.add(SCHEMA + "endDate", end)
        self.add_sources(post, record)

    # -- all ---------------------------------------------------------------------------------------

    def build(self) -> None:
        self.plan_organisations()
        for key, record in self.org_records.items():
            if key in self.org_iri:
                self.build_organisation(key, record)
        self.described |= set(self.org_iri.values())
        self.plan_documents()
        self.described |= set(self.doc_iri.values())
        for key, record in self.doc_records.items():
            if key in self.doc_iri:
                self.build_document(key, record)
        self.described = {iri for iri in self.described if iri in self.entities or self.is_curated(iri)}
        self.doc_iri = {k: v for k, v in self.doc_iri.items() if v in self.described}
        for key, record in self.doc_records.items():
            if key in self.doc_iri:
                self.build_commission(key, record)
        for key, record in self.doc_records.items():
            if key in self.doc_iri:
                self.add_document_links(key, record)
        org_names = self.organisation_names()
        for key, record in self.person_records.items():
            self.build_person(key, record, org_names)
        self.contest_series_names()
        self.contest_yearless_names_of_a_series()
        self.drop_contested_labels()
        self.add_nynorsk_names()
        self.drop_empty_merges()

    def contest_series_names(self) -> None:
        """Mark a one-word definite document name contested when another document's name holds
        its genre noun ("kreftstrategien" beside "Nasjonal kreftstrategi 2018–2022")."""
        names: dict[str, set[str]] = defaultdict(set)
        for subject, label in ((str(s), str(o)) for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
                               for s, o in self.curated.subject_objects(p)):
            names[subject].add(label.casefold())
        for iri, entity in self.entities.items():
            for prop in (str(SKOS.prefLabel), str(SKOS.altLabel), str(SKOS.hiddenLabel)):
                names[iri] |= {str(o).casefold() for o in entity.triples.get(prop, [])}
        for iri, raw in self.raw_names.items():
            names[iri] |= raw
        documents = [iri for iri in names if "/document/" in iri]
        for iri in documents:
            if iri not in self.entities:
                continue
            for label in names[iri]:
                stem = series_stem(label)
                if stem and any(stem in other for doc in documents if doc != iri for other in names[doc]):
                    self.contested.add(label)

    def contest_yearless_names_of_a_series(self) -> None:
        """Documents whose titles differ only by their years ("Kvalitet og pasientsikkerhet 2013",
        "... 2014") are editions of a series; a name without a year ("KPS-meldingen") that the
        records give one edition is what texts call whichever edition they mean."""
        editions: dict[str, list[str]] = defaultdict(list)
        for key, iri in self.doc_iri.items():
            title = self.title_of(self.doc_records[key]) or ""
            series = re.sub(r"[\d–()-]+", " ", title.partition(" — ")[0]).split()
            if series and re.search(r"\d{4}", title.partition(" — ")[0]):
                editions[" ".join(series).casefold()].append(iri)
        for members in editions.values():
            if len(members) < 2:
                continue
            for iri in members:
                for prop in (str(SKOS.altLabel), str(SKOS.hiddenLabel)):
                    for label in self.entities.get(iri, Entity(iri)).triples.get(prop, []):
                        if not re.search(r"\d", str(label)):
                            self.contested.add(str(label).casefold())

    def drop_contested_labels(self) -> None:
        for entity in self.entities.values():
            for prop in (str(SKOS.altLabel), str(SKOS.hiddenLabel)):
                kept = [o for o in entity.triples.get(prop, []) if str(o).casefold() not in self.contested]
                if prop in entity.triples:
                    entity.triples[prop] = kept
            abbreviations = {str(o).casefold() for o in entity.triples.get(str(SKOS.altLabel), [])}
            if HP + "abbreviation" in entity.triples:
                entity.triples[HP + "abbreviation"] = [
                    o for o in entity.triples[HP + "abbreviation"] if str(o).casefold() in abbreviations]

    def add_nynorsk_names(self) -> None:
        """A body's proper name or a published title stays the same in a nynorsk text, so it is
        the @nn preferred label too (as in the curated files), unless nynorsk spells a word of it
        otherwise ("utvalget"/"utvalet", "sykehus"/"sjukehus") or it is a common noun that
        nynorsk inflects ("folkehelseloven"/"folkehelselova")."""
        for iri, entity in self.entities.items():
            if self.is_curated(iri) or self.families[iri] not in ("organisation", "document"):
                continue
            pref = entity.triples.get(str(SKOS.prefLabel), [])
            if any(o.language == "nn" for o in pref):
                continue
            bokmal = next((str(o) for o in pref if o.language == "nb"), "")
            folded = bokmal.casefold()
            if bokmal[:1].isupper() and not any(nb in folded for nb, _ in NYNORSK_SPELLINGS):
                entity.add(str(SKOS.prefLabel), Literal(bokmal, lang="nn"))

    def drop_empty_merges(self) -> None:
        """No triple the curated files state is stated again (a store would count it once), and a
        merged entity that gained nothing but sources is left to its curated file."""
        for iri, entity in self.entities.items():
            if self.is_curated(iri):
                for predicate, objects in entity.triples.items():
                    objects[:] = [o for o in objects if (URIRef(iri), URIRef(predicate), o) not in self.curated]
        for iri in list(self.entities):
            entity = self.entities[iri]
            if self.is_curated(iri) and not any(objects for p, objects in entity.triples.items()
                                                if p != DCT + "source"):
                del self.entities[iri]


#: Words a role phrase ends with when the body follows ("sjef for", "stilling i", "leader of").
_TRAILING_PREPOSITION = re.compile(r"\b(?:i|for|ved|av|om|til|på|of|in|at)$")
_ROLE = re.compile(r"[a-zæøå][a-zæøå -]*")
#: English words of the records' notes, which no Norwegian role is written with.
_ENGLISH = frozenset({"later", "then", "and", "the", "first", "acting", "former", "earlier", "also"})


def role_label(before_body: str) -> str | None:
    """The role as written before the body's name: the last short phrase of lower-case words
    that does not lead into the name ("helseminister, sjef for Helsedepartementet" ->
    "helseminister"; "advokat; leder, Paulsrud-utvalget" -> "leder"); None when there is none
    (a comment, an English note, a bare "stilling i", a unit's name such as "e-helsedivisjonen")."""
    for segment in reversed(re.split(r"[,(;—]", before_body)):
        phrase = segment.strip(" -")
        words = phrase.split()
        if (phrase and _ROLE.fullmatch(phrase) and len(words) <= 4 and not _TRAILING_PREPOSITION.search(phrase)
                and not set(words) & _ENGLISH and not words[-1].endswith(("en", "et"))):
            return phrase
    return None


def find_organisation(text: str, org_names: list[tuple[str, str]]) -> tuple[str, int] | None:
    """The first body a role names, as (IRI, offset); longer names win over the names inside them."""
    best: tuple[int, int, str] | None = None
    for name, iri in org_names:
        if len(name) < 3:
            continue
        first = f"[{re.escape(name[0].upper())}{re.escape(name[0].lower())}]"  # "Helsedepartementet" too
        for match in re.finditer(rf"(?<!\w){first}{re.escape(name[1:])}(?!\w)", text):
            if re.search(r"\w-\s*og\s+$", text[:match.start()]):
                continue  # the tail of a coordinated name ("Sosial- og helsedepartementet")
            candidate = (match.start(), -len(name), iri)
            if best is None or candidate < best:
                best = candidate
    return (best[2], best[0]) if best else None


# --- Writing Turtle ---------------------------------------------------------------------------------

PREFIXES = {
    "rdf": str(RDF), "rdfs": str(RDFS), "xsd": XSD, "skos": str(SKOS), "dcterms": DCT, "foaf": FOAF,
    "org": ORG, "schema": SCHEMA, "hp": HP,
    "organisation": ns.ID + "organisation/", "person": ns.ID + "person/", "document": ns.ID + "document/",
    "membership": ns.ID + "membership/", "dockind": ns.CONCEPT + "document-kind/",
    "orgkind": ns.CONCEPT + "organisation-kind/",
}
PREDICATE_ORDER = [str(RDF.type), FOAF + "name", DCT + "identifier", DCT + "title", str(SKOS.prefLabel),
                   str(SKOS.altLabel), str(SKOS.hiddenLabel), HP + "abbreviation", str(RDFS.label),
                   HP + "documentKind", HP + "organisationKind", ORG + "subOrganizationOf", ORG + "member",
                   ORG + "organization", HP + "roleLabel", SCHEMA + "startDate", SCHEMA + "endDate",
                   HP + "responsibleBody", DCT + "creator", HP + "presentedBy", HP + "datePresented",
                   HP + "appointed", HP + "delivered", HP + "chair", HP + "report", HP + "replaces",
                   HP + "followsUp", HP + "seenInConnectionWith", HP + "partOf", DCT + "references",
                   ORG + "hasMembership", FOAF + "homepage", DCT + "source"]
_LOCAL = re.compile(r"[A-Za-z0-9_-]+")


def term(obj: object) -> str:
    if isinstance(obj, URIRef):
        text = str(obj)
        for prefix, base in sorted(PREFIXES.items(), key=lambda p: -len(p[1])):
            local = text[len(base):]
            if text.startswith(base) and _LOCAL.fullmatch(local) and not local.startswith("-"):
                return f"{prefix}:{local}"
        return f"<{text}>"
    if isinstance(obj, Literal):
        value = str(obj).replace("\\", "\\\\").replace('"', '\\"')
        if obj.language:
            return f'"{value}"@{obj.language}'
        if obj.datatype:
            return f'"{value}"^^{term(URIRef(obj.datatype))}'
        return f'"{value}"'
    raise TypeError(obj)


def serialise(entities: Iterable[Entity]) -> Iterator[str]:
    for entity in sorted(entities, key=lambda e: e.iri):
        predicates = sorted(entity.triples, key=lambda p: (PREDICATE_ORDER.index(p) if p in PREDICATE_ORDER
                                                           else len(PREDICATE_ORDER), p))
        lines = []
        for predicate in predicates:
            objects = entity.triples[predicate]
            if not objects:
                continue
            name = "a" if predicate == str(RDF.type) else term(URIRef(predicate))
            lines.append(f"    {name} " + ",\n        ".join(term(o) for o in objects))
        if lines:
            yield f"{term(URIRef(entity.iri))}\n" + " ;\n".join(lines) + " .\n"


HEADERS = {
    "organisation": ("organisations (generated)", "Health trusts, hospitals, agencies, boards, county governors, "
                     "unions, patient organisations,\n# universities, research institutes, competence services "
                     "and the commissions behind NOUs"),
    "document": ("policy documents (generated)", "White papers, NOUs, propositions, plans, strategies, "
                 "reforms and laws since 2000"),
    "person": ("people and their posts (generated)", "Ministers, directors, board and union leaders, "
               "commission chairs, with their posts (org:Membership)"),
}


def write(builder: Builder, out: Path) -> dict[str, int]:
    counts = {}
    for family, filename in (("organisation", "organisations-generated.ttl"),
                             ("document", "documents-generated.ttl"),
                             ("person", "people-generated.ttl")):
        members = [e for iri, e in builder.entities.items()
                   if builder.families[iri] == family or (family == "person" and builder.families[iri] == "membership")]
        title, summary = HEADERS[family]
        head = [f"# Reference data: {title}.", "#", f"# {summary}.", "#",
                "# GENERATED by scripts/generate_reference.py from ../shared/reference/organisations.yaml and",
                "# documents-and-people.yaml (verified entries and fields only); do not edit by hand: change",
                "# the script or the YAML and rerun it. An entity the curated files already describe appears",
                "# here only with what it gains (labels, links, sources).", ""]
        head += [f"@prefix {p}: <{b}> ." for p, b in PREFIXES.items()] + [""]
        body = list(serialise(members))
        (out / filename).write_text("\n".join(head) + "\n" + "\n".join(body), encoding="utf-8")
        counts[filename] = len(body)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, required=True,
                        help="the folder of organisations.yaml and documents-and-people.yaml")
    parser.add_argument("--out", type=Path, default=REPO / "data" / "reference")
    args = parser.parse_args(argv)
    organisations = yaml.safe_load((args.shared / "organisations.yaml").read_text(encoding="utf-8"))
    documents = yaml.safe_load((args.shared / "documents-and-people.yaml").read_text(encoding="utf-8"))
    builder = Builder(load_curated(args.out), organisations["organisations"], documents["documents"],
                      documents["people"])
    builder.build()
    for filename, count in write(builder, args.out).items():
        print(f"{filename}: {count} subjects")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
