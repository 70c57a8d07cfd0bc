"""Mention finding does work in proportion to a text's size, and its shortcuts find exactly what
the plain searches they replace find.

Regression tests for issue 15 (linear-time extraction): work is counted, not timed. The patterns
a finder uses are wrapped in a counter that records how many characters each call was handed
(or, for a call anchored at one position, that it was made), so quadratic work (a search of the
line up to every name, a search of the whole text per person) shows as a count that grows with
the square of the text. The shortcuts are checked against their definitions on generated texts.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from healthplan_kg.extract import anchored, organisations, people_mentions
from healthplan_kg.extract.mentions import MentionFinder
from healthplan_kg.extract.organisations import (
    _KIND_WORD,
    _PHOTO_CREDIT,
    _CreditLines,
    _kind_word_candidates,
    _photo_credits,
    _words,
    find_named_bodies,
    find_shaped_bodies,
)
from healthplan_kg.extract.relations import Resolved
from healthplan_kg.extract.resolved_index import LastEndingBy, ResolvedList
from healthplan_kg.extract.text import all_sentences
from healthplan_kg.extraction_pool import extractor
from healthplan_kg.model import EntityRef, Span


class CountingPattern:
    """A compiled pattern that counts the characters its searches are handed; ``match`` at one
    position counts one (the patterns counted here read a word and a few spaces from there)."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.work = 0

    def search(self, text: str, *args):
        self.work += len(text)
        return self.pattern.search(text, *args)

    def finditer(self, text: str, *args):
        self.work += len(text)
        return self.pattern.finditer(text, *args)

    def match(self, text: str, *args):
        self.work += 1
        return self.pattern.match(text, *args)

    def fullmatch(self, text: str, *args):
        self.work += 1
        return self.pattern.fullmatch(text, *args)


#: A line of running text with bodies named by their shape, written for this test (bokmål and
#: nynorsk), and a photo credit that opens the line.
_BOKMAL = "Norsk Ergoterapeutforbund og Landsforeningen for Hjerte- og lungesyke møtte Helsetilsynet. "
_NYNORSK = "Noregs Mållag og Den norske tannlegeforening skreiv til Sjukehusutvalet om tilbodet. "


def _credit_work(monkeypatch, text: str) -> int:
    counter = CountingPattern(_PHOTO_CREDIT)
    monkeypatch.setattr(organisations, "_PHOTO_CREDIT", counter)
    find_named_bodies(text)
    find_shaped_bodies(text)
    return counter.work


def test_photo_credit_checks_on_one_long_line_grow_linearly(monkeypatch):
    # One line (an HTML page read as one): the credit check used to search the line up to
    # every name, so doubling the line quadrupled the work.
    line = "Foto: Kari Vik. " + (_BOKMAL + _NYNORSK) * 50
    longer = "Foto: Kari Vik. " + (_BOKMAL + _NYNORSK) * 100
    small, large = _credit_work(monkeypatch, line), _credit_work(monkeypatch, longer)
    assert 0 < large <= 2.2 * small, (small, large)


def test_names_after_a_photo_credit_on_its_line_are_credits_not_bodies():
    text = "Illustrasjonsfoto: Norsk Ergoterapeutforbund\nNoregs Mållag skreiv til Sjukehusutvalet."
    labels = [b.label for b in find_shaped_bodies(text)] + [b.label for b in find_named_bodies(text)]
    assert "Norsk Ergoterapeutforbund" not in labels
    assert "Noregs Mållag" in labels and "Sjukehusutvalet" in labels


_PIECES = ["Foto", "foto", "Fotograf", "Illustrasjonsfoto", "BILDE", "Grafikk", "Photo", ":", " ", "  ",
           "\n", "\t", "x", "Kari", "_", "2", "-", "«", "sfoto", "Bildet", "\u00a0"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_photo_credits_are_the_pattern_searched_over_the_text(pieces):
    text = "".join(pieces)
    found = list(_PHOTO_CREDIT.finditer(text))
    assert _photo_credits(text) == ([m.start() for m in found], [m.end() for m in found])
    lines = _CreditLines(text)
    for pos in range(len(text) + 1):
        line_start = text.rfind("\n", 0, pos) + 1
        assert lines.line_start(pos) == line_start
        assert lines.credited_before(pos) == (_PHOTO_CREDIT.search(text[line_start:pos]) is not None)


_WORD_PIECES = ["forbund", "Forbundet", "lag", "Mållag", "råd", "RÅDET", "senter", "etat", "styre", "x", "Norsk",
                "foreininga", "utvalg", " ", "-", "\n", "s", "en", "ı", "ſ", "İ", "ø", "2", "_"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORD_PIECES), max_size=30))
