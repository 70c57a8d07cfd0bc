"""The saved queries: each file loads and parses, projects what it declares, and answers the
questions it claims to on a hand-written graph (tests/fixtures/graph/sample.trig) whose rows were
designed for these assertions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyoxigraph as ox
import pytest

from healthplan_kg import resources
from healthplan_kg.errors import ParameterError, QueryError
from healthplan_kg.namespaces import ID
from healthplan_kg.queries import QueryRegistry, SavedQuery
from healthplan_kg.queries.check import check
from healthplan_kg.store.embedded import EmbeddedStore

SAMPLE = Path(__file__).parent / "fixtures" / "graph" / "sample.trig"

S1 = ID + "source/1a1a1a1a1a1a1a1a"   # bokmål letter
S2 = ID + "source/2b2b2b2b2b2b2b2b"   # nynorsk article
S3 = ID + "source/3c3c3c3c3c3c3c3c"   # bokmål article with an unanchored measures list
PLAN = ID + "document/meld-st-9-2023-2024"
NOU_4 = ID + "document/nou-2023-4"
NOU_8 = ID + "document/nou-2023-8"
HPK = ID + "organisation/helsepersonellkommisjonen"
SYKEHUSUTVALGET = ID + "organisation/sykehusutvalget"

CONTRACT_COLUMNS = {
    "documents": ["doc", "source", "title", "language", "published", "modified", "publisher_label",
                  "author_label"],
    "mentions": ["doc", "entity", "entity_label", "entity_kind", "surface"],
    "document-references": ["doc", "ref", "ref_label", "ref_identifier", "ref_kind"],
    "people": ["doc", "person", "person_label", "role", "organisation_label"],
    "quotes": ["doc", "speaker_label", "quote"],
    "measures": ["doc", "context_label", "measure_label", "position"],
    "priority-groups": ["doc", "group_label"],
    "themes": ["doc", "theme_label"],
    "relations": ["doc", "subject_label", "predicate", "object_label", "evidence"],
    "follow-ups": ["follower", "follower_label", "followed", "followed_label", "doc", "evidence"],
    "timeline": ["date", "event", "about_label", "doc"],
}
CONTRACT_PARAMETERS = {"mentions": "entity", "quotes": "speaker", "measures": "plan",
                       "relations": "predicate", "follow-ups": "followed", "timeline": "about"}
COMPETENCY = ["follows-up-commission", "plan-measures", "assignments", "statements-by-person",
              "replaces-and-context", "plan-overview", "unlinked-mentions", "facts-per-document",
              "reference-entities"]
PREDICATES = ["follows_up", "replaces", "seen_in_connection_with", "assigns_task_to", "collaborates_with",
              "part_of", "publishes", "announces"]


@pytest.fixture(scope="module")
def store() -> EmbeddedStore:
    store = EmbeddedStore.in_memory()
    store.oxigraph.load(path=str(SAMPLE), format=ox.RdfFormat.TRIG)
    return store


@pytest.fixture(scope="module")
def registry() -> QueryRegistry:
    return QueryRegistry.load()


def rows(registry, store, name, **params) -> list[dict[str, str | None]]:
    return registry.run(store, name, {k: v for k, v in params.items()}).values()


# -- every file -----------------------------------------------------------------------------------

def test_every_contract_and_competency_query_is_saved(registry):
    assert set(CONTRACT_COLUMNS) | set(COMPETENCY) <= set(registry.names())
    assert registry.names() == sorted(registry.names())
    assert len(registry) == len(list(resources.queries_dir().glob("*.rq")))


@pytest.mark.parametrize("name", sorted(p.stem for p in resources.queries_dir().glob("*.rq")))
def test_query_parses_in_both_engines_and_projects_its_header(registry, name):
    query = registry.get(name)
    check(query)   # pyoxigraph and rdflib parse it; projection == columns + other parameters
    assert query.summary and query.description
    assert query.text.endswith(query.sparql) and not query.sparql.lstrip().startswith("#+")


@pytest.mark.parametrize("name", sorted(CONTRACT_COLUMNS))
def test_contract_columns_are_exact(registry, name):
    assert registry.get(name).columns == CONTRACT_COLUMNS[name]


def test_the_headers_mark_exactly_the_contract_queries(registry):
    """``#+ contract: true`` is how the project (the benchmark harness, the docs) knows its
    contract without reading anything outside the repository."""
    assert registry.contract_names() == sorted(CONTRACT_COLUMNS)
    assert all(registry.get(name).contract for name in CONTRACT_COLUMNS)
    assert not any(registry.get(name).contract for name in COMPETENCY)


def _contract_table(contract: str) -> dict[str, list[str]]:
    """name -> columns, from the contract's table of saved queries that must exist."""
    table, inside = {}, False
    for line in contract.splitlines():
        if line.startswith("## "):
            inside = line.startswith("## Saved queries")
        elif inside and line.startswith("| `"):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            table[cells[0].strip("`")] = [column.strip() for column in cells[2].strip("`").split(",")]
    return table


