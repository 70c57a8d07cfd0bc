"""Plain-text reader: UTF-8 first, then a confidently detected legacy encoding, else refuse.

Norwegian text files saved on older Windows machines are often cp1252 or latin-1, where "ø"
is one byte that is not valid UTF-8. Guessing wrong turns "støtte" into "stÃ¸tte" and breaks
every name match downstream, so a guess is only taken when charset-normalizer is confident and
the result reads as text; otherwise the file is refused with a clear error.
"""

from __future__ import annotations

from pathlib import Path

from healthplan_kg.errors import InputError
from healthplan_kg.readers.base import ParsedContent

#: The most "chaos" (mess ratio) charset-normalizer may report for a guess to be trusted.
MAX_CHAOS = 0.2


def decode_text(path: Path, data: bytes) -> str:
    """The file's text: UTF-8 (BOM or not) when valid, else a confident detection."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > MAX_CHAOS:
        raise InputError(path, "not UTF-8, and its encoding cannot be detected with confidence; "
                               "save it as UTF-8")
    return str(best)


def read_text(path: Path, data: bytes) -> ParsedContent:
    return ParsedContent(text=decode_text(path, data))
