"""Organisations and policy documents recognised by the shape of their names, in bokmål and
nynorsk, and the identifier kinds that must reach the graph typed as their shapes demand.

Every sentence here is written for the test; none comes from a corpus text.
"""

from __future__ import annotations

import pytest

from healthplan_kg.build import build
from healthplan_kg.extract.identifiers import PATTERNS, find_identifiers, identifier_class


def test_regression_unlinked_storting_recommendation_is_typed_as_a_recommendation(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "innstilling.txt").write_text(
        "Komiteen la fram Innst. 912 S (2031-2032) om tannhelse i går.\n"
        "Stortinget slutta seg til innstillinga.\n", encoding="utf-8")
    report = build([corpus], store_path=tmp_path / "store", jobs=1, progress=False)
    assert report.conforms


@pytest.mark.parametrize(("text", "cls"), [
    ("Innst. 4 L (2030–2031)", "ParliamentaryRecommendation"),
    ("Meld. St. 3 (2030–2031)", "WhitePaper"),
    ("NOU 2031: 2", "OfficialReport"),
    ("Prop. 7 S (2030–2031)", "Proposition"),
])
def test_identifier_names_its_class(text, cls):
    [found] = find_identifiers(text)
    assert identifier_class(found.identifier) == cls


def test_no_class_without_identifier():
    assert identifier_class(None) is None
    assert identifier_class("Handlingsplan for bedre helse") is None


# -- organisations by the shape of their names ----------------------------------------------

def _bodies(text: str) -> list[str]:
    from healthplan_kg.extract.organisations import find_shaped_bodies
    return [b.label for b in find_shaped_bodies(text)]


@pytest.mark.parametrize(("text", "expected"), [
    # bokmål: an indefinite kind word closing a capitalised name
    ("Høringen gikk til Norsk Radiografforbund og Norges Diabetesforbund i fjor.",
     ["Norsk Radiografforbund", "Norges Diabetesforbund"]),
    ("Den norske jordmorforening støtter forslaget.", ["Den norske jordmorforening"]),
    ("Innspillet kom fra Norges Optikerske Forening.", ["Norges Optikerske Forening"]),
    ("Representanten fra Kristelig Folkeparti stemte imot.", ["Kristelig Folkeparti"]),
    ("Tallene kommer fra Statistisk sentralbyrå hvert år.", ["Statistisk sentralbyrå"]),
    # nynorsk
    ("Innspelet kom frå Noregs Bondelag og Norsk Sjukepleiarforbund.",
     ["Noregs Bondelag", "Norsk Sjukepleiarforbund"]),
    ("Studentane ved Noregs teknisk-naturvitskaplege universitet svarte.",
     ["Noregs teknisk-naturvitskaplege universitet"]),
    # a kind word and its "for" complement
    ("Landsforeningen for Nyrepasienter og Landsforeningen for hjertesyke skrev under.",
     ["Landsforeningen for Nyrepasienter", "Landsforeningen for hjertesyke"]),
    ("Saka vart send til Nasjonalt senter for fleirkulturell opplæring.",
     ["Nasjonalt senter for fleirkulturell opplæring"]),
    ("Forskere ved Institutt for klinisk medisin deltok.", ["Institutt for klinisk medisin"]),
    ("Vi møtte Rådet for Hud- og kjønnssykdommer i går.", ["Rådet for Hud- og kjønnssykdommer"]),
    # hyphen coordination
    ("Kultur- og likestillingsdepartementet og Nærings- og fiskeridepartementet svarte.",
     ["Kultur- og likestillingsdepartementet", "Nærings- og fiskeridepartementet"]),
    ("Brevet gjekk til Barne- og familiedepartement.", ["Barne- og familiedepartement"]),
])
def test_names_closed_by_a_kind_word(text, expected):
    assert _bodies(text) == expected


