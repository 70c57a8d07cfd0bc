"""Remove page furniture from a document's text and normalise its layout.

Web pages and PDFs carry text that belongs to the site, not to the document: browser warnings,
"this article is N days old" notices, subscription prompts, "read more on ..." links, download
prompts, a "Publisert" label whose date sat in a separate element. Left in, they become false
sentences, false titles and false list items downstream. Every reader runs ``clean_text`` before
it returns, so offsets downstream point into text that is already clean.

The patterns are written for Norwegian (bokmål and nynorsk) site conventions in general, with
several phrasings each, not for one text. Dated lines such as "Publisert: 20. mars 2024" or
"Først publisert: 05.03.2024 Siste faglige endring: ..." are kept: the metadata extractor reads
them.
"""

from __future__ import annotations

import re

#: Characters that mark a list item at line start. "–" (en dash) is deliberately absent: in
#: Norwegian text a line that starts with "– " opens a quote, not a list item.
BULLET_CHARS = "•·▪◦‣*-"
BULLET = "• "

_BULLET_LINE = re.compile(rf"^[{re.escape(BULLET_CHARS)}]\s+(\S.*)$")
#: A line opened by a hyphen that is direct speech, not a list item: its sentence is attributed
#: (", sier Kari Vik.", ", seier ho.", ", sa ein nøgd Ola Dahl.") to a capitalised name or a pronoun.
#: Newspapers open quotes with "- " as often as with "– "; the hyphen is kept so the quote is read.
_SPOKEN_HYPHEN_LINE = re.compile(
    r"^-\s*\S.*?[,.!?»]\s+[a-zæøå]*[reatlv](?:\s+(?:også|òg|og))?(?:\s+[a-zæøå]+){0,4}\s+"
    r"(?:[A-ZÆØÅ][\wæøå-]+|hun|han|ho|hen)\b[^.!?]*(?:[.!?:]\s|[.!?:]?$)")
_EMPTY_BULLET = re.compile(rf"^[{re.escape(BULLET_CHARS)}]$")

_NB_NN_AGE_UNITS = r"(?:dag|dager|dagar|uke|uker|veke|veker|måned|måneder|månad|månader|år)"

#: Whole lines that are site furniture. Each is matched against the stripped line, ignoring case.
_FURNITURE_LINES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # Browser warnings: "Denne nettleseren støttes ikke lenger", "Nettlesaren din er
        # utdatert", "Vi støttar ikkje nettlesaren du brukar".
        r"^(?=.{0,200}$).*\bnettles[ae]r(?:en|e|ar)?\b.*\b(?:støtt\w*|utdatert\w*|oppdater\w*|"
        r"gammal\w*|gammel\w*|eldre)\b.*$",
        r"^(?=.{0,200}$).*\b(?:støtt\w*|oppdater\w*|eldre|gammal\w*|gammel\w*)\b.*\bnettles[ae]r\w*\b.*$",
        # Article-age notices: "Saka er 90 dagar gammal", "Artikkelen er over 2 år gammel".
        rf"^(?:denne\s+)?(?:artikkelen|saken|saka|nyheten|nyheita|innholdet|innhaldet|siden|sida)"
        rf"\s+er\s+(?:over\s+|mer\s+enn\s+|meir\s+enn\s+)?\d+\s+{_NB_NN_AGE_UNITS}\s+gam\w*\b.*$",
        r"^(?:informasjonen|innholdet|innhaldet)\s+kan\s+(?:være|vere|vera)\s+utdater\w*\.?$",
        # Subscription prompts: "Abonner på nyheter fra oss", "Meld deg på
        # nyhetsbrevet", "Få varsel om nye saker". The first word is looked for before the
        # length (which reads the whole line): most lines fail at their first letter.
        r"^(?=abonner)(?=.{0,150}$)abonner\w*\b.*$",
        r"^(?=meld\s)(?=.{0,150}$)meld\s+deg\s+på\s+(?:vårt\s+)?nyhe\w*brev\w*.*$",
        r"^(?=få\s)(?=.{0,150}$)få\s+(?:varsel|varsling|e-post)\s+(?:om|når)\b.*$",
        # Share and print buttons rendered as text.
        r"^(?:del|del\s+på\s+\w+|del\s+(?:artikkelen|saken|saka|sida|siden)|skriv\s+ut|"
        r"skriv\s+ut\s+(?:sida|siden)|tips\s+oss)\.?$",
        # A date label left alone when its value sat in another element: "Publisert",
        # "Sist oppdatert:", "Oppdatert".
        r"^(?:først\s+|fyrst\s+)?(?:publisert|publisert\s+dato|sist\s+oppdatert|oppdatert|"
        r"endret|endra|sist\s+endret|sist\s+endra)\s*:?$",
    )
)

#: Lines a site prints on every page (navigation, logo, shop, section names), whole line. They are
#: kept in the text (a section name may also head a part of the article) but are never its title.
_SITE_FURNITURE = re.compile(
    r"^(?:(?:hopp|gå|ga)\s+(?:direkte\s+)?til\s+(?:hoved)?inn(?:hold|hald)(?:et)?|"
    r"til\s+(?:framsida|forsida|framsiden|forsiden|toppen|innholdsfortegnelse(?:n)?|"
    r"innhaldsliste|innhaldslista|hovedinnhold)|"
    r"kontakt(?:\s+oss)?|meny|hovedmeny|hovudmeny|søk|lukk|logg\s+inn|min\s+side|english|"
    r"in\s+english|information\s+in\s+english|forside|framside|hjem|heim|"
    r"nyheter|nyhet|nyhende|nyheiter|aktuelt|artikkel|pressemelding|pressemeldingar|"
    r"pressemeldinger|politikk|tema|fag|om\s+oss|publikasjoner|publikasjonar|dokumenter|"
    r"dokument|historisk\s+arkiv|arkiv|del|skriv\s+ut|"
    r"logo\b.*|.*\blogo|.*\bhandlekurv\w*.*|.*\bhandlekorg\w*.*|"
    r"[\w.-]+\.(?:jpe?g|png|gif|svg|webp))$",
    re.IGNORECASE)


