"""The fast paths of extraction and mapping give exactly what the plain ones give.

A build stores ``to_nquads`` (N-Quads written as text); the CLI and the other tests use
``to_quads`` (pyoxigraph objects). pyoxigraph's own serialisation of ``to_quads`` is the oracle:
the bytes must be the same, on the bundled corpus and on texts full of characters N-Quads must
escape. The search shortcuts in ``extract.anchored`` and ``extract.casefree`` must find exactly
what the plain regex search finds.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from healthplan_kg import resources
from healthplan_kg.extract import Extractor, identifiers, list_cues, named_documents, people, relations
from healthplan_kg.extract.anchored import finditer_at, finditer_at_word_start
from healthplan_kg.extract.casefree import CaselessCue
from healthplan_kg.extract.text import all_sentences
from healthplan_kg.extraction_pool import extract_job as _extract_job
from healthplan_kg.extraction_pool import reference_digest
from healthplan_kg.mapping import _SPECIAL, _quoted, to_nquads, to_quads
from healthplan_kg.model import SourceText
from healthplan_kg.readers import find_documents, read_document

_S, _G = ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/g")


def _serialised_literal(literal: ox.Literal) -> str:
    line = ox.serialize([ox.Quad(_S, _S, literal, _G)], format=ox.RdfFormat.N_QUADS).decode()
    return line[len("<http://example.org/s> <http://example.org/s> "):-len(" <http://example.org/g> .\n")]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.from_reference()


@pytest.fixture(scope="module")
def corpus_texts() -> list[str]:
    return [read_document(path).text for path in find_documents(resources.corpus_dir())]


def test_literal_escaping_matches_pyoxigraph_for_every_code_point():
    # One literal per block of 2048 code points covers every character, surrogates excepted.
    for block in range(0, 0x110000, 2048):
        value = "".join(chr(c) for c in range(block, block + 2048) if not 0xD800 <= c <= 0xDFFF)
        if value:
            assert _quoted(value) == _serialised_literal(ox.Literal(value)), hex(block)


def test_printable_literals_take_the_short_path_and_still_match_pyoxigraph():
    """``_quoted`` writes a printable value without '"' or '\\' as is: no such character is one
    the N-Quads writer escapes (every code point), and such values match pyoxigraph's bytes."""
    for code in range(0x110000):
        char = chr(code)
        if char.isprintable() and char not in '"\\':
            assert _SPECIAL.match(char) is None, hex(code)
    for block in range(0, 0x110000, 2048):
        value = "".join(c for c in map(chr, range(block, block + 2048)) if c.isprintable() and c not in '"\\')
        if value:
            assert _quoted(value) == _serialised_literal(ox.Literal(value)), hex(block)


@pytest.mark.parametrize("value", [
    "", 'she said "no"', "back\\slash \\n not a newline", "line\nbreak\r\n", "tab\tand\x0bvertical",
    "\x00\x07\x08\x0c\x1f\x7f", "æøå ÆØÅ – “quoted” « » \u00a0\ufeff\ufffe\uffff", "emoji \U0001F600",
])
def test_tricky_literals_match_pyoxigraph(value):
    assert _quoted(value) == _serialised_literal(ox.Literal(value))


def test_a_lone_surrogate_is_refused_like_pyoxigraph_refuses_it():
    with pytest.raises(ValueError) as fast:
        _quoted("a\ud800b")
    with pytest.raises(ValueError) as plain:
        ox.Literal("a\ud800b")
    assert str(fast.value) == str(plain.value)


def _same_graph(extraction) -> None:
    quads = to_quads(extraction)
    text = to_nquads(extraction)
    assert text == ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    assert list(ox.parse(text, format=ox.RdfFormat.N_QUADS)) == quads


def test_bundled_corpus_maps_to_the_same_bytes_both_ways(extractor):
    paths = find_documents(resources.corpus_dir())
    assert len(paths) >= 5
    for path in paths:
        _same_graph(extractor.extract(read_document(path)))


def test_a_build_job_stores_what_pyoxigraph_would_write(extractor):
    key = reference_digest()
    for path in find_documents(resources.corpus_dir()):
        status, payload = _extract_job((path, key))
        assert status == "ok", payload
        expected = ox.serialize(to_quads(extractor.extract(read_document(path))), format=ox.RdfFormat.N_QUADS)
        assert payload == expected, path.name