@pytest.mark.parametrize("text", [
    "Alle sykehus skal ha et senter for læring og mestring.",
    "Kvart universitet skal ha eit råd for samarbeid.",
    "Regjeringens råd er å vente. Helsedirektoratets institutt er nytt.",
    "Forslaget for neste år er klart. Grunnlaget for dette er godt.",
    "Norske sykehus har lange køer, og norske sykehus trenger folk.",
    "Området for tjenesten er stort.",
    "Det skal etableres et forum for pårørende.",
    "Dei lokale foreiningane for eldre fekk midlar.",
])
def test_class_nouns_and_common_words_are_not_names(text):
    assert _bodies(text) == []


def test_a_verb_after_the_complement_is_not_part_of_the_name():
    assert _bodies("Landsforeningen for Nyrepasienter skrev under på opprop.") == ["Landsforeningen for Nyrepasienter"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Pandemikommisjonens rapporter ble lest.", ["Pandemikommisjonen"]),
    ("Pandemikommisjonenes rapportar vart lesne.", ["Pandemikommisjonen"]),
    ("Fremskrittspartiet og Miljøpartiets representant var til stede.", ["Fremskrittspartiet", "Miljøpartiet"]),
])
def test_one_word_bodies_fold_the_genitive(text, expected):
    from healthplan_kg.extract.organisations import find_named_bodies
    assert [b.label for b in find_named_bodies(text)] == expected


def test_an_area_is_not_a_council():
    from healthplan_kg.extract.organisations import find_named_bodies
    assert find_named_bodies("Helsetenesta i Trondheimsområdet er god.") == []


@pytest.mark.parametrize("text", ["Tall fra Norsk hjerteregister (NHR) viser dette.",
                                  "Resultata frå Nasjonalt screeningprogram (NSP) er klare."])
def test_registers_and_schemes_defined_by_acronym_are_not_bodies(text):
    from healthplan_kg.extract.organisations import find_acronym_definitions
    assert find_acronym_definitions(text) == []


# -- policy documents by the shape of their names --------------------------------------------

def _documents(text: str) -> list[tuple[str, str]]:
    from healthplan_kg.extract.named_documents import find_named_documents
    from healthplan_kg.model import Span
    return [(d.label, d.kind) for d in find_named_documents(text, Span(0, len(text), text))]


@pytest.mark.parametrize(("text", "expected"), [
    # laws named by their compound ("-loven", nynorsk "-lova"), also hyphen-coordinated
    ("Endringen gjelder tannhelsetjenesteloven og spesialisthelsetjenesteloven.",
     [("tannhelsetjenesteloven", "law"), ("spesialisthelsetjenesteloven", "law")]),
    ("Framlegget endrar pasient- og brukarrettslova.", [("pasient- og brukarrettslova", "law")]),
    ("Etter Mållova skal staten bruke begge målformene.", [("Mållova", "law")]),
    # "lov om ..." and a dated regulation kept whole, not cut at the date
    ("Saken gjelder lov om kommunale helse- og omsorgstjenester.",
     [("lov om kommunale helse- og omsorgstjenester", "law")]),
    ("Vi viser til forskrift 3. april 2031 nr. 77 om smittevern i skolen.",
     [("forskrift 3. april 2031 nr. 77 om smittevern i skolen", "law")]),
    ("Heimelen står i lov 2. mai 2029 nr. 9 om tannhelse.", [("lov 2. mai 2029 nr. 9 om tannhelse", "law")]),
    # consultation notes, budgets, agreements, allocation letters
    ("Departementet sendte ut høringsnotat om nye regler for legemidler.",
     [("høringsnotat om nye regler for legemidler", "other")]),
    ("Pengane kjem i statsbudsjettet for 2032.", [("statsbudsjettet for 2032", "other")]),
    ("Tiltaket ligger inne i regjeringens forslag til statsbudsjett for 2032.",
     [("regjeringens forslag til statsbudsjett for 2032", "proposition")]),
    ("Dei signerte ei avtale om felles legevakt.", [("avtale om felles legevakt", "other")]),
    ("Oppdraget står i tildelingsbrev for Helsedirektoratet 2032.",
     [("tildelingsbrev for Helsedirektoratet 2032", "letter")]),
    # a regional plan named with its region in capitals
    ("Fylket viser til Regional tannhelseplan i Region Nord.",
     [("Regional tannhelseplan i Region Nord", "plan")]),
    # an action verb before the article: a reform being named
    ("Neste år skal vi legge fram en kommunereform.", [("kommunereform", "other")]),
])
def test_documents_named_by_their_shape(text, expected):
    assert _documents(text) == expected


