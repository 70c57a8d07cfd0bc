"""Typed errors under one base class, so the command line can turn any of them into one line.

Every error names what is wrong and where (a file, a parameter, a query), because the user who
reads it has no traceback to look at.
"""

from __future__ import annotations


class HealthplanError(Exception):
    """Base of every error this package raises on purpose; the CLI prints it and exits 2."""

    exit_code = 2


class InputError(HealthplanError):
    """A document that cannot be read: missing, empty, undecodable or of an unknown format.

    The message is one line whatever the file is called: the path and the problem are escaped
    (``healthplan_kg.messages``), so a newline in a file name cannot forge a second line."""

    def __init__(self, path: object, problem: str) -> None:
        from healthplan_kg.messages import one_line, path_shown
        problem = one_line(problem, limit=500)
        super().__init__(f"{path_shown(path)}: {problem}")
        self.path = path
        self.problem = problem


class StoreError(HealthplanError):
    """The store cannot be opened, written or reached."""


class QueryError(HealthplanError):
    """An unknown saved query, a malformed one, or a failing SPARQL request."""


class ParameterError(QueryError):
    """A saved-query parameter that is unknown, missing or of the wrong type."""


class ReferenceDataError(HealthplanError):
    """The bundled or user-supplied reference data cannot be parsed."""
