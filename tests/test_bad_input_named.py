"""Bad input is named, never silent: each problem is one line that names the file and the value.

Regression tests for issue 15's input failures: a UTF-8 file with a few bad bytes stored as
mojibake, dangling links and link loops ignored even with --strict, one unreadable file stopping a
whole build, a newline in a file name forging a second log line, a PDF library's warning printed
as an extra line, a 100 KB parameter echoed in full, and ``extract`` answering an unreadable file
with a four-line usage error.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from healthplan_kg.build import build
from healthplan_kg.errors import InputError, ParameterError
from healthplan_kg.messages import one_line, shown
from healthplan_kg.queries.parameters import Parameter
from healthplan_kg.readers import ReadOptions, list_corpus, read_document

FIXTURES = Path(__file__).parent / "fixtures" / "readers"
SENTENCE = "Helsedirektoratet skal følge opp tiltaka for eldre på sjukeheimar i år.\n"
#: /proc/self/mem is a regular file that reading at offset 0 always fails on (EIO), even as root,
#: where permission bits do not stop a read: a portable stand-in for an unreadable document.
UNREADABLE = Path("/proc/self/mem")
needs_proc = pytest.mark.skipif(not UNREADABLE.exists(), reason="needs Linux /proc")


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "healthplan_kg.cli", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=300)


def damaged_utf8(path: Path) -> tuple[Path, int]:
    """A UTF-8 text with three bytes that are not UTF-8; the offset of the first bad one."""
    good = (SENTENCE * 3).encode()
    data = good + b"\xff" + good + b"\xfe\xfa" + good
    path.write_bytes(data)
    return path, len(good)


# -- encodings --------------------------------------------------------------------------------

def test_utf8_with_three_bad_bytes_is_refused_with_file_and_offset(tmp_path):
    path, offset = damaged_utf8(tmp_path / "skadd.txt")
    with pytest.raises(InputError) as raised:
        read_document(path)
    message = str(raised.value)
    assert "skadd.txt" in message and f"byte offset {offset}" in message and "3 undecodable" in message


def test_utf8_with_bad_bytes_is_read_with_replacements_when_allowed(tmp_path):
    path, _ = damaged_utf8(tmp_path / "skadd.txt")
    source = read_document(path, ReadOptions(allow_replacement=True))
    assert source.text.count("\ufffd") == 2 or source.text.count("\ufffd") == 3   # a bad run may be one mark
    assert "følge opp" in source.text and "Ã" not in source.text
    assert len(source.warnings) == 1 and "3 undecodable byte(s)" in source.warnings[0]


def test_a_wholly_legacy_encoded_file_is_still_detected_not_refused(tmp_path):
    """Many bytes invalid as UTF-8 and no valid multi-byte sequence: written in cp1252 on purpose."""
    path = tmp_path / "gammal.txt"
    path.write_bytes((SENTENCE * 6).encode("cp1252"))
    assert "følge opp" in read_document(path).text
    assert "Høringssvar" in read_document(FIXTURES / "horingssvar_cp1252.txt").text


def test_a_utf8_bom_with_bad_bytes_is_damage_not_a_legacy_file(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + b"Plan for eldre \xf8konomi\n" * 3)
    with pytest.raises(InputError, match="byte offset 18"):
        read_document(path)


def test_build_refuses_damaged_utf8_by_name_and_allow_replacement_warns(tmp_path):
    corpus = tmp_path / "korpus"
    corpus.mkdir()
    damaged_utf8(corpus / "skadd.txt")
    (corpus / "god.txt").write_text(SENTENCE, encoding="utf-8")
    proc = cli("build", "--corpus", str(corpus), "--store", str(tmp_path / "s"), "--no-validate", "-j", "1")
    assert proc.returncode == 0, proc.stderr
    assert "skipped " in proc.stderr and "skadd.txt: 3 undecodable byte(s)" in proc.stderr
    proc = cli("build", "--corpus", str(corpus), "--store", str(tmp_path / "s"), "--no-validate", "-j", "1",
               "--allow-replacement")
    warning = [line for line in proc.stderr.splitlines() if line.startswith("healthplan-kg: warning ")]
    assert len(warning) == 1 and "skadd.txt: 3 undecodable byte(s)" in warning[0] and "U+FFFD" in warning[0]
    assert "2 documents" in proc.stderr


# -- links and unreadable files -----------------------------------------------------------------

def links_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "lenker"
    (corpus / "under").mkdir(parents=True)
    (corpus / "god.txt").write_text(SENTENCE, encoding="utf-8")
    (corpus / "borte.txt").symlink_to(corpus / "finst_ikkje.txt")
    (corpus / "sloyfe.txt").symlink_to(corpus / "sloyfe.txt")
    (corpus / "under" / "opp").symlink_to(corpus)
    return corpus


def test_dangling_links_and_loops_are_listed_not_dropped(tmp_path):
    corpus = links_corpus(tmp_path)
    listing = list_corpus(corpus)
    assert listing.documents == [corpus / "god.txt"]
    reasons = dict(listing.unusable)
    assert reasons[corpus / "borte.txt"].startswith("dangling symbolic link")
    assert reasons[corpus / "sloyfe.txt"] == "symbolic link loop"
    assert reasons[corpus / "under" / "opp"] == "symbolic link loop"


def test_build_skips_bad_links_by_name_and_strict_refuses_them(tmp_path):
    corpus = links_corpus(tmp_path)
    report = build([corpus], store_path=tmp_path / "s", jobs=1, progress=False, check=False)
    assert report.documents == 1
    assert {s.path.name for s in report.skipped} == {"borte.txt", "sloyfe.txt", "opp"}
    with pytest.raises(InputError, match="borte.txt: dangling symbolic link"):
        build([corpus], store_path=tmp_path / "s2", strict=True, jobs=1, progress=False, check=False)
    assert not (tmp_path / "s2").exists()


@needs_proc
def test_an_unreadable_file_is_skipped_and_the_rest_built(tmp_path):
    corpus = tmp_path / "korpus"
    corpus.mkdir()
    (corpus / "god.txt").write_text(SENTENCE, encoding="utf-8")
    (corpus / "ulesbar.txt").symlink_to(UNREADABLE)
    report = build([corpus], store_path=tmp_path / "s", jobs=1, progress=False, check=False)
    assert report.documents == 1
    assert [(s.path.name, s.reason.startswith("cannot be read")) for s in report.skipped] == [("ulesbar.txt", True)]
    with pytest.raises(InputError, match="ulesbar.txt: cannot be read"):
        build([corpus], store_path=tmp_path / "s2", strict=True, jobs=1, progress=False, check=False)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file whatever its permissions")
def test_a_file_without_read_permission_is_skipped(tmp_path):
    corpus = tmp_path / "korpus"
    corpus.mkdir()
    (corpus / "god.txt").write_text(SENTENCE, encoding="utf-8")
    locked = corpus / "stengd.txt"
    locked.write_text(SENTENCE + "Meir.\n", encoding="utf-8")
    locked.chmod(0)
    report = build([corpus], store_path=tmp_path / "s", jobs=1, progress=False, check=False)
    assert report.documents == 1 and report.skipped[0].reason == "cannot be read (Permission denied)"


# -- messages -----------------------------------------------------------------------------------

def test_a_newline_in_a_file_name_cannot_forge_a_log_line(tmp_path):
    corpus = tmp_path / "korpus"
    corpus.mkdir()
    (corpus / "god.txt").write_text(SENTENCE, encoding="utf-8")
    (corpus / "tom\nhealthplan-kg: built everything.txt").write_text(" \n", encoding="utf-8")
    proc = cli("build", "--corpus", str(corpus), "--store", str(tmp_path / "s"), "--no-validate", "-j", "1")
    skipped = [line for line in proc.stderr.splitlines() if line.startswith("healthplan-kg: skipped ")]
    assert len(skipped) == 1 and "tom\\nhealthplan-kg: built everything.txt: the document is empty" in skipped[0]
    assert not any(line.startswith("healthplan-kg: built everything") for line in proc.stderr.splitlines())


def test_a_corrupt_pdf_is_one_line_without_the_library_warning(tmp_path):
    (tmp_path / "rot.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage")
    proc = cli("extract", "rot.pdf", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("healthplan-kg: error: rot.pdf: "), proc.stderr


def test_extract_on_an_unreadable_file_is_one_line_not_a_usage_error(tmp_path, monkeypatch, capsys):
    """Permission bits do not stop root, so the check click makes is simulated to fail."""
    from healthplan_kg import cli as cli_module
    path = tmp_path / "stengd.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    monkeypatch.setattr(os, "access", lambda *args, **kwargs: False)
    monkeypatch.setattr(Path, "read_bytes", lambda self: (_ for _ in ()).throw(PermissionError(13, "denied")))
    with pytest.raises(SystemExit) as exited:
        cli_module.main(["extract", str(path)])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "stengd.txt: permission denied" in err, err


def test_a_huge_parameter_value_is_cut_in_the_message():
    parameter = Parameter(name="entity", type="iri")
    with pytest.raises(ParameterError) as raised:
        parameter.convert("ikkje ein iri " + "x" * 100_000)
    assert len(str(raised.value)) < 500 and "characters)" in str(raised.value)


def test_one_line_escapes_line_breaks_and_controls_and_cuts():
    assert one_line("a\nb\rc\u2028d\x1b[31m") == "a\\nb\\rc\\u2028d\\x1b[31m"
    assert len(one_line("y" * 5000)) < 1100
    assert shown("z" * 300).endswith("(300 characters)")


# -- parameters ---------------------------------------------------------------------------------

def test_a_curie_with_an_unknown_prefix_is_refused_with_the_known_prefixes():
    parameter = Parameter(name="entity", type="iri")
    with pytest.raises(ParameterError) as raised:
        parameter.convert("idd:document/nou-2023-4")
    message = str(raised.value)
    assert "unknown prefix 'idd'" in message and "id, " in message and "hp" in message
    assert parameter.convert("id:document/nou-2023-4").value.endswith("/id/document/nou-2023-4")
    assert parameter.convert("urn:isbn:9788205000000").value == "urn:isbn:9788205000000"
    assert parameter.convert("https://example.org/a").value == "https://example.org/a"
