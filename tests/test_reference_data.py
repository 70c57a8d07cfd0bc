"""The curated reference data in data/reference/*.ttl keeps the promises the rest of the project relies on.

The linker builds its gazetteer from these labels, the mapper and the queries meet these IRIs, and
the graph is loaded into Oxigraph: so every file must parse with both parsers, every entity needs
a bokmål label and a source, identifiers must be written the way the government writes them and
give the IRI namespaces.py builds, nothing facts.yaml could not verify may slip in, no link may
point at an entity that is not described, and dates must be typed and real.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, SKOS

from healthplan_kg import namespaces

REPO = Path(__file__).resolve().parents[1]
REFERENCE_DIR = REPO / "data" / "reference"
REFERENCE_FILES = sorted(REFERENCE_DIR.glob("*.ttl"))
ONTOLOGY_FILES = [REPO / "ontology" / "healthplan.ttl", REPO / "ontology" / "schemes.ttl"]

HP = Namespace(namespaces.HP)
SCHEMA = Namespace(namespaces.SCHEMA)
ID = namespaces.ID

#: Official identifiers as the government and the Storting write them (en dash between years).
IDENTIFIER_PATTERNS = [
    re.compile(r"Meld\. St\. \d+ \(\d{4}–\d{4}\)"),
    re.compile(r"NOU \d{4}: \d+"),
    re.compile(r"Prop\. \d+ [SL] \(\d{4}–\d{4}\)"),
    re.compile(r"(?:Ot|St)\.prp\. nr\. \d+ \(\d{4}–\d{4}\)"),
    re.compile(r"St\.meld\. nr\. \d+ \(\d{4}–\d{4}\)"),
    re.compile(r"Innst\. \d+ S \(\d{4}–\d{4}\)"),
]

DATE_PROPERTIES = [HP.datePresented, HP.delivered, HP.appointed, SCHEMA.startDate, SCHEMA.endDate]
DATE_FORMATS = {XSD.date: "%Y-%m-%d", XSD.gYearMonth: "%Y-%m", XSD.gYear: "%Y"}

#: The classes graph-model.md names for each family of IRIs under id:.
DOCUMENT_CLASSES = {HP[c] for c in [
    "PolicyDocument", "WhitePaper", "OfficialReport", "Proposition", "Plan", "ActionPlan", "Strategy",
    "Guideline", "Letter", "NewsArticle", "Report", "Regulation", "Law", "Reform",
    "ParliamentaryRecommendation",
]}
ORGANISATION_CLASSES = {ORG.Organization} | {HP[c] for c in [
    "Commission", "Ministry", "Directorate", "Agency", "RegionalHealthAuthority", "HealthTrust",
    "CompetenceService", "Government", "Parliament", "MunicipalOrganisation", "ProfessionalAssociation",
    "HealthCommunity", "StateEnterprise", "ElectedAssembly", "AdvisoryBody",
]}
INSTRUMENT_CLASSES = {
    HP[c] for c in ["Instrument", "Grant", "Register", "DigitalService", "FinancingMechanism"]
}
FOAF_PERSON = URIRef(namespaces.FOAF + "Person")
CLASSES_BY_FAMILY = {
    "document": DOCUMENT_CLASSES,
    "organisation": ORGANISATION_CLASSES,
    "person": {FOAF_PERSON},
    "instrument": INSTRUMENT_CLASSES,
    "membership": {ORG.Membership},
}
#: The contract's ref_kind codes: the notations of concept:document-kind.
REF_KINDS = {"white_paper", "nou", "proposition", "plan", "strategy", "guideline", "letter", "report",
             "law", "other"}


@pytest.fixture(scope="module")
def graph() -> Graph:
    merged = Graph()
    for path in REFERENCE_FILES:
        merged.parse(path, format="turtle")
    return merged


def family(iri: URIRef) -> str:
    """``id:document/x`` -> ``document``."""
    return str(iri)[len(ID):].split("/", 1)[0]


def described_entities(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef) and str(s).startswith(ID)}


def test_the_reference_folder_holds_the_four_files():
    assert {p.name for p in REFERENCE_FILES} >= {
        "documents.ttl", "organisations.ttl", "people.ttl", "instruments.ttl"}


@pytest.mark.parametrize("path", REFERENCE_FILES, ids=lambda p: p.name)
def test_every_file_parses_with_rdflib_and_pyoxigraph_to_the_same_triples(path: Path):
    by_rdflib = Graph().parse(path, format="turtle")
    by_oxigraph = list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(by_rdflib) > 0
    assert len(by_oxigraph) == len(by_rdflib)


@pytest.mark.parametrize("path", REFERENCE_FILES, ids=lambda p: p.name)
def test_every_file_opens_with_a_comment_header(path: Path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# Reference data:")


def test_the_whole_reference_data_loads_into_an_oxigraph_store():
    store = pyoxigraph.Store()
    graph_name = pyoxigraph.NamedNode(namespaces.REFERENCE_GRAPH)
    for path in REFERENCE_FILES:
        store.load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE, to_graph=graph_name)
    ask = f"ASK {{ GRAPH <{namespaces.REFERENCE_GRAPH}> {{ ?s a <{namespaces.HP}WhitePaper> }} }}"
    assert store.query(ask)


def test_every_entity_has_a_bokmal_preferred_label_and_a_source_iri(graph: Graph):
    problems = []
    for entity in described_entities(graph):
        # A membership is a post, not a name texts use: it carries rdfs:label, kept out of the
        # gazetteer, instead of skos:prefLabel.
        label_property = RDFS.label if family(entity) == "membership" else SKOS.prefLabel
        labels = [o for o in graph.objects(entity, label_property) if isinstance(o, Literal)]
        if not any(label.language == "nb" for label in labels):
            problems.append(f"{entity}: no {label_property} @nb")
        if not any(isinstance(o, URIRef) for o in graph.objects(entity, DCTERMS.source)):
            problems.append(f"{entity}: no dcterms:source IRI")
        if any(not isinstance(o, URIRef) for o in graph.objects(entity, DCTERMS.source)):
            problems.append(f"{entity}: a dcterms:source that is not an IRI")
    assert not problems, "\n".join(sorted(problems))


def test_no_entity_has_two_preferred_labels_in_one_language(graph: Graph):
    problems = []
    for entity in described_entities(graph):
        languages = [o.language for o in graph.objects(entity, SKOS.prefLabel)]
        doubled = {lang for lang in languages if languages.count(lang) > 1}
        if doubled:
            problems.append(f"{entity}: {sorted(doubled)}")
    assert not problems, "\n".join(problems)


def test_no_label_names_two_entities(graph: Graph):
    """The gazetteer maps a surface form to one entity; a shared label would link at random."""
    owners: dict[str, set[URIRef]] = defaultdict(set)
    for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
        for entity, label in graph.subject_objects(prop):
            owners[str(label).casefold()].add(entity)
    shared = {label: sorted(map(str, e)) for label, e in owners.items() if len(e) > 1}
    assert not shared, shared


def test_every_entity_is_typed_with_a_class_of_its_family(graph: Graph):
    problems = []
    for entity in described_entities(graph):
        allowed = CLASSES_BY_FAMILY.get(family(entity))
        types = set(graph.objects(entity, RDF.type))
        if allowed is None or not types & allowed:
            problems.append(f"{entity}: {sorted(map(str, types))}")
    assert not problems, "\n".join(problems)


def test_documents_and_organisations_point_to_a_kind_concept(graph: Graph):
    document_kinds = {URIRef(namespaces.concept_iri("document-kind", code)) for code in REF_KINDS}
    organisation_kind_base = namespaces.concept_iri("organisation-kind", "")
    problems = []
    for entity in described_entities(graph):
        if family(entity) == "document":
            kinds = list(graph.objects(entity, HP.documentKind))
            if len(kinds) != 1 or kinds[0] not in document_kinds:
                problems.append(f"{entity}: document kind {kinds}")
        elif family(entity) == "organisation":
            kinds = list(graph.objects(entity, HP.organisationKind))
            if len(kinds) != 1 or not str(kinds[0]).startswith(organisation_kind_base):
                problems.append(f"{entity}: organisation kind {kinds}")
    assert not problems, "\n".join(problems)


def test_identifiers_are_official_and_give_the_document_iri(graph: Graph):
    identified = list(graph.subject_objects(DCTERMS.identifier))
    assert identified, "no document has an official identifier"
    problems = []
    for document, identifier in identified:
        if not any(p.fullmatch(str(identifier)) for p in IDENTIFIER_PATTERNS):
            problems.append(f"{document}: identifier {identifier!r} is not in an official form")
        if str(document) != namespaces.document_iri(str(identifier)):
            problems.append(f"{document}: expected {namespaces.document_iri(str(identifier))}")
    assert not problems, "\n".join(problems)


def test_a_white_paper_has_its_identifier_iri_not_its_key():
    """Regression: St.meld. nr. 47 is keyed st-meld-47-... in facts.yaml but must meet citing texts."""
    assert namespaces.document_iri("St.meld. nr. 47 (2008–2009)").endswith("/st-meld-nr-47-2008-2009")


def test_every_id_link_points_to_a_described_entity(graph: Graph):
    described = described_entities(graph)
    dangling = {
        (str(s), str(p), str(o))
        for s, p, o in graph
        if p != RDF.type and isinstance(o, URIRef) and str(o).startswith(ID) and o not in described
    }
    assert not dangling, sorted(dangling)


def test_dates_are_typed_and_real(graph: Graph):
    dated = [(s, p, o) for p in DATE_PROPERTIES for s, o in graph.subject_objects(p)]
    assert dated, "no dates at all"
    problems = []
    for subject, prop, value in dated:
        fmt = DATE_FORMATS.get(value.datatype) if isinstance(value, Literal) else None
        if fmt is None:
            problems.append(f"{subject} {prop}: {value!r} is not xsd:date, xsd:gYearMonth or xsd:gYear")
            continue
        try:
            dt.datetime.strptime(str(value), fmt)
        except ValueError:
            problems.append(f"{subject} {prop}: {value!r} is not a real {fmt} date")
    assert not problems, "\n".join(problems)


def test_a_post_does_not_end_before_it_starts(graph: Graph):
    for membership in graph.subjects(RDF.type, ORG.Membership):
        start = graph.value(membership, SCHEMA.startDate)
        end = graph.value(membership, SCHEMA.endDate)
        if start is not None and end is not None:
            assert str(start) <= str(end), membership


def test_every_chair_holds_a_post_in_the_body_they_chair(graph: Graph):
    """hp:chair (organisations.ttl) and the chair's membership (people.ttl) must tell one story."""
    chairs = list(graph.subject_objects(HP.chair))
    assert chairs
    for body, person in chairs:
        posts = {graph.value(m, ORG.organization) for m in graph.objects(person, ORG.hasMembership)}
        assert body in posts, f"{person} chairs {body} but holds no post there"