def test_the_marked_queries_are_the_contract_in_shared(registry, shared_folder):
    from conftest import shared_path

    table = _contract_table(shared_path("CONTRACT.md", folder=shared_folder).read_text(encoding="utf-8"))
    assert table, "no saved-query table found in CONTRACT.md"
    assert {name: registry.get(name).columns for name in registry.contract_names()} == table


@pytest.mark.parametrize(("name", "parameter"), sorted(CONTRACT_PARAMETERS.items()))
def test_contract_parameters_are_optional(registry, name, parameter):
    declared = registry.get(name).parameter(parameter)
    assert not declared.required
    assert declared.type == ("enum" if name == "relations" else "iri")


def test_relations_predicate_is_an_enum_of_the_contract_names(registry):
    assert registry.get("relations").parameter("predicate").allowed == PREDICATES


@pytest.mark.parametrize("name", sorted(CONTRACT_COLUMNS) + COMPETENCY)
def test_query_returns_rows_on_the_sample_graph(registry, store, name):
    query = registry.get(name)
    params = {p.name: {"plan": PLAN, "person": ID + "person/bjorn-guldvog"}[p.name]
              for p in query.parameters if p.required}
    result = registry.run(store, name, params)
    assert len(result) > 0
    assert result.columns == query.columns


def test_rows_come_in_the_same_order_every_run(registry, store):
    for name in CONTRACT_COLUMNS:
        assert registry.run(store, name).rows == registry.run(store, name).rows


# -- malformed files fail loudly ------------------------------------------------------------------

GOOD_HEADER = "#+ summary: s\n#+ description: d\n#+ columns: [a]\n"


@pytest.mark.parametrize(("text", "problem"), [
    ("SELECT ?a WHERE { ?a ?b ?c }", r"no '#\+' header"),
    ("#+ summary: [unclosed\n#+ columns: [a]\nSELECT ?a WHERE {}", "not valid YAML"),
    ("#+ summary: s\n#+ colums: [a]\nSELECT ?a WHERE {}", "unknown header key"),
    ("#+ summary: s\nSELECT ?a WHERE {}", "'columns'"),
    (GOOD_HEADER, "no SPARQL"),
    ("#+ summary: s\n#+ columns: [a]\n#+ params:\n#+   - name: x\n#+     type: uri\nSELECT ?a ?x WHERE {}",
     "has type 'uri'"),
    ("#+ summary: s\n#+ columns: [a]\n#+ params:\n#+   - name: x\n#+     type: enum\nSELECT ?a ?x WHERE {}",
     "needs a list of 'allowed'"),
    ("#+ summary: s\n#+ columns: [a]\n#+ params:\n#+   - name: x\n#+     type: date\n#+     default: soon\n"
     "SELECT ?a ?x WHERE {}", "expected a date"),
])
def test_malformed_header_is_refused_with_the_file_name(tmp_path, text, problem):
    (tmp_path / "broken.rq").write_text(text, encoding="utf-8")
    with pytest.raises(QueryError, match=problem) as raised:
        QueryRegistry.load(tmp_path)
    assert "broken.rq" in str(raised.value)


