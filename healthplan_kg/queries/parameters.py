"""Typed saved-query parameters: a raw value is checked and turned into an RDF term before the query runs.

Values never become query text: a checked value is an RDF term handed to the store as a binding,
so a value holding ``"`` or ``}`` or ``DROP ALL`` can at worst match nothing. Types:

``iri``         an absolute IRI (``https://…``, optionally in ``<…>``) or a CURIE with one of the
                project's prefixes (``id:document/nou-2023-4``); ``word:rest`` with an unknown
                prefix (not ``urn:``, ``tag:``, ``mailto:``...) is refused with the known prefixes
``string``      any text without control characters other than tab and newline -> ``xsd:string``
``langString``  ``text@nb`` -> a language-tagged literal
``date``        ``YYYY-MM-DD`` -> ``xsd:date``
``integer``     ``-12`` -> ``xsd:integer``
``enum``        one of the parameter's ``allowed`` values -> ``xsd:string``
``list[T]``     comma-separated values of scalar type ``T``. A list is not one term, so it is not
                bound as one: the registry runs the query once per item (each bound like a single
                value) and returns the rows of the runs in the order the items were given.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from healthplan_kg.errors import ParameterError
from healthplan_kg.messages import shown
from healthplan_kg.namespaces import PREFIXES, XSD
from healthplan_kg.store.base import Term

SCALAR_TYPES = ("iri", "string", "langString", "date", "integer", "enum")
MAX_LIST_ITEMS = 50

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f]')
_LANG_TAG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_INTEGER = re.compile(r"[+-]?\d{1,18}")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
#: IRI schemes written without "//" that a parameter may use as they are; any other
#: ``word:rest`` without "//" is read as a CURIE and must use one of the project's prefixes.
_SCHEMES_WITHOUT_AUTHORITY = frozenset({"urn", "tag", "mailto", "info", "doi", "data"})


@dataclass
class Parameter:
    """One declared parameter of a saved query, as its header states it."""

    name: str
    type: str
    required: bool = False
    default: str | None = None
    allowed: list[str] | None = None
    description: str = ""

    @classmethod
    def from_header(cls, fields: dict[str, Any], where: str) -> Parameter:
        """Build and check a parameter from its header mapping; ``where`` names the query file."""
        name = fields.get("name")
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            raise ParameterError(f"{where}: parameter name {shown(name)} is not a SPARQL variable name")
        unknown = sorted(set(fields) - {"name", "type", "required", "default", "allowed", "description"})
        if unknown:
            raise ParameterError(f"{where}: parameter '{name}' has unknown key(s) {', '.join(unknown)}")
        kind = fields.get("type")
        item_type = _item_type(kind) if isinstance(kind, str) else None
        if item_type not in SCALAR_TYPES:
            raise ParameterError(f"{where}: parameter '{name}' has type {shown(kind)}; expected one of "
                                 f"{', '.join(SCALAR_TYPES)} or list[T] of one of them")
        allowed = fields.get("allowed")
        if item_type == "enum":
            if not isinstance(allowed, list) or not allowed:
                raise ParameterError(f"{where}: enum parameter '{name}' needs a list of 'allowed' values")
            allowed = [str(a) for a in allowed]
        elif allowed is not None:
            raise ParameterError(f"{where}: only an enum parameter takes 'allowed' ('{name}' is {kind})")
        default = fields.get("default")
        parameter = cls(name=name, type=kind, required=bool(fields.get("required", False)),
                        default=None if default is None else str(default), allowed=allowed,
                        description=str(fields.get("description") or "").strip())
        if parameter.default is not None:   # a bad default is the file's fault: fail on load
            try:
                parameter.convert(parameter.default)
            except ParameterError as error:
                raise ParameterError(f"{where}: bad default: {error}") from None
        return parameter

    @property
    def is_list(self) -> bool:
        return self.type.startswith("list[")

    @property
    def item_type(self) -> str:
        return _item_type(self.type) or self.type

    def convert(self, raw: str) -> Term | list[Term]:
        """The RDF term (a list of terms for ``list[T]``) a raw text value stands for."""
        if not isinstance(raw, str):
            raise ParameterError(f"parameter '{self.name}': expected text, got {type(raw).__name__}")
        if not self.is_list:
            return self._scalar(raw)
        items = [item.strip() for item in raw.split(",")]
        if any(not item for item in items):
            raise ParameterError(f"parameter '{self.name}': expected comma-separated "
                                 f"{self.item_type} values with none empty, got {shown(raw)}")
        return self.accept(items)

    def accept(self, value: object) -> Term | list[Term]:
        """Check a typed Python value (term, str, int, date, or a sequence for a list) -> term(s)."""
        if self.is_list:
            if isinstance(value, str | bytes) or not isinstance(value, Sequence):
                value = [value]
            if not value or len(value) > MAX_LIST_ITEMS:
                raise ParameterError(f"parameter '{self.name}': expected 1 to {MAX_LIST_ITEMS} "
                                     f"{self.item_type} values, got {len(value)}")
            return [self._scalar_value(item) for item in value]
        return self._scalar_value(value)

    def _scalar_value(self, value: object) -> Term:
        """A typed value goes through the same checks as its text form, so both paths agree."""
        kind = self.item_type
        if isinstance(value, ox.NamedNode):
            if kind != "iri":
                raise self._mismatch(value)
            value = value.value
        elif isinstance(value, ox.Literal):
            if kind == "langString" and value.language:
                value = f"{value.value}@{value.language}"
            elif kind in ("iri", "langString"):
                raise self._mismatch(value)
            else:
                value = value.value
        elif isinstance(value, bool):
            raise self._mismatch(value)
        elif isinstance(value, int) and kind == "integer":
            value = str(value)
        elif isinstance(value, _dt.date) and kind == "date":
            value = value.isoformat()
        if not isinstance(value, str):
            raise self._mismatch(value)
        return self._scalar(value)

    def _mismatch(self, value: object) -> ParameterError:
        return ParameterError(f"parameter '{self.name}': expected {self._expected()}, "
                              f"got {type(value).__name__} {shown(value)}")

    def _scalar(self, raw: str) -> Term:
        kind = self.item_type
        if kind == "iri":
            return ox.NamedNode(self._iri(raw))
        if _CONTROL.search(raw):
            raise ParameterError(f"parameter '{self.name}': control characters are not allowed "
                                 f"in a {kind} value")
        if kind == "string":
            return ox.Literal(raw)
        if kind == "langString":
            text, at, tag = raw.rpartition("@")
            if not at or not _LANG_TAG.fullmatch(tag):
                raise ParameterError(f"parameter '{self.name}': expected text@language "
                                     f"(e.g. 'helsedirektør@nb'), got {shown(raw)}")
            return ox.Literal(text, language=tag.lower())
        if kind == "date":
            try:
                if not _DATE.fullmatch(raw):
                    raise ValueError(raw)
                _dt.date.fromisoformat(raw)
            except ValueError:
                raise ParameterError(f"parameter '{self.name}': expected a date YYYY-MM-DD, "
                                     f"got {shown(raw)}") from None
            return ox.Literal(raw, datatype=ox.NamedNode(XSD + "date"))
        if kind == "integer":
            if not _INTEGER.fullmatch(raw):
                raise ParameterError(f"parameter '{self.name}': expected an integer, got {shown(raw)}")
            return ox.Literal(str(int(raw)), datatype=ox.NamedNode(XSD + "integer"))
        # enum
        if raw not in (self.allowed or []):
            raise ParameterError(f"parameter '{self.name}': expected one of "
                                 f"{', '.join(self.allowed or [])}, got {shown(raw)}")
        return ox.Literal(raw)

    def _iri(self, raw: str) -> str:
        text = raw[1:-1] if raw.startswith("<") and raw.endswith(">") else raw
        prefix, colon, local = text.partition(":")
        if colon and prefix in PREFIXES and not local.startswith("//"):
            text = PREFIXES[prefix] + local
        elif (colon and _SCHEME.fullmatch(prefix + ":") and not local.startswith("//")
              and prefix.lower() not in _SCHEMES_WITHOUT_AUTHORITY):
            # "idd:document/x" is a mistyped CURIE far more often than an IRI of scheme "idd":
            # taken as an IRI it would silently match nothing.
            raise ParameterError(f"parameter '{self.name}': unknown prefix {shown(prefix)} in {shown(raw)}; "
                                 f"known prefixes: {', '.join(sorted(PREFIXES))} (or give an absolute "
                                 f"IRI such as https://…)")
        if not _SCHEME.match(text) or _IRI_FORBIDDEN.search(text):
            raise ParameterError(f"parameter '{self.name}': expected an absolute IRI or a CURIE with "
                                 f"one of the prefixes {', '.join(PREFIXES)}, got {shown(raw)}")
        try:
            ox.NamedNode(text)
        except ValueError as error:
            raise ParameterError(f"parameter '{self.name}': {shown(raw)} is not a valid IRI: {error}") from None
        return text

    def _expected(self) -> str:
        return f"one of {', '.join(self.allowed or [])}" if self.item_type == "enum" else self.item_type


def _item_type(kind: str | None) -> str | None:
    if kind and kind.startswith("list[") and kind.endswith("]"):
        return kind[5:-1]
    return kind

