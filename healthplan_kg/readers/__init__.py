"""Document readers: a file in, a ``SourceText`` (clean text + file metadata) out.

A reader is chosen by the file's suffix from a small registry (``.txt``, ``.html``/``.htm``,
``.pdf``). Each entry names its module, which is imported only when a file of that format is
read, so reading plain text never imports trafilatura or pypdf. A new format is one module with a
``read_FORMAT(path, data, options) -> ParsedContent`` function and one line in ``READERS``.

Every document is then treated alike: the SHA-256 of its raw bytes becomes ``content_hash``;
its text goes through ``furniture.clean_text``; metadata from a sidecar ``NAME.meta.json`` beside
``NAME.EXT`` (``letter.meta.json`` beside ``letter.txt``; see ``sidecar``) wins over the file's
own; a paged document (PDF) keeps where each page begins (``SourceText.page_starts``); a
document with no text left is refused with ``InputError("...: the document is empty")``.

>>> sorted(SUPPORTED_SUFFIXES)
['.htm', '.html', '.pdf', '.txt']
"""

from __future__ import annotations

import errno
import hashlib
import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from healthplan_kg.errors import InputError
from healthplan_kg.model import SourceText
from healthplan_kg.readers.base import ParsedContent, ReadOptions, library_chatter_held, read_bytes
from healthplan_kg.readers.furniture import clean_text
from healthplan_kg.readers.pages import unmark
from healthplan_kg.readers.sidecar import is_sidecar, read_sidecar, sidecar_path

__all__ = ["READERS", "SUPPORTED_SUFFIXES", "CorpusListing", "ReadOptions", "find_documents", "list_corpus",
           "read_document", "reader_for", "sidecar_path", "unsupported_files"]

#: suffix -> (format name, "module:function"); modules are imported lazily by ``reader_for``.
READERS: dict[str, tuple[str, str]] = {
    ".txt": ("txt", "healthplan_kg.readers.text:read_text"),
    ".html": ("html", "healthplan_kg.readers.html:read_html"),
    ".htm": ("html", "healthplan_kg.readers.html:read_html"),
    ".pdf": ("pdf", "healthplan_kg.readers.pdf:read_pdf"),
}
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(READERS)

Reader = Callable[[Path, bytes, ReadOptions], ParsedContent]


def reader_for(path: Path) -> tuple[str, Reader]:
    """The format name and read function for ``path``, or InputError for an unknown suffix."""
    suffix = path.suffix.lower()
    if suffix not in READERS:
        raise InputError(path, f"unsupported format {suffix or '(no suffix)'!r} "
                               f"(supported: {', '.join(sorted(SUPPORTED_SUFFIXES))})")
    format_name, target = READERS[suffix]
    module_name, function_name = target.split(":")
    return format_name, getattr(importlib.import_module(module_name), function_name)


def read_document(path: Path, options: ReadOptions | None = None) -> SourceText:
    """Read one document into a ``SourceText``; any problem is an InputError naming the file.

    What the parsing libraries log or warn meanwhile is held back (``library_chatter_held``):
    the user gets this function's one line, not the library's extra ones."""
    path = Path(path)
    options = options or ReadOptions()
    format_name, read = reader_for(path)
    if options.max_bytes is not None:
        size = _size(path)
        if size > options.max_bytes:
            raise InputError(path, f"{size} bytes is over the size limit of {options.max_bytes} bytes")
    data = read_bytes(path)
    if not data.strip():
        raise InputError(path, "the document is empty")
    with library_chatter_held():
        parsed = read(path, data, options)
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
        warnings=list(parsed.warnings),
        **metadata,
    )


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0   # read_bytes names the problem


@dataclass
class CorpusListing:
    """What a folder holds, sorted: documents a reader handles, visible files none handles, and
    entries that cannot be followed (a dangling symbolic link, a loop, an unreadable folder),
    each with the reason, so a build can list or refuse them instead of dropping them."""

    documents: list[Path] = field(default_factory=list)
    unsupported: list[Path] = field(default_factory=list)
    unusable: list[tuple[Path, str]] = field(default_factory=list)


def _link_problem(path: Path) -> tuple[Path | None, str | None]:
    """A symbolic link's resolved target, or why it has none (dangling, a loop)."""
    try:
        return path.resolve(strict=True), None
    except RuntimeError:   # Python < 3.13 reports a loop this way
        return None, "symbolic link loop"
    except OSError as error:
        if error.errno == errno.ELOOP:
            return None, "symbolic link loop"
        if isinstance(error, FileNotFoundError):
            return None, f"dangling symbolic link (to {os.readlink(path)})"
        return None, f"symbolic link cannot be followed ({error.strerror or error})"


def _folder_link_problem(link: Path, target: Path, walked: set[Path]) -> str | None:
    """Why a link to a folder is not followed: it points at a folder it sits in (a loop), or at
    one already walked through another link."""
    parent = link.parent.resolve()
    if target == parent or target in parent.parents:
        return "symbolic link loop"
    if target in walked:
        return f"folder already read (link to {target})"
    return None


def list_corpus(folder: Path) -> CorpusListing:
    """Walk ``folder`` (hidden entries and sidecars skipped, symbolic links followed once): one
    linear pass that cannot loop, since a folder already walked is never entered again."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(folder, "no such folder" if not folder.exists() else "is not a folder")
    listing = CorpusListing()
    walked = {folder.resolve()}
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda entry: entry.name)
        except OSError as error:
            listing.unusable.append((current, f"folder cannot be read ({error.strerror or error})"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            is_dir = entry.is_dir(follow_symlinks=False)
            if entry.is_symlink():
                target, problem = _link_problem(path)
                if target is None:
                    listing.unusable.append((path, problem or "symbolic link cannot be followed"))
                    continue
                is_dir = target.is_dir()
                if is_dir:
                    problem = _folder_link_problem(path, target, walked)
                    if problem:
                        listing.unusable.append((path, problem))
                        continue
                    walked.add(target)
            if is_dir:
                pending.append(path)
            elif is_sidecar(path):
                continue
            elif path.suffix.lower() in SUPPORTED_SUFFIXES and (entry.is_file() or entry.is_symlink()):
                listing.documents.append(path)
            elif not _is_folder_readme(path):
                listing.unsupported.append(path)
    listing.documents.sort()
    listing.unsupported.sort()
    listing.unusable.sort()
    return listing


def find_documents(folder: Path) -> list[Path]:
    """Every supported document under ``folder``, recursively, sorted; sidecars and hidden
    files and folders skipped. Files of other formats are listed by ``unsupported_files``,
    links that cannot be followed by ``list_corpus``."""
    return list_corpus(folder).documents


def _is_folder_readme(path: Path) -> bool:
    return path.stem.upper() == "README" and path.suffix.lower() in {"", ".md", ".rst"}


def unsupported_files(folder: Path) -> list[Path]:
    """The visible files under ``folder`` that no reader handles, so a build can report them by
    name instead of dropping them silently. A folder's ``README.md`` (or ``README``/``.rst``)
    describes the folder and is not counted: it is documentation, not a misplaced document."""
    return list_corpus(folder).unsupported
