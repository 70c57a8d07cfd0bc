"""Sentence templates for synthetic policy texts, in bokmål (``nb``) and nynorsk (``nn``).

Written for this project: short, plain sentences of the kinds Norwegian health-policy texts use
(news items, letters of assignment, white-paper chapters), with the cues the extractor reads —
"Publisert:", dash quotes with "sier"/"seier", lists after "hovedgrep"/"hovudgrep", groups after
"prioriterte pasientgrupper", and relation sentences. Placeholders are ``str.format`` fields:
``{agency}``, ``{agency2}``, ``{commission}``, ``{doc}`` (a name), ``{docid}`` (an identifier),
``{docid2}``, ``{speaker}``, ``{role}``, ``{date}``, ``{year}``, ``{topic}``.
"""

from __future__ import annotations

KINDS = ("news", "letter", "chapter")

TITLES = {
    "nb": {
        "news": ["{agency} vil styrke {topic}", "Nye grep for {topic} i {year}",
                 "Regjeringen legger fram tiltak for {topic}", "{commission} har levert sin utredning"],
        "letter": ["Oppdragsbrev til {agency} om {topic}", "Tillegg til tildelingsbrev: {topic}",
                   "Oppdrag om {topic} for {year}"],
        "chapter": ["Kapittel {n}: {topic}", "{n} Tiltak for {topic}", "Del {n} – {topic} i helsetjenesten"],
    },
    "nn": {
        "news": ["{agency} vil styrkje {topic}", "Nye grep for {topic} i {year}",
                 "Regjeringa legg fram tiltak for {topic}", "{commission} har levert utgreiinga si"],
        "letter": ["Oppdragsbrev til {agency} om {topic}", "Tillegg til tildelingsbrev: {topic}",
                   "Oppdrag om {topic} for {year}"],
        "chapter": ["Kapittel {n}: {topic}", "{n} Tiltak for {topic}", "Del {n} – {topic} i helsetenesta"],
    },
}

TOPICS = {
    "nb": ["rekruttering av helsepersonell", "digital samhandling", "psykisk helse for unge",
           "akuttberedskap i distriktene", "legemiddelforsyning", "kvinners helse", "eldre som bor hjemme",
           "ventetider i spesialisthelsetjenesten", "allmennlegetjenesten", "rusomsorg"],
    "nn": ["rekruttering av helsepersonell", "digital samhandling", "psykisk helse for unge",
           "akuttberedskap i distrikta", "legemiddelforsyning", "helsa til kvinner", "eldre som bur heime",
           "ventetider i spesialisthelsetenesta", "allmennlegetenesta", "rusomsorg"],
}

#: Sentences that name bodies and documents and state a relation the extractor looks for.
RELATIONS = {
    "nb": ["{docid} følger opp {docid2}.",
           "Planen følger opp anbefalingene fra {commission}.",
           "{docid} erstatter {docid2}, som ble lagt fram tidligere.",
           "Arbeidet sees i sammenheng med {docid2}.",
           "{agency} fikk i oppdrag fra {agency2} å utrede {topic}.",
           "{agency} samarbeider med {agency2} om {topic}.",
           "{agency2} har gitt {agency} i oppdrag å følge opp {topic} innen {date}."],
    "nn": ["{docid} følgjer opp {docid2}.",
           "Planen følgjer opp tilrådingane frå {commission}.",
           "{docid} erstattar {docid2}, som vart lagd fram tidlegare.",
           "Arbeidet blir sett i samanheng med {docid2}.",
           "{agency} fekk i oppdrag frå {agency2} å greie ut {topic}.",
           "{agency} samarbeider med {agency2} om {topic}.",
           "{agency2} har gitt {agency} i oppdrag å følgje opp {topic} innan {date}."],
}

QUOTES = {
    "nb": ["– Vi må bruke fagfolkene våre klokere, og vi må gjøre det nå, sier {role} {speaker}.",
           "– Dette er et viktig steg for pasientene, og vi følger arbeidet tett, sier {speaker}, {role} i {agency}.",
           "– Tjenestene må henge bedre sammen der folk bor, sier {role} {speaker}.",
           "– Vi har ventet lenge på en slik plan. Nå må den følges opp med penger, sier {speaker}."],
    "nn": ["– Vi må bruke fagfolka våre klokare, og vi må gjere det no, seier {role} {speaker}.",
           "– Dette er eit viktig steg for pasientane, og vi følgjer arbeidet tett, "
           "seier {speaker}, {role} i {agency}.",
           "– Tenestene må henge betre saman der folk bur, seier {role} {speaker}.",
           "– Vi har venta lenge på ein slik plan. No må han følgjast opp med pengar, seier {speaker}."],
}

MEASURES_INTRO = {
    "nb": ["Planen har følgende hovedgrep:", "Regjeringen legger fram disse hovedgrepene:",
           "{docid} har fire hovedgrep:"],
    "nn": ["Planen har desse hovudgrepa:", "Regjeringa legg fram desse hovudgrepa:",
           "{docid} har fire hovudgrep:"],
}

