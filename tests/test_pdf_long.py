"""Long PDFs (a white paper, an official report): clean text, and the page of every evidence.

The PDFs are made here with fpdf2, one printed line at a time, so each test knows where every
line, page break, running header, footer and page number is. The texts are written for these
tests, in bokmål and nynorsk.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest

from healthplan_kg.extract import Extractor
from healthplan_kg.mapping import to_nquads, to_quads
from healthplan_kg.namespaces import HP, OA
from healthplan_kg.readers import read_document
from healthplan_kg.readers.pages import mark, unmark
from healthplan_kg.readers.pdf_layout import join_hyphenated, layout
from healthplan_kg.readers.pdf_lines import PrintedLine
from healthplan_kg.readers.pdf_running import is_page_number, strip_running_lines

BODY, HEADING, NOTE = 11, 15, 8


@dataclass(frozen=True)
class Line:
    """A printed line: ``gap`` millimetres of extra space above it, a heading if ``heading``, a
    footnote's small print if ``note``."""

    text: str
    heading: bool = False
    bold: bool = False
    gap: float = 0.0
    note: bool = False


def write_pdf(path: Path, pages: list[list[Line]], *, header=None, footer=None) -> Path:
    """A PDF of the given pages; ``header(n)``/``footer(n)`` give page n's running lines."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_title("Utredning")
    for number, lines in enumerate(pages, start=1):
        pdf.add_page()
        if header:
            pdf.set_font("helvetica", size=8)
            pdf.set_xy(20, 10)
            pdf.cell(0, 5, header(number))
        y = 25.0
        for line in lines:
            y += line.gap
            size = HEADING if line.heading else NOTE if line.note else BODY
            pdf.set_font("helvetica", style="B" if line.bold else "", size=size)
            pdf.set_xy(20, y)
            pdf.cell(0, 6, line.text)
            y += 8.5 if line.heading else 6.0
        if footer:
            pdf.set_font("helvetica", size=8)
            pdf.set_xy(20, 282)
            pdf.cell(0, 5, footer(number), align="C")
    pdf.output(str(path))
    return path


def filler(count: int, words: str) -> list[Line]:
    """``count`` full body lines of one paragraph, so a page looks like a page of prose."""
    return [Line(f"{words} {n}") for n in range(count)][:-1] + [Line(f"{words} slutt.")]


BOKMAL_PAGES = [
    [
        Line("1 Utvalgets mandat", heading=True),
        Line("Regjeringen oppnevnte utvalget for å vurdere hvordan helse-", gap=3),
        Line("tjenesten i distriktene kan styrkes. Utvalget skal se arbeidet i"),
        Line("sammenheng med Nasjonal helse- og samhandlingsplan, og skal"),
        Line("samarbeide med Helse Sør-"),
        Line("Øst RHF og kommunene om tiltak for hele helse- og"),
        Line("omsorgstjenesten."),
        Line("Utvalget skal levere sin utredning innen utgangen av året. Arbeidet", gap=4),
        Line("skal bygge på erfaringer fra kommuner i hele landet, og utvalget"),
        Line("skal legge vekt på rekruttering av helsepersonell til distrikts-"),
        Line("1 Se Meld. St. 9 (2023-2024) om rekruttering til kommunene.", note=True, gap=150),
    ],
    [
        Line("kommunene og på samarbeid mellom sykehus og kommuner."),
        Line("2 Utvalgets forslag", heading=True, gap=4),
        Line("Utvalget foreslår disse tiltakene:", gap=3),
        Line("- Styrke rekrutteringen av sykepleiere i distriktene"),
        Line("- Etablere flere desentraliserte utdanningstilbud"),
    ],
    [
        Line("- Utvide ordningen med ambulerende spesialister"),
        Line("- Bedre digital samhandling mellom sykehus og kommuner"),
        Line("Helse- og omsorgsdepartementet vil følge opp forslagene i en egen", gap=4),
        Line("melding til Stortinget."),
    ],
]

NYNORSK_PAGES = [
    [
        Line("1 Bakgrunn", bold=True),
        Line("Regjeringa sette ned eit utval som skal greie ut korleis helse-", gap=3),
        Line("tenesta i kommunane kan bli betre. Utvalet skal sjå arbeidet i"),
        Line("samanheng med opptrappingsplanen, og skal samarbeide med Helse Midt-"),
        Line("Noreg RHF om tiltak i helse- og omsorgstenesta. Utvalet skal særleg sjå"),
        Line("på korleis"),
        Line("2 Sjå opptrappingsplanen for helse og omsorg, kapittel 4, om legar i", note=True, gap=170),
        Line("kommunane.", note=True),
    ],
    [
        Line("kommunane kan rekruttere fleire legar og sjukepleiarar."),
        Line("2 Tiltak", bold=True, gap=4),
        Line("Utvalet føreslår desse tiltaka:", gap=3),
        Line("1. Betre rekrutteringa av fastlegar"),
        Line("2. Fleire lærlingplassar i helsefag"),
    ],
    [
        Line("3. Styrkje samarbeidet mellom kommunane og sjukehusa"),
        Line("Helse- og omsorgsdepartementet vil følgje opp tiltaka i ei eiga", gap=4),
        Line("melding til Stortinget."),
    ],
]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.from_reference()


@pytest.fixture(scope="module")
def bokmal(tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "utredning.pdf"
    write_pdf(path, BOKMAL_PAGES, header=lambda n: "NOU 2099: 7 Helsetjenesten i distriktene",
              footer=lambda n: f"Side {n} av {len(BOKMAL_PAGES)}")
    return read_document(path)


@pytest.fixture(scope="module")
def nynorsk(tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "utgreiing.pdf"
    write_pdf(path, NYNORSK_PAGES, header=lambda n: f"{n} NOU 2099: 8 Tenestene i kommunane",
              footer=lambda n: f"- {n} -")
    return read_document(path)


# -- clean text ----------------------------------------------------------------------------------

def test_running_headers_footers_and_page_numbers_are_gone(bokmal, nynorsk):
    assert "NOU 2099: 7 Helsetjenesten i distriktene" not in bokmal.text
    assert "Side " not in bokmal.text
    assert "NOU 2099: 8" not in nynorsk.text           # the page number in it changes on every page
    assert not any(is_page_number(line) for line in (bokmal.text + "\n" + nynorsk.text).split("\n"))


def test_words_broken_over_lines_and_pages_are_joined_and_compound_hyphens_kept(bokmal, nynorsk):
    assert "hvordan helsetjenesten i distriktene" in bokmal.text
    assert "Helse Sør-Øst RHF" in bokmal.text
    assert "hele helse- og omsorgstjenesten" in bokmal.text
    assert "til distriktskommunene og på samarbeid" in bokmal.text     # over the page break
    assert "korleis helsetenesta i kommunane" in nynorsk.text
    assert "Helse Midt-Noreg RHF" in nynorsk.text
    assert "i helse- og omsorgstenesta" in nynorsk.text


def test_paragraphs_are_reflowed_over_lines_and_pages(bokmal, nynorsk):
    lines = bokmal.text.split("\n")
    first = next(line for line in lines if line.startswith("Regjeringen oppnevnte"))
    assert first.endswith("hele helse- og omsorgstjenesten.")
    second = next(line for line in lines if line.startswith("Utvalget skal levere"))
    assert second.endswith("mellom sykehus og kommuner.")
    running = next(line for line in nynorsk.text.split("\n") if line.startswith("Noreg") or "sjå på korleis" in line)
    assert "særleg sjå på korleis kommunane kan rekruttere fleire legar og sjukepleiarar." in running


def test_a_footnote_is_a_line_of_its_own_and_the_paragraph_runs_on_past_it(bokmal, nynorsk):
    lines = bokmal.text.split("\n")
    note = lines.index("1 Se Meld. St. 9 (2023-2024) om rekruttering til kommunene.")
    assert lines[note + 2].startswith("Utvalget skal levere")     # the paragraph it interrupted
    assert bokmal.page_at(bokmal.text.index("1 Se Meld. St. 9")) == 1
    assert "2 Sjå opptrappingsplanen for helse og omsorg, kapittel 4, om legar i kommunane." in nynorsk.text.split("\n")
    assert nynorsk.page_at(nynorsk.text.index("2 Sjå")) == 1


def test_headings_are_lines_of_their_own(bokmal, nynorsk):
    assert {"1 Utvalgets mandat", "2 Utvalgets forslag"} <= set(bokmal.text.split("\n"))
    assert {"1 Bakgrunn", "2 Tiltak"} <= set(nynorsk.text.split("\n"))


def test_a_list_over_a_page_break_stays_one_list(bokmal, nynorsk):
    assert ("Utvalget foreslår disse tiltakene:\n\n• Styrke rekrutteringen av sykepleiere i distriktene\n"
            "• Etablere flere desentraliserte utdanningstilbud\n• Utvide ordningen med ambulerende spesialister\n"
            "• Bedre digital samhandling mellom sykehus og kommuner\n") in bokmal.text
    assert ("1. Betre rekrutteringa av fastlegar\n2. Fleire lærlingplassar i helsefag\n"
            "3. Styrkje samarbeidet mellom kommunane og sjukehusa\n") in nynorsk.text


# -- pages ---------------------------------------------------------------------------------------

def test_every_page_begins_where_its_first_text_does(bokmal, nynorsk):
    assert len(bokmal.page_starts) == 3 and bokmal.page_starts[0] == 0
    text = bokmal.text
    assert bokmal.page_at(text.index("Regjeringen oppnevnte")) == 1
    assert bokmal.page_at(text.index("Utvalget skal levere")) == 1
    assert bokmal.page_at(text.index("kommunene og på samarbeid")) == 2   # inside the joined word
    assert bokmal.page_at(text.index("2 Utvalgets forslag")) == 2
    assert bokmal.page_at(text.index("Utvide ordningen")) == 3
    assert nynorsk.page_at(nynorsk.text.index("3. Styrkje")) == 3
    assert nynorsk.page_at(nynorsk.text.index("2 Tiltak")) == 2


@pytest.mark.parametrize("document", ["bokmal", "nynorsk"])
def test_the_measures_list_is_found_with_the_page_of_each_item(document, extractor, request):
    source = request.getfixturevalue(document)
    extraction = extractor.extract(source)
    measures = [found for found in extraction.lists if found.kind == "measures"]
    assert len(measures) == 1
    items = measures[0].items
    assert [item.position for item in items] == [1, 2, 3, 4][: len(items)]
    assert len(items) == (4 if document == "bokmal" else 3)
    pages = [source.page_at(item.span.start) for item in items]
    assert pages == ([2, 2, 3, 3] if document == "bokmal" else [2, 2, 3])


@pytest.mark.parametrize("document", ["bokmal", "nynorsk"])
def test_every_evidence_of_a_pdf_carries_its_page(document, extractor, request):
    source = request.getfixturevalue(document)
    extraction = extractor.extract(source)
    store = ox.Store()
    store.extend(to_quads(extraction))
    targets = {row["t"].value: row for row in store.query(
        f"SELECT ?t ?page ?start WHERE {{ GRAPH ?g {{ ?a <{OA}hasTarget> ?t . ?t <{OA}hasSelector> ?p . "
        f"?p <{OA}start> ?start . OPTIONAL {{ ?t <{HP}page> ?page }} }} }}")}
    assert targets
    for row in targets.values():
        assert row["page"] is not None
        assert int(row["page"].value) == source.page_at(int(row["start"].value))
    assert {int(row["page"].value) for row in targets.values()} >= {1, 2, 3}
    counts = [row["n"].value for row in store.query(f"SELECT ?n WHERE {{ GRAPH ?g {{ ?s <{HP}pageCount> ?n }} }}")]
    assert counts == ["3"]
    # the N-Quads the build stores say the same
    assert to_nquads(extraction).decode().count(f"<{HP}page>") == len(targets)


def test_a_text_file_has_no_pages(tmp_path, extractor):
    path = tmp_path / "brev.txt"
    path.write_text("Helse- og omsorgsdepartementet sender planen på høring.\n", encoding="utf-8")
    source = read_document(path)
    assert source.page_starts == () and source.page_at(0) is None
    assert f"<{HP}page>" not in to_nquads(extractor.extract(source)).decode()


# -- the parts, on lines written here ------------------------------------------------------------

def _page(*texts: str, size: float = 11.0, top: float = 800.0) -> list[PrintedLine]:
    return [PrintedLine(text, top - 14.0 * index, size) for index, text in enumerate(texts)]


def test_a_recurring_line_is_running_only_at_the_top_or_foot_of_pages():
    topics = ["fastlegene", "sykehusene", "kommunene", "apotekene"]
    bodies = [[f"Avsnittet om {topic} fortsetter her med linje {word}." for word in ("en", "to", "tre", "fire")]
              + ["Regjeringen vil styrke tjenestene."]
              + [f"Og {topic} skal samarbeide bedre, skriver utvalget {word}." for word in ("en", "to", "tre")]
              for topic in topics]
    pages = [_page(f"{n} Meld. St. 9 Vår felles helsetjeneste", *body, f"Kapittel {n}: {topics[n - 1]}", f"- {n} -")
             for n, body in enumerate(bodies, start=1)]
    kept = [[line.text for line in page] for page in strip_running_lines(pages)]
    # the running header (its page number set aside) and the page numbers are gone
    assert [page[0] for page in kept] == [f"Avsnittet om {topic} fortsetter her med linje en." for topic in topics]
    # a foot line that differs from page to page in words is not running
    assert [page[-1] for page in kept] == [f"Kapittel {n}: {topic}" for n, topic in enumerate(topics, start=1)]
    # a sentence recurring in the middle of pages is body text, and stays
    assert all("Regjeringen vil styrke tjenestene." in page for page in kept)


def test_page_number_lines():
    assert all(map(is_page_number, ["17", "- 17 -", "Side 17 av 120", "side 3", "xii", "(4)", "12 / 40"]))
    assert not any(map(is_page_number, ["2024", "17. mai", "Kapittel 3", "Side om side", "1 Innledning"]))


def test_hyphen_at_a_line_end():
    assert join_hyphenated("rekrutterings-", "tilskuddet") == "rekrutteringstilskuddet"
    assert join_hyphenated("rekrutterings-", "og samhandlingstilskuddet") == "rekrutterings- og samhandlingstilskuddet"
    assert join_hyphenated("Vest-", "Agder") == "Vest-Agder"
    assert join_hyphenated("IKT-", "løysingane") == "IKT-løysingane"
    assert join_hyphenated("covid-", "19") == "covid-19"
    # the document's own spelling decides a lower-case compound: "e-helse" is written so elsewhere
    from collections import Counter
    assert join_hyphenated("e-", "helse", Counter({"e-helse": 3})) == "e-helse"
    assert join_hyphenated("e-", "helse", Counter()) == "ehelse"


def test_a_date_at_the_start_of_a_line_is_not_a_list_item():
    lines = [PrintedLine("Planen ble lagt fram av regjeringen i statsråd den", 700.0, 11.0),
             PrintedLine("12. mars og behandlet i Stortinget senere samme år.", 686.0, 11.0)]
    text, _ = unmark(layout([lines]), 1)
    assert text == ("Planen ble lagt fram av regjeringen i statsråd den 12. mars og behandlet i Stortinget "
                    "senere samme år.")


def test_a_lost_page_mark_does_not_shift_the_pages_after_it():
    text, starts = unmark(mark(1) + "en. " + "to. " + mark(3) + "tre.", 3)
    assert text == "en. to. tre." and starts == (0, 8, 8)


def test_layout_time_grows_linearly_with_the_pages():
    body = [f"Linje {n} i et langt avsnitt om helse- og omsorgstjenesten i kommunene og" for n in range(40)]

    def seconds(count: int) -> float:
        pages = [_page("NOU 2099: 1 Rapport", *body, str(n)) for n in range(1, count + 1)]
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            layout(strip_running_lines(pages))
            best = min(best, time.perf_counter() - started)
        return best

    small, large = seconds(50), seconds(400)
    assert large < small * 8 * 3     # 8 times the pages: about 8 times the time, never 64


def test_table_of_contents_entries_are_dropped():
    from healthplan_kg.readers.pdf_running import is_contents_entry

    assert is_contents_entry("3.2 Tiltak for betre samhandling ........ 41")
    assert is_contents_entry("Vedlegg 1 . . . . . . 212")
    assert not is_contents_entry("Utvalget la fram rapporten i 2023. Den har 41")
    pages = [_page("Innhald", "1 Innleiing .......... 7", "2 Tiltak .......... 12", "Teksten byrjar her.")]
    assert [line.text for line in strip_running_lines(pages)[0]] == ["Innhald", "Teksten byrjar her."]


def test_a_paragraph_printed_in_bold_stays_one_line():
    lines = [PrintedLine("Sammendrag", 700.0, 11.0, bold=True),
             PrintedLine("Utvalget mener at tjenestene i distriktene må styrkes", 680.0, 11.0, bold=True),
             PrintedLine("i hele landet.", 666.0, 11.0, bold=True),
             PrintedLine("Resten av teksten står i vanlig skrift.", 646.0, 11.0)]
    text, _ = unmark(layout([lines]), 1)
    assert text.split("\n\n") == ["Sammendrag", "Utvalget mener at tjenestene i distriktene må styrkes i hele landet.",
                                  "Resten av teksten står i vanlig skrift."]


def test_a_heading_over_two_lines_is_one_heading_line():
    lines = [PrintedLine("3 Tiltak for ein sterkare", 700.0, 15.0),
             PrintedLine("helse- og omsorgsteneste", 680.0, 15.0),
             PrintedLine("Kommunane skal få betre verktøy for å planleggje tenestene sine i åra", 660.0, 11.0),
             PrintedLine("som kjem.", 646.0, 11.0)]
    text, _ = unmark(layout([lines]), 1)
    assert text.split("\n\n") == ["3 Tiltak for ein sterkare helse- og omsorgsteneste",
                                  "Kommunane skal få betre verktøy for å planleggje tenestene sine i åra som kjem."]
