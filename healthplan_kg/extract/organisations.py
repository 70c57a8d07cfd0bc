"""Organisations the reference data does not know, found by the shape of their names.

Norwegian public bodies carry their kind in the last part of the name ("-direktoratet",
"-kommisjonen", "-utvalget", "-tilsynet", "-forbundet", "-foreningen", "Helse X", "X kommune"),
and sub-bodies are named through their parent ("NK LMHs faglige referansegruppe"). Those shapes
are general; everything found here enters the graph unlinked, for a curator to confirm.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from healthplan_kg.extract.anchored import (
    SCAN_AS_WRITTEN,
    SCAN_LOWERED,
    LiteralSet,
    SharedScan,
    WordStartLiterals,
    finditer_at,
    finditer_at_word_start,
    is_word,
)
from healthplan_kg.extract.casefree import lower_case_twin, lowered
from healthplan_kg.extract.lines import LineIndex
from healthplan_kg.extract.text import BULLET, paragraphs
from healthplan_kg.extract.tokens import ARTICLES, CLAUSE_WORDS
from healthplan_kg.model import Span

_BODY_SUFFIX = (r"(?:direktoratet|departementet|kommisjonen|utvalget|utvalet|tilsynet|instituttet|"
                r"forbundet|foreningen|foreninga|foreininga|rådet|etaten|nemnda|nemda|senteret|sekretariatet|"
                r"ombudet|akademiet|universitetet|sykehuset|sjukehuset|helseforetaket|helseføretaket|partiet)")
#: One capitalised word ending in a body suffix, perhaps in the genitive ("Tilsynets",
#: "kommisjonenes"), which ``_GENITIVE`` folds back to the name.
_NAMED_BODY = re.compile(rf"\b[A-ZÆØÅ][\wæøå]*{_BODY_SUFFIX}(?:e?s)?\b")
_GENITIVE = re.compile(rf"({_BODY_SUFFIX})e?s$")
_MULTIWORD_KINDS = ("kommune", "fylkeskommune", "HF", "RHF", "SF", "universitetssykehus", "sykehus", "sjukehus",
                    "AS", "ASA")
_MULTIWORD_BODY = re.compile(rf"\b(?:[A-ZÆØÅ][\wæøå-]+\s+){{1,3}}(?:{'|'.join(_MULTIWORD_KINDS)})\b")
#: Health trusts, state offices and colleges named by a fixed first word ("Helse Bergen",
#: "Statsforvalteren i Vestland", "Høgskulen på Vestlandet").
#: A second place joined by "og" ("i Oslo og Viken") is part of the name, unless it is itself a
#: body ("... og Kreftforeininga") or opens a longer name ("... og Helse Bergen").
_FIXED_HEAD_BODY = re.compile(
    r"\b(?:Helse\s+(?!ASA?\b)[A-ZÆØÅ][\wæøå]+(?:-[A-ZÆØÅ][\wæøå]+)?(?:\s+(?:HF|RHF))?|"
    r"(?:Statsforvalteren|Statsforvaltaren|Fylkesmannen|Universitetet|Høgskulen|Høgskolen)\s+(?:i|på)\s+"
    rf"[A-ZÆØÅ][\wæøå]+(?:\s+og\s+(?![\wæøå]*{_BODY_SUFFIX}\b|Helse\b)[A-ZÆØÅ][\wæøå]+\b(?!\s+[A-ZÆØÅ]))?)")
#: A credit line in a page's footer, before the company that made or runs the site.
_CREDIT = re.compile(r"(?:©|\b(?:laget|laga|levert|utviklet|utvikla|designet|design|drevet|driven|driftet|"
                     r"produsert|publisert|levert)\s+(?:av|by)\s*)$|©", re.IGNORECASE)
#: A photo or illustration credit: the names after it are credits, not mentions.
_PHOTO_CREDIT = re.compile(r"\b(?:Foto|Fotograf|Illustrasjon|Illustrasjonsfoto|Bilde|Photo|Grafikk)\s*:",
                           re.IGNORECASE)
#: "område" (area) ends like "råd" (council); "forslag" and "grunnlag" like "lag".
_AREA = re.compile(r"(?:områd(?:e|et|a|ene|a)?|forslag|grunnlag)s?$", re.IGNORECASE)
#: Head nouns of things that are defined with an acronym like bodies are, but are not bodies.
_NOT_A_BODY = re.compile(r"(?:register|registeret|registret|ordning|ordningen|ordninga|program|programmet|"
                         r"system|systemet|database|databasen|modell|modellen)$", re.IGNORECASE)
_ACRONYM_DEFINITION = re.compile(r"\(([A-ZÆØÅ][A-ZÆØÅa-zæøå]{1,7}(?:\s[A-ZÆØÅ]{2,5})?)\)")
_LEADING_WORDS = {"ved", "i", "for", "og", "det", "den", "til", "fra", "frå", "hos", "både", "med", "av", "på",
                  "mens", "når", "etter", "før", "under", "over", "mot", "som", "om", "men", "at"}
_MINOR_WORDS = {"og", "for", "i", "av", "med", "innen", "innan", "til", "på", "ved", "om", "de", "dei", "den", "det"}
_SUB_BODY_NOUNS = (r"(?:referansegruppe|referansegruppa|referansegruppen|brukerråd|brukarråd|brukerrådet|"
                   r"brukarrådet|fagråd|fagrådet|styre|styret|arbeidsgruppe|arbeidsgruppa|arbeidsgruppen|"
                   r"ekspertgruppe|ekspertgruppa|ekspertgruppen|styringsgruppe|styringsgruppa|"
                   r"styringsgruppen|prosjektgruppe|prosjektgruppa|ledergruppe|leiargruppe|nettverk|nettverket|"
                   r"råd|rådet|utvalg|utval)")
#: (A secretariat is left out: "NTFs sekretariat" is the body's own staff, not a body of its own.)
_ADJECTIVES = r"(?:[a-zæøå]+e\s+){0,2}"


@dataclass(frozen=True)
class FoundBody:
    label: str
    span: Span
    head: str           # the body noun, for later definite references ("referansegruppa")


def _automaton(words, scan: SharedScan) -> LiteralSet:
    """The words, each with its length, searched with the other literals of ``scan``."""
    return scan.literal_set((word, len(word)) for word in words)


_SUFFIXES = _automaton(_BODY_SUFFIX[3:-1].split("|"), SCAN_AS_WRITTEN)
_KINDS = _automaton(_MULTIWORD_KINDS, SCAN_AS_WRITTEN)


def _word_start(text: str, pos: int) -> int:
    while pos > 0 and is_word(text[pos - 1]):
        pos -= 1
    return pos


def _word_ends_at(text: str, pos: int) -> bool:
    """``\\b`` after a word character at ``pos``: no word character follows."""
    return pos >= len(text) or not is_word(text[pos])


def _ends_word(text: str, pos: int) -> bool:
    """Whether the word ends at ``pos``, or after a genitive "s"/"es" there (``(?:e?s)?\\b``)."""
    if _word_ends_at(text, pos):
        return True
    if text.startswith("s", pos):
        return _word_ends_at(text, pos + 1)
    return text.startswith("es", pos) and _word_ends_at(text, pos + 2)


def _named_body_starts(text: str) -> list[int]:
    """Where ``_NAMED_BODY`` can match: a match is one whole word that ends in a body suffix
    (perhaps with a genitive ending), so it starts where such a word starts."""
    return sorted({_word_start(text, end - length + 1) for end, length in _SUFFIXES.iter(text)
                   if _ends_word(text, end + 1)})


def _multiword_body_starts(text: str) -> list[int]:
    """Where ``_MULTIWORD_BODY`` can match: at a word start (after a non-word character) within
    the one to three space-separated words of word characters and hyphens before a kind word
    ("Oslo kommune", "Helse Møre og Romsdal HF")."""
    starts: set[int] = set()
    for end, length in _KINDS.iter(text):
        if not _word_ends_at(text, end + 1):
            continue        # "kommunen", "kommunesektoren": the pattern's kind word ends a word
        pos = end - length + 1
        for _ in range(3):
            if pos == 0 or not text[pos - 1].isspace():
                break
            while pos > 0 and text[pos - 1].isspace():
                pos -= 1
            word_end = pos
            while pos > 0 and ((before := text[pos - 1]).isalnum() or before in "_-"):   # is_word or "-"
                pos -= 1
            if pos < word_end:
                # the word starts inside the stretch: its first character, and after each hyphen
                starts.add(pos)
                hyphen = text.find("-", pos, word_end - 1)
                while hyphen >= 0:
                    starts.add(hyphen + 1)
                    hyphen = text.find("-", hyphen + 1, word_end - 1)
    return sorted(starts)


#: The words ``_FIXED_HEAD_BODY`` opens with.
_FIXED_HEADS = ("Helse", "Statsforvalteren", "Statsforvaltaren", "Fylkesmannen", "Universitetet", "Høgskulen",
                "Høgskolen")
_FIXED_HEAD_WORDS = WordStartLiterals(_FIXED_HEADS, SCAN_AS_WRITTEN)


def _fixed_head_starts(text: str) -> list[int]:
    """Where ``_FIXED_HEAD_BODY`` can match: where one of its first words starts a word."""
    return _FIXED_HEAD_WORDS.starts(text)


class _CreditLines(LineIndex):
    """The lines of one text (``LineIndex``) and where its photo credits stand, found once.

    "Is there a photo credit earlier on this line?" was a search of the line up to each
    candidate name: quadratic in the length of a line (a text on one long line, an HTML page
    read as one). With every line break and credit found in one pass, it is a binary search:
    the credit that ends last at or before the name must start on the name's line.
    """

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._credits: tuple[list[int], list[int]] | None = None

    def credited_before(self, pos: int) -> bool:
        """``_PHOTO_CREDIT.search(text[line_start(pos):pos])``: a credit opens the line before
        ``pos``. Credits never overlap (each ends at its colon), so the whole text's credits
        are the line's, and one that fits before ``pos`` on the line is the last to end by it."""
        if self._credits is None:
            self._credits = _photo_credits(self.text)
        starts, ends = self._credits
        i = bisect_right(ends, pos) - 1
        return i >= 0 and starts[i] >= self.line_start(pos)


