"""The relation rules run only where a cue they act on is found, and that changes nothing.

``rules.extract_relations`` calls a rule only in a sentence where one of the patterns it is marked
with (``sentence.acts_on``) is found, and ``modality.asserted`` skips the clause scan where the
sentence holds no negation, hedge or condition word. Both are shortcuts: these tests run the bundled
corpus and own sentences with every rule in every sentence (as the rules were run before), and
compare; and check ``asserted`` against its plain reading at every word of own sentences.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from healthplan_kg import resources
from healthplan_kg.extract import Extractor
from healthplan_kg.extract.relations import modality, rules
from healthplan_kg.model import SourceText, Span
from healthplan_kg.readers import find_documents, read_document

#: Own sentences, bokmål and nynorsk, with cues stated, negated, hedged and conditional.
SENTENCES = [
    "Planen følger opp Meld. St. 7 (2031–2032) og bygger videre på strategien fra i fjor.",
    "Planen følgjer ikkje opp Meld. St. 7 (2031–2032), men byggjer vidare på strategien.",
    "Dersom strategien erstatter handlingsplanen, skal den sees i sammenheng med opptrappingsplanen.",
    "Helsedirektoratet har fått i oppdrag fra Helse- og omsorgsdepartementet å lage en veileder.",
    "Departementet kan be Helsedirektoratet om å utarbeide en rapport, som skal leveres innen mai.",
    "Helse Vest RHF samarbeider med Helse Bergen og Helse Stavanger om planen.",
    "Regjeringa vil leggje fram ei ny stortingsmelding om folkehelse, forutsatt at budsjettet tillet det.",
    "Helse Førde er en del av Helse Vest, og senteret skal arbeide saman med Høgskulen på Vestlandet.",
    "Ifølge departementet får Helsedirektoratet i oppdrag å utrede saken.",
    "Departementet har satt klare krav til Helsedirektoratet, og tildelingsbrevet for 2031 er sendt.",
    "Bør meldinga erstatte Nasjonal helse- og sykehusplan 2020–2023?",
    "Kommunene har ansvar for helse- og omsorgstjenestene i hjemmet.",
]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.from_reference()


def _every_rule(found: frozenset[int], unit: bool) -> tuple:
    return rules._RULES


def _relations(extractor: Extractor, source: SourceText) -> list[tuple]:
    return [(r.predicate, r.subject, r.object, r.evidence) for r in extractor.extract(source).relations]


def _texts() -> list[SourceText]:
    own = [SourceText(path=Path(f"own{n}.txt"), source=f"own{n}.txt", format="txt", text=text,
                      content_hash=hashlib.sha256(text.encode()).hexdigest())
           for n, text in enumerate([" ".join(SENTENCES), "\n\n".join(SENTENCES)])]
    return own + [read_document(path) for path in find_documents(resources.corpus_dir())]


def test_running_every_rule_in_every_sentence_finds_the_same(extractor, monkeypatch):
    texts = _texts()
    chosen = [_relations(extractor, text) for text in texts]
    monkeypatch.setattr(rules, "_due", _every_rule)
    assert [_relations(extractor, text) for text in texts] == chosen
    assert any(chosen), "no relation at all: the test would prove nothing"


def _plain(sentence: str, start: int, end: int) -> bool:
    return not sentence.rstrip().endswith("?") and modality._asserted(sentence, start, end)


@pytest.mark.parametrize("sentence", SENTENCES + [s.upper() for s in SENTENCES]
                         + [s.replace(" ", "_") for s in SENTENCES] + [s.replace(" ", "") for s in SENTENCES])
def test_asserted_reads_as_the_plain_scan_at_every_word(sentence):
    """At every word start and inside every word (where a word runs on across the cue's start)."""
    for word in re.finditer(r"\w+", sentence):
        for start in (word.start(), word.start() + 1):
            assert modality.asserted(sentence, start, word.end()) == _plain(sentence, start, word.end()), \
                (sentence, word.group(0), start)


_DEFINITE = [
    "Planen følger opp meldingen, og Strategien bygger videre på rapporten.",
    "Planen følgjer opp meldinga, og STRATEGIA byggjer vidare på rapporten.",
    "Reformen og reforma, Lovforslagene og lovforslaga: dokumentet erstatter handlingsplanen.",
    "Ingen dokumentnamn her.",
]


@pytest.mark.parametrize("sentence", _DEFINITE + [s.upper() for s in _DEFINITE])
def test_last_definite_document_is_the_plain_scans_last(sentence):
    """The last definite document noun before each position, found in the lower-cased sentence,
    is the one the case-insensitive scan of the sentence as written finds (nb, nn)."""
    from healthplan_kg.extract.relations import sentence as cue_sentence
    s = cue_sentence.CueSentence(Span(0, len(sentence), sentence), [], None, ())
    for rel in range(len(sentence) + 1):
        plain = list(cue_sentence._DEFINITE_DOCUMENT.finditer(sentence, 0, rel))
        got = s._last_definite_document(rel)
        want = (plain[-1].span(), plain[-1].group(0)) if plain else None
        assert ((got.span(), got.group(0)) if got else None) == want, (sentence, rel)