@pytest.mark.parametrize("text", [
    "Debatten handlar om dette er ei helsereform eller ei skulereform.",
    "Dette er ein strategi for å styrke tenesta.",
    "Vi trenger en plan for hvordan vi skal gjøre det.",
    "Statsforvalterne sendte rapportene til direktoratet.",
    "Pressemelding fra departementet.",
    "Vi fekk mange tilbakemeldingar og ei tilbakemelding frå kommunen.",
    "Dei lova å betre tilbodet.",
])
def test_descriptions_and_everyday_nouns_are_not_documents(text):
    assert _documents(text) == []


def test_two_plans_of_one_period_with_their_own_complements_stay_two(tmp_path):
    from healthplan_kg.extract import Extractor
    from healthplan_kg.model import SourceText
    text = ("Regjeringa viser til desse planane:\n"
            "• Strategi for god munnhelse 2031–2034\n"
            "• Strategi for trygg mat 2031–2034\n")
    source = SourceText(path=tmp_path / "plans.txt", source="plans.txt", format="txt", text=text,
                        content_hash="cd" * 32)
    extraction = Extractor([]).extract(source)
    labels = {m.entity.label for m in extraction.mentions if m.entity.kind == "PolicyDocument"}
    assert labels == {"Strategi for god munnhelse 2031–2034", "Strategi for trygg mat 2031–2034"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Stortingsmelding nr. 21 (2006-2007) om tannhelse kom i fjor.", "St.meld. nr. 21 (2006–2007)"),
    ("Det går fram av stortingsmeldinga 14 (2031–2032).", "Meld. St. 14 (2031–2032)"),
    ("Folkehelsemeldinga (Stortingsmelding 19, 2014-2015) set måla.", "Meld. St. 19 (2014–2015)"),
])
def test_written_out_white_paper_identifiers(text, expected):
    [found] = find_identifiers(text)
    assert (found.identifier, found.kind) == (expected, "white_paper")
    assert identifier_class(found.identifier) == "WhitePaper"


def test_a_white_paper_number_without_session_is_no_identifier():
    assert find_identifiers("Stortingsmelding 5 kom i fjor.") == []


@pytest.mark.parametrize("text", [
    # The written-out pattern is searched in the lower-cased text; the spans are the text's own.
    "Se STORTINGSMELDING NR. 47 (2008–2009) og Stortingsmeldingen 9 (2023-2024) om helse.",
    "Dette følgjer av StortingsMeldinga nr. 7 ( 2019 – 2020 ), jf. stortingsmelding 34, 2012-2013.",
    "Samhandlingsstortingsmelding 5 (2010-2011) er eitt ord; «stortingsmelding 12 (2017–2018)» er ei.",
    "Regjeringa la fram stortingsmeldinga nr. 15 (2017/2018) og ſtortingsmelding 3 (2001–2002).",
])
def test_written_out_identifiers_are_found_as_the_case_insensitive_pattern_finds_them(text):
    pattern = PATTERNS[-1][1]
    assert [(i.span.start, i.span.end, i.span.text) for i in find_identifiers(text)] == \
        [(m.start(), m.end(), m.group(0)) for m in pattern.finditer(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Vi sendte høringsnotat om endringer i pasientjournalloven og helseregisterloven.",
     ["høringsnotat om endringer i pasientjournalloven", "pasientjournalloven", "helseregisterloven"]),
    ("Meldinga om distrikts- og helsereforma kjem i haust.",
     ["Meldinga om distrikts- og helsereforma", "distrikts- og helsereforma"]),
    # a generic head inside a title is part of the title, not a second document
    ("Dette står i veileder til forskrift om godkjenning av sykehus.",
     ["veileder til forskrift om godkjenning av sykehus"]),
])
def test_names_nested_in_a_complement(text, expected):
    assert [label for label, _ in _documents(text)] == expected