def test_a_commission_and_its_report_point_at_each_other(graph: Graph):
    for commission, report in graph.subject_objects(HP.report):
        assert (report, DCTERMS.creator, commission) in graph, (commission, report)


# --- Against facts.yaml: nothing unverified comes in ---------------------------------------------


@pytest.fixture(scope="module")
def facts(shared_folder: Path) -> dict:
    """The curated source of the reference data, ../shared/reference/facts.yaml."""
    import yaml
    from conftest import shared_path

    return yaml.safe_load(shared_path("reference", "facts.yaml", folder=shared_folder).read_text(encoding="utf-8"))


def _iris_of(section: str, key: str, entry: dict) -> set[str]:
    build = {
        "documents": namespaces.document_iri,
        "organisations": namespaces.organisation_iri,
        "people": namespaces.person_iri,
        "instruments": namespaces.instrument_iri,
    }[section]
    iris = {build(key)}
    if section == "documents" and entry.get("identifier"):
        iris.add(namespaces.document_iri(entry["identifier"]))
    return iris


def test_no_entity_facts_yaml_marks_unverified_appears(graph: Graph, facts: dict):
    used = {str(t) for triple in graph for t in triple if isinstance(t, URIRef)}
    unverified = {
        iri
        for section in ("documents", "organisations", "people", "instruments")
        for key, entry in (facts.get(section) or {}).items()
        if entry.get("status") != "verified"
        for iri in _iris_of(section, key, entry)
    }
    assert unverified, "facts.yaml lists no unverified entry: this test would check nothing"
    assert not (used & unverified), sorted(used & unverified)