@lru_cache(maxsize=4)
def _photo_credits(text: str) -> tuple[list[int], list[int]]:
    """The starts and ends of ``_PHOTO_CREDIT.finditer(text)``, found from the colons (cached:
    the shaped and the named bodies of one text both ask; the lists are only read).

    A credit is one word (a whole word: it opens with ``\\b`` and ends before a space or the
    colon), spaces, then a colon, so the only credit a colon can close is the run of word
    characters before its spaces; trying the pattern there for each colon is the pattern
    searched for at every word, without the search (slow for a pattern with IGNORECASE and
    no literal start). Credits cannot overlap: no colon stands inside one.
    """
    starts: list[int] = []
    ends: list[int] = []
    colon = text.find(":")
    while colon >= 0:
        word_end = colon
        while word_end > 0 and text[word_end - 1].isspace():
            word_end -= 1
        start = word_end
        while start > 0 and is_word(text[start - 1]):
            start -= 1
        if start < word_end:
            m = _PHOTO_CREDIT.match(text, start)
            if m is not None and m.end() == colon + 1:
                starts.append(start)
                ends.append(colon + 1)
        colon = text.find(":", colon + 1)
    return starts, ends


def find_named_bodies(text: str) -> list[FoundBody]:
    """Bodies named by the shape of their name alone."""
    found = []
    lines = _CreditLines(text)
    # The patterns are tried only where a match can start (see the *_starts functions): the
    # same matches as a full search, without trying the pattern at every word.
    for pattern, starts in ((_NAMED_BODY, _named_body_starts(text)),
                            (_MULTIWORD_BODY, _multiword_body_starts(text)),
                            (_FIXED_HEAD_BODY, _fixed_head_starts(text))):
        for m in finditer_at(pattern, text, starts):
            start = m.start()
            # A capitalised word that opens the sentence is not part of the name ("Ved Oslo kommune").
            lead = re.match(r"(?:[A-ZÆØÅ][a-zæøå]*\s+)", m.group(0))
            if lead and lead.group(0).strip().lower() in _NOT_LEADING:
                start += lead.end()
            label = _GENITIVE.sub(r"\1", text[start:m.end()]) if pattern is _NAMED_BODY else text[start:m.end()]
            if _AREA.search(label):
                continue        # "Bergensområdet" ends in "-rådet" but names an area
            if (label.endswith(" AS") or label.endswith(" ASA")) \
                    and _CREDIT.search(text[lines.line_start(start):start]):
                continue        # "Sidene er laga av X AS": the site's maker, not a body in the text
            if lines.credited_before(start):
                continue
            if len(label.split()) >= 1 and label[:1].isupper():
                found.append(FoundBody(label, Span(start, m.end(), text[start:m.end()]), label.split()[-1]))
    return _longest(found)


