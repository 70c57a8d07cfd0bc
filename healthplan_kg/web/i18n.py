"""The web app's own words in bokmål, nynorsk and English (labels of graph entities come from the graph).

One table, so a missing translation is a test failure rather than an English word in a nynorsk page.
"""

from __future__ import annotations

LANGUAGES = ("nb", "nn", "en")
DEFAULT_LANGUAGE = "nb"
LANGUAGE_NAMES = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"nb": "Helseplaner – kunnskapsgraf", "nn": "Helseplanar – kunnskapsgraf",
                  "en": "Health plans – knowledge graph"},
    "home": {"nb": "Hjem", "nn": "Heim", "en": "Home"},
    "queries": {"nb": "Lagrede spørringer", "nn": "Lagra spørjingar", "en": "Saved queries"},
    "validation": {"nb": "Validering", "nn": "Validering", "en": "Validation"},
    "sparql": {"nb": "SPARQL", "nn": "SPARQL", "en": "SPARQL"},
    "api_docs": {"nb": "API", "nn": "API", "en": "API"},
    "search": {"nb": "Søk", "nn": "Søk", "en": "Search"},
    "search_placeholder": {"nb": "Navn, forkortelse eller identifikator (f.eks. NOU 2023: 4)",
                           "nn": "Namn, forkorting eller identifikator (t.d. NOU 2023: 4)",
                           "en": "Name, abbreviation or identifier (e.g. NOU 2023: 4)"},
    "search_results": {"nb": "Søkeresultater", "nn": "Søkjeresultat", "en": "Search results"},
    "no_results": {"nb": "Ingen treff.", "nn": "Ingen treff.", "en": "Nothing found."},
    "holdings": {"nb": "Hva grafen inneholder", "nn": "Kva grafen inneheld", "en": "What the graph holds"},
    "kind": {"nb": "Type", "nn": "Type", "en": "Kind"},
    "year": {"nb": "År", "nn": "År", "en": "Year"},
    "undated": {"nb": "udatert", "nn": "udatert", "en": "undated"},
    "total": {"nb": "I alt", "nn": "I alt", "en": "Total"},
    "documents": {"nb": "Kildedokumenter", "nn": "Kjeldedokument", "en": "Source documents"},
    "identifiers": {"nb": "Egenskaper", "nn": "Eigenskapar", "en": "Properties"},
    "property": {"nb": "Egenskap", "nn": "Eigenskap", "en": "Property"},
    "value": {"nb": "Verdi", "nn": "Verdi", "en": "Value"},
    "source": {"nb": "Kilde", "nn": "Kjelde", "en": "Source"},
    "reference_data": {"nb": "referansedata", "nn": "referansedata", "en": "reference data"},
    "run_alone": {"nb": "kjør alene", "nn": "køyr åleine", "en": "run on its own"},
    "rows": {"nb": "rader", "nn": "rader", "en": "rows"},
    "none_found": {"nb": "Ingenting.", "nn": "Ingenting.", "en": "None."},
    "lineage": {"nb": "Slektskap (hva det kommer av og hva som kom av det)",
                "nn": "Slektskap (kva det kjem av og kva som kom av det)",
                "en": "Lineage (what it comes from and what came of it)"},
    "panel_overview": {"nb": "Oversikt", "nn": "Oversikt", "en": "Overview"},
    "panel_measures": {"nb": "Tiltak i rekkefølge", "nn": "Tiltak i rekkjefølgje", "en": "Measures in order"},
    "panel_follows_up": {"nb": "Følger opp", "nn": "Følgjer opp", "en": "Follows up"},
    "panel_followed_by": {"nb": "Følges opp av", "nn": "Blir følgd opp av", "en": "Followed up by"},
    "panel_replaces": {"nb": "Erstatter og ses i sammenheng med", "nn": "Erstattar og blir sett i samanheng med",
                       "en": "Replaces and is seen with"},
    "panel_commission": {"nb": "Oppfølging av kommisjonen og utredningen",
                         "nn": "Oppfølging av kommisjonen og utgreiinga",
                         "en": "Follow-ups of the commission and its report"},
    "panel_quotes": {"nb": "Sitater", "nn": "Sitat", "en": "Quotes"},
    "panel_assignments_given": {"nb": "Oppdrag gitt", "nn": "Oppdrag gitt", "en": "Assignments given"},
    "panel_assignments_received": {"nb": "Oppdrag mottatt", "nn": "Oppdrag motteke", "en": "Assignments received"},
    "panel_timeline": {"nb": "Tidslinje", "nn": "Tidsline", "en": "Timeline"},
    "panel_mentions": {"nb": "Tekster som nevner den", "nn": "Tekstar som nemner han", "en": "Texts that mention it"},
    "document_text": {"nb": "Tekst med uttrukne fakta", "nn": "Tekst med uttrekte fakta",
                      "en": "Text with extracted facts"},
    "facts": {"nb": "Uttrukne fakta", "nn": "Uttrekte fakta", "en": "Extracted facts"},
    "metadata": {"nb": "Metadata", "nn": "Metadata", "en": "Metadata"},
    "parameters": {"nb": "Parametere", "nn": "Parametrar", "en": "Parameters"},
    "run": {"nb": "Kjør", "nn": "Køyr", "en": "Run"},
    "optional": {"nb": "valgfri", "nn": "valfri", "en": "optional"},
    "required": {"nb": "påkrevd", "nn": "påkravd", "en": "required"},
    "any": {"nb": "(alle)", "nn": "(alle)", "en": "(any)"},
    "download": {"nb": "Last ned hele svaret", "nn": "Last ned heile svaret", "en": "Download the whole answer"},
    "show_sparql": {"nb": "Vis SPARQL", "nn": "Vis SPARQL", "en": "Show the SPARQL"},
    "permalink": {"nb": "Lenke som gjenskaper siden", "nn": "Lenkje som gjenskaper sida",
                  "en": "Link that reproduces this page"},
    "previous": {"nb": "Forrige", "nn": "Førre", "en": "Previous"},
    "next": {"nb": "Neste", "nn": "Neste", "en": "Next"},
    "showing": {"nb": "Viser {start}–{end} av {total}", "nn": "Viser {start}–{end} av {total}",
                "en": "Showing {start}–{end} of {total}"},
    # a first page found without the whole answer, which has more rows than it shows
    "showing_first": {"nb": "Viser {start}–{end} av flere", "nn": "Viser {start}–{end} av fleire",
                      "en": "Showing {start}–{end} of more"},
    "error": {"nb": "Feil", "nn": "Feil", "en": "Error"},
    "candidates": {"nb": "Mente du", "nn": "Meinte du", "en": "Did you mean"},
    "conforms": {"nb": "Grafen er i orden", "nn": "Grafen er i orden", "en": "The graph conforms"},
    "fails": {"nb": "Grafen er IKKE i orden", "nn": "Grafen er IKKJE i orden", "en": "The graph does NOT conform"},
    "Violation": {"nb": "Brudd", "nn": "Brot", "en": "Violation"},
    "Warning": {"nb": "Advarsel", "nn": "Åtvaring", "en": "Warning"},
    "Info": {"nb": "Info", "nn": "Info", "en": "Info"},
    "node": {"nb": "Node", "nn": "Node", "en": "Node"},
    "message": {"nb": "Melding", "nn": "Melding", "en": "Message"},
    "sentence": {"nb": "Setning", "nn": "Setning", "en": "Sentence"},
    "sparql_intro": {"nb": "Skrivebeskyttet: SELECT, ASK, CONSTRUCT og DESCRIBE.",
                     "nn": "Skriveverna: SELECT, ASK, CONSTRUCT og DESCRIBE.",
                     "en": "Read-only: SELECT, ASK, CONSTRUCT and DESCRIBE."},
    "answer": {"nb": "Svar", "nn": "Svar", "en": "Answer"},
    "api_intro": {"nb": "Hver lagret spørring er et endepunkt; beskrivelsen er i /openapi.json.",
                  "nn": "Kvar lagra spørjing er eit endepunkt; skildringa er i /openapi.json.",
                  "en": "Every saved query is an endpoint; the description is at /openapi.json."},
    "verified_at": {"nb": "Kilder referansedataene er kontrollert mot",
                    "nn": "Kjelder referansedataa er kontrollerte mot",
                    "en": "Pages the reference data was verified on"},
    "headline_documents": {"nb": "kildetekster", "nn": "kjeldetekstar", "en": "source texts"},
    "headline_plans": {"nb": "planer, meldinger og utredninger", "nn": "planar, meldingar og utgreiingar",
                       "en": "plans, white papers and reports"},
    "headline_bodies": {"nb": "organer", "nn": "organ", "en": "bodies"},
    "headline_people": {"nb": "personer", "nn": "personar", "en": "people"},
    "headline_measures": {"nb": "tiltak", "nn": "tiltak", "en": "measures"},
    "language": {"nb": "Språk", "nn": "Språk", "en": "Language"},
}


def translator(lang: str):
    """``t(key, **values)`` for one language; an unknown key shows itself, so it is noticed."""
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE

    def t(key: str, **values: object) -> str:
        text = STRINGS.get(key, {}).get(lang, key)
        return text.format(**values) if values else text

    return t
