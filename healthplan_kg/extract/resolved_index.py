"""The resolved mentions of one text, as a list that also answers "what is near here" fast.

Mention finding keeps asking of every candidate whether it overlaps a mention already found, and
later steps ask which mentions start inside a sentence, a quote's speaker phrase or a list item.
Scanning the whole list for each question made extraction grow with the square of a document's
size (a 2 MB white paper has tens of thousands of mentions). ``ResolvedList`` is an ordinary
list (same order, same contents, so every caller sees what a plain list would give) that keeps
two indexes up to date as it changes:

* buckets of ``BUCKET`` characters, each holding the mentions that touch it: an overlap
  question looks only at the buckets its span touches;
* the mentions sorted by (start, position in the list): "starting inside [lo, hi)" is a
  binary search, its answer put back in list order.

>>> from healthplan_kg.model import EntityRef, Span
>>> found = ResolvedList()
>>> found.append(Resolved(Span(10, 20, "x" * 10), EntityRef("A", "Organisation")))
>>> found.overlaps(Span(15, 30, ""), ("Organisation",)), found.overlaps(Span(20, 30, ""))
(True, False)
>>> [r.entity.label for r in found.starting_in(0, 11)]
['A']
>>> found.any_starting_in(0, 11), found.any_starting_in(10, 11), found.any_starting_in(11, 40)
(True, True, False)
>>> [r.entity.label for r in found.overlapping(Span(19, 40, ""))], found.overlapping(Span(20, 40, ""))
(['A'], [])
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterable, Iterator

from healthplan_kg.extract.relations import Resolved
from healthplan_kg.model import Span

#: Characters per overlap bucket: about the length of a long name, so a span touches one or two.
BUCKET = 64


class ResolvedList(list[Resolved]):
    """A list of ``Resolved`` with position indexes; only ``append``, ``extend`` and ``sort``
    (and reassigning the list) are used on it, and each keeps the indexes right."""

    def __init__(self, items: Iterable[Resolved] = ()) -> None:
        super().__init__()
        self._buckets: dict[int, list[Resolved]] = {}
        self._spans: set[Span] = set()     # the list is append-only: a span once held stays
        self._by_start: list[tuple[int, int]] | None = []   # (start, position), sorted
        self._first_of_kind: dict[str, tuple[list[int], list[Resolved]]] = {}
        self._of_kind: dict[str, tuple[list[Resolved], list[int]]] = {}
        self.extend(items)

    # -- changes ---------------------------------------------------------------------------------

    def append(self, item: Resolved) -> None:
        position = len(self)
        super().append(item)
        span = item.span
        start, end = span.start, span.end
        first, last = start // BUCKET, max(end - 1, start) // BUCKET
        buckets = self._buckets
        for bucket in range(first, last + 1):
            held = buckets.get(bucket)
            if held is None:
                buckets[bucket] = [item]
            else:
                held.append(item)
        self._spans.add(span)
        by_start = self._by_start
        if by_start is not None:
            # Mentions mostly come in text order, and ``position`` is past every one held: the
            # new pair sorts last whenever no held start is later (what ``insort`` would find).
            if not by_start or by_start[-1][0] <= start:
                by_start.append((start, position))
            else:
                insort(by_start, (start, position))
        if self._first_of_kind:
            self._first_of_kind.clear()

    def extend(self, items: Iterable[Resolved]) -> None:
        for item in items:
            self.append(item)

    def sort(self, *args, **kwargs) -> None:
        super().sort(*args, **kwargs)
        self._by_start = None           # positions changed: rebuilt when next asked
        self._first_of_kind.clear()
        self._of_kind = {}              # new lists: ones handed out before keep the old order

    def __setitem__(self, *args) -> None:
        raise TypeError("ResolvedList is append-only; build a new one instead")

    __delitem__ = __setitem__

    # -- questions -------------------------------------------------------------------------------

    def overlaps(self, span: Span, kinds: tuple[str, ...] | None = None) -> bool:
        """Whether a mention (of one of ``kinds``) shares a character with ``span``: what
        ``any(r.span.start < span.end and span.start < r.span.end ...)`` over the list says."""
        for bucket in range(span.start // BUCKET, max(span.end - 1, span.start) // BUCKET + 1):
            for r in self._buckets.get(bucket, ()):
                if (r.span.start < span.end and span.start < r.span.end
                        and (kinds is None or r.entity.kind in kinds)):
                    return True
        return False

    def overlapping(self, span: Span) -> list[Resolved]:
        """The mentions that share a character with ``span``, each once, in no set order: the
        members of ``[r for r in list if r.span.start < span.end and span.start < r.span.end]``."""
        found: dict[int, Resolved] = {}
        for bucket in range(span.start // BUCKET, max(span.end - 1, span.start) // BUCKET + 1):
            for r in self._buckets.get(bucket, ()):
                if r.span.start < span.end and span.start < r.span.end:
                    found.setdefault(id(r), r)
        return list(found.values())

    def has_span(self, span: Span) -> bool:
        """Whether a mention has exactly this span."""
        return span in self._spans

    def _starts(self) -> list[tuple[int, int]]:
        if self._by_start is None:
            self._by_start = sorted((r.span.start, i) for i, r in enumerate(self))
        return self._by_start

    def starting_in(self, lo: int, hi: int) -> list[Resolved]:
        """The mentions with ``lo <= start < hi``, in list order."""
        starts = self._starts()
        first = bisect_left(starts, (lo, -1))
        last = bisect_left(starts, (hi, -1), lo=first)
        return [self[i] for i in sorted(position for _, position in starts[first:last])]

    def any_starting_in(self, lo: int, hi: int) -> bool:
        """Whether ``starting_in(lo, hi)`` holds anything (two binary searches, no list)."""
        starts = self._starts()
        first = bisect_left(starts, (lo, -1))
        return first < len(starts) and starts[first][0] < hi

    def by_start_from(self, lo: int) -> Iterator[Resolved]:
        """The mentions with ``start >= lo``, by start (ties in list order): what iterating
        ``sorted(list, key=start)`` and skipping the earlier ones gives."""
        starts = self._starts()
        for _, position in starts[bisect_left(starts, (lo, -1)):]:
            yield self[position]

    def of_kind(self, kind: str) -> list[Resolved]:
        """The mentions of ``kind`` in list order: ``[r for r in list if r.entity.kind == kind]``,
        each mention looked at once however often this is asked. The same list object is
        extended as mentions are appended (a caller may tell by its length that nothing new came),
        and a new one is made after a sort; callers must not change it."""
        entry = self._of_kind.get(kind)
        if entry is None:
            entry = self._of_kind[kind] = ([], [0])
        found, scanned = entry
        for i in range(scanned[0], len(self)):
            if self[i].entity.kind == kind:
                found.append(self[i])
        scanned[0] = len(self)
        return found

    def first_of_kind_before(self, kind: str, before: int) -> Resolved | None:
        """The first mention of ``kind`` in list order whose start is before ``before``."""
        if kind not in self._first_of_kind:
            of_kind = [r for r in self if r.entity.kind == kind]
            lowest: list[int] = []   # lowest start among the first i+1 mentions, negated to rise
            for r in of_kind:
                lowest.append(-min(r.span.start, -lowest[-1]) if lowest else -r.span.start)
            self._first_of_kind[kind] = (lowest, of_kind)
        lowest, of_kind = self._first_of_kind[kind]
        # the first i whose running lowest start is < before: that mention itself starts before it
        i = bisect_left(lowest, -before + 1)
        return of_kind[i] if i < len(of_kind) else None


class LastEndingBy:
    """"The mention that ends last at or before here", among the mentions of a ``ResolvedList``
    that pass ``wanted``, asked again and again while the list grows.

    What ``sorted((r for r in found if wanted(r) and r.span.end <= pos), key=end)[-1]`` gives
    (of mentions ending together, the one latest in the list), as a binary search: the
    mentions are taken into an index by end once each, when a question first sees them, instead
    of the list being scanned for every question (quadratic in a long text that says "den
    planen" on every page).
    """

    def __init__(self, found: ResolvedList, wanted: Callable[[Resolved], bool]) -> None:
        self._found = found
        self._wanted = wanted
        self._seen = 0
        self._by_end: list[tuple[int, int]] = []     # (end, position in the list), sorted

    def at(self, pos: int) -> Resolved | None:
        found = self._found
        for position in range(self._seen, len(found)):
            if self._wanted(found[position]):
                insort(self._by_end, (found[position].span.end, position))
        self._seen = len(found)
        i = bisect_right(self._by_end, (pos, len(found))) - 1
        return found[self._by_end[i][1]] if i >= 0 else None