@pytest.mark.parametrize(("sparql", "problem"), [
    ("SELECT ?a WHERE { ?a ?b }", "refuses the SPARQL"),
    ("SELECT ?b WHERE { ?a ?b ?c }", r"projects \['b'\]"),
    ("SELECT ?a ?b WHERE { ?a ?b ?c }", r"projects \['a', 'b'\]"),
])
def test_check_refuses_bad_sparql_and_drifted_columns(sparql, problem):
    query = SavedQuery.from_text("broken", GOOD_HEADER + sparql)
    with pytest.raises(QueryError, match=problem):
        check(query)


def test_unknown_query_name_suggests_close_matches(registry):
    with pytest.raises(QueryError, match="did you mean follow-ups"):
        registry.get("follow-up")


# -- documents ------------------------------------------------------------------------------------

def test_documents_give_metadata_in_contract_form(registry, store):
    by_doc = {r["doc"]: r for r in rows(registry, store, "documents")}
    assert set(by_doc) == {S1, S2, S3}
    assert by_doc[S1] == {"doc": S1, "source": "010_1a1a1a1a1a1a1a1a.txt",
                          "title": "Nasjonal helse- og samhandlingsplan. Invitasjon til innspill",
                          "language": "nb", "published": "2022-06", "modified": None,
                          "publisher_label": "Helse- og omsorgsdepartementet",
                          "author_label": "Ingvild Kjerkol"}
    assert (by_doc[S2]["language"], by_doc[S2]["published"], by_doc[S2]["modified"]) == \
        ("nn", "2024-03-01", "2024-03-04")
    # no creator: the author stays unbound instead of picking up some other label
    assert by_doc[S2]["author_label"] is None
    assert by_doc[S3]["author_label"] == "Norunn K. Torheim"


# -- mentions and references ----------------------------------------------------------------------

def test_mention_label_follows_the_documents_written_standard(registry, store):
    regjeringen = ID + "organisation/regjeringen"
    found = rows(registry, store, "mentions", entity=regjeringen)
    assert found == [{"doc": S2, "entity": regjeringen, "entity_label": "Regjeringa",
                      "entity_kind": "Organisation", "surface": "regjeringa"}]


def test_mentions_include_unlinked_entities_and_organisations_by_kind(registry, store):
    found = rows(registry, store, "mentions")
    organisations = {r["entity_label"] for r in found if r["entity_kind"] in ("Organisation", "Commission")}
    assert organisations == {"Helse- og omsorgsdepartementet", "Helsepersonellkommisjonen",
                             "Helsedirektoratet", "Regjeringa",
                             "Nasjonal kompetansetjeneste for læring og mestring innen helse"}
    strategy = [r for r in found if r["entity"] == ID + "document/ny-strategi-om-helsekompetanse"]
    assert sorted(r["surface"] for r in strategy) == ["ny strategi om helsekompetanse", "strategien"]


def test_document_references_carry_identifier_and_kind(registry, store):
    found = {(r["doc"], r["ref"]): r for r in rows(registry, store, "document-references")}
    nou = found[(S2, NOU_4)]
    assert (nou["ref_label"], nou["ref_identifier"], nou["ref_kind"]) == \
        ("Tid for handling", "NOU 2023: 4", "nou")
    strategy = found[(S1, ID + "document/ny-strategi-om-helsekompetanse")]
    assert (strategy["ref_identifier"], strategy["ref_kind"]) == (None, "strategy")
    assert found[(S2, ID + "document/meld-st-15-2022-2023")]["ref_label"] == "Folkehelsemeldinga"
    assert found[(S1, PLAN)]["ref_identifier"] == "Meld. St. 9 (2023–2024)"
    assert all(r["doc"] for r in found.values())


# -- people and quotes ----------------------------------------------------------------------------

