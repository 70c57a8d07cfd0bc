"""Readers: real files in, clean text and metadata out, bad input refused by name."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from healthplan_kg.errors import InputError
from healthplan_kg.readers import find_documents, read_document, unsupported_files
from healthplan_kg.readers.dates import normalise_date
from healthplan_kg.readers.furniture import clean_text

FIXTURES = Path(__file__).parent / "fixtures" / "readers"


# --- plain text -----------------------------------------------------------------------------

def test_cp1252_text_is_decoded_not_mangled():
    source = read_document(FIXTURES / "horingssvar_cp1252.txt")
    assert source.text.startswith("Høringssvar fra Sørøst kommune")
    assert "eldre med skrøpelighet" in source.text
    assert "Åse Ødegård" in source.text
    assert "Ã" not in source.text  # the mark of UTF-8 read as latin-1 or the other way round


def test_utf8_bom_nbsp_and_crlf_are_normalised():
    source = read_document(FIXTURES / "brev_bom.txt")
    assert source.text == "Invitasjon til innspel\n\nDepartementet ønskjer innspel til meldinga."
    assert source.format == "txt"


def test_content_hash_is_of_the_raw_bytes_and_source_is_the_file_name():
    path = FIXTURES / "brev_bom.txt"
    source = read_document(path)
    assert source.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()
    assert source.source == "brev_bom.txt"
    # the cleaned text differs from the bytes (BOM and CRLF gone), the hash does not follow it
    assert source.content_hash != hashlib.sha256(source.text.encode()).hexdigest()


def test_whitespace_only_file_is_refused_as_empty():
    with pytest.raises(InputError, match=r"tomt\.txt: the document is empty"):
        read_document(FIXTURES / "tomt.txt")


def test_file_with_only_furniture_is_refused_as_empty(tmp_path):
    path = tmp_path / "bare_moblar.txt"
    path.write_text("Publisert\n\nAbonner på oppdateringar frå denne sida\n", encoding="utf-8")
    with pytest.raises(InputError, match="the document is empty"):
        read_document(path)


def test_undetectable_encoding_is_refused_naming_the_file(tmp_path):
    path = tmp_path / "rot.txt"
    path.write_bytes(bytes(range(128, 256)) * 4)
    with pytest.raises(InputError) as raised:
        read_document(path)
    assert "rot.txt" in str(raised.value)
    assert "UTF-8" in raised.value.problem


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="finnes_ikke.txt: no such file"):
        read_document(tmp_path / "finnes_ikke.txt")


def test_unsupported_suffix_is_refused_by_name():
    with pytest.raises(InputError, match=r"notat\.docx: unsupported format '\.docx'"):
        read_document(FIXTURES / "notat.docx")


# --- sidecars --------------------------------------------------------------------------------

def test_sidecar_supplies_metadata_and_furniture_is_dropped():
    source = read_document(FIXTURES / "letter.txt")
    assert source.title == "Innspill til arbeidet med planen"
    assert source.published == "2022-06-15"          # "15.06.2022" normalised
    assert source.publisher == "Helse- og omsorgsdepartementet"
    assert source.url == "https://example.org/brev/innspill"
    assert source.language == "nb"
    assert "PDF" not in source.text                  # "Les brevet som PDF" is page furniture
    assert source.text.endswith("Med hilsen\nKari Nordmann")


def test_sidecar_wins_over_html_metadata(tmp_path):
    page = (FIXTURES / "artikkel.html").read_bytes()
    (tmp_path / "side.html").write_bytes(page)
    (tmp_path / "side.meta.json").write_text(
        json.dumps({"publisher": "Eit anna føretak", "published": "2024-03-02"}), encoding="utf-8")
    source = read_document(tmp_path / "side.html")
    assert source.publisher == "Eit anna føretak"
    assert source.published == "2024-03-02"
    assert source.author == "Ola Nordmann"           # not in the sidecar: the page's value stays


def test_malformed_sidecar_is_refused_naming_the_sidecar():
    with pytest.raises(InputError) as raised:
        read_document(FIXTURES / "broken.txt")
    assert str(raised.value.path).endswith("broken.meta.json")
    assert "malformed JSON" in raised.value.problem


def test_unknown_sidecar_key_is_refused_naming_the_key():
    with pytest.raises(InputError, match=r"unknown_key\.meta\.json: unknown key 'publisehd'"):
        read_document(FIXTURES / "unknown_key.txt")


@pytest.mark.parametrize(("content", "problem"), [
    ({"published": "snart"}, "'published': 'snart' is not a date"),
    ({"language": "sv"}, "neither 'nb' nor 'nn'"),
    ({"title": 7}, "'title' must be a non-empty string"),
    (["title"], "must be a JSON object"),
])
def test_bad_sidecar_values_are_refused(tmp_path, content, problem):
    (tmp_path / "a.txt").write_text("Tekst.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps(content), encoding="utf-8")
    with pytest.raises(InputError, match=problem):
        read_document(tmp_path / "a.txt")


# --- HTML ------------------------------------------------------------------------------------

def test_html_main_text_kept_and_boilerplate_dropped():
    text = read_document(FIXTURES / "artikkel.html").text
    assert text.startswith("Seks hovudgrep i ny plan\n\n")
    assert "sjukehus og kommunar må arbeide tettare saman" in text
    for boilerplate in ("informasjonskapsler", "Framside", "Om oss", "Postboks", "Telefon",
                        "nettlesar", "dagar gammal", "Les meir", "Personvern"):
        assert boilerplate not in text, boilerplate
    assert "\nPublisert\n" not in text


def test_html_list_items_keep_their_own_bulleted_lines():
    lines = read_document(FIXTURES / "artikkel.html").text.split("\n")
    index = lines.index("Planen har seks hovudgrep, og desse tre er dei viktigaste for oss:")
    assert lines[index + 2: index + 5] == [
        "• Gjere det lettare å tilsetje helsepersonell",
        "• Endre finansieringsordningane for sjukehus",
        "• Teste nye måtar å organisere vaktene på",
    ]


def test_html_fused_caption_is_cut_from_the_quote():
    text = read_document(FIXTURES / "artikkel.html").text
    assert "\n– Vi har venta lenge på denne planen" in text
    assert "Kari Nordmann–" not in text
    assert text.endswith("seier Kari Nordmann.")


def test_html_metadata_from_trafilatura_and_head_tags():
    source = read_document(FIXTURES / "artikkel.html")
    assert source.format == "html"
    assert source.title == "Seks hovudgrep i ny plan"
    assert source.published == "2024-03-01"
    assert source.modified == "2024-03-04"
    assert source.publisher == "Helseføretak Testvik"
    assert source.author == "Ola Nordmann"
    assert source.url == "https://example.org/nyheiter/seks-hovudgrep"
    assert source.language == "nn"


def test_html_without_main_text_is_refused(tmp_path):
    path = tmp_path / "tom.html"
    path.write_text("<html><head><title>x</title></head><body><nav>Meny</nav></body></html>",
                    encoding="utf-8")
    with pytest.raises(InputError, match=r"tom\.html: the document is empty"):
        read_document(path)


# --- PDF -------------------------------------------------------------------------------------

def _write_pdf(path: Path, paragraphs: list[str], *, title: str, author: str) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_creation_date(datetime(2024, 3, 1, 12, 0, tzinfo=UTC))
    pdf.add_page()
    pdf.set_font("helvetica", size=11)   # a core font: no font file needed, latin-1 text
    for paragraph in paragraphs:
        if paragraph == "<page>":
            pdf.add_page()
            continue
        pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(5)
    pdf.output(str(path))


LONG = ("Regjeringen la fram en plan for hele helse- og omsorgstjenesten, der sykehus og kommuner "
        "skal samarbeide tettere om pasientene som trenger begge deler, og der fagfolk skal "
        "rekrutteres og beholdes i hele landet.")


def test_pdf_text_paragraphs_and_metadata(tmp_path):
    path = tmp_path / "plan.pdf"
    _write_pdf(path, ["Planen er lagt fram", LONG, "Planen har seks hovedgrep:",
                      "- Rekruttere og beholde personell", "<page>", "Med hilsen"],
               title="Planen er lagt fram", author="Kari Nordmann")
    source = read_document(path)
    assert source.format == "pdf"
    assert source.title == "Planen er lagt fram"
    assert source.author == "Kari Nordmann"
    assert source.published == "2024-03-01"
    paragraphs = source.text.split("\n\n")
    # the long paragraph was wrapped over several printed lines and comes back as one
    assert LONG in paragraphs
    assert "• Rekruttere og beholde personell" in paragraphs
    assert paragraphs[-1] == "Med hilsen"          # the second page, after a blank line


def _printed(*lines: str, spacing: float = 6.0) -> list[list]:
    """One page of evenly spaced printed lines, top to bottom, in the body size."""
    from healthplan_kg.readers.pdf_lines import PrintedLine

    return [[PrintedLine(text, 700.0 - spacing * index, 11.0) for index, text in enumerate(lines)]]


def test_pdf_hyphenated_line_breaks_are_joined():
    from healthplan_kg.readers.pdf_layout import layout

    text = layout(_printed("Arbeidet med sam-", "handling i helse-", "og omsorgstjenesten i Midt-", "Norge"))
    assert text.strip(chr(0xF0001)) == "Arbeidet med samhandling i helse- og omsorgstjenesten i Midt-Norge"


def test_pdf_evenly_spaced_lines_that_end_sentences_are_not_run_together():
    from healthplan_kg.readers.pdf_layout import layout

    assert layout(_printed("Første linje.", "Andre linje.")).strip(chr(0xF0001)) == "Første linje.\n\nAndre linje."


def test_pdf_without_text_is_refused(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 50, 50)   # a drawing, no text: what a scan without OCR looks like to pypdf
    path = tmp_path / "skannet.pdf"
    pdf.output(str(path))
    with pytest.raises(InputError, match=r"skannet\.pdf: the PDF has no extractable text"):
        read_document(path)


def test_broken_pdf_is_an_input_error(tmp_path):
    path = tmp_path / "halv.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n")
    with pytest.raises(InputError, match=r"halv\.pdf"):
        read_document(path)


# --- furniture and dates ---------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Nettleseren du bruker, støttes ikke lenger av denne siden",
    "Du brukar ein eldre nettlesar. Oppdater nettlesaren for ei betre oppleving.",
    "Artikkelen er 45 dager gammel, og noe av innholdet kan være utdatert.",
    "Saka er over 2 år gammal",
    "Abonner på oppdateringer fra denne siden",
    "Meld deg på nyhetsbrevet vårt",
    "Les mer på regjeringens sider.",
    "Les meir på helsenorge.no",
    "Les brevet som PDF",
    "Last ned pdf",
    "Last ned rapporten (PDF)",
    "Publisert",
    "Sist oppdatert:",
    "•",
])
def test_furniture_lines_are_dropped(line):
    assert clean_text(f"Innhald før.\n{line}\nInnhald etter.") == "Innhald før.\nInnhald etter."


@pytest.mark.parametrize("line", [
    "Publisert: 20. mars 2024.",
    "Først publisert: 12.09.2023 Siste faglige endring: 30.11.2023",
    "Les mer om hvordan Nasjonal helse- og sykehusplan 2020–2023 omtaler legevakt.",
    "Regjeringen vil oppdatere retningslinjene for fødselsomsorgen.",
    "– Vi ønsker planen velkommen, sier Kari Vik.",
])
def test_content_lines_are_kept(line):
    assert clean_text(line) == line


def test_length_capped_furniture_lines_match_as_written_plainly():
    """Three furniture patterns look for their first word before the line's length (most lines
    fail at once); they must match exactly the lines the plain spelling matches."""
    import re

    from healthplan_kg.readers import furniture

    plain = [re.compile(r"^(?=.{0,150}$)abonner\w*\b.*$", re.IGNORECASE),
             re.compile(r"^(?=.{0,150}$)meld\s+deg\s+på\s+(?:vårt\s+)?nyhe\w*brev\w*.*$", re.IGNORECASE),
             re.compile(r"^(?=.{0,150}$)få\s+(?:varsel|varsling|e-post)\s+(?:om|når)\b.*$", re.IGNORECASE)]
    fast = furniture._FURNITURE_LINES[4:7]
    lines = ["Abonner på nyheter", "ABONNERER", "abonner", "Abonnement" + "x" * 150, "abonnere" + "x" * 142,
             "Meld deg på nyhetsbrevet", "MELD\tDEG PÅ VÅRT NYHEITSBREV", "meld deg på kurset", "meld",
             "Få varsel om nye saker", "FÅ E-POST NÅR", "få varslingar om", "Få\u00a0varsel om", "ſa",
             "Abonner på nyheter" + " x" * 70, "Meldingen kom", "Få med deg", ""]
    for line in lines:
        for plain_pattern, fast_pattern in zip(plain, fast, strict=True):
            assert bool(fast_pattern.match(line)) == bool(plain_pattern.match(line)), (line, plain_pattern.pattern)


@pytest.mark.parametrize("text", [
    "Innhald.\nNETTLESEREN DIN STØTTES IKKE LENGER\nMer innhald.",
    "Innhald.\nDenne nettleſeren er utdatert\nSiw Bratli– Vi ønsker planen velkommen.",
    "Innhald.\nKari Vik— Det er bra.\nOla Dahl – Ikkje fused.\nIngen furniture her.",
])
def test_whole_text_gates_drop_and_cut_what_each_line_alone_would(text):
    """``clean_text`` looks for the browser words once in the whole text and tries the fused
    caption only on lines with a dash: the lines it keeps are those every line's full check keeps."""
    from healthplan_kg.readers.furniture import clean_line

    kept = [line for raw in text.split("\n") if (line := clean_line(raw)) is not None]
    assert clean_text(text) == "\n".join(kept)


