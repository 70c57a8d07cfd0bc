"""The cue pre-filter (``extract/cue_filter.py``) never hides a match.

Safety is the whole point: a sentence the filter turns away must be one the pattern cannot
match, or the graph changes. So the tests check ``pattern.search(text) => may_match(text)``
for every cue table the extractor filters: on strings the patterns' own parse trees generate
(every branch of every alternation, in lower, capitalised and upper case, inside and at the
edges of own sentences), on hypothesis-generated strings, and on own sentences in bokmål and
nynorsk. They also check the premise the filter rests on (lower-casing keeps word characters
word characters, over every code point), that the filter does turn away sentences without a
cue (else it would be safe and useless), and that the relation rules' ``CueSet`` answers
exactly what one alternation of all their patterns answers.
"""

from __future__ import annotations

import re
import re._constants as C
import re._parser as P
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from healthplan_kg.extract import events, groups, list_cues, lists, sentence_lists
from healthplan_kg.extract.casefree import CaselessCue, lowered
from healthplan_kg.extract.cue_filter import CueFilter, CueSet, need_of, needs_together, text_words
from healthplan_kg.extract.relations import cues

#: Every pattern a cue filter guards, by name.
FILTERED = {
    **{name: getattr(cues, name) for name in dir(cues) if isinstance(getattr(cues, name), re.Pattern)},
    "groups._CUE_BEFORE": groups._CUE_BEFORE, "groups._CUE_AFTER": groups._CUE_AFTER,
    "groups._CUE_ESPECIALLY": groups._CUE_ESPECIALLY, "groups._EFFORT": groups._EFFORT,
    "sentence_lists._SCOPE_VERB": sentence_lists._SCOPE_VERB, "lists.ANNOUNCED_COUNT": lists.ANNOUNCED_COUNT,
    **{f"events.{kind}": pattern for kind, pattern in events._CUES},
    "list_cues.MEASURE_CUES": list_cues.MEASURE_CUES, "list_cues.THEME_CUES": list_cues.THEME_CUES,
    "list_cues.GROUP_CUES": list_cues.GROUP_CUES, "list_cues.SCOPE_CUES": list_cues.SCOPE_CUES,
}

#: Own sentences, bokmål and nynorsk, each holding at least one cue of the tables above.
OWN_SENTENCES = [
    "Planen følger opp Meld. St. 7 (2031–2032) og bygger videre på strategien fra i fjor.",
    "Planen følgjer opp Meld. St. 7 (2031–2032) og byggjer vidare på strategien frå i fjor.",
    "Strategien erstatter handlingsplanen og skal sees i sammenheng med opptrappingsplanen.",
    "Strategien erstattar handlingsplanen og skal sjåast i samanheng med opptrappingsplanen.",
    "Direktoratet har fått i oppdrag fra departementet å lage en veileder.",
    "Direktoratet har fått i oppdrag frå departementet å lage ein rettleiar.",
    "Regjeringen ber Helsedirektoratet om å utarbeide en rapport, som skal leveres innen mai.",
    "Regjeringa ber Helsedirektoratet om å utarbeide ein rapport, som skal leverast innan mai.",
    "Ministeren la i dag fram planen, og den ble lansert på et møte 1. mars 2031.",
    "Ministeren la i dag fram planen, og han vart lansert på eit møte 1. mars 2031.",
    "Kommunen samarbeider tett med fylkeskommunen i samarbeid med frivillige.",
    "Kommunen samarbeider tett med fylkeskommunen i samarbeid med frivillige lag.",
    "Tiltaket inngår i planen og er en del av reformen som ble oppnevnt i fjor.",
    "Tiltaket inngår i planen og er ein del av reforma som vart oppnemnd i fjor.",
    "Barn og unge med psykiske plager skal prioriteres, og eldre er en viktig målgruppe.",
    "Born og unge med psykiske plager skal prioriterast, og eldre er ei viktig målgruppe.",
    "Regjeringen vil særlig styrke tilbudet til personer med langvarige behov.",
    "Regjeringa vil særleg styrkje tilbodet til personar med langvarige behov.",
    "Meldingen skal blant annet handle om forebygging, behandling og rehabilitering.",
    "Meldinga skal mellom anna handle om førebygging, behandling og rehabilitering.",
    "Vi har valgt tre innsatsområder for de neste årene.",
    "Vi har valt tre innsatsområde for dei neste åra.",
    "Hovedgrepene i planen er tema vi kommer tilbake til i rapporten.",
    "Hovudgrepa i planen er tema vi kjem tilbake til i rapporten.",
    "Frist for innspill er 15. september, og rapporten ble publisert og senere oppdatert.",
    "Fristen for innspel er 15. september, og rapporten vart publisert og seinare oppdatert.",
]

