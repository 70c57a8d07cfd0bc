"""Where the lines of one text start and end, found once, so "the line holding this position"
is a binary search.

Finding a line with ``rfind``/``find`` from each position reads the whole line every time: a
text on one long line (an HTML page read as one) made every such question cost the line's
length, and extraction quadratic in it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right


class LineIndex:
    """The line breaks of one text (and the places of any other short mark asked about), found
    when first asked."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._breaks: list[int] | None = None
        self._marks: dict[str, list[int]] = {}

    def _all_breaks(self) -> list[int]:
        if self._breaks is None:
            self._breaks = [m.start() for m in re.finditer("\n", self.text)]
        return self._breaks

    def line_start(self, pos: int) -> int:
        """``text.rfind("\\n", 0, pos) + 1``: where the line holding ``pos`` starts."""
        breaks = self._all_breaks()
        i = bisect_left(breaks, pos) - 1
        return breaks[i] + 1 if i >= 0 else 0

    def line_end(self, pos: int) -> int:
        """The first line break at or after ``pos`` (``text.find("\\n", pos)``), else the text's end."""
        breaks = self._all_breaks()
        i = bisect_left(breaks, pos)
        return breaks[i] if i < len(breaks) else len(self.text)

    def last_before(self, mark: str, pos: int) -> int:
        """``text.rfind(mark, 0, pos)`` for a ``mark`` that cannot overlap itself (". ", "\\n"):
        where the last whole occurrence before ``pos`` starts, else -1."""
        if mark not in self._marks:
            self._marks[mark] = [m.start() for m in re.finditer(re.escape(mark), self.text)]
        places = self._marks[mark]
        i = bisect_right(places, pos - len(mark)) - 1
        return places[i] if i >= 0 else -1