def test_people_have_roles_and_organisations(registry, store):
    found = rows(registry, store, "people")
    assert found == [
        {"doc": S1, "person": ID + "person/ingvild-kjerkol", "person_label": "Ingvild Kjerkol",
         "role": "helse- og omsorgsminister", "organisation_label": "Helse- og omsorgsdepartementet"},
        {"doc": S2, "person": ID + "person/bjorn-guldvog", "person_label": "Bjørn Guldvog",
         "role": "helsedirektør", "organisation_label": "Helsedirektoratet"},
        {"doc": S3, "person": ID + "person/norunn-k-torheim", "person_label": "Norunn K. Torheim",
         "role": None, "organisation_label": None},
    ]


def test_quotes_come_in_text_order_and_filter_by_speaker(registry, store):
    found = rows(registry, store, "quotes", speaker=ID + "person/bjorn-guldvog")
    assert [r["quote"][:10] for r in found] == ["No får vi ", "Det er god"]
    assert {r["speaker_label"] for r in found} == {"Bjørn Guldvog"}
    assert rows(registry, store, "quotes", speaker=ID + "person/ingvild-kjerkol") == []


# -- lists ----------------------------------------------------------------------------------------

def test_measures_come_in_position_order(registry, store):
    found = rows(registry, store, "measures", plan=PLAN)
    assert [(r["position"], r["measure_label"]) for r in found] == [
        ("1", "Rekruttere og halde på personell"), ("2", "Meir rammefinansiering"),
        ("10", "Ei allmennlegeteneste som er attraktiv")]
    assert {(r["doc"], r["context_label"]) for r in found} == {(S2, "Planen har desse hovudgrepa:")}


def test_a_measures_list_about_no_plan_belongs_to_its_source(registry, store):
    assert [r["measure_label"] for r in rows(registry, store, "measures", plan=S3)] == \
        ["kunnskapsgrunnlag", "helsepedagogikk"]
    assert len(rows(registry, store, "measures")) == 5


def test_priority_group_label_is_nynorsk_in_a_nynorsk_document(registry, store):
    assert rows(registry, store, "priority-groups") == [
        {"doc": S2, "group_label": "barn og unge"},
        {"doc": S2, "group_label": "personar med fleire kroniske lidingar"}]


def test_themes_in_list_order_with_unlinked_items_in_the_texts_words(registry, store):
    assert [r["theme_label"] for r in rows(registry, store, "themes")] == \
        ["Digitalisering", "Psykisk helse og rus", "Akuttjenester"]


# -- relations ------------------------------------------------------------------------------------

def test_relations_cover_every_contract_predicate_with_evidence(registry, store):
    found = rows(registry, store, "relations")
    assert sorted({r["predicate"] for r in found}) == sorted(PREDICATES)
    assert all(r["evidence"] and r["doc"] for r in found)
    assignment = [r for r in found if r["predicate"] == "assigns_task_to"]
    assert assignment == [{"doc": S2, "subject_label": "Helse- og omsorgsdepartementet",
                           "predicate": "assigns_task_to", "object_label": "Helsedirektoratet",
                           "evidence": "Helsedirektoratet har fått i oppdrag frå departementet å lage ein "
                                       "ny rettleiar."}]


@pytest.mark.parametrize("predicate", PREDICATES)
def test_relations_filter_by_predicate(registry, store, predicate):
    found = rows(registry, store, "relations", predicate=predicate)
    # the sample states each relation once, follows_up twice
    assert len(found) == (2 if predicate == "follows_up" else 1)
    assert {r["predicate"] for r in found} == {predicate}


def test_relation_labels_follow_each_documents_written_standard(registry, store):
    found = rows(registry, store, "relations", predicate="part_of")
    assert found[0]["subject_label"] == "ny strategi for digitalisering"
    seen = rows(registry, store, "relations", predicate="seen_in_connection_with")
    assert seen[0]["object_label"] == "Folkehelsemeldingen"   # bokmål source


# -- follow-ups -----------------------------------------------------------------------------------