def _document_labels(text: str, tmp_path) -> set[str]:
    from healthplan_kg.extract import Extractor
    from healthplan_kg.model import SourceText
    source = SourceText(path=tmp_path / "t.txt", source="t.txt", format="txt", text=text, content_hash="ef" * 32)
    return {m.entity.label for m in Extractor([]).extract(source).mentions if m.entity.kind == "PolicyDocument"}


def test_a_law_nested_in_a_consultation_note_is_mentioned_too(tmp_path):
    text = "Departementet sende ut høyringsnotat om endringar i helseregisterlova i går.\n"
    assert _document_labels(text, tmp_path) == {"høyringsnotat om endringar i helseregisterlova", "helseregisterlova"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Nasjonalt fagstyre har gitt si tilslutning. Det nasjonale arbeidet held fram.", ["Nasjonalt fagstyre"]),
    ("Det sa leiaren i Eldres Kommunestyre i Bodø.", ["Eldres Kommunestyre i Bodø"]),
    ("Vi møtte Norsk Revmatikerforbund i går.", ["Norsk Revmatikerforbund"]),
])
def test_national_leaders_and_places(text, expected):
    assert _bodies(text) == expected


def test_a_sentence_initial_common_adjective_does_not_open_a_name():
    assert _bodies("Lokalt styre er viktig, sa ho, og lokalt styre skal styrkjast.") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Kommunen har ein økonomisk langtidsplan.", []),
    ("Dei inngjekk ein utviklingsavtale med staten.", []),
    ("Til hausten vil dei leggje fram ei kvalitetsreform.", [("kvalitetsreform", "other")]),
    ("Departementet arbeider med ny apoteklov.", [("ny apoteklov", "law")]),
])
def test_lower_case_compounds_name_only_reforms_white_papers_strategies_and_laws(text, expected):
    assert _documents(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Ifølge Norsk Sykepleierforbund er det for få hender.", ["Norsk Sykepleierforbund"]),
    ("Ifølgje Landsforeninga for Hjartesjuke er dette for lite.", ["Landsforeninga for Hjartesjuke"]),
    ("Ekspertutvalg for vurdering av legevakten er nedsatt.", ["Ekspertutvalg for vurdering av legevakten"]),
    ("Rådet for utvikling av tenesta møtest i morgon.", ["Rådet for utvikling av tenesta"]),
])
def test_sentence_adverbs_and_action_noun_complements(text, expected):
    assert _bodies(text) == expected


def test_a_report_title_inside_a_commission_name_is_part_of_the_name(tmp_path):
    from healthplan_kg.extract import Extractor
    from healthplan_kg.model import GazetteerEntry, SourceText
    entry = GazetteerEntry(label="vurdering av legevakten", iri="https://example.org/doc/vurdering-legevakt",
                           kind="PolicyDocument", sub_kind="report", preferred="Vurdering av legevakten", weight=3)
    text = "Regjeringa har sett ned Ekspertutval for vurdering av legevakten i dag.\n"
    source = SourceText(path=tmp_path / "t.txt", source="t.txt", format="txt", text=text, content_hash="12" * 32)
    mentions = Extractor([entry]).extract(source).mentions
    assert [(m.entity.label, m.entity.kind) for m in mentions if m.entity.kind != "Organisation"] == [
        ("Ekspertutval for vurdering av legevakten", "Commission")]


def _body_mentions(text: str, tmp_path) -> list[tuple[str, str]]:
    from healthplan_kg.extract import Extractor
    from healthplan_kg.model import SourceText
    source = SourceText(path=tmp_path / "t.txt", source="t.txt", format="txt", text=text, content_hash="34" * 32)
    return [(m.span.text, m.entity.label) for m in Extractor([]).extract(source).mentions
            if m.entity.kind in ("Organisation", "Commission")]


