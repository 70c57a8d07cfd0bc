"""PDF reader: a long report or white paper as clean text, with the page each stretch is on.

pypdf gives one line per printed line. The reader takes the printed lines of every page with
their position, size and weight (``pdf_lines``), drops the running headers, running footers and
page numbers (``pdf_running``), and lays the rest out as the extractor reads text: one
paragraph, heading or list item per line, paragraphs run on over line and page breaks, words
broken by a hyphen joined (``pdf_layout``). Each page's mark (``pages``) stays in the text so
that, once the text is cleaned, the reader registry knows where every page begins.

Every step is one pass over the lines of the document, so a report of hundreds of pages reads in
time proportional to its length.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from healthplan_kg.errors import InputError
from healthplan_kg.readers.base import ParsedContent, ReadOptions
from healthplan_kg.readers.dates import normalise_date
from healthplan_kg.readers.pages import MAX_PAGES, strip_marks
from healthplan_kg.readers.pdf_layout import layout
from healthplan_kg.readers.pdf_lines import page_lines
from healthplan_kg.readers.pdf_running import strip_running_lines


def _info_date(info: Any, key: str) -> str | None:
    raw = info.get(key) if info else None
    return normalise_date(str(raw)) if raw else None


def _metadata(info: Any) -> dict[str, str]:
    metadata: dict[str, str] = {}
    if not info:
        return metadata
    for field, key in (("title", "/Title"), ("author", "/Author")):
        value = info.get(key)
        if value and str(value).strip():
            metadata[field] = " ".join(strip_marks(str(value)).split())
    for field, key in (("published", "/CreationDate"), ("modified", "/ModDate")):
        date = _info_date(info, key)
        if date:
            metadata[field] = date
    return metadata


def read_pdf(path: Path, data: bytes, options: ReadOptions | None = None) -> ParsedContent:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise InputError(path, "the PDF is encrypted")
        if len(reader.pages) > MAX_PAGES:
            raise InputError(path, f"the PDF has {len(reader.pages)} pages; at most {MAX_PAGES} are read")
        pages = [page_lines(page) for page in reader.pages]
        info = reader.metadata
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise InputError(path, f"not a readable PDF ({error})") from None
    if not any(pages):
        raise InputError(path, "the PDF has no extractable text (a scanned image needs OCR first)")
    text = layout(strip_running_lines(pages))
    return ParsedContent(text=text, metadata=_metadata(info), page_count=len(pages))