def test_kind_word_candidates_hold_every_kind_word(pieces):
    text = "".join(pieces)
    words = _words(text)
    candidates = list(_kind_word_candidates(text, words))
    assert candidates == sorted(set(candidates))
    assert {i for i, w in enumerate(words) if _KIND_WORD.fullmatch(w.group(0))} <= set(candidates)


def test_the_kind_word_pattern_is_tried_only_on_words_holding_a_kind_stem(monkeypatch):
    counter = CountingPattern(_KIND_WORD)
    lower_case = CountingPattern(organisations._KIND_WORD_LOWER)   # the same, on a word's lower case
    monkeypatch.setattr(organisations, "_KIND_WORD", counter)
    monkeypatch.setattr(organisations, "_KIND_WORD_LOWER", lower_case)
    prose = "Kommunane skal styrkje tilbodet til eldre og gje betre hjelp heime. " * 40
    find_shaped_bodies(prose + "Norsk Ergoterapeutforbund skreiv til departementet.")
    # tried on the two words holding a kind stem ("-forbund", "departement-"), not on every
    # word of the prose before them
    assert counter.work + lower_case.work == 2


# -- names searched for across the whole text: surnames, acronyms, a sub-body's later forms ----

_BASES = ["Berg", "Dal", "Haug", "Lund", "Vik", "Moe", "Nes", "Strand"]
_ENDINGS = ["", "e", "en", "land", "stad", "rud", "heim", "ås"]
_GIVEN = ["Kari", "Ola", "Liv", "Nils", "Randi", "Per"]


def _people_text(count: int) -> str:
    """``count`` people, each introduced with a title and then named by surname alone, in
    bokmål and nynorsk by turns (invented names)."""
    lines = []
    for i in range(count):
        surname = _BASES[i % 8] + _ENDINGS[i // 8 % 8]
        if i % 2:
            lines.append(f"Seniorrådgiver {_GIVEN[i % 6]} {surname} i Helsedirektoratet la fram saka. "
                         f"Etterpå svarte {surname} på spørsmål om tilbodet.")
        else:
            lines.append(f"Avdelingsdirektør {_GIVEN[i % 6]} {surname} i Helsedirektoratet presenterte planen. "
                         f"Deretter svarte {surname} på spørsmål om tjenestene.")
    return "\n".join(lines)


def _finder(text: str) -> MentionFinder:
    compiled = extractor()
    finder = MentionFinder(text, all_sentences(text), compiled.gazetteer, compiled.index, "nb")
    finder.run()
    return finder


def test_surnames_are_found_in_one_pass_however_many_people(monkeypatch):
    work = {}
    for count in (24, 48):
        text = _people_text(count)
        counted = [0]

        def occurrences(text, literals, lowered=None, counted=counted):
            counted[0] += len(text)
            return anchored.word_start_occurrences(text, literals, lowered)

        def tried(pattern, text, starts, counted=counted):
            starts = None if starts is None else list(starts)
            counted[0] += len(text) if starts is None else len(starts)
            return anchored.finditer_at(pattern, text, starts)

        monkeypatch.setattr(people_mentions, "word_start_occurrences", occurrences)
        monkeypatch.setattr(people_mentions, "finditer_at", tried)
        finder = _finder(text)
        by_surname = [r for r in finder.resolved if r.entity.kind == "Person" and " " not in r.span.text]
        # every person is named once more by surname alone, and linked to the full name
        assert len(by_surname) == count
        assert all(r.entity.label.endswith(" " + r.span.text) for r in by_surname)
        work[count] = counted[0]
    # one pass per text and a try per place a surname stands: twice the people, twice the work
    # (a search of the whole text per person made it four times)
    assert work[48] <= 2.2 * work[24], work


# -- "den planen": the fitting document named last before a place ------------------------------

def _mention(start: int, end: int, label: str) -> Resolved:
    return Resolved(Span(start, end, "x" * (end - start)), EntityRef(label, "PolicyDocument"))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 6), st.sampled_from("ABC"), st.integers(0, 60)),
                max_size=30))
