"""A matching form of text that keeps every character at its offset.

Lower-cased, with every dash and hyphen variant folded to ``-`` and non-breaking spaces to
spaces, character for character, so a match in the folded text is a match at the same offsets
in the original.
"""

from __future__ import annotations

_FOLD = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"} | {"\u00a0": " "})


def fold(text: str) -> str:
    folded = text.translate(_FOLD)
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)


def is_word_char(ch: str) -> bool:
    return ch.isalnum()