def test_follow_ups_add_what_follows_from_commission_and_report(registry, store):
    found = {(r["followed"], r["doc"]): r for r in rows(registry, store, "follow-ups")}
    assert set(found) == {
        (HPK, S1),               # stated in S1
        (NOU_4, S1),             # follows: the commission's report
        (NOU_4, S2),             # stated in S2
        (HPK, S2),               # follows: the report's commission
        (NOU_8, None),           # reference data
        (SYKEHUSUTVALGET, None), # follows from the reference data
    }
    inferred = found[(NOU_4, S1)]
    assert inferred["evidence"] == "Arbeidet til Helsepersonellkommisjonen skal følges opp i planen."
    assert inferred["follower_label"] == "Nasjonal helse- og samhandlingsplan"
    assert inferred["followed_label"] == "Tid for handling"
    assert found[(SYKEHUSUTVALGET, None)]["evidence"] is None


def test_follow_ups_filter_by_followed(registry, store):
    found = rows(registry, store, "follow-ups", followed=NOU_4)
    assert [(r["followed"], r["doc"]) for r in found] == [(NOU_4, S1), (NOU_4, S2)]


# -- timeline -------------------------------------------------------------------------------------

def test_timeline_is_ordered_by_date_and_mixes_texts_and_reference(registry, store):
    found = rows(registry, store, "timeline")
    dates = [r["date"] for r in found]
    assert dates == sorted(dates)
    assert {"date": "2022-06", "event": "published", "doc": S1,
            "about_label": "Nasjonal helse- og samhandlingsplan. Invitasjon til innspill"} in found
    assert {"date": "2021-12-17", "event": "appointed", "about_label": "Helsepersonellkommisjonen",
            "doc": None} in found
    unanchored = [r for r in found if r["event"] == "ny retningslinje for fødselsomsorga kjem"]
    assert unanchored == [{"date": "2024-03-04", "event": "ny retningslinje for fødselsomsorga kjem",
                           "about_label": None, "doc": S2}]


def test_timeline_filters_by_what_an_event_is_about(registry, store):
    found = rows(registry, store, "timeline", about=PLAN)
    assert [(r["date"], r["event"]) for r in found] == [
        ("2022-09-15", "frist for skriftlige innspill"), ("2024-03-01", "planen lagd fram"),
        ("2024-03-01", "presented")]


# -- competency queries ---------------------------------------------------------------------------

def test_follows_up_commission_names_the_end_each_statement_used(registry, store):
    found = rows(registry, store, "follows-up-commission", commission=HPK)
    assert [(r["via"], r["doc"], r["report_identifier"]) for r in found] == [
        ("commission", S1, "NOU 2023: 4"), ("report", S2, "NOU 2023: 4")]


def test_plan_measures_needs_a_plan_and_lists_in_order(registry, store):
    with pytest.raises(ParameterError, match="needs parameter 'plan'"):
        registry.run(store, "plan-measures")
    found = rows(registry, store, "plan-measures", plan="id:document/meld-st-9-2023-2024")
    assert [r["position"] for r in found] == ["1", "2", "10"]
    assert found[0]["measure"] == ID + "measure/2b2b2b2b2b2b2b2b/1"


def test_assignments_go_from_issuer_to_assignee(registry, store):
    found = rows(registry, store, "assignments", assignee=ID + "organisation/helsedirektoratet")
    assert [(r["issuer_label"], r["assignee_label"], r["task"], r["date"]) for r in found] == [
        ("Helse- og omsorgsdepartementet", "Helsedirektoratet", "lage ein ny rettleiar", "2024-03-01")]
    assert rows(registry, store, "assignments", issuer=ID + "organisation/helsedirektoratet") == []


def test_statements_by_person_give_role_and_date(registry, store):
    found = rows(registry, store, "statements-by-person", person=ID + "person/bjorn-guldvog")
    assert [(r["published"], r["role"]) for r in found] == [("2024-03-01", "helsedirektør")] * 2