#: Own sentences without any relation cue (the filter must turn them away without a search).
NO_CUE = [
    "Kommunene har ansvar for helse- og omsorgstjenestene i hjemmet.",
    "Kommunane har ansvar for helse- og omsorgstenestene i heimen.",
    "Det er mange eldre i distriktene.",
    "Det er mange eldre i distrikta.",
]


def _samples(state: P.State, items: list) -> list[str]:
    """Strings that cover every branch of every alternation in ``items`` (a parsed sequence):
    the n-th sample takes each item's n-th sample (or its last), so the count stays linear."""
    per_item = [_item_samples(state, item) for item in items]
    per_item = [s for s in per_item if s]
    if not per_item:
        return [""]
    width = max(len(s) for s in per_item)
    return ["".join(s[min(n, len(s) - 1)] for s in per_item) for n in range(width)]


_CLASS_SAMPLES = {C.CATEGORY_SPACE: [" ", "\t"], C.CATEGORY_NOT_SPACE: ["x", "Ø", ","],
                  C.CATEGORY_WORD: ["x", "å", "9"], C.CATEGORY_NOT_WORD: [" ", ",", "-"],
                  C.CATEGORY_DIGIT: ["7"], C.CATEGORY_NOT_DIGIT: ["x", " "]}


def _item_samples(state: P.State, item: tuple) -> list[str]:
    op, av = item
    if op == C.LITERAL:
        return [chr(av)]
    if op == C.NOT_LITERAL:
        return ["x" if chr(av) != "x" else "y"]
    if op == C.ANY:
        return ["x", " "]
    if op == C.IN:
        if av and av[0][0] == C.NEGATE:
            members = re.compile(f"[{''.join(_class_text(av[1:]))}]")
            return [c for c in "x ,.;:-åØ7" if not members.match(c)][:2]
        out: list[str] = []
        for member_op, member in av:
            if member_op == C.LITERAL:
                out.append(chr(member))
            elif member_op == C.RANGE:
                out += [chr(member[0]), chr(member[1])]
            elif member_op == C.CATEGORY:
                out += _CLASS_SAMPLES[member]
        return out
    if op == C.AT or op == C.ASSERT_NOT:
        return [""]
    if op == C.ASSERT:
        return [""]
    if op == C.SUBPATTERN:
        return _samples(state, list(av[3]))
    if op == C.BRANCH:
        return [s for alt in av[1] for s in _samples(state, list(alt))]
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, high, sub = av
        once = _samples(state, list(sub))
        counts = sorted({low, min(low + 1, high), min(low + 2, high)})
        return ["".join(once[(n + k) % len(once)] for k in range(count)) for count in counts
                for n in range(len(once))]
    return ["x"]