def is_site_furniture(line: str) -> bool:
    """Whether a whole line is the site's, not the article's ("Hopp til hovedinnhold", "logo X")."""
    return bool(_SITE_FURNITURE.match(line.strip()))


#: A furniture sentence at the start of a line; only that sentence is dropped, so a line such as
#: "Last ned pdf av planen. Planen ble oppdatert i mars." keeps its second sentence.
_FURNITURE_SENTENCES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # "Les mer på departementets sider.", "Les meir på helsenorge.no", "Les mer her",
        # "Les hele saken hos NRK". Not "Les mer om X i Y", which names a document.
        r"^les\s+(?:mer|meir)(?:\s+om\s+(?:dette|saken|saka))?\s+(?:på|hos|her|på\s+nettsidene)\b",
        r"^les\s+(?:hele|heile)\s+(?:saken|saka|artikkelen|intervjuet|meldingen|meldinga)\b",
        # "Les brevet som PDF", "Les rapporten i PDF-format", "Se planen som pdf".
        r"^(?:les|se|åpne|opne)\s+[\w\-]+(?:\s+[\w\-]+){0,4}\s+(?:som|i)\s+pdf\b",
        # "Last ned pdf av planen", "Last ned rapporten (PDF)", "Last ned som PDF".
        r"^last\s+ned\s+(?:som\s+)?pdf\b",
        r"^last\s+ned\s+[\w\-]+(?:\s+[\w\-]+){0,5}\s*\(?pdf\b\)?",
    )
)

#: A photo caption fused into the quote that follows it: "Siw Bratli– Vi ønsker ..." -> a name
#: of one to four capitalised words directly followed (no space) by an en or em dash and a space.
_FUSED_CAPTION = re.compile(
    r"^(?:[A-ZÆØÅ][\w.'\-]*)(?:\s+(?:[A-ZÆØÅ][\w.'\-]*|av|von|van|de))"
    r"{0,3}(?<=\w)(?=[–—]\s)"
)

_SENTENCE_END = re.compile(r"[.!?](?:\s+|$)")


def _any_of(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str]:
    """One pattern that matches where any of ``patterns`` matches: one regex call per line
    instead of one per pattern."""
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), re.IGNORECASE)


_ANY_FURNITURE_LINE = _any_of(_FURNITURE_LINES)
#: The same without the two browser-warning patterns, the slow ones (".*" then a word), for the
#: many lines that cannot hold one: no "nettles" in any case ("ſ" is an "s" to the regex engine).
_ANY_FURNITURE_LINE_BUT_BROWSER = _any_of(_FURNITURE_LINES[2:])
_ANY_FURNITURE_SENTENCE = _any_of(_FURNITURE_SENTENCES)
_INVISIBLE = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u200b": None,
                            "\ufeff": None, "\u00ad": None})
#: The same mapping as (character, replacement) pairs, applied with ``str.replace`` where the
#: character occurs: many times faster than ``str.translate`` on a whole document.
_INVISIBLE_PAIRS = tuple((chr(code), value or "") for code, value in _INVISIBLE.items())


def _drop_leading_furniture_sentence(line: str) -> str:
    """The line without a leading furniture sentence (empty when the sentence was all of it)."""
    if _ANY_FURNITURE_SENTENCE.match(line):
        end = _SENTENCE_END.search(line)
        return line[end.end():].strip() if end else ""
    return line


def clean_line(line: str, browser_possible: bool = True) -> str | None:
    """One stripped, normalised line, or None when the line is page furniture.

    ``browser_possible`` False: the caller knows the line holds no "nettles" in any case and no
    "ſ" (none in its whole text), so the browser warnings need no look."""
    line = line.strip()
    if not line:
        return line
    browser = browser_possible and ("nettles" in line.lower() or "ſ" in line)
    if (_ANY_FURNITURE_LINE if browser else _ANY_FURNITURE_LINE_BUT_BROWSER).match(line):
        return None
    if _EMPTY_BULLET.match(line):
        return None
    line = _drop_leading_furniture_sentence(line)
    if not line:
        return None
    if _SPOKEN_HYPHEN_LINE.match(line):
        return line
    if bullet := _BULLET_LINE.match(line):
        line = BULLET + bullet.group(1)
    elif ("–" in line or "—" in line) and (caption := _FUSED_CAPTION.match(line)):  # it needs a dash
        line = line[caption.end():]
    return line


def clean_text(text: str) -> str:
    """The text with furniture lines removed and layout normalised.

    Newlines become ``\\n``, no-break spaces plain spaces, trailing and leading spaces go,
    list bullets become "• ", and there is never more than one blank line in a row.

    >>> clean_text("Nettleseren din støttes ikke.\\r\\n\\r\\nTittel\\n  ▪ punkt\\n")
    'Tittel\\n• punkt'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for char, value in _INVISIBLE_PAIRS:
        if char in text:
            text = text.replace(char, value)
    kept: list[str] = []
    # Lower case is a character's own (no "\n" and no letter of "nettles" depends on its
    # neighbours), so a line's "nettles" is one in the whole text's lower case.
    browser_possible = "nettles" in text.lower() or "ſ" in text
    for raw in text.split("\n"):
        line = clean_line(raw, browser_possible)
        if line is not None:
            kept.append(line)
    joined = "\n".join(kept)
    joined = re.sub(r"\n{3,}", "\n\n", joined)
    return joined.strip("\n")
