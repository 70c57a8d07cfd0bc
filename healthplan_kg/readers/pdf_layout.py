"""From the printed lines of a whole PDF to paragraphs, headings and list items, page marks kept.

The extractor reads one paragraph, heading or list item per line (``extract.text.paragraphs``),
so a printed line must not end a sentence and a heading must not run into the paragraph under
it. Decided per line, in one pass over the document:

- a heading is printed larger than the body text (``HEADING_SIZE`` times its usual size), or in a
  bold face on a short line that does not end a sentence; it is a line of its own, so a list or a
  relation under it is read with it as its context;
- a list item starts with a bullet or an enumerator ("•", "–", "1.", "a)") and is a line of its
  own; consecutive items stay together, also over a page break, so a list is not cut in two;
- any other line continues the paragraph above unless a vertical gap clearly larger than the
  usual line spacing, or a short last line that ends a sentence, closed it. Over a page break the
  paragraph runs on when the page before did not end a sentence, or the next page starts in
  lower case;
- footnotes (the lines printed smaller than the body at the foot of a page) are lines of their
  own, put before a paragraph that runs on to the next page so that it still can;
- a word hyphenated over two lines is joined ("helse-" + "tjenesten"), but a compound hyphen is
  kept: before "og"/"eller" ("helse- og omsorgstjenesten"), before a capital ("Sør-Øst"), after an
  abbreviation or a figure ("IKT-løsninger", "covid-19"), or where the document itself writes
  the word with the hyphen more often than without.

Each page's mark (``readers.pages``) is put before the first character the page contributes.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from healthplan_kg.readers.furniture import BULLET
from healthplan_kg.readers.pages import mark
from healthplan_kg.readers.pdf_lines import PrintedLine

#: A gap this many times the usual line spacing separates two paragraphs.
PARAGRAPH_GAP = 1.4
#: A line printed this many times larger than the body text is a heading.
HEADING_SIZE = 1.15
#: A bold line is a heading only when it is shorter than this.
HEADING_MAX_CHARS = 120
#: A line shorter than this share of the usual full line that ends a sentence ends its paragraph.
SHORT_LINE = 0.7
#: Lines printed this much smaller than the body text at the foot of a page are its notes.
NOTE_SIZE = 0.9

#: Words after a line-final hyphen that show it is a compound ellipsis ("helse- og omsorg").
_ELLIPSIS_WORDS = frozenset({"og", "eller", "samt", "enn", "til", "and", "or"})
#: A line that starts a list item (or, with a dash, a quote): a bullet, "1.", "(2)", "a)".
_ITEM = re.compile(r"^(?:[•·▪◦‣*\-–—]|\(?\d{1,2}[.)]|\(?[a-zæøå]\))\s+")
#: The bullets written as the extractor's "• "; a dash line is kept as printed ("– " opens a quote).
_ITEM_BULLET = re.compile(r"^[•·▪◦‣*\-]\s+")
#: "12. mars" at the start of a wrapped line is a date, not item 12.
_DATE_NOT_ITEM = re.compile(
    r"^\d{1,2}\.\s+(?:jan|feb|mar|apr|mai|jun|jul|aug|sep|okt|nov|des)[a-zæøå]*\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;…][»\"”')]*$")
_WORD = re.compile(r"\w+(?:-\w+)*")
_FIRST_WORD = re.compile(r"^[«\"(]?(\w+)")
_LAST_PART = re.compile(r"(\w+)-$")
_ABBREVIATION_OR_FIGURE = re.compile(r"(?:[A-ZÆØÅ]{2,}|\d)$")
#: The number a footnote starts with ("3 Se kapittel 5", "¹ Jf. ...").
_NOTE_START = re.compile(r"^(?:\d{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)[.)]?\s")
_LEADING_MARKS = re.compile("^[\U000f0001-\U000ffffd]*")


@dataclass
class _Block:
    """A paragraph, heading or list item being assembled: its text so far (marks included), its
    last printed line (unmarked, for the decisions), and what it is."""

    kind: str                                  # "paragraph", "heading", "item" or "note"
    pieces: list[str] = field(default_factory=list)
    last_line: str = ""
    size: float | None = None
    page: int = 0                              # the page it starts on


def _usual_gap(pages: list[list[PrintedLine]]) -> float | None:
    """The document's line spacing: the median of the tightest quarter of the gaps between
    consecutive lines. Most gaps may be paragraph gaps in a text of short paragraphs, so a median
    of all of them would take paragraph gaps for line spacing."""
    gaps = sorted(
        round(previous.y - line.y, 1)
        for lines in pages for previous, line in zip(lines, lines[1:], strict=False)
        if previous.y is not None and line.y is not None and previous.y > line.y
    )
    if not gaps:
        return None
    return statistics.median(gaps[: max(1, len(gaps) // 4)])


def _body_size(pages: list[list[PrintedLine]]) -> float | None:
    """The font size most characters are printed in."""
    weights: Counter[float] = Counter()
    for lines in pages:
        for line in lines:
            if line.size:
                weights[round(line.size, 1)] += len(line.text)
    return weights.most_common(1)[0][0] if weights else None


def _full_line(pages: list[list[PrintedLine]]) -> int:
    """The length of a full body line: the 80th percentile of line lengths in characters."""
    lengths = sorted(len(line.text) for lines in pages for line in lines)
    return lengths[int(0.8 * (len(lengths) - 1))] if lengths else 0


def _vocabulary(pages: list[list[PrintedLine]]) -> Counter[str]:
    """How often the document writes each word (hyphenated compounds as one word), lower-cased."""
    counts: Counter[str] = Counter()
    for lines in pages:
        for line in lines:
            counts.update(word.casefold() for word in _WORD.findall(line.text))
    return counts


def hyphen_break(left: str, right: str, vocabulary: Counter[str] | None = None) -> tuple[int, str]:
    """How a printed line ``left`` that ends in a hyphen runs on into the next line ``right``: how
    many characters to drop from the end of ``left`` (the hyphen, or none) and what goes between."""
    part = _LAST_PART.search(left)
    word = _FIRST_WORD.match(right)
    if part is None or word is None:
        return 0, " "
    first = word.group(1)
    if first.casefold() in _ELLIPSIS_WORDS:
        return 0, " "
    if first[0].isupper() or first[0].isdigit() or _ABBREVIATION_OR_FIGURE.search(part.group(1)):
        return 0, ""
    if vocabulary is not None:
        hyphenated = f"{part.group(1)}-{first}".casefold()
        if vocabulary[hyphenated] > vocabulary[(part.group(1) + first).casefold()]:
            return 0, ""
    return 1, ""


def join_hyphenated(left: str, right: str, vocabulary: Counter[str] | None = None) -> str:
    """``left`` (ending in a hyphen) and the next printed line ``right`` as one run of text."""
    drop, between = hyphen_break(left, right, vocabulary)
    return left[: len(left) - drop] + between + right


class _Layout:
    """One pass over the lines of every page; ``text`` is the result."""

    def __init__(self, pages: list[list[PrintedLine]]) -> None:
        self.pages = pages
        self.gap = _usual_gap(pages)
        self.body = _body_size(pages)
        self.full = _full_line(pages)
        self.vocabulary = _vocabulary(pages)
        # Evenly spaced lines everywhere say nothing about paragraphs: then a line that ends a
        # sentence ends its paragraph too (at worst a paragraph is cut between two sentences).
        self.spaced = self.gap is not None and any(
            previous.y - line.y > self.gap * PARAGRAPH_GAP
            for lines in pages for previous, line in zip(lines, lines[1:], strict=False)
            if previous.y is not None and line.y is not None)
        self.blocks: list[_Block] = []
        self.marks = ""
        self.page = 0

    def heading(self, line: PrintedLine) -> bool:
        if line.size and self.body and line.size >= self.body * HEADING_SIZE and len(line.text) <= 200:
            return True
        return (line.bold and len(line.text) <= HEADING_MAX_CHARS and not line.text.endswith((".", ",", ";"))
                and not _ITEM.match(line.text))

    def ends_paragraph(self, text: str) -> bool:
        """A short line that ends a sentence is a paragraph's last."""
        return bool(_SENTENCE_END.search(text)) and len(text) < self.full * SHORT_LINE

    def take_marks(self) -> str:
        marks, self.marks = self.marks, ""
        return marks

    def new_block(self, kind: str, line: PrintedLine, text: str) -> None:
        self.blocks.append(_Block(kind, [self.take_marks() + text], line.text, line.size, self.page))

    def extend(self, block: _Block, line: PrintedLine, drop: int, between: str) -> None:
        """Run ``line`` on in ``block``: drop ``drop`` characters from the end of its last line
        (a broken word's hyphen), then ``between`` and the line, the pending page marks first.
        A block's pieces always end with printed text, never with a mark."""
        if drop:
            block.pieces[-1] = block.pieces[-1][:-drop]
        block.pieces.append(between + self.take_marks() + line.text)
        block.last_line = line.text

    def continues(self, block: _Block, line: PrintedLine, gap: float | None, new_page: bool) -> bool:
        """Whether ``line`` runs on in ``block`` rather than starting a block of its own."""
        if block.kind == "note":
            return False
        if block.kind == "heading":
            # A heading over two lines, or a paragraph printed in bold (its last line, which ends
            # the sentence, is no heading by itself but belongs to it).
            # Larger print is set with wider line spacing: the usual gap grows with the size.
            scale = block.size / self.body if block.size and self.body else 1.0
            return (not new_page and gap is not None and self.gap is not None and line.size == block.size
                    and gap <= self.gap * scale * PARAGRAPH_GAP
                    and (self.heading(line) or (line.bold and not _SENTENCE_END.search(block.last_line))))
        last = block.last_line
        if last.endswith(("-", "\u00ad")):
            return True
        lower, ended = line.text[:1].islower(), bool(_SENTENCE_END.search(last))
        wide_gap = not new_page and gap is not None and self.gap is not None and gap > self.gap * PARAGRAPH_GAP
        if wide_gap:
            return False
        if block.kind == "item":
            # An item's text wraps on a full line; a short one ends it, unless the next line
            # goes on in lower case.
            return lower or (not ended and len(last) >= self.full * SHORT_LINE)
        if new_page or gap is None or self.gap is None:
            return lower or not ended
        if ended and (not self.spaced or self.ends_paragraph(last)):
            return lower
        return True

    def is_item(self, line: PrintedLine) -> bool:
        if not _ITEM.match(line.text) or self.heading(line) or _DATE_NOT_ITEM.match(line.text):
            return False
        if line.text[:1].isdigit() or line.text[:1] == "(":
            # An enumerator: the start of a list after a colon, or the next item of one.
            previous = self.blocks[-1] if self.blocks else None
            return previous is not None and (previous.kind == "item" or previous.last_line.endswith(":")
                                             or line.text.split(maxsplit=1)[-1][:1].isupper())
        return True

    def add(self, line: PrintedLine, gap: float | None, new_page: bool) -> None:
        previous = self.blocks[-1] if self.blocks else None
        broken_word = previous is not None and previous.kind != "heading" \
            and previous.last_line.endswith(("-", "\u00ad"))
        if self.is_item(line):
            self.new_block("item", line, _ITEM_BULLET.sub(BULLET, line.text, count=1))
        elif self.heading(line) and not broken_word:
            if previous and previous.kind == "heading" and self.continues(previous, line, gap, new_page):
                self.extend(previous, line, *self.run_on(previous.last_line, line.text))
            else:
                self.new_block("heading", line, line.text)
        elif previous and (previous.kind != "heading" or line.bold) and self.continues(previous, line, gap, new_page):
            self.extend(previous, line, *self.run_on(previous.last_line, line.text))
        else:
            self.new_block("paragraph", line, line.text)

    def run_on(self, previous: str, current: str) -> tuple[int, str]:
        if previous.endswith("\u00ad"):
            return 1, ""
        if previous.endswith("-"):
            return hyphen_break(previous, current, self.vocabulary)
        return 0, " "

    def split_notes(self, lines: list[PrintedLine]) -> tuple[list[PrintedLine], list[PrintedLine]]:
        """The page's body lines, and the run of lines printed smaller than the body at its foot
        (footnotes); a page printed small all through has no notes."""
        end = len(lines)
        while end and self.body and lines[end - 1].size and lines[end - 1].size < self.body * NOTE_SIZE:
            end -= 1
        return (lines[:end], lines[end:]) if end else (lines, [])

    def add_notes(self, notes: list[PrintedLine]) -> None:
        """A page's footnotes, each a line of its own. Where a paragraph runs on to the next page
        they go before it, so it can run on; the page's mark, if the paragraph holds it at its
        start, moves with them to the front."""
        blocks: list[_Block] = []
        for line in notes:
            if blocks and not _NOTE_START.match(line.text):
                drop, between = self.run_on(blocks[-1].last_line, line.text)
                if drop:
                    blocks[-1].pieces[-1] = blocks[-1].pieces[-1][:-drop]
                blocks[-1].pieces.append(between + line.text)
                blocks[-1].last_line = line.text
            else:
                blocks.append(_Block("note", [line.text], line.text, line.size, self.page))
        open_block = self.blocks[-1] if self.blocks else None
        if (open_block is not None and open_block.kind in ("paragraph", "item") and open_block.page == self.page
                and not _SENTENCE_END.search(open_block.last_line)):
            lead = _LEADING_MARKS.match(open_block.pieces[0]).group(0)
            open_block.pieces[0] = open_block.pieces[0][len(lead):]
            blocks[0].pieces[0] = lead + blocks[0].pieces[0]
            self.blocks[-1:-1] = blocks
        else:
            blocks[0].pieces[0] = self.take_marks() + blocks[0].pieces[0]
            self.blocks.extend(blocks)

    def text(self) -> str:
        for number, lines in enumerate(self.pages, start=1):
            self.marks += mark(number)
            self.page = number
            body, notes = self.split_notes(lines)
            for index, line in enumerate(body):
                above = body[index - 1] if index else None
                gap = (above.y - line.y if above is not None and above.y is not None and line.y is not None
                       else None)
                self.add(line, gap, new_page=index == 0)
            if notes:
                self.add_notes(notes)
        out: list[str] = []
        for index, block in enumerate(self.blocks):
            if index:
                previous = self.blocks[index - 1]   # items of one list stay on consecutive lines
                out.append("\n" if block.kind == "item" and previous.kind == "item" else "\n\n")
            out.append("".join(block.pieces))
        return "".join(out) + self.marks


def layout(pages: list[list[PrintedLine]]) -> str:
    """The document's text: one paragraph, heading or list item per line, a blank line between
    paragraphs, and each page's mark before the first character it contributes."""
    return _Layout(pages).text()