def test_last_ending_by_is_the_last_fitting_mention_ending_there(steps):
    # mentions added while questions are asked, as anaphors are resolved and added in turn
    found = ResolvedList()
    named_last = LastEndingBy(found, lambda r: r.entity.label in "AB")
    for start, length, label, asked_at in steps:
        found.append(_mention(start, start + length, label))
        earlier = sorted((r for r in found if r.entity.label in "AB" and r.span.end <= asked_at),
                         key=lambda r: r.span.end)
        assert named_last.at(asked_at) is (earlier[-1] if earlier else None)


def test_last_ending_by_looks_at_each_mention_once():
    looked = []
    found = ResolvedList(_mention(10 * i, 10 * i + 5, "A") for i in range(200))
    named_last = LastEndingBy(found, lambda r: looked.append(r) is None)
    for i in range(200):
        assert named_last.at(10 * i + 7).span.start == 10 * i
    assert len(looked) == 200      # not 200 questions x 200 mentions


# -- people: speech verbs, salutations ----------------------------------------------------------

def _salutation_by_copies(text: str, span: Span) -> bool:
    """The definition: the name's line (stripped) ends in a comma and opens with "Kjære", or the
    nearest non-empty line before or after it also ends in a comma (copies of the text's ends)."""
    start = text.rfind("\n", 0, span.start) + 1
    end = text.find("\n", span.end)
    end = len(text) if end < 0 else end
    line = text[start:end].strip()
    if not line.endswith(","):
        return False
    if re.match(r"(?:kjære|kjaere)\b", line, re.IGNORECASE):
        return True
    before = text[:start].rstrip("\n").rsplit("\n", 1)[-1].strip()
    after = text[end + 1:].lstrip("\n").split("\n", 1)[0].strip()
    return before.endswith(",") or after.endswith(",")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Kari Vik", ",", "\n", "\n\n", " ", "Kjære", "kjaere", "Ambassadørar", "x",
                                 "\t", "Kjæreste"]), max_size=25), st.data())
def test_salutation_lines_are_found_by_line_index_as_by_copying_lines(pieces, data):
    from healthplan_kg.extract.lines import LineIndex
    from healthplan_kg.extract.people import _in_salutation

    text = "".join(pieces)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    span = Span(start, end, text[start:end])
    assert _in_salutation(text, span, LineIndex(text)) == _salutation_by_copies(text, span)


def test_the_speech_verb_pattern_is_tried_only_where_a_speech_verb_starts(monkeypatch):
    from healthplan_kg.extract import people

    counter = CountingPattern(people._VERB_THEN_NAME)
    monkeypatch.setattr(people, "_VERB_THEN_NAME", counter)
    prose = "Kommunane skal styrkje tilbodet til eldre, og regjeringa følgjer opp arbeidet. " * 50
    found = people.find_people(prose + "– Vi må gjere meir, seier Kari Vik. – Det haster, sier Ola Dahl.")
    assert {p.name for p in found} >= {"Kari Vik", "Ola Dahl"}
    assert counter.work == 2        # at "seier" and "sier", not at every word of the prose


# -- bodies named by shape: each pattern tried only where it can start ---------------------------

_BODY_PIECES = ["Helse", "Bergen", "HF", "RHF", "AS", "ASA", "kommune", "kommunen", "Oslo", "Statsforvaltaren",
                "i", "på", "Vestland", "og", "Høgskulen", "Helsedirektoratet", "Tilsynets", "direktoratetes",
                "rådet", "Bergensområdet", "s", "es", " ", "  ", "\n", "-", ",", "x", "Møre", "Romsdal",
                "fylkeskommune"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_BODY_PIECES), max_size=30))
def test_named_body_patterns_start_only_where_their_start_lists_say(pieces):
    text = "".join(pieces)
    for pattern, starts in ((organisations._NAMED_BODY, organisations._named_body_starts(text)),
                            (organisations._MULTIWORD_BODY, organisations._multiword_body_starts(text)),
                            (organisations._FIXED_HEAD_BODY, organisations._fixed_head_starts(text))):
        assert [m.span() for m in anchored.finditer_at(pattern, text, starts)] == \
            [m.span() for m in pattern.finditer(text)]


# -- named documents: sentences without a head noun passed over -----------------------------------

