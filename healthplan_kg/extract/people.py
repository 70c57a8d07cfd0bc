"""People, their roles and organisations, from the ways Norwegian texts introduce them.

"helsedirektør Kari Vik" (role before name), "Ola Dahl, leder ved NK LMH" (role after
name, in an apposition), "leder for NK LMHs brukerråd, Liv Berg" (role
phrase, then name), "Kari Nordvik er ny fagdirektør" (predicate), member lists ("• Kari Nordvik
(leiar), professor ved ...", "1. Ola Vik. Forsker ved ..."), and a letter's signature ("Med hilsen /
Kari Nordvik / ekspedisjonssjef").

Roles are recognised by the endings Norwegian titles share (-direktør, -minister, -leder/-leiar,
-president, -rådgiver, -sekretær, -lege ...), in the indefinite and definite form, so titles
nobody listed are still found; a role keeps the modifiers titles take ("viseadministrerande",
"konstituert", "fungerande"), a coordinated second title and its complement ("professor i
folkehelse ved NTNU"). A role held before ("tidlegare fylkesrådmann") is marked as former. A
person must look like a name: capitalised given name and surname (initials, hyphens allowed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from healthplan_kg.extract.anchored import (
    SCAN_AS_WRITTEN,
    SCAN_LOWERED,
    WordStartLiterals,
    finditer_at,
    is_word,
    word_starts_before,
)
from healthplan_kg.extract.casefree import lower_case_twin, lowered
from healthplan_kg.extract.lines import LineIndex
from healthplan_kg.extract.tokens import CLAUSE_WORDS
from healthplan_kg.model import Span

ROLE_ENDINGS = ("direktør", "minister", "leder", "leiar", "president", "sekretær", "rådgiver", "rådgjevar",
                 "ordfører", "ordførar", "professor", "forsker", "forskar", "lege", "sjef", "statsråd",
                 "sykepleier", "sjukepleiar", "koordinator", "rektor", "dekan", "talsperson", "talsmann",
                 "talskvinne", "ombud", "saksbehandler", "sakshandsamar", "psykolog", "jordmor",
                 "fysioterapeut", "ergoterapeut", "rådmann", "fylkesmann", "formann", "ombudsmann",
                 "ombodsmann", "spesialist", "redaktør", "forvalter", "forvaltar", "representant",
                 "stipendiat", "konsulent", "amanuensis", "lektor")
#: The definite forms ("fylkesordføraren", "direktøren", "legen") name a role as well.
_DEFINITE_ENDINGS = tuple(e + ("n" if e.endswith("e") else "en") for e in ROLE_ENDINGS)
_ALL_ENDINGS = ROLE_ENDINGS + _DEFINITE_ENDINGS
#: "-lege" is also the ending of nynorsk adjectives ("offentlege", "vennlege"): a doctor's title
#: is "lege" alone, after a hyphen ("ALIS-lege"), or one of the compounds titles are made of.
_DOCTOR_STEMS = ("fast", "over", "tann", "allmenn", "sjukehus", "sykehus", "bedrifts", "turnus", "assistent",
                 "barne", "smittevern", "distrikts", "fylkes", "kommune", "kommuneover", "vakt", "legevakt",
                 "lis", "alis", "spesialist", "hovud", "hoved", "sjef", "avdelings", "helsestasjons", "skole",
                 "skule", "bydels", "psykiatri")
# A whole word (hyphenated compounds too), taken possessively, that ends in a title: linear in the
# text, no backtracking into the word to look for where a title might start.
_ROLE_WORD = (r"(?:[\wæøå]++(?:-[\wæøå]++)*+(?i:" + "|".join(f"(?<={e})" for e in _ALL_ENDINGS) + r"))")
#: Modifiers a title takes before it (a closed class); "tidligere" marks a role held before.
_QUALIFIER = (r"(?:(?:assisterende|assisterande|konstituert|fungerende|fungerande|(?:vise)?administrerende|"
              r"(?:vise)?administrerande|påtroppende|påtroppande|avtroppende|avtroppande|tidligere|tidlegare|"
              r"forhenværende|forhenverande|daglig|dagleg|politisk|medisinsk|fagleg|faglig|nyvalgt|nyvald|"
              r"nyvalt|ny|nytt|første|fyrste|ass\.)\s+)")
#: What a title word may have before it in a role: qualifiers, a hyphen coordination ("helse- og").
_ROLE_LEAD = rf"{_QUALIFIER}{{0,2}}(?:[\wæøå]+-\s+og\s+)?"
_ONE_ROLE = rf"(?:{_ROLE_LEAD}{_ROLE_WORD})"
ROLE = rf"(?:{_ONE_ROLE}(?:\s+og\s+{_ONE_ROLE})?)"
#: Honorifics: "Deres Kongelige Høyhet" is a form of address, not a name.
_FORM_OF_ADDRESS = re.compile(r"\b(?:Høyhet|Høgheit|Majestet|Eksellense|Eksellanse|Eminense)\b")
_FORMER = re.compile(r"^(?:tidligere|tidlegare|forhenværende|forhenverande)\b", re.IGNORECASE)
_UPPER = "A-ZÆØÅÉ"
_UPPER_CHARS = _UPPER
_LOWER = "a-zæøåéüö"
_NAME_PART = rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?"
#: Particles inside a name ("Anne von der Lippe", "Kari de Vibe").
_PARTICLE = r"(?:von|van|der|de|da|af)"
#: A name never runs over a line break (a caption's name and the next line's are two names).
NAME = (rf"(?-i:{_NAME_PART}(?:[ \t]+(?:[{_UPPER}]\.|{_NAME_PART}|(?:{_PARTICLE}[ \t]+){{1,2}}{_NAME_PART})){{1,3}}"
        rf"(?![{_LOWER}]))")
#: Where ``NAME`` can match: a capital, lower-case letters (and a hyphenated second part), blanks,
#: then what the next part opens with (a capital, or a particle and a blank). One character is
#: taken, so every such place is found, overlapping ones too.
_NAME_START = re.compile(rf"[{_UPPER}](?=[{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?[ \t]+(?:[{_UPPER}]|{_PARTICLE}[ \t]))")
_PREPOSITIONS = r"(?:ved|i|for|på|hos|hjå|til|av|frå|fra|innen|innan|med)"
#: A role's complement: prepositional phrases up to a clause boundary ("i folkehelse ved NTNU").
_COMPLEMENT = rf"(?:\s+{_PREPOSITIONS}\s+[^,.;:!?–()\n]+)?"

#: "helsedirektør Kari Vik", "professor i folkehelse Ola Dahl ved NTNU": the role, its field in
#: lower case, the name, then the body she works for.
_ROLE_THEN_NAME = re.compile(
    rf"(?<![\wæøå])(?P<role>{ROLE})(?P<field>[ \t]+{_PREPOSITIONS}[ \t]+[a-zæøå][\wæøå-]*"
    rf"(?:[ \t]+(?:og[ \t]+)?[a-zæøå][\wæøå-]*){{0,3}})?[ \t]+(?P<name>{NAME})"
    rf"(?P<org>(?:\s+(?:ved|i|på|hos|hjå|frå|fra|for)\s+[{_UPPER_CHARS}][^,.;:!?–\n]*)?)")
#: Words that show a lower-case stretch after a title is not its field ("leder i dag Kari Vik").
_NOT_FIELD = frozenset("dag går fjor år morgon morgen kveld helga helgen veka uka".split())
_NAME_THEN_ROLE = re.compile(rf"({NAME}),[ \t]+({ROLE})({_COMPLEMENT})")
_ROLE_PHRASE_THEN_NAME = re.compile(
    rf"(?<![\wæøå])({ROLE})({_COMPLEMENT}),[ \t]+({NAME})(?=\s*[.,;:!?]|\s*$)", re.IGNORECASE)
SPEECH_VERBS = (r"(?:sier|seier|sa|sei|påpeiker|påpeikar|påpekte|påpeika|mener|meiner|meinte|mente|"
                r"understreker|understrekar|understreket|understreka|forteller|fortel|fortalte|fortalde|"
                r"legger\s+til|legg\s+til|la\s+til|uttaler|uttalar|uttalte|skriver|skriv|skreiv|skrev|"
                r"konkluderer|konkluderar|konkluderte|poengterer|poengterar|poengterte|framhever|framhevar|"
                r"fremhever|svarer|svarar|svarte|sier\s+også|seier\s+òg|seier\s+også|tror|trur|trudde|"
                r"trodde|opplyser|opplyste|forklarer|forklarar|forklarte|innleder|innleier|innledet|"
                r"innleidde|innleia|avslutter|avsluttar|avsluttet|avslutta|oppsummerer|oppsummerar|"
                r"kommenterer|kommenterar|utdyper|utdjupar|advarer|åtvarar|hevder|hevdar|hevdet|hevda|"
                r"spør|spurte|fortsetter|held\s+fram|fastslår|slår\s+fast|minner\s+om|minner|erkjenner|"
                r"vedgår|medgir|innrømmer|presiserer|presiserar|legger\s+vekt\s+på)")
_NAME_IS_ROLE = re.compile(
    rf"({NAME}),?\s+(?:er|var|blir|vert|blei|ble)\s+(?:ny\s+|nytt\s+|konstituert\s+|fungerende\s+|"
    rf"fungerande\s+)?({ROLE})((?:\s+(?:ved|i|for|på|hos|hjå|til|av|frå|fra)\s+[{_UPPER_CHARS}][^,.;:!?–\n]*)?)")
_VERB_THEN_NAME = re.compile(rf"\b{SPEECH_VERBS}\s+({NAME})")
#: The first word of every speech verb: a match of ``_VERB_THEN_NAME`` starts with one of them.
_SPEECH_VERB_FIRST_WORDS = WordStartLiterals((alternative.split("\\s+")[0]
                                              for alternative in SPEECH_VERBS[3:-1].split("|")), SCAN_AS_WRITTEN)
#: The speaker as subject: "Kari Vik meiner at …", "Ola Dahl (Ap) sier …" (a party label between).
_NAME_THEN_VERB = re.compile(rf"({NAME})(?:[ \t]+\([A-ZÆØÅ][\wæøå]{{0,5}}\))?[ \t]+{SPEECH_VERBS}\b")
#: The last word of a body's name ("Norsk Sykepleierforbund", "Eksempel Helselag"): not a person.
_BODY_NAME_END = re.compile(
    r"(?:forbund|forbundet|forening|foreningen|foreninga|lag|laget|råd|rådet|senter|senteret|institutt|"
    r"instituttet|direktorat|direktoratet|tilsyn|tilsynet|departement|departementet|kommune|"
    r"fylkeskommune|sykehus|sjukehus|universitet|høgskole|høgskule|helse|etat|etaten|ombud|"
    r"ombodet|ombudet|utvalg|utval|kommisjon|kommisjonen|stiftelse|stiftinga|stiftelsen|akademi|"
    r"partiet|parti|selskap|selskapet|gruppen|gruppa|nettverk|nettverket)$", re.IGNORECASE)
#: ``_BODY_NAME_END`` without IGNORECASE (its letters are all lower case), for lower-cased names.
_BODY_NAME_END_LOWER = lower_case_twin(_BODY_NAME_END)


def _names_a_body(name: str) -> bool:
    """``_BODY_NAME_END.search(name)``, searched in the name's lower case when that answers the
    same (``casefree.lowered``): with IGNORECASE the pattern cost more than the rest of the check."""
    low = lowered(name)
    if low is None or _BODY_NAME_END_LOWER is None:
        return _BODY_NAME_END.search(name) is not None
    return _BODY_NAME_END_LOWER.search(low) is not None


#: A member list's item: "• Kari Nordvik (leiar), professor ved ...", "2. Ola Vik. Forsker ved ...".
_LIST_ITEM = re.compile(
    rf"^[ \t]*(?:[•·▪*-]|\d{{1,2}}[.)])[ \t]+({NAME})(?:[ \t]*\(({ROLE})\))?[ \t]*[.,]?[ \t]*"
    rf"(?:(?:mellom\s+anna|blant\s+annet|bl\.a\.)\s+)?(?:({ROLE})({_COMPLEMENT}))?", re.MULTILINE)
_NAME_PAREN_ROLE = re.compile(rf"({NAME})\s+\(({ROLE})\)")
#: The greeting a letter is signed under.
SIGN_OFF = re.compile(r"^\s*(?:med\s+(?:vennlig|venleg|vennleg)?\s*hilsen|med\s+helsing|"
                      r"med\s+(?:vennlig|vennleg|venleg)\s+helsing|vennlig\s+hilsen|beste\s+hilsen)\s*,?\s*$",
                      re.IGNORECASE)
#: A signature's name line: the name, and what signing on another's authority adds ("(e.f.)").
SIGNATURE_NAME = re.compile(rf"^\s*({NAME})\s*(?:\(?\s*(?:e\.\s*f\.|etter\s+fullmakt|sign\.?)\s*\)?)?\s*$")
_SIGNATURE_ROLE = re.compile(rf"^\s*({ROLE})({_COMPLEMENT})\s*$", re.IGNORECASE)

#: How a role was stated, best first when one person is given several: in a member list's
#: brackets (the role in the body the list is of), stated plainly, held before.
RANK_MEMBER, RANK_STATED, RANK_FORMER = 3, 2, 1


@dataclass(frozen=True)
class FoundPerson:
    name: str
    span: Span                 # the name
    role: str | None = None
    role_span: Span | None = None
    org_text: Span | None = None   # the stretch that names the organisation, if any
    complement: str | None = None  # the role's own complement, as written ("i helseøkonomi")
    rank: int = RANK_STATED


#: Every title ending, searched with the other literals of the lower-cased document.
_ENDINGS = SCAN_LOWERED.literal_set((ending, ending) for ending in _ALL_ENDINGS)


def _role_phrase_starts(text: str) -> list[int] | None:
    """Every position where a pattern that opens with ``ROLE`` can match, in order.

    ``ROLE`` opens with at most two qualifiers and an optional "X- og" before a word that ends in
    a title (a hyphenated title word counts as several words), so a match starts at such a title
    word or at one of the five words before it. The title words are found with one Aho-Corasick
    pass over the lower-cased text (a superset of what the case-insensitive pattern accepts).
    None when lower-casing would not keep every offset or case rules differ: then search
    everywhere.

    Of those words, only the ones from which the stretch up to the title word's end has the
    shape of a role's start (``_ROLE_SHAPE``: qualifiers, "X- og", the title word) are kept: a
    match's first title word ends at such a place, and every word start between the match's
    start and that end is in the same five words. Most words before a title are not a role's
    qualifiers, and trying the two role patterns at each of them was most of their cost.
    """
    low = lowered(text)     # the document's lower case, made once for every finder that asks
    if low is None:
        return None
    starts: set[int] = set()
    size = len(text)
    shaped = _ROLE_SHAPE.fullmatch
    for end_index, _ in _ENDINGS.iter(low):
        end = end_index + 1
        if end < size and is_word(text[end]):
            continue
        starts.update(start for start in word_starts_before(text, end, 5) if shaped(low, start, end))
    return sorted(starts)


#: The stretch from a role's start to the end of its first title word, read in the lower-cased
#: text: ``_ROLE_LEAD`` and a (hyphenated) word, with the case-insensitive patterns' letters in
#: lower case. A necessary condition for a role to start there, not a sufficient one.
_ROLE_SHAPE = re.compile(rf"{_ROLE_LEAD}[\wæøå]+(?:-[\wæøå]+)*")


def is_title_word(role: str) -> bool:
    """Whether a matched role's title words are titles (not a nynorsk adjective in "-lege")."""
    for word in re.findall(r"[\wæøå-]+", role.lower()):
        stem = word[:-5] if word.endswith("legen") else word[:-4] if word.endswith("lege") else None
        if stem is None or word.endswith(("lege-", "legen-")):
            continue
        if stem and not stem.endswith("-") and not stem.endswith(_DOCTOR_STEMS):
            return False
    return True