def test_replaces_and_context_reads_symmetric_relations_both_ways(registry, store):
    found = rows(registry, store, "replaces-and-context", plan=ID + "document/meld-st-15-2022-2023")
    assert {(r["relation"], r["other"], r["doc"]) for r in found} == {
        ("seen_in_connection_with", PLAN, None), ("seen_in_connection_with", PLAN, S1)}
    replaced = rows(registry, store, "replaces-and-context", plan=PLAN)
    assert ("replaces", "Meld. St. 7 (2019–2020)") in \
        {(r["relation"], r["other_identifier"]) for r in replaced}


def test_plan_overview_counts(registry, store):
    [plan] = rows(registry, store, "plan-overview", plan=PLAN)
    assert plan == {"plan": PLAN, "identifier": "Meld. St. 9 (2023–2024)",
                    "title": "Nasjonal helse- og samhandlingsplan", "presented": "2024-03-01",
                    "responsible_label": "Helse- og omsorgsdepartementet",
                    "presented_by_label": "Ingvild Kjerkol",
                    "sources": "2", "measures": "3", "follows_up": "3"}


def test_unlinked_mentions_is_the_curators_queue(registry, store):
    found = rows(registry, store, "unlinked-mentions")
    assert {r["entity"] for r in found} == {ID + "document/ny-strategi-om-helsekompetanse",
                                            ID + "document/ny-strategi-for-digitalisering",
                                            ID + "document/strategiplan-for-nk-lmh-2014-2016",
                                            ID + "person/norunn-k-torheim"}
    assert rows(registry, store, "unlinked-mentions", surface="strategien")[0]["mentions"] == "1"


def test_facts_per_document_takes_a_list_of_documents(registry, store):
    found = rows(registry, store, "facts-per-document", doc=f"{S3}, {S1}")
    assert [r["doc"] for r in found][:1] == [S3]          # runs come in the order the list gave
    assert {r["doc"] for r in found} == {S3, S1}
    counts = {(r["doc"], r["fact_kind"]): r["facts"] for r in found}
    assert counts[(S1, "Mention")] == "7" and counts[(S3, "RelationAssertion")] == "1"


def test_reference_entities_count_the_reference_graph_only(registry, store):
    counts = {r["kind"]: r["entities"] for r in rows(registry, store, "reference-entities")}
    assert counts["Commission"] == "2" and counts["WhitePaper"] == "3"
    assert "Mention" not in counts and "Strategy" not in counts   # minted in source graphs


# -- parameters -----------------------------------------------------------------------------------

def test_unknown_parameter_is_named(registry, store):
    with pytest.raises(ParameterError, match="no parameter 'entiy'.*entity"):
        registry.run(store, "mentions", {"entiy": PLAN})


def test_enum_refuses_other_values_and_lists_the_allowed(registry, store):
    with pytest.raises(ParameterError, match="'predicate': expected one of follows_up, replaces"):
        registry.run(store, "relations", {"predicate": "follows up"})


def test_curie_and_angle_brackets_and_typed_terms_mean_the_same_iri(registry, store):
    as_curie = registry.run(store, "mentions", {"entity": "id:document/nou-2023-4"}).rows
    assert as_curie == registry.run(store, "mentions", {"entity": f"<{NOU_4}>"}).rows
    assert as_curie == registry.run(store, "mentions", entity=ox.NamedNode(NOU_4)).rows
    assert len(as_curie) == 1


def test_typed_parameter_of_the_wrong_type_is_refused(registry, store):
    with pytest.raises(ParameterError, match="'entity': expected iri"):
        registry.run(store, "mentions", entity=ox.Literal(NOU_4))
    with pytest.raises(ParameterError, match="given twice"):
        registry.run(store, "mentions", {"entity": NOU_4}, entity=ox.NamedNode(NOU_4))


TYPED = """#+ summary: every parameter type
#+ description: a test query that echoes its parameters
#+ params:
#+   - {name: i, type: iri}
#+   - {name: s, type: string, default: "fallback"}
#+   - {name: l, type: langString}
#+   - {name: d, type: date}
#+   - {name: n, type: integer}
#+   - {name: e, type: enum, allowed: [a, b]}
#+ columns: [i, s, l, d, n, e]
SELECT ?i ?s ?l ?d ?n ?e WHERE {}
"""


