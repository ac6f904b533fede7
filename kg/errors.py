"""One exception tree for dealgraph (house rule 2 of DESIGN.md).

Every message says what went wrong, where (file, document, offset) and, when
useful, what to do.  ``kg.cli`` turns a :class:`KgError` into one line on
stderr and an exit code; nothing else prints tracebacks at the user.
"""
from __future__ import annotations

__all__ = [
    "KgError",
    "SourceError",
    "ExtractionError",
    "StoreError",
    "ValidationError",
    "QueryError",
    "ExportError",
]


class KgError(Exception):
    """Base of every error dealgraph raises on purpose."""

    exit_code = 2

    def __init__(self, message: str, *, path: str | None = None):
        self.path = path
        super().__init__(message)

    def one_line(self) -> str:
        """The message as one line, prefixed with the file it concerns."""
        msg = " ".join(str(self).split())
        return f"{self.path}: {msg}" if self.path else msg


class SourceError(KgError):
    """An input file cannot be read as a filing (empty, binary, truncated, undecodable...)."""


class ExtractionError(KgError):
    """An extractor failed on a document it could read."""


class StoreError(KgError):
    """The store cannot be opened, read or written."""


class ValidationError(KgError):
    """SHACL validation could not run (not: the graph has violations)."""


class QueryError(KgError):
    """A named query is unknown, has bad parameters, or failed."""


class ExportError(KgError):
    """An export format is unknown or the export failed."""