_DOC_PIECES = ["plan", "Planen", "handlingsplan", "STRATEGI", "strategiplan", "lov", "Lova", "avtale", "meld",
               "melding", "x", " ", ".", "\n", "-", "İ", "ø", "Opptrappingsplan", "rapport"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_DOC_PIECES), max_size=25), st.data())
def test_head_places_pass_over_only_sentences_without_a_head_noun(pieces, data):
    from healthplan_kg.extract.named_documents import _HAS_HEAD, HeadPlaces

    text = "".join(pieces)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    if _HAS_HEAD.found_in(text[start:end]):
        assert HeadPlaces(text).may_hold(Span(start, end, text[start:end]))


_FIELDS = ["Astma", "Barnehelse", "Demens", "Epilepsi", "Fedme", "Gikt", "Hjertehelse", "Inkontinens", "Lungehelse",
           "Migrene", "Nyrehelse", "Ortopedi", "Psykiatri", "Revmatologi", "Smerte", "Tarmhelse"]


def _acronym_text(count: int) -> str:
    """``count`` bodies defined with an acronym and named by it later, a sub-body of each named
    through its parent and later by its definite form (invented bodies, bokmål and nynorsk)."""
    lines = []
    for i, field in enumerate(_FIELDS[:count]):
        acronym = "NK" + field[0]
        if i % 2:
            lines.append(f"Nasjonalt Kompetansemiljø for {field} ({acronym}) sende inn eit høyringssvar. "
                         f"Etterpå sa {acronym} at tilbodet må styrkjast. {field}etatens brukarråd kom saman i "
                         f"april. Etter møtet meiner brukarrådet at tilbodet er for dårleg.")
        else:
            lines.append(f"Nasjonalt Kompetansemiljø for {field} ({acronym}) sendte inn et høringssvar. "
                         f"Deretter sa {acronym} at tilbudet må styrkes. {field}etatens brukerråd møttes i "
                         f"mars. Senere skrev brukerrådet et brev om tjenestene.")
    return "\n".join(lines)


def test_acronyms_and_sub_bodies_are_found_again_in_one_pass_however_many(monkeypatch):
    from healthplan_kg.extract import body_mentions

    work = {}
    for count in (8, 16):
        counted = [0]

        def occurrences(text, literals, lowered=None, counted=counted):
            counted[0] += len(text)
            return anchored.word_start_occurrences(text, literals, lowered)

        def tried(pattern, text, starts, counted=counted):
            starts = None if starts is None else list(starts)
            counted[0] += len(text) if starts is None else len(starts)
            return anchored.finditer_at(pattern, text, starts)

        monkeypatch.setattr(body_mentions, "word_start_occurrences", occurrences)
        monkeypatch.setattr(body_mentions, "finditer_at", tried)
        finder = _finder(_acronym_text(count))
        later = [(r.span.text, r.entity.label) for r in finder.resolved if r.entity.kind == "Organisation"
                 and (r.span.text.startswith("NK") or r.span.text.startswith("brukerrådet")
                      or r.span.text.startswith("brukarrådet"))]
        for field in _FIELDS[:count]:
            # the acronym in its definition and once more, each linked to the defined name
            assert later.count(("NK" + field[0], f"Nasjonalt Kompetansemiljø for {field}")) == 2
        # every later definite form is the sub-body a parent named before it
        definite = [label for text, label in later if text in ("brukerrådet", "brukarrådet")]
        assert len(definite) == count
        assert all(label.endswith(("etatens brukerråd", "etatens brukarråd")) for label in definite)
        work[count] = counted[0]
    assert work[16] <= 2.2 * work[8], work


def test_hits_in_a_name_are_the_gazetteer_s_hits_and_kept():
    gazetteer = extractor().gazetteer
    for name in ("Helsedirektoratet", "Kari Vik", "eldre med samansette behov", "Helsedirektoratet"):
        assert list(gazetteer.find_in_name(name)) == gazetteer.find(name)
    assert gazetteer.find_in_name("Helsedirektoratet") is gazetteer.find_in_name("Helsedirektoratet")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", ". ", ".", " ", "\n", "Kari", ".\n"]), max_size=30))