def test_the_definite_kind_word_refers_to_the_one_body_it_opened(tmp_path):
    text = ("Regjeringa har sett ned Ekspertutval for gjennomgang av legevakta.\n"
            "Ekspertutvalet skal levere i juni.\n")
    assert _body_mentions(text, tmp_path) == [
        ("Ekspertutval for gjennomgang av legevakta", "Ekspertutval for gjennomgang av legevakta"),
        ("Ekspertutvalet", "Ekspertutval for gjennomgang av legevakta")]


def test_the_definite_kind_word_stays_apart_when_two_bodies_share_it(tmp_path):
    text = ("Landsforeningen for Nyrepasienter og Landsforeningen for Astmasyke svarte.\n"
            "Landsforeningen sendte også et brev.\n")
    labels = {label for surface, label in _body_mentions(text, tmp_path) if surface == "Landsforeningen"}
    assert labels == {"Landsforeningen"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Avtalen med Nordisk Legemiddel AS og Vestlandsk Helse ASA er klar.",
     ["Nordisk Legemiddel AS", "Vestlandsk Helse ASA"]),
    ("Studentar ved Høgskulen på Vestlandet og Kreftforeininga svarte.",
     ["Høgskulen på Vestlandet", "Kreftforeininga"]),
    ("Statsforvaltaren i Vestland og Helse Førde var samde.", ["Statsforvaltaren i Vestland", "Helse Førde"]),
    ("Statsforvalteren i Agder og Telemark har svart.", ["Statsforvalteren i Agder og Telemark"]),
])
def test_companies_colleges_and_state_offices(text, expected):
    from healthplan_kg.extract.organisations import find_named_bodies
    assert [b.label for b in find_named_bodies(text)] == expected


@pytest.mark.parametrize("text", [
    "Regionale helseforetak skal samarbeide med kommunene og sykehusene.",
    "Et utvalg skal se på helsefellesskapene og dei regionale helseføretaka.",
    "Sjukehusa i regionen og eit nytt utval skal vurdere saka.",
])
def test_class_nouns_are_no_bodies(text):
    from healthplan_kg.extract.organisations import find_named_bodies
    assert find_named_bodies(text) == [] and _bodies(text) == []


@pytest.mark.parametrize("text", ["Sidene er laga av Fjordweb AS", "Nettstaden er utviklet av Bergvik Digital AS",
                                  "© 2031 Norsk Nettdrift AS"])
def test_a_footer_credit_is_no_body(text):
    from healthplan_kg.extract.organisations import find_named_bodies
    assert find_named_bodies(text) == []


@pytest.mark.parametrize("text", ["Rapporten i Dagens Medisin var kritisk.",
                                  "Utviklingsplanen i Helse Vest er vedteken."])
def test_a_definite_head_with_a_place_is_described_not_named(text):
    assert all(" i " not in label for label, _ in _documents(text))


@pytest.mark.parametrize(("text", "expected"), [
    ("Les høringssvar fra Norsk Sykepleierforbund her.", [("høringssvar fra Norsk Sykepleierforbund", "letter")]),
    ("Høyringssvar frå Noregs Mållag kom i går.", [("Høyringssvar frå Noregs Mållag", "letter")]),
    ("Mandat for Legevaktutvalet er klart.", [("Mandat for Legevaktutvalet", "other")]),
    ("Det står i revidert nasjonalbudsjett for 2031.", [("revidert nasjonalbudsjett for 2031", "other")]),
    ("Nasjonal faglig retningslinje for diabetes kom i år.",
     [("Nasjonal faglig retningslinje for diabetes", "guideline")]),
])
def test_consultation_responses_mandates_and_budgets(text, expected):
    assert _documents(text) == expected


@pytest.mark.parametrize("text", ["Vi fekk mange høyringssvar frå kommunane.", "Utvalet har eit breitt mandat.",
                                  "Høringssvaret kommer snart."])
def test_unnamed_responses_and_mandates(text):
    from healthplan_kg.extract.named_documents import find_named_documents
    from healthplan_kg.model import Span
    assert all(d.bare for d in find_named_documents(text, Span(0, len(text), text)))