def test_no_follow_up_facts_yaml_marks_unverified_appears(graph: Graph, facts: dict):
    unverified_links = [
        (namespaces.document_iri(entry.get("identifier") or key), namespaces.document_iri(link["id"]))
        for key, entry in facts["documents"].items()
        for link in entry.get("follows_up") or []
        if isinstance(link, dict) and link.get("status") == "unverified"
    ]
    assert unverified_links
    for follower, followed in unverified_links:
        assert (URIRef(follower), HP.followsUp, URIRef(followed)) not in graph


def test_every_verified_document_organisation_and_person_is_described(graph: Graph, facts: dict):
    described = {str(e) for e in described_entities(graph)}
    missing = []
    for section in ("documents", "organisations", "people"):
        for key, entry in facts[section].items():
            if entry.get("status") == "verified" and not (_iris_of(section, key, entry) & described):
                missing.append(f"{section}/{key}")
    assert not missing, missing


# --- Against the ontology and the concept schemes (written beside this data) ----------------------


@pytest.fixture(scope="module")
def ontology() -> Graph:
    missing = [p.name for p in ONTOLOGY_FILES if not p.is_file()]
    if missing:
        pytest.skip(f"the ontology files {missing} are not in ontology/ yet")
    merged = Graph()
    for path in ONTOLOGY_FILES:
        merged.parse(path, format="turtle")
    return merged