def _longest(found: list[FoundBody]) -> list[FoundBody]:
    """The bodies not inside a longer one ("Universitetssykehuset Nord-Norge HF", not also
    "Universitetssykehuset"), in text order."""
    kept: list[FoundBody] = []
    furthest = -1       # sorted by start, a span ending before the furthest end lies inside a kept one
    for body in sorted(found, key=lambda b: (b.span.start, -b.span.end)):
        if body.span.end <= furthest:
            continue
        kept.append(body)
        furthest = body.span.end
    return kept


def find_sub_bodies(text: str, parent_spans: list[Span]) -> list[FoundBody]:
    """"PARENTs faglige referansegruppe": a body named through a parent found before."""
    found = []
    for parent in parent_spans:
        if not parent.text.endswith("s"):
            continue
        m = re.compile(rf"\s+{_ADJECTIVES}({_SUB_BODY_NOUNS})\b").match(text, parent.end)
        if m:
            label = text[parent.start:m.end()]
            found.append(FoundBody(label, Span(parent.start, m.end(), label), _stem(m.group(1))))
    return found


def _stem(noun: str) -> str:
    for ending in ("en", "et", "a"):
        if noun.endswith(ending) and len(noun) > 6:
            return noun[: -len(ending)]
    return noun


def definite_forms(head: str) -> set[str]:
    """The definite forms a later sentence uses for a body noun ("referansegruppa")."""
    stem = _stem(head.lower())
    return {stem + e for e in ("en", "a", "et", "")}


def find_acronym_definitions(text: str) -> list[FoundBody]:
    """"Funksjonshemmedes Fellesorganisasjon (FFO)": a name defined with its acronym.

    The name is the shortest run of words before the parenthesis whose initials spell the
    acronym in order (the Schwartz-Hearst heuristic), so only a real definition is taken.
    """
    found = []
    for m in _ACRONYM_DEFINITION.finditer(text):
        acronym = m.group(1).replace(" ", "")
        letters = [c.lower() for c in acronym if c.isalpha()]
        words = list(re.finditer(r"[\wæøåÆØÅ-]+", text[max(0, m.start() - 150):m.start()]))
        offset = max(0, m.start() - 150)
        if not words or not letters:
            continue
        for size in range(1, min(len(words), 2 * len(letters) + 2) + 1):
            run = words[-size:]
            if not run[0].group(0)[:1].isupper() or run[0].group(0).lower() in _MINOR_WORDS:
                continue
            if _spells(letters, [w.group(0) for w in run]):
                if _NOT_A_BODY.search(run[-1].group(0)):
                    break       # "Norsk pasientregister (NPR)": a register, not a body
                start, end = offset + run[0].start(), offset + run[-1].end()
                found.append(FoundBody(text[start:end], Span(start, end, text[start:end]), acronym))
                break
    return found