@pytest.mark.parametrize("text", ["Foto: Norsk Telegrambyrå",
                                  "Illustrasjonsfoto: Helse Bergen / Landsforeningen for Nyrepasienter"])
def test_photo_credits_name_no_body(text):
    from healthplan_kg.extract.organisations import find_named_bodies
    assert find_named_bodies(text) == [] and _bodies(text) == []


def test_the_longest_body_name_wins():
    from healthplan_kg.extract.organisations import find_named_bodies
    text = "Universitetssykehuset Nord-Noreg HF og Sjukehuset Telemark HF deltok."
    assert [b.label for b in find_named_bodies(text)] == [
        "Universitetssykehuset Nord-Noreg HF", "Sjukehuset Telemark HF"]


@pytest.mark.parametrize("text", ["Alle sykehus skal ha et eget råd.", "Mange sjukehus manglar folk."])
def test_a_quantifier_opening_the_sentence_is_no_name(text):
    from healthplan_kg.extract.organisations import find_named_bodies
    assert find_named_bodies(text) == []


def test_a_complement_keeps_its_adjective_in_sk():
    text = "Senter for medisinsk etikk ved universitetet har skrive rapporten."
    assert _bodies(text) == ["Senter for medisinsk etikk"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Tiltaket inngår i Opptrappingsplan for god munnhelse (2031–2041) og mer.",
     "Opptrappingsplan for god munnhelse (2031–2041)"),
    ("Vi viser til planen (2031–2041).", "planen"),
])
def test_a_period_in_parentheses_belongs_to_a_name(text, expected):
    assert [label for label, _ in _documents(text)] == [expected]


def test_a_bodys_secretariat_is_not_a_body_of_its_own():
    from healthplan_kg.extract.organisations import find_sub_bodies
    from healthplan_kg.model import Span
    text = "Hos NTFs sekretariat jobber ti personer, og NTFs fagråd møtes i morgen."
    parent_spans = [Span(i, i + 4, "NTFs") for i in (text.index("NTFs"), text.rindex("NTFs"))]
    assert [b.label for b in find_sub_bodies(text, parent_spans)] == ["NTFs fagråd"]


def _listed(text: str) -> list[str]:
    from healthplan_kg.extract.organisations import find_listed_bodies
    return [b.label for b in find_listed_bodies(text)]


def test_items_of_a_list_introduced_as_organisations():
    text = ("Innspillet er sendt inn av disse organisasjonene:\n"
            " • Fjellklatrernes Hjelpelag\n"
            " • Seniornettverket Vest (SNV)\n"
            " • Institutt for fjellmedisin; UiF\n"
            " • ABC - bransjeforeningen for turutstyr i Norge\n"
            " • Representant for turgåere som bor i byen\n"
            "Vi takker alle som deltok.\n")
    assert _listed(text) == ["Fjellklatrernes Hjelpelag", "Seniornettverket Vest", "Institutt for fjellmedisin",
                             "UiF", "ABC"]


def test_items_of_a_nynorsk_list_of_consultation_bodies():
    text = "Høyringsinstansar:\n- Fjordane Turlag\n- Kyst og Fjell AS\n"
    assert _listed(text) == ["Fjordane Turlag", "Kyst og Fjell AS"]


@pytest.mark.parametrize("text", [
    "Utvalet har desse medlemmene:\n• Kari Fjell\n• Ola Li\n",
    "Planen har fire tiltak:\n• Styrke legevakten\n• Flere fastleger\n",
    "Organisasjonene var enige. Neste punkt:\n• Oppfølging\n",
])
def test_lists_not_introduced_as_organisations(text):
    assert _listed(text) == []


def _documents_in(text: str, tmp_path) -> list[tuple[str, str, str | None]]:
    from healthplan_kg.extract import Extractor
    from healthplan_kg.model import SourceText
    source = SourceText(path=tmp_path / "t.txt", source="t.txt", format="txt", text=text, content_hash="56" * 32)
    return [(m.span.text, m.entity.label, m.entity.sub_kind) for m in Extractor([]).extract(source).mentions
            if m.entity.kind == "PolicyDocument"]