def test_furniture_sentence_is_cut_but_the_rest_of_its_line_kept():
    assert (clean_text("Last ned pdf av handlingsplanen. Handlingsplanen ble endret i 2014.")
            == "Handlingsplanen ble endret i 2014.")


def test_bullets_normalised_but_quote_dash_is_not_a_bullet():
    text = clean_text("  • en\n· to\n▪ tre\n* fire\n- fem\n– Seks er et sitat, sier hun.")
    assert text.split("\n") == ["• en", "• to", "• tre", "• fire", "• fem",
                                "– Seks er et sitat, sier hun."]


def test_blank_lines_collapse_and_trailing_spaces_go():
    assert clean_text("A  \n\n\n\n\nB\u00a0\n") == "A\n\nB"


@pytest.mark.parametrize(("raw", "expected"), [
    ("2024-03-01", "2024-03-01"), ("2024-03-01T09:30:00+01:00", "2024-03-01"),
    ("1. mars 2024", "2024-03-01"), ("20. MARS 2024", "2024-03-20"), ("01.03.2024", "2024-03-01"),
    ("D:20240301120000Z", "2024-03-01"), ("2024-03", "2024-03"), ("2024-02-30", None),
    ("i morgon", None), ("", None),
])
def test_dates_normalised(raw, expected):
    assert normalise_date(raw) == expected


# --- finding documents -----------------------------------------------------------------------

def test_find_documents_recursive_sorted_skipping_sidecars_and_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ("b/x.HTML", "a.txt", "a.meta.json", "c.pdf", ".skjult.txt", ".git/y.txt",
                 "d.docx", "README.md", "b/e.odt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert find_documents(tmp_path) == [tmp_path / "a.txt", tmp_path / "b" / "x.HTML",
                                        tmp_path / "c.pdf"]
    assert unsupported_files(tmp_path) == [tmp_path / "b" / "e.odt", tmp_path / "d.docx"]


def test_find_documents_on_a_missing_folder_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such folder"):
        find_documents(tmp_path / "borte")


def test_reading_plain_text_does_not_import_html_or_pdf_libraries():
    script = ("import sys; from pathlib import Path; from healthplan_kg.readers import read_document;"
              f"read_document(Path({str(FIXTURES / 'brev_bom.txt')!r}));"
              "print('trafilatura' in sys.modules, 'pypdf' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False False"
