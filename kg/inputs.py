"""Input lists for ``kg build`` / ``kg extract``: ``@list.txt`` and ``-`` (paths on standard input).

A list holds one path per line; blank lines and lines starting with ``#`` are
skipped, surrounding whitespace is stripped.  Relative paths in a list file are
taken relative to the current directory (as a shell would pass them), not to
the list file, so ``find filings -name '*.htm' > list.txt`` works as is.  An
argument that is neither ``-`` nor ``@…`` is a path (a file named ``@x`` can
be given as ``./@x``).
"""
from __future__ import annotations

from typing import IO, Iterable

from kg.errors import SourceError

__all__ = ["expand_inputs"]


def _lines(text: str) -> list[str]:
    return [s for s in (line.strip() for line in text.splitlines()) if s and not s.startswith("#")]


def expand_inputs(args: Iterable[str], stdin: IO[str] | None = None) -> list[str]:
    """``args`` with every ``@FILE`` replaced by the paths it lists and ``-`` by the paths on ``stdin``.

    Raises :class:`SourceError` naming the list file when it cannot be read,
    and when ``-`` is given but standard input is a terminal or absent.
    """
    out: list[str] = []
    stdin_read = False
    for arg in args:
        if arg == "-":
            if stdin_read:
                continue
            if stdin is None or (hasattr(stdin, "isatty") and stdin.isatty()):
                raise SourceError("'-' reads paths from standard input, but none is piped in "
                                  "(e.g. `find filings -name '*.txt' | kg build - --store deals.kg`)")
            out.extend(_lines(stdin.read()))
            stdin_read = True
        elif arg.startswith("@") and len(arg) > 1:
            path = arg[1:]
            try:
                with open(path, encoding="utf-8") as fh:
                    out.extend(_lines(fh.read()))
            except FileNotFoundError:
                raise SourceError("input list not found (an @FILE argument lists one path per line)", path=path) from None
            except (OSError, UnicodeDecodeError) as e:
                raise SourceError(f"cannot read input list: {getattr(e, 'strerror', None) or e}", path=path) from None
        else:
            out.append(arg)
    return out
