"""The cue patterns of the relation rules, in bokmål and nynorsk, active, passive and nominal.

Each pattern is a verb or noun phrase that states one predicate; which side of it holds the
subject and which the objects is the rule's business (``rules.py``). Every pattern is compiled
case-insensitively and written in lower-case letters, so ``CaselessCue`` can test it quickly in
lower-cased text; the patterns with named groups (``ASSIGN_GIVE``, ``ASK``) keep the plain search.
"""

from __future__ import annotations

import re

from healthplan_kg.extract.cue_filter import CueSet


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


#: "X følger opp Y", "X er en oppfølging av Y", "X bygger (videre) på Y", "X tar utgangspunkt i Y".
FOLLOWS_UP_ACTIVE = _rx(
    r"\b(?:følger|følgjer|fulgte|følgde|følgte|fulgt|følge|følgje)\s+(?:\w+\s+){0,2}?opp\b|"
    r"\b(?:er|var|blir|vert|som)\s+(?:en\s+|ei\s+|ein\s+)?(?:direkte\s+)?oppfølging\s+av\b|"
    r"\boppfølgingen\s+av\b|\boppfølginga\s+av\b|"
    r"\b(?:bygger|byggjer|bygde|bygget|bygd|bygge|byggje|bygga)\s+(?:\w+\s+){0,2}?(?:videre\s+|vidare\s+)?på\b|"
    r"\b(?:tar|tek|tok|ta|teke|tatt|teki)\s+(?:\w+\s+){0,2}?utgangspunkt\s+i\b")
#: "Y følges opp i X": the followed comes first, the follower after.
FOLLOWS_UP_PASSIVE = _rx(r"\b(?:følges|følgjast|følgjes|(?:bli|blir|blitt|ble|blei|vert|vart|verte|er|vere|være)"
                         r"\s+(?:fulgt|følgd|følgt|følgde))\s+opp\b")
#: "Y danner grunnlag for X", "Y ligger til grunn for X": X follows Y up.
FOLLOWS_UP_GROUNDS = _rx(r"\b(?:danne|danner|dannar|danna|dannet|dana)\s+(?:\w+\s+){0,2}?grunnlag(?:et)?\s+for\b|"
                         r"\b(?:ligge|ligger|ligg|liggje|liggja|låg|lå|legges|leggjast)\s+(?:\w+\s+){0,2}?til\s+grunn\s+for\b")
REPLACES_ACTIVE = _rx(r"\b(?:erstatter|erstattar|avløser|avløyser|avløste|avløyste|erstattet|erstatta|erstatte|"
                      r"avløse|avløyse|tar\s+over\s+etter|tek\s+over\s+etter)\b")
REPLACES_PASSIVE = _rx(r"\b(?:erstattes|erstattast|avløses|avløysast|(?:blir|ble|er|vert|vart|blei|blitt)\s+"
                       r"(?:erstattet|erstatta|avløst|avløyst))\s+av\b")
#: "fra det som før het X, til det som nå heter Y" (a renaming: Y replaces X).
RENAMED = _rx(r"\b(?:fra|frå)\s+det\s+som\s+(?:før|tidlegare|tidligere)\s+(?:het|hette|heitte)\s+"
              r"(?P<old>.{2,120}?),?\s+til\s+det\s+som\s+(?:nå|no)\s+(?:heter|heiter|heitir)\s+(?P<new>.{2,120}?)"
              r"(?=[,.;:!?]|\s+(?:og|men|som)\s|$)")
SEEN_WITH = _rx(r"\b(?:sees|ses|sjåast|sjåas|blir\s+sett|vert\s+sett|se|sjå)\s+(?:\w+\s+){0,2}?"
                r"i\s+(?:sammenheng|samanheng)\s+med\b|\bi\s+(?:sammenheng|samanheng)\s+med\b")
TOGETHER_WITH = _rx(r"\b(?:sammen|saman)\s+med\b")
PART_OF = _rx(r"\b(?:inngår|inngå|gjekk\s+inn|går\s+inn)\s+i\b|\b(?:er|var|blir|vert)\s+(?:en\s+|ein\s+|ei\s+)?"
              r"del\s+av\b|\bsom\s+(?:en\s+|ein\s+)?del\s+av\b")
#: "X består av A, B og C": each of A, B and C is part of X.
CONSISTS_OF = _rx(r"\b(?:består|bestod|bestående|beståande|beståande|utgjøres|utgjerast)\s+av\b")
PRESENTED_IN = _rx(r"\b(?:presenterer|presenterte|lanserer|lanserte|legger\s+fram|legg\s+fram|"
                   r"legger\s+frem|la\s+fram|la\s+frem|varsler|varslar|foreslår|gjer\s+framlegg\s+om)\s+i\b")