def _class_text(members: list) -> list[str]:
    out = []
    for op, av in members:
        if op == C.LITERAL:
            out.append(re.escape(chr(av)))
        elif op == C.RANGE:
            out.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op == C.CATEGORY:
            out.append({C.CATEGORY_SPACE: r"\s", C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w",
                        C.CATEGORY_NOT_WORD: r"\W", C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D"}[av])
    return out


def pattern_samples(pattern: re.Pattern[str]) -> list[str]:
    parsed = P.parse(pattern.pattern, pattern.flags)
    return _samples(parsed.state, list(parsed.data))


_CONTEXTS = ("{}", "Regjeringen {} i dag.", "I fjor {}, sa ho", "«{}»", "{}: a, b og c", "x{}y", "1{}2")


def _variants(sample: str) -> list[str]:
    return [form.format(case) for case in (sample, sample.capitalize(), sample.upper(), sample.title())
            for form in _CONTEXTS]


@pytest.mark.parametrize("name", sorted(FILTERED))
def test_every_branch_of_every_cue_passes_its_filter(name):
    """Exhaustive over the cue tables: each alternative of each pattern, in every case and context."""
    pattern = FILTERED[name]
    cue_filter = CueFilter(pattern)
    matched = 0
    for sample in pattern_samples(pattern):
        for text in _variants(sample):
            if pattern.search(text):
                matched += 1
                assert cue_filter.may_match(text), (name, text)
    assert matched, f"the samples of {name} never matched: the test would prove nothing"


@pytest.mark.parametrize("name", sorted(FILTERED))
def test_every_branch_of_every_cue_holds_its_words_together(name):
    """``needs_together``: every match holds a word of each of the sets, whatever branch it took."""
    pattern = FILTERED[name]
    together = needs_together(pattern)
    matched = 0
    for sample in pattern_samples(pattern):
        for text in _variants(sample):
            if pattern.search(text):
                matched += 1
                words = text_words(text)
                assert words is None or all(not needed.isdisjoint(words) for needed in together), (name, text)
    assert matched, f"the samples of {name} never matched: the test would prove nothing"


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
@pytest.mark.parametrize("name", sorted(FILTERED))
def test_generated_matches_hold_their_words_together(name, data):
    pattern = FILTERED[name]
    text = data.draw(st.from_regex(pattern, fullmatch=False))
    words = text_words(text)
    assert words is None or all(not needed.isdisjoint(words) for needed in needs_together(pattern)), text


def test_needs_together_are_finer_than_one_need():
    """"oppdrag til" needs "til" besides one of the nouns; "tar over etter" or a verb of its own."""
    assert needs_together(cues.ASSIGN_TO)[1] == {"til"}
    assert len(needs_together(cues.MANDATE_BY)) >= 2
    cue_set = CueSet(cues.RULE_PATTERNS)
    text = "Departementet gir Helsedirektoratet et nytt oppdrag om beredskap."
    assert cue_set.found_in_lowered(text, lowered(text)) == bool(cues.ANY_CUE.search(text))
    assert cues.RULE_PATTERNS.index(cues.ASSIGN_TO) not in cue_set._memo[1]


@pytest.mark.parametrize("name", sorted(FILTERED))
def test_every_filtered_pattern_has_a_need(name):
    """Each table's pattern yields words to filter on (a pattern without would let every text by)."""
    assert need_of(FILTERED[name]) is not None


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
@pytest.mark.parametrize("name", sorted(FILTERED))
def test_generated_matches_pass_the_filter(name, data):
    """hypothesis' own strings for the pattern (with text around them) always pass its filter."""
    pattern = FILTERED[name]
    text = data.draw(st.from_regex(pattern, fullmatch=False))
    assert pattern.search(text)
    assert CueFilter(pattern).may_match(text), text


_VOCABULARY = sorted({w for s in OWN_SENTENCES + NO_CUE for w in re.findall(r"\w+|[^\w\s]", s)})
_sentences = st.lists(st.sampled_from(_VOCABULARY).map(lambda w: w)
                      | st.sampled_from(_VOCABULARY).map(str.capitalize), min_size=1, max_size=25).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(text=_sentences)
def test_own_words_in_any_order_never_hide_a_match(text):
    for name, pattern in FILTERED.items():
        if pattern.search(text):
            assert CueFilter(pattern).may_match(text), (name, text)


@pytest.mark.parametrize("sentence", OWN_SENTENCES)
def test_own_sentences_match_and_pass(sentence):
    hits = [name for name, pattern in FILTERED.items() if pattern.search(sentence)]
    assert hits, sentence
    for name in hits:
        assert CueFilter(FILTERED[name]).may_match(sentence), name


@pytest.mark.parametrize("sentence", NO_CUE)
def test_sentences_without_cues_are_turned_away(sentence):
    """The filter does work: no relation pattern matches these, and none is even searched."""
    cue_set = CueSet(cues.RULE_PATTERNS)
    assert not cues.ANY_CUE.search(sentence)
    assert not cue_set.found_in_lowered(sentence, lowered(sentence))
    searched = cue_set._memo[2]
    assert searched == {}, "a pattern ran although the sentence holds none of the words it needs"


@settings(max_examples=300, deadline=None)
@given(text=_sentences)
def test_cue_set_answers_as_one_alternation(text):
    cue_set = CueSet(cues.RULE_PATTERNS)
    assert cue_set.found_in_lowered(text, lowered(text)) == bool(cues.ANY_CUE.search(text))
    for pattern in cues.RULE_PATTERNS:
        member = cue_set.member(pattern)
        assert member.found_in_lowered(text, lowered(text)) == bool(pattern.search(text)), pattern.pattern


@pytest.mark.parametrize(("pattern", "words", "prefixes"), [
    (r"\bfølger\s+opp\b", {"følger"}, ()),                       # the longest of two words
    (r"\b(?:er|var)\s+(?:en\s+)?del\s+av\b", {"del"}, ()),        # an optional word is not needed
    (r"\bmålgrupp\w*", set(), ("målgrupp",)),                   # a word start only
    (r"\b(?:hoved|hovud)grep(?:et|a)?\b", {"hovedgrep", "hovedgrepet", "hovedgrepa", "hovudgrep",
                                           "hovudgrepet", "hovudgrepa"}, ()),
    (r"\bA(?:b|c)\b", {"ab", "ac"}, ()),                         # case-sensitive: looked up in lower case
])
def test_need_of_simple_patterns(pattern, words, prefixes):
    need = need_of(re.compile(pattern, re.IGNORECASE if pattern.islower() else 0))
    assert need is not None and need.words == frozenset(words) and need.prefixes == prefixes


@pytest.mark.parametrize("pattern", [
    r"følger",            # no word boundary before it: may sit inside a longer word
    r"\w*utvalg\b",       # the same
    r"(?:\bfoo)?\s+",     # nothing needed at all
    r"\b(?:foo|\w+)\b",   # one branch needs no literal word
    r"(?i:\bfoo\b)",      # flags changed inside: not analysed
    r"\w\Bfoo\b",
])
def test_need_of_proves_nothing_it_cannot(pattern):
    assert need_of(re.compile(pattern, re.IGNORECASE)) is None


def test_uppercase_letter_under_ignorecase_outside_the_lowered_alphabet_is_not_filtered():
    # "ſ" (long s) matches "s" case-insensitively, which lower-casing does not answer.
    assert need_of(re.compile(r"\bſkal\b", re.IGNORECASE)) is None


def test_lower_casing_keeps_word_characters_and_the_engines_case_rule():
    """The premise, over every code point: where ``casefree.lowered`` lower-cases a character
    (one character for one, not one the engine pairs oddly), a word character stays one and a
    non-word character stays one; and a letter of the patterns' alphabet matches a character
    case-insensitively exactly when the character lower-cases to it."""
    word = re.compile(r"\w")
    alphabet = "abcdefghijklmnopqrstuvwxyzæøåéüö"
    caseless = re.compile(f"[{alphabet}]", re.IGNORECASE)
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF or lowered(char) is None:
            continue
        low = char.lower()
        assert bool(word.match(char)) == bool(word.match(low)), hex(code)
        assert bool(caseless.match(char)) == (low in alphabet), hex(code)


def test_text_words_are_the_lowered_words():
    assert text_words("Planen FØLGJER opp-arbeidet, 2031.") == frozenset({"planen", "følgjer", "opp", "arbeidet",
                                                                          "2031"})
    assert text_words("\u0130stanbul") is None   # dotted capital I: no lowered text to look in


#: Own sentences, bokmål and nynorsk, whose cue is written with capitals (at a sentence start, in
#: a heading, a word running into a capital): the twin's match as written then fails and the
#: pattern itself is asked.
_CAPITALISED = [
    "Følger opp Meld. St. 7 og BYGGER VIDERE PÅ strategien.",
    "Følgjer opp Meld. St. 7 og byggjer Vidare på strategien.",
    "Samarbeider med fylkeskommunen, og Sees i Sammenheng med planen.",
    "Samarbeidar med fylkeskommunen, og sjåast i Samanheng med planen.",
    "Planen følger OPP opp meldingen.",
    "Planen følgjer opp OPP meldinga.",
]


@pytest.mark.parametrize("sentence", OWN_SENTENCES + _CAPITALISED + [s.upper() for s in OWN_SENTENCES])
def test_twin_matches_are_the_patterns_matches(sentence):
    """``finditer_lowered`` gives the pattern's own matches: the same places and the same text,
    whether the twin's match as written is taken (a cue in lower case) or the pattern is asked."""
    low = lowered(sentence)
    for name, pattern in FILTERED.items():
        if not pattern.flags & re.IGNORECASE:
            continue
        got = CaselessCue(pattern).finditer_lowered(sentence, low)
        want = list(pattern.finditer(sentence))
        assert [(m.span(), m.groups(), m.group(0)) for m in got] == \
            [(m.span(), m.groups(), m.group(0)) for m in want], (name, sentence)


@settings(max_examples=300, deadline=None)
@given(text=_sentences)
def test_twin_matches_are_the_patterns_matches_in_any_order(text):
    low = lowered(text)
    for pattern in cues.RULE_PATTERNS:
        got = CaselessCue(pattern).finditer_lowered(text, low)
        assert [m.span() for m in got] == [m.span() for m in pattern.finditer(text)], pattern.pattern


@pytest.mark.parametrize("sentence", OWN_SENTENCES + NO_CUE + _CAPITALISED)
def test_a_kept_pick_is_the_pick_made_anew(sentence):
    """The pick kept for a set of words (``CueSet._picks``) is the one a text holding those words
    gets: asked after other texts with the same words, and asked first."""
    shared = cues.CUE_SET
    fresh = CueSet(shared.patterns)
    for other in OWN_SENTENCES + NO_CUE:
        shared.found_indices(other)
    assert shared.found_indices(sentence) == fresh.found_indices(sentence) == frozenset(
        n for n, pattern in enumerate(shared.patterns) if pattern.search(sentence))


#: Own sentences, bokmål and nynorsk, each with a date and an event cue (one of each kind).
_EVENT_SENTENCES = [
    "Innspill sendes innen 15. september 2031.",
    "Innspel må sendast seinast 15. september 2031.",
    "Planen ble lagt fram 1. mars 2031 av ministeren.",
    "Planen vart lagd fram og lansert 1. mars 2031.",
    "Utvalget ble oppnevnt i juni 2030.",
    "Utvalet vart oppnemnd i juni 2030.",
    "Rapporten kom ut 3. mai 2031.",
    "Rapporten vart publisert 03.05.2031.",
    "Siden ble sist oppdatert 2031-05-03.",
    "Sida vart endra 3. mai 2031.",
]


@pytest.mark.parametrize("sentence", _EVENT_SENTENCES + [s.upper() for s in _EVENT_SENTENCES])
def test_event_sentences_pass_the_event_gate(sentence):
    """A sentence whose event cue is found is never passed over before its dates are read."""
    assert any(cue.search(sentence) for _, cue in events._CUES), sentence
    assert events._ANY_CUE_WORDS.may_match(sentence), sentence


@pytest.mark.parametrize("sentence", OWN_SENTENCES + _CAPITALISED + NO_CUE)
def test_members_walk_from_the_first_match_the_set_found(sentence):
    """After the set's search (which keeps where each pattern is first found), a member's matches
    are the pattern's own, in bokmål and nynorsk, capitals or not."""
    cue_set = CueSet(cues.RULE_PATTERNS)
    low = lowered(sentence)
    cue_set.found_indices(sentence)
    for pattern in cues.RULE_PATTERNS:
        got = cue_set.member(pattern).finditer_lowered(sentence, low)
        assert [(m.span(), m.group(0)) for m in got] == \
            [(m.span(), m.group(0)) for m in pattern.finditer(sentence)], (pattern.pattern, sentence)


def test_a_lower_case_twin_reads_group_names_as_syntax_and_refuses_capital_letters():
    from healthplan_kg.extract.casefree import lower_case_twin, lowered
    named = re.compile(r"\b(?P<kind>utval|utvalg|direktorat)(?P<ending>et|a)?(?P<genitive>s)?\b", re.IGNORECASE)
    twin = lower_case_twin(named)
    assert twin is not None and not twin.flags & re.IGNORECASE
    for text in ("Utvalet leverte. DIREKTORATETS svar kom.", "Utvalgets leiar og direktoratet svarte."):
        assert [(m.span(), m.group("kind")) for m in twin.finditer(lowered(text))] == \
            [(m.span(), m.group("kind").lower()) for m in named.finditer(text)]
    assert lower_case_twin(re.compile(r"\bHelse\b", re.IGNORECASE)) is None   # a capital letter
    assert lower_case_twin(re.compile(r"\butval\b")) is None                  # not case-insensitive
    assert lower_case_twin(None) is None


@pytest.mark.parametrize("sentence", OWN_SENTENCES + _CAPITALISED)
def test_twin_matches_within_bounds_are_the_patterns_matches_there(sentence):
    """Bounded as the priority-group cues ask (one sentence of a document): the same matches and
    the same answer as ``pattern.finditer(text, start, end)`` and ``pattern.search``."""
    text = "Innleiing. " + sentence + " Slutt."
    low = lowered(text)
    start, end = len("Innleiing. "), len("Innleiing. ") + len(sentence)
    for name, pattern in FILTERED.items():
        if not pattern.flags & re.IGNORECASE:
            continue
        cue = CaselessCue(pattern)
        got = cue.finditer_lowered(text, low, start, end)
        want = list(pattern.finditer(text, start, end))
        assert [(m.span(), m.groups()) for m in got] == [(m.span(), m.groups()) for m in want], (name, sentence)
        assert cue.found_in_lowered(text, low, start, end) == (pattern.search(text, start, end) is not None)