def test_reports_from_commissions_found_by_their_shape(tmp_path):
    text = "Meldinga byggjer på utgreiingane frå Flaumkommisjonen og Tørkekommisjonen.\n"
    assert _documents_in(text, tmp_path) == [
        ("utgreiingane frå Flaumkommisjonen", "utgreiinga frå Flaumkommisjonen", "nou"),
        ("Tørkekommisjonen", "utgreiinga frå Tørkekommisjonen", "nou")]


def test_a_commissions_report_named_by_its_genitive(tmp_path):
    text = ("Flomkommisjonens rapport kom i fjor.\n"
            "Regjeringen har lest utredningen fra Flomkommisjonen nøye.\n")
    found = _documents_in(text, tmp_path)
    assert {label for _, label, _ in found} == {"Flomkommisjonens rapport"}
    assert [surface for surface, _, _ in found] == ["Flomkommisjonens rapport", "utredningen fra Flomkommisjonen"]


def test_a_report_from_a_body_that_is_not_a_commission_is_not_minted(tmp_path):
    assert _documents_in("Vi viser til rapporten fra Helsedirektoratet.\n", tmp_path) == []


def test_a_place_complement_does_not_swallow_the_next_documents_name():
    text = "Regjeringa legg fram ein ny alkoholstrategi i Nasjonal helse- og samhandlingsplan."
    assert [label for label, _ in _documents(text)] == ["ny alkoholstrategi", "Nasjonal helse- og samhandlingsplan"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Presset kom fra «Foreningen for trygg fødsel», som har mange medlemmer.", ["Foreningen for trygg fødsel"]),
    ("Presset kom frå «Rådet for god eldreomsorg i bygda» i fjor.", ["Rådet for god eldreomsorg i bygda"]),
])
def test_quotes_mark_where_a_body_name_ends(text, expected):
    assert _bodies(text) == expected


@pytest.mark.parametrize("text", [
    "Organisasjonene peker på følgende:\n• Økt bemanning i kommunene\n• Bedre finansiering\n",
    "Aktørane meiner:\n• Meir pengar til tenesta\n",
])
def test_a_list_of_what_organisations_say_is_not_a_list_of_organisations(text):
    assert _listed(text) == []


@pytest.mark.parametrize("text", [
    # ``tokens.light_tokenize`` (what the name rules read) reads a sentence as ``tokens.tokenize`` does
    "Regjeringa la fram Opptrappingsplan for psykisk helse (2023–2033) og bo trygt hjemme-reformen.",
    "Helse- og omsorgsdepartementet viser til handlingsplanen 2020 - 2023, jf. forskrift 1. mars 2031 nr. 12.",
    "Tildelingsbrevet til Helsedirektoratet (HOD) – «Nasjonal helse- og samhandlingsplan» – kom 3. april.",
    "ÆØÅ-strategien og rettleiaren for fastlegar; høyringssvar frå Legeforeininga! 2024–2025",
])
def test_document_names_are_read_from_the_tokens_tokenize_gives(text):
    from healthplan_kg.extract.tokens import light_tokenize, tokenize
    for offset in (0, 17):
        assert [(w.text, w.start, w.end, w.lower, w.is_word, w.capitalised)
                for w in light_tokenize(text, offset)] == \
            [(t.text, t.start, t.end, t.lower, t.is_word, t.capitalised) for t in tokenize(text, offset)]


@pytest.mark.parametrize("word", [
    # ``organisations._kind_word_match`` answers as the case-insensitive ``_KIND_WORD`` does
    "Ergoterapeutforbund", "LEGEFORENINGENS", "Kreftforeininga", "Mållag", "råd", "RÅDET", "Helsedirektoratet",
    "Ungdomsrådet", "Sjukehuset", "Nasjonalt", "forslag", "Utvalgets", "nemnda", "Styret", "e-helsestyre",
    "İnstitutt", "ſenteret", "Forum", "partiets", "Aksjonen",
])
def test_kind_words_are_matched_as_the_case_insensitive_pattern_matches_them(word):
    from healthplan_kg.extract import organisations
    plain, fast = organisations._KIND_WORD.fullmatch(word), organisations._kind_word_match(word)
    assert (plain is None) == (fast is None)
    if plain is not None:
        assert (plain.group("kind").lower(), bool(plain.group("genitive"))) == \
            (fast.group("kind").lower(), bool(fast.group("genitive")))