MEASURES = {
    "nb": ["styrke allmennlegetjenesten i hele landet", "bygge ut helsefellesskapene",
           "ta i bruk mer teknologi og digitale verktøy", "rekruttere og beholde sykepleiere",
           "korte ned ventetidene i sykehusene", "gi kommunene bedre rammer for samhandling",
           "satse på forebygging og folkehelse", "styrke den akuttmedisinske beredskapen",
           "utvikle tjenester for barn og unge", "gjøre det enklere å dele pasientopplysninger"],
    "nn": ["styrkje allmennlegetenesta i heile landet", "byggje ut helsefellesskapa",
           "ta i bruk meir teknologi og digitale verktøy", "rekruttere og halde på sjukepleiarar",
           "korte ned ventetidene i sjukehusa", "gi kommunane betre rammer for samhandling",
           "satse på førebygging og folkehelse", "styrkje den akuttmedisinske beredskapen",
           "utvikle tenester for barn og unge", "gjere det enklare å dele pasientopplysningar"],
}

GROUPS_INTRO = {
    "nb": "Planen har fire prioriterte pasientgrupper: {groups}.",
    "nn": "Planen har fire prioriterte pasientgrupper: {groups}.",
}

GROUPS = {
    "nb": ["barn og unge", "personer med psykiske lidelser og rusproblemer", "personer med flere kroniske sykdommer",
           "skrøpelige eldre", "personer med kreft", "personer med demens"],
    "nn": ["barn og unge", "personar med psykiske lidingar og rusproblem", "personar med fleire kroniske sjukdomar",
           "skrøpelege eldre", "personar med kreft", "personar med demens"],
}

#: A document's own themes, after a sentence that says so (the items come from the concept scheme).
THEMES_INTRO = {
    "nb": ["Meldingen tar for seg disse temaene: {themes}.", "Arbeidet er delt inn i fire temaområder: {themes}.",
           "Planen omhandler følgende tema:"],
    "nn": ["Meldinga tek for seg desse tema: {themes}.", "Arbeidet er delt inn i fire temaområde: {themes}.",
           "Planen handlar om følgjande tema:"],
}

#: Sentences that carry no fact of their own: they give a text its length and its noise.
FILLER = {
    "nb": ["Etterspørselen etter helsetjenester vokser raskere enn tilgangen på personell.",
           "Mange kommuner melder at det er vanskelig å rekruttere fastleger.",
           "Tjenestene skal være likeverdige, uansett hvor i landet man bor.",
           "Erfaringene fra pandemien viser at beredskapen må øves jevnlig.",
           "Pasientene skal oppleve at overgangen mellom sykehus og kommune går smidig.",
           "Flere skal kunne få oppfølging hjemme i stedet for på institusjon.",
           "Innsatsen skal evalueres underveis, og resultatene skal gjøres kjent.",
           "Det krever at ledere på alle nivåer tar et felles ansvar for tjenestene.",
           "Utgiftene til helse har økt jevnt det siste tiåret.",
           "Arbeidet skal skje i tett dialog med brukerorganisasjonene."],
    "nn": ["Etterspurnaden etter helsetenester veks raskare enn tilgangen på personell.",
           "Mange kommunar melder at det er vanskeleg å rekruttere fastlegar.",
           "Tenestene skal vere likeverdige, uansett kvar i landet ein bur.",
           "Erfaringane frå pandemien viser at beredskapen må øvast jamleg.",
           "Pasientane skal oppleve at overgangen mellom sjukehus og kommune går smidig.",
           "Fleire skal kunne få oppfølging heime i staden for på institusjon.",
           "Innsatsen skal evaluerast undervegs, og resultata skal gjerast kjende.",
           "Det krev at leiarar på alle nivå tek eit felles ansvar for tenestene.",
           "Utgiftene til helse har auka jamt det siste tiåret.",
           "Arbeidet skal skje i tett dialog med brukarorganisasjonane."],
}

OPENINGS = {
    "nb": {
        "news": "{agency} la {date} fram en ny vurdering av {topic}.",
        "letter": "Helse- og omsorgsdepartementet viser til tildelingsbrevet for {year} og gir med dette "
                  "{agency} et nytt oppdrag om {topic}.",
        "chapter": "Dette kapitlet gjør rede for regjeringens politikk for {topic} og for oppfølgingen av {docid}.",
    },
    "nn": {
        "news": "{agency} la {date} fram ei ny vurdering av {topic}.",
        "letter": "Helse- og omsorgsdepartementet viser til tildelingsbrevet for {year} og gir med dette "
                  "{agency} eit nytt oppdrag om {topic}.",
        "chapter": "Dette kapittelet gjer greie for politikken til regjeringa for {topic} og for oppfølginga "
                   "av {docid}.",
    },
}

PUBLISHED = {"nb": "Publisert: {date}", "nn": "Publisert: {date}"}
SIGNATURE = {"nb": "Med hilsen\n{speaker}\n{role}", "nn": "Med helsing\n{speaker}\n{role}"}

MONTHS = {
    "nb": ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
           "november", "desember"],
    "nn": ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
           "november", "desember"],
}