def _spells(letters: list[str], words: list[str]) -> bool:
    """Do the words' initials (and the letters inside compounds) give the acronym in order?"""
    if words[0][0].lower() != letters[0]:
        return False
    joined = " ".join(words).lower()
    pos = 0
    for letter in letters:
        pos = joined.find(letter, pos)
        if pos < 0:
            return False
        pos += 1
    significant = [w for w in words if w.lower() not in _MINOR_WORDS]
    return len(significant) <= len(letters) + 1


# -- names closed by an indefinite kind word, or by a kind word and its "for" complement ------

#: Kind words that close a proper name in any form ("Norsk Ergoterapeutforbund", "Den norske
#: tannlegeforening", "Landsforeningen for ..."), stems without their definite ending. The first
#: group names a body whatever its case; the second only when the kind word is itself
#: capitalised, because the same word is also a common noun ("råd" is advice, "lag" a team).
_PLAIN_KINDS = ("forbund", "forening", "foreining", "organisasjon", "institutt", "universitet",
                "høgskole", "høgskule", "direktorat", "tilsyn", "byrå", "akademi", "departement",
                "sykehus", "sjukehus", "senter", "etat", "kommisjon", "utvalg", "utval", "nemnd", "styre")
_CAPITAL_KINDS = ("lag", "råd", "forum", "parti", "aksjon")
_DEFINITE_ENDINGS = ("", "et", "en", "a", "a", "i", "e")
_KIND_WORD = re.compile(
    r"[\wæøå-]*?(?P<kind>" + "|".join(sorted(_PLAIN_KINDS + _CAPITAL_KINDS, key=len, reverse=True)) +
    r")(?P<ending>et|en|a|i|e)?(?P<genitive>s)?", re.IGNORECASE)


#: ``_KIND_WORD`` without IGNORECASE, for a word's lower case.
_KIND_WORD_LOWER = lower_case_twin(_KIND_WORD)


def _kind_word_match(word: str) -> re.Match[str] | None:
    """``_KIND_WORD.fullmatch(word)``, matched in the word's lower case where that answers the
    same (``casefree.lowered``; the groups are then in lower case: callers lower the kind and
    ask only whether a genitive is there). IGNORECASE made it the dearest check of a candidate."""
    low = lowered(word)
    if low is None or _KIND_WORD_LOWER is None:
        return _KIND_WORD.fullmatch(word)
    return _KIND_WORD_LOWER.fullmatch(low)


_WORD = re.compile(r"[\wæøåÆØÅ]+(?:-[\wæøåÆØÅ]+)*-?")
#: Words that open a sentence without being part of any name ("Alle universitet ...").
_NOT_NAME_WORDS = {"alle", "flere", "fleire", "mange", "noen", "nokre", "ulike", "andre", "hvert", "kvart",
                   "ethvert", "et", "ein", "eit", "en", "ei", "ny", "nytt", "nye", "dette", "denne", "disse",
                   "desse", "vårt", "vår", "våre", "hvilket", "kva", "hva", "eget", "eige", "sitt", "sin",
                   "hans", "hennes", "hennar", "deres", "deira", "store", "små", "private", "offentlige",
                   "offentlege", "regionale", "lokale", "kommunale", "statlige", "statlege", "nasjonale",
                   "slike", "samme", "same", "begge", "både", "hele", "heile", "norske", "dagens",
                   *_LEADING_WORDS}
#: Capitalised only because they open a sentence, never part of a name.
_SENTENCE_ADVERBS = {"ifølge", "ifølgje", "blant", "mellom", "gjennom", "uten", "utan", "sammen", "saman",
                     "også", "dessuten", "derfor", "difor", "likevel", "samtidig", "dermed", "her", "der",
                     "nå", "no", "da", "då", "først", "fyrst", "senere", "seinare", "tidligere", "tidlegare",
                     "hos", "via", "takket", "takka", "ifra", "sjølv", "selv", "ogso", "kun", "berre", "bare"}