def test_line_index_answers_as_searching_back_and_forth_would(pieces):
    from healthplan_kg.extract.lines import LineIndex

    text = "".join(pieces)
    lines = LineIndex(text)
    for pos in range(len(text) + 1):
        assert lines.line_start(pos) == text.rfind("\n", 0, pos) + 1
        assert lines.line_end(pos) == (text.find("\n", pos) if "\n" in text[pos:] else len(text))
        assert lines.last_before(". ", pos) == text.rfind(". ", 0, pos)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.sampled_from(["PolicyDocument", "Person", "Commission"]),
                          st.booleans()), max_size=30))
def test_mentions_of_a_kind_are_the_list_s_in_its_order_while_it_grows_and_is_sorted(steps):
    found = ResolvedList()
    for start, kind, sort_now in steps:
        found.append(Resolved(Span(start, start + 3, "xyz"), EntityRef(f"{kind}{start}", kind)))
        if sort_now:
            found.sort(key=lambda r: (r.span.start, -r.span.end))
        for wanted in ("PolicyDocument", "Person"):
            assert found.of_kind(wanted) == [r for r in found if r.entity.kind == wanted]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8), st.booleans(), st.integers(0, 70),
                          st.integers(0, 12)), max_size=30))
def test_any_starting_in_says_whether_the_plain_scan_finds_one_while_the_list_grows_and_is_sorted(steps):
    # the relation loop asks it of every sentence while the rules append mentions
    found = ResolvedList()
    for start, length, sort_now, lo, width in steps:
        found.append(_mention(start, start + length, "A"))
        if sort_now:
            found.sort(key=lambda r: (r.span.start, -r.span.end))
        assert found.any_starting_in(lo, lo + width) == any(lo <= r.span.start < lo + width for r in found)


def test_the_main_document_is_read_once_per_document_added():
    text = ("Regjeringa la fram Handlingsplan for eldrehelse 2031–2034 i mars.\n"
            "Handlingsplan for eldrehelse 2031–2034 følgjer opp Strategi for fysisk aktivitet 2030–2035. "
            "Strategi for fysisk aktivitet 2030–2035 blir følgd opp.\n")
    finder = _finder(text)
    documents = finder.resolved.of_kind("PolicyDocument")
    first = finder.main_document()
    assert first is not None and first.label.startswith("Handlingsplan for eldrehelse")
    assert finder.main_document() is first          # kept while no document is added
    looked = []
    real = finder._most_about
    finder._most_about = lambda docs: looked.append(len(docs)) or real(docs)
    for _ in range(50):
        finder.main_document()
    assert looked == []
    finder.resolved.append(Resolved(Span(0, 3, "Reg"), EntityRef("Eit dokument", "PolicyDocument")))
    finder.main_document()
    assert looked == [len(documents)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["e-helse", "E-helse", "helse", "-", " ", "x", "ø", "\n", "_"]), max_size=20),
       st.sampled_from(["e-helse", "helse-", "ø-x", "-helse"]))
def test_a_word_written_in_lower_case_is_found_as_a_whole_word(pieces, word):
    text = "".join(pieces)
    assert organisations._written_in_lower_case(text, word) == (
        re.search(rf"\b{re.escape(word)}\b", text) is not None)


def test_a_shared_scan_gives_each_set_what_its_own_automaton_would():
    import ahocorasick

    from healthplan_kg.extract.anchored import SharedScan

    def own(pairs, text):
        automaton = ahocorasick.Automaton()
        for literal, value in pairs:
            automaton.add_word(literal, value)
        automaton.make_automaton()
        return list(automaton.iter(text))

    sets = [[("leiar", 1), ("direktør", 2), ("rådgjevar", 3)],
            [("leiar", "a"), ("utval", "b"), ("utvalet", "c")],
            [("forbund", 9), ("leiar", 8)]]
    texts = ["Leiaren i utvalet, direktør Kari Vik, møtte forbundsleiaren.",
             "Utvalget og rådgiveren hos direktøren; utvalets leiar."]
    scan = SharedScan()
    first = scan.literal_set(sets[0])
    assert first.iter(texts[0]) == own(sets[0], texts[0])
    later = [scan.literal_set(pairs) for pairs in sets[1:]]   # added after a text was scanned
    for text in texts:
        for literal_set, pairs in zip([first, *later], sets, strict=True):
            assert literal_set.iter(text) == own(pairs, text)
    assert SharedScan().literal_set([]).iter(texts[0]) == []