ASSIGN_FROM = _rx(r"\b(?:fått|fikk|fekk|får|har\s+fått|mottok|mottek|tok\s+imot)\s+(?:\w+\s+){0,3}?(?:i\s+)?"
                  r"(?:oppdrag|oppdraget|tilleggsoppdrag|mandat|bestilling|oppgave|oppgåve|oppdragsdokumentet|"
                  r"oppdragsbrevet|tildelingsbrevet|oppdragsdokument|oppdragsbrev|tildelingsbrev)\b")
ASSIGN_TO = _rx(r"\b(?:tilleggsoppdrag|oppdrag|oppdraget|bestilling|mandat)\s+til\b")
ASSIGN_GIVE = _rx(r"\b(?:gitt|gav|ga|gir|gjev|gjeve)\s+(?P<between>.{2,80}?)\s+(?:i\s+)?(?:et\s+|eit\s+)?"
                  r"(?:oppdrag|tilleggsoppdrag)\b")
MANDATE_BY = _rx(r"\bmandat(?:et)?\s+(?:er|blir|ble|vart|blei|vert)\s+gitt\s+av\b|"
                 r"\bpå\s+oppdrag\s+(?:fra|frå)\b|\better\s+oppdrag\s+(?:fra|frå)\b")
ASK = _rx(r"\b(?:ber|bad|bedt|bede|bedd)\s+(?P<between>.{2,80}?)\s+om\s+(?:å|at)\b")
#: "X har nedsatt et utvalg", "Regjeringa oppnemnde eit utval": X gives the committee its mandate.
APPOINTS = _rx(r"\b(?:nedsatt|nedsett|nedsette|nedset|nedsatte|oppnevnt|oppnevnte|oppnevner|oppnevne|"
               r"oppnemnd|oppnemnde|oppnemner|oppnemne|oppnemnt|satt\s+ned|sett\s+ned|sette\s+ned|setter\s+ned|"
               r"setje\s+ned|setja\s+ned|set\s+ned)\b")
#: "X blir sekretariat for arbeidet i utvalet": a task given by whoever set the committee up.
SECRETARIAT = _rx(r"\b(?:skal\s+være|skal\s+vere|er|blir|vert|blei|ble|vart)\s+(?:\w+\s+)?sekretariat\s+for\b")
#: "revidere og fornye eksisterende X": the new document (the text's own) replaces X.
REVISES = _rx(r"\b(?:revidere|revidera|fornye|fornya|erstatte|erstatta|avløse|avløyse)\s+(?:(?:samt|og)\s+\w+\s+)?"
              r"(?:den\s+|dei\s+|de\s+)?(?:eksisterende|eksisterande|gjeldende|gjeldande|dagens|nåværende|noverande)\b")
#: An assignment letter for a body: its issuer gives the body its tasks ("tildelingsbrev for X").
TASK_LETTER = _rx(r"\b(?:tildelingsbrev|oppdragsbrev|oppdragsdokument|tildelingsbrevet|oppdragsbrevet|"
                  r"oppdragsdokumentet)\s+(?:for|til)\b")
COLLABORATES = _rx(r"\b(?:samarbeider|samarbeidar|samarbeidde|samarbeidet|samarbeida)\s+(?:\w+\s+){0,3}?med\b|"
                   r"\bi\s+samarbeid\s+med\b|\bsamarbeid(?:et)?\s+mellom\b|"
                   r"\b(?:inngått|inngikk|inngår|signert|signerte|underskrevet|underteikna)\s+mellom\b")
#: A body or person issuing a document: "X har utarbeidet Y", "X gir ut Y", "X har laget Y".
PUBLISHES = _rx(r"\b(?:har\s+|hadde\s+)?(?:utarbeidet|utarbeidd|utarbeidde|utarbeida|utarbeider|utarbeidar|publisert|"
                r"publiserte|publiserer|gitt\s+ut|gav\s+ut|ga\s+ut|gir\s+ut|gjev\s+ut|laget|laga|lager|lagar|"
                r"skriver|skriv|skrev|skreiv|har\s+skrevet|har\s+skrive|levere|leverer|leverte|levert|leverer)\b")
#: "Y er utarbeidet av X": X issued Y.
PUBLISHED_BY = _rx(r"\b(?:er|ble|blei|vart|blir|vert|blitt)\s+(?:\w+\s+)?(?:utarbeidet|utarbeidd|utarbeida|laget|"
                   r"laga|skrevet|skrive|publisert|gitt\s+ut|gjeve\s+ut|levert|overlevert)\s+av\b")
#: "Rapporten skal leveres innen mai": delivered by the body the text last said delivers.
DELIVERED = _rx(r"\b(?:skal|vil|blir|vert|ble|vart|blei)\s+(?:\w+\s+)?(?:leveres|leverast|levert|overleveres|"
                r"overleverast|overlevert)\b(?!\s+av\b)")
#: "anbefalingene fra X skal innarbeides": the text's document takes X up.
INCORPORATED = _rx(r"\b(?:innarbeides|innarbeidast|innarbeidd|innarbeidet|innarbeida|tas\s+inn|takast\s+inn)\b")
#: "X foreslår i høringsnotatet ...", "X gir i meldingen ...": X speaks in (so issues) the document.
AUTHOR_IN = _rx(r"\b(?:foreslår|foreslo|gjer\s+framlegg|gir|gjev|gav|skriver|skriv|beskriver|skildrar|"
                r"drøfter|drøftar|redegjør|gjer\s+greie)\s+i\b")
