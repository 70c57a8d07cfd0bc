"""Sidecar metadata: ``NAME.meta.json`` beside ``NAME.EXT`` (e.g. ``letter.meta.json`` beside
``letter.txt``).

A sidecar lets a user give a document the metadata its file cannot carry (a plain text file has
no title field, a saved web page may have lost its URL). It is one JSON object whose keys are
among ``title, published, modified, publisher, author, url, language``, all strings; dates in
any form ``normalise_date`` reads, ``language`` ``nb`` or ``nn``. Its values win over what the
file itself says. A sidecar is written by a person, so a mistake in it is refused with an error
naming the file and the key rather than silently ignored.
"""

from __future__ import annotations

import json
from pathlib import Path

from healthplan_kg.errors import InputError
from healthplan_kg.readers.base import METADATA_KEYS, language_code
from healthplan_kg.readers.dates import normalise_date

SIDECAR_SUFFIX = ".meta.json"


def sidecar_path(document: Path) -> Path:
    """Where the sidecar of ``document`` lives: ``letter.txt`` -> ``letter.meta.json``."""
    return document.with_name(document.stem + SIDECAR_SUFFIX)


def is_sidecar(path: Path) -> bool:
    return path.name.endswith(SIDECAR_SUFFIX)


def read_sidecar(document: Path) -> dict[str, str]:
    """The sidecar's metadata for ``document`` (empty when there is none), validated."""
    path = sidecar_path(document)
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(path, "sidecar is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise InputError(path, f"malformed JSON at line {error.lineno}, column {error.colno}: "
                               f"{error.msg}") from None
    except OSError as error:
        raise InputError(path, f"sidecar cannot be read ({error.strerror or error})") from None
    if not isinstance(data, dict):
        raise InputError(path, "sidecar must be a JSON object of metadata keys")
    metadata: dict[str, str] = {}
    for key, value in data.items():
        if key not in METADATA_KEYS:
            raise InputError(path, f"unknown key {key!r} (allowed: {', '.join(METADATA_KEYS)})")
        if value is None:
            continue
        if not isinstance(value, str) or not value.strip():
            raise InputError(path, f"key {key!r} must be a non-empty string")
        metadata[key] = _checked_value(path, key, value.strip())
    return metadata


def _checked_value(path: Path, key: str, value: str) -> str:
    if key in {"published", "modified"}:
        normalised = normalise_date(value)
        if normalised is None:
            raise InputError(path, f"key {key!r}: {value!r} is not a date (use YYYY-MM-DD)")
        return normalised
    if key == "language":
        code = language_code(value)
        if code is None:
            raise InputError(path, f"key 'language': {value!r} is neither 'nb' nor 'nn'")
        return code
    return value
