"""Property tests (hypothesis): every reader and the extractor, on input nobody wrote for them.

For any bytes, a reader either gives a document or refuses it with an ``InputError`` that names
the file in one line: never another exception. For any text, extraction returns and every span in
its result (mentions, quotes, people, list items, relation evidence, events) quotes exactly the
characters it points at. Example counts are small so the file runs in seconds; the strategies
mix Norwegian words, names the reference data knows, identifiers, bullets, dashes, quotes and
line breaks, so the examples reach the extractor's rules and not only its first check.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from healthplan_kg.errors import InputError
from healthplan_kg.extraction_pool import extractor
from healthplan_kg.mapping import to_nquads
from healthplan_kg.model import SourceText, Span
from healthplan_kg.readers import ReadOptions, read_document

FEW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

WORDS = ["Helsedirektoratet", "Helse- og omsorgsdepartementet", "Folkehelseinstituttet", "regjeringen",
         "regjeringa", "følger opp", "følgjer opp", "fikk i oppdrag", "fekk i oppdrag", "Meld. St. 9 (2023–2024)",
         "NOU 2023: 4", "Prop. 1 S", "planen", "meldinga", "kommisjonen", "utvalet", "sier", "seier",
         "helsedirektør", "Ola Nordmann", "Kari Nordkvinne", "samarbeider med", "avløser", "eldre",
         "kommunene", "sjukeheimar", "tiltak", "hovedgrep", "hovudgrep", "følgende", "desse", ":", ",", ".",
         "–", "-", "•", "*", "«", "»", "\"", "(", ")", "1.", "2)", "12. mars 2024", "2024", "\n", "\n\n",
         "\t", " ", "  ", "æøå", "ÆØÅ", "é", "\u00a0", "\u2028", "https://www.regjeringen.no/", "post@hod.dep.no"]

texts = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=60).map(" ".join)


def all_spans(value) -> list[Span]:
    """Every ``Span`` anywhere inside an extraction result."""
    if isinstance(value, Span):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [s for f in dataclasses.fields(value) for s in all_spans(getattr(value, f.name))]
    if isinstance(value, list | tuple):
        return [s for item in value for s in all_spans(item)]
    return []


def refused_in_one_line_or_read(path: Path, options: ReadOptions | None = None) -> SourceText | None:
    try:
        source = read_document(path, options)
    except InputError as error:
        message = str(error)
        assert "\n" not in message and "\r" not in message
        assert message.startswith(str(path).replace("\n", "\\n"))
        return None
    assert source.text.strip() and source.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()
    return source


# -- readers ------------------------------------------------------------------------------------

@FEW
@given(data=st.binary(max_size=400))
def test_the_text_reader_reads_or_refuses_any_bytes(tmp_path, data):
    path = tmp_path / "x.txt"
    path.write_bytes(data)
    refused_in_one_line_or_read(path)
    source = refused_in_one_line_or_read(path, ReadOptions(allow_replacement=True))
    if source is not None:
        assert "\ufffd" not in source.text or source.warnings or "\ufffd".encode() in data


@FEW
@given(text=texts, bad=st.lists(st.integers(0x80, 0xff), min_size=1, max_size=3), where=st.floats(0, 1))
def test_utf8_text_with_bad_bytes_is_never_read_as_another_encoding(tmp_path, text, bad, where):
    """UTF-8 text with up to three bad bytes and at least two valid non-ASCII characters (the
    documented rule: one per ten bad bytes) is refused with the offset of the first bad byte, or
    read with replacement characters when allowed: never decoded as cp1252 (mojibake)."""
    prefix = "Tiltak for eldre på sjukeheimar i år."
    body = (prefix + " " + text).encode()
    cut = len(prefix.encode()) + int((len(body) - len(prefix.encode())) * where)
    while cut < len(body) and (body[cut] & 0xC0) == 0x80:   # not inside a character
        cut += 1
    data = body[:cut] + bytes(bad) + body[cut:]
    path = tmp_path / "x.txt"
    path.write_bytes(data)
    try:
        data.decode("utf-8")
        return   # the inserted bytes happened to form a valid character
    except UnicodeDecodeError as error:
        offset = error.start
    with pytest.raises(InputError, match=f"byte offset {offset}"):
        read_document(path)
    source = read_document(path, ReadOptions(allow_replacement=True))
    assert source.text.startswith(prefix) and source.warnings   # cp1252 would give "pÃ¥"


@FEW
@given(text=texts, tags=st.lists(st.sampled_from(["<p>", "</p>", "<h1>", "</h1>", "<li>", "<ul>", "</ul>",
                                                  "<script>", "</script>", "<div>", "<!--", "-->", "<br>",
                                                  "<meta name='author' content='x'>", "<html lang='nn'>"]),
                                 max_size=20))
def test_the_html_reader_reads_or_refuses_any_markup(tmp_path, text, tags):
    words = text.split(" ")
    mixed = "".join(f"{tag}{word} " for tag, word in zip(tags + [""] * len(words), words, strict=False))
    path = tmp_path / "x.html"
    path.write_text(f"<html><body>{mixed}</body></html>", encoding="utf-8")
    refused_in_one_line_or_read(path)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300), keep=st.integers(0, 2000))
def test_the_pdf_reader_reads_or_refuses_any_bytes_and_cut_pdfs(tmp_path, data, keep):
    from fpdf import FPDF

    document = FPDF()
    document.add_page()
    document.set_font("helvetica", size=11)
    document.multi_cell(0, 5, "Helsedirektoratet skal folge opp planen for eldre i kommunene.")
    whole = bytes(document.output())
    for index, content in enumerate((b"%PDF-1.4\n" + data, whole[:keep] + data, whole)):
        path = tmp_path / f"x{index}.pdf"
        path.write_bytes(content)
        refused_in_one_line_or_read(path)


# -- extraction ---------------------------------------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(text=texts)
def test_extraction_of_any_text_returns_with_exact_spans(text):
    if not text.strip():
        return
    source = SourceText(path=Path("p.txt"), source="p.txt", format="txt", text=text,
                        content_hash=hashlib.sha256(text.encode()).hexdigest())
    extraction = extractor().extract(source)
    assert isinstance(to_nquads(extraction), bytes)
    for span in all_spans(extraction):
        assert 0 <= span.start <= span.end <= len(text) and text[span.start:span.end] == span.text, span


@settings(max_examples=10, deadline=None)
@given(text=texts)
def test_extraction_is_deterministic(text):
    source = SourceText(path=Path("p.txt"), source="p.txt", format="txt", text=text + " Helsedirektoratet.",
                        content_hash="0" * 64)
    assert to_nquads(extractor().extract(source)) == to_nquads(extractor().extract(source))


def test_the_pdf_library_says_nothing_on_stderr_for_a_corrupt_file(tmp_path, capfd):
    path = tmp_path / "rot.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage")
    with pytest.raises(InputError):
        read_document(path)
    assert capfd.readouterr().err == ""