#: "X la fram Y", "la Kjerkol fram Y", "X lanserte Y": presenting or launching a document.
PRESENTS = _rx(r"\b(?:la|legg|legger|lagt|leggje|legge)\s+(?:\S+\s+){0,4}?(?:fram|frem)\b|"
               r"\b(?:lanserte|lanserer|lanserar|lansert|presenterte|presenterer|presenterar|presentert)\b")
#: "Y ble lagt fram av X", "Y vart lansert av X".
PRESENTED_BY = _rx(r"\b(?:er|ble|blei|vart|blir|vert|blitt)\s+(?:\w+\s+)?(?:lagt\s+fram|lagt\s+frem|lansert|"
                   r"presentert)\s+(?:\S+\s+){0,4}?av\b")
ANNOUNCES = _rx(r"\b(?:vil|skal|ønsker|ønskjer|planlegger|planlegg|tar\s+sikte\s+på|tek\s+sikte\s+på|"
                r"kommer\s+til|kjem\s+til)\s+(?:\S+\s+){0,4}?(?:å\s+)?(?:legge|leggje|legga|publisere|"
                r"publisera|lansere|lansera|komme\s+med|kome\s+med|utarbeide|utarbeida|presentere|"
                r"presentera|lage|laga|gjennomføre|gjennomføra|sette\s+i\s+gang|setje\s+i\s+gang)\b(?:\s+(?:frem|fram))?|\b(?:varsler|varslar|kunngjør|"
                r"kunngjer)\b")

RULE_PATTERNS = (FOLLOWS_UP_ACTIVE, FOLLOWS_UP_PASSIVE, FOLLOWS_UP_GROUNDS, REPLACES_ACTIVE, REPLACES_PASSIVE,
                 SEEN_WITH, TOGETHER_WITH, PART_OF, CONSISTS_OF, PRESENTED_IN, ASSIGN_FROM, ASSIGN_TO, ASSIGN_GIVE,
                 MANDATE_BY, ASK, APPOINTS, TASK_LETTER, SECRETARIAT, REVISES, COLLABORATES, PUBLISHES,
                 PUBLISHED_BY, DELIVERED, INCORPORATED, AUTHOR_IN, PRESENTS, PRESENTED_BY, ANNOUNCES, RENAMED)
#: One pass that tells whether a sentence holds any cue at all (most sentences hold none).
ANY_CUE = re.compile("|".join(f"(?:{re.sub(r'[?]P<[a-z]+>', '?:', p.pattern)})" for p in RULE_PATTERNS),
                     re.IGNORECASE)

#: The cues of the rules that read more than one cue, kept out of ``ANY_CUE``: a steering
#: document named (``steering``), working "sammen med" a body (``together``), a task given, whose
#: giver follows "ifølge", and goals one body sets another (``commissioned``).
STEERING_NOUN = re.compile(r"\b(?:styringsdokument|oppdragsdokument|tildelingsbrev|oppdragsbrev)"
                           r"(?:et|a|ene|ane|er)?\b", re.IGNORECASE)
TOGETHER = re.compile(r"\b(?:sammen|saman)\s+med\s+", re.IGNORECASE)
TASKED = re.compile(r"\b(?:får|fikk|fekk|har\s+fått|hadde\s+fått)\s+(?P<between>.{0,80}?)\b(?:i\s+)?"
                    r"(?:oppdrag|oppdraget|oppgave|oppgåve|oppgaven|oppgåva|mandat|bestilling)\b", re.IGNORECASE)
#: "Departementet har sett to hovudmål, som Helse Sør-Aust RHF skal arbeide mot", "Departementet
#: har satt klare krav til Helsedirektoratet".
GOALS_SET = re.compile(r"\b(?:har|hadde)\s+(?:satt|sett|fastsatt|fastsett|stilt|stilla)\s+(?:\w+\s+){0,2}?"
                       r"(?:mål|hovedmål|hovudmål|resultatmål|krav|styringskrav|føringer|føringar)\b", re.IGNORECASE)

#: Every pattern a rule acts on (``sentence.acts_on``), asked of one sentence at a time: the
#: sentence's words pick the patterns that may be found, and each runs at most once per sentence
#: (``cue_filter``), whether the question comes from choosing the rules or from a rule.
CUE_SET = CueSet(RULE_PATTERNS + (STEERING_NOUN, TOGETHER, TASKED, GOALS_SET))
#: Each rule's pattern as a quick "is it there at all" test: most rules find nothing in a sentence
#: that holds some cue, and the test in lower-cased text is much cheaper than the search.
RULE_CUES = {pattern: CUE_SET.member(pattern) for pattern in RULE_PATTERNS if pattern is not RENAMED}
