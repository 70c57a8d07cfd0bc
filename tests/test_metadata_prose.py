"""Titles and dates of real pages: the headline among site furniture, dates in the forms pages print.

Every page here is written for these tests, in bokmål and nynorsk; none comes from a real site.
"""

from __future__ import annotations

import pytest

from healthplan_kg.extract.headline import find_headline, is_date_line
from healthplan_kg.extract.metadata import read_metadata


def title(text: str) -> str | None:
    headline = find_headline(text)
    if headline is None:
        return None
    assert text[headline.span.start:headline.span.end] == headline.text
    return headline.text


@pytest.mark.parametrize("page, expected", [
    # skip link and logo above the headline (bokmål)
    ("Hopp til hovedinnhold\n\nlogo Eksempeletaten\n\nNye regler for legevakt\n\n"
     "Fra neste år skal alle kommuner ha en felles legevakt med andre kommuner.", "Nye regler for legevakt"),
    # a shop basket and a section name (nynorsk)
    ("Gå til handlekorga\nArtikkel\n\nBetre tilbod til eldre i heile fylket\n\n"
     "Fylkeskommunen har vedteke ein plan som skal gi eldre eit betre tilbod.",
     "Betre tilbod til eldre i heile fylket"),
    # a kicker ending in a colon is not the title
    ("Ny plan for rusfeltet legges frem:\n\nEn samlet innsats mot rus\n\n"
     "Regjeringen legger i dag fram en plan for forebygging og behandling.", "En samlet innsats mot rus"),
    # a contact block before the article
    ("Kontakt oss\n\n22 11 22 11\n\npost@eksempel.no\nSentralbord\n\nOrg.nr. 123456789\n\n"
     "Rehabilitering i kommunane\n\nKommunane har fått eit større ansvar for rehabilitering etter sjukehusopphald.",
     "Rehabilitering i kommunane"),
    # a section label and a teaser quote above the headline
    ("Helsepolitikk\n\n– Dette er for lite, sier Kari Holm, leder i Eksempelforbundet.\n\n"
     "Forbundet skuffet over budsjettet\n\nBevilgningen til fastleger øker mindre enn ventet i år.",
     "Forbundet skuffet over budsjettet"),
    # tags and an image text under the headline, closed by the date line
    ("Ventetidene går ned\n\nLege, pasient\n\nSjukehus\n\nPublisert: 3. mars 2025\n\n"
     "Ventetida ved sjukehusa har gått ned for tredje året på rad.", "Ventetidene går ned"),
    # the author's unit between the headline and the date
    ("Høring om ny forskrift\n\nJuridisk avdeling\n\n12. mai 2024\n\n"
     "Foreningen har mottatt høringen og vil svare innen fristen.", "Høring om ny forskrift"),
    # a chapter page names its chapter
    ("Kapittel 3.2Tiltak i kommunene\n\nKommunene skal styrke arbeidet med forebygging i alle sektorer.",
     "Tiltak i kommunene"),
    # a document page headed by its identifier, with its subtitle below
    ("Meld. St. 7 (2030–2031)\n\nOm kvalitet i helsetenesta (kvalitetsmeldinga)\n\n"
     "Til innholdsfortegnelse\n\n2 Bakgrunn\n\nMeldinga gjer greie for arbeidet med kvalitet i tenestene.",
     "Meld. St. 7 (2030–2031)"),
    # a headline opened by a dash keeps its words, not the dash
    ("– Ei betre teneste for alle\n\nStatsråden la i dag fram ein plan for heile tenesta.",
     "Ei betre teneste for alle"),
    # a question is a headline too, and a menu row of capitalised words is not the body
    ("Til forsida\nNYHEITER|OM OSS|KONTAKT\n"
     "Aktuelt Arkiv 2021 2020 2019 Om laget Medlemskap Nynorsk Fakta For pressa\n\n"
     "Kva betyr den nye planen for kommunane?\n\nPlanen gir kommunane eit større ansvar for rehabilitering.",
     "Kva betyr den nye planen for kommunane?"),
    # a caption before the headline is passed
    ("Leiaren i utvalet saman med statsråden under møtet i går.\n\nUtvalet har levert\n\n"
     "Utvalet leverte rapporten sin til departementet i går ettermiddag.", "Utvalet har levert"),
])
def test_the_headline_not_the_site_furniture(page: str, expected: str) -> None:
    assert title(page) == expected


def test_a_text_without_a_head_takes_its_first_line() -> None:
    text = ("Plan for bedre helse. Innspill fra kommunene.\n\nRegjeringen har startet et arbeid med planen.\n\n"
            "Vi ber om innspill innen fristen.\n\nKommunene er viktige i arbeidet.\n\nOppsummering\n")
    assert title(text) == "Plan for bedre helse. Innspill fra kommunene."