def test_every_class_and_property_used_is_declared_or_a_known_reused_term(graph: Graph, ontology: Graph):
    from healthplan_kg.ontology_check import undeclared_terms

    terms = {str(p) for p in graph.predicates()} | {str(o) for o in graph.objects(None, RDF.type)}
    assert not undeclared_terms(terms, ontology)


def test_every_kind_concept_exists_in_the_schemes(graph: Graph, ontology: Graph):
    concepts = set(ontology.subjects(RDF.type, SKOS.Concept))
    used = set(graph.objects(None, HP.documentKind)) | set(graph.objects(None, HP.organisationKind))
    assert used
    assert not used - concepts, sorted(map(str, used - concepts))


def test_subjects_of_project_properties_belong_to_the_property_domain(graph: Graph, ontology: Graph):
    """A date or link on the wrong kind of thing would make the reasoner retype it (a NOU a commission)."""

    def ancestors(cls: URIRef) -> set[URIRef]:
        return {cls, *ontology.transitive_objects(cls, RDFS.subClassOf)}

    problems = []
    for subject, prop in set(graph.subject_predicates()):
        if not str(prop).startswith(namespaces.HP):
            continue
        types = {a for t in graph.objects(subject, RDF.type) for a in ancestors(t)}
        for domain in ontology.objects(prop, RDFS.domain):
            if domain not in types:
                problems.append(f"{subject} {prop}: not a {domain}")
    assert not problems, "\n".join(sorted(problems))


# --- Against organisations.yaml and documents-and-people.yaml (the generated files) ---------------

GENERATOR = REPO / "scripts" / "generate_reference.py"
GENERATED_FILES = ("organisations-generated.ttl", "documents-generated.ttl", "people-generated.ttl")
#: Verified entries the generator leaves out, each for a reason README.md gives.
LEFT_OUT = {
    "organisations/delta": "its only name is an ordinary word",
    "organisations/stortingets-helse-og-omsorgskomite": "the curated helse-og-omsorgskomiteen",
    "documents/nasjonal-tobakksstrategi-2024": "no verified name",
}


