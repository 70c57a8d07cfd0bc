"""HTML reader: the page's main text and metadata, with trafilatura.

trafilatura drops navigation, cookie banners and footers; its XML tree is rendered here (rather
than its own text output) so that paragraphs stay apart by a blank line and every list item keeps
its own line with a "• " bullet, which the list extraction downstream relies on. Metadata that
trafilatura misses (Dublin Core ``dcterms.*`` tags, ``article:published_time``,
``<html lang>``) is read from the page's head.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import html as lxml_html

from healthplan_kg.errors import InputError
from healthplan_kg.readers.base import ParsedContent, ReadOptions, language_code
from healthplan_kg.readers.dates import normalise_date
from healthplan_kg.readers.furniture import BULLET, is_site_furniture
from healthplan_kg.readers.text import decode_text

_BLOCKS = {"p", "head", "quote", "code"}

#: ``<meta>`` names and properties that carry each metadata key, best first.
_META_TAGS: dict[str, tuple[str, ...]] = {
    "title": ("dcterms.title", "dc.title", "og:title"),
    "published": ("dcterms.issued", "dcterms.date", "dcterms.created", "dc.date",
                  "article:published_time", "datepublished", "date"),
    "modified": ("dcterms.modified", "article:modified_time", "og:updated_time", "datemodified",
                 "last-modified"),
    "publisher": ("dcterms.publisher", "dc.publisher", "og:site_name", "publisher"),
    "author": ("dcterms.creator", "dc.creator", "author", "article:author"),
    "url": ("dcterms.identifier", "og:url"),
    "language": ("dcterms.language", "dc.language", "content-language", "og:locale"),
}


def _item_text(element: Any) -> str:
    return " ".join("".join(element.itertext()).split())


def render_body(body: Any) -> str:
    """Paragraphs apart by a blank line, list items on their own lines with a bullet."""
    blocks: list[str] = []
    for element in body:
        tag = element.tag
        if tag == "list":
            items = [_item_text(item) for item in element.iter("item")]
            lines = [BULLET + item for item in items if item]
            if lines:
                blocks.append("\n".join(lines))
        elif tag == "table":
            rows = []
            for row in element.iter("row"):
                cells = [_item_text(cell) for cell in row.iter("cell")]
                if any(cells):
                    rows.append(" | ".join(cell for cell in cells if cell))
            if rows:
                blocks.append("\n".join(rows))
        elif tag in _BLOCKS or len(element):
            text = _item_text(element)
            if text:
                blocks.append(text)
    return "\n\n".join(blocks)


def head_metadata(tree: Any) -> dict[str, str]:
    """Metadata from the page head's ``<meta>`` tags, ``<link rel=canonical>`` and ``lang``."""
    found: dict[str, str] = {}
    meta_values: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("name") or meta.get("property") or meta.get("itemprop")
               or meta.get("http-equiv") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if key and content and key not in meta_values:
            meta_values[key] = content
    for field, tags in _META_TAGS.items():
        for tag in tags:
            if tag in meta_values:
                found[field] = meta_values[tag]
                break
    if "url" not in found:
        for link in tree.iter("link"):
            if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
                found["url"] = link.get("href").strip()
                break
    lang = tree.getroot().get("lang") if hasattr(tree, "getroot") else tree.get("lang")
    if lang and "language" not in found:
        found["language"] = lang
    return found


def read_html(path: Path, data: bytes, options: ReadOptions | None = None) -> ParsedContent:
    import trafilatura

    markup, warnings = decode_text(path, data, options)
    try:
        tree = lxml_html.document_fromstring(markup)
    except Exception as error:  # lxml raises several unrelated types for unusable markup
        raise InputError(path, f"not parseable as HTML ({error})") from None
    document = trafilatura.bare_extraction(
        markup, with_metadata=True, include_comments=False, include_tables=True,
        favor_recall=True, deduplicate=False,
    )
    text = render_body(document.body) if document is not None and document.body is not None else ""
    found: dict[str, str] = {}
    if document is not None:
        for field, value in (("title", document.title), ("published", document.date),
                             ("author", document.author), ("publisher", document.sitename),
                             ("url", document.url), ("language", document.language)):
            if value:
                found[field] = str(value).strip()
    for field, value in head_metadata(tree).items():
        found.setdefault(field, value)
    # trafilatura's date guess may come from the page's URL or a "last changed" stamp; a
    # Dublin Core or Open Graph publication date states it outright, so it wins.
    explicit = head_metadata(tree).get("published")
    if explicit:
        found["published"] = explicit
    title = _article_title(found.get("title"), found.get("publisher"))
    if title:
        found["title"] = title
    else:
        found.pop("title", None)
    return ParsedContent(text=text, metadata=_normalised(found), warnings=warnings)


def _article_title(title: str | None, site: str | None) -> str | None:
    """The page title as the article's headline: the site's name after a separator cut off
    ("Ny plan - Helse Vest"), and no title when what is left is site furniture ("Nyheter"),
    so the headline is read from the text as for a plain-text page."""
    if not title:
        return None
    title = " ".join(title.split())
    if site:
        for separator in (" - ", " – ", " | ", " · "):
            suffix = separator + " ".join(site.split())
            if title.casefold().endswith(suffix.casefold()) and len(title) > len(suffix):
                title = title[:-len(suffix)].strip()
    return None if is_site_furniture(title) else title


def _normalised(found: dict[str, str]) -> dict[str, str]:
    metadata: dict[str, str] = {}
    for field, value in found.items():
        if field in {"published", "modified"}:
            date = normalise_date(value)
            if date:
                metadata[field] = date
        elif field == "language":
            code = language_code(value)
            if code:
                metadata[field] = code
        else:
            metadata[field] = " ".join(value.split())
    return metadata
