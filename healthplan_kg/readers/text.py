"""Plain-text reader: UTF-8, or a legacy encoding when the file was plainly written in one.

Norwegian text files saved on older Windows machines are often cp1252 or latin-1, where "ø" is
one byte that is not valid UTF-8; such a file is decoded with a confident detection. A UTF-8 file
with a few damaged bytes is a different thing, and decoding it as cp1252 would silently turn
every "ø" of it into "Ã¸". The rule that tells them apart (``utf8_census``):

* valid UTF-8 (with or without a BOM): UTF-8;
* a file with a UTF-8 BOM, or with at least one valid multi-byte UTF-8 character for every
  ``BAD_BYTES_PER_CHARACTER`` undecodable bytes, was written as UTF-8: its bad bytes are damage,
  refused with the file name, the number of bad bytes and the offset of the first (or, when the
  user allows it, replaced by U+FFFD with a warning that counts them);
* otherwise: a confidently detected legacy encoding, or a refusal.

Why the ratio: in a legacy file every "æøå" is an undecodable byte, and a valid multi-byte
sequence appears only by a rare coincidence (an "Ø" right before a "’"), far less than once per
ten such bytes; in a UTF-8 file damage is the exception, far fewer than ten bad bytes per good
character. A file in between (a legacy block pasted into UTF-8) cannot be decoded right either
way; the rule then takes the legacy reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from healthplan_kg.errors import InputError
from healthplan_kg.readers.base import ParsedContent, ReadOptions

#: The most "chaos" (mess ratio) charset-normalizer may report for a guess to be trusted.
MAX_CHAOS = 0.2
#: Undecodable bytes per valid multi-byte character up to which a file counts as damaged UTF-8.
BAD_BYTES_PER_CHARACTER = 10
_BOM = b"\xef\xbb\xbf"
_UNDECODABLE = re.compile("[\udc80-\udcff]")   # bytes kept by errors="surrogateescape"
_MULTIBYTE = re.compile("[^\x00-\x7f\udc80-\udcff]")


@dataclass(frozen=True)
class Utf8Census:
    """How a byte string fares as UTF-8: characters decoded from valid multi-byte sequences,
    bytes that are not valid UTF-8, and the offset of the first of them (-1 when none)."""

    multibyte: int
    undecodable: int
    first_bad_offset: int

    @property
    def written_as_utf8(self) -> bool:
        return self.multibyte > 0 and self.multibyte * BAD_BYTES_PER_CHARACTER >= self.undecodable


def utf8_census(data: bytes) -> Utf8Census:
    """Count, in one linear pass, what ``data`` holds as UTF-8."""
    text = data.decode("utf-8", errors="surrogateescape")
    bad = _UNDECODABLE.search(text)
    first = -1
    if bad is not None:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as error:
            first = error.start
    return Utf8Census(multibyte=len(_MULTIBYTE.findall(text)),
                      undecodable=len(_UNDECODABLE.findall(text)), first_bad_offset=first)


def decode_text(path: Path, data: bytes, options: ReadOptions | None = None) -> tuple[str, list[str]]:
    """The file's text and any warnings: UTF-8 (BOM or not) when valid, damaged UTF-8 refused or
    replaced as ``options`` allow, a legacy encoding only when confidently detected."""
    options = options or ReadOptions()
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    census = utf8_census(data)
    if data.startswith(_BOM) or census.written_as_utf8:
        where = (f"{census.undecodable} undecodable byte(s) in UTF-8 text, the first at byte offset "
                 f"{census.first_bad_offset}")
        if not options.allow_replacement:
            raise InputError(path, f"{where} (fix the file, or allow replacement characters with "
                                   f"--allow-replacement)")
        body = data[len(_BOM):] if data.startswith(_BOM) else data
        return body.decode("utf-8", errors="replace"), [f"{where}; replaced with U+FFFD"]
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > MAX_CHAOS:
        raise InputError(path, "not UTF-8, and its encoding cannot be detected with confidence; "
                               "save it as UTF-8")
    return str(best), []


def read_text(path: Path, data: bytes, options: ReadOptions | None = None) -> ParsedContent:
    text, warnings = decode_text(path, data, options)
    return ParsedContent(text=text, warnings=warnings)