#: Capitalised words that open a sentence, not a name (one set, not a union made per match).
_NOT_LEADING = frozenset(_LEADING_WORDS | _NOT_NAME_WORDS | _SENTENCE_ADVERBS)
_NATIONAL_LEADERS = {"Den", "Det", "Nasjonalt", "Nasjonal", "Norsk", "Norges", "Noregs", "Statens"}
#: Definite genitives of common nouns ("Regjeringens", "Helsedirektoratets"): what follows is
#: something the body has ("Regjeringens råd" is advice), not part of its name.
_DEFINITE_GENITIVE = re.compile(r"(?:ens|ets|enes|anes|as|ane|ene)$")
_ADJECTIVE = re.compile(r"[a-zæøå]+(?:-[a-zæøå]+)*(?:e|isk|ig|lig|leg)$")
#: Words that may stand before the noun of a complement: adjectives and participles
#: ("psykisk", "sosial", "kulturell", "rusforebyggende", "slagrammede").
_COMPLEMENT_MODIFIER = re.compile(r"[a-zæøå-]+(?:e|sk|ig|lig|leg|al|ell|iv|ær|ent)")
#: Nouns of action, which take an "av" object inside a name ("utvikling av", "gjennomgang av").
_ACTION_NOUN = re.compile(r"(?:ing|gang|else|sjon|asjon)$")
_COMPLEMENT_STOP = {"å", "at", "og", "eller", "som", "med", "til", "av", "på", "i", "om", "fra", "frå", "ved",
                    "mot", "under", "over", "etter", "før", *CLAUSE_WORDS, *ARTICLES}

#: Words that follow a verb, not a noun: a complement word before one of them is the clause's verb.
_VERB_PARTICLES = {"seg", "opp", "ut", "inn", "fram", "frem", "under", "sammen", "også", "òg", "ikke", "ikkje",
                   *ARTICLES}


def _words(text: str) -> list[re.Match[str]]:
    return list(_WORD.finditer(text))


_OPENING_MARKS = frozenset(" \t«\"“(–—-")


def _sentence_initial(text: str, pos: int) -> bool:
    """Whether only opening marks stand between ``pos`` and the end of the previous sentence (a
    backward walk, not a copy of everything before ``pos``: this runs once per candidate)."""
    i = pos - 1
    while i >= 0 and text[i] in _OPENING_MARKS:
        i -= 1
    return i < 0 or text[i] in ".!?:\n"


@lru_cache(maxsize=4)
def _word_runs(text: str) -> frozenset[str]:
    """Every maximal run of word characters in ``text``, as written (one pass per text)."""
    return frozenset(re.findall(r"\w+", text))


def _only_capitalised_at_start(text: str, word: str, pos: int) -> bool:
    """A sentence-initial word that the text otherwise writes in lower case is a common word."""
    if not _sentence_initial(text, pos):
        return False
    return _written_in_lower_case(text, word.lower())


@lru_cache(maxsize=1024)
def _written_in_lower_case(text: str, lower: str) -> bool:
    """Whether ``lower`` stands in ``text`` as a word of its own. Cached: one search per distinct
    word and text, so a long text with the same leader on every page is not searched each time."""
    if re.fullmatch(r"\w+", lower):
        return lower in _word_runs(text)
    if lower[:1] and is_word(lower[0]):
        # searched by its literal start, the boundary tested where it is found (far faster)
        return next(finditer_at_word_start(re.compile(rf"{re.escape(lower)}\b"), text), None) is not None
    return re.search(rf"\b{re.escape(lower)}\b", text) is not None


def _modifier_start(text: str, words: list[re.Match[str]], index: int) -> int | None:
    """The index of the first word of the capitalised modifiers before ``words[index]``: up to
    three words, each capitalised, an acronym, a lower-case adjective after a capitalised word
    ("Noregs arktiske"), or a hyphen coordination ("miljø- og biovitenskapelige")."""
    first = None
    i = index - 1
    taken = 0
    while i >= 0 and taken < 4:
        word, gap = words[i].group(0), text[words[i].end():words[i + 1].start()]
        if gap not in (" ", "") or "\n" in gap:
            break
        if word.lower() in ("og", "eller") and i >= 1 and words[i - 1].group(0).endswith("-"):
            i -= 1
            taken += 1
            continue
        lower_allowed = not words[index].group(0)[:1].isupper()   # "Noregs arktiske universitet"
        if word[:1].isupper() or (lower_allowed and (word.endswith("-") or _ADJECTIVE.fullmatch(word))):
            national = word in ("Den", "Det") and words[i + 1].group(0) == "norske"
            if word[:1].isupper() and (word.lower() in _NOT_NAME_WORDS or word.lower() in CLAUSE_WORDS) \
                    and not national:
                break
            if word[:1].isupper():
                first = i
            i -= 1
            taken += 1
            continue
        break
    return first


def _complement_end(text: str, words: list[re.Match[str]], index: int) -> int | None:
    """The last word of a "for" complement after ``words[index]`` ("for Hjerte- og lungesyke"),
    or None: one to five words, a hyphen coordination kept whole, ended by punctuation, a clause
    word, a preposition or an "og" that starts the next item."""
    k = index + 1
    if k >= len(words) or words[k].group(0) != "for" or text[words[index].end():words[k].start()] != " ":
        return None
    last = None
    k += 1
    while k < len(words) and k - index <= 6:
        word, gap = words[k].group(0), text[words[k - 1].end():words[k].start()]
        if gap != " ":
            break
        low = word.lower()
        if low in ("og", "eller") and words[k - 1].group(0).endswith("-"):
            k += 1
            continue
        if low in ("innen", "innan") and last is not None:
            k += 1
            continue
        if low == "av" and last == k - 1 and _ACTION_NOUN.search(words[last].group(0).lower()):
            k += 1              # "for gjennomgang av legevakten"
            continue
        if low in _COMPLEMENT_STOP or word.isdigit():
            break
        if last is not None and not words[last].group(0).endswith("-") \
                and not _COMPLEMENT_MODIFIER.fullmatch(words[last].group(0).lower()) \
                and words[k - 1].group(0).lower() not in ("innen", "innan", "og", "eller", "av"):
            break               # the complement's noun came last: "for klinisk medisin deltok"
        if last is not None and k + 1 < len(words) and words[k + 1].group(0).lower() in _VERB_PARTICLES \
                and text[words[k].end():words[k + 1].start()] == " ":
            break               # "for slagrammede skrev under": a verb and its particle
        last = k
        k += 1
    if last is not None and words[last].group(0).lower() in ("innen", "innan"):
        last -= 1
    return last


