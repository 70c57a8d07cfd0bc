"""A matching form of text that keeps every character at its offset.

Lower-cased, with every dash and hyphen variant folded to ``-`` and non-breaking spaces to
spaces, character for character, so a match in the folded text is a match at the same offsets
in the original.
"""

from __future__ import annotations

_FOLD = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"} | {"\u00a0": " "})
#: The same mapping as (character, replacement) pairs: ``str.replace`` for each character present
#: is many times faster than ``str.translate`` on a whole text, and gives the same string because
#: no replacement holds a character that is replaced.
_FOLD_PAIRS = tuple((chr(code), value) for code, value in _FOLD.items())


def fold(text: str) -> str:
    folded = text
    for char, value in _FOLD_PAIRS:
        if char in folded:
            folded = folded.replace(char, value)
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)


def is_word_char(ch: str) -> bool:
    return ch.isalnum()