def _generator():
    import importlib.util
    import sys

    if "generate_reference" not in sys.modules:
        spec = importlib.util.spec_from_file_location("generate_reference", GENERATOR)
        module = importlib.util.module_from_spec(spec)
        sys.modules["generate_reference"] = module
        spec.loader.exec_module(module)
    return sys.modules["generate_reference"]


@pytest.fixture(scope="module")
def shared_reference(shared_folder: Path) -> Path:
    """The shared folder's reference records: the two supplementary YAML files (skipped where absent)."""
    from conftest import shared_path

    paths = [shared_path("reference", name, folder=shared_folder)
             for name in ("organisations.yaml", "documents-and-people.yaml")]
    return paths[0].parent


@pytest.fixture(scope="module")
def records(shared_reference: Path) -> dict[str, dict]:
    """The two supplementary YAML files, by section."""
    paths = [shared_reference / "organisations.yaml", shared_reference / "documents-and-people.yaml"]
    import yaml

    organisations = yaml.safe_load(paths[0].read_text(encoding="utf-8"))
    documents = yaml.safe_load(paths[1].read_text(encoding="utf-8"))
    return {"organisations": organisations["organisations"], "documents": documents["documents"],
            "people": documents["people"]}


def _record_iris(section: str, key: str, entry: dict) -> set[str]:
    if section == "organisations" and entry.get("extends_existing"):
        key = entry["extends_existing"]
    return _iris_of(section, key, entry)


def test_the_generated_files_are_what_the_generator_writes_today(shared_reference: Path, tmp_path: Path):
    """The committed Turtle must not drift from the script and the YAML (and a run is deterministic)."""
    for name in ("organisations.ttl", "documents.ttl", "people.ttl", "instruments.ttl"):
        (tmp_path / name).write_bytes((REFERENCE_DIR / name).read_bytes())
    generator = _generator()
    generator.main(["--shared", str(shared_reference), "--out", str(tmp_path)])
    first = {name: (tmp_path / name).read_bytes() for name in GENERATED_FILES}
    generator.main(["--shared", str(shared_reference), "--out", str(tmp_path)])
    for name in GENERATED_FILES:
        assert (tmp_path / name).read_bytes() == first[name], f"{name}: two runs differ"
        assert first[name] == (REFERENCE_DIR / name).read_bytes(), f"{name}: rerun scripts/generate_reference.py"


def test_every_verified_record_is_described_or_left_out_for_a_reason(graph: Graph, records):
    described = {str(e) for e in described_entities(graph)}
    missing = [f"{section}/{key}" for section, entries in records.items() for key, entry in entries.items()
               if entry.get("status") == "verified" and f"{section}/{key}" not in LEFT_OUT
               and not (_record_iris(section, key, entry) & described)]
    assert not missing, missing


def test_no_unverified_record_appears(graph: Graph, records):
    used = {str(t) for triple in graph for t in triple if isinstance(t, URIRef)}
    unverified = {iri for section, entries in records.items() for key, entry in entries.items()
                  if entry.get("status") != "verified" and not entry.get("adds_to_existing")
                  for iri in _record_iris(section, key, entry)}
    assert unverified, "no unverified record: this test would check nothing"
    assert not (used & unverified), sorted(used & unverified)


def test_no_name_the_records_call_unverified_is_a_label(records):
    """e.g. an abbreviation its record found only inside a URL, or a short form marked "not seen"."""
    generator = _generator()
    generated = Graph()
    for name in GENERATED_FILES:
        generated.parse(REFERENCE_DIR / name, format="turtle")
    checked, problems = 0, []
    for section, entries in records.items():
        for key, entry in entries.items():
            for iri in _record_iris(section, key, entry) if entry.get("status") == "verified" else ():
                for prop in (SKOS.altLabel, SKOS.hiddenLabel):
                    for label in generated.objects(URIRef(iri), prop):
                        checked += 1
                        # The record's own name is its verified core fact, whatever a gap says about it.
                        own = str(label) in (entry.get("name_nb"), entry.get("name"), entry.get("title_nb"))
                        if not own and generator.label_is_doubted(entry, str(label)):
                            problems.append(f"{iri}: {label}")
    assert checked
    assert not problems, problems