def find_shaped_bodies(text: str) -> list[FoundBody]:
    """Bodies whose name ends in a kind word or a kind word with its "for" complement.

    "Norsk Ergoterapeutforbund", "Noregs Mållag", "Den norske tannlegeforening", "Sosialistisk
    Venstreparti", "Landsforeningen for Hjerte- og lungesyke", "Nasjonalt senter for
    distriktsmedisin", "Arbeids- og inkluderingsdepartementet": the kind word says what the
    name is, the capitals before it (or its complement) that it is a name and not a class
    ("et senter for ...", "alle universitet"). A genitive "-s" is folded away, so
    "Ergoterapeutforbunds" and "Ergoterapeutforbund" are one body.
    """
    lines = _CreditLines(text)
    found: list[FoundBody] = []
    taken_until = -1
    for words, index in _kind_words(text):
        m = words[index]
        word = m.group(0)
        if m.start() < taken_until:
            continue
        kind_match = _kind_word_match(word)
        if kind_match is None:
            continue
        kind = kind_match.group("kind").lower()
        if _AREA.search(word):
            continue
        capital_kind = word[:1].isupper()
        if kind in _CAPITAL_KINDS and not capital_kind:
            continue
        first = _modifier_start(text, words, index)
        last = _complement_end(text, words, index)
        if first is not None and words[first].group(0).lower() in _SENTENCE_ADVERBS:
            # "Ifølge Legeforeningen", "Derfor Norsk ...": an adverb opening the sentence.
            first = next((j for j in range(first + 1, index) if words[j].group(0)[:1].isupper()), None)
        if first is not None:
            leader = words[first].group(0)
            single = first == index - 1 or all(not w.group(0)[:1].isupper() for w in words[first + 1:index])
            # "Den norske ..." (the only way "Den" is let in) and the national adjectives and
            # genitives that open names even at the start of a sentence ("Nasjonalt e-helsestyre").
            national = leader in _NATIONAL_LEADERS
            common_leader = not national and (_DEFINITE_GENITIVE.search(leader) is not None or (
                single and _only_capitalised_at_start(text, leader, words[first].start())))
            if common_leader and not capital_kind and last is None:
                first = None
        start_index = first
        # "Landsforeningen for ...": a capitalised kind word with its complement, unless a word
        # also used as a common noun merely opens the sentence ("Rådet for" is a name, but a
        # sentence-initial "Forslag for" is not, and "lag" is in both).
        if start_index is None and capital_kind and last is not None and (
                kind not in _CAPITAL_KINDS or not _sentence_initial(text, m.start()) or kind == "råd"):
            start_index = index
        hyphen = _hyphen_coordinated(text, words, index)
        if start_index is None and hyphen is not None:
            start_index = hyphen
        if start_index is None:
            continue
        if start_index == index and last is None:
            continue            # a single capitalised word: _NAMED_BODY's job
        if lines.credited_before(m.start()):
            continue
        end_index = last if last is not None else index
        if last is None and not kind_match.group("genitive"):
            end_index = _place_end(text, words, index)
        start, end = words[start_index].start(), words[end_index].end()
        quoted_end = _quoted_end(text, start, end)
        if quoted_end is not None:
            end = quoted_end    # «Aksjonen for trygg omsorg»: the quotes say where the name ends
        label = text[start:end]
        if last is None and kind_match.group("genitive") and quoted_end is None:
            label = label[:-1]
        found.append(FoundBody(label, Span(start, end, text[start:end]), kind))
        taken_until = end
    return found


_KIND_STEMS = _automaton((w.lower() for w in _PLAIN_KINDS + _CAPITAL_KINDS), SCAN_LOWERED)


_match_end = re.Match.end


def _kind_word_candidates(text: str, words: list[re.Match[str]]) -> list[int] | range:
    """The indexes of the words that can be kind words (``_KIND_WORD`` matches a word only if it
    holds a kind stem), ascending: one Aho-Corasick pass over the lower-cased text instead of the
    pattern tried on every word. Every word, where lower-casing would not keep offsets or the
    regex engine's case rules (``casefree.lowered``)."""
    low = lowered(text)
    if low is None:
        return range(len(words))
    found: list[int] = []
    for end_index, _ in _KIND_STEMS.iter(low):
        # the word holding the stem's last character: the first word ending after it
        index = bisect_right(words, end_index, key=_match_end)
        if index < len(words) and words[index].start() <= end_index and (not found or found[-1] != index):
            found.append(index)
    return sorted(set(found))


