"""Document readers: a file in, a ``SourceText`` (clean text + file metadata) out.

A reader is chosen by the file's suffix from a small registry (``.txt``, ``.html``/``.htm``,
``.pdf``). Each entry names its module, which is imported only when a file of that format is
read, so reading plain text never imports trafilatura or pypdf. A new format is one module with a
``read_FORMAT(path, data) -> ParsedContent`` function and one line in ``READERS``.

Every document is then treated alike: the SHA-256 of its raw bytes becomes ``content_hash``;
its text goes through ``furniture.clean_text``; metadata from a sidecar ``NAME.meta.json`` beside
``NAME.EXT`` (``letter.meta.json`` beside ``letter.txt``; see ``sidecar``) wins over the file's
own; a paged document (PDF) keeps where each page begins (``SourceText.page_starts``); a
document with no text left is refused with ``InputError("...: the document is empty")``.

>>> sorted(SUPPORTED_SUFFIXES)
['.htm', '.html', '.pdf', '.txt']
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable
from pathlib import Path

from healthplan_kg.errors import InputError
from healthplan_kg.model import SourceText
from healthplan_kg.readers.base import ParsedContent, read_bytes
from healthplan_kg.readers.furniture import clean_text
from healthplan_kg.readers.pages import unmark
from healthplan_kg.readers.sidecar import is_sidecar, read_sidecar, sidecar_path

__all__ = ["READERS", "SUPPORTED_SUFFIXES", "find_documents", "read_document", "reader_for",
           "sidecar_path", "unsupported_files"]

#: suffix -> (format name, "module:function"); modules are imported lazily by ``reader_for``.
READERS: dict[str, tuple[str, str]] = {
    ".txt": ("txt", "healthplan_kg.readers.text:read_text"),
    ".html": ("html", "healthplan_kg.readers.html:read_html"),
    ".htm": ("html", "healthplan_kg.readers.html:read_html"),
    ".pdf": ("pdf", "healthplan_kg.readers.pdf:read_pdf"),
}
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(READERS)

Reader = Callable[[Path, bytes], ParsedContent]


def reader_for(path: Path) -> tuple[str, Reader]:
    """The format name and read function for ``path``, or InputError for an unknown suffix."""
    suffix = path.suffix.lower()
    if suffix not in READERS:
        raise InputError(path, f"unsupported format {suffix or '(no suffix)'!r} "
                               f"(supported: {', '.join(sorted(SUPPORTED_SUFFIXES))})")
    format_name, target = READERS[suffix]
    module_name, function_name = target.split(":")
    return format_name, getattr(importlib.import_module(module_name), function_name)


def read_document(path: Path) -> SourceText:
    """Read one document into a ``SourceText``; any problem is an InputError naming the file."""
    path = Path(path)
    format_name, read = reader_for(path)
    data = read_bytes(path)
    if not data.strip():
        raise InputError(path, "the document is empty")
    parsed = read(path, data)
    text = clean_text(parsed.text)
    page_starts: tuple[int, ...] = ()
    if parsed.page_count:
        text, page_starts = unmark(text, parsed.page_count)
    if not text.strip():
        raise InputError(path, "the document is empty" if format_name == "txt"
                         else "the document is empty (no main text found)")
    metadata = {**parsed.metadata, **read_sidecar(path)}
    return SourceText(
        path=path,
        source=path.name,
        format=format_name,
        text=text,
        content_hash=hashlib.sha256(data).hexdigest(),
        page_starts=page_starts,
        **metadata,
    )


def _visible_files(folder: Path) -> list[Path]:
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(folder, "no such folder" if not folder.exists() else "is not a folder")
    files = []
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file() and not is_sidecar(path):
            files.append(path)
    return sorted(files)


def find_documents(folder: Path) -> list[Path]:
    """Every supported document under ``folder``, recursively, sorted; sidecars and hidden
    files and folders skipped. Files of other formats are listed by ``unsupported_files``."""
    return [path for path in _visible_files(folder) if path.suffix.lower() in SUPPORTED_SUFFIXES]


def _is_folder_readme(path: Path) -> bool:
    return path.stem.upper() == "README" and path.suffix.lower() in {"", ".md", ".rst"}


def unsupported_files(folder: Path) -> list[Path]:
    """The visible files under ``folder`` that no reader handles, so a build can report them by
    name instead of dropping them silently. A folder's ``README.md`` (or ``README``/``.rst``)
    describes the folder and is not counted: it is documentation, not a misplaced document."""
    return [path for path in _visible_files(folder)
            if path.suffix.lower() not in SUPPORTED_SUFFIXES and not _is_folder_readme(path)]