@pytest.fixture()
def typed_query() -> SavedQuery:
    return SavedQuery.from_text("typed", TYPED)


def test_each_type_converts_to_its_rdf_term(typed_query):
    bound = typed_query.bind({"i": "hp:Plan", "l": "helsedirektør@nn", "d": "2024-03-01", "n": "+7",
                              "e": "b"})
    assert bound == {"i": ox.NamedNode("https://w3id.org/healthplan-kg/ontology#Plan"),
                     "l": ox.Literal("helsedirektør", language="nn"),
                     "d": ox.Literal("2024-03-01", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")),
                     "n": ox.Literal("7", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
                     "e": ox.Literal("b"), "s": ox.Literal("fallback")}
    typed = typed_query.bind(typed_params={"d": dt.date(2024, 3, 1), "n": 7})
    assert typed["d"] == bound["d"] and typed["n"] == bound["n"]


@pytest.mark.parametrize(("name", "value", "expected"), [
    ("i", "nou-2023-4", "expected an absolute IRI"),
    ("i", "id:document/a b", "expected an absolute IRI"),
    ("l", "helsedirektør", "expected text@language"),
    ("l", "x@not a tag", "expected text@language"),
    ("d", "2024-02-30", "expected a date YYYY-MM-DD"),
    ("d", "1. mars 2024", "expected a date YYYY-MM-DD"),
    ("n", "7.5", "expected an integer"),
    ("e", "c", "expected one of a, b"),
])
def test_wrong_values_are_refused_naming_parameter_and_expectation(typed_query, name, value, expected):
    with pytest.raises(ParameterError, match=f"parameter '{name}': {expected}"):
        typed_query.bind({name: value})


def test_list_runs_once_per_item_in_the_given_order(registry, store):
    both = registry.run(store, "facts-per-document", {"doc": f"{S2},{S1}"})
    one = registry.run(store, "facts-per-document", {"doc": S2})
    other = registry.run(store, "facts-per-document", {"doc": S1})
    assert both.rows == one.rows + other.rows
    with pytest.raises(ParameterError, match="none empty"):
        registry.run(store, "facts-per-document", {"doc": f"{S1},,{S2}"})


def test_bindings_by_bind_at_the_head_give_the_same_rows_as_substitution(registry, store):
    """A SPARQL server receives the values as BINDs at the head of the query, the embedded store as substitutions;
    the queries are written so both bind a parameter the same way."""
    remote = pytest.importorskip("healthplan_kg.store.remote")
    cases = [("mentions", {"entity": NOU_4}), ("quotes", {"speaker": ID + "person/bjorn-guldvog"}),
             ("measures", {"plan": PLAN}), ("relations", {"predicate": "replaces"}),
             ("follow-ups", {"followed": HPK}), ("timeline", {"about": PLAN})]
    for name, raw in cases:
        query = registry.get(name)
        bindings = query.bind(raw)
        expected = registry.run(store, name, raw)
        solutions = store.oxigraph.query(remote.insert_bindings(query.sparql, bindings))
        got = [tuple(s[c] for c in query.columns) for s in solutions]
        assert got == expected.rows, name
        assert len(expected) > 0


@pytest.mark.parametrize(("name", "parameters"), [("follow-ups", ("follower", "followed")),
                                                  ("assignments", ("issuer", "assignee")),
                                                  ("mentions", ("entity",)),
                                                  ("replaces-and-context", ("plan",))])
def test_a_parameter_gives_the_rows_of_the_whole_answer_that_have_its_value(registry, store, name, parameters):
    """The entity pages' panels: a query restructured so a bound follower, followed, issuer or
    assignee starts the engine's work (store/lateral.py) must still answer exactly the rows of the
    unbound query with that value, in the same order, for every value the sample graph has."""
    whole = rows(registry, store, name)
    for parameter in parameters:
        values = sorted({r[parameter] for r in whole})
        assert values, (name, parameter)
        for value in values:
            assert rows(registry, store, name, **{parameter: value}) == \
                [r for r in whole if r[parameter] == value], (name, parameter, value)
