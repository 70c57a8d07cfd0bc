"""Lists inside running text: an enumeration in one sentence, or announced by its neighbour.

After a colon ("…satsingsområder: a / b / c"); after a copula or a verb of scope ("sentrale tema
i planen er a, b og c", "meldinga skal handle om a, b og c"); in the sentence after one that
announces it ("flere tiltak …. Både a, b og c …", "tre innsatsområde. … a, b og c") or before
one that counts it back ("a, b og c. Dette er tre viktige tema …"). Line-based lists
(bullets, numbers, headings) are in ``lists``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from healthplan_kg.extract.cue_filter import CueFilter
from healthplan_kg.extract.group_grammar import group_phrases
from healthplan_kg.extract.list_cues import THEME_CUES, classify
from healthplan_kg.extract.lists import ANNOUNCED_COUNT, COUNTS, QUANTIFIER, FoundList, split_enumeration
from healthplan_kg.extract.tokens import CLAUSE_WORDS
from healthplan_kg.model import Span


def inline_lists(text: str, sentence: Span, next_sentence: Span | None) -> list[FoundList]:
    """Enumerations inside one sentence after a colon, or in the sentence after an announcing one."""
    colon = sentence.text.find(":")
    kind = classify(sentence.text[:colon + 1]) if colon > 0 else None
    kind = kind or classify(sentence.text)
    if kind is None:
        return scope_lists(text, sentence)
    if colon < 0 and kind in ("themes", "measures"):
        copular = _copular_enumeration(text, sentence, kind)
        if copular:
            return copular
    if colon > 0 and colon < len(sentence.text) - 3:
        after = Span(sentence.start + colon + 1, sentence.end, sentence.text[colon + 1:])
        # Group names hold commas and "og" themselves ("foreldre med rusvanskar, gjeld og
        # einsemd"): they are split where the next group starts, not at every comma.
        items = group_phrases(text, after) if kind == "priority_groups" else split_enumeration(text, after)
        if len(items) >= 2:
            return [FoundList(kind, Span(sentence.start, sentence.start + colon,
                                         sentence.text[:colon]), tuple(items))]
    if kind == "measures" and next_sentence is not None and QUANTIFIER.search(sentence.text) \
            and not sentence.text.rstrip().endswith(":"):
        body = _enumeration_prefix(text, next_sentence)
        if body is not None:
            items = split_enumeration(text, body)
            if len(items) >= 3:
                return [FoundList(kind, sentence, tuple(items))]
    return []


#: "Sentrale tema i planen er a, b og c", "Hovudgrepa er a, b og c": the list noun, then the copula.
_COPULA = re.compile(r"\b(?:er|var|blir|vert)\s+(?:blant\s+anna[et]?\s+|mellom\s+anna\s+)?", re.IGNORECASE)
#: "Meldinga skal handle om a, b og c": a document, then what it covers.
_SCOPE_VERB = re.compile(
    r"\b(?:meldingen|meldinga|planen|strategien|strategia|rapporten|utredningen|utgreiinga|"
    r"handlingsplanen|opptrappingsplanen)\s+(?:skal\s+|vil\s+)?(?:blant\s+annet\s+|mellom\s+anna\s+)?"
    r"(?:handle\s+om|handla\s+om|handler\s+om|handlar\s+om|omfatte|omfatta|omfatter|omfattar|"
    r"omhandle|omhandla|omhandler|omhandlar|"
    r"ta\s+for\s+seg|tar\s+for\s+seg|tek\s+for\s+seg|ta\s+opp|tar\s+opp|tek\s+opp)\s+"
    r"(?:blant\s+annet\s+|blant\s+anna\s+|mellom\s+anna\s+)?", re.IGNORECASE)
_SCOPE_VERB_WORDS = CueFilter(_SCOPE_VERB)
#: The definite plural of the theme noun, with the themes in apposition after it ("temaene a, b og c").
_APPOSITION = re.compile(r"^tema(?:ene|a|ane)$", re.IGNORECASE)
#: A verb of scope anywhere before it ("skal omhandle", "tek opp", "drøftar").
_SCOPE_BEFORE = re.compile(
    r"\b(?:omhandl\w*|omfatt\w*|handl(?:e|a|er|ar)\s+om|t(?:a|ar|ek)\s+(?:for\s+seg|opp)|"
    r"drøft\w*|belys\w*|dekk(?:e|er|jer|ar)|gjennomg(?:å|år|ås|åast))\b", re.IGNORECASE)
_SHORT_ITEM_WORDS = 6
_PART_NOUNS = re.compile(r"\b(?:hoved|hovud)(?:grep|mål|satsing|område)\w*|\bsatsn?ings?område\w*|"
                         r"\binnsatsområde\w*|\bfokusområde\w*|\btiltaksområde\w*", re.IGNORECASE)
_CUE_TO_COPULA = 40


def _short_items(text: str, body: Span, least: int) -> list[Span]:
    """An enumeration of at least ``least`` short noun phrases, else nothing."""
    items = split_enumeration(text, body, max_words=_SHORT_ITEM_WORDS)
    whole = len(split_enumeration(text, body, max_words=1000))
    if len(items) < least or len(items) != whole:
        return []
    if any(word.lower() in CLAUSE_WORDS or word.lower() == "å" for it in items for word in it.text.split()):
        return []
    return items


def _copular_enumeration(text: str, sentence: Span, kind: str) -> list[FoundList]:
    """"Sentrale tema i planen er a, b og c": the items after the copula that closely follows a
    noun naming the parts of a plan (not "tiltak", whose copula is followed by descriptions);
    or, for themes, in apposition to the definite noun after a verb of scope ("Planen skal
    omhandle temaene a, b og c")."""
    cue = (THEME_CUES if kind == "themes" else _PART_NOUNS).search(sentence.text)
    if cue is None:
        return []
    copula = _COPULA.search(sentence.text, cue.end(), cue.end() + _CUE_TO_COPULA)
    if copula is None:
        if kind == "themes" and _APPOSITION.match(cue.group()) and _SCOPE_BEFORE.search(sentence.text, 0, cue.start()):
            items = _short_items(text, _body(text, sentence, sentence.start + cue.end()), 3)
            return [FoundList(kind, sentence, tuple(items))] if items else []
        return []
    body = _body(text, sentence, sentence.start + copula.end())
    items = _short_items(text, body, 2 if kind == "themes" else 3)
    return [FoundList(kind, sentence, tuple(items))] if items else []


def may_name_scope(sentence: str) -> bool:
    """False only where ``sentence`` cannot say what a document covers ("Meldinga skal handle
    om ..."): with no kind from ``classify``, that is the only list ``inline_lists`` finds."""
    return _SCOPE_VERB_WORDS.may_match(sentence)


def scope_sentences(sents: Sequence[Span], words: Sequence[frozenset[str] | None]) -> list[int]:
    """The indices of the sentences ``may_name_scope`` lets through, in order; ``words`` are the
    sentences' ``text_words`` (the filter's own answer from the words, made once for every step).
    """
    need = _SCOPE_VERB_WORDS.need
    if need is None:
        return list(range(len(sents)))
    if need.prefixes:
        return [k for k, held in enumerate(words) if held is None or need.met_by(held)]
    needed = need.words   # (the nouns for a document: whole words only, looked up without a call)
    return [k for k, held in enumerate(words) if held is None or not needed.isdisjoint(held)]


def scope_lists(text: str, sentence: Span) -> list[FoundList]:
    """"Meldinga skal handle om a, b og c": a document's own themes in running text (what
    ``inline_lists`` finds in a sentence to which ``classify`` gives no kind)."""
    if not _SCOPE_VERB_WORDS.may_match(sentence.text):
        return []
    verb = _SCOPE_VERB.search(sentence.text)
    if verb is None:
        return []
    items = _short_items(text, _body(text, sentence, sentence.start + verb.end()), 3)
    return [FoundList("themes", sentence, tuple(items))] if items else []


_ENUMERATION_LEAD = re.compile(r"^(?:både|baade|blant annet|mellom anna|bl\.a\.)?\s*", re.IGNORECASE)
_WORD = re.compile(r"[\wæøåÆØÅ-]+")
_WORD_OR_COLON = re.compile(r"[\wæøåÆØÅ-]+|:")


def _enumeration_prefix(text: str, sentence: Span) -> Span | None:
    """"Både a, b og c trekkes frem": the enumerated stretch before the verb."""
    m = _ENUMERATION_LEAD.match(sentence.text)
    start = sentence.start + (m.end() if m else 0)
    words = list(_WORD.finditer(text[start:sentence.end]))
    for w in words:
        token = w.group(0).lower()
        if token in CLAUSE_WORDS or (token.endswith(("es", "ast")) and len(token) > 5 and w.start() > 0):
            end = start + w.start()
            stretch = text[start:end].rstrip()
            if "," in stretch and " og " in f" {stretch} ":
                return Span(start, start + len(stretch), stretch)
            return None
    return None


_ANAPHOR = re.compile(r"^(?:det|dette|dei|de|desse|disse)\s+(?:er|var|blir|vert)\b", re.IGNORECASE)
#: Words after which an enumeration may start in the sentence after its announcement.
_ENUMERATION_OPENERS = frozenset("på om mot til er blir vert med : innføre innføra etablere".split())
_SPEECH_TAIL = re.compile(r",\s+(?:sier|seier|skriv|skriver|sa|meiner|mener)\b.*$")
_COUNT_WORDS = CueFilter(ANNOUNCED_COUNT)


def counted_lists(text: str, sents: list[Span], cued: Iterable[int] | None = None) -> list[FoundList]:
    """Enumerations a neighbouring sentence announces with a count.

    "Vi har valt tre innsatsområde. Vi vil satse på a, b og c." and "a, b og c. Dette er tre
    viktige tema ...": the count must equal the number of items, which is what tells an
    announced enumeration from any sentence with commas in it. ``cued`` are the indices of the
    sentences that may announce one (``list_cues.cue_sentences``: ``classify`` gives every other
    sentence no kind), in order; by default every sentence is asked.
    """
    found: list[FoundList] = []
    for k in range(len(sents)) if cued is None else cued:
        sentence = sents[k]
        if not _COUNT_WORDS.may_match(sentence.text):
            continue
        count_match = ANNOUNCED_COUNT.search(sentence.text)
        if count_match is None or ":" in sentence.text:
            continue  # a colon: the list is in the sentence itself, or follows it
        kind = classify(sentence.text)
        if kind is None:
            continue
        count = COUNTS[count_match.group(1).lower()]
        if _ANAPHOR.match(sentence.text) and k > 0:
            items = split_enumeration(text, _body(text, sents[k - 1], sents[k - 1].start))
            if len(items) == count:
                found.append(FoundList(kind, sentence, tuple(items)))
                continue
        if k + 1 < len(sents):
            items = _enumeration_of(text, sents[k + 1], count)
            if items:
                found.append(FoundList(kind, sentence, tuple(items)))
    return found


def _body(text: str, sentence: Span, start: int) -> Span:
    """The stretch of ``sentence`` from ``start`` without end punctuation or a speech tag."""
    end = sentence.end
    tail = _SPEECH_TAIL.search(text, start, end)
    if tail is not None:
        end = tail.start()
    while end > start and text[end - 1] in ".!?»\"' ":
        end -= 1
    return Span(start, end, text[start:end])


def _enumeration_of(text: str, sentence: Span, count: int) -> list[Span]:
    """An enumeration of exactly ``count`` items in ``sentence``, after a verb or preposition."""
    words = list(_WORD_OR_COLON.finditer(sentence.text))
    first_comma = sentence.text.find(",")
    for w in words:
        if first_comma >= 0 and w.start() > first_comma:
            break
        if w.group(0).lower() not in _ENUMERATION_OPENERS:
            continue
        items = split_enumeration(text, _body(text, sentence, sentence.start + w.end()), max_words=16)
        if len(items) == count and not any(t.lower() in CLAUSE_WORDS for t in items[0].text.split()) \
                and not any(it.text.split()[0].lower() in CLAUSE_WORDS for it in items):
            return items
    return []