def test_no_label_is_an_ordinary_word_the_generator_keeps_out(graph: Graph):
    words = _generator().PROSE_WORDS
    labels = {str(o).casefold() for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
              for o in graph.objects(None, p)}
    assert not labels & words, sorted(labels & words)


def test_two_letter_abbreviations_stay_out_of_the_generated_data():
    """"SI", "SØ", "Of" would be found in any text; the curated files may name their own."""
    graph = Graph()
    for name in GENERATED_FILES:
        graph.parse(REFERENCE_DIR / name, format="turtle")
    short = [str(o) for o in graph.objects(None, HP.abbreviation) if sum(c.isalpha() for c in str(o)) < 3]
    assert not short, short


@pytest.mark.parametrize(("role", "expected"), [
    ("administrerende direktør, Helse Nordvest RHF", "administrerende direktør"),
    ("helseminister, sjef for Helsedepartementet", "helseminister"),
    ("advokat; leder, Eksempelutvalget", "leder"),
    ("divisjonsdirektør (statistikk), later assisterende direktør, Eksempelinstituttet", "divisjonsdirektør"),
    ("styreleiar, Helse Nordvest RHF", "styreleiar"),
    ("stilling i Eksempeldepartementet", None),
    ("divisjonsdirektør, e-helsedivisjonen, Eksempeldirektoratet", "divisjonsdirektør"),
    ("the 2015 working group at Eksempeldirektoratet", None),
])
def test_a_post_is_the_role_written_before_the_body(role: str, expected: str | None):
    generator = _generator()
    names = [("Helse Nordvest RHF", "rhf"), ("Eksempelutvalget", "utvalg"), ("Eksempelinstituttet", "inst"),
             ("Eksempeldepartementet", "dep"), ("Eksempeldirektoratet", "dir"),
             ("helsedepartementet", "hod")]
    found = generator.find_organisation(role, sorted(names, key=lambda n: -len(n[0])))
    label = generator.role_label(role[:found[1]]) if found else None
    assert label == expected


def test_a_body_is_not_found_inside_a_coordinated_name():
    """"Sosial- og helsedepartementet" is another ministry than "Helsedepartementet"."""
    generator = _generator()
    names = [("helsedepartementet", "hod")]
    assert generator.find_organisation("sosialminister (Sosial- og helsedepartementet)", names) is None
    assert generator.find_organisation("statsråd, Helsedepartementet", names) == ("hod", 10)


@pytest.mark.parametrize(("value", "expected"), [
    ("2013-06-21", ("2013-06-21", "date")), ("2016-06 (nyhetssak)", ("2016-06", "gYearMonth")),
    ("2007 (spring)", ("2007", "gYear")), ("2020-04 (inferred)", None), ("c. 2001", None),
    ("2014/2015", None),
])
def test_a_date_is_as_precise_as_the_record_and_never_a_guess(value: str, expected):
    literal = _generator().typed_date(value)
    got = None if literal is None else (str(literal), str(literal.datatype).rsplit("#", 1)[-1])
    assert got == expected


def test_no_triple_is_stated_in_two_files():
    """Regression: the build counts the quads it loads and the store keeps each once, so a fact a
    generated file repeats from a curated one made the two counts disagree."""
    seen: dict[tuple, str] = {}
    repeated = []
    for path in REFERENCE_FILES:
        for triple in Graph().parse(path, format="turtle"):
            if triple in seen:
                repeated.append(f"{path.name} and {seen[triple]}: {triple}")
            seen.setdefault(triple, path.name)
    assert not repeated, repeated[:5]