#: After a kind stem, what ``_KIND_WORD`` lets end the word: a definite ending, a genitive "s",
#: then no word character or hyphen (a word, ``_WORD``, never stops before either unless it ends
#: with a hyphen, and then ``_KIND_WORD`` cannot take it whole).
_KIND_TAIL = re.compile(r"(?:et|en|a|i|e)?s?(?![\w-])")
#: A character no word (``_WORD``) holds: the word list read from just after one is the text's.
_HARD_SEPARATOR = re.compile(r"[^\w-]")
#: The words ``find_shaped_bodies`` reads around a candidate: up to five before it
#: (``_modifier_start``), up to seven after it (``_complement_end``, ``_place_end``).
_WORDS_BEFORE, _WORDS_AFTER = 5, 7
#: A candidate this far past the words read so far opens a window of its own.
_WINDOW_GAP = 200


class _WordWindow:
    """The words (``_WORD``) of a text from a word boundary on, read only as far as asked.

    Its word list is the text's own from that word on (``_words`` starts a word only after a
    character no word holds), so indexes into it differ from the whole list's by a constant.
    """

    def __init__(self, text: str, start: int) -> None:
        self.start = start
        self.words: list[re.Match[str]] = []
        self._more = _WORD.finditer(text, start)
        self.exhausted = False

    def _read(self, count: int) -> bool:
        """Read ``count`` more words (in one call: a word at a time was most of the cost)."""
        size = len(self.words)
        self.words.extend(islice(self._more, count))
        if len(self.words) < size + count:
            self.exhausted = True
        return len(self.words) > size

    def read_past(self, pos: int, limit: int | None = None) -> bool:
        """Read until a word ends after ``pos``; False when none does, or (with ``limit``) when
        the words read end more than ``limit`` characters before ``pos``."""
        words = self.words
        while not words or words[-1].end() <= pos:
            if limit is not None and words and words[-1].end() + limit < pos:
                return False
            if self.exhausted or not self._read(8):
                return False
        return True

    def index_of(self, pos: int) -> int | None:
        """The index of the word holding ``pos`` (read past it first with ``read_past``)."""
        index = bisect_right(self.words, pos, key=_match_end)
        return index if index < len(self.words) and self.words[index].start() <= pos else None

    def read_to(self, count: int) -> None:
        if len(self.words) < count and not self.exhausted:
            self._read(count - len(self.words))


def _open_window(text: str, pos: int) -> tuple[_WordWindow, int | None]:
    """A window holding the word at ``pos`` and at least ``_WORDS_BEFORE`` words before it (or
    every word before it): started after a hard separator far enough back, further if needed."""
    back = 64
    while True:
        start = 0
        if pos - back > 0:
            separator = _HARD_SEPARATOR.search(text, pos - back - 1, pos)
            if separator is None:
                back *= 2
                continue
            start = separator.end()
        window = _WordWindow(text, start)
        index = window.index_of(pos) if window.read_past(pos) else None
        if start == 0 or (index is not None and index >= _WORDS_BEFORE):
            return window, index
        back *= 2


def _kind_words(text: str) -> Iterator[tuple[list[re.Match[str]], int]]:
    """The words that can be kind words, in text order, each as (a word list, its index there):
    what ``_kind_word_candidates`` gives for the whole word list, without reading every word.

    Why: reading every word of a text was most of ``find_shaped_bodies``' work, though only the
    few words around a kind word are looked at. A stem hit (one Aho-Corasick pass over the
    lower-cased text) counts only where ``_KIND_WORD`` could end with it (``_KIND_TAIL``), and
    the words are read in windows around those hits, each holding the words the checks read
    before and after a candidate (or all there are), so every check answers as on the whole list.
    """
    low = lowered(text)
    if low is None:
        words = _words(text)
        for index in _kind_word_candidates(text, words):
            yield words, index
        return
    ends = sorted({end for end, _ in _KIND_STEMS.iter(low) if _KIND_TAIL.match(low, end + 1)})
    window: _WordWindow | None = None
    last_start = -1
    for end in ends:
        if window is None or not window.read_past(end, _WINDOW_GAP):
            window, index = _open_window(text, end)
        else:
            index = window.index_of(end)
        if index is None:
            continue
        word_start = window.words[index].start()
        if word_start <= last_start:
            continue            # a second stem in the same word
        last_start = word_start
        window.read_to(index + _WORDS_AFTER + 1)
        yield window.words, index


def _quoted_end(text: str, start: int, end: int) -> int | None:
    """The end of a name that stands alone in «» quotes and runs on past ``end``, else None."""
    if start == 0 or text[start - 1] not in "«\"“":
        return None
    close = {"«": "»", '"': '"', "“": "”"}[text[start - 1]]
    stop = text.find(close, end)
    if stop < 0 or stop - start > 90 or "\n" in text[end:stop] or text[start - 1] in text[end:stop]:
        return None
    return stop if stop > end else None


