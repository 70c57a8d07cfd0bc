"""Policy documents named in running text that carry no official identifier.

Plans, strategies, guidelines, reforms, white papers and reports are named by a head noun with
modifiers ("ny strategi om helsekompetanse", "veileder for samarbeid mellom fastleger og
sykehus", "opptrappingsplan psykisk helse", "bo trygt hjemme-reformen",
"distrikts- og helsereform i Nord-Noreg"). The rules here find the head, then widen
the phrase left over its modifiers and right over its complement, stopping where a clause or the
next listed name begins. A bare definite head ("planen") is an anaphor, not a new document.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from healthplan_kg.extract.anchored import SCAN_LOWERED
from healthplan_kg.extract.casefree import CaselessCue, lowered
from healthplan_kg.extract.tokens import (
    ARTICLES,
    CLAUSE_WORDS,
    COMPLEMENT_PREPOSITIONS,
    LightToken,
    light_tokenize,
)
from healthplan_kg.model import Span

#: Head noun stems and the contract document kind they name.
HEADS: dict[str, str] = {
    "handlingsplan": "plan", "opptrappingsplan": "plan", "strategiplan": "plan", "plan": "plan",
    "strategi": "strategy", "veileder": "guideline", "rettleiar": "guideline",
    "retningslinje": "guideline", "reform": "other", "melding": "white_paper",
    "rapport": "report", "utredning": "nou", "utgreiing": "nou", "forskrift": "law",
    "proposisjon": "proposition", "lov": "law", "høringsnotat": "other", "høyringsnotat": "other",
    "avtale": "other",
    "statsbudsjett": "other", "nasjonalbudsjett": "other", "tildelingsbrev": "letter",
    "høringssvar": "letter", "høyringssvar": "letter", "mandat": "other",
    "oppdragsdokument": "other", "styringsdokument": "other",
}
_ANY_HEAD = re.compile("|".join(sorted(HEADS, key=len, reverse=True)), re.IGNORECASE)
_HAS_HEAD = CaselessCue(_ANY_HEAD)
_HEAD = re.compile(
    r"^(?P<prefix>[\wæøå-]*?)(?P<head>" + "|".join(sorted(HEADS, key=len, reverse=True)) +
    r")(?P<ending>ene|ane|en|et|a|er|ar)?$", re.IGNORECASE)
#: Compound heads too generic to name a document on their own ("en stortingsmelding").
_GENERIC_COMPOUNDS = {"stortingsmelding", "handlingsplan", "tiltaksplan", "arbeidsplan", "prosjektplan",
                      "årsrapport", "statusrapport", "delrapport", "sluttrapport", "strategi", "plan",
                      "melding", "rapport", "utredning", "utgreiing", "veileder", "rettleiar",
                      "retningslinje", "reform", "forskrift", "proposisjon", "lovproposisjon", "lov",
                      "høringsnotat", "høyringsnotat", "avtale", "samarbeidsavtale", "statsbudsjett",
                      "tildelingsbrev", "oppdragsdokument", "styringsdokument", "nasjonalbudsjett",
                      "høringssvar", "høyringssvar", "mandat"}
#: Compounds with a document head that name no policy document: a press release, feedback, a
#: notification, an everyday agreement.
_NOT_DOCUMENTS = {"pressemelding", "tilbakemelding", "innmelding", "utmelding", "påmelding",
                  "bekymringsmelding", "avviksmelding", "sykmelding", "sjukmelding", "feilmelding",
                  "forlov", "tjenesteavtale", "tenesteavtale", "arbeidsavtale", "leieavtale"}
#: Heads whose compound alone names one document even indefinite and in lower case ("en
#: tillitsreform", "ny apoteklov", "helseberedskapsmelding"); a plan, report or agreement
#: compound alone ("langtidsplan") names a kind of document.
_SELF_NAMING_HEADS = {"reform", "melding", "strategi", "lov"}
#: Adverbs that end a noun phrase ("høringssvar fra X her").
_ADVERBS = {"her", "idag", "snart", "derfor", "difor", "likevel", "dessverre"}
_COMPLEMENT_OPENERS = ("for", "om", "til", "innen", "innan", "mot")
#: Documents named by who sent them ("høringssvar fra Legeforeningen").
_FROM_NAMED = {"høringssvar", "høyringssvar"}
#: Heads that name a law or regulation: a date and number may stand between the head and its
#: complement ("forskrift 1. mars 2031 nr. 12 om ...").
_STATUTE_HEADS = {"lov", "forskrift"}
_STATUTE_DATE = re.compile(
    r"\d{1,2}\.\s*(?:januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember)"
    r"\s+\d{4}(?:\s+nr\.\s*\d+)?", re.IGNORECASE)
#: Words that open a descriptive complement, not a name ("strategi for å ...", "planen for hvordan").
_DESCRIPTIVE_OPENERS = {"å", "at", "hvordan", "korleis", "hvorfor", "kvifor", "hva", "kva", "om", "hvor", "kor"}
_LEFT_MODIFIERS = {"ny", "nye", "nytt", "nasjonal", "nasjonale", "nasjonalt", "regjeringens", "regjeringas",
                   "regional", "regionale", "regionalt", "faglig", "faglige", "fagleg", "faglege",
                   "felles", "samla", "samlet", "helhetlig", "heilskapleg", "revidert", "oppdatert", "første",
                   "fyrste", "andre", "neste"}
#: "etter planen" means "as planned", not a reference to a plan.
_IDIOM = re.compile(r"\better\s+planen$", re.IGNORECASE)
_STOP_PUNCT = set(",.;:!?()«»\"“”[]/")


@dataclass(frozen=True)
class NamedDocument:
    label: str          # the name as the text gives it, without a leading article
    kind: str           # contract document kind
    head: str           # the head compound, lower-cased and uninflected (for coreference)
    definite: bool      # the head is in the definite form ("planen")
    bare: bool          # no modifier and no complement: an anaphor or a generic mention
    span: Span


def _head(token: LightToken) -> tuple[str, str, str] | None:
    return _head_of(token.text)


@lru_cache(maxsize=8192)
def _head_of(word: str) -> tuple[str, str, str] | None:
    """Prefix, head noun and ending of a word whose head is a document noun; cached because the
    head pattern is slow and the same words come back in every sentence."""
    m = _HEAD.match(word)
    if not m or not word[:1].isalnum():  # Token.is_word
        return None
    prefix, head, ending = m.group("prefix"), m.group("head").lower(), (m.group("ending") or "").lower()
    if ending in ("er", "ar"):       # indefinite plural: "utviklingsplaner" is not one document
        return None
    return prefix, head, ending


def _has_head(tokens: list[LightToken]) -> bool:
    return any(_head(t) and (_head(t)[0] or t.lower in ("plan", "strategi")) for t in tokens)


#: Every head noun, searched with the other literals of the lower-cased document.
_HEAD_AUTOMATON = SCAN_LOWERED.literal_set((stem, len(stem)) for stem in HEADS)


class HeadPlaces:
    """Where a document head noun stands anywhere in one text (inside a compound too), found in
    one pass, so the sentences that hold none are passed over without a look at each: what
    ``find_named_documents`` asks of every sentence first (``_HAS_HEAD``), for all of them at once.
    """

    def __init__(self, text: str) -> None:
        low = lowered(text)
        self._starts: list[int] | None = None
        self._lowest_end: list[int] = []
        if low is None:
            return      # lower-casing would move offsets or differ from the regex engine: ask each
        places = sorted((end - length + 1, end + 1) for end, length in _HEAD_AUTOMATON.iter(low))
        self._starts = [start for start, _ in places]
        # the lowest end among the places from each one on (later starts may end sooner)
        lowest = len(text) + 1
        self._lowest_end = [0] * len(places)
        for i in range(len(places) - 1, -1, -1):
            lowest = min(lowest, places[i][1])
            self._lowest_end[i] = lowest

    def may_hold(self, span: Span) -> bool:
        """False only if no head noun lies wholly inside ``span``."""
        if self._starts is None:
            return True
        i = bisect_left(self._starts, span.start)
        return i < len(self._starts) and self._lowest_end[i] <= span.end


def find_named_documents(text: str, within: Span) -> list[NamedDocument]:
    """Named documents in one sentence (``within``) of ``text``."""
    if not _HAS_HEAD.found_in(within.text):
        return []
    tokens = light_tokenize(within.text, within.start)
    found: list[NamedDocument] = []
    outer_end = -1              # the end of the last name whose complement may hold others
    i = 0
    while i < len(tokens):
        parsed = _head(tokens[i])
        if not parsed:
            i += 1
            continue
        prefix, head, ending = parsed
        compound = (prefix + head).lower()
        definite = ending in ("en", "a", "et", "ene", "ane")
        if compound in _NOT_DOCUMENTS:
            i += 1
            continue
        first = last = i
        # Left: modifiers, hyphen coordination ("forebyggings- og"), and the words of a
        # hyphenated multiword name ("bo trygt hjemme-reformen").
        j = i - 1
        if j >= 1 and tokens[j].lower in ("og", "eller") and tokens[j - 1].text.endswith("-"):
            first = j - 1
            j -= 2
        if "-" in prefix and prefix.endswith("-") and not prefix[:-1].count("-"):
            k, words = j, 0
            while k >= 0 and words < 4 and tokens[k].is_word and tokens[k].lower not in CLAUSE_WORDS \
                    and tokens[k].lower not in ("og", "eller", "med", "i", "for", "til") \
                    and tokens[k].lower not in ARTICLES and not tokens[k].text.isdigit():
                first, k, words = k, k - 1, words + 1
            j = k
        kind = HEADS[head]
        if head == "statsbudsjett" and j >= 1 and tokens[j].lower == "til" \
                and tokens[j - 1].lower in ("forslag", "framlegg", "forslaget", "framlegget"):
            # "regjeringens forslag til statsbudsjett": the budget proposition itself.
            first, j, kind = j - 1, j - 2, "proposition"
        extended_left = first < i
        modified = False
        while j >= 0 and tokens[j].lower in _LEFT_MODIFIERS:
            first, modified, j = j, True, j - 1
        # Right: a prepositional complement, or a short unprepositioned name after an
        # indefinite head ("opptrappingsplan psykisk helse", "Strategiplan NK LMH").
        k = i + 1
        complement = False
        if head in _STATUTE_HEADS and k < len(tokens):
            dated = _STATUTE_DATE.match(text, tokens[k].start)
            if dated:           # "forskrift 1. mars 2031 nr. 12": the date and number are the name's
                while k < len(tokens) and tokens[k].end <= dated.end():
                    last, k, complement = k, k + 1, True
        # "høringssvar fra Legeforeningen": a sender named in capitals ("frå kommunane" is not one).
        named_sender = compound in _FROM_NAMED and k + 1 < len(tokens) and tokens[k + 1].capitalised
        prepositions = _COMPLEMENT_OPENERS + (("fra", "frå") if named_sender else ())
        if k < len(tokens) and tokens[k].lower in prepositions:
            if k + 1 < len(tokens) and tokens[k + 1].lower in _DESCRIPTIVE_OPENERS:
                pass            # "strategi for å styrke ...": a description, not a name
            else:
                end = _complement_end(tokens, k + 1)
                if end > k:
                    last, complement = end, True
        elif not definite and kind in ("plan", "strategy") and k + 1 < len(tokens) and tokens[k].lower == "i" \
                and tokens[k + 1].capitalised and tokens[k + 1].is_word:
            # "Regional tannhelseplan i Region Nord": a plan's title naming its region in
            # capitals (a definite "planen i Helse Vest" only says whose plan it is).
            end = k + 1
            while end + 1 < len(tokens) and end - k < 3 and tokens[end + 1].capitalised and tokens[end + 1].is_word:
                end += 1
            following = tokens[end + 1] if end + 1 < len(tokens) else None
            # Not when the capitals open another document's name ("i Nasjonal helse- og ...plan").
            if not (tokens[k + 1].lower in _LEFT_MODIFIERS or _has_head(tokens[k + 1:end + 1])
                    or (following is not None and (following.text.endswith("-") or _has_head([following])))):
                last, complement = end, True
        elif not definite and not complement and k < len(tokens):
            end = _loose_name_end(tokens, k)
            if end >= k:
                last, complement = end, True
        # A year or period right after the head belongs to the name ("plan 2020–2023").
        if last + 1 < len(tokens) and re.fullmatch(r"\d{4}(\s*[–-]\s*\d{4})?", tokens[last + 1].text):
            last += 1
            complement = True
        elif (complement or extended_left or compound not in _GENERIC_COMPOUNDS) and last + 3 < len(tokens) \
                and tokens[last + 1].text == "(" and tokens[last + 3].text == ")" \
                and re.fullmatch(r"\d{4}\s*[–-]\s*\d{4}", tokens[last + 2].text):
            last += 3           # "Opptrappingsplan for psykisk helse (2031–2041)": the period too
            complement = True
        generic = compound in _GENERIC_COMPOUNDS
        # "den nye planen": adjectives alone do not make a definite generic head a new name.
        bare = not (complement or extended_left) and (not modified or generic)
        if complement and ending in ("ene", "ane"):
            i += 1              # "rapportene til direktoratet": several documents, described
            continue
        if bare and not definite and _classifying(tokens, first):
            i += 1              # "om dette er ei helsereform eller ei skulereform": a kind, not a name
            continue
        if bare and tokens[i].lower == "lova" and not prefix:
            i += 1              # nynorsk "lova" is also "promised"
            continue
        if bare and generic and not definite:
            i += 1              # "ny plan", "en ny stortingsmelding": no name given
            continue
        if bare and not definite and not tokens[i].capitalised and head not in _SELF_NAMING_HEADS:
            i += 1              # "økonomisk langtidsplan", "ein utviklingsavtale": a kind of document
            continue
        if _IDIOM.search(text[max(0, tokens[i].start - 12):tokens[i].end]):
            i += 1
            continue
        if bare and (generic or (not definite and not prefix)):
            if definite and generic:
                found.append(_make(text, tokens, first, last, kind, compound, True, True))
            i += 1
            continue
        if bare and not definite and generic is False and not tokens[i].capitalised \
                and compound not in _GENERIC_COMPOUNDS and len(prefix) < 3:
            i += 1
            continue
        if tokens[first].start < outer_end and compound in _GENERIC_COMPOUNDS:
            i = last + 1        # "veileder til forskrift om ...": a generic head inside a title
            continue
        found.append(_make(text, tokens, first, last, kind, compound, definite, bare))
        # A name inside the complement is a document of its own ("høringsnotat om endringer i
        # pasientjournalloven"): the scan goes on inside it, keeping only names of their own.
        if complement:
            outer_end = max(outer_end, tokens[last].end)
            i += 1
        else:
            i = last + 1
    return found


def _classifying(tokens: list[LightToken], first: int) -> bool:
    """An indefinite article after a copula or an "eller" ("er ei helsereform", "eller ei
    skulereform") classifies; after an action verb ("legge fram en X-reform") it may name."""
    return first >= 2 and tokens[first - 1].lower in ("en", "ein", "ei", "et", "eit") \
        and tokens[first - 2].lower in ("er", "var", "være", "vere", "blir", "bli", "vert", "verte", "eller")


def _make(text: str, tokens: list[LightToken], first: int, last: int, kind: str, compound: str,
          definite: bool, bare: bool) -> NamedDocument:
    start, end = tokens[first].start, tokens[last].end
    return NamedDocument(label=text[start:end], kind=kind, head=compound, definite=definite,
                         bare=bare, span=Span(start, end, text[start:end]))


def _complement_end(tokens: list[LightToken], k: int) -> int:
    """The last token of a complement starting at ``k`` (k - 2 when there is none)."""
    last = k - 2
    count = 0
    while k < len(tokens) and count < 12:
        tok = tokens[k]
        if tok.text in _STOP_PUNCT or tok.lower in CLAUSE_WORDS or tok.lower in _ADVERBS:
            break
        if tok.lower in ("og", "eller"):
            rest = []
            for t in tokens[k + 1:]:
                if t.text in _STOP_PUNCT:
                    break
                rest.append(t)
            # "melding om distrikts- og helsereform": a coordination is one name inside
            # the complement, found again on its own (see ``find_named_documents``).
            coordinated = last >= 0 and tokens[last].text.endswith("-") and rest and _has_head(rest[:1])
            if (not rest or _has_head(rest) or rest[0].lower in CLAUSE_WORDS or rest[0].lower in ARTICLES) \
                    and not coordinated:
                break
        if not tok.is_word and tok.text not in ("-", "–"):
            break
        if tok.text.isdigit() and len(tok.text) != 4:
            break               # "innen 1. februar": a date, not part of a name
        if re.fullmatch(r"\d{4}\s*[–-]\s*\d{4}", tok.text):
            last = k            # a period closes a name: "strategiplan for 2014–2016"
            break
        # A word followed by an article or pronoun is a verb taking its object ("utgjøre de").
        if count and k + 1 < len(tokens) and (tokens[k + 1].lower in ARTICLES
                                              or tokens[k + 1].lower in ("seg", "dette", "disse")):
            break
        last, k, count = k, k + 1, count + 1
    # A complement does not end on a preposition or conjunction.
    while last >= 0 and last < len(tokens) and tokens[last].lower in COMPLEMENT_PREPOSITIONS | {"og", "eller"}:
        last -= 1
    return last


def _loose_name_end(tokens: list[LightToken], k: int) -> int:
    """A name of one to three words right after an indefinite head, ended by punctuation."""
    last = k - 1
    words = 0
    while k < len(tokens) and words < 3:
        tok = tokens[k]
        if not tok.is_word or tok.lower in CLAUSE_WORDS or tok.lower in COMPLEMENT_PREPOSITIONS \
                or tok.lower in ("og", "eller") or tok.lower in ARTICLES:
            break
        last, k, words = k, k + 1, words + 1
    ends_cleanly = k >= len(tokens) or tokens[k].text in _STOP_PUNCT or tokens[k].lower in ("og", "eller")
    return last if words and ends_cleanly else k - words - 1
