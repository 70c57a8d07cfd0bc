"""The web package's small parts on their own: facts cut into text segments, the UI words in three
languages, which texts count as updates, and the table paging and sorting."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from healthplan_kg.errors import ParameterError
from healthplan_kg.store.base import QueryResult
from healthplan_kg.web import tables
from healthplan_kg.web.document import annotate
from healthplan_kg.web.i18n import LANGUAGES, STRINGS
from healthplan_kg.web.service import _query_form

TEMPLATES = Path(__file__).resolve().parents[2] / "healthplan_kg" / "web" / "templates"


def test_overlapping_facts_cut_the_text_at_every_boundary():
    text = "Helsedirektoratet skal følge opp planen."
    facts = [{"start": 0, "end": 40}, {"start": 0, "end": 17}, {"start": 23, "end": 32}]
    segments = annotate(text, facts)
    assert "".join(s.text for s in segments) == text
    assert [(s.text, s.facts) for s in segments] == [
        ("Helsedirektoratet", [0, 1]), (" skal ", [0]), ("følge opp", [0, 2]), (" planen.", [0])]


def test_a_fact_outside_the_text_is_left_out_not_marked_wrongly():
    segments = annotate("Kort tekst.", [{"start": 5, "end": 500}, {"start": "x", "end": 2}, {"start": 0, "end": 4}])
    assert [(s.text, s.facts) for s in segments] == [("Kort", [2]), (" tekst.", [])]


def test_every_ui_word_is_in_all_three_languages_and_every_used_key_exists():
    for key, texts in STRINGS.items():
        assert set(texts) == set(LANGUAGES), key
        assert all(texts[lang].strip() for lang in LANGUAGES), key
    used = {m for path in TEMPLATES.glob("*.html") for m in re.findall(r"\bt\('([a-z_]+)'", path.read_text())}
    assert used and used <= set(STRINGS)


@pytest.mark.parametrize(("text", "form"), [
    ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
    ("PREFIX x: <http://example.org/INSERT/> ASK { ?s x:p ?o }", "ASK"),
    ('SELECT ?s WHERE { ?s ?p "DROP ALL" }', "SELECT"),
    ("# DELETE everything\nCONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", None),
    ("DROP ALL", None),
    ("WITH <urn:g> DELETE { ?s ?p ?o } WHERE { SELECT * WHERE { ?s ?p ?o } }", None),
    ("nonsense", None),
])
def test_only_read_queries_are_taken_for_queries(text, form):
    assert _query_form(text) == form


def _result(values: list[str | None]) -> QueryResult:
    import pyoxigraph as ox
    return QueryResult(columns=["v"], rows=[(None if v is None else ox.Literal(v),) for v in values])


def test_sorting_is_numeric_for_numbers_case_free_for_text_and_unbound_last():
    shown = tables.page(_result(["b", None, "10", "A", "9"]), limit=None, sort="v")
    assert [r["v"] for r in shown.rows] == ["9", "10", "A", "b", None]
    assert tables.page(_result(["a", "b", "c"]), limit=1, offset=1).rows == [{"v": "b"}]
    with pytest.raises(ParameterError, match="'sort' must be one of the columns v"):
        tables.page(_result(["a"]), limit=None, sort="w")


@pytest.mark.parametrize("bad", ["-1", "1.5", "ten", "1e3"])
def test_paging_refuses_what_is_not_a_whole_number(bad):
    with pytest.raises(ParameterError, match="must be a whole number"):
        tables.paging(bad, None, 50)


def test_no_saved_query_has_a_parameter_named_like_the_paging_keys():
    """``limit``, ``offset``, ``sort``, ``desc`` and ``hl`` belong to the API; a parameter so named
    could never be given over HTTP."""
    from healthplan_kg.queries import QueryRegistry

    names = {p.name for q in QueryRegistry.load() for p in q.parameters}
    assert not names & set(tables.RESERVED)


def test_the_answer_cache_keeps_the_latest_answers_and_none_when_off():
    from healthplan_kg.web.service import AnswerCache

    cache = AnswerCache(2)
    for n in range(3):
        cache.put((n,), _result([str(n)]))
    assert cache.get((0,)) is None and cache.get((2,)).values() == [{"v": "2"}]
    cache.get((1,))
    cache.put((3,), _result(["3"]))            # 2 was used least recently
    assert cache.get((2,)) is None and cache.get((1,)) is not None
    off = AnswerCache(0)
    off.put(("x",), _result(["x"]))
    assert off.get(("x",)) is None
    small = AnswerCache(5, max_rows=1)
    small.put(("big",), _result(["a", "b"]))
    assert small.get(("big",)) is None
