"""The linker's gazetteer: every name of every reference entity, compiled into one automaton.

Names come from the reference data's labels; the forms texts actually use are generated here:
genitive ("Helsedirektoratets"), definite and plural endings of common-noun names in both written
standards ("helsefellesskapa", "regjeringa"), and ``-en``/``-a`` alternation ("helseberedskaps-
meldingen"/"-meldinga"). One Aho-Corasick pass finds them all, whatever the number of names.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import ahocorasick

from healthplan_kg.extract.normalise import fold
from healthplan_kg.model import EntityRef, GazetteerEntry, Span


@dataclass(frozen=True)
class GazetteerHit:
    entry: GazetteerEntry
    span: Span

    def ref(self) -> EntityRef:
        return entity_of(self.entry)


def entity_of(e: GazetteerEntry) -> EntityRef:
    """The entity a name stands for, as mentions carry it."""
    return EntityRef(label=e.preferred or e.label, kind=e.kind, iri=e.iri, sub_kind=e.sub_kind,
                     identifier=e.identifier)


def _is_abbreviation(label: str) -> bool:
    letters = [c for c in label if c.isalpha()]
    return len(label) <= 7 and sum(c.isupper() for c in letters) >= max(2, len(letters) // 2)


#: Words that make a capitalised label a document's descriptive name ("Nasjonal helse- og
#: samhandlingsplan"), which texts also write in lower case; a title without one is a phrase.
_GENRE_WORDS = ("plan", "strategi", "melding", "reform", "lov", "program", "utredning", "rapport",
                "utval", "kommisjon")


def _initials(text: str) -> tuple[bool, ...]:
    """Whether each word starts with a capital: ``"Helse for alle"`` -> (True, False, False)."""
    return tuple(word[0].isupper() for word in text.split() if word[0].isalpha())


def needs_initials(label: str, kind: str) -> bool:
    """Whether a name only counts written with its own capitals.

    Norwegian writes common nouns in lower case, so lower-case "mental helse" is the phrase, not
    the patient organisation "Mental Helse" (every word capitalised); and a document title made
    of ordinary words ("Helse for alle", "Tid for handling") is the title only where the text
    capitalises it as one. Single words are left alone (a sentence may start with any word, and
    texts write "regjeringen" for "Regjeringen"), and so are titles that carry a genre word
    ("Nasjonal helse- og samhandlingsplan"), which texts write in lower case as well.
    """
    initials = _initials(label)
    if len(initials) < 2 or not initials[0] or _is_abbreviation(label):
        return False
    if all(initials):
        return True
    folded = label.casefold()
    return kind == "PolicyDocument" and not any(word in folded for word in _GENRE_WORDS)


#: Spellings where nynorsk differs from bokmål inside names ("Sykehusutvalget"/"Sykehusutvalet").
NYNORSK_SPELLINGS = (("utvalget", "utvalet"), ("utvalg", "utval"), ("sykehus", "sjukehus"),
                     ("tjenesten", "tenesta"), ("tjenester", "tenester"), ("tjeneste", "teneste"),
                     ("helseforetak", "helseføretak"), ("forebygging", "førebygging"),
                     ("meldingen", "meldinga"), ("reformen", "reforma"), ("mestring", "meistring"))


def variants(label: str) -> set[str]:
    """The forms a name takes in running text (before folding), in both written standards."""
    forms = {label}
    for nb, nn in NYNORSK_SPELLINGS:
        # on the forms respelt so far too: "Sykehusutvalget" -> "Sjukehusutvalet" takes two
        for form in [*forms]:
            at = form.lower().find(nb)
            if at >= 0:
                respelt = nn.capitalize() if form[at].isupper() else nn
                forms.add(form[:at] + respelt + form[at + len(nb):])
    forms = {form for base in forms for form in _inflections(base)}
    return forms


#: The definite endings of the nouns that close a commission's or council's one-word name, and
#: their stems: "Helsepersonellkommisjonen" is "kommisjon" + "en", "Sykehusutvalget" "utvalg" + "et".
_COMMISSION_NOUNS = (("kommisjonen", 2), ("utvalget", 2), ("utvalet", 2), ("rådet", 2))
#: Letters a name needs before its noun for its indefinite form to name one body ("koronautvalg"
#: does, a bare "utvalg" or "kommisjon" does not).
_COMMISSION_PREFIX = 4


def indefinite_forms(label: str, kind: str, sub_kind: str | None = None) -> set[str]:
    """The indefinite form of a commission's or advisory council's one-word name, in lower case
    as running text writes it.

    Norwegian names such a body by a definite compound ("Helsepersonellkommisjonen",
    "Helseberedskapsrådet"); a text that tells of its setting up uses the indefinite of the same
    compound ("regjeringen vil sette ned en helsepersonellkommisjon", "eit kvinnehelseutval vart
    oppnemnt", "et nytt helseberedskapsråd"). The compound's first part makes it name that one
    body, so the form links to it like the name itself.
    """
    if (kind != "Commission" and sub_kind != "advisory_body") or " " in label:
        return set()
    lowered = label.lower().replace("-", "")
    for noun, ending in _COMMISSION_NOUNS:
        if lowered.endswith(noun) and len(lowered) - len(noun) >= _COMMISSION_PREFIX:
            return {label[:-ending].lower()}
    return set()


def _inflections(label: str) -> set[str]:
    forms = {label}
    last = label.split()[-1] if label.split() else label
    common_noun = label[:1].islower() or len(label.split()) == 1
    if not label.endswith(("s", "x", "z")):
        forms.add(label + "s")
    if _is_abbreviation(label):
        forms.add(label + "-ene")
        forms.add(label + "-ane")
        return forms
    if common_noun:
        for ending in ("en", "et", "a", "ene", "ane", "ar", "er"):
            forms.add(label + ending)
            if label.endswith("e"):
                forms.add(label[:-1] + ending)
    for definite, other in (("ingen", "inga"), ("inga", "ingen"), ("ingene", "ingane"),
                            ("ingane", "ingene")):
        if last.endswith(definite):
            forms.add(label[: -len(definite)] + other)
            forms.add(label[: -len(definite)] + "ing")
    # Agent nouns in the definite singular have a plural definite of their own:
    # "Statsforvalteren" -> "statsforvalterne", "Statsforvaltaren" -> "statsforvaltarane".
    if common_noun and " " not in label and len(label) > 8:
        if label.endswith("eren"):
            forms.add(label[:-4] + "erne")
        elif label.endswith("aren"):
            forms.add(label[:-4] + "arane")
    if last.endswith("en") and last[:1].isupper() and len(last) > 6:
        forms.add(label[:-2] + "a")
        forms.add(label + "s")
    return forms


#: A name's entity with its own tests (exact case, capitals), in the automaton's candidate list.
_Candidate = tuple[GazetteerEntry, bool, "tuple[bool, ...] | None", EntityRef]


class Gazetteer:
    """Finds reference-entity names in text: leftmost-longest, whole words only."""

    def __init__(self, entries: Iterable[GazetteerEntry]) -> None:
        self._automaton = ahocorasick.Automaton()
        table: dict[str, list[_Candidate]] = {}
        for entry in entries:
            exact_case = _is_abbreviation(entry.label)
            initials = _initials(entry.label) if needs_initials(entry.label, entry.kind) else None
            ref = entity_of(entry)
            forms = variants(entry.label)
            for form in [*forms]:   # the nynorsk spelling too: "Sjukehusutvalet", "sjukehusutval"
                forms |= indefinite_forms(form, entry.kind, entry.sub_kind)
            for form in forms:
                if len(form) < 2:
                    continue
                table.setdefault(fold(form), []).append((entry, exact_case, initials, ref))
        for key, candidates in table.items():
            # One entity per form: the strongest label wins, ties by IRI for determinism.
            candidates.sort(key=lambda c: (-c[0].weight, c[0].iri))
            # The first candidate wins wherever it has no test of its own to pass: most names.
            entry, exact_case, initials, ref = candidates[0]
            plain = (entry, ref) if not exact_case and initials is None else None
            self._automaton.add_word(key, (len(key), tuple(candidates), plain))
        self.size = len(table)
        if table:
            self._automaton.make_automaton()
        self._name_hits: dict[str, tuple[GazetteerHit, ...]] = {}

    def find(self, text: str) -> list[GazetteerHit]:
        return [GazetteerHit(entry, Span(start, end, text[start:end]))
                for start, end, entry, _ in self.matches(text)]

    def matches(self, text: str) -> list[tuple[int, int, GazetteerEntry, EntityRef]]:
        """``find``'s hits as (start, end, entry, the entry's ``EntityRef``), in text order.

        Why not hits: a text holds many names, and a caller that keeps only some of them (the
        mention finder skips themes and groups) need not pay for the objects of the others. The
        ``EntityRef`` is made once per entry, not per hit (it is frozen: one serves every text).
        """
        if not self.size:
            return []
        folded = fold(text)     # same length as ``text``: offsets agree
        size = len(text)
        found: list[tuple[int, int, GazetteerEntry, EntityRef]] = []
        for end_index, (length, candidates, plain) in self._automaton.iter(folded):
            start, end = end_index - length + 1, end_index + 1
            # whole words only (``is_word_char`` is ``str.isalnum``, inlined: called per match)
            if (start > 0 and text[start - 1].isalnum()) or (end < size and text[end].isalnum()):
                continue
            if plain is not None:
                found.append((start, end, plain[0], plain[1]))
                continue
            surface = text[start:end]
            for entry, exact_case, initials, ref in candidates:
                if exact_case and not surface.startswith(entry.label):
                    continue
                if initials is not None and _initials(surface)[:len(initials)] != initials:
                    continue
                found.append((start, end, entry, ref))
                break
        return _longest_first(found)

    def find_in_name(self, name: str) -> tuple[GazetteerHit, ...]:
        """``find`` of a short string (a person's name, a list item, a publisher), kept: the same
        names come back in text after text, and the hits of a string never change."""
        hits = self._name_hits.get(name)
        if hits is None:
            if len(self._name_hits) >= _NAMES_KEPT:
                self._name_hits.clear()
            hits = self._name_hits[name] = tuple(self.find(name))
        return hits


#: How many strings ``Gazetteer.find_in_name`` keeps the hits of.
_NAMES_KEPT = 16384


def longest_first(hits: Sequence[GazetteerHit]) -> list[GazetteerHit]:
    """Non-overlapping hits, the longest winning where two overlap, in text order."""
    return [chosen[2] for chosen in _longest_first([(h.span.start, h.span.end, h) for h in hits])]


_Spanned = TypeVar("_Spanned", bound=tuple)


def _longest_first(hits: list[_Spanned]) -> list[_Spanned]:
    """``longest_first`` of hits given as tuples that open with (start, end).

    Chosen hits never overlap, so one flag per character says whether it is taken: a hit is
    checked and taken in time proportional to its own length, not to the hits chosen so far
    (which made this quadratic in the size of a document)."""
    if not hits:
        return []
    size = max(h[1] for h in hits) + 1
    taken, starts = bytearray(size), bytearray(size)
    chosen: list[_Spanned] = []
    for hit in sorted(hits, key=lambda h: (h[0] - h[1], h[0])):
        start, end = hit[0], hit[1]
        if start < end:
            if taken.find(1, start, end) == -1:
                taken[start:end] = b"\x01" * (end - start)
                starts[start] = 1
                chosen.append(hit)
        elif not (0 < start < size and taken[start - 1] and taken[start] and not starts[start]):
            # an empty hit overlaps only a chosen hit with characters on both sides of it
            chosen.append(hit)
    return sorted(chosen, key=lambda h: h[0])