def _place_end(text: str, words: list[re.Match[str]], index: int) -> int:
    """"Ungdomsrådet i Bergen": a body named with its place, one or two capitalised words after
    "i"; else ``index`` itself."""
    k = index + 1
    if k + 1 < len(words) and words[k].group(0) == "i" and text[words[index].end():words[k + 1].start()] == " i " \
            and words[k + 1].group(0)[:1].isupper() and words[k + 1].group(0).lower() not in CLAUSE_WORDS:
        end = k + 1
        if end + 1 < len(words) and words[end + 1].group(0)[:1].isupper() \
                and text[words[end].end():words[end + 1].start()] == " ":
            end += 1
        return end
    return index


def _hyphen_coordinated(text: str, words: list[re.Match[str]], index: int) -> int | None:
    """"Arbeids- og inkluderingsdepartementet": the capitalised first conjunct's index."""
    if index >= 2 and words[index - 1].group(0) in ("og", "eller") and words[index - 2].group(0).endswith("-") \
            and words[index - 2].group(0)[:1].isupper() and not words[index].group(0)[:1].isupper():
        return index - 2
    return None


# -- bodies listed under a heading that says the items are organisations ------------------------

#: An introducing line that says the list below names organisations ("Følgende organisasjoner
#: deltok:", "Høyringsinstansar:"). Members are left out: they are usually people.
_BODY_NOUNS = (r"(?:organisasjon|organisasjonar|organisasjoner|organisasjonene|organisasjonane|høringsinstans|"
               r"høyringsinstans|instanser|instansar|aktører|aktørar|aktørene|aktørane|virksomheter|verksemder|"
               r"samarbeidspartnere|samarbeidspartnarar)[\wæøå]*")
#: The noun must name the items: after "følgende"/"disse" ("Innspill kom fra følgende
#: organisasjoner:") or right before the colon ("Høyringsinstansar:"); "Organisasjonene
#: peker på følgende:" introduces their points, not themselves.
_BODY_LIST_CUE = re.compile(rf"(?:\b(?:følgende|følgjande|disse|desse)\s+(?:[\wæøå-]+\s+)?{_BODY_NOUNS}\b[^:.!?\n]*"
                            rf"|\b{_BODY_NOUNS}\s*):\s*$", re.IGNORECASE)
_ITEM_PARTS = re.compile(r"\s+[-–]\s+|;|/")
_ITEM_WORD = re.compile(r"[\wæøåÆØÅ]+(?:[-'][\wæøåÆØÅ]+)*-?")


def find_listed_bodies(text: str) -> list[FoundBody]:
    """The items of a bulleted list introduced as a list of organisations, each a short name.

    An item may hold more than one name ("Institutt for X; NMBU", "FHI/Senter for Y") or a
    gloss after a dash ("LMI - bransjeforeningen for ..."); its parts are names when they open
    with a capital, are short and hold no clause word. An acronym in parentheses is an alias and
    left to the acronym rule.
    """
    cue_places = _body_noun_places(text)
    if cue_places == []:
        return []               # no body noun, so no cue: the lines need not be found
    paras = paragraphs(text)
    found: list[FoundBody] = []
    for i, para in enumerate(paras):
        if para.bullet or (cue_places is not None and not _holds_one(cue_places, para.span)) \
                or not _BODY_LIST_CUE.search(para.span.text):
            continue
        for item in paras[i + 1:]:
            if not item.bullet:
                break
            found.extend(_item_names(text, item.span))
    return found


_BODY_NOUN_WORDS = WordStartLiterals(_BODY_NOUNS[3:-len(")[\\wæøå]*")].split("|"), SCAN_LOWERED)


def _body_noun_places(text: str) -> list[int] | None:
    """Where a body noun starts in ``text`` (a cue names one), in one pass of the lower-cased
    text, so the cue pattern is tried only on the lines that hold one; None where lower-casing
    would not keep offsets or case rules (``casefree.lowered``): then every line is tried."""
    low = lowered(text)
    if low is None:
        return None
    return _BODY_NOUN_WORDS.starts(text, low)


def _holds_one(places: list[int], span: Span) -> bool:
    i = bisect_left(places, span.start)
    return i < len(places) and places[i] < span.end


def _item_names(text: str, item: Span) -> list[FoundBody]:
    marker = BULLET.match(item.text)
    start = item.start + (marker.end() if marker else 0)
    end = item.end
    paren = text.find("(", start, end)
    if paren >= 0:
        end = paren
    names = []
    pos = start
    for part in [*_ITEM_PARTS.finditer(text[start:end]), None]:
        part_end = start + part.start() if part else end
        names.append((pos, part_end))
        pos = start + part.end() if part else end
        if part is None:
            break
    if len(names) > 1 and _ITEM_PARTS.search(text[start:end]).group(0).strip() in ("-", "–"):
        names = names[:1]       # "LMI - bransjeforeningen for ...": the name, then its gloss
    out = []
    for a, b in names:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1] in " \t,.:":
            b -= 1
        words = _ITEM_WORD.findall(text[a:b])
        if not words or not words[0][:1].isupper() or len(words) > 7 \
                or any(w.lower() in CLAUSE_WORDS for w in words) or any(w.isdigit() for w in words):
            continue
        out.append(FoundBody(text[a:b], Span(a, b, text[a:b]), words[-1]))
    return out
