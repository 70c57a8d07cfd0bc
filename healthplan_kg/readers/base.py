"""What every reader shares: the raw bytes of a file, and the parsed content a format reader gives.

A format reader (txt, html, pdf) only turns bytes into text and file metadata; reading the file,
hashing it, removing furniture, merging the sidecar and refusing empty text happen once, in
``healthplan_kg.readers.read_document``, so every format behaves alike.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from healthplan_kg.errors import InputError

#: The metadata keys a file or a sidecar may supply, in ``SourceText`` field names.
METADATA_KEYS: tuple[str, ...] = ("title", "published", "modified", "publisher", "author", "url",
                                  "language")


@dataclass
class ParsedContent:
    """A format reader's result: raw main text (not yet cleaned), the metadata it found, and
    warnings for the user (e.g. how many bad bytes were replaced), one line each.

    A paged format (PDF) sets ``page_count`` and puts each page's mark (``readers.pages``) in
    ``text``; the registry removes the marks after cleaning and keeps where each page begins.
    """

    text: str
    metadata: dict[str, str] = field(default_factory=dict)
    page_count: int = 0
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ReadOptions:
    """What the user allows a reader to do with imperfect input.

    ``allow_replacement``: read a UTF-8 file with damaged bytes, replacing them with U+FFFD (and
    saying how many), instead of refusing it. ``max_bytes``: refuse a larger file by name before
    reading it (None: no limit).
    """

    allow_replacement: bool = False
    max_bytes: int | None = None


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or an InputError that names the file and says why it cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder, not a document") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as error:
        raise InputError(path, f"cannot be read ({error.strerror or error})") from None


def language_code(value: str | None) -> str | None:
    """``nb`` or ``nn`` from a language tag (``nn-NO``, ``nb_NO``, ``no-NN``); None otherwise.

    Plain ``no`` says Norwegian without saying which written standard, so it gives None and the
    extractor decides from the text.
    """
    if not value:
        return None
    parts = [part.lower() for part in value.replace("_", "-").split("-")]
    if parts[0] in {"nb", "nob"} or (parts[0] == "no" and "nb" in parts[1:]):
        return "nb"
    if parts[0] in {"nn", "nno"} or (parts[0] == "no" and "nn" in parts[1:]):
        return "nn"
    return None


#: Libraries the readers call that log or warn on their own (pypdf: "EOF marker not found").
_CHATTY_LIBRARIES = ("pypdf", "trafilatura", "htmldate", "courlan", "justext", "charset_normalizer")


@contextmanager
def library_chatter_held() -> Iterator[None]:
    """Keep what the parsing libraries log or warn while a file is read from reaching stderr.

    With no logging set up, Python prints a library's warning as a bare extra line before our
    own one-line message about the same file; the reader's error or result already says what
    matters, so the libraries' lines are held back."""
    loggers = [logging.getLogger(name) for name in _CHATTY_LIBRARIES]
    saved = [(logger.propagate, logger.handlers[:]) for logger in loggers]
    for logger in loggers:
        logger.propagate = False
        logger.handlers = [logging.NullHandler()]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for logger, (propagate, handlers) in zip(loggers, saved, strict=True):
            logger.propagate = propagate
            logger.handlers = handlers