@pytest.mark.parametrize("line, expected", [
    ("02. oktober 2023", True), ("(30.03.2004)", True), ("Fredag 4. april 2025 kl. 10:15", True),
    ("Fredag 4. april la statsråden fram planen.", False), ("Høringsfrist 27.10.2023", False),
])
def test_a_line_that_only_dates_the_page(line: str, expected: bool) -> None:
    assert is_date_line(line) is expected


@pytest.mark.parametrize("page, published, modified", [
    ("Tittel\n\nPublisert 15.06.2023\n\nTekst.", "2023-06-15", None),
    ("Tittel\n\nPublisert: 15. juni 2023\nSist oppdatert: 1. juli 2023\n\nTekst.", "2023-06-15", "2023-07-01"),
    ("Tittel\n\nFyrst publisert 3. februar 2022, sist endra 4. februar 2022\n", "2022-02-03", "2022-02-04"),
    ("Tittel\n\nSist oppdatert 25.04.2024\n\nTekst.", None, "2024-04-25"),
    ("Tittel\n\nDebattinnlegg / Publisert: 2. mai 2016. Endra: 3. mai 2016\n", "2016-05-02", "2016-05-03"),
    # an unlabelled date alone under the headline, and a byline with a date (nb and nn)
    ("Tittel\n\nFagavdelinga\n\n14. november 2022\n\nFristen er 1. desember 2022.", "2022-11-14", None),
    ("Tittel\n\n (01.09.2005)\n\nTekst.", "2005-09-01", None),
    ("Tittel\n\nAv Kari Holm Berg, 7. mars 2021\n\nTekst.", "2021-03-07", None),
    ("Tittel\n\nTekst: Ola Vik | 07.03.2021\n\nTekst.", "2021-03-07", None),
])
def test_publication_and_update_dates(page: str, published: str | None, modified: str | None) -> None:
    meta = read_metadata(page)
    assert (meta.published, meta.modified) == (published, modified)


def test_a_date_inside_a_sentence_is_not_the_publication_date() -> None:
    page = "Tittel\n\nStyret vedtok planen 12. mai 2024 etter ein lang debatt.\n\nFristen er 1. juni 2024."
    assert read_metadata(page).published is None


def test_a_date_alone_inside_the_article_dates_something_else() -> None:
    page = ("Program for dagen\n\nKonferansen samlar fagfolk frå heile landet til to dagar med fagleg påfyll.\n\n"
            "Vi får besøk av statsråden og fleire forskarar frå universiteta.\n\n"
            "Påmeldinga opnar snart, og det er plass til tre hundre deltakarar i salen.\n\n12. mai 2024\n")
    assert read_metadata(page).published is None


@pytest.mark.parametrize("page, author", [
    ("Tittel\n\nAv Kari Holm Berg\n\nTekst.", "Kari Holm Berg"),
    ("Tittel\n\nTekst og foto: Ola Vik\n\nTekst.", "Ola Vik"),
    ("Tittel\n\nTekst:\nOla Vik\n\nRådgjevar\n\nTekst.", "Ola Vik"),
    ("Tittel\n\nPublisert av Anne Berg, 3. mai 2024\n\nTekst.", "Anne Berg"),
    ("Tittel\n\nAv de 300 millionene går mest til kommunene.", None),
])
def test_a_byline_names_the_author_but_not_a_person_in_the_text(page: str, author: str | None) -> None:
    meta = read_metadata(page)
    assert (meta.author, meta.author_span) == (author, None)


def test_a_letters_signatory_is_its_author_and_a_person_in_it() -> None:
    text = "Tittel\n\nVi ber om svar.\n\nMed vennleg helsing\n\nKari Holm (e.f.)\nekspedisjonssjef\n"
    meta = read_metadata(text)
    assert meta.author == "Kari Holm" and text[meta.author_span.start:meta.author_span.end] == "Kari Holm"


def _html(tmp_path, head: str, body: str):
    from healthplan_kg.readers import read_document
    path = tmp_path / "side.html"
    path.write_text(f"<html lang='nn'><head>{head}</head><body><article>{body}</article></body></html>",
                    encoding="utf-8")
    return read_document(path)


ARTICLE = ("<h1>Nye reglar for legevakt</h1><p>Kommunane skal samarbeide om legevakt frå neste år, "
           "og fleire kommunar har alt starta arbeidet med å slå saman legevaktene sine.</p>"
           "<p>Fylkeslegen meiner endringa vil gi eit betre tilbod til innbyggjarane i heile fylket.</p>")


def test_an_html_title_loses_the_sites_name(tmp_path) -> None:
    source = _html(tmp_path, "<title>Nye reglar for legevakt - Helse Testvik</title>"
                             "<meta property='og:site_name' content='Helse Testvik'>", ARTICLE)
    assert source.title == "Nye reglar for legevakt"


def test_an_html_title_that_is_site_furniture_gives_way_to_the_text(tmp_path) -> None:
    source = _html(tmp_path, "<title>Nyheiter</title><meta property='og:title' content='Nyheiter'>", ARTICLE)
    assert source.title is None
