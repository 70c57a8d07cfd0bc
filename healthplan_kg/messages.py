"""Text that reaches the user in a message: one line, escaped, and of a readable length.

A file name may hold a newline (a forged second log line), a terminal escape or a right-to-left
override; a parameter value may be 100 KB. Whatever a message quotes goes through ``shown`` (a
value inside a message) or ``one_line`` (a whole message), so every message the command line
prints is exactly one line a person can read and a script can split on.

>>> one_line("bad\\nname.txt: no such file")
'bad\\\\nname.txt: no such file'
>>> shown("x" * 500, limit=10)
"'xxxxxxxxxx…' (500 characters)"
"""

from __future__ import annotations

import re

#: How much of one quoted value a message shows.
VALUE_LIMIT = 120
#: How long one whole message may be.
LINE_LIMIT = 1000

# C0 and C1 controls, DEL, and the Unicode line/paragraph separators and bidi controls.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def escaped(text: str) -> str:
    """``text`` with every control or line-breaking character written as an escape."""
    return _UNSAFE.sub(_escape, text)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def one_line(text: object, limit: int = LINE_LIMIT) -> str:
    """A whole message as one escaped line, cut to ``limit`` characters (a cut says so)."""
    line = escaped(str(text))
    if len(line) <= limit:
        return line
    return f"{line[:limit]}… ({len(line)} characters)"


def shown(value: object, limit: int = VALUE_LIMIT) -> str:
    """A value quoted inside a message: repr-like quotes, escaped, cut to ``limit`` characters."""
    text = escaped(str(value))
    if len(text) <= limit:
        return f"'{text}'"
    return f"'{_cut(text, limit)}' ({len(text)} characters)"


def path_shown(path: object) -> str:
    """A file name inside a message: escaped but not quoted (a path is the message's subject)."""
    return one_line(path, limit=400)