# -- a commission named by the indefinite of its name, as a text tells of its setting up ----------

@pytest.fixture(scope="module")
def extractor():
    from healthplan_kg.extract import Extractor

    return Extractor.from_reference()


def _found(extractor, text: str):
    import hashlib
    from pathlib import Path

    from healthplan_kg.model import SourceText

    return extractor.extract(SourceText(path=Path("t.txt"), source="t.txt", format="txt", text=text,
                                        content_hash=hashlib.sha256(text.encode()).hexdigest()))


@pytest.mark.parametrize(("text", "surface", "commission"), [
    ("Regjeringen vil sette ned en helsepersonellkommisjon som skal se på behovet for fagfolk.",
     "helsepersonellkommisjon", "Helsepersonellkommisjonen"),
    ("Regjeringa vil setje ned ein helsepersonellkommisjon som skal sjå på behovet for fagfolk.",
     "helsepersonellkommisjon", "Helsepersonellkommisjonen"),
    ("Departementet oppnevnte et kvinnehelseutvalg våren 2021.", "kvinnehelseutvalg", "Kvinnehelseutvalget"),
    ("Eit sjukehusutval vart oppnemnt i fjor, og utvalet la fram tilrådingane i vår.",
     "sjukehusutval", "Sykehusutvalget"),
    ("Vi får et nytt helseberedskapsråd ledet av departementet.", "helseberedskapsråd", "Helseberedskapsrådet"),
    ("Vi får eit nytt helseberedskapsråd leia av departementet.", "helseberedskapsråd", "Helseberedskapsrådet"),
])
def test_the_indefinite_of_a_commissions_name_links_to_it(extractor, text, surface, commission):
    found = {(m.span.text, m.entity.label) for m in _found(extractor, text).mentions}
    assert (surface, commission) in found


@pytest.mark.parametrize("text", [
    "Kommunen har et eget utvalg for helse, og en kommisjon ser på saken.",
    "Kommunen har eit eige utval for helse, og ein kommisjon ser på saka.",
])
def test_a_bare_committee_noun_names_no_commission(extractor, text):
    assert not [m for m in _found(extractor, text).mentions if m.entity.kind == "Commission"]


@pytest.mark.parametrize(("text", "issuer", "commission"), [
    ("Regjeringen vil sette ned en helsepersonellkommisjon som skal se på behovet for fagfolk.",
     "Regjeringen", "Helsepersonellkommisjonen"),
    ("Regjeringa vil setje ned ein helsepersonellkommisjon som skal sjå på behovet for fagfolk.",
     "Regjeringen", "Helsepersonellkommisjonen"),
])
def test_who_sets_a_commission_up_gives_it_its_task_in_both_standards(extractor, text, issuer, commission):
    relations = {(r.subject.label, r.predicate, r.object.label) for r in _found(extractor, text).relations}
    assert (issuer, "assigns_task_to", commission) in relations


def test_nynorsk_respellings_inside_a_name_combine():
    from healthplan_kg.extract.gazetteer import indefinite_forms, variants

    assert "Sjukehusutvalet" in variants("Sykehusutvalget")
    assert indefinite_forms("Sjukehusutvalet", "Commission") == {"sjukehusutval"}
    assert indefinite_forms("Arianson-utvalget", "Commission") == {"arianson-utvalg"}
    assert indefinite_forms("Utvalget", "Commission") == indefinite_forms("Kommisjonen", "Commission") == set()
    assert indefinite_forms("Helsedirektoratet", "Organisation") == set()
    assert indefinite_forms("Helseberedskapsrådet", "Organisation", "advisory_body") == {"helseberedskapsråd"}
    assert indefinite_forms("Forbrukerrådet", "Organisation", "agency") == set()