def test_texts_with_characters_to_escape_map_to_the_same_bytes(extractor):
    text = ('Helsedirektoratet la fram «Nasjonal strategi for \\"trygghet\\"» 1. mars 2024.\n\n'
            '– Dette er viktig, sier helsedirektør Ola Nordmann.\tTabulator\x0bog\x7fkontroll.\n'
            '• Tiltak "ett": bedre samhandling\n• Tiltak \\to\\: flere fastleger\n'
            'Emoji \U0001F600 og \ufffe i teksten.')
    source = SourceText(path=Path("tricky.txt"), source='tricky "1".txt', format="txt", text=text,
                        content_hash=hashlib.sha256(text.encode()).hexdigest(),
                        title='Plan "A"\\B\n', url="https://example.org/a?b=\"c\"", author="Kari Nordmann",
                        publisher="Helse- og omsorgsdepartementet", published="2024-03-01", language="nn")
    extraction = extractor.extract(source)
    assert extraction.mentions and extraction.metadata.title
    _same_graph(extraction)


def _plain_and_fast_agree(texts: list[str]) -> None:
    for text in texts:
        starts = people._role_phrase_starts(text)
        for pattern in (people._ROLE_PHRASE_THEN_NAME, people._ROLE_THEN_NAME):
            plain = [(m.span(), m.groups()) for m in pattern.finditer(text)]
            assert [(m.span(), m.groups()) for m in finditer_at(pattern, text, starts)] == plain, text
        for (_, pattern), (_, rest) in zip(identifiers.PATTERNS, identifiers._SEARCHED, strict=True):
            plain = [(m.span(), m.groups()) for m in pattern.finditer(text)]
            assert [(m.span(), m.groups()) for m in finditer_at_word_start(rest, text)] == plain, text


_TRICKY = [
    "Helse-direktør Ola Nordmann sa at", "tidligere helse- og omsorgsminister Bent Høie, sa",
    "ASSISTERENDE HELSEDIREKTØR Espen Nakstad, ", "leder for NK LMHs faglige referansegruppe, Kari Nordmann.",
    "fungerende  avdelingsdirektør  Kari Hansen ved Helsedirektoratet", "ſekretær Kari Nordmann, og İnger",
    "XMeld. St. 9 (2023–2024) og Meld. St. 9 (2023-2024)", "NOUNOU 2020: 1 og NOU 2020: 1", "_Prop. 1 S (2022–2023)",
]


def test_search_shortcuts_find_what_the_plain_search_finds(corpus_texts):
    _plain_and_fast_agree(corpus_texts + _TRICKY)


def test_caseless_cues_answer_like_the_ignorecase_pattern(corpus_texts):
    sentences = [s.text for text in corpus_texts for s in all_sentences(text)]
    sentences += [s.upper() for s in sentences] + [s.swapcase() for s in sentences]
    sentences += ["SEES I SAMMENHENG MED", "ſees i ſammenheng med", "PRİORİTERTE grupper", "HANDLINGSPLANEN",
                  "Planen FØLGES OPP av direktoratet", "ſamarbeider med", "VIL LEGGE FRAM en plan"]
    patterns = [relations._ANY_CUE, named_documents._ANY_HEAD, list_cues._ANY_CUE_STEM, *relations._RULE_CUES]
    for pattern in patterns:
        cue = CaselessCue(pattern)
        if pattern not in (relations.ASSIGN_GIVE, relations.ASK):  # named groups: the plain search
            assert cue._twin is not None, f"{pattern.pattern[:40]} should take the fast path"
        for sentence in sentences:
            assert cue.found_in(sentence) == (pattern.search(sentence) is not None), sentence


def test_a_pattern_with_upper_case_letters_keeps_the_plain_search():
    cue = CaselessCue(re.compile(r"\bNOU\b", re.IGNORECASE))
    assert cue._twin is None
    assert cue.found_in("nou 2023: 4") and not cue.found_in("noun")



def test_furniture_lines_are_found_as_by_each_pattern_alone(corpus_texts):
    from healthplan_kg.readers import furniture

    lines = [line.strip() for text in corpus_texts for line in text.split("\n")]
    lines += ["Nettleseren din støttes ikke lenger.", "NETTLESAREN din er utdatert", "nettleſer utdatert",
              "Vi støttar ikkje nettlesaren du brukar", "Artikkelen er 30 dager gammel", "Abonner på nyheter",
              "Les mer på regjeringen.no. Planen kom i mars.", "Last ned pdf av planen"]
    dropped = 0
    for line in lines:
        furniture_line = any(p.match(line) for p in furniture._FURNITURE_LINES)
        browser = "nettles" in line.lower() or "ſ" in line
        shortcut = furniture._ANY_FURNITURE_LINE if browser else furniture._ANY_FURNITURE_LINE_BUT_BROWSER
        assert bool(shortcut.match(line)) == furniture_line, line
        sentence = any(p.match(line) for p in furniture._FURNITURE_SENTENCES)
        assert bool(furniture._ANY_FURNITURE_SENTENCE.match(line)) == sentence, line
        dropped += furniture_line
    assert dropped >= 5