def _span(m: re.Match[str], group: int | str) -> Span:
    return Span(m.start(group), m.end(group), m.group(group))


def _clean_name(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip()


def _rank(role: str) -> int:
    return RANK_FORMER if _FORMER.match(role) else RANK_STATED


def _complement(m: re.Match[str], group: int) -> str | None:
    """A role's complement as written, up to the first word that opens a clause ("som", "sier")."""
    words = (m.group(group) or "").split()
    for i, word in enumerate(words):
        if i and word.lower() in CLAUSE_WORDS:
            words = words[:i]
            break
    return " ".join(words) or None


def name_starts(text: str) -> list[int]:
    """Every place where ``NAME`` (and so a pattern opening with it) can match, ascending.

    Why: four patterns open with a name, and each searched the whole text, trying itself at
    every capital; one scan for the places a name can start serves them all (``finditer_at``).
    """
    return [m.start() for m in _NAME_START.finditer(text)]


def find_people(text: str) -> list[FoundPerson]:
    """People introduced with a role, in a member list or signature, or as a speaker."""
    found: list[FoundPerson] = []
    lines = LineIndex(text)
    role_starts = _role_phrase_starts(text)
    names = name_starts(text)
    for m in finditer_at(_ROLE_PHRASE_THEN_NAME, text, role_starts):
        if not is_title_word(m.group(1)):
            continue
        # The role phrase is the role as written, complement and all ("leiar for brukarrådet").
        org = _span(m, 2) if m.group(2).strip() else None
        phrase = " ".join(filter(None, (m.group(1), _complement(m, 2))))
        role_span = Span(m.start(1), m.end(2), m.group(1) + m.group(2))
        found.append(FoundPerson(_clean_name(m.group(3)), _span(m, 3), phrase, role_span, org, None,
                                 _rank(m.group(1))))
    for m in finditer_at(_NAME_THEN_ROLE, text, names):
        if not is_title_word(m.group(2)):
            continue
        org = _span(m, 3) if m.group(3).strip() else None
        found.append(FoundPerson(_clean_name(m.group(1)), _span(m, 1), m.group(2), _span(m, 2), org,
                                 _complement(m, 3), _rank(m.group(2))))
    for m in finditer_at(_ROLE_THEN_NAME, text, role_starts):
        if not m.group("role")[:1].isalpha() or not is_title_word(m.group("role")):
            continue
        org = _span(m, "org") if m.group("org").strip() else None
        role = (m.group("role").lower() if m.group("role")[:1].isupper()
                and m.start() == _line_start(text, m.start(), lines) else m.group("role"))
        field = (m.group("field") or "").split()
        if field and not any(w in CLAUSE_WORDS or w in _NOT_FIELD for w in field[1:]):
            role = " ".join([role, *field])
        found.append(FoundPerson(_clean_name(m.group("name")), _span(m, "name"), role, _span(m, "role"), org,
                                 None, _rank(role)))
    for m in finditer_at(_NAME_IS_ROLE, text, names):
        if not is_title_word(m.group(2)):
            continue
        org = _span(m, 3) if m.group(3).strip() else None
        found.append(FoundPerson(_clean_name(m.group(1)), _span(m, 1), m.group(2), _span(m, 2), org))
    found.extend(_member_list(text, names))
    found.extend(_signatures(text, lines))
    # The verb-first pattern is tried only where a speech verb starts (one pass for them all).
    verb_starts = _SPEECH_VERB_FIRST_WORDS.starts(text)
    for pattern, starts in ((_VERB_THEN_NAME, verb_starts), (_NAME_THEN_VERB, names)):
        for m in finditer_at(pattern, text, starts):
            name = _without_leading_capitalised_words(_span(m, 1))
            if name is not None:
                found.append(FoundPerson(_clean_name(name.text), name))
    return [p for p in found if not _FORM_OF_ADDRESS.search(p.name) and not _names_a_body(p.name)
            and not _in_salutation(text, p.span, lines)]


def _in_salutation(text: str, span: Span, lines: LineIndex) -> bool:
    """Whether a name stands in a speech's or letter's salutation ("Kjære statsråd Kari Vik," over
    "Ambassadører,"): those people are addressed, not acting in the text."""
    start = lines.line_start(span.start)
    end = lines.line_end(span.end)
    if not _ends_with_comma(text, start, end):
        return False
    first = start
    while first < end and text[first].isspace():
        first += 1
    if _SALUTATION.match(text, first, end):
        return True
    # the nearest lines before and after that are not empty (blank lines of spaces count)
    before_end = start
    while before_end > 0 and text[before_end - 1] == "\n":
        before_end -= 1
    after_start = end + 1
    while after_start < len(text) and text[after_start] == "\n":
        after_start += 1
    return _ends_with_comma(text, lines.line_start(before_end), before_end) \
        or (after_start < len(text) and _ends_with_comma(text, after_start, lines.line_end(after_start)))


_SALUTATION = re.compile(r"(?:kjære|kjaere)\b", re.IGNORECASE)


def _ends_with_comma(text: str, start: int, end: int) -> bool:
    """``text[start:end].strip().endswith(",")``, reading only the end of the stretch."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end > start and text[end - 1] == ","


_TITLE_WORD = re.compile(_ROLE_WORD)


def _without_leading_capitalised_words(name: Span) -> Span | None:
    """The name without what a sentence start capitalised before it: a title ("Helsedirektør
    Kari Vik sier") or a function word ("Også Kari Vik meiner"); None when no name is left."""
    words = list(re.finditer(r"\S+", name.text))
    drop = 0
    while drop < len(words) and (words[drop].group(0).lower() in CLAUSE_WORDS or (
            _TITLE_WORD.fullmatch(words[drop].group(0)) and is_title_word(words[drop].group(0)))):
        drop += 1
    if drop == 0:
        return name
    if len(words) - drop < 2:
        return None
    first = words[drop]
    return Span(name.start + first.start(), name.end, name.text[first.start():])


#: A line that opens like a list item: blanks, then a bullet or a digit (what ``_LIST_ITEM``
#: needs after its ``^``), found by the line break before it (a literal: a fast scan).
_ITEM_LINE = re.compile(r"\n[ \t]*(?:[•·▪*-]|\d)")
_ITEM_FIRST_LINE = re.compile(r"[ \t]*(?:[•·▪*-]|\d)")


def _item_line_starts(text: str) -> list[int]:
    """Where ``_LIST_ITEM`` can match, ascending: at the start of a line (its ``^``) that opens
    like an item. Why: a pattern opening with a multi-line ``^`` is tried at every position."""
    starts = [0] if _ITEM_FIRST_LINE.match(text) else []
    starts.extend(m.start() + 1 for m in _ITEM_LINE.finditer(text))
    return starts


def _member_list(text: str, names: list[int] | None = None) -> list[FoundPerson]:
    """Items of a list of people: the name first, then the role in brackets or after a stop.
    ``names``: the text's ``name_starts`` (None: the bracketed-role pattern searches everywhere)."""
    found: list[FoundPerson] = []
    for m in finditer_at(_LIST_ITEM, text, _item_line_starts(text)):
        name = _clean_name(m.group(1))
        if m.group(2) and is_title_word(m.group(2)):
            found.append(FoundPerson(name, _span(m, 1), m.group(2), _span(m, 2), None, None, RANK_MEMBER))
        if m.group(3) and is_title_word(m.group(3)):
            org = _span(m, 4) if m.group(4).strip() else None
            found.append(FoundPerson(name, _span(m, 1), m.group(3), _span(m, 3), org, _complement(m, 4),
                                     _rank(m.group(3))))
    for m in finditer_at(_NAME_PAREN_ROLE, text, names):
        if is_title_word(m.group(2)):
            found.append(FoundPerson(_clean_name(m.group(1)), _span(m, 1), m.group(2), _span(m, 2), None, None,
                                     RANK_MEMBER))
    return found


def _signatures(text: str, lines: LineIndex | None = None) -> list[FoundPerson]:
    """The signatories under a letter's greeting, each with the title on the line below."""
    found: list[FoundPerson] = []
    lines = lines or LineIndex(text)
    for line_start in _greeting_line_starts(text, lines):
        line_end = lines.line_end(line_start)
        if not SIGN_OFF.match(text[line_start:line_end]):
            continue
        following = [(start, ln) for start, ln in _lines_after(text, line_end, 11, lines) if ln.strip()]
        j = 0
        while j < len(following):
            start, line_text = following[j]
            name = SIGNATURE_NAME.match(line_text)
            if not name:
                break
            name_span = Span(start + name.start(1), start + name.end(1), name.group(1))
            role = _SIGNATURE_ROLE.match(following[j + 1][1]) if j + 1 < len(following) else None
            if role and is_title_word(role.group(1)):
                role_start = following[j + 1][0]
                found.append(FoundPerson(_clean_name(name.group(1)), name_span, role.group(1),
                                         Span(role_start + role.start(1), role_start + role.end(1), role.group(1)),
                                         None, _complement(role, 2), _rank(role.group(1))))
                j += 2
            else:
                found.append(FoundPerson(_clean_name(name.group(1)), name_span))
                j += 1
    return found


#: The words every greeting ``SIGN_OFF`` accepts holds one of.
_GREETING_WORDS = ("hilsen", "helsing")


def _greeting_line_starts(text: str, lines: LineIndex) -> list[int]:
    """Where the lines that can be a greeting start, ascending: those holding a greeting word
    (found in the lower-cased text), or every line where lower-casing would not keep offsets or
    case rules (``casefree.lowered``). Why: trying ``SIGN_OFF`` on every line of every text was
    most of the work, though few texts are letters."""
    low = lowered(text)
    if low is None:
        return [0, *(m.end() for m in re.finditer("\n", text))]
    starts = set()
    for word in _GREETING_WORDS:
        pos = low.find(word)
        while pos >= 0:
            starts.add(lines.line_start(pos))
            pos = low.find(word, pos + 1)
    return sorted(starts)


def _lines_after(text: str, end: int, count: int, lines: LineIndex) -> list[tuple[int, str]]:
    """The next ``count`` lines (start, text) after the line ending at ``end``, as
    ``text.split("\n")`` gives them (a text ending in a line break ends in an empty line)."""
    out: list[tuple[int, str]] = []
    while len(out) < count and end < len(text):
        start = end + 1
        end = lines.line_end(start)
        out.append((start, text[start:end]))
    return out


def _line_start(text: str, pos: int, lines: LineIndex) -> int:
    """Where the sentence or line holding ``pos`` starts (a capitalised role there is not a name):
    after the last line break or ". " before it, each found by a binary search (``LineIndex``), not
    by reading back through a long line."""
    cut = max(lines.line_start(pos) - 1, lines.last_before(". ", pos) + 1)
    while cut + 1 < len(text) and text[cut + 1:cut + 2].isspace():
        cut += 1
    return cut + 1 if cut >= 0 else 0
